//! Form controls with their label, hint and error wired together the accessible way: the label
//! names the control, `aria-describedby` points at the hint and the error, `aria-invalid` marks a
//! bad value, and the error text sits right under the control. Touch targets are ≥ 44 px (CSS),
//! and each input asks the phone for the right keyboard (`inputmode`).
//!
//! Every control reports changes as `(field id, new raw value)`: the raw string goes into the
//! form state untouched, and validation (in `sijil-report`) reads it from there.

use yew::prelude::*;

/// Change callback: field id and its new raw value.
pub type OnField = Callback<(AttrValue, String)>;

fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn messages(id: &str, hint: &Option<Html>, error: &Option<AttrValue>) -> Html {
    html! {
        <>
            if let Some(h) = hint { <p class="hint" id={format!("{id}-hint")}>{ h.clone() }</p> }
            if let Some(e) = error { <p class="field-error" id={format!("{id}-error")}>{ e.clone() }</p> }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub on: OnField,
    /// Markup, so codes and numbers in it can be isolated (`<bdi>`).
    #[prop_or_default]
    pub hint: Option<Html>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    /// `text`, `numeric`, `tel`, `email`, `url`.
    #[prop_or(AttrValue::Static("text"))]
    pub inputmode: AttrValue,
    #[prop_or_default]
    pub multiline: bool,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    /// Maximum length in characters (also checked by `sijil-report`).
    #[prop_or_default]
    pub maxlength: Option<u32>,
    /// `dir="auto"` lets a Latin name typed in the Arabic form read correctly; the page
    /// direction itself never changes with the text.
    #[prop_or(true)]
    pub auto_dir: bool,
}

#[component]
pub fn Text(p: &TextProps) -> Html {
    let on = {
        let (cb, id) = (p.on.clone(), p.id.clone());
        Callback::from(move |e: InputEvent| cb.emit((id.clone(), crate::browser::event_value(&e))))
    };
    let invalid = p.error.is_some();
    let describedby = described_by(&p.id, p.hint.is_some(), invalid);
    let dir = p.auto_dir.then_some("auto");
    let maxlength = p.maxlength.map(|m| m.to_string());
    let kind = match p.inputmode.as_str() {
        "tel" => "tel",
        "email" => "email",
        "url" => "url",
        _ => "text",
    };
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={p.id.clone()}>{ p.label.clone() }if p.required { <span class="req" aria-hidden="true">{" *"}</span> }</label>
            { messages(&p.id, &p.hint, &p.error) }
            if p.multiline {
                <textarea id={p.id.clone()} name={p.id.clone()} value={p.value.clone()} oninput={on} {dir} rows="5"
                    aria-invalid={invalid.then_some("true")} aria-describedby={describedby} required={p.required} {maxlength} />
            } else {
                <input id={p.id.clone()} name={p.id.clone()} type={kind} value={p.value.clone()} oninput={on} {dir}
                    inputmode={p.inputmode.clone()} autocomplete={p.autocomplete.clone().unwrap_or(AttrValue::Static("off"))}
                    aria-invalid={invalid.then_some("true")} aria-describedby={describedby} required={p.required} {maxlength} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChoiceProps {
    pub id: AttrValue,
    pub legend: AttrValue,
    /// `(value, label)` pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub value: AttrValue,
    pub on: OnField,
    #[prop_or_default]
    pub hint: Option<Html>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    /// Render as a `<select>` (long lists) instead of radio buttons.
    #[prop_or_default]
    pub select: bool,
}

/// One choice among several: radio buttons in a fieldset, or a select for long lists. The first
/// radio carries the field id so an error link can focus it.
#[component]
pub fn Choice(p: &ChoiceProps) -> Html {
    let invalid = p.error.is_some();
    let describedby = described_by(&p.id, p.hint.is_some(), invalid);
    if p.select {
        let on = {
            let (cb, id) = (p.on.clone(), p.id.clone());
            Callback::from(move |e: Event| cb.emit((id.clone(), crate::browser::event_value(&e))))
        };
        return html! {
            <div class={classes!("field", invalid.then_some("invalid"))}>
                <label for={p.id.clone()}>{ p.legend.clone() }if p.required { <span class="req" aria-hidden="true">{" *"}</span> }</label>
                { messages(&p.id, &p.hint, &p.error) }
                <select id={p.id.clone()} name={p.id.clone()} onchange={on} aria-invalid={invalid.then_some("true")} aria-describedby={describedby} required={p.required}>
                    <option value="" selected={p.value.is_empty()}>{ "—" }</option>
                    { for p.options.iter().map(|(v, l)| html! { <option value={v.clone()} selected={p.value == *v}>{ l.clone() }</option> }) }
                </select>
            </div>
        };
    }
    html! {
        <fieldset class={classes!("field", "choices", invalid.then_some("invalid"))} aria-describedby={describedby}>
            <legend>{ p.legend.clone() }if p.required { <span class="req" aria-hidden="true">{" *"}</span> }</legend>
            { messages(&p.id, &p.hint, &p.error) }
            { for p.options.iter().enumerate().map(|(i, (v, l))| {
                let input_id = if i == 0 { p.id.to_string() } else { format!("{}-{v}", p.id) };
                let on = {
                    let (cb, id, v) = (p.on.clone(), p.id.clone(), v.to_string());
                    Callback::from(move |_: Event| cb.emit((id.clone(), v.clone())))
                };
                html! {
                    <div class="choice">
                        <input type="radio" id={input_id.clone()} name={p.id.clone()} value={v.clone()} checked={p.value == *v} onchange={on}
                            aria-invalid={invalid.then_some("true")} required={p.required} />
                        <label for={input_id}>{ l.clone() }</label>
                    </div>
                }
            }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub on: OnField,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<Html>,
    /// Required (the consent to store): `required` for assistive technology, and the marker.
    #[prop_or_default]
    pub required: bool,
}

/// A yes/no checkbox; its raw value is `"true"` or `""`.
#[component]
pub fn Check(p: &CheckProps) -> Html {
    let invalid = p.error.is_some();
    let on = {
        let (cb, id, checked) = (p.on.clone(), p.id.clone(), p.checked);
        Callback::from(move |_: Event| {
            cb.emit((
                id.clone(),
                if checked {
                    String::new()
                } else {
                    "true".into()
                },
            ))
        })
    };
    html! {
        <div class={classes!("field", "check", invalid.then_some("invalid"))}>
            { messages(&p.id, &p.hint, &p.error) }
            <div class="choice">
                <input type="checkbox" id={p.id.clone()} name={p.id.clone()} checked={p.checked} onchange={on} required={p.required}
                    aria-invalid={invalid.then_some("true")} aria-describedby={described_by(&p.id, p.hint.is_some(), invalid)} />
                <label for={p.id.clone()}>{ p.label.clone() }if p.required { <span class="req" aria-hidden="true">{" *"}</span> }</label>
            </div>
        </div>
    }
}
