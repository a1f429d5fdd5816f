//! Claims from table rows and key/value blocks.
//!
//! A row's numeric cells count what their column header says; long cells are
//! read as prose. What the row's own cells leave open comes from the table's
//! **frame** — its caption or the heading above it, a paragraph introducing
//! it ("The table below gives the likely civilian deaths …"), the heading of
//! its section — and then from the document's own scope (the period its
//! title states, the one country its opening names), never from a town named
//! in an earlier paragraph: a monthly totals table for a whole campaign does
//! not happen in the last place the prose mentioned.
//!
//! - **subject**: a header naming people without saying who ("Victims",
//!   "Likely deaths (min)") takes the frame's ("Civilian death toll by
//!   governorate"), else the document's headline victims (its last top-level
//!   death count with a known subject);
//! - **period**: a date in the row, a year cell ("2015", "2014 (from
//!   August 8)"), the frame's date, the title's, then the running one;
//! - **claimant**: a header that names who stands behind its figures
//!   ("Civilian deaths conceded by the Coalition", "Airwars estimate");
//! - **ranges**: two columns of one measure marked min/max (low/high,
//!   minimum/maximum) make one range claim per row.

mod frame;

use super::{char_to_byte, finest, mentions, prose, scope_of, Builder, RowContext, Running};
use crate::claim::{Claim, Claimant, DateBasis, DatePrecision, Metric, Period, Place};
use crate::claim::{Qualifier, Scope};
use crate::extract::claimants::{find_claimants, find_perpetrators};
use crate::extract::dates::{find_dates, DateMention};
use crate::extract::metric::{classify_label, metric_name, subject_name};
use crate::extract::numbers::{find_numbers_with, NumberMention, NumberOptions};
use crate::parse::{BlockKind, ParsedDocument};
use frame::{fill_subject, frame, Frame};

/// A "label: value" block: numbers in the value count what the label says.
///
/// In a list of places and bare numbers ("Latakia: 324" under "Governorate
/// Civilian victims"), the label is where, and what is counted comes from
/// the heading or caption above the list.
pub(super) fn key_value(
    b: &Builder,
    parsed: &ParsedDocument,
    bi: usize,
    run: &mut Running,
    out: &mut Vec<Claim>,
) {
    let Some(block) = parsed.blocks.get(bi) else {
        return;
    };
    let BlockKind::KeyValue { key_chars } = block.kind else {
        return;
    };
    let text = block.text.as_str();
    let kb = char_to_byte(text, key_chars);
    let label = text.get(..kb).unwrap_or("");
    let (dates, places) = mentions(text, b.reference, None);
    let listed = place_label(label).filter(|_| bare_number(text.get(kb..).unwrap_or("")));
    let vdates: Vec<&DateMention> = dates.iter().filter(|d| d.start >= kb).collect();
    if let Some(d) = vdates.last() {
        run.period = Some(d.period.clone());
    }
    if listed.is_none() {
        if let Some(p) = finest(&places, None) {
            run.place = Some(p.place.clone());
        }
    }
    let counted = match (classify_label(label), &listed) {
        (Some(c), _) => c,
        (None, Some(_)) => {
            let frame = frame(parsed, bi, out);
            let Some(mut c) = frame.texts.iter().find_map(|t| classify_label(t)) else {
                return;
            };
            fill_subject(&mut c, &frame);
            c
        }
        (None, None) => return,
    };
    if is_identifier_label(label) {
        return;
    }
    for n in find_numbers_with(text, NumberOptions { keep_years: true }) {
        if n.start < kb || dates.iter().any(|d| d.start < n.end && n.start < d.end) {
            continue;
        }
        let period = run.period.clone();
        let place = listed.clone().or_else(|| run.place.clone());
        let scope = scope_of(text, period.as_ref(), place.as_ref(), true);
        let claim = b.claim(
            block,
            &n,
            &counted,
            (0, text.len()),
            period,
            place,
            None,
            None,
            scope,
            None,
        );
        out.push(claim);
    }
}

/// A label that is nothing but a place name ("Latakia", "Damascus Suburbs").
fn place_label(label: &str) -> Option<Place> {
    let l = label.trim().trim_end_matches(':').trim_end();
    let (_, places) = mentions(l, None, None);
    match places.as_slice() {
        [p] if p.written_start == 0 && p.end >= l.len() => Some(p.place.clone()),
        _ => None,
    }
}

/// ": 324", ": 1,035": a value that is one number and nothing else.
fn bare_number(value: &str) -> bool {
    let v = value.trim_start_matches(':').trim();
    !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == ',')
}

/// Headers of id, date and code columns never make counts.
fn is_identifier_label(label: &str) -> bool {
    let l = label.to_lowercase();
    // "ID" as a word ("Incident ID"), not the start of "Idlib"
    l.split(|c: char| !c.is_alphanumeric()).any(|w| w == "id")
        || [
            "number", "code", "date", "no.", "source", "page", "year", "month",
        ]
        .iter()
        .any(|k| l.contains(k))
}

