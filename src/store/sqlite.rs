//! SQLite store: documents, captures, claims (upsert on `claim_id`) and run
//! state, each document committed in one transaction (stub until the store work lands).

use crate::claim::Claim;
use crate::document::DocumentMeta;
use crate::error::{Error, ErrorKind, Result};
use std::path::Path;

/// Conditional-GET validators and digest of a URL's last capture: the run state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FetchState {
    /// The URL.
    pub url: String,
    /// `ETag` of the last capture.
    pub etag: Option<String>,
    /// `Last-Modified` of the last capture.
    pub last_modified: Option<String>,
    /// Payload digest of the last capture (`sha256:…`).
    pub payload_digest: Option<String>,
    /// WARC file of the last full capture.
    pub warc_file: Option<String>,
    /// Record id of the last full capture.
    pub warc_record_id: Option<String>,
}

/// What one ingest changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestOutcome {
    /// Claims newly inserted (upserts of known ids do not count).
    pub claims_added: usize,
}

/// The SQLite store of documents, captures and claims.
#[derive(Debug)]
pub struct Store {}

impl Store {
    /// Opens or creates the store at `path`, migrating the schema.
    ///
    /// # Errors
    /// A file that is not a civtrace store, or I/O failure, names the path.
    pub fn open(path: &Path) -> Result<Store> {
        Err(Error::new(
            ErrorKind::Store,
            path.display().to_string(),
            "store is not built yet",
        ))
    }

    /// Records a document and its claims, and (for runs) its fetch state, in one transaction.
    ///
    /// # Errors
    /// SQLite failures name the document.
    pub fn ingest(
        &mut self,
        doc: &DocumentMeta,
        claims: &[Claim],
        state: Option<&FetchState>,
    ) -> Result<IngestOutcome> {
        let _ = (claims, state);
        Err(Error::new(
            ErrorKind::Store,
            doc.name.clone(),
            "store is not built yet",
        ))
    }

    /// The run state of `url`, if it was fetched before.
    ///
    /// # Errors
    /// SQLite failures name the URL.
    pub fn fetch_state(&self, url: &str) -> Result<Option<FetchState>> {
        Err(Error::new(ErrorKind::Store, url, "store is not built yet"))
    }
}
