//! Table columns: x-intervals grown row by row while a table run is found,
//! and the final columns from word coverage (gutters no row's words cross,
//! kept when wide or supported by many rows).

use super::layout::{Chunk, Word};
use super::tables::Line;

/// Merges chunk x-intervals into the column list (overlaps join).
pub(super) fn add_intervals(cols: &mut Vec<(f32, f32)>, chunks: &[Chunk]) {
    for c in chunks {
        cols.push((c.x0, c.x1));
    }
    normalise(cols);
}

/// Sorts intervals and joins those that overlap or touch.
fn normalise(cols: &mut Vec<(f32, f32)>) {
    cols.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f32, f32)> = Vec::with_capacity(cols.len());
    for &(a, b) in cols.iter() {
        match out.last_mut() {
            Some(last) if a <= last.1 + 1.0 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    *cols = out;
}

/// Whether every chunk overlaps exactly one column (a candidate row may also
/// add new columns in empty space).
pub(super) fn fits(cols: &[(f32, f32)], chunks: &[Chunk], may_add: bool) -> bool {
    chunks.iter().all(|c| {
        let n = cols
            .iter()
            .filter(|&&(a, b)| c.x0 < b + 1.0 && c.x1 > a - 1.0)
            .count();
        n == 1 || (may_add && n == 0)
    })
}

/// A candidate row fits when each of its words overlaps at most one column:
/// cells that sit too close to split into chunks (a date touching a place)
/// are told apart by the columns the rows above established.
///
/// Once two rows agree on the columns (`settled`), a row may not put words into
/// a gutter between them: that is running text, not a row.
pub(super) fn row_fits(cols: &[(f32, f32)], chunks: &[Chunk], settled: bool) -> bool {
    let (lo, hi) = (
        cols.first().map_or(f32::MIN, |c| c.0),
        cols.last().map_or(f32::MAX, |c| c.1),
    );
    chunks.iter().flat_map(|c| c.words.iter()).all(|w| {
        let hit: Vec<&(f32, f32)> = cols
            .iter()
            .filter(|&&(a, b)| w.x0 < b - 0.5 && w.x1 > a + 0.5)
            .collect();
        if settled && hit.is_empty() && w.x1 > lo && w.x0 < hi {
            return false;
        }
        // Spanning two intervals is fine across a gap narrower than an em
        // (a centred header beside left-aligned cells), not across a gutter.
        hit.windows(2).all(|p| p[1].0 - p[0].1 < w.size)
    })
}

/// Adds a candidate row's cells: its chunks, split where their words fall
/// into different established columns.
pub(super) fn add_row_intervals(cols: &mut Vec<(f32, f32)>, chunks: &[Chunk]) {
    let col_of = |w: &Word| {
        cols.iter()
            .position(|&(a, b)| w.x0 < b - 0.5 && w.x1 > a + 0.5)
    };
    let mut add: Vec<(f32, f32)> = Vec::new();
    for c in chunks {
        let mut group: Option<(Option<usize>, f32, f32)> = None;
        for w in &c.words {
            let k = col_of(w);
            group = match group {
                Some((gk, gx0, _)) if gk == k || k.is_none() => Some((gk, gx0, w.x1)),
                Some((_, gx0, gx1)) => {
                    add.push((gx0, gx1));
                    Some((k, w.x0, w.x1))
                }
                None => Some((k, w.x0, w.x1)),
            };
        }
        if let Some((_, a, b)) = group {
            add.push((a, b));
        }
    }
    cols.extend(add);
    normalise(cols);
}

/// Widens the columns by a continuation line's chunks.
pub(super) fn extend_intervals(cols: &mut Vec<(f32, f32)>, chunks: &[Chunk]) {
    add_intervals(cols, chunks);
}

/// Column intervals from word coverage: x-ranges that (almost) no line's words
/// cover are gutters. A header word bridging two columns in one line does not
/// merge them when the other lines keep the gutter open.
pub(super) fn word_columns(run: &[Line], rows: usize) -> Vec<(f32, f32)> {
    let words: Vec<(f32, f32, usize)> = run
        .iter()
        .enumerate()
        .flat_map(|(i, l)| {
            l.chunks
                .iter()
                .flat_map(move |c| c.words.iter().map(move |w| (w.x0, w.x1, i)))
        })
        .collect();
    let Some(lo) = words.iter().map(|w| w.0).reduce(f32::min) else {
        return Vec::new();
    };
    let hi = words.iter().map(|w| w.1).fold(lo, f32::max);
    // saturating: a hostile page can put words at 1e30 (the cast saturates)
    let n = ((hi - lo).ceil() as usize).saturating_add(1).min(4000);
    let mut cover = vec![0usize; n];
    for &(a, b, _) in &words {
        let (a, b) = (((a - lo).max(0.0)) as usize, ((b - lo).max(0.0)) as usize);
        for c in cover.iter_mut().take(b.min(n - 1) + 1).skip(a) {
            *c += 1;
        }
    }
    // Rows, not lines: in tables of long wrapped cells a column of dates is
    // covered by one line per row only.
    let allowed = rows * 15 / 100;
    let mut cols: Vec<(f32, f32)> = Vec::new();
    let mut start: Option<usize> = None;
    for (x, &c) in cover.iter().enumerate() {
        match (c > allowed, start) {
            (true, None) => start = Some(x),
            (false, Some(s)) => {
                cols.push((lo + s as f32, lo + x as f32));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        cols.push((lo + s as f32, hi));
    }
    // Bucket edges are whole points; take the exact extent of the words
    // centred inside each interval, so narrow gutters keep their true width.
    for c in &mut cols {
        let (a, b) = words
            .iter()
            .filter(|w| (c.0 - 0.5..=c.1 + 0.5).contains(&((w.0 + w.1) / 2.0)))
            .fold((f32::MAX, f32::MIN), |(a, b), w| (a.min(w.0), b.max(w.1)));
        if a <= b {
            *c = (a, b);
        }
    }
    // A gutter is a column gap when it is wide, or when many lines have words
    // on both sides of it; otherwise it is word spacing that happens to line up.
    let size = run.iter().map(Line::size).fold(0.0, f32::max).max(1.0);
    // Support: lines with a word in the column on each side of the gutter.
    // Lines with words on both sides of a gutter support it, unless the words
    // at its edges are the same in (nearly) every such line: a boilerplate
    // sentence repeated row after row lines up word by word, a column does not.
    let support = |left: (f32, f32), right: (f32, f32)| {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for l in run {
            let words: Vec<&Word> = l.chunks.iter().flat_map(|c| c.words.iter()).collect();
            let last_left = words.iter().rev().find(|w| w.x0 < left.1 && w.x1 > left.0);
            let first_right = words.iter().find(|w| w.x0 < right.1 && w.x1 > right.0);
            if let (Some(a), Some(b)) = (last_left, first_right) {
                pairs.push((a.text.as_str(), b.text.as_str()));
            }
        }
        let most = pairs
            .iter()
            .map(|p| pairs.iter().filter(|q| *q == p).count())
            .max()
            .unwrap_or(0);
        let boilerplate = pairs.len() >= 2 && most * 10 >= pairs.len() * 8;
        (pairs.len(), boilerplate)
    };
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for c in cols {
        match merged.last_mut() {
            Some(last) => {
                let gap = c.0 - last.1;
                let (n, boilerplate) = support(*last, c);
                let keep =
                    !boilerplate && ((gap >= 0.6 * size && n >= 1) || (gap >= 2.0 && n >= 4));
                if keep {
                    merged.push(c);
                } else {
                    last.1 = c.1;
                }
            }
            None => merged.push(c),
        }
    }
    merged
}

/// The column whose interval is nearest the centre of `x0..x1`.
pub(super) fn column_at(cols: &[(f32, f32)], x0: f32, x1: f32) -> usize {
    let mid = (x0 + x1) / 2.0;
    let mut best = (0usize, f32::MAX);
    for (k, &(a, b)) in cols.iter().enumerate() {
        let d = if mid < a {
            a - mid
        } else if mid > b {
            mid - b
        } else {
            0.0
        };
        if d < best.1 {
            best = (k, d);
        }
    }
    best.0
}
