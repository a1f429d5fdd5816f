//! Tables from geometry: runs of lines whose chunks line up in columns (the
//! column structure is the gaps in the x-projection of the rows' chunks),
//! rows split at ruling lines, at extra row padding, or — in tables with no
//! padding — at lines that fill most columns; a first row of bold or
//! digit-free text is the header.

use super::columns::{
    add_intervals, add_row_intervals, column_at, extend_intervals, fits, row_fits, word_columns,
};
use super::content::Rule;
use super::layout::{Chunk, Word};

/// Most continuation lines (wrapped cells) accepted in a row of a table.
const MAX_CONTINUATION: usize = 16;

/// A table found on a page.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Table {
    /// Header cell text per column (empty string where none), if the first row is a header.
    pub header: Option<Vec<String>>,
    /// Body rows: cell text per column (empty where the cell is empty).
    pub rows: Vec<Vec<String>>,
    /// Column x-intervals.
    pub columns: Vec<(f32, f32)>,
    /// Bounding box (x0, y0, x1, y1).
    pub bbox: (f32, f32, f32, f32),
    /// Font size of the table text.
    pub size: f32,
}

/// A line of chunks, with the fonts that tell bold apart.
pub(super) struct Line {
    /// Chunks, left to right.
    pub chunks: Vec<Chunk>,
}

impl Line {
    /// Baseline of the line.
    pub(super) fn y(&self) -> f32 {
        self.chunks.first().map_or(0.0, |c| c.y)
    }
    /// Largest font size on the line.
    pub(super) fn size(&self) -> f32 {
        self.chunks
            .iter()
            .map(|c| c.size)
            .fold(0.0, f32::max)
            .max(1.0)
    }
}

