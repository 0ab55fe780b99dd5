//! The Content-Security-Policy sent with each of the app's HTML pages.
//!
//! Widgets write feed text (party and place names, notes) into the page, escaped by the core.
//! The policy is the second wall if an escape were ever missed: scripts run only from this
//! origin or as the exact inline loaders Trunk wrote (allowed by their SHA-256), nothing is
//! fetched from anywhere but this origin and the feed and intake the config names, and no
//! plugin, `<base>` or form post can be injected. The family form and the site may not be framed
//! (no clickjacking of a relative's report); widget pages are made to be embedded anywhere.
//!
//! Styles allow inline `style` attributes: Yew sets tooltip positions that way, and a style
//! cannot run code.

use sha2::{Digest, Sha256};

/// Origins (scheme://host[:port]) of the config's absolute feed and intake URLs, for
/// `connect-src`. Same-origin paths need nothing beyond `'self'`.
pub fn connect_origins(config: &[u8]) -> Vec<String> {
    let Ok(c) = sijil_report::config::parse_config(config) else {
        return Vec::new();
    };
    let mut out: Vec<String> = [c.feed_url, c.intake_url]
        .iter()
        .filter_map(|u| origin(u))
        .collect();
    out.dedup();
    out
}

fn origin(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .map(|r| ("https://", r))
        .or_else(|| url.strip_prefix("http://").map(|r| ("http://", r)))?;
    let host = rest.1.split(['/', '?', '#']).next()?;
    // Only plain host[:port] characters: a config must not be able to add directives.
    let ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    ok.then(|| format!("{}{host}", rest.0))
}

/// `'sha256-…'` of every inline `<script>` (one without `src`, and not a JSON data block) in
/// `html`, as the browser hashes it: the exact text between the tags.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body_and_more = &after[open_end + 1..];
        let Some(close) = body_and_more.find("</script>") else {
            break;
        };
        // A data block (the widget pages' feed) is never run: it needs no permission.
        if !tag.contains(" src=") && !tag.contains("application/json") {
            let digest = Sha256::digest(&body_and_more.as_bytes()[..close]);
            out.push(format!(
                "'sha256-{}'",
                sijil_core::base64::encode(digest.as_slice())
            ));
        }
        rest = &body_and_more[close..];
    }
    out
}

/// The policy for one HTML page. `embeddable`: may be framed by any site (widget pages).
pub fn policy(html: &str, connect: &[String], embeddable: bool) -> String {
    let mut script = String::from("'self' 'wasm-unsafe-eval'");
    for h in inline_script_hashes(html) {
        script.push(' ');
        script.push_str(&h);
    }
    let mut connect_src = String::from("'self'");
    for o in connect {
        connect_src.push(' ');
        connect_src.push_str(o);
    }
    let ancestors = if embeddable { "*" } else { "'none'" };
    format!(
        "default-src 'self'; script-src {script}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; connect-src {connect_src}; worker-src 'self'; \
         frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; \
         frame-ancestors {ancestors}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts_exactly() {
        let html = "<head><script src=\"/a.js\"></script><script type=\"module\">alert(1)</script>\
                    <script>x</script></head>";
        let hashes = inline_script_hashes(html);
        // From `echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64` (and the same for `x`).
        assert_eq!(
            hashes,
            [
                "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='",
                "'sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE='"
            ]
        );
        let p = policy(html, &["https://feed.example".into()], false);
        assert!(p.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-bhHH"));
        assert!(p.contains("connect-src 'self' https://feed.example;"));
        assert!(p.ends_with("frame-ancestors 'none'"));
        assert!(policy(html, &[], true).ends_with("frame-ancestors *"));
    }

    #[test]
    fn only_plain_origins_reach_the_policy() {
        assert_eq!(
            origin("https://stats.example.org/feed.json"),
            Some("https://stats.example.org".into())
        );
        assert_eq!(
            origin("http://127.0.0.1:9000/api"),
            Some("http://127.0.0.1:9000".into())
        );
        assert_eq!(origin("/data/feed.json"), None);
        assert_eq!(origin("https://evil.example; script-src *"), None);
    }
}
