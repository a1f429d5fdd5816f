//! Parties held responsible for harm, by canonical name.
//!
//! | canonical | written as |
//! | --- | --- |
//! | `Coalition` | "Coalition airstrikes/strikes/forces/aircraft", "International coalition forces", "the US-led coalition's strikes", "by the coalition" |
//! | `Russian forces` | "Russian forces/warplanes/airstrikes/aircraft", "Russia" as an actor ("Russian and regime forces" yields both) |
//! | `Syrian regime forces` | "Syrian Regime forces", "regime forces", "Syrian government forces", "pro-regime forces", "Syrian army", "Syrian Arab Army" |
//! | `Syrian-Russian alliance` | "Syrian-Russian alliance (forces)" |
//! | `ISIS` | "ISIS", "ISIL", "Daesh", "Islamic State" |
//! | `SDF` | "Syrian Democratic Forces", "SDF" |
//! | `Turkish forces` | "Turkish forces/army/warplanes/airstrikes/artillery" |
//! | `Armed opposition factions` | "Factions of the Armed Opposition", "armed opposition factions", "opposition factions", "rebel groups", "Turkish-backed factions" |
//! | `Hay'at Tahrir al-Sham` | "Hay’at Tahrir al Sham", "HTS", "Nusra Front", "Jabhat al-Nusra" |
//! | `Iraqi forces` | "Iraqi Security Forces", "ISF", "Iraqi army/forces" |
//! | `Popular Mobilization Forces` | "Popular Mobilization Forces", "PMF", "Hashd al-Shaabi" |
//! | `Other parties` | "Other parties" (SNHR's residual category) |
//!
//! ISIS is found wherever it is named; a strike release's "ISIS targets" names
//! the target, so the claim builder decides whether a mention attributes harm.

use crate::extract::dates::{hits, Family, Pat};
use regex::RegexSet;
use std::sync::OnceLock;

/// A party the text holds responsible for harm ("Coalition airstrikes", "Russian forces").
#[derive(Debug, Clone, PartialEq)]
pub struct PerpetratorMention {
    /// Byte offset of the name.
    pub start: usize,
    /// Byte offset just past the name.
    pub end: usize,
    /// Canonical party name ("Coalition", "Russian forces", "Syrian regime forces", "ISIS").
    pub name: String,
}

impl PerpetratorMention {
    /// Whether the mention names the target or the victims rather than who did
    /// the harm: after "against"/"targeting"/"on" ("strikes against ISIS
    /// targets") or inside a counted noun phrase ("destroyed 13 ISIS fighting
    /// positions", "killed 12 ISIS fighters", "an ISIS vehicle").
    pub fn is_object(&self, text: &str) -> bool {
        let before = text.get(..self.start).unwrap_or("").trim_end();
        let mut words = before.rsplit(|c: char| c.is_whitespace()).map(|w| {
            w.trim_matches(|c: char| matches!(c, '(' | '"' | '“' | '‘'))
                .to_lowercase()
        });
        let mut prev = words.next().unwrap_or_default();
        if prev.is_empty() {
            return false;
        }
        // "attack the Islamic State", "strikes on the ISIS headquarters"
        if prev == "the" {
            prev = words.next().unwrap_or_default();
            return aims_at(&prev);
        }
        // "13 ISIS fighting positions"; not "On Nov. 27, Coalition forces"
        aims_at(&prev)
            || (prev.ends_with(|c: char| c.is_ascii_digit())
                && prev.chars().all(|c| c.is_ascii_digit() || c == ','))
            || crate::extract::numbers::is_count_word(&prev)
            || matches!(prev.as_str(), "an" | "a" | "separate" | "suspected")
    }
}

/// Words before a party that make it the target: "against ISIS", "attack the Islamic State".
fn aims_at(w: &str) -> bool {
    matches!(
        w,
        "attack"
            | "attacked"
            | "attacking"
            | "against"
            | "targeting"
            | "targeted"
            | "on"
            | "fight"
            | "fighting"
            | "defeat"
            | "hit"
            | "struck"
    )
}

