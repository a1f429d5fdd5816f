//! Context carried across blocks: the running date and place, the dateline,
//! and the document's own voice.

use crate::claim::{Claimant, ClaimantKind, DatePrecision, Period, Place, PlacePrecision};
use crate::document::DocumentMeta;
use crate::extract::claimants::{find_claimants, resolve_alias};
use crate::extract::dates::{find_dates, DateMention};
use crate::extract::places::{flag_country, PlaceMention};
use crate::parse::{BlockKind, ParsedDocument};
use jiff::civil::Date;

/// What earlier blocks established: set by headings ("Strikes in Syria",
/// "Yesterday's strikes"), key/value rows ("Location", "Incident date") and
/// the last date and place of earlier paragraphs.
#[derive(Debug, Clone, Default)]
pub struct Running {
    /// The latest period stated.
    pub period: Option<Period>,
    /// The latest span running from the campaign's start or up to the
    /// reference ("since 2014"): what an undated running total ("… to date") covers.
    pub span: Option<Period>,
    /// The country of the current section ("Strikes in Iraq"), set by headings:
    /// it disambiguates the towns beneath it, and a town it contradicts is flagged.
    pub section_country: Option<String>,
    /// The latest place stated (the finest of its sentence).
    pub place: Option<Place>,
    /// The date of the release a section reproduces ("Release 20151230-01 —
    /// December 30, 2015" in a compilation): its undated counts are dated
    /// from it as from a publication date.
    pub release: Option<Date>,
    /// Who conducted the strikes the text last counted ("Coalition military
    /// forces conducted 14 strikes …"): the bullets beneath ("Near Hajin, 12
    /// strikes destroyed …") are the same party's strikes.
    pub striker: Option<String>,
}

/// What a sentence or heading does to the place carried to what follows.
#[derive(Debug, Clone, PartialEq)]
pub enum Carry {
    /// It names no place that frames what follows: the carried place stays.
    Keep,
    /// It sets the scene: what follows happened here.
    Set(Place),
    /// It names places too broad or too many to locate anything after it
    /// ("in Syria and Iraq", "the battles for Mosul and Raqqa").
    Clear,
}

impl Carry {
    /// Applies the carry to a running place.
    pub fn apply(self, place: &mut Option<Place>) {
        match self {
            Carry::Keep => {}
            Carry::Set(p) => *place = Some(p),
            Carry::Clear => *place = None,
        }
    }
}

/// The place a sentence carries to the sentences and blocks after it.
///
/// `text` is the block the mentions index into. Rules, in order:
/// - a region ("Iraq and Syria") or places in two countries clear the context:
///   nothing after them is located by them ("the battles for Mosul and Raqqa");
/// - a place bound to one count ("… killed 64 civilians, all of them in
///   Deir ez-Zor") is that count's place only and carries nothing;
/// - otherwise the finest place carries ("Strikes in Syria", "Near Raqqa, …",
///   "Three strikes near Al-Qaim destroyed …" and its wrapped lines).
pub fn carry(text: &str, places: &[PlaceMention]) -> Carry {
    if places.is_empty() {
        return Carry::Keep;
    }
    if places
        .iter()
        .any(|p| p.place.precision == PlacePrecision::Region)
    {
        return Carry::Clear;
    }
    let mut countries = places.iter().filter_map(|p| p.place.country.as_deref());
    if let Some(first) = countries.next() {
        if countries.any(|c| c != first) {
            return Carry::Clear;
        }
    }
    let free: Vec<PlaceMention> = places
        .iter()
        .filter(|p| !bound_to_count(text, p.written_start))
        .cloned()
        .collect();
    match super::finest(&free, None) {
        Some(p) => Carry::Set(p.place.clone()),
        None => Carry::Keep,
    }
}

