//! Plain text: paragraphs split on blank lines, locators `l{first line}`.

use super::{BlockKind, ParsedDocument, TextBlock};
use crate::error::{Error, ErrorKind, Result};

/// Parses UTF-8 plain text into paragraph blocks.
///
/// # Errors
/// Invalid UTF-8 names the document and the byte offset.
pub fn parse_text(bytes: &[u8], name: &str) -> Result<ParsedDocument> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorKind::Encoding,
            name,
            format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        )
    })?;
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut first_line = 0;
    for (i, line) in text.lines().chain(std::iter::once("")).enumerate() {
        if line.trim().is_empty() {
            if !para.is_empty() {
                let joined = para.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
                let kind = if para.len() == 1 && blocks.is_empty() {
                    BlockKind::Title
                } else {
                    BlockKind::Paragraph
                };
                blocks.push(TextBlock {
                    text: joined,
                    locator: format!("l{}", first_line + 1),
                    page: None,
                    kind,
                });
                para.clear();
            }
        } else {
            if para.is_empty() {
                first_line = i;
            }
            para.push(line);
        }
    }
    Ok(ParsedDocument {
        title: blocks
            .first()
            .filter(|b| b.kind == BlockKind::Title)
            .map(|b| b.text.clone()),
        published: None,
        warnings: Vec::new(),
        blocks,
    })
}
