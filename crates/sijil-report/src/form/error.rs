//! What the form says when an answer cannot be accepted (errors) or looks doubtful (warnings),
//! in Arabic and English.
//!
//! Each error names its field by a stable id (`victim.first_name`, `death.date`,
//! `evidence.links[2]`): the UI uses it as the DOM id of the input (for a date, of its first box)
//! so the error summary can link to the field and move focus to it. The part before the first
//! dot is the step the field is on ([`FieldError::step_id`]). Messages are written for a
//! grieving reader: they say what to do, never blame, and never repeat the sensitive answer back.

use super::date::DateProblem;
use super::phone::PhoneProblem;
use super::text::{NameProblem, NumberProblem, TextProblem, UrlProblem};
use sijil_core::digits::DigitSystem;
use sijil_core::lang::Lang;

/// One answer that cannot be accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Stable field id, also the DOM id of the input.
    pub field: String,
    pub kind: FieldErrorKind,
}

/// Why an answer cannot be accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldErrorKind {
    /// A required answer is missing.
    Required,
    /// No date of death and "I don't know the date" not ticked.
    DeathDateRequired,
    /// Neither first and family name nor a full name was given.
    NameRequired,
    Name(NameProblem),
    Text(TextProblem),
    Url(UrlProblem),
    Number(NumberProblem),
    Date(DateProblem),
    Phone(PhoneProblem),
    Email,
    /// A choice id that is not in its list (a stale draft or a tampered report).
    UnknownChoice,
    /// A party id that is not in the organization's list.
    UnknownParty,
    /// A governorate p-code that is not one of the 14.
    UnknownGovernorate,
    /// A district not in the chosen governorate (or no governorate chosen).
    DistrictNotInGovernorate,
    FutureDate,
    DeathBeforeBirth,
    ArrestAfterDeath,
    LearnedBeforeDeath,
    /// Age outside 0–120.
    AgeOutOfRange,
    /// The age does not fit the dates of birth and death; they allow `min`–`max` years.
    AgeInconsistent {
        min: i32,
        max: i32,
    },
    /// Consent to store and verify the report was not given.
    ConsentRequired,
    TooManyLinks {
        max: usize,
    },
    /// Not a receipt code (eight letters and digits).
    ReceiptCode,
    /// An attached file's description is damaged (see [`super::attachment::check`]).
    Attachment(super::attachment::AttachmentProblem),
    /// The incident id is not a UUID v4 (a damaged draft or a tampered report).
    BadIncident,
}

impl FieldError {
    pub fn new(field: impl Into<String>, kind: FieldErrorKind) -> Self {
        FieldError {
            field: field.into(),
            kind,
        }
    }

    /// The id of the step the field is on (`about_you`, `victim`, `death`, `detention`,
    /// `evidence`).
    pub fn step_id(&self) -> &str {
        self.field.split('.').next().unwrap_or("")
    }

    /// The message shown beside the field and in the step's error summary. Arabic messages
    /// write their numbers in Arabic-Indic digits, like the rest of the Arabic interface (one
    /// digit system per page).
    pub fn message(&self, lang: Lang) -> String {
        let text = self.message_ascii(lang);
        match lang {
            Lang::Ar => DigitSystem::ArabicIndic.apply(&text),
            Lang::En => text,
        }
    }

