//! Tables → one [`BlockKind::TableRow`] per body row, each cell carrying its
//! column header (joined across header rows, colspans spread) and its char
//! span in the row text; two-column `<th>`/`<td>` tables become
//! [`BlockKind::KeyValue`] blocks, and layout tables are left to the normal
//! block walk.

use ego_tree::NodeRef;
use scraper::Node;

use super::locate::Locator;
use super::walk::{collect_text, Limit};
use crate::parse::{BlockKind, TableCell, TextBlock};

/// Largest colspan/rowspan honoured (browsers clamp too: 1000 and 65534).
const MAX_SPAN: usize = 256;
/// Widest table honoured; wider rows are cut (hostile colspans).
const MAX_COLS: usize = 1024;

/// Where a row sits.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Section {
    /// `<thead>`.
    Head,
    /// `<tbody>`, `<tfoot>` or a bare `<tr>`.
    Body,
}

/// One cell placed on the grid.
#[derive(Debug, Clone)]
struct GridCell {
    /// The cell's visible text.
    text: String,
    /// `<th>` rather than `<td>`.
    is_th: bool,
    /// First column it covers.
    col: usize,
    /// Columns it covers.
    span: usize,
}

/// A row with its cells placed.
struct Row<'a> {
    /// The `<tr>`, for the locator.
    node: NodeRef<'a, Node>,
    /// thead or body.
    section: Section,
    /// Cells in column order (rowspan cells from rows above included).
    cells: Vec<GridCell>,
}

/// The `<tr>` rows of `table` itself (not of nested tables), in order.
fn row_nodes(table: NodeRef<'_, Node>) -> Vec<(NodeRef<'_, Node>, Section)> {
    let mut rows = Vec::new();
    for child in table.children() {
        match tag(child) {
            Some("tr") => rows.push((child, Section::Body)),
            Some(s @ ("thead" | "tbody" | "tfoot")) => {
                let section = if s == "thead" {
                    Section::Head
                } else {
                    Section::Body
                };
                rows.extend(
                    child
                        .children()
                        .filter(|r| tag(*r) == Some("tr"))
                        .map(|r| (r, section)),
                );
            }
            _ => {}
        }
    }
    rows
}

/// The element name of `n`, if it is an element.
fn tag<'a>(n: NodeRef<'a, Node>) -> Option<&'a str> {
    match n.value() {
        Node::Element(el) => Some(el.name()),
        _ => None,
    }
}

/// True if `table` holds data rather than page layout: at least two columns
/// somewhere, no nested table, not marked presentational, no cell holding a
/// whole article (over 2,000 chars), and, unless it has header cells, no
/// cell holding paragraphs or lists (old sites lay pages out with tables).
pub(super) fn is_data_table(table: NodeRef<'_, Node>) -> bool {
    if let Node::Element(el) = table.value() {
        if matches!(el.attr("role"), Some("presentation" | "none")) {
            return false;
        }
    }
    let rows = row_nodes(table);
    let has_header = rows.iter().any(|(_, s)| *s == Section::Head)
        || table.children().any(|c| tag(c) == Some("caption"));
    let mut has_th = false;
    let mut blocky = false;
    let mut max_cells = 0;
    for (row, _) in &rows {
        let mut cells = 0;
        for cell in row.children() {
            match tag(cell) {
                Some("td") => {}
                Some("th") => has_th = true,
                _ => continue,
            }
            cells += 1;
            let mut text = 0usize;
            for d in cell.descendants().skip(1) {
                match d.value() {
                    Node::Text(t) => text += t.len(),
                    Node::Element(e) => match e.name() {
                        "table" => return false,
                        "p" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                        | "blockquote" | "article" | "section" => blocky = true,
                        _ => {}
                    },
                    _ => {}
                }
            }
            if text > 2000 {
                return false;
            }
        }
        max_cells = max_cells.max(cells);
    }
    max_cells >= 2 && (has_header || has_th || !blocky)
}

/// Parses a span attribute the way browsers do: digits only, 0/garbage → 1.
fn span_attr(n: NodeRef<'_, Node>, name: &str) -> usize {
    let Node::Element(el) = n.value() else {
        return 1;
    };
    el.attr(name)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&v| v > 0)
        .map_or(1, |v| v.min(MAX_SPAN))
}

