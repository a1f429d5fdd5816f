//! Offline re-parse of archived captures and folders of documents.
//!
//! Never touches the network. Deterministic: the same inputs and the same
//! civtrace version give byte-identical JSONL, whatever the thread count,
//! because documents are processed in walk order and claims are written in
//! that order.

use crate::archive::source;
use crate::claim::{Claim, Claimant, ClaimantKind};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract;
use crate::extract::claimants;
use crate::parse::html::ContentHints;
use crate::parse::{self, ParsedDocument};
use crate::store::{jsonl, Store};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// What to re-parse and where to write.
#[derive(Debug, Clone, Default)]
pub struct ReparseOptions {
    /// Files, folders (walked recursively) and WARC files.
    pub paths: Vec<PathBuf>,
    /// SQLite store to upsert into, if any.
    pub db: Option<PathBuf>,
    /// JSONL file to write every claim to, if any (overwritten).
    pub jsonl: Option<PathBuf>,
    /// Worker threads for parse + extract (0 = available parallelism).
    pub threads: usize,
    /// A JSONL file for bench scoring records (`../shared/bench/score.py`), if any.
    pub bench_records: Option<PathBuf>,
    /// The corpus root that bench record `doc` paths are relative to.
    pub bench_root: Option<PathBuf>,
    /// The pipeline the captures came from: its claimant is the documents'
    /// default voice and its `[content]` selectors guide the HTML parser, so a
    /// re-parse of a run's archive gives the run's claims.
    pub pipeline: Option<PathBuf>,
}

/// What a pipeline contributes to reading its documents offline.
#[derive(Debug, Clone, Default)]
pub struct SourceProfile {
    /// The default claimant, unless a sidecar names one.
    pub claimant: Option<Claimant>,
    /// The pipeline's `[content]` selectors.
    pub hints: Option<ContentHints>,
}

impl SourceProfile {
    /// The profile of the pipeline at `path`.
    ///
    /// # Errors
    /// The pipeline does not load (naming the file) or a selector is invalid.
    pub fn load(path: &std::path::Path) -> Result<SourceProfile> {
        let p = crate::config::load(path)?;
        Ok(SourceProfile {
            claimant: Some(p.claimant.clone()),
            hints: Some(p.content_hints()?),
        })
    }
}

/// What a re-parse did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReparseSummary {
    /// Documents parsed successfully.
    pub documents: usize,
    /// Documents that failed, with the reason (already naming the document).
    pub failed: Vec<String>,
    /// Documents read with a repair, each naming the document ("invalid UTF-8 at byte 208 …").
    pub warnings: Vec<String>,
    /// Claims extracted.
    pub claims: usize,
    /// Claims new to the store (0 on a repeated run).
    pub claims_added: usize,
    /// Claims per metric, for the summary table.
    pub by_metric: BTreeMap<String, usize>,
    /// Claims per claimant, for the summary table.
    pub by_claimant: BTreeMap<String, usize>,
}

/// Parses and extracts one document; fills `meta.published_at` from the
/// document itself when no sidecar or option gave one.
///
/// # Errors
/// Parse errors name the document.
pub fn process_document(doc: &mut Document) -> Result<(ParsedDocument, Vec<Claim>)> {
    process_document_with(doc, &SourceProfile::default())
}

/// [`process_document`] for a document from a known pipeline: its claimant
/// is the default voice (a sidecar's still wins) and its selectors guide
/// the HTML parser.
///
/// # Errors
/// Parse errors name the document.
pub fn process_document_with(
    doc: &mut Document,
    profile: &SourceProfile,
) -> Result<(ParsedDocument, Vec<Claim>)> {
    let parsed = parse::parse_with(doc, profile.hints.as_ref())?;
    if doc.meta.published_at.is_none() {
        doc.meta.published_at = parsed.published;
    }
    if doc.meta.claimant.is_none() {
        doc.meta.claimant = profile.claimant.clone();
    }
    if doc.meta.claimant.is_none() {
        doc.meta.claimant = parsed.publisher.as_deref().map(publisher_claimant);
    }
    if doc.meta.media_type.is_none() {
        if let Ok(m) = parse::media::detect(&doc.bytes, None, &doc.meta.name) {
            doc.meta.media_type = Some(m.as_str().to_string());
        }
    }
    let claims = extract::extract(&parsed, &doc.meta);
    Ok((parsed, claims))
}

/// The claimant a document's own publisher stands for: a known organisation
/// through the alias table ("CJTF-OIR", "SNHR"), or one named inside a longer
/// site name ("Airwars – Monitoring …"), else the name as the page gives it.
fn publisher_claimant(name: &str) -> Claimant {
    if let Some(c) = claimants::resolve_alias(name) {
        return c;
    }
    if let Some(m) = claimants::find_claimants(name).into_iter().next() {
        return m.claimant;
    }
    Claimant {
        name: name.to_string(),
        kind: ClaimantKind::Other,
    }
}

