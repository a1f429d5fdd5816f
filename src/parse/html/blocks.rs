//! Block building: the content container's elements → paragraphs, headings,
//! list items, key/value pairs (`<dl>`, label/value divs) and table rows,
//! each with the CSS path of the element that holds its text.
//!
//! Inline text is collected into a buffer and flushed into a block whenever
//! a block-level element opens or closes, so `<p>a <b>b</b>c</p>` is one
//! block "a bc" and `<div>intro<p>x</p></div>` is two. `<br>`-separated
//! bullet lists inside one `<p>` ("Near Hit, 2 strikes…<br>Near Raqqa, …")
//! become one block per line.

use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::Node;

use super::clean;
use super::content::Scan;
use super::locate::Locator;
use super::tables;
use super::walk::{collect_text, is_block_tag, walk, Event, Limit, TextBuf};
use crate::parse::{BlockKind, TextBlock};

/// Elements nested deeper than this below the container are read as inline
/// text of their ancestor at this depth: locators stay short and hostile
/// nesting cannot produce a quadratic amount of locator text.
const MAX_BLOCK_DEPTH: usize = 256;

/// Longest label of a label/value pair, in bytes.
const MAX_LABEL: usize = 100;

/// Builds blocks from the subtrees `roots`, in order, skipping `skip` (the
/// title `<h1>`, emitted separately).
pub(super) fn build<'a>(
    roots: &[NodeRef<'a, Node>],
    skip: Option<NodeId>,
    scan: &Scan<'a>,
    loc: &mut Locator,
) -> Vec<TextBlock> {
    let mut b = Builder {
        blocks: Vec::new(),
        buf: TextBuf::default(),
        stack: Vec::new(),
        li_depth: 0,
        depth: 0,
        pre_depth: 0,
        scan,
        skip,
        loc,
    };
    for &root in roots {
        b.root(root);
    }
    b.blocks
}

/// Walk state.
struct Builder<'l, 'a> {
    /// Blocks so far.
    blocks: Vec<TextBlock>,
    /// Inline text not yet flushed.
    buf: TextBuf,
    /// Open block-level elements (the top owns the buffered text), with
    /// whether each is an `<li>`.
    stack: Vec<(NodeRef<'a, Node>, bool)>,
    /// Open `<li>`s: a `<p>` inside one is still a list item.
    li_depth: usize,
    /// Current element depth below the root.
    depth: usize,
    /// Open `<pre>`s: their newlines separate lines.
    pre_depth: usize,
    /// Text statistics of the page, for link density.
    scan: &'l Scan<'a>,
    /// The title `<h1>`, already emitted.
    skip: Option<NodeId>,
    /// Locator cache.
    loc: &'l mut Locator,
}

impl<'a> Builder<'_, 'a> {
    /// Builds blocks for one root element and everything under it.
    fn root(&mut self, root: NodeRef<'a, Node>) {
        if let Node::Element(el) = root.value() {
            if self.special(root, el) {
                return;
            }
        }
        self.stack.push((root, false));
        walk(root, |ev| match ev {
            Event::Open(n) => self.open(n),
            Event::Close(n) => {
                self.close(n);
                true
            }
        });
        self.flush();
        self.stack.pop();
    }

    /// Handles elements that produce their own blocks (tables, `<dl>`,
    /// label/value pairs); returns true if `n` was consumed.
    fn special(&mut self, n: NodeRef<'a, Node>, el: &Element) -> bool {
        match el.name() {
            "table" if tables::is_data_table(n) => {
                self.flush();
                let rows = tables::table_blocks(n, self.loc);
                self.blocks.extend(rows);
                true
            }
            "dl" => {
                self.flush();
                self.definition_list(n);
                true
            }
            "div" | "p" | "li" | "section" => {
                if let Some((key, value)) = label_value(n) {
                    self.flush();
                    let locator = self.loc.path(n);
                    self.blocks.push(TextBlock {
                        kind: BlockKind::KeyValue {
                            key_chars: key.chars().count(),
                        },
                        text: format!("{key}: {value}"),
                        locator,
                        page: None,
                    });
                    true
                } else {
                    false
                }
            }
            _ => false,
        }
    }

