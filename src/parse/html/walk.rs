//! Iterative tree walking and text collection.
//!
//! Hostile pages nest 100,000 elements deep; a recursive walk would overflow
//! the stack, so every walk here follows sibling/parent links instead.

use ego_tree::NodeRef;
use scraper::Node;

use super::clean;

/// A step of a depth-first walk.
pub(super) enum Event<'a> {
    /// Entering a node; the callback's return value says whether to descend.
    Open(NodeRef<'a, Node>),
    /// Leaving a node (after its children, if it was descended into).
    Close(NodeRef<'a, Node>),
}

/// Walks the descendants of `root` (not `root` itself) in document order,
/// without recursion. `f` gets an `Open` for every node reached and a matching
/// `Close`; returning `false` from an `Open` skips that node's children.
pub(super) fn walk<'a>(root: NodeRef<'a, Node>, mut f: impl FnMut(Event<'a>) -> bool) {
    let Some(mut cur) = root.first_child() else {
        return;
    };
    loop {
        let descend = f(Event::Open(cur));
        if descend {
            if let Some(child) = cur.first_child() {
                cur = child;
                continue;
            }
        }
        // Close `cur`, then climb until a next sibling exists.
        loop {
            f(Event::Close(cur));
            if let Some(next) = cur.next_sibling() {
                cur = next;
                break;
            }
            match cur.parent() {
                Some(parent) if parent.id() != root.id() => cur = parent,
                _ => return,
            }
        }
    }
}

/// `s` in ASCII lower case, borrowed when it already is (class names
/// usually are, so the per-element chrome checks rarely allocate).
pub(super) fn ascii_lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(s.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A fast hasher for `NodeId` keys: the ids are small distinct integers, so
/// a multiplicative hash is enough and much cheaper than SipHash.
#[derive(Default, Clone, Copy)]
pub(super) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A `HashMap` keyed by node ids with [`IdHasher`].
pub(super) type IdMap<V> =
    std::collections::HashMap<ego_tree::NodeId, V, std::hash::BuildHasherDefault<IdHasher>>;

/// Elements that start a new line of text (block boxes in a browser).
pub(super) fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "ul"
    )
}

/// Collects text with whitespace collapsed as a browser would render it:
/// runs of spaces, tabs, newlines and no-break spaces become one space,
/// zero-width characters vanish, nothing leads or trails.
#[derive(Debug, Default)]
pub(super) struct TextBuf {
    /// The collapsed text so far.
    text: String,
    /// A space is owed before the next visible character.
    pending_space: bool,
    /// Byte offsets in `text` where a `<br>` fell (the space after them is owed).
    breaks: Vec<usize>,
}

impl TextBuf {
    /// Appends raw text from a text node.
    pub(super) fn push_str(&mut self, raw: &str) {
        for c in raw.chars() {
            if is_space(c) {
                self.pending_space = true;
            } else if !matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}') {
                if self.pending_space && !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.pending_space = false;
                self.text.push(c);
            }
        }
    }

    /// A boundary that renders as whitespace (a block edge inside a cell).
    pub(super) fn soft_break(&mut self) {
        self.pending_space = true;
    }

    /// A `<br>`: whitespace, and remembered so a `<br>`-separated list can be split.
    pub(super) fn line_break(&mut self) {
        self.pending_space = true;
        if !self.text.is_empty() && self.breaks.last() != Some(&self.text.len()) {
            self.breaks.push(self.text.len());
        }
    }

    /// True if no visible character has been collected.
    pub(super) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Length of the collected text in bytes (for size caps).
    pub(super) fn len_bytes(&self) -> usize {
        self.text.len()
    }

    /// Takes the text and the `<br>` offsets, leaving the buffer empty.
    pub(super) fn take(&mut self) -> (String, Vec<usize>) {
        self.pending_space = false;
        let breaks = std::mem::take(&mut self.breaks)
            .into_iter()
            .filter(|&b| b < self.text.len())
            .collect();
        (std::mem::take(&mut self.text), breaks)
    }
}

/// Whitespace as HTML rendering collapses it, plus the Unicode spaces that
/// pages use as thousands separators or padding.
pub(super) fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\x0C' | '\u{00A0}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Limits for [`collect_text`] so that probing a subtree (is this a label?)
/// stays cheap even when the subtree is huge.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limit {
    /// Stop after visiting this many nodes.
    pub nodes: usize,
    /// Stop once the text has this many bytes.
    pub bytes: usize,
}

impl Limit {
    /// No practical limit: for content that will be emitted anyway.
    pub const NONE: Limit = Limit {
        nodes: usize::MAX,
        bytes: usize::MAX,
    };
}

/// The visible text of `node` (chrome skipped, block edges and `<br>` as
/// spaces), whitespace collapsed. Returns `None` if a limit was hit.
pub(super) fn collect_text(node: NodeRef<'_, Node>, limit: Limit) -> Option<String> {
    let mut buf = TextBuf::default();
    if let Node::Text(t) = node.value() {
        buf.push_str(t);
        return Some(buf.take().0);
    }
    let mut visited = 0usize;
    let mut over = false;
    walk(node, |ev| match ev {
        Event::Open(n) => {
            visited += 1;
            if over || visited > limit.nodes || buf.len_bytes() > limit.bytes {
                over = true;
                return false;
            }
            match n.value() {
                Node::Text(t) => {
                    buf.push_str(t);
                    false
                }
                Node::Element(el) => {
                    if clean::is_dropped(el) {
                        return false;
                    }
                    if el.name() == "br" || is_block_tag(el.name()) {
                        buf.soft_break();
                    }
                    true
                }
                _ => false,
            }
        }
        Event::Close(n) => {
            if let Node::Element(el) = n.value() {
                if is_block_tag(el.name()) {
                    buf.soft_break();
                }
            }
            true
        }
    });
    if over || buf.len_bytes() > limit.bytes {
        return None;
    }
    Some(buf.take().0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_and_nbsp_is_a_space() {
        let mut b = TextBuf::default();
        b.push_str("  Near\n\t Hit,\u{00A0}one");
        b.push_str(" strike ");
        b.push_str("\u{200B}");
        assert_eq!(b.take().0, "Near Hit, one strike");
    }

    #[test]
    fn inline_pieces_join_without_losing_or_adding_spaces() {
        let mut b = TextBuf::default();
        b.push_str("at least ");
        b.push_str("1,139");
        b.push_str(" civilians");
        b.push_str("'s");
        assert_eq!(b.take().0, "at least 1,139 civilians's");
    }

    #[test]
    fn line_breaks_are_recorded() {
        let mut b = TextBuf::default();
        b.push_str("a.");
        b.line_break();
        b.push_str("b.");
        b.line_break();
        let (t, br) = b.take();
        assert_eq!(t, "a. b.");
        assert_eq!(br, vec![2]);
    }

    #[test]
    fn deep_walk_does_not_overflow() {
        let depth = 5_000;
        let page = format!("{}x{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let html = scraper::Html::parse_document(&page);
        let text = collect_text(html.tree.root(), Limit::NONE).unwrap();
        assert_eq!(text, "x");
    }
}
