//! The embed on a host page of another site (`localhost`, the app being `127.0.0.1`): the
//! snippets are taken from the embed builder in the engine under test; the iframe snippet and the
//! script tag share one news page, and the strict-CSP snippet twice on a page whose policy
//! allows no inline script or style. Each frame shows its chart and grows to its widget's height
//! (the widget's height messages, applied by the host's resizer), and no frame logs an error —
//! in Firefox and WebKit a frame of another site gets partitioned or no storage.

use crate::page::{Page, Result};
use crate::{ensure, BoxFut, Harness, Journey};
use serde_json::{json, Value};

pub const JOURNEYS: [Journey; 2] = [
    (
        "embed iframe + script tag on another site",
        |c, p| -> BoxFut<'_> { Box::pin(two_snippets(c, p)) },
    ),
    ("embed strict-CSP snippet twice", |c, p| -> BoxFut<'_> {
        Box::pin(strict_csp(c, p))
    }),
];

/// Chooses `value` in the builder's field `label`. The builder renders its fields again while
/// it loads (the months arrive with the feed), so a field found a moment before may be gone by
/// the time it is used: WebKitWebDriver then answers with an error whose message is empty. A
/// failed choice is tried again on the field found afresh, until a deadline; the last error
/// names the field and its status (Debug form).
async fn choose(p: &Page, label: &str, value: &str) -> Result {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let tried = match p.labelled(label, false).await {
            Ok(field) => field
                .select_by_value(value)
                .await
                .map_err(|e| format!("{e} {e:?}")),
            Err(e) => Err(e),
        };
        match tried {
            Ok(()) => return Ok(()),
            Err(e) if std::time::Instant::now() >= deadline => {
                return Err(format!("choosing {value} in the builder's {label}: {e}"))
            }
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(200)).await,
        }
    }
}

/// The builder's snippet for February 2021's parties chart, in English.
async fn snippet(p: &Page, which: &str) -> Result<String> {
    p.goto("/embed?lang=en").await?;
    choose(p, "Chart", "parties").await?;
    choose(p, "Month", "2021-02").await?;
    let v = p
        .wait(
            "the builder's snippet for February 2021",
            &format!("const t = document.querySelector('#snip-{which}'); return t && t.value.includes('2021-02') ? t.value : null;"),
        )
        .await?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

fn news(body: &str) -> String {
    format!("<!doctype html><html lang=\"en\"><head><title>Host</title></head><body><h1>News story</h1>{body}<p>after</p></body></html>")
}

/// Waits until every iframe on the host page shows the chart and is as tall as its widget.
async fn frames_fit(p: &Page, count: usize) -> Result {
    p.wait_args(
        "the host page's frames",
        "return document.querySelectorAll('iframe').length === arguments[0];",
        vec![json!(count)],
    )
    .await?;
    for i in 0..count {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let outer = p
                .js(
                    "return document.querySelectorAll('iframe')[arguments[0]].getBoundingClientRect().height;",
                    vec![json!(i)],
                )
                .await?
                .as_f64()
                .unwrap_or(0.0);
            // Debug, not Display: WebKitWebDriver can answer with an empty message, and then
            // only the error's status says which step failed.
            p.c.enter_frame(i as u16)
                .await
                .map_err(|e| format!("frame {i}: entering it: {e:?}"))?;
            let inner: Value = p
                .js(
                    "const m = document.querySelector('main'); const svg = document.querySelector('#parties-svg');
                     return { h: m ? m.getBoundingClientRect().height : 0, drawn: !!svg && svg.textContent.includes('110') };",
                    vec![],
                )
                .await
                .unwrap_or(Value::Null);
            let clean = p.clean().await;
            p.c.enter_parent_frame()
                .await
                .map_err(|e| format!("frame {i}: leaving it: {e:?}"))?;
            clean.map_err(|e| format!("frame {i}: {e}"))?;
            let h = inner["h"].as_f64().unwrap_or(0.0);
            if inner["drawn"] == json!(true)
                && (outer - h).abs() < 2.0
                && outer > 300.0
                && outer != 360.0
            {
                break;
            }
            ensure!(
                std::time::Instant::now() < deadline,
                "frame {i}: {outer} px tall for a widget of {h} px (drawn: {})",
                inner["drawn"]
            );
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }
    Ok(())
}

async fn two_snippets(ctx: &Harness, p: &Page) -> Result {
    let iframe = snippet(p, "iframe").await?;
    let script = snippet(p, "script").await?;
    ctx.host
        .set(news(&format!("{iframe}<p>between</p>{script}")), None);
    p.goto(&format!("{}/story", ctx.host.other_site)).await?;
    frames_fit(p, 2).await?;
    // A height message from the host page itself (not the widget's frame) is ignored.
    p.js(
        "window.postMessage({ type: 'sijil:height', height: 5 }, '*');",
        vec![],
    )
    .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let h = p
        .js(
            "return document.querySelector('iframe').getBoundingClientRect().height;",
            vec![],
        )
        .await?;
    ensure!(
        h.as_f64().unwrap_or(0.0) > 300.0,
        "a message from the host page resized the frame to {h}"
    );
    p.screenshot("embed-host").await?;
    Ok(())
}

async fn strict_csp(ctx: &Harness, p: &Page) -> Result {
    let snip = snippet(p, "csp").await?;
    ensure!(
        !snip.contains("<script>") && !snip.contains("style="),
        "the strict-CSP snippet has inline script or style: {snip}"
    );
    let app = &ctx.proxy.url;
    ctx.host.set(
        news(&format!("{snip}<p>between</p>{snip}")),
        Some(format!(
            "default-src 'none'; script-src {app}; frame-src {app}; style-src 'self'"
        )),
    );
    p.goto(&format!("{}/strict", ctx.host.other_site)).await?;
    frames_fit(p, 2).await?;
    Ok(())
}
