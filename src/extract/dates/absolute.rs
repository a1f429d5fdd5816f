//! Absolute dates ("Aug. 4, 2017", "4 August 2017", "2017-08-04", "May 2017",
//! "in 2018", "Nov. 18-24") and the periods built from two of them ("between
//! August 2014 and end of November 2018", "since 2014").
//!
//! Matching runs in two passes: atoms (one date each, possibly missing its
//! year) and then composites, which join two adjacent atoms through a
//! connector ("and", "to", "through", "–") or anchor one at the reference
//! ("since …"). A year missing from the first atom of a composite comes from
//! the second; otherwise it comes from the reference date (the most recent
//! such date not after it).

use super::lexicon::{day_number, month_number, DAY, MONTH, MONTH_ALONE, WEEKDAY, YEAR};
use super::partial::{basis, resolved, Partial};
use super::{Found, Pat, Resolved, CAMPAIGN_START};
use crate::claim::{DateBasis, DatePrecision};
use jiff::civil::Date;
use regex::{Captures, Regex};
use std::sync::OnceLock;

/// One date found in text.
#[derive(Debug, Clone, Copy)]
struct Atom {
    start: usize,
    end: usize,
    partial: Partial,
    /// Found only through a weak cue ("and 2018", "to May"): kept only inside a composite.
    weak: bool,
}

/// The compiled grammar.
struct Grammar {
    month_day: Pat,
    month_and_day: Pat,
    day_month: Pat,
    iso: Pat,
    slash: Pat,
    month_year: Pat,
    month_alone: Pat,
    /// "March was the worst month": a month that is a sentence's subject.
    month_subject: Pat,
    /// A table row labelled by a year: "2015 | 102 | …", "2014 (from August 8) | 28 | …".
    year_row: Pat,
    year_cued: Pat,
    year_range: Pat,
    part_of_year: Pat,
    quarter: Pat,
    week_of: Pat,
    ymd_slash: Pat,
    connector: Regex,
    head: Regex,
    since: Regex,
    after: Regex,
    /// One pass telling which scanning patterns occur.
    set: Option<regex::RegexSet>,
}

