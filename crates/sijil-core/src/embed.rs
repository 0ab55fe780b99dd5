//! Widget parameters and embed snippets.
//!
//! Every widget view is a permalink: its parameters live in the URL query (`/widget?w=trend&…`),
//! never anything sensitive. The same parameters feed the embed builder, which generates the
//! iframe and script-tag snippets here, so what the builder shows is exactly what the widget
//! page parses back.

use crate::digits::DigitSystem;
use crate::lang::Lang;

/// Which widget to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WidgetKind {
    Glance,
    Parties,
    Governorates,
    Trend,
    Torture,
    Massacres,
}

impl WidgetKind {
    pub const ALL: [WidgetKind; 6] = [
        WidgetKind::Glance,
        WidgetKind::Parties,
        WidgetKind::Governorates,
        WidgetKind::Trend,
        WidgetKind::Torture,
        WidgetKind::Massacres,
    ];

    pub fn id(self) -> &'static str {
        match self {
            WidgetKind::Glance => "glance",
            WidgetKind::Parties => "parties",
            WidgetKind::Governorates => "governorates",
            WidgetKind::Trend => "trend",
            WidgetKind::Torture => "torture",
            WidgetKind::Massacres => "massacres",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        WidgetKind::ALL.into_iter().find(|k| k.id() == s)
    }

    /// The page a widget lives on: `/widget/{page}/`. Each page is its own wasm holding only its
    /// widgets' code, so an embed downloads one chart type, not six. The three time series share
    /// one page (and their range control).
    pub fn page(self) -> &'static str {
        match self {
            WidgetKind::Glance => "glance",
            WidgetKind::Parties => "parties",
            WidgetKind::Governorates => "governorates",
            WidgetKind::Trend | WidgetKind::Torture | WidgetKind::Massacres => "series",
        }
    }

    /// Time-series widgets take a range; the others show one month.
    pub fn is_series(self) -> bool {
        matches!(
            self,
            WidgetKind::Trend | WidgetKind::Torture | WidgetKind::Massacres
        )
    }
}

/// Months shown by a time-series widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Range {
    #[default]
    All,
    /// The last N published months.
    Last(u16),
    /// One calendar year.
    Year(u16),
}

impl Range {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "all" => Some(Range::All),
            _ if s.starts_with("last") => s[4..]
                .parse()
                .ok()
                .filter(|n| (1..=1200).contains(n))
                .map(Range::Last),
            _ if s.len() == 4 => s
                .parse()
                .ok()
                .filter(|y| (1900..=2999).contains(y))
                .map(Range::Year),
            _ => None,
        }
    }

    pub fn id(self) -> String {
        match self {
            Range::All => "all".into(),
            Range::Last(n) => format!("last{n}"),
            Range::Year(y) => y.to_string(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follows `prefers-color-scheme`.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn id(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Theme::Auto, Theme::Light, Theme::Dark]
            .into_iter()
            .find(|t| t.id() == s)
    }
}

/// Everything a widget view needs from its URL.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetParams {
    pub kind: WidgetKind,
    /// `YYYY-MM`; `None` means the latest published month.
    pub month: Option<String>,
    pub range: Range,
    pub lang: Lang,
    pub digits: DigitSystem,
    pub theme: Theme,
    /// Shown inside an iframe: no page chrome, report height to the host.
    pub embed: bool,
    /// Show the notes under the chart (the report's notes and where its figures do not add
    /// up); `notes=off` hides them for an editor who explains the figures in their own text.
    /// What the chart's marks mean (gaps, definition breaks) and months that could not be read
    /// are always said.
    pub notes: bool,
}

impl WidgetParams {
    pub fn new(kind: WidgetKind, lang: Lang) -> Self {
        WidgetParams {
            kind,
            month: None,
            range: Range::All,
            lang,
            digits: if lang == Lang::Ar {
                DigitSystem::ArabicIndic
            } else {
                DigitSystem::Latin
            },
            theme: Theme::Auto,
            embed: false,
            notes: true,
        }
    }