/// Finds tables among `lines` (top to bottom). Returns the tables and, for
/// each line, whether it was consumed by a table.
pub(super) fn find_tables(
    lines: &[Line],
    rules: &[Rule],
    text_width: f32,
    is_bold: &dyn Fn(u32) -> bool,
) -> (Vec<Table>, Vec<bool>) {
    let mut used = vec![false; lines.len()];
    let mut tables = Vec::new();
    // A row candidate: three or more cells, or two short ones; and at least one
    // gap of an em or more (justified running text splits at narrower gaps).
    let candidate = |l: &Line| {
        if is_caption(l) {
            return false;
        }
        let n = l.chunks.len();
        let wide_gap = l
            .chunks
            .windows(2)
            .any(|w| w[1].x0 - w[0].x1 >= w[0].size.max(w[1].size));
        wide_gap
            && (n >= 3
                || (n == 2
                    && l.chunks
                        .iter()
                        .all(|c| c.x1 - c.x0 < 0.35 * text_width.max(1.0))))
    };
    let mut i = 0;
    while i < lines.len() {
        if !candidate(&lines[i]) {
            i += 1;
            continue;
        }
        // Grow a run from line i.
        let mut cols: Vec<(f32, f32)> = Vec::new();
        add_intervals(&mut cols, &lines[i].chunks);
        let mut end = i + 1;
        let mut n_candidates = 1;
        let mut since_candidate = 0;
        let mut last_taken = i;
        while end < lines.len() {
            let l = &lines[end];
            let prev = &lines[end - 1];
            let gap = l.y() - prev.y();
            if gap > 3.0 * prev.size().max(l.size()) || !same_size(l, &lines[i]) {
                break;
            }
            let min_pitch = lines[i..end]
                .windows(2)
                .map(|w| w[1].y() - w[0].y())
                .fold(f32::MAX, f32::min);
            let continuation_close = min_pitch == f32::MAX || gap <= 1.6 * min_pitch;
            // A wrapped cell stays inside its column; running text below a
            // table has words across the gutters.
            let straddles = l.chunks.iter().flat_map(|c| c.words.iter()).any(|w| {
                cols.windows(2).any(|g| {
                    let mid = (g[0].1 + g[1].0) / 2.0;
                    w.x0 < mid && w.x1 > mid
                })
            });
            if is_caption(l) {
                break;
            }
            if candidate(l) && row_fits(&cols, &l.chunks, n_candidates >= 2) {
                add_row_intervals(&mut cols, &l.chunks);
                n_candidates += 1;
                since_candidate = 0;
            } else if since_candidate < MAX_CONTINUATION
                && continuation_close
                && !straddles
                && fits(&cols, &l.chunks, false)
            {
                since_candidate += 1;
                extend_intervals(&mut cols, &l.chunks);
            } else {
                break;
            }
            last_taken = end;
            end += 1;
        }
        let cols = if n_candidates >= 2 && cols.len() >= 2 {
            word_columns(&lines[i..=last_taken], n_candidates)
        } else {
            Vec::new()
        };
        // Two or more wide "columns" are columns of running text, not a table.
        let wide = cols
            .iter()
            .filter(|c| c.1 - c.0 > 0.3 * text_width.max(1.0))
            .count();
        if std::env::var_os("CIVTRACE_PDF_TABLES").is_some() {
            eprintln!(
                "table run lines {i}..={last_taken} candidates {n_candidates} cols {cols:?} wide {wide}"
            );
        }
        // A run of digit-free lines right above rows of figures that do not
        // line up with it is the header of those rows (centred headings over
        // right-aligned numbers): leave it to that table to take as its header.
        let digit_free = lines[i..=last_taken].iter().all(|l| !has_digit(l));
        let figures_below = lines.get(last_taken + 1).is_some_and(|l| {
            let gap = l.y() - lines[last_taken].y();
            candidate(l) && has_digit(l) && gap <= 3.0 * l.size() && same_size(l, &lines[i])
        });
        if digit_free && figures_below {
            i = last_taken + 1;
            continue;
        }
        if cols.len() >= 2 && wide < 2 {
            // Header lines above the first candidate row: close, and every word
            // inside one column (a header often sits tighter than its cells).
            let body_pitch = lines[i..=last_taken]
                .windows(2)
                .map(|w| w[1].y() - w[0].y())
                .fold(f32::MAX, f32::min);
            let mut first = i;
            while first > 0 && i - first < 8 && !used[first - 1] {
                let (above, below) = (&lines[first - 1], &lines[first]);
                let gap = below.y() - above.y();
                let close = if body_pitch < f32::MAX {
                    gap <= 1.6 * body_pitch
                } else {
                    gap <= 2.5 * above.size().max(below.size())
                };
                let inside = above.chunks.iter().flat_map(|c| c.words.iter()).all(|w| {
                    cols.windows(2).all(|g| {
                        let mid = (g[0].1 + g[1].0) / 2.0;
                        !(w.x0 < mid && w.x1 > mid)
                    })
                });
                let bold = above
                    .chunks
                    .iter()
                    .flat_map(|c| c.words.iter())
                    .all(|w| is_bold(w.font));
                if !(close && (inside || bold) && same_size(above, &lines[i])) || is_caption(above)
                {
                    break;
                }
                first -= 1;
            }
            let run = &lines[first..=last_taken];
            tables.push(build(run, i - first, &cols, rules, is_bold));
            for u in &mut used[first..=last_taken] {
                *u = true;
            }
            i = last_taken + 1;
        } else {
            i += 1;
        }
    }
    (tables, used)
}

