//! Key/value blocks: `<dl>` term/definition pairs, label/value `<div>`s and
//! `<p><strong>Label:</strong> value</p>`, plus bold one-line paragraphs
//! that act as headings.

use ego_tree::NodeRef;
use scraper::Node;

use super::clean;
use super::locate::Locator;
use super::walk::{collect_text, Limit, TextBuf};
use crate::parse::{BlockKind, TextBlock};

/// Longest label of a label/value pair, in bytes.
const MAX_LABEL: usize = 100;

/// `<dl>`: each `<dd>` becomes "term: definition" (terms of a group
/// joined with " / "); stray terms or definitions become paragraphs.
pub(super) fn dl_blocks(dl: NodeRef<'_, Node>, loc: &mut Locator) -> Vec<TextBlock> {
    let mut blocks = Vec::new();
    let mut items: Vec<NodeRef<'_, Node>> = Vec::new();
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
    let mut terms: Vec<(String, NodeRef<'_, Node>)> = Vec::new();
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
        let locator = loc.path(item);
        if terms.is_empty() {
            blocks.push(TextBlock {
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
        blocks.push(TextBlock {
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
            let locator = loc.path(node);
            blocks.push(TextBlock {
                text,
                locator,
                page: None,
                kind: BlockKind::Paragraph,
            });
        }
    }
    blocks
}

/// True if `n` is the element `name`.
fn is_tag(n: NodeRef<'_, Node>, name: &str) -> bool {
    matches!(n.value(), Node::Element(e) if e.name() == name)
}

/// A label/value pair: `<div><span class="label">Killed:</span> <span>3–7</span></div>`,
/// `<p><strong>Location:</strong> Hit, Anbar</p>`, `<div><h4>Killed</h4><p>3</p></div>`.
/// Returns (label without its colon, value).
pub(super) fn label_value(n: NodeRef<'_, Node>) -> Option<(String, String)> {
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
    let classy = lname == "label"
        || label_el.classes().take(8).any(|c| {
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
pub(super) fn is_bold_heading(owner: NodeRef<'_, Node>, text: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn pair(fragment: &str) -> Option<(String, String)> {
        let html = Html::parse_document(fragment);
        let el = html.select(&Selector::parse("#x").unwrap()).next().unwrap();
        label_value(*el)
    }

    #[test]
    fn label_value_shapes() {
        assert_eq!(
            pair(r#"<div id="x"><label>Civilians killed</label><span>3–7</span></div>"#),
            Some(("Civilians killed".into(), "3–7".into()))
        );
        assert_eq!(
            pair(r#"<p id="x"><strong>Location:</strong> Hit, Anbar</p>"#),
            Some(("Location".into(), "Hit, Anbar".into()))
        );
        assert_eq!(
            pair(r#"<div id="x"><h4>Injured</h4><p>15</p></div>"#),
            Some(("Injured".into(), "15".into()))
        );
        // Bold lead-ins without a colon are emphasis, not labels.
        assert_eq!(
            pair(r#"<p id="x"><b>Coalition</b> forces struck 3 targets.</p>"#),
            None
        );
        // Long values are prose, not a field.
        let long = "x ".repeat(200);
        assert_eq!(pair(&format!(r#"<p id="x"><b>Note:</b> {long}</p>"#)), None);
    }
}
