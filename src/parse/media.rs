//! Media-type detection: the declared type when it is one we parse, else sniffed.

use crate::error::{Error, ErrorKind, Result};

/// The document formats civtrace parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaType {
    /// text/html, application/xhtml+xml.
    Html,
    /// application/pdf.
    Pdf,
    /// text/plain.
    Text,
}

impl MediaType {
    /// The canonical media type string.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::Html => "text/html",
            MediaType::Pdf => "application/pdf",
            MediaType::Text => "text/plain",
        }
    }
}

/// Picks the media type of `bytes`: a declared type we know wins, unless the
/// bytes plainly say otherwise (a PDF served as text/html); otherwise sniffed.
///
/// # Errors
/// Empty input, and types we do not parse (images, zip, …), name `name`.
pub fn detect(bytes: &[u8], declared: Option<&str>, name: &str) -> Result<MediaType> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::new(ErrorKind::Empty, name, "document is empty"));
    }
    let sniffed = sniff(bytes);
    if sniffed == Some(MediaType::Pdf) {
        return Ok(MediaType::Pdf);
    }
    if let Some(d) = declared {
        let essence = d
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "text/html" | "application/xhtml+xml" => return Ok(MediaType::Html),
            "text/plain" | "text/markdown" => return Ok(sniffed.unwrap_or(MediaType::Text)),
            "application/pdf" => {
                return Err(Error::new(
                    ErrorKind::Pdf,
                    name,
                    "declared application/pdf but has no %PDF- header",
                ))
            }
            "" | "application/octet-stream" => {}
            other => {
                return Err(Error::new(
                    ErrorKind::UnsupportedMediaType,
                    name,
                    format!(
                    "unsupported media type {other:?} (civtrace parses HTML, PDF and plain text)"
                ),
                ))
            }
        }
    }
    sniffed.ok_or_else(|| {
        Error::new(
            ErrorKind::UnsupportedMediaType,
            name,
            "unrecognised content: not HTML, PDF or text",
        )
    })
}

/// Sniffs the format from the first bytes.
pub fn sniff(bytes: &[u8]) -> Option<MediaType> {
    let head = &bytes[..bytes.len().min(1024)];
    // Readers accept the header anywhere in the first 1024 bytes (after junk
    // such as a MIME preamble), but it must start a line and carry a version,
    // so a text that merely mentions "%PDF-" stays text.
    let is_header = |i: usize| {
        (i == 0 || matches!(head[i - 1], b'\n' | b'\r' | 0))
            && head.get(i + 5).is_some_and(u8::is_ascii_digit)
    };
    if memchr::memmem::find_iter(head, b"%PDF-").any(is_header) {
        return Some(MediaType::Pdf);
    }
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let start = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)?;
    let t = &lower[start..];
    if t.starts_with(b"<!doctype html")
        || t.starts_with(b"<html")
        || memchr::memmem::find(&lower, b"<body").is_some()
        || memchr::memmem::find(&lower, b"<p>").is_some()
        || memchr::memmem::find(&lower, b"<div").is_some()
    {
        return Some(MediaType::Html);
    }
    // Binary formats have control bytes early; text has (almost) none.
    let controls = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b))
        .count();
    if controls == 0 {
        Some(MediaType::Text)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_and_rejects() {
        assert_eq!(detect(b"%PDF-1.7\n", None, "a").unwrap(), MediaType::Pdf);
        assert_eq!(
            detect(b"junk\r\n%PDF-1.4\n", None, "a").unwrap(),
            MediaType::Pdf
        );
        assert_eq!(
            detect(b"It starts with `%PDF-1.7` but is cut.", None, "a").unwrap(),
            MediaType::Text
        );
        assert_eq!(
            detect(b"<!DOCTYPE html><html>", None, "a").unwrap(),
            MediaType::Html
        );
        assert_eq!(
            detect(b"Near Hajin, 3 strikes.", None, "a").unwrap(),
            MediaType::Text
        );
        assert_eq!(
            detect(b"  \n", None, "a").unwrap_err().kind(),
            ErrorKind::Empty
        );
        assert_eq!(
            detect(b"\x89PNG\r\n\x1a\n\0\0", None, "a")
                .unwrap_err()
                .kind(),
            ErrorKind::UnsupportedMediaType
        );
        assert_eq!(
            detect(b"x", Some("image/png"), "a").unwrap_err().kind(),
            ErrorKind::UnsupportedMediaType
        );
    }
}
