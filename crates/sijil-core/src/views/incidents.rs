//! A month's massacres one by one (`massacres.incidents`, the report's section V): what the
//! month says about them ([`listed`]), the list as markup (the massacres widget under its
//! chart, [`html`]; the report page, [`push_items`]), and how many the list places in each
//! governorate (the tile map's marks, [`by_governorate`]).
//!
//! Rules decided here:
//! - a month without a massacres section is "not published", a count of 0 is "none", and a
//!   count with no list is neither: the reader is told the report does not list them;
//! - a list shorter than the count says how many of them it lists;
//! - incidents keep the feed's order (the report's); the first [`SHOWN`] are open, the rest
//!   wait behind a `<details>` (no script needed, keyboard reachable);
//! - place and summary are feed text: escaped by [`Markup`], cut to [`PLACE_MAX`] and
//!   [`SUMMARY_MAX`] characters, and marked with the language they are written in.
//!
//! The words are here, in both languages, because the widget, the map and the report page say
//! the same things (one copy in each page's wasm).

use crate::chart::draw::Labels;
use crate::feed::governorates::GOVERNORATES;
use crate::feed::{fill, DayOrMonth, Feed, Incident, Month};
use crate::lang::Lang;
use crate::markup::Markup;
use crate::plural::{counted, CHILDREN, CIVILIANS, WOMEN};

/// Incidents shown before the "show the others" disclosure.
pub const SHOWN: usize = 5;
// The second list is written with `start="6"`.
const _: () = assert!(SHOWN == 5);
/// Longest place name and summary shown, in characters (a feed may hold megabytes of text).
pub const PLACE_MAX: usize = 120;
pub const SUMMARY_MAX: usize = 600;

crate::texts! {
    /// The words of the list and the map's marks, in one language.
    Said;
    perpetrator: "Perpetrator", "الجهة المسؤولة";
    not_attributed: "not attributed", "غير محددة";
    /// `{}`: the month.
    heading: "Massacres in {}", "المجازر في {}";
    /// `{}`: how many more.
    more: "Show the other {}", "عرض البقية ({})";
    not_published: "No figures on massacres were published for {}.", "لم تُنشر أرقام عن المجازر لشهر {}.";
    none: "No massacres were documented in {}.", "لم تُوثَّق أي مجزرة في {}.";
    /// `{}`: the month, then the count.
    not_listed: "Massacres documented in {}: {}. The report does not list them one by one.", "المجازر الموثّقة في {}: {}. لا يسردها التقرير واحدةً واحدة.";
    /// `{}`: the month (the count is unknown).
    not_listed_uncounted: "The report for {} does not list its massacres one by one.", "لا يسرد تقرير {} المجازر واحدةً واحدة.";
    /// `{}`: how many are listed, then the count.
    partly: "Listed: {} of {}.", "المُدرجة: {} من أصل {}.";
    /// The widget's toll line ([`figures`]): deaths, children, women.
    killed: "Civilians killed", "الضحايا المدنيون";
    children: "children", "أطفال";
    women: "women", "سيدات";
}

crate::texts! {
    /// The map's words for its massacre dots (apart from the list's: each page carries only its own).
    MapSaid;
    /// A tile's line and the table's column.
    mark: "Massacres listed", "مجازر مُدرجة";
    /// The legend line.
    key: "Dot: massacres listed in the report", "الدائرة: المجازر المُدرجة في التقرير";
    /// The summary's sentence; `{}`: the governorates with their numbers.
    by_governorate: "Massacres listed in the report, by governorate: {}.", "المجازر المُدرجة في التقرير حسب المحافظة: {}.";
    /// `{}`: how many have no governorate.
    unplaced: "{} with no governorate", "{} دون محافظة";
}

/// What a month says about its massacres one by one.
#[derive(Debug, PartialEq)]
pub enum Listed<'a> {
    /// No massacres section (or no such month).
    NotPublished,
    /// A count of 0 and nothing listed.
    None,
    /// A count (if given) and no list: not the same as none.
    NotListed(Option<u64>),
    /// The list, and the count the month gives.
    Listed(&'a [Incident], Option<u64>),
}

