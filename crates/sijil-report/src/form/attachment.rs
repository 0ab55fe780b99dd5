//! Attached files as a report describes them: what the relative chose, what was sent, and the
//! SHA-256 fingerprints that let the organization show the file it holds is that one.
//!
//! The file itself never passes through here: the phone encrypts it in 64 KiB pieces
//! ([`crate::age::Stream`]) and uploads it beside the report (`/api/uploads`). The report
//! carries one [`Attachment`] per file, so the report alone says what should have arrived and
//! `sijil export` names whatever did not, or whatever does not match its fingerprint.
//!
//! The original's fingerprint is always kept, because the original is the evidence: when the
//! relative sends a smaller copy of a photo, or the photo with its location removed
//! ([`crate::exif`]), `sha256` is the fingerprint of the bytes sent and `original_sha256` that
//! of the file they chose.

use crate::receipt::ReportId;
use serde::{Deserialize, Serialize};

/// Files one report may carry.
pub const MAX_FILES: usize = 10;
/// Longest file name kept (characters); longer names are cut, never refused.
pub const NAME_MAX: usize = 120;

/// The kinds of file the form takes: images, PDF, video. Ids are the media types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MediaType {
    Jpeg,
    Png,
    Webp,
    Pdf,
    Mp4,
    ThreeGp,
    Webm,
    QuickTime,
}

impl MediaType {
    pub const ALL: [MediaType; 8] = [
        MediaType::Jpeg,
        MediaType::Png,
        MediaType::Webp,
        MediaType::Pdf,
        MediaType::Mp4,
        MediaType::ThreeGp,
        MediaType::Webm,
        MediaType::QuickTime,
    ];

    /// The media type, as the browser's `File.type` gives it and the wire stores it.
    pub fn id(self) -> &'static str {
        match self {
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
            MediaType::Webp => "image/webp",
            MediaType::Pdf => "application/pdf",
            MediaType::Mp4 => "video/mp4",
            MediaType::ThreeGp => "video/3gpp",
            MediaType::Webm => "video/webm",
            MediaType::QuickTime => "video/quicktime",
        }
    }

    pub fn from_id(id: &str) -> Option<MediaType> {
        Self::ALL.into_iter().find(|m| m.id() == id)
    }

    /// The type of a chosen file: the browser's `File.type` when it names one of ours, else the
    /// name's extension (phones often give no type for `.3gp` or `.mov`).
    pub fn of_file(browser_type: &str, name: &str) -> Option<MediaType> {
        MediaType::from_id(browser_type).or_else(|| {
            let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
            Some(match ext.as_str() {
                "jpg" | "jpeg" => MediaType::Jpeg,
                "png" => MediaType::Png,
                "webp" => MediaType::Webp,
                "pdf" => MediaType::Pdf,
                "mp4" | "m4v" => MediaType::Mp4,
                "3gp" => MediaType::ThreeGp,
                "webm" => MediaType::Webm,
                "mov" => MediaType::QuickTime,
                _ => return None,
            })
        })
    }

    /// The `accept` attribute of the file picker.
    pub fn accept() -> String {
        Self::ALL.map(MediaType::id).join(",")
    }

    pub fn is_image(self) -> bool {
        matches!(self, MediaType::Jpeg | MediaType::Png | MediaType::Webp)
    }
}

/// What was sent of the chosen file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sent {
    /// The file as chosen (the default: it is the evidence).
    Original,
    /// A copy re-encoded by the browser to at most 2560 px, for a slow line.
    SmallerCopy,
    /// The JPEG with its location removed, every other byte unchanged.
    LocationRemoved,
}

impl Sent {
    pub fn id(self) -> &'static str {
        match self {
            Sent::Original => "original",
            Sent::SmallerCopy => "smaller_copy",
            Sent::LocationRemoved => "location_removed",
        }
    }

    pub fn from_id(id: &str) -> Option<Sent> {
        [Sent::Original, Sent::SmallerCopy, Sent::LocationRemoved]
            .into_iter()
            .find(|s| s.id() == id)
    }
}

