//! Every widget page in Arabic and English, against the sample feed's February 2021 (138
//! civilians, 23 children, 11 women, 14 under torture, 3 massacres; other parties 110, regime 19;
//! Aleppo 60) and 2021 for the series: the chart is drawn with its figures in the language's
//! digits; every text of the chart lies inside the chart's box (SVG text layout and `dir="rtl"`
//! differ per engine); the keyboard reaches every mark; the table view shows the figures; the CSV
//! the page offers holds them; and the page logs no error. Also the service worker per engine:
//! where it runs, a widget seen once reloads with no network; where it cannot, the page still
//! works online and logs nothing.

use crate::page::{Page, Result};
use crate::{ensure, BoxFut, Harness, Journey};
use serde_json::{json, Value};

/// (page, widget, query, figure the chart must show, row the CSV must hold)
const WIDGETS: [(&str, &str, &str, u32, &str); 6] = [
    ("glance", "glance", "month=2021-02", 138, "138"),
    ("parties", "parties", "month=2021-02", 110, ",110,19,10"),
    ("governorates", "governorates", "month=2021-02", 60, ",60"),
    ("series", "trend", "range=2021", 138, "2021-02,138"),
    ("series", "torture", "range=2021", 14, "2021-02,14"),
    ("series", "massacres", "range=2021", 3, "2021-02,3"),
];

