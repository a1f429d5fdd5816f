//! Laid-out pages → [`TextBlock`]s: headings by size and weight, table rows
//! with header cells (headers carried across pages for tables that run on),
//! furniture dropped, locators `p{page}/b{n}` and `p{page}/t{n}/r{row}`.

use super::page::{Item, PageLayout, Para};
use super::tables::Table;
use crate::parse::{BlockKind, ParsedDocument, TableCell, TextBlock};

/// Builds the parsed document from laid-out pages.
pub(super) fn to_blocks(pages: &[PageLayout]) -> ParsedDocument {
    let body = body_size(pages);
    let mut heading_sizes: Vec<f32> = pages
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|i| match i {
            Item::Para(p) if !p.furniture && is_heading(p, body) => Some(p.size),
            _ => None,
        })
        .collect();
    heading_sizes.sort_by(|a, b| b.total_cmp(a));
    heading_sizes.dedup_by(|a, b| (*a - *b).abs() < 0.5);

    let mut blocks = Vec::new();
    let mut title: Option<String> = None;
    let mut last_header: Option<(Vec<String>, usize)> = None;
    for (pi, page) in pages.iter().enumerate() {
        let page_no = pi as u32 + 1;
        let (mut nb, mut nt) = (0usize, 0usize);
        for item in &page.items {
            match item {
                Item::Para(p) if p.furniture => {}
                Item::Para(p) => {
                    let text = p.text();
                    if text.trim().is_empty() {
                        continue;
                    }
                    // text between two tables: the second is a table of its own
                    last_header = None;
                    nb += 1;
                    let kind = if let Some(key_chars) = p.key_chars {
                        BlockKind::KeyValue { key_chars }
                    } else if is_heading(p, body) {
                        let level = heading_sizes
                            .iter()
                            .position(|s| (s - p.size).abs() < 0.5)
                            .map_or(6, |i| (i + 1).min(6))
                            as u8;
                        if title.is_none() && pi == 0 && level == 1 && p.size >= 1.15 * body {
                            title = Some(text.clone());
                            BlockKind::Title
                        } else {
                            BlockKind::Heading { level }
                        }
                    } else if text.starts_with(['•', '▪', '◦', '●', '■']) {
                        BlockKind::ListItem
                    } else {
                        BlockKind::Paragraph
                    };
                    blocks.push(TextBlock {
                        text,
                        locator: format!("p{page_no}/b{nb}"),
                        page: Some(page_no),
                        kind,
                    });
                }
                Item::Table(t) => {
                    nt += 1;
                    let header = match &t.header {
                        Some(h) => {
                            last_header = Some((h.clone(), t.columns.len()));
                            Some(h.clone())
                        }
                        // A table that runs on from the one right before it (split
                        // by the page break or by a gap) keeps its header.
                        None => last_header
                            .as_ref()
                            .filter(|(_, n)| *n == t.columns.len())
                            .map(|(h, _)| h.clone()),
                    };
                    table_rows(t, header.as_deref(), page_no, nt, &mut blocks);
                }
            }
        }
    }
    ParsedDocument {
        title,
        published: published_date(&blocks),
        blocks,
        ..Default::default()
    }
}

/// A table row split by a page break: when a page opens with a table row
/// whose first cell is empty and the previous page closed with a table of the
/// same columns, the row's text is the end of that table's last row.
pub(super) fn join_split_rows(pages: &mut [PageLayout]) {
    for i in 1..pages.len() {
        let (before, after) = pages.split_at_mut(i);
        let Some(Item::Table(prev)) = before
            .last_mut()
            .and_then(|p| p.items.iter_mut().rev().find(|it| !is_furniture(it)))
        else {
            continue;
        };
        let Some(Item::Table(next)) = after
            .first_mut()
            .and_then(|p| p.items.iter_mut().find(|it| !is_furniture(it)))
        else {
            continue;
        };
        if prev.columns.len() != next.columns.len() {
            continue;
        }
        let continues = next.rows.first().is_some_and(|r| {
            r.first().is_some_and(|c| c.is_empty()) && r.iter().any(|c| !c.is_empty())
        });
        if !continues {
            continue;
        }
        let (Some(last), Some(first)) = (prev.rows.last_mut(), next.rows.first()) else {
            continue;
        };
        for (a, b) in last.iter_mut().zip(first) {
            if !b.is_empty() {
                super::tables::join_line(a, b);
            }
        }
        next.rows.remove(0);
    }
}

