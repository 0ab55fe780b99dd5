//! The family form in Arabic, typed with the engine's own key events (Arabic letters, and
//! numbers in Arabic-Indic digits): the report is encrypted in the browser, stored once by the
//! real server and decrypts with the standard `age` tool to exactly what was typed; offline (the
//! proxy drops every connection) it waits encrypted with its receipt and is delivered once when
//! the network is back; a reload mid-form restores the draft; quick exit (Esc twice) leaves for
//! the neutral page and wipes the draft; an outbox whose storage is cleared under it (Safari's
//! 7-day deletion) neither crashes nor sends; without `crypto.getRandomValues` nothing is
//! encrypted or sent.

use crate::page::{Page, Result};
use crate::{ensure, BoxFut, Harness, Journey};
use fantoccini::key::Key;
use serde_json::{json, Value};
use std::time::Duration;

pub const JOURNEYS: [Journey; 5] = [
    ("form ar: fill, send, age -d", |c, p| -> BoxFut<'_> {
        Box::pin(send_and_decrypt(c, p))
    }),
    (
        "form ar: offline, queued, online, delivered once",
        |c, p| -> BoxFut<'_> { Box::pin(offline_then_online(c, p)) },
    ),
    (
        "form ar: reload restores the draft, quick exit wipes it",
        |c, p| -> BoxFut<'_> { Box::pin(draft_and_quick_exit(c, p)) },
    ),
    (
        "form ar: storage cleared under a waiting report",
        |c, p| -> BoxFut<'_> { Box::pin(storage_cleared(c, p)) },
    ),
    (
        "form ar: no randomness, no encryption",
        |c, p| -> BoxFut<'_> { Box::pin(no_randomness(c, p)) },
    ),
];

const SEND: &str = "تشفير وإرسال";
const SENT: &str = "وصل البلاغ";
const PENDING: &str = "لم يُرسل بعد";

async fn next(p: &Page) -> Result {
    p.click_button("التالي").await
}

/// Opens the form at a phone's width, in Arabic.
async fn open(ctx: &Harness, p: &Page) -> Result {
    let _ = ctx;
    p.c.set_window_size(360, 740)
        .await
        .map_err(|e| e.to_string())?;
    p.goto("/form/").await?;
    p.wait(
        "the form in Arabic",
        "return document.documentElement.dir === 'rtl' && !!document.querySelector('main h1');",
    )
    .await?;
    Ok(())
}