pub fn listed(month: Option<&Month>) -> Listed<'_> {
    let Some(x) = month.and_then(|m| m.massacres.as_ref()) else {
        return Listed::NotPublished;
    };
    match (x.incidents.as_deref(), x.count) {
        (Some(list), count) if !list.is_empty() => Listed::Listed(list, count),
        (_, Some(0)) => Listed::None,
        (_, count) => Listed::NotListed(count),
    }
}

/// How many of `list` happened in each governorate (in [`GOVERNORATES`]' order), and how many
/// name none.
pub fn by_governorate(list: &[Incident]) -> ([u32; 14], u32) {
    let mut counts = [0u32; 14];
    let mut unplaced = 0;
    for i in list {
        match i
            .governorate
            .and_then(|g| GOVERNORATES.iter().position(|x| x.code == g.code))
        {
            Some(at) => counts[at] += 1,
            None => unplaced += 1,
        }
    }
    (counts, unplaced)
}

/// The massacres widget's list for month `ym` of `feed`, as HTML: a `<section id="{id}-incidents">`
/// holding [`inner`], marked with the first and last month of the chart it goes with
/// (`data-months`). A new range is then a new markup for the same month, which the app writes
/// afresh: the app writes the month the reader picks into the section itself, and a range
/// that leaves that month out must not keep it on screen (`src/widgets/incidents.rs`).
pub fn html(
    feed: &Feed,
    ym: &str,
    id: &str,
    lang: Lang,
    l: &dyn Labels,
    range: [&str; 2],
) -> String {
    let mut h = Markup::with_capacity(2048);
    let at = format!("{id}-incidents");
    h.drawn("<section class=\"massacre-list\" id=\"").text(&at);
    h.drawn("\" aria-labelledby=\"")
        .text(&at)
        .drawn("-h\" data-months=\"");
    h.text(range[0]).drawn(" ").text(range[1]).drawn("\">");
    h.drawn(&inner(feed, ym, &at, lang, l));
    h.drawn("</section>");
    h.into_string()
}

/// The inside of the list's section: a heading naming the month (id `{at}-h`), then the list
/// (or what the month says instead of one). The app writes it again into the section when the
/// reader picks another month.
pub fn inner(feed: &Feed, ym: &str, at: &str, lang: Lang, l: &dyn Labels) -> String {
    // Constant markup is written as it is (`drawn`): one call, not a tag, attributes and `>`
    // each (the series page's wasm).
    let w = Said::get(lang);
    let month = l.month(ym);
    let mut h = Markup::with_capacity(2048);
    h.drawn("<h2 id=\"").text(at).drawn("-h\">");
    h.text(&fill(w.heading, &[&month])).drawn("</h2>");
    let said = match listed(feed.month_str(ym)) {
        Listed::NotPublished => fill(w.not_published, &[&month]),
        Listed::None => fill(w.none, &[&month]),
        Listed::NotListed(Some(n)) => fill(w.not_listed, &[&month, &l.count(n)]),
        Listed::NotListed(None) => fill(w.not_listed_uncounted, &[&month]),
        Listed::Listed(list, of) => {
            let (open, rest) = list.split_at(list.len().min(SHOWN));
            h.drawn("<ol class=\"incidents\" role=\"list\">");
            push_items(&mut h, feed, open, lang, l, figures);
            h.drawn("</ol>");
            if !rest.is_empty() {
                h.drawn("<details><summary>");
                h.text(&fill(w.more, &[&l.count(rest.len() as u64)]));
                h.drawn("</summary><ol class=\"incidents\" role=\"list\" start=\"6\">");
                push_items(&mut h, feed, rest, lang, l, figures);
                h.drawn("</ol></details>");
            }
            match of.filter(|&n| n > list.len() as u64) {
                Some(of) => fill(w.partly, &[&l.count(list.len() as u64), &l.count(of)]),
                None => String::new(),
            }
        }
    };
    if !said.is_empty() {
        h.drawn("<p>").text(&said).drawn("</p>");
    }
    h.into_string()
}

/// How an item says its toll: [`toll`] (a sentence, the report page) or [`figures`] (the
/// widget: no plural forms in its wasm).
pub type Toll = fn(&Incident, Lang, &dyn Labels) -> String;

