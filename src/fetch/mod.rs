//! Fetch: polite, guarded HTTP and document discovery.
//!
//! | module | role |
//! | --- | --- |
//! | [`client`] | [`Fetcher`]: redirects, robots, limits, retries, size caps → [`Fetched`] |
//! | [`guard`] | schemes, allowed hosts, private addresses (on the resolved address) |
//! | [`robots`] | robots.txt per origin (texting_robots) |
//! | [`limits`] | per-host rate (governor) and concurrency (semaphore) |
//! | [`retry`] | backoff with jitter (backon), `Retry-After` |
//! | [`fetched`] | [`Fetched`]: the checked response, its validators, its WARC capture |
//! | [`body`] | Content-Encoding decoding under caps; heads for the WARC records |
//! | [`discovery`] | listing pages, sitemaps, RSS/Atom, link patterns, linked PDFs |

pub mod body;
pub mod client;
pub mod discovery;
pub mod fetched;
pub mod guard;
pub mod limits;
pub mod retry;
pub mod robots;

pub use client::{FetchConfig, Fetcher};
pub use fetched::{FetchStats, Fetched, Validators};
pub use guard::{Guard, HostAllowList};