const HARM: &str = r"(?:air\s?strikes?|strikes?|forces|aircraft|warplanes|jets|planes|bombing|bombardment|raids?|shelling|artillery|actions|operations|helicopters|drones?|attacks?|fire|missiles?|troops)";

/// The parties' patterns, and the one-pass set telling which occur.
type Parties = (Vec<(&'static str, Pat)>, Option<RegexSet>);

fn parties() -> &'static Parties {
    static P: OnceLock<Parties> = OnceLock::new();
    P.get_or_init(|| {
        let table: [(&str, String); 12] = [
            ("Syrian-Russian alliance", r"Syrian[-–]Russian\s+alliance(?:\s+forces)?".into()),
            (
                "Coalition",
                format!(
                    r"(?:[Ii]nternational\s+coalition\s+forces|(?:(?:the\s+)?(?:U\.\s?S\.-led|US-led|American-led|[Ii]nternational|anti-ISIS)\s+)?[Cc]oalition(?:(?:'s|’s)\s+)?\s*(?:military\s+)?{HARM}|(?:by|from)\s+the\s+(?:(?:U\.\s?S\.-led|US-led|American-led|[Ii]nternational)\s+)?[Cc]oalition)"
                ),
            ),
            (
                "Russian forces",
                format!(r"(?:Russian\s+{HARM}|Russian\s+(?:and|&)\s+(?:Syrian\s+)?regime\s+forces|Russia(?=\b))"),
            ),
            (
                "Syrian regime forces",
                r"(?:Syrian\s+[Rr]egime(?:(?:'s|’s))?\s+(?:forces|helicopters|warplanes|army|artillery|aircraft)|(?:[Pp]ro-)?[Rr]egime\s+forces|Syrian\s+(?:government|army)\s+forces|Syrian\s+(?:Arab\s+)?[Aa]rmy|Assad(?:'s|’s)?\s+forces)".into(),
            ),
            (
                "ISIS",
                r"(?:ISIS|ISIL|Daesh|DAESH|(?:the\s+)?Islamic\s+State(?:\s+(?:of|in)\s+Iraq\s+and\s+(?:Syria|al-Sham|ash-Sham|the\s+Levant))?)".into(),
            ),
            ("SDF", r"(?:(?:the\s+)?Syrian\s+Democratic\s+Forces|SDF)".into()),
            (
                "Turkish forces",
                r"Turkish\s+(?:forces|army|military|warplanes|air\s?strikes|artillery|troops|drones?)".into(),
            ),
            (
                "Armed opposition factions",
                r"(?:[Ff]actions\s+of\s+the\s+[Aa]rmed\s+[Oo]pposition|[Aa]rmed\s+opposition(?:\s+factions)?|[Oo]pposition\s+factions|[Rr]ebel\s+(?:groups|factions|fighters)|Turkish-backed\s+(?:factions|groups|rebels))".into(),
            ),
            (
                "Hay'at Tahrir al-Sham",
                r"(?:Hay(?:'|’)?at\s+Tahrir\s+al[-\s]Sham|HTS|(?:al-)?Nusra\s+Front|Jabhat\s+al[-\s]Nusra)".into(),
            ),
            (
                "Iraqi forces",
                r"(?:Iraqi\s+[Ss]ecurity\s+[Ff]orces|ISF|Iraqi\s+(?:army|forces|troops|military))".into(),
            ),
            (
                "Popular Mobilization Forces",
                r"(?:Popular\s+Mobili[sz]ation\s+(?:Forces|Units)|PMF|PMU|Hashd\s+al[-\s]Shaabi)".into(),
            ),
            ("Other parties", r"Other\s+parties".into()),
        ];
        let fam = Family::default();
        let pats = table
            .into_iter()
            .map(|(name, p)| (name, fam.pat(&format!(r"\b(?:{})\b", p.replace("(?=\\b)", "")))))
            .collect();
        (pats, fam.set())
    })
}

/// Finds parties held responsible for harm in `text`: sorted, non-overlapping,
/// longest first where two readings overlap.
pub fn find_perpetrators(text: &str) -> Vec<PerpetratorMention> {
    let (pats, set) = parties();
    let hits = hits(set.as_ref(), text);
    let mut found: Vec<(usize, usize, &str)> = pats
        .iter()
        .filter_map(|(name, p)| Some((*name, p.on(&hits)?)))
        .flat_map(|(name, re)| re.find_iter(text).map(move |m| (m.start(), m.end(), name)))
        .collect();
    found.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    let mut out: Vec<PerpetratorMention> = Vec::new();
    for (start, end, name) in found {
        if out.last().is_some_and(|l| start < l.end) {
            continue;
        }
        out.push(PerpetratorMention {
            start,
            end,
            name: name.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objects(t: &str) -> Vec<(String, bool)> {
        find_perpetrators(t)
            .into_iter()
            .map(|m| (m.name.clone(), m.is_object(t)))
            .collect()
    }

    #[test]
    fn targets_and_victims_are_not_perpetrators() {
        assert_eq!(
            objects("On Nov. 27, Coalition military forces conducted 14 strikes against ISIS targets in Syria."),
            vec![("Coalition".into(), false), ("ISIS".into(), true)]
        );
        assert_eq!(
            objects("Near Hajin, 12 strikes engaged 11 ISIS tactical units and destroyed an ISIS vehicle."),
            vec![("ISIS".into(), true), ("ISIS".into(), true)]
        );
        assert_eq!(
            objects("ISIS fighters executed 12 civilians, and Russian warplanes killed five."),
            vec![("ISIS".into(), false), ("Russian forces".into(), false)]
        );
        assert_eq!(
            objects("U.S. and coalition military forces continued to attack the Islamic State, conducting 16 strikes."),
            vec![("Coalition".into(), false), ("ISIS".into(), true)]
        );
        assert_eq!(
            objects("Coalition airstrikes killed 35 ISIS fighters."),
            vec![("Coalition".into(), false), ("ISIS".into(), true)]
        );
    }

    fn names(t: &str) -> Vec<(String, String)> {
        find_perpetrators(t)
            .into_iter()
            .map(|m| (t.get(m.start..m.end).unwrap_or("").to_string(), m.name))
            .collect()
    }

    fn p(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn canonical_parties() {
        assert_eq!(
            names("killed by Coalition airstrikes near Hajin"),
            vec![p("Coalition airstrikes", "Coalition")]
        );
        assert_eq!(
            names("International coalition forces killed 12 civilians"),
            vec![p("International coalition forces", "Coalition")]
        );
        assert_eq!(
            names("Syrian Regime forces killed 40, Russian forces killed 12"),
            vec![
                p("Syrian Regime forces", "Syrian regime forces"),
                p("Russian forces", "Russian forces")
            ]
        );
        assert_eq!(
            names("Syrian-Russian alliance forces’ warplanes"),
            vec![p(
                "Syrian-Russian alliance forces",
                "Syrian-Russian alliance"
            )]
        );
        assert_eq!(
            names("ISIL, Daesh and the Islamic State"),
            vec![
                p("ISIL", "ISIS"),
                p("Daesh", "ISIS"),
                p("the Islamic State", "ISIS")
            ]
        );
        assert_eq!(
            names("Syrian Democratic Forces and Turkish forces"),
            vec![
                p("Syrian Democratic Forces", "SDF"),
                p("Turkish forces", "Turkish forces")
            ]
        );
        assert_eq!(
            names("Factions of the Armed Opposition killed 4"),
            vec![p(
                "Factions of the Armed Opposition",
                "Armed opposition factions"
            )]
        );
        assert_eq!(
            names("Hay\u{2019}at Tahrir al Sham and Other parties"),
            vec![
                p("Hay\u{2019}at Tahrir al Sham", "Hay'at Tahrir al-Sham"),
                p("Other parties", "Other parties")
            ]
        );
    }

    #[test]
    fn the_opposition_coalition_is_no_perpetrator() {
        assert!(names("a coalition of rebel-held towns").is_empty());
        assert!(names("The Syrian Coalition condemned it").is_empty());
    }
}