/// One attached file, as the form keeps it while the report is written (raw, like typing).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AttachmentInput {
    /// A UUID v4 drawn on the phone: the upload's id.
    pub id: String,
    pub name: String,
    pub media_type: String,
    /// Bytes sent (plaintext, before encryption).
    pub size: u64,
    /// Lowercase hex SHA-256 of the bytes sent.
    pub sha256: String,
    /// Lowercase hex SHA-256 of the file chosen, when what was sent differs from it.
    pub original_sha256: String,
    pub sent: String,
}

/// One attached file of a valid report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub id: ReportId,
    pub name: String,
    pub media_type: MediaType,
    pub size: u64,
    pub sha256: String,
    /// `Some` exactly when `sent` is not [`Sent::Original`].
    pub original_sha256: Option<String>,
    pub sent: Sent,
}

/// Why an attachment cannot be part of a report. The phone builds attachments itself, so these
/// mean a damaged draft or a tampered report, not a typing slip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttachmentProblem {
    TooMany { max: usize },
    BadId,
    DuplicateId,
    UnsupportedType,
    Empty,
    BadFingerprint,
}

/// A lowercase hex SHA-256.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Lowercase hex of a digest (the browser computes it with this crate's `sha2`).
pub fn hex(digest: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(digest.len() * 2);
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}

/// The SHA-256 of a file fed piece by piece: the phone reads a chosen file 64 KiB at a time
/// (`Blob.slice`), so a 100 MB video is fingerprinted without ever being whole in memory.
#[derive(Clone, Default)]
pub struct Fingerprint(sha2::Sha256);

impl Fingerprint {
    pub fn update(&mut self, bytes: &[u8]) {
        sha2::Digest::update(&mut self.0, bytes);
    }

    /// Lowercase hex, as [`AttachmentInput::sha256`] stores it.
    pub fn finish(self) -> String {
        hex(&sha2::Digest::finalize(self.0))
    }
}

/// A file name safe to show and to write to disk on export: no folders, no control or
/// direction-override characters, trimmed, at most [`NAME_MAX`] characters; `file` if nothing
/// is left.
pub fn clean_file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .take(NAME_MAX)
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    if trimmed.is_empty() {
        "file".into()
    } else {
        trimmed.to_owned()
    }
}

