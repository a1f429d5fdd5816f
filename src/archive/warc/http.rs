//! HTTP messages inside WARC records: the status line and headers, and the
//! body as the server meant it — de-chunked and decoded from gzip, deflate or
//! brotli, with a cap on the decoded size so a compression bomb in an archive
//! cannot exhaust memory.

use crate::error::{Error, ErrorKind, Result};
use std::io::Read;

/// Default cap on a decoded body.
pub const DEFAULT_MAX_BODY_BYTES: u64 = 256 * 1024 * 1024;

/// An HTTP response split into head and (still encoded) body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code (200, 304, …).
    pub status: u16,
    /// Header fields in order, names as written.
    pub headers: Vec<(String, String)>,
    /// The bytes after the head, as transmitted (maybe chunked, maybe compressed).
    pub raw_body: Vec<u8>,
}

impl HttpResponse {
    /// The first value of header `name` (case-insensitive), trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    }

    /// `Content-Type` as sent (with parameters such as charset, which the parser needs).
    pub fn content_type(&self) -> Option<&str> {
        self.header("Content-Type").filter(|v| !v.is_empty())
    }

    /// `Last-Modified`, parsed (RFC 9110 IMF-fixdate, RFC 850 or asctime).
    pub fn last_modified(&self) -> Option<jiff::Timestamp> {
        self.header("Last-Modified").and_then(parse_http_date)
    }

    /// `Date`, parsed.
    pub fn date(&self) -> Option<jiff::Timestamp> {
        self.header("Date").and_then(parse_http_date)
    }

    /// The body de-chunked and decoded, at most `cap` bytes.
    ///
    /// # Errors
    /// `Warc` for broken chunking or compression, `TooLarge` over the cap; both name `name`.
    pub fn decoded_body(&self, name: &str, cap: u64) -> Result<Vec<u8>> {
        let chunked = self
            .header("Transfer-Encoding")
            .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
        let body = if chunked {
            dechunk(&self.raw_body, cap).map_err(|(kind, m)| Error::new(kind, name, m))?
        } else {
            self.raw_body.clone()
        };
        let encoding = self
            .header("Content-Encoding")
            .unwrap_or_default()
            .to_ascii_lowercase();
        decode(&body, &encoding, cap).map_err(|(kind, m)| Error::new(kind, name, m))
    }
}

/// Splits an HTTP response message (status line, headers, body).
///
/// # Errors
/// A block that is not an HTTP response, or has no end of head, names `name`.
pub fn parse_response(block: &[u8], name: &str) -> Result<HttpResponse> {
    let bad = |m: &str| Error::new(ErrorKind::Warc, name, m.to_string());
    let (head_len, sep) =
        super::head::head_end(block).ok_or_else(|| bad("HTTP response has no end of head"))?;
    let head = String::from_utf8_lossy(block.get(..head_len).unwrap_or_default());
    let mut lines = super::head::lines(&head);
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.split_whitespace();
    let proto = parts.next().unwrap_or_default();
    if !proto.starts_with("HTTP/") {
        return Err(bad("record block does not start with an HTTP status line"));
    }
    let status = parts
        .next()
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| bad("HTTP status line has no status code"))?;
    // Junk lines without a colon are ignored, as browsers do.
    let headers = super::head::fields(lines, super::head::NoColon::Skip).unwrap_or_default();
    Ok(HttpResponse {
        status,
        headers,
        raw_body: block.get(head_len + sep..).unwrap_or_default().to_vec(),
    })
}

/// Removes chunked transfer coding. A body that does not start with a chunk-size
/// line is returned as is: some archivers store bodies already de-chunked but
/// keep the header.
fn dechunk(raw: &[u8], cap: u64) -> std::result::Result<Vec<u8>, (ErrorKind, String)> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    let mut first = true;
    loop {
        let rest = raw.get(pos..).unwrap_or_default();
        let Some(eol) = memchr::memchr(b'\n', rest) else {
            if first {
                return Ok(raw.to_vec());
            }
            return Err((
                ErrorKind::Warc,
                "chunked body is truncated (no chunk size)".into(),
            ));
        };
        let line = String::from_utf8_lossy(rest.get(..eol).unwrap_or_default());
        let size_text = line
            .trim()
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        let Ok(size) = usize::from_str_radix(&size_text, 16) else {
            if first {
                return Ok(raw.to_vec());
            }
            return Err((ErrorKind::Warc, format!("bad chunk size {size_text:?}")));
        };
        first = false;
        pos += eol + 1;
        if size == 0 {
            return Ok(out);
        }
        if (out.len() as u64).saturating_add(size as u64) > cap {
            return Err((
                ErrorKind::TooLarge,
                format!("de-chunked body is over the {cap}-byte cap"),
            ));
        }
        let Some(data) = pos.checked_add(size).and_then(|end| raw.get(pos..end)) else {
            return Err((
                ErrorKind::Warc,
                "chunked body is truncated inside a chunk".into(),
            ));
        };
        out.extend_from_slice(data);
        pos += size;
        // The CRLF after the chunk data.
        let after = raw.get(pos..).unwrap_or_default();
        if after.starts_with(b"\r\n") {
            pos += 2;
        } else if after.starts_with(b"\n") {
            pos += 1;
        }
    }
}