/// Places every row's cells on a grid, carrying rowspans down.
fn build_grid(table: NodeRef<'_, Node>) -> Vec<Row<'_>> {
    let mut out = Vec::new();
    // Per column: (rows still covered, the cell).
    let mut carry: Vec<Option<(usize, GridCell)>> = Vec::new();
    for (node, section) in row_nodes(table) {
        let mut cells: Vec<GridCell> = Vec::new();
        let mut col = 0;
        let take_carried = |col: &mut usize,
                            cells: &mut Vec<GridCell>,
                            carry: &mut Vec<Option<(usize, GridCell)>>| {
            while let Some(slot) = carry.get_mut(*col) {
                let Some((left, cell)) = slot.as_mut() else {
                    break;
                };
                cells.push(cell.clone());
                let span = cell.span;
                *left -= 1;
                if *left == 0 {
                    *slot = None;
                }
                *col += span;
            }
        };
        for cell in node.children() {
            let is_th = match tag(cell) {
                Some("td") => false,
                Some("th") => true,
                _ => continue,
            };
            take_carried(&mut col, &mut cells, &mut carry);
            if col >= MAX_COLS {
                break;
            }
            let span = span_attr(cell, "colspan").min(MAX_COLS - col);
            let rowspan = span_attr(cell, "rowspan");
            let text = collect_text(cell, Limit::NONE).unwrap_or_default();
            let g = GridCell {
                text,
                is_th,
                col,
                span,
            };
            if rowspan > 1 {
                if carry.len() < col + 1 {
                    carry.resize(col + 1, None);
                }
                if let Some(slot) = carry.get_mut(col) {
                    *slot = Some((rowspan - 1, g.clone()));
                }
            }
            cells.push(g);
            col += span;
        }
        // Rowspans to the right of the last cell.
        while col < carry.len() {
            let before = col;
            take_carried(&mut col, &mut cells, &mut carry);
            if col == before {
                col += 1;
            }
        }
        out.push(Row {
            node,
            section,
            cells,
        });
    }
    out
}

/// The blocks of a data table: caption, then one row block per body row.
pub(super) fn table_blocks(table: NodeRef<'_, Node>, loc: &mut Locator) -> Vec<TextBlock> {
    let mut blocks = Vec::new();
    for child in table.children() {
        if tag(child) == Some("caption") {
            let text = collect_text(child, Limit::NONE).unwrap_or_default();
            if !text.is_empty() {
                // A caption frames the rows below it the way a heading frames
                // a section, so the extractor gets it as the innermost heading.
                blocks.push(TextBlock {
                    text,
                    locator: loc.path(child),
                    page: None,
                    kind: BlockKind::Heading { level: 6 },
                });
            }
        }
    }
    let rows = build_grid(table);
    let explicit_head = rows.iter().any(|r| r.section == Section::Head);
    let header_rows = if explicit_head {
        rows.iter().filter(|r| r.section == Section::Head).count()
    } else {
        // Leading rows of <th> only, when data rows follow.
        let n = rows
            .iter()
            .take_while(|r| !r.cells.is_empty() && r.cells.iter().all(|c| c.is_th))
            .count();
        if n < rows.len() {
            n
        } else {
            0
        }
    };
    let ncols = rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.col + c.span))
        .max()
        .unwrap_or(0);
    let headers = column_headers(&rows, explicit_head, header_rows, ncols);
    let body: Vec<&Row> = rows
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            if explicit_head {
                r.section == Section::Body
            } else {
                *i >= header_rows
            }
        })
        .map(|(_, r)| r)
        .collect();
    let key_value = header_rows == 0
        && body.iter().all(|r| {
            r.cells.iter().filter(|c| !c.text.is_empty()).count() <= 2
                && r.cells.first().is_some_and(|c| c.is_th)
        });
    for row in body {
        let cells: Vec<&GridCell> = row.cells.iter().filter(|c| !c.text.is_empty()).collect();
        if cells.is_empty() {
            continue;
        }
        let locator = loc.path(row.node);
        if key_value && cells.len() == 2 {
            if let (Some(k), Some(v)) = (cells.first(), cells.get(1)) {
                let key = k.text.trim_end_matches(':').trim_end().to_string();
                blocks.push(TextBlock {
                    text: format!("{key}: {}", v.text),
                    locator,
                    page: None,
                    kind: BlockKind::KeyValue {
                        key_chars: key.chars().count(),
                    },
                });
                continue;
            }
        }
        let mut text = String::new();
        let mut out_cells = Vec::with_capacity(cells.len());
        let mut pos = 0usize;
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                text.push_str(" | ");
                pos += 3;
            }
            let len = c.text.chars().count();
            text.push_str(&c.text);
            let header = (c.col..c.col + c.span)
                .filter_map(|col| headers.get(col).and_then(|h| h.clone()))
                .next();
            out_cells.push(TableCell {
                header,
                start: pos,
                end: pos + len,
            });
            pos += len;
        }
        blocks.push(TextBlock {
            text,
            locator,
            page: None,
            kind: BlockKind::TableRow { cells: out_cells },
        });
    }
    blocks
}

