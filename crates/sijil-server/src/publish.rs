//! `sijil publish --feed FILE --out DIR`: the built app as static files for a plain web host or
//! CDN, with no server of ours: `dist/` copied, the feed at the config's feed path, and each
//! widget page's default view (the latest month, every month for the series) written with the
//! widget in it for readers without JavaScript ([`crate::widget_page`]), in both languages:
//! `widget/{page}/index.html` in the app's default language (Arabic, as the app shows a URL
//! without `lang`), `widget/{page}/en/index.html` in English (link it as
//! `/widget/{page}/en/?lang=en`: the app takes its language from the query). A permalink to
//! another month, range or language on such a host gets the page as written: the app shows
//! what the permalink asks; a reader without JavaScript sees the default view.
//!
//! With `--origin URL` (where the site will be hosted: share cards need an absolute address),
//! each default view that draws a chart also gets its share card beside its page
//! (`widget/{page}/card.png`, `widget/{page}/{lang}/card.png`), named by the page's `og:image`,
//! drawn as `sijil serve` draws it ([`crate::card`]). Without the Noto fonts the pages are
//! written without cards, and the command says so.

use crate::widget_page;
use sijil_core::lang::Lang;
use std::fs;
use std::path::{Path, PathBuf};

/// The widget pages (`dist/widget/{page}/index.html`).
const PAGES: [&str; 4] = ["glance", "parties", "governorates", "series"];

