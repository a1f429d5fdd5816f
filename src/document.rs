//! A document as the pipeline carries it between stages: its bytes and what is
//! known about where they came from.

use crate::claim::Claimant;
use sha2::{Digest, Sha256};

/// A captured or local document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The payload bytes (HTTP body or file contents), never decoded.
    pub bytes: Vec<u8>,
    /// Where the bytes came from.
    pub meta: DocumentMeta,
}

/// What is known about a document besides its bytes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentMeta {
    /// A name for error messages and summaries (a path, or a URL).
    pub name: String,
    /// The URL the document was fetched from, or its path for local files.
    pub url: String,
    /// The declared media type (HTTP Content-Type or sidecar), if any; sniffed otherwise.
    pub media_type: Option<String>,
    /// Publication date from a sidecar or the pipeline; the parser may find one in the document.
    pub published_at: Option<jiff::civil::Date>,
    /// Capture time (RFC 3339) from the WARC record or sidecar; never "now" in reparse.
    pub retrieved_at: Option<String>,
    /// sha256 of `bytes`, hex.
    pub sha256: String,
    /// The WARC file the capture came from, if any.
    pub warc_file: Option<String>,
    /// The WARC-Record-ID of the response record, if any.
    pub warc_record_id: Option<String>,
    /// The default claimant: the document's own voice (its publisher, from the pipeline).
    pub claimant: Option<Claimant>,
}

impl Document {
    /// A document from bytes, computing its sha256; `name` doubles as its URL.
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> Document {
        let name = name.into();
        let sha256 = sha256_hex(&bytes);
        Document {
            bytes,
            meta: DocumentMeta {
                url: name.clone(),
                name,
                sha256,
                ..DocumentMeta::default()
            },
        }
    }
}

/// Hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
