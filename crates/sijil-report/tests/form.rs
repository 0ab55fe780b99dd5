//! The family form's rules, end to end through the public API: a complete report validates,
//! every rule of the spec produces its error on the right field, the conditional detention step,
//! the wire format round trip and drafts with their migration and expiry.

use sijil_core::lang::Lang;
use sijil_report::config::{Bilingual, PartyChoice};
use sijil_report::form::*;
use sijil_report::receipt::ReportId;

fn today() -> Date {
    Date::parse("2024-05-01").unwrap()
}

fn parties() -> Vec<PartyChoice> {
    ["regime", "isis", "sdf"]
        .iter()
        .map(|id| PartyChoice {
            id: (*id).into(),
            name: Bilingual {
                en: id.to_uppercase(),
                ar: "جهة".into(),
            },
        })
        .collect()
}

fn date(day: &str, month: &str, year: &str) -> DateInput {
    DateInput {
        day: day.into(),
        month: month.into(),
        year: year.into(),
        approximate: false,
    }
}

/// A complete report as a relative would type it: Arabic names, Arabic-Indic digits.
fn complete() -> FormInput {
    let mut f = FormInput::default();
    f.about_you.relationship = "parent".into();
    f.about_you.contact_ok = "yes".into();
    f.about_you.contact_method = "whatsapp".into();
    f.about_you.contact_value = "٠٩٣٣ ١٢٣ ٤٥٦".into();
    f.about_you.consent_store = true;
    f.about_you.consent_un = true;
    f.victim.first_name = " محمد ".into();
    f.victim.father_name = "أحمد".into();
    f.victim.family_name = "الخطيب".into();
    f.victim.sex = "male".into();
    f.victim.age = "٣٤".into();
    f.victim.birth = date("", "", "١٩٧٩");
    f.victim.civilian = "yes".into();
    f.victim.professions = vec!["medical".into(), "medical".into()];
    f.victim.origin_governorate = "SY07".into();
    f.death.date = date("٥", "٣", "٢٠١٣");
    f.death.governorate = "SY02".into();
    f.death.district = "SY0203".into();
    f.death.town = "عفرين".into();
    f.death.method = "airstrike".into();
    f.death.weapon = "barrel_bomb".into();
    f.death.party = "regime".into();
    f.death.others_killed = "٤".into();
    f.death.narrative = "قصفت طائرة مروحية السوق.\r\nاستشهد مع أربعة آخرين.".into();
    f.evidence.links = vec!["https://example.org/video/1".into(), "  ".into()];
    f
}