fn is_furniture(item: &Item) -> bool {
    matches!(item, Item::Para(p) if p.furniture)
}

/// A two-column table without a header whose first column is short labels
/// without digits is a label/value list (incident metadata): its rows become
/// key/value blocks, as `<dl>` lists do in HTML.
fn is_key_value_table(t: &Table, header: Option<&[String]>) -> bool {
    t.columns.len() == 2
        && header.is_none()
        && t.rows.len() >= 2
        && t.rows.iter().all(|r| {
            r.first().is_some_and(|k| {
                !k.is_empty()
                    && k.chars().count() <= 45
                    && !k.chars().any(|c| c.is_ascii_digit())
                    && k.chars().next().is_some_and(char::is_uppercase)
            }) && r.get(1).is_some_and(|v| !v.is_empty())
        })
}

fn table_rows(
    t: &Table,
    header: Option<&[String]>,
    page: u32,
    nt: usize,
    out: &mut Vec<TextBlock>,
) {
    if is_key_value_table(t, header) {
        for (ri, row) in t.rows.iter().enumerate() {
            let (Some(key), Some(value)) = (row.first(), row.get(1)) else {
                continue;
            };
            let key = key.trim_end_matches(':');
            out.push(TextBlock {
                text: format!("{key}: {value}"),
                locator: format!("p{page}/t{nt}/r{}", ri + 1),
                page: Some(page),
                kind: BlockKind::KeyValue {
                    key_chars: key.chars().count(),
                },
            });
        }
        return;
    }
    for (ri, row) in t.rows.iter().enumerate() {
        let mut text = String::new();
        let mut cells = Vec::new();
        let mut chars = 0usize;
        for (ci, cell) in row.iter().enumerate() {
            if cell.trim().is_empty() {
                continue;
            }
            if !cells.is_empty() {
                text.push_str(" | ");
                chars += 3;
            }
            let start = chars;
            text.push_str(cell);
            chars += cell.chars().count();
            cells.push(TableCell {
                header: header
                    .and_then(|h| h.get(ci))
                    .filter(|h| !h.trim().is_empty())
                    .cloned(),
                start,
                end: chars,
            });
        }
        if cells.is_empty() {
            continue;
        }
        out.push(TextBlock {
            text,
            locator: format!("p{page}/t{nt}/r{}", ri + 1),
            page: Some(page),
            kind: BlockKind::TableRow { cells },
        });
    }
}

/// The font size of most body text (weighted by characters).
fn body_size(pages: &[PageLayout]) -> f32 {
    let mut weights: Vec<(f32, usize)> = Vec::new();
    for p in pages.iter().flat_map(|p| p.items.iter()) {
        if let Item::Para(p) = p {
            if !p.furniture {
                let n: usize = p.lines.iter().map(|l| l.len()).sum();
                weights.push((p.size, n));
            }
        }
    }
    weights.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: usize = weights.iter().map(|w| w.1).sum();
    let mut acc = 0;
    for (s, n) in &weights {
        acc += n;
        if acc * 2 >= total {
            return *s;
        }
    }
    10.0
}

fn is_heading(p: &Para, body: f32) -> bool {
    let text = p.text();
    let len = text.chars().count();
    if p.lines.len() > 3 || !(2..=200).contains(&len) || !text.chars().any(char::is_alphabetic) {
        return false;
    }
    p.size >= 1.15 * body
        || (p.bold && p.lines.len() == 1 && len < 120 && !text.ends_with(['.', ',', ';']))
}

