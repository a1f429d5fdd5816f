//! HTML → main-content text blocks with CSS-path locators.
//!
//! | file | job |
//! | --- | --- |
//! | `decode.rs` | bytes → text (BOM, `<meta charset>`, UTF-8 default, binary refused) |
//! | `clean.rs` | which elements are chrome (navigation, share widgets, sidebars, footers…) |
//! | `content.rs` | one pass over the page: text statistics, the article container, title and date hints |
//! | `hints.rs` | a pipeline's `[content]` selectors: the container and the chrome inside it |
//! | `blocks.rs` | the container → paragraphs, headings, list items, key/value pairs |
//! | `pairs.rs` | `<dl>` pairs and label/value `<div>`s → key/value blocks |
//! | `lines.rs` | `<br>`-separated bullet lines → list items |
//! | `tables.rs` | data tables → one row block per body row with header cells |
//! | `published.rs` | publication date from meta tags, JSON-LD, `time[datetime]` or a dateline |
//! | `locate.rs` | CSS paths that select exactly one element |
//! | `nesting.rs` | caps tag nesting before html5ever (whose tree builder is quadratic in depth) |
//! | `walk.rs` | iterative tree walks and whitespace-collapsing text collection |
//!
//! Parsing is html5ever (via `scraper`) after a linear pre-scan that caps tag
//! nesting at 512 (as browsers do) and refuses pages over 500,000 tags; every
//! walk of ours is iterative, so 100,000 nested `<div>`s cost linear time and
//! no stack.

mod blocks;
mod clean;
mod content;
mod decode;
mod hints;
mod lines;
mod locate;
mod nesting;
mod pairs;
mod published;
mod publisher;
mod tables;
mod walk;

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::{BlockKind, ParsedDocument, TextBlock};
use crate::error::{Error, ErrorKind, Result};

pub use decode::MAX_HTML_BYTES;
pub use hints::ContentHints;

/// How many leading content blocks are searched for a dateline when the page
/// has no machine-readable publication date.
const DATELINE_BLOCKS: usize = 3;

/// Parses an HTML page into main-content blocks with CSS-path locators.
///
/// The `<h1>` title comes first as a [`BlockKind::Title`] block (even when it
/// sits outside the article container), followed by the container's blocks
/// in reading order. Navigation, scripts, share widgets, sidebars, comments,
/// newsletters and footers never produce blocks.
///
/// # Errors
/// Empty pages ([`crate::ErrorKind::Empty`]), pages over
/// [`MAX_HTML_BYTES`] or with more than 500,000 tags
/// ([`crate::ErrorKind::TooLarge`]) and bytes that are not
/// text in any encoding ([`crate::ErrorKind::Encoding`]); each names `name`.
///
/// # Example
/// ```
/// let page = br#"<html><head><meta property="article:published_time" content="2018-11-29T10:00:00Z"></head>
/// <body><nav>Home | 12 strikes today</nav><article><h1>Strikes</h1>
/// <p>Near Hit, two strikes destroyed a bridge.</p></article></body></html>"#;
/// let doc = civtrace::parse::html::parse_html(page, "release.html").unwrap();
/// assert_eq!(doc.title.as_deref(), Some("Strikes"));
/// assert_eq!(doc.blocks[1].text, "Near Hit, two strikes destroyed a bridge.");
/// assert_eq!(doc.blocks[1].locator, "html > body > article > p");
/// assert_eq!(doc.published, Some(jiff::civil::date(2018, 11, 29)));
/// ```
pub fn parse_html(bytes: &[u8], name: &str) -> Result<ParsedDocument> {
    parse_html_with(bytes, name, None)
}

/// [`parse_html`] with a pipeline's `[content]` selectors: the first selector
/// that matches picks the container, and excluded boxes are dropped. Without
/// a match the generic heuristics decide, as in [`parse_html`].
///
/// # Errors
/// As [`parse_html`].
pub fn parse_html_with(
    bytes: &[u8],
    name: &str,
    hints: Option<&ContentHints>,
) -> Result<ParsedDocument> {
    let (text, repair) = decode::decode_html_noting(bytes, name)?;
    let text = nesting::limit_nesting(&text).ok_or_else(|| {
        Error::new(
            ErrorKind::TooLarge,
            name,
            format!("HTML page has more than {} tags", nesting::MAX_TAGS),
        )
    })?;
    let html = Html::parse_document(&text);
    let mut parsed = parse_dom(&html, hints.filter(|h| !h.is_empty()));
    parsed.publisher = publisher::find_publisher(&html);
    parsed.warnings.extend(repair);
    Ok(parsed)
}

