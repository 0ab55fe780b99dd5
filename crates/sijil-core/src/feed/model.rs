//! The validated feed: the domain types the widgets read.
//!
//! Everything here has passed `validate`: counts are integers in `0..=MAX_COUNT`, party references
//! point into [`Feed::parties`], months are unique and sorted. Two rules shape the types:
//!
//! - **Absent is not zero.** Every count the contract makes optional is an `Option<u64>`; `None`
//!   means "not published" and must reach the screen as such, never as a 0 bar.
//! - **Parties are data.** Their ids, names, nesting and order come from the feed, so a feed can
//!   bring a party the app has never seen. A party's colour index is its position in the feed's
//!   list, so every widget gives it the same colour.

use super::calendar::{Date, DayOrMonth, YearMonth};
use super::governorates::Governorate;
use super::warning::Warning;
use crate::lang::Lang;

/// Text in one or both languages; at least one is present and not blank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalText {
    en: Option<String>,
    ar: Option<String>,
}

impl LocalText {
    /// `None` unless at least one language has non-blank text. Blank texts count as absent, so
    /// that the fallback shows the other language instead of nothing.
    pub fn new(en: Option<String>, ar: Option<String>) -> Option<Self> {
        let keep = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        let (en, ar) = (keep(en), keep(ar));
        (en.is_some() || ar.is_some()).then_some(LocalText { en, ar })
    }

    /// The text in `lang`, or in the other language when `lang` has none.
    pub fn get(&self, lang: Lang) -> &str {
        self.get_with_lang(lang).1
    }

    /// Like [`get`](Self::get), also saying which language the text is in, so a fallback can be
    /// marked up with its own `lang` and `dir`.
    pub fn get_with_lang(&self, lang: Lang) -> (Lang, &str) {
        match (self.exact(lang), self.exact(lang.other())) {
            (Some(text), _) => (lang, text),
            (None, Some(text)) => (lang.other(), text),
            (None, None) => unreachable!("LocalText::new keeps at least one language"),
        }
    }

    /// A copy cut to at most `max_chars` characters per language (for messages).
    pub(crate) fn shortened(&self, max_chars: usize) -> LocalText {
        let cut = |s: &Option<String>| s.as_ref().map(|s| s.chars().take(max_chars).collect());
        LocalText {
            en: cut(&self.en),
            ar: cut(&self.ar),
        }
    }

    /// The text in exactly `lang`, without fallback.
    pub fn exact(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::En => self.en.as_deref(),
            Lang::Ar => self.ar.as_deref(),
        }
    }
}

/// A URL as the feed wrote it. Only `http:`/`https:` URLs without spaces or control characters
/// become links; anything else (`javascript:`, a note typed into the field) stays plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlText {
    text: String,
    linkable: bool,
}

impl UrlText {
    pub fn new(text: String) -> Self {
        let linkable = is_web_url(&text);
        UrlText { text, linkable }
    }

    /// The text as published, for display.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The link target, only for a safe web URL.
    pub fn href(&self) -> Option<&str> {
        self.linkable.then_some(self.text.as_str())
    }
}

fn is_web_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &s[8..]
    } else if lower.starts_with("http://") {
        &s[7..]
    } else {
        return false;
    };
    let host_ends = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    s.len() <= 2048
        && host_ends > 0
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '\\' | '"' | '<' | '>'))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publisher {
    pub name: LocalText,
    pub url: Option<UrlText>,
    pub methodology_url: Option<UrlText>,
}

/// A perpetrator party.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    pub id: String,
    pub name: LocalText,
    /// Index in [`Feed::parties`] of the party this one breaks down (one level only).
    pub parent: Option<usize>,
    /// Position in the feed's list: display order, and the colour index every widget uses.
    pub index: usize,
}

/// A top-level party and its sub-parties, in feed order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyNode<'a> {
    pub party: &'a Party,
    pub children: Vec<&'a Party>,
}

/// One line of a party breakdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyCount {
    /// Index in [`Feed::parties`].
    pub party: usize,
    pub total: Option<u64>,
    pub children: Option<u64>,
    pub women: Option<u64>,
}