    /// An opening node; returns whether to descend.
    fn open(&mut self, n: NodeRef<'a, Node>) -> bool {
        match n.value() {
            Node::Text(t) => {
                if self.pre_depth > 0 {
                    // Preformatted lines are kept apart like <br> lines.
                    let mut lines = t.split('\n');
                    if let Some(first) = lines.next() {
                        self.buf.push_str(first);
                    }
                    for line in lines {
                        self.buf.line_break();
                        self.buf.push_str(line);
                    }
                } else {
                    self.buf.push_str(t);
                }
                false
            }
            Node::Element(el) => {
                self.depth += 1;
                if Some(n.id()) == self.skip {
                    return false;
                }
                if clean::is_section_header(el) {
                    self.section_header(n);
                    return false;
                }
                if clean::is_dropped(el) || clean::is_footnote_ref(n) {
                    return false;
                }
                let name = el.name();
                if name == "br" {
                    self.buf.line_break();
                    return false;
                }
                if matches!(name, "ul" | "ol" | "p" | "div" | "section") && self.is_link_list(n) {
                    return false;
                }
                if name == "pre" {
                    self.pre_depth += 1;
                }
                if self.depth > MAX_BLOCK_DEPTH || !is_block_tag(name) {
                    if matches!(name, "img" | "hr" | "wbr") {
                        return false;
                    }
                    return true;
                }
                if self.special(n, el) {
                    return false;
                }
                self.flush();
                let is_li = name == "li";
                if is_li {
                    self.li_depth += 1;
                }
                self.stack.push((n, is_li));
                true
            }
            _ => false,
        }
    }

    /// A `<header>` inside the content: only its section headings (h2–h6)
    /// are kept; the rest of an article header is byline and share chrome.
    fn section_header(&mut self, header: NodeRef<'a, Node>) {
        self.flush();
        for d in header.descendants().skip(1) {
            let Node::Element(el) = d.value() else {
                continue;
            };
            let level = match el.name() {
                "h2" => 2,
                "h3" => 3,
                "h4" => 4,
                "h5" => 5,
                "h6" => 6,
                _ => continue,
            };
            if Some(d.id()) == self.skip {
                continue;
            }
            let text = collect_text(d, Limit::NONE).unwrap_or_default();
            if text.is_empty() {
                continue;
            }
            let locator = self.loc.path(d);
            self.blocks.push(TextBlock {
                text,
                locator,
                page: None,
                kind: BlockKind::Heading { level },
            });
        }
    }

    /// True for a list or box that is (almost) all links: "Read more",
    /// related-story lists, tag clouds inside the article body.
    fn is_link_list(&self, n: NodeRef<'_, Node>) -> bool {
        let st = self.scan.stats_of(n);
        st.text > 0 && st.link * 10 >= st.text * 9
    }

    /// A closing node.
    fn close(&mut self, n: NodeRef<'a, Node>) {
        if !matches!(n.value(), Node::Element(_)) {
            return;
        }
        self.depth = self.depth.saturating_sub(1);
        if self.stack.last().map(|(s, _)| s.id()) == Some(n.id()) {
            self.flush();
            if let Some((_, true)) = self.stack.pop() {
                self.li_depth = self.li_depth.saturating_sub(1);
            }
        } else if !self.buf.is_empty() {
            // Inline elements that render as separate words.
            if let Node::Element(el) = n.value() {
                if matches!(el.name(), "td" | "th" | "li" | "dt" | "dd") {
                    self.buf.soft_break();
                }
            }
        }
        if matches!(n.value(), Node::Element(e) if e.name() == "pre") {
            self.pre_depth = self.pre_depth.saturating_sub(1);
        }
    }

