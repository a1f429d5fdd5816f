//! Response bodies: Content-Encoding decoding under a size cap (gzip/brotli
//! bombs), and the HTTP heads kept for the WARC records.

use crate::error::{Error, ErrorKind, Result};
use std::io::Read;

/// Decodes `raw` by its `Content-Encoding` (possibly a list, applied in
/// order, so decoded in reverse), refusing output over `cap` bytes.
///
/// # Errors
/// [`ErrorKind::TooLarge`] over the cap; [`ErrorKind::Fetch`] for an unknown
/// encoding or a corrupt stream; both name `url`.
pub fn decode(
    raw: Vec<u8>,
    content_encoding: Option<&str>,
    cap: u64,
    url: &str,
) -> Result<Vec<u8>> {
    let Some(header) = content_encoding else {
        return Ok(raw);
    };
    let mut body = raw;
    for coding in header
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .rev()
    {
        body = match coding.as_str() {
            "" | "identity" => body,
            "gzip" | "x-gzip" => read_capped(
                flate2::read::MultiGzDecoder::new(&body[..]),
                cap,
                url,
                "gzip",
            )?,
            "deflate" => match read_capped(
                flate2::read::ZlibDecoder::new(&body[..]),
                cap,
                url,
                "deflate",
            ) {
                // Some servers send raw DEFLATE under this name.
                Err(e) if e.kind() != ErrorKind::TooLarge => read_capped(
                    flate2::read::DeflateDecoder::new(&body[..]),
                    cap,
                    url,
                    "deflate",
                )?,
                other => other?,
            },
            "br" => read_capped(
                brotli::Decompressor::new(&body[..], 4096),
                cap,
                url,
                "brotli",
            )?,
            other => {
                return Err(Error::new(
                    ErrorKind::Fetch,
                    url,
                    format!("unsupported Content-Encoding {other:?}"),
                ))
            }
        };
    }
    Ok(body)
}

/// Reads a decoder to the end, failing as soon as it yields more than `cap` bytes.
fn read_capped(reader: impl Read, cap: u64, url: &str, what: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    reader
        .take(cap.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| {
            Error::new(ErrorKind::Fetch, url, format!("corrupt {what} body: {e}")).with_source(e)
        })?;
    if out.len() as u64 > cap {
        return Err(Error::new(
            ErrorKind::TooLarge,
            url,
            format!("{what} body decodes to more than {cap} bytes (decompression bomb?)"),
        ));
    }
    Ok(out)
}

/// Whether `bytes` start with the gzip magic (sitemaps served as `.xml.gz`).
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// The request head as sent: request line, then headers, then a blank line.
pub fn request_head(url: &url::Url, headers: &[(String, String)]) -> Vec<u8> {
    let mut target = url.path().to_string();
    if let Some(q) = url.query() {
        target.push('?');
        target.push_str(q);
    }
    let mut head = format!("GET {target} HTTP/1.1\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

/// The response head for the WARC record. The archived body is decoded, so
/// the framing headers that described the wire form are kept under
/// `X-Archive-Orig-` (the Wayback convention) and a true `Content-Length` is added.
pub fn response_head(
    version: &str,
    status: u16,
    reason: &str,
    headers: &[(String, String)],
    body_len: usize,
) -> Vec<u8> {
    let mut head = format!("{version} {status} {reason}\r\n");
    for (k, v) in headers {
        let lower = k.to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "content-encoding" | "content-length" | "transfer-encoding"
        ) {
            head.push_str(&format!("X-Archive-Orig-{k}: {v}\r\n"));
        } else {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    head.push_str(&format!("Content-Length: {body_len}\r\n\r\n"));
    head.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn gzip_and_brotli_roundtrip() {
        let text = b"Coalition strikes near Mosul".repeat(10);
        assert_eq!(
            decode(gzip(&text), Some("gzip"), 1 << 20, "u").unwrap(),
            text
        );
        let mut br = Vec::new();
        brotli::CompressorWriter::new(&mut br, 4096, 5, 22)
            .write_all(&text)
            .unwrap();
        assert_eq!(decode(br, Some("br"), 1 << 20, "u").unwrap(), text);
        assert_eq!(decode(text.clone(), None, 1, "u").unwrap(), text);
    }

    #[test]
    fn bomb_is_refused() {
        let bomb = gzip(&vec![0u8; 10 << 20]);
        assert!(bomb.len() < 20_000);
        let e = decode(bomb, Some("gzip"), 1 << 20, "u").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TooLarge);
    }

    #[test]
    fn unknown_and_corrupt_encodings_fail() {
        assert!(decode(b"x".to_vec(), Some("zstd"), 10, "u")
            .unwrap_err()
            .message()
            .contains("zstd"));
        assert!(decode(b"not gzip".to_vec(), Some("gzip"), 10, "u").is_err());
    }

    #[test]
    fn response_head_renames_framing_headers() {
        let h = vec![
            ("Content-Type".to_string(), "text/html".to_string()),
            ("Content-Encoding".to_string(), "gzip".to_string()),
        ];
        let head = String::from_utf8(response_head("HTTP/1.1", 200, "OK", &h, 42)).unwrap();
        assert_eq!(
            head,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Archive-Orig-Content-Encoding: gzip\r\nContent-Length: 42\r\n\r\n"
        );
    }
}