/// Checks the attachments of a report; each error comes with the index of its file (`None`
/// for the list as a whole).
pub fn check(
    inputs: &[AttachmentInput],
) -> Result<Vec<Attachment>, Vec<(Option<usize>, AttachmentProblem)>> {
    let mut errors = Vec::new();
    if inputs.len() > MAX_FILES {
        errors.push((None, AttachmentProblem::TooMany { max: MAX_FILES }));
    }
    let mut out = Vec::new();
    for (i, a) in inputs.iter().enumerate() {
        let mut fail = |p| errors.push((Some(i), p));
        let Some(id) = ReportId::parse(&a.id) else {
            fail(AttachmentProblem::BadId);
            continue;
        };
        if out.iter().any(|o: &Attachment| o.id == id) {
            fail(AttachmentProblem::DuplicateId);
            continue;
        }
        let Some(media_type) = MediaType::from_id(&a.media_type) else {
            fail(AttachmentProblem::UnsupportedType);
            continue;
        };
        if a.size == 0 {
            fail(AttachmentProblem::Empty);
            continue;
        }
        let sent = Sent::from_id(&a.sent).unwrap_or(Sent::Original);
        let original = (sent != Sent::Original).then(|| a.original_sha256.clone());
        let location_on_non_jpeg = sent == Sent::LocationRemoved && media_type != MediaType::Jpeg;
        if !is_sha256_hex(&a.sha256)
            || original.as_deref().is_some_and(|o| !is_sha256_hex(o))
            || Sent::from_id(&a.sent).is_none()
            || location_on_non_jpeg
        {
            fail(AttachmentProblem::BadFingerprint);
            continue;
        }
        out.push(Attachment {
            id,
            name: clean_file_name(&a.name),
            media_type,
            size: a.size,
            sha256: a.sha256.clone(),
            original_sha256: original,
            sent,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

impl Attachment {
    /// The raw form of this attachment (a report read back from the wire).
    pub fn to_input(&self) -> AttachmentInput {
        AttachmentInput {
            id: self.id.to_string(),
            name: self.name.clone(),
            media_type: self.media_type.id().into(),
            size: self.size,
            sha256: self.sha256.clone(),
            original_sha256: self.original_sha256.clone().unwrap_or_default(),
            sent: self.sent.id().into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(id: ReportId) -> AttachmentInput {
        AttachmentInput {
            id: id.to_string(),
            name: "صورة.jpg".into(),
            media_type: "image/jpeg".into(),
            size: 1234,
            sha256: "a".repeat(64),
            original_sha256: String::new(),
            sent: "original".into(),
        }
    }

    #[test]
    fn a_good_list_passes_and_round_trips() {
        let a = input(ReportId::from_random([1; 16]));
        let mut b = input(ReportId::from_random([2; 16]));
        b.sent = "location_removed".into();
        b.original_sha256 = "b".repeat(64);
        let got = check(&[a.clone(), b.clone()]).unwrap();
        assert_eq!(got[0].original_sha256, None);
        assert_eq!(got[1].sent, Sent::LocationRemoved);
        assert_eq!(
            got.iter().map(Attachment::to_input).collect::<Vec<_>>(),
            vec![a, b]
        );
    }

    #[test]
    fn damaged_lists_are_named() {
        let one = |f: &dyn Fn(&mut AttachmentInput)| {
            let mut a = input(ReportId::from_random([3; 16]));
            f(&mut a);
            check(&[a]).unwrap_err()[0].1
        };
        assert_eq!(one(&|a| a.id = "x".into()), AttachmentProblem::BadId);
        assert_eq!(
            one(&|a| a.media_type = "application/x-msdownload".into()),
            AttachmentProblem::UnsupportedType
        );
        assert_eq!(one(&|a| a.size = 0), AttachmentProblem::Empty);
        assert_eq!(
            one(&|a| a.sha256 = "A".repeat(64)),
            AttachmentProblem::BadFingerprint
        );
        assert_eq!(
            one(&|a| a.sent = "smaller_copy".into()),
            AttachmentProblem::BadFingerprint
        );
        assert_eq!(
            one(&|a| {
                a.media_type = "application/pdf".into();
                a.sent = "location_removed".into();
                a.original_sha256 = "c".repeat(64);
            }),
            AttachmentProblem::BadFingerprint
        );
        let same = input(ReportId::from_random([4; 16]));
        assert_eq!(
            check(&[same.clone(), same]).unwrap_err()[0],
            (Some(1), AttachmentProblem::DuplicateId)
        );
        let many: Vec<_> = (0..11u8)
            .map(|i| input(ReportId::from_random([i + 10; 16])))
            .collect();
        assert_eq!(
            check(&many).unwrap_err()[0],
            (None, AttachmentProblem::TooMany { max: 10 })
        );
    }

    #[test]
    fn file_names_lose_folders_and_direction_tricks() {
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("C:\\Users\\x\\شهادة.pdf"), "شهادة.pdf");
        assert_eq!(clean_file_name("photo\u{202e}gpj.exe"), "photogpj.exe");
        assert_eq!(clean_file_name("..."), "file");
        assert_eq!(clean_file_name(".hidden"), "hidden");
        assert_eq!(clean_file_name(&"ب".repeat(500)).chars().count(), NAME_MAX);
        assert_eq!(hex(&[0x00, 0xab, 0xff]), "00abff");
    }

    #[test]
    fn a_files_type_comes_from_the_browser_or_its_extension() {
        assert_eq!(MediaType::of_file("video/mp4", "x"), Some(MediaType::Mp4));
        assert_eq!(
            MediaType::of_file("", "VID_1.3GP"),
            Some(MediaType::ThreeGp)
        );
        assert_eq!(
            MediaType::of_file("", "clip.MOV"),
            Some(MediaType::QuickTime)
        );
        assert_eq!(MediaType::of_file("application/zip", "a.zip"), None);
        assert_eq!(MediaType::of_file("", "noextension"), None);
    }

    #[test]
    fn a_fingerprint_fed_in_pieces_is_the_sha256_of_the_whole() {
        // FIPS 180-2's two-block example, fed in uneven pieces.
        let text = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        let mut f = Fingerprint::default();
        for piece in text.chunks(7) {
            f.update(piece);
        }
        assert_eq!(
            f.finish(),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            Fingerprint::default().finish(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