fn fields(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

fn errors_of(input: &FormInput) -> Vec<FieldError> {
    let p = parties();
    validate(input, today(), AllowedParties::Known(&p)).expect_err("should be invalid")
}

#[test]
fn a_complete_report_validates_and_is_normalized() {
    let p = parties();
    let report = validate(&complete(), today(), AllowedParties::Known(&p)).expect("valid");
    assert_eq!(report.about_you.relationship, Relationship::Parent);
    assert_eq!(
        report.about_you.contact.as_ref().unwrap().value,
        "+963933123456"
    );
    assert_eq!(report.victim.name.first.as_deref(), Some("محمد"));
    assert_eq!(report.victim.name.display(), "محمد أحمد الخطيب");
    assert_eq!(report.victim.age, Some(34));
    assert_eq!(report.victim.age_group, Some(AgeGroup::Adult));
    assert_eq!(report.victim.professions, vec![Profession::Medical]);
    assert_eq!(report.death.date.unwrap().to_iso(), "2013-03-05");
    assert_eq!(report.death.district, Some("SY0203"));
    assert_eq!(report.death.weapon, Some(Weapon::BarrelBomb));
    assert_eq!(report.death.others_killed, Some(4));
    assert_eq!(
        report.death.narrative.as_deref(),
        Some("قصفت طائرة مروحية السوق.\nاستشهد مع أربعة آخرين.")
    );
    assert_eq!(report.detention, None);
    assert_eq!(report.evidence, vec!["https://example.org/video/1"]);
    assert!(report.warnings.is_empty());
}

#[test]
fn an_empty_form_lists_every_required_answer_at_once() {
    let errors = errors_of(&FormInput::default());
    assert_eq!(
        fields(&errors),
        vec![
            "about_you.relationship",
            "about_you.consent_store",
            "victim.first_name",
            "victim.sex",
            "death.date",
            "death.governorate",
        ]
    );
    assert_eq!(errors[1].kind, FieldErrorKind::ConsentRequired);
    assert_eq!(errors[2].kind, FieldErrorKind::NameRequired);
    // A missing date of death points at the way out for a relative who does not know it.
    assert_eq!(errors[4].kind, FieldErrorKind::DeathDateRequired);
    assert!(errors[4]
        .message(Lang::En)
        .contains("I don't know the date"));
    assert!(errors[4].message(Lang::Ar).contains("لا أعرف التاريخ"));
    for e in &errors {
        assert!(!e.message(Lang::Ar).is_empty() && !e.message(Lang::En).is_empty());
    }
}

#[test]
fn many_errors_are_all_reported_with_their_fields() {
    let mut f = complete();
    f.victim.first_name = "محمد2".into();
    f.victim.age = "130".into();
    f.death.others_killed = "many".into();
    f.death.narrative = "ك".repeat(5001);
    f.evidence.links = vec!["https://ok.example".into(), "javascript:alert(1)".into()];
    f.death.party = "martians".into();
    f.death.district = "SY0302".into(); // Duma is in Rural Damascus, not Aleppo
    let errors = errors_of(&f);
    assert_eq!(
        fields(&errors),
        vec![
            "victim.first_name",
            "victim.age",
            "death.district",
            "death.party",
            "death.others_killed",
            "death.narrative",
            "evidence.links[1]",
        ]
    );
    assert_eq!(
        errors[0].kind,
        FieldErrorKind::Name(sijil_report::form::text::NameProblem::Digits)
    );
    assert_eq!(errors[1].kind, FieldErrorKind::AgeOutOfRange);
    assert_eq!(errors[2].kind, FieldErrorKind::DistrictNotInGovernorate);
    assert_eq!(errors[3].kind, FieldErrorKind::UnknownParty);
}

#[test]
fn names_first_and_family_or_full() {
    let mut f = complete();
    f.victim.family_name.clear();
    let errors = errors_of(&f);
    assert_eq!(fields(&errors), vec!["victim.family_name"]);
    assert_eq!(errors[0].kind, FieldErrorKind::NameRequired);
    f.victim.first_name.clear();
    f.victim.full_name = "  أبو   علي الحلبي ".into();
    let p = parties();
    let r = validate(&f, today(), AllowedParties::Known(&p)).unwrap();
    assert_eq!(r.victim.name.full.as_deref(), Some("أبو علي الحلبي"));
    assert_eq!(r.victim.name.display(), "أبو علي الحلبي");
    f.victim.latin_name = "محمد".into();
    assert_eq!(fields(&errors_of(&f)), vec!["victim.latin_name"]);
}

#[test]
fn date_rules() {
    // Future death.
    let mut f = complete();
    f.death.date = date("", "", "2025");
    let e = errors_of(&f);
    assert_eq!(fields(&e), vec!["death.date"]);
    assert_eq!(e[0].kind, FieldErrorKind::FutureDate);
    // This year is not the future, and year-only is fine.
    f.death.date = date("", "", "2024");
    f.victim.age.clear();
    let p = parties();
    assert!(validate(&f, today(), AllowedParties::Known(&p)).is_ok());
    // Death before birth.
    let mut f = complete();
    f.victim.age.clear();
    f.victim.birth = date("1", "4", "2013");
    let e = errors_of(&f);
    assert_eq!(fields(&e), vec!["death.date"]);
    assert_eq!(e[0].kind, FieldErrorKind::DeathBeforeBirth);
    // Same month, day unknown: not certainly before, accepted.
    f.death.date = date("", "4", "2013");
    assert!(validate(&f, today(), AllowedParties::Known(&p)).is_ok());
    f.victim.birth = DateInput::default();
    // Invalid calendar day, and day without month.
    f.death.date = date("29", "2", "2013");
    assert_eq!(
        errors_of(&f)[0].kind,
        FieldErrorKind::Date(sijil_report::form::date::DateProblem::NoSuchDay)
    );
    f.death.date = date("29", "2", "2012");
    assert!(validate(&f, today(), AllowedParties::Known(&p)).is_ok());
    f.death.date = date("5", "", "2013");
    assert_eq!(
        errors_of(&f)[0].kind,
        FieldErrorKind::Date(sijil_report::form::date::DateProblem::DayWithoutMonth)
    );
    // "I don't know" the date of death: the boxes are ignored.
    f.death.date_unknown = true;
    let r = validate(&f, today(), AllowedParties::Known(&p)).unwrap();
    assert_eq!(r.death.date, None);
}

#[test]
fn death_before_march_2011_is_allowed_with_a_gentle_warning() {
    let mut f = complete();
    f.victim.age.clear();
    f.death.date = date("", "2", "2011");
    let p = parties();
    let r = validate(&f, today(), AllowedParties::Known(&p)).unwrap();
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].field, "death.date");
    assert_eq!(r.warnings[0].kind, FieldWarningKind::DeathBeforeMarch2011);
    assert!(r.warnings[0].message(Lang::Ar).contains("٢٠١١"));
    assert!(r.warnings[0].message(Lang::En).contains("2011"));
    assert_eq!(warnings(&f, today(), AllowedParties::Known(&p)), r.warnings);
    f.death.date = date("", "", "2011");
    assert!(warnings(&f, today(), AllowedParties::Known(&p)).is_empty());
}

