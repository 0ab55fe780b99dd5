//! "Remove the location from this photo" checked by the standard tool: `exiftool` reads GPS in
//! each fixture before and none after, finds nothing to warn about in the result, and the file
//! with all metadata removed by `exiftool -all=` is byte-for-byte the same before and after
//! (so the picture itself is untouched). Fixtures (`tests/photos/`) were written by exiftool
//! 12.57: big-endian Exif with GPS and XMP GPS, little-endian Exif with GPS as Android writes
//! it, and a JPEG without Exif.

use sijil_report::exif::{has_gps, strip_gps};
use std::path::{Path, PathBuf};
use std::process::Command;

fn photo(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/photos")
            .join(name),
    )
    .unwrap()
}

fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sijil-exif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn exiftool(args: &[&str], file: &Path) -> String {
    let out = Command::new("exiftool")
        .args(args)
        .arg(file)
        .output()
        .expect("exiftool is installed by `cargo xtask setup` (Debian libimage-exiftool-perl)");
    String::from_utf8(out.stdout).unwrap()
}

/// Every tag exiftool finds whose name or group mentions GPS.
fn gps_tags(file: &Path) -> Vec<String> {
    exiftool(&["-a", "-G1", "-s", "-n"], file)
        .lines()
        .filter(|l| l.contains("GPS"))
        .map(str::to_owned)
        .collect()
}

/// The file with every metadata segment removed by exiftool: what is left is the picture.
fn picture_only(file: &Path) -> Vec<u8> {
    let bare = file.with_extension("bare.jpg");
    let _ = std::fs::remove_file(&bare);
    let status = Command::new("exiftool")
        .args(["-q", "-all=", "-o"])
        .arg(&bare)
        .arg(file)
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::read(&bare).unwrap()
}

#[test]
fn exiftool_finds_no_location_after_removal_and_the_same_picture() {
    for name in ["gps-be-xmp.jpg", "gps-le.jpg"] {
        let original = photo(name);
        let before = scratch(name, &original);
        assert!(has_gps(&original), "{name}");
        let tags = gps_tags(&before);
        assert!(
            tags.iter().any(|t| t.contains("GPSLatitude")),
            "{name}: {tags:?}"
        );

        let stripped = strip_gps(&original).unwrap();
        let after = scratch(&format!("stripped-{name}"), &stripped);
        assert!(!has_gps(&stripped), "{name}");
        assert_eq!(gps_tags(&after), Vec::<String>::new(), "{name}");
        // Other metadata a verifier uses (camera, time taken) is kept.
        let kept = exiftool(&["-s", "-Make", "-ImageWidth"], &after);
        assert!(
            kept.contains("Make") && kept.contains("ImageWidth"),
            "{name}: {kept}"
        );
        // exiftool's structural check finds nothing new (the fixtures carry exiftool's own
        // warnings about tags it did not write; removal may only take warnings away).
        let problems = |file: &Path| -> Vec<String> {
            exiftool(&["-validate", "-warning", "-error", "-a", "-s"], file)
                .lines()
                .filter(|l| !l.starts_with("Validate"))
                .map(str::to_owned)
                .collect()
        };
        let (was, is) = (problems(&before), problems(&after));
        assert!(
            is.iter().all(|p| was.contains(p)),
            "{name}: new problems {is:?} (before: {was:?})"
        );
        assert_eq!(
            picture_only(&before),
            picture_only(&after),
            "{name}: picture changed"
        );
    }
}

#[test]
fn a_photo_without_location_comes_back_unchanged() {
    let plain = photo("no-exif.jpg");
    assert!(!has_gps(&plain));
    assert_eq!(strip_gps(&plain).unwrap(), plain);
}