    /// Turns the buffered inline text into block(s) owned by the innermost
    /// open block element.
    fn flush(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        let (text, breaks) = self.buf.take();
        let Some(&(owner, _)) = self.stack.last() else {
            return;
        };
        let locator = self.loc.path(owner);
        let owner_name = match owner.value() {
            Node::Element(el) => el.name(),
            _ => "",
        };
        let kind = match owner_name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading {
                level: owner_name
                    .get(1..)
                    .and_then(|d| d.parse().ok())
                    .unwrap_or(2),
            },
            _ if self.li_depth > 0 => BlockKind::ListItem,
            "p" | "div" if breaks.is_empty() && is_bold_heading(owner, &text) => {
                BlockKind::Heading { level: 4 }
            }
            _ => BlockKind::Paragraph,
        };
        let lines = split_lines(&text, &breaks);
        let preformatted = self.pre_depth > 0;
        if lines.len() >= 2
            && (preformatted || is_line_list(&lines))
            && !matches!(kind, BlockKind::Heading { .. })
        {
            for line in lines {
                let (line, bullet) = strip_bullet(line);
                if line.is_empty() {
                    continue;
                }
                let kind = if line.ends_with(':') && !bullet {
                    BlockKind::Paragraph
                } else {
                    BlockKind::ListItem
                };
                self.blocks.push(TextBlock {
                    text: line.to_string(),
                    locator: locator.clone(),
                    page: None,
                    kind,
                });
            }
            return;
        }
        self.blocks.push(TextBlock {
            text,
            locator,
            page: None,
            kind,
        });
    }

    /// `<dl>`: each `<dd>` becomes "term: definition" (terms of a group
    /// joined with " / "); stray terms or definitions become paragraphs.
    fn definition_list(&mut self, dl: NodeRef<'a, Node>) {
        let mut items: Vec<NodeRef<'a, Node>> = Vec::new();
        for child in dl.children() {
            match child.value() {
                Node::Element(e) if clean::is_dropped(e) => {}
                Node::Element(e) if e.name() == "div" => {
                    items.extend(
                        child
                            .children()
                            .filter(|c| is_tag(*c, "dt") || is_tag(*c, "dd")),
                    );
                }
                Node::Element(e) if matches!(e.name(), "dt" | "dd") => items.push(child),
                _ => {}
            }
        }
        let mut terms: Vec<(String, NodeRef<'a, Node>)> = Vec::new();
        let mut last_was_dd = false;
        for item in items {
            let text = collect_text(item, Limit::NONE).unwrap_or_default();
            if is_tag(item, "dt") {
                if last_was_dd {
                    terms.clear();
                }
                last_was_dd = false;
                if !text.is_empty() {
                    terms.push((text, item));
                }
                continue;
            }
            last_was_dd = true;
            if text.is_empty() {
                continue;
            }
            let locator = self.loc.path(item);
            if terms.is_empty() {
                self.blocks.push(TextBlock {
                    text,
                    locator,
                    page: None,
                    kind: BlockKind::Paragraph,
                });
                continue;
            }
            let key = terms
                .iter()
                .map(|(t, _)| t.trim_end_matches(':').trim_end())
                .collect::<Vec<_>>()
                .join(" / ");
            self.blocks.push(TextBlock {
                kind: BlockKind::KeyValue {
                    key_chars: key.chars().count(),
                },
                text: format!("{key}: {text}"),
                locator,
                page: None,
            });
        }
        if !last_was_dd {
            for (text, node) in terms {
                let locator = self.loc.path(node);
                self.blocks.push(TextBlock {
                    text,
                    locator,
                    page: None,
                    kind: BlockKind::Paragraph,
                });
            }
        }
    }
}

/// True if `n` is the element `name`.
fn is_tag(n: NodeRef<'_, Node>, name: &str) -> bool {
    matches!(n.value(), Node::Element(e) if e.name() == name)
}

/// A label/value pair: `<div><span class="label">Killed:</span> <span>3–7</span></div>`,
/// `<p><strong>Location:</strong> Hit, Anbar</p>`, `<div><h4>Killed</h4><p>3</p></div>`.
/// Returns (label without its colon, value).
fn label_value(n: NodeRef<'_, Node>) -> Option<(String, String)> {
    let mut parts = n.children().filter(|c| match c.value() {
        Node::Text(t) => !t.chars().all(super::walk::is_space),
        Node::Element(e) => !clean::is_dropped(e),
        _ => false,
    });
    let first = parts.next()?;
    let Node::Element(label_el) = first.value() else {
        return None;
    };
    let rest: Vec<NodeRef<'_, Node>> = parts.take(8).collect();
    if rest.is_empty() {
        return None;
    }
    let lname = label_el.name();
    let classy = label_el.classes().take(8).any(|c| {
        let c = c.to_ascii_lowercase();
        c.contains("label")
            || c == "key"
            || c.ends_with("-key")
            || c.contains("term")
            || c.contains("field-name")
    });
    let heading = matches!(lname, "h4" | "h5" | "h6" | "dt" | "th") && rest.len() == 1;
    let emphasis = matches!(lname, "strong" | "b" | "span");
    if !(classy || heading || emphasis) {
        return None;
    }
    // Any block inside the pair other than one value element means it is a section, not a pair.
    if rest.iter().any(|r| matches!(r.value(), Node::Element(e) if matches!(e.name(), "ul" | "ol" | "table" | "dl")))
    {
        return None;
    }
    let limit = Limit {
        nodes: 64,
        bytes: MAX_LABEL,
    };
    let raw_label = collect_text(first, limit)?;
    let has_colon = raw_label.ends_with(':');
    if !(classy || heading || has_colon) {
        return None;
    }
    let label = raw_label.trim_end_matches(':').trim_end().to_string();
    if label.is_empty() || !label.chars().any(char::is_alphabetic) {
        return None;
    }
    let max_value = if classy {
        300
    } else if heading {
        80
    } else {
        160
    };
    let mut value = TextBuf::default();
    for r in rest {
        value.soft_break();
        let t = collect_text(
            r,
            Limit {
                nodes: 256,
                bytes: max_value,
            },
        )?;
        value.push_str(&t);
        if value.len_bytes() > max_value {
            return None;
        }
    }
    let (value, _) = value.take();
    if value.is_empty() {
        return None;
    }
    Some((label, value))
}

