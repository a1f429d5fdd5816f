//! Extract: text blocks + document context → claims. Pure: no I/O, no clock.

use crate::claim::Claim;
use crate::document::DocumentMeta;
use crate::parse::ParsedDocument;

/// Extracts every claim from a parsed document.
///
/// `meta` supplies provenance and the default claimant; the reference date
/// for relative expressions is `meta.published_at`, else `parsed.published`.
pub fn extract(parsed: &ParsedDocument, meta: &DocumentMeta) -> Vec<Claim> {
    let _ = (parsed, meta);
    Vec::new()
}
