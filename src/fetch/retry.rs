//! Retries with exponential backoff and jitter (backon): only timeouts,
//! connection resets, truncated bodies, 429 and 5xx are retried; a
//! `Retry-After` longer than the backoff wins, one longer than the cap fails.

use crate::error::Error;
use backon::{ExponentialBuilder, Retryable};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// How one attempt failed, and whether trying again may help.
#[derive(Debug)]
pub enum Failure {
    /// A transient fault (timeout, reset, truncation, 429, 5xx).
    Transient {
        /// What happened.
        error: Error,
        /// The server's `Retry-After`, if it sent one.
        retry_after: Option<Duration>,
    },
    /// A fault that repeats (policy refusal, 4xx, size cap, bad encoding).
    Permanent(Error),
}

impl Failure {
    /// The underlying error.
    pub fn into_error(self) -> Error {
        match self {
            Failure::Transient { error, .. } | Failure::Permanent(error) => error,
        }
    }
}

/// Backoff settings (from the pipeline's `[limits]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// First delay; doubles each retry.
    pub base: Duration,
    /// Longest delay from the backoff.
    pub max: Duration,
    /// Longest `Retry-After` honoured; longer ones fail the document at once.
    pub max_retry_after: Duration,
}

/// Runs `attempt` until it succeeds, fails permanently, or retries run out.
/// Returns the value and the number of retries it took; `on_retry` sees every
/// retry (for logs and counters).
///
/// # Errors
/// The last attempt's error; a `Retry-After` over the cap says so.
pub async fn with_retries<T, F, Fut>(
    policy: RetryPolicy,
    attempt: F,
    on_retry: impl Fn(&Error, Duration),
) -> Result<(T, u32), Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, Failure>>,
{
    let backoff = ExponentialBuilder::default()
        .with_min_delay(policy.base)
        .with_max_delay(policy.max.max(policy.base))
        .with_max_times(policy.retries as usize)
        .with_jitter();
    let retries = AtomicU32::new(0);
    let result = attempt
        .retry(backoff)
        .sleep(tokio::time::sleep)
        .when(|f| match f {
            Failure::Transient { retry_after, .. } => {
                retry_after.is_none_or(|d| d <= policy.max_retry_after)
            }
            Failure::Permanent(_) => false,
        })
        .adjust(|f, delay| match (f, delay) {
            (
                Failure::Transient {
                    retry_after: Some(ra),
                    ..
                },
                Some(d),
            ) => Some(d.max(*ra)),
            (_, d) => d,
        })
        .notify(|f, delay| {
            retries.fetch_add(1, Ordering::Relaxed);
            let (Failure::Transient { error, .. } | Failure::Permanent(error)) = f;
            on_retry(error, delay);
        })
        .await;
    let retries = retries.load(Ordering::Relaxed);
    match result {
        Ok(v) => Ok((v, retries)),
        Err(Failure::Transient {
            error,
            retry_after: Some(ra),
        }) if ra > policy.max_retry_after => {
            let message = format!(
                "{}; Retry-After of {}s exceeds the {}s cap",
                error.message(),
                ra.as_secs(),
                policy.max_retry_after.as_secs()
            );
            Err(Error::new(error.kind(), error.subject(), message))
        }
        Err(f) if retries > 0 => {
            let error = f.into_error();
            let message = format!("{} (after {} retries)", error.message(), retries);
            Err(Error::new(error.kind(), error.subject(), message))
        }
        Err(f) => Err(f.into_error()),
    }
}

/// Parses `Retry-After`: delta-seconds or an HTTP date (relative to `now`).
pub fn parse_retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let secs = when.as_second().saturating_sub(now.as_second());
    Some(Duration::from_secs(u64::try_from(secs).unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use std::sync::atomic::AtomicUsize;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            retries: 3,
            base: Duration::from_millis(1),
            max: Duration::from_millis(5),
            max_retry_after: Duration::from_secs(2),
        }
    }

    fn transient(ra: Option<Duration>) -> Failure {
        Failure::Transient {
            error: Error::new(ErrorKind::Fetch, "u", "HTTP 503"),
            retry_after: ra,
        }
    }

    #[tokio::test]
    async fn transient_then_success() {
        let calls = AtomicUsize::new(0);
        let (v, retries) = with_retries(
            policy(),
            || async {
                if calls.fetch_add(1, Ordering::SeqCst) < 2 {
                    Err(transient(None))
                } else {
                    Ok(7)
                }
            },
            |_, _| {},
        )
        .await
        .unwrap();
        assert_eq!((v, retries), (7, 2));
    }

    #[tokio::test]
    async fn permanent_is_not_retried() {
        let calls = AtomicUsize::new(0);
        let e = with_retries(
            policy(),
            || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err::<(), _>(Failure::Permanent(Error::new(
                    ErrorKind::Fetch,
                    "u",
                    "HTTP 404",
                )))
            },
            |_, _| {},
        )
        .await
        .unwrap_err();
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert_eq!(e.message(), "HTTP 404");
    }

    #[tokio::test]
    async fn retries_run_out_and_say_so() {
        let calls = AtomicUsize::new(0);
        let e = with_retries(
            policy(),
            || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err::<(), _>(transient(None))
            },
            |_, _| {},
        )
        .await
        .unwrap_err();
        assert_eq!(calls.load(Ordering::SeqCst), 4);
        assert_eq!(e.message(), "HTTP 503 (after 3 retries)");
    }

    #[tokio::test]
    async fn retry_after_over_cap_fails_at_once() {
        let calls = AtomicUsize::new(0);
        let e = with_retries(
            policy(),
            || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err::<(), _>(transient(Some(Duration::from_secs(3600))))
            },
            |_, _| {},
        )
        .await
        .unwrap_err();
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert!(e.message().contains("exceeds the 2s cap"), "{e}");
    }

    #[test]
    fn retry_after_forms() {
        let now: jiff::Timestamp = "2015-10-21T07:27:00Z".parse().unwrap();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
