//! The review page: every answer on one page, grouped by step, each group with an Edit button
//! that returns to its step. Values are shown as they will be sent (choices by their labels,
//! "I don't know" in words, numbers and phone numbers normalized, text trimmed), in the page's
//! digits; every consent is listed with its answer, given or not.

use super::binding::get;
use super::strings::{digits, FormText};
use sijil_core::digits::normalize;
use sijil_core::feed::governorates::governorate;
use sijil_core::lang::Lang;
use sijil_report::form::text::{clean_line, clean_multiline, clean_name, parse_count};
use sijil_report::form::{self as rules, normalize_phone, FormInput, Step};
use yew::prelude::*;

/// The label of a stored choice id (or the id itself if it is not in the list).
fn choice_label(id: &str, value: &str, lang: Lang, parties: &[(String, String)]) -> String {
    let l = lang;
    let field = id.rsplit('.').next().unwrap_or(id);
    let found = match field {
        "relationship" => rules::Relationship::from_id(value).map(|c| c.label(l)),
        "contact_method" => rules::ContactMethod::from_id(value).map(|c| c.label(l)),
        "sex" => rules::Sex::from_id(value).map(|c| c.label(l)),
        "civilian" | "detained" | "body_handed_over" | "contact_ok" => {
            rules::YesNoUnknown::from_id(value).map(|c| c.label(l))
        }
        "method" => rules::Method::from_id(value).map(|c| c.label(l)),
        "weapon" => rules::Weapon::from_id(value).map(|c| c.label(l)),
        "learned_how" => rules::LearnedHow::from_id(value).map(|c| c.label(l)),
        "origin_governorate" | "governorate" => governorate(value).map(|g| g.name(l)),
        "district" => rules::places::district_by_code(value).map(|d| d.name(l)),
        "party" | "arresting_party" if value == rules::UNKNOWN_PARTY => {
            return super::strings::text(lang).unknown_party.to_owned()
        }
        "party" | "arresting_party" => {
            return parties
                .iter()
                .find(|(pid, _)| pid == value)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| value.to_owned())
        }
        _ => None,
    };
    found.map(str::to_owned).unwrap_or_else(|| value.to_owned())
}

/// A date as it will be sent (day/month/year, normalized digits), or the raw parts if they do
/// not make a date yet.
fn date_text(input: &FormInput, base: &str, t: &FormText, lang: Lang) -> String {
    let part = |s: &str| get(input, &format!("{base}{s}"));
    let (d, m, y) = (part(""), part(".month"), part(".year"));
    let approx = part(".approximate") == "true";
    let text = match rules::PartialDate::from_parts(&d, &m, &y, approx) {
        Ok(Some(date)) => [date.day(), date.month()]
            .into_iter()
            .flatten()
            .map(|n| n.to_string())
            .chain([date.year().to_string()])
            .collect::<Vec<_>>()
            .join("/"),
        Ok(None) => return String::new(),
        Err(_) => [d, m, y]
            .into_iter()
            .filter(|p| !p.trim().is_empty())
            .map(|p| normalize(p.trim()))
            .collect::<Vec<_>>()
            .join("/"),
    };
    let text = digits(lang, &text);
    if approx {
        format!("{text} ({})", t.approximate)
    } else {
        text
    }
}

/// One answer on the review: its question, the value as it will be sent, and whether the value
/// reads left to right whatever the page's direction (a phone number, a link).
struct Row {
    label: String,
    value: String,
    ltr: bool,
    /// Shown even when empty (consents: "No" is an answer).
    always: bool,
}

fn row(label: &str, value: String) -> Row {
    Row {
        label: label.to_owned(),
        value,
        ltr: false,
        always: false,
    }
}

#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    pub input: FormInput,
    pub lang: Lang,
    pub steps: Vec<Step>,
    pub parties: Vec<(String, String)>,
    /// The organization's name (the consent to store names it).
    pub org: AttrValue,
    pub on_edit: Callback<Step>,
}

