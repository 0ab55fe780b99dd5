//! Month at a glance: the month's headline figures as cards, each with the change from the
//! previous published month, framed as documented minimums ("at least …"). Unpublished figures
//! say so; there is no chart to misread, and no animation of death counts.

use super::frame::{data_table, Row};
use crate::format::Fmt;
use crate::i18n::{glance_strings, strings};
use sijil_core::lang::Lang;
use sijil_core::views::{Glance, StatKey};
use yew::prelude::*;

pub fn stat_label(lang: Lang, k: StatKey) -> &'static str {
    let (s, g) = (strings(lang), glance_strings(lang));
    match k {
        StatKey::Civilians => s.stat_civilians,
        StatKey::Children => s.stat_children,
        StatKey::Women => s.stat_women,
        StatKey::Torture => s.stat_torture,
        StatKey::Massacres => s.stat_massacres,
        StatKey::Media => g.stat_media,
        StatKey::Medical => g.stat_medical,
        StatKey::CivilDefense => g.stat_civil_defense,
    }
}

#[derive(Properties, PartialEq)]
pub struct GlanceCardsProps {
    pub data: std::rc::Rc<Glance>,
    pub fmt: Fmt,
}

#[component]
pub fn GlanceCards(p: &GlanceCardsProps) -> Html {
    let (s, g) = (strings(p.fmt.lang), glance_strings(p.fmt.lang));
    let cards = p.data.stats.iter().map(|st| {
        let main = st.key == StatKey::Civilians;
        let value = match st.value {
            Some(v) if main => html! { <><span class="at-least">{ g.at_least }{" "}</span><span class="num">{ p.fmt.count(v) }</span></> },
            Some(v) => html! { <span class="num">{ p.fmt.count(v) }</span> },
            None => html! { <span class="np">{ s.not_published }</span> },
        };
        let change = match (st.value, st.previous, &p.data.previous_month) {
            (Some(v), Some(prev), Some(pm)) => {
                let delta = v as i64 - prev as i64;
                let text = if delta == 0 { g.no_change.to_owned() } else { p.fmt.change(delta) };
                html! { <span class="change">{ text }{" "}{ g.vs_previous }{" "}{ p.fmt.month(pm) }{" ("}{ p.fmt.count(prev) }{")"}</span> }
            }
            _ => html! {},
        };
        html! {
            <div class="stat" data-main={main.then_some("")}>
                <dt>{ stat_label(p.fmt.lang, st.key) }</dt>
                <dd>{ value }{ change }</dd>
            </div>
        }
    });
    html! { <dl class="stats">{ for cards }</dl> }
}

pub fn table(d: &Glance, fmt: &Fmt) -> Html {
    let s = strings(fmt.lang);
    let cell = |v: Option<u64>| {
        v.map(|n| fmt.count(n))
            .unwrap_or_else(|| s.not_published.to_owned())
    };
    let mut head = vec![s.col_total.to_owned(), fmt.month(&d.month)];
    head.extend(d.previous_month.as_deref().map(|m| fmt.month(m)));
    let rows = d
        .stats
        .iter()
        .map(|st| {
            let mut cells = vec![cell(st.value)];
            if d.previous_month.is_some() {
                cells.push(cell(st.previous));
            }
            Row {
                head: stat_label(fmt.lang, st.key).to_owned(),
                cells,
                sub: false,
            }
        })
        .collect();
    data_table(head, rows)
}
