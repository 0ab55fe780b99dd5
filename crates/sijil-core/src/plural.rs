//! Counted nouns in Arabic and English: "34 months" / "٣٤ شهرًا", "3 months" / "٣ أشهر".
//!
//! Arabic chooses the noun's form by the number (CLDR's plural categories for `ar`): 1 and 2
//! are said by the noun alone ("شهر واحد", "شهران"), 3 to 10 take the plural ("أشهر"), 11 to 99
//! the accusative singular ("شهرًا"), and 0, 100, 101, … the genitive singular ("شهر"); the
//! category follows the last two digits (103 → "أشهر", 111 → "شهرًا"). The number itself is
//! written by the caller, in the reader's digits.

use crate::lang::Lang;

/// A noun's forms: English singular and plural; Arabic for one and two (said without the
/// number), for 3–10, for 11–99, and for the rest.
#[derive(Clone, Copy, Debug)]
pub struct Noun {
    pub en: (&'static str, &'static str),
    pub ar: [&'static str; 5],
}

pub const MONTHS: Noun = Noun {
    en: ("month", "months"),
    ar: ["شهر واحد", "شهرين", "أشهر", "شهرًا", "شهر"],
};
pub const CIVILIANS: Noun = Noun {
    en: ("civilian", "civilians"),
    ar: ["مدني واحد", "مدنيَّين", "مدنيين", "مدنيًا", "مدني"],
};
pub const CHILDREN: Noun = Noun {
    en: ("child", "children"),
    ar: ["طفل واحد", "طفلين", "أطفال", "طفلًا", "طفل"],
};
pub const WOMEN: Noun = Noun {
    en: ("woman", "women"),
    ar: ["سيدة واحدة", "سيدتين", "سيدات", "سيدة", "سيدة"],
};
pub const MASSACRES: Noun = Noun {
    en: ("massacre", "massacres"),
    ar: ["مجزرة واحدة", "مجزرتين", "مجازر", "مجزرة", "مجزرة"],
};
pub const GOVERNORATES: Noun = Noun {
    en: ("governorate", "governorates"),
    ar: ["محافظة واحدة", "محافظتين", "محافظات", "محافظة", "محافظة"],
};

/// `n` with its noun, the number written by `count` (digits and grouping of the reader):
/// `counted(34, "٣٤", &MONTHS, Ar)` is "٣٤ شهرًا", `counted(2, "٢", …)` is "شهرين".
pub fn counted(n: u64, count: &str, noun: &Noun, lang: Lang) -> String {
    let word = match (lang, n, n % 100) {
        (Lang::En, 1, _) => noun.en.0,
        (Lang::En, _, _) => noun.en.1,
        (Lang::Ar, 1, _) => return noun.ar[0].to_owned(),
        (Lang::Ar, 2, _) => return noun.ar[1].to_owned(),
        (Lang::Ar, _, 3..=10) => noun.ar[2],
        (Lang::Ar, _, 11..=99) => noun.ar[3],
        (Lang::Ar, _, _) => noun.ar[4],
    };
    let mut out = String::with_capacity(count.len() + 1 + word.len());
    out.push_str(count);
    out.push(' ');
    out.push_str(word);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_forms_follow_the_number() {
        let ar = |n: u64| counted(n, &n.to_string(), &MONTHS, Lang::Ar);
        assert_eq!(ar(1), "شهر واحد");
        assert_eq!(ar(2), "شهرين");
        assert_eq!(ar(3), "3 أشهر");
        assert_eq!(ar(10), "10 أشهر");
        assert_eq!(ar(11), "11 شهرًا");
        assert_eq!(ar(34), "34 شهرًا");
        assert_eq!(ar(99), "99 شهرًا");
        assert_eq!(ar(100), "100 شهر");
        assert_eq!(ar(102), "102 شهر");
        assert_eq!(ar(103), "103 أشهر");
        assert_eq!(ar(111), "111 شهرًا");
        assert_eq!(ar(0), "0 شهر");
        assert_eq!(counted(34, "٣٤", &MONTHS, Lang::Ar), "٣٤ شهرًا");
        assert_eq!(counted(1, "1", &MONTHS, Lang::En), "1 month");
        assert_eq!(counted(34, "34", &MONTHS, Lang::En), "34 months");
        assert_eq!(counted(23, "٢٣", &CHILDREN, Lang::Ar), "٢٣ طفلًا");
        assert_eq!(counted(5, "٥", &CHILDREN, Lang::Ar), "٥ أطفال");
    }
}
