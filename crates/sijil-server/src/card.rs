//! Share cards: the PNG (1200×630) that a link to a widget view or a report page shows in
//! WhatsApp, Facebook or X, rendered natively with `resvg` from the same SVG picture that a
//! reader downloads (`sijil_core::chart::draw::export::compose`), in Noto fonts read from a
//! directory (Debian's `fonts-noto-core`: `/usr/share/fonts/truetype/noto`).
//!
//! resvg shapes Arabic (joining, right to left within a run) but, unlike a browser, it does not
//! take a `<text>`'s `direction="rtl"` as the paragraph direction of the bidi algorithm, and it
//! anchors `start` at the left edge whatever the direction (upstream issues #475 and #447): a
//! line such as "شباط ٢٠٢١ — SNHR" came out with its runs in left-to-right order, and every
//! right-to-left line ran off the right edge. [`for_resvg`] rewrites the picture before it is
//! parsed: each right-to-left `<text>` gets the anchor a left-to-right reader of the same
//! coordinates needs (`start` ↔ `end`), and its characters are wrapped in RIGHT-TO-LEFT
//! EMBEDDING … POP DIRECTIONAL FORMATTING, which makes the bidi algorithm order the runs as a
//! browser does (checked against Chromium's rendering of the same lines in `tests/card.rs`).

use crate::cli::{flag_value, usage_of};
use crate::serve::ServeState;
use axum::body::Body;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use resvg::tiny_skia;
use resvg::usvg;
use sijil_core::feed::Feed;
use sijil_core::lang::Lang;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::{Mutex, OnceLock};

/// The size social networks ask for (Open Graph's large image).
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// The font files a card needs: Latin and Arabic, regular and bold. Loaded by name rather
/// than every font in the directory, so a card looks the same on every machine that has them.
const FONT_FILES: [&str; 4] = [
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
];

/// The default font directory (Debian's `fonts-noto-core`).
pub const FONT_DIR: &str = "/usr/share/fonts/truetype/noto";

/// Fonts loaded once and shared by every card.
#[derive(Clone)]
pub struct Fonts(Arc<usvg::fontdb::Database>);

impl Fonts {
    /// Reads [`FONT_FILES`] from `dir`; names the first one missing.
    pub fn load(dir: &Path) -> Result<Fonts, String> {
        let mut db = usvg::fontdb::Database::new();
        for name in FONT_FILES {
            let path = dir.join(name);
            let data = std::fs::read(&path).map_err(|e| {
                format!(
                    "{}: {e} (install Debian's fonts-noto-core, or pass --fonts DIR)",
                    path.display()
                )
            })?;
            db.load_font_data(data);
        }
        // The pictures ask for `system-ui, sans-serif`: the generic family resolves to Noto
        // Sans, and characters it lacks (Arabic) fall back to Noto Sans Arabic.
        db.set_sans_serif_family("Noto Sans");
        Ok(Fonts(Arc::new(db)))
    }
}

/// `widget/{page}/card.png` → the page, for a card request.
pub fn page_of(rel: &Path) -> Option<&str> {
    let rest = rel.to_str()?.strip_prefix("widget/")?;
    let page = rest.strip_suffix("/card.png")?;
    (!page.is_empty() && !page.contains('/')).then_some(page)
}

/// The absolute URL of the card of the view `query` asks of `page`, when the view draws a
/// chart: what a widget page's `og:image` names. Its query is the view's normalized one
/// (`WidgetParams::to_query`), so every way of writing a view shares one cached card.
pub fn url(origin: &str, page: &str, feed: &Feed, query: &str, lang: Lang) -> Option<String> {
    let params = crate::widget_page::params(page, query, lang)?;
    sijil_app::widgets::view::picture(feed, &params, false)?;
    Some(format!(
        "{origin}/widget/{page}/card.png?{}",
        params.to_query()
    ))
}

/// Open Graph and Twitter card tags for a page's `<head>`: a link pasted in WhatsApp, Facebook
/// or X shows `card` (1200×630) under `title`, in `lang`.
pub fn share_tags(title: &str, card: &str, lang: Lang) -> String {
    let mut m = sijil_core::markup::Markup::with_capacity(512);
    let locale = match lang {
        Lang::Ar => "ar_SY",
        Lang::En => "en_US",
    };
    for (key, value) in [
        ("og:type", "website"),
        ("og:title", title),
        ("og:image", card),
        ("og:image:width", "1200"),
        ("og:image:height", "630"),
        ("og:locale", locale),
    ] {
        m.tag("meta")
            .attr("property", key)
            .attr("content", value)
            .empty();
    }
    m.tag("meta")
        .fixed("name=\"twitter:card\" content=\"summary_large_image\"")
        .empty();
    m.into_string()
}