#[component]
pub fn Review(p: &ReviewProps) -> Html {
    let t = super::strings::text(p.lang);
    let l = p.lang;
    let rows = |step: Step| -> Vec<Row> {
        let i = &p.input;
        let v = |id: &str| get(i, id);
        // What will be sent: cleaned text, names as stored, numbers parsed, in the page's digits.
        let line = |label: &str, id: &str| {
            let raw = v(id);
            row(
                label,
                clean_line(&raw, usize::MAX).ok().flatten().unwrap_or(raw),
            )
        };
        let name = |label: &str, id: &str| {
            let raw = v(id);
            row(label, clean_name(&raw).ok().flatten().unwrap_or(raw))
        };
        let number = |label: &str, id: &str| {
            let raw = v(id);
            let n = parse_count(&raw, u32::MAX).ok().flatten();
            row(label, n.map_or(raw, |n| digits(l, &n.to_string())))
        };
        let c = |label: &str, id: &str| row(label, choice_label(id, &v(id), l, &p.parties));
        let consent = |label: String, id: &str| Row {
            label,
            value: if v(id) == "true" { t.yes } else { t.no }.to_owned(),
            ltr: false,
            always: true,
        };
        match step {
            Step::AboutYou => {
                let contact = i.about_you.contact_ok == "yes";
                let raw = v("about_you.contact_value");
                let value = if i.about_you.contact_method == "email" {
                    raw.trim().to_owned()
                } else {
                    normalize_phone(&raw).map_or(raw, |n| digits(l, &n))
                };
                let follows = v("about_you.follows");
                vec![
                    Row {
                        ltr: true,
                        ..row(
                            t.follows,
                            sijil_report::receipt::normalize_receipt(&follows).unwrap_or(follows),
                        )
                    },
                    c(t.relationship, "about_you.relationship"),
                    name(t.your_name, "about_you.name"),
                    c(t.contact_ok, "about_you.contact_ok"),
                    if contact {
                        c(t.contact_method, "about_you.contact_method")
                    } else {
                        row("", String::new())
                    },
                    Row {
                        ltr: true,
                        ..row(t.contact_value, if contact { value } else { String::new() })
                    },
                    consent(
                        t.consent_store.replace("{org}", &p.org),
                        "about_you.consent_store",
                    ),
                    consent(t.consent_un.to_owned(), "about_you.consent_un"),
                    consent(
                        t.consent_publish.to_owned(),
                        "about_you.consent_publish_name",
                    ),
                ]
            }
            Step::Victim => vec![
                name(t.first_name, "victim.first_name"),
                name(t.father_name, "victim.father_name"),
                name(t.grandfather_name, "victim.grandfather_name"),
                name(t.family_name, "victim.family_name"),
                name(t.full_name, "victim.full_name"),
                name(t.mother_name, "victim.mother_name"),
                name(t.nickname, "victim.nickname"),
                name(t.latin_name, "victim.latin_name"),
                c(t.sex, "victim.sex"),
                number(t.age, "victim.age"),
                row(t.birth, date_text(i, "victim.birth", t, l)),
                c(t.civilian, "victim.civilian"),
                line(t.occupation, "victim.occupation"),
                row(
                    t.professions,
                    i.victim
                        .professions
                        .iter()
                        .filter_map(|x| rules::Profession::from_id(x))
                        .map(|x| x.label(l))
                        .collect::<Vec<_>>()
                        .join(t.list_sep),
                ),
                c(t.origin_governorate, "victim.origin_governorate"),
                line(t.origin_town, "victim.origin_town"),
            ],
            Step::Death => vec![
                row(
                    t.death_date,
                    if i.death.date_unknown {
                        t.date_unknown.to_owned()
                    } else {
                        date_text(i, "death.date", t, l)
                    },
                ),
                c(t.governorate, "death.governorate"),
                c(t.district, "death.district"),
                line(t.town, "death.town"),
                c(t.method, "death.method"),
                c(t.weapon, "death.weapon"),
                c(t.party, "death.party"),
                number(t.others_killed, "death.others_killed"),
                c(t.detained, "death.detained"),
                row(
                    t.narrative,
                    clean_multiline(&v("death.narrative"), usize::MAX)
                        .ok()
                        .flatten()
                        .unwrap_or_default(),
                ),
            ],
            Step::Detention => vec![
                row(t.arrest_date, date_text(i, "detention.arrest_date", t, l)),
                c(t.arresting_party, "detention.arresting_party"),
                line(t.arrest_place, "detention.arrest_place"),
                line(t.detention_place, "detention.detention_place"),
                c(t.learned_how, "detention.learned_how"),
                row(t.learned_date, date_text(i, "detention.learned_date", t, l)),
                c(t.body_handed_over, "detention.body_handed_over"),
                line(t.burial_place, "detention.burial_place"),
            ],
            Step::Evidence => i
                .evidence
                .links
                .iter()
                .filter(|x| !x.trim().is_empty())
                .enumerate()
                .map(|(n, x)| Row {
                    ltr: true,
                    ..row(
                        &format!("{} {}", t.link, digits(l, &(n + 1).to_string())),
                        x.trim().to_owned(),
                    )
                })
                .chain(i.evidence.attachments.iter().enumerate().map(|(n, a)| {
                    row(
                        &format!("{} {}", t.file_word, digits(l, &(n + 1).to_string())),
                        format!("{} ({})", a.name, super::strings::size(l, a.size)),
                    )
                }))
                .collect(),
            Step::Review => Vec::new(),
        }
    };
    html! {
        <div class="review">
            { for p.steps.iter().filter(|s| **s != Step::Review).map(|&step| {
                let answered: Vec<Row> = rows(step).into_iter().filter(|r| r.always || !r.value.is_empty()).collect();
                let on_edit = p.on_edit.reform(move |_| step);
                html! {
                    <section class="card" aria-labelledby={format!("review-{}", step.id())}>
                        <h2 id={format!("review-{}", step.id())}>{ step.title(p.lang) }</h2>
                        <dl>
                            // Each value is isolated (`<bdi>`) but aligned with the page, so
                            // Latin and Arabic answers line up on the reading edge.
                            { for answered.into_iter().map(|r| html! {
                                <><dt>{ r.label }</dt><dd><bdi dir={r.ltr.then_some("ltr")}>{ r.value }</bdi></dd></>
                            }) }
                        </dl>
                        <button type="button" onclick={on_edit} aria-label={format!("{}: {}", t.edit, step.title(p.lang))}>{ t.edit }</button>
                    </section>
                }
            }) }
        </div>
    }
}
