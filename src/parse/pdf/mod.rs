//! PDF → text blocks with page numbers, on lopdf's object model.
//!
//! lopdf's own `extract_text` is not used: it ignores positions, reads
//! `/Encoding` before `/ToUnicode` and has no reading order. Instead:
//!
//! | file | job |
//! | --- | --- |
//! | `document.rs` | loading under limits, empty-password decryption, panic guard |
//! | `lexer.rs` | forgiving content-stream tokenizer |
//! | `content.rs` | content-stream interpreter → glyphs and ruling lines |
//! | `fonts.rs`, `cmap.rs`, `encoding.rs`, `truetype.rs` | bytes → codes → Unicode, widths |
//! | `layout.rs` | glyphs → words → lines → chunks |
//! | `tables.rs`, `columns.rs` | aligned chunks → table rows with header cells |
//! | `order.rs` | reading order (XY-cut: columns first) |
//! | `page.rs` | one page: tables, order, paragraphs |
//! | `furniture.rs` | running headers, footers, page numbers |
//! | `blocks.rs` | pages → [`TextBlock`](crate::parse::TextBlock)s with locators |
//! | `text.rs` | plain-text output (`civtrace pdftext`) |
//!
//! Debugging aids (stderr): `CIVTRACE_PDF_GLYPHS=1` dumps each page's glyphs
//! and ruling lines; `CIVTRACE_PDF_TABLES=1` shows table runs, their columns
//! and each region's lines.

mod blocks;
mod cmap;
mod columns;
mod content;
mod document;
mod enc_tables;
mod encoding;
mod fonts;
mod furniture;
mod glyphlist;
mod layout;
mod lexer;
mod order;
mod page;
#[cfg(test)]
mod robustness;
mod tables;
mod text;
mod truetype;

use crate::error::{Error, ErrorKind, Result};
use crate::parse::ParsedDocument;

/// Most glyphs read from one document before it is refused as too large.
const MAX_DOC_GLYPHS: usize = 20_000_000;

/// Parses a PDF into blocks in reading order, each carrying its 1-based page.
///
/// Paragraphs are `p{page}/b{n}`, table rows `p{page}/t{n}/r{row}` with their
/// header cells; running headers, footers and page numbers are left out.
///
/// # Errors
/// Empty, malformed, truncated or hostile files, and encryption the empty
/// user password does not open: an [`ErrorKind::Pdf`] (or `TooLarge`, `Empty`)
/// error naming the document.
///
/// # Example
/// ```no_run
/// let bytes = std::fs::read("report.pdf").unwrap();
/// let doc = civtrace::parse::pdf::parse_pdf(&bytes, "report.pdf").unwrap();
/// for b in &doc.blocks {
///     println!("{:?} {} {}", b.page, b.locator, b.text);
/// }
/// ```
pub fn parse_pdf(bytes: &[u8], name: &str) -> Result<ParsedDocument> {
    let (pages, info) = analyse(bytes, name)?;
    let mut doc = blocks::to_blocks(&pages);
    if doc.title.is_none() {
        doc.title = info.title.clone();
    }
    // Reports name their publisher as /Author, or only as the /Title.
    doc.publisher = info.author.or(info.title);
    Ok(doc)
}

/// The text of a PDF, page by page, each page ended by a form feed (as
/// `pdftotext` does). With `layout`, lines keep their horizontal positions;
/// without, text follows reading order (columns one after the other) with a
/// blank line between blocks. Headers and footers are included.
///
/// # Errors
/// As [`parse_pdf`].
pub fn pdf_text(bytes: &[u8], name: &str, layout: bool) -> Result<String> {
    let (pages, _) = analyse(bytes, name)?;
    Ok(text::render(&pages, layout))
}

/// `civtrace pdftext FILE [--layout]`: reads `path` and returns its text.
///
/// # Errors
/// An unreadable file, or any [`pdf_text`] error.
pub fn pdf_text_file(path: &std::path::Path, layout: bool) -> Result<String> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::io(&name, e))?;
    pdf_text(&bytes, &name, layout)
}

