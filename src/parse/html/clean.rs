//! Boilerplate removal: which elements are site chrome (navigation, share
//! widgets, related/most-read boxes, newsletters, comments, cookie banners,
//! footers…) and never become text blocks.
//!
//! The decision is made per element from its tag, ARIA role, hidden state
//! and its class/id words, so it costs O(attributes) and the tree walks that
//! call it stay linear. Numbers in chrome ("Coalition conducts 70 strikes" in
//! a sidebar, share counters, "5 min read") must never reach the extractor,
//! so the lists err on the side of dropping.

use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::Node;

use super::walk::ascii_lower;

/// Elements whose whole subtree is never content.
const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "svg", "math",
    "button", "select", "input", "textarea", "option", "object", "embed", "canvas", "video",
    "audio", "head", "title", "meta", "link", "dialog", "menu", "header", "footer", "map",
    "frameset", "frame",
];

/// ARIA roles of landmarks and widgets that are chrome.
const DROP_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
    "tablist",
    "button",
];

/// Words (class/id tokens split on `-`, `_` and spaces) that mark chrome.
const CHROME_WORDS: &[&str] = &[
    "share",
    "sharing",
    "shares",
    "social",
    "breadcrumb",
    "breadcrumbs",
    "crumbs",
    "related",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "comment",
    "comments",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "banner",
    "ticker",
    "sidebar",
    "widget",
    "widgets",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "adslot",
    "sponsor",
    "sponsored",
    "promo",
    "skip",
    "sr",
    "footer",
    "masthead",
    "navbar",
    "nav",
    "navigation",
    "menu",
    "pagination",
    "pager",
    "tags",
    "tag",
    "taglist",
    "byline",
    "author",
    "views",
    "print",
    "toolbar",
    "modal",
    "popup",
    "overlay",
    "disqus",
    "outbrain",
    "taboola",
    "recirc",
    "readmore",
    "trending",
    "popular",
    "mostread",
    "header",
    "dropdown",
    "follow",
    "donate",
    "reactions",
    "rating",
    "logo",
    "search",
    "login",
    "paywall",
    "likes",
    "timestamp",
    "offscreen",
    "copyright",
];

/// Substrings of a class/id that mark chrome even inside a longer token
/// (`mostRead`, `relatedArticles`, `sharedaddy`, `cookie-notice`).
const CHROME_SUBSTRINGS: &[&str] = &[
    "share",
    "social",
    "breadcrumb",
    "related",
    "mostread",
    "most-read",
    "most_read",
    "newsletter",
    "comment-",
    "comments-",
    "-comment",
    "cookie",
    "sidebar",
    "advert",
    "ad-slot",
    "ad_slot",
    "adslot",
    "sponsor",
    "ticker",
    "promo",
    "subscribe",
    "recommend",
    "more-stories",
    "morestories",
    "read-more",
    "readmore",
    "sr-only",
    "screen-reader",
    "visually-hidden",
    "skip-link",
    "usa-banner",
    "site-header",
    "page-header",
    "entry-header",
    "article-header",
    "post-header",
    "global-header",
    "min-read",
    "reading-time",
    "entry-meta",
    "post-meta",
    "article-meta",
    "read-time",
    "readtime",
];

/// Words that are chrome only as whole words (checked against the split
/// words, never as substrings): `ad` would otherwise hit `header`, `read`
/// would hit `thread`, `tag` would hit `stage`, and so on.
fn is_chrome_word(w: &str) -> bool {
    CHROME_WORDS.contains(&w)
}

/// Class and id tokens that mark the article body itself: an element carrying
/// one is never dropped as chrome even if another of its words looks like
/// chrome (`post-content comments-enabled`).
pub(super) const CONTENT_CLASSES: &[&str] = &[
    "articlebody",
    "article-body",
    "article_body",
    "article__body",
    "article-content",
    "article__content",
    "article-text",
    "articletext",
    "entry-content",
    "post-content",
    "post-body",
    "postbody",
    "post-entry",
    "story-body",
    "story-body__inner",
    "story-content",
    "storybody",
    "td-post-content",
    "single-content",
    "incident-content",
    "c-article-content",
    "dnnmodulecontent",
    "field-name-body",
    "field--name-body",
    "body-text",
    "bodytext",
    "rich-text",
    "main-content",
    "content__article-body",
    "article-body__content",
    "article__text",
    "article-main",
    "story-text",
    "story__body",
    "entry-body",
    "news-body",
];

/// True if `el` and everything under it is chrome or invisible and must not
/// produce text.
pub(super) fn is_dropped(el: &Element) -> bool {
    let name = el.name();
    if DROP_TAGS.contains(&name) && !is_page_form(el) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        if is_hidden_style(style) {
            return true;
        }
    }
    if let Some(role) = el.attr("role") {
        let role = role.trim().to_ascii_lowercase();
        if DROP_ROLES.contains(&role.as_str()) {
            return true;
        }
    }
    if is_table_part(name) {
        // Table parts carry presentational classes ("header-row") that are not chrome.
        return false;
    }
    has_chrome_class(el)
}

/// True for the one `<form>` that ASP.NET WebForms (DNN, the DoD and
/// CJTF-OIR sites) wraps around the whole page: it is a container, and
/// dropping it as a form would drop the article with it.
fn is_page_form(el: &Element) -> bool {
    if el.name() != "form" {
        return false;
    }
    let id = el.attr("id").or_else(|| el.attr("name")).unwrap_or("");
    ["form", "aspnetform", "form1", "mainform"].contains(&id.to_ascii_lowercase().as_str())
        || el
            .attr("action")
            .is_some_and(|a| a.to_ascii_lowercase().contains(".aspx"))
}

