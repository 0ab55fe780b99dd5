//! `/report/` (the latest month) and `/report/YYYY-MM/`: the monthly report as a page, the way
//! SNHR publishes it each month. The headline in the report's own form
//! ([`sijil_core::views::report::headline`]), then its sections as the widgets draw them,
//! rendered here by the app's own components ([`crate::widget_page::render`]: the same markup
//! and escaping as the wasm), the tables no widget has (deaths under torture by party; media,
//! medical and Civil Defense personnel; massacres, then each massacre the feed lists, as the
//! report's section V does), the notes and sources, the previous and next month, and under each
//! chart the snippet that embeds it.
//!
//! The page has no script at all (its whole weight is the site's CSS), so it reads the same
//! with JavaScript off, and prints as an A4 document (`static/pages.css`, `@media print`: no
//! navigation or snippets, a chart kept with its title). Feed text is escaped as everywhere
//! else: by the core's markup writer, or by Yew inside the rendered widgets.

use crate::serve::ServeState;
use axum::response::Response;
use sijil_app::format::Fmt;
use sijil_app::i18n::strings;
use sijil_core::digits::DigitSystem;
use sijil_core::embed::{iframe_snippet, WidgetKind, WidgetParams};
use sijil_core::feed::{Feed, Incident, Month, PartyCount};
use sijil_core::lang::Lang;
use sijil_core::markup::Markup;
use sijil_core::views::summary::Formatters;
use sijil_core::views::table::{self, Row};

sijil_core::texts! {
    /// The page's own words (the widgets bring theirs).
    PageWords;
    report: "Monthly report", "التقرير الشهري";
    previous: "Previous month", "الشهر السابق";
    next: "Next month", "الشهر التالي";
    other_lang: "العربية", "English";
    embed: "Embed this chart", "تضمين هذا الرسم";
    torture: "Deaths under torture, by party", "الوفيات بسبب التعذيب، حسب الجهة";
    party: "Party", "الجهة";
    deaths: "Deaths", "الوفيات";
    personnel: "Media, medical and Civil Defense personnel killed", "الضحايا من الكوادر الإعلامية والطبية والدفاع المدني";
    media: "Media workers", "كوادر إعلامية";
    medical: "Medical personnel", "كوادر طبية";
    civil_defense: "Civil Defense personnel", "كوادر الدفاع المدني";
    massacres: "Massacres (5 or more civilians killed in one incident)", "المجازر (مقتل ٥ مدنيين أو أكثر في حادثة واحدة)";
    incidents: "Massacres", "المجازر";
    killed: "Civilians killed", "الضحايا المدنيون";
    children: "Children", "أطفال";
    women: "Women", "سيدات";
    not_published: "not published", "غير منشور";
    /// Column heads of the personnel and massacre tables (a screen reader reads them with
    /// every cell: never empty).
    role: "Personnel", "الكادر";
    figure: "Figure", "البيان";
    number: "Number", "العدد";
    notes: "Notes", "ملاحظات";
    sources: "Sources", "المصادر";
    one_by_one: "Each massacre", "المجازر واحدةً واحدة";
}