/// Decodes one Content-Encoding (`""`/`identity` pass through).
fn decode(
    body: &[u8],
    encoding: &str,
    cap: u64,
) -> std::result::Result<Vec<u8>, (ErrorKind, String)> {
    let mut out = Vec::new();
    let res = match encoding.trim() {
        "" | "identity" | "none" => return Ok(body.to_vec()),
        "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(body)
            .take(cap.saturating_add(1))
            .read_to_end(&mut out),
        "deflate" => {
            // Servers send zlib-wrapped or raw deflate under this name; try both.
            let zlib = flate2::read::ZlibDecoder::new(body)
                .take(cap.saturating_add(1))
                .read_to_end(&mut out);
            if zlib.is_err() {
                out.clear();
                flate2::read::DeflateDecoder::new(body)
                    .take(cap.saturating_add(1))
                    .read_to_end(&mut out)
            } else {
                zlib
            }
        }
        "br" => brotli::Decompressor::new(body, 4096)
            .take(cap.saturating_add(1))
            .read_to_end(&mut out),
        other => {
            return Err((
                ErrorKind::Warc,
                format!("unsupported Content-Encoding {other:?}"),
            ))
        }
    };
    if let Err(e) = res {
        return Err((ErrorKind::Warc, format!("{encoding} body is corrupt: {e}")));
    }
    if out.len() as u64 > cap {
        return Err((
            ErrorKind::TooLarge,
            format!("{encoding} body decodes to more than {cap} bytes"),
        ));
    }
    Ok(out)
}

/// Parses an HTTP date (IMF-fixdate, RFC 850 or asctime); `None` when unparseable.
pub fn parse_http_date(s: &str) -> Option<jiff::Timestamp> {
    let s = s.trim();
    for fmt in [
        "%a, %d %b %Y %H:%M:%S GMT",
        "%A, %d-%b-%y %H:%M:%S GMT",
        "%a %b %e %H:%M:%S %Y",
    ] {
        if let Ok(dt) = jiff::civil::DateTime::strptime(fmt, s) {
            if let Ok(ts) = jiff::tz::TimeZone::UTC.to_timestamp(dt) {
                return Some(ts);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn response(headers: &str, body: &[u8]) -> Vec<u8> {
        [format!("HTTP/1.1 200 OK\r\n{headers}\r\n").as_bytes(), body].concat()
    }

    #[test]
    fn dechunks_and_gunzips() {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b"<p>hello world</p>").unwrap();
        let gz = e.finish().unwrap();
        let (a, b) = gz.split_at(7);
        let mut chunked = format!("{:x};ext=1\r\n", a.len()).into_bytes();
        chunked.extend_from_slice(a);
        chunked.extend_from_slice(format!("\r\n{:X}\r\n", b.len()).as_bytes());
        chunked.extend_from_slice(b);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let block = response(
            "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\nContent-Type: text/html; charset=utf-8\r\n",
            &chunked,
        );
        let r = parse_response(&block, "t").unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.content_type(), Some("text/html; charset=utf-8"));
        assert_eq!(r.decoded_body("t", 1000).unwrap(), b"<p>hello world</p>");
    }

    #[test]
    fn brotli_and_deflate_and_bomb_cap() {
        let mut br = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut br, 4096, 5, 22);
            w.write_all(&[b'a'; 10_000]).unwrap();
        }
        let r = parse_response(&response("Content-Encoding: br\r\n", &br), "t").unwrap();
        assert_eq!(r.decoded_body("t", 10_000).unwrap().len(), 10_000);
        let e = r.decoded_body("t", 9_999).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TooLarge);
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(b"raw deflate").unwrap();
        let raw = z.finish().unwrap();
        let r = parse_response(&response("Content-Encoding: deflate\r\n", &raw), "t").unwrap();
        assert_eq!(r.decoded_body("t", 100).unwrap(), b"raw deflate");
    }

    #[test]
    fn huge_chunk_size_is_refused_not_overflowed() {
        // Found by the fuzzer: a chunk size of 2^64-1 overflowed the cap check.
        let block = response(
            "Transfer-Encoding: chunked\r\n",
            b"9\r\n123456789\r\nffffffffffffffff\r\nabc",
        );
        let r = parse_response(&block, "t").unwrap();
        assert_eq!(
            r.decoded_body("t", 1000).unwrap_err().kind(),
            ErrorKind::TooLarge
        );
        assert!(r.decoded_body("t", u64::MAX).is_err());
    }

    #[test]
    fn truncated_chunk_is_an_error_and_dates_parse() {
        let block = response(
            "Transfer-Encoding: chunked\r\nLast-Modified: Sun, 06 Nov 1994 08:49:37 GMT\r\n",
            b"10\r\nshort",
        );
        let r = parse_response(&block, "t").unwrap();
        assert_eq!(
            r.decoded_body("t", 100).unwrap_err().kind(),
            ErrorKind::Warc
        );
        assert_eq!(
            r.last_modified().map(|t| t.to_string()),
            Some("1994-11-06T08:49:37Z".into())
        );
        assert!(parse_response(b"not http\r\n\r\n", "t").is_err());
    }
}
