//! What a fetch returns: the response that passed every check, ready to archive.

use crate::archive::warc::Capture;
use std::net::IpAddr;
use url::Url;

/// Conditional-GET validators from the previous capture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// Sent as `If-None-Match`.
    pub etag: Option<String>,
    /// Sent as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

/// A response that made it through every check.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL asked for.
    pub requested_url: Url,
    /// The URL answered (after redirects).
    pub url: Url,
    /// HTTP status: 2xx, 304, or (for robots.txt only) 4xx.
    pub status: u16,
    /// Response headers, names title-cased, in order received.
    pub headers: Vec<(String, String)>,
    /// Body decoded from its Content-Encoding (empty for 304).
    pub body: Vec<u8>,
    /// The last request as sent, for the WARC `request` record.
    pub request_head: Vec<u8>,
    /// The response head, framing headers adjusted to the decoded body.
    pub response_head: Vec<u8>,
    /// When the response headers arrived.
    pub retrieved_at: jiff::Timestamp,
    /// The peer address.
    pub ip: Option<IpAddr>,
    /// Retries it took, over all hops.
    pub retries: u32,
    /// Every URL requested, in order (the first is `requested_url`).
    pub hops: Vec<Url>,
}

impl Fetched {
    /// The first header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the server said the document is unchanged (304).
    pub fn is_not_modified(&self) -> bool {
        self.status == 304
    }

    /// The validators to send next time.
    pub fn validators(&self) -> Validators {
        Validators {
            etag: self.header("etag").map(str::to_string),
            last_modified: self.header("last-modified").map(str::to_string),
        }
    }

    /// The capture to archive.
    pub fn to_capture(&self) -> Capture {
        Capture {
            url: self.url.to_string(),
            request_head: self.request_head.clone(),
            response_head: self.response_head.clone(),
            body: self.body.clone(),
            retrieved_at: self.retrieved_at,
            ip: self.ip,
        }
    }
}

/// Counters over a fetcher's life, for the run summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FetchStats {
    /// HTTP requests sent (attempts, robots.txt included).
    pub requests: u64,
    /// Retries (attempts after a transient failure).
    pub retries: u64,
}