#[test]
fn age_must_fit_the_dates_within_a_year() {
    let p = parties();
    let mut f = complete();
    // Born 1979, died March 2013: 33 or 34; 35 is within one year, 36 is not.
    for (age, ok) in [
        ("32", true),
        ("33", true),
        ("34", true),
        ("35", true),
        ("36", false),
        ("31", false),
    ] {
        f.victim.age = age.into();
        let result = validate(&f, today(), AllowedParties::Known(&p));
        assert_eq!(result.is_ok(), ok, "age {age}");
        if !ok {
            // The date of death is the last of the three answers: the error is on its step.
            let e = &result.unwrap_err()[0];
            assert_eq!(e.kind, FieldErrorKind::AgeInconsistent { min: 33, max: 34 });
            assert_eq!(e.field, "death.date");
            assert_eq!(
                validate_step(&f, Step::Death, today(), AllowedParties::Known(&p)),
                vec![e.clone()]
            );
            assert!(validate_step(&f, Step::Victim, today(), AllowedParties::Known(&p)).is_empty());
            assert!(
                e.message(Lang::Ar).contains("٣٣–٣٤"),
                "{}",
                e.message(Lang::Ar)
            );
        }
    }
    // "Approximately" widens the tolerance.
    f.victim.age = "36".into();
    f.victim.birth.approximate = true;
    assert!(validate(&f, today(), AllowedParties::Known(&p)).is_ok());
    // Date of death unknown: the age cannot exceed the years since birth.
    let mut f = complete();
    f.death.date_unknown = true;
    f.victim.age = "50".into();
    assert_eq!(
        errors_of(&f)[0],
        FieldError::new(
            "victim.age",
            FieldErrorKind::AgeInconsistent { min: 0, max: 45 }
        )
    );
    f.victim.age = "-1".into();
    assert_eq!(fields(&errors_of(&f)), vec!["victim.age"]);
    f.victim.age = "121".into();
    assert_eq!(errors_of(&f)[0].kind, FieldErrorKind::AgeOutOfRange);
    f.victim.age = "۰".into();
    f.victim.birth = date("", "", "2024");
    assert_eq!(
        validate(&f, today(), AllowedParties::Known(&p))
            .unwrap()
            .victim
            .age,
        Some(0)
    );
}

