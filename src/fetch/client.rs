//! The polite, guarded HTTP client: one [`Fetcher`] per run.
//!
//! For every hop (the URL, then each redirect target): the [`Guard`] checks
//! scheme, host and IP literal; robots.txt for the origin is fetched first
//! and obeyed; the host's rate and concurrency limits are waited for; the
//! attempt is retried on transient faults; the body is read under the size
//! cap, checked against `Content-Length` and decoded under the decoded cap.

use super::body;
use super::fetched::{FetchStats, Fetched, Validators};
use super::guard::{Guard, HostAllowList, PrivateAddress};
use super::limits::HostLimits;
use super::retry::{parse_retry_after, with_retries, Failure, RetryPolicy};
use super::robots::{agent_token, RobotsPolicy};
use crate::config::Pipeline;
use crate::error::{Error, ErrorKind, Result};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use url::Url;

/// Everything the fetcher needs to know, usually from a pipeline's
/// `[politeness]` and `[limits]` ([`FetchConfig::from_pipeline`]).
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// The User-Agent header (product token + contact URL).
    pub user_agent: String,
    /// Time to connect.
    pub connect_timeout: Duration,
    /// Longest silence while reading (slow drip).
    pub read_timeout: Duration,
    /// Longest whole attempt.
    pub timeout: Duration,
    /// Body cap on the wire.
    pub max_body_bytes: u64,
    /// Body cap after decoding.
    pub max_decoded_bytes: u64,
    /// Redirects followed per fetch.
    pub max_redirects: u32,
    /// Retry settings.
    pub retry: RetryPolicy,
    /// Requests per second per host.
    pub requests_per_second: f64,
    /// Requests in flight per host.
    pub concurrency: u32,
    /// Hosts that may be fetched.
    pub hosts: HostAllowList,
    /// Whether private/loopback addresses may be connected to.
    pub allow_private: bool,
    /// `ip:port` addresses exempt from the private-address rule when named as
    /// IP literals (a trusted internal mirror; the tests' own server).
    pub exempt_addrs: Vec<std::net::SocketAddr>,
}

impl FetchConfig {
    /// The fetch settings of a pipeline; `allow_private` comes from the command line.
    pub fn from_pipeline(p: &Pipeline, allow_private: bool) -> FetchConfig {
        let l = &p.limits;
        let secs = |s: f64| Duration::try_from_secs_f64(s).unwrap_or(Duration::from_secs(1));
        FetchConfig {
            user_agent: p.politeness.user_agent_header(),
            connect_timeout: secs(l.connect_timeout_secs),
            read_timeout: secs(l.read_timeout_secs),
            timeout: secs(l.timeout_secs),
            max_body_bytes: l.max_body_bytes,
            max_decoded_bytes: l.max_decoded_bytes,
            max_redirects: l.max_redirects,
            retry: RetryPolicy {
                retries: l.retries,
                base: secs(l.retry_base_secs),
                max: secs(l.retry_max_secs),
                max_retry_after: secs(l.max_retry_after_secs),
            },
            requests_per_second: p.politeness.requests_per_second,
            concurrency: p.politeness.concurrency,
            hosts: HostAllowList::new(p.host_allow_list()),
            allow_private,
            exempt_addrs: Vec::new(),
        }
    }
}

/// What is known about one origin: its robots.txt and its limits.
#[derive(Debug)]
struct HostState {
    /// robots.txt rules.
    robots: RobotsPolicy,
    /// Rate and concurrency limits.
    limits: HostLimits,
}

/// Lazily initialised per-origin state, so robots.txt is fetched once even
/// when many tasks hit a new host at the same time.
type HostCell = Arc<tokio::sync::OnceCell<Arc<HostState>>>;

/// The HTTP client of a run.
#[derive(Debug)]
pub struct Fetcher {
    /// reqwest client: no redirects (we follow them), no proxy, guarded DNS.
    client: reqwest::Client,
    /// Scheme, host and address policy.
    guard: Guard,
    /// Settings.
    config: FetchConfig,
    /// Origin → robots + limits.
    hosts: Mutex<HashMap<String, HostCell>>,
    /// Requests sent.
    requests: AtomicU64,
    /// Retries done.
    retries: AtomicU64,
}

