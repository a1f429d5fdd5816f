//! Places: the bundled gazetteer of Iraq and Syria, and matching it in text.
//!
//! The table lives in `data/gazetteer.tsv` (its header documents the columns)
//! and is embedded in the binary. Matching is case-sensitive, on word
//! boundaries, longest spelling first, so "hit" the verb, "Hamas" and
//! "Syrian" never match and "Mosul Dam" wins over "Mosul". Decisions:
//! - A name shared by a city and its governorate ("Raqqa") is the city, unless
//!   the text says "province"/"governorate" ("Raqqa province", "the governorate of Raqqa").
//! - A guarded spelling ("Hit", "Duma", "Sousa") needs a locative cue before it
//!   ("near Hit") or a country, governorate or "district" after it ("Hit, Iraq").
//! - A place the text puts in another country ("Near Hajin, Iraq") is kept as
//!   the text states it (country IQ, no coordinates, since the gazetteer has no
//!   such place) and flagged, never silently moved back.
//! - A name right after a town of its governorate ("Hajin, Deir ez-Zor") is the governorate.
//! - "near X", "outside X", "east of X" keep the cue in `as_written`.
//! - Names inside organisation names ("Deir Ezzor 24", "Raqqa is Being
//!   Slaughtered Silently", "Mosul Eye") are not places.

mod load;

use crate::claim::{Place, PlacePrecision};
use load::Entry;
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The bundled table.
const TABLE: &str = include_str!("../../../data/gazetteer.tsv");

/// A place named in text.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// Byte offset of the name as written (after "near" etc.).
    pub start: usize,
    /// Byte offset just past the name (and a "province"/"governorate" after it).
    pub end: usize,
    /// Byte offset where `place.as_written` starts: `start`, or earlier when a
    /// cue such as "near" or "east of" is kept with the name.
    pub written_start: usize,
    /// The gazetteer entry, with `as_written` set to the text's spelling.
    pub place: Place,
}

/// The gazetteer: places with spelling variants, countries, admin1, coordinates, GeoNames ids.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Every row of the table.
    entries: Vec<Entry>,
    /// Spelling (with generated variants) → rows, in table order.
    by_spelling: HashMap<String, Vec<usize>>,
    /// Spellings that need a locative cue.
    guarded: std::collections::HashSet<String>,
    /// All spellings, longest first, as one alternation.
    matcher: Option<Regex>,
}

struct Cues {
    before: Regex,
    guard_before: Regex,
    guard_after: Regex,
    admin_after: Regex,
    admin_before: Regex,
    country_after: Regex,
    orgs: Regex,
}

fn cues() -> &'static Cues {
    static C: OnceLock<Cues> = OnceLock::new();
    C.get_or_init(|| {
        let mk = crate::extract::dates::compile;
        Cues {
            before: mk(r"(?i)\b(?:near|outside|around|in\s+the\s+vicinity\s+of|(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?(?:\s+of)?)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$"),
            guard_before: mk(r"(?i)\b(?:near|in|of|outside|around|at|from|to|towards?|into|on|and|between|across|by|north|south|east|west|northeast|northwest|southeast|southwest|northern|southern|eastern|western|city|town|village|district|fled|left|entered|reached|captured|retook|recaptured|liberated|seized|took|struck|shelled|bombed|hit|attacked|besieged|surrounded|returned\s+to|displaced\s+from)\s+$"),
            guard_after: mk(r"^(?:\s+and\s+(?:the\s+)?surrounding\b|,?\s+(?:Iraq|Syria|Anbar|Al Anbar|Nineveh|Salah ad Din|Dayr az Zawr|Deir ez-Zor|Deir Ezzor|Idlib|Rif Dimashq|Hasakah|Raqqa)\b|\s+(?:[Dd]istrict|[Cc]ity|[Tt]own|[Vv]illage|[Pp]rovince|[Gg]overnorate|[Ss]ubdistrict))"),
            admin_after: mk(r"^\s+(?:[Pp]rovince|[Gg]overnorate|[Gg]overnate|PROVINCE|GOVERNORATE)\b"),
            admin_before: mk(r"(?i)\b(?:province|governorate)\s+of\s+$"),
            // "Hajin, Iraq", "Hajin in Syria", "Hajin, in Iraq's Anbar province"
            country_after: mk(r"^(?:\s+(?:[Dd]istrict|[Cc]ity|[Tt]own|[Vv]illage))?(?:,\s*(?:in\s+)?|\s+in\s+)(Iraq|Syria)\b"),
            orgs: mk(r"\b(?:Deir\s?Ezzor\s+24|Deir\s+ez-Zor\s+24|Raqqa\s+is\s+Being\s+Slaughtered\s+Silently|(?:Halab|Aleppo|Baghdad|Raqqa|Idlib|Mosul)\s+Today(?:\s+TV)?|Mosul\s+Eye|Nineveh\s+Media\s+Center|Aleppo\s+Media\s+Cent(?:er|re)|Sham\s+News|Homs\s+Media\s+Cent(?:er|re)|Idlib\s+Media\s+Cent(?:er|re)|Kobani\s+Kurd|Raqqa\s+Post|Deir\s+ez-Zor\s+Military\s+Council|Manbij\s+Military\s+Council|Baghdad\s+Operations\s+Command|University\s+of\s+(?:Mosul|Baghdad|Damascus|Aleppo)|Islamic\s+State\s+(?:of|in)\s+Iraq\s+and\s+(?:Syria|al-Sham|ash-Sham|the\s+Levant)|(?:Raqqa|Manbij|Tabqa|Deir\s+ez-Zor)\s+Civil\s+Council)\b"),
        }
    })
}