#[test]
fn child_or_adult_is_derived_from_age_or_dates() {
    let mut f = complete();
    f.victim.age = "١٢".into();
    assert_eq!(age_group(&f), Some(AgeGroup::Child));
    f.victim.age.clear();
    f.victim.birth = date("", "", "2000");
    // Died 5 March 2013, born in 2000: 12 or 13, a child either way.
    assert_eq!(age_group(&f), Some(AgeGroup::Child));
    f.victim.birth = date("", "", "1995");
    // 17 or 18: cannot tell.
    assert_eq!(age_group(&f), None);
    f.victim.birth = date("1", "1", "1995");
    assert_eq!(age_group(&f), Some(AgeGroup::Adult));
    let p = parties();
    let r = validate(&f, today(), AllowedParties::Known(&p)).unwrap();
    assert_eq!(r.victim.age_group, Some(AgeGroup::Adult));
    f.victim.birth = DateInput::default();
    assert_eq!(age_group(&f), None);
}

#[test]
fn contact_details_are_checked_only_when_contact_is_wanted() {
    let mut f = complete();
    f.about_you.contact_value = "not a phone".into();
    let e = errors_of(&f);
    assert_eq!(fields(&e), vec!["about_you.contact_value"]);
    f.about_you.contact_ok = "no".into();
    let p = parties();
    let r = validate(&f, today(), AllowedParties::Known(&p)).unwrap();
    assert_eq!(r.about_you.contact, None, "withdrawn details are not kept");
    f.about_you.contact_ok = "yes".into();
    f.about_you.contact_method = "email".into();
    f.about_you.contact_value = "a@example.org".into();
    let r = validate(&f, today(), AllowedParties::Known(&p)).unwrap();
    assert_eq!(r.about_you.contact.unwrap().method, ContactMethod::Email);
    f.about_you.contact_value = "a@example".into();
    assert_eq!(errors_of(&f)[0].kind, FieldErrorKind::Email);
    f.about_you.contact_method.clear();
    assert_eq!(fields(&errors_of(&f)), vec!["about_you.contact_method"]);
}

#[test]
fn detention_step_appears_only_when_relevant() {
    let mut f = complete();
    assert_eq!(
        steps(&f),
        vec![
            Step::AboutYou,
            Step::Victim,
            Step::Death,
            Step::Evidence,
            Step::Review
        ]
    );
    // An arrest after the death is not checked while the step is hidden...
    f.detention.arrest_date = date("", "", "2014");
    let p = parties();
    assert!(validate_step(&f, Step::Detention, today(), AllowedParties::Known(&p)).is_empty());
    assert_eq!(
        validate(&f, today(), AllowedParties::Known(&p))
            .unwrap()
            .detention,
        None
    );
    // ...and is once the user says the victim was detained.
    f.death.detained = "yes".into();
    assert_eq!(steps(&f).len(), 6);
    let e = validate_step(&f, Step::Detention, today(), AllowedParties::Known(&p));
    assert_eq!(fields(&e), vec!["detention.arrest_date"]);
    assert_eq!(e[0].kind, FieldErrorKind::ArrestAfterDeath);
    // The method alone also shows it; the weapon question does not apply to it.
    f.death.detained.clear();
    f.death.method = "torture_detention".into();
    assert!(steps(&f).contains(&Step::Detention));
    f.detention.arrest_date = date("", "8", "2012");
    f.detention.arresting_party = "regime".into();
    f.detention.learned_how = "released_detainee".into();
    f.detention.learned_date = date("", "", "2013");
    f.detention.body_handed_over = "no".into();
    let r = validate(&f, today(), AllowedParties::Known(&p)).unwrap();
    assert_eq!(r.death.weapon, None);
    let d = r.detention.unwrap();
    assert_eq!(d.learned_how, Some(LearnedHow::ReleasedDetainee));
    assert_eq!(d.body_handed_over, Some(YesNoUnknown::No));
    assert_eq!(d.arresting_party.as_deref(), Some("regime"));
    // Learned before the death.
    f.detention.learned_date = date("1", "3", "2013");
    let e = validate_step(&f, Step::Detention, today(), AllowedParties::Known(&p));
    assert_eq!(e[0].kind, FieldErrorKind::LearnedBeforeDeath);
}