/// The publication date: the first full date in a short block (a dateline or
/// byline such as "Published on November 1, 2018" or "Airwars, London,
/// 10 October 2018") among the first blocks of page 1.
pub(super) fn published_date(blocks: &[TextBlock]) -> Option<jiff::civil::Date> {
    use std::sync::LazyLock;
    static MONTH_FIRST: LazyLock<Option<regex::Regex>> = LazyLock::new(|| {
        regex::Regex::new(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),?\s+(\d{4})\b").ok()
    });
    static DAY_FIRST: LazyLock<Option<regex::Regex>> = LazyLock::new(|| {
        regex::Regex::new(r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b").ok()
    });
    static ISO: LazyLock<Option<regex::Regex>> =
        LazyLock::new(|| regex::Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").ok());
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = |m: &str| MONTHS.iter().position(|x| *x == m).map(|i| i as i8 + 1);
    // (date, share of the block the date takes, block is a heading)
    let mut found: Vec<(jiff::civil::Date, f32, bool)> = Vec::new();
    for b in blocks.iter().filter(|b| b.page == Some(1)).take(8) {
        if b.text.chars().count() > 90 || matches!(b.kind, BlockKind::TableRow { .. }) {
            continue;
        }
        let t = b.text.as_str();
        let hit = MONTH_FIRST
            .as_ref()
            .and_then(|re| re.captures(t))
            .and_then(|c| {
                Some((
                    c.get(0)?.len(),
                    c[3].parse().ok()?,
                    month(&c[1])?,
                    c[2].parse().ok()?,
                ))
            })
            .or_else(|| {
                DAY_FIRST
                    .as_ref()
                    .and_then(|re| re.captures(t))
                    .and_then(|c| {
                        Some((
                            c.get(0)?.len(),
                            c[3].parse().ok()?,
                            month(&c[2])?,
                            c[1].parse().ok()?,
                        ))
                    })
            })
            .or_else(|| {
                ISO.as_ref().and_then(|re| re.captures(t)).and_then(|c| {
                    Some((
                        c.get(0)?.len(),
                        c[1].parse().ok()?,
                        c[2].parse().ok()?,
                        c[3].parse().ok()?,
                    ))
                })
            });
        if let Some((len, y, m, d)) = hit {
            if let Ok(date) = jiff::civil::Date::new(y, m, d) {
                let heading = matches!(b.kind, BlockKind::Heading { .. } | BlockKind::Title);
                found.push((date, len as f32 / t.len().max(1) as f32, heading));
            }
        }
    }
    // A dateline (the date is most of the block) first, then any body block,
    // then headings (whose dates are usually the period covered).
    found
        .iter()
        .find(|f| !f.2 && f.1 >= 0.5)
        .or_else(|| found.iter().find(|f| !f.2))
        .or_else(|| found.first())
        .map(|f| f.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(header: Option<&[&str]>, rows: &[&[&str]]) -> Item {
        let s = |v: &[&str]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        Item::Table(Table {
            header: header.map(s),
            rows: rows.iter().map(|r| s(r)).collect(),
            columns: vec![(0.0, 100.0), (150.0, 200.0)],
            bbox: (0.0, 0.0, 200.0, 100.0),
            size: 10.0,
        })
    }

    fn para(text: &str) -> Item {
        Item::Para(Para {
            lines: vec![text.into()],
            bbox: (0.0, 0.0, 400.0, 12.0),
            size: 10.0,
            bold: false,
            furniture: false,
            key_chars: None,
        })
    }

    fn headers(doc: &ParsedDocument) -> Vec<Option<String>> {
        doc.blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::TableRow { cells } => cells.first().and_then(|c| c.header.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_header_carries_only_to_the_table_right_after_it() {
        let page = PageLayout {
            items: vec![
                table(
                    Some(&["Governorate", "Victims"]),
                    &[&["Homs", "270"], &["Idlib", "15"]],
                ),
                // the same table split by a gap: no text between
                table(None, &[&["Daraa", "81"], &["Hama", "12"]]),
                para("Incident summaries"),
                // a table of its own after text: not the governorate table
                table(None, &[&["Total 2017", "703"], &["Total 2018", "92"]]),
            ],
            lines: Vec::new(),
            width: 600.0,
            height: 800.0,
        };
        let doc = to_blocks(&[page]);
        let h = headers(&doc);
        assert_eq!(h.len(), 7, "{:#?}", doc.blocks);
        assert_eq!(h[2].as_deref(), Some("Governorate"));
        assert_eq!(h[3].as_deref(), Some("Governorate"));
        assert_eq!(h[5], None);
        assert_eq!(h[6], None);
    }
}
