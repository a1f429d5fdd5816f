//! Relative expressions ("yesterday", "last Sunday", "this year", "in the past
//! week", "four years") resolved against the reference (publication) date.
//!
//! Conventions follow how press releases and news stories use them (and how
//! `shared/bench/corpus_text.py` generates them):
//! - a bare or "last" weekday is the last such day strictly before the reference;
//!   "Sunday and Monday" (or "through") runs from the first to the second,
//!   the second being the last such day before the reference;
//! - "last week" is the previous Monday–Sunday week; "in the past week" and
//!   "the past N days" run from N days before the reference through the
//!   reference (a story counts up to the day it is told);
//! - "the past 24 hours" and "between 8 a.m. yesterday and 8 a.m. today" are
//!   the day before the reference through the reference;
//! - "this year/month/week" run from the start of the unit to the reference;
//!   "last year/month" is the previous calendar unit;
//! - "since the start of Operation Inherent Resolve" (or of the campaign) runs
//!   from [`CAMPAIGN_START`] to the reference;
//! - durations ("over the past four years", "four years") end at the reference.

use super::lexicon::{small_number, weekday, SMALL_NUMBER, WEEKDAY_FULL};
use super::times::TIME;
use super::{Found, Pat, Resolved, CAMPAIGN_START};
use crate::claim::{DateBasis, DatePrecision};
use jiff::civil::{Date, Weekday};
use jiff::Span;
use regex::Captures;
use std::sync::OnceLock;

struct Grammar {
    campaign: Pat,
    weekend: Pat,
    overnight: Pat,
    window: Pat,
    before_yesterday: Pat,
    yesterday: Pat,
    today: Pat,
    /// "Sunday and Monday", "Friday through Sunday": one span of days.
    weekday_pair: Pat,
    weekday: Pat,
    unit: Pat,
    past: Pat,
    ago: Pat,
    duration: Pat,
    /// "24-hour", "four-month", "12-year-old": never counts, never periods (masked only).
    adjective: Pat,
    /// One pass telling which patterns occur.
    set: Option<regex::RegexSet>,
}

fn grammar() -> &'static Grammar {
    static G: OnceLock<Grammar> = OnceLock::new();
    G.get_or_init(|| {
        let fam = super::Family::default();
        let mut g = Grammar {
        campaign: fam.pat(
            r"\b(?i:since\s+(?:the\s+(?:start|beginning|launch|outset)\s+of\s+(?:(?:the\s+)?Operation\s+Inherent\s+Resolve|OIR|the\s+(?:operation|campaign|air\s+campaign|coalition(?:'s|’s)?\s+(?:air\s+)?campaign|(?:military\s+)?intervention|war\s+(?:against|on)\s+(?:ISIS|ISIL|Daesh|the\s+Islamic\s+State)))|the\s+(?:campaign|operation|coalition|air\s+campaign|strikes)\s+began|(?:it|the\s+coalition)\s+began\s+(?:operations|strikes|bombing)))\b",
        ),
        weekend: fam.pat(
            r"\b(?i:(?:over|during|at|on)\s+the\s+weekend|(?:last|this\s+past|past)\s+weekend)\b",
        ),
        overnight: fam.pat(r"\b(?i:overnight|last\s+night)\b"),
        window: fam.pat(&format!(
            r"\b(?i:between|from)\s+(?:{TIME})\s*(?i:yesterday)\s+(?i:and|to|until)\s+(?:{TIME})\s*(?i:today)\b"
        )),
        before_yesterday: fam.pat(r"\b(?i:the\s+day\s+before\s+yesterday)\b"),
        yesterday: fam.pat(r"\b(?:[Yy]esterday|YESTERDAY)\b"),
        today: fam.pat(
            r"\b(?:(?:[Ee]arlier\s+)?(?:[Tt]oday|[Tt]onight)|TODAY|[Tt]his\s+(?:morning|afternoon|evening)|[Rr]ight\s+now)\b",
        ),
        weekday_pair: fam.pat(&format!(
            r"\b(?P<a>{WEEKDAY_FULL})\s+(?:and|through|to|until|thru)\s+(?P<b>{WEEKDAY_FULL})\b"
        )),
        weekday: fam.pat(&format!(
            r"\b(?P<mod>(?i:last|this\s+past|past|previous|next|this)\s+)?(?P<wd>{WEEKDAY_FULL})(?:\s+(?:morning|afternoon|evening|night))?\b"
        )),
        unit: fam.pat(
            r"\b(?i:(?:earlier\s+)?(?P<which>this|last|previous|current|next)\s+(?P<unit>year|month|week))\b",
        ),
        past: fam.pat(&format!(
            r"\b(?i:(?:(?:in|over|during|for|within|throughout)\s+)?the\s+(?:past|last|previous)\s+(?:(?P<n>{SMALL_NUMBER})\s+)?(?P<unit>hours?|days?|weeks?|months?|years?))\b"
        )),
        ago: fam.pat(&format!(
            r"\b(?i:(?P<n>{SMALL_NUMBER})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago)\b"
        )),
        duration: fam.pat(&format!(
            r"\b(?i:(?P<cue>(?:over|for|after|during|throughout|within)\s+)?(?P<n>{SMALL_NUMBER})\s+(?P<unit>years|months|weeks|days))\b(?P<old>\s+old\b)?"
        )),
        adjective: fam.pat(&format!(
            r"\b(?i:{SMALL_NUMBER}-(?:hours?|days?|weeks?|months?|years?)(?:-long|-old)?)\b"
        )),
        set: None,
        };
        g.set = fam.set();
        g
    })
}

