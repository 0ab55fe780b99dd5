//! Server-side render tests: the real components rendered to HTML natively, no browser.

use sijil_app::feed_state::SharedFeed;
use sijil_app::widgets::view::{renderer, Widget, WidgetProps};
use sijil_app::{App, AppProps, Route};
use sijil_core::embed::{WidgetKind, WidgetParams};
use sijil_core::feed::{parse_feed, read_feed};
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
    render(feed, params).await
}

/// Real SNHR month shapes (see `crates/sijil-core/tests/field.rs`), read as the widgets read.
fn field_feed() -> sijil_core::feed::Feed {
    read_feed(include_bytes!(
        "../crates/sijil-core/tests/feeds/field/snhr-shapes.json"
    ))
    .expect("one bad month does not reject the feed")
}

async fn render_field(
    kind: WidgetKind,
    lang: Lang,
    edit: impl FnOnce(&mut WidgetParams),
) -> String {
    let mut params = WidgetParams::new(kind, lang);
    edit(&mut params);
    render(field_feed(), params).await
}

async fn render(feed: sijil_core::feed::Feed, params: WidgetParams) -> String {
    render_at(feed, params, 600.0).await
}

async fn render_at(feed: sijil_core::feed::Feed, params: WidgetParams, width: f64) -> String {
    let kind = params.kind;
    let props = WidgetProps {
        feed: SharedFeed(Rc::new(feed)),
        params,
        width,
        dark: false,
        renderer: renderer(kind),
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
    // Sub-parties stay folded until asked for: the landmines line is not drawn yet (natively,
    // for readers without JavaScript, the full table under the chart lists it).
    let chart = &html[..html.find("<table").expect("the table, rendered natively")];
    assert!(!chart.contains("Landmines"), "{html}");
    assert!(html.contains("<th scope=\"row\">Landmines of unknown source</th>"));
    // Every row of the month is drawn once, biggest first, each with its own total: a row's
    // line is its name then its figure, so a total that another row holds does not count.
    let feed = parse_feed(include_bytes!("../static/data/feed.json")).unwrap();
    let month = feed.month_str("2021-02").unwrap();
    let rows = sijil_core::views::build::parties(&feed, month, Lang::En)
        .unwrap()
        .rows;
    assert!(rows.len() >= 5, "the sample month names several parties");
    let mut last = (0, u64::MAX);
    for r in &rows {
        let total = r.total.expect("the sample month gives every party a total");
        let name = r.name.replace('&', "&amp;").replace('\'', "&#39;");
        let line = format!(">{name}: {total}");
        assert_eq!(chart.matches(&line).count(), 1, "{line}\n{html}");
        let at = chart.find(&line).unwrap();
        assert!(
            at > last.0 && total <= last.1,
            "{line} is out of order\n{html}"
        );
        last = (at, total);
    }
}

#[tokio::test(flavor = "current_thread")]
async fn governorates_widget_draws_all_fourteen_and_marks_the_unnamed() {
    let html = render_widget(WidgetKind::Governorates, Lang::Ar).await;
    assert_eq!(html.matches(r#"class="mark""#).count(), 14, "{html}");
    assert!(html.contains("حلب"), "{html}");
    assert!(html.contains("غير مذكورة"), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_month_of_shares_shows_shares_in_map_table_summary_and_legend() {
    let html = render_field(WidgetKind::Governorates, Lang::En, |p| {
        p.month = Some("2022-02".into())
    })
    .await;
    // Tiles say their share, and no named governorate is drawn as "not named".
    assert!(
        html.contains(r#"aria-label="Rural Damascus: ~42%""#),
        "{html}"
    );
    assert!(html.contains(">~20%</text>"), "{html}");
    assert!(!html.contains("Aleppo: not named"), "{html}");
    // The map's notes are about the map: the month's torture split (64 of 66 named) is said
    // on the widgets it explains, not here.
    assert!(!html.contains("names the perpetrator"), "{html}");
    assert!(html.contains(">Shade: share of the month"), "{html}");
    // The screen-reader summary is built from the shares.
    assert!(
        html.contains("Highest: Rural Damascus about 42%; Idleb about 20%; Aleppo about 16%."),
        "{html}"
    );
    // Names are not cut at phone width either.
    let mut params = WidgetParams::new(WidgetKind::Governorates, Lang::En);
    params.month = Some("2022-02".into());
    let phone = render_at(field_feed(), params, 336.0).await;
    assert!(phone.contains(">Al-Hasakeh</text>"), "{phone}");
    assert!(
        phone.contains(">Rural</text>") && phone.contains(">Damascus</text>"),
        "{phone}"
    );
    assert!(!phone.contains('…'), "{phone}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_sub_party_without_its_parent_is_a_row_of_its_own() {
    let html = render_field(WidgetKind::Parties, Lang::En, |p| {
        p.month = Some("2024-12".into())
    })
    .await;
    assert!(
        html.contains(">Israeli forces (part of Other parties, whose total was not published): 9 (Children 6)</text>"),
        "{html}"
    );
    assert!(!html.contains("No breakdown by perpetrator"), "{html}");
    // The checker's words stay with the checker: the reader gets a sentence.
    assert!(
        html.contains("The report names the perpetrator for 495 of 503 victims."),
        "{html}"
    );
    assert!(!html.contains("breakdown incomplete"), "{html}");
    // notes=off hides the notes.
    let quiet = render_field(WidgetKind::Parties, Lang::En, |p| {
        p.month = Some("2024-12".into());
        p.notes = false;
    })
    .await;
    assert!(!quiet.contains("495 of 503"), "{quiet}");
    assert!(!quiet.contains("class=\"notes\""), "{quiet}");
}

#[tokio::test(flavor = "current_thread")]
async fn arabic_notes_use_arabic_digits_months_and_plurals() {
    let html = render_field(WidgetKind::Parties, Lang::Ar, |p| {
        p.month = Some("2024-12".into())
    })
    .await;
    assert!(
        html.contains("يحدد التقرير الجهة المسؤولة عن مقتل ٤٩٥ من أصل ٥٠٣ من الضحايا."),
        "{html}"
    );
    assert!(!html.contains("2024-12:"), "{html}");
    let torture = render_field(WidgetKind::Torture, Lang::Ar, |_| {}).await;
    // 2022-04 … 2024-11 are not in the feed: with the others, 45 months, in the right Arabic
    // form (not "٤٥ أشهر").
    assert!(
        torture.contains("بسبب التعذيب: الأعلى ٦٦ في شباط ٢٠٢٢، ولم يُنشر في ٤٥ شهرًا."),
        "{torture}"
    );
    assert!(!torture.contains(" أشهر"), "{torture}");
    assert!(!torture.contains("2021-01"), "{torture}");
    // The source line separates its links with an Arabic comma.
    assert!(html.contains("</a>، <a"), "{html}");
    assert!(!html.contains("</a>, <a"), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn torture_bars_tell_gaps_from_zero_and_mark_the_definition_change() {
    let html = render_field(WidgetKind::Torture, Lang::En, |_| {}).await;
    assert!(html.contains("data-gaps"), "{html}");
    assert!(html.contains("data-break"), "{html}");
    // The legend line and the visible notes say what the marks mean.
    assert!(html.contains("0: none documented"), "{html}");
    assert!(
        html.contains(">not published</li>") || html.contains("not published"),
        "{html}"
    );
    assert!(
        html.contains("A grey tick under the axis is a month whose figure was not published"),
        "{html}"
    );
    assert!(
        html.contains("Dashed line: from January 2021, deaths under torture are counted within the civilian total; before, in addition to it."),
        "{html}"
    );
    // The unreadable month is said, and the others are drawn.
    assert!(
        html.contains("The figures for March 2021 could not be read"),
        "{html}"
    );
    let trend = render_field(WidgetKind::Trend, Lang::En, |_| {}).await;
    assert!(trend.contains("data-break"), "{trend}");
    assert!(
        trend.contains("A break in a line is a month whose figure was not published"),
        "{trend}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn an_unreadable_month_is_said_and_the_others_still_show() {
    let html = render_field(WidgetKind::Glance, Lang::En, |p| {
        p.month = Some("2021-03".into())
    })
    .await;
    assert!(
        html.contains("The figures for March 2021 could not be read"),
        "{html}"
    );
    let html = render_field(WidgetKind::Glance, Lang::Ar, |p| {
        p.month = Some("2021-03".into())
    })
    .await;
    assert!(html.contains("تعذّرت قراءة أرقام آذار ٢٠٢١"), "{html}");
    let next = render_field(WidgetKind::Glance, Lang::En, |p| {
        p.month = Some("2021-02".into())
    })
    .await;
    assert!(next.contains(">138<"), "{next}");
}
