//! The form's rules: one pass over a [`FormInput`] that collects *every* error (not the first),
//! the warnings, and — when there is no error — the [`Report`].
//!
//! The same function runs as the user types (per step, [`validate_step`]), before sending
//! ([`validate`]), and in `sijil export` on every decrypted report ([`super::parse_report_json`]),
//! so a report the organization imports obeyed exactly the rules the relative saw.
//!
//! Dates are compared as spans (see [`super::date`]): a rule fails only when the dates are
//! certainly in the wrong order. The age may differ from the dates by one year (a birthday
//! not known exactly), by three when either date is marked "approximately".

use super::choices::{
    AgeGroup, ContactMethod, LearnedHow, Method, Profession, Relationship, Sex, Weapon,
    YesNoUnknown,
};
use super::date::{whole_years, Date, PartialDate};
use super::error::{FieldError, FieldErrorKind, FieldWarning, FieldWarningKind};
use super::input::{DateInput, FormInput};
use super::phone::{clean_email, normalize_phone};
use super::places::district_by_code;
use super::report::{AboutYou, Contact, Death, Detention, Report, Victim, VictimName};
use super::steps::{detention_applies, Step};
use super::text::{
    clean_latin_name, clean_line, clean_multiline, clean_name, clean_url, parse_count,
    NumberProblem,
};
use crate::config::PartyChoice;
use sijil_core::feed::governorates::governorate;

/// Longest "what happened".
pub const NARRATIVE_MAX: usize = 5000;
/// Longest occupation.
pub const OCCUPATION_MAX: usize = 100;
/// Longest town, neighbourhood or place of arrest, detention or burial.
pub const PLACE_MAX: usize = 200;
/// Most evidence links in one report.
pub const LINKS_MAX: usize = 20;
/// Largest "others killed in the same incident".
pub const OTHERS_KILLED_MAX: u32 = 100_000;
/// Oldest accepted age at death.
pub const AGE_MAX: u32 = 120;
/// The party id every list has: "I don't know who was responsible".
pub const UNKNOWN_PARTY: &str = "unknown";

/// Which party ids are acceptable.
#[derive(Clone, Copy, Debug)]
pub enum AllowedParties<'a> {
    /// The organization's list from the runtime config (plus [`UNKNOWN_PARTY`]).
    Known(&'a [PartyChoice]),
    /// Any well-formed id (`[a-z0-9_-]`, 1–64): for `sijil export` without a config, because a
    /// report stays valid when the organization later edits its list.
    AnyId,
}

impl AllowedParties<'_> {
    fn accepts(&self, id: &str) -> bool {
        id == UNKNOWN_PARTY
            || match self {
                AllowedParties::Known(list) => list.iter().any(|p| p.id == id),
                AllowedParties::AnyId => crate::config::is_party_id(id),
            }
    }
}

/// Validates the whole form. `Ok` only when no field has an error; the report carries the
/// warnings. `Err` lists every error, in the order of the form.
pub fn validate(
    input: &FormInput,
    today: Date,
    parties: AllowedParties<'_>,
) -> Result<Report, Vec<FieldError>> {
    let checked = check(input, today, parties);
    match checked.report {
        Some(report) if checked.errors.is_empty() => Ok(report),
        _ => Err(checked.errors),
    }
}

/// The errors of one step (for [`Step::Review`]: of every visible step). A step that is not
/// visible has none.
pub fn validate_step(
    input: &FormInput,
    step: Step,
    today: Date,
    parties: AllowedParties<'_>,
) -> Vec<FieldError> {
    if step == Step::Detention && !detention_applies(input) {
        return Vec::new();
    }
    let errors = check(input, today, parties).errors;
    if step == Step::Review {
        return errors;
    }
    errors
        .into_iter()
        .filter(|e| e.step_id() == step.id())
        .collect()
}

/// The warnings of the whole form, whether or not it has errors (shown as the user types).
pub fn warnings(input: &FormInput, today: Date, parties: AllowedParties<'_>) -> Vec<FieldWarning> {
    check(input, today, parties).warnings
}

/// Child or adult, as far as what is typed so far tells (shown back to the user beside the age).
pub fn age_group(input: &FormInput) -> Option<AgeGroup> {
    let age = parse_count(&input.victim.age, AGE_MAX).ok().flatten();
    let birth = date_of(&input.victim.birth);
    let death = (!input.death.date_unknown)
        .then(|| date_of(&input.death.date))
        .flatten();
    derive_age_group(age, birth.as_ref(), death.as_ref())
}

fn date_of(d: &DateInput) -> Option<PartialDate> {
    PartialDate::from_parts(&d.day, &d.month, &d.year, d.approximate)
        .ok()
        .flatten()
}