/// The report page of `month` (`None`: the latest) in `lang`, linking the site's stylesheets
/// `css` and embedding from `origin`; `None` when the feed has no such month. Its share card is
/// the month's perpetrators chart under the headline ([`crate::card`]), when `cards` are on.
pub fn page(
    feed: &Feed,
    month: Option<&str>,
    lang: Lang,
    css: &[String],
    origin: &str,
    cards: bool,
) -> Option<String> {
    let months = feed.months();
    let at = match month {
        None => months.len().checked_sub(1)?,
        Some(m) => months.iter().position(|x| x.month.to_string() == m)?,
    };
    let m = &months[at];
    let ym = m.month.to_string();
    let w = PageWords::get(lang);
    let digits = if lang == Lang::Ar {
        DigitSystem::ArabicIndic
    } else {
        DigitSystem::Latin
    };
    let fmt = Fmt::new(lang, digits);
    let count = |n: u64| fmt.count(n);
    let month_name = |x: &str| fmt.month(x);
    let percent = |p: f64| fmt.percent(p);
    let f = Formatters {
        count: &count,
        month: &month_name,
        percent: &percent,
    };
    let headline = sijil_core::views::report::headline(m, lang, &f);

    let mut h = Markup::with_capacity(64 * 1024);
    h.drawn("<!doctype html>\n");
    h.tag("html")
        .attr("lang", lang.tag())
        .attr("dir", lang.dir())
        .open();
    h.tag("head").open();
    h.drawn("<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    h.tag("title").open().text(&headline).close("title");
    let query = format!("w=parties&month={ym}&lang={}", lang.tag());
    if let Some(card) = cards
        .then(|| crate::card::url(origin, "parties", feed, &query, lang))
        .flatten()
    {
        h.drawn(&crate::card::share_tags(&headline, &card, lang));
    }
    for href in css {
        h.tag("link")
            .fixed("rel=\"stylesheet\"")
            .attr("href", href)
            .empty();
    }
    h.close("head");
    h.tag("body").open();
    h.tag("main").fixed("class=\"page report\"").open();

    // Navigation: the other language, the previous and next month (screen only).
    h.tag("nav")
        .fixed("class=\"report-nav\"")
        .attr("aria-label", w.report)
        .open();
    let link = |h: &mut Markup, href: &str, text: &str, rel: Option<&'static str>| {
        h.tag("a").attr("href", href);
        if let Some(r) = rel {
            h.attr("rel", r);
        }
        h.open().text(text).close("a");
    };
    let other = if lang == Lang::Ar { Lang::En } else { Lang::Ar };
    if at > 0 {
        let prev = months[at - 1].month.to_string();
        link(
            &mut h,
            &format!("/report/{prev}/?lang={}", lang.tag()),
            &format!("{} · {}", w.previous, fmt.month(&prev)),
            Some("prev"),
        );
    }
    if let Some(next) = months.get(at + 1) {
        let next = next.month.to_string();
        link(
            &mut h,
            &format!("/report/{next}/?lang={}", lang.tag()),
            &format!("{} · {}", w.next, fmt.month(&next)),
            Some("next"),
        );
    }
    h.tag("a")
        .attr("href", &format!("/report/{ym}/?lang={}", other.tag()))
        .attr("lang", other.tag())
        .attr("hreflang", other.tag())
        .open()
        .text(w.other_lang)
        .close("a");
    h.close("nav");

    h.tag("header").open();
    h.tag("p")
        .fixed("class=\"report-kicker\"")
        .open()
        .text(&format!(
            "{} · {} · {}",
            feed.publisher().name.get(lang),
            w.report,
            fmt.month(&ym)
        ))
        .close("p");
    h.tag("h1").open().text(&headline).close("h1");
    h.close("header");

    // The sections the widgets draw, each with its embed snippet.
    for kind in [
        WidgetKind::Glance,
        WidgetKind::Parties,
        WidgetKind::Governorates,
    ] {
        let mut params = WidgetParams::new(kind, lang);
        params.month = Some(ym.clone());
        let title = strings(lang).widget_title(kind);
        h.tag("section").fixed("class=\"report-section\"").open();
        // A widget is a page of its own with an `<h1>`; here it is a section under the
        // report's headline. The markup is the app's (feed text in it is escaped, so no text
        // holds a tag).
        let widget = crate::widget_page::render(feed.clone(), params.clone())
            .replace("<h1 ", "<h2 ")
            .replace("</h1>", "</h2>");
        h.drawn(&widget);
        embed(&mut h, w, origin, &params, title);
        h.close("section");
    }
    tables(&mut h, feed, m, w, &fmt);

    // Notes and sources.
    let notes: Vec<(Lang, &str)> = [m.notes.as_ref(), feed.notes()]
        .into_iter()
        .flatten()
        .map(|n| n.get_with_lang(lang))
        .collect();
    if !notes.is_empty() || !m.sources.is_empty() {
        h.tag("section").fixed("class=\"report-section\"").open();
        h.tag("h2").open().text(w.notes).close("h2");
        for note in notes {
            in_lang(&mut h, "p", note);
        }
        if !m.sources.is_empty() {
            h.tag("h3").open().text(w.sources).close("h3");
            h.tag("ul").open();
            for s in &m.sources {
                // The item keeps the page's direction (its bullet stays on the page's side); the
                // address inside it runs in its own.
                h.tag("li").open().tag("bdi").open();
                match s.href() {
                    Some(url) => {
                        h.tag("a")
                            .attr("href", url)
                            .open()
                            .text(s.text())
                            .close("a");
                    }
                    None => {
                        h.text(s.text());
                    }
                }
                h.close("bdi").close("li");
            }
            h.close("ul");
        }
        h.close("section");
    }
    h.close("main").close("body").close("html");
    Some(h.into_string())
}