fn add(d: Date, span: Result<Span, jiff::Error>) -> Option<Date> {
    d.checked_add(span.ok()?).ok()
}

fn sub_days(d: Date, n: i64) -> Option<Date> {
    add(d, Span::new().try_days(-n))
}

fn rel(start: Date, end: Date, precision: DatePrecision) -> Option<Resolved> {
    (start <= end).then_some(Resolved {
        start,
        end,
        precision,
        basis: DateBasis::Relative,
        open_ended: false,
    })
}

/// The last `wd` strictly before `r` (or strictly after it, for "next").
fn weekday_near(r: Date, wd: Weekday, next: bool) -> Option<Date> {
    let have = i64::from(r.weekday().to_monday_zero_offset());
    let want = i64::from(wd.to_monday_zero_offset());
    if next {
        let delta = (want - have).rem_euclid(7);
        add(r, Span::new().try_days(if delta == 0 { 7 } else { delta }))
    } else {
        let delta = (have - want).rem_euclid(7);
        sub_days(r, if delta == 0 { 7 } else { delta })
    }
}

fn monday_of(d: Date) -> Option<Date> {
    sub_days(d, i64::from(d.weekday().to_monday_zero_offset()))
}

/// "this year", "last month", "next week" …
fn calendar_unit(r: Date, which: &str, unit: &str) -> Option<Resolved> {
    let which = which.to_ascii_lowercase();
    let unit = unit.to_ascii_lowercase();
    match (which.as_str(), unit.as_str()) {
        ("this" | "current", "year") => rel(r.first_of_year(), r, DatePrecision::Year),
        ("this" | "current", "month") => rel(r.first_of_month(), r, DatePrecision::Month),
        ("this" | "current", "week") => rel(monday_of(r)?, r, DatePrecision::Week),
        ("last" | "previous", "year") => {
            let d = add(r, Span::new().try_years(-1))?;
            rel(d.first_of_year(), d.last_of_year(), DatePrecision::Year)
        }
        ("last" | "previous", "month") => {
            let d = r.first_of_month().yesterday().ok()?;
            rel(d.first_of_month(), d, DatePrecision::Month)
        }
        ("last" | "previous", "week") => {
            let m = sub_days(monday_of(r)?, 7)?;
            rel(m, sub_days(m, -6)?, DatePrecision::Week)
        }
        ("next", "year") => {
            let d = add(r, Span::new().try_years(1))?;
            rel(d.first_of_year(), d.last_of_year(), DatePrecision::Year)
        }
        ("next", "month") => {
            let d = r.last_of_month().tomorrow().ok()?;
            rel(d, d.last_of_month(), DatePrecision::Month)
        }
        ("next", "week") => {
            let m = sub_days(monday_of(r)?, -7)?;
            rel(m, sub_days(m, -6)?, DatePrecision::Week)
        }
        _ => None,
    }
}

/// "the past N units" / "N units": a window ending at the reference.
fn window(r: Date, n: i64, unit: &str) -> Option<Resolved> {
    if !(1..=100).contains(&n) {
        return None;
    }
    let unit = unit.to_ascii_lowercase();
    let unit = unit.trim_end_matches('s');
    match unit {
        "hour" => rel(sub_days(r, (n + 23) / 24)?, r, DatePrecision::Range),
        "day" => {
            let p = if n <= 9 {
                DatePrecision::Week
            } else {
                DatePrecision::Range
            };
            rel(sub_days(r, n)?, r, p)
        }
        "week" => {
            let p = if n == 1 {
                DatePrecision::Week
            } else {
                DatePrecision::Range
            };
            rel(sub_days(r, 7 * n)?, r, p)
        }
        "month" => rel(add(r, Span::new().try_months(-n))?, r, DatePrecision::Range),
        "year" => rel(add(r, Span::new().try_years(-n))?, r, DatePrecision::Range),
        _ => None,
    }
}

/// "N units ago": the day, week, month or year that far back.
fn ago(r: Date, n: i64, unit: &str) -> Option<Resolved> {
    if !(1..=100).contains(&n) {
        return None;
    }
    let unit = unit.to_ascii_lowercase();
    match unit.trim_end_matches('s') {
        "day" => {
            let d = sub_days(r, n)?;
            rel(d, d, DatePrecision::Day)
        }
        "week" => {
            let m = add(monday_of(r)?, Span::new().try_weeks(-n))?;
            rel(m, sub_days(m, -6)?, DatePrecision::Week)
        }
        "month" => {
            let d = add(r, Span::new().try_months(-n))?;
            rel(d.first_of_month(), d.last_of_month(), DatePrecision::Month)
        }
        "year" => {
            let d = add(r, Span::new().try_years(-n))?;
            rel(d.first_of_year(), d.last_of_year(), DatePrecision::Year)
        }
        _ => None,
    }
}

