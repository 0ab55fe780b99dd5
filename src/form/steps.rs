//! The questions of each step, in the order the spec gives them. Each step is a function of the
//! raw input (so Back/Next and a language switch never lose a word), the current errors, and the
//! organization's party list. Conditional questions appear as soon as the answer that opens
//! them is given.

use super::binding::get;
use super::fields::{Check, Choice, OnField, Text};
use super::strings::{digits, FormText};
use sijil_core::feed::governorates::GOVERNORATES;
use sijil_core::lang::Lang;
use sijil_report::form::{self as rules, FieldError, FieldWarning, FormInput};
use yew::prelude::*;

/// Everything a step needs to draw its questions.
pub struct StepCtx<'a> {
    pub input: &'a FormInput,
    pub lang: Lang,
    pub t: &'static FormText,
    pub errors: &'a [FieldError],
    pub on: OnField,
    /// `(party id, name in the reader's language)` from the runtime config.
    pub parties: &'a [(String, String)],
    /// The organization's name in the reader's language (from the config).
    pub org: &'a str,
    /// Accepted answers worth a second look (shown as the user types, never blocking).
    pub warnings: &'a [FieldWarning],
}

impl StepCtx<'_> {
    fn error(&self, id: &str) -> Option<AttrValue> {
        self.errors
            .iter()
            .find(|e| e.field == id)
            .map(|e| AttrValue::from(e.message(self.lang)))
    }

    fn text(&self, id: &'static str, label: &'static str) -> Html {
        self.text_with(id, label, "text", None, false)
    }

    fn text_with(
        &self,
        id: &'static str,
        label: &'static str,
        mode: &'static str,
        hint: Option<Html>,
        required: bool,
    ) -> Html {
        html! {
            <Text id={id} label={label} value={get(self.input, id)} on={self.on.clone()} error={self.error(id)}
                inputmode={mode} {hint} {required} />
        }
    }

    fn long_text(&self, id: &'static str, label: &'static str, max: u32) -> Html {
        html! { <Text id={id} label={label} value={get(self.input, id)} on={self.on.clone()} error={self.error(id)} multiline=true maxlength={max} /> }
    }

    fn choice(
        &self,
        id: &'static str,
        legend: &'static str,
        options: Vec<(AttrValue, AttrValue)>,
        required: bool,
        select: bool,
    ) -> Html {
        html! { <Choice id={id} legend={legend} {options} value={get(self.input, id)} on={self.on.clone()} error={self.error(id)} {required} {select} /> }
    }

    fn check(&self, id: &'static str, label: String, required: bool) -> Html {
        html! { <Check id={id} {label} checked={get(self.input, id) == "true"} on={self.on.clone()} error={self.error(id)} {required} /> }
    }

    /// The warning about a field, if any (e.g. a death before March 2011): a note, not an error.
    fn warning(&self, id: &str) -> Html {
        match self.warnings.iter().find(|w| w.field == id) {
            Some(w) => html! {
                <p class="field-warning" id={format!("{id}-warning")} role="status">
                    <strong>{ self.t.warning_word }{": "}</strong>{ w.message(self.lang) }
                </p>
            },
            None => html! {},
        }
    }

    /// Day, month and year boxes plus "approximately"; the day box carries the date's id. A
    /// required date marks its legend and its year box (the one part it cannot do without).
    fn date(&self, base: &'static str, legend: &'static str, required: bool) -> Html {
        let t = self.t;
        let part = |suffix: &str, label: &'static str, max: u32, size: &'static str| {
            let id = if suffix.is_empty() {
                base.to_owned()
            } else {
                format!("{base}.{suffix}")
            };
            let on = {
                let (cb, id) = (self.on.clone(), AttrValue::from(id.clone()));
                Callback::from(move |e: InputEvent| {
                    cb.emit((id.clone(), crate::browser::event_value(&e)))
                })
            };
            let invalid = self.error(base).is_some();
            let warned = self.warnings.iter().any(|w| w.field == base);
            let described: Vec<String> = [
                invalid.then(|| format!("{base}-error")),
                warned.then(|| format!("{base}-warning")),
            ]
            .into_iter()
            .flatten()
            .collect();
            html! {
                <div class={classes!("date-part", size)}>
                    <label for={id.clone()}>{ label }</label>
                    <input id={id.clone()} name={id.clone()} type="text" inputmode="numeric" maxlength={max.to_string()} value={get(self.input, &id)}
                        oninput={on} autocomplete="off" aria-invalid={invalid.then_some("true")}
                        required={required && suffix == "year"}
                        aria-describedby={(!described.is_empty()).then(|| described.join(" "))} />
                </div>
            }
        };
        let err = self.error(base);
        html! {
            <fieldset class={classes!("field", "date", err.is_some().then_some("invalid"))}>
                <legend>{ legend }if required { <span class="req" aria-hidden="true">{" *"}</span> }</legend>
                if let Some(e) = err { <p class="field-error" id={format!("{base}-error")}>{ e }</p> }
                { self.warning(base) }
                <div class="date-boxes">
                    { part("", t.day, 2, "short") }{ part("month", t.month, 2, "short") }{ part("year", t.year, 4, "long") }
                </div>
                { self.check_dyn(format!("{base}.approximate"), t.approximate) }
            </fieldset>
        }
    }

    fn check_dyn(&self, id: String, label: &'static str) -> Html {
        html! { <Check id={id.clone()} label={label} checked={get(self.input, &id) == "true"} on={self.on.clone()} /> }
    }

    fn governorates(&self) -> Vec<(AttrValue, AttrValue)> {
        GOVERNORATES
            .iter()
            .map(|g| (AttrValue::from(g.code), AttrValue::from(g.name(self.lang))))
            .collect()
    }

    fn parties(&self) -> Vec<(AttrValue, AttrValue)> {
        let mut v: Vec<(AttrValue, AttrValue)> = self
            .parties
            .iter()
            .map(|(id, n)| (AttrValue::from(id.clone()), AttrValue::from(n.clone())))
            .collect();
        v.push(("unknown".into(), self.t.unknown_party.into()));
        v
    }
}