impl Fetcher {
    /// Builds the client.
    ///
    /// # Errors
    /// [`ErrorKind::Config`] if the TLS backend cannot start.
    pub fn new(config: FetchConfig) -> Result<Fetcher> {
        let guard = Guard::new(config.hosts.clone(), config.allow_private)
            .with_exempt(config.exempt_addrs.iter().copied());
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A proxy would resolve names itself and bypass the address guard.
            .no_proxy()
            .dns_resolver(guard.resolver())
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .build()
            .map_err(|e| Error::new(ErrorKind::Config, "http client", e.to_string()))?;
        Ok(Fetcher {
            client,
            guard,
            config,
            hosts: Mutex::new(HashMap::new()),
            requests: AtomicU64::new(0),
            retries: AtomicU64::new(0),
        })
    }

    /// The settings in use.
    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// Request and retry counters so far.
    pub fn stats(&self) -> FetchStats {
        FetchStats {
            requests: self.requests.load(Ordering::Relaxed),
            retries: self.retries.load(Ordering::Relaxed),
        }
    }

    /// Fetches a document: 2xx (body decoded) or 304 (with `validators`).
    ///
    /// # Errors
    /// [`ErrorKind::Refused`] for policy (scheme, host, private address,
    /// robots.txt); [`ErrorKind::TooLarge`] for size caps;
    /// [`ErrorKind::Fetch`] for network faults after retries, 4xx/5xx,
    /// truncation, redirect loops and caps — each naming the URL.
    pub async fn fetch(&self, url: &Url, validators: Option<&Validators>) -> Result<Fetched> {
        let fetched = self.follow(url, validators, true).await?;
        if fetched.status >= 400 {
            return Err(Error::new(
                ErrorKind::Fetch,
                url.as_str(),
                format!("HTTP {}", status_line(fetched.status)),
            ));
        }
        Ok(fetched)
    }

    /// Follows redirects from `url`; `robots` is false only for robots.txt itself.
    async fn follow(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        robots: bool,
    ) -> Result<Fetched> {
        let mut current = url.clone();
        let mut hops = vec![current.clone()];
        let mut retries = 0;
        loop {
            self.guard
                .check_url(&current)
                .map_err(|e| e.with_subject(url.as_str()))?;
            let host = if robots {
                let host = self.host(&current).await?;
                if !host.robots.allows(current.as_str()) {
                    let why = match &host.robots {
                        RobotsPolicy::DisallowAll { reason } => {
                            format!("robots.txt unavailable ({reason})")
                        }
                        _ => "robots.txt disallows it".to_string(),
                    };
                    return Err(Error::new(
                        ErrorKind::Refused,
                        url.as_str(),
                        format!("{current}: {why}"),
                    ));
                }
                Some(host)
            } else {
                None
            };
            let (mut fetched, r) = with_retries(
                self.config.retry,
                || self.attempt(&current, validators, host.as_deref()),
                |e, delay| {
                    self.retries.fetch_add(1, Ordering::Relaxed);
                    tracing::warn!(url = %current, error = %e.message(), delay_ms = delay.as_millis() as u64, "retrying");
                },
            )
            .await
            .map_err(|e| e.with_subject(url.as_str()))?;
            retries += r;
            if !matches!(fetched.status, 301 | 302 | 303 | 307 | 308) {
                fetched.requested_url = url.clone();
                fetched.retries = retries;
                fetched.hops = hops;
                return Ok(fetched);
            }
            let fail = |m: String| Err(Error::new(ErrorKind::Fetch, url.as_str(), m));
            let Some(location) = fetched.header("location") else {
                return fail(format!("HTTP {} without a Location header", fetched.status));
            };
            let next = match current.join(location) {
                Ok(next) => next,
                Err(e) => return fail(format!("redirect to an invalid URL {location:?}: {e}")),
            };
            if hops.contains(&next) {
                return fail(format!("redirect loop at {next}"));
            }
            if hops.len() > self.config.max_redirects as usize {
                return fail(format!("more than {} redirects", self.config.max_redirects));
            }
            tracing::debug!(from = %current, to = %next, "redirect");
            hops.push(next.clone());
            current = next;
        }
    }