/// One line of a governorate breakdown: a total, a share (percent of the month's total), or both.
#[derive(Clone, Debug, PartialEq)]
pub struct GovernorateCount {
    pub governorate: &'static Governorate,
    pub total: Option<u64>,
    pub share: Option<f64>,
    /// The source said "about".
    pub approximate: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Civilians {
    pub total: u64,
    pub children: Option<u64>,
    pub women: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Torture {
    pub total: Option<u64>,
    pub children: Option<u64>,
    /// Whether these deaths are part of `civilians.total`; `None`: unknown.
    pub included_in_civilians: Option<bool>,
    pub by_party: Option<Vec<PartyCount>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Personnel {
    pub media: Option<u64>,
    pub medical: Option<u64>,
    pub civil_defense: Option<u64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Massacres {
    /// Incidents with 5 or more civilians killed.
    pub count: Option<u64>,
    pub deaths: Option<u64>,
    pub children: Option<u64>,
    pub women: Option<u64>,
    /// Each massacre, as the report's section V lists them; `None`: the feed does not list
    /// them (which says nothing about how many there were).
    pub incidents: Option<Vec<Incident>>,
}

/// One massacre: an incident in which 5 or more civilians were killed. Its text (place,
/// summary) is the publisher's plain text, untrusted like every string of the feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Incident {
    /// May fall before the month: SNHR counts a massacre in the month it was documented.
    pub date: DayOrMonth,
    pub governorate: Option<&'static Governorate>,
    pub place: Option<LocalText>,
    /// Index in [`Feed::parties`]; `None`: not attributed.
    pub party: Option<usize>,
    pub deaths: u64,
    pub children: Option<u64>,
    pub women: Option<u64>,
    /// One sentence about what happened.
    pub summary: Option<LocalText>,
}

/// One month's figures. A whole section absent (`by_party: None`) is "not published" too.
#[derive(Clone, Debug, PartialEq)]
pub struct Month {
    pub month: YearMonth,
    pub published: Option<Date>,
    pub sources: Vec<UrlText>,
    pub civilians: Civilians,
    pub by_party: Option<Vec<PartyCount>>,
    pub by_governorate: Option<Vec<GovernorateCount>>,
    pub torture: Option<Torture>,
    pub personnel: Option<Personnel>,
    pub massacres: Option<Massacres>,
    pub notes: Option<LocalText>,
}

impl Month {
    /// This month's line for a party (by index in [`Feed::parties`]), if published.
    pub fn party(&self, party: usize) -> Option<&PartyCount> {
        self.by_party.as_deref()?.iter().find(|c| c.party == party)
    }

    /// This month's line for a governorate p-code, if published.
    pub fn governorate(&self, code: &str) -> Option<&GovernorateCount> {
        self.by_governorate
            .as_deref()?
            .iter()
            .find(|g| g.governorate.code == code)
    }
}

/// A month a lenient reader ([`read_feed`](super::read_feed)) left out: its first error, and
/// the month it was, when its `month` field could be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Unavailable {
    pub month: Option<YearMonth>,
    pub error: super::error::FeedError,
}

/// A validated feed. Built only by [`parse_feed`](super::parse_feed), which keeps its invariants.
#[derive(Clone, Debug, PartialEq)]
pub struct Feed {
    pub(super) publisher: Publisher,
    pub(super) updated: Date,
    pub(super) notes: Option<LocalText>,
    pub(super) parties: Vec<Party>,
    /// Sorted ascending, unique.
    pub(super) months: Vec<Month>,
    pub(super) warnings: Vec<Warning>,
    /// Months left out for an error of their own, by month (unknown months first).
    pub(super) unavailable: Vec<Unavailable>,
}

impl Feed {
    pub fn publisher(&self) -> &Publisher {
        &self.publisher
    }

    /// The date the feed was generated.
    pub fn updated(&self) -> Date {
        self.updated
    }

    pub fn notes(&self) -> Option<&LocalText> {
        self.notes.as_ref()
    }

    /// Consistency warnings, in month order: the figures are still shown.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The warnings about one month (a widget shows them under its chart): found by binary
    /// search in the month-ordered list, not by reading all of it on every render (a 15-year
    /// feed can carry hundreds).
    pub fn warnings_in(&self, month: YearMonth) -> &[Warning] {
        let from = self.warnings.partition_point(|w| w.month < month);
        let to = self.warnings.partition_point(|w| w.month <= month);
        &self.warnings[from..to]
    }

    /// Months the widgets' reader left out for an error confined to them (never set by the
    /// strict readers, which reject the feed instead).
    pub fn unavailable(&self) -> &[Unavailable] {
        &self.unavailable
    }

    /// Whether `month` was in the feed but could not be read.
    pub fn is_unavailable(&self, month: YearMonth) -> bool {
        self.unavailable.iter().any(|u| u.month == Some(month))
    }

    /// All parties in display order; `parties()[i].index == i`.
    pub fn parties(&self) -> &[Party] {
        &self.parties
    }

    pub fn party(&self, id: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.id == id)
    }

    pub fn top_level_parties(&self) -> impl Iterator<Item = &Party> {
        self.parties.iter().filter(|p| p.parent.is_none())
    }

    pub fn sub_parties(&self, parent: usize) -> impl Iterator<Item = &Party> {
        self.parties
            .iter()
            .filter(move |p| p.parent == Some(parent))
    }

    /// Top-level parties with their sub-parties, both in feed order.
    pub fn party_tree(&self) -> Vec<PartyNode<'_>> {
        self.top_level_parties()
            .map(|party| PartyNode {
                party,
                children: self.sub_parties(party.index).collect(),
            })
            .collect()
    }

