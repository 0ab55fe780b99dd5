//! "Remove the location from this photo": the GPS data of a JPEG removed without touching the
//! picture.
//!
//! A phone writes where a photo was taken into the JPEG's Exif block (an `APP1` segment holding
//! a TIFF structure whose first directory, IFD0, points to a GPS directory with tag `0x8825`)
//! and often again as XMP (`exif:GPSLatitude…` in another `APP1`). For a relative that location
//! can be their home. [`strip_gps`] returns a copy of the file in which:
//!
//! - the GPS pointer is removed from IFD0 (its later entries move up one slot, the count drops
//!   by one; the freed 12 bytes are zeroed, so no other offset in the block changes);
//! - the GPS directory and every value it points to are overwritten with zeros, so no
//!   coordinate survives anywhere in the bytes;
//! - an XMP packet that mentions GPS is dropped whole;
//! - every other byte is the original's: the compressed picture (from the start-of-scan marker
//!   on) is copied unchanged, so the pixels are identical and the photo is still evidence.
//!
//! It is pure (bytes in, bytes out) so it runs the same in the phone and in the tests, which
//! check the result with `exiftool`. The input is untrusted: every offset is bounds-checked and
//! a file this reader does not understand is an error (the form then says the location could
//! not be removed and leaves the choice to the relative), never a guess that leaves GPS behind.

/// Why the location could not be removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExifError {
    /// Not a JPEG (no start-of-image marker).
    NotJpeg,
    /// A segment or an Exif directory runs past its end or points outside it.
    Malformed,
}

const SOI: [u8; 2] = [0xFF, 0xD8];
const APP1: u8 = 0xE1;
const SOS: u8 = 0xDA;
const EXIF_HEADER: &[u8] = b"Exif\0\0";
const XMP_HEADER: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const GPS_POINTER: u16 = 0x8825;

/// Whether the JPEG carries a location: a GPS directory in its Exif or GPS in its XMP. `false`
/// for anything that is not a readable JPEG (the form then offers no removal).
pub fn has_gps(jpeg: &[u8]) -> bool {
    segments(jpeg).is_ok_and(|segs| {
        segs.iter().any(|s| match s.kind(jpeg) {
            Kind::Exif => {
                gps_directory(&jpeg[s.body.clone()][EXIF_HEADER.len()..]).is_ok_and(|g| g.is_some())
            }
            Kind::XmpWithGps => true,
            Kind::Other => false,
        })
    })
}

/// The JPEG with its location removed (see the module doc); the same bytes when it has none.
pub fn strip_gps(jpeg: &[u8]) -> Result<Vec<u8>, ExifError> {
    let segs = segments(jpeg)?;
    let mut out = Vec::with_capacity(jpeg.len());
    out.extend_from_slice(&SOI);
    let mut copied_to = SOI.len();
    for s in &segs {
        match s.kind(jpeg) {
            Kind::XmpWithGps => {
                out.extend_from_slice(&jpeg[copied_to..s.start]);
                copied_to = s.body.end;
            }
            Kind::Exif => {
                out.extend_from_slice(&jpeg[copied_to..s.body.start]);
                let mut body = jpeg[s.body.clone()].to_vec();
                remove_gps(&mut body[EXIF_HEADER.len()..])?;
                out.extend_from_slice(&body);
                copied_to = s.body.end;
            }
            Kind::Other => {}
        }
    }
    out.extend_from_slice(&jpeg[copied_to..]);
    Ok(out)
}

/// One marker segment before the picture data: where it starts (its `FF xx`) and its body.
struct Segment {
    start: usize,
    marker: u8,
    body: std::ops::Range<usize>,
}

enum Kind {
    Exif,
    XmpWithGps,
    Other,
}