/// A cell that is a year, perhaps cut short: "2015", "2014 (from August 8)",
/// "2019 (to date)". The period of that year, or of its stated part.
fn year_period(cell: &str) -> Option<Period> {
    let t = cell.trim();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = t.get(digits.len()..).unwrap_or("").trim();
    let year: i16 = digits.parse().ok().filter(|y| (1990..=2100).contains(y))?;
    if digits.len() != 4 || !(rest.is_empty() || rest.starts_with('(')) {
        return None;
    }
    let (mut start, mut end) = (format!("{year}-01-01"), format!("{year}-12-31"));
    let mut precision = DatePrecision::Year;
    if !rest.is_empty() {
        let reference = jiff::civil::Date::new(year.saturating_add(1), 1, 1).ok();
        let l = rest.to_lowercase();
        if let Some(d) = find_dates(rest, reference).into_iter().next() {
            let before = l.get(..d.start).unwrap_or("");
            if before.contains("to") || before.contains("until") || before.contains("through") {
                end = d.period.end;
            } else {
                start = d.period.start;
            }
            precision = DatePrecision::Range;
        }
    }
    Some(Period {
        start,
        end,
        precision,
        basis: DateBasis::Explicit,
        as_written: Some(t.to_string()),
    })
}

/// Words in a header that make its organisation the source of the figures.
const SOURCE_WORDS: [&str; 12] = [
    "conceded",
    "admitted",
    "admissions",
    "acknowledged",
    "confirmed",
    "assessed",
    "estimate",
    "estimates",
    "reported",
    "according",
    "figures",
    "claimed",
];

/// The organisation a header names as the source of its figures: one that
/// cannot be a perpetrator (a monitor, "Airwars estimate"), or any named with
/// a source word ("conceded by the Coalition", "Coalition-admitted deaths").
fn header_claimant(header: &str) -> Option<Claimant> {
    let perps = find_perpetrators(header);
    let sourced = header
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| SOURCE_WORDS.contains(&w));
    find_claimants(header)
        .into_iter()
        .find(|c| sourced || !perps.iter().any(|p| p.start < c.end && c.start < p.end))
        .map(|c| c.claimant)
}

/// Which end of a range a header marks, and the header without the mark.
fn range_end(header: &str) -> Option<(bool, String)> {
    const LOW: [&str; 5] = ["min", "minimum", "low", "lower", "lowest"];
    const HIGH: [&str; 5] = ["max", "maximum", "high", "higher", "highest"];
    let l = header.to_lowercase();
    let words: Vec<&str> = l
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let low = words.iter().any(|w| LOW.contains(w));
    let high = words.iter().any(|w| HIGH.contains(w));
    if low == high {
        return None;
    }
    let rest: Vec<&str> = words
        .into_iter()
        .filter(|w| !LOW.contains(w) && !HIGH.contains(w))
        .collect();
    Some((low, rest.join(" ")))
}

/// The one plain number of a cell, shifted to row offsets.
fn single_number(cell: &str, at: usize) -> Option<NumberMention> {
    let ns = find_numbers_with(cell, NumberOptions { keep_years: true });
    match ns.as_slice() {
        [n] if n.qualifier == Qualifier::Exact && n.value.is_some() => Some(shift(n.clone(), at)),
        _ => None,
    }
}

/// Pairs of cells (low, high) that are the two ends of one measure.
fn range_pairs(
    text: &str,
    cells: &[(usize, usize, Option<String>)],
) -> Vec<(usize, NumberMention)> {
    let mut out = Vec::new();
    for (i, pair) in cells.windows(2).enumerate() {
        let [(ls, le, Some(lh)), (hs, he, Some(hh))] = pair else {
            continue;
        };
        let (Some((true, lk)), Some((false, hk))) = (range_end(lh), range_end(hh)) else {
            continue;
        };
        if lk != hk {
            continue;
        }
        let lo = text.get(*ls..*le).and_then(|c| single_number(c, *ls));
        let hi = text.get(*hs..*he).and_then(|c| single_number(c, *hs));
        let (Some(lo), Some(hi)) = (lo, hi) else {
            continue;
        };
        if lo.value > hi.value {
            continue;
        }
        let mut n = lo.clone();
        n.value = None;
        n.low = lo.value;
        n.high = hi.value;
        n.qualifier = Qualifier::Range;
        n.end = hi.end;
        n.phrase_end = hi.phrase_end;
        out.push((i, n));
    }
    out
}

