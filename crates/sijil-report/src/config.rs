//! The runtime config (`config.json` next to the app): who the organization is, where the feed
//! and the intake are, whom reports are encrypted to, and its list of parties. Changing it needs
//! no rebuild; a bad value must therefore be caught at load, with an error page naming the key.
//!
//! ```json
//! {"config": "sijil-config", "version": 1,
//!  "organization": {"en": "…", "ar": "…"},
//!  "feed_url": "/data/feed.json", "intake_url": "/api/reports",
//!  "age_recipients": ["age1…"],
//!  "parties": [{"id": "regime", "name": {"en": "…", "ar": "…"}}],
//!  "quick_exit_url": "https://…", "default_language": "ar",
//!  "contact": {"en": "…", "ar": "…"}, "form_title": {"en": "Form", "ar": "نموذج"}}
//! ```
//!
//! Every key is checked and every problem reported (not just the first), each naming its key
//! the way a person editing the file finds it: `age_recipients[0]`, `parties[2].name.ar`.
//! Unknown keys are ignored so a newer config still loads in an older app; another `version`
//! is refused by name.

use serde_json::{Map, Value};
use sijil_core::feed::fill;
use sijil_core::lang::Lang;

/// The `config` value.
pub const FORMAT: &str = "sijil-config";
/// The config version this code reads.
pub const VERSION: u64 = 1;

/// A validated runtime config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub organization: Bilingual,
    /// Same-origin path (`/data/feed.json`) or http(s) URL.
    pub feed_url: String,
    /// Same-origin path or http(s) URL reports are POSTed to.
    pub intake_url: String,
    /// `age1…` X25519 recipients; at least one.
    pub age_recipients: Vec<String>,
    /// The organization's parties (same ids as the feed's `parties`); the form adds "unknown".
    pub parties: Vec<PartyChoice>,
    /// Where quick exit goes: a neutral page.
    pub quick_exit_url: String,
    pub default_language: Lang,
    /// Optional `contact`: how a relative reaches the organization (shown when the intake
    /// refuses a report, which only a person can sort out).
    pub contact: Option<Bilingual>,
    /// Optional `form_title`: the form page's title in the browser's tabs and history. Neutral
    /// by default ("Form"), so a phone's history does not say what was reported.
    pub form_title: Option<Bilingual>,
}

impl Config {
    /// The recipients as the slice [`crate::age::encrypt`] takes.
    pub fn recipients(&self) -> Vec<&str> {
        self.age_recipients.iter().map(String::as_str).collect()
    }
}

/// Text the config must give in both interface languages (unlike the feed's
/// `feed::LocalText`, where one language may be missing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bilingual {
    pub en: String,
    pub ar: String,
}

impl Bilingual {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ar => &self.ar,
            Lang::En => &self.en,
        }
    }
}

/// A party the form offers as responsible for a death (one of its choices; the feed's
/// `feed::Party` is a party of the published figures, with the same ids).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyChoice {
    pub id: String,
    pub name: Bilingual,
}