/// The parse proper, on an html5ever DOM.
fn parse_dom(html: &Html, hints: Option<&ContentHints>) -> ParsedDocument {
    let root = html.tree.root();
    let mut scan = content::scan(root);
    if let Some(h) = hints {
        scan.hinted = h.container(html, &scan);
        scan.excluded = h.excluded(html);
    }
    let container = scan.container(root);
    let mut loc = locate::Locator::default();

    let title_h1 = pick_title_h1(&scan, container);
    let mut blocks = Vec::new();
    let mut title = None;
    if let Some(h1) = title_h1 {
        if let Some(text) = walk::collect_text(h1, walk::Limit::NONE).filter(|t| !t.is_empty()) {
            title = Some(text.clone());
            blocks.push(TextBlock {
                text,
                locator: loc.path(h1),
                page: None,
                kind: BlockKind::Title,
            });
        }
    }
    if title.is_none() {
        if let Some((text, locator)) = fallback_title(&scan, &mut loc) {
            title = Some(text.clone());
            blocks.push(TextBlock {
                text,
                locator,
                page: None,
                kind: BlockKind::Title,
            });
        }
    }
    let roots = content::with_data_siblings(container, &scan);
    let body = blocks::build(&roots, title_h1.map(|h| h.id()), &scan, &mut loc);
    let published = scan
        .meta_date
        .map(|(_, d)| d)
        .or(scan.json_ld_date)
        .or(scan.time_date)
        .or_else(|| {
            scan.date_texts
                .iter()
                .find_map(|t| published::date_in_text(t))
        })
        .or_else(|| {
            body.iter()
                .take(DATELINE_BLOCKS)
                .find_map(|b| published::date_in_text(prefix(&b.text, 200)))
        });
    blocks.extend(body);
    ParsedDocument {
        title,
        published,
        blocks,
        ..Default::default()
    }
}

/// The first `max` bytes of `s`, cut at a char boundary: a dateline opens a
/// paragraph, and dates later in it are event dates, not the publication date.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or(s)
}

/// The heading that is the article's title: an `<h1>` (else an `<h2>`)
/// matching `og:title` or `<title>`, else the first `<h1>` inside the
/// container, else the first `<h1>` that is not a site logo.
fn pick_title_h1<'a>(
    scan: &content::Scan<'a>,
    container: NodeRef<'a, Node>,
) -> Option<NodeRef<'a, Node>> {
    let with_text = |hs: &[NodeRef<'a, Node>]| -> Vec<(NodeRef<'a, Node>, String)> {
        hs.iter()
            .filter_map(|&h| {
                let limit = walk::Limit {
                    nodes: 256,
                    bytes: 1000,
                };
                let t = walk::collect_text(h, limit)?;
                (!t.is_empty()).then_some((h, t))
            })
            .collect()
    };
    let h1s = with_text(&scan.h1s);
    let reference: Vec<String> = [
        scan.og_title.as_deref(),
        scan.title_tag.as_deref().map(strip_site_name),
    ]
    .into_iter()
    .flatten()
    .map(str::to_lowercase)
    .filter(|r| !r.is_empty())
    .collect();
    let matches = |t: &str| {
        let t = t.to_lowercase();
        reference.iter().any(|r| {
            // Most of the reference, so a logo "CJTF-OIR" or a section
            // heading "Syria" does not pass for the title.
            (r.contains(&t) && t.len() * 10 >= r.len() * 6)
                || (t.contains(r.as_str()) && r.len() >= 10)
        })
    };
    if let Some((h, _)) = h1s.iter().find(|(_, t)| matches(t)) {
        return Some(*h);
    }
    if let Some((h, _)) = with_text(&scan.h2s).iter().find(|(_, t)| matches(t)) {
        return Some(*h);
    }
    if let Some((h, _)) = h1s
        .iter()
        .find(|(h, _)| h.ancestors().any(|a| a.id() == container.id()))
    {
        return Some(*h);
    }
    h1s.iter()
        .find(|(h, _)| match h.value() {
            Node::Element(el) => !el.classes().take(16).any(|c| {
                let c = c.to_ascii_lowercase();
                c.contains("logo") || c.contains("site-title") || c.contains("brand")
            }),
            _ => false,
        })
        .map(|(h, _)| *h)
}

/// A `<title>` without its " | Site" suffix.
fn strip_site_name(t: &str) -> &str {
    [" | ", " – ", " — ", " - "]
        .iter()
        .find_map(|sep| t.rsplit_once(sep).map(|(a, _)| a))
        .unwrap_or(t)
        .trim()
}

/// Without an `<h1>`: `og:title`, else `<title>` without its " | Site" suffix.
fn fallback_title(scan: &content::Scan<'_>, loc: &mut locate::Locator) -> Option<(String, String)> {
    if let (Some(t), Some(node)) = (&scan.og_title, scan.og_title_node) {
        return Some((t.clone(), loc.path(node)));
    }
    let t = scan.title_tag.as_deref()?;
    let node = scan.title_node?;
    let main = strip_site_name(t);
    (!main.is_empty()).then(|| (main.to_string(), loc.path(node)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_falls_back_to_title_tag_without_site_name() {
        let doc = parse_html(
            b"<html><head><title>Coalition strikes | CJTF-OIR</title></head><body><p>x</p></body></html>",
            "t.html",
        )
        .unwrap();
        assert_eq!(doc.title.as_deref(), Some("Coalition strikes"));
        assert_eq!(doc.blocks[0].locator, "html > head > title");
    }

    #[test]
    fn logo_h1_loses_to_matching_h2() {
        let doc = parse_html(
            b"<html><head><title>Coalition Strikes Continue in Syria | CJTF-OIR</title></head><body>\
              <h1 class=site>CJTF-OIR</h1><div class=body><h2>Coalition Strikes Continue in Syria</h2>\
              <h2>Syria</h2><p>Near Hajin, 3 strikes engaged an ISIS tactical unit.</p></div></body></html>",
            "t.html",
        )
        .unwrap();
        assert_eq!(
            doc.title.as_deref(),
            Some("Coalition Strikes Continue in Syria")
        );
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Coalition Strikes Continue in Syria",
                "Syria",
                "Near Hajin, 3 strikes engaged an ISIS tactical unit."
            ]
        );
    }

    #[test]
    fn prefix_respects_char_boundaries() {
        assert_eq!(prefix("ééé", 3), "é");
    }
}
