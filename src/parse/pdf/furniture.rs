//! Running headers, footers and page numbers: paragraphs in the top or bottom
//! margin band whose text (digits masked) repeats across pages, or that look
//! like a page number. They stay in `pdftext` output but never become blocks,
//! so their numbers never become claims.

use std::collections::HashMap;

use super::page::{Item, PageLayout};

/// Share of the page height at the top and bottom searched for furniture.
const BAND: f32 = 0.12;

/// The text with digits masked and whitespace collapsed.
fn shape(text: &str) -> String {
    let mut s = String::new();
    for w in text.split_whitespace() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.extend(w.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }));
    }
    s
}

/// "7", "- 7 -", "Page 7", "Page 7 of 12", "7/12", "7 | Report".
pub(super) fn looks_like_page_number(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c == '|' || c.is_whitespace());
    let t = t.strip_prefix("page").unwrap_or(t).trim();
    let mut parts = t
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "of");
    let first_ok = parts
        .next()
        .is_some_and(|p| p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()));
    let rest_ok = parts.all(|p| p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()));
    first_ok && rest_ok
}

/// Marks furniture paragraphs in place.
pub(super) fn mark(pages: &mut [PageLayout]) {
    let n_pages = pages.len();
    let mut counts: HashMap<(bool, String), usize> = HashMap::new();
    for page in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        for item in &page.items {
            if let Item::Para(p) = item {
                if let Some(top) = band(p.bbox.1, p.bbox.3, page.height) {
                    let key = (top, shape(&p.text()));
                    if seen.insert(key.clone()) {
                        *counts.entry(key).or_default() += 1;
                    }
                }
            }
        }
    }
    let needed = if n_pages <= 2 {
        2
    } else {
        2.max(n_pages * 3 / 10)
    };
    for page in pages.iter_mut() {
        let height = page.height;
        for item in &mut page.items {
            if let Item::Para(p) = item {
                let Some(top) = band(p.bbox.1, p.bbox.3, height) else {
                    continue;
                };
                let text = p.text();
                let repeated = counts.get(&(top, shape(&text))).copied().unwrap_or(0) >= needed;
                if (repeated && p.lines.len() <= 3) || looks_like_page_number(&text) {
                    p.furniture = true;
                }
            }
        }
    }
}

/// Some(true) in the top band, Some(false) in the bottom band, None in the body.
fn band(y0: f32, y1: f32, height: f32) -> Option<bool> {
    if height <= 0.0 {
        return None;
    }
    if y1 <= BAND * height {
        Some(true)
    } else if y0 >= (1.0 - BAND) * height {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in ["7", "- 7 -", "Page 7", "Page 7 of 12", "7/12", "page 3"] {
            assert!(looks_like_page_number(t), "{t}");
        }
        for t in ["7 civilians", "2018 report", "Page seven", ""] {
            assert!(!looks_like_page_number(t), "{t}");
        }
    }

    #[test]
    fn shapes_mask_digits() {
        assert_eq!(shape("Page  4 of 12"), "Page # of ##");
    }
}