impl Segment {
    fn kind(&self, jpeg: &[u8]) -> Kind {
        let body = &jpeg[self.body.clone()];
        if self.marker != APP1 {
            Kind::Other
        } else if body.starts_with(EXIF_HEADER) {
            Kind::Exif
        } else if body.starts_with(XMP_HEADER) && contains(body, b"GPS") {
            Kind::XmpWithGps
        } else {
            Kind::Other
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The marker segments from after the start-of-image to the start of scan (where the
/// compressed picture begins and metadata ends).
fn segments(jpeg: &[u8]) -> Result<Vec<Segment>, ExifError> {
    if !jpeg.starts_with(&SOI) {
        return Err(ExifError::NotJpeg);
    }
    let mut segs = Vec::new();
    let mut at = SOI.len();
    loop {
        let (&ff, &marker) = (
            jpeg.get(at).ok_or(ExifError::Malformed)?,
            jpeg.get(at + 1).ok_or(ExifError::Malformed)?,
        );
        if ff != 0xFF {
            return Err(ExifError::Malformed);
        }
        if marker == 0xFF {
            at += 1; // fill byte before a marker
            continue;
        }
        if marker == SOS {
            return Ok(segs);
        }
        let len = usize::from(u16::from_be_bytes([
            *jpeg.get(at + 2).ok_or(ExifError::Malformed)?,
            *jpeg.get(at + 3).ok_or(ExifError::Malformed)?,
        ]));
        let end = at + 2 + len;
        if len < 2 || end > jpeg.len() {
            return Err(ExifError::Malformed);
        }
        segs.push(Segment {
            start: at,
            marker,
            body: at + 4..end,
        });
        at = end;
    }
}

/// A TIFF structure's byte order.
#[derive(Clone, Copy)]
struct Tiff<'a> {
    bytes: &'a [u8],
    little: bool,
}

impl Tiff<'_> {
    fn u16(&self, at: usize) -> Result<u16, ExifError> {
        let b = self.bytes.get(at..at + 2).ok_or(ExifError::Malformed)?;
        let b = [b[0], b[1]];
        Ok(if self.little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    }

    fn u32(&self, at: usize) -> Result<u32, ExifError> {
        let b = self.bytes.get(at..at + 4).ok_or(ExifError::Malformed)?;
        let b = [b[0], b[1], b[2], b[3]];
        Ok(if self.little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    }

    fn offset(&self, at: usize) -> Result<usize, ExifError> {
        let o = usize::try_from(self.u32(at)?).map_err(|_| ExifError::Malformed)?;
        (o < self.bytes.len())
            .then_some(o)
            .ok_or(ExifError::Malformed)
    }
}

/// Where IFD0's GPS pointer entry is and where the GPS directory starts, if there is one.
struct GpsLocation {
    ifd0: usize,
    entry_index: usize,
    directory: usize,
}

fn byte_order(tiff: &[u8]) -> Result<bool, ExifError> {
    match tiff.get(..4) {
        Some(b"II\x2A\x00") => Ok(true),
        Some(b"MM\x00\x2A") => Ok(false),
        _ => Err(ExifError::Malformed),
    }
}

fn gps_directory(tiff: &[u8]) -> Result<Option<GpsLocation>, ExifError> {
    let t = Tiff {
        bytes: tiff,
        little: byte_order(tiff)?,
    };
    let ifd0 = t.offset(4)?;
    let count = usize::from(t.u16(ifd0)?);
    for i in 0..count {
        let entry = ifd0 + 2 + 12 * i;
        if t.u16(entry)? == GPS_POINTER {
            let directory = t.offset(entry + 8)?;
            return Ok(Some(GpsLocation {
                ifd0,
                entry_index: i,
                directory,
            }));
        }
    }
    // The directory must be whole, with its next-directory offset, to be trusted.
    t.u32(ifd0 + 2 + 12 * count)?;
    Ok(None)
}

/// Bytes taken by one value of each TIFF type (1 BYTE … 12 DOUBLE); 0 for an unknown type.
fn type_size(kind: u16) -> usize {
    match kind {
        1 | 2 | 6 | 7 => 1,
        3 | 8 => 2,
        4 | 9 | 11 => 4,
        5 | 10 | 12 => 8,
        _ => 0,
    }
}

/// Removes every GPS pointer from IFD0 (a damaged file may hold two) and zeroes each GPS
/// directory and its values, in place. Ends: each round removes one entry.
fn remove_gps(tiff: &mut [u8]) -> Result<(), ExifError> {
    while let Some(gps) = gps_directory(tiff)? {
        remove_one(tiff, &gps)?;
    }
    Ok(())
}

fn remove_one(tiff: &mut [u8], gps: &GpsLocation) -> Result<(), ExifError> {
    let t = Tiff {
        bytes: tiff,
        little: byte_order(tiff)?,
    };
    // Every range to zero is found first, checked against the block, then zeroed.
    let mut zero: Vec<std::ops::Range<usize>> = Vec::new();
    let n = usize::from(t.u16(gps.directory)?);
    let end = gps.directory + 2 + 12 * n + 4;
    if end > tiff.len() {
        return Err(ExifError::Malformed);
    }
    zero.push(gps.directory..end);
    for i in 0..n {
        let entry = gps.directory + 2 + 12 * i;
        let size = type_size(t.u16(entry + 2)?)
            .checked_mul(usize::try_from(t.u32(entry + 4)?).map_err(|_| ExifError::Malformed)?)
            .ok_or(ExifError::Malformed)?;
        if size > 4 {
            let at = t.offset(entry + 8)?;
            let stop = at
                .checked_add(size)
                .filter(|&s| s <= tiff.len())
                .ok_or(ExifError::Malformed)?;
            zero.push(at..stop);
        }
    }
    let count = usize::from(t.u16(gps.ifd0)?);
    let entries = gps.ifd0 + 2;
    let after = entries + 12 * count + 4; // the entries and the next-directory offset
    if after > tiff.len() {
        return Err(ExifError::Malformed);
    }
    let little = t.little;
    // Later entries and the next-IFD offset move up one slot; the freed slot at the end is zeroed.
    tiff.copy_within(
        entries + 12 * (gps.entry_index + 1)..after,
        entries + 12 * gps.entry_index,
    );
    tiff[after - 12..after].fill(0);
    let new_count = u16::try_from(count - 1).map_err(|_| ExifError::Malformed)?;
    let bytes = if little {
        new_count.to_le_bytes()
    } else {
        new_count.to_be_bytes()
    };
    tiff[gps.ifd0..gps.ifd0 + 2].copy_from_slice(&bytes);
    for r in zero {
        tiff[r].fill(0);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG skeleton: SOI, an Exif APP1 holding `tiff`, a scan marker and picture bytes.
    fn jpeg_with(tiff: &[u8]) -> Vec<u8> {
        let mut body = EXIF_HEADER.to_vec();
        body.extend_from_slice(tiff);
        let mut out = SOI.to_vec();
        out.extend_from_slice(&[0xFF, APP1]);
        out.extend_from_slice(&u16::try_from(body.len() + 2).unwrap().to_be_bytes());
        out.extend_from_slice(&body);
        out.extend_from_slice(&[0xFF, SOS, 0, 2, 0x12, 0x34, 0xFF, 0xD9]);
        out
    }

    /// Little-endian TIFF: IFD0 with Make (inline) and a GPS pointer; GPS with a latitude.
    fn tiff_le() -> Vec<u8> {
        let mut t = b"II\x2A\x00\x08\x00\x00\x00".to_vec();
        // IFD0 at 8: 2 entries.
        t.extend_from_slice(&2u16.to_le_bytes());
        t.extend_from_slice(&[0x0F, 0x01, 2, 0, 3, 0, 0, 0, b'A', b'B', 0, 0]); // Make "AB"
        t.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]); // GPS at 38
        t.extend_from_slice(&0u32.to_le_bytes());
        assert_eq!(t.len(), 38);
        // GPS IFD at 38: 1 entry, latitude: 3 RATIONALs at 56.
        t.extend_from_slice(&1u16.to_le_bytes());
        t.extend_from_slice(&[0x02, 0x00, 5, 0, 3, 0, 0, 0, 56, 0, 0, 0]);
        t.extend_from_slice(&0u32.to_le_bytes());
        assert_eq!(t.len(), 56);
        for v in [36u32, 1, 12, 1, 7, 1] {
            t.extend_from_slice(&v.to_le_bytes());
        }
        t
    }

    #[test]
    fn removes_the_pointer_and_zeroes_the_coordinates() {
        let jpeg = jpeg_with(&tiff_le());
        assert!(has_gps(&jpeg));
        let out = strip_gps(&jpeg).unwrap();
        assert_eq!(out.len(), jpeg.len());
        assert!(!has_gps(&out));
        let tiff = &out[6 + EXIF_HEADER.len()..];
        assert_eq!(&tiff[8..10], &1u16.to_le_bytes(), "one entry left");
        assert_eq!(&tiff[10..12], &[0x0F, 0x01], "Make kept");
        assert!(tiff[38..80].iter().all(|&b| b == 0), "GPS bytes zeroed");
        assert_eq!(
            &out[out.len() - 8..],
            &jpeg[jpeg.len() - 8..],
            "scan untouched"
        );
        // Idempotent, and a JPEG without GPS comes back byte for byte.
        assert_eq!(strip_gps(&out).unwrap(), out);
    }

    #[test]
    fn untrusted_offsets_are_errors_not_panics() {
        assert_eq!(strip_gps(b"GIF89a"), Err(ExifError::NotJpeg));
        let good = jpeg_with(&tiff_le());
        for cut in 0..good.len() {
            let _ = strip_gps(&good[..cut]);
            let _ = has_gps(&good[..cut]);
        }
        for at in 0..good.len() {
            for byte in [0x00, 0x7F, 0xFF] {
                let mut bad = good.clone();
                bad[at] = byte;
                if let Ok(out) = strip_gps(&bad) {
                    assert!(!has_gps(&out), "byte {at} = {byte}: GPS left behind");
                }
            }
        }
    }

    #[test]
    fn an_xmp_packet_with_gps_is_dropped_and_other_segments_kept() {
        let mut jpeg = SOI.to_vec();
        let mut seg = |marker: u8, body: &[u8]| {
            jpeg.extend_from_slice(&[0xFF, marker]);
            jpeg.extend_from_slice(&u16::try_from(body.len() + 2).unwrap().to_be_bytes());
            jpeg.extend_from_slice(body);
        };
        seg(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        seg(
            APP1,
            &[XMP_HEADER, b"<exif:GPSLatitude>36,12N</exif:GPSLatitude>"].concat(),
        );
        seg(APP1, &[XMP_HEADER, b"<dc:title>x</dc:title>"].concat());
        jpeg.extend_from_slice(&[0xFF, SOS, 0, 2, 1, 0xFF, 0xD9]);
        assert!(has_gps(&jpeg));
        let out = strip_gps(&jpeg).unwrap();
        assert!(!has_gps(&out));
        assert!(!contains(&out, b"GPS"));
        assert!(contains(&out, b"JFIF") && contains(&out, b"<dc:title>"));
    }
}
