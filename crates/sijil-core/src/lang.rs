//! The two interface languages, their text direction, and how interface text is written in
//! them ([`texts!`](crate::texts)).
//!
//! Direction comes from the chosen language, never from guessing at the text: a name typed in
//! Latin letters inside the Arabic interface is still laid out right-to-left.

/// An interface language. Arabic comes first: it is the first language of our users.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Ar,
    En,
}

impl Lang {
    /// BCP 47 tag for the `lang` attribute and for `Intl` formatters.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// Value for the `dir` attribute.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En => "ltr",
        }
    }

    /// Parses a language parameter (`ar`, `en`, also `ar-SY`, `en-GB`); anything else is `None`
    /// so the caller can fall back to its configured default.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        match primary.as_str() {
            "ar" => Some(Lang::Ar),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, used for fallbacks of localized text.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ar => Lang::En,
            Lang::En => Lang::Ar,
        }
    }
}

/// Interface text, written the one way this workspace writes it: a struct with a named field
/// per text and one value of it per language, so a text missing in a language does not
/// compile. `texts! { Name; key: "English", "العربية"; … }` (doc comments allowed before the
/// name and each key) writes `pub struct Name`, its
/// values `Name::EN` and `Name::AR` (each text's two languages side by side, as translators
/// check them) and `Name::get(lang)`. A text with values has `{}` holes, filled in order by
/// [`fill`](crate::feed::fill).
#[macro_export]
macro_rules! texts {
    ($(#[$doc:meta])* $name:ident; $($(#[$key_doc:meta])* $key:ident: $en:literal, $ar:literal;)+) => {
        $(#[$doc])*
        pub struct $name {
            $($(#[$key_doc])* pub $key: &'static str,)+
        }
        impl $name {
            pub const EN: $name = $name { $($key: $en,)+ };
            pub const AR: $name = $name { $($key: $ar,)+ };
            /// The texts in `lang`.
            pub fn get(lang: $crate::lang::Lang) -> &'static $name {
                match lang {
                    $crate::lang::Lang::Ar => &Self::AR,
                    $crate::lang::Lang::En => &Self::EN,
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_and_regions() {
        assert_eq!(Lang::parse("ar"), Some(Lang::Ar));
        assert_eq!(Lang::parse("AR-sy"), Some(Lang::Ar));
        assert_eq!(Lang::parse("en_GB"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn direction_follows_language() {
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::En.dir(), "ltr");
        assert_eq!(Lang::Ar.other(), Lang::En);
    }
}
