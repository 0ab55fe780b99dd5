//! HTML and SVG markup written as text, with every attribute value and text node escaped.
//!
//! Used for the charts' SVG and the widgets' data tables. A chart holds hundreds of marks;
//! building each as a virtual-DOM node made a 180-month trend cost more than a frame to render
//! and put tens of kilobytes of per-element code into the wasm. One string that the browser
//! parses natively is both faster and smaller. Party and place names come from an untrusted
//! feed, so nothing reaches the markup without [`escape_into`].

use crate::chart::num::{push_px, push_uint};

/// A markup builder: `tag` starts an element, `attr`/`num` add attributes, then `open` (children
/// follow, end with `close`) or `empty` (self-closing).
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    pub fn with_capacity(bytes: usize) -> Self {
        Markup(String::with_capacity(bytes))
    }

    pub fn tag(&mut self, name: &str) -> &mut Self {
        self.0.push('<');
        self.0.push_str(name);
        self
    }

    /// An attribute whose value is escaped (it may come from the feed).
    pub fn attr(&mut self, name: &str, value: &str) -> &mut Self {
        self.value_of(name, |out| escape_into(out, value))
    }

    /// A numeric attribute, rounded to a tenth of a pixel.
    pub fn num(&mut self, name: &str, value: f64) -> &mut Self {
        self.value_of(name, |out| push_px(out, value))
    }

    /// An integer attribute (an index).
    pub fn int(&mut self, name: &str, value: u64) -> &mut Self {
        self.value_of(name, |out| push_uint(out, value))
    }

    /// ` name="…"` with the value written by `write`.
    fn value_of(&mut self, name: &str, write: impl FnOnce(&mut String)) -> &mut Self {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        write(&mut self.0);
        self.0.push('"');
        self
    }

    /// Attributes written as-is: only for constant text from this crate, never for data.
    pub fn fixed(&mut self, attrs: &'static str) -> &mut Self {
        self.0.push(' ');
        self.0.push_str(attrs);
        self
    }

    pub fn open(&mut self) -> &mut Self {
        self.0.push('>');
        self
    }

    pub fn empty(&mut self) -> &mut Self {
        self.0.push_str("/>");
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.0, text);
        self
    }

    /// Markup this crate drew (a chart's, put inside an export): written as-is, never data.
    pub fn drawn(&mut self, markup: &str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    pub fn close(&mut self, name: &str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(name);
        self.0.push('>');
        self
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Appends `s` with the five characters that are special in markup replaced by references, so a
/// value can neither end its attribute nor open an element.
///
/// Works on bytes and copies the runs between special characters whole: the five are ASCII, so
/// they never occur inside a multi-byte character, and Arabic text is copied without decoding.
pub fn escape_into(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_elements_and_escapes_data() {
        let mut s = Markup::default();
        s.tag("g")
            .attr("aria-label", "a\"><script>x</script>&'")
            .open();
        s.tag("rect").num("x", 1.25).num("y", -0.04).empty();
        s.tag("text")
            .fixed("font-size=\"12\"")
            .open()
            .text("<b>&</b> سجل")
            .close("text");
        s.close("g");
        assert_eq!(
            s.into_string(),
            "<g aria-label=\"a&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;&#39;\">\
             <rect x=\"1.3\" y=\"0\"/><text font-size=\"12\">&lt;b&gt;&amp;&lt;/b&gt; سجل</text></g>"
        );
    }
}