/// A place bound to one count: "all of them in X", "of whom in X", "all in
/// X", or any place of a sentence about a part of the victims ("Of the
/// victims, 1,011 were killed in Eastern Ghouta").
fn bound_to_count(text: &str, written_start: usize) -> bool {
    let before = text.get(..written_start).unwrap_or("").to_lowercase();
    let before = before.trim_end();
    let sentence = before
        .rfind(". ")
        .map_or(before, |i| before.get(i + 2..).unwrap_or(""))
        .trim_start();
    [
        "of them in",
        "of whom in",
        "of whom were in",
        "all in",
        "each in",
    ]
    .iter()
    .any(|k| before.ends_with(k))
        || [
            "of the victims",
            "of them",
            "of these",
            "of those",
            "among the victims",
            "among them",
        ]
        .iter()
        .any(|k| sentence.starts_with(k))
}

/// What a heading does to the section's country: a heading naming one
/// country ("Strikes in Iraq") sets it, one naming a region or two countries
/// clears it, one naming neither ("Additional Strikes") leaves it.
pub fn section_country(places: &[PlaceMention], section: &mut Option<String>) {
    if places
        .iter()
        .any(|p| p.place.precision == PlacePrecision::Region)
    {
        *section = None;
        return;
    }
    let mut countries = places
        .iter()
        .filter(|p| p.place.precision == PlacePrecision::Country)
        .filter_map(|p| p.place.country.clone());
    if let Some(first) = countries.next() {
        *section = if countries.all(|c| c == first) {
            Some(first)
        } else {
            None
        };
    }
}

/// A paragraph naming another country than its section's ("On Aug. 1, near
/// Raqqa, Syria, …" after "Strikes in Iraq") has left the section: the
/// section's country no longer judges what follows.
pub fn leave_section(places: &[PlaceMention], section: &mut Option<String>) {
    let Some(c) = section.as_deref() else {
        return;
    };
    let elsewhere = places.iter().any(|p| {
        p.place.precision == PlacePrecision::Country && p.place.country.as_deref() != Some(c)
    });
    if elsewhere {
        *section = None;
    }
}

/// Flags the towns of a sentence that its section's country contradicts
/// ("Near Hajin, …" under "Strikes in Iraq"): kept as written, placed where
/// the text places them, and flagged. A sentence that names a country itself
/// is judged by that country alone (the gazetteer does it).
pub fn flag_against_section(places: &mut [PlaceMention], country: &str) {
    if places
        .iter()
        .any(|p| p.place.precision == PlacePrecision::Country)
    {
        return;
    }
    for p in places.iter_mut() {
        if p.place.flag.is_none() && p.place.precision != PlacePrecision::Region {
            flag_country(&mut p.place, country, " (its section)");
        }
    }
}

/// Drops the places where only part of a count happened: "killed 485
/// civilians, most of them in Deir ez-Zor" (and "… in Raqqa and Idlib"):
/// where most died, not all.
pub fn drop_partial_places(text: &str, places: Vec<PlaceMention>) -> Vec<PlaceMention> {
    const CUES: [&str; 7] = [
        "most of them in",
        "most of whom in",
        "mostly in",
        "mainly in",
        "largely in",
        "majority of them in",
        "majority in",
    ];
    let mut out = Vec::with_capacity(places.len());
    let mut dropped_end: Option<usize> = None;
    for p in places {
        let before = text.get(..p.written_start).unwrap_or("").to_lowercase();
        let cued = CUES.iter().any(|k| before.trim_end().ends_with(k));
        // the rest of a list after a cued place: "in Raqqa and Idlib", "in Raqqa, Idlib"
        let listed = dropped_end.is_some_and(|e| {
            text.get(e..p.written_start)
                .is_some_and(|gap| matches!(gap.trim(), "," | "and" | ", and" | "or" | "&"))
        });
        if cued || listed {
            dropped_end = Some(p.end);
        } else {
            dropped_end = None;
            out.push(p);
        }
    }
    out
}

/// Whether byte `at` is inside a relative clause on a place ("…, where the
/// alliance launched its offensive on February 18"): a date there is of
/// another event.
pub fn in_where_clause(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("");
    let clause = before
        .rfind([',', ';', '.', '(', '—', '–'])
        .map_or(before, |i| before.get(i + 1..).unwrap_or(""));
    clause.trim_start().to_lowercase().starts_with("where ")
}