/// "Table 1: Civilian victims by perpetrator party": a caption, never a row
/// (it stays a paragraph above the table, where it frames the rows).
fn is_caption(l: &Line) -> bool {
    let mut words = l.chunks.iter().flat_map(|c| c.words.iter());
    let (Some(a), Some(b)) = (words.next(), words.next()) else {
        return false;
    };
    let number = b.text.trim_end_matches([':', '.']);
    matches!(a.text.as_str(), "Table" | "Figure" | "Chart" | "Graph")
        && !number.is_empty()
        && (number.chars().all(|c| c.is_ascii_digit())
            || number.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
}

/// Whether a line carries a digit (body rows do; headers rarely).
fn has_digit(l: &Line) -> bool {
    l.chunks
        .iter()
        .flat_map(|c| c.words.iter())
        .any(|w| w.text.chars().any(|ch| ch.is_ascii_digit()))
}

/// Whether two lines are set in about the same font size (headings are not rows).
fn same_size(a: &Line, b: &Line) -> bool {
    (a.size() - b.size()).abs() <= 0.15 * a.size().max(b.size())
}

/// Appends a cell line to cell text, joining words hyphenated across lines.
pub(super) fn join_line(cell: &mut String, line: &str) {
    if cell.is_empty() {
        cell.push_str(line);
        return;
    }
    let hyphenated = cell.ends_with('-')
        && cell.chars().rev().nth(1).is_some_and(|c| c.is_alphabetic())
        && line.chars().next().is_some_and(|c| c.is_lowercase());
    if hyphenated {
        cell.pop();
    } else if !ends_with_letter_hyphen(cell) {
        cell.push(' ');
    }
    cell.push_str(line);
}

/// "al-" at a line end before "Tabqa": a compound split at its hyphen, joined without a space.
fn ends_with_letter_hyphen(s: &str) -> bool {
    s.ends_with('-') && s.chars().rev().nth(1).is_some_and(|c| c.is_alphabetic())
}

fn build(
    run: &[Line],
    header_lines: usize,
    cols: &[(f32, f32)],
    rules: &[Rule],
    is_bold: &dyn Fn(u32) -> bool,
) -> Table {
    let ncols = cols.len().max(1);
    let x0 = cols.first().map_or(0.0, |c| c.0);
    let x1 = cols.last().map_or(0.0, |c| c.1);
    let y0 = run.first().map_or(0.0, |l| l.y() - l.size());
    let y1 = run.last().map_or(0.0, |l| l.y() + 0.3 * l.size());
    // Row padding is judged on the body, not on the gap under the header.
    let pitches: Vec<f32> = run
        .get(header_lines..)
        .unwrap_or(run)
        .windows(2)
        .map(|w| w[1].y() - w[0].y())
        .collect();
    let min_pitch = pitches.iter().copied().fold(f32::MAX, f32::min);
    // Row padding shows as a share of larger pitches, not as one odd gap.
    let n_wide = pitches.iter().filter(|&&p| p > 1.2 * min_pitch).count();
    let padded = n_wide >= 2 && n_wide * 100 >= pitches.len() * 15;
    // Each line's words, grouped per column.
    fn cells_of<'l>(l: &'l Line, cols: &[(f32, f32)], ncols: usize) -> Vec<Vec<&'l Word>> {
        // A chunk goes to one cell (centred headers stay whole) unless a gap
        // between its words holds a gutter's midpoint: then it is two cells
        // set too close to split into chunks.
        let mids: Vec<f32> = cols.windows(2).map(|g| (g[0].1 + g[1].0) / 2.0).collect();
        let mut cells: Vec<Vec<&Word>> = vec![Vec::new(); ncols];
        for c in &l.chunks {
            let mut part: Vec<&Word> = Vec::new();
            let mut flush = |part: &mut Vec<&'l Word>| {
                if let (Some(a), Some(b)) = (part.first(), part.last()) {
                    if let Some(cell) = cells.get_mut(column_at(cols, a.x0, b.x1)) {
                        cell.append(part);
                    }
                }
                part.clear();
            };
            // In body rows (they carry digits; headers rarely do), two words
            // in different columns are different cells when a word space parts them.
            let body = l.chunks.iter().any(|c| {
                c.words
                    .iter()
                    .any(|w| w.text.chars().any(|ch| ch.is_ascii_digit()))
            });
            for w in &c.words {
                if let Some(prev) = part.last() {
                    let at_mid = mids.iter().any(|&m| prev.x1 <= m && w.x0 >= m);
                    let apart = body
                        && w.x0 - prev.x1 >= 0.2 * w.size
                        && column_at(cols, prev.x0, prev.x1) != column_at(cols, w.x0, w.x1);
                    if at_mid || apart {
                        flush(&mut part);
                    }
                }
                part.push(w);
            }
            flush(&mut part);
        }
        cells
    }
    let mut rows: Vec<(Vec<String>, bool)> = Vec::new();
    // Per row: only its first cell is bold (a label/value row, "Location | Mosul").
    let mut label_bold: Vec<bool> = Vec::new();
    for (k, l) in run.iter().enumerate() {
        let line_cells = cells_of(l, cols, ncols);
        let new_row = if k == 0 {
            true
        } else {
            let prev = &run[k - 1];
            // Horizontal rules between the two lines (borders come in per-cell
            // segments) covering half the table's width.
            let ruled_width: f32 = rules
                .iter()
                .filter(|r| {
                    r.y1 - r.y0 <= 3.0 && r.y0 >= prev.y() && r.y1 <= l.y() - 0.5 * l.size()
                })
                .map(|r| (r.x1.min(x1) - r.x0.max(x0)).max(0.0))
                .sum();
            let ruled = ruled_width >= 0.5 * (x1 - x0);
            let pitch = l.y() - prev.y();
            let n_filled = line_cells.iter().filter(|c| !c.is_empty()).count();
            let first = line_cells.first().is_some_and(|c| !c.is_empty());
            let bold_now = line_cells.iter().flatten().all(|w| is_bold(w.font));
            let bold_before = prev
                .chunks
                .iter()
                .flat_map(|c| c.words.iter())
                .all(|w| is_bold(w.font));
            ruled
                || bold_now != bold_before
                || (padded && pitch > 1.2 * min_pitch)
                || (!padded && first && n_filled * 10 >= (6 * ncols).max(20))
        };
        if new_row {
            rows.push((vec![String::new(); ncols], true));
            label_bold.push(true);
        }
        if let Some(lb) = label_bold.last_mut() {
            for (ci, ws) in line_cells.iter().enumerate() {
                if !ws.is_empty() && ws.iter().all(|w| is_bold(w.font)) != (ci == 0) {
                    *lb = false;
                }
            }
        }
        if let Some((cells, all_bold)) = rows.last_mut() {
            for (cell, ws) in cells.iter_mut().zip(&line_cells) {
                if ws.is_empty() {
                    continue;
                }
                let text: Vec<&str> = ws.iter().map(|w| w.text.as_str()).collect();
                join_line(cell, &text.join(" "));
                *all_bold &= ws.iter().all(|w| is_bold(w.font));
            }
        }
    }
    let has_digit = |cells: &Vec<String>| {
        cells
            .iter()
            .any(|c| c.chars().any(|ch| ch.is_ascii_digit()))
    };
    // Rows of bold labels and plain values are pairs all the way down: the
    // first one is a pair too, not a header.
    let pairs = label_bold.len() >= 2 && label_bold.iter().all(|b| *b);
    let header = match rows.first() {
        Some(_) if pairs => false,
        Some((first, bold)) if rows.len() >= 2 => {
            let body_bold = rows[1..].iter().filter(|(_, b)| *b).count() * 2 >= rows.len() - 1;
            let digits_below =
                rows[1..].iter().filter(|(c, _)| has_digit(c)).count() * 2 >= rows.len() - 1;
            (*bold && !body_bold) || (!has_digit(first) && digits_below)
        }
        _ => false,
    };
    let mut rows: Vec<Vec<String>> = rows.into_iter().map(|(c, _)| c).collect();
    let header = header.then(|| rows.remove(0));
    let size = run.iter().map(Line::size).fold(0.0, f32::max);
    Table {
        header,
        rows,
        columns: cols.to_vec(),
        bbox: (x0, y0, x1, y1),
        size,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(text: &str, x0: f32, y: f32, font: u32) -> Chunk {
        Chunk {
            words: vec![Word {
                text: text.into(),
                x0,
                x1: x0 + 6.0 * text.len() as f32,
                y,
                size: 10.0,
                font,
            }],
            x0,
            x1: x0 + 6.0 * text.len() as f32,
            y,
            size: 10.0,
        }
    }

    #[test]
    fn header_rows_and_wrapped_cells() {
        let lines = vec![
            Line {
                chunks: vec![
                    chunk("Date", 50.0, 100.0, 1),
                    chunk("Place", 150.0, 100.0, 1),
                    chunk("Killed", 300.0, 100.0, 1),
                ],
            },
            Line {
                chunks: vec![
                    chunk("3 May", 50.0, 116.0, 0),
                    chunk("Mosul,", 150.0, 116.0, 0),
                    chunk("12", 300.0, 116.0, 0),
                ],
            },
            Line {
                chunks: vec![chunk("Iraq", 150.0, 128.0, 0)],
            },
            Line {
                chunks: vec![
                    chunk("4 May", 50.0, 144.0, 0),
                    chunk("Raqqa", 150.0, 144.0, 0),
                    chunk("7", 300.0, 144.0, 0),
                ],
            },
        ];
        let (tables, used) = find_tables(&lines, &[], 500.0, &|f| f == 1);
        assert_eq!(used, vec![true; 4]);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(
            t.header.as_deref(),
            Some(&["Date".to_string(), "Place".into(), "Killed".into()][..])
        );
        assert_eq!(
            t.rows,
            vec![
                vec!["3 May".to_string(), "Mosul, Iraq".into(), "12".into()],
                vec!["4 May".into(), "Raqqa".into(), "7".into()]
            ]
        );
    }

    #[test]
    fn a_centred_header_over_right_aligned_figures_heads_them() {
        // "Alleged" / "incidents" centred over a narrow column of numbers: the
        // two header lines make a run of their own that the figures do not fit.
        let w = |text: &str, x0: f32, x1: f32, y: f32, font: u32| Chunk {
            words: vec![Word {
                text: text.into(),
                x0,
                x1,
                y,
                size: 9.5,
                font,
            }],
            x0,
            x1,
            y,
            size: 9.5,
        };
        let mut lines = vec![
            Line {
                chunks: vec![
                    w("Month", 84.0, 118.0, 324.8, 1),
                    w("Alleged", 173.0, 213.0, 324.8, 1),
                    w("Likely deaths (min –", 376.0, 500.0, 324.8, 1),
                ],
            },
            Line {
                chunks: vec![
                    w("incidents", 169.0, 218.0, 337.5, 1),
                    w("max)", 436.0, 463.0, 337.5, 1),
                ],
            },
        ];
        for (k, (month, n, range)) in [
            ("January 2016", "257", "254–410"),
            ("December 2015", "134", "250-548"),
            ("November 2015", "145", "89–130"),
        ]
        .into_iter()
        .enumerate()
        {
            let y = 355.5 + 18.0 * k as f32;
            lines.push(Line {
                chunks: vec![
                    w(month, 62.0, 138.0, y, 0),
                    w(n, 148.0, 166.0, y, 0),
                    w(range, 365.0, 406.0, y, 0),
                ],
            });
        }
        let (tables, used) = find_tables(&lines, &[], 500.0, &|f| f == 1);
        assert_eq!(used, vec![true; 5]);
        assert_eq!(tables.len(), 1, "{tables:#?}");
        assert_eq!(
            tables[0].header.as_deref(),
            Some(
                &[
                    "Month".to_string(),
                    "Alleged incidents".into(),
                    "Likely deaths (min – max)".into()
                ][..]
            )
        );
        assert_eq!(tables[0].rows.len(), 3);
    }

    #[test]
    fn a_numbered_caption_is_not_a_row() {
        let line = |cells: &[(&str, f32)], y: f32, font: u32| Line {
            chunks: cells.iter().map(|(t, x)| chunk(t, *x, y, font)).collect(),
        };
        let lines = vec![
            line(
                &[("Table", 50.0), ("1:", 90.0), ("Civilian victims", 150.0)],
                80.0,
                0,
            ),
            line(
                &[("Party", 50.0), ("Civilians", 150.0), ("Children", 300.0)],
                100.0,
                1,
            ),
            line(&[("ISIS", 50.0), ("110", 150.0), ("32", 300.0)], 116.0, 0),
            line(
                &[("Russian forces", 50.0), ("160", 150.0), ("30", 300.0)],
                132.0,
                0,
            ),
        ];
        let (tables, used) = find_tables(&lines, &[], 500.0, &|f| f == 1);
        assert_eq!(used, vec![false, true, true, true]);
        assert_eq!(tables.len(), 1);
        assert_eq!(
            tables[0].header.as_deref(),
            Some(&["Party".to_string(), "Civilians".into(), "Children".into()][..])
        );
    }

    #[test]
    fn bold_labels_beside_plain_values_are_pairs_not_a_header() {
        let line = |k: &str, v: &str, y: f32| Line {
            chunks: vec![chunk(k, 50.0, y, 1), chunk(v, 300.0, y, 0)],
        };
        let lines = vec![
            line("Suspected belligerent", "US-led Coalition", 100.0),
            line("Civilians reported killed", "6", 116.0),
            line("Children reported killed", "5", 132.0),
        ];
        let (tables, _) = find_tables(&lines, &[], 500.0, &|f| f == 1);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].header, None);
        assert_eq!(tables[0].rows.len(), 3);
    }

    #[test]
    fn hyphen_join() {
        let mut s = String::from("civil-");
        join_line(&mut s, "ians");
        assert_eq!(s, "civilians");
        let mut s = String::from("al-");
        join_line(&mut s, "Tabqa");
        assert_eq!(s, "al-Tabqa");
    }
}