fn grammar() -> &'static Grammar {
    static G: OnceLock<Grammar> = OnceLock::new();
    G.get_or_init(|| {
        let fam = super::Family::default();
        let pat = |s: String| fam.pat(&s);
        let re = |s: String| super::compile(&s);
        let mut g = Grammar {
            month_day: pat(format!(
                r"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<m1>{MONTH})\s*(?P<d1>{DAY})(?:\s*(?:-|–|—|to|through)\s*(?:(?P<m2>{MONTH})\s*)?(?P<d2>{DAY}))?(?:,?\s+(?P<y>{YEAR})\b)?"
            )),
            month_and_day: pat(format!(
                r"\b(?P<m1>{MONTH})\s*(?P<d1>{DAY})\s+and\s+(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR})\b)?"
            )),
            day_month: pat(format!(
                r"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<d1>{DAY})(?:\s*(?:-|–|—|to|and)\s*(?P<d2>{DAY}))?\s+(?:of\s+)?(?P<m1>{MONTH})(?:,?\s+(?P<y>{YEAR})\b)?"
            )),
            iso: pat(format!(
                r"\b(?P<y>{YEAR})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9])(?:T[0-2][0-9]:[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?(?:Z|[+-][0-2][0-9]:?[0-5][0-9])?)?\b"
            )),
            slash: pat(format!(
                r"\b(?P<a>[0-3]?[0-9])(?:/(?P<b>[0-3]?[0-9])/|\.(?P<b2>[0-3]?[0-9])\.)(?P<y>{YEAR})\b"
            )),
            ymd_slash: pat(format!(
                r"\b(?P<y>{YEAR})/(?P<m>[01]?[0-9])/(?P<d>[0-3]?[0-9])\b"
            )),
            quarter: pat(format!(
                r"\b(?:Q(?P<q>[1-4])\s*(?P<y>{YEAR})|(?P<y2>{YEAR})\s*Q(?P<q2>[1-4]))\b"
            )),
            week_of: pat(format!(
                r"\b(?i:(?:the\s+)?(?P<n>first|second|third|fourth|last|final)\s+week\s+of)\s+(?:the\s+month\s+of\s+)?(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR})\b)?"
            )),
            month_year: pat(format!(r"\b(?P<m>{MONTH}),?\s+(?P<y>{YEAR})\b")),
            month_alone: pat(format!(
                r"\b(?P<cue>[Ii]n|IN|[Dd]uring|[Ss]ince|[Uu]ntil|till|[Tt]hrough|[Tt]hroughout|[Ff]or|by|[Ff]rom|to|and|[Bb]etween|[Ee]arly|[Ll]ate|mid-|[Ee]nd\s+of|[Ss]tart\s+of|[Bb]eginning\s+of|of|[Ll]ast|[Tt]his|[Nn]ext)\s*(?P<span>(?:the\s+month\s+of\s+)?(?P<m>{MONTH_ALONE})(?:,?\s+(?P<y>{YEAR})\b)?)"
            )),
            month_subject: pat(format!(
                r"(?:^|[.!?]\s+)(?P<span>(?P<m>{MONTH_ALONE}))\s+(?:was|saw|had|is|has\s+been|remains|remained)\s"
            )),
            year_row: pat(format!(
                r"^\s*(?P<span>(?P<y>{YEAR})(?:\s*\((?:from|since)\s+(?P<m>{MONTH_ALONE})\s*(?P<d>[0-3]?[0-9])\))?)\s*\|"
            )),
            year_cued: pat(format!(
                r"\b(?P<cue>[Ii]n|IN|[Dd]uring|[Ss]ince|[Uu]ntil|till|[Tt]hrough|[Tt]hroughout|[Ff]or|[Bb]y|[Ff]rom|to|and|[Bb]etween|[Ee]arly|[Ll]ate|mid-|[Ee]nd\s+of|[Ss]tart\s+of|[Bb]eginning\s+of|[Tt]he\s+year|of|[Ss]ummer|[Ww]inter|[Ss]pring|[Aa]utumn|[Ff]all|[Bb]efore|[Aa]fter)\s*(?P<y>{YEAR})\b"
            )),
            year_range: pat(format!(
                r"\b(?P<y1>{YEAR})\s*(?:-|–|—|/|to|through)\s*(?P<y2>{YEAR}|[0-9]{{2}})\b"
            )),
            part_of_year: pat(format!(
                r"\b(?i:(?:the\s+)?(?P<n>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?P<unit>half|quarter)\s+of)\s+(?P<y>{YEAR})\b"
            )),
            connector: re(r"^,?\s*(?:(?:and|to|through|thru|until|till|up\s+to|into)\s+|[-–—]\s*)(?:(?:the\s+)?(?:end|close)\s+of\s+)?$".into()),
            head: re(r"\b(?:[Bb]etween|[Ff]rom|BETWEEN|FROM)\s+(?:(?:the\s+)?(?:start|beginning)\s+of\s+)?$".into()),
            // "since 2014", "since the start of May", "since the operation to
            // liberate Raqqa began on June 6", "since the SDF launched their offensive on Sept. 10"
            since: re(r"\b(?:[Ss]ince|SINCE)\s+(?:(?:the\s+)?(?:start|beginning)\s+of\s+|[^.;:,]{1,80}?\s(?:began|begun|started|launched|erupted)(?:\s+[^.;:,]{1,40}?)?\s+(?:on\s+|in\s+)?)?$".into()),
            // "after September 19": an open span from that day
            after: re(r"\b(?:[Aa]fter|AFTER)\s+$".into()),
            set: None,
        };
        g.set = fam.set();
        g
    })
}

