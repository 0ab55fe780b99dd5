//! CSV cells and lines as spreadsheet programs read them safely: RFC 4180 quoting, CRLF line
//! ends (the caller adds them), and cells that would start a formula (`=`, `+`, `-`, `@`, tab,
//! carriage return) prefixed with `'` so a name or number from an untrusted feed or report can
//! never run as a formula in Excel or LibreOffice. Used by the widgets' downloads and by
//! `sijil export`.

/// One cell, quoted when needed and neutralised when it could be a formula.
pub fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Cells joined into one line (without the line end).
pub fn line<S: AsRef<str>>(cells: &[S]) -> String {
    cells
        .iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_neutralises() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("@cmd"), "'@cmd");
        assert_eq!(cell("+963944123456"), "'+963944123456");
        assert_eq!(line(&["محمد", "1,2"]), "محمد,\"1,2\"");
    }
}
