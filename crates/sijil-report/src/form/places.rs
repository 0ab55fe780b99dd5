//! Districts (admin level 2) by governorate, for the place-of-death question: the district list
//! offered depends on the chosen governorate, and a district must belong to it.
//!
//! Governorates are keyed by their p-code (`SY01`…`SY14`); their names live once, in
//! [`sijil_core::feed::governorates`], and are not repeated here.
//!
//! Copied from the level-2 rows of `syria-admin-divisions.csv` (columns `id`, `parent.id`,
//! `name.en`, `name.local`). Source: Open Admin Data, <https://openadmindata.org/sy/>, licensed
//! CC BY 4.0; wherever these names are shown, show [`sijil_core::feed::governorates::ATTRIBUTION`]
//! (its credit covers the districts too, they come from the same dataset).

use sijil_core::feed::governorates::{governorate, Governorate};
use sijil_core::lang::Lang;

/// One district (admin level 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct District {
    /// p-code, e.g. `SY0200`.
    pub code: &'static str,
    /// p-code of its governorate, e.g. `SY02`.
    pub governorate: &'static str,
    pub name_en: &'static str,
    pub name_ar: &'static str,
}

impl District {
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ar => self.name_ar,
            Lang::En => self.name_en,
        }
    }
}

const fn district(
    code: &'static str,
    governorate: &'static str,
    name_en: &'static str,
    name_ar: &'static str,
) -> District {
    District {
        code,
        governorate,
        name_en,
        name_ar,
    }
}

/// All 62 districts, grouped by governorate in p-code order (Open Admin Data, CC BY 4.0).
pub const DISTRICTS: [District; 62] = [
    district("SY0100", "SY01", "Damascus", "دمشق"),
    district("SY0200", "SY02", "Jebel Saman", "جبل سمعان"),
    district("SY0202", "SY02", "Al Bab", "الباب"),
    district("SY0203", "SY02", "Afrin", "عفرين"),
    district("SY0204", "SY02", "A'zaz", "اعزاز"),
    district("SY0205", "SY02", "Menbij", "منبج"),
    district("SY0206", "SY02", "Ain Al Arab", "عين العرب"),
    district("SY0207", "SY02", "As-Safira", "السفيرة"),
    district("SY0208", "SY02", "Jarablus", "جرابلس"),
    district("SY0301", "SY03", "Rural Damascus", "مركز ريف دمشق"),
    district("SY0302", "SY03", "Duma", "دوما"),
    district("SY0303", "SY03", "Al Qutayfah", "القطيفة"),
    district("SY0304", "SY03", "At Tall", "التل"),
    district("SY0305", "SY03", "Yabroud", "يبرود"),
    district("SY0306", "SY03", "An Nabk", "النبك"),
    district("SY0307", "SY03", "Az-Zabdani", "الزبداني"),
    district("SY0308", "SY03", "Qatana", "قطنا"),
    district("SY0309", "SY03", "Darayya", "داريا"),
    district("SY0401", "SY04", "Homs", "مركز حمص"),
    district("SY0402", "SY04", "Al-Qusayr", "القصير"),
    district("SY0403", "SY04", "Tall Kalakh", "تلكلخ"),
    district("SY0404", "SY04", "Ar-Rastan", "الرستن"),
    district("SY0405", "SY04", "Tadmor", "تدمر"),
    district("SY0406", "SY04", "Al Makhrim", "المخرم"),
    district("SY0501", "SY05", "Hama", "مركز حماة"),
    district("SY0502", "SY05", "As-Suqaylabiyah", "السقيلبية"),
    district("SY0503", "SY05", "As-Salamiyeh", "السلمية"),
    district("SY0504", "SY05", "Masyaf", "مصياف"),
    district("SY0505", "SY05", "Muhradah", "محردة"),
    district("SY0600", "SY06", "Lattakia", "مركز اللاذقية"),
    district("SY0602", "SY06", "Jablah", "جبلة"),
    district("SY0603", "SY06", "Al-Haffa", "الحفة"),
    district("SY0604", "SY06", "Al-Qardaha", "القرداحة"),
    district("SY0700", "SY07", "Idleb", "مركز إدلب"),
    district("SY0702", "SY07", "Al Ma'ra", "معرة النعمان"),
    district("SY0703", "SY07", "Harim", "حارم"),
    district("SY0704", "SY07", "Jisr-Ash-Shugur", "جسر الشغور"),
    district("SY0705", "SY07", "Ariha", "أريحا"),
    district("SY0800", "SY08", "Al-Hasakeh", "مركز الحسكة"),
    district("SY0802", "SY08", "Quamishli", "القامشلي"),
    district("SY0803", "SY08", "Al-Malikeyyeh", "المالكية"),
    district("SY0804", "SY08", "Ras Al Ain", "رأس العين"),
    district("SY0901", "SY09", "Deir-ez-Zor", "مركز دير الزور"),
    district("SY0902", "SY09", "Abu Kamal", "البوكمال"),
    district("SY0903", "SY09", "Al Mayadin", "الميادين"),
    district("SY1000", "SY10", "Tartous", "مركز طرطوس"),
    district("SY1002", "SY10", "Banyas", "بانياس"),
    district("SY1003", "SY10", "Safita", "صافيتا"),
    district("SY1004", "SY10", "Dreikish", "دريكيش"),
    district("SY1005", "SY10", "Sheikh Badr", "الشيخ بدر"),
    district("SY1006", "SY10", "Qadmous", "القدموس"),
    district("SY1101", "SY11", "Ar-Raqqa", "مركز الرقة"),
    district("SY1102", "SY11", "Tell Abiad", "تل أبيض"),
    district("SY1103", "SY11", "Ath-Thawrah", "الثورة"),
    district("SY1200", "SY12", "Dar'a", "درعا"),
    district("SY1202", "SY12", "As-Sanamayn", "الصنمين"),
    district("SY1203", "SY12", "Izra'", "ازرع"),
    district("SY1300", "SY13", "As-Sweida", "مركز السويداء"),
    district("SY1302", "SY13", "Salkhad", "صلخد"),
    district("SY1303", "SY13", "Shahba", "شهبا"),
    district("SY1400", "SY14", "Quneitra", "مركز القنيطرة"),
    district("SY1402", "SY14", "Al Fiq", "فيق"),
];