fn derive_age_group(
    age: Option<u32>,
    birth: Option<&PartialDate>,
    death: Option<&PartialDate>,
) -> Option<AgeGroup> {
    if let Some(age) = age {
        return Some(if age < 18 {
            AgeGroup::Child
        } else {
            AgeGroup::Adult
        });
    }
    let (min, max) = birth?.age_range(death?);
    if max < 18 {
        Some(AgeGroup::Child)
    } else if min >= 18 {
        Some(AgeGroup::Adult)
    } else {
        None
    }
}

struct Checked {
    report: Option<Report>,
    errors: Vec<FieldError>,
    warnings: Vec<FieldWarning>,
}

/// Collects errors while reading fields; each reader returns the clean value or `None`.
struct Check<'a> {
    today: Date,
    parties: AllowedParties<'a>,
    errors: Vec<FieldError>,
}

impl Check<'_> {
    fn err(&mut self, field: &str, kind: FieldErrorKind) {
        self.errors.push(FieldError::new(field, kind));
    }

    fn name(&mut self, field: &str, raw: &str) -> Option<String> {
        clean_name(raw)
            .map_err(|p| self.err(field, FieldErrorKind::Name(p)))
            .ok()
            .flatten()
    }

    fn line(&mut self, field: &str, raw: &str, max: usize) -> Option<String> {
        clean_line(raw, max)
            .map_err(|p| self.err(field, FieldErrorKind::Text(p)))
            .ok()
            .flatten()
    }

    /// A choice id; empty is `None`, an id not in the list is an error.
    fn choice<T>(&mut self, field: &str, raw: &str, from_id: fn(&str) -> Option<T>) -> Option<T> {
        let id = raw.trim();
        if id.is_empty() {
            return None;
        }
        let found = from_id(id);
        if found.is_none() {
            self.err(field, FieldErrorKind::UnknownChoice);
        }
        found
    }

    fn required<T>(&mut self, field: &str, value: Option<T>, raw: &str) -> Option<T> {
        if value.is_none() && raw.trim().is_empty() {
            self.err(field, FieldErrorKind::Required);
        }
        value
    }

    fn party(&mut self, field: &str, raw: &str) -> Option<String> {
        let id = raw.trim();
        if id.is_empty() {
            return None;
        }
        if self.parties.accepts(id) {
            Some(id.to_owned())
        } else {
            self.err(field, FieldErrorKind::UnknownParty);
            None
        }
    }

    fn governorate(&mut self, field: &str, raw: &str) -> Option<&'static str> {
        let code = raw.trim();
        if code.is_empty() {
            return None;
        }
        let found = governorate(code).map(|g| g.code);
        if found.is_none() {
            self.err(field, FieldErrorKind::UnknownGovernorate);
        }
        found
    }

    /// A date, checked to be real and not in the future.
    fn date(&mut self, field: &str, input: &DateInput) -> Option<PartialDate> {
        match PartialDate::from_parts(&input.day, &input.month, &input.year, input.approximate) {
            Err(p) => {
                self.err(field, FieldErrorKind::Date(p));
                None
            }
            Ok(Some(d)) if d.earliest() > self.today => {
                self.err(field, FieldErrorKind::FutureDate);
                None
            }
            Ok(d) => d,
        }
    }
}