    /// The robots.txt and limits of `url`'s origin, fetching robots.txt the first time.
    async fn host(&self, url: &Url) -> Result<Arc<HostState>> {
        let origin = url.origin().ascii_serialization();
        let cell = {
            let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
            hosts.entry(origin.clone()).or_default().clone()
        };
        let state = cell
            .get_or_try_init(|| async {
                let robots = self.fetch_robots(url, &origin).await?;
                let limits = HostLimits::new(
                    self.config.requests_per_second,
                    self.config.concurrency,
                    robots.crawl_delay(),
                );
                tracing::debug!(origin = %origin, interval_ms = limits.interval().as_millis() as u64, "host limits");
                Ok::<_, Error>(Arc::new(HostState { robots, limits }))
            })
            .await?;
        Ok(state.clone())
    }

    /// Fetches and parses `origin/robots.txt`. Policy refusals propagate (and
    /// are not cached); other failures mean "disallow all" (RFC 9309 §2.3.1.4).
    async fn fetch_robots(&self, url: &Url, origin: &str) -> Result<RobotsPolicy> {
        let robots_url = url
            .join("/robots.txt")
            .map_err(|e| Error::new(ErrorKind::Fetch, origin, e.to_string()))?;
        let agent = agent_token(&self.config.user_agent);
        // Boxed: robots.txt is fetched from inside `follow` (for its first hop).
        match Box::pin(self.follow(&robots_url, None, false)).await {
            Ok(f) => Ok(RobotsPolicy::from_response(f.status, &f.body, agent)),
            Err(e) if e.kind() == ErrorKind::Refused => Err(e.with_subject(url.as_str())),
            Err(e) => {
                tracing::warn!(origin, error = %e, "robots.txt unavailable; not fetching from this host");
                Ok(RobotsPolicy::DisallowAll {
                    reason: e.message().to_string(),
                })
            }
        }
    }

