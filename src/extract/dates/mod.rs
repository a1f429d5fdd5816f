//! Dates and periods in text, resolved against a reference (publication) date.
//!
//! | module | reads |
//! | --- | --- |
//! | `absolute` | "Aug. 4, 2017", "4 August 2017", "2017-08-04", "03/04/2018", "May 2017", "in 2018", "Nov. 18-24", "between August 2014 and end of November 2018", "since 2014" |
//! | `relative` | "yesterday", "last Sunday", "this year", "last month", "in the past week", "over the past 24 hours", "four years" |
//! | `times` | "8 a.m.", "14:00" (masked, never dated) |
//!
//! Decisions a reader should know:
//! - A date without a year ("Nov. 1", "Nov. 18-24", "in November") is the most
//!   recent such date not after the reference; its basis is `relative`.
//! - "03/04/2018" is read day first (3 April), the order Airwars and SNHR use;
//!   when the second number exceeds 12 it must be the day ("04/23/2018").
//! - "since 2014" starts at the campaign start, [`CAMPAIGN_START`].
//! - "Sunday", "on Tuesday", "last Sunday" are the last such day strictly before
//!   the reference, as press releases report the past.
//! - Month names match only capitalised (or all-caps), so "may" and "march" the
//!   verbs are never dates; a bare year is a date only after a cue ("in 2018",
//!   "since 2014", "during 2018"), so a plain "2014" in a table cell stays a count.

mod absolute;
mod lexicon;
mod partial;
mod relative;
mod times;

pub use times::find_times;

use crate::claim::{DateBasis, DatePrecision, Period};
use jiff::civil::Date;
use regex::Regex;

/// The start of Operation Inherent Resolve's air campaign (first US strikes in Iraq).
///
/// "since the start of Operation Inherent Resolve" and "since 2014" begin here.
pub const CAMPAIGN_START: Date = Date::constant(2014, 8, 8);

/// A date or period found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Byte offset of the first char of the expression.
    pub start: usize,
    /// Byte offset just past the expression.
    pub end: usize,
    /// The resolved period (a day is a period of one day); `as_written` is `text[start..end]`.
    pub period: Period,
    /// True for spans that run up to the reference ("since 2014", "since the
    /// start of Operation Inherent Resolve"): the mark of a cumulative-to-date figure.
    pub open_ended: bool,
}

/// What the dates in a text are read against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateContext {
    /// The publication date: relative expressions resolve against it.
    pub reference: Option<Date>,
    /// The last day the document covers, when earlier than the reference: a
    /// monthly report published on Dec. 5 about November covers up to Nov. 30,
    /// so its "since the start of Operation Inherent Resolve" ends there.
    pub covered_until: Option<Date>,
}

/// A resolved period, before it becomes a [`Period`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Resolved {
    pub(crate) start: Date,
    pub(crate) end: Date,
    pub(crate) precision: DatePrecision,
    pub(crate) basis: DateBasis,
    /// Runs up to the reference ("since …").
    pub(crate) open_ended: bool,
}

/// An expression found in text; `resolved` is None when it cannot be dated
/// (no reference for a relative expression or a date without a year).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) resolved: Option<Resolved>,
}

/// Compiles one of the context finders' fixed patterns.
///
/// Word boundaries are ASCII (`(?-u:\b)`): the names and words matched are
/// ASCII, and an ASCII boundary keeps the regex engine on its fast DFA path
/// even when the text holds curly quotes and dashes (a Unicode `\b` forces
/// the slow path on any non-ASCII text). The patterns are constants covered
/// by the tests; a failure here is a bug in this module, never a property of
/// the input.
pub(crate) fn compile(pattern: &str) -> Regex {
    #[allow(clippy::expect_used)]
    Regex::new(&ascii_boundaries(pattern)).expect("context pattern is valid")
}

/// A pattern in a gated family: scanned only when the family's one-pass
/// [`regex::RegexSet`] says it occurs in the text.
pub(crate) struct Pat {
    /// Index in the family's set.
    idx: usize,
    /// The compiled pattern.
    re: Regex,
}

