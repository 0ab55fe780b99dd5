//! The form's raw state: every answer exactly as typed or picked, as strings, booleans and
//! choice ids. This is what a draft stores and what the UI binds its inputs to.
//!
//! Nothing here is validated or normalized: a half-typed date or a name with a stray digit must
//! survive a reload exactly as the user left it. [`super::validate`] turns it into a
//! [`super::Report`]. Every struct is `#[serde(default)]`, so a draft saved before a field was
//! added still loads (the new field is empty); renaming or removing a field needs a new draft
//! version (see [`super::draft`]).

use serde::{Deserialize, Serialize};

/// Everything the user has entered so far.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormInput {
    pub about_you: AboutYouInput,
    pub victim: VictimInput,
    pub death: DeathInput,
    pub detention: DetentionInput,
    pub evidence: EvidenceInput,
    /// The incident this report shares with earlier reports of the same attack (a UUID v4
    /// drawn when the relative chose "report another person killed in the same incident");
    /// empty for a report of its own.
    pub incident: String,
}

impl FormInput {
    /// The start of the next report of the same attack ("report another person killed in the
    /// same incident"): the relative's own answers and the incident's (date and place of death,
    /// how, weapon, who, how many others, what happened, evidence links) with the same incident
    /// id, all still editable; the victim, the detention and the attached files are the next
    /// person's and start empty. Each victim stays a report of its own.
    pub fn same_incident(&self) -> FormInput {
        FormInput {
            about_you: AboutYouInput {
                // A follow-up of one earlier report is not a follow-up of the next victim's.
                follows: String::new(),
                ..self.about_you.clone()
            },
            death: DeathInput {
                // Whether this person was detained first is theirs, not the incident's.
                detained: String::new(),
                ..self.death.clone()
            },
            evidence: EvidenceInput {
                links: self.evidence.links.clone(),
                attachments: Vec::new(),
            },
            incident: self.incident.clone(),
            ..FormInput::default()
        }
    }
}

/// Step 1: the person filling in the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AboutYouInput {
    /// A [`super::Relationship`] id.
    pub relationship: String,
    pub name: String,
    /// `"yes"`, `"no"` or `""` (not answered).
    pub contact_ok: String,
    /// A [`super::ContactMethod`] id.
    pub contact_method: String,
    /// The phone number or e-mail address, as typed.
    pub contact_value: String,
    pub consent_store: bool,
    pub consent_un: bool,
    pub consent_publish_name: bool,
    /// The receipt code of an earlier report this one adds information to, as typed.
    pub follows: String,
}

/// Step 2: the victim.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VictimInput {
    pub first_name: String,
    pub father_name: String,
    pub grandfather_name: String,
    pub family_name: String,
    /// The whole name in one box, for those who do not split it.
    pub full_name: String,
    pub mother_name: String,
    /// Laqab.
    pub nickname: String,
    pub latin_name: String,
    /// A [`super::Sex`] id.
    pub sex: String,
    /// Age at death, as typed.
    pub age: String,
    pub birth: DateInput,
    /// A [`super::YesNoUnknown`] id.
    pub civilian: String,
    pub occupation: String,
    /// [`super::Profession`] ids, in the order ticked.
    pub professions: Vec<String>,
    /// Governorate p-code (`SY01`…`SY14`).
    pub origin_governorate: String,
    pub origin_town: String,
}

/// Step 3: the death.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeathInput {
    pub date: DateInput,
    /// "I don't know the date" ticked: the date boxes are then ignored.
    pub date_unknown: bool,
    /// Governorate p-code.
    pub governorate: String,
    /// District p-code within [`Self::governorate`].
    pub district: String,
    pub town: String,
    /// A [`super::Method`] id.
    pub method: String,
    /// A [`super::Weapon`] id; ignored when the method asks for none.
    pub weapon: String,
    /// A party id from the organization's list, or `"unknown"`.
    pub party: String,
    /// How many others were killed in the same incident, as typed.
    pub others_killed: String,
    /// Was the victim detained before death? A [`super::YesNoUnknown`] id. "yes" shows the
    /// detention step.
    pub detained: String,
    /// What happened.
    pub narrative: String,
}

/// Step 4 (only when relevant, see [`super::steps`]): detention.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DetentionInput {
    pub arrest_date: DateInput,
    /// A party id from the organization's list, or `"unknown"`.
    pub arresting_party: String,
    pub arrest_place: String,
    pub detention_place: String,
    /// A [`super::LearnedHow`] id.
    pub learned_how: String,
    pub learned_date: DateInput,
    /// A [`super::YesNoUnknown`] id.
    pub body_handed_over: String,
    pub burial_place: String,
}

/// Step 5: links to photos, videos or posts, one box each, and the attached files.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EvidenceInput {
    pub links: Vec<String>,
    pub attachments: Vec<super::attachment::AttachmentInput>,
}

/// The three boxes of a date and the "approximately" tick. Only a year is fine; a month and a
/// year is fine; a day needs a month.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DateInput {
    pub day: String,
    pub month: String,
    pub year: String,
    pub approximate: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_victim_of_an_incident_keeps_the_incident_and_the_relative_only() {
        let mut first = FormInput {
            incident: "0123abcd-ef01-4234-8567-89abcdef0123".into(),
            ..FormInput::default()
        };
        first.about_you.relationship = "sibling".into();
        first.about_you.consent_store = true;
        first.about_you.follows = "ABCD-EFGH".into();
        first.victim.first_name = "محمد".into();
        first.death.date.year = "2013".into();
        first.death.governorate = "SY02".into();
        first.death.method = "airstrike".into();
        first.death.party = "regime".into();
        first.death.detained = "yes".into();
        first.detention.arresting_party = "regime".into();
        first.evidence.links = vec!["https://example.org/1".into()];
        first.evidence.attachments = vec![Default::default()];
        let next = first.same_incident();
        assert_eq!(next.incident, first.incident);
        assert_eq!(next.about_you.relationship, "sibling");
        assert!(next.about_you.consent_store);
        assert_eq!(next.about_you.follows, "");
        assert_eq!(next.victim, VictimInput::default());
        assert_eq!(next.death.date.year, "2013");
        assert_eq!(next.death.governorate, "SY02");
        assert_eq!(next.death.method, "airstrike");
        assert_eq!(next.death.party, "regime");
        assert_eq!(next.death.detained, "");
        assert_eq!(next.detention, DetentionInput::default());
        assert_eq!(next.evidence.links, first.evidence.links);
        assert!(next.evidence.attachments.is_empty());
    }
}
