//! A scheduled run: discover → fetch → archive → parse → extract → store.
//!
//! Fetches run concurrently (bounded globally, and per host by the
//! [`Fetcher`]); archiving and storing happen one document at a time in the
//! run's own task, in this order, so a kill at any moment loses nothing:
//!
//! 1. the capture is written to the WARC file, fsynced, then indexed;
//! 2. the document, its claims and its run state (validators, digest) are
//!    committed to the store in one transaction.
//!
//! A kill between 1 and 2 leaves a capture the store does not know; the next
//! run fetches the URL again, finds the same payload already archived
//! ([`CaptureArchive::find_capture`]) and stores it without archiving twice.
//! Claims upsert on their stable id, so nothing is duplicated either.
//!
//! Unchanged documents (304, or the same payload digest as last time) get a
//! WARC `revisit` record and are not re-extracted.

mod backends;
mod report;

pub use backends::{payload_digest, CaptureArchive, RunStore, WarcArchive};
pub use report::{init_logging, progress_bar, FailedDoc, RunSummary};

use crate::archive::warc::CaptureRef;
use crate::claim::{Claimant, ClaimantKind};
use crate::config::{self, Overrides, Pipeline};
use crate::document::{sha256_hex, Document, DocumentMeta};
use crate::error::{Error, ErrorKind, Result};
use crate::fetch::discovery::{self, DiscoverOptions, Discovered};
use crate::fetch::{FetchConfig, Fetched, Fetcher, Validators};
use crate::parse::html::ContentHints;
use crate::store::sqlite::FetchState;
use crate::store::Store;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use url::Url;

/// What `civtrace run` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// The pipeline file; `None` for an ad-hoc run of `urls`/`sitemaps`.
    pub pipeline: Option<PathBuf>,
    /// Variable overrides (`--set`, `--base-url`).
    pub overrides: Overrides,
    /// The SQLite store.
    pub db: PathBuf,
    /// The WARC archive directory.
    pub archive: PathBuf,
    /// Extra document URLs (`--url`).
    pub urls: Vec<String>,
    /// Extra sitemaps (`--sitemap`).
    pub sitemaps: Vec<String>,
    /// Default claimant name (`--claimant`), resolved through the alias table.
    pub claimant: Option<String>,
    /// Only entries dated on or after this day (`--since`).
    pub since: Option<jiff::civil::Date>,
    /// Allow loopback/private addresses (`--allow-private`; tests).
    pub allow_private: bool,
    /// Show a progress bar (on a terminal only).
    pub progress: bool,
}

impl RunOptions {
    /// The pipeline to run: the file (plus any `--url`/`--sitemap` sources and
    /// `--claimant`), or an ad-hoc pipeline when there is no file.
    ///
    /// # Errors
    /// [`ErrorKind::Config`] for a bad file, or an ad-hoc run without URLs or claimant.
    pub fn load_pipeline(&self) -> Result<Pipeline> {
        let claimant = self.claimant.as_deref().map(|name| {
            crate::extract::claimants::resolve_alias(name).unwrap_or(Claimant {
                name: name.to_string(),
                kind: ClaimantKind::Other,
            })
        });
        let mut p = match &self.pipeline {
            Some(path) => config::load_with(path, &self.overrides)?,
            None => {
                if self.urls.is_empty() && self.sitemaps.is_empty() {
                    return Err(Error::new(
                        ErrorKind::Config,
                        "run",
                        "give a PIPELINE file, or --url/--sitemap",
                    ));
                }
                let Some(claimant) = claimant.clone() else {
                    return Err(Error::new(
                        ErrorKind::Config,
                        "run",
                        "an ad-hoc run (--url/--sitemap without a pipeline) needs --claimant NAME",
                    ));
                };
                return Ok(Pipeline::ad_hoc(
                    claimant,
                    self.urls.clone(),
                    self.sitemaps.clone(),
                ));
            }
        };
        let extra = Pipeline::ad_hoc(p.claimant.clone(), self.urls.clone(), self.sitemaps.clone());
        p.sources.extend(extra.sources);
        if let Some(c) = claimant {
            p.claimant = c;
        }
        Ok(p)
    }
}

/// Runs a pipeline against the store and archive named in `opts`.
///
/// # Errors
/// Configuration errors, and a store or archive that cannot be opened or
/// written (the run stops: continuing could lose captures). Document failures
/// are not errors: they are listed in the summary.
pub async fn run(opts: &RunOptions) -> Result<RunSummary> {
    let pipeline = opts.load_pipeline()?;
    let mut store = Store::open(&opts.db)?;
    let mut archive = WarcArchive::open(&opts.archive)?;
    let config = FetchConfig::from_pipeline(&pipeline, opts.allow_private);
    run_with(&pipeline, config, opts, &mut archive, &mut store).await
}

