//! Per-host politeness: a rate limit (governor) and a concurrency limit
//! (tokio semaphore), one pair per origin, created once robots.txt is known so
//! a `Crawl-delay` slower than the pipeline's rate wins.

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::time::Duration;
use tokio::sync::{Semaphore, SemaphorePermit};

/// Longest `Crawl-delay` honoured, so a hostile robots.txt cannot stall a run for days.
const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

/// The limits of one host (origin).
#[derive(Debug)]
pub struct HostLimits {
    /// Requests in flight at once.
    semaphore: Semaphore,
    /// Requests started per unit of time.
    limiter: DefaultDirectRateLimiter,
    /// The interval between requests this limiter enforces, for logs and tests.
    interval: Duration,
}

impl HostLimits {
    /// Limits of `requests_per_second` (slowed to `crawl_delay` seconds between
    /// requests if robots.txt asks for more) and `concurrency` in flight.
    pub fn new(requests_per_second: f64, concurrency: u32, crawl_delay: Option<f64>) -> HostLimits {
        let rps = if requests_per_second.is_finite() && requests_per_second > 0.0 {
            requests_per_second
        } else {
            1.0
        };
        let mut interval = Duration::from_secs_f64(1.0 / rps);
        if let Some(delay) = crawl_delay.filter(|d| d.is_finite() && *d > 0.0) {
            interval = interval.max(Duration::from_secs_f64(delay).min(MAX_CRAWL_DELAY));
        }
        let quota = Quota::with_period(interval.max(Duration::from_nanos(1)))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN));
        HostLimits {
            semaphore: Semaphore::new(concurrency.max(1) as usize),
            limiter: RateLimiter::direct(quota),
            interval,
        }
    }

    /// Waits for a concurrency slot, then for the rate limiter; the request may
    /// be sent while the returned permit is held.
    pub async fn acquire(&self) -> Option<SemaphorePermit<'_>> {
        let permit = self.semaphore.acquire().await.ok()?;
        self.limiter.until_ready().await;
        Some(permit)
    }

    /// The minimum interval between request starts.
    pub fn interval(&self) -> Duration {
        self.interval
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn crawl_delay_only_slows_down() {
        assert_eq!(
            HostLimits::new(2.0, 1, None).interval(),
            Duration::from_millis(500)
        );
        assert_eq!(
            HostLimits::new(2.0, 1, Some(3.0)).interval(),
            Duration::from_secs(3)
        );
        assert_eq!(
            HostLimits::new(2.0, 1, Some(0.1)).interval(),
            Duration::from_millis(500)
        );
        assert_eq!(
            HostLimits::new(2.0, 1, Some(1e9)).interval(),
            MAX_CRAWL_DELAY
        );
    }

    #[tokio::test]
    async fn rate_is_enforced() {
        let l = HostLimits::new(20.0, 4, None);
        let start = Instant::now();
        for _ in 0..5 {
            drop(l.acquire().await);
        }
        // 5 requests at 20/s: the first is free, four intervals of 50 ms follow.
        assert!(
            start.elapsed() >= Duration::from_millis(190),
            "{:?}",
            start.elapsed()
        );
    }
}