/// `<p><strong>Strikes in Syria</strong></p>`: a paragraph that is one short
/// bold run without a full stop is a section heading on older sites.
fn is_bold_heading(owner: NodeRef<'_, Node>, text: &str) -> bool {
    if text.len() > 100 || text.ends_with(['.', ',', ';']) {
        return false;
    }
    let mut kids = owner.children().filter(|c| match c.value() {
        Node::Text(t) => !t.chars().all(super::walk::is_space),
        Node::Element(_) => true,
        _ => false,
    });
    match (kids.next(), kids.next()) {
        (Some(only), None) => {
            matches!(only.value(), Node::Element(e) if matches!(e.name(), "b" | "strong"))
        }
        _ => false,
    }
}

/// Splits `text` at `<br>` offsets into trimmed lines.
fn split_lines<'t>(text: &'t str, breaks: &[usize]) -> Vec<&'t str> {
    let mut lines = Vec::with_capacity(breaks.len() + 1);
    let mut start = 0;
    for &b in breaks {
        if let Some(line) = text.get(start..b) {
            lines.push(line.trim());
            start = b;
        }
    }
    if let Some(line) = text.get(start..) {
        lines.push(line.trim());
    }
    lines.retain(|l| !l.is_empty());
    lines
}

/// Bullet characters that open a list line.
const BULLETS: &[char] = &['-', '–', '—', '•', '*', '·', '▪', '◦', '‣', '●'];

/// True if `<br>`-separated lines read as a list rather than a sentence
/// wrapped by hard line breaks: most lines end a sentence or clause, or
/// start with a bullet.
fn is_line_list(lines: &[&str]) -> bool {
    let boundaries = lines.len() - 1;
    let mut listy = 0;
    for pair in lines.windows(2) {
        let (prev, next) = match pair {
            [p, n] => (p, n),
            _ => continue,
        };
        let ends = prev.ends_with(['.', ';', ':', '!', '?', ')', '”', '"']);
        let bullet = next.starts_with(BULLETS);
        if ends || bullet {
            listy += 1;
        }
    }
    listy * 2 > boundaries
}

/// Removes a leading bullet ("- Near Hit" → "Near Hit"); says whether there was one.
fn strip_bullet(line: &str) -> (&str, bool) {
    let mut chars = line.chars();
    match (chars.next(), chars.next()) {
        (Some(c), Some(' ')) if BULLETS.contains(&c) => (
            line.get(c.len_utf8() + 1..).unwrap_or("").trim_start(),
            true,
        ),
        _ => (line, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_lists() {
        assert!(is_line_list(&[
            "Near Hit, one strike.",
            "Near Raqqa, two strikes."
        ]));
        assert!(is_line_list(&[
            "In Syria:",
            "- Near Hit, one strike",
            "- Near Raqqa, two"
        ]));
        assert!(!is_line_list(&[
            "The Coalition conducted",
            "four strikes near Hit."
        ]));
    }

    #[test]
    fn bullets_strip() {
        assert_eq!(strip_bullet("– Near Hit"), ("Near Hit", true));
        assert_eq!(strip_bullet("-5 degrees"), ("-5 degrees", false));
    }
}