fn check(input: &FormInput, today: Date, parties: AllowedParties<'_>) -> Checked {
    let mut c = Check {
        today,
        parties,
        errors: Vec::new(),
    };
    let mut warnings = Vec::new();

    // 1. About you.
    let a = &input.about_you;
    let relationship = c.choice(
        "about_you.relationship",
        &a.relationship,
        Relationship::from_id,
    );
    let relationship = c.required("about_you.relationship", relationship, &a.relationship);
    let reporter_name = c.name("about_you.name", &a.name);
    let contact = match a.contact_ok.trim() {
        "" | "no" => None,
        "yes" => {
            let method = c.choice(
                "about_you.contact_method",
                &a.contact_method,
                ContactMethod::from_id,
            );
            let method = c.required("about_you.contact_method", method, &a.contact_method);
            let value = if a.contact_value.trim().is_empty() {
                c.err("about_you.contact_value", FieldErrorKind::Required);
                None
            } else {
                match method {
                    Some(ContactMethod::Email) => clean_email(&a.contact_value).or_else(|| {
                        c.err("about_you.contact_value", FieldErrorKind::Email);
                        None
                    }),
                    Some(_) => normalize_phone(&a.contact_value)
                        .map_err(|p| c.err("about_you.contact_value", FieldErrorKind::Phone(p)))
                        .ok(),
                    None => None,
                }
            };
            method
                .zip(value)
                .map(|(method, value)| Contact { method, value })
        }
        _ => {
            c.err("about_you.contact_ok", FieldErrorKind::UnknownChoice);
            None
        }
    };
    if !a.consent_store {
        c.err("about_you.consent_store", FieldErrorKind::ConsentRequired);
    }
    let follows = match a.follows.trim() {
        "" => None,
        raw => crate::receipt::normalize_receipt(raw).or_else(|| {
            c.err("about_you.follows", FieldErrorKind::ReceiptCode);
            None
        }),
    };

    // 2. The victim.
    let v = &input.victim;
    let name = VictimName {
        first: c.name("victim.first_name", &v.first_name),
        father: c.name("victim.father_name", &v.father_name),
        grandfather: c.name("victim.grandfather_name", &v.grandfather_name),
        family: c.name("victim.family_name", &v.family_name),
        full: c.name("victim.full_name", &v.full_name),
        mother: c.name("victim.mother_name", &v.mother_name),
        nickname: c.name("victim.nickname", &v.nickname),
        latin: clean_latin_name(&v.latin_name)
            .map_err(|p| c.err("victim.latin_name", FieldErrorKind::Name(p)))
            .ok()
            .flatten(),
    };
    // Only complain about names that are empty, not about ones that were refused above.
    if name.full.is_none() && v.full_name.trim().is_empty() {
        let first_missing = v.first_name.trim().is_empty();
        let family_missing = v.family_name.trim().is_empty();
        if first_missing {
            c.err("victim.first_name", FieldErrorKind::NameRequired);
        }
        if family_missing && !first_missing {
            c.err("victim.family_name", FieldErrorKind::NameRequired);
        }
    }
    let sex = c.choice("victim.sex", &v.sex, Sex::from_id);
    let sex = c.required("victim.sex", sex, &v.sex);
    let age = match parse_count(&v.age, u32::MAX) {
        Ok(Some(n)) if n > AGE_MAX => {
            c.err("victim.age", FieldErrorKind::AgeOutOfRange);
            None
        }
        Ok(n) => n,
        Err(NumberProblem::TooBig) => {
            c.err("victim.age", FieldErrorKind::AgeOutOfRange);
            None
        }
        Err(p) => {
            c.err("victim.age", FieldErrorKind::Number(p));
            None
        }
    };
    let birth = c.date("victim.birth", &v.birth);
    let civilian = c.choice("victim.civilian", &v.civilian, YesNoUnknown::from_id);
    let occupation = c.line("victim.occupation", &v.occupation, OCCUPATION_MAX);
    let mut professions = Vec::new();
    for raw in &v.professions {
        if let Some(p) = c.choice("victim.professions", raw, Profession::from_id) {
            if !professions.contains(&p) {
                professions.push(p);
            }
        }
    }
    let origin_governorate = c.governorate("victim.origin_governorate", &v.origin_governorate);
    let origin_town = c.line("victim.origin_town", &v.origin_town, PLACE_MAX);

    // 3. The death.
    let d = &input.death;
    let death_date = if d.date_unknown {
        None
    } else {
        let date = c.date("death.date", &d.date);
        let nothing_typed = [&d.date.day, &d.date.month, &d.date.year]
            .iter()
            .all(|s| s.trim().is_empty());
        if nothing_typed {
            c.err("death.date", FieldErrorKind::DeathDateRequired);
        }
        date
    };
    if let (Some(death), Some(birth)) = (&death_date, &birth) {
        if death.latest() < birth.earliest() {
            c.err("death.date", FieldErrorKind::DeathBeforeBirth);
        }
    }
    if let Some(death) = &death_date {
        let march_2011 = Date::new(2011, 3, 1).expect("real date");
        if death.latest() < march_2011 {
            warnings.push(FieldWarning {
                field: "death.date".into(),
                kind: FieldWarningKind::DeathBeforeMarch2011,
            });
        }
    }
    if let (Some(age), Some(birth)) = (age, &birth) {
        let slack = if birth.approximate || death_date.is_some_and(|d| d.approximate) {
            3
        } else {
            1
        };
        let (min, max) = match &death_date {
            Some(death) => birth.age_range(death),
            // Date of death unknown: it was at the latest today.
            None => (0, whole_years(birth.earliest(), today).max(0)),
        };
        let age = age as i32;
        if age < min - slack || age > max + slack {
            // Reported on the later of the steps holding the three answers, so the relative
            // sees it as soon as the last of them is typed, not at sending: with a date of
            // death that is the death step; without one, the victim step (age and birth).
            let field = if death_date.is_some() {
                "death.date"
            } else {
                "victim.age"
            };
            c.err(field, FieldErrorKind::AgeInconsistent { min, max });
        }
    }
    let governorate_code = c.governorate("death.governorate", &d.governorate);
    let governorate_code = c.required("death.governorate", governorate_code, &d.governorate);
    let district = match d.district.trim() {
        "" => None,
        code => match district_by_code(code) {
            Some(dist) if Some(dist.governorate) == governorate_code => Some(dist.code),
            _ => {
                c.err("death.district", FieldErrorKind::DistrictNotInGovernorate);
                None
            }
        },
    };
    let town = c.line("death.town", &d.town, PLACE_MAX);
    let method = c.choice("death.method", &d.method, Method::from_id);
    let weapon = if method.is_none_or(Method::asks_weapon) {
        c.choice("death.weapon", &d.weapon, Weapon::from_id)
    } else {
        None // hidden question: an answer left from an earlier method is dropped
    };
    let party = c.party("death.party", &d.party);
    let others_killed = parse_count(&d.others_killed, OTHERS_KILLED_MAX)
        .map_err(|p| c.err("death.others_killed", FieldErrorKind::Number(p)))
        .ok()
        .flatten();
    let detained = c.choice("death.detained", &d.detained, YesNoUnknown::from_id);
    let narrative = clean_multiline(&d.narrative, NARRATIVE_MAX)
        .map_err(|p| c.err("death.narrative", FieldErrorKind::Text(p)))
        .ok()
        .flatten();

    // 4. Detention, only when it applies.
    let detention = detention_applies(input).then(|| {
        let t = &input.detention;
        let arrest_date = c.date("detention.arrest_date", &t.arrest_date);
        let learned_date = c.date("detention.learned_date", &t.learned_date);
        if let (Some(arrest), Some(death)) = (&arrest_date, &death_date) {
            if arrest.earliest() > death.latest() {
                c.err("detention.arrest_date", FieldErrorKind::ArrestAfterDeath);
            }
        }
        if let (Some(learned), Some(death)) = (&learned_date, &death_date) {
            if learned.latest() < death.earliest() {
                c.err("detention.learned_date", FieldErrorKind::LearnedBeforeDeath);
            }
        }
        Detention {
            arrest_date,
            arresting_party: c.party("detention.arresting_party", &t.arresting_party),
            arrest_place: c.line("detention.arrest_place", &t.arrest_place, PLACE_MAX),
            detention_place: c.line("detention.detention_place", &t.detention_place, PLACE_MAX),
            learned_how: c.choice("detention.learned_how", &t.learned_how, LearnedHow::from_id),
            learned_date,
            body_handed_over: c.choice(
                "detention.body_handed_over",
                &t.body_handed_over,
                YesNoUnknown::from_id,
            ),
            burial_place: c.line("detention.burial_place", &t.burial_place, PLACE_MAX),
        }
    });

    // 5. Evidence.
    let mut evidence = Vec::new();
    let typed = input
        .evidence
        .links
        .iter()
        .filter(|l| !l.trim().is_empty())
        .count();
    if typed > LINKS_MAX {
        c.err(
            "evidence.links",
            FieldErrorKind::TooManyLinks { max: LINKS_MAX },
        );
    }
    for (i, raw) in input.evidence.links.iter().enumerate() {
        match clean_url(raw) {
            Ok(Some(url)) => evidence.push(url),
            Ok(None) => {}
            Err(p) => c.err(&format!("evidence.links[{i}]"), FieldErrorKind::Url(p)),
        }
    }

    let attachments = match super::attachment::check(&input.evidence.attachments) {
        Ok(list) => list,
        Err(problems) => {
            for (i, p) in problems {
                let field = match i {
                    Some(i) => format!("evidence.attachments[{i}]"),
                    None => "evidence.attachments".into(),
                };
                c.err(&field, FieldErrorKind::Attachment(p));
            }
            Vec::new()
        }
    };
    let incident = match input.incident.trim() {
        "" => None,
        id => {
            let parsed = crate::receipt::ReportId::parse(id);
            if parsed.is_none() {
                c.err("evidence.incident", FieldErrorKind::BadIncident);
            }
            parsed
        }
    };

    let age_group = derive_age_group(age, birth.as_ref(), death_date.as_ref());
    let report = match (relationship, sex, governorate_code) {
        (Some(relationship), Some(sex), Some(governorate)) if c.errors.is_empty() => Some(Report {
            about_you: AboutYou {
                relationship,
                name: reporter_name,
                contact,
                consent_store: true,
                consent_un: a.consent_un,
                consent_publish_name: a.consent_publish_name,
                follows,
            },
            victim: Victim {
                name,
                sex,
                age: age.map(|a| a as u8),
                birth,
                age_group,
                civilian,
                occupation,
                professions,
                origin_governorate,
                origin_town,
            },
            death: Death {
                date: death_date,
                governorate,
                district,
                town,
                method,
                weapon,
                party,
                others_killed,
                detained,
                narrative,
            },
            detention,
            evidence,
            attachments,
            incident,
            warnings: warnings.clone(),
        }),
        _ => None,
    };
    Checked {
        report,
        errors: c.errors,
        warnings,
    }
}