/// The embed snippet of one section's chart, behind a disclosure (not printed).
fn embed(h: &mut Markup, w: &PageWords, origin: &str, params: &WidgetParams, title: &str) {
    h.tag("details").fixed("class=\"report-embed\"").open();
    h.tag("summary").open().text(w.embed).close("summary");
    h.tag("pre").fixed("dir=\"ltr\"").open().tag("code").open();
    h.text(&iframe_snippet(origin, params, title));
    h.close("code").close("pre").close("details");
}

/// The sections no widget draws, as tables: deaths under torture by party, personnel, massacres.
fn tables(h: &mut Markup, feed: &Feed, m: &Month, w: &PageWords, fmt: &Fmt) {
    let n = |v: Option<u64>| v.map_or_else(|| w.not_published.to_owned(), |n| fmt.count(n));
    let lang = fmt.lang;
    // A section with its title and table, left open for what follows the table.
    let section = |h: &mut Markup, title: &str, head: Vec<String>, rows: Vec<Row>| {
        h.tag("section").fixed("class=\"report-section\"").open();
        h.tag("h2").open().text(title).close("h2");
        h.tag("div").fixed("class=\"table-wrap\"").open();
        h.drawn(&table::html(&head, &rows));
        h.close("div");
    };
    let party_rows = |counts: &[PartyCount]| -> Vec<Row> {
        counts
            .iter()
            .map(|c| Row {
                head: feed
                    .parties()
                    .get(c.party)
                    .map_or("", |p| p.name.get(lang))
                    .to_owned(),
                cells: vec![n(c.total)],
                sub: feed
                    .parties()
                    .get(c.party)
                    .is_some_and(|p| p.parent.is_some()),
            })
            .collect()
    };
    if let Some(t) = &m.torture {
        let mut rows = vec![Row {
            head: w.deaths.to_owned(),
            cells: vec![n(t.total)],
            sub: false,
        }];
        rows.extend(t.by_party.as_deref().map(party_rows).unwrap_or_default());
        section(
            h,
            w.torture,
            vec![w.party.to_owned(), w.deaths.to_owned()],
            rows,
        );
        h.close("section");
    }
    // Figures with no party: one row each, "not published" where the month did not say.
    let figures = |pairs: &[(&str, Option<u64>)]| -> Vec<Row> {
        pairs
            .iter()
            .map(|(k, v)| Row {
                head: (*k).to_owned(),
                cells: vec![n(*v)],
                sub: false,
            })
            .collect()
    };
    if let Some(p) = &m.personnel {
        let rows = figures(&[
            (w.media, p.media),
            (w.medical, p.medical),
            (w.civil_defense, p.civil_defense),
        ]);
        let head = vec![w.role.to_owned(), w.deaths.to_owned()];
        section(h, w.personnel, head, rows);
        h.close("section");
    }
    if let Some(x) = &m.massacres {
        let rows = figures(&[
            (w.incidents, x.count),
            (w.killed, x.deaths),
            (w.children, x.children),
            (w.women, x.women),
        ]);
        let head = vec![w.figure.to_owned(), w.number.to_owned()];
        section(h, w.massacres, head, rows);
        if let Some(list) = x.incidents.as_deref().filter(|l| !l.is_empty()) {
            incidents(h, feed, list, w, fmt);
        }
        h.close("section");
    }
}

/// Each massacre the feed lists (the report's section V), in the feed's order, written by the
/// core as the massacres widget writes them (`views::incidents`: when and where, the toll, who
/// the report holds responsible, its sentence; feed text escaped, bounded and marked with its
/// own language). A list rather than a table: seven columns do not fit a phone, and each item
/// reads as a short paragraph.
fn incidents(h: &mut Markup, feed: &Feed, list: &[Incident], w: &PageWords, fmt: &Fmt) {
    h.tag("h3").open().text(w.one_by_one).close("h3");
    h.tag("ol").fixed("class=\"incidents\"").open();
    use sijil_core::views::incidents::{push_items, toll};
    push_items(h, feed, list, fmt.lang, fmt, toll);
    h.close("ol");
}

