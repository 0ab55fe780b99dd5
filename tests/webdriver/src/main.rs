//! The WebKit and Firefox tier: the key journeys (every widget page in both languages, the embed
//! on another origin, the family form in Arabic) in real WebKit (WebKitGTK's MiniBrowser through
//! WebKitWebDriver, under Xvfb) and real Firefox (firefox-esr through geckodriver), against the
//! release build in `dist/` served by the real `sijil serve`.
//!
//! ```text
//! cargo run -p sijil-webdriver [-- webkit|firefox ...] [--only NAME]
//! ```
//!
//! `cargo xtask test` runs it after the Chromium suite, with `SIJIL_BIN` (the server binary) and
//! `SIJIL_DIST` (the release build). Each engine gets its own server, report store, proxy and
//! browser, and the engines run side by side. Every journey prints one line naming its engine;
//! any failure in any engine makes the exit status non-zero. Screenshots (each engine's Arabic
//! parties chart and the form's first step, and the screen of any failure) are written to
//! `target/webdriver/screens/`.

mod embed;
mod engine;
mod form;
mod host;
mod page;
mod proxy;
mod server;
mod widgets;

use engine::{Driver, Engine};
use page::{Page, Result};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Everything one engine's journeys share.
pub struct Harness {
    pub driver: Driver,
    pub server: server::Server,
    pub proxy: proxy::Proxy,
    pub host: host::Host,
    pub screens: PathBuf,
    pub root: PathBuf,
}

impl Harness {
    /// A fresh browser session (empty profile) on this engine.
    pub async fn page(&self) -> Result<Page> {
        // A new session right after the last one closed is sometimes refused: try again once.
        let c = match self.driver.session().await {
            Ok(c) => c,
            Err(_) => {
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                self.driver.session().await?
            }
        };
        let page = Page {
            c,
            engine: self.driver.engine,
            app: self.proxy.url.clone(),
            proxy: self.proxy.clone(),
            screens: self.screens.clone(),
            expected_errors: Default::default(),
        };
        page.c
            .set_window_size(1280, 900)
            .await
            .map_err(|e| e.to_string())?;
        Ok(page)
    }
}

