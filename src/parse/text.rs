//! Plain text: paragraphs split on blank lines, locators `l{first line}`.
//!
//! What the reader recognises beyond paragraphs:
//! - **mail headers** opening the text (`From:`, `Subject:`, `Date:` …, as in
//!   a press release sent by e-mail): `Subject` becomes the title and `Date`
//!   the publication date; the header lines are metadata, not blocks;
//! - **bullets**: a line opening with `--`, `-`, `*`, `•` or `o ` starts a
//!   list item of its own (continuation lines join it), so the "-- Near X, …"
//!   bullets of a strike release are read one by one and their places never
//!   bleed into each other; the marker is not part of the block text;
//! - **headings**: a one-line paragraph that is short and does not end like a
//!   sentence ("Strikes in Syria"); the first block, or the line repeating
//!   the subject, is the title.

use super::{BlockKind, ParsedDocument, TextBlock};
use crate::error::{Error, ErrorKind, Result};

/// Mail header fields recognised at the top of a text.
const HEADER_KEYS: [&str; 11] = [
    "from",
    "to",
    "cc",
    "bcc",
    "subject",
    "date",
    "sent",
    "reply-to",
    "message-id",
    "mime-version",
    "content-type",
];

/// Longest one-line paragraph read as a heading, in chars.
const HEADING_MAX: usize = 90;

/// Parses UTF-8 plain text into paragraph, list-item and heading blocks.
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
    let lines: Vec<&str> = text.lines().collect();
    let header = mail_header(&lines);
    let body_from = header.as_ref().map_or(0, |h| h.end);
    let title = header.as_ref().and_then(|h| h.subject.clone());
    let mut blocks: Vec<TextBlock> = Vec::new();
    for (first, para) in paragraphs(&lines, body_from) {
        for (offset, item, bullet) in items(&para) {
            let joined = item.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
            let kind = if bullet {
                BlockKind::ListItem
            } else if para.len() == 1 {
                let same_as_subject = title.as_deref().is_some_and(|t| same_words(t, &joined));
                if same_as_subject || (title.is_none() && blocks.is_empty()) {
                    BlockKind::Title
                } else if is_heading(&joined) {
                    BlockKind::Heading { level: 2 }
                } else {
                    BlockKind::Paragraph
                }
            } else {
                BlockKind::Paragraph
            };
            blocks.push(TextBlock {
                text: joined,
                locator: format!("l{}", first + offset + 1),
                page: None,
                kind,
            });
        }
    }
    let title = title.or_else(|| {
        blocks
            .first()
            .filter(|b| b.kind == BlockKind::Title)
            .map(|b| b.text.clone())
    });
    Ok(ParsedDocument {
        title,
        published: header.and_then(|h| h.date),
        blocks,
        ..Default::default()
    })
}

/// What a mail header at the top of a text says.
#[derive(Debug, Default)]
struct MailHeader {
    /// Index of the first line after the header.
    end: usize,
    subject: Option<String>,
    date: Option<jiff::civil::Date>,
}

/// Reads a mail header: the leading run of `Key: value` lines with known
/// keys (at least two, one of them `Subject` or `Date`).
fn mail_header(lines: &[&str]) -> Option<MailHeader> {
    let mut h = MailHeader::default();
    let mut fields = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            h.end = i;
            break;
        }
        // a folded header line continues the field before it
        if line.starts_with([' ', '\t']) && fields > 0 {
            h.end = i + 1;
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let key = key.trim().to_ascii_lowercase();
        if !HEADER_KEYS.contains(&key.as_str()) {
            return None;
        }
        let value = value.trim();
        match key.as_str() {
            "subject" => h.subject = Some(value.to_string()).filter(|s| !s.is_empty()),
            "date" | "sent" => h.date = h.date.or_else(|| mail_date(value)),
            _ => {}
        }
        fields += 1;
        h.end = i + 1;
    }
    (fields >= 2 && (h.subject.is_some() || h.date.is_some())).then_some(h)
}

/// The day of an RFC 2822 date ("Tue, 13 Jun 2017 07:58:12 +0300"), as written in its own zone.
fn mail_date(value: &str) -> Option<jiff::civil::Date> {
    jiff::fmt::rfc2822::parse(value).ok().map(|z| z.date())
}