    fn message_ascii(&self, lang: Lang) -> String {
        let ar = lang == Lang::Ar;
        let s = |en: &str, ar_text: &str| {
            if ar {
                ar_text.to_owned()
            } else {
                en.to_owned()
            }
        };
        match &self.kind {
            FieldErrorKind::Required => s("Please answer this question.", "يرجى الإجابة عن هذا السؤال."),
            FieldErrorKind::DeathDateRequired => s(
                "Please give the date of death (the year alone is enough), or tick \"I don't know the date\".",
                "يرجى كتابة تاريخ الوفاة (تكفي السنة)، أو اختيار «لا أعرف التاريخ».",
            ),
            FieldErrorKind::NameRequired => s(
                "Please give at least the first name and the family name, or the full name in one box. Any part you do not know can stay empty.",
                "يرجى كتابة الاسم الأول والكنية على الأقل، أو الاسم الكامل في خانة واحدة. يمكن ترك أي جزء لا تعرفه فارغاً.",
            ),
            FieldErrorKind::Name(NameProblem::TooLong) => s(
                "A name can have at most 100 characters.",
                "يجب ألا يتجاوز الاسم 100 حرف.",
            ),
            FieldErrorKind::Name(NameProblem::Digits) => s(
                "A name cannot contain numbers.",
                "لا يمكن أن يحتوي الاسم على أرقام.",
            ),
            FieldErrorKind::Name(NameProblem::BadChar(c)) => {
                if ar {
                    format!("لا يمكن أن يحتوي الاسم على الرمز «{c}». يُقبل الحروف والمسافات والشَّرطة (-) والفاصلة العليا (').")
                } else {
                    format!("A name cannot contain “{c}”. Letters, spaces, hyphens (-) and apostrophes (') are accepted.")
                }
            }
            FieldErrorKind::Name(NameProblem::NoLetter) => s(
                "Please write the name with letters.",
                "يرجى كتابة الاسم بالحروف.",
            ),
            FieldErrorKind::Name(NameProblem::NotLatin) => s(
                "Please write this name in Latin letters (A–Z), as in a passport.",
                "يرجى كتابة هذا الاسم بالحروف اللاتينية (A–Z) كما في جواز السفر.",
            ),
            FieldErrorKind::Text(TextProblem::TooLong { max, len }) => {
                if ar {
                    format!("النص أطول من الحد المسموح ({max} حرف). يرجى اختصاره بمقدار {} حرف.", len - max)
                } else {
                    format!("This text is longer than {max} characters. Please shorten it by {} characters.", len - max)
                }
            }
            FieldErrorKind::Url(UrlProblem::NotHttp) => s(
                "Please give a web link starting with https:// or http://.",
                "يرجى إدخال رابط يبدأ بـ https:// أو http://.",
            ),
            FieldErrorKind::Url(UrlProblem::Malformed) => s(
                "This does not look like a web link. Please copy it again from the address bar.",
                "لا يبدو هذا رابطاً صحيحاً. يرجى نسخه مرة أخرى من شريط العنوان.",
            ),
            FieldErrorKind::Url(UrlProblem::TooLong) => s(
                "This link is too long (more than 2000 characters).",
                "هذا الرابط طويل جداً (أكثر من 2000 حرف).",
            ),
            FieldErrorKind::Number(NumberProblem::NotANumber) => s(
                "Please write a whole number, for example 3.",
                "يرجى كتابة عدد صحيح، مثلاً 3.",
            ),
            FieldErrorKind::Number(NumberProblem::TooBig) => s(
                "This number is too large.",
                "هذا العدد كبير جداً.",
            ),
            FieldErrorKind::Date(problem) => date_message(*problem, ar),
            FieldErrorKind::Phone(PhoneProblem::NotAPhone) => s(
                "Please write only the digits of the phone number, for example 0933 123 456 or +90 532 123 4567.",
                "يرجى كتابة أرقام الهاتف فقط، مثلاً 0933 123 456 أو ‎+90 532 123 4567.",
            ),
            FieldErrorKind::Phone(PhoneProblem::WrongLength) => s(
                "This phone number has too few or too many digits. Numbers outside Syria need the country code, for example +49….",
                "عدد أرقام هذا الهاتف غير صحيح. الأرقام خارج سوريا تحتاج إلى رمز الدولة، مثلاً ‎+49….",
            ),
            FieldErrorKind::Email => s(
                "Please check the e-mail address, for example name@example.org.",
                "يرجى التحقق من عنوان البريد الإلكتروني، مثلاً name@example.org.",
            ),
            FieldErrorKind::UnknownChoice | FieldErrorKind::UnknownParty | FieldErrorKind::UnknownGovernorate => s(
                "Please choose one of the options in the list.",
                "يرجى اختيار أحد الخيارات من القائمة.",
            ),
            FieldErrorKind::DistrictNotInGovernorate => s(
                "This district is not in the chosen governorate. Please choose the district again.",
                "هذه المنطقة لا تتبع المحافظة المختارة. يرجى اختيار المنطقة من جديد.",
            ),
            FieldErrorKind::FutureDate => s(
                "This date is in the future. Please check it.",
                "هذا التاريخ في المستقبل. يرجى التحقق منه.",
            ),
            FieldErrorKind::DeathBeforeBirth => s(
                "The date of death is before the date of birth. Please check both dates.",
                "تاريخ الوفاة يسبق تاريخ الولادة. يرجى التحقق من التاريخين.",
            ),
            FieldErrorKind::ArrestAfterDeath => s(
                "The date of arrest is after the date of death. Please check both dates.",
                "تاريخ الاعتقال بعد تاريخ الوفاة. يرجى التحقق من التاريخين.",
            ),
            FieldErrorKind::LearnedBeforeDeath => s(
                "This date is before the date of death. Please check both dates.",
                "هذا التاريخ يسبق تاريخ الوفاة. يرجى التحقق من التاريخين.",
            ),
            FieldErrorKind::AgeOutOfRange => s(
                "Please give an age between 0 and 120. For a baby under one year, write 0.",
                "يرجى كتابة عمر بين 0 و120. للرضيع دون السنة اكتب 0.",
            ),
            FieldErrorKind::AgeInconsistent { min, max } => {
                let range = if min == max { min.to_string() } else { format!("{min}–{max}") };
                if self.field == "death.date" {
                    // Shown on the death step: the age and the birth date are on the step before.
                    if ar {
                        format!("هذا التاريخ لا يتوافق مع العمر وتاريخ الولادة في خطوة «الضحية» (بحسب التاريخين يكون العمر {range}). يرجى التحقق من التاريخ، أو الرجوع وتصحيح العمر أو تركه فارغاً.")
                    } else {
                        format!("This date does not match the age and the date of birth given in \"The victim\" (the dates give an age of {range}). Please check the date, or go back and correct or empty the age.")
                    }
                } else if ar {
                    format!("العمر لا يتوافق مع تاريخ الولادة (بحسبه يكون العمر {range}). يرجى التحقق، أو ترك العمر فارغاً.")
                } else {
                    format!("The age does not match the date of birth (it gives {range}). Please check, or leave the age empty.")
                }
            }
            FieldErrorKind::ConsentRequired => s(
                "We can only receive the report if you agree that we store and verify it.",
                "لا يمكننا استلام البلاغ إلا بموافقتك على حفظه والتحقق منه.",
            ),
            FieldErrorKind::ReceiptCode => s(
                "A receipt code has eight letters and digits, like QKFF-HTXM. Please copy it again from where you wrote it down.",
                "رمز الإيصال ثمانية حروف وأرقام لاتينية، مثل QKFF-HTXM. يرجى نسخه مرة أخرى من حيث دوّنته.",
            ),
            FieldErrorKind::TooManyLinks { max } => {
                if ar {
                    format!("يمكن إضافة {max} رابطاً كحد أقصى.")
                } else {
                    format!("At most {max} links can be added.")
                }
            }
            FieldErrorKind::Attachment(super::attachment::AttachmentProblem::TooMany { max }) => {
                if ar {
                    format!("يمكن إرفاق {max} ملفات كحد أقصى. يرجى إزالة ما لا يلزم.")
                } else {
                    format!("At most {max} files can be attached. Please remove the ones not needed.")
                }
            }
            FieldErrorKind::Attachment(super::attachment::AttachmentProblem::UnsupportedType) => s(
                "This kind of file cannot be sent. Photos (JPEG, PNG, WebP), PDF documents and videos (MP4, 3GP, WebM, MOV) can.",
                "لا يمكن إرسال هذا النوع من الملفات. يمكن إرسال الصور (JPEG وPNG وWebP) ومستندات PDF ومقاطع الفيديو (MP4 و3GP وWebM وMOV).",
            ),
            FieldErrorKind::Attachment(super::attachment::AttachmentProblem::Empty) => s(
                "This file is empty. Please choose it again.",
                "هذا الملف فارغ. يرجى اختياره من جديد.",
            ),
            FieldErrorKind::Attachment(_) | FieldErrorKind::BadIncident => s(
                "This file's details were damaged on this device. Please remove it and attach it again.",
                "تلفت بيانات هذا الملف على هذا الجهاز. يرجى إزالته وإرفاقه من جديد.",
            ),
        }
    }
}