/// One `<li>` per incident, in the given order: when and where, the toll, who the report
/// holds responsible, and its sentence.
pub fn push_items(
    h: &mut Markup,
    feed: &Feed,
    list: &[Incident],
    lang: Lang,
    l: &dyn Labels,
    toll: Toll,
) {
    let w = Said::get(lang);
    for i in list {
        h.drawn("<li><p class=\"incident-where\"><time datetime=\"");
        let iso = i.date.to_string();
        h.text(&iso).drawn("\">");
        if let DayOrMonth::Day(_) = i.date {
            let day = iso.get(8..10).unwrap_or("1").trim_start_matches('0');
            h.text(&l.digits(day)).drawn(" ");
        }
        h.text(&l.month(&iso[..7])).drawn("</time>");
        let place = i.place.as_ref().map(|p| p.get_with_lang(lang));
        let governorate = i.governorate.map(|g| g.name(lang));
        if place.is_some() || governorate.is_some() {
            h.drawn(" · ");
        }
        if let Some(place) = place {
            in_lang(h, "bdi", place, PLACE_MAX);
            if governorate.is_some() {
                h.drawn(TollWords::get(lang).sep);
            }
        }
        if let Some(g) = governorate {
            h.text(g);
        }
        h.drawn("</p><p>").text(&toll(i, lang, l)).drawn("</p><p>");
        let party = i
            .party
            .and_then(|p| feed.parties().get(p))
            .map_or(w.not_attributed, |p| p.name.get(lang));
        h.text(w.perpetrator).drawn(": ").text(party).drawn("</p>");
        if let Some(summary) = &i.summary {
            in_lang(h, "p", summary.get_with_lang(lang), SUMMARY_MAX);
        }
        h.drawn("</li>");
    }
}

/// `<tag lang dir>text</tag>`: feed text, cut to `max` characters, escaped, in the language it
/// is written in (a text only published in the other language keeps that language's
/// direction).
fn in_lang(h: &mut Markup, tag: &str, (l, text): (Lang, &str), max: usize) {
    h.tag(tag).attr("lang", l.tag()).attr("dir", l.dir()).open();
    match text.char_indices().nth(max) {
        Some((at, _)) => h.text(&text[..at]).text("…"),
        None => h.text(text),
    };
    h.close(tag);
}

/// "Civilians killed: 6 · children: 3 · women: 1" / "الضحايا المدنيون: ٦ · أطفال: ٣ · سيدات: ١":
/// the widget's toll, children and women only where the feed gives more than none.
pub fn figures(i: &Incident, lang: Lang, l: &dyn Labels) -> String {
    let w = Said::get(lang);
    let mut s = String::new();
    for (word, v) in [
        (w.killed, Some(i.deaths)),
        (w.children, i.children),
        (w.women, i.women),
    ] {
        if let Some(v) = v.filter(|&v| v > 0) {
            if !s.is_empty() {
                s.push_str(" · ");
            }
            s.push_str(word);
            s.push_str(": ");
            s.push_str(&l.count(v));
        }
    }
    s
}

crate::texts! {
    /// A massacre's toll line on the report page ([`toll`]), and the comma between an item's
    /// place and governorate.
    TollWords;
    killed_before: "", "مقتل ";
    killed_after: " killed", "";
    including: ", including ", "، بينهم ";
    and: " and ", " و";
    sep: ", ", "، ";
}