/// The fonts, loaded on the first card; `None` (no cards, no `og:image`) when they are missing.
fn server_fonts() -> Option<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| match Fonts::load(Path::new(FONT_DIR)) {
            Ok(f) => Some(f),
            Err(e) => {
                eprintln!("share cards are off: {e}");
                None
            }
        })
        .as_ref()
}

/// Cards already drawn, by view, with the version of the feed they were drawn from (a card
/// takes tens of milliseconds; a shared link is fetched by every network that shows it).
/// Bounded like the widget pages' cache: forgotten all at once when full.
static CARDS: Mutex<Option<Cards>> = Mutex::new(None);
/// View → (feed version, card).
type Cards = HashMap<String, (String, Arc<[u8]>)>;
const CACHED: usize = 256;

/// `GET /widget/{page}/card.png?…`: the view's card, or 404 when the view has no chart, the feed
/// is not on this site, or the fonts are missing.
pub async fn reply(ctx: &ServeState, page: &str, query: &str) -> Response {
    let Some(png) = card_png(ctx, page, query).await else {
        return crate::site::not_found();
    };
    let mut reply = Response::new(Body::from(png.to_vec()));
    let h = reply.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    reply
}

async fn card_png(ctx: &ServeState, page: &str, query: &str) -> Option<Arc<[u8]>> {
    let fonts = server_fonts()?;
    let feed = crate::site::site_feed(ctx).await?;
    let version = crate::site::version(&feed)?;
    let params = crate::widget_page::params(page, query, Lang::default())?;
    let key = format!("{page}?{}", params.to_query());
    if let Some((v, png)) = CARDS.lock().ok()?.as_ref().and_then(|c| c.get(&key)) {
        if *v == version {
            return Some(png.clone());
        }
    }
    let bytes = tokio::fs::read(&feed).await.ok()?;
    let png: Arc<[u8]> = tokio::task::spawn_blocking(move || {
        let feed = sijil_core::feed::read_feed(&bytes).ok()?;
        let picture = sijil_app::widgets::view::picture(&feed, &params, false)?;
        png(&picture, fonts).ok()
    })
    .await
    .ok()??
    .into();
    let mut cache = CARDS.lock().ok()?;
    let map = cache.get_or_insert_with(HashMap::new);
    if map.len() >= CACHED {
        map.clear();
    }
    map.insert(key, (version, png.clone()));
    Some(png)
}

/// `sijil card PICTURE.svg --out card.png [--fonts DIR]`: an editor's downloaded picture as a
/// share card.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let (mut input, mut out, mut dir) = (None, None, PathBuf::from(FONT_DIR));
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--out" | "-o" => out = Some(PathBuf::from(flag_value(arg, &mut it)?)),
            "--fonts" => dir = PathBuf::from(flag_value(arg, &mut it)?),
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option `{flag}`\n\n{}", usage_of("card")))
            }
            file => input = Some(PathBuf::from(file)),
        }
    }
    let (Some(input), Some(out)) = (input, out) else {
        return Err(usage_of("card"));
    };
    let picture =
        std::fs::read_to_string(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    let card =
        png(&picture, &Fonts::load(&dir)?).map_err(|e| format!("{}: {e}", input.display()))?;
    std::fs::write(&out, card).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(ExitCode::SUCCESS)
}

