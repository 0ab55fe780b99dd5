//! The form's fixed choice lists, each a Rust enum with a stable id and Arabic and English labels.
//!
//! Ids are what drafts and the report wire format store, so they never change; labels can be
//! improved at any time. The Arabic improves on the spec's first draft where it read badly: a
//! bare "قصف" (bombardment) next to "قصف جوي" (airstrike) was ambiguous, so shelling names the
//! artillery and rockets; "أخرى" (feminine plural "others") becomes "غير ذلك", which is what an
//! Arabic form says for "other".
//!
//! The party list is not here: it is the organization's data (runtime config), like the feed's.

use sijil_core::lang::Lang;

/// Declares a choice enum: `Variant = "id", "English", "Arabic";`.
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $id:literal, $en:literal, $ar:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every choice, in the order the form offers them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable id stored in drafts and reports.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            /// The label shown to the user.
            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Lang::En) => $en, ($name::$variant, Lang::Ar) => $ar,)+
                }
            }

            /// The choice with this id; `None` for anything else (never a default guess).
            pub fn from_id(id: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|c| c.id() == id)
            }
        }
    };
}

choices! {
    /// How the person filling in the form is related to the victim.
    Relationship {
        Parent = "parent", "Parent", "الأب أو الأم";
        Child = "child", "Son or daughter", "ابن أو ابنة";
        Sibling = "sibling", "Brother or sister", "أخ أو أخت";
        Spouse = "spouse", "Husband or wife", "زوج أو زوجة";
        OtherRelative = "other_relative", "Other relative", "قريب آخر";
        FriendNeighbour = "friend_neighbour", "Friend or neighbour", "صديق أو جار";
        Witness = "witness", "Witness", "شاهد";
        Other = "other", "Other", "غير ذلك";
    }
}

choices! {
    /// How the organization may contact the person who reported.
    ContactMethod {
        Signal = "signal", "Signal", "سيغنال";
        WhatsApp = "whatsapp", "WhatsApp", "واتساب";
        Phone = "phone", "Phone call", "اتصال هاتفي";
        Email = "email", "Email", "بريد إلكتروني";
    }
}

choices! {
    /// The victim's sex.
    Sex {
        Male = "male", "Male", "ذكر";
        Female = "female", "Female", "أنثى";
        Unknown = "unknown", "Unknown", "غير معروف";
    }
}

choices! {
    /// A yes/no question that always offers "I don't know" (civilian? detained? body handed over?).
    YesNoUnknown {
        Yes = "yes", "Yes", "نعم";
        No = "no", "No", "لا";
        Unknown = "unknown", "I don't know", "لا أعرف";
    }
}

choices! {
    /// Professions the organization counts separately (any number may apply).
    Profession {
        Media = "media", "Media worker", "عامل في المجال الإعلامي";
        Medical = "medical", "Medical personnel", "من الكوادر الطبية";
        CivilDefense = "civil_defense", "Civil Defense", "الدفاع المدني";
        Relief = "relief", "Relief worker", "عامل في المجال الإغاثي";
    }
}

choices! {
    /// How the victim was killed.
    Method {
        Shooting = "shooting", "Shooting", "إطلاق نار";
        Shelling = "shelling", "Shelling (artillery, rockets)", "قصف مدفعي أو صاروخي";
        Airstrike = "airstrike", "Airstrike", "قصف جوي";
        Explosion = "explosion", "Explosion or car bomb", "تفجير أو سيارة مفخخة";
        Landmine = "landmine", "Landmine or explosive remnant of war", "لغم أو مخلّفات حرب";
        FieldExecution = "field_execution", "Field execution", "إعدام ميداني";
        TortureDetention = "torture_detention", "Torture or death in detention", "تعذيب أو وفاة أثناء الاحتجاز";
        Siege = "siege", "Siege (starvation, no medical care)", "حصار (تجويع أو حرمان من الرعاية الطبية)";
        Chemical = "chemical", "Chemical attack", "هجوم كيميائي";
        Other = "other", "Other", "غير ذلك";
        Unknown = "unknown", "I don't know", "لا أعرف";
    }
}