/// Whether byte `at` is inside a clause about a part of the victims ("…
/// killed 381 civilians, most of them in air strikes on Idlib after
/// September 19"): the places and dates there are the part's, so they
/// neither place nor date the sentence's counts, nor carry to what follows.
/// "all of them in X" is not a part: it places its count (see [`carry`]).
pub fn in_subset_clause(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("");
    let clause = before
        .rfind([',', ';', '.', '(', '—', '–'])
        .map_or(before, |i| before.get(i + 1..).unwrap_or(""))
        .trim_start()
        .to_lowercase();
    [
        "most of them",
        "most of whom",
        "mostly",
        "many of them",
        "many of whom",
        "some of them",
        "some of whom",
        "the majority",
        "a majority",
        "the bulk",
        "largely",
        "primarily",
        "mainly",
    ]
    .iter()
    .any(|k| clause.starts_with(k))
}

/// The place of a count at byte `at` of `text` among its sentence's places:
/// the finest named before it ("Near Raqqa, Syria, eight strikes", "In Iraq,
/// … two strikes … near Kirkuk, destroying two caves" — Iraq, then Kirkuk),
/// else the finest after it ("15 strikes near Ar Rutbah"). Bullets run
/// together into one sentence ("…  One strike near Sinjar …", as PDF text
/// has them) are kept apart: a place beyond a bullet mark or a colon is
/// another item's.
pub fn place_of<'p>(text: &str, places: &'p [PlaceMention], at: usize) -> Option<&'p PlaceMention> {
    // a colon opens a list as a bullet does ("… in Iraq: One strike near Ramadi …")
    const BULLETS: [char; 7] = ['\u{f0b7}', '•', '▪', '◦', '●', '·', ':'];
    let item_start = text.get(..at).and_then(|t| t.rfind(BULLETS)).unwrap_or(0);
    let item_end = text
        .get(at..)
        .and_then(|t| t.find(BULLETS))
        .map_or(text.len(), |i| at + i);
    let item: Vec<PlaceMention> = places
        .iter()
        .filter(|p| p.start >= item_start && p.end <= item_end)
        .cloned()
        .collect();
    let pool = if item.is_empty() {
        places.to_vec()
    } else {
        item
    };
    let before: Vec<PlaceMention> = pool.iter().filter(|p| p.end <= at).cloned().collect();
    let pick = super::finest(&before, Some(at)).or_else(|| super::finest(&pool, Some(at)))?;
    places.iter().find(|p| p.start == pick.start)
}

/// A "since …" span that only measures a record ("the highest monthly total
/// since October 2017", "its lowest level since 2014"): no count's period.
pub fn comparison_since(text: &str, d: &DateMention) -> bool {
    let written = text.get(d.start..d.end).unwrap_or("").to_lowercase();
    if !written.starts_with("since") {
        return false;
    }
    let before = text.get(..d.start).unwrap_or("");
    let clause = before
        .rfind([',', ';', '.', ':', '(', '—', '–'])
        .map_or(before, |i| before.get(i + 1..).unwrap_or(""))
        .to_lowercase();
    let words: Vec<&str> = clause.split_whitespace().collect();
    words.iter().rev().take(6).any(|w| {
        [
            "highest",
            "lowest",
            "most",
            "fewest",
            "least",
            "deadliest",
            "worst",
            "largest",
            "smallest",
            "biggest",
            "first",
        ]
        .contains(w)
    })
}

/// The dates of a sentence that can date its counts: a day of telling that
/// opens the sentence ("On Tuesday, the United Nations said that about 2.5
/// million people had been displaced this year") is dropped when another
/// date follows it; alone, it dates the count.
pub fn event_dates<'d>(text: &str, dates: &'d [DateMention]) -> &'d [DateMention] {
    if dates.len() < 2 {
        return dates;
    }
    match dates.iter().position(|d| telling_date(text, d)) {
        // the telling opens the sentence: the event dates follow it
        Some(0) => dates.get(1..).unwrap_or(dates),
        _ => dates,
    }
}

