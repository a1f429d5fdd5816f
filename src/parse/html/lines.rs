//! `<br>`-separated lines: splitting a paragraph into list items when its
//! lines read as bullets ("Near Hit, one strike.<br>Near Raqqa, …").

/// Splits `text` at `<br>` offsets into trimmed lines.
pub(super) fn split_lines<'t>(text: &'t str, breaks: &[usize]) -> Vec<&'t str> {
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

/// Words after which a hard line break is mid-sentence.
const JOINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "in",
    "to",
    "for",
    "with",
    "by",
    "on",
    "at",
    "from",
    "near",
    "into",
    "than",
    "that",
    "as",
    "including",
];

/// True if `<br>`-separated lines read as a list rather than a sentence
/// wrapped by hard line breaks: most lines end a sentence or clause, or
/// start with a bullet.
pub(super) fn is_line_list(lines: &[&str]) -> bool {
    let boundaries = lines.len().saturating_sub(1);
    let mut listy = 0;
    for pair in lines.windows(2) {
        let (prev, next) = match pair {
            [p, n] => (p, n),
            _ => continue,
        };
        let ends = prev.ends_with(['.', ';', ':', '!', '?', ')', '”', '"']);
        let bullet = next.starts_with(BULLETS);
        // "…one strike destroyed a vehicle<br>Near Raqqa, …": a capitalised
        // line after a line that does not stop mid-phrase.
        let capital = next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && !prev
                .rsplit(' ')
                .next()
                .is_some_and(|w| JOINERS.contains(&w.to_lowercase().as_str()));
        if ends || bullet || capital {
            listy += 1;
        }
    }
    listy * 2 > boundaries
}

/// Removes a leading bullet ("- Near Hit" → "Near Hit"); says whether there was one.
pub(super) fn strip_bullet(line: &str) -> (&str, bool) {
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
