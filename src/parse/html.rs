//! HTML → main-content text blocks (owned by the HTML work; stub until it lands).

use super::ParsedDocument;
use crate::error::Result;

/// Parses an HTML page into main-content blocks with CSS-path locators.
///
/// # Errors
/// Undecodable pages name the document.
pub fn parse_html(bytes: &[u8], name: &str) -> Result<ParsedDocument> {
    super::text::parse_text(bytes, name)
}
