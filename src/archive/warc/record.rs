//! One WARC record: version line, named fields, a block of bytes.
//!
//! Serialising is strict (WARC 1.1, CRLF everywhere); parsing is lenient in
//! what other tools are known to write (WARC/1.0, bare LF line ends, folded
//! header lines, missing trailing CRLFs) and strict about lengths, so a cut
//! record is never mistaken for a whole one.

/// The largest header section we accept before calling a record malformed.
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// A WARC record as read or about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The version as written (`WARC/1.1`, `WARC/1.0`), kept for readers that care.
    pub version: String,
    /// Named fields in file order, names as written (lookups ignore case).
    pub headers: Vec<(String, String)>,
    /// The record block (`Content-Length` bytes).
    pub block: Vec<u8>,
    /// Byte offset in the file of the gzip member (or plain record) holding the
    /// start of this record; 0 for records not read from a file.
    pub offset: u64,
}

impl Record {
    /// A WARC/1.1 record with the given fields and block (Content-Length is added on write).
    pub fn new(headers: Vec<(String, String)>, block: Vec<u8>) -> Record {
        Record {
            version: "WARC/1.1".into(),
            headers,
            block,
            offset: 0,
        }
    }

    /// The first value of field `name` (case-insensitive), trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    }

    /// `WARC-Type`, lower-cased (`response`, `revisit`, …); empty when missing.
    pub fn record_type(&self) -> String {
        self.header("WARC-Type")
            .unwrap_or_default()
            .to_ascii_lowercase()
    }

    /// `WARC-Record-ID` as written (`<urn:uuid:…>`).
    pub fn record_id(&self) -> Option<&str> {
        self.header("WARC-Record-ID")
    }

    /// `WARC-Target-URI` without the angle brackets some WARC/1.0 writers add.
    pub fn target_uri(&self) -> Option<&str> {
        self.header("WARC-Target-URI").map(|u| {
            u.strip_prefix('<')
                .and_then(|u| u.strip_suffix('>'))
                .unwrap_or(u)
        })
    }

