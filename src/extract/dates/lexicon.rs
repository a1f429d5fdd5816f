//! Words the date grammar is built from: month and weekday names, number
//! words, and the regex fragments that match them.
//!
//! Month names are matched case-sensitively (capitalised or all-caps), so the
//! verb "may" and the noun "march" are never dates.

use jiff::civil::Weekday;

/// Regex fragment for a month name: full, all-caps, or abbreviated with or
/// without a dot. Longer alternatives come first so "Sept." wins over "Sep";
/// the trailing `(?:\.|\b)` keeps "Mayor" and "Mar'a" from matching.
pub(crate) const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?:\.|\b)";

/// Regex fragment for a full month name (or a dotted abbreviation), for months
/// standing alone ("in November"), where a bare "Mar" or "Jan" is too risky.
pub(crate) const MONTH_ALONE: &str = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.)";

/// Regex fragment for a weekday name, full or abbreviated (only used in front
/// of a date, where "Sat." cannot be anything else).
pub(crate) const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thu|Fri|Sat|Sun)(?:\.|\b)";

/// Regex fragment for a full weekday name standing alone ("on Tuesday").
pub(crate) const WEEKDAY_FULL: &str =
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

/// Regex fragment for a four-digit year a document could plausibly mean.
pub(crate) const YEAR: &str = r"(?:19[5-9][0-9]|20[0-4][0-9])";

/// Regex fragment for a day of the month, with an optional ordinal suffix.
pub(crate) const DAY: &str = r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?\b";

/// Regex fragment for a small count written in digits or words ("24", "four", "a").
pub(crate) const SMALL_NUMBER: &str = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)|several|few)";

/// The month number (1-12) of a month name or abbreviation, case-insensitive.
pub(crate) fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let n = match w.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// The weekday of a weekday name or abbreviation, case-insensitive.
pub(crate) fn weekday(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let d = match w.get(..3)? {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    };
    Some(d)
}

/// The value of a day-of-month token such as "3", "03" or "3rd".
pub(crate) fn day_number(tok: &str) -> Option<i8> {
    let digits = tok.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let n: i8 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

/// The value of a small count in digits or words ("24", "four", "a", "twenty-one").
///
/// "several" and "few" read as 3, the smallest count they can mean, which
/// keeps a "past few days" window conservative.
pub(crate) fn small_number(tok: &str) -> Option<i64> {
    let t = tok.to_ascii_lowercase();
    if let Ok(n) = t.parse::<i64>() {
        return Some(n);
    }
    let unit = |w: &str| -> Option<i64> {
        Some(match w {
            "a" | "an" | "one" => 1,
            "two" => 2,
            "three" | "several" | "few" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "thirteen" => 13,
            "fourteen" => 14,
            "fifteen" => 15,
            "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            _ => return None,
        })
    };
    match t.split_once('-') {
        Some((tens, ones)) => Some(unit(tens)? + unit(ones)?),
        None => unit(&t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("September"), Some(9));
        assert_eq!(month_number("Aug"), Some(8));
        assert_eq!(month_number("MAY"), Some(5));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Foo"), None);
    }

    #[test]
    fn weekdays_days_and_numbers() {
        assert_eq!(weekday("Sunday"), Some(Weekday::Sunday));
        assert_eq!(weekday("Thurs."), Some(Weekday::Thursday));
        assert_eq!(day_number("3rd"), Some(3));
        assert_eq!(day_number("31"), Some(31));
        assert_eq!(day_number("32"), None);
        assert_eq!(day_number("0"), None);
        assert_eq!(small_number("four"), Some(4));
        assert_eq!(small_number("twenty-one"), Some(21));
        assert_eq!(small_number("24"), Some(24));
        assert_eq!(small_number("a"), Some(1));
        assert_eq!(small_number("lots"), None);
    }
}