    /// Reads query pairs; unknown or malformed values fall back to defaults rather than failing,
    /// because a mistyped permalink should still show a chart.
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        default_lang: Lang,
    ) -> Self {
        let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
        let get = |k: &str| {
            pairs
                .iter()
                .rev()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| *v)
        };
        let lang = get("lang").and_then(Lang::parse).unwrap_or(default_lang);
        let mut p = WidgetParams::new(
            get("w")
                .and_then(WidgetKind::parse)
                .unwrap_or(WidgetKind::Glance),
            lang,
        );
        p.month = get("month").filter(|m| is_month(m)).map(str::to_owned);
        p.range = get("range").and_then(Range::parse).unwrap_or_default();
        if let Some(d) = get("digits").and_then(DigitSystem::parse) {
            p.digits = d;
        }
        p.theme = get("theme").and_then(Theme::parse).unwrap_or_default();
        p.embed = get("embed") == Some("1");
        p.notes = get("notes") != Some("off");
        p
    }

    /// The widget's permalink on the site at `origin` (empty for the same site):
    /// `{origin}/widget/{page}/?{query}`.
    pub fn url(&self, origin: &str) -> String {
        format!("{origin}/widget/{}/?{}", self.kind.page(), self.to_query())
    }

    /// The query string (without `?`), in a stable order, leaving out defaults.
    pub fn to_query(&self) -> String {
        let mut q = vec![format!("w={}", self.kind.id())];
        if let Some(m) = &self.month {
            q.push(format!("month={m}"));
        }
        if self.kind.is_series() && self.range != Range::All {
            q.push(format!("range={}", self.range.id()));
        }
        q.push(format!("lang={}", self.lang.tag()));
        q.push(format!("digits={}", self.digits.nu()));
        if self.theme != Theme::Auto {
            q.push(format!("theme={}", self.theme.id()));
        }
        if !self.notes {
            q.push("notes=off".into());
        }
        if self.embed {
            q.push("embed=1".into());
        }
        q.join("&")
    }
}

/// `YYYY-MM` with a month 01–12.
pub fn is_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit)
        && matches!(s[5..].parse::<u8>(), Ok(1..=12))
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What every snippet's resizer does with a height message (the inline one, and `embed.js`,
/// which says the same): accept it only from the widget's origin, and apply it to the iframe
/// whose window sent it (`event.source`). No snippet names its iframe by `id`: a page with two
/// embeds of the same chart would have two equal ids, and the second would never resize.
const RESIZER: &str = "window.addEventListener(\"message\",function(e){var d=e.data;\
if(e.origin!==O||!d||d.type!==\"sijil:height\"||typeof d.height!==\"number\"||!(d.height>0&&d.height<20000))return;\
var f=document.getElementsByTagName(\"iframe\");for(var i=0;i<f.length;i++)if(f[i].contentWindow===e.source){\
f[i].style.height=Math.ceil(d.height)+\"px\";f[i].style.minHeight=\"0\";}});";

/// The iframe snippet for most sites: a lazy iframe with a reserved height plus an inline
/// script that resizes it (see [`RESIZER`]). Any number of them may share a page.
pub fn iframe_snippet(origin: &str, params: &WidgetParams, title: &str) -> String {
    format!(
        "{frame} style=\"width:100%;min-height:360px;height:360px;border:0\"></iframe>\n\
<script>(function(){{var O=\"{origin_js}\";{RESIZER}}})();</script>",
        frame = iframe_open(origin, params, title),
        origin_js = origin.replace(['"', '\\', '<'], ""),
    )
}

/// The snippet for host pages with a strict Content-Security-Policy (no inline script, no
/// inline style): the iframe's size is set by attributes, and the resizer is the site's own
/// `embed.js`, loaded by URL (the host allows this origin in `script-src` and `frame-src`).
pub fn csp_snippet(origin: &str, params: &WidgetParams, title: &str) -> String {
    format!(
        "{frame} width=\"100%\" height=\"360\" frameborder=\"0\"></iframe>\n\
<script src=\"{origin}/embed.js\" async></script>",
        frame = iframe_open(origin, params, title),
        origin = escape_attr(origin),
    )
}

/// `<iframe data-sijil src=… title=… loading referrerpolicy`, left open for the caller's size.
fn iframe_open(origin: &str, params: &WidgetParams, title: &str) -> String {
    let mut p = params.clone();
    p.embed = true;
    format!(
        "<iframe data-sijil src=\"{src}\" title=\"{title}\" loading=\"lazy\" referrerpolicy=\"no-referrer\"",
        src = escape_attr(&p.url(origin)),
        title = escape_attr(title),
    )
}