/// One bad key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The key as a path: `age_recipients[0]`, `parties[2].name.ar`; empty for the whole file.
    pub key: String,
    pub kind: ConfigErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigErrorKind {
    NotJson,
    /// `config` is not `sijil-config`.
    NotAConfig,
    /// A `version` other than 1.
    Version,
    Missing,
    /// Wrong JSON type; the expected one, in English (`string`, `array`, `object`).
    WrongType(&'static str),
    Empty,
    /// Not a same-origin path or an http(s) URL (or, for `quick_exit_url`, not an absolute one).
    BadUrl,
    /// Not a valid `age1…` public key.
    BadRecipient,
    /// Not `[a-z0-9_-]`, 1–64 characters.
    BadPartyId,
    DuplicatePartyId,
    /// `unknown` is the form's own "don't know".
    ReservedPartyId,
    /// Not `ar` or `en`.
    BadLanguage,
}

impl ConfigError {
    fn new(key: impl Into<String>, kind: ConfigErrorKind) -> Self {
        ConfigError {
            key: key.into(),
            kind,
        }
    }

    /// The message for the error page (the key is shown beside it, untranslated).
    pub fn message(&self, lang: Lang) -> String {
        use ConfigErrorKind as K;
        let t = ConfigMessages::get(lang);
        let text = match &self.kind {
            K::NotJson => t.not_json,
            K::NotAConfig => t.not_a_config,
            K::Version => t.version,
            K::Missing => t.missing,
            K::WrongType(json_type) => return fill(t.wrong_type, &[json_type]),
            K::Empty => t.empty,
            K::BadUrl => t.bad_url,
            K::BadRecipient => t.bad_recipient,
            K::BadPartyId => t.bad_party_id,
            K::DuplicatePartyId => t.duplicate_party_id,
            K::ReservedPartyId => t.reserved_party_id,
            K::BadLanguage => t.bad_language,
        };
        text.to_owned()
    }
}

sijil_core::texts! { ConfigMessages;
    not_json: "the file is not valid JSON", "الملف ليس JSON صالحاً";
    not_a_config: "must be \"sijil-config\"", "يجب أن تكون القيمة \"sijil-config\"";
    version: "this app reads config version 1 only", "هذا التطبيق يقرأ الإصدار 1 من الإعدادات فقط";
    missing: "is missing", "مفقود";
    wrong_type: "must be a JSON {}", "يجب أن يكون من نوع JSON {}";
    empty: "must not be empty", "يجب ألا يكون فارغاً";
    bad_url: "is not a path starting with / or an http(s) URL", "ليس مساراً يبدأ بـ / ولا رابط http(s)";
    bad_recipient: "is not a valid age public key (age1…)", "ليس مفتاح age عاماً صالحاً (age1…)";
    bad_party_id: "must be 1–64 characters a–z, 0–9, _ or -", "يجب أن يتكون من 1 إلى 64 من الأحرف a–z أو 0–9 أو _ أو -";
    duplicate_party_id: "is used by two parties", "مستخدم لجهتين";
    reserved_party_id: "\"unknown\" is reserved for \"don't know\"", "المعرّف \"unknown\" محجوز لخيار «لا أعرف»";
    bad_language: "must be \"ar\" or \"en\"", "يجب أن تكون \"ar\" أو \"en\"";
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}", self.message(Lang::En))
        } else {
            write!(f, "{}: {}", self.key, self.message(Lang::En))
        }
    }
}

/// Whether `id` is a well-formed party id: `[a-z0-9_-]`, 1–64 characters.
pub fn is_party_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// Whether a (trimmed) config value is a URL the app may use: a same-origin path (`/…`, not
/// `//…`) when `relative_ok`, or an absolute http(s) URL; no whitespace. The widget pages check
/// the config's `feed_url` with it too.
pub fn is_url(s: &str, relative_ok: bool) -> bool {
    let path = relative_ok && s.starts_with('/') && !s.starts_with("//");
    let absolute = !s.is_empty() && crate::form::text::url_problem(s).is_none();
    (path || absolute) && !s.chars().any(char::is_whitespace)
}

/// Parses and validates a config file; `Err` lists every bad key.
pub fn parse_config(bytes: &[u8]) -> Result<Config, Vec<ConfigError>> {
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|_| vec![ConfigError::new("", ConfigErrorKind::NotJson)])?;
    let Some(root) = value.as_object() else {
        return Err(vec![ConfigError::new(
            "",
            ConfigErrorKind::WrongType("object"),
        )]);
    };
    let mut r = Reader { errors: Vec::new() };
    if root.get("config").and_then(Value::as_str) != Some(FORMAT) {
        r.errors
            .push(ConfigError::new("config", ConfigErrorKind::NotAConfig));
        return Err(r.errors);
    }
    if root.get("version").and_then(Value::as_u64) != Some(VERSION) {
        r.errors
            .push(ConfigError::new("version", ConfigErrorKind::Version));
        return Err(r.errors);
    }
    let organization = r.local_text(root, "organization", "organization");
    let feed_url = r.url(root, "feed_url", true);
    let intake_url = r.url(root, "intake_url", true);
    let quick_exit_url = r.url(root, "quick_exit_url", false);
    let default_language = r
        .string(root, "default_language", "default_language")
        .and_then(|s| {
            let lang = match s.as_str() {
                "ar" => Some(Lang::Ar),
                "en" => Some(Lang::En),
                _ => None,
            };
            if lang.is_none() {
                r.errors.push(ConfigError::new(
                    "default_language",
                    ConfigErrorKind::BadLanguage,
                ));
            }
            lang
        });
    let contact = r.optional_local_text(root, "contact");
    let form_title = r.optional_local_text(root, "form_title");
    let mut age_recipients = Vec::new();
    if let Some(list) = r.array(root, "age_recipients") {
        if list.is_empty() {
            r.errors
                .push(ConfigError::new("age_recipients", ConfigErrorKind::Empty));
        }
        for (i, item) in list.iter().enumerate() {
            let key = format!("age_recipients[{i}]");
            match item.as_str() {
                Some(s) if crate::age::parse_recipient(s).is_some() => {
                    age_recipients.push(s.trim().to_owned())
                }
                Some(_) => r
                    .errors
                    .push(ConfigError::new(key, ConfigErrorKind::BadRecipient)),
                None => r
                    .errors
                    .push(ConfigError::new(key, ConfigErrorKind::WrongType("string"))),
            }
        }
    }
    let mut parties: Vec<PartyChoice> = Vec::new();
    // Ids seen so far, including those of parties refused for another key (a duplicate is a
    // duplicate even when the first one has a bad name).
    let mut seen: Vec<String> = Vec::new();
    if let Some(list) = r.array(root, "parties") {
        for (i, item) in list.iter().enumerate() {
            let key = format!("parties[{i}]");
            let Some(obj) = item.as_object() else {
                r.errors
                    .push(ConfigError::new(key, ConfigErrorKind::WrongType("object")));
                continue;
            };
            let id_key = format!("{key}.id");
            let id = r.string(obj, "id", &id_key).filter(|id| {
                let kind = if id == crate::form::UNKNOWN_PARTY {
                    Some(ConfigErrorKind::ReservedPartyId)
                } else if !is_party_id(id) {
                    Some(ConfigErrorKind::BadPartyId)
                } else if seen.contains(id) {
                    Some(ConfigErrorKind::DuplicatePartyId)
                } else {
                    seen.push(id.clone());
                    None
                };
                kind.map(|k| r.errors.push(ConfigError::new(id_key.clone(), k)))
                    .is_none()
            });
            let name = r.local_text(obj, "name", &format!("{key}.name"));
            if let (Some(id), Some(name)) = (id, name) {
                parties.push(PartyChoice { id, name });
            }
        }
    }
    match (
        organization,
        feed_url,
        intake_url,
        quick_exit_url,
        default_language,
    ) {
        (
            Some(organization),
            Some(feed_url),
            Some(intake_url),
            Some(quick_exit_url),
            Some(default_language),
        ) if r.errors.is_empty() => Ok(Config {
            organization,
            feed_url,
            intake_url,
            age_recipients,
            parties,
            quick_exit_url,
            default_language,
            contact,
            form_title,
        }),
        _ => Err(r.errors),
    }
}

