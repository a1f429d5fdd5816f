//! Publication date: `<meta>` tags, JSON-LD `datePublished`, `time[datetime]`,
//! then a dateline in the text ("WASHINGTON, Nov. 29, 2018 —",
//! "Published: 4 August 2017").
//!
//! Only full dates with a year count: "Release No: 20181129-01" is an id,
//! and "Nov. 29" alone could be any year.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

/// `<meta>` names/properties that carry the publication date, best first.
const META_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "published_time",
    "datepublished",
    "article.published",
    "publish-date",
    "publishdate",
    "publish_date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "citation_publication_date",
    "citation_date",
    "sailthru.date",
    "parsely-pub-date",
    "date",
];

/// The rank of a `<meta>` key in [`META_KEYS`] (lower is better).
pub(super) fn meta_rank(key: &str) -> Option<usize> {
    let key = key.trim().to_ascii_lowercase();
    META_KEYS.iter().position(|k| *k == key)
}

/// A date in a machine-readable attribute or meta value: ISO
/// (`2018-10-13T15:48:00Z`, `2018-10-13`), compact `20181013`, or any
/// written form [`date_in_text`] knows.
pub(super) fn parse_machine_date(value: &str) -> Option<Date> {
    let v = value.trim();
    if let Some(d) = ISO
        .captures(v)
        .and_then(|c| ymd(c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str()))
    {
        return Some(d);
    }
    if v.len() == 8 && v.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(v.get(..4)?, v.get(4..6)?, v.get(6..8)?);
    }
    date_in_text(v)
}

/// The `datePublished` of a JSON-LD script (also inside `@graph` arrays and
/// nested objects), searched breadth-first so the page's own entity wins
/// over embedded ones.
pub(super) fn json_ld_date(script: &str) -> Option<Date> {
    if script.len() > 2_000_000 {
        return None;
    }
    // serde_json refuses nesting deeper than 128, so hostile input cannot overflow.
    // Pages wrap JSON-LD in comment or CDATA markers for old browsers.
    let trimmed = script
        .trim()
        .trim_start_matches("<!--")
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("-->")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim();
    let value: serde_json::Value = serde_json::from_str(trimmed).ok()?;
    let mut queue = std::collections::VecDeque::from([&value]);
    let mut seen = 0usize;
    while let Some(v) = queue.pop_front() {
        seen += 1;
        if seen > 10_000 {
            break;
        }
        match v {
            serde_json::Value::Object(map) => {
                for key in ["datePublished", "dateCreated", "uploadDate"] {
                    if let Some(d) = map
                        .get(key)
                        .and_then(|d| d.as_str())
                        .and_then(parse_machine_date)
                    {
                        return Some(d);
                    }
                }
                queue.extend(map.values());
            }
            serde_json::Value::Array(items) => queue.extend(items.iter()),
            _ => {}
        }
    }
    None
}

/// `2018-10-13`, not followed by another digit (so not part of an id).
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[^\d-])").expect("static regex")
});

/// Month names and AP abbreviations.
const MONTHS: &str = r"(?P<mon>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:tember|t\.?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)";

/// "Nov. 29, 2018", "November 29 2018", "Sept. 3rd, 2018".
static MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{MONTHS}\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"
    ))
    .expect("static regex")
});

/// "4 August 2017", "29 Nov. 2018", "Sat, 13 Oct 2018".
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS}\s*,?\s+(?P<year>\d{{4}})\b"
    ))
    .expect("static regex")
});

/// The earliest full written date in `text` (ISO, month-day-year or
/// day-month-year), if any.
pub(super) fn date_in_text(text: &str) -> Option<Date> {
    let mut best: Option<(usize, Date)> = None;
    let mut consider = |pos: usize, d: Option<Date>| {
        if let Some(d) = d {
            if best.is_none_or(|(p, _)| pos < p) {
                best = Some((pos, d));
            }
        }
    };
    for re in [&*MDY, &*DMY] {
        if let Some(c) = re.captures(text) {
            let pos = c.get(0).map_or(0, |m| m.start());
            let d = (|| {
                ymd(
                    c.name("year")?.as_str(),
                    month_num(c.name("mon")?.as_str())?,
                    c.name("day")?.as_str(),
                )
            })();
            consider(pos, d);
        }
    }
    if let Some(c) = ISO.captures(text) {
        let pos = c.get(0).map_or(0, |m| m.start());
        let d = match (c.get(1), c.get(2), c.get(3)) {
            (Some(y), Some(m), Some(d)) => ymd(y.as_str(), m.as_str(), d.as_str()),
            _ => None,
        };
        consider(pos, d);
    }
    best.map(|(_, d)| d)
}

/// Month number ("1".."12") of a month name or abbreviation.
fn month_num(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let key = lower.get(..3)?;
    Some(match key {
        "jan" => "1",
        "feb" => "2",
        "mar" => "3",
        "apr" => "4",
        "may" => "5",
        "jun" => "6",
        "jul" => "7",
        "aug" => "8",
        "sep" => "9",
        "oct" => "10",
        "nov" => "11",
        "dec" => "12",
        _ => return None,
    })
}

/// A valid calendar date from year/month/day strings, years 1900–2199.
fn ymd(y: &str, m: &str, d: &str) -> Option<Date> {
    let y: i16 = y.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    let d: i8 = d.parse().ok()?;
    if !(1900..=2199).contains(&y) {
        return None;
    }
    Date::new(y, m, d).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn machine_dates() {
        assert_eq!(
            parse_machine_date("2018-10-13T15:48:00Z"),
            Some(date(2018, 10, 13))
        );
        assert_eq!(parse_machine_date("20181013"), Some(date(2018, 10, 13)));
        assert_eq!(
            parse_machine_date("Sat, 13 Oct 2018 15:48:00 GMT"),
            Some(date(2018, 10, 13))
        );
        assert_eq!(parse_machine_date("2018-02-30"), None);
    }

    #[test]
    fn datelines() {
        assert_eq!(
            date_in_text("WASHINGTON, Nov. 29, 2018 — The Coalition"),
            Some(date(2018, 11, 29))
        );
        assert_eq!(
            date_in_text("SOUTHWEST ASIA, Sept. 20, 2015 – Coalition"),
            Some(date(2015, 9, 20))
        );
        assert_eq!(
            date_in_text("Published: 4 August 2017"),
            Some(date(2017, 8, 4))
        );
        assert_eq!(date_in_text("Release No: 20181129-01"), None);
        assert_eq!(date_in_text("report 2017-0312 was closed"), None);
        assert_eq!(date_in_text("on Nov. 1 near Hajin"), None);
        assert_eq!(
            date_in_text("between 3 May 2017 and June 4, 2017"),
            Some(date(2017, 5, 3))
        );
    }

    #[test]
    fn json_ld_graph() {
        let s = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
            {"@type":"NewsArticle","datePublished":"2018-11-29T10:00:00+03:00"}]}"#;
        assert_eq!(json_ld_date(s), Some(date(2018, 11, 29)));
        assert_eq!(json_ld_date("[[[[[[[[[[[[[[[[[[[[[["), None);
        assert_eq!(
            json_ld_date("<!-- {\"datePublished\": \"2017-08-04\"} -->"),
            Some(date(2017, 8, 4))
        );
        let deep = "[".repeat(100_000);
        assert_eq!(json_ld_date(&deep), None);
    }

    #[test]
    fn meta_keys_rank() {
        assert_eq!(meta_rank("article:published_time"), Some(0));
        assert!(meta_rank("DC.date").is_some());
        assert_eq!(meta_rank("description"), None);
    }
}
