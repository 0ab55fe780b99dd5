//! Report wire format v2: the JSON that is encrypted in the browser and decrypted by the
//! organization. A versioned boundary, separate from the domain [`Report`]:
//!
//! ```json
//! {"form": "sijil-family-report", "version": 2,
//!  "id": "<uuid v4>", "receipt": "XXXX-XXXX", "submitted_at": "2024-05-01T10:00:00.000Z",
//!  "lang": "ar", "follows": "XXXX-XXXX" (only in a report that adds to an earlier one),
//!  "about_you": {"relationship": "parent", "name": null,
//!                "contact": {"method": "whatsapp", "value": "+963933123456"} | null,
//!                "consent": {"store": true, "un": false, "publish_name": false}},
//!  "victim": {"name": {"first", "father", "grandfather", "family", "full", "mother",
//!                      "nickname", "latin"}, "sex": "male", "age": 34,
//!             "birth": {"date": "1990", "approximate": true} | null, "age_group": "adult" | null,
//!             "civilian": "yes" | null, "occupation": null, "professions": ["media"],
//!             "origin": {"governorate": "SY02", "town": null}},
//!  "death": {"date": {"date": "2013-03", "approximate": false} | null (= not known),
//!            "governorate": "SY02", "district": "SY0203", "town", "method", "weapon", "party",
//!            "others_killed", "detained", "narrative"},
//!  "detention": {"arrest_date", "arresting_party", "arrest_place", "detention_place",
//!                "learned_how", "learned_date", "body_handed_over", "burial_place"} | null,
//!  "evidence": ["https://…"], "warnings": ["death_before_march_2011"],
//!  "incident": "<uuid v4>" | null,
//!  "attachments": [{"id": "<uuid v4>", "name": "صورة.jpg", "type": "image/jpeg",
//!                   "size": 123456, "sha256": "<hex>", "original_sha256": "<hex>" | null,
//!                   "sent": "original" | "smaller_copy" | "location_removed"}]}
//! ```
//!
//! Version 2 added `incident` (reports of one attack share it) and `attachments` (files
//! uploaded beside the report, see [`super::attachment`]); a version 1 report is read as one
//! with neither. `follows` (the receipt code of an earlier report this one adds to) is written
//! only when there is one; versions 1.1 and 2 carry it.
//!
//! Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; choices are the ids of [`super::choices`];
//! absent answers are `null`. Every key is always written. Readers ignore unknown keys (a later
//! 1.x may add some) and refuse another `version` by name.
//!
//! Reading goes back through the form's own rules: the wire report is turned into the
//! [`FormInput`] that would have produced it and validated again, so `sijil export` accepts
//! exactly what the browser would have sent. `age_group` and `warnings` are derived, so they are
//! recomputed rather than trusted.

use super::choices::{AgeGroup, YesNoUnknown};
use super::date::{Date, PartialDate};
use super::error::{FieldError, FieldWarningKind};
use super::input::{
    AboutYouInput, DateInput, DeathInput, DetentionInput, EvidenceInput, FormInput, VictimInput,
};
use super::report::Report;
use super::validate::{validate, AllowedParties};
use crate::receipt::ReportId;
use serde::{Deserialize, Serialize};
use sijil_core::lang::Lang;

/// The `form` value of a family report.
pub const FORM: &str = "sijil-family-report";
/// The wire version this code writes.
pub const VERSION: u64 = 2;
/// The wire versions this code reads.
pub const READS: [u64; 2] = [1, 2];

/// Facts about a report that are not answers: its id, when it was sent and in which language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
    pub id: ReportId,
    /// RFC 3339 UTC time, as `Date.prototype.toISOString()` writes it
    /// (`2024-05-01T10:00:00.000Z`); the caller reads the clock.
    pub submitted_at: String,
    /// The language the form was filled in.
    pub lang: Lang,
}

/// A report read back from the wire: its submission facts and the re-validated report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedReport {
    pub submission: Submission,
    pub report: Report,
}