/// Fills every step as the Chromium suite does, ending on the review.
async fn fill(p: &Page, shot: bool) -> Result {
    let at = |step: &'static str| move |e: String| format!("{step}: {e}");
    p.pick("الأب أو الأم", false)
        .await
        .map_err(at("relationship"))?;
    if shot {
        p.screenshot("form-step1-ar")
            .await
            .map_err(at("fill line 6"))?;
    }
    p.type_label("اسمك (اختياري: تُقبل البلاغات دون اسم)", false, "أم محمد")
        .await
        .map_err(at("your name"))?;
    p.pick("نعم", false).await.map_err(at("contact: yes"))?;
    let method = p
        .find(&Page::id("about_you.contact_method"))
        .await
        .map_err(at("fill line 12"))?;
    p.click(&method).await.map_err(at("contact method"))?;
    p.type_label("الرقم أو العنوان", false, "٠٩٤٤ ١٢٣ ٤٥٦")
        .await
        .map_err(at("contact number"))?;
    p.pick("أوافق على حفظ هذا البلاغ", true)
        .await
        .map_err(at("consent"))?;
    next(p).await.map_err(at("next from step 1"))?;
    p.type_label("الاسم الأول", false, "محمد")
        .await
        .map_err(at("fill line 21"))?;
    p.type_label("اسم الأب", false, "أحمد")
        .await
        .map_err(at("fill line 22"))?;
    p.type_label("الكنية (اسم العائلة)", false, "الخطيب")
        .await
        .map_err(at("fill line 24"))?;
    p.type_label("اسم الأم", false, "فاطمة")
        .await
        .map_err(at("fill line 25"))?;
    p.pick("ذكر", false).await.map_err(at("fill line 26"))?;
    p.type_label("العمر عند الوفاة", false, "٣٤")
        .await
        .map_err(at("fill line 27"))?;
    p.type_css(&Page::id("victim.birth.year"), "١٩٧٩")
        .await
        .map_err(at("fill line 28"))?;
    next(p).await.map_err(at("fill line 29"))?;
    p.type_css(&Page::id("death.date"), "٥")
        .await
        .map_err(at("fill line 30"))?;
    p.type_css(&Page::id("death.date.month"), "٣")
        .await
        .map_err(at("fill line 31"))?;
    p.type_css(&Page::id("death.date.year"), "٢٠١٣")
        .await
        .map_err(at("fill line 32"))?;
    p.select("death.governorate", "SY02")
        .await
        .map_err(at("fill line 33"))?;
    p.select("death.district", "SY0200")
        .await
        .map_err(at("fill line 34"))?;
    p.type_label("البلدة أو الحي", false, "حي الشعار")
        .await
        .map_err(at("fill line 35"))?;
    p.select("death.method", "airstrike")
        .await
        .map_err(at("fill line 36"))?;
    p.select("death.weapon", "barrel_bomb")
        .await
        .map_err(at("fill line 37"))?;
    p.select("death.party", "regime")
        .await
        .map_err(at("fill line 38"))?;
    p.type_label("كم شخصاً آخر قُتل في الحادثة نفسها؟", false, "٧")
        .await
        .map_err(at("fill line 40"))?;
    p.type_label("ماذا حدث", true, "سقط برميل متفجر على السوق صباحاً.")
        .await
        .map_err(at("fill line 42"))?;
    next(p).await.map_err(at("fill line 43"))?;
    p.type_css(
        &Page::id("evidence.links[0]"),
        "https://example.org/video/1",
    )
    .await
    .map_err(at("fill line 48"))?;
    // Typed key by key, the link stays in its box (a new empty box appears below it).
    p.wait(
        "the typed link in the first box",
        "const a = document.getElementById('evidence.links[0]'), b = document.getElementById('evidence.links[1]');
         return !!a && a.value === 'https://example.org/video/1' && !!b && b.value === '' && !document.getElementById('evidence.links[2]');",
    )
    .await.map_err(at("fill line 55"))?;
    next(p).await.map_err(at("fill line 56"))?;
    p.wait(
        "the review step",
        "return [...document.querySelectorAll('h1, h2')].some(h => h.textContent.includes('المراجعة والإرسال')) && !!document.evaluate('//button[contains(., \"تشفير وإرسال\")]', document, null, 9, null).singleNodeValue;",
    )
    .await
    .map(drop)
}

fn receipt_js() -> &'static str {
    "const r = document.querySelector('.receipt strong'); return r ? r.textContent.trim() : null;"
}