    /// The record serialised: header section, block, and the two CRLFs that end it.
    /// `Content-Length` is computed here; control characters in values are percent-escaped
    /// so a hostile URL cannot inject a header line.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.block.len() + 512);
        out.extend_from_slice(self.version.as_bytes());
        out.extend_from_slice(b"\r\n");
        for (k, v) in &self.headers {
            if k.eq_ignore_ascii_case("Content-Length") {
                continue;
            }
            out.extend_from_slice(k.as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(escape_controls(v).as_bytes());
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", self.block.len()).as_bytes());
        out.extend_from_slice(&self.block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }
}

/// Percent-escapes ASCII control characters (CR, LF, …) in a header value.
fn escape_controls(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        if c.is_ascii_control() {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// What [`parse`] found at the start of a buffer.
#[derive(Debug)]
pub enum Parsed {
    /// A whole record, and how many bytes of the buffer it (and its trailer) used.
    Complete(Record, usize),
    /// The buffer holds the start of a record but not all of it.
    NeedMore,
    /// The buffer holds only blank lines (nothing but record separators).
    Blank,
    /// The buffer does not start with a WARC record; the reason in words.
    Invalid(String),
}

/// Parses one record from the start of `buf`, refusing blocks over `max_block` bytes
/// (reported as `Invalid` with a message starting "record block of").
pub fn parse(buf: &[u8], max_block: u64) -> Parsed {
    let start = buf
        .iter()
        .position(|b| !matches!(b, b'\r' | b'\n'))
        .unwrap_or(buf.len());
    let rest = buf.get(start..).unwrap_or_default();
    if rest.is_empty() {
        return Parsed::Blank;
    }
    // The version line must start the record; check it early so garbage is reported
    // at once rather than after reading on for a header end that never comes.
    let probe = rest.get(..5).unwrap_or(rest);
    if !b"WARC/".starts_with(probe) {
        return Parsed::Invalid("no WARC/ version line where a record should start".into());
    }
    let search = rest.get(..MAX_HEADER_BYTES).unwrap_or(rest);
    let (head_len, sep_len) = match super::head::head_end(search) {
        Some(x) => x,
        None if rest.len() >= MAX_HEADER_BYTES => {
            return Parsed::Invalid(format!(
                "record header is longer than {MAX_HEADER_BYTES} bytes"
            ))
        }
        None => return Parsed::NeedMore,
    };
    let head = String::from_utf8_lossy(rest.get(..head_len).unwrap_or_default());
    let mut lines = super::head::lines(&head);
    let version = lines.next().unwrap_or_default().trim().to_string();
    if !version.starts_with("WARC/") {
        return Parsed::Invalid(format!("bad version line {version:?}"));
    }
    let headers = match super::head::fields(lines, super::head::NoColon::Reject) {
        Ok(h) => h,
        Err(line) => return Parsed::Invalid(format!("header line without a colon: {line:?}")),
    };
    let Some(len) = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
        .map(|(_, v)| v.trim())
    else {
        return Parsed::Invalid("record has no Content-Length".into());
    };
    let Ok(len) = len.parse::<u64>() else {
        return Parsed::Invalid(format!("bad Content-Length {len:?}"));
    };
    if len > max_block {
        return Parsed::Invalid(format!(
            "record block of {len} bytes is over the {max_block}-byte cap"
        ));
    }
    let block_start = head_len + sep_len;
    let Some(block_end) = usize::try_from(len)
        .ok()
        .and_then(|l| block_start.checked_add(l))
    else {
        return Parsed::Invalid(format!("bad Content-Length {len}"));
    };
    let Some(block) = rest.get(block_start..block_end) else {
        return Parsed::NeedMore;
    };
    // The two CRLFs after the block; other tools sometimes write fewer.
    let trailer = rest
        .get(block_end..)
        .unwrap_or_default()
        .iter()
        .take(4)
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    Parsed::Complete(
        Record {
            version,
            headers,
            block: block.to_vec(),
            offset: 0,
        },
        start + block_end + trailer,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Record {
        Record::new(
            vec![
                ("WARC-Type".into(), "resource".into()),
                (
                    "WARC-Target-URI".into(),
                    "http://example.org/a\r\nX: y".into(),
                ),
            ],
            b"hello\r\n\r\nworld".to_vec(),
        )
    }

    #[test]
    fn round_trips_and_escapes_header_injection() {
        let bytes = sample().to_bytes();
        let Parsed::Complete(r, used) = parse(&bytes, 1 << 20) else {
            panic!("not parsed");
        };
        assert_eq!(used, bytes.len());
        assert_eq!(r.block, b"hello\r\n\r\nworld");
        assert_eq!(r.target_uri(), Some("http://example.org/a%0D%0AX: y"));
        assert_eq!(r.header("content-length"), Some("14"));
        assert_eq!(r.record_type(), "resource");
    }

    #[test]
    fn every_cut_is_need_more_never_complete() {
        let bytes = sample().to_bytes();
        // Up to the end of the block a cut must never look complete.
        let block_end = bytes.len() - 4;
        for cut in 1..block_end {
            match parse(&bytes[..cut], 1 << 20) {
                Parsed::NeedMore => {}
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
    }

    #[test]
    fn garbage_and_caps_are_invalid() {
        assert!(matches!(
            parse(b"GET / HTTP/1.1\r\n", 10),
            Parsed::Invalid(_)
        ));
        assert!(matches!(parse(b"\r\n\r\n", 10), Parsed::Blank));
        let big = b"WARC/1.0\r\nContent-Length: 99\r\n\r\n";
        assert!(matches!(parse(big, 10), Parsed::Invalid(m) if m.contains("cap")));
        let neg = b"WARC/1.0\r\nContent-Length: -1\r\n\r\n";
        assert!(matches!(parse(neg, 10), Parsed::Invalid(_)));
    }

    #[test]
    fn lenient_with_lf_and_folding() {
        let raw = b"WARC/1.0\nWARC-Type: response\nX-Long: a\n  b\nContent-Length: 2\n\nok";
        let Parsed::Complete(r, used) = parse(raw, 100) else {
            panic!("not parsed");
        };
        assert_eq!(used, raw.len());
        assert_eq!(r.header("x-long"), Some("a b"));
        assert_eq!(r.block, b"ok");
    }
}