#[test]
fn per_step_validation_only_reports_that_step_and_review_reports_all() {
    let f = FormInput::default();
    let p = parties();
    let step = |s| fields(&validate_step(&f, s, today(), AllowedParties::Known(&p))).len();
    assert_eq!(step(Step::AboutYou), 2);
    assert_eq!(step(Step::Victim), 2);
    assert_eq!(step(Step::Death), 2);
    assert_eq!(step(Step::Evidence), 0);
    assert_eq!(step(Step::Review), 6);
    for s in Step::ALL {
        assert_eq!(Step::from_id(s.id()), Some(s));
        assert!(!s.title(Lang::Ar).is_empty());
    }
}

#[test]
fn parties_come_from_the_organization_plus_unknown() {
    let mut f = complete();
    f.death.party = UNKNOWN_PARTY.into();
    let p = parties();
    assert!(validate(&f, today(), AllowedParties::Known(&p)).is_ok());
    f.death.party = "russia".into();
    assert_eq!(errors_of(&f)[0].kind, FieldErrorKind::UnknownParty);
    assert!(validate(&f, today(), AllowedParties::AnyId).is_ok());
    f.death.party = "Not An Id".into();
    assert!(validate(&f, today(), AllowedParties::AnyId).is_err());
}

#[test]
fn a_follow_up_names_the_earlier_report_by_its_receipt_and_survives_the_wire() {
    let p = parties();
    let mut f = complete();
    let plain = validate(&f, today(), AllowedParties::Known(&p)).unwrap();
    // A report that follows nothing is written exactly as before the field existed.
    assert!(!plain.to_wire_json(&submission()).contains("follows"));
    f.about_you.follows = " ٠٤ht qkff".into();
    let report = validate(&f, today(), AllowedParties::Known(&p)).unwrap();
    assert_eq!(report.about_you.follows.as_deref(), Some("04HT-QKFF"));
    let json = report.to_wire_json(&submission());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["follows"], "04HT-QKFF");
    let back = parse_report_json(json.as_bytes(), today(), AllowedParties::Known(&p)).unwrap();
    assert_eq!(back.report, report);
    f.about_you.follows = "04HT-QKF".into();
    let errors = errors_of(&f);
    assert_eq!(
        errors,
        vec![FieldError::new(
            "about_you.follows",
            FieldErrorKind::ReceiptCode
        )]
    );
    assert_eq!(errors[0].step_id(), "about_you");
}

fn submission() -> Submission {
    Submission {
        id: ReportId::parse("0123abcd-ef01-4234-8567-89abcdef0123").unwrap(),
        submitted_at: "2024-05-01T09:30:00.123Z".into(),
        lang: Lang::Ar,
    }
}

#[test]
fn wire_v2_round_trips_through_the_same_rules() {
    let p = parties();
    let mut f = complete();
    f.death.detained = "yes".into();
    f.detention.arrest_date = DateInput {
        approximate: true,
        ..date("", "", "2012")
    };
    f.detention.burial_place = "مقبرة الشهداء".into();
    f.victim.nickname = "أبو علي".into();
    f.victim.latin_name = "Mohammad al-Khatib".into();
    let report = validate(&f, today(), AllowedParties::Known(&p)).unwrap();
    let json = report.to_wire_json(&submission());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["form"], "sijil-family-report");
    assert_eq!(v["version"], 2);
    assert_eq!(v["id"], "0123abcd-ef01-4234-8567-89abcdef0123");
    assert_eq!(v["receipt"], "04HT-QKFF");
    assert_eq!(v["lang"], "ar");
    assert_eq!(v["victim"]["name"]["first"], "محمد");
    assert_eq!(v["victim"]["birth"]["date"], "1979");
    assert_eq!(v["victim"]["age_group"], "adult");
    assert_eq!(v["death"]["date"]["date"], "2013-03-05");
    assert_eq!(v["detention"]["arrest_date"]["approximate"], true);
    assert_eq!(v["victim"]["name"]["grandfather"], serde_json::Value::Null);
    let back = parse_report_json(json.as_bytes(), today(), AllowedParties::Known(&p)).unwrap();
    assert_eq!(back.report, report);
    assert_eq!(back.submission, submission());
    // Unknown date of death is null on the wire and stays unknown.
    f.death.date_unknown = true;
    let r = validate(&f, today(), AllowedParties::Known(&p)).unwrap();
    let json = r.to_wire_json(&submission());
    assert!(json.contains("\"death\":{\"date\":null"));
    let back = parse_report_json(json.as_bytes(), today(), AllowedParties::Known(&p)).unwrap();
    assert_eq!(back.report.death.date, None);
}