/// Decrypts a stored report with the `age` tool and the development identity.
fn decrypt(ctx: &Harness, file: &std::path::Path) -> Result<Value> {
    let out = std::process::Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(ctx.root.join("dev/dev-identity.txt"))
        .arg(file)
        .output()
        .map_err(|e| format!("age: {e}"))?;
    ensure!(
        out.status.success(),
        "age -d failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).map_err(|e| format!("decrypted report: {e}"))
}

async fn send_and_decrypt(ctx: &Harness, p: &Page) -> Result {
    let before = ctx.server.reports().len();
    open(ctx, p).await?;
    // What this engine offers of the APIs whose support differs (the form must work either way).
    let apis = p
        .js(
            "return 'navigator.storage.persist: ' + typeof (navigator.storage && navigator.storage.persist) + ', serviceWorker: ' + ('serviceWorker' in navigator) + ', Intl arab digits: ' + (1234).toLocaleString('ar-u-nu-arab');",
            vec![],
        )
        .await?;
    println!(
        "[{}] note {}",
        p.engine.name(),
        apis.as_str().unwrap_or_default()
    );
    fill(p, true).await?;
    p.click_button(SEND).await?;
    p.wait_text(SENT).await?;
    let receipt = p.wait("the receipt", receipt_js()).await?;
    let receipt = receipt.as_str().unwrap_or_default().to_owned();
    let reports = ctx.server.reports();
    ensure!(
        reports.len() == before + 1,
        "{} new reports stored, not 1",
        reports.len() - before
    );
    let file = reports
        .iter()
        .max_by_key(|f| f.metadata().and_then(|m| m.modified()).ok())
        .expect("one report");
    let raw = std::fs::read(file).map_err(|e| e.to_string())?;
    ensure!(
        raw.starts_with(b"age-encryption.org/v1"),
        "the stored file is not age"
    );
    ensure!(
        !raw.windows("محمد".len()).any(|w| w == "محمد".as_bytes()),
        "plaintext in the stored file"
    );
    let r = decrypt(ctx, file)?;
    let want = [
        ("/receipt", json!(receipt)),
        ("/lang", json!("ar")),
        ("/about_you/relationship", json!("parent")),
        ("/about_you/name", json!("أم محمد")),
        (
            "/about_you/contact",
            json!({ "method": "signal", "value": "+963944123456" }),
        ),
        ("/victim/name/first", json!("محمد")),
        ("/victim/name/father", json!("أحمد")),
        ("/victim/name/family", json!("الخطيب")),
        ("/victim/name/mother", json!("فاطمة")),
        ("/victim/sex", json!("male")),
        ("/victim/age", json!(34)),
        ("/victim/birth/date", json!("1979")),
        ("/death/date/date", json!("2013-03-05")),
        ("/death/governorate", json!("SY02")),
        ("/death/district", json!("SY0200")),
        ("/death/town", json!("حي الشعار")),
        ("/death/method", json!("airstrike")),
        ("/death/weapon", json!("barrel_bomb")),
        ("/death/party", json!("regime")),
        ("/death/others_killed", json!(7)),
        (
            "/death/narrative",
            json!("سقط برميل متفجر على السوق صباحاً."),
        ),
        ("/evidence", json!(["https://example.org/video/1"])),
    ];
    for (path, value) in want {
        ensure!(
            r.pointer(path) == Some(&value),
            "decrypted {path} is {:?}, typed {value}",
            r.pointer(path)
        );
    }
    // Nothing readable is left on the device.
    let storage = p.js("return JSON.stringify(localStorage);", vec![]).await?;
    let storage = storage.as_str().unwrap_or_default();
    ensure!(
        !storage.contains("محمد") && !storage.contains("sijil.draft"),
        "the draft outlived the sent report"
    );
    Ok(())
}

/// Fills the form, goes offline and sends: the report waits, encrypted, with its receipt.
async fn queue_offline(ctx: &Harness, p: &Page) -> Result<String> {
    open(ctx, p).await?;
    fill(p, false).await?;
    ctx.proxy.set_online(false);
    p.click_button(SEND).await?;
    p.wait_text(PENDING).await?;
    let receipt = p.wait("the receipt", receipt_js()).await?;
    let receipt = receipt.as_str().unwrap_or_default().to_owned();
    // Told plainly to come back soon (Safari deletes a site's storage after 7 days unvisited).
    p.wait_text("عُد إليها خلال أيام قليلة").await?;
    let outbox = p
        .js(
            "return localStorage.getItem('sijil.outbox.v1') || '';",
            vec![],
        )
        .await?;
    let outbox = outbox.as_str().unwrap_or_default();
    ensure!(
        outbox.contains(&receipt),
        "the outbox does not hold receipt {receipt}"
    );
    ensure!(!outbox.contains("محمد"), "plaintext in the outbox");
    Ok(receipt)
}

async fn offline_then_online(ctx: &Harness, p: &Page) -> Result {
    let before = ctx.server.reports().len();
    let result = async {
        queue_offline(ctx, p).await?;
        tokio::time::sleep(Duration::from_secs(2)).await;
        ensure!(ctx.server.reports().len() == before, "stored while offline");
        ctx.proxy.set_online(true);
        // The next retry tick (backoff 5 s, then 10 s) delivers it.
        p.wait_text(SENT).await?;
        ensure!(ctx.server.reports().len() == before + 1, "not stored once");
        tokio::time::sleep(Duration::from_secs(6)).await;
        ensure!(
            ctx.server.reports().len() == before + 1,
            "a later retry stored it again"
        );
        Ok(())
    }
    .await;
    ctx.proxy.set_online(true);
    result
}

async fn draft_and_quick_exit(ctx: &Harness, p: &Page) -> Result {
    open(ctx, p).await?;
    p.pick("الأب أو الأم", false).await?;
    p.pick("أوافق على حفظ هذا البلاغ", true).await?;
    next(p).await?;
    p.type_label("الاسم الأول", false, "سلمى").await?;
    p.wait_text("محفوظ على هذا الجهاز فقط").await?;
    p.c.refresh().await.map_err(|e| e.to_string())?;
    p.wait(
        "the draft's first name after the reload",
        "const e = document.getElementById('victim.first_name'); return !!e && e.value === 'سلمى';",
    )
    .await?;
    p.clean().await?;
    // Quick exit: Esc twice, from the field.
    let esc = char::from(Key::Escape).to_string();
    p.press(&esc).await?;
    p.press(&esc).await?;
    let neutral = format!("{}/neutral", ctx.host.other_site);
    let start = std::time::Instant::now();
    loop {
        let url = p.c.current_url().await.map_err(|e| e.to_string())?;
        if url.as_str() == neutral {
            break;
        }
        ensure!(
            start.elapsed() < Duration::from_secs(20),
            "quick exit stayed on {url}"
        );
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    // Back does not return to the form (it replaced itself in the history).
    p.c.back().await.map_err(|e| e.to_string())?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let url = p.c.current_url().await.map_err(|e| e.to_string())?;
    ensure!(
        !url.as_str().contains("/form/"),
        "back returned to the form: {url}"
    );
    // On the app's origin, nothing of the draft is left.
    p.goto("/").await?;
    let left = p.js("return JSON.stringify(localStorage);", vec![]).await?;
    let left = left.as_str().unwrap_or_default();
    ensure!(
        !left.contains("سلمى") && !left.contains("sijil.draft"),
        "quick exit left the draft: {left}"
    );
    Ok(())
}

/// Safari deletes a site's storage after 7 days without a visit: the waiting report goes with
/// it. The page must not crash, must keep showing the receipt, and must send nothing.
async fn storage_cleared(ctx: &Harness, p: &Page) -> Result {
    let before = ctx.server.reports().len();
    let result = async {
        let receipt = queue_offline(ctx, p).await?;
        p.js("localStorage.clear();", vec![]).await?;
        ctx.proxy.set_online(true);
        // Two retry ticks with nothing to send.
        tokio::time::sleep(Duration::from_secs(11)).await;
        let shown = p.js(receipt_js(), vec![]).await?;
        ensure!(
            shown == json!(receipt),
            "the receipt is gone from the screen ({shown})"
        );
        ensure!(
            ctx.server.reports().len() == before,
            "a cleared outbox still sent"
        );
        // And a reload shows a working form.
        p.c.refresh().await.map_err(|e| e.to_string())?;
        p.wait(
            "the form after the reload",
            "return !!document.querySelector('main h1');",
        )
        .await?;
        Ok(())
    }
    .await;
    ctx.proxy.set_online(true);
    result
}

/// Without `crypto.getRandomValues` the form must refuse to encrypt: nothing stored, nothing
/// queued, and the person is told.
async fn no_randomness(ctx: &Harness, p: &Page) -> Result {
    let before = ctx.server.reports().len();
    open(ctx, p).await?;
    fill(p, false).await?;
    p.js(
        "Crypto.prototype.getRandomValues = function () { throw new Error('no randomness'); };",
        vec![],
    )
    .await?;
    p.click_button(SEND).await?;
    p.wait_text("تعذّر تشفير البلاغ وحفظه على هذا الجهاز").await?;
    let text = p.body_text().await?;
    ensure!(
        !text.contains(SENT) && !text.contains(PENDING),
        "sent or queued without randomness"
    );
    ensure!(
        ctx.server.reports().len() == before,
        "stored without randomness"
    );
    let outbox = p
        .js("return localStorage.getItem('sijil.outbox.v1');", vec![])
        .await?;
    ensure!(
        outbox.is_null() || !outbox.as_str().unwrap_or_default().contains("age"),
        "queued without randomness: {outbox}"
    );
    Ok(())
}
