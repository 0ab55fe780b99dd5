//! Server-side render tests: the real components rendered to HTML natively, no browser.

use sijil_app::{App, AppProps};
use sijil_core::lang::Lang;
use yew::LocalServerRenderer;

async fn render(lang: Lang) -> String {
    let set = tokio::task::LocalSet::new();
    set.run_until(
        LocalServerRenderer::<App>::with_props(AppProps { lang })
            .hydratable(false)
            .render(),
    )
    .await
}

#[tokio::test(flavor = "current_thread")]
async fn home_renders_arabic_right_to_left() {
    let html = render(Lang::Ar).await;
    assert!(html.contains(r#"lang="ar""#), "{html}");
    assert!(html.contains(r#"dir="rtl""#), "{html}");
    assert!(html.contains("نموذج ذوي الضحايا"), "{html}");
    // The switch offers the other language, labelled in that language.
    assert!(
        html.contains(">English<") || html.contains("English"),
        "{html}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn home_renders_english_left_to_right() {
    let html = render(Lang::En).await;
    assert!(html.contains(r#"dir="ltr""#), "{html}");
    assert!(html.contains("Family form"), "{html}");
    assert!(!html.contains("نموذج ذوي الضحايا"), "{html}");
}
