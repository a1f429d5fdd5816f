//! Main-content selection: one pass over the page gathers text statistics,
//! container candidates, title candidates and date hints; then the article
//! container is picked by common selectors (`[itemprop=articleBody]`,
//! `.entry-content`, `article`, `main`, …) with a readability-style fallback
//! that scores text density, commas and link density.

use ego_tree::{NodeId, NodeRef};
use jiff::civil::Date;
use scraper::node::Element;
use scraper::Node;

use super::clean;
use super::published;
use super::walk::{collect_text, is_space, walk, Event, IdMap, Limit};

/// Text statistics of one element's visible (non-chrome) subtree.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Stats {
    /// Non-space chars of text.
    pub text: usize,
    /// Non-space chars inside links.
    pub link: usize,
    /// Commas (readability's "this is prose" signal).
    pub commas: usize,
}

/// What one pass over the page learnt.
#[derive(Debug, Default)]
pub(super) struct Scan<'a> {
    /// Per visible element, its subtree's text statistics.
    stats: IdMap<Stats>,
    /// Readability scores credited to parents of prose elements.
    scores: IdMap<f32>,
    /// Container candidates by tier: itemprop=articleBody, content classes,
    /// `article`, `main`-like.
    tiers: [Vec<NodeRef<'a, Node>>; 4],
    /// `<body>`, the fallback container.
    body: Option<NodeRef<'a, Node>>,
    /// `<h1>` elements (also inside page headers), in order, at most 16.
    pub h1s: Vec<NodeRef<'a, Node>>,
    /// `<h2>` elements, in order, at most 16: older pages title articles with them.
    pub h2s: Vec<NodeRef<'a, Node>>,
    /// `<title>` text and element.
    pub title_tag: Option<String>,
    /// The `<title>` element, for its locator.
    pub title_node: Option<NodeRef<'a, Node>>,
    /// `og:title` content.
    pub og_title: Option<String>,
    /// The `og:title` `<meta>`, for its locator.
    pub og_title_node: Option<NodeRef<'a, Node>>,
    /// Best `<meta>` date so far, with its rank (lower is better).
    pub meta_date: Option<(usize, Date)>,
    /// First JSON-LD `datePublished`.
    pub json_ld_date: Option<Date>,
    /// First `time[datetime]` outside hard chrome.
    pub time_date: Option<Date>,
    /// Texts of date-like elements (`span.date`, `p.dateline`) outside hard chrome.
    pub date_texts: Vec<String>,
    /// The container a pipeline's `[content]` selectors picked, if any: it
    /// overrides the heuristics.
    pub hinted: Option<NodeId>,
    /// Elements a pipeline's `[content]` excludes matched: dropped like chrome.
    pub excluded: std::collections::HashSet<NodeId>,
}

/// Class/id words of chrome that may still hold the page's title or date
/// (an article header, a byline), so the scan looks inside it without
/// counting its text as content.
fn is_soft_chrome(el: &Element) -> bool {
    if matches!(el.name(), "header" | "head") {
        return true;
    }
    if !matches!(el.name(), "div" | "p" | "span" | "section" | "time") {
        return false;
    }
    el.classes().chain(el.id()).take(16).any(|t| {
        let t = t.to_ascii_lowercase();
        [
            "byline",
            "author",
            "timestamp",
            "header",
            "post-meta",
            "views",
        ]
        .iter()
        .any(|w| t.contains(w))
    })
}

/// True for elements whose class marks a date (`date`, `post-date`, `dateline`).
fn is_date_class(el: &Element) -> bool {
    el.classes().take(16).any(|t| {
        let t = t.to_ascii_lowercase();
        t.split(['-', '_']).any(|w| {
            matches!(
                w,
                "date" | "dateline" | "published" | "pubdate" | "time" | "posted"
            )
        })
    })
}