/// The report page's: "6 civilians killed, including 3 children and 1 woman" / "مقتل ٦ مدنيين، بينهم ٣ أطفال
/// وسيدة واحدة": children and women only where the feed gives more than none.
pub fn toll(i: &Incident, lang: Lang, l: &dyn Labels) -> String {
    let t = TollWords::get(lang);
    let mut s = String::from(t.killed_before);
    s.push_str(&counted(i.deaths, &l.count(i.deaths), &CIVILIANS, lang));
    s.push_str(t.killed_after);
    let mut first = true;
    // After "بينهم" the dual is the subject: "طفلان", not the table's "طفلين".
    for (v, noun, dual) in [(i.children, &CHILDREN, "طفلان"), (i.women, &WOMEN, "سيدتان")]
    {
        let Some(v) = v.filter(|&v| v > 0) else {
            continue;
        };
        s.push_str(if first { t.including } else { t.and });
        first = false;
        match (lang, v) {
            (Lang::Ar, 2) => s.push_str(dual),
            _ => s.push_str(&counted(v, &l.count(v), noun, lang)),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::draw::test_labels::Plain;
    use crate::feed::read_feed;

    const FIXTURE: &str = include_str!("../../tests/feeds/good-incidents.json");

    /// The fixture with each `(from, to)` replaced once (a `serde`-free edit of its text).
    fn edited(edits: &[(&str, &str)]) -> Feed {
        let mut text = FIXTURE.to_owned();
        for (from, to) in edits {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        read_feed(text.as_bytes()).expect("the fixture reads")
    }

    /// The range of the chart the list goes with.
    const R: [&str; 2] = ["2021-01", "2021-02"];

    fn fixture() -> Feed {
        edited(&[])
    }

    const NO_LIST: (&str, &str) = ("\"incidents\": [", "\"listed_elsewhere\": [");

    #[test]
    fn a_month_without_a_list_is_not_a_month_without_massacres() {
        let feed = fixture();
        // February publishes no massacres at all.
        assert_eq!(listed(feed.month_str("2021-02")), Listed::NotPublished);
        assert_eq!(listed(feed.month_str("1999-01")), Listed::NotPublished);
        match listed(feed.month_str("2021-01")) {
            Listed::Listed(list, count) => {
                assert_eq!(list.len(), 2);
                assert_eq!(count, Some(2));
            }
            other => panic!("{other:?}"),
        }
        let no_list = edited(&[NO_LIST]);
        assert_eq!(
            listed(no_list.month_str("2021-01")),
            Listed::NotListed(Some(2))
        );
        let uncounted = edited(&[NO_LIST, ("\"count\": 2,", "")]);
        assert_eq!(
            listed(uncounted.month_str("2021-01")),
            Listed::NotListed(None)
        );
        let zero = edited(&[NO_LIST, ("\"count\": 2,", "\"count\": 0,")]);
        assert_eq!(listed(zero.month_str("2021-01")), Listed::None);
    }

    #[test]
    fn the_list_says_what_the_month_says_in_both_languages() {
        let feed = fixture();
        let en = html(&feed, "2021-01", "massacres", Lang::En, &Plain(false), R);
        assert!(en.starts_with(
            "<section class=\"massacre-list\" id=\"massacres-incidents\" aria-labelledby=\"massacres-incidents-h\" data-months=\"2021-01 2021-02\"><h2 id=\"massacres-incidents-h\">Massacres in month 2021-01</h2><ol class=\"incidents\" role=\"list\">"
        ));
        assert!(en.contains("<li><p class=\"incident-where\"><time datetime=\"2020-12-31\">31 month 2020-12</time> · <bdi lang=\"en\" dir=\"ltr\">Test village &lt;b&gt;one&lt;/b&gt;</bdi>, Aleppo</p><p>Civilians killed: 6 · children: 3 · women: 1</p><p>Perpetrator: Landmines</p><p lang=\"en\" dir=\"ltr\">A made-up explosion &amp; &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;.</p></li>"), "{en}");
        // A place only in Arabic keeps its language; no party: "not attributed".
        assert!(en.contains("<time datetime=\"2021-01\">month 2021-01</time> · <bdi lang=\"ar\" dir=\"rtl\">مكان تجريبي</bdi>, Idleb</p><p>Civilians killed: 8 · children: 2</p><p>Perpetrator: not attributed</p></li></ol></section>"), "{en}");
        assert!(!en.contains("<script>") && !en.contains("<details>"));
        // The same month under another range is another markup (the app writes it afresh).
        let later = html(
            &feed,
            "2021-01",
            "massacres",
            Lang::En,
            &Plain(false),
            ["2021-01", "2021-01"],
        );
        assert!(later.contains(" data-months=\"2021-01 2021-01\">"));
        assert_eq!(en.replace("2021-01 2021-02", "2021-01 2021-01"), later);
        let ar = html(&feed, "2021-01", "massacres", Lang::Ar, &Plain(true), R);
        assert!(ar.contains(">المجازر في month 2021-01</h2>"));
        assert!(
            ar.contains("<p>الضحايا المدنيون: 6 · أطفال: 3 · سيدات: 1</p>"),
            "{ar}"
        );
        assert!(ar.contains("<p>الضحايا المدنيون: 8 · أطفال: 2</p>"), "{ar}");
        assert!(ar.contains("<p>الجهة المسؤولة: غير محددة</p>"));
        assert!(ar.contains(
            "<bdi lang=\"ar\" dir=\"rtl\">قرية تجريبية &lt;b&gt;أولى&lt;/b&gt;</bdi>، حلب"
        ));
        // What a month says instead of a list.
        let feb = html(&feed, "2021-02", "m", Lang::En, &Plain(false), R);
        assert!(feb.contains("<p>No figures on massacres were published for month 2021-02.</p>"));
        let no_list = edited(&[NO_LIST]);
        let said = html(&no_list, "2021-01", "m", Lang::En, &Plain(false), R);
        assert!(said.contains("<p>Massacres documented in month 2021-01: 2. The report does not list them one by one.</p>"));
        assert!(!said.contains("<ol"));
        let said = html(&no_list, "2021-01", "m", Lang::Ar, &Plain(true), R);
        assert!(
            said.contains(
                "<p>المجازر الموثّقة في month 2021-01: 2. لا يسردها التقرير واحدةً واحدة.</p>"
            ),
            "{said}"
        );
        let zero = edited(&[NO_LIST, ("\"count\": 2,", "\"count\": 0,")]);
        let said = html(&zero, "2021-01", "m", Lang::En, &Plain(false), R);
        assert!(said.contains("<p>No massacres were documented in month 2021-01.</p>"));
    }

    #[test]
    fn a_long_list_opens_its_first_five_and_says_how_many_of_the_count_it_lists() {
        let more =
            "\"incidents\": [".to_owned() + &"{\"date\": \"2021-01-05\", \"deaths\": 5},".repeat(5);
        let feed = edited(&[
            ("\"incidents\": [", &more),
            ("\"count\": 2,", "\"count\": 9,"),
        ]);
        let en = html(&feed, "2021-01", "m", Lang::En, &Plain(false), R);
        let (open, rest) = en.split_once("<details>").expect("a disclosure");
        assert_eq!(open.matches("<li>").count(), SHOWN);
        assert!(rest.starts_with("<summary>Show the other 2</summary><ol class=\"incidents\" role=\"list\" start=\"6\"><li><p class=\"incident-where\"><time datetime=\"2020-12-31\">"), "{rest}");
        assert_eq!(rest.matches("<li>").count(), 2);
        assert!(
            rest.ends_with("</details><p>Listed: 7 of 9.</p></section>"),
            "{rest}"
        );
    }

    #[test]
    fn the_report_page_says_the_toll_as_a_sentence_with_its_plural_forms() {
        let feed = fixture();
        let Listed::Listed(list, _) = listed(feed.month_str("2021-01")) else {
            panic!()
        };
        assert_eq!(
            toll(&list[0], Lang::En, &Plain(false)),
            "6 civilians killed, including 3 children and 1 woman"
        );
        // After "بينهم" the dual is the subject.
        assert_eq!(
            toll(&list[1], Lang::Ar, &Plain(true)),
            "مقتل 8 مدنيين، بينهم طفلان"
        );
        let mut h = Markup::default();
        push_items(&mut h, &feed, &list[1..], Lang::En, &Plain(false), toll);
        assert!(h
            .into_string()
            .contains("<p>8 civilians killed, including 2 children</p>"));
    }

    #[test]
    fn feed_text_is_cut_to_its_bound_on_a_character() {
        let long = "ب".repeat(PLACE_MAX + 50);
        let feed = edited(&[("مكان تجريبي", &long)]);
        let out = html(&feed, "2021-01", "m", Lang::Ar, &Plain(true), R);
        let cut = format!(">{}…</bdi>", "ب".repeat(PLACE_MAX));
        assert!(out.contains(&cut));
        assert!(!out.contains(&"ب".repeat(PLACE_MAX + 1)));
    }

    #[test]
    fn incidents_are_counted_where_they_happened() {
        let feed = fixture();
        let Listed::Listed(list, _) = listed(feed.month_str("2021-01")) else {
            panic!()
        };
        let (counts, unplaced) = by_governorate(list);
        let at = |code: &str| counts[GOVERNORATES.iter().position(|g| g.code == code).unwrap()];
        assert_eq!((at("SY02"), at("SY07"), at("SY01")), (1, 1, 0));
        assert_eq!(counts.iter().sum::<u32>(), 2);
        assert_eq!(unplaced, 0);
        let mut none = list.to_vec();
        none[0].governorate = None;
        assert_eq!(by_governorate(&none).1, 1);
    }
}