fn opts<C: Copy>(
    all: &[C],
    id: impl Fn(C) -> &'static str,
    label: impl Fn(C) -> &'static str,
) -> Vec<(AttrValue, AttrValue)> {
    all.iter()
        .map(|c| (AttrValue::from(id(*c)), AttrValue::from(label(*c))))
        .collect()
}

macro_rules! choice_opts {
    ($ty:ty, $lang:expr) => {
        opts(<$ty>::ALL, |c| c.id(), |c| c.label($lang))
    };
}

pub fn about_you(c: &StepCtx) -> Html {
    let t = c.t;
    let l = c.lang;
    let contact = c.input.about_you.contact_ok == "yes";
    let method = c.input.about_you.contact_method.as_str();
    html! {
        <>
            <p class="who-reads">{ t.who_reads.replace("{org}", c.org) }</p>
            { follow_up(c) }
            { c.choice("about_you.relationship", t.relationship, choice_opts!(rules::Relationship, l), true, false) }
            { c.text_with("about_you.name", t.your_name, "text", None, false) }
            { c.choice("about_you.contact_ok", t.contact_ok, opts(&[("yes", t.yes), ("no", t.no)], |x| x.0, |x| x.1), false, false) }
            if contact {
                // Required once contact is wanted (`sijil-report` says so too).
                { c.choice("about_you.contact_method", t.contact_method, choice_opts!(rules::ContactMethod, l), true, false) }
                { c.text_with("about_you.contact_value", t.contact_value, if method == "email" { "email" } else { "tel" }, Some(isolated(t.contact_value_hint, l)), true) }
            }
            <fieldset class="field consents">
                <legend>{ t.consents }</legend>
                { c.check("about_you.consent_store", t.consent_store.replace("{org}", c.org), true) }
                { c.check("about_you.consent_un", t.consent_un.into(), false) }
                { c.check("about_you.consent_publish_name", t.consent_publish.into(), false) }
            </fieldset>
        </>
    }
}