/// The parsed blocks as readable lines (`locator kind: text`, table cells as
/// `[header] cell`), for `civtrace pdftext FILE --blocks`: what extraction sees.
///
/// # Errors
/// As [`parse_pdf`].
pub fn pdf_blocks_text(bytes: &[u8], name: &str) -> Result<String> {
    use std::fmt::Write;
    let doc = parse_pdf(bytes, name)?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# title: {} | published: {}",
        doc.title.as_deref().unwrap_or("-"),
        doc.published
            .map(|d| d.to_string())
            .unwrap_or_else(|| "-".into())
    );
    for b in &doc.blocks {
        let kind = match &b.kind {
            crate::parse::BlockKind::Title => "title".to_string(),
            crate::parse::BlockKind::Heading { level } => format!("h{level}"),
            crate::parse::BlockKind::Paragraph => "p".to_string(),
            crate::parse::BlockKind::ListItem => "li".to_string(),
            crate::parse::BlockKind::KeyValue { .. } => "kv".to_string(),
            crate::parse::BlockKind::TableRow { cells } => {
                let chars: Vec<char> = b.text.chars().collect();
                let cells: Vec<String> = cells
                    .iter()
                    .map(|c| {
                        let text: String = chars
                            .get(c.start..c.end)
                            .map(|s| s.iter().collect())
                            .unwrap_or_default();
                        format!("[{}] {}", c.header.as_deref().unwrap_or("-"), text)
                    })
                    .collect();
                let _ = writeln!(out, "{} row: {}", b.locator, cells.join(" || "));
                continue;
            }
        };
        let _ = writeln!(out, "{} {}: {}", b.locator, kind, b.text);
    }
    Ok(out)
}

/// What the `/Info` dictionary says of the document.
#[derive(Debug, Default)]
struct InfoDict {
    /// `/Title`.
    title: Option<String>,
    /// `/Author`.
    author: Option<String>,
}

/// Loads the PDF and lays out every page; also returns the `/Info` title and author.
fn analyse(bytes: &[u8], name: &str) -> Result<(Vec<page::PageLayout>, InfoDict)> {
    let pdf = document::load(bytes, name)?;
    let mut fonts = fonts::FontCache::default();
    let mut pages = Vec::with_capacity(pdf.pages.len());
    let mut glyphs = 0usize;
    for (i, &id) in pdf.pages.iter().enumerate() {
        let data = pdf.page_content(id, name, i + 1)?;
        let content = content::Interpreter::run_page(&pdf, &mut fonts, id, &data);
        if std::env::var_os("CIVTRACE_PDF_GLYPHS").is_some() {
            // Debugging aid: the raw glyph stream and rules of each page on stderr.
            for r in &content.rules {
                eprintln!(
                    "p{} rule {:.1},{:.1} - {:.1},{:.1}",
                    i + 1,
                    r.x0,
                    r.y0,
                    r.x1,
                    r.y1
                );
            }
            for g in &content.glyphs {
                eprintln!(
                    "p{} {:?} x0={:.2} x1={:.2} y={:.2} size={:.2} sp={} f={}",
                    i + 1,
                    g.ch,
                    g.x0,
                    g.x1,
                    g.y,
                    g.size,
                    g.space_before,
                    g.font
                );
            }
        }
        glyphs += content.glyphs.len();
        if glyphs > MAX_DOC_GLYPHS {
            return Err(Error::new(
                ErrorKind::TooLarge,
                name,
                format!(
                    "more than {MAX_DOC_GLYPHS} characters of text by page {}",
                    i + 1
                ),
            ));
        }
        let is_bold = |f: u32| fonts.is_bold(f);
        pages.push(page::layout_page(&content, &is_bold));
    }
    furniture::mark(&mut pages);
    blocks::join_split_rows(&mut pages);
    let info = pdf
        .doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| pdf.resolve(o))
        .and_then(|o| o.as_dict().ok());
    let field = |key: &[u8]| {
        info.and_then(|d| pdf.get(d, key))
            .and_then(|o| o.as_str().ok())
            .map(encoding::text_string)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let info = InfoDict {
        title: field(b"Title"),
        author: field(b"Author"),
    };
    Ok((pages, info))
}