macro_rules! widget_journeys {
    ($($name:literal => $i:literal, $lang:literal;)*) => {
        pub const JOURNEYS: [Journey; 12] = [
            $(($name, |c, p| -> BoxFut<'_> { Box::pin(widget(c, p, $i, $lang)) }),)*
        ];
    };
}

widget_journeys! {
    "widget glance ar" => 0, "ar";
    "widget glance en" => 0, "en";
    "widget parties ar" => 1, "ar";
    "widget parties en" => 1, "en";
    "widget governorates ar" => 2, "ar";
    "widget governorates en" => 2, "en";
    "widget trend ar" => 3, "ar";
    "widget trend en" => 3, "en";
    "widget torture ar" => 4, "ar";
    "widget torture en" => 4, "en";
    "widget massacres ar" => 5, "ar";
    "widget massacres en" => 5, "en";
}

/// `n` in the language's digits (Arabic-Indic in Arabic, as the pages are asked for).
pub fn digits(n: u32, lang: &str) -> String {
    let s = n.to_string();
    if lang == "ar" {
        s.chars()
            .map(|c| char::from_u32(0x0660 + c.to_digit(10).expect("digit")).expect("arabic digit"))
            .collect()
    } else {
        s
    }
}

async fn widget(ctx: &Harness, p: &Page, i: usize, lang: &'static str) -> crate::page::Result {
    let (page, w, query, figure, csv_row) = WIDGETS[i];
    let digit_system = if lang == "ar" { "arab" } else { "latn" };
    p.goto(&format!(
        "/widget/{page}/?w={w}&{query}&lang={lang}&digits={digit_system}"
    ))
    .await?;
    let dir = if lang == "ar" { "rtl" } else { "ltr" };
    p.wait_args(
        "the page's direction",
        "return document.documentElement.dir === arguments[0];",
        vec![json!(dir)],
    )
    .await?;
    let shown = digits(figure, lang);
    // The chart (or the glance's figures) is drawn, with the month's figure in its digits.
    let chart = if w == "glance" {
        ".stats".to_owned()
    } else {
        format!("#{w}-svg")
    };
    // (A series shows its months' figures in the marks' labels: February is mark 1 of 2021.)
    p.wait_args(
        &format!("{chart} to show {shown}"),
        "const e = document.querySelector(arguments[0]); if (!e || !(e.getBoundingClientRect().height > 0)) return false;
         if (arguments[2]) { const m = e.querySelector('.marks > [data-i=\"1\"]'); return !!m && m.getAttribute('aria-label').includes(arguments[1]); }
         return e.textContent.includes(arguments[1]);",
        vec![json!(chart), json!(shown), json!(page == "series")],
    )
    .await?;
    if w != "glance" {
        labels_inside(p, &chart).await?;
        keyboard(p, &chart).await?;
    }
    if w == "parties" {
        row_labels(p, lang, &shown).await?;
    }
    if lang == "ar" && w == "parties" {
        p.screenshot("parties-ar").await?;
    }
    // The table view.
    p.click_button(if lang == "ar" {
        "عرض الجدول"
    } else {
        "Show table"
    })
    .await?;
    p.wait_args(
        &format!("the table to show {shown}"),
        "const t = document.querySelector('table'); return !!t && t.textContent.includes(arguments[0]);",
        vec![json!(shown)],
    )
    .await?;
    // The CSV the page offers for download.
    p.click_button(if lang == "ar" {
        "تنزيل CSV"
    } else {
        "Download CSV"
    })
    .await?;
    let file = p
        .wait(
            "the CSV download",
            "const d = window.__sijilProbe.downloads.find(d => /\\.csv$/.test(d.name)); return d ? d.name : null;",
        )
        .await?;
    let text = p
        .c
        .execute_async(
            "const done = arguments[arguments.length - 1]; const d = window.__sijilProbe.downloads.find(d => /\\.csv$/.test(d.name)); d.blob.text().then(done, e => done('unreadable: ' + e));",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    let text = text.as_str().unwrap_or_default();
    ensure!(
        text.contains(csv_row),
        "{file} lacks {csv_row:?}: {}",
        text.chars().take(300).collect::<String>()
    );
    if p.engine == crate::engine::Engine::Firefox {
        saved_file(ctx, file.as_str().unwrap_or_default(), text).await?;
    }
    Ok(())
}

/// Firefox saves downloads without asking (the session's preferences): the file on disk is
/// the one the page offered, byte for byte, under its name (`name(1).csv` when saved again),
/// although the page revokes the blob's URL right after the click.
async fn saved_file(ctx: &Harness, name: &str, text: &str) -> Result {
    let stem = name.trim_end_matches(".csv");
    for _ in 0..100 {
        let found = std::fs::read_dir(&ctx.driver.downloads)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok())
            .any(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n.starts_with(stem)
                    && n.ends_with(".csv")
                    // (`Blob.text()` drops the byte-order mark Excel needs; the file keeps it.)
                    && std::fs::read_to_string(e.path())
                        .is_ok_and(|t| t.trim_start_matches('\u{feff}') == text)
            });
        if found {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("Firefox saved no {name} with the page's content"))
}

/// Every `<text>` of the chart lies inside the chart's box (the engine's own layout of the
/// SVG text, RTL included), and in Arabic the labels end at the chart's right side.
async fn labels_inside(p: &Page, chart: &str) -> crate::page::Result {
    let out: Value = p
        .js(
            "const svg = document.querySelector(arguments[0]); const b = svg.getBoundingClientRect();
             return [...svg.querySelectorAll('text')].map(t => { const r = t.getBoundingClientRect();
               return { text: t.textContent, out: r.width > 0 && (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1),
                        box: [Math.round(r.left), Math.round(r.top), Math.round(r.right), Math.round(r.bottom)], chart: [Math.round(b.left), Math.round(b.top), Math.round(b.right), Math.round(b.bottom)] }; })
               .filter(x => x.out);",
            vec![json!(chart)],
        )
        .await?;
    ensure!(
        out.as_array().is_some_and(|a| a.is_empty()),
        "labels outside {chart}: {out}"
    );
    Ok(())
}

/// The ranking's row labels start at the reading side: flush right in Arabic, flush left in
/// English (each engine lays out `direction: rtl` SVG text itself), the largest row on top.
async fn row_labels(p: &Page, lang: &str, largest: &str) -> Result {
    let rows = p
        .js(
            "const s = document.querySelector('#parties-svg'); const b = s.getBoundingClientRect();
             return [...s.querySelectorAll('text')].map(t => { const r = t.getBoundingClientRect();
               return { text: t.textContent, start: arguments[0] === 'ar' ? b.right - r.right : r.left - b.left, top: r.top }; })
               .sort((a, c) => a.top - c.top);",
            vec![json!(lang)],
        )
        .await?;
    let rows = rows.as_array().cloned().unwrap_or_default();
    ensure!(!rows.is_empty(), "no row labels");
    for r in &rows {
        let gap = r["start"].as_f64().unwrap_or(f64::MAX);
        ensure!(
            (-1.0..=8.0).contains(&gap),
            "row label {} starts {gap:.0} px from the chart's {} edge",
            r["text"],
            if lang == "ar" { "right" } else { "left" }
        );
    }
    ensure!(
        rows[0]["text"]
            .as_str()
            .is_some_and(|t| t.contains(largest)),
        "the top row is {}, not the largest",
        rows[0]["text"]
    );
    Ok(())
}

/// One Tab stop; the arrow keys (real key events) visit every mark.
async fn keyboard(p: &Page, chart: &str) -> crate::page::Result {
    // Interactive once the app has taken over the server's widget and lifted its `inert`.
    p.wait(
        "the widget to be interactive",
        "return !document.querySelector('main[data-served], main[inert]');",
    )
    .await?;
    // and laid out at its final width (the chart is drawn again when its box's width is first
    // measured, which replaces the marks: a focused mark would go with them).
    p.c.execute_async(
        "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)));",
        vec![],
    )
    .await
    .map_err(|e| e.to_string())?;
    let sel = format!("{chart} .marks > rect, {chart} .mark");
    let count = p
        .wait_args(
            "the chart's keyboard marks",
            "return document.querySelectorAll(arguments[0]).length;",
            vec![json!(sel)],
        )
        .await?
        .as_u64()
        .unwrap_or(0);
    let stops = p
        .js(
            "return document.querySelectorAll(arguments[0]).length;",
            vec![json!(format!("{chart} [tabindex=\"0\"]"))],
        )
        .await?;
    ensure!(stops == json!(1), "{chart} has {stops} Tab stops, not one");
    p.js(
        "document.querySelector(arguments[0]).focus();",
        vec![json!(format!("{chart} [tabindex=\"0\"]"))],
    )
    .await?;
    let down = char::from(fantoccini::key::Key::Down).to_string();
    let mut seen = std::collections::BTreeSet::new();
    for i in 0..count {
        // The app moves the focus when it renders, after the key event: wait for it.
        let label = p
            .wait_args(
                &format!("mark {i} to have the focus"),
                "const a = document.activeElement; return a && a.getAttribute('data-i') === String(arguments[0]) ? a.getAttribute('aria-label') : null;",
                vec![json!(i)],
            )
            .await;
        let label = match label {
            Ok(l) => l,
            Err(e) => {
                let has = p
                    .js("const a = document.activeElement; return a ? a.tagName + ' data-i=' + a.getAttribute('data-i') : 'nothing';", vec![])
                    .await?;
                return Err(format!("{e}; the focus is on {has}"));
            }
        };
        seen.insert(label.as_str().unwrap_or_default().to_owned());
        p.press(&down).await?;
    }
    seen.remove("");
    ensure!(
        seen.len() as u64 == count,
        "the arrow keys reached {} of {count} marks",
        seen.len()
    );
    Ok(())
}

pub const OFFLINE: [Journey; 1] = [(
    "widget parties ar: reload offline (service worker)",
    |c, p| -> BoxFut<'_> { Box::pin(offline_reload(c, p)) },
)];

async fn offline_reload(ctx: &Harness, p: &Page) -> Result {
    let url = "/widget/parties/?w=parties&month=2021-02&lang=ar&digits=arab";
    let shown = digits(110, "ar");
    let drawn = "const e = document.querySelector('#parties-svg'); return !!e && e.textContent.includes(arguments[0]);";
    p.goto(url).await?;
    p.wait_args("the chart", drawn, vec![json!(shown)]).await?;
    // Whether this engine runs the worker, and then until it has stored this page's shell.
    let state = p
        .c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             if (!('serviceWorker' in navigator)) return done('unsupported');
             const t = setTimeout(() => done('never active'), 15000);
             navigator.serviceWorker.ready.then(async () => {
               for (let i = 0; i < 100; i++) {
                 if (await caches.match(location.pathname)) { clearTimeout(t); return done('active'); }
                 await new Promise(r => setTimeout(r, 100));
               }
               clearTimeout(t); done('active, page not stored');
             }, e => { clearTimeout(t); done('refused: ' + e); });",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    let state = state.as_str().unwrap_or_default().to_owned();
    println!("[{}] note service worker: {state}", p.engine.name());
    p.clean().await?;
    if state != "active" {
        // No worker: the page works online (checked above) and logged nothing (checked).
        ensure!(
            state == "unsupported",
            "the service worker was offered but did not work: {state}"
        );
        return Ok(());
    }
    ctx.proxy.set_online(false);
    let result = async {
        // Opened again as a person would (geckodriver's refresh bypasses the service worker).
        p.c.goto(&format!("{}{url}", p.app))
            .await
            .map_err(|e| e.to_string())?;
        p.wait_args("the chart, offline", drawn, vec![json!(shown)])
            .await?;
        Ok(())
    }
    .await;
    ctx.proxy.set_online(true);
    result
}
