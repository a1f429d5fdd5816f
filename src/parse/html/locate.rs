//! CSS-path locators: `html > body > main > div.entry-content > p:nth-of-type(3)`.
//!
//! Every step names the tag, up to two readable classes, and `:nth-of-type(k)`
//! whenever the parent has more than one child of that tag, so the path
//! matches exactly one element in the parsed DOM (the DOM a browser's
//! devtools shows: html5ever inserts `tbody` just as browsers do). The
//! classes are only there for a human reader; uniqueness comes from
//! `:nth-of-type`. Sibling positions are computed once per parent and cached,
//! so locating thousands of paragraphs under one parent stays linear.

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};

use super::walk::IdMap;
use scraper::Node;

/// Paths deeper than this keep only their innermost steps (hostile pages).
const MAX_STEPS: usize = 512;

/// Builds CSS paths for elements of one document, caching sibling positions.
#[derive(Debug, Default)]
pub(super) struct Locator {
    /// For each element seen: (1-based position among same-tag siblings,
    /// whether it has same-tag siblings at all).
    position: IdMap<(usize, bool)>,
}

impl Locator {
    /// The CSS path of `node` (an element) from `html` down.
    pub(super) fn path(&mut self, node: NodeRef<'_, Node>) -> String {
        let mut steps: Vec<String> = Vec::new();
        let mut cur = Some(node);
        while let Some(n) = cur {
            let Node::Element(el) = n.value() else {
                break;
            };
            if steps.len() >= MAX_STEPS {
                break;
            }
            let name = el.name();
            let mut step = String::from(name);
            if name != "html" && name != "body" {
                for class in el
                    .classes()
                    .take(16)
                    .filter(|c| is_readable_class(c))
                    .take(2)
                {
                    step.push('.');
                    step.push_str(class);
                }
            }
            let (nth, shared) = self.position_of(n);
            if shared {
                step.push_str(&format!(":nth-of-type({nth})"));
            }
            steps.push(step);
            cur = n.parent();
        }
        steps.reverse();
        steps.join(" > ")
    }

    /// Position of `node` among its same-tag element siblings, computing and
    /// caching it for all of the parent's children on first use.
    fn position_of(&mut self, node: NodeRef<'_, Node>) -> (usize, bool) {
        if let Some(&p) = self.position.get(&node.id()) {
            return p;
        }
        let Some(parent) = node.parent() else {
            return (1, false);
        };
        let mut counts: HashMap<&str, usize> = HashMap::new();
        let mut order: Vec<(NodeId, &str, usize)> = Vec::new();
        for child in parent.children() {
            if let Node::Element(el) = child.value() {
                let c = counts.entry(el.name()).or_insert(0);
                *c += 1;
                order.push((child.id(), el.name(), *c));
            }
        }
        for (id, name, nth) in order {
            let total = counts.get(name).copied().unwrap_or(1);
            self.position.insert(id, (nth, total > 1));
        }
        self.position.get(&node.id()).copied().unwrap_or((1, false))
    }
}

/// A class worth showing: a plain CSS identifier, not too long, and not a
/// generated one (`postid-50768`, `css-1x2y3z4`).
fn is_readable_class(c: &str) -> bool {
    if c.is_empty() || c.len() > 40 {
        return false;
    }
    let mut chars = c.chars();
    let first_ok = match chars.next() {
        Some('-') => matches!(chars.next(), Some(ch) if ch.is_ascii_alphabetic() || ch == '_'),
        Some(ch) => ch.is_ascii_alphabetic() || ch == '_',
        None => false,
    };
    if !first_ok
        || !c
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
    {
        return false;
    }
    // Three digits in a row look generated.
    let mut run = 0;
    for ch in c.chars() {
        run = if ch.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 3 {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    #[test]
    fn path_is_unique_and_matches_with_a_real_selector() {
        let html = Html::parse_document(
            r#"<html><body class="postid-50768"><main><div class="entry-content x1234y">
            <p>a</p><h2>h</h2><p>b</p><p id="t">c</p></div><div></div></main></body></html>"#,
        );
        let target = html.select(&Selector::parse("#t").unwrap()).next().unwrap();
        let mut loc = Locator::default();
        let path = loc.path(*target);
        assert_eq!(
            path,
            "html > body > main > div.entry-content:nth-of-type(1) > p:nth-of-type(3)"
        );
        let sel = Selector::parse(&path).unwrap();
        let hits: Vec<_> = html.select(&sel).collect();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].id(), target.id());
    }

    #[test]
    fn odd_classes_are_left_out() {
        assert!(is_readable_class("entry-content"));
        assert!(is_readable_class("DNNModuleContent"));
        assert!(!is_readable_class("postid-50768"));
        assert!(!is_readable_class("1col"));
        assert!(!is_readable_class("md:flex"));
    }
}