/// Re-parses everything under `opts.paths` into the store and/or JSONL.
///
/// Documents that fail are listed in the summary and the rest go on.
///
/// # Errors
/// Only failures that stop the whole run: the store or JSONL file cannot be
/// opened or written.
pub fn reparse(opts: &ReparseOptions) -> Result<ReparseSummary> {
    let profile = match &opts.pipeline {
        Some(p) => SourceProfile::load(p)?,
        None => SourceProfile::default(),
    };
    let mut store = opts.db.as_deref().map(Store::open).transpose()?;
    let mut out = match &opts.jsonl {
        Some(p) => {
            if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::io(dir.display().to_string(), e))?;
            }
            let f = std::fs::File::create(p).map_err(|e| Error::io(p.display().to_string(), e))?;
            Some((p.display().to_string(), std::io::BufWriter::new(f)))
        }
        None => None,
    };
    let mut bench = match &opts.bench_records {
        Some(p) => {
            let f = std::fs::File::create(p).map_err(|e| Error::io(p.display().to_string(), e))?;
            Some((p.display().to_string(), std::io::BufWriter::new(f)))
        }
        None => None,
    };
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        opts.threads
    };
    let mut summary = ReparseSummary::default();
    let mut docs = source::walk(&opts.paths).peekable();
    // Batches keep memory bounded while both cores work; results keep walk order.
    let batch_len = 32 * threads;
    while docs.peek().is_some() {
        let batch: Vec<Result<Document>> = docs.by_ref().take(batch_len).collect();
        let results = process_batch(batch, threads, &profile);
        for r in results {
            match r {
                Ok((doc, claims, warnings)) => {
                    summary.warnings.extend(warnings);
                    summary.documents += 1;
                    summary.claims += claims.len();
                    for c in &claims {
                        let metric = serde_json::to_value(c.metric)
                            .ok()
                            .and_then(|v| v.as_str().map(String::from));
                        *summary
                            .by_metric
                            .entry(metric.unwrap_or_default())
                            .or_default() += 1;
                        *summary
                            .by_claimant
                            .entry(c.claimant.name.clone())
                            .or_default() += 1;
                    }
                    if let Some(s) = store.as_mut() {
                        summary.claims_added += s.ingest(&doc.meta, &claims, None)?.claims_added;
                    }
                    if let Some((name, w)) = out.as_mut() {
                        jsonl::write_claims(&mut *w, &claims)
                            .map_err(|e| Error::io(name.clone(), e))?;
                    }
                    if let Some((name, w)) = bench.as_mut() {
                        let rel = bench_doc_path(&doc.meta.name, opts.bench_root.as_deref());
                        for r in claims
                            .iter()
                            .filter_map(|c| crate::eval::bench_record(&rel, c))
                        {
                            writeln!(w, "{r}").map_err(|e| Error::io(name.clone(), e))?;
                        }
                    }
                }
                Err(e) => summary.failed.push(e.to_string()),
            }
        }
    }
    for (name, mut w) in out.into_iter().chain(bench) {
        w.flush().map_err(|e| Error::io(name, e))?;
    }
    Ok(summary)
}

/// A document's path relative to the bench corpus root (`html/h000001.html`).
fn bench_doc_path(name: &str, root: Option<&std::path::Path>) -> String {
    let path = std::path::Path::new(name);
    let rel = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path);
    rel.to_string_lossy().trim_start_matches("./").to_string()
}

type Processed = Result<(Document, Vec<Claim>, Vec<String>)>;

/// Processes a batch on `threads` scoped threads, returning results in input order.
fn process_batch(
    batch: Vec<Result<Document>>,
    threads: usize,
    profile: &SourceProfile,
) -> Vec<Processed> {
    let one = |d: Result<Document>| -> Processed {
        let mut doc = d?;
        let name = doc.meta.name.clone();
        // A parser bug must cost one document, not the run: turn a panic into
        // an error naming the document (parsers are fuzzed so this stays rare).
        let (parsed, claims) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            process_document_with(&mut doc, profile)
        }))
        .map_err(|_| {
            let name = name.clone();
            Error::new(
                crate::error::ErrorKind::Internal,
                name,
                "internal error: the parser panicked on this document (please report it)",
            )
        })??;
        let warnings = parsed
            .warnings
            .into_iter()
            .map(|w| format!("{name}: {w}"))
            .collect();
        Ok((doc, claims, warnings))
    };
    if threads <= 1 || batch.len() <= 1 {
        return batch.into_iter().map(one).collect();
    }
    let slots: Vec<std::sync::Mutex<Option<Result<Document>>>> = batch
        .into_iter()
        .map(|d| std::sync::Mutex::new(Some(d)))
        .collect();
    let results: Vec<std::sync::Mutex<Option<Processed>>> =
        slots.iter().map(|_| std::sync::Mutex::new(None)).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(slot) = slots.get(i) else { break };
                let input = slot.lock().ok().and_then(|mut g| g.take());
                if let Some(input) = input {
                    let out = one(input);
                    if let Some(r) = results.get(i) {
                        if let Ok(mut g) = r.lock() {
                            *g = Some(out);
                        }
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .map(|m| {
            m.into_inner().ok().flatten().unwrap_or_else(|| {
                Err(Error::new(
                    crate::error::ErrorKind::Io,
                    "",
                    "a worker thread stopped before finishing its document",
                ))
            })
        })
        .collect()
}
