//! The runtime config: the shipped `static/config.json` is valid, and every bad key is named.

use sijil_core::lang::Lang;
use sijil_report::config::{parse_config, ConfigErrorKind};

const RECIPIENT: &str = "age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef";

fn good() -> serde_json::Value {
    serde_json::json!({
        "config": "sijil-config", "version": 1,
        "organization": {"en": "Org", "ar": "منظمة"},
        "feed_url": "/data/feed.json", "intake_url": "https://intake.example/api/reports",
        "age_recipients": [RECIPIENT],
        "parties": [{"id": "regime", "name": {"en": "Regime", "ar": "النظام"}}],
        "quick_exit_url": "https://www.example.org/weather", "default_language": "en",
        "future_key": "ignored"
    })
}

fn keys_of(v: serde_json::Value) -> Vec<(String, ConfigErrorKind)> {
    parse_config(v.to_string().as_bytes())
        .expect_err("invalid")
        .into_iter()
        .map(|e| (e.key, e.kind))
        .collect()
}

#[test]
fn a_good_config_parses() {
    let c = parse_config(good().to_string().as_bytes()).unwrap();
    assert_eq!(c.organization.get(Lang::Ar), "منظمة");
    assert_eq!(c.recipients(), vec![RECIPIENT]);
    assert_eq!(c.parties[0].id, "regime");
    assert_eq!(c.parties[0].name.get(Lang::En), "Regime");
    assert_eq!(c.default_language, Lang::En);
    assert_eq!(c.contact, None);
    assert_eq!(c.form_title, None);
}

#[test]
fn contact_and_form_title_are_optional_but_checked_when_given() {
    let mut v = good();
    v["contact"] = serde_json::json!({"en": "Signal +44 7700 900123", "ar": "سيغنال"});
    v["form_title"] = serde_json::json!({"en": "Notes", "ar": "ملاحظات"});
    let c = parse_config(v.to_string().as_bytes()).unwrap();
    assert_eq!(c.contact.unwrap().get(Lang::En), "Signal +44 7700 900123");
    assert_eq!(c.form_title.unwrap().get(Lang::Ar), "ملاحظات");
    v["contact"] = serde_json::json!({"en": "x"});
    v["form_title"] = serde_json::json!("Notes");
    let keys = keys_of(v);
    assert_eq!(
        keys,
        vec![
            ("contact.ar".to_owned(), ConfigErrorKind::Missing),
            (
                "form_title".to_owned(),
                ConfigErrorKind::WrongType("object")
            ),
        ]
    );
}

#[test]
fn the_shipped_config_is_valid_and_matches_the_sample_feed_parties() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/");
    let bytes = std::fs::read(format!("{root}config.json")).unwrap();
    let config = parse_config(&bytes).unwrap_or_else(|e| panic!("{e:?}"));
    let feed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(format!("{root}data/feed.json")).unwrap()).unwrap();
    // The form offers the feed's top-level parties, with the same ids.
    let feed_ids: Vec<&str> = feed["parties"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p.get("parent").is_none())
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let config_ids: Vec<&str> = config.parties.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(config_ids, feed_ids);
    assert_eq!(config.age_recipients.len(), 1);
}

#[test]
fn every_bad_key_is_named() {
    let mut v = good();
    v["age_recipients"] = serde_json::json!([RECIPIENT, "age1notakey", 5]);
    v["parties"] = serde_json::json!([
        {"id": "regime", "name": {"en": "Regime", "ar": ""}},
        {"id": "regime", "name": {"en": "Again", "ar": "مرة"}},
        {"id": "unknown", "name": {"en": "U", "ar": "م"}},
        {"id": "Bad Id", "name": {"en": "B", "ar": "ب"}},
        "not an object"
    ]);
    v["quick_exit_url"] = "/relative-is-not-enough".into();
    v["feed_url"] = "javascript:alert(1)".into();
    v["default_language"] = "fr".into();
    v.as_object_mut().unwrap().remove("intake_url");
    let keys = keys_of(v);
    assert_eq!(
        keys,
        vec![
            ("feed_url".into(), ConfigErrorKind::BadUrl),
            ("intake_url".into(), ConfigErrorKind::Missing),
            ("quick_exit_url".into(), ConfigErrorKind::BadUrl),
            ("default_language".into(), ConfigErrorKind::BadLanguage),
            ("age_recipients[1]".into(), ConfigErrorKind::BadRecipient),
            (
                "age_recipients[2]".into(),
                ConfigErrorKind::WrongType("string")
            ),
            ("parties[0].name.ar".into(), ConfigErrorKind::Empty),
            ("parties[1].id".into(), ConfigErrorKind::DuplicatePartyId),
            ("parties[2].id".into(), ConfigErrorKind::ReservedPartyId),
            ("parties[3].id".into(), ConfigErrorKind::BadPartyId),
            ("parties[4]".into(), ConfigErrorKind::WrongType("object")),
        ]
    );
}

#[test]
fn no_recipients_wrong_version_and_not_json() {
    let mut v = good();
    v["age_recipients"] = serde_json::json!([]);
    assert_eq!(
        keys_of(v),
        vec![("age_recipients".into(), ConfigErrorKind::Empty)]
    );
    let mut v = good();
    v["version"] = 2.into();
    assert_eq!(
        keys_of(v),
        vec![("version".into(), ConfigErrorKind::Version)]
    );
    let mut v = good();
    v["config"] = "sijil-feed".into();
    assert_eq!(
        keys_of(v),
        vec![("config".into(), ConfigErrorKind::NotAConfig)]
    );
    let e = parse_config(b"{").unwrap_err();
    assert_eq!(e[0].kind, ConfigErrorKind::NotJson);
    let e = &parse_config(b"[]").unwrap_err()[0];
    assert_eq!(e.to_string(), "must be a JSON object");
    let mut v = good();
    v["age_recipients"] = serde_json::json!(["age1notakey"]);
    let e = &parse_config(v.to_string().as_bytes()).unwrap_err()[0];
    assert_eq!(e.key, "age_recipients[0]");
    assert!(e.message(Lang::En).contains("age1"));
    assert!(e.message(Lang::Ar).contains("age1"));
}

/// The widget pages check the config's `feed_url` with `is_url` alone (they cannot afford the
/// whole reader): it accepts exactly what the reader accepts.
#[test]
fn is_url_is_the_readers_rule() {
    let cases = [
        ("/data/feed.json", true),
        ("https://example.org/feed.json", true),
        ("HTTP://example.org/feed.json?v=1", true),
        ("//evil.example/feed.json", false),
        ("javascript:alert(1)", false),
        ("ftp://example.org/feed.json", false),
        ("https://user@example.org/feed.json", false),
        ("https:///feed.json", false),
        ("/data/feed .json", false),
        ("data/feed.json", false),
    ];
    let base = std::fs::read_to_string("../../static/config.json").unwrap();
    for (url, ok) in cases {
        assert_eq!(sijil_report::config::is_url(url, true), ok, "{url}");
        let mut v: serde_json::Value = serde_json::from_str(&base).unwrap();
        v["feed_url"] = url.into();
        let read = sijil_report::config::parse_config(v.to_string().as_bytes());
        assert_eq!(read.is_ok(), ok, "{url}: {read:?}");
    }
}