pub fn run(args: &[String]) -> Result<(), String> {
    let mut feed = None;
    let mut out = None;
    let mut dist = PathBuf::from("dist");
    let mut config = None;
    let mut origin = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--feed" => feed = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--dist" => dist = PathBuf::from(value()?),
            "--config" => config = Some(PathBuf::from(value()?)),
            "--origin" => origin = Some(value()?.trim_end_matches('/').to_owned()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let (Some(feed), Some(out)) = (feed, out) else {
        return Err(crate::cli::usage_of("publish"));
    };
    let fonts = match origin {
        Some(origin) => match crate::card::Fonts::load(Path::new(crate::card::FONT_DIR)) {
            Ok(fonts) => Some((origin, fonts)),
            Err(e) => {
                eprintln!("share cards are off: {e}");
                None
            }
        },
        None => None,
    };
    let cards = fonts.as_ref().map(|(o, f)| (o.as_str(), f));
    let (written, drawn) = publish(&dist, &feed, config.as_deref(), &out, cards)?;
    println!(
        "{written} widget pages and {drawn} share cards written to {}",
        out.display()
    );
    Ok(())
}

/// Writes the site to `out` (see the module doc), with share cards when `cards` gives the
/// site's origin and the fonts; returns how many widget pages and cards were written.
pub fn publish(
    dist: &Path,
    feed: &Path,
    config: Option<&Path>,
    out: &Path,
    cards: Option<(&str, &crate::card::Fonts)>,
) -> Result<(usize, usize), String> {
    let bytes = fs::read(feed).map_err(|e| format!("{}: {e}", feed.display()))?;
    // The widgets' own reading: a feed they would refuse is not published.
    sijil_core::feed::read_feed(&bytes).map_err(|e| format!("{}: {e:?}", feed.display()))?;
    copy_dir(dist, out)?;
    let config_path = config.map_or_else(|| dist.join("config.json"), Path::to_path_buf);
    let config_bytes =
        fs::read(&config_path).map_err(|e| format!("{}: {e}", config_path.display()))?;
    let parsed = sijil_report::config::parse_config(&config_bytes)
        .map_err(|e| format!("{}: {e:?}", config_path.display()))?;
    write(&out.join("config.json"), &config_bytes)?;
    let feed_path = parsed.feed_url.split(['?', '#']).next().unwrap_or_default();
    let local =
        feed_path.starts_with('/') && !feed_path.starts_with("//") && !feed_path.contains("..");
    if local {
        write(&out.join(feed_path.trim_start_matches('/')), &bytes)?;
    }
    // The app's own default when the URL names no language (`browser::PageParams`).
    let default = Lang::default();
    let other = match default {
        Lang::Ar => Lang::En,
        Lang::En => Lang::Ar,
    };
    let (mut written, mut drawn) = (0, 0);
    for page in PAGES {
        let template_path = dist.join("widget").join(page).join("index.html");
        let template = fs::read_to_string(&template_path)
            .map_err(|e| format!("{}: {e}", template_path.display()))?;
        for (lang, dir) in [
            (default, out.join("widget").join(page)),
            (other, out.join("widget").join(page).join(other.tag())),
        ] {
            let feed = sijil_core::feed::read_feed(&bytes).map_err(|e| format!("{e:?}"))?;
            let query = format!("lang={}", lang.tag());
            let card = match cards {
                Some((origin, fonts)) => card(&feed, page, &query, &dir, fonts)?.map(|_| {
                    drawn += 1;
                    let rel = dir.strip_prefix(out).unwrap_or(&dir).to_string_lossy();
                    format!("{origin}/{}/card.png", rel.replace('\\', "/"))
                }),
                None => None,
            };
            let html = widget_page::page(&template, page, &bytes, &query, default, card.as_deref())
                .ok_or(format!(
                    "{}: no <noscript> to write the widget in",
                    template_path.display()
                ))?;
            let file = dir.join("index.html");
            write(&file, html.as_bytes())?;
            // A host that sends precompressed siblings must not send the page as built.
            for ext in ["br", "gz"] {
                let _ = fs::remove_file(dir.join(format!("index.html.{ext}")));
            }
            written += 1;
        }
    }
    Ok((written, drawn))
}

/// Draws the share card of `page`'s view `query` into `dir/card.png`; `None` when the view has
/// no chart.
fn card(
    feed: &sijil_core::feed::Feed,
    page: &str,
    query: &str,
    dir: &Path,
    fonts: &crate::card::Fonts,
) -> Result<Option<()>, String> {
    let Some(params) = widget_page::params(page, query, Lang::default()) else {
        return Ok(None);
    };
    let Some(picture) = sijil_app::widgets::view::picture(feed, &params, false) else {
        return Ok(None);
    };
    let png = crate::card::png(&picture, fonts)?;
    write(&dir.join("card.png"), &png)?;
    Ok(Some(()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            fs::copy(&src, &dst).map_err(|e| format!("{}: {e}", src.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder `name` holding a built site's shell (`dist/`: each widget page with a
    /// stale precompressed sibling, and the shipped config); returns it, its `dist/` and the
    /// repository root.
    fn site(name: &str) -> (PathBuf, PathBuf, PathBuf) {
        let root = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let dist = root.join("dist");
        let template = "<!doctype html><html dir=rtl lang=ar><head></head><body>\
                        <noscript>JS</noscript></body></html>";
        for page in PAGES {
            let dir = dist.join("widget").join(page);
            write(&dir.join("index.html"), template.as_bytes()).unwrap();
            write(&dir.join("index.html.br"), b"stale").unwrap();
        }
        let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        fs::copy(here.join("static/config.json"), dist.join("config.json")).unwrap();
        (root, dist, here)
    }

    #[test]
    fn every_widget_page_is_written_in_both_languages_with_its_widget() {
        let (root, dist, here) = site("sijil-publish");
        let out = root.join("out");
        let n = publish(&dist, &here.join("static/data/feed.json"), None, &out, None).unwrap();
        assert_eq!(n, (8, 0));
        assert!(out.join("data/feed.json").is_file());
        let ar = fs::read_to_string(out.join("widget/parties/index.html")).unwrap();
        assert!(
            ar.contains("<html lang=\"ar\" dir=\"rtl\" data-theme=\"auto\">"),
            "{ar}"
        );
        assert!(ar.contains("id=\"parties-svg\""), "{ar}");
        let en = fs::read_to_string(out.join("widget/series/en/index.html")).unwrap();
        assert!(
            en.contains("<html lang=\"en\" dir=\"ltr\" data-theme=\"auto\">"),
            "{en}"
        );
        assert!(en.contains("id=\"trend-svg\""), "{en}");
        assert!(
            !out.join("widget/parties/index.html.br").exists(),
            "stale sibling removed"
        );
        assert!(!ar.contains("og:image"), "no origin, no card");
        let _ = fs::remove_dir_all(&root);
    }

    #[test]
    fn with_an_origin_each_chart_view_gets_its_share_card_beside_its_page() {
        let (root, dist, here) = site("sijil-publish-cards");
        let out = root.join("out");
        let fonts = crate::card::Fonts::load(Path::new(crate::card::FONT_DIR))
            .expect("fonts-noto-core (cargo xtask setup installs it)");
        let feed = here.join("static/data/feed.json");
        let (pages, cards) = publish(
            &dist,
            &feed,
            None,
            &out,
            Some(("https://example.org", &fonts)),
        )
        .unwrap();
        // In both languages: the parties and the series. Not the month at a glance (figures, no
        // chart), nor the governorates: the sample's latest month names none.
        assert_eq!((pages, cards), (8, 4));
        let ar = fs::read_to_string(out.join("widget/parties/index.html")).unwrap();
        assert!(
            ar.contains(
                "property=\"og:image\" content=\"https://example.org/widget/parties/card.png\""
            ),
            "{ar}"
        );
        let en = fs::read_to_string(out.join("widget/series/en/index.html")).unwrap();
        assert!(en.contains("content=\"https://example.org/widget/series/en/card.png\""));
        assert!(en.contains("property=\"og:locale\" content=\"en_US\""));
        for png in ["widget/parties/card.png", "widget/series/en/card.png"] {
            let bytes = fs::read(out.join(png)).unwrap();
            assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{png}");
            assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 1200);
        }
        assert!(!out.join("widget/glance/card.png").exists());
        assert!(!out.join("widget/governorates/en/card.png").exists());
        let glance = fs::read_to_string(out.join("widget/glance/index.html")).unwrap();
        assert!(!glance.contains("og:image"));
        let _ = fs::remove_dir_all(&root);
    }
}
