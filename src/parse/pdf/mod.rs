//! PDF → text blocks with page numbers, on lopdf's object model (stub until the PDF work lands).

use crate::error::{Error, ErrorKind, Result};
use crate::parse::ParsedDocument;

/// Parses a PDF into blocks carrying their page number.
///
/// # Errors
/// Malformed, encrypted (beyond the empty password) or hostile files name the document.
pub fn parse_pdf(_bytes: &[u8], name: &str) -> Result<ParsedDocument> {
    Err(Error::new(
        ErrorKind::Pdf,
        name,
        "PDF parsing is not built yet",
    ))
}
