//! WARC 1.1 writer and reader on flate2 (stub until the archive work lands).

use crate::error::{Error, ErrorKind, Result};
use std::path::{Path, PathBuf};

/// One HTTP exchange to archive.
#[derive(Debug, Clone)]
pub struct Capture {
    /// The requested URL (after redirects: the final URL).
    pub url: String,
    /// The request as sent (request line + headers), for the `request` record.
    pub request_head: Vec<u8>,
    /// The response status line + headers as received (HTTP/1.1 form).
    pub response_head: Vec<u8>,
    /// The response body, decoded from any Content-Encoding.
    pub body: Vec<u8>,
    /// When the response was received.
    pub retrieved_at: jiff::Timestamp,
    /// The peer address, for `WARC-IP-Address`.
    pub ip: Option<std::net::IpAddr>,
}

/// Where a capture was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureRef {
    /// The WARC file name (relative to the archive dir).
    pub warc_file: String,
    /// The response (or revisit) record's WARC-Record-ID (`<urn:uuid:…>`).
    pub record_id: String,
    /// `sha256:<base32>` payload digest of the body.
    pub payload_digest: String,
}

/// Appends captures to WARC files in an archive directory.
#[derive(Debug)]
pub struct WarcWriter {
    /// The archive directory.
    dir: PathBuf,
}

impl WarcWriter {
    /// Opens (creating) an archive directory for writing.
    ///
    /// # Errors
    /// I/O errors name the directory.
    pub fn open(dir: &Path) -> Result<WarcWriter> {
        Err(Error::new(
            ErrorKind::Warc,
            dir.display().to_string(),
            "WARC writing is not built yet",
        ))
    }

    /// Writes request, response and metadata records for a capture, fsyncs, then indexes it.
    ///
    /// # Errors
    /// I/O errors name the WARC file.
    pub fn write_capture(&mut self, capture: &Capture) -> Result<CaptureRef> {
        let _ = capture;
        Err(Error::new(
            ErrorKind::Warc,
            self.dir.display().to_string(),
            "WARC writing is not built yet",
        ))
    }

    /// Writes a `revisit` record (identical payload digest) for an unchanged capture.
    ///
    /// # Errors
    /// I/O errors name the WARC file.
    pub fn write_revisit(
        &mut self,
        capture: &Capture,
        original: &CaptureRef,
    ) -> Result<CaptureRef> {
        let _ = (capture, original);
        Err(Error::new(
            ErrorKind::Warc,
            self.dir.display().to_string(),
            "WARC writing is not built yet",
        ))
    }
}
