//! One page's layout: glyphs → words → lines → chunks, tables pulled out,
//! reading order by XY-cut, and paragraphs grouped inside each region.

use super::content::PageContent;
use super::layout::{chunks, lines, words, Chunk, CELL_GAP, CHUNK_GAP};
use super::order::{order, BoxItem};
use super::tables::{find_tables, join_line, Line, Table};

/// A paragraph (or heading candidate) on a page.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Para {
    /// Its visual lines, as printed (hyphens kept).
    pub lines: Vec<String>,
    /// Bounding box (x0, y0, x1, y1), top-down.
    pub bbox: (f32, f32, f32, f32),
    /// Largest font size.
    pub size: f32,
    /// Every word is in a bold font.
    pub bold: bool,
    /// Set later: a running header, footer or page number.
    pub furniture: bool,
    /// For a "Label: value" line in a run of such lines: the label's length in chars.
    pub key_chars: Option<usize>,
}

impl Para {
    /// The text with lines joined (hyphenation across lines undone).
    pub fn text(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            join_line(&mut s, l.trim());
        }
        s
    }
}

/// What a page is made of, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Item {
    /// Running text or a heading.
    Para(Para),
    /// A table.
    Table(Table),
}

/// A page's items in reading order, and the page's visual lines (for `--layout`).
#[derive(Debug, Default)]
pub(super) struct PageLayout {
    /// Items in reading order.
    pub items: Vec<Item>,
    /// Every line's chunks, top to bottom (layout-mode text output).
    pub lines: Vec<Vec<Chunk>>,
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
}

/// Lays out one page.
pub(super) fn layout_page(content: &PageContent, is_bold: &dyn Fn(u32) -> bool) -> PageLayout {
    let ws = words(&content.glyphs);
    let raw_lines = lines(ws);
    // Loose chunks find table cells; tight chunks (text columns) feed reading order.
    let cell_lines: Vec<Line> = raw_lines
        .iter()
        .map(|l| Line {
            chunks: chunks(l.clone(), &content.rules, CELL_GAP),
        })
        .collect();
    let all_lines: Vec<Line> = raw_lines
        .into_iter()
        .map(|l| Line {
            chunks: chunks(l, &content.rules, CHUNK_GAP),
        })
        .collect();
    let x0 = all_lines
        .iter()
        .flat_map(|l| l.chunks.iter().map(|c| c.x0))
        .fold(f32::MAX, f32::min);
    let x1 = all_lines
        .iter()
        .flat_map(|l| l.chunks.iter().map(|c| c.x1))
        .fold(f32::MIN, f32::max);
    let text_width = if x1 > x0 { x1 - x0 } else { content.width };
    let (tables, used) = find_tables(&cell_lines, &content.rules, text_width, is_bold);

    // Boxes to order: free chunks, then tables as atoms.
    let mut boxes: Vec<BoxItem> = Vec::new();
    let mut payload: Vec<Payload> = Vec::new();
    for (line, used) in all_lines.iter().zip(&used) {
        if *used {
            continue;
        }
        for c in &line.chunks {
            boxes.push(BoxItem {
                x0: c.x0,
                y0: c.top(),
                x1: c.x1,
                y1: c.bottom(),
                size: c.size,
            });
            payload.push(Payload::Chunk(c.clone()));
        }
    }
    for (k, t) in tables.iter().enumerate() {
        boxes.push(BoxItem {
            x0: t.bbox.0,
            y0: t.bbox.1,
            x1: t.bbox.2,
            y1: t.bbox.3,
            size: t.size,
        });
        payload.push(Payload::Table(k));
    }
    let mut tables: Vec<Option<Table>> = tables.into_iter().map(Some).collect();
    let mut items = Vec::new();
    for region in order(&boxes) {
        let mut pending: Vec<Chunk> = Vec::new();
        for i in region.items {
            match payload.get(i) {
                Some(Payload::Chunk(c)) => pending.push(c.clone()),
                Some(Payload::Table(k)) => {
                    paragraphs(std::mem::take(&mut pending), is_bold, &mut items);
                    if let Some(t) = tables.get_mut(*k).and_then(Option::take) {
                        items.push(Item::Table(t));
                    }
                }
                None => {}
            }
        }
        let before = items.len();
        paragraphs(pending, is_bold, &mut items);
        join_column_break(&mut items, before);
    }
    PageLayout {
        items,
        lines: all_lines.into_iter().map(|l| l.chunks).collect(),
        width: content.width,
        height: content.height,
    }
}

/// A paragraph broken by a column or region boundary ("Many strikes" |
/// "targeted ISIS …"): no sentence end before, a lowercase start after, same
/// size. The first paragraph of the new region joins the last one before it.
fn join_column_break(items: &mut Vec<Item>, first_new: usize) {
    if first_new == 0 || first_new >= items.len() {
        return;
    }
    let (head, tail) = items.split_at_mut(first_new);
    let (Some(Item::Para(a)), Some(Item::Para(b))) = (head.last_mut(), tail.first()) else {
        return;
    };
    let ends_open = a
        .lines
        .last()
        .is_some_and(|l| !l.trim_end().ends_with(['.', ':', '!', '?', ';']));
    let starts_lower = b
        .lines
        .first()
        .and_then(|l| l.chars().next())
        .is_some_and(char::is_lowercase);
    if ends_open && starts_lower && (a.size - b.size).abs() < 0.5 && !a.furniture {
        a.lines.extend(b.lines.iter().cloned());
        a.bbox.3 = a.bbox.3.max(b.bbox.3);
        items.remove(first_new);
    }
}