/// A journey: its name and its steps, given the engine's context and a fresh browser session
/// (the runner closes the session afterwards, whatever happened).
pub type Journey = (&'static str, Steps);
pub type Steps = for<'a> fn(&'a Harness, &'a Page) -> BoxFut<'a>;
pub type BoxFut<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Result> + Send + 'a>>;

fn journeys() -> Vec<Journey> {
    let mut all: Vec<Journey> = Vec::new();
    all.extend(widgets::JOURNEYS);
    all.extend(widgets::OFFLINE);
    all.extend(embed::JOURNEYS);
    all.extend(form::JOURNEYS);
    all
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tests/webdriver is two levels below the root")
        .to_owned()
}

async fn run_engine(engine: Engine, only: Option<String>) -> (Engine, usize, Vec<String>) {
    let out = run_journeys(engine, only).await;
    let _ = std::fs::remove_dir_all(scratch(engine));
    out
}

/// The engine's scratch folder: report store, config, downloads.
fn scratch(engine: Engine) -> PathBuf {
    std::env::temp_dir().join(format!(
        "sijil-webdriver-{}-{}",
        engine.name(),
        std::process::id()
    ))
}

async fn run_journeys(engine: Engine, only: Option<String>) -> (Engine, usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut ctx = match setup(engine).await {
        Ok(c) => c,
        Err(e) => {
            println!("[{}] FAIL setup: {e}", engine.name());
            return (engine, 0, vec![format!("setup: {e}")]);
        }
    };
    let mut ran = 0;
    for (name, journey) in journeys() {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        ran += 1;
        let start = Instant::now();
        // One retry, as in the Playwright suite: a journey that fails and then passes is
        // reported as flaky (in the output) rather than turning CI red on a loaded machine.
        let mut result = attempt(&mut ctx, name, journey).await;
        if let Err(first) = result.clone() {
            println!("[{}] retry {name}: {first}", engine.name());
            result = attempt(&mut ctx, name, journey)
                .await
                .map_err(|e| format!("{e} (and before the retry: {first})"));
            if result.is_ok() {
                println!("[{}] flaky {name}: {first}", engine.name());
            }
        }
        let secs = start.elapsed().as_secs_f32();
        match result {
            Ok(()) => println!("[{}] ok   {name} ({secs:.1} s)", engine.name()),
            Err(e) => {
                println!("[{}] FAIL {name} ({secs:.1} s): {e}", engine.name());
                failures.push(format!("{name}: {e}"));
            }
        }
    }
    (engine, ran, failures)
}

/// The longest a journey may take. A browser that stops answering (a MiniBrowser that never
/// starts leaves WebKitWebDriver's new session pending) fails the journey instead of the run
/// hanging, and the driver is started again for the next one.
const JOURNEY_LIMIT: std::time::Duration = std::time::Duration::from_secs(180);

/// One run of a journey in a fresh session, closed afterwards whatever happened.
async fn attempt(ctx: &mut Harness, name: &str, journey: Steps) -> Result {
    let run = async {
        let page = ctx.page().await?;
        let mut r = journey(ctx, &page).await;
        if r.is_ok() {
            r = page.clean().await;
        }
        if r.is_err() {
            let _ = page.screenshot(&format!("FAILED-{name}")).await;
        }
        let _ = page.c.close().await;
        r
    };
    let r = match tokio::time::timeout(JOURNEY_LIMIT, run).await {
        Ok(r) => r,
        Err(_) => {
            let engine = ctx.driver.engine;
            // Dropping the old driver kills it and its browser.
            ctx.driver = Driver::start(engine, &scratch(engine)).await?;
            Err(format!(
                "no answer within {} s: the browser stopped responding (driver restarted)",
                JOURNEY_LIMIT.as_secs()
            ))
        }
    };
    ctx.proxy.set_online(true);
    r
}

async fn setup(engine: Engine) -> Result<Harness> {
    let root = root();
    let scratch = scratch(engine);
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let host = host::Host::start().await?;
    let (listener, proxy_url) = proxy::Proxy::bind().await?;
    let server = server::Server::start(&root, &scratch, &proxy_url, &host).await?;
    let proxy = proxy::Proxy::start(listener, proxy_url, server.url.clone());
    let driver = Driver::start(engine, &scratch).await?;
    Ok(Harness {
        driver,
        server,
        proxy,
        host,
        screens: root.join("target/webdriver/screens"),
        root,
    })
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut engines: Vec<Engine> = args.iter().filter_map(|a| Engine::parse(a)).collect();
    if engines.is_empty() {
        engines = Engine::ALL.to_vec();
    }
    let only = args
        .windows(2)
        .find(|w| w[0] == "--only")
        .map(|w| w[1].clone());
    let start = Instant::now();
    let runs = engines
        .into_iter()
        .map(|e| tokio::spawn(run_engine(e, only.clone())))
        .collect::<Vec<_>>();
    let mut failed = false;
    let mut summary = Vec::new();
    for r in runs {
        match r.await {
            Ok((engine, ran, failures)) => {
                failed |= !failures.is_empty() || ran == 0;
                summary.push(format!(
                    "{}: {} of {ran} journeys passed",
                    engine.name(),
                    ran - failures.len().min(ran)
                ));
                for f in failures {
                    summary.push(format!("  {} FAILED {f}", engine.name()));
                }
            }
            Err(e) => {
                failed = true;
                summary.push(format!("an engine's run panicked: {e}"));
            }
        }
    }
    println!("\nWebDriver tier ({:.0} s)", start.elapsed().as_secs_f32());
    for line in summary {
        println!("{line}");
    }
    if failed {
        std::process::ExitCode::FAILURE
    } else {
        std::process::ExitCode::SUCCESS
    }
}