fn text_of<'t>(c: &Captures<'t>, name: &str) -> &'t str {
    c.name(name).map_or("", |m| m.as_str())
}

/// Finds relative expressions; `resolved` is None without a reference.
pub(crate) fn find(text: &str, reference: Option<Date>) -> Vec<Found> {
    let g = grammar();
    let mut out = Vec::new();
    let hits = super::hits(g.set.as_ref(), text);
    let mut each = |p: &Pat, f: &dyn Fn(&Captures<'_>, Date) -> Option<Resolved>| {
        let Some(re) = p.on(&hits) else {
            return;
        };
        for c in re.captures_iter(text) {
            if let Some(m) = c.get(0) {
                out.push(Found {
                    start: m.start(),
                    end: m.end(),
                    resolved: reference.and_then(|r| f(&c, r)),
                });
            }
        }
    };
    each(&g.campaign, &|_, r| {
        rel(CAMPAIGN_START, r, DatePrecision::Range).map(|mut x| {
            x.open_ended = true;
            x
        })
    });
    each(&g.weekend, &|_, r| {
        let sunday = weekday_near(r, Weekday::Sunday, false)?;
        rel(sub_days(sunday, 1)?, sunday, DatePrecision::Week)
    });
    each(&g.overnight, &|c, r| {
        let y = r.yesterday().ok()?;
        let night = c
            .get(0)
            .is_some_and(|m| m.as_str().to_ascii_lowercase().starts_with("last"));
        if night {
            rel(y, y, DatePrecision::Day)
        } else {
            rel(y, r, DatePrecision::Range)
        }
    });
    each(&g.window, &|_, r| {
        rel(r.yesterday().ok()?, r, DatePrecision::Range)
    });
    each(&g.before_yesterday, &|_, r| {
        let d = sub_days(r, 2)?;
        rel(d, d, DatePrecision::Day)
    });
    each(&g.yesterday, &|_, r| {
        let d = r.yesterday().ok()?;
        rel(d, d, DatePrecision::Day)
    });
    each(&g.weekday_pair, &|c, r| {
        let last = weekday_near(r, weekday(text_of(c, "b"))?, false)?;
        // the first day is the last such day on or before the last one
        let first = weekday_near(last.tomorrow().ok()?, weekday(text_of(c, "a"))?, false)?;
        rel(first, last, DatePrecision::Week)
    });
    each(&g.weekday, &|c, r| {
        let wd = weekday(text_of(c, "wd"))?;
        let next = text_of(c, "mod").trim().eq_ignore_ascii_case("next");
        let d = weekday_near(r, wd, next)?;
        rel(d, d, DatePrecision::Day)
    });
    each(&g.unit, &|c, r| {
        calendar_unit(r, text_of(c, "which"), text_of(c, "unit"))
    });
    each(&g.past, &|c, r| {
        let n = match c.name("n") {
            Some(m) => small_number(m.as_str())?,
            None => 1,
        };
        window(r, n, text_of(c, "unit"))
    });
    each(&g.ago, &|c, r| {
        ago(r, small_number(text_of(c, "n"))?, text_of(c, "unit"))
    });
    for c in g
        .today
        .on(&hits)
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
    {
        let Some(m) = c.get(0) else { continue };
        // "Halab Today TV", "USA Today": a capitalised "Today" after a word is a name
        let after_word = text
            .get(..m.start())
            .and_then(|t| t.trim_end().chars().last())
            .is_some_and(char::is_alphanumeric);
        if (m.as_str() == "Today" || m.as_str() == "Tonight") && after_word {
            continue;
        }
        out.push(Found {
            start: m.start(),
            end: m.end(),
            resolved: reference.and_then(|r| rel(r, r, DatePrecision::Day)),
        });
    }
    for m in g
        .adjective
        .on(&hits)
        .into_iter()
        .flat_map(|re| re.find_iter(text))
    {
        out.push(Found {
            start: m.start(),
            end: m.end(),
            resolved: None,
        });
    }
    let durations = g.duration.on(&hits);
    for c in durations.into_iter().flat_map(|re| re.captures_iter(text)) {
        let n = text_of(&c, "n").to_ascii_lowercase();
        // "12 years old" is an age; "a year" alone is too often a frequency.
        let bare_article = c.name("cue").is_none() && (n == "a" || n == "an");
        if c.name("old").is_some() || bare_article {
            continue;
        }
        if let Some(m) = c.name("unit").and_then(|_| c.get(0)) {
            let end = c.name("unit").map_or(m.end(), |u| u.end());
            let resolved = reference
                .and_then(|r| window(r, small_number(&n)?, text_of(&c, "unit")))
                .map(|mut w| {
                    // A duration ends at the reference, inclusive.
                    if let Some(r) = reference {
                        w.end = r;
                    }
                    w
                });
            out.push(Found {
                start: m.start(),
                end,
                resolved,
            });
        }
    }
    out
}
