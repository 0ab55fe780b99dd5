//! Server-side render tests: the real components rendered to HTML natively, no browser.

use sijil_app::feed_state::SharedFeed;
use sijil_app::widgets::view::{renderer, Widget, WidgetProps};
use sijil_app::{App, AppProps, Route};
use sijil_core::embed::{WidgetKind, WidgetParams};
use sijil_core::feed::parse_feed;
use sijil_core::lang::Lang;
use std::rc::Rc;
use yew::LocalServerRenderer;

async fn render_app(lang: Lang) -> String {
    let set = tokio::task::LocalSet::new();
    set.run_until(
        LocalServerRenderer::<App>::with_props(AppProps {
            lang,
            route: Route::Home,
        })
        .hydratable(false)
        .render(),
    )
    .await
}

async fn render_widget(kind: WidgetKind, lang: Lang) -> String {
    let feed =
        parse_feed(include_bytes!("../static/data/feed.json")).expect("the sample feed is valid");
    let mut params = WidgetParams::new(kind, lang);
    params.month = Some("2021-02".into());
    let props = WidgetProps {
        feed: SharedFeed(Rc::new(feed)),
        params,
        width: 600.0,
        dark: false,
        renderer: renderer(kind),
        warmup: false,
    };
    let set = tokio::task::LocalSet::new();
    set.run_until(
        LocalServerRenderer::<Widget>::with_props(props)
            .hydratable(false)
            .render(),
    )
    .await
}

#[tokio::test(flavor = "current_thread")]
async fn home_renders_arabic_right_to_left() {
    let html = render_app(Lang::Ar).await;
    assert!(html.contains(r#"lang="ar""#), "{html}");
    assert!(html.contains(r#"dir="rtl""#), "{html}");
    assert!(html.contains("نموذج ذوي الضحايا"), "{html}");
    assert!(html.contains("English"), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn home_renders_english_left_to_right() {
    let html = render_app(Lang::En).await;
    assert!(html.contains(r#"dir="ltr""#), "{html}");
    assert!(html.contains("Family form"), "{html}");
    assert!(!html.contains("نموذج ذوي الضحايا"), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn glance_widget_renders_february_2021_as_a_documented_minimum() {
    let html = render_widget(WidgetKind::Glance, Lang::En).await;
    for needle in [
        "at least",
        ">138<",
        ">23<",
        ">11<",
        ">14<",
        ">3<",
        "February 2021",
        "Syrian Network for Human Rights",
    ] {
        assert!(html.contains(needle), "{needle} missing in {html}");
    }
    // The summary for screen readers says the same as the cards.
    assert!(html.contains("at least 138 civilians"), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn parties_widget_draws_every_row_with_its_numbers() {
    let html = render_widget(WidgetKind::Parties, Lang::En).await;
    // The rows as drawn; their labelled bands ("Other parties: 110 (…)") are mounted in the
    // browser after the paint, which the e2e tests check.
    assert!(
        html.contains(">Other parties: 110 (Children 19, Women 10)</text>"),
        "{html}"
    );
    assert!(
        html.contains(">Syrian regime forces: 19 (Children 2, Women 1)</text>"),
        "{html}"
    );
    // Sub-parties stay folded until asked for: the landmines line is not drawn yet.
    assert!(!html.contains("Landmines"), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn governorates_widget_draws_all_fourteen_and_marks_the_unnamed() {
    let html = render_widget(WidgetKind::Governorates, Lang::Ar).await;
    assert_eq!(html.matches(r#"class="mark""#).count(), 14, "{html}");
    assert!(html.contains("حلب"), "{html}");
    assert!(html.contains("غير مذكورة"), "{html}");
}