/// True for a plain `<header>` (no banner role, no chrome class): inside an
/// article it usually wraps a section heading, which must not be lost.
pub(super) fn is_section_header(el: &Element) -> bool {
    el.name() == "header"
        && el.attr("role").is_none()
        && el.attr("hidden").is_none()
        && !has_chrome_class(el)
}

/// True for elements inside a table's structure, whose classes are layout.
fn is_table_part(name: &str) -> bool {
    matches!(
        name,
        "tr" | "td" | "th" | "thead" | "tbody" | "tfoot" | "caption" | "colgroup" | "col"
    )
}

/// `display:none` / `visibility:hidden` inline styles.
fn is_hidden_style(style: &str) -> bool {
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// True if one of the element's class or id tokens marks chrome and none marks
/// the article body.
pub(super) fn has_chrome_class(el: &Element) -> bool {
    let mut chrome = false;
    let tokens = el.classes().chain(el.id()).take(16);
    for token in tokens {
        if token.len() > 64 {
            continue;
        }
        let lower = ascii_lower(token);
        if CONTENT_CLASSES.contains(&lower.as_ref()) {
            return false;
        }
        if chrome || is_modifier(&lower) {
            continue;
        }
        if CHROME_SUBSTRINGS.iter().any(|s| lower.contains(s)) {
            chrome = true;
            continue;
        }
        chrome = lower.split(['-', '_', ' ', ':']).any(is_chrome_word);
    }
    chrome
}

/// State/modifier classes (`has-sidebar`, `with-comments`, `no-ads`,
/// `is-sticky`, `js-share-enabled`) describe the page layout around an
/// element, not the element: a `has-sidebar` wrapper holds the article.
fn is_modifier(token: &str) -> bool {
    [
        "has-", "has_", "with-", "no-", "is-", "show-", "hide-", "enable", "js-", "l-", "u-",
    ]
    .iter()
    .any(|p| token.starts_with(p))
        || token.ends_with("-enabled")
        || token.ends_with("-active")
}

/// True for a footnote marker (`<sup>1</sup>`, `<a href="#fn2">[2]</a>`):
/// its digits are not counts and would glue onto the word before.
pub(super) fn is_footnote_ref(n: NodeRef<'_, Node>) -> bool {
    let Node::Element(el) = n.value() else {
        return false;
    };
    let is_sup = el.name() == "sup";
    let is_anchor = el.name() == "a" && el.attr("href").is_some_and(|h| h.starts_with('#'));
    if !is_sup && !is_anchor {
        return false;
    }
    let mut len = 0usize;
    for d in n.descendants().take(16) {
        if let Node::Text(t) = d.value() {
            for c in t.chars() {
                if c.is_whitespace() {
                    continue;
                }
                len += 1;
                if len > 5
                    || !(c.is_ascii_digit() || matches!(c, '[' | ']' | '(' | ')' | '*' | '†'))
                {
                    return false;
                }
            }
        }
    }
    len > 0
}

/// True if the element's class or id marks the article body.
pub(super) fn has_content_class(el: &Element) -> bool {
    el.classes()
        .chain(el.id())
        .take(16)
        .any(|t| t.len() <= 64 && CONTENT_CLASSES.contains(&ascii_lower(t).as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn dropped(fragment: &str) -> bool {
        let html = Html::parse_fragment(fragment);
        let sel = Selector::parse("#x").unwrap();
        let el = html.select(&sel).next().unwrap();
        is_dropped(el.value())
    }

    #[test]
    fn chrome_elements_are_dropped() {
        assert!(dropped(r#"<nav id="x"></nav>"#));
        assert!(dropped(r#"<div id="x" class="share"></div>"#));
        assert!(dropped(r#"<div id="x" class="social-share-bar"></div>"#));
        assert!(dropped(r#"<div id="x" class="relatedArticles"></div>"#));
        assert!(dropped(r#"<section id="x" class="most-read"></section>"#));
        assert!(dropped(r#"<div id="x" role="dialog">cookies</div>"#));
        assert!(dropped(
            r#"<div id="x" class="breadcrumb container"></div>"#
        ));
        assert!(dropped(r#"<span id="x" class="views">12 views</span>"#));
        assert!(dropped(r#"<div id="x" class="tags">Tags: a</div>"#));
        assert!(dropped(r#"<p id="x" style="display: none">9</p>"#));
        assert!(dropped(r#"<div id="x" class="ad-slot"></div>"#));
        assert!(dropped(r#"<div id="x" class="comments-area"></div>"#));
        assert!(dropped(r#"<div id="x" class="site-header"></div>"#));
        assert!(dropped(
            r#"<div id="x" class="entry-meta">3 comments</div>"#
        ));
    }

    #[test]
    fn content_elements_are_kept() {
        assert!(!dropped(r#"<div id="x" class="entry-content"></div>"#));
        assert!(!dropped(
            r#"<div id="x" class="post-content comments-enabled"></div>"#
        ));
        assert!(!dropped(
            r#"<div id="x" class="thread stage hidden-xs usa-prose"></div>"#
        ));
        assert!(!dropped(r#"<dl id="x" class="incident-meta"></dl>"#));
        assert!(!dropped(r#"<div id="x" class="meta-grid"></div>"#));
        assert!(!dropped(r#"<p id="x" class="release-note"></p>"#));
        assert!(!dropped(
            r#"<table><tr id="x" class="header"><td>1</td></tr></table>"#
        ));
    }
}