/// The districts of one governorate (empty for an unknown p-code), in the dataset's order.
pub fn districts_of(governorate_code: &str) -> impl Iterator<Item = &'static District> + '_ {
    DISTRICTS
        .iter()
        .filter(move |d| d.governorate == governorate_code)
}

/// The district with this exact p-code.
pub fn district_by_code(code: &str) -> Option<&'static District> {
    DISTRICTS.iter().find(|d| d.code == code)
}

/// The governorate with this exact p-code (re-exported so the form needs one import).
pub fn governorate_by_code(code: &str) -> Option<&'static Governorate> {
    governorate(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sijil_core::feed::governorates::GOVERNORATES;

    #[test]
    fn every_governorate_has_districts_and_every_district_a_governorate() {
        for g in GOVERNORATES.iter() {
            assert!(districts_of(g.code).count() >= 1, "{}", g.code);
        }
        for d in DISTRICTS.iter() {
            assert!(governorate(d.governorate).is_some(), "{d:?}");
            assert!(d.code.starts_with(d.governorate), "{d:?}");
        }
        let codes: std::collections::HashSet<_> = DISTRICTS.iter().map(|d| d.code).collect();
        assert_eq!(codes.len(), DISTRICTS.len());
    }

    #[test]
    fn lookups() {
        assert_eq!(districts_of("SY02").count(), 8);
        assert_eq!(districts_of("SY01").count(), 1);
        assert_eq!(districts_of("SY99").count(), 0);
        let afrin = district_by_code("SY0203").unwrap();
        assert_eq!(
            (afrin.name(Lang::En), afrin.name(Lang::Ar)),
            ("Afrin", "عفرين")
        );
        assert_eq!(afrin.governorate, "SY02");
        assert_eq!(district_by_code("SY02"), None);
    }
}