/// "On Tuesday, the United Nations said …": a day followed by a speaker and a verb of telling.
fn telling_date(text: &str, d: &DateMention) -> bool {
    let after = text.get(d.end..).unwrap_or("");
    let after = after.strip_prefix(',').unwrap_or(after);
    let clause: String = after.chars().take(60).collect();
    let clause = clause.split(['.', ';', ':']).next().unwrap_or("");
    let words: Vec<&str> = clause.split_whitespace().collect();
    words.iter().take(7).any(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphabetic()),
            "said" | "says" | "told" | "announced" | "stated" | "reported"
        )
    }) && d.period.start == d.period.end
}

/// Whether a date carries to the sentences after it. A span running from
/// the campaign's start or up to the reference ("since 2014", "between August
/// 2014 and end of June 2017") dates its own cumulative figure only: the
/// counts after it are back in the period the document reports on.
pub fn carries_period(d: &DateMention) -> bool {
    // "since the offensive began on Sept. 10" is the period of what follows
    // ("… in the same period"); "since 2014" is a running total's own
    let from_campaign =
        d.period.precision == DatePrecision::Range && d.period.start.as_str() <= "2014-08-08";
    !from_campaign
}

/// A sentence stating a running total without dates of its own ("The
/// Coalition itself has conceded 874 deaths to date"): it takes the span
/// stated before it, not the period of the counts around it.
pub fn running_total(sentence: &str) -> bool {
    let l = sentence.to_lowercase();
    [
        "to date",
        "so far",
        "thus far",
        "cumulative",
        "running total",
    ]
    .iter()
    .any(|k| l.contains(k))
}

/// A period adjusted by what its sentence says about it:
/// - "so far", "to date", "thus far": a period that contains the reference
///   ends at the reference ("In the month of March, the Coalition has so far
///   conducted 96 strikes", told on March 22, is March 1–22);
/// - "at the end of the month": a month becomes its last day (a count of
///   open reports is a stock at one date, not a flow over the month).
pub fn refine_period(sentence: &str, mut p: Period, reference: Option<Date>) -> Period {
    let l = sentence.to_lowercase();
    let parse = |s: &str| s.parse::<Date>().ok();
    if ["so far", "to date", "thus far"]
        .iter()
        .any(|k| l.contains(k))
    {
        if let (Some(r), Some(s), Some(e)) = (reference, parse(&p.start), parse(&p.end)) {
            if s <= r && r < e {
                p.end = r.to_string();
            }
        }
    }
    let month_end = [
        "at the end of the month",
        "at the close of the month",
        "at month's end",
        "at month’s end",
        "at the end of that month",
    ];
    if p.precision == DatePrecision::Month && month_end.iter().any(|k| l.contains(k)) {
        if let Some(e) = parse(&p.end) {
            p.start = e.to_string();
            p.precision = DatePrecision::Day;
        }
    }
    p
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
/// in ", ", a date, an optional agency tag ("(Reuters)"), then a dash.
///
/// `reference` (the publication date, if known) dates a dateline without a
/// year ("KOBANI, Oct 15 (Reuters) -").
pub fn find_dateline(parsed: &ParsedDocument, reference: Option<Date>) -> Option<Dateline> {
    let paras = parsed
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b.kind, BlockKind::Paragraph))
        .take(3);
    for (i, b) in paras {
        for d in find_dates(&b.text, reference) {
            if d.start > 60 {
                break;
            }
            let before = b.text.get(..d.start).unwrap_or("");
            let after = b.text.get(d.end..).unwrap_or("").trim_start();
            // a wire dateline names its agency: "KOBANI, Oct 15 (Reuters) -"
            let after = match after.strip_prefix('(').and_then(|a| a.split_once(')')) {
                Some((tag, rest)) if tag.len() <= 24 => rest.trim_start(),
                _ => after,
            };
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

#[cfg(test)]
#[path = "context_tests.rs"]
mod tests;