fn date_message(problem: DateProblem, ar: bool) -> String {
    let (en, ar_text) = match problem {
        DateProblem::YearMissing => (
            "Please add the year. If you only know the year, the day and month can stay empty.",
            "يرجى إضافة السنة. إذا كنت تعرف السنة فقط، يمكن ترك اليوم والشهر فارغين.",
        ),
        DateProblem::DayWithoutMonth => (
            "Please add the month, or leave the day empty.",
            "يرجى إضافة الشهر، أو ترك اليوم فارغاً.",
        ),
        DateProblem::NotANumber => (
            "Please write the date with digits, for example 15 3 2013.",
            "يرجى كتابة التاريخ بالأرقام، مثلاً 15 3 2013.",
        ),
        DateProblem::YearOutOfRange => (
            "Please check the year (four digits, for example 2013).",
            "يرجى التحقق من السنة (أربعة أرقام، مثلاً 2013).",
        ),
        DateProblem::BadMonth => (
            "The month must be between 1 and 12.",
            "يجب أن يكون الشهر بين 1 و12.",
        ),
        DateProblem::NoSuchDay => (
            "This day does not exist in that month. Please check the day.",
            "هذا اليوم غير موجود في ذلك الشهر. يرجى التحقق من اليوم.",
        ),
    };
    if ar { ar_text } else { en }.to_owned()
}

