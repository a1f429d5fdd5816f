//! A date as written ("Nov. 1", "May 2017", "the first week of November"),
//! before a missing year is filled in, and its first and last day once it is.

use super::Resolved;
use crate::claim::{DateBasis, DatePrecision};
use jiff::civil::Date;

/// A date as written, before a missing year is filled in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Partial {
    /// One day.
    Day { y: Option<i16>, m: i8, d: i8 },
    /// A span of days within a few weeks ("Nov. 18-24", "Nov. 28 - Dec. 4").
    Days {
        y: Option<i16>,
        m1: i8,
        d1: i8,
        m2: i8,
        d2: i8,
    },
    /// A calendar month.
    Month { y: Option<i16>, m: i8 },
    /// The n-th (0-based; -1 for the last) seven days of a month ("the first week of November").
    Week { y: Option<i16>, m: i8, n: i8 },
    /// A run of whole months of one year ("the first half of 2018").
    Months { y: i16, m1: i8, m2: i8 },
    /// A run of whole years ("2014-2018", "in 2018").
    Years { y1: i16, y2: i16 },
}

pub(crate) fn date(y: i16, m: i8, d: i8) -> Option<Date> {
    Date::new(y, m, d).ok()
}

/// The year that puts month/day at or before `reference` (most recent such date).
fn year_before(m: i8, d: i8, reference: Date) -> Option<i16> {
    let y = reference.year();
    (0..8)
        .map(|back| y - back)
        .find(|&y| date(y, m, d).is_some_and(|x| x <= reference))
}

impl Partial {
    pub(crate) fn has_year(self) -> bool {
        match self {
            Partial::Day { y, .. }
            | Partial::Days { y, .. }
            | Partial::Month { y, .. }
            | Partial::Week { y, .. } => y.is_some(),
            Partial::Months { .. } | Partial::Years { .. } => true,
        }
    }

    /// The last year this partial names, if any.
    pub(crate) fn year(self) -> Option<i16> {
        match self {
            Partial::Day { y, .. }
            | Partial::Days { y, .. }
            | Partial::Month { y, .. }
            | Partial::Week { y, .. } => y,
            Partial::Months { y, .. } => Some(y),
            Partial::Years { y2, .. } => Some(y2),
        }
    }

    /// The earliest month/day this partial names (for ordering in composites).
    pub(crate) fn first_md(self) -> (i8, i8) {
        match self {
            Partial::Day { m, d, .. } => (m, d),
            Partial::Days { m1, d1, .. } => (m1, d1),
            Partial::Month { m, .. } => (m, 1),
            Partial::Week { m, n, .. } => (m, if n < 0 { 22 } else { 1 + 7 * n }),
            Partial::Months { m1, .. } => (m1, 1),
            Partial::Years { .. } => (1, 1),
        }
    }

    /// Fills a missing year with `y`.
    pub(crate) fn with_year(self, y: i16) -> Partial {
        match self {
            Partial::Day { y: None, m, d } => Partial::Day { y: Some(y), m, d },
            Partial::Days {
                y: None,
                m1,
                d1,
                m2,
                d2,
            } => Partial::Days {
                y: Some(y),
                m1,
                d1,
                m2,
                d2,
            },
            Partial::Month { y: None, m } => Partial::Month { y: Some(y), m },
            Partial::Week { y: None, m, n } => Partial::Week { y: Some(y), m, n },
            other => other,
        }
    }

    /// Fills a missing year from the reference: the most recent such date not after it.
    pub(crate) fn anchored(self, reference: Option<Date>) -> Option<Partial> {
        if self.has_year() {
            return Some(self);
        }
        let r = reference?;
        let y = match self {
            Partial::Day { m, d, .. } => year_before(m, d, r)?,
            Partial::Days { m2, d2, .. } => year_before(m2, d2, r)?,
            Partial::Month { m, .. } | Partial::Week { m, .. } => year_before(m, 1, r)?,
            _ => return Some(self),
        };
        Some(self.with_year(y))
    }

    /// First and last day, precision. Requires a year.
    pub(crate) fn bounds(self) -> Option<(Date, Date, DatePrecision)> {
        Some(match self {
            Partial::Day { y, m, d } => {
                let x = date(y?, m, d)?;
                (x, x, DatePrecision::Day)
            }
            Partial::Days { y, m1, d1, m2, d2 } => {
                let y2 = y?;
                let y1 = if (m1, d1) > (m2, d2) { y2 - 1 } else { y2 };
                let (a, b) = (date(y1, m1, d1)?, date(y2, m2, d2)?);
                let days = a.until(b).ok()?.get_days();
                let p = if days <= 9 {
                    DatePrecision::Week
                } else {
                    DatePrecision::Range
                };
                (a, b, p)
            }
            Partial::Month { y, m } => {
                let a = date(y?, m, 1)?;
                (a, a.last_of_month(), DatePrecision::Month)
            }
            Partial::Week { y, m, n } => {
                let first = date(y?, m, 1)?;
                let last = first.last_of_month();
                let start = if n < 0 {
                    last.checked_sub(jiff::Span::new().days(6)).ok()?
                } else {
                    first
                        .checked_add(jiff::Span::new().days(7 * i64::from(n)))
                        .ok()?
                };
                let end = start.checked_add(jiff::Span::new().days(6)).ok()?.min(last);
                (start, end, DatePrecision::Week)
            }
            Partial::Months { y, m1, m2 } => {
                let a = date(y, m1, 1)?;
                (a, date(y, m2, 1)?.last_of_month(), DatePrecision::Range)
            }
            Partial::Years { y1, y2 } => {
                let p = if y1 == y2 {
                    DatePrecision::Year
                } else {
                    DatePrecision::Range
                };
                (date(y1, 1, 1)?, date(y2, 12, 31)?, p)
            }
        })
    }
}

pub(crate) fn resolved(p: Option<Partial>, basis: DateBasis) -> Option<Resolved> {
    let (start, end, precision) = p?.bounds()?;
    Some(Resolved {
        start,
        end,
        precision,
        basis,
        open_ended: false,
    })
}

pub(crate) fn basis(p: Partial) -> DateBasis {
    if p.has_year() {
        DateBasis::Explicit
    } else {
        DateBasis::Relative
    }
}