/// Why a wire report was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WireError {
    /// Not JSON at all.
    Json(String),
    /// JSON, but not a family report (`form` is missing or another value).
    NotAReport,
    /// A family report of a version this code does not read.
    Version(String),
    /// A key has the wrong type or is missing (serde's message names it).
    Shape(String),
    BadId,
    /// The receipt does not belong to the id (a corrupted or hand-edited report).
    ReceiptMismatch,
    BadTimestamp,
    BadLang,
    /// The answers break the form's rules.
    Invalid(Vec<FieldError>),
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WireError::Json(e) => write!(f, "not JSON: {e}"),
            WireError::NotAReport => write!(f, "not a family report (\"form\" is not \"{FORM}\")"),
            WireError::Version(v) => write!(
                f,
                "report version {v} is not supported (this tool reads versions 1 and 2)"
            ),
            WireError::Shape(e) => write!(f, "malformed report: {e}"),
            WireError::BadId => write!(f, "\"id\" is not a version-4 UUID"),
            WireError::ReceiptMismatch => write!(f, "\"receipt\" does not match \"id\""),
            WireError::BadTimestamp => write!(f, "\"submitted_at\" is not an RFC 3339 UTC time"),
            WireError::BadLang => write!(f, "\"lang\" is not \"ar\" or \"en\""),
            WireError::Invalid(errors) => {
                write!(f, "invalid answers: ")?;
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        write!(f, "; ")?;
                    }
                    write!(f, "{}: {}", e.field, e.message(Lang::En))?;
                }
                Ok(())
            }
        }
    }
}

#[derive(Serialize, Deserialize)]
struct WireReport {
    form: String,
    version: u64,
    id: String,
    receipt: String,
    submitted_at: String,
    lang: String,
    /// The receipt code of an earlier report this one adds to; written only when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    follows: Option<String>,
    about_you: WireAboutYou,
    victim: WireVictim,
    death: WireDeath,
    detention: Option<WireDetention>,
    evidence: Vec<String>,
    #[serde(default)]
    warnings: Vec<String>,
    #[serde(default)]
    incident: Option<String>,
    #[serde(default)]
    attachments: Vec<WireAttachment>,
}

#[derive(Serialize, Deserialize)]
struct WireAttachment {
    id: String,
    name: String,
    #[serde(rename = "type")]
    media_type: String,
    size: u64,
    sha256: String,
    original_sha256: Option<String>,
    sent: String,
}

#[derive(Serialize, Deserialize)]
struct WireAboutYou {
    relationship: String,
    name: Option<String>,
    contact: Option<WireContact>,
    consent: WireConsent,
}

#[derive(Serialize, Deserialize)]
struct WireContact {
    method: String,
    value: String,
}

#[derive(Serialize, Deserialize)]
struct WireConsent {
    store: bool,
    un: bool,
    publish_name: bool,
}

#[derive(Serialize, Deserialize)]
struct WireVictim {
    name: WireName,
    sex: String,
    age: Option<u64>,
    birth: Option<WireDate>,
    age_group: Option<String>,
    civilian: Option<String>,
    occupation: Option<String>,
    professions: Vec<String>,
    origin: WireOrigin,
}