/// A document to fetch, with what is known of it.
#[derive(Debug, Clone)]
struct Job {
    /// What discovery found.
    doc: Discovered,
    /// The run state from the last run.
    state: Option<FetchState>,
}

/// What became of one fetched document.
enum Outcome {
    /// Archived and extracted; PDFs it links to.
    Fetched {
        claims_added: usize,
        recovered: bool,
        pdfs: Vec<Url>,
    },
    /// Unchanged since the last run.
    Unchanged,
}

/// [`run`] with the archive, store and fetch settings supplied (tests use fakes).
///
/// # Errors
/// As [`run`].
pub async fn run_with<A: CaptureArchive, S: RunStore>(
    pipeline: &Pipeline,
    config: FetchConfig,
    opts: &RunOptions,
    archive: &mut A,
    store: &mut S,
) -> Result<RunSummary> {
    let fetcher = Arc::new(Fetcher::new(config)?);
    let hints = pipeline.content_hints()?;
    let mut summary = RunSummary {
        pipeline: pipeline.name.clone(),
        ..RunSummary::default()
    };
    tracing::info!(pipeline = %pipeline.name, sources = pipeline.sources.len(), "discovery");
    let found = discovery::discover(
        &fetcher,
        &pipeline.sources,
        &DiscoverOptions {
            max_pages: pipeline.limits.max_pages,
            since: opts.since,
            max_documents: pipeline.limits.max_documents,
        },
        &|u: &Url| matches!(store.fetch_state(u.as_str()), Ok(Some(_))),
    )
    .await;
    summary.discovery_pages = found.pages;
    summary.skipped_old = found.skipped_old;
    summary
        .failed
        .extend(found.failures.iter().map(FailedDoc::from_error));
    for e in &found.failures {
        tracing::warn!(url = %e.subject(), error = %e.message(), "discovery failed");
    }
    let hosts = crate::fetch::HostAllowList::new(pipeline.host_allow_list());
    let mut seen: HashSet<Url> = found.documents.iter().map(|d| d.url.clone()).collect();
    let mut queue = found.documents;
    summary.discovered = queue.len();
    let bar = progress_bar(opts.progress, queue.len());
    let parallel = (pipeline.politeness.concurrency.max(1) as usize) * 4;
    while !queue.is_empty() {
        let mut jobs = Vec::with_capacity(queue.len());
        for doc in std::mem::take(&mut queue) {
            let state = store.fetch_state(doc.url.as_str())?;
            jobs.push(Job { doc, state });
        }
        let (tx, mut rx) = tokio::sync::mpsc::channel(parallel);
        let limit = Arc::new(tokio::sync::Semaphore::new(parallel));
        for job in jobs {
            let (tx, fetcher, limit) = (tx.clone(), fetcher.clone(), limit.clone());
            tokio::spawn(async move {
                let _permit = limit.acquire_owned().await;
                let validators = job.state.as_ref().map(|s| Validators {
                    etag: s.etag.clone(),
                    last_modified: s.last_modified.clone(),
                });
                let result = fetcher.fetch(&job.doc.url, validators.as_ref()).await;
                let _ = tx.send((job, result)).await;
            });
        }
        drop(tx);
        while let Some((job, result)) = rx.recv().await {
            bar.inc(1);
            let url = job.doc.url.clone();
            let fetched = match result {
                Ok(f) => f,
                Err(e) => {
                    tracing::warn!(url = %url, error = %e.message(), kind = e.kind().as_str(), "fetch failed");
                    summary.failed.push(FailedDoc::from_error(&e));
                    continue;
                }
            };
            match process(&job, fetched, &pipeline.claimant, &hints, archive, store) {
                Ok(Outcome::Unchanged) => {
                    tracing::info!(url = %url, "unchanged");
                    summary.unchanged += 1;
                }
                Ok(Outcome::Fetched {
                    claims_added,
                    recovered,
                    pdfs,
                }) => {
                    tracing::info!(url = %url, claims_added, "fetched");
                    summary.fetched += 1;
                    summary.recovered += usize::from(recovered);
                    summary.claims_added += claims_added;
                    for pdf in pdfs {
                        if hosts.allows(pdf.host_str().unwrap_or_default())
                            && seen.insert(pdf.clone())
                        {
                            queue.push(Discovered {
                                url: pdf,
                                date: job.doc.date,
                                published: job.doc.published,
                                source: job.doc.source,
                                follow_pdfs: false,
                            });
                        }
                    }
                }
                // Archive and store failures stop the run: going on could lose captures.
                Err(e)
                    if matches!(e.kind(), ErrorKind::Store | ErrorKind::Warc | ErrorKind::Io) =>
                {
                    bar.finish_and_clear();
                    return Err(e);
                }
                Err(e) => {
                    tracing::warn!(url = %url, error = %e.message(), kind = e.kind().as_str(), "document failed");
                    summary.failed.push(FailedDoc::from_error(&e));
                }
            }
        }
        summary.discovered += queue.len();
        bar.inc_length(queue.len() as u64);
    }
    bar.finish_and_clear();
    let stats = fetcher.stats();
    summary.retried = stats.retries;
    summary.requests = stats.requests;
    Ok(summary)
}

