//! Extract: text blocks + document context → claims. Pure: no I/O, no clock.
//!
//! Internals work in byte offsets of `&str`; provenance converts to chars.
//!
//! | module | finds |
//! | --- | --- |
//! | [`dates`] | dates and periods, resolved against the publication date |
//! | [`places`] | places from the bundled gazetteer of Iraq and Syria |
//! | [`claimants`] | who asserts a number, and who caused the harm |
//! | [`numbers`] | counts in digits and words, qualifiers, ranges; non-counts masked |
//! | [`metric`] | what a number counts: metric, subject, object |
//! | [`sentence`] | sentence splitting that respects abbreviations |
//! | [`assemble`] | claims from blocks, with context carried across blocks |

pub mod assemble;
pub mod claimants;
pub mod dates;
pub mod metric;
pub mod numbers;
pub mod places;
pub mod sentence;

use crate::claim::Claim;
use crate::document::DocumentMeta;
use crate::parse::ParsedDocument;

/// Extracts every claim from a parsed document.
///
/// `meta` supplies provenance and the default claimant; the reference date
/// for relative expressions is `meta.published_at`, else `parsed.published`.
pub fn extract(parsed: &ParsedDocument, meta: &DocumentMeta) -> Vec<Claim> {
    assemble::assemble(parsed, meta)
}
