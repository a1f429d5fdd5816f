//! WARC records → documents for `reparse`: `response` records with HTTP
//! status 200 and `resource` records become [`Document`]s; revisits (which
//! point at the original capture), other statuses and non-web resources (a
//! wget log) are skipped with a reason; requests, metadata and warcinfo are
//! not documents at all.

use super::http::{self, DEFAULT_MAX_BODY_BYTES};
use super::reader::WarcReader;
use super::record::Record;
use crate::archive::source::Skipped;
use crate::document::Document;
use crate::error::Result;
use std::io::BufRead;

/// What one record amounts to.
#[derive(Debug)]
pub enum RecordOutcome {
    /// A document to parse.
    Document(Box<Document>),
    /// A capture that is deliberately not parsed, and why (for the skipped report).
    Skipped(String),
    /// Not a capture (request, metadata, warcinfo, …).
    NotADocument,
}

/// Turns one record into a document. `warc_file` is the file's name as recorded in
/// provenance (the base name, as [`super::CaptureRef::warc_file`]); `display` names
/// the file in errors.
///
/// # Errors
/// Broken HTTP inside a response record (bad head, chunking, compression) names the
/// record by file, offset and URL.
pub fn record_to_document(rec: &Record, warc_file: &str, display: &str) -> Result<RecordOutcome> {
    let kind = rec.record_type();
    let url = rec.target_uri().unwrap_or_default().to_string();
    let name = format!("{display}@{}: {url}", rec.offset);
    let mut retrieved_at = rec.header("WARC-Date").map(normalise_date);
    let (bytes, media_type) = match kind.as_str() {
        "response" => {
            let ct = rec
                .header("Content-Type")
                .unwrap_or_default()
                .to_ascii_lowercase();
            if !ct.starts_with("application/http") {
                return Ok(RecordOutcome::Skipped(format!(
                    "response record is not HTTP (Content-Type {ct:?})"
                )));
            }
            let resp = http::parse_response(&rec.block, &name)?;
            if resp.status != 200 {
                return Ok(RecordOutcome::Skipped(format!(
                    "HTTP status {}",
                    resp.status
                )));
            }
            let body = resp.decoded_body(&name, DEFAULT_MAX_BODY_BYTES)?;
            // WARC-Date is mandatory, but a record without one still has the server's Date.
            if retrieved_at.is_none() {
                retrieved_at = resp.date().map(|t| t.to_string());
            }
            (body, resp.content_type().map(str::to_string))
        }
        "resource" => {
            let scheme = url
                .split(':')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            if !matches!(scheme.as_str(), "http" | "https" | "file" | "ftp") {
                return Ok(RecordOutcome::Skipped(format!(
                    "resource {url:?} is not a web document"
                )));
            }
            let ct = rec.header("Content-Type").map(str::to_string);
            (rec.block.clone(), ct)
        }
        "revisit" => {
            let to = rec.header("WARC-Refers-To").unwrap_or("an earlier record");
            return Ok(RecordOutcome::Skipped(format!("revisit of {to}")));
        }
        _ => return Ok(RecordOutcome::NotADocument),
    };
    let mut doc = Document::new(name, bytes);
    doc.meta.url = url;
    doc.meta.media_type = media_type.filter(|m| !m.is_empty());
    doc.meta.retrieved_at = retrieved_at;
    doc.meta.warc_file = Some(warc_file.to_string());
    doc.meta.warc_record_id = rec.record_id().map(str::to_string);
    Ok(RecordOutcome::Document(Box::new(doc)))
}

/// A WARC-Date as RFC 3339 UTC when it parses (so the same instant always prints the
/// same), else as written.
fn normalise_date(s: &str) -> String {
    s.parse::<jiff::Timestamp>()
        .map(|t| t.to_string())
        .unwrap_or_else(|_| s.to_string())
}

/// The documents of one WARC file, in file order.
#[derive(Debug)]
pub struct WarcDocuments<R> {
    /// The records.
    reader: WarcReader<R>,
    /// The file's base name, for provenance.
    warc_file: String,
    /// The file's path, for messages.
    display: String,
    /// Captures skipped so far, with reasons.
    skipped: Vec<Skipped>,
}

impl<R: BufRead> WarcDocuments<R> {
    /// Documents from `reader`; `warc_file` goes into provenance, `display` into messages.
    pub fn new(
        reader: WarcReader<R>,
        warc_file: impl Into<String>,
        display: impl Into<String>,
    ) -> Self {
        WarcDocuments {
            reader,
            warc_file: warc_file.into(),
            display: display.into(),
            skipped: Vec::new(),
        }
    }

    /// Takes the list of captures skipped since the last call.
    pub fn take_skipped(&mut self) -> Vec<Skipped> {
        std::mem::take(&mut self.skipped)
    }
}

impl<R: BufRead> Iterator for WarcDocuments<R> {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let rec = match self.reader.next()? {
                Ok(r) => r,
                Err(e) => return Some(Err(e)),
            };
            match record_to_document(&rec, &self.warc_file, &self.display) {
                Ok(RecordOutcome::Document(d)) => return Some(Ok(*d)),
                Ok(RecordOutcome::Skipped(reason)) => self.skipped.push(Skipped {
                    path: format!(
                        "{}@{}: {}",
                        self.display,
                        rec.offset,
                        rec.target_uri().unwrap_or_default()
                    ),
                    reason,
                }),
                Ok(RecordOutcome::NotADocument) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}
