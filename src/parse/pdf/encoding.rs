//! Simple-font encodings: the base encodings, `/Differences`, and glyph names
//! (Adobe Glyph List subset plus `uniXXXX`, `uXXXX`, `f_i`-style ligatures).

use super::enc_tables::{MAC_ROMAN, PDF_DOC, STANDARD, WIN_ANSI};
use super::glyphlist::GLYPHS;

/// Which base encoding a simple font starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BaseEncoding {
    /// Adobe StandardEncoding (Type 1 default).
    Standard,
    /// WinAnsiEncoding.
    WinAnsi,
    /// MacRomanEncoding.
    MacRoman,
}

impl BaseEncoding {
    /// The base encoding named by a PDF name object.
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        match name {
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(BaseEncoding::MacRoman),
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            _ => None,
        }
    }

    /// The code → Unicode table.
    pub fn table(self) -> &'static [u16; 256] {
        match self {
            BaseEncoding::Standard => &STANDARD,
            BaseEncoding::WinAnsi => &WIN_ANSI,
            BaseEncoding::MacRoman => &MAC_ROMAN,
        }
    }
}

/// The Unicode text of a glyph name (`A`, `quoteright`, `uni2013`, `u1F600`,
/// `f_f_i`, `one.sc`), if it can be known.
pub(super) fn glyph_name_to_unicode(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    // Suffixes such as ".sc" or ".alt" do not change the character.
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let parts: Option<String> = base
            .split('_')
            .map(|p| single(p).map(String::from))
            .collect();
        return parts;
    }
    single(base).map(String::from)
}

fn single(name: &str) -> Option<char> {
    if let Ok(i) = GLYPHS.binary_search_by(|(n, _)| (*n).cmp(name)) {
        return GLYPHS.get(i).and_then(|&(_, u)| char::from_u32(u));
    }
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() >= 4 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            // uniXXXXYYYY names several characters; take the first.
            return u32::from_str_radix(hex.get(..4)?, 16)
                .ok()
                .and_then(char::from_u32);
        }
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
        }
    }
    // Single ASCII letters and digits are listed; "g123"/"cid45"/"glyph12" are opaque.
    None
}

/// Decodes a PDF text string (document info, not page content): UTF-16BE with
/// a BOM, UTF-8 with a BOM, else PDFDocEncoding.
pub(super) fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .filter_map(|c| match c {
                [a, b] => Some(u16::from_be_bytes([*a, *b])),
                _ => None,
            })
            .collect();
        return char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes
        .iter()
        .filter_map(|&b| match PDF_DOC[usize::from(b)] {
            0 if b < 0x80 => Some(char::from(b)),
            0 => None,
            u => char::from_u32(u32::from(u)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(
            glyph_name_to_unicode(b"quoteright").as_deref(),
            Some("\u{2019}")
        );
        assert_eq!(
            glyph_name_to_unicode(b"endash").as_deref(),
            Some("\u{2013}")
        );
        assert_eq!(glyph_name_to_unicode(b"fi").as_deref(), Some("\u{FB01}"));
        assert_eq!(glyph_name_to_unicode(b"uni0041").as_deref(), Some("A"));
        assert_eq!(
            glyph_name_to_unicode(b"u1F600").as_deref(),
            Some("\u{1F600}")
        );
        assert_eq!(glyph_name_to_unicode(b"f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_name_to_unicode(b"one.sc").as_deref(), Some("1"));
        assert_eq!(glyph_name_to_unicode(b"g123"), None);
        assert_eq!(glyph_name_to_unicode(b"minus").as_deref(), Some("\u{2212}"));
    }

    #[test]
    fn base_tables() {
        assert_eq!(BaseEncoding::WinAnsi.table()[0x96], 0x2013);
        assert_eq!(BaseEncoding::Standard.table()[0x27], 0x2019);
        assert_eq!(BaseEncoding::MacRoman.table()[0x8E], 0xE9);
        assert_eq!(text_string(b"\xFE\xFF\x00H\x00i"), "Hi");
    }
}
