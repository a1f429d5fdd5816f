//! Who a page says published it: JSON-LD `publisher.name`, then
//! `og:site_name`, then `application-name`. It becomes the default claimant
//! (the document's own voice) when no pipeline or sidecar names one.

use scraper::{Html, Selector};
use serde_json::Value;
use std::sync::OnceLock;

/// JSON-LD scripts are small; a larger one is not metadata worth parsing.
const MAX_JSON_LD: usize = 256 * 1024;

/// The publisher the page names, if any.
pub(super) fn find_publisher(html: &Html) -> Option<String> {
    static LD: OnceLock<Option<Selector>> = OnceLock::new();
    static META: OnceLock<Option<Selector>> = OnceLock::new();
    let ld = LD.get_or_init(|| Selector::parse(r#"script[type="application/ld+json"]"#).ok());
    if let Some(sel) = ld {
        for script in html.select(sel).take(8) {
            let text: String = script.text().collect();
            if text.len() > MAX_JSON_LD {
                continue;
            }
            if let Some(name) = serde_json::from_str::<Value>(&text)
                .ok()
                .as_ref()
                .and_then(ld_publisher)
            {
                return Some(name);
            }
        }
    }
    let meta = META.get_or_init(|| {
        Selector::parse(r#"meta[property="og:site_name"], meta[name="application-name"]"#).ok()
    });
    let meta = meta.as_ref()?;
    html.select(meta)
        .filter_map(|m| m.value().attr("content"))
        .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|c| !c.is_empty())
}

/// `publisher.name` in a JSON-LD object, an array of them, or an `@graph`.
fn ld_publisher(v: &Value) -> Option<String> {
    match v {
        Value::Array(items) => items.iter().find_map(ld_publisher),
        Value::Object(o) => {
            let named = |p: &Value| match p {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Object(po) => po
                    .get("name")
                    .and_then(Value::as_str)
                    .map(|s| s.trim().to_string()),
                Value::Array(a) => a
                    .first()
                    .and_then(|x| x.get("name"))
                    .and_then(Value::as_str)
                    .map(|s| s.trim().to_string()),
                _ => None,
            };
            o.get("publisher")
                .and_then(named)
                .filter(|s| !s.is_empty())
                .or_else(|| o.get("@graph").and_then(ld_publisher))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_wins_then_site_name() {
        let page = Html::parse_document(
            r#"<html><head><meta property="og:site_name" content="Airwars Site">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Airwars"}}]}</script>
            </head><body></body></html>"#,
        );
        assert_eq!(find_publisher(&page).as_deref(), Some("Airwars"));
        let page = Html::parse_document(
            r#"<html><head><meta property="og:site_name" content=" The  Levant Ledger "></head></html>"#,
        );
        assert_eq!(find_publisher(&page).as_deref(), Some("The Levant Ledger"));
        let page = Html::parse_document(
            r#"<html><head><script type="application/ld+json">{not json</script></head></html>"#,
        );
        assert_eq!(find_publisher(&page), None);
    }
}
