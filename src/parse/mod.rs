//! Parse: document bytes → text blocks with locators.
//!
//! HTML keeps main content only (chrome removed) with CSS-path locators; PDFs
//! keep page numbers; tables become one block per row with its header cells.

pub mod html;
pub mod media;
pub mod pdf;
pub mod text;

use crate::document::Document;
use crate::error::Result;

pub use media::MediaType;

/// A unit of text the extractor reads: a paragraph, heading, list item or table row.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBlock {
    /// The block's text, whitespace collapsed. Claim spans index into it (in chars).
    pub text: String,
    /// Where the block is: a CSS path for HTML (`main > div.entry-content > p:nth-of-type(3)`),
    /// `p{page}/b{n}` for PDFs, `l{line}` for plain text.
    pub locator: String,
    /// 1-based page for PDFs.
    pub page: Option<u32>,
    /// What sort of block this is; headings set context for what follows.
    pub kind: BlockKind,
}

/// What sort of block a [`TextBlock`] is.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// The document title (`<h1>`, `<title>`, first PDF heading).
    Title,
    /// A section heading; `level` 1–6.
    Heading {
        /// Heading depth (1 = top).
        level: u8,
    },
    /// Running text.
    Paragraph,
    /// A bullet or numbered list item.
    ListItem,
    /// A "label: value" pair (`<dl>`, label/value divs); `key_chars` is the label's length in chars.
    KeyValue {
        /// Length of the label in chars; the value follows ": ".
        key_chars: usize,
    },
    /// A table row: `text` is the cells joined by " | ".
    TableRow {
        /// The cells, in order, with their header text and char span in `text`.
        cells: Vec<TableCell>,
    },
}

/// One cell of a table row.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCell {
    /// The column header (joined across header rows), if the table has one.
    pub header: Option<String>,
    /// Start of the cell's text in the row block, in chars.
    pub start: usize,
    /// End (exclusive) of the cell's text, in chars.
    pub end: usize,
}

/// A parsed document: its blocks in reading order and what the parser learnt.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedDocument {
    /// The title, if found.
    pub title: Option<String>,
    /// The publication date found in the document itself.
    pub published: Option<jiff::civil::Date>,
    /// The blocks in reading order.
    pub blocks: Vec<TextBlock>,
    /// Who the document says published it (site name, JSON-LD publisher, PDF
    /// `/Author`): the default claimant when no pipeline or sidecar names one.
    pub publisher: Option<String>,
    /// Problems the parser worked around (bytes replaced in decoding, …):
    /// the document was still read, and the user is told on stderr.
    pub warnings: Vec<String>,
}

/// Parses a document by its (declared or sniffed) media type.
///
/// # Errors
/// Empty documents, unknown media types, undecodable text and malformed PDFs
/// give an error naming the document.
pub fn parse(doc: &Document) -> Result<ParsedDocument> {
    parse_with(doc, None)
}

/// [`parse`] with a pipeline's `[content]` selectors for HTML pages (PDFs and
/// text ignore them).
///
/// # Errors
/// As [`parse`].
pub fn parse_with(doc: &Document, hints: Option<&html::ContentHints>) -> Result<ParsedDocument> {
    let media = media::detect(&doc.bytes, doc.meta.media_type.as_deref(), &doc.meta.name)?;
    match media {
        MediaType::Html => html::parse_html_with(&doc.bytes, &doc.meta.name, hints),
        MediaType::Pdf => pdf::parse_pdf(&doc.bytes, &doc.meta.name),
        MediaType::Text => text::parse_text(&doc.bytes, &doc.meta.name),
    }
}