/// Runs of non-blank lines from line `from`, with the index of their first line.
fn paragraphs<'a>(lines: &[&'a str], from: usize) -> Vec<(usize, Vec<&'a str>)> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut first = from;
    for (i, line) in lines.iter().enumerate().skip(from) {
        if line.trim().is_empty() {
            if !para.is_empty() {
                out.push((first, std::mem::take(&mut para)));
            }
        } else {
            if para.is_empty() {
                first = i;
            }
            para.push(line);
        }
    }
    if !para.is_empty() {
        out.push((first, para));
    }
    out
}

/// A paragraph cut at its bullets: (line offset in the paragraph, lines with
/// the marker removed, is a bullet). Lines before the first bullet form a
/// plain paragraph; lines after a bullet without a marker continue it.
fn items<'a>(para: &[&'a str]) -> Vec<(usize, Vec<&'a str>, bool)> {
    let mut out: Vec<(usize, Vec<&'a str>, bool)> = Vec::new();
    for (i, line) in para.iter().enumerate() {
        match strip_bullet(line) {
            Some(rest) => out.push((i, vec![rest], true)),
            None => match out.last_mut() {
                Some(last) => last.1.push(line),
                None => out.push((i, vec![line], false)),
            },
        }
    }
    out
}

/// The text of a bullet line without its marker ("-- Near Raqqa, …" → "Near Raqqa, …").
fn strip_bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    for marker in ["--", "—", "–", "-", "*", "•", "·", "o"] {
        if let Some(rest) = t.strip_prefix(marker) {
            // the marker stands alone: "-5 degrees" and "over" are not bullets
            if rest.starts_with([' ', '\t']) && !rest.trim().is_empty() {
                return Some(rest.trim_start());
            }
        }
    }
    None
}

/// A short line that does not end like a sentence: "Strikes in Syria".
fn is_heading(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() <= HEADING_MAX
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && t.chars().last().is_some_and(char::is_alphanumeric)
}

/// The same words, ignoring case and spacing.
fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> ParsedDocument {
        parse_text(s.as_bytes(), "t.txt").unwrap_or_default()
    }

    #[test]
    fn bullets_are_their_own_blocks_with_their_lines() {
        let d = parse(
            "In Syria, Coalition military forces conducted 30 strikes.\n\n  -- Near Abu Kamal, one strike destroyed two ISIS oil stills.\n  -- Near Raqqa, 27 strikes engaged 21 ISIS tactical units\n     and destroyed eight vehicles.\n  -- Near Tabqa, two strikes engaged two ISIS tactical units.\n",
        );
        let texts: Vec<(&str, &str)> = d
            .blocks
            .iter()
            .map(|b| (b.locator.as_str(), b.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (
                    "l1",
                    "In Syria, Coalition military forces conducted 30 strikes."
                ),
                ("l3", "Near Abu Kamal, one strike destroyed two ISIS oil stills."),
                (
                    "l4",
                    "Near Raqqa, 27 strikes engaged 21 ISIS tactical units and destroyed eight vehicles."
                ),
                ("l6", "Near Tabqa, two strikes engaged two ISIS tactical units."),
            ]
        );
        assert_eq!(d.blocks[1].kind, BlockKind::ListItem);
    }

    #[test]
    fn a_minus_sign_is_not_a_bullet() {
        assert_eq!(strip_bullet("-5 degrees"), None);
        assert_eq!(strip_bullet("over the town"), None);
        assert_eq!(
            strip_bullet("o Near Hit, one strike"),
            Some("Near Hit, one strike")
        );
    }

    #[test]
    fn mail_header_gives_title_and_date() {
        let d = parse(
            "From: CJTF-OIR Public Affairs <pao@mail.mil>\nSubject: June 13: Military Strikes Continue\nDate: Tue, 13 Jun 2017 07:58:12 +0300\n\nJune 13: Military Strikes Continue\n\nStrikes in Syria\n\nIn Syria, forces conducted 30 strikes.\n",
        );
        assert_eq!(
            d.title.as_deref(),
            Some("June 13: Military Strikes Continue")
        );
        assert_eq!(d.published, "2017-06-13".parse().ok());
        let kinds: Vec<&BlockKind> = d.blocks.iter().map(|b| &b.kind).collect();
        assert_eq!(
            kinds,
            [
                &BlockKind::Title,
                &BlockKind::Heading { level: 2 },
                &BlockKind::Paragraph
            ]
        );
        assert_eq!(d.blocks[0].locator, "l5");
    }

    #[test]
    fn prose_is_not_a_mail_header() {
        let d = parse("Note: this is prose.\nIt goes on.\n");
        assert_eq!(d.blocks.len(), 1);
        assert_eq!(d.published, None);
    }
}
