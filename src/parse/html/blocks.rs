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
use super::lines;
use super::locate::Locator;
use super::pairs;
use super::tables;
use super::walk::{collect_text, is_block_tag, walk, Event, Limit, TextBuf};
use crate::parse::{BlockKind, TextBlock};

/// Elements nested deeper than this below the container are read as inline
/// text of their ancestor at this depth: locators stay short and hostile
/// nesting cannot produce a quadratic amount of locator text.
const MAX_BLOCK_DEPTH: usize = 256;

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
                let blocks = pairs::dl_blocks(n, self.loc);
                self.blocks.extend(blocks);
                true
            }
            "div" | "p" | "li" | "section" => {
                if let Some((key, value)) = pairs::label_value(n) {
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
                if clean::is_dropped(el)
                    || clean::is_footnote_ref(n)
                    || self.scan.excluded.contains(&n.id())
                {
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
            "p" | "div" if breaks.is_empty() && pairs::is_bold_heading(owner, &text) => {
                BlockKind::Heading { level: 4 }
            }
            _ => BlockKind::Paragraph,
        };
        let lines = lines::split_lines(&text, &breaks);
        let preformatted = self.pre_depth > 0;
        if lines.len() >= 2
            && (preformatted || lines::is_line_list(&lines))
            && !matches!(kind, BlockKind::Heading { .. })
        {
            for line in lines {
                let (line, bullet) = lines::strip_bullet(line);
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
}