struct Reader {
    errors: Vec<ConfigError>,
}

impl Reader {
    fn get<'v>(&mut self, obj: &'v Map<String, Value>, name: &str, key: &str) -> Option<&'v Value> {
        let v = obj.get(name);
        if v.is_none() {
            self.errors
                .push(ConfigError::new(key, ConfigErrorKind::Missing));
        }
        v
    }

    /// A non-empty string (trimmed).
    fn string(&mut self, obj: &Map<String, Value>, name: &str, key: &str) -> Option<String> {
        let v = self.get(obj, name, key)?;
        match v.as_str().map(str::trim) {
            Some("") => {
                self.errors
                    .push(ConfigError::new(key, ConfigErrorKind::Empty));
                None
            }
            Some(s) => Some(s.to_owned()),
            None => {
                self.errors
                    .push(ConfigError::new(key, ConfigErrorKind::WrongType("string")));
                None
            }
        }
    }

    fn array<'v>(&mut self, obj: &'v Map<String, Value>, name: &str) -> Option<&'v Vec<Value>> {
        let v = self.get(obj, name, name)?;
        let list = v.as_array();
        if list.is_none() {
            self.errors
                .push(ConfigError::new(name, ConfigErrorKind::WrongType("array")));
        }
        list
    }

    fn local_text(&mut self, obj: &Map<String, Value>, name: &str, key: &str) -> Option<Bilingual> {
        let v = self.get(obj, name, key)?;
        let Some(inner) = v.as_object() else {
            self.errors
                .push(ConfigError::new(key, ConfigErrorKind::WrongType("object")));
            return None;
        };
        let en = self.string(inner, "en", &format!("{key}.en"));
        let ar = self.string(inner, "ar", &format!("{key}.ar"));
        Some(Bilingual { en: en?, ar: ar? })
    }

    /// A key that may be absent; when present it must be a valid `{"en", "ar"}` text.
    fn optional_local_text(&mut self, obj: &Map<String, Value>, name: &str) -> Option<Bilingual> {
        obj.contains_key(name)
            .then(|| self.local_text(obj, name, name))
            .flatten()
    }

    /// A URL by [`is_url`].
    fn url(&mut self, obj: &Map<String, Value>, name: &str, relative_ok: bool) -> Option<String> {
        let s = self.string(obj, name, name)?;
        if is_url(&s, relative_ok) {
            Some(s)
        } else {
            self.errors
                .push(ConfigError::new(name, ConfigErrorKind::BadUrl));
            None
        }
    }
}
