//! The landing page: what Sijil is, in the reader's language, with the language switch.

use crate::i18n::site_strings;
use sijil_core::lang::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub lang: Lang,
    pub on_lang: Callback<Lang>,
}

#[component]
pub fn Home(props: &HomeProps) -> Html {
    let s = site_strings(props.lang);
    let other = props.lang.other();
    let switch = {
        let on_lang = props.on_lang.clone();
        Callback::from(move |_| on_lang.emit(other))
    };
    html! {
        <div class="page" lang={props.lang.tag()} dir={props.lang.dir()}>
            <header class="bar">
                <h1 class="brand">{ s.app_name }</h1>
                <button type="button" class="lang-switch" lang={other.tag()}
                        aria-label={s.switch_lang_label} onclick={switch}>
                    { s.switch_to }
                </button>
            </header>
            <main id="main">
                <p class="lead">{ s.tagline }</p>
                <section class="card" aria-labelledby="h-widgets">
                    <h2 id="h-widgets">{ s.widgets_title }</h2>
                    <p>{ s.widgets_blurb }</p>
                    <p><a href={format!("/widget/glance/?w=glance&lang={}", props.lang.tag())}>{ s.open_widgets }</a>
                       {" · "}<a href="/embed">{ s.open_embed }</a></p>
                </section>
                <section class="card" aria-labelledby="h-form">
                    <h2 id="h-form">{ s.form_title }</h2>
                    <p>{ s.form_blurb }</p>
                    <p><a href={format!("/form/?lang={}", props.lang.tag())}>{ s.open_form }</a></p>
                </section>
            </main>
            <footer class="foot"><p>{ s.privacy_note }</p></footer>
        </div>
    }
}
