//! Share cards through the real server: a widget permalink names its card in Open Graph and
//! Twitter tags, and the card is a 1200×630 PNG of that view's chart; a view without a chart
//! names none, and an unknown page's card is 404. Also how the permalink's page itself is sent:
//! brotli-compressed when the browser takes it, carrying its feed for the app.

mod common;

use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

/// A dist with the sample feed, the shipped config and a widget page shell (`name`: each test
/// its own, as tests run in parallel).
fn dist(name: &str) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dist = temp(name);
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    std::fs::create_dir_all(dist.join("data")).unwrap();
    std::fs::copy(
        root.join("static/data/feed.json"),
        dist.join("data/feed.json"),
    )
    .unwrap();
    std::fs::copy(root.join("static/config.json"), dist.join("config.json")).unwrap();
    for page in ["parties", "glance"] {
        let dir = dist.join("widget").join(page);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<!doctype html>\n<html lang=\"ar\" dir=\"rtl\"><head><title>w</title></head>\
             <body><noscript>JavaScript</noscript></body></html>",
        )
        .unwrap();
    }
    dist
}

fn get(addr: &str, path: &str) -> (u16, String, Vec<u8>) {
    get_with(addr, path, "")
}

/// A GET with `headers` (each line ending `\r\n`) added to the request.
fn get_with(addr: &str, path: &str, headers: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    (status_of(&head), head, buf[split..].to_vec())
}

/// The path of an absolute URL on `addr` as an HTML attribute holds it.
fn path_of(url: &str, addr: &str) -> String {
    url.split(addr).nth(1).unwrap().replace("&amp;", "&")
}

#[test]
fn a_permalink_names_its_card_and_the_card_is_the_views_chart() {
    let server = start_with(&dist("cards-dist-1"), &temp("cards-store"), &[], &[]);
    let (status, _, body) = get(
        &server.addr,
        "/widget/parties/?w=parties&month=2021-02&lang=ar",
    );
    assert_eq!(status, 200);
    let html = String::from_utf8(body).unwrap();
    let at = html
        .find("property=\"og:image\" content=\"")
        .expect("og:image")
        + 29;
    let url = &html[at..at + html[at..].find('"').unwrap()];
    let want = format!(
        "http://{}/widget/parties/card.png?w=parties&amp;month=2021-02&amp;lang=ar",
        server.addr
    );
    assert!(url.starts_with(&want), "{url}");
    assert!(html.contains("name=\"twitter:card\" content=\"summary_large_image\""));
    assert!(html.contains("property=\"og:locale\" content=\"ar_SY\""));

    let path = path_of(url, &server.addr);
    let (status, head, png) = get(&server.addr, &path);
    assert_eq!(status, 200, "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: image/png"),
        "{head}"
    );
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1200);
    assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 630);
    // Asked again (any spelling of the same view), the same card.
    let (_, _, again) = get(
        &server.addr,
        "/widget/parties/card.png?lang=ar&month=2021-02&w=parties",
    );
    assert_eq!(again, png);
}

#[test]
fn views_without_a_chart_name_no_card_and_unknown_cards_are_404() {
    let server = start_with(&dist("cards-dist-2"), &temp("cards-store-2"), &[], &[]);
    // The month at a glance is figures, not a chart: no picture, no card.
    let (status, _, body) = get(
        &server.addr,
        "/widget/glance/?w=glance&month=2021-02&lang=en",
    );
    assert_eq!(status, 200);
    assert!(!String::from_utf8(body).unwrap().contains("og:image"));
    for path in [
        "/widget/glance/card.png?w=glance&month=2021-02",
        "/widget/parties/card.png?w=parties&month=1999-01",
        "/widget/nothing/card.png",
        "/widget/parties/card.png?w=trend",
    ] {
        assert_eq!(get(&server.addr, path).0, 404, "{path}");
    }
}

#[test]
fn a_report_page_shares_its_headline_over_the_months_perpetrators_chart() {
    let server = start_with(&dist("cards-dist-3"), &temp("cards-store-3"), &[], &[]);
    let (status, _, body) = get(&server.addr, "/report/2021-02/?lang=en");
    assert_eq!(status, 200);
    let html = String::from_utf8(body).unwrap();
    let content = |key: &str| {
        let at = html
            .find(&format!("property=\"{key}\" content=\""))
            .unwrap_or_else(|| panic!("{key} in {html}"))
            + key.len()
            + 21;
        html[at..at + html[at..].find('"').unwrap()].to_owned()
    };
    assert!(
        content("og:title").starts_with("Extrajudicial killing claims the lives of 138 civilians"),
        "{html}"
    );
    assert_eq!(content("og:locale"), "en_US");
    let card = content("og:image");
    assert!(
        card.starts_with(&format!(
            "http://{}/widget/parties/card.png?w=parties&amp;month=2021-02&amp;lang=en",
            server.addr
        )),
        "{card}"
    );
    let path = path_of(&card, &server.addr);
    let (status, _, png) = get(&server.addr, &path);
    assert_eq!(status, 200);
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // The latest month's page names the latest month's card.
    let (_, _, body) = get(&server.addr, "/report/?lang=ar");
    let latest = String::from_utf8(body).unwrap();
    assert!(latest.contains("property=\"og:locale\" content=\"ar_SY\""));
    assert!(latest.contains("/widget/parties/card.png?w=parties&amp;month="));
}

#[test]
fn a_permalink_is_sent_brotli_compressed_to_a_browser_that_takes_it_with_its_feed() {
    let server = start_with(&dist("cards-dist-4"), &temp("cards-store-4"), &[], &[]);
    let path = "/widget/parties/?w=parties&month=2021-02&lang=en";
    let (status, head, plain) = get(&server.addr, path);
    assert_eq!(status, 200);
    assert!(!head.to_lowercase().contains("content-encoding"), "{head}");
    assert!(
        head.to_lowercase().contains("vary: accept-encoding"),
        "{head}"
    );
    let (status, head, packed) = get_with(
        &server.addr,
        path,
        "Accept-Encoding: gzip, deflate, br, zstd\r\n",
    );
    assert_eq!(status, 200);
    assert!(
        head.to_lowercase().contains("content-encoding: br"),
        "{head}"
    );
    // The same page, a fraction of its bytes (it carries the chart, the table and the feed).
    let mut unpacked = Vec::new();
    brotli::Decompressor::new(&packed[..], 4096)
        .read_to_end(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, plain);
    assert!(
        packed.len() * 3 < plain.len(),
        "{} of {}",
        packed.len(),
        plain.len()
    );
    // The feed rides in it as a data block, its `<` escaped (the sample feed has none: JSON has
    // none outside strings), for the app to take the page over without fetching it first.
    let html = String::from_utf8(plain).unwrap();
    let feed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/data/feed.json"),
    )
    .unwrap();
    let block = format!("<script type=\"application/json\" data-feed>{feed}</script>");
    assert!(html.contains(&block));
    // A browser that refuses brotli gets the page as text.
    let (_, head, body) = get_with(&server.addr, path, "Accept-Encoding: gzip, br;q=0\r\n");
    assert!(!head.to_lowercase().contains("content-encoding"), "{head}");
    assert_eq!(body, html.as_bytes());
}
