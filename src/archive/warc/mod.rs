//! WARC 1.1 captures: a writer and a reader, both on flate2.
//!
//! We own this code instead of using the `warc` crate because that crate's
//! writer is known broken (it does not produce one gzip member per record and
//! has no fsync/index hook for crash safety); a WARC writer and reader is small
//! and worth owning.
//!
//! | module | role |
//! | --- | --- |
//! | `compose` | the records of one capture: shared fields, request record, archived response head |
//! | `head` | where a WARC or HTTP head ends and its fields (shared syntax, caller's policy) |
//! | [`record`] | one WARC record: headers + block, serialising and parsing |
//! | [`writer`] | [`WarcWriter`]: append captures (one gzip member per record), fsync, index, rotate |
//! | [`reader`] | [`WarcReader`]: records from gzip-per-record or plain WARC 1.0/1.1 files, any tool |
//! | [`http`] | HTTP messages inside records: status, headers, de-chunking, Content-Encoding |
//! | [`documents`] | records → [`crate::Document`]s for `reparse` |

mod compose;
pub mod documents;
mod head;
pub mod http;
pub mod reader;
pub mod record;
pub mod writer;

pub use documents::{record_to_document, RecordOutcome, WarcDocuments};
pub use reader::WarcReader;
pub use record::Record;
pub use writer::WarcWriter;

use sha2::{Digest, Sha256};

/// One HTTP exchange to archive.
#[derive(Debug, Clone)]
pub struct Capture {
    /// The requested URL (after redirects: the final URL).
    pub url: String,
    /// The request as sent (request line + headers), for the `request` record.
    pub request_head: Vec<u8>,
    /// The response status line + headers as received (HTTP/1.1 form).
    pub response_head: Vec<u8>,
    /// The response body, decoded from any Content-Encoding.
    pub body: Vec<u8>,
    /// When the response was received.
    pub retrieved_at: jiff::Timestamp,
    /// The peer address, for `WARC-IP-Address`.
    pub ip: Option<std::net::IpAddr>,
}

/// Where a capture was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureRef {
    /// The WARC file name (relative to the archive dir).
    pub warc_file: String,
    /// The response (or revisit) record's WARC-Record-ID (`<urn:uuid:…>`).
    pub record_id: String,
    /// `sha256:<base32>` payload digest of the body.
    pub payload_digest: String,
}

/// The WARC digest of `bytes`: `sha256:` + RFC 4648 base32 (upper case, padded,
/// as warcio and pywb write it, so other tools can compare digests).
pub fn sha256_digest(bytes: &[u8]) -> String {
    format!("sha256:{}", base32(&Sha256::digest(bytes)))
}

/// RFC 4648 base32 with padding (the encoding of WARC digests).
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        for (slot, b) in buf.iter_mut().zip(chunk) {
            *slot = *b;
        }
        let n = buf.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        // Characters that carry at least one input bit; the rest is padding.
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < chars {
                let idx = ((n >> (35 - i * 5)) & 31) as usize;
                out.push(char::from(ALPHABET.get(idx).copied().unwrap_or(b'A')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A WARC-Date: UTC, RFC 3339, microsecond precision at most (WARC 1.1 allows fractions).
pub fn warc_date(ts: jiff::Timestamp) -> String {
    let ts = ts.round(jiff::Unit::Microsecond).unwrap_or(ts);
    ts.to_string()
}

/// A fresh `<urn:uuid:…>` record id.
pub fn new_record_id() -> String {
    format!("<urn:uuid:{}>", uuid::Uuid::new_v4())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_rfc4648_vectors() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY======");
        assert_eq!(base32(b"fo"), "MZXQ====");
        assert_eq!(base32(b"foo"), "MZXW6===");
        assert_eq!(base32(b"foob"), "MZXW6YQ=");
        assert_eq!(base32(b"fooba"), "MZXW6YTB");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI======");
    }

    #[test]
    fn sha256_digest_of_empty_payload() {
        // sha256("") = e3b0c442…; base32 as Python's base64.b32encode gives it.
        assert_eq!(
            sha256_digest(b""),
            "sha256:4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ===="
        );
    }

    #[test]
    fn warc_date_is_utc_rfc3339() {
        let ts: jiff::Timestamp = "2018-11-30T12:00:01.5Z".parse().unwrap();
        assert_eq!(warc_date(ts), "2018-11-30T12:00:01.5Z");
    }
}