/// "Add information to a report you sent": the earlier report's receipt code, typed or picked
/// from the codes kept on this phone. Open when a code is given (or in error).
fn follow_up(c: &StepCtx) -> Html {
    let t = c.t;
    let id = "about_you.follows";
    let value = get(c.input, id);
    let kept = super::drafts::kept_receipts();
    let open = !value.is_empty() || c.error(id).is_some();
    html! {
        <details class="follow-up" {open}>
            <summary>{ t.follow_up_summary }</summary>
            <p class="hint">{ t.follow_up_hint }</p>
            <Text id={id} label={t.follows} value={value} on={c.on.clone()} error={c.error(id)} maxlength={12} />
            if !kept.is_empty() {
                <p class="kept">{ t.kept_codes }{" "}
                    { for kept.into_iter().map(|code| {
                        let on = c.on.reform({ let code = code.clone(); move |_| (AttrValue::from(id), code.clone()) });
                        html! { <button type="button" class="link" dir="ltr" onclick={on}>{ code }</button> }
                    }) }
                </p>
            }
        </details>
    }
}

pub fn victim(c: &StepCtx) -> Html {
    let t = c.t;
    let l = c.lang;
    let group = rules::age_group(c.input);
    html! {
        <>
            <fieldset class="field names">
                <legend>{ t.name_group }<span class="req" aria-hidden="true">{" *"}</span></legend>
                <p class="hint">{ t.name_hint }</p>
                { c.text("victim.first_name", t.first_name) }
                { c.text("victim.father_name", t.father_name) }
                { c.text("victim.grandfather_name", t.grandfather_name) }
                { c.text("victim.family_name", t.family_name) }
                { c.text("victim.full_name", t.full_name) }
            </fieldset>
            { c.text("victim.mother_name", t.mother_name) }
            { c.text("victim.nickname", t.nickname) }
            { c.text("victim.latin_name", t.latin_name) }
            { c.choice("victim.sex", t.sex, choice_opts!(rules::Sex, l), true, false) }
            { c.text_with("victim.age", t.age, "numeric", None, false) }
            { c.date("victim.birth", t.birth, false) }
            if let Some(g) = group {
                <p class="derived" role="status">{ g.label(l) }</p>
            }
            { c.choice("victim.civilian", t.civilian, choice_opts!(rules::YesNoUnknown, l), false, false) }
            { c.text("victim.occupation", t.occupation) }
            <fieldset class="field">
                <legend>{ t.professions }</legend>
                { for rules::Profession::ALL.iter().map(|p| c.check_dyn(format!("victim.professions.{}", p.id()), p.label(l))) }
            </fieldset>
            { c.choice("victim.origin_governorate", t.origin_governorate, c.governorates(), false, true) }
            { c.text("victim.origin_town", t.origin_town) }
        </>
    }
}

pub fn death(c: &StepCtx) -> Html {
    let t = c.t;
    let l = c.lang;
    let d = &c.input.death;
    let districts: Vec<(AttrValue, AttrValue)> = rules::places::districts_of(&d.governorate)
        .map(|x| (AttrValue::from(x.code), AttrValue::from(x.name(l))))
        .collect();
    let asks_weapon = rules::Method::from_id(&d.method).is_some_and(|m| m.asks_weapon());
    html! {
        <>
            if !d.date_unknown { { c.date("death.date", t.death_date, true) } }
            { c.check("death.date_unknown", t.date_unknown.into(), false) }
            <fieldset class="field">
                <legend>{ t.death_place }</legend>
                { c.choice("death.governorate", t.governorate, c.governorates(), true, true) }
                if !districts.is_empty() { { c.choice("death.district", t.district, districts, false, true) } }
                { c.text("death.town", t.town) }
            </fieldset>
            { c.choice("death.method", t.method, choice_opts!(rules::Method, l), false, true) }
            if asks_weapon { { c.choice("death.weapon", t.weapon, choice_opts!(rules::Weapon, l), false, true) } }
            { c.choice("death.party", t.party, c.parties(), false, true) }
            { c.text_with("death.others_killed", t.others_killed, "numeric", None, false) }
            { c.choice("death.detained", t.detained, choice_opts!(rules::YesNoUnknown, l), false, false) }
            { c.long_text("death.narrative", t.narrative, 5000) }
        </>
    }
}

pub fn detention(c: &StepCtx) -> Html {
    let t = c.t;
    let l = c.lang;
    html! {
        <>
            { c.date("detention.arrest_date", t.arrest_date, false) }
            { c.choice("detention.arresting_party", t.arresting_party, c.parties(), false, true) }
            { c.text("detention.arrest_place", t.arrest_place) }
            { c.text("detention.detention_place", t.detention_place) }
            { c.choice("detention.learned_how", t.learned_how, choice_opts!(rules::LearnedHow, l), false, true) }
            { c.date("detention.learned_date", t.learned_date, false) }
            { c.choice("detention.body_handed_over", t.body_handed_over, choice_opts!(rules::YesNoUnknown, l), false, false) }
            { c.text("detention.burial_place", t.burial_place) }
        </>
    }
}