fn num<T: std::str::FromStr>(c: &Captures<'_>, name: &str) -> Option<T> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

fn month_of(c: &Captures<'_>, name: &str) -> Option<i8> {
    c.name(name).and_then(|m| month_number(m.as_str()))
}

fn day_of(c: &Captures<'_>, name: &str) -> Option<i8> {
    c.name(name).and_then(|m| day_number(m.as_str()))
}

/// Day-month forms, with or without a second day making a window.
fn day_atom(c: &Captures<'_>) -> Option<Partial> {
    let y: Option<i16> = num(c, "y");
    let m1 = month_of(c, "m1")?;
    let d1 = day_of(c, "d1")?;
    if c.name("d2").is_none() {
        return Some(Partial::Day { y, m: m1, d: d1 });
    }
    let d2 = day_of(c, "d2")?;
    let m2 = month_of(c, "m2").unwrap_or(m1);
    let later = (m2, d2) > (m1, d1) || (m1 == 12 && m2 == 1);
    later.then_some(Partial::Days { y, m1, d1, m2, d2 })
}

/// Year-first numeric days ("2017-08-04", "2017/08/04"): the `y`, `m`, `d`
/// captures of `re`, in text order.
fn year_first_days(re: Option<&Regex>, text: &str) -> Vec<(usize, usize, Partial)> {
    re.into_iter()
        .flat_map(|re| re.captures_iter(text))
        .filter_map(|c| {
            let m0 = c.get(0)?;
            let day = Partial::Day {
                y: Some(num(&c, "y")?),
                m: num(&c, "m")?,
                d: num(&c, "d")?,
            };
            Some((m0.start(), m0.end(), day))
        })
        .collect()
}

fn atoms(text: &str) -> Vec<Atom> {
    let g = grammar();
    let hits = super::hits(g.set.as_ref(), text);
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize, partial: Option<Partial>, weak: bool| {
        if let Some(partial) = partial {
            out.push(Atom {
                start,
                end,
                partial,
                weak,
            });
        }
    };
    for re in [&g.month_day, &g.day_month]
        .into_iter()
        .filter_map(|p| p.on(&hits))
    {
        for c in re.captures_iter(text) {
            if let Some(m) = c.get(0) {
                push(m.start(), m.end(), day_atom(&c), false);
            }
        }
    }
    // "Nov. 3 and 4": two days, unless a noun follows ("Nov. 3 and 4 civilians").
    for c in g
        .month_and_day
        .on(&hits)
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
    {
        let Some(m) = c.get(0) else { continue };
        let noun_follows = c.name("y").is_none()
            && text
                .get(m.end()..)
                .is_some_and(|t| t.trim_start().starts_with(|ch: char| ch.is_alphabetic()));
        if !noun_follows {
            push(m.start(), m.end(), day_atom(&c), false);
        }
    }
    for (start, end, day) in year_first_days(g.iso.on(&hits), text) {
        push(start, end, Some(day), false);
    }
    // Day first (the international order the Airwars and SNHR pages use),
    // unless the second number cannot be a month.
    for c in g
        .slash
        .on(&hits)
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
    {
        let b = num(&c, "b").or_else(|| num(&c, "b2"));
        let (a, b, y): (Option<i8>, Option<i8>, Option<i16>) = (num(&c, "a"), b, num(&c, "y"));
        if let (Some(m0), Some(a), Some(b), Some(y)) = (c.get(0), a, b, y) {
            let (m, d) = if b <= 12 { (b, a) } else { (a, b) };
            push(
                m0.start(),
                m0.end(),
                Some(Partial::Day { y: Some(y), m, d }),
                false,
            );
        }
    }
    for c in g
        .month_year
        .on(&hits)
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
    {
        if let (Some(m0), Some(m), Some(y)) = (c.get(0), month_of(&c, "m"), num(&c, "y")) {
            push(
                m0.start(),
                m0.end(),
                Some(Partial::Month { y: Some(y), m }),
                false,
            );
        }
    }
    for c in g
        .month_alone
        .on(&hits)
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
    {
        let weak = matches!(c.name("cue").map(|m| m.as_str()), Some("to" | "and" | "of"));
        if let (Some(s), Some(m)) = (c.name("span"), month_of(&c, "m")) {
            push(
                s.start(),
                s.end(),
                Some(Partial::Month { y: num(&c, "y"), m }),
                weak,
            );
        }
    }
    for c in g
        .year_row
        .on(&hits)
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
    {
        let Some(span) = c.name("span") else { continue };
        let Some(y) = num::<i16>(&c, "y") else {
            continue;
        };
        let partial = match (month_of(&c, "m"), num::<i8>(&c, "d")) {
            (Some(m), Some(d)) => Partial::Days {
                y: Some(y),
                m1: m,
                d1: d,
                m2: 12,
                d2: 31,
            },
            _ => Partial::Years { y1: y, y2: y },
        };
        push(span.start(), span.end(), Some(partial), false);
    }
    for c in g
        .month_subject
        .on(&hits)
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
    {
        if let (Some(s), Some(m)) = (c.name("span"), month_of(&c, "m")) {
            push(
                s.start(),
                s.end(),
                Some(Partial::Month { y: None, m }),
                false,
            );
        }
    }
    for c in g
        .year_cued
        .on(&hits)
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
    {
        let weak = matches!(c.name("cue").map(|m| m.as_str()), Some("to" | "and" | "of"));
        if let (Some(s), Some(y)) = (c.name("y"), num::<i16>(&c, "y")) {
            push(
                s.start(),
                s.end(),
                Some(Partial::Years { y1: y, y2: y }),
                weak,
            );
        }
    }
    for c in g
        .year_range
        .on(&hits)
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
    {
        let y1: Option<i16> = num(&c, "y1");
        let y2 = c.name("y2").map(|m| m.as_str()).unwrap_or("");
        let y2: Option<i16> = match (y1, y2.len()) {
            (Some(y1), 2) => y2.parse::<i16>().ok().map(|t| y1 - y1 % 100 + t),
            _ => y2.parse().ok(),
        };
        if let (Some(m0), Some(y1), Some(y2)) = (c.get(0), y1, y2) {
            if y2 > y1 && y2 - y1 <= 30 {
                push(m0.start(), m0.end(), Some(Partial::Years { y1, y2 }), false);
            }
        }
    }
    for c in g
        .part_of_year
        .on(&hits)
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
    {
        let n = c.name("n").map(|m| m.as_str().to_ascii_lowercase());
        let half = c
            .name("unit")
            .is_some_and(|m| m.as_str().eq_ignore_ascii_case("half"));
        let idx: i8 = match n.as_deref() {
            Some("first" | "1st") => 0,
            Some("second" | "2nd") => 1,
            Some("third" | "3rd") if !half => 2,
            Some("fourth" | "4th") if !half => 3,
            Some("last") => {
                if half {
                    1
                } else {
                    3
                }
            }
            _ => continue,
        };
        let len = if half { 6 } else { 3 };
        if let (Some(m0), Some(y)) = (c.get(0), num(&c, "y")) {
            let m1 = idx * len + 1;
            let partial = Partial::Months {
                y,
                m1,
                m2: m1 + len - 1,
            };
            push(m0.start(), m0.end(), Some(partial), false);
        }
    }
    for (start, end, day) in year_first_days(g.ymd_slash.on(&hits), text) {
        push(start, end, Some(day), false);
    }
    for c in g
        .quarter
        .on(&hits)
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
    {
        let q: Option<i8> = num(&c, "q").or_else(|| num(&c, "q2"));
        let y: Option<i16> = num(&c, "y").or_else(|| num(&c, "y2"));
        if let (Some(m0), Some(q), Some(y)) = (c.get(0), q, y) {
            let m1 = (q - 1) * 3 + 1;
            push(
                m0.start(),
                m0.end(),
                Some(Partial::Months { y, m1, m2: m1 + 2 }),
                false,
            );
        }
    }
    for c in g
        .week_of
        .on(&hits)
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
    {
        let n = match c
            .name("n")
            .map(|m| m.as_str().to_ascii_lowercase())
            .as_deref()
        {
            Some("first") => 0,
            Some("second") => 1,
            Some("third") => 2,
            Some("fourth") => 3,
            _ => -1,
        };
        if let (Some(m0), Some(m)) = (c.get(0), month_of(&c, "m")) {
            let partial = Partial::Week {
                y: num(&c, "y"),
                m,
                n,
            };
            push(m0.start(), m0.end(), Some(partial), false);
        }
    }
    non_overlapping(out)
}

/// Keeps the longest atom at each position, earliest first.
fn non_overlapping(mut v: Vec<Atom>) -> Vec<Atom> {
    v.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end), a.weak));
    let mut out: Vec<Atom> = Vec::with_capacity(v.len());
    for a in v {
        if out.last().is_none_or(|l| a.start >= l.end) {
            out.push(a);
        }
    }
    out
}