fn country_code(name: &str) -> Option<&'static str> {
    match name.trim() {
        "IQ" | "Iraq" | "iq" => Some("IQ"),
        "SY" | "Syria" | "sy" => Some("SY"),
        _ => None,
    }
}

fn country_name(code: &str) -> &str {
    match code {
        "IQ" => "Iraq",
        "SY" => "Syria",
        other => other,
    }
}

impl Gazetteer {
    /// The gazetteer bundled in the binary (parsed once).
    pub fn bundled() -> &'static Gazetteer {
        static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        G.get_or_init(|| Gazetteer::from_table(TABLE))
    }

    /// Builds a gazetteer from a table in the `data/gazetteer.tsv` format;
    /// malformed rows are skipped.
    pub fn from_table(table: &str) -> Gazetteer {
        let entries: Vec<Entry> = table.lines().filter_map(load::parse_line).collect();
        let mut by_spelling: HashMap<String, Vec<usize>> = HashMap::new();
        let mut guarded = std::collections::HashSet::new();
        for (i, e) in entries.iter().enumerate() {
            for s in &e.spellings {
                let is_guarded = e.guarded.contains(s);
                for v in load::variants(s) {
                    if is_guarded {
                        guarded.insert(v.clone());
                    }
                    let rows = by_spelling.entry(v).or_default();
                    if !rows.contains(&i) {
                        rows.push(i);
                    }
                }
            }
        }
        let mut spellings: Vec<&String> = by_spelling.keys().collect();
        spellings.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        // Any run of whitespace between words: PDF text breaks lines inside names.
        let alternation: Vec<String> = spellings
            .iter()
            .map(|s| regex::escape(s).replace(' ', r"\s+"))
            .collect();
        let matcher = Regex::new(&crate::extract::dates::ascii_boundaries(&format!(
            r"\b(?:{})",
            alternation.join("|")
        )))
        .ok();
        Gazetteer {
            entries,
            by_spelling,
            guarded,
            matcher,
        }
    }

    /// Number of rows (places) in the gazetteer.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the gazetteer has no rows.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The place a whole string names ("Hit, Iraq" cells aside: the string must
    /// be one spelling), preferring the locality, then `country_hint`.
    ///
    /// For table cells and metadata values ("Location: Hajin").
    pub fn lookup(&self, spelling: &str, country_hint: Option<&str>) -> Option<Place> {
        let s = spelling.trim();
        let rows = self.by_spelling.get(s)?;
        let i = self.choose(rows, false, country_hint.and_then(country_code))?;
        self.place(i, s)
    }

    /// The governorate a whole string names, for "Governorate" columns and
    /// labels ("Deir Ez-Zour" → Dayr az Zawr, admin1); falls back to [`Gazetteer::lookup`].
    pub fn lookup_governorate(&self, spelling: &str) -> Option<Place> {
        let s = spelling.trim();
        let rows = self.by_spelling.get(s)?;
        let i = self.choose(rows, true, None)?;
        self.place(i, s)
    }

    /// Finds every place named in `text`, longest match first, non-overlapping.
    pub fn find(&self, text: &str) -> Vec<PlaceMention> {
        self.find_with_country(text, None)
    }

    /// Like [`Gazetteer::find`], preferring places in `country_hint` ("IQ",
    /// "SY", "Iraq" or "Syria") where a spelling names places in both.
    pub fn find_with_country(&self, text: &str, country_hint: Option<&str>) -> Vec<PlaceMention> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let hint = country_hint.and_then(country_code);
        let c = cues();
        // Organisation names are looked up only once a place name turns up.
        let mut orgs: Option<Vec<(usize, usize)>> = None;
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = matcher.find_at(text, pos) else {
                break;
            };
            let (start, end) = (m.start(), m.end());
            let next_ok = text
                .get(end..)
                .and_then(|t| t.chars().next())
                .is_none_or(|ch| !ch.is_alphanumeric());
            let orgs = orgs.get_or_insert_with(|| {
                c.orgs
                    .find_iter(text)
                    .map(|m| (m.start(), m.end()))
                    .chain(
                        crate::extract::claimants::find_claimants(text)
                            .into_iter()
                            .map(|m| (m.start, m.end)),
                    )
                    .collect()
            });
            let in_org = orgs.iter().any(|&(s, e)| start < e && end > s);
            if !next_ok || in_org {
                pos = next_char(text, start);
                continue;
            }
            match self.mention(text, start, end, hint, out.last()) {
                Some(pm) => {
                    pos = pm.end;
                    out.push(pm);
                }
                None => pos = next_char(text, start),
            }
        }
        out
    }

    fn mention(
        &self,
        text: &str,
        start: usize,
        end: usize,
        hint: Option<&'static str>,
        previous: Option<&PlaceMention>,
    ) -> Option<PlaceMention> {
        let c = cues();
        let written = text.get(start..end)?;
        let spelling = &written.split_whitespace().collect::<Vec<_>>().join(" ");
        let rows = self.by_spelling.get(spelling)?;
        let before = tail(text.get(..start)?, 48);
        let after = text.get(end..)?;
        if self.guarded.contains(spelling)
            && !c.guard_before.is_match(before)
            && !c.guard_after.is_match(after)
        {
            return None;
        }
        let admin_suffix = c.admin_after.find(after);
        // "Hajin, Deir ez-Zor": a name right after a town of its governorate is the governorate.
        let after_its_town = previous.is_some_and(|p| {
            p.place.precision == PlacePrecision::Locality
                && text.get(p.end..start).is_some_and(|gap| gap.trim() == ",")
                && rows.iter().any(|&i| {
                    self.entries.get(i).is_some_and(|e| {
                        e.precision == PlacePrecision::Admin1
                            && p.place.admin1.as_deref() == Some(e.name.as_str())
                            && p.place.name != e.name
                    })
                })
        });
        let want_admin =
            admin_suffix.is_some() || c.admin_before.is_match(before) || after_its_town;
        let end = end + admin_suffix.map_or(0, |m| m.end());
        let stated = c
            .country_after
            .captures(text.get(end..)?)
            .and_then(|cap| cap.get(1))
            .and_then(|m| country_code(m.as_str()))
            .or_else(|| self.governorate_after(text, end));
        let i = self.choose(rows, want_admin, stated.or(hint))?;
        let written_start = c
            .before
            .find(before)
            .map_or(start, |m| start - before.len() + m.start());
        let as_written = text.get(written_start..end)?;
        let mut place = self.place(i, as_written)?;
        if let Some(stated) = stated {
            flag_country(&mut place, stated, "");
        }
        Some(PlaceMention {
            start,
            end,
            written_start,
            place,
        })
    }

    /// The country of a governorate named right after `end` ("Hajin, Anbar" → IQ).
    fn governorate_after(&self, text: &str, end: usize) -> Option<&'static str> {
        let after = text.get(end..)?;
        let gap = after.len() - after.strip_prefix(',')?.trim_start().len();
        let m = self.matcher.as_ref()?.find_at(text, end + gap)?;
        if m.start() != end + gap {
            return None;
        }
        // In a list ("near Mosul, Raqqa and Hajin") the next name is not a governorate of the first.
        let rest = text.get(m.end()..).unwrap_or("");
        let t = rest.trim_start();
        if t.starts_with("and ") || t.starts_with("or ") || t.starts_with("& ") {
            return None;
        }
        if let Some(more) = rest.strip_prefix(',') {
            let next = more.trim_start();
            let at = text.len() - next.len();
            let is_place = self
                .matcher
                .as_ref()?
                .find_at(text, at)
                .is_some_and(|n| n.start() == at);
            if is_place && !(next.starts_with("Iraq") || next.starts_with("Syria")) {
                return None;
            }
        }
        let spelling = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
        let rows = self.by_spelling.get(&spelling)?;
        let mut countries = rows.iter().filter_map(|&i| {
            let e = self.entries.get(i)?;
            (e.precision == PlacePrecision::Admin1)
                .then(|| e.country.as_deref().and_then(country_code))
                .flatten()
        });
        let first = countries.next()?;
        countries.all(|c| c == first).then_some(first)
    }

    /// Picks a row: admin1 when asked, else the finest; then the country.
    fn choose(&self, rows: &[usize], want_admin: bool, country: Option<&str>) -> Option<usize> {
        let rank = |i: &usize| {
            let e = self.entries.get(*i);
            let p = e.map(|e| e.precision);
            let kind = match (want_admin, p) {
                (true, Some(PlacePrecision::Admin1)) => 0,
                (false, Some(PlacePrecision::Locality)) => 0,
                (false, Some(PlacePrecision::Admin2)) => 1,
                _ => 2,
            };
            let wrong_country =
                country.is_some() && e.and_then(|e| e.country.as_deref()) != country;
            (wrong_country, kind)
        };
        rows.iter().min_by_key(|i| rank(i)).copied()
    }

    fn place(&self, i: usize, as_written: &str) -> Option<Place> {
        let e = self.entries.get(i)?;
        Some(Place {
            as_written: as_written.to_string(),
            name: e.name.clone(),
            country: e.country.clone(),
            admin1: match e.precision {
                PlacePrecision::Country | PlacePrecision::Region => None,
                _ => e.admin1.clone(),
            },
            lat: e.lat,
            lon: e.lon,
            geonames_id: e.geonames_id,
            precision: e.precision,
            flag: None,
        })
    }
}

