//! Dates and periods in text, resolved against a reference (publication) date.

use crate::claim::Period;
use jiff::civil::Date;

/// A date or period found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Byte offset of the first char of the expression.
    pub start: usize,
    /// Byte offset just past the expression.
    pub end: usize,
    /// The resolved period (a day is a period of one day).
    pub period: Period,
}

/// Finds every date, period and relative time expression in `text`.
///
/// Relative expressions ("Sunday", "last month", "yesterday") resolve against
/// `reference`; press releases report the past, so "Sunday" is the last Sunday
/// on or before the reference. Without a reference they are skipped.
/// Spans also serve to mask years and dates so they are never read as counts.
pub fn find_dates(text: &str, reference: Option<Date>) -> Vec<DateMention> {
    let _ = (text, reference);
    Vec::new()
}