/// An answer that is accepted but worth a second look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldWarning {
    pub field: String,
    pub kind: FieldWarningKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldWarningKind {
    /// The death is before March 2011. Allowed (the organization also documents earlier deaths)
    /// but often a typo in the year.
    DeathBeforeMarch2011,
}

impl FieldWarning {
    /// The warning's text; Arabic in Arabic-Indic digits.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Ar => DigitSystem::ArabicIndic.apply(self.message_ascii(lang)),
            Lang::En => self.message_ascii(lang).to_owned(),
        }
    }

    fn message_ascii(&self, lang: Lang) -> &'static str {
        match (self.kind, lang) {
            (FieldWarningKind::DeathBeforeMarch2011, Lang::En) => {
                "This date is before March 2011. If that is right, you can continue; otherwise please check the year."
            }
            (FieldWarningKind::DeathBeforeMarch2011, Lang::Ar) => {
                "هذا التاريخ قبل آذار/مارس 2011. إن كان صحيحاً يمكنك المتابعة، وإلا يرجى التحقق من السنة."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_exist_in_both_languages_and_differ() {
        let kinds = [
            FieldErrorKind::Required,
            FieldErrorKind::NameRequired,
            FieldErrorKind::Name(NameProblem::BadChar('<')),
            FieldErrorKind::Text(TextProblem::TooLong {
                max: 5000,
                len: 5012,
            }),
            FieldErrorKind::Date(DateProblem::NoSuchDay),
            FieldErrorKind::AgeInconsistent { min: 22, max: 23 },
            FieldErrorKind::ConsentRequired,
        ];
        for kind in kinds {
            let e = FieldError::new("victim.first_name", kind);
            let (en, ar) = (e.message(Lang::En), e.message(Lang::Ar));
            assert!(!en.is_empty() && !ar.is_empty());
            assert_ne!(en, ar);
            assert_eq!(e.step_id(), "victim");
        }
        let long = FieldError::new(
            "death.narrative",
            FieldErrorKind::Text(TextProblem::TooLong {
                max: 5000,
                len: 5012,
            }),
        );
        assert!(long.message(Lang::En).contains("by 12 characters"));
        assert!(long.message(Lang::Ar).contains("١٢"));
    }
}
