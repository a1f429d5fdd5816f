//! A nesting guard run before html5ever.
//!
//! The HTML tree builder scans its stack of open elements for every start
//! tag ("is there a `<p>` in button scope?"), so 100,000 nested `<div>`s cost
//! 10^10 steps. Browsers cap the depth (Blink at 512); this does the same on
//! the text: a linear pre-scan estimates the depth and, only if it exceeds
//! [`MAX_DEPTH`], removes the start and end tags beyond it. The text inside
//! them is kept, so nothing a reader would see is lost.

use std::borrow::Cow;

/// Tags nested deeper than this are removed before parsing.
pub(super) const MAX_DEPTH: usize = 512;

/// Elements that never hold children.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame",
];

/// Elements whose start tag closes an open one of the same kind, so unclosed
/// ones do not nest (`<p>a<p>b`, `<li>`, table parts).
const AUTO_CLOSED: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// A tag found by the scan.
struct Tag<'t> {
    /// Byte range of the whole tag `<…>`.
    start: usize,
    /// End of the tag (exclusive).
    end: usize,
    /// Lower-cased name.
    name: Cow<'t, str>,
    /// `</name>`.
    closing: bool,
}

/// Pages with more start tags than this are refused: html5ever's DOM plus
/// our blocks cost about 650 bytes per element (a million `<p>`s peak at
/// 660 MB), and real article pages have well under 100,000 elements.
pub(super) const MAX_TAGS: usize = 500_000;

/// Returns `text` unchanged when its estimated nesting stays within
/// [`MAX_DEPTH`], else a copy with the too-deep tags removed; `None` when
/// the page has more than [`MAX_TAGS`] start tags.
pub(super) fn limit_nesting(text: &str) -> Option<Cow<'_, str>> {
    let mut depth = 0usize;
    let mut too_deep = false;
    let mut tags = 0usize;
    scan(text, |tag| {
        if !tag.closing {
            tags += 1;
        }
        if counts(&tag.name) {
            if tag.closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                if depth > MAX_DEPTH {
                    too_deep = true;
                }
            }
        }
        tags <= MAX_TAGS
    });
    if tags > MAX_TAGS {
        return None;
    }
    if !too_deep {
        return Some(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0usize;
    let mut depth = 0usize;
    scan(text, |tag| {
        if !counts(&tag.name) {
            return true;
        }
        let drop = if tag.closing {
            let d = depth > MAX_DEPTH;
            depth = depth.saturating_sub(1);
            d
        } else {
            depth += 1;
            depth > MAX_DEPTH
        };
        if drop {
            out.push_str(text.get(copied..tag.start).unwrap_or(""));
            out.push(' ');
            copied = tag.end;
        }
        true
    });
    out.push_str(text.get(copied..).unwrap_or(""));
    Some(Cow::Owned(out))
}

/// Whether a tag changes the nesting depth estimate.
fn counts(name: &str) -> bool {
    !VOID.contains(&name) && !AUTO_CLOSED.contains(&name)
}

/// Calls `f` for every start and end tag outside comments and raw text, in
/// order, until `f` returns false. Linear in `text`.
fn scan<'t>(text: &'t str, mut f: impl FnMut(Tag<'t>) -> bool) {
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while let Some(off) = memchr::memchr(b'<', bytes.get(i..).unwrap_or_default()) {
        let start = i + off;
        let rest = bytes.get(start + 1..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            i = match memchr::memmem::find(rest, b"-->") {
                Some(e) => start + 1 + e + 3,
                None => return,
            };
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        let end = match tag_end(bytes, name_start + name_len) {
            Some(e) => e,
            None => return,
        };
        let raw_name = text.get(name_start..name_start + name_len).unwrap_or("");
        let name: Cow<'t, str> = if raw_name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(raw_name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(raw_name)
        };
        let raw = !closing && RAW_TEXT.contains(&name.as_ref());
        let close_pattern = raw.then(|| format!("</{name}"));
        if !f(Tag {
            start,
            end,
            name,
            closing,
        }) {
            return;
        }
        i = end;
        if let Some(pat) = close_pattern {
            // Skip raw text up to its end tag (case-insensitively for ASCII).
            let hay = bytes.get(i..).unwrap_or_default();
            let finder = memchr::memmem::Finder::new(pat.as_bytes());
            let upper = pat.to_ascii_uppercase();
            let found = [
                finder.find(hay),
                memchr::memmem::find(hay, upper.as_bytes()),
            ]
            .into_iter()
            .flatten()
            .min();
            match found {
                Some(p) => i += p,
                None => return,
            }
        }
    }
}

/// The index after the `>` that ends a tag whose name ends at `from`,
/// skipping quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    // Last non-space byte outside quotes: a quote opens a value only after `=`.
    let mut prev = 0u8;
    let mut j = from;
    while let Some(&b) = bytes.get(j) {
        match quote {
            Some(q) if b == q => {
                quote = None;
                prev = b;
            }
            Some(_) => {}
            None if (b == b'"' || b == b'\'') && prev == b'=' => quote = Some(b),
            None if b == b'>' => return Some(j + 1),
            None if b.is_ascii_whitespace() => {}
            None => prev = b,
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<html><body><div><p>a<p>b<li>c<br><img src='>'></div></body></html>";
        assert!(matches!(limit_nesting(page), Some(Cow::Borrowed(_))));
    }

    #[test]
    fn deep_tags_are_removed_but_text_kept() {
        let n = MAX_DEPTH + 100;
        let page = format!("{}x{}", "<div class=\"a\">".repeat(n), "</div>".repeat(n));
        let out = limit_nesting(&page).unwrap();
        assert_eq!(out.matches("<div").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains('x'));
    }

    #[test]
    fn too_many_tags_are_refused() {
        assert!(limit_nesting(&"<i>".repeat(MAX_TAGS + 1)).is_none());
        assert!(limit_nesting(&"<i></i>".repeat(1000)).is_some());
    }

    #[test]
    fn scripts_and_comments_do_not_count() {
        let inner = "<div>".repeat(MAX_DEPTH + 5);
        let page = format!("<script>{inner}</script><!-- {inner} --><div>ok</div>");
        assert!(matches!(limit_nesting(&page), Some(Cow::Borrowed(_))));
    }
}