/// Header text per column: the header rows' cells covering it, joined with
/// " / " (repeats from a colspan are not joined twice).
fn column_headers(
    rows: &[Row<'_>],
    explicit_head: bool,
    header_rows: usize,
    ncols: usize,
) -> Vec<Option<String>> {
    let heads = rows
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            if explicit_head {
                r.section == Section::Head
            } else {
                *i < header_rows
            }
        })
        .map(|(_, r)| r);
    let mut parts: Vec<Vec<&str>> = vec![Vec::new(); ncols];
    for row in heads {
        for cell in &row.cells {
            if cell.text.is_empty() {
                continue;
            }
            for col in cell.col..(cell.col + cell.span).min(ncols) {
                if let Some(p) = parts.get_mut(col) {
                    if p.last() != Some(&cell.text.as_str()) {
                        p.push(&cell.text);
                    }
                }
            }
        }
    }
    parts
        .into_iter()
        .map(|p| (!p.is_empty()).then(|| p.join(" / ")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn blocks(page: &str) -> Vec<TextBlock> {
        let html = Html::parse_document(page);
        let t = html
            .select(&Selector::parse("table").unwrap())
            .next()
            .unwrap();
        assert!(is_data_table(*t));
        table_blocks(*t, &mut Locator::default())
    }

    fn headers(b: &TextBlock) -> Vec<Option<&str>> {
        match &b.kind {
            BlockKind::TableRow { cells } => cells.iter().map(|c| c.header.as_deref()).collect(),
            k => panic!("not a row: {k:?}"),
        }
    }

    #[test]
    fn thead_headers_and_spans() {
        let b = blocks(
            "<table><caption>Credible reports</caption><thead><tr><th>Date</th><th>Location</th></tr></thead>\
             <tbody><tr><td>7 Jun 2017</td><td>Near Ar Raqqah, Syria</td></tr></tbody></table>",
        );
        assert_eq!(b[0].text, "Credible reports");
        assert_eq!(b[1].text, "7 Jun 2017 | Near Ar Raqqah, Syria");
        assert_eq!(headers(&b[1]), vec![Some("Date"), Some("Location")]);
        let BlockKind::TableRow { cells } = &b[1].kind else {
            unreachable!()
        };
        let chars: Vec<char> = b[1].text.chars().collect();
        let second: String = chars[cells[1].start..cells[1].end].iter().collect();
        assert_eq!(second, "Near Ar Raqqah, Syria");
        assert!(b[1].locator.ends_with("tbody > tr"), "{}", b[1].locator);
    }

    #[test]
    fn multi_row_headers_join_and_colspan_spreads() {
        let b = blocks(
            "<table><tr><th rowspan=2>Governorate</th><th colspan=2>Civilians killed</th></tr>\
             <tr><th>Min</th><th>Max</th></tr>\
             <tr><td>Raqqa</td><td>3</td><td>7</td></tr></table>",
        );
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].text, "Raqqa | 3 | 7");
        assert_eq!(
            headers(&b[0]),
            vec![
                Some("Governorate"),
                Some("Civilians killed / Min"),
                Some("Civilians killed / Max")
            ]
        );
    }

    #[test]
    fn body_rowspan_repeats_the_cell() {
        let b = blocks(
            "<table><thead><tr><th>Month</th><th>Place</th><th>Killed</th></tr></thead>\
             <tr><td rowspan=2>May 2017</td><td>Hit</td><td>4</td></tr><tr><td>Raqqa</td><td>9</td></tr></table>",
        );
        assert_eq!(b[1].text, "May 2017 | Raqqa | 9");
        assert_eq!(
            headers(&b[1]),
            vec![Some("Month"), Some("Place"), Some("Killed")]
        );
    }

    #[test]
    fn two_column_row_header_table_is_key_value() {
        let b = blocks(
            "<table class=civcas-meta><tbody><tr><th scope=row>Civilians reported killed</th><td>3–7</td></tr>\
             <tr><th>Children reported killed</th><td>2</td></tr></tbody></table>",
        );
        assert_eq!(b[0].text, "Civilians reported killed: 3–7");
        assert_eq!(b[0].kind, BlockKind::KeyValue { key_chars: 25 });
    }

    #[test]
    fn layout_tables_are_not_data() {
        let html = Html::parse_document(
            "<table><tr><td><ul><li>Home</li></ul></td><td><p>Near Hit, 3 strikes.</p><p>More.</p></td></tr></table>",
        );
        let t = html
            .select(&Selector::parse("table").unwrap())
            .next()
            .unwrap();
        assert!(!is_data_table(*t));
        let html = Html::parse_document(
            "<table><thead><tr><th>Date</th><th>Assessment</th></tr></thead><tr><td>1 May</td><td><p>Credible.</p></td></tr></table>",
        );
        let t = html
            .select(&Selector::parse("table").unwrap())
            .next()
            .unwrap();
        assert!(is_data_table(*t));
    }

    #[test]
    fn hostile_spans_are_clamped() {
        let b = blocks(
            "<table><tr><td colspan=99999999>a</td><td rowspan=99999>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
        );
        assert!(b.len() == 2, "{b:?}");
    }
}