/// Finds absolute dates and the periods built from them.
pub(crate) fn find(text: &str, reference: Option<Date>) -> Vec<Found> {
    let g = grammar();
    let atoms = atoms(text);
    let mut out = Vec::new();
    let mut used = vec![false; atoms.len()];
    for i in 0..atoms.len() {
        let (Some(a), Some(b)) = (atoms.get(i), atoms.get(i + 1)) else {
            continue;
        };
        let (Some(pre), Some(gap)) = (text.get(..a.start), text.get(a.end..b.start)) else {
            continue;
        };
        let Some(conn) = g.connector.find(gap) else {
            continue;
        };
        let head = g.head.find(pre);
        let is_and = conn
            .as_str()
            .trim_start_matches(',')
            .trim_start()
            .starts_with("and");
        if is_and && head.is_none() {
            continue;
        }
        if head.is_none() && (a.weak || b.weak) {
            continue;
        }
        let start = head.map_or(a.start, |h| h.start());
        let explicit = a.partial.has_year() || b.partial.has_year();
        // "between January 1 and December 31, 2017": the first date takes the second's year.
        let (pa, pb) = match (a.partial.has_year(), b.partial.year()) {
            (false, Some(yb)) => {
                let y = if a.partial.first_md() > b.partial.first_md() {
                    yb - 1
                } else {
                    yb
                };
                (Some(a.partial.with_year(y)), Some(b.partial))
            }
            _ => (a.partial.anchored(reference), b.partial.anchored(reference)),
        };
        let res = match (pa.and_then(|p| p.bounds()), pb.and_then(|p| p.bounds())) {
            (Some((s, _, _)), Some((_, e, _))) if s <= e => Some(Resolved {
                start: s,
                end: e,
                // "between Aug. 4 and Aug. 10": a window of days reads as a week.
                precision: match (a.partial, b.partial) {
                    (Partial::Day { .. }, Partial::Day { .. })
                        if s.until(e).is_ok_and(|d| d.get_days() <= 9) =>
                    {
                        DatePrecision::Week
                    }
                    _ => DatePrecision::Range,
                },
                basis: if explicit {
                    DateBasis::Explicit
                } else {
                    DateBasis::Relative
                },
                open_ended: false,
            }),
            _ => None,
        };
        out.push(Found {
            start,
            end: b.end,
            resolved: res,
        });
        used[i] = true;
        used[i + 1] = true;
    }
    for (i, a) in atoms.iter().enumerate() {
        let pre = text.get(..a.start).unwrap_or("");
        if !used.get(i).copied().unwrap_or(true) {
            if let Some(s) = g.since.find(pre) {
                out.push(Found {
                    start: s.start(),
                    end: a.end,
                    resolved: since(a.partial, reference),
                });
            }
            if let (Some(s), Partial::Day { .. }) = (g.after.find(pre), a.partial) {
                out.push(Found {
                    start: s.start(),
                    end: a.end,
                    resolved: since(a.partial, reference),
                });
            }
        }
        if !a.weak {
            out.push(Found {
                start: a.start,
                end: a.end,
                resolved: resolved(a.partial.anchored(reference), basis(a.partial)),
            });
        }
    }
    out
}

/// "since X" (and "after <day>"): from X to the reference. "since 2014" means since the campaign
/// began (2014-08-08): no coalition strike predates it.
fn since(p: Partial, reference: Option<Date>) -> Option<Resolved> {
    let r = reference?;
    let (mut start, _, _) = p.anchored(Some(r))?.bounds()?;
    if p == (Partial::Years { y1: 2014, y2: 2014 }) {
        start = CAMPAIGN_START;
    }
    (start <= r).then_some(Resolved {
        start,
        end: r,
        precision: DatePrecision::Range,
        basis: DateBasis::Relative,
        open_ended: true,
    })
}