    /// The headers sent with a request, in order (also written to the WARC request record).
    fn request_headers(&self, url: &Url, validators: Option<&Validators>) -> Vec<(String, String)> {
        let mut host = url.host_str().unwrap_or_default().to_string();
        if let Some(port) = url.port() {
            host = format!("{host}:{port}");
        }
        let mut h = vec![
            ("Host".to_string(), host),
            ("User-Agent".to_string(), self.config.user_agent.clone()),
            (
                "Accept".to_string(),
                "text/html,application/xhtml+xml,application/pdf;q=0.9,application/xml;q=0.8,*/*;q=0.5".to_string(),
            ),
            ("Accept-Encoding".to_string(), "gzip, deflate, br".to_string()),
        ];
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                h.push(("If-None-Match".to_string(), etag.clone()));
            }
            if let Some(lm) = &v.last_modified {
                h.push(("If-Modified-Since".to_string(), lm.clone()));
            }
        }
        h
    }

    /// One attempt at one URL, under the host's limits and the total timeout.
    async fn attempt(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        host: Option<&HostState>,
    ) -> std::result::Result<Fetched, Failure> {
        let _permit = match host {
            Some(h) => h.limits.acquire().await,
            None => None,
        };
        self.requests.fetch_add(1, Ordering::Relaxed);
        let headers = self.request_headers(url, validators);
        let timeout = self.config.timeout;
        match tokio::time::timeout(timeout, self.exchange(url, headers)).await {
            Ok(result) => result,
            Err(_) => Err(Failure::Transient {
                error: Error::new(
                    ErrorKind::Fetch,
                    url.as_str(),
                    format!("timed out after {:.1}s", timeout.as_secs_f64()),
                ),
                retry_after: None,
            }),
        }
    }

    /// Sends the request and reads the response (body only for 2xx).
    async fn exchange(
        &self,
        url: &Url,
        headers: Vec<(String, String)>,
    ) -> std::result::Result<Fetched, Failure> {
        let mut req = self.client.get(url.clone());
        for (k, v) in headers.iter().filter(|(k, _)| k != "Host") {
            req = req.header(k, v);
        }
        let mut resp = req
            .send()
            .await
            .map_err(|e| classify(url, &e, "request failed"))?;
        let retrieved_at = jiff::Timestamp::now();
        let status = resp.status().as_u16();
        let resp_headers: Vec<(String, String)> = resp
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    title_case(k.as_str()),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let find = |name: &str| {
            resp_headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        let transient = |m: String, ra: Option<Duration>| Failure::Transient {
            error: Error::new(ErrorKind::Fetch, url.as_str(), m),
            retry_after: ra,
        };
        if status == 429 || status >= 500 {
            let ra = find("retry-after").and_then(|v| parse_retry_after(&v, retrieved_at));
            return Err(transient(format!("HTTP {}", status_line(status)), ra));
        }
        let mut raw = Vec::new();
        if (200..300).contains(&status) {
            let declared = find("content-length").and_then(|v| v.trim().parse::<u64>().ok());
            let too_large = |n: u64| {
                Failure::Permanent(Error::new(
                    ErrorKind::TooLarge,
                    url.as_str(),
                    format!(
                        "body of {n} bytes exceeds the {} byte cap",
                        self.config.max_body_bytes
                    ),
                ))
            };
            if let Some(n) = declared.filter(|n| *n > self.config.max_body_bytes) {
                return Err(too_large(n));
            }
            loop {
                match resp.chunk().await {
                    Ok(Some(chunk)) => {
                        raw.extend_from_slice(&chunk);
                        if raw.len() as u64 > self.config.max_body_bytes {
                            return Err(too_large(raw.len() as u64));
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        let what = match declared {
                            Some(n) => format!("body cut off at {} of {n} bytes", raw.len()),
                            None => format!("body cut off after {} bytes", raw.len()),
                        };
                        return Err(classify(url, &e, &what));
                    }
                }
            }
            if let Some(n) = declared.filter(|n| *n != raw.len() as u64) {
                return Err(transient(
                    format!(
                        "body truncated: {} bytes received, Content-Length says {n}",
                        raw.len()
                    ),
                    None,
                ));
            }
        }
        let body = body::decode(
            raw,
            find("content-encoding").as_deref(),
            self.config.max_decoded_bytes,
            url.as_str(),
        )
        .map_err(Failure::Permanent)?;
        let version = match resp.version() {
            reqwest::Version::HTTP_10 => "HTTP/1.0",
            _ => "HTTP/1.1",
        };
        let reason = resp.status().canonical_reason().unwrap_or("");
        Ok(Fetched {
            requested_url: url.clone(),
            url: url.clone(),
            status,
            request_head: body::request_head(url, &headers),
            response_head: body::response_head(version, status, reason, &resp_headers, body.len()),
            headers: resp_headers,
            body,
            retrieved_at,
            ip: resp.remote_addr().map(|a| a.ip()),
            retries: 0,
            hops: Vec::new(),
        })
    }
}

/// `404 Not Found`.
fn status_line(status: u16) -> String {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    format!("{status} {reason}").trim_end().to_string()
}

/// `content-type` → `Content-Type` (header names are case-insensitive; archives read better this way).
fn title_case(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Sorts a reqwest error into refused (private address found by the
/// resolver), transient (timeouts, resets, truncation) or permanent.
fn classify(url: &Url, e: &reqwest::Error, what: &str) -> Failure {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let mut root = e.to_string();
    while let Some(s) = source {
        if let Some(p) = s.downcast_ref::<PrivateAddress>() {
            return Failure::Permanent(Error::new(ErrorKind::Refused, url.as_str(), p.to_string()));
        }
        // The innermost cause says what happened ("connection reset by peer");
        // the wrappers only repeat the URL.
        root = s.to_string();
        source = s.source();
    }
    let message = format!("{what}: {root}");
    if e.is_builder() {
        return Failure::Permanent(Error::new(ErrorKind::Fetch, url.as_str(), message));
    }
    let message = if e.is_timeout() {
        format!("{what}: timed out")
    } else {
        message
    };
    Failure::Transient {
        error: Error::new(ErrorKind::Fetch, url.as_str(), message),
        retry_after: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_header_names() {
        assert_eq!(title_case("content-type"), "Content-Type");
        assert_eq!(title_case("etag"), "Etag");
        assert_eq!(title_case("x-archive--a"), "X-Archive--A");
    }

    #[test]
    fn status_lines() {
        assert_eq!(status_line(404), "404 Not Found");
        assert_eq!(status_line(599), "599");
    }
}