/// The card of `picture` (a standalone SVG document, as `export::compose` writes it): the
/// picture scaled to fit 1200×630, centred on the picture's own background (its first
/// full-size `<rect>`; white if it has none), as PNG bytes.
pub fn png(picture: &str, fonts: &Fonts) -> Result<Vec<u8>, String> {
    let background = background(picture).unwrap_or("#ffffff".into());
    let svg = for_resvg(picture)?;
    let opts = usvg::Options {
        font_family: "Noto Sans".into(),
        fontdb: fonts.0.clone(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(&svg, &opts).map_err(|e| format!("picture: {e}"))?;
    let size = tree.size();
    let scale = (WIDTH as f32 / size.width()).min(HEIGHT as f32 / size.height());
    let (dx, dy) = (
        (WIDTH as f32 - size.width() * scale) / 2.0,
        (HEIGHT as f32 - size.height() * scale) / 2.0,
    );
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("no pixmap")?;
    pixmap.fill(colour(&background).ok_or_else(|| format!("colour {background}"))?);
    let at = tiny_skia::Transform::from_scale(scale, scale).post_translate(dx, dy);
    resvg::render(&tree, at, &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| format!("png: {e}"))
}

/// The fill of the picture's first `<rect width="100%" height="100%">`.
fn background(picture: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(picture).ok()?;
    let rect = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name("rect"))?;
    let full = |a| rect.attribute(a) == Some("100%");
    (full("width") && full("height")).then(|| rect.attribute("fill").map(str::to_owned))?
}

/// `#rrggbb` as an opaque colour.
fn colour(hex: &str) -> Option<tiny_skia::Color> {
    let h = hex.strip_prefix('#').filter(|h| h.len() == 6)?;
    let byte = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
    Some(tiny_skia::Color::from_rgba8(
        byte(0)?,
        byte(2)?,
        byte(4)?,
        255,
    ))
}

/// Right-to-left embedding and its end (see the module doc).
const RLE: char = '\u{202B}';
const PDF: char = '\u{202C}';

/// The family Arabic runs are set in (see [`script_runs`]).
const ARABIC_FAMILY: &str = "Noto Sans Arabic";

/// Letters set in [`ARABIC_FAMILY`]: the Arabic blocks and presentation forms (Arabic-Indic
/// digits, the Arabic comma and percent sign included).
fn is_arabic(ch: char) -> bool {
    matches!(ch, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// `raw` (a text node as written in the document, entities included: they are ASCII) with
/// each run of Arabic letters, and the spaces between them, in a `<tspan>` of the Arabic font.
///
/// resvg shapes a span with its font and falls back per glyph only while the fallback font
/// gives the same number of glyphs; Arabic ligatures (lam-alef) break that count, and a line
/// such as "شباط ٢٠٢١ · الحد الأدنى" came out as empty boxes. Naming the font per script run
/// leaves no fallback to do.
fn script_runs(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 64);
    let mut open = false;
    let mut chars = raw.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        let arabic = is_arabic(ch);
        // A space continues an Arabic run only when Arabic follows it.
        let continues =
            ch == ' ' && open && raw[i..].chars().find(|c| *c != ' ').is_some_and(is_arabic);
        if arabic && !open {
            out.push_str("<tspan font-family=\"");
            out.push_str(ARABIC_FAMILY);
            out.push_str("\">");
            open = true;
        } else if !arabic && !continues && open {
            out.push_str("</tspan>");
            open = false;
        }
        out.push(ch);
        if chars.peek().is_none() && open {
            out.push_str("</tspan>");
        }
    }
    out
}

/// The picture rewritten for resvg (module doc): every text's Arabic runs in the Arabic font,
/// and every right-to-left `<text>` with its anchor flipped and written on the element itself
/// and its characters wrapped in an embedding.
pub fn for_resvg(svg: &str) -> Result<String, String> {
    let doc = roxmltree::Document::parse(svg).map_err(|e| format!("picture: {e}"))?;
    // (byte offset, bytes to remove, text to insert); they never overlap.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for text in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let inherited = |name: &str| text.ancestors().find_map(|a| a.attribute(name));
        let rtl = inherited("direction") == Some("rtl");
        let nodes: Vec<_> = text.descendants().filter(|n| n.is_text()).collect();
        for (k, node) in nodes.iter().enumerate() {
            let r = node.range();
            let mut with = script_runs(&svg[r.clone()]);
            // Each mark in a span of the Arabic font: a mark in the Latin font's span is a
            // glyph that font lacks, and resvg's fallback then garbled the Arabic ligatures
            // next to it ("الأدنى").
            if rtl && k == 0 {
                with.insert_str(
                    0,
                    &format!("<tspan font-family=\"{ARABIC_FAMILY}\">{RLE}</tspan>"),
                );
            }
            if rtl && k + 1 == nodes.len() {
                with.push_str(&format!(
                    "<tspan font-family=\"{ARABIC_FAMILY}\">{PDF}</tspan>"
                ));
            }
            edits.push((r.start, r.len(), with));
        }
        if !rtl {
            continue;
        }
        let flipped = match inherited("text-anchor").unwrap_or("start") {
            "start" => "end",
            "end" => "start",
            other => other,
        };
        match text.attributes().find(|a| a.name() == "text-anchor") {
            Some(a) => {
                let r = a.range_value();
                edits.push((r.start, r.len(), flipped.to_owned()));
            }
            None => {
                let at = text.range().start + "<text".len();
                edits.push((at, 0, format!(" text-anchor=\"{flipped}\"")));
            }
        }
    }
    // From the end, so that earlier offsets stay valid.
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = svg.to_owned();
    for (at, len, with) in edits {
        out.replace_range(at..at + len, &with);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_texts_get_a_flipped_anchor_and_an_embedding() {
        let svg = concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg"><g direction="rtl" text-anchor="start">"#,
            r#"<text x="9">قتل ١٣٨ &amp; SNHR</text><text text-anchor="end">ب</text></g>"#,
            r#"<text x="1">Latin</text><text direction="rtl">ج</text></svg>"#
        );
        let out = for_resvg(svg).unwrap();
        let ar = |t: &str| format!("<tspan font-family=\"Noto Sans Arabic\">{t}</tspan>");
        let (rle, pdf) = (ar("\u{202B}"), ar("\u{202C}"));
        let first = format!(
            "<text text-anchor=\"end\" x=\"9\">{rle}{} &amp; SNHR{pdf}</text>",
            ar("قتل ١٣٨")
        );
        assert!(out.contains(&first), "{out}");
        let second = format!("<text text-anchor=\"start\">{rle}{}{pdf}</text>", ar("ب"));
        assert!(out.contains(&second), "{out}");
        assert!(out.contains("<text x=\"1\">Latin</text>"), "{out}");
        let third = format!(
            "<text text-anchor=\"end\" direction=\"rtl\">{rle}{}{pdf}</text>",
            ar("ج")
        );
        assert!(out.contains(&third), "{out}");
        // The group keeps its own attributes: only texts are rewritten.
        assert!(out.contains(r#"<g direction="rtl" text-anchor="start">"#));
    }

    fn fonts() -> Fonts {
        Fonts::load(Path::new(FONT_DIR)).expect("fonts-noto-core (cargo xtask setup installs it)")
    }

    /// Columns (in card pixels) where `pick` holds for some pixel of the card.
    fn columns(png: &[u8], pick: impl Fn(&tiny_skia::PremultipliedColorU8) -> bool) -> Vec<u32> {
        let pixmap = tiny_skia::Pixmap::decode_png(png).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), (WIDTH, HEIGHT));
        let mut cols: Vec<u32> = pixmap
            .pixels()
            .iter()
            .enumerate()
            .filter(|(_, p)| pick(p))
            .map(|(i, _)| i as u32 % WIDTH)
            .collect();
        cols.sort_unstable();
        cols.dedup();
        cols
    }

    /// A right-to-left line "<wide word> SNHR <narrow word>" anchored at its start, 600 px
    /// wide picture: in a right-to-left paragraph (as a browser lays it out) the wide word
    /// comes first at the right edge and the Latin run sits left of it; laid out left to right
    /// (resvg without the rewrite), the wide word is at the left and the Latin run at the right.
    #[test]
    fn a_mixed_right_to_left_line_is_ordered_and_anchored_as_in_a_browser() {
        let svg = concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="315">"#,
            r##"<text x="590" y="160" font-size="24" direction="rtl" text-anchor="start" fill="#000">"##,
            r##"بــــــــــــــــــــــــــــــــــــب <tspan fill="#f00">SNHR</tspan> ج ٢٠٢١</text></svg>"##
        );
        let card = png(svg, &fonts()).unwrap();
        let red = columns(&card, |p| p.red() > 200 && p.green() < 80);
        let ink = columns(&card, |p| p.red() < 100 && p.green() < 100);
        let (red_mid, ink_left, ink_right) = (red[red.len() / 2], ink[0], *ink.last().unwrap());
        // The card is the picture at twice its size; the line's start is x = 590 of 600.
        assert!(
            ink_right > 1140 && ink_right <= 1182,
            "line ends at {ink_right}"
        );
        // The Latin run is in the left half of the line, the wide first word in the right.
        assert!(
            red_mid < (ink_left + ink_right) / 2,
            "SNHR at {red_mid}, line {ink_left}..{ink_right}"
        );
    }

    /// The Arabic parties chart of February 2021, as a reader downloads it, as a card: written
    /// to `target/cards/` to be looked at, and checked for its title at the right edge.
    #[test]
    fn the_arabic_parties_card_of_february_2021_is_drawn_right_to_left() {
        use sijil_core::chart::draw::export::{compose, Frame, CHART_WIDTH};
        use sijil_core::chart::draw::{parties, Labels, Words};
        use sijil_core::chart::theme::Colors;
        use sijil_core::digits::DigitSystem;
        use sijil_core::lang::Lang;

        struct Arabic;
        impl Labels for Arabic {
            fn count(&self, n: u64) -> String {
                DigitSystem::ArabicIndic.apply(&n.to_string())
            }
            fn percent(&self, p: f64) -> String {
                DigitSystem::ArabicIndic.apply(&format!("{p}")) + "٪"
            }
            fn month(&self, ym: &str) -> String {
                DigitSystem::ArabicIndic.apply(ym)
            }
            fn month_short(&self, ym: &str) -> String {
                DigitSystem::ArabicIndic.apply(ym)
            }
            fn digits(&self, s: &str) -> String {
                DigitSystem::ArabicIndic.apply(s)
            }
            fn rtl(&self) -> bool {
                true
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let feed = sijil_core::feed::read_feed(
            &std::fs::read(root.join("static/data/feed.json")).unwrap(),
        )
        .unwrap();
        let month = feed
            .month(sijil_core::feed::YearMonth::parse("2021-02").unwrap())
            .unwrap();
        let view = sijil_core::views::build::parties(&feed, month, Lang::Ar).unwrap();
        let words = Words {
            not_published: "غير منشور",
            children: "أطفال",
            women: "نساء",
            not_named: "غير مسمّى",
            shade_count: "",
            shade_share: "",
            torture_included_from: "",
            torture_added_from: "",
        };
        let colors = Colors::new(false);
        let chart = parties::draw(&view, &[], CHART_WIDTH, &words, &colors, &Arabic);
        let frame = Frame {
            title: "الضحايا المدنيون حسب الجهة المسؤولة".into(),
            period: "شباط ٢٠٢١ · الحد الأدنى الموثق".into(),
            legend: Vec::new(),
            note: String::new(),
            source: "المصدر: الشبكة السورية لحقوق الإنسان (SNHR) · snhr.org".into(),
            date: "حُدّث ٢٠٢١-٠٣-٠١".into(),
            rtl: true,
        };
        let picture = compose(&frame, &chart, &colors);
        let card = png(&picture, &fonts()).unwrap();
        assert_eq!(background(&picture).as_deref(), Some(colors.bg));
        let dir = root.join("target/cards");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("parties-ar-2021-02.png"), &card).unwrap();
        // Dark ink (the title and the labels) reaches the right edge of the picture, which is
        // centred: nothing starts at the left edge as an unflipped anchor would make it.
        let ink = columns(&card, |p| p.red() < 90 && p.green() < 90 && p.blue() < 90);
        let (left, right) = (ink[0], *ink.last().unwrap());
        assert!(right > WIDTH / 2 && left < WIDTH / 2, "ink {left}..{right}");
        assert!(right < WIDTH, "ink runs off the card");
    }

    #[test]
    fn arabic_runs_are_set_in_the_arabic_font_with_their_inner_spaces() {
        let ar = |t: &str| format!("<tspan font-family=\"Noto Sans Arabic\">{t}</tspan>");
        assert_eq!(
            script_runs("شباط ٢٠٢١ · الحد الأدنى"),
            format!("{} · {}", ar("شباط ٢٠٢١"), ar("الحد الأدنى"))
        );
        assert_eq!(script_runs("SNHR (x)"), "SNHR (x)");
        assert_eq!(script_runs("a ب"), format!("a {}", ar("ب")));
        assert_eq!(script_runs("ب "), format!("{} ", ar("ب")));
    }

    #[test]
    fn colours_are_read_from_hex() {
        assert_eq!(
            colour("#ff8000"),
            Some(tiny_skia::Color::from_rgba8(255, 128, 0, 255))
        );
        assert_eq!(colour("ff8000"), None);
        assert_eq!(colour("#ff80"), None);
    }
}