/// A table row: short numeric cells count what their header says; long cells are prose.
pub(super) fn table_row(
    b: &Builder,
    parsed: &ParsedDocument,
    bi: usize,
    run: &mut Running,
    out: &mut Vec<Claim>,
) {
    let Some(block) = parsed.blocks.get(bi) else {
        return;
    };
    let BlockKind::TableRow { cells } = &block.kind else {
        return;
    };
    let text = block.text.as_str();
    let cells: Vec<(usize, usize, Option<String>)> = cells
        .iter()
        .map(|c| {
            (
                char_to_byte(text, c.start),
                char_to_byte(text, c.end),
                c.header.clone(),
            )
        })
        .collect();
    let (dates, places) = mentions(text, b.reference, None);
    let perps = find_perpetrators(text);
    // a header-less two-cell row is a label/value pair
    let headless_pair = cells.len() == 2 && cells.iter().all(|c| c.2.is_none());
    let frame = if headless_pair {
        Frame::default()
    } else {
        frame(parsed, bi, out)
    };
    // a year in the first cell, or under a year/period header
    let year = cells
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            *i == 0
                || c.2.as_deref().is_some_and(|h| {
                    let h = h.to_lowercase();
                    h.contains("year") || h.contains("period")
                })
        })
        .find_map(|(_, (s, e, _))| text.get(*s..*e).and_then(year_period));
    let title_period = || {
        frame.title.as_deref().and_then(|t| {
            mentions(t, b.reference, None)
                .0
                .last()
                .map(|d| d.period.clone())
        })
    };
    let own_place = finest(&places, None).map(|p| p.place.clone());
    let place = if headless_pair {
        own_place.clone().or_else(|| run.place.clone())
    } else {
        own_place
            .clone()
            .or_else(|| frame.place())
            .or_else(|| frame.country.clone())
    };
    let headers: String = cells
        .iter()
        .filter_map(|c| c.2.as_deref())
        .collect::<Vec<_>>()
        .join(" | ");
    let row = RowContext {
        period: year
            .clone()
            .or_else(|| dates.first().map(|d| d.period.clone()))
            .or_else(|| (!headless_pair).then(|| frame.period(b)).flatten())
            .or_else(|| (!headless_pair).then(title_period).flatten())
            .or_else(|| run.period.clone()),
        place,
        attributed_to: perps
            .first()
            .or(find_perpetrators(&headers).first())
            .map(|p| p.name.clone())
            .or_else(|| {
                frame
                    .texts
                    .iter()
                    .find_map(|t| find_perpetrators(t).first().map(|p| p.name.clone()))
            }),
    };
    if headless_pair {
        if let Some(d) = dates.last() {
            run.period = Some(d.period.clone());
        }
        if let Some(p) = finest(&places, None) {
            run.place = Some(p.place.clone());
        }
    }
    // the metric a header states outright for people ("Arrests", "Injured")
    let row_metric = cells
        .iter()
        .filter_map(|c| c.2.as_deref().and_then(classify_label))
        .find(|c| !c.implied_metric && c.subject.is_some() && !matches!(c.metric, Metric::Killed))
        .map(|c| c.metric);
    let pairs = range_pairs(text, &cells);
    for (ci, &(cs, ce, ref header)) in cells.iter().enumerate() {
        let Some(cell) = text.get(cs..ce) else {
            continue;
        };
        // the high end of a min/max pair went into the pair's claim
        if ci > 0 && pairs.iter().any(|(i, _)| *i + 1 == ci) {
            continue;
        }
        let label = if headless_pair && ci == 1 {
            text.get(cells[0].0..cells[0].1).map(str::to_string)
        } else {
            header.clone()
        };
        let short = cell.chars().count() <= 40 && !cell.contains(". ");
        if !short {
            prose(b, block, cs, ce, run, out, None, Some(&row));
            continue;
        }
        let Some(label) = label else { continue };
        if is_identifier_label(&label) {
            continue;
        }
        let Some(mut counted) = classify_label(&label) else {
            continue;
        };
        // "Children" under an arrests table counts arrested children
        if counted.implied_metric {
            if let Some(m) = row_metric {
                counted.metric = m;
                counted.rule = format!("label.{}", metric_name(m))
                    + &counted
                        .subject
                        .map(|s| format!(".{}", subject_name(s)))
                        .unwrap_or_default();
            }
        }
        if !headless_pair {
            fill_subject(&mut counted, &frame);
        }
        let claimant = header.as_deref().and_then(header_claimant);
        let numbers: Vec<NumberMention> = match pairs.iter().find(|(i, _)| *i == ci) {
            Some((_, n)) => vec![n.clone()],
            None => find_numbers_with(cell, NumberOptions { keep_years: true })
                .into_iter()
                .map(|n| shift(n, cs))
                .collect(),
        };
        for n in numbers {
            if dates.iter().any(|d| d.start < n.end && n.start < d.end) {
                continue;
            }
            let scope = if year.is_some() {
                // a year's row is that year's total, even one cut short
                Scope::PeriodTotal
            } else {
                scope_of(text, row.period.as_ref(), row.place.as_ref(), true)
            };
            let claim = b.claim(
                block,
                &n,
                &counted,
                (0, text.len()),
                row.period.clone(),
                row.place.clone(),
                claimant.clone(),
                row.attributed_to.clone(),
                scope,
                None,
            );
            out.push(claim);
        }
    }
}

fn shift(mut n: NumberMention, by: usize) -> NumberMention {
    n.start += by;
    n.end += by;
    n.phrase_start += by;
    n.phrase_end += by;
    n
}

#[cfg(test)]
mod tests;
