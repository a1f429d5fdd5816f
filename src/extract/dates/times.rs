//! Clock times ("8 a.m.", "8:30 p.m.", "14:00", "0800 hours"): never counts,
//! never dates, but their digits must be masked before numbers are read.

use regex::Regex;
use std::sync::OnceLock;

/// Regex fragment for a clock time written with a.m./p.m., or as hh:mm.
pub(crate) const TIME: &str = r"(?:(?:1[0-2]|0?[1-9])(?::[0-5][0-9])?\s?(?:[ap]\.m\.|[AP]\.M\.|(?:am|pm|AM|PM)\b|[ap]\.m\b)|(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?\b|noon|midnight)";

fn patterns() -> &'static [Regex; 2] {
    static P: OnceLock<[Regex; 2]> = OnceLock::new();
    P.get_or_init(|| {
        [
            super::compile(&format!(
                r"\b(?:{TIME})(?:\s*(?:local\s+time|hours|hrs|GMT|UTC|Baghdad\s+time|Damascus\s+time))?"
            )),
            super::compile(
                r"\b(?:[01][0-9]|2[0-3])[0-5][0-9]\s*(?:hours|hrs|GMT|UTC|Z|local\s+time)\b",
            ),
        ]
    })
}

/// Finds clock times in `text`, as byte spans (start, end), sorted and non-overlapping.
///
/// "noon" and "midnight" carry no digits; they are matched only inside the
/// "between 8 a.m. yesterday and noon today" windows, not here.
pub fn find_times(text: &str) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = patterns()
        .iter()
        .flat_map(|re| re.find_iter(text))
        .filter(|m| m.as_str().bytes().any(|b| b.is_ascii_digit()))
        .map(|m| (m.start(), m.end()))
        .collect();
    super::non_overlapping_spans(&mut spans);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn times(t: &str) -> Vec<&str> {
        find_times(t)
            .into_iter()
            .filter_map(|(s, e)| t.get(s..e))
            .collect()
    }

    #[test]
    fn finds_common_clock_times() {
        assert_eq!(
            times("between 8 a.m. yesterday and 8 a.m. today, local time"),
            vec!["8 a.m.", "8 a.m."]
        );
        assert_eq!(
            times("at 8:30 p.m. and at 14:00 GMT"),
            vec!["8:30 p.m.", "14:00 GMT"]
        );
        assert_eq!(times("at 0800 hours, 5 pm"), vec!["0800 hours", "5 pm"]);
    }

    #[test]
    fn leaves_counts_and_ratios_alone() {
        assert!(times("killed 12 civilians and 8 am").len() == 1);
        assert!(times("I am sure 12 people died").is_empty());
        assert!(times("at noon, 3,000 strikes").is_empty());
        assert!(times("2200 strikes").is_empty());
    }
}