choices! {
    /// The weapon, asked only for the methods where one applies ([`Method::asks_weapon`]).
    Weapon {
        BarrelBomb = "barrel_bomb", "Barrel bomb", "برميل متفجّر";
        Cluster = "cluster", "Cluster munition", "ذخائر عنقودية";
        Missile = "missile", "Missile", "صاروخ";
        Mortar = "mortar", "Mortar", "قذيفة هاون";
        Artillery = "artillery", "Artillery", "قذيفة مدفعية";
        Firearm = "firearm", "Firearm", "سلاح ناري";
        Bladed = "bladed", "Knife or other bladed weapon", "سلاح أبيض";
        Chemical = "chemical", "Chemical weapon", "سلاح كيميائي";
        Other = "other", "Other", "غير ذلك";
        Unknown = "unknown", "I don't know", "لا أعرف";
    }
}

choices! {
    /// How the family learned of a death in detention.
    LearnedHow {
        OfficialNotice = "official_notice", "Official notice or death certificate", "إشعار رسمي أو شهادة وفاة";
        CivilRegistry = "civil_registry", "Civil registry record", "قيد في السجل المدني";
        ReleasedDetainee = "released_detainee", "A released detainee", "معتقل أُفرج عنه";
        Photographs = "photographs", "Photographs", "صور";
        Other = "other", "Other", "غير ذلك";
    }
}

impl Method {
    /// Whether the weapon question applies. Siege and torture kill without a weapon to name;
    /// for every other method (including "other" and "don't know") the family may know one.
    pub fn asks_weapon(self) -> bool {
        !matches!(self, Method::Siege | Method::TortureDetention)
    }
}

/// Child or adult at the time of death, derived from the age or the birth and death dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AgeGroup {
    /// Under 18.
    Child,
    Adult,
}

impl AgeGroup {
    pub fn id(self) -> &'static str {
        match self {
            AgeGroup::Child => "child",
            AgeGroup::Adult => "adult",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (AgeGroup::Child, Lang::En) => "Child (under 18)",
            (AgeGroup::Child, Lang::Ar) => "طفل (دون الثامنة عشرة)",
            (AgeGroup::Adult, Lang::En) => "Adult",
            (AgeGroup::Adult, Lang::Ar) => "بالغ",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_labels_exist_in_both_languages() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            id: fn(T) -> &'static str,
            from: fn(&str) -> Option<T>,
            label: fn(T, Lang) -> &'static str,
        ) {
            let mut seen = std::collections::HashSet::new();
            for &c in all {
                assert!(seen.insert(id(c)), "duplicate id {}", id(c));
                assert_eq!(from(id(c)), Some(c));
                assert!(!label(c, Lang::En).is_empty() && !label(c, Lang::Ar).is_empty());
                assert_ne!(label(c, Lang::En), label(c, Lang::Ar));
            }
            assert_eq!(from("nonsense"), None);
        }
        check(
            Relationship::ALL,
            Relationship::id,
            Relationship::from_id,
            Relationship::label,
        );
        check(
            ContactMethod::ALL,
            ContactMethod::id,
            ContactMethod::from_id,
            ContactMethod::label,
        );
        check(Sex::ALL, Sex::id, Sex::from_id, Sex::label);
        check(
            YesNoUnknown::ALL,
            YesNoUnknown::id,
            YesNoUnknown::from_id,
            YesNoUnknown::label,
        );
        check(
            Profession::ALL,
            Profession::id,
            Profession::from_id,
            Profession::label,
        );
        check(Method::ALL, Method::id, Method::from_id, Method::label);
        check(Weapon::ALL, Weapon::id, Weapon::from_id, Weapon::label);
        check(
            LearnedHow::ALL,
            LearnedHow::id,
            LearnedHow::from_id,
            LearnedHow::label,
        );
    }

    #[test]
    fn lists_match_the_spec() {
        assert_eq!(Relationship::ALL.len(), 8);
        assert_eq!(ContactMethod::ALL.len(), 4);
        assert_eq!(Method::ALL.len(), 11);
        assert_eq!(Weapon::ALL.len(), 10);
        assert_eq!(LearnedHow::ALL.len(), 5);
        assert_eq!(Profession::ALL.len(), 4);
        assert_eq!(Method::Airstrike.label(Lang::Ar), "قصف جوي");
        assert!(Method::Airstrike.asks_weapon());
        assert!(!Method::Siege.asks_weapon());
    }
}
