//! The review page: every answer on one page, grouped by step, each group with an Edit button
//! that returns to its step. Values are shown as typed (choice ids as their labels), so what the
//! relative checks is exactly what will be encrypted.

use super::binding::get;
use super::text::FormText;
use sijil_core::feed::governorates::governorate;
use sijil_core::form::{self as core, FormInput, Step};
use sijil_core::lang::Lang;
use yew::prelude::*;

/// The label of a stored choice id (or the id itself if it is not in the list).
fn choice_label(id: &str, value: &str, lang: Lang, parties: &[(String, String)]) -> String {
    let l = lang;
    let field = id.rsplit('.').next().unwrap_or(id);
    let found = match field {
        "relationship" => core::Relationship::from_id(value).map(|c| c.label(l)),
        "contact_method" => core::ContactMethod::from_id(value).map(|c| c.label(l)),
        "sex" => core::Sex::from_id(value).map(|c| c.label(l)),
        "civilian" | "detained" | "body_handed_over" | "contact_ok" => {
            core::YesNoUnknown::from_id(value).map(|c| c.label(l))
        }
        "method" => core::Method::from_id(value).map(|c| c.label(l)),
        "weapon" => core::Weapon::from_id(value).map(|c| c.label(l)),
        "learned_how" => core::LearnedHow::from_id(value).map(|c| c.label(l)),
        "origin_governorate" | "governorate" => governorate(value).map(|g| g.name(l)),
        "district" => core::places::district_by_code(value).map(|d| d.name(l)),
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

fn date_text(input: &FormInput, base: &str, t: &FormText) -> String {
    let (d, m, y) = (
        get(input, base),
        get(input, &format!("{base}.month")),
        get(input, &format!("{base}.year")),
    );
    let parts: Vec<String> = [d, m, y].into_iter().filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return String::new();
    }
    let approx = get(input, &format!("{base}.approximate")) == "true";
    format!(
        "{}{}",
        parts.join("/"),
        if approx {
            format!(" ({})", t.approximate)
        } else {
            String::new()
        }
    )
}

#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    pub input: FormInput,
    pub lang: Lang,
    pub steps: Vec<Step>,
    pub parties: Vec<(String, String)>,
    pub on_edit: Callback<Step>,
}

#[component]
pub fn Review(p: &ReviewProps) -> Html {
    let t = super::text::text(p.lang);
    let rows = |step: Step| -> Vec<(&'static str, String)> {
        let i = &p.input;
        let v = |id: &str| get(i, id);
        let c = |id: &str| choice_label(id, &get(i, id), p.lang, &p.parties);
        let yes = |id: &str| {
            if v(id) == "true" {
                "✓".to_owned()
            } else {
                String::new()
            }
        };
        match step {
            Step::AboutYou => vec![
                (t.relationship, c("about_you.relationship")),
                (t.your_name, v("about_you.name")),
                (t.contact_ok, c("about_you.contact_ok")),
                (t.contact_method, c("about_you.contact_method")),
                (t.contact_value, v("about_you.contact_value")),
                (t.consent_store, yes("about_you.consent_store")),
                (t.consent_un, yes("about_you.consent_un")),
                (t.consent_publish, yes("about_you.consent_publish_name")),
            ],
            Step::Victim => vec![
                (t.first_name, v("victim.first_name")),
                (t.father_name, v("victim.father_name")),
                (t.grandfather_name, v("victim.grandfather_name")),
                (t.family_name, v("victim.family_name")),
                (t.full_name, v("victim.full_name")),
                (t.mother_name, v("victim.mother_name")),
                (t.nickname, v("victim.nickname")),
                (t.latin_name, v("victim.latin_name")),
                (t.sex, c("victim.sex")),
                (t.age, v("victim.age")),
                (t.birth, date_text(i, "victim.birth", t)),
                (t.civilian, c("victim.civilian")),
                (t.occupation, v("victim.occupation")),
                (
                    t.professions,
                    i.victim
                        .professions
                        .iter()
                        .filter_map(|x| core::Profession::from_id(x))
                        .map(|x| x.label(p.lang))
                        .collect::<Vec<_>>()
                        .join("، "),
                ),
                (t.origin_governorate, c("victim.origin_governorate")),
                (t.origin_town, v("victim.origin_town")),
            ],
            Step::Death => vec![
                (
                    t.death_date,
                    if i.death.date_unknown {
                        t.date_unknown.to_owned()
                    } else {
                        date_text(i, "death.date", t)
                    },
                ),
                (t.governorate, c("death.governorate")),
                (t.district, c("death.district")),
                (t.town, v("death.town")),
                (t.method, c("death.method")),
                (t.weapon, c("death.weapon")),
                (t.party, c("death.party")),
                (t.others_killed, v("death.others_killed")),
                (t.detained, c("death.detained")),
                (t.narrative, v("death.narrative")),
            ],
            Step::Detention => vec![
                (t.arrest_date, date_text(i, "detention.arrest_date", t)),
                (t.arresting_party, c("detention.arresting_party")),
                (t.arrest_place, v("detention.arrest_place")),
                (t.detention_place, v("detention.detention_place")),
                (t.learned_how, c("detention.learned_how")),
                (t.learned_date, date_text(i, "detention.learned_date", t)),
                (t.body_handed_over, c("detention.body_handed_over")),
                (t.burial_place, v("detention.burial_place")),
            ],
            Step::Evidence => i
                .evidence
                .links
                .iter()
                .filter(|l| !l.is_empty())
                .map(|l| (t.link, l.clone()))
                .collect(),
            Step::Review => Vec::new(),
        }
    };
    html! {
        <div class="review">
            { for p.steps.iter().filter(|s| **s != Step::Review).map(|&step| {
                let answered: Vec<(&str, String)> = rows(step).into_iter().filter(|(_, v)| !v.is_empty()).collect();
                let on_edit = p.on_edit.reform(move |_| step);
                html! {
                    <section class="card" aria-labelledby={format!("review-{}", step.id())}>
                        <h2 id={format!("review-{}", step.id())}>{ step.title(p.lang) }</h2>
                        <dl>
                            { for answered.into_iter().map(|(k, v)| html! { <><dt>{ k }</dt><dd dir="auto">{ v }</dd></> }) }
                        </dl>
                        <button type="button" onclick={on_edit} aria-label={format!("{}: {}", t.edit, step.title(p.lang))}>{ t.edit }</button>
                    </section>
                }
            }) }
        </div>
    }
}