/// Evidence links: one box per link, and always one empty box to add another.
pub fn evidence(c: &StepCtx) -> Html {
    let t = c.t;
    let links = &c.input.evidence.links;
    let shown = (links.iter().filter(|l| !l.is_empty()).count() + 1)
        .min(20)
        .max(links.len().min(20));
    html! {
        <>
            <p class="hint">{ t.evidence_intro }</p>
            // Always twenty slots (the most links), empty ones rendering nothing: a list that
            // grew under the cursor took the box being typed in away from it (Yew matches an
            // unkeyed list from its end, and re-inserts the nodes of a keyed one), so from the
            // first character on, keys went to the next box or nowhere.
            { for (0..20).map(|i| if i < shown.max(1) {
                let id = format!("evidence.links[{i}]");
                html! {
                    <Text id={id.clone()} label={format!("{} {}", t.link, i + 1)} value={get(c.input, &id)} on={c.on.clone()}
                        error={c.error(&id)} inputmode="url" auto_dir=false />
                }
            } else {
                Html::default()
            }) }
        </>
    }
}

/// Text whose `{…}` parts are codes or numbers: each is put in `<bdi dir="ltr">` (so "+963"
/// never reads "963+" in Arabic), in the interface's digits.
pub fn isolated(text: &str, lang: Lang) -> Html {
    let mut out = Vec::new();
    for (i, part) in text.split(['{', '}']).enumerate() {
        if i % 2 == 1 {
            let code = digits(lang, part);
            out.push(html! { <bdi dir="ltr">{ code }</bdi> });
        } else if !part.is_empty() {
            out.push(html! { { part.to_owned() } });
        }
    }
    html! { <>{ for out }</> }
}

/// The question a field id belongs to, as the user sees it: the error summary names it.
pub fn label_of(t: &FormText, id: &str) -> String {
    if let Some(n) = id
        .strip_prefix("evidence.links[")
        .and_then(|r| r.strip_suffix(']'))
        .and_then(|n| n.parse::<usize>().ok())
    {
        return format!("{} {}", t.link, n + 1);
    }
    let label = match id {
        "about_you.relationship" => t.relationship,
        "about_you.name" => t.your_name,
        "about_you.contact_ok" => t.contact_ok,
        "about_you.contact_method" => t.contact_method,
        "about_you.contact_value" => t.contact_value,
        "about_you.consent_store" => t.consents,
        "about_you.follows" => t.follows,
        "victim.first_name" => t.first_name,
        "victim.father_name" => t.father_name,
        "victim.grandfather_name" => t.grandfather_name,
        "victim.family_name" => t.family_name,
        "victim.full_name" => t.full_name,
        "victim.mother_name" => t.mother_name,
        "victim.nickname" => t.nickname,
        "victim.latin_name" => t.latin_name,
        "victim.sex" => t.sex,
        "victim.age" => t.age,
        "victim.birth" => t.birth,
        "victim.civilian" => t.civilian,
        "victim.occupation" => t.occupation,
        "victim.professions" => t.professions,
        "victim.origin_governorate" => t.origin_governorate,
        "victim.origin_town" => t.origin_town,
        "death.date" => t.death_date,
        "death.governorate" => t.governorate,
        "death.district" => t.district,
        "death.town" => t.town,
        "death.method" => t.method,
        "death.weapon" => t.weapon,
        "death.party" => t.party,
        "death.others_killed" => t.others_killed,
        "death.detained" => t.detained,
        "death.narrative" => t.narrative,
        "detention.arrest_date" => t.arrest_date,
        "detention.arresting_party" => t.arresting_party,
        "detention.arrest_place" => t.arrest_place,
        "detention.detention_place" => t.detention_place,
        "detention.learned_how" => t.learned_how,
        "detention.learned_date" => t.learned_date,
        "detention.body_handed_over" => t.body_handed_over,
        "detention.burial_place" => t.burial_place,
        "evidence.links" => t.link,
        _ => "",
    };
    label.to_owned()
}
