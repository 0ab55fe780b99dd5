//! The validated report: the domain value [`super::validate`] builds from a [`super::FormInput`]
//! and the wire format is written from. Every field here has passed the form's rules: names
//! are NFC and trimmed, phone numbers are E.164, choices are typed, dates are real.
//!
//! `None` means "not given" (or, for the date of death, "the family does not know"); an
//! explicit "I don't know" answer to a choice is its `Unknown` variant, which is different: the
//! question was asked and answered.

use super::choices::{
    AgeGroup, ContactMethod, LearnedHow, Method, Profession, Relationship, Sex, Weapon,
    YesNoUnknown,
};
use super::date::PartialDate;
use super::error::FieldWarning;

/// A complete, valid family report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub about_you: AboutYou,
    pub victim: Victim,
    pub death: Death,
    /// Present only when the detention step applied (see [`super::steps`]).
    pub detention: Option<Detention>,
    /// http(s) links to photos, videos or posts.
    pub evidence: Vec<String>,
    /// Files uploaded beside the report (their descriptions and fingerprints).
    pub attachments: Vec<super::attachment::Attachment>,
    /// The incident shared with other reports of the same attack.
    pub incident: Option<crate::receipt::ReportId>,
    /// Accepted but doubtful answers (e.g. a death before March 2011).
    pub warnings: Vec<FieldWarning>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AboutYou {
    pub relationship: Relationship,
    pub name: Option<String>,
    /// `None` unless the person agreed to be contacted.
    pub contact: Option<Contact>,
    /// Always true in a valid report: the organization may store and verify it.
    pub consent_store: bool,
    /// May be shared with UN mechanisms (e.g. the Special Rapporteur on extrajudicial executions).
    pub consent_un: bool,
    /// The victim's name may be published.
    pub consent_publish_name: bool,
    /// The receipt code (`XXXX-XXXX`) of an earlier report this one adds information to.
    pub follows: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub method: ContactMethod,
    /// E.164 phone number, or an e-mail address for [`ContactMethod::Email`].
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct VictimName {
    pub first: Option<String>,
    pub father: Option<String>,
    pub grandfather: Option<String>,
    pub family: Option<String>,
    /// The whole name in one field.
    pub full: Option<String>,
    pub mother: Option<String>,
    /// Laqab.
    pub nickname: Option<String>,
    pub latin: Option<String>,
}

impl VictimName {
    /// The name to show: the full name if given, else the parts in Arabic order
    /// (first, father, grandfather, family).
    pub fn display(&self) -> String {
        if let Some(full) = &self.full {
            return full.clone();
        }
        [&self.first, &self.father, &self.grandfather, &self.family]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Victim {
    pub name: VictimName,
    pub sex: Sex,
    /// Age at death, 0–120.
    pub age: Option<u8>,
    pub birth: Option<PartialDate>,
    /// Child or adult, derived from the age or from the dates of birth and death.
    pub age_group: Option<AgeGroup>,
    pub civilian: Option<YesNoUnknown>,
    pub occupation: Option<String>,
    pub professions: Vec<Profession>,
    /// Governorate p-code.
    pub origin_governorate: Option<&'static str>,
    pub origin_town: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Death {
    /// `None`: the family does not know the date.
    pub date: Option<PartialDate>,
    /// Governorate p-code (required).
    pub governorate: &'static str,
    /// District p-code, within `governorate`.
    pub district: Option<&'static str>,
    pub town: Option<String>,
    pub method: Option<Method>,
    /// Only where the method asks for one.
    pub weapon: Option<Weapon>,
    /// A party id from the organization's list, or `"unknown"`.
    pub party: Option<String>,
    pub others_killed: Option<u32>,
    pub detained: Option<YesNoUnknown>,
    pub narrative: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Detention {
    pub arrest_date: Option<PartialDate>,
    pub arresting_party: Option<String>,
    pub arrest_place: Option<String>,
    pub detention_place: Option<String>,
    pub learned_how: Option<LearnedHow>,
    pub learned_date: Option<PartialDate>,
    pub body_handed_over: Option<YesNoUnknown>,
    pub burial_place: Option<String>,
}