    /// All months, oldest first. Gaps (months not in the feed) are simply absent.
    pub fn months(&self) -> &[Month] {
        &self.months
    }

    pub fn month(&self, month: YearMonth) -> Option<&Month> {
        let i = self.months.binary_search_by_key(&month, |m| m.month).ok()?;
        Some(&self.months[i])
    }

    /// Lookup by `YYYY-MM` text, e.g. from a URL parameter; malformed text finds nothing.
    pub fn month_str(&self, month: &str) -> Option<&Month> {
        self.month(YearMonth::parse(month)?)
    }

    /// The latest month in the feed before `month` (which need not be in the feed): the
    /// comparison a "since last month" widget makes, skipping unpublished months.
    pub fn previous_month(&self, month: YearMonth) -> Option<&Month> {
        let i = self.months.partition_point(|m| m.month < month);
        i.checked_sub(1).map(|i| &self.months[i])
    }

    /// The earliest month in the feed after `month`.
    pub fn next_month(&self, month: YearMonth) -> Option<&Month> {
        let i = self.months.partition_point(|m| m.month <= month);
        self.months.get(i)
    }

    pub fn latest_month(&self) -> Option<&Month> {
        self.months.last()
    }

    /// First and last month, if the feed has any.
    pub fn range(&self) -> Option<(YearMonth, YearMonth)> {
        Some((self.months.first()?.month, self.months.last()?.month))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_text_falls_back_to_the_other_language() {
        let t = LocalText::new(Some("Other parties".into()), Some("  ".into())).unwrap();
        assert_eq!(t.get(Lang::Ar), "Other parties");
        assert_eq!(t.get_with_lang(Lang::Ar).0, Lang::En);
        assert_eq!(t.exact(Lang::Ar), None);
        assert_eq!(LocalText::new(Some(String::new()), None), None);
    }

    #[test]
    fn only_plain_web_urls_become_links() {
        for ok in ["https://snhr.org", "HTTP://example.org/a?b#c"] {
            assert_eq!(UrlText::new(ok.into()).href(), Some(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "https://snhr.org (monthly report, 1 March 2021)",
            "https:///path",
            "ftp://example.org",
            "https://a\u{0}b",
            "data:text/html,<b>",
        ] {
            let u = UrlText::new(bad.into());
            assert_eq!((u.href(), u.text()), (None, bad), "{bad}");
        }
    }
}