/// Walks the whole page once.
pub(super) fn scan(root: NodeRef<'_, Node>) -> Scan<'_> {
    let mut s = Scan::default();
    // Open elements being measured: (id, stats so far).
    let mut frames: Vec<(NodeId, Stats)> = Vec::new();
    // Soft chrome we descended into without measuring.
    let mut hidden: Vec<NodeId> = Vec::new();
    let mut link_depth = 0usize;
    let mut link_open: Vec<NodeId> = Vec::new();
    walk(root, |ev| match ev {
        Event::Open(n) => match n.value() {
            Node::Text(t) => {
                if hidden.is_empty() {
                    if let Some((_, top)) = frames.last_mut() {
                        let mut chars = 0;
                        for c in t.chars() {
                            if !is_space(c) {
                                chars += 1;
                                if c == ',' {
                                    top.commas += 1;
                                }
                            }
                        }
                        top.text += chars;
                        if link_depth > 0 {
                            top.link += chars;
                        }
                    }
                }
                false
            }
            Node::Element(el) => s.open_element(
                n,
                el,
                &mut frames,
                &mut hidden,
                &mut link_depth,
                &mut link_open,
            ),
            _ => false,
        },
        Event::Close(n) => {
            if hidden.last() == Some(&n.id()) {
                hidden.pop();
            }
            if link_open.last() == Some(&n.id()) {
                link_open.pop();
                link_depth = link_depth.saturating_sub(1);
            }
            if frames.last().map(|f| f.0) == Some(n.id()) {
                if let Some((id, st)) = frames.pop() {
                    s.stats.insert(id, st);
                    if let Some((_, parent)) = frames.last_mut() {
                        parent.text += st.text;
                        parent.link += st.link;
                        parent.commas += st.commas;
                    }
                    s.credit_prose(n, st);
                }
            }
            true
        }
    });
    s
}

impl<'a> Scan<'a> {
    /// Handles an element on the way down; returns whether to descend.
    fn open_element(
        &mut self,
        n: NodeRef<'a, Node>,
        el: &Element,
        frames: &mut Vec<(NodeId, Stats)>,
        hidden: &mut Vec<NodeId>,
        link_depth: &mut usize,
        link_open: &mut Vec<NodeId>,
    ) -> bool {
        let name = el.name();
        match name {
            "meta" => {
                self.read_meta(n, el);
                return false;
            }
            "title" => {
                if self.title_tag.is_none() {
                    self.title_tag = collect_text(
                        n,
                        Limit {
                            nodes: 8,
                            bytes: 2000,
                        },
                    )
                    .filter(|t| !t.is_empty());
                    self.title_node = self.title_tag.as_ref().map(|_| n);
                }
                return false;
            }
            "script" => {
                if self.json_ld_date.is_none()
                    && el.attr("type").is_some_and(|t| t.contains("ld+json"))
                {
                    if let Some(Node::Text(t)) = n.first_child().map(|c| c.value()) {
                        self.json_ld_date = published::json_ld_date(t);
                    }
                }
                return false;
            }
            _ => {}
        }
        if clean::is_dropped(el) {
            if !is_soft_chrome(el) {
                return false;
            }
            hidden.push(n.id());
        }
        if name == "h1" && self.h1s.len() < 16 {
            self.h1s.push(n);
        }
        if name == "h2" && self.h2s.len() < 16 {
            self.h2s.push(n);
        }
        if self.time_date.is_none() {
            if let Some(d) = el
                .attr("datetime")
                .filter(|_| name == "time")
                .or_else(|| {
                    el.attr("content")
                        .filter(|_| el.attr("itemprop") == Some("datePublished"))
                })
                .and_then(published::parse_machine_date)
            {
                self.time_date = Some(d);
            }
        }
        if self.date_texts.len() < 8 && is_date_class(el) {
            if let Some(t) = collect_text(
                n,
                Limit {
                    nodes: 64,
                    bytes: 400,
                },
            ) {
                if !t.is_empty() {
                    self.date_texts.push(t);
                }
            }
        }
        if name == "a" {
            *link_depth += 1;
            link_open.push(n.id());
        }
        if !hidden.is_empty() {
            return true;
        }
        if name == "body" && self.body.is_none() {
            self.body = Some(n);
        }
        let tier = if el
            .attr("itemprop")
            .or_else(|| el.attr("name").filter(|_| el.name() == "section"))
            .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
        {
            Some(0)
        } else if clean::has_content_class(el) {
            Some(1)
        } else if name == "article" {
            Some(2)
        } else if name == "main"
            || el.attr("role") == Some("main")
            || el.id().is_some_and(|id| {
                matches!(
                    id.to_ascii_lowercase().as_str(),
                    "content" | "main-content" | "maincontent" | "article"
                )
            })
        {
            Some(3)
        } else {
            None
        };
        if let Some(t) = tier {
            if let Some(v) = self.tiers.get_mut(t) {
                if v.len() < 256 {
                    v.push(n);
                }
            }
        }
        frames.push((n.id(), Stats::default()));
        true
    }

    /// Reads a `<meta>` tag: publication dates and `og:title`.
    fn read_meta(&mut self, n: NodeRef<'a, Node>, el: &Element) {
        let Some(content) = el.attr("content") else {
            return;
        };
        for key in [el.attr("property"), el.attr("name"), el.attr("itemprop")]
            .into_iter()
            .flatten()
        {
            if key.eq_ignore_ascii_case("og:title") && self.og_title.is_none() {
                let t = content.split_whitespace().collect::<Vec<_>>().join(" ");
                if !t.is_empty() {
                    self.og_title = Some(t);
                    self.og_title_node = Some(n);
                }
            }
            if let Some(rank) = published::meta_rank(key) {
                if self.meta_date.is_none_or(|(r, _)| rank < r) {
                    if let Some(d) = published::parse_machine_date(content) {
                        self.meta_date = Some((rank, d));
                    }
                }
            }
        }
    }

    /// Readability: a paragraph of prose credits its parent fully and its
    /// grandparent by half.
    fn credit_prose(&mut self, n: NodeRef<'a, Node>, st: Stats) {
        let Node::Element(el) = n.value() else {
            return;
        };
        // Table cells and list items are left out: in layout tables a cell
        // would outscore the content it holds.
        if !matches!(el.name(), "p" | "pre" | "blockquote") || st.text < 25 {
            return;
        }
        let score = 1.0 + st.commas as f32 + (st.text as f32 / 100.0).min(3.0);
        if let Some(p) = n.parent() {
            *self.scores.entry(p.id()).or_insert(0.0) += score;
            if let Some(g) = p.parent() {
                *self.scores.entry(g.id()).or_insert(0.0) += score / 2.0;
            }
        }
    }

    /// Text statistics of an element (zero if it was chrome).
    pub(super) fn stats_of(&self, n: NodeRef<'_, Node>) -> Stats {
        self.stats.get(&n.id()).copied().unwrap_or_default()
    }

    /// Picks the article container: the first tier with a candidate holding
    /// enough of the page's text, else the best readability score, else
    /// `<body>`, else the document itself.
    pub(super) fn container(&self, root: NodeRef<'a, Node>) -> NodeRef<'a, Node> {
        if let Some(n) = self.hinted.and_then(|id| root.tree().get(id)) {
            return n;
        }
        let body_text = self.body.map_or(0, |b| self.stats_of(b).text);
        let own = |n: &NodeRef<'_, Node>| {
            let st = self.stats_of(*n);
            st.text.saturating_sub(st.link)
        };
        for (tier, cands) in self.tiers.iter().enumerate() {
            let Some(best) = cands
                .iter()
                .max_by_key(|n| (own(n), std::cmp::Reverse(n.id())))
            else {
                continue;
            };
            let text = own(best);
            let floor = if tier <= 1 { 150 } else { 500 };
            if text > 0 && (text * 4 >= body_text || text >= floor) {
                return *best;
            }
        }
        let mut best: Option<(f32, NodeId)> = None;
        for (&id, &score) in &self.scores {
            let st = self.stats.get(&id).copied().unwrap_or_default();
            let density = if st.text == 0 {
                1.0
            } else {
                st.link as f32 / st.text as f32
            };
            let s = score * (1.0 - density);
            // Ties broken by document order so the choice is deterministic.
            if best.is_none_or(|(bs, bid)| s > bs || (s == bs && id < bid)) {
                best = Some((s, id));
            }
        }
        if let Some((s, id)) = best {
            if s > 0.0 {
                if let Some(n) = root.tree().get(id) {
                    return n;
                }
            }
        }
        self.body.unwrap_or(root)
    }
}

/// Siblings of the container worth reading with it: a metadata `<dl>` or
/// table that the page keeps next to the body text rather than inside it,
/// and further boxes of the same tag and class (a body split by ads).
pub(super) fn with_data_siblings<'a>(
    container: NodeRef<'a, Node>,
    scan: &Scan<'_>,
) -> Vec<NodeRef<'a, Node>> {
    let Some(parent) = container.parent() else {
        return vec![container];
    };
    if scan.hinted.is_some() {
        // The site's own selectors said where the content is.
        return vec![container];
    }
    let is_data = |n: NodeRef<'_, Node>| -> bool {
        let Node::Element(el) = n.value() else {
            return false;
        };
        if clean::is_dropped(el) || scan.stats_of(n).text == 0 {
            return false;
        }
        matches!(el.name(), "dl" | "table")
            || n.children().any(
                |c| matches!(c.value(), Node::Element(e) if matches!(e.name(), "dl" | "table")),
            )
    };
    let is_wrapper = |n: NodeRef<'_, Node>| matches!(n.value(), Node::Element(e) if matches!(e.name(), "body" | "html"));
    if is_wrapper(container) {
        return vec![container];
    }
    // Article bodies split by ads or embeds into several boxes of the same kind.
    let kind = |n: NodeRef<'_, Node>| match n.value() {
        Node::Element(e) => Some((e.name().to_string(), e.attr("class").map(str::to_string))),
        _ => None,
    };
    let own_kind = kind(container);
    let same_kind = |n: NodeRef<'_, Node>| {
        own_kind.as_ref().is_some_and(|(_, class)| class.is_some())
            && kind(n) == own_kind
            && scan.stats_of(n).text > 0
    };
    let data_ok = !is_wrapper(parent);
    parent
        .children()
        .filter(|c| c.id() == container.id() || same_kind(*c) || (data_ok && is_data(*c)))
        .collect()
}