#[derive(Serialize, Deserialize)]
struct WireName {
    first: Option<String>,
    father: Option<String>,
    grandfather: Option<String>,
    family: Option<String>,
    full: Option<String>,
    mother: Option<String>,
    nickname: Option<String>,
    latin: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct WireOrigin {
    governorate: Option<String>,
    town: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct WireDate {
    date: String,
    approximate: bool,
}

#[derive(Serialize, Deserialize)]
struct WireDeath {
    date: Option<WireDate>,
    governorate: String,
    district: Option<String>,
    town: Option<String>,
    method: Option<String>,
    weapon: Option<String>,
    party: Option<String>,
    others_killed: Option<u64>,
    detained: Option<String>,
    narrative: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct WireDetention {
    arrest_date: Option<WireDate>,
    arresting_party: Option<String>,
    arrest_place: Option<String>,
    detention_place: Option<String>,
    learned_how: Option<String>,
    learned_date: Option<WireDate>,
    body_handed_over: Option<String>,
    burial_place: Option<String>,
}

fn wire_date(d: &Option<PartialDate>) -> Option<WireDate> {
    d.as_ref().map(|d| WireDate {
        date: d.to_iso(),
        approximate: d.approximate,
    })
}

fn id_of<T: Copy>(v: Option<T>, id: fn(T) -> &'static str) -> Option<String> {
    v.map(|v| id(v).to_owned())
}

impl Report {
    /// The report as wire format JSON (compact, UTF-8), ready to be encrypted.
    pub fn to_wire_json(&self, submission: &Submission) -> String {
        serde_json::to_string(&self.to_wire(submission)).expect("plain structs serialize")
    }

    /// The report as a wire format JSON value (for `sijil export`'s JSON and CSV).
    pub fn to_wire_value(&self, submission: &Submission) -> serde_json::Value {
        serde_json::to_value(self.to_wire(submission)).expect("plain structs serialize")
    }

    fn to_wire(&self, s: &Submission) -> WireReport {
        let (a, v, d) = (&self.about_you, &self.victim, &self.death);
        WireReport {
            form: FORM.into(),
            version: VERSION,
            id: s.id.to_string(),
            receipt: s.id.receipt_code(),
            submitted_at: s.submitted_at.clone(),
            lang: s.lang.tag().into(),
            follows: a.follows.clone(),
            about_you: WireAboutYou {
                relationship: a.relationship.id().into(),
                name: a.name.clone(),
                contact: a.contact.as_ref().map(|c| WireContact {
                    method: c.method.id().into(),
                    value: c.value.clone(),
                }),
                consent: WireConsent {
                    store: a.consent_store,
                    un: a.consent_un,
                    publish_name: a.consent_publish_name,
                },
            },
            victim: WireVictim {
                name: WireName {
                    first: v.name.first.clone(),
                    father: v.name.father.clone(),
                    grandfather: v.name.grandfather.clone(),
                    family: v.name.family.clone(),
                    full: v.name.full.clone(),
                    mother: v.name.mother.clone(),
                    nickname: v.name.nickname.clone(),
                    latin: v.name.latin.clone(),
                },
                sex: v.sex.id().into(),
                age: v.age.map(u64::from),
                birth: wire_date(&v.birth),
                age_group: id_of(v.age_group, AgeGroup::id),
                civilian: id_of(v.civilian, YesNoUnknown::id),
                occupation: v.occupation.clone(),
                professions: v.professions.iter().map(|p| p.id().into()).collect(),
                origin: WireOrigin {
                    governorate: v.origin_governorate.map(Into::into),
                    town: v.origin_town.clone(),
                },
            },
            death: WireDeath {
                date: wire_date(&d.date),
                governorate: d.governorate.into(),
                district: d.district.map(Into::into),
                town: d.town.clone(),
                method: d.method.map(|m| m.id().into()),
                weapon: d.weapon.map(|w| w.id().into()),
                party: d.party.clone(),
                others_killed: d.others_killed.map(u64::from),
                detained: id_of(d.detained, YesNoUnknown::id),
                narrative: d.narrative.clone(),
            },
            detention: self.detention.as_ref().map(|t| WireDetention {
                arrest_date: wire_date(&t.arrest_date),
                arresting_party: t.arresting_party.clone(),
                arrest_place: t.arrest_place.clone(),
                detention_place: t.detention_place.clone(),
                learned_how: t.learned_how.map(|l| l.id().into()),
                learned_date: wire_date(&t.learned_date),
                body_handed_over: id_of(t.body_handed_over, YesNoUnknown::id),
                burial_place: t.burial_place.clone(),
            }),
            evidence: self.evidence.clone(),
            warnings: self
                .warnings
                .iter()
                .map(|w| match w.kind {
                    FieldWarningKind::DeathBeforeMarch2011 => "death_before_march_2011".into(),
                })
                .collect(),
            incident: self.incident.map(|i| i.to_string()),
            attachments: self
                .attachments
                .iter()
                .map(|a| WireAttachment {
                    id: a.id.to_string(),
                    name: a.name.clone(),
                    media_type: a.media_type.id().into(),
                    size: a.size,
                    sha256: a.sha256.clone(),
                    original_sha256: a.original_sha256.clone(),
                    sent: a.sent.id().into(),
                })
                .collect(),
        }
    }
}

/// Reads a wire report (v1 or v2) and validates it again with the form's rules, as of `today`.
pub fn parse_report_json(
    bytes: &[u8],
    today: Date,
    parties: AllowedParties<'_>,
) -> Result<ReceivedReport, WireError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| WireError::Json(e.to_string()))?;
    if value.get("form").and_then(|f| f.as_str()) != Some(FORM) {
        return Err(WireError::NotAReport);
    }
    match value.get("version") {
        Some(v) if v.as_u64().is_some_and(|v| READS.contains(&v)) => {}
        Some(v) => return Err(WireError::Version(v.to_string())),
        None => return Err(WireError::Version("(missing)".into())),
    }
    let w: WireReport =
        serde_json::from_value(value).map_err(|e| WireError::Shape(e.to_string()))?;
    let id = ReportId::parse(&w.id).ok_or(WireError::BadId)?;
    if w.receipt != id.receipt_code() {
        return Err(WireError::ReceiptMismatch);
    }
    if !is_utc_timestamp(&w.submitted_at) {
        return Err(WireError::BadTimestamp);
    }
    let lang = match w.lang.as_str() {
        "ar" => Lang::Ar,
        "en" => Lang::En,
        _ => return Err(WireError::BadLang),
    };
    let mut input = to_input(w.about_you, w.victim, w.death, w.detention, w.evidence);
    input.about_you.follows = w.follows.unwrap_or_default();
    input.incident = w.incident.unwrap_or_default();
    input.evidence.attachments = w
        .attachments
        .into_iter()
        .map(|a| super::attachment::AttachmentInput {
            id: a.id,
            name: a.name,
            media_type: a.media_type,
            size: a.size,
            sha256: a.sha256,
            original_sha256: a.original_sha256.unwrap_or_default(),
            sent: a.sent,
        })
        .collect();
    let report = validate(&input, today, parties).map_err(WireError::Invalid)?;
    Ok(ReceivedReport {
        submission: Submission {
            id,
            submitted_at: w.submitted_at,
            lang,
        },
        report,
    })
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` with a real date and time.
pub fn is_utc_timestamp(s: &str) -> bool {
    let Some((date, time)) = s.split_once('T') else {
        return false;
    };
    let Some(time) = time.strip_suffix('Z') else {
        return false;
    };
    let (hms, fraction) = time.split_once('.').unwrap_or((time, "0"));
    let parts: Vec<&str> = hms.split(':').collect();
    let two_digits = |p: &str, max: u32| {
        p.len() == 2
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| n <= max)
    };
    Date::parse(date).is_some()
        && parts.len() == 3
        && two_digits(parts[0], 23)
        && two_digits(parts[1], 59)
        && two_digits(parts[2], 60)
        && !fraction.is_empty()
        && fraction.len() <= 9
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// The boxes that held a wire date (split, not parsed, so validation reports bad dates).
fn date_input(d: Option<WireDate>) -> DateInput {
    let Some(d) = d else {
        return DateInput::default();
    };
    let mut parts = d.date.splitn(3, '-').map(str::to_owned);
    let year = parts.next().unwrap_or_default();
    let month = parts.next().unwrap_or_default();
    let day = parts.next().unwrap_or_default();
    DateInput {
        day,
        month,
        year,
        approximate: d.approximate,
    }
}

fn text(v: Option<String>) -> String {
    v.unwrap_or_default()
}

fn to_input(
    a: WireAboutYou,
    v: WireVictim,
    d: WireDeath,
    t: Option<WireDetention>,
    evidence: Vec<String>,
) -> FormInput {
    let contact_ok = if a.contact.is_some() { "yes" } else { "no" };
    let (contact_method, contact_value) =
        a.contact.map(|c| (c.method, c.value)).unwrap_or_default();
    let t = t.unwrap_or(WireDetention {
        arrest_date: None,
        arresting_party: None,
        arrest_place: None,
        detention_place: None,
        learned_how: None,
        learned_date: None,
        body_handed_over: None,
        burial_place: None,
    });
    FormInput {
        about_you: AboutYouInput {
            relationship: a.relationship,
            name: text(a.name),
            contact_ok: contact_ok.into(),
            contact_method,
            contact_value,
            consent_store: a.consent.store,
            consent_un: a.consent.un,
            consent_publish_name: a.consent.publish_name,
            follows: String::new(),
        },
        victim: VictimInput {
            first_name: text(v.name.first),
            father_name: text(v.name.father),
            grandfather_name: text(v.name.grandfather),
            family_name: text(v.name.family),
            full_name: text(v.name.full),
            mother_name: text(v.name.mother),
            nickname: text(v.name.nickname),
            latin_name: text(v.name.latin),
            sex: v.sex,
            age: v.age.map(|a| a.to_string()).unwrap_or_default(),
            birth: date_input(v.birth),
            civilian: text(v.civilian),
            occupation: text(v.occupation),
            professions: v.professions,
            origin_governorate: text(v.origin.governorate),
            origin_town: text(v.origin.town),
        },
        death: DeathInput {
            date_unknown: d.date.is_none(),
            date: date_input(d.date),
            governorate: d.governorate,
            district: text(d.district),
            town: text(d.town),
            method: text(d.method),
            weapon: text(d.weapon),
            party: text(d.party),
            others_killed: d.others_killed.map(|n| n.to_string()).unwrap_or_default(),
            detained: text(d.detained),
            narrative: text(d.narrative),
        },
        detention: DetentionInput {
            arrest_date: date_input(t.arrest_date),
            arresting_party: text(t.arresting_party),
            arrest_place: text(t.arrest_place),
            detention_place: text(t.detention_place),
            learned_how: text(t.learned_how),
            learned_date: date_input(t.learned_date),
            body_handed_over: text(t.body_handed_over),
            burial_place: text(t.burial_place),
        },
        evidence: EvidenceInput {
            links: evidence,
            attachments: Vec::new(),
        },
        incident: String::new(),
    }
}
