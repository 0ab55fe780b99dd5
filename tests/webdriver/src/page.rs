//! One browser session as the journeys use it: navigate, wait for a condition evaluated in the
//! page, find things by what a person sees (a label's or a button's text), type with real key
//! events, read the error probe back, take screenshots. Every wait has a deadline and names
//! what it waited for, so a failure says which expectation broke and in which engine.

use crate::engine::Engine;
use crate::proxy::Proxy;
use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::Value;
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub type Result<T = ()> = std::result::Result<T, String>;

/// Fails the journey with a message unless `cond` holds.
#[macro_export]
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        let holds: bool = $cond;
        if !holds {
            return Err(format!($($msg)+));
        }
    };
}

pub struct Page {
    pub c: Client,
    pub engine: Engine,
    /// The app's origin as the browser sees it (the proxy in front of the real server).
    pub app: String,
    pub proxy: Proxy,
    pub screens: PathBuf,
    /// Console errors the current journey provokes on purpose (substrings).
    pub expected_errors: std::sync::Mutex<Vec<&'static str>>,
}

/// How long any single expectation may take: generous, as two engines and other builds share
/// two cores; a passing expectation returns as soon as it holds.
const DEADLINE: Duration = Duration::from_secs(30);

/// A WebDriver error as text. WebKitWebDriver can answer with an empty message, leaving only
/// "webdriver returned error: "; the error's Debug form then says which status it was.
fn wd(e: impl std::fmt::Display + std::fmt::Debug) -> String {
    let text = e.to_string();
    if text.trim_end().ends_with(':') {
        format!("{text} {e:?}")
    } else {
        text
    }
}

/// A string as an XPath literal (labels hold no double quotes; Arabic needs no escaping).
fn xlit(s: &str) -> String {
    format!("\"{s}\"")
}

impl Page {
    /// Console errors containing `s` are expected for the rest of this session.
    pub fn expect_error(&self, s: &'static str) {
        self.expected_errors.lock().expect("not poisoned").push(s);
    }

    pub async fn js(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.c.execute(script, args).await.map_err(wd)
    }

    /// Navigates to `url` (a path on the app, or a whole URL) after checking that the page
    /// being left logged no error and requested no other host.
    pub async fn goto(&self, url: &str) -> Result {
        self.clean().await?;
        let url = if url.starts_with('/') {
            format!("{}{url}", self.app)
        } else {
            url.to_owned()
        };
        self.c.goto(&url).await.map_err(wd)?;
        // A widget permalink arrives with the server's widget in its HTML, which the app takes
        // over once its wasm and feed are in (src/widgets/page.rs): the journeys act on the app,
        // once it can be reached (its `inert` is lifted in the frame after the swap).
        self.wait(
            "the app to take over the server's widget",
            "return !document.querySelector('main[data-served], main[inert]');",
        )
        .await
        .map(drop)
    }

