//! Composing the records of a capture: the fields every record shares, the
//! `request` record, and the response head as archived (describing the body we
//! actually store).

use super::record::Record;
use super::{new_record_id, sha256_digest, Capture};

/// WARC-Type, WARC-Record-ID, WARC-Date, WARC-Target-URI, WARC-Warcinfo-ID.
pub(crate) fn common(
    kind: &str,
    id: &str,
    date: &str,
    url: &str,
    warcinfo: &str,
) -> Vec<(String, String)> {
    vec![
        ("WARC-Type".into(), kind.into()),
        ("WARC-Record-ID".into(), id.into()),
        ("WARC-Date".into(), date.into()),
        ("WARC-Target-URI".into(), url.into()),
        ("WARC-Warcinfo-ID".into(), warcinfo.into()),
    ]
}

/// The `request` record of a capture, concurrent to its response (or revisit).
pub(crate) fn request_record(
    capture: &Capture,
    date: &str,
    warcinfo: &str,
    concurrent: &str,
) -> Record {
    let block = end_head(&capture.request_head);
    let mut h = common("request", &new_record_id(), date, &capture.url, warcinfo);
    h.push(("WARC-Concurrent-To".into(), concurrent.into()));
    h.push(("WARC-Block-Digest".into(), sha256_digest(&block)));
    h.push((
        "Content-Type".into(),
        "application/http;msgtype=request".into(),
    ));
    Record::new(h, block)
}

/// A head with exactly one blank line at its end.
pub(crate) fn end_head(head: &[u8]) -> Vec<u8> {
    let mut end = head.len();
    while end > 0 && matches!(head.get(end - 1), Some(b'\r' | b'\n')) {
        end -= 1;
    }
    let mut out = head.get(..end).unwrap_or_default().to_vec();
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// The response head as archived: the body we hold is already de-chunked and
/// decoded, so `Transfer-Encoding`, `Content-Encoding` and a wrong `Content-Length`
/// are kept only as `X-Civtrace-Orig-*` (for audit) and `Content-Length` is the
/// stored body's. Otherwise the head is as received.
pub(crate) fn archived_head(head: &[u8], body_len: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(head);
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.is_empty());
    let status = lines
        .next()
        .filter(|l| l.starts_with("HTTP/"))
        .unwrap_or("HTTP/1.1 200 OK");
    let mut out = format!("{status}\r\n");
    let mut has_length = false;
    for line in lines {
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        let lower = name.trim().to_ascii_lowercase();
        let renamed = match lower.as_str() {
            "transfer-encoding" | "content-encoding" => true,
            "content-length" if value.trim() == body_len.to_string() && !has_length => {
                has_length = true;
                false
            }
            "content-length" => true,
            _ => false,
        };
        if renamed {
            out.push_str(&format!("X-Civtrace-Orig-{}:{value}\r\n", name.trim()));
        } else {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    if !has_length {
        out.push_str(&format!("Content-Length: {body_len}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

/// The status code of an HTTP head.
pub(crate) fn status_of(head: &[u8]) -> Option<u16> {
    let line = head.split(|b| *b == b'\n').next()?;
    let text = String::from_utf8_lossy(line);
    text.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archived_head_describes_the_stored_body() {
        let head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n";
        let out = String::from_utf8(archived_head(head, 42)).unwrap();
        assert_eq!(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Civtrace-Orig-Transfer-Encoding: chunked\r\nX-Civtrace-Orig-Content-Encoding: gzip\r\nContent-Length: 42\r\n\r\n"
        );
        let plain = b"HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n";
        let out = archived_head(plain, 3);
        assert_eq!(out, b"HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\n");
        assert_eq!(status_of(&out), Some(404));
    }
}
