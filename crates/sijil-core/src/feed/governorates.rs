//! The 14 governorates of Syria, built in as data: OCHA p-code, English and Arabic names, centroid.
//!
//! The feed refers to governorates by p-code only (`SY01`…`SY14`); names and positions live here
//! so that a feed cannot rename a governorate or move it on the tile map. The values are copied
//! from the level-1 rows of `syria-admin-divisions.csv` (columns `id`, `name.en`, `name.local`,
//! `geo.lat`, `geo.lon`).
//!
//! Source: Open Admin Data, <https://openadmindata.org/sy/>, licensed CC BY 4.0. Wherever these
//! names are shown, show [`ATTRIBUTION`] too.

use crate::lang::Lang;

/// Credit line required by the CC BY 4.0 licence of the names and centroids.
pub const ATTRIBUTION: &str = "Governorate names: Open Admin Data (openadmindata.org), CC BY 4.0";

/// One governorate (admin level 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Governorate {
    /// OCHA p-code, `SY01`…`SY14`.
    pub code: &'static str,
    pub name_en: &'static str,
    pub name_ar: &'static str,
    /// Centroid latitude, degrees north.
    pub lat: f64,
    /// Centroid longitude, degrees east.
    pub lon: f64,
}

impl Governorate {
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ar => self.name_ar,
            Lang::En => self.name_en,
        }
    }
}

const fn gov(
    code: &'static str,
    en: &'static str,
    ar: &'static str,
    lat: f64,
    lon: f64,
) -> Governorate {
    Governorate {
        code,
        name_en: en,
        name_ar: ar,
        lat,
        lon,
    }
}

/// All governorates in p-code order (Open Admin Data, CC BY 4.0).
pub const GOVERNORATES: [Governorate; 14] = [
    gov("SY01", "Damascus", "دمشق", 33.516, 36.274),
    gov("SY02", "Aleppo", "حلب", 36.147, 37.395),
    gov("SY03", "Rural Damascus", "ريف دمشق", 33.452, 37.44),
    gov("SY04", "Homs", "حمص", 34.465, 38.209),
    gov("SY05", "Hama", "حماة", 35.31, 37.343),
    gov("SY06", "Lattakia", "اللاذقية", 35.581, 35.991),
    gov("SY07", "Idleb", "إدلب", 35.858, 36.571),
    gov("SY08", "Al-Hasakeh", "الحسكة", 36.428, 40.558),
    gov("SY09", "Deir-ez-Zor", "دير الزور", 35.201, 40.295),
    gov("SY10", "Tartous", "طرطوس", 34.951, 36.076),
    gov("SY11", "Ar-Raqqa", "الرقة", 36.023, 38.921),
    gov("SY12", "Dar'a", "درعا", 32.83, 36.112),
    gov("SY13", "As-Sweida", "السويداء", 32.756, 36.895),
    gov("SY14", "Quneitra", "القنيطرة", 33.017, 35.797),
];

/// The governorate with this exact p-code (case-sensitive, as the contract spells them).
pub fn governorate(code: &str) -> Option<&'static Governorate> {
    GOVERNORATES.iter().find(|g| g.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sy01_to_sy14_in_order() {
        for (i, g) in GOVERNORATES.iter().enumerate() {
            assert_eq!(g.code, format!("SY{:02}", i + 1));
            assert!(
                (32.0..37.5).contains(&g.lat) && (35.5..42.5).contains(&g.lon),
                "{g:?}"
            );
        }
        assert_eq!(governorate("SY02").unwrap().name(Lang::En), "Aleppo");
        assert_eq!(governorate("SY02").unwrap().name(Lang::Ar), "حلب");
        assert_eq!(governorate("sy02"), None);
        assert_eq!(governorate("SY15"), None);
    }
}
