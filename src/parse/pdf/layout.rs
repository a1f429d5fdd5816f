//! Geometry, first step: glyphs → words (gap relative to font size) → lines
//! (baseline clustering) → chunks (runs of words split at wide gaps or
//! ruling lines; a chunk is one column's or one cell's share of a line).

use super::content::{Glyph, Rule};

/// A gap wider than this share of the font size separates words.
const WORD_GAP: f32 = 0.15;
/// A gap wider than this share of the font size separates chunks for
/// reading order (columns of text).
pub(super) const CHUNK_GAP: f32 = 1.1;
/// The looser chunk gap used to look for table cells, whose columns can sit
/// closer than text columns do.
pub(super) const CELL_GAP: f32 = 0.5;

/// A word: glyphs on one baseline with no wide gap.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Word {
    /// The text.
    pub text: String,
    /// Left.
    pub x0: f32,
    /// Right.
    pub x1: f32,
    /// Baseline (top-down).
    pub y: f32,
    /// Largest glyph size.
    pub size: f32,
    /// Font of the first glyph.
    pub font: u32,
}

/// A run of words on one line, closer than a column gap.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Chunk {
    /// The words, left to right.
    pub words: Vec<Word>,
    /// Left.
    pub x0: f32,
    /// Right.
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    /// Largest size.
    pub size: f32,
}

impl Chunk {
    fn new(words: Vec<Word>) -> Chunk {
        let x0 = words.iter().map(|w| w.x0).fold(f32::MAX, f32::min);
        let x1 = words.iter().map(|w| w.x1).fold(f32::MIN, f32::max);
        let size = words.iter().map(|w| w.size).fold(0.0, f32::max);
        let y = words.first().map_or(0.0, |w| w.y);
        Chunk {
            words,
            x0,
            x1,
            y,
            size,
        }
    }

    /// The words joined by single spaces.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&w.text);
        }
        s
    }

    /// Top of the chunk's text box.
    pub fn top(&self) -> f32 {
        self.y - 0.8 * self.size
    }

    /// Bottom of the chunk's text box.
    pub fn bottom(&self) -> f32 {
        self.y + 0.25 * self.size
    }
}

/// Glyphs → words, in stream order (which keeps kerning-split runs together).
pub(super) fn words(glyphs: &[Glyph]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        let mut new_word = true;
        if let (Some(p), Some(w)) = (prev, out.last()) {
            let size = p.size.max(g.size);
            let same_line = (g.y - p.y).abs() <= 0.3 * size;
            // Fake bold: the same glyph drawn again at (almost) the same place.
            if same_line && g.ch == p.ch && (g.x0 - p.x0).abs() < 0.1 * size {
                continue;
            }
            let gap = g.x0 - p.x1;
            new_word = g.space_before
                || !same_line
                || gap > WORD_GAP * size
                || gap < -0.5 * size
                || (w.text.len() > 1000);
        }
        if new_word {
            out.push(Word {
                text: String::new(),
                x0: g.x0,
                x1: g.x1,
                y: g.y,
                size: g.size,
                font: g.font,
            });
        }
        if let Some(w) = out.last_mut() {
            w.text.push(g.ch);
            w.x0 = w.x0.min(g.x0);
            w.x1 = w.x1.max(g.x1);
            w.size = w.size.max(g.size);
        }
        prev = Some(g);
    }
    out
}

/// Words → lines: clustered by baseline, each sorted left to right.
pub(super) fn lines(mut words: Vec<Word>) -> Vec<Vec<Word>> {
    words.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<Word>> = Vec::new();
    for w in words {
        if let Some(line) = lines.last_mut() {
            let base = line.first().map_or(w.y, |f| f.y);
            let size = line.iter().map(|f| f.size).fold(w.size, f32::min);
            if (w.y - base).abs() <= 0.25 * size {
                line.push(w);
                continue;
            }
        }
        lines.push(vec![w]);
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        // Overlapping duplicates (text drawn twice) are dropped.
        line.dedup_by(|b, a| a.text == b.text && (a.x0 - b.x0).abs() < 0.2 * a.size);
    }
    lines
}

/// A line → chunks, split at gaps wider than `gap_factor` × size or where a
/// vertical ruling line passes between two words.
pub(super) fn chunks(line: Vec<Word>, rules: &[Rule], gap_factor: f32) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut cur: Vec<Word> = Vec::new();
    for w in line {
        if let Some(p) = cur.last() {
            let size = p.size.max(w.size);
            let gap = w.x0 - p.x1;
            let ruled = rules.iter().any(|r| {
                r.x1 - r.x0 <= 3.0
                    && r.x0 >= p.x1 - 1.0
                    && r.x1 <= w.x0 + 1.0
                    && r.y0 <= w.y - 0.5 * w.size
                    && r.y1 >= w.y
            });
            if gap > gap_factor * size || ruled {
                out.push(Chunk::new(std::mem::take(&mut cur)));
            }
        }
        cur.push(w);
    }
    if !cur.is_empty() {
        out.push(Chunk::new(cur));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(ch: char, x0: f32, y: f32, space_before: bool) -> Glyph {
        Glyph {
            ch,
            x0,
            x1: x0 + 5.0,
            y,
            size: 10.0,
            space_before,
            font: 0,
        }
    }

    #[test]
    fn words_split_on_gaps_spaces_and_lines() {
        let gs = vec![
            g('a', 0.0, 100.0, false),
            g('b', 5.2, 100.0, false),
            g('c', 12.0, 100.0, false),
            g('d', 17.0, 100.0, true),
            g('e', 0.0, 112.0, false),
        ];
        let w: Vec<String> = words(&gs).into_iter().map(|w| w.text).collect();
        assert_eq!(w, vec!["ab", "c", "d", "e"]);
    }

    #[test]
    fn lines_sort_and_chunks_split_wide_gaps() {
        let gs = vec![
            g('x', 100.0, 50.0, false),
            g('a', 0.0, 50.5, false),
            g('b', 6.0, 50.0, false),
        ];
        let ls = lines(words(&gs));
        assert_eq!(ls.len(), 1);
        let cs = chunks(ls.into_iter().next().unwrap_or_default(), &[], CHUNK_GAP);
        let t: Vec<String> = cs.iter().map(Chunk::text).collect();
        assert_eq!(t, vec!["ab", "x"]);
    }
}