/// The script-tag snippet: `embed.js` reads the `data-` attributes and inserts the iframe.
pub fn script_snippet(origin: &str, params: &WidgetParams) -> String {
    let mut attrs = format!("data-widget=\"{}\"", params.kind.id());
    if let Some(m) = &params.month {
        attrs.push_str(&format!(" data-month=\"{m}\""));
    }
    if params.kind.is_series() && params.range != Range::All {
        attrs.push_str(&format!(" data-range=\"{}\"", params.range.id()));
    }
    attrs.push_str(&format!(
        " data-lang=\"{}\" data-digits=\"{}\"",
        params.lang.tag(),
        params.digits.nu()
    ));
    if params.theme != Theme::Auto {
        attrs.push_str(&format!(" data-theme=\"{}\"", params.theme.id()));
    }
    if !params.notes {
        attrs.push_str(" data-notes=\"off\"");
    }
    format!(
        "<script src=\"{}/embed.js\" {attrs} async></script>",
        escape_attr(origin)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_round_trips() {
        let mut p = WidgetParams::new(WidgetKind::Trend, Lang::Ar);
        p.month = Some("2021-02".into());
        p.range = Range::Last(12);
        p.theme = Theme::Dark;
        p.notes = false;
        let q = p.to_query();
        assert_eq!(
            q,
            "w=trend&month=2021-02&range=last12&lang=ar&digits=arab&theme=dark&notes=off"
        );
        let pairs: Vec<(&str, &str)> = q.split('&').filter_map(|kv| kv.split_once('=')).collect();
        assert_eq!(WidgetParams::from_query(pairs, Lang::En), p);
    }

    #[test]
    fn bad_parameters_fall_back_to_defaults() {
        let p = WidgetParams::from_query(
            [
                ("w", "pie"),
                ("month", "2021-13"),
                ("range", "last0"),
                ("lang", "fr"),
                ("theme", "neon"),
            ],
            Lang::En,
        );
        assert_eq!(p, WidgetParams::new(WidgetKind::Glance, Lang::En));
        assert_eq!(Range::parse("2021"), Some(Range::Year(2021)));
        assert!(
            is_month("2021-02")
                && !is_month("2021-2")
                && !is_month("2021-00")
                && !is_month("２０２１-02")
        );
    }

    #[test]
    fn snippets_check_origin_and_source_and_escape() {
        let p = WidgetParams::new(WidgetKind::Parties, Lang::En);
        let s = iframe_snippet("https://stats.example.org", &p, "Deaths \"by\" party <b>");
        assert!(s.contains("src=\"https://stats.example.org/widget/parties/?w=parties&amp;lang=en&amp;digits=latn&amp;embed=1\""), "{s}");
        assert!(
            s.contains("var O=\"https://stats.example.org\"") && s.contains("e.origin!==O"),
            "{s}"
        );
        assert!(s.contains("f[i].contentWindow===e.source"), "{s}");
        // No id: two embeds of the same chart on one page must not share one.
        assert!(!s.contains(" id="), "{s}");
        assert!(
            s.contains("loading=\"lazy\"") && s.contains("min-height:360px"),
            "{s}"
        );
        assert!(
            s.contains("title=\"Deaths &quot;by&quot; party &lt;b&gt;\""),
            "{s}"
        );
        let c = csp_snippet("https://stats.example.org", &p, "Deaths");
        assert!(
            c.ends_with("<script src=\"https://stats.example.org/embed.js\" async></script>"),
            "{c}"
        );
        // Nothing a strict CSP refuses: no inline script, no style attribute.
        assert_eq!(c.matches("<script").count(), 1, "{c}");
        assert!(!c.contains("style=") && !c.contains(" id="), "{c}");
        assert!(c.contains("data-sijil src=\"https://stats.example.org/widget/parties/?w=parties&amp;lang=en&amp;digits=latn&amp;embed=1\""), "{c}");
        let mut quiet = p.clone();
        quiet.notes = false;
        assert!(
            script_snippet("https://stats.example.org", &quiet).contains(" data-notes=\"off\" ")
        );
        assert!(WidgetParams::from_query([("notes", "on")], Lang::En).notes);
        let t = script_snippet("https://stats.example.org", &p);
        assert_eq!(
            t,
            "<script src=\"https://stats.example.org/embed.js\" data-widget=\"parties\" data-lang=\"en\" data-digits=\"latn\" async></script>"
        );
    }
}
