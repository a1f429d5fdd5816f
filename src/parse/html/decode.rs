//! Bytes → text: the page's charset from its BOM or `<meta>` declaration
//! (encoding_rs), UTF-8 by default, and a clear error for bytes that are not
//! text at all.
//!
//! Real pages lie about their encoding often enough that a strict decoder
//! would reject many of them, so a declared encoding that fails is decoded
//! lossily (U+FFFD replacements). Only input where nothing sensible comes out
//! (binary data: a large share of control characters or replacements) is an
//! [`ErrorKind::Encoding`] error.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;
use std::sync::LazyLock;

use crate::error::{Error, ErrorKind, Result};

/// Pages larger than this are refused: the largest real article pages are a
/// few MB, and html5ever's memory grows with the input.
pub const MAX_HTML_BYTES: usize = 32 * 1024 * 1024;

/// How far into the page a `<meta charset>` is looked for. The HTML standard
/// says 1024 bytes; real pages put it after long comments or scripts, so look
/// further.
const PRESCAN_BYTES: usize = 8192;

/// `<meta charset=X>` and `<meta http-equiv=Content-Type content="…; charset=X">`.
static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
        .expect("static regex")
});

/// Decodes `bytes` as an HTML page.
///
/// # Errors
/// [`ErrorKind::Empty`] for empty input, [`ErrorKind::TooLarge`] above
/// [`MAX_HTML_BYTES`], [`ErrorKind::Encoding`] when the bytes are not text
/// in any sensible reading; each names `name`.
pub fn decode_html<'a>(bytes: &'a [u8], name: &str) -> Result<Cow<'a, str>> {
    decode_html_noting(bytes, name).map(|(text, _)| text)
}

/// Like [`decode_html`], and also says how the bytes were repaired when they
/// were not valid in the declared (or default) encoding.
///
/// # Errors
/// As [`decode_html`].
pub fn decode_html_noting<'a>(
    bytes: &'a [u8],
    name: &str,
) -> Result<(Cow<'a, str>, Option<String>)> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::new(ErrorKind::Empty, name, "document is empty"));
    }
    if bytes.len() > MAX_HTML_BYTES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            name,
            format!(
                "HTML page is {} bytes, more than the {MAX_HTML_BYTES}-byte limit",
                bytes.len()
            ),
        ));
    }
    let (text, label) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        (decode_with(enc, body), enc.name())
    } else {
        let declared = declared_encoding(bytes);
        let enc = declared.unwrap_or(UTF_8);
        (decode_with(enc, bytes), enc.name())
    };
    check_sensible(&text, label, name)?;
    let note = repair_note(bytes, label, &text);
    Ok((text, note))
}

/// How decoding repaired the bytes, if it had to: the first invalid byte's
/// offset and what was done about it.
fn repair_note(bytes: &[u8], label: &str, text: &str) -> Option<String> {
    if label != "UTF-8" {
        return None;
    }
    let bad = std::str::from_utf8(bytes).err()?.valid_up_to();
    Some(if text.contains('\u{FFFD}') {
        format!("invalid UTF-8 at byte {bad}: the bad bytes were replaced with U+FFFD")
    } else {
        format!("invalid UTF-8 at byte {bad}: the page was read as windows-1252")
    })
}

/// The encoding a `<meta>` tag near the top declares, if it is one we know.
/// UTF-16 labels in a `<meta>` mean UTF-8 (the HTML standard's rule: a page
/// whose bytes could be read to find the tag is not UTF-16).
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..PRESCAN_BYTES).unwrap_or(bytes);
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    let enc = Encoding::for_label(label)?;
    if enc == encoding_rs::UTF_16BE || enc == encoding_rs::UTF_16LE {
        return Some(UTF_8);
    }
    if enc.name() == "x-user-defined" {
        return Some(WINDOWS_1252);
    }
    Some(enc)
}

/// Decodes strictly if the bytes are valid in `enc`; otherwise lossily. For
/// UTF-8 that fails and contains no valid multi-byte sequence at all, the
/// page is almost certainly a legacy Western page that never declared its
/// charset, so it is read as windows-1252 (what browsers do).
fn decode_with<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Cow<'a, str> {
    if let Some(clean) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
        return clean;
    }
    if enc == UTF_8 && !has_valid_multibyte_utf8(bytes) {
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
        return text;
    }
    let (text, _) = enc.decode_without_bom_handling(bytes);
    text
}

/// True if `bytes` holds at least one well-formed non-ASCII UTF-8 sequence.
fn has_valid_multibyte_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => return !s.is_ascii(),
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                // `valid` is valid UTF-8 by construction.
                if valid.iter().any(|b| !b.is_ascii()) {
                    return true;
                }
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                rest = after.get(skip..).unwrap_or_default();
                if rest.is_empty() {
                    return false;
                }
            }
        }
    }
}

/// Refuses text that is mostly replacement or control characters: binary
/// data, not a web page.
fn check_sensible(text: &str, label: &str, name: &str) -> Result<()> {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(1 << 20) {
        total += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C')) {
            bad += 1;
        }
    }
    // Binary garbage decodes to roughly 10–50% control/replacement chars;
    // a real page with a few stray bytes stays far below 5%.
    if bad > 8 && bad * 20 > total {
        return Err(Error::new(
            ErrorKind::Encoding,
            name,
            format!(
                "does not decode as {label} text: {bad} of the first {total} characters are \
                 control or replacement characters (binary data?)"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_windows_1252_is_honoured() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body></html>";
        let text = decode_html(page, "p.html").unwrap();
        assert!(text.contains("café"), "{text}");
    }

    #[test]
    fn http_equiv_charset_is_honoured() {
        let page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\xb0";
        assert!(decode_html(page, "p.html").unwrap().contains('°'));
    }

    #[test]
    fn bom_wins_over_meta() {
        let mut page = vec![0xEF, 0xBB, 0xBF];
        page.extend_from_slice("<meta charset=latin1><p>é</p>".as_bytes());
        let text = decode_html(&page, "p.html").unwrap();
        assert!(text.contains("<p>é</p>"), "{text}");
        assert!(!text.starts_with('\u{FEFF}'));
    }

    #[test]
    fn undeclared_latin1_falls_back_to_windows_1252() {
        let text = decode_html(b"<p>Caf\xe9 \x93quoted\x94</p>", "p.html").unwrap();
        assert_eq!(text, "<p>Café \u{201C}quoted\u{201D}</p>");
    }

    #[test]
    fn mostly_valid_utf8_with_a_stray_byte_is_lossy() {
        let text = decode_html(b"<p>\xc3\xa9 \xff ok</p>", "p.html").unwrap();
        assert!(text.contains("é \u{FFFD} ok"), "{text}");
    }

    #[test]
    fn binary_garbage_is_an_encoding_error() {
        let garbage: Vec<u8> = (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect();
        let err = decode_html(&garbage, "junk.html").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Encoding);
        assert!(err.to_string().contains("junk.html"));
    }

    #[test]
    fn empty_is_an_empty_error() {
        assert_eq!(
            decode_html(b"  \n", "e.html").unwrap_err().kind(),
            ErrorKind::Empty
        );
    }
}
