//! Sentence splitting that respects abbreviations ("Nov.", "U.S.", "approx.",
//! "Col.", "a.m."), initials and decimals.

/// Abbreviations whose full stop does not end a sentence (lower-case, no dot).
const ABBREVIATIONS: [&str; 40] = [
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.k", "u.n", "approx", "col", "lt", "maj", "capt", "cmdr", "gen", "sgt", "adm", "dr", "mr",
    "mrs", "ms", "no", "nos", "st", "fla", "vs", "e.g", "i.e", "a.m", "p.m", "etc", "fig", "pp",
];

/// Splits `text` into sentences; returns byte ranges, whitespace trimmed.
///
/// A sentence ends at `.`, `!` or `?` (and closing quotes/brackets after it)
/// followed by whitespace and an upper-case letter, a digit or a quote —
/// unless the word before the stop is a known abbreviation or an initial.
pub fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if matches!(c, b'.' | b'!' | b'?' | b';') {
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b'"' | b'\'' | b')' | b']') {
                j += 1;
            }
            // also the UTF-8 right quotes ’ ” (E2 80 99 / E2 80 9D)
            while j + 2 < b.len()
                && b[j] == 0xE2
                && b[j + 1] == 0x80
                && matches!(b[j + 2], 0x99 | 0x9D)
            {
                j += 3;
            }
            let ws_end = text[j..]
                .char_indices()
                .find(|(_, ch)| !ch.is_whitespace())
                .map_or(text.len(), |(k, _)| j + k);
            let next = text[ws_end..].chars().next();
            let boundary = ws_end > j
                && next.is_none_or(|n| {
                    n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘' | '(')
                });
            let boundary = boundary && (c != b'.' || !is_abbreviation(&text[start..i]));
            let boundary = boundary && (c != b';' || next.is_some_and(|n| n.is_uppercase()));
            if boundary || ws_end == text.len() {
                push_trimmed(text, start, j, &mut out);
                start = ws_end;
                i = ws_end;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let Some(seg) = text.get(s..e) else { return };
    let lead = seg.len() - seg.trim_start().len();
    let trail = seg.len() - seg.trim_end().len();
    if s + lead < e - trail {
        out.push((s + lead, e - trail));
    }
}

/// True when `before` (the text up to a full stop) ends with an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let w = word.to_lowercase();
    if ABBREVIATIONS.contains(&w.as_str()) {
        return true;
    }
    // single initials ("J. Smith") and dotted acronyms ("U.S", "a.m")
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (letters == 1 && w.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()))
        || (w.contains('.') && w.split('.').all(|p| p.chars().count() <= 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split_sentences(t)
            .into_iter()
            .map(|(a, b)| &t[a..b])
            .collect()
    }

    #[test]
    fn keeps_abbreviations_together() {
        let t = "On Nov. 18, U.S. and Coalition forces struck approx. 12 targets. Col. Ray Coleman said so. It ended at 8 a.m. Sunday.";
        assert_eq!(
            sents(t),
            vec![
                "On Nov. 18, U.S. and Coalition forces struck approx. 12 targets.",
                "Col. Ray Coleman said so.",
                "It ended at 8 a.m. Sunday."
            ]
        );
    }

    #[test]
    fn splits_on_real_boundaries() {
        let t = "Seven civilians were killed. Three others were injured! Why? “Quoted.” 12 more.";
        assert_eq!(
            sents(t),
            vec![
                "Seven civilians were killed.",
                "Three others were injured!",
                "Why?",
                "“Quoted.”",
                "12 more."
            ]
        );
        assert_eq!(
            sents("The U.S.-led coalition said 12. "),
            vec!["The U.S.-led coalition said 12."]
        );
        assert_eq!(sents("  "), Vec::<&str>::new());
        assert_eq!(
            sents("2.5 million people fled."),
            vec!["2.5 million people fled."]
        );
    }
}
