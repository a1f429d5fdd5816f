//! What a run needs from the archive and the store, as two small traits, so
//! the orchestration is testable with in-memory fakes and the real
//! [`WarcWriter`] and [`Store`] plug in unchanged.

use crate::archive::warc::{Capture, CaptureRef, WarcWriter};
use crate::claim::Claim;
use crate::document::DocumentMeta;
use crate::error::{Error, Result};
use crate::store::sqlite::{FetchState, IngestOutcome};
use crate::store::Store;
use std::collections::HashMap;
use std::path::Path;

/// Where captures go.
pub trait CaptureArchive {
    /// Archives a full capture (request, response, metadata records); durable on return.
    ///
    /// # Errors
    /// I/O failures.
    fn write_capture(&mut self, capture: &Capture) -> Result<CaptureRef>;

    /// Archives a `revisit` of an unchanged capture.
    ///
    /// # Errors
    /// I/O failures.
    fn write_revisit(&mut self, capture: &Capture, original: &CaptureRef) -> Result<CaptureRef>;

    /// A committed capture of `url` with payload `digest`, if one exists: a run
    /// killed after archiving but before storing must not archive it twice.
    fn find_capture(&self, url: &str, digest: &str) -> Option<CaptureRef>;
}

/// Where documents, claims and run state go.
pub trait RunStore {
    /// The run state of `url` from an earlier run.
    ///
    /// # Errors
    /// Store failures.
    fn fetch_state(&self, url: &str) -> Result<Option<FetchState>>;

    /// Stores a document, its claims and its run state in one transaction.
    ///
    /// # Errors
    /// Store failures.
    fn ingest(
        &mut self,
        doc: &DocumentMeta,
        claims: &[Claim],
        state: &FetchState,
    ) -> Result<IngestOutcome>;

    /// Records new validators for a URL whose document did not change (a 304
    /// that names a new ETag or Last-Modified), so the next run asks with them.
    ///
    /// # Errors
    /// Store failures.
    fn put_fetch_state(&mut self, state: &FetchState) -> Result<()>;
}

/// The WARC writer of a run, with a lookup of the captures its index already
/// commits (so an interrupted run's captures are found, not archived again).
#[derive(Debug)]
pub struct WarcArchive {
    /// The writer.
    writer: WarcWriter,
    /// (URL, payload digest) → committed response record.
    committed: HashMap<(String, String), CaptureRef>,
}

/// The archive index beside the WARC files (`archive::index::INDEX_FILE`):
/// one JSON object per committed record group.
const INDEX_FILE: &str = "index.jsonl";

impl WarcArchive {
    /// Opens the archive directory for writing and loads its index.
    ///
    /// # Errors
    /// As [`WarcWriter::open`]; an unreadable index names its path.
    pub fn open(dir: &Path) -> Result<WarcArchive> {
        let writer = WarcWriter::open(dir)?;
        let path = dir.join(INDEX_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(Error::io(path.display().to_string(), e)),
        };
        let committed = committed_captures(&text);
        Ok(WarcArchive { writer, committed })
    }
}

/// The committed response records of an archive index, by (URL, digest).
fn committed_captures(index: &str) -> HashMap<(String, String), CaptureRef> {
    let mut committed = HashMap::new();
    // A torn last line (a crash mid-append) does not parse and is skipped,
    // as the archive's own reader does.
    for line in index.lines() {
        let Ok(entry) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let field = |k: &str| entry.get(k).and_then(|v| v.as_str()).map(str::to_string);
        if field("record_type").as_deref() != Some("response") {
            continue;
        }
        if let (Some(url), Some(digest), Some(warc_file), Some(record_id)) = (
            field("url"),
            field("digest"),
            field("warc_file"),
            field("record_id"),
        ) {
            let r = CaptureRef {
                warc_file,
                record_id,
                payload_digest: digest.clone(),
            };
            committed.insert((url, digest), r);
        }
    }
    committed
}

impl CaptureArchive for WarcArchive {
    fn write_capture(&mut self, capture: &Capture) -> Result<CaptureRef> {
        let r = self.writer.write_capture(capture)?;
        self.committed
            .insert((capture.url.clone(), r.payload_digest.clone()), r.clone());
        Ok(r)
    }

    fn write_revisit(&mut self, capture: &Capture, original: &CaptureRef) -> Result<CaptureRef> {
        self.writer.write_revisit(capture, original)
    }

    fn find_capture(&self, url: &str, digest: &str) -> Option<CaptureRef> {
        self.committed
            .get(&(url.to_string(), digest.to_string()))
            .cloned()
    }
}

impl RunStore for Store {
    fn fetch_state(&self, url: &str) -> Result<Option<FetchState>> {
        Store::fetch_state(self, url)
    }

    fn ingest(
        &mut self,
        doc: &DocumentMeta,
        claims: &[Claim],
        state: &FetchState,
    ) -> Result<IngestOutcome> {
        Store::ingest(self, doc, claims, Some(state))
    }

    fn put_fetch_state(&mut self, state: &FetchState) -> Result<()> {
        Store::put_fetch_state(self, state)
    }
}

/// The WARC payload digest of `bytes`: `sha256:` + RFC 4648 base32, upper
/// case, padded (as warcio/pywb and our writer write it).
pub fn payload_digest(bytes: &[u8]) -> String {
    // One implementation for the writer and the run, so their digests compare.
    crate::archive::warc::sha256_digest(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_lines_give_committed_responses() {
        let index = concat!(
            r#"{"warc_file":"a.warc.gz","offset":0,"length":9,"end":9,"record_type":"warcinfo","record_id":"<urn:uuid:0>","date":"d"}"#,
            "\n",
            r#"{"warc_file":"a.warc.gz","offset":9,"length":9,"end":99,"record_type":"response","record_id":"<urn:uuid:1>","url":"https://x.org/a","date":"d","digest":"sha256:AA"}"#,
            "\n",
            r#"{"warc_file":"a.warc.gz","offset":99,"length":9,"end":199,"record_type":"revisit","record_id":"<urn:uuid:2>","url":"https://x.org/a","date":"d","digest":"sha256:AA"}"#,
            "\n",
            r#"{"warc_file":"a.warc.gz","offset":199,"len"#,
        );
        let c = committed_captures(index);
        assert_eq!(c.len(), 1);
        let r = &c[&("https://x.org/a".to_string(), "sha256:AA".to_string())];
        assert_eq!(r.record_id, "<urn:uuid:1>");
    }

    #[test]
    fn digest_is_padded_upper_base32() {
        // sha256("") base32, as `python -c "import base64,hashlib;print(base64.b32encode(hashlib.sha256(b'').digest()))"`.
        assert_eq!(
            payload_digest(b""),
            "sha256:4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ===="
        );
    }
}