/// Which patterns of a family occur in one text (all, if the set failed to build).
pub(crate) struct Hits(Option<regex::SetMatches>);

impl Pat {
    /// The regex, if it occurs in the text `hits` was computed for.
    pub(crate) fn on(&self, hits: &Hits) -> Option<&Regex> {
        hits.0
            .as_ref()
            .is_none_or(|m| m.matched(self.idx))
            .then_some(&self.re)
    }
}

/// Collects a family of patterns, then builds its set.
#[derive(Default)]
pub(crate) struct Family {
    patterns: std::cell::RefCell<Vec<String>>,
}

impl Family {
    /// Adds and compiles a pattern.
    pub(crate) fn pat(&self, pattern: &str) -> Pat {
        let mut v = self.patterns.borrow_mut();
        v.push(ascii_boundaries(pattern));
        Pat {
            idx: v.len() - 1,
            re: compile(pattern),
        }
    }

    /// The one-pass set over every pattern added.
    pub(crate) fn set(self) -> Option<regex::RegexSet> {
        regex::RegexSet::new(self.patterns.into_inner()).ok()
    }
}

/// Runs `set` over `text` once.
pub(crate) fn hits(set: Option<&regex::RegexSet>, text: &str) -> Hits {
    Hits(set.map(|s| s.matches(text)))
}

/// `pattern` with every `\b` made an ASCII word boundary.
pub(crate) fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// Sorts spans and drops any that overlap an earlier, longer one.
pub(crate) fn non_overlapping_spans(spans: &mut Vec<(usize, usize)>) {
    spans.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
    let mut last_end = 0;
    spans.retain(|&(s, e)| {
        let keep = s >= last_end && e > s;
        if keep {
            last_end = e;
        }
        keep
    });
}

fn all(text: &str, reference: Option<Date>) -> Vec<Found> {
    let mut v = absolute::find(text, reference);
    v.extend(relative::find(text, reference));
    v
}

/// Finds every date, period and relative time expression in `text`.
///
/// Relative expressions ("Sunday", "last month", "yesterday") resolve against
/// `reference`; press releases report the past, so "Sunday" is the last Sunday
/// strictly before the reference. Without a reference they are skipped, as are
/// dates without a year. Mentions are sorted and never overlap; where two
/// readings overlap, the longer wins ("Saturday, March 3, 2018" over "Saturday").
pub fn find_dates(text: &str, reference: Option<Date>) -> Vec<DateMention> {
    find_dates_in(
        text,
        &DateContext {
            reference,
            covered_until: None,
        },
    )
}

/// Like [`find_dates`], with the document's coverage: open-ended spans
/// ("since …") end at `ctx.covered_until` when it is set and not before their start.
pub fn find_dates_in(text: &str, ctx: &DateContext) -> Vec<DateMention> {
    let mut found: Vec<(usize, usize, Resolved)> = all(text, ctx.reference)
        .into_iter()
        .filter_map(|f| Some((f.start, f.end, f.resolved?)))
        .collect();
    found.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    let mut out: Vec<DateMention> = Vec::new();
    for (start, end, mut r) in found {
        if out.last().is_some_and(|l| start < l.end) {
            continue;
        }
        let Some(as_written) = text.get(start..end) else {
            continue;
        };
        if let Some(until) = ctx.covered_until {
            if r.open_ended && until >= r.start && until < r.end {
                r.end = until;
            }
        }
        out.push(DateMention {
            start,
            end,
            period: Period {
                start: r.start.to_string(),
                end: r.end.to_string(),
                precision: r.precision,
                basis: r.basis,
                as_written: Some(as_written.to_string()),
            },
            open_ended: r.open_ended,
        });
    }
    out
}

/// Byte spans of every date, period, relative expression and clock time in
/// `text`, whether or not it can be resolved: what the number reader masks so
/// that "2018", "Nov. 18-24", "four years" and "8 a.m." never become counts.
pub fn find_date_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = all(text, None)
        .into_iter()
        .map(|f| (f.start, f.end))
        .chain(find_times(text))
        .collect();
    non_overlapping_spans(&mut spans);
    spans
}

#[cfg(test)]
mod tests;