/// `<tag lang dir>text</tag>`: feed text, escaped, in the language it is written in (a text
/// only published in the other language keeps that language's direction).
fn in_lang(h: &mut Markup, tag: &str, (l, text): (Lang, &str)) {
    h.tag(tag)
        .attr("lang", l.tag())
        .attr("dir", l.dir())
        .open()
        .text(text)
        .close(tag);
}

/// `report/` or `report/YYYY-MM/` → the month asked (`None`: the latest), for a report URL.
pub fn month_of(rel: &std::path::Path) -> Option<Option<String>> {
    let rest = rel.to_str()?.strip_prefix("report")?;
    let rest = rest.trim_matches('/');
    if rest.is_empty() {
        return Some(None);
    }
    let rest = rest.strip_suffix("/index.html").unwrap_or(rest);
    sijil_core::embed::is_month(rest).then(|| Some(rest.to_owned()))
}

/// The stylesheets the site's own pages link (read from the built `index.html`), so the report
/// page is styled as the site is, with no stylesheet of its own to build.
fn site_css(index: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = index;
    while let Some(at) = rest.find("<link") {
        let tag = &rest[at..at + rest[at..].find('>').unwrap_or(0)];
        rest = &rest[at + 5..];
        if !tag.contains("stylesheet") {
            continue;
        }
        if let Some(h) = tag.split("href=").nth(1) {
            let h = h.trim_start_matches(['"', '\'']);
            let end = h.find(['"', '\'', ' ', '>']).unwrap_or(h.len());
            out.push(h[..end].to_owned());
        }
    }
    out
}

