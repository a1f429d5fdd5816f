//! civtrace: conflict-casualty documents → normalised claim records with provenance.
//!
//! # Layout
//! The modules follow the pipeline's spine, in order:
//!
//! | module | stage |
//! | --- | --- |
//! | [`config`] | `pipelines/*.toml` → typed pipeline config |
//! | [`fetch`] | polite HTTP: robots.txt, per-host limits, retries, discovery |
//! | [`archive`] | WARC 1.1 captures and plain folders of documents |
//! | [`parse`] | HTML / PDF / text → [`parse::TextBlock`]s with locators |
//! | [`extract`] | blocks → [`claim::Claim`]s (numbers, dates, places, claimants); pure |
//! | [`store`] | SQLite (default) and JSONL sinks |
//! | [`run`] | a scheduled run: the spine end to end |
//! | [`reparse`] | offline re-parse of archives and folders, deterministic |
//! | [`eval`] | scoring extraction against fixtures and the bench corpus |
//!
//! Beside the spine: [`claim`] (the `civtrace/claim@1` record), [`document`]
//! (bytes + metadata carried between stages) and [`error`].

pub mod archive;
pub mod claim;
pub mod config;
pub mod document;
pub mod error;
pub mod eval;
pub mod extract;
pub mod fetch;
pub mod parse;
pub mod reparse;
pub mod run;
pub mod store;

pub use claim::Claim;
pub use document::{Document, DocumentMeta};
pub use error::{Error, ErrorKind, Result};
