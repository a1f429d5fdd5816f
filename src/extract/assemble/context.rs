//! Context carried across blocks: the running date and place, the dateline,
//! and the document's own voice.

use crate::claim::{Claimant, ClaimantKind, Period, Place};
use crate::document::DocumentMeta;
use crate::extract::claimants::{find_claimants, resolve_alias};
use crate::extract::dates::find_dates;
use crate::parse::{BlockKind, ParsedDocument};
use jiff::civil::Date;

/// What earlier blocks established: set by headings ("Strikes in Syria",
/// "Yesterday's strikes"), key/value rows ("Location", "Incident date") and
/// the last date and place of earlier paragraphs.
#[derive(Debug, Clone, Default)]
pub struct Running {
    /// The latest period stated.
    pub period: Option<Period>,
    /// The latest place stated (the finest of its sentence).
    pub place: Option<Place>,
    /// The date of the release a section reproduces ("Release 20151230-01 —
    /// December 30, 2015" in a compilation): its undated counts are dated
    /// from it as from a publication date.
    pub release: Option<Date>,
}

/// A press-release dateline: "SOUTHWEST ASIA, Oct. 13, 2018 —".
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    /// Index of the block that opens with it.
    pub block: usize,
    /// Byte span of its date in that block.
    pub start: usize,
    /// End of the date (bytes).
    pub end: usize,
    /// The date, when it is a single day.
    pub date: Option<Date>,
}

/// Finds the dateline among the first paragraphs: a short place prefix ending
/// in ", ", a date, then a dash.
pub fn find_dateline(parsed: &ParsedDocument) -> Option<Dateline> {
    let paras = parsed
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b.kind, BlockKind::Paragraph))
        .take(3);
    for (i, b) in paras {
        for d in find_dates(&b.text, None) {
            if d.start > 60 {
                break;
            }
            let before = b.text.get(..d.start).unwrap_or("");
            let after = b.text.get(d.end..).unwrap_or("").trim_start();
            if before.trim_end().ends_with(',')
                && after.starts_with(['—', '–', '-'])
                && before.chars().any(|c| c.is_uppercase())
            {
                let date = (d.period.start == d.period.end)
                    .then(|| d.period.start.parse::<Date>().ok())
                    .flatten();
                return Some(Dateline {
                    block: i,
                    start: d.start,
                    end: d.end,
                    date,
                });
            }
        }
    }
    None
}

/// Sites whose own voice is a known claimant.
const SITES: [(&str, &str, ClaimantKind); 7] = [
    ("inherentresolve.mil", "CJTF-OIR", ClaimantKind::Military),
    ("defense.gov", "CJTF-OIR", ClaimantKind::Military),
    ("centcom.mil", "CENTCOM", ClaimantKind::Military),
    ("airwars.org", "Airwars", ClaimantKind::Ngo),
    ("snhr.org", "SNHR", ClaimantKind::Ngo),
    ("sn4hr.org", "SNHR", ClaimantKind::Ngo),
    (
        "syriahr.com",
        "Syrian Observatory for Human Rights",
        ClaimantKind::Ngo,
    ),
];

/// The document's own voice: `meta.claimant`, else its site, else the
/// organisation its title names, else the site's host as a media claimant.
pub fn default_claimant(meta: &DocumentMeta, parsed: &ParsedDocument) -> Claimant {
    if let Some(c) = &meta.claimant {
        return c.clone();
    }
    let host = url::Url::parse(&meta.url).ok().and_then(|u| {
        u.host_str()
            .map(|h| h.trim_start_matches("www.").to_string())
    });
    if let Some(h) = &host {
        for (site, name, kind) in SITES {
            if h == site || h.ends_with(&format!(".{site}")) {
                return resolve_alias(name).unwrap_or(Claimant {
                    name: name.to_string(),
                    kind,
                });
            }
        }
    }
    // a PDF without a URL: the organisation its title or first blocks name
    let opening = parsed
        .title
        .iter()
        .map(String::as_str)
        .chain(parsed.blocks.iter().take(6).map(|b| b.text.as_str()));
    for t in opening {
        if let Some(c) = find_claimants(t).into_iter().next() {
            return c.claimant;
        }
    }
    Claimant {
        name: host.unwrap_or_else(|| "unknown".into()),
        kind: ClaimantKind::Media,
    }
}

/// A reference date for a document that states none in its metadata: the
/// latest full date (day, month and year) in its opening blocks — a document
/// is published on or after the days it describes ("Compilation of Strike
/// Releases, Nov. 12 – Dec. 16, 2017 … December 17, 2017").
pub fn opening_date(parsed: &ParsedDocument) -> Option<Date> {
    parsed
        .blocks
        .iter()
        .take(6)
        .flat_map(|b| find_dates(&b.text, None))
        .filter(|d| d.period.start == d.period.end)
        .filter_map(|d| d.period.end.parse::<Date>().ok())
        .max()
}