/// `GET /report/…`: the page, or 404 when the feed is not on this site or has no such month.
pub async fn reply(ctx: &ServeState, month: Option<String>, query: &str) -> Response {
    let lang = query
        .split('&')
        .find_map(|p| p.strip_prefix("lang="))
        .and_then(Lang::parse)
        .unwrap_or_default();
    let Some(feed) = crate::site::site_feed(ctx).await else {
        return crate::site::not_found();
    };
    let (Ok(bytes), Ok(index)) = (
        tokio::fs::read(&feed).await,
        tokio::fs::read_to_string(ctx.dist_root.join("index.html")).await,
    ) else {
        return crate::site::not_found();
    };
    let origin = ctx.own_origin.clone();
    let made = tokio::task::spawn_blocking(move || {
        let feed = sijil_core::feed::read_feed(&bytes).ok()?;
        page(
            &feed,
            month.as_deref(),
            lang,
            &site_css(&index),
            &origin,
            true,
        )
    })
    .await
    .ok()
    .flatten();
    let Some(html) = made else {
        return crate::site::not_found();
    };
    crate::site::rendered(ctx, html, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sijil_core::feed::read_feed;

    fn sample() -> Feed {
        read_feed(include_bytes!("../../../static/data/feed.json")).expect("sample feed")
    }

    #[test]
    fn a_month_reads_as_its_report_in_both_languages() {
        let css = vec!["/app.css".to_owned()];
        let en = page(
            &sample(),
            Some("2021-02"),
            Lang::En,
            &css,
            "https://x.org",
            false,
        )
        .unwrap();
        assert!(en.starts_with("<!doctype html>\n<html lang=\"en\" dir=\"ltr\">"));
        assert!(en.contains("<h1>Extrajudicial killing claims the lives of 138 civilians, including 23 children, 11 women, and 14 victims due to torture, in February 2021</h1>"));
        // One h1: the widgets' own titles are the sections' h2.
        assert_eq!(en.matches("<h1").count(), 1);
        assert!(en.contains("<h2 id=\"parties-title\">"), "{en}");
        assert!(en.contains("rel=\"prev\"") && en.contains("rel=\"next\""));
        assert!(en.contains("href=\"/report/2021-02/?lang=ar\" lang=\"ar\""));
        assert!(en.contains("Deaths under torture, by party"));
        assert!(
            en.contains("src=&quot;https://x.org/widget/parties/?w=parties&amp;amp;month=2021-02"),
            "the embed snippet, escaped: {en}"
        );
        assert!(!en.contains("<script"), "no script on the page");
        let ar = page(&sample(), Some("2021-02"), Lang::Ar, &css, "", false).unwrap();
        assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"));
        assert!(ar.contains("القتل خارج نطاق القانون يحصد أرواح ١٣٨ مدنيًا"));
        // The latest month, and a month the feed does not have.
        let latest = sample().months().last().unwrap().month.to_string();
        let l = page(&sample(), None, Lang::En, &css, "", false).unwrap();
        assert!(l.contains(&format!("/report/{latest}/?lang=ar")));
        assert!(page(&sample(), Some("1999-01"), Lang::En, &css, "", false).is_none());
    }

    #[test]
    fn feed_text_is_escaped() {
        let bytes = String::from_utf8(include_bytes!("../../../static/data/feed.json").to_vec())
            .unwrap()
            .replace(
                "Syrian Network for Human Rights",
                "<img src=x onerror=alert(1)>",
            );
        let feed = read_feed(bytes.as_bytes()).unwrap();
        let html = page(&feed, Some("2021-02"), Lang::En, &[], "", false).unwrap();
        assert!(!html.contains("<img src=x"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }

    /// Section V from a fixture of made-up massacres, whose text carries markup.
    #[test]
    fn section_v_lists_each_massacre_in_both_languages_escaped() {
        let feed = read_feed(include_bytes!(
            "../../sijil-core/tests/feeds/good-incidents.json"
        ))
        .expect("fixture");
        let en = page(&feed, Some("2021-01"), Lang::En, &[], "", false).unwrap();
        // Inside the massacres section, after its table of figures.
        let section = en
            .find("Massacres (5 or more")
            .expect("the massacres section");
        let list = en
            .find("<h3>Each massacre</h3><ol class=\"incidents\">")
            .expect("section V");
        assert!(section < list && !en[section..list].contains("</section>"));
        for item in [
            // A day before the month, the place (feed text, escaped, in its own language), the
            // governorate, the toll, the party, and the sentence with its markup as text.
            "<li><p class=\"incident-where\"><time datetime=\"2020-12-31\">31 December 2020</time> · <bdi lang=\"en\" dir=\"ltr\">Test village &lt;b&gt;one&lt;/b&gt;</bdi>, Aleppo</p><p>6 civilians killed, including 3 children and 1 woman</p><p>Perpetrator: Landmines</p><p lang=\"en\" dir=\"ltr\">A made-up explosion &amp; &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;.</p></li>",
            // A month without its day, a place only in Arabic, no party, women not given.
            "<li><p class=\"incident-where\"><time datetime=\"2021-01\">January 2021</time> · <bdi lang=\"ar\" dir=\"rtl\">مكان تجريبي</bdi>, Idleb</p><p>8 civilians killed, including 2 children</p><p>Perpetrator: not attributed</p></li>",
        ] {
            assert!(en.contains(item), "{item}\n{en}");
        }
        assert!(!en.contains("<script") && !en.contains("<b>"), "{en}");
        let ar = page(&feed, Some("2021-01"), Lang::Ar, &[], "", false).unwrap();
        for item in [
            "<h3>المجازر واحدةً واحدة</h3>",
            "<time datetime=\"2020-12-31\">٣١ كانون الأول ٢٠٢٠</time> · <bdi lang=\"ar\" dir=\"rtl\">قرية تجريبية &lt;b&gt;أولى&lt;/b&gt;</bdi>، حلب</p><p>مقتل ٦ مدنيين، بينهم ٣ أطفال وسيدة واحدة</p><p>الجهة المسؤولة: ألغام</p><p lang=\"ar\" dir=\"rtl\">انفجار مختلق &amp; &lt;script&gt;alert(1)&lt;/script&gt;.</p>",
            "<p>مقتل ٨ مدنيين، بينهم طفلان</p><p>الجهة المسؤولة: غير محددة</p>",
        ] {
            assert!(ar.contains(item), "{item}\n{ar}");
        }
        // A month that lists none has no section V.
        let feb = page(&feed, Some("2021-02"), Lang::En, &[], "", false).unwrap();
        assert!(!feb.contains("class=\"incidents\""));
        let sample = page(&sample(), Some("2021-02"), Lang::En, &[], "", false).unwrap();
        assert!(
            !sample.contains("class=\"incidents\""),
            "the sample lists none"
        );
    }

    #[test]
    fn report_urls_name_a_month_or_the_latest() {
        let m = |p: &str| month_of(std::path::Path::new(p));
        assert_eq!(m("report"), Some(None));
        assert_eq!(m("report/2021-02"), Some(Some("2021-02".into())));
        assert_eq!(m("report/2021-02/index.html"), Some(Some("2021-02".into())));
        assert_eq!(m("report/2021-13"), None);
        assert_eq!(m("reports"), None);
    }
}