    /// The error probe's findings on the current page (and its frames, when inside one):
    /// console errors, uncaught errors, CSP refusals, requests to other hosts.
    pub async fn clean(&self) -> Result {
        let found = self
            .js(
                "const p = window.__sijilProbe; return p ? { errors: p.errors, foreign: p.foreign() } : null;",
                vec![],
            )
            .await
            .unwrap_or(Value::Null);
        if found.is_null() {
            return Ok(());
        }
        let errors: Vec<String> = found["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e.as_str())
            .filter(|e| {
                !self
                    .expected_errors
                    .lock()
                    .expect("not poisoned")
                    .iter()
                    .any(|x| e.contains(x))
            })
            .map(str::to_owned)
            .collect();
        let foreign = &found["foreign"];
        ensure!(errors.is_empty(), "console errors: {errors:?}");
        ensure!(
            foreign.as_array().is_none_or(|a| a.is_empty()),
            "requests to other hosts: {foreign}"
        );
        // Read once: the next check sees only what happens after this one.
        let _ = self
            .js(
                "if (window.__sijilProbe) window.__sijilProbe.errors.length = 0;",
                vec![],
            )
            .await;
        Ok(())
    }

    /// Evaluates `script` (a function body that returns a value) until it returns something
    /// truthy, and returns that value.
    pub async fn wait(&self, what: &str, script: &str) -> Result<Value> {
        self.wait_args(what, script, vec![]).await
    }

    pub async fn wait_args(&self, what: &str, script: &str, args: Vec<Value>) -> Result<Value> {
        let start = Instant::now();
        let mut last;
        loop {
            match self.js(script, args.clone()).await {
                Ok(v) if truthy(&v) => return Ok(v),
                Ok(v) => last = v,
                Err(e) => last = Value::String(e),
            }
            if start.elapsed() > DEADLINE {
                return Err(format!("timed out waiting for {what} (last: {last})"));
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    pub async fn find(&self, css: &str) -> Result<Element> {
        let start = Instant::now();
        loop {
            match self.c.find(Locator::Css(css)).await {
                Ok(e) => return Ok(e),
                Err(e) if start.elapsed() > DEADLINE => return Err(format!("no {css}: {e}")),
                Err(_) => tokio::time::sleep(Duration::from_millis(150)).await,
            }
        }
    }

    async fn find_xpath(&self, what: &str, xpath: &str) -> Result<Element> {
        let start = Instant::now();
        loop {
            match self.c.find(Locator::XPath(xpath)).await {
                Ok(e) => return Ok(e),
                Err(e) if start.elapsed() > DEADLINE => return Err(format!("no {what}: {e}")),
                Err(_) => tokio::time::sleep(Duration::from_millis(150)).await,
            }
        }
    }

    /// The button whose visible text contains `text`.
    pub async fn button(&self, text: &str) -> Result<Element> {
        self.find_xpath(
            &format!("button \u{201c}{text}\u{201d}"),
            &format!("//button[contains(normalize-space(.), {})]", xlit(text)),
        )
        .await
    }

    /// Clicks an element as a finger would: brought to the middle of the screen first, since a
    /// driver that scrolls it to the top edge (WebKitWebDriver) leaves it under the form's
    /// sticky header, which then takes the click.
    pub async fn click(&self, element: &Element) -> Result {
        self.center(element).await?;
        element.clone().click().await.map_err(wd)
    }

    /// Scrolls `element` to the middle of the screen.
    pub async fn center(&self, element: &Element) -> Result {
        let arg = serde_json::to_value(element).map_err(|e| e.to_string())?;
        self.js(
            "arguments[0].scrollIntoView({block: 'center'}); return true;",
            vec![arg],
        )
        .await
        .map(|_| ())
    }

    pub async fn click_button(&self, text: &str) -> Result {
        let button = self.button(text).await?;
        self.click(&button).await
    }

    /// The form control a `<label>` with exactly this text names (or, with `contains`, whose
    /// text contains it). A required question's label ends in its visible marker ` *`, which
    /// screen readers do not hear (`aria-hidden`): the exact match allows it.
    pub async fn labelled(&self, label: &str, contains: bool) -> Result<Element> {
        let test = if contains {
            format!("contains(normalize-space(.), {})", xlit(label))
        } else {
            let x = xlit(label);
            format!("normalize-space(.)={x} or normalize-space(.)=concat({x}, ' *')")
        };
        self.find_xpath(
            &format!("field \u{201c}{label}\u{201d}"),
            &format!("//*[@id=//label[{test}]/@for]"),
        )
        .await
    }

    /// Clicks a radio button or checkbox by its label's text.
    pub async fn pick(&self, label: &str, contains: bool) -> Result {
        let control = self.labelled(label, contains).await?;
        self.click(&control).await
    }

    /// Types `text` into the control found by `css`, with the engine's own key events.
    pub async fn type_css(&self, css: &str, text: &str) -> Result {
        let e = self.find(css).await?;
        e.send_keys(text).await.map_err(wd)
    }

    pub async fn type_label(&self, label: &str, contains: bool, text: &str) -> Result {
        let e = self.labelled(label, contains).await?;
        e.send_keys(text).await.map_err(wd)
    }

    /// `css` is an element id, which may hold dots (`death.date`).
    pub fn id(id: &str) -> String {
        format!("[id=\"{id}\"]")
    }

    pub async fn select(&self, id: &str, value: &str) -> Result {
        let select = self.find(&Page::id(id)).await?;
        // In the middle of the screen first, clear of the sticky header (see `click`).
        self.center(&select).await?;
        select.select_by_value(value).await.map_err(wd)
    }

    /// Presses keys on the focused element.
    pub async fn press(&self, keys: &str) -> Result {
        self.c
            .active_element()
            .await
            .map_err(wd)?
            .send_keys(keys)
            .await
            .map_err(wd)
    }

    pub async fn active_attr(&self, attr: &str) -> Result<Option<String>> {
        let v = self
            .js(
                "const a = document.activeElement; return a ? a.getAttribute(arguments[0]) : null;",
                vec![Value::String(attr.into())],
            )
            .await?;
        Ok(v.as_str().map(str::to_owned))
    }

    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let png = self.c.screenshot().await.map_err(wd)?;
        std::fs::create_dir_all(&self.screens).map_err(wd)?;
        let file = self
            .screens
            .join(format!("{}-{name}.png", self.engine.name()));
        std::fs::write(&file, png).map_err(wd)?;
        Ok(file)
    }

    /// The text of the body (the page's words, for "does it say …").
    pub async fn body_text(&self) -> Result<String> {
        Ok(self
            .js(
                "return document.body ? document.body.innerText : '';",
                vec![],
            )
            .await?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// Waits until the page shows `text`.
    pub async fn wait_text(&self, text: &str) -> Result {
        self.wait_args(
            &format!("the page to say \u{201c}{text}\u{201d}"),
            "return document.body && document.body.innerText.includes(arguments[0]);",
            vec![Value::String(text.into())],
        )
        .await
        .map(drop)
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}
