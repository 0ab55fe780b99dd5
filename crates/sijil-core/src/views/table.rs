//! The data-table view every widget offers: the same numbers as its chart, as an HTML table
//! (a header row, then one row per month, party, governorate or figure).

use crate::markup::Markup;

/// A row: its header cell, its cells, and whether it is a sub-line (indented, e.g. a party
/// under "other parties").
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub head: String,
    pub cells: Vec<String>,
    pub sub: bool,
}

/// `<table>` markup with column headers `head` (`scope="col"`) and row headers
/// (`scope="row"`), so a screen reader announces both for every cell. Text is escaped.
pub fn html(head: &[String], rows: &[Row]) -> String {
    let mut t = Markup::with_capacity(200 + rows.len() * 90);
    t.tag("table").open().tag("thead").open().tag("tr").open();
    for h in head {
        t.tag("th")
            .fixed("scope=\"col\"")
            .open()
            .text(h)
            .close("th");
    }
    t.close("tr").close("thead").tag("tbody").open();
    for r in rows {
        t.tag("tr");
        if r.sub {
            t.fixed("class=\"sub\"");
        }
        t.open()
            .tag("th")
            .fixed("scope=\"row\"")
            .open()
            .text(&r.head)
            .close("th");
        for c in &r.cells {
            t.tag("td").open().text(c).close("td");
        }
        t.close("tr");
    }
    t.close("tbody").close("table");
    t.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_scoped_and_text_is_escaped() {
        let rows = [
            Row {
                head: "Other <parties>".into(),
                cells: vec!["110".into()],
                sub: false,
            },
            Row {
                head: "Landmines".into(),
                cells: vec!["16".into()],
                sub: true,
            },
        ];
        assert_eq!(
            html(&["Party".into(), "Total".into()], &rows),
            "<table><thead><tr><th scope=\"col\">Party</th><th scope=\"col\">Total</th></tr></thead>\
             <tbody><tr><th scope=\"row\">Other &lt;parties&gt;</th><td>110</td></tr>\
             <tr class=\"sub\"><th scope=\"row\">Landmines</th><td>16</td></tr></tbody></table>"
        );
    }
}