/// The archive reference of a run state's last full capture.
fn original_capture(state: &FetchState) -> Option<CaptureRef> {
    Some(CaptureRef {
        warc_file: state.warc_file.clone()?,
        record_id: state.warc_record_id.clone()?,
        payload_digest: state.payload_digest.clone()?,
    })
}

/// Archives, parses, extracts and stores one fetched document.
fn process<A: CaptureArchive, S: RunStore>(
    job: &Job,
    fetched: Fetched,
    claimant: &Claimant,
    hints: &ContentHints,
    archive: &mut A,
    store: &mut S,
) -> Result<Outcome> {
    let validators = fetched.validators();
    let capture = fetched.to_capture();
    let digest = payload_digest(&fetched.body);
    let previous = job.state.as_ref();
    let unchanged = fetched.is_not_modified()
        || previous.and_then(|s| s.payload_digest.as_deref()) == Some(&digest);
    let media_type = fetched.header("content-type").map(str::to_string);
    if unchanged {
        if let Some(state) = previous {
            if let Some(original) = original_capture(state) {
                archive.write_revisit(&capture, &original)?;
                let refreshed = FetchState {
                    etag: validators.etag.or_else(|| state.etag.clone()),
                    last_modified: validators
                        .last_modified
                        .or_else(|| state.last_modified.clone()),
                    ..state.clone()
                };
                // New validators for the same payload. A 304 has no body to name the
                // document by: only the run state changes. A 200 that could have been
                // a 304 re-records the known document with no claims, which changes
                // nothing but the run state.
                if refreshed != *state && fetched.is_not_modified() {
                    store.put_fetch_state(&refreshed)?;
                } else if refreshed != *state {
                    let meta = DocumentMeta {
                        name: fetched.url.to_string(),
                        url: fetched.url.to_string(),
                        media_type,
                        sha256: sha256_hex(&fetched.body),
                        warc_file: Some(original.warc_file),
                        warc_record_id: Some(original.record_id),
                        claimant: Some(claimant.clone()),
                        ..DocumentMeta::default()
                    };
                    store.ingest(&meta, &[], &refreshed)?;
                }
            }
        }
        return Ok(Outcome::Unchanged);
    }
    let (capture_ref, recovered) = match archive.find_capture(&capture.url, &digest) {
        Some(r) => (r, true),
        None => (archive.write_capture(&capture)?, false),
    };
    let is_html = media_type
        .as_deref()
        .is_some_and(|m| m.to_ascii_lowercase().contains("html"));
    let mut doc = Document {
        meta: DocumentMeta {
            name: fetched.url.to_string(),
            url: fetched.url.to_string(),
            media_type,
            published_at: job.doc.published,
            retrieved_at: Some(fetched.retrieved_at.to_string()),
            sha256: sha256_hex(&fetched.body),
            warc_file: Some(capture_ref.warc_file.clone()),
            warc_record_id: Some(capture_ref.record_id.clone()),
            claimant: Some(claimant.clone()),
        },
        bytes: fetched.body,
    };
    let state = FetchState {
        url: job.doc.url.to_string(),
        etag: validators.etag,
        last_modified: validators.last_modified,
        payload_digest: Some(digest),
        warc_file: Some(capture_ref.warc_file),
        warc_record_id: Some(capture_ref.record_id),
    };
    let pdfs = if job.doc.follow_pdfs && is_html {
        discovery::pdf_links(&doc.bytes, &fetched.url)
    } else {
        Vec::new()
    };
    match crate::parse::parse_with(&doc, Some(hints)) {
        Ok(parsed) => {
            // The document's own date wins over the discovery hint (feed date,
            // date in the URL), as in `reparse` of the same capture, so a
            // re-parse of the archive yields the same claims.
            doc.meta.published_at = parsed.published.or(doc.meta.published_at);
            let claims = crate::extract::extract(&parsed, &doc.meta);
            let outcome = store.ingest(&doc.meta, &claims, &state)?;
            Ok(Outcome::Fetched {
                claims_added: outcome.claims_added,
                recovered,
                pdfs,
            })
        }
        Err(e) => {
            // Keep the capture and its state: the next run sees it unchanged
            // instead of archiving it again; `reparse` retries the parse offline.
            store.ingest(&doc.meta, &[], &state)?;
            Err(e)
        }
    }
}
