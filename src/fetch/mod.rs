//! Fetch: polite HTTP client, robots.txt, per-host limits, retries, discovery (stub until the fetch work lands).
