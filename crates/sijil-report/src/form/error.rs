//! What the form says when an answer cannot be accepted (errors) or looks doubtful (warnings),
//! in Arabic and English.
//!
//! Each error names its field by a stable id (`victim.first_name`, `death.date`,
//! `evidence.links[2]`): the UI uses it as the DOM id of the input (for a date, of its first box)
//! so the error summary can link to the field and move focus to it. The part before the first
//! dot is the step the field is on ([`FieldError::step_id`]). FieldMessages are written for a
//! grieving reader: they say what to do, never blame, and never repeat the sensitive answer back.

use super::date::DateProblem;
use super::phone::PhoneProblem;
use super::text::{NameProblem, NumberProblem, TextProblem, UrlProblem};
use sijil_core::digits::DigitSystem;
use sijil_core::feed::fill;
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
        use super::attachment::AttachmentProblem as A;
        use FieldErrorKind as K;
        let t = FieldMessages::get(lang);
        let text = match &self.kind {
            K::Required => t.required,
            K::DeathDateRequired => t.death_date_required,
            K::NameRequired => t.name_required,
            K::Name(NameProblem::TooLong) => t.name_too_long,
            K::Name(NameProblem::Digits) => t.name_digits,
            K::Name(NameProblem::BadChar(c)) => return fill(t.name_bad_char, &[c]),
            K::Name(NameProblem::NoLetter) => t.name_no_letter,
            K::Name(NameProblem::NotLatin) => t.name_not_latin,
            K::Text(TextProblem::TooLong { max, len }) => {
                return fill(t.text_too_long, &[max, &(len - max)])
            }
            K::Url(UrlProblem::NotHttp) => t.url_not_http,
            K::Url(UrlProblem::Malformed) => t.url_malformed,
            K::Url(UrlProblem::TooLong) => t.url_too_long,
            K::Number(NumberProblem::NotANumber) => t.not_a_number,
            K::Number(NumberProblem::TooBig) => t.number_too_big,
            K::Date(problem) => match problem {
                DateProblem::YearMissing => t.year_missing,
                DateProblem::DayWithoutMonth => t.day_without_month,
                DateProblem::NotANumber => t.date_not_a_number,
                DateProblem::YearOutOfRange => t.year_out_of_range,
                DateProblem::BadMonth => t.bad_month,
                DateProblem::NoSuchDay => t.no_such_day,
            },
            K::Phone(PhoneProblem::NotAPhone) => t.not_a_phone,
            K::Phone(PhoneProblem::WrongLength) => t.phone_length,
            K::Email => t.email,
            K::UnknownChoice | K::UnknownParty | K::UnknownGovernorate => t.unknown_choice,
            K::DistrictNotInGovernorate => t.district_not_in_governorate,
            K::FutureDate => t.future_date,
            K::DeathBeforeBirth => t.death_before_birth,
            K::ArrestAfterDeath => t.arrest_after_death,
            K::LearnedBeforeDeath => t.learned_before_death,
            K::AgeOutOfRange => t.age_out_of_range,
            K::AgeInconsistent { min, max } => {
                let range = if min == max {
                    min.to_string()
                } else {
                    format!("{min}–{max}")
                };
                let on_death_step = self.field == "death.date";
                let template = if on_death_step {
                    t.age_not_death_date
                } else {
                    t.age_not_birth_date
                };
                return fill(template, &[&range]);
            }
            K::ConsentRequired => t.consent_required,
            K::ReceiptCode => t.receipt_code,
            K::TooManyLinks { max } => return fill(t.too_many_links, &[max]),
            K::Attachment(A::UnsupportedType) => t.file_type,
            K::Attachment(A::Empty) => t.file_empty,
            K::Attachment(A::TooMany { max }) => return fill(t.too_many_files, &[max]),
            K::Attachment(_) | K::BadIncident => t.file_damaged,
        };
        text.to_owned()
    }
}