#[test]
fn attachments_and_the_incident_travel_in_v2_and_a_v1_report_still_reads() {
    use sijil_report::form::attachment::AttachmentInput;
    let p = parties();
    let mut f = complete();
    f.incident = "7d3f0c1e-9a2b-4c5d-8e6f-0a1b2c3d4e5f".into();
    f.evidence.attachments = vec![
        AttachmentInput {
            id: "11111111-2222-4333-8444-555555555555".into(),
            name: "../شهادة وفاة.pdf".into(),
            media_type: "application/pdf".into(),
            size: 48_213,
            sha256: "0f".repeat(32),
            original_sha256: String::new(),
            sent: "original".into(),
        },
        AttachmentInput {
            id: "21111111-2222-4333-8444-555555555555".into(),
            name: "IMG_2041.jpg".into(),
            media_type: "image/jpeg".into(),
            size: 2_400_000,
            sha256: "ab".repeat(32),
            original_sha256: "cd".repeat(32),
            sent: "location_removed".into(),
        },
    ];
    let report = validate(&f, today(), AllowedParties::Known(&p)).unwrap();
    let json = report.to_wire_json(&submission());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["incident"], "7d3f0c1e-9a2b-4c5d-8e6f-0a1b2c3d4e5f");
    assert_eq!(
        v["attachments"][0]["name"], "شهادة وفاة.pdf",
        "no folders in a name"
    );
    assert_eq!(v["attachments"][0]["type"], "application/pdf");
    assert_eq!(
        v["attachments"][0]["original_sha256"],
        serde_json::Value::Null
    );
    assert_eq!(v["attachments"][1]["sent"], "location_removed");
    let back = parse_report_json(json.as_bytes(), today(), AllowedParties::Known(&p)).unwrap();
    assert_eq!(back.report, report);
    // A report the phone wrote before version 2: read, with no incident and no files.
    let mut v1 = v.clone();
    v1["version"] = 1.into();
    let o = v1.as_object_mut().unwrap();
    o.remove("incident");
    o.remove("attachments");
    let old = parse_report_json(
        v1.to_string().as_bytes(),
        today(),
        AllowedParties::Known(&p),
    )
    .unwrap();
    assert_eq!(
        (old.report.incident, old.report.attachments.len()),
        (None, 0)
    );
    // A damaged description is named by its file.
    let mut bad = v.clone();
    bad["attachments"][1]["type"] = "application/x-msdownload".into();
    bad["incident"] = "yesterday".into();
    let Err(WireError::Invalid(errors)) = parse_report_json(
        bad.to_string().as_bytes(),
        today(),
        AllowedParties::Known(&p),
    ) else {
        panic!("expected invalid answers");
    };
    assert_eq!(
        fields(&errors),
        vec!["evidence.attachments[1]", "evidence.incident"]
    );
    assert!(errors[0].message(Lang::Ar).contains("PDF"));
}