/// The code a place's flag starts with when the text puts it in another
/// country than the gazetteer does.
pub const COUNTRY_CONFLICT: &str = "country_conflict";

/// Flags a place the text puts in another country (`stated`: "IQ"/"SY" or a
/// name) than the gazetteer does. The place is not corrected either way: it
/// keeps its spelling as written and the gazetteer's identification (country,
/// governorate, coordinates), and its flag says `country_conflict: text places
/// Hajin in Iraq; the gazetteer has it only in Syria (Dayr az Zawr)`. `why`
/// says where the text states the country (" (its section)"). Returns whether
/// it flagged; countries and regions are never flagged.
pub fn flag_country(place: &mut Place, stated: &str, why: &str) -> bool {
    let Some(stated) = country_code(stated) else {
        return false;
    };
    let Some(have) = place.country.clone() else {
        return false;
    };
    if stated == have
        || matches!(
            place.precision,
            PlacePrecision::Country | PlacePrecision::Region
        )
    {
        return false;
    }
    place.flag = Some(format!(
        "{COUNTRY_CONFLICT}: text places {} in {}{}; the gazetteer has it only in {}{}",
        place.name,
        country_name(stated),
        why,
        country_name(&have),
        place
            .admin1
            .as_deref()
            .map(|a| format!(" ({a})"))
            .unwrap_or_default()
    ));
    true
}

fn next_char(text: &str, i: usize) -> usize {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .map_or(text.len(), |c| i + c.len_utf8())
}

/// The last `n` bytes of `s`, widened to a char boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    s.get(i..).unwrap_or("")
}

#[cfg(test)]
mod tests;