/// The label length (chars) of a "Label: value" line: a short capitalised
/// label without sentence punctuation, then ": " and a value.
fn label_len(text: &str) -> Option<usize> {
    let (label, value) = text.split_once(": ")?;
    let words = label.split_whitespace().count();
    let first = label.chars().next()?;
    (first.is_uppercase()
        && (1..=6).contains(&words)
        && label.chars().count() <= 45
        && !label.contains(['.', ',', ';', '(', '"'])
        && !value.trim().is_empty())
    .then(|| label.chars().count())
}

enum Payload {
    Chunk(Chunk),
    Table(usize),
}

/// A visual line inside a region.
struct RLine {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    bold: bool,
}

/// Groups a region's chunks (top to bottom) into lines and paragraphs.
fn paragraphs(chunks: Vec<Chunk>, is_bold: &dyn Fn(u32) -> bool, out: &mut Vec<Item>) {
    if chunks.is_empty() {
        return;
    }
    let mut rlines: Vec<RLine> = Vec::new();
    for c in chunks {
        let bold = c.words.iter().all(|w| is_bold(w.font));
        if let Some(l) = rlines.last_mut() {
            if (c.y - l.y).abs() <= 0.3 * c.size.min(l.size) {
                l.text.push(' ');
                l.text.push_str(&c.text());
                l.x0 = l.x0.min(c.x0);
                l.x1 = l.x1.max(c.x1);
                l.size = l.size.max(c.size);
                l.bold &= bold;
                continue;
            }
        }
        rlines.push(RLine {
            text: c.text(),
            x0: c.x0,
            x1: c.x1,
            y: c.y,
            size: c.size,
            bold,
        });
    }
    let mut pitches: Vec<f32> = rlines
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|p| *p > 0.0)
        .collect();
    pitches.sort_by(f32::total_cmp);
    let typical = pitches.get(pitches.len() / 2).copied();
    let right = rlines.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
    let left = rlines.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    let width = (right - left).max(1.0);
    // "Label: value" lines in runs of two or more are key/value blocks.
    let labels: Vec<Option<usize>> = rlines.iter().map(|l| label_len(&l.text)).collect();
    let is_kv = |i: usize| {
        labels[i].is_some()
            && ((i > 0 && labels[i - 1].is_some())
                || labels.get(i + 1).is_some_and(Option::is_some))
    };
    if std::env::var_os("CIVTRACE_PDF_TABLES").is_some() {
        for l in &rlines {
            eprintln!(
                "rline x0={:.1} x1={:.1} y={:.1} right={right:.1} {}",
                l.x0, l.x1, l.y, l.text
            );
        }
    }
    let mut cur: Option<Para> = None;
    let mut prev: Option<&RLine> = None;
    for (i, l) in rlines.iter().enumerate() {
        let kv = is_kv(i);
        let brk = kv
            || (i > 0 && is_kv(i - 1))
            || match prev {
                None => true,
                Some(p) => {
                    let pitch = l.y - p.y;
                    let size_change = (l.size - p.size).abs() > 0.12 * p.size.max(l.size);
                    let spaced = match typical {
                        Some(t) => pitch > 1.3 * t && pitch > 1.25 * p.size,
                        None => pitch > 1.6 * p.size,
                    };
                    // A line ending well short of the right edge ends its paragraph
                    // (with sentence punctuation), or stands alone (a dateline or
                    // byline, when very short) before a full line.
                    let short_end = (p.x1 < right - 0.2 * width
                        && p.text.ends_with(['.', ':', '!', '?'])
                        && l.x0 <= left + 0.05 * width + 1.0)
                        || (p.x1 < right - 0.4 * width && l.x1 > right - 0.1 * width);
                    let bullet = l.text.starts_with(['•', '▪', '◦', '●', '■', '–', '·']);
                    // A first-line indent under a line that started at the margin.
                    let indent = l.x0 > left + 1.0 * l.size && p.x0 <= left + 0.5 * p.size;
                    size_change || spaced || short_end || bullet || indent || p.bold != l.bold
                }
            };
        if brk {
            if let Some(p) = cur.take() {
                out.push(Item::Para(p));
            }
        }
        let para = cur.get_or_insert_with(|| Para {
            lines: Vec::new(),
            bbox: (l.x0, l.y - l.size, l.x1, l.y + 0.3 * l.size),
            size: l.size,
            bold: true,
            furniture: false,
            key_chars: None,
        });
        if kv {
            para.key_chars = labels[i];
        }
        para.lines.push(l.text.clone());
        para.bbox.0 = para.bbox.0.min(l.x0);
        para.bbox.2 = para.bbox.2.max(l.x1);
        para.bbox.3 = l.y + 0.3 * l.size;
        para.size = para.size.max(l.size);
        para.bold &= l.bold;
        prev = Some(l);
    }
    if let Some(p) = cur {
        out.push(Item::Para(p));
    }
}