// Every message in both languages (`sijil_core::texts!`: one struct, a value per language).
// `{}` holes are filled in order by `fill`; Arabic numbers are turned into Arabic-Indic digits
// after filling.
sijil_core::texts! { FieldMessages;
    required: "Please answer this question.", "يرجى الإجابة عن هذا السؤال.";
    death_date_required: "Please give the date of death (the year alone is enough), or tick \"I don't know the date\".", "يرجى كتابة تاريخ الوفاة (تكفي السنة)، أو اختيار «لا أعرف التاريخ».";
    name_required: "Please give at least the first name and the family name, or the full name in one box. Any part you do not know can stay empty.", "يرجى كتابة الاسم الأول والكنية على الأقل، أو الاسم الكامل في خانة واحدة. يمكن ترك أي جزء لا تعرفه فارغاً.";
    name_too_long: "A name can have at most 100 characters.", "يجب ألا يتجاوز الاسم 100 حرف.";
    name_digits: "A name cannot contain numbers.", "لا يمكن أن يحتوي الاسم على أرقام.";
    name_bad_char: "A name cannot contain “{}”. Letters, spaces, hyphens (-) and apostrophes (') are accepted.", "لا يمكن أن يحتوي الاسم على الرمز «{}». يُقبل الحروف والمسافات والشَّرطة (-) والفاصلة العليا (').";
    name_no_letter: "Please write the name with letters.", "يرجى كتابة الاسم بالحروف.";
    name_not_latin: "Please write this name in Latin letters (A–Z), as in a passport.", "يرجى كتابة هذا الاسم بالحروف اللاتينية (A–Z) كما في جواز السفر.";
    text_too_long: "This text is longer than {} characters. Please shorten it by {} characters.", "النص أطول من الحد المسموح ({} حرف). يرجى اختصاره بمقدار {} حرف.";
    url_not_http: "Please give a web link starting with https:// or http://.", "يرجى إدخال رابط يبدأ بـ https:// أو http://.";
    url_malformed: "This does not look like a web link. Please copy it again from the address bar.", "لا يبدو هذا رابطاً صحيحاً. يرجى نسخه مرة أخرى من شريط العنوان.";
    url_too_long: "This link is too long (more than 2000 characters).", "هذا الرابط طويل جداً (أكثر من 2000 حرف).";
    not_a_number: "Please write a whole number, for example 3.", "يرجى كتابة عدد صحيح، مثلاً 3.";
    number_too_big: "This number is too large.", "هذا العدد كبير جداً.";
    year_missing: "Please add the year. If you only know the year, the day and month can stay empty.", "يرجى إضافة السنة. إذا كنت تعرف السنة فقط، يمكن ترك اليوم والشهر فارغين.";
    day_without_month: "Please add the month, or leave the day empty.", "يرجى إضافة الشهر، أو ترك اليوم فارغاً.";
    date_not_a_number: "Please write the date with digits, for example 15 3 2013.", "يرجى كتابة التاريخ بالأرقام، مثلاً 15 3 2013.";
    year_out_of_range: "Please check the year (four digits, for example 2013).", "يرجى التحقق من السنة (أربعة أرقام، مثلاً 2013).";
    bad_month: "The month must be between 1 and 12.", "يجب أن يكون الشهر بين 1 و12.";
    no_such_day: "This day does not exist in that month. Please check the day.", "هذا اليوم غير موجود في ذلك الشهر. يرجى التحقق من اليوم.";
    not_a_phone: "Please write only the digits of the phone number, for example 0933 123 456 or +90 532 123 4567.", "يرجى كتابة أرقام الهاتف فقط، مثلاً 0933 123 456 أو ‎+90 532 123 4567.";
    phone_length: "This phone number has too few or too many digits. Numbers outside Syria need the country code, for example +49….", "عدد أرقام هذا الهاتف غير صحيح. الأرقام خارج سوريا تحتاج إلى رمز الدولة، مثلاً ‎+49….";
    email: "Please check the e-mail address, for example name@example.org.", "يرجى التحقق من عنوان البريد الإلكتروني، مثلاً name@example.org.";
    unknown_choice: "Please choose one of the options in the list.", "يرجى اختيار أحد الخيارات من القائمة.";
    district_not_in_governorate: "This district is not in the chosen governorate. Please choose the district again.", "هذه المنطقة لا تتبع المحافظة المختارة. يرجى اختيار المنطقة من جديد.";
    future_date: "This date is in the future. Please check it.", "هذا التاريخ في المستقبل. يرجى التحقق منه.";
    death_before_birth: "The date of death is before the date of birth. Please check both dates.", "تاريخ الوفاة يسبق تاريخ الولادة. يرجى التحقق من التاريخين.";
    arrest_after_death: "The date of arrest is after the date of death. Please check both dates.", "تاريخ الاعتقال بعد تاريخ الوفاة. يرجى التحقق من التاريخين.";
    learned_before_death: "This date is before the date of death. Please check both dates.", "هذا التاريخ يسبق تاريخ الوفاة. يرجى التحقق من التاريخين.";
    age_out_of_range: "Please give an age between 0 and 120. For a baby under one year, write 0.", "يرجى كتابة عمر بين 0 و120. للرضيع دون السنة اكتب 0.";
    // Shown on the death step: the age and the birth date are on the step before.
    age_not_death_date: "This date does not match the age and the date of birth given in \"The victim\" (the dates give an age of {}). Please check the date, or go back and correct or empty the age.", "هذا التاريخ لا يتوافق مع العمر وتاريخ الولادة في خطوة «الضحية» (بحسب التاريخين يكون العمر {}). يرجى التحقق من التاريخ، أو الرجوع وتصحيح العمر أو تركه فارغاً.";
    age_not_birth_date: "The age does not match the date of birth (it gives {}). Please check, or leave the age empty.", "العمر لا يتوافق مع تاريخ الولادة (بحسبه يكون العمر {}). يرجى التحقق، أو ترك العمر فارغاً.";
    consent_required: "We can only receive the report if you agree that we store and verify it.", "لا يمكننا استلام البلاغ إلا بموافقتك على حفظه والتحقق منه.";
    receipt_code: "A receipt code has eight letters and digits, like QKFF-HTXM. Please copy it again from where you wrote it down.", "رمز الإيصال ثمانية حروف وأرقام لاتينية، مثل QKFF-HTXM. يرجى نسخه مرة أخرى من حيث دوّنته.";
    too_many_links: "At most {} links can be added.", "يمكن إضافة {} رابطاً كحد أقصى.";
    too_many_files: "At most {} files can be attached. Please remove the ones not needed.", "يمكن إرفاق {} ملفات كحد أقصى. يرجى إزالة ما لا يلزم.";
    file_type: "This kind of file cannot be sent. Photos (JPEG, PNG, WebP), PDF documents and videos (MP4, 3GP, WebM, MOV) can.", "لا يمكن إرسال هذا النوع من الملفات. يمكن إرسال الصور (JPEG وPNG وWebP) ومستندات PDF ومقاطع الفيديو (MP4 و3GP وWebM وMOV).";
    file_empty: "This file is empty. Please choose it again.", "هذا الملف فارغ. يرجى اختياره من جديد.";
    file_damaged: "This file's details were damaged on this device. Please remove it and attach it again.", "تلفت بيانات هذا الملف على هذا الجهاز. يرجى إزالته وإرفاقه من جديد.";
    death_before_2011: "This date is before March 2011. If that is right, you can continue; otherwise please check the year.", "هذا التاريخ قبل آذار/مارس 2011. إن كان صحيحاً يمكنك المتابعة، وإلا يرجى التحقق من السنة.";
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
        match self.kind {
            FieldWarningKind::DeathBeforeMarch2011 => FieldMessages::get(lang).death_before_2011,
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