#[test]
fn wire_reports_that_break_the_rules_or_the_format_are_refused() {
    let p = parties();
    let report = validate(&complete(), today(), AllowedParties::Known(&p)).unwrap();
    let good: serde_json::Value =
        serde_json::from_str(&report.to_wire_json(&submission())).unwrap();
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        f(&mut v);
        parse_report_json(v.to_string().as_bytes(), today(), AllowedParties::Known(&p))
    };
    assert!(matches!(
        parse_report_json(b"{not json", today(), AllowedParties::AnyId),
        Err(WireError::Json(_))
    ));
    assert_eq!(
        edit(&|v| v["form"] = "other".into()),
        Err(WireError::NotAReport)
    );
    assert_eq!(
        edit(&|v| v["version"] = 3.into()),
        Err(WireError::Version("3".into()))
    );
    assert!(matches!(
        edit(&|v| v["victim"]["sex"] = 3.into()),
        Err(WireError::Shape(_))
    ));
    assert_eq!(
        edit(&|v| v["receipt"] = "AAAA-AAAA".into()),
        Err(WireError::ReceiptMismatch)
    );
    assert_eq!(edit(&|v| v["id"] = "nope".into()), Err(WireError::BadId));
    assert_eq!(
        edit(&|v| v["submitted_at"] = "yesterday".into()),
        Err(WireError::BadTimestamp)
    );
    assert_eq!(edit(&|v| v["lang"] = "fr".into()), Err(WireError::BadLang));
    let Err(WireError::Invalid(errors)) = edit(&|v| {
        v["victim"]["name"]["first"] = "<b>".into();
        v["death"]["date"]["date"] = "2013-02-30".into();
        v["about_you"]["consent"]["store"] = false.into();
    }) else {
        panic!("expected invalid answers");
    };
    assert_eq!(
        fields(&errors),
        vec!["about_you.consent_store", "victim.first_name", "death.date"]
    );
    // Derived values are recomputed, not trusted.
    let back = edit(&|v| v["victim"]["age_group"] = "child".into()).unwrap();
    assert_eq!(back.report.victim.age_group, Some(AgeGroup::Adult));
    // A later date than "today" (the export's clock) is in the future.
    let early = Date::parse("2013-03-01").unwrap();
    assert!(matches!(
        parse_report_json(
            good.to_string().as_bytes(),
            early,
            AllowedParties::Known(&p)
        ),
        Err(WireError::Invalid(_))
    ));
}

fn fresh() -> ReportId {
    ReportId::from_random([7; 16])
}

#[test]
fn drafts_round_trip_and_keep_half_typed_answers() {
    let id = ReportId::from_random([1; 16]);
    let mut d = Draft::new(id, today());
    d.step = Step::Death;
    d.input.victim.age = "٣x".into(); // not valid yet: kept exactly
    d.input.death.date = date("31", "2", "");
    let json = d.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "sijil-draft");
    assert_eq!(v["version"], 1);
    assert_eq!(v["receipt"], d.receipt());
    assert_eq!(v["step"], "death");
    let back = parse_draft(&json, today(), fresh()).unwrap();
    assert_eq!(back, d);
}

#[test]
fn drafts_expire_after_30_days() {
    let d = Draft::new(ReportId::from_random([1; 16]), today());
    let json = d.to_json();
    let day30 = Date::parse("2024-05-31").unwrap();
    let day31 = Date::parse("2024-06-01").unwrap();
    assert!(parse_draft(&json, day30, fresh()).is_some());
    assert_eq!(parse_draft(&json, day31, fresh()), None);
    assert!(d.is_expired(day31));
}

#[test]
fn unreadable_or_newer_drafts_are_dropped() {
    let d = Draft::new(ReportId::from_random([1; 16]), today());
    let mut v: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(parse_draft("not json", today(), fresh()), None);
    assert_eq!(parse_draft("[]", today(), fresh()), None);
    v["version"] = 2.into();
    assert_eq!(parse_draft(&v.to_string(), today(), fresh()), None);
    v["version"] = 1.into();
    v["format"] = "something-else".into();
    assert_eq!(parse_draft(&v.to_string(), today(), fresh()), None);
    v["format"] = "sijil-draft".into();
    v["id"] = "not-a-uuid".into();
    assert_eq!(parse_draft(&v.to_string(), today(), fresh()), None);
}

#[test]
fn version_0_drafts_migrate_to_version_1() {
    // What the prototype stored: the bare input, with a field this version no longer knows.
    let v0 = r#"{"victim": {"first_name": "سارة", "age": "٧"}, "death": {"governorate": "SY12"},
                 "old_field": true}"#;
    let d = parse_draft(v0, today(), fresh()).unwrap();
    assert_eq!(d.id, fresh());
    assert_eq!((d.started, d.updated), (today(), today()));
    assert_eq!(d.step, Step::AboutYou);
    assert_eq!(d.input.victim.first_name, "سارة");
    assert_eq!(d.input.victim.age, "٧");
    assert_eq!(d.input.death.governorate, "SY12");
    // Once migrated it is saved as v1 and reads back the same.
    assert_eq!(
        parse_draft(&d.to_json(), today(), ReportId::from_random([9; 16])),
        Some(d)
    );
}
