//! Prose forms of news articles and Airwars pages that the noun-phrase rule
//! alone misses:
//!
//! - a vague count or a quoted number before its noun: "dozens **of** people",
//!   "“dozens” of allegations", "“a dozen or so” soldiers";
//! - "IS fighters": the group's acronym is not the verb "is";
//! - heads that carry their own metric: "bodies" are dead, "patients" injured;
//! - counts without a noun that take the metric from a verb: "at least four
//!   injured", "“more than five” were wounded", "killed dozens," "wounded 12";
//! - target effects in the passive or as a participle: "six medical
//!   facilities … had been damaged", "seven destroyed shops";
//! - the toll: "put the toll at seven", "the toll could be in the hundreds" —
//!   killed, and on these pages an unqualified toll is the civilian toll
//!   unless an earlier claim of the block says whose;
//! - coordination: "in excess of 7,300 and as high as 11,600";
//! - "Of these, 26 were graded …": what the claim before counted;
//! - "killed 18 of them" after "a group of ISIS fighters": the group's subject;
//! - "326 of the deaths", "conceded 1,139 deaths": the coalition only ever
//!   concedes civilian deaths;
//! - "members of the security forces" are personnel; "their fighters" in a
//!   sentence about Kurdish or Iraqi forces are partner-force personnel.

use super::{casualty_cue, counted, head_at, metric_rule, Counted, Head, Inherit, STOPS, W};
use crate::claim::{Metric, Subject};

mod targets;

/// Words that may stand between a noun and its number as a qualifier.
const QUAL: [&str; 30] = [
    "at",
    "least",
    "more",
    "than",
    "about",
    "around",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "up",
    "to",
    "as",
    "many",
    "high",
    "much",
    "fewer",
    "less",
    "no",
    "not",
    "just",
    "well",
    "little",
    "close",
    "excess",
    "in",
    "of",
];

/// Vague-count words a noun follows after "of" ("dozens of people").
const VAGUE: [&str; 6] = [
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "tens",
    "millions",
];

fn is_quote(w: &W) -> bool {
    w.punct && matches!(w.s.as_str(), "”" | "“" | "\"" | "’" | "‘" | "'")
}

/// A footnote mark after a number ("34,573* strikes").
fn is_footnote(w: &W) -> bool {
    w.punct && matches!(w.s.as_str(), "*" | "†" | "‡")
}

/// A definition ("SNHR defines a massacre as an attack that kills five or
/// more …", "a massacre is defined as"): its numbers are thresholds, not counts.
pub(super) fn is_definition(sentence: &str) -> bool {
    let l = sentence.to_lowercase();
    l.contains("is defined as")
        || l.contains("are defined as")
        || l.find("defines ")
            .is_some_and(|i| l.get(i..).is_some_and(|r| r.contains(" as ")))
}

/// Index of the first word of the noun phrase after a number: closing quotes
/// skipped, and the "of" after a vague count.
pub(super) fn noun_start(ws: &[W], at: usize, after: usize) -> usize {
    let mut k = after;
    while ws.get(k).is_some_and(|w| is_quote(w) || is_footnote(w)) {
        k += 1;
    }
    let vague = ws.get(at).is_some_and(|w| VAGUE.contains(&w.s.as_str()));
    if vague && ws.get(k).is_some_and(|w| w.s == "of") {
        k += 1;
    }
    k
}

/// "IS" written in capitals is the group, not the verb ("2,000 IS fighters").
pub(super) fn is_group_acronym(sentence: &str, w: &W) -> bool {
    sentence.get(w.start..w.end) == Some("IS")
}

/// The metric a people head carries by itself: bodies are dead; patients are
/// injured unless a casualty verb in their own clause says otherwise.
pub(super) fn head_metric(ws: &[W], hi: usize, at: usize) -> Option<(Metric, &'static str)> {
    match ws.get(hi)?.s.as_str() {
        "bodies" | "corpses" => Some((Metric::Killed, "metric.killed")),
        "patients" => {
            let m = clause_cue(ws, at).unwrap_or(Metric::Injured);
            Some((m, metric_rule(m)))
        }
        _ => None,
    }
}

/// A casualty cue in the clause of word `at` (no comma, "and" or "but" between).
fn clause_cue(ws: &[W], at: usize) -> Option<Metric> {
    let breaks = |w: &W| matches!(w.s.as_str(), "," | ";" | "and" | "but" | "while");
    let fwd = ws
        .iter()
        .skip(at + 1)
        .take_while(|w| !breaks(w))
        .find_map(|w| casualty_cue(&w.s));
    let back = ws[..at.min(ws.len())]
        .iter()
        .rev()
        .take_while(|w| !breaks(w))
        .find_map(|w| casualty_cue(&w.s));
    back.or(fwd)
}

/// Subject refinements for people heads (see the module docs).
pub(super) fn refine_subject(
    subj: Option<Subject>,
    mods: &[&str],
    ws: &[W],
    hi: usize,
    at: usize,
) -> Option<Subject> {
    let head = ws.get(hi).map(|w| w.s.as_str());
    match subj {
        Some(Subject::Unknown) if head == Some("members") => {
            let of: Vec<&str> = ws
                .iter()
                .skip(hi + 1)
                .take(4)
                .map(|w| w.s.as_str())
                .collect();
            if of.first() != Some(&"of") {
                return subj;
            }
            if of.iter().any(|w| {
                matches!(
                    *w,
                    "security" | "army" | "police" | "military" | "forces" | "armed"
                )
            }) {
                Some(Subject::Personnel)
            } else if of
                .iter()
                .any(|w| matches!(*w, "isis" | "isil" | "daesh" | "militia" | "militias"))
            {
                Some(Subject::Combatants)
            } else {
                subj
            }
        }
        Some(Subject::Combatants)
            if mods.iter().any(|m| matches!(*m, "their" | "its" | "our"))
                || lost_before(ws, at) =>
        {
            let partner = ws[..at.min(ws.len())].iter().any(|w| {
                matches!(
                    w.s.as_str(),
                    "kurdish" | "kurds" | "sdf" | "ypg" | "peshmerga" | "iraqi" | "iraq’s"
                )
            });
            if partner {
                Some(Subject::Personnel)
            } else {
                subj
            }
        }
        s => s,
    }
}

/// "has lost 64 fighters": the fighters belong to whoever lost them.
fn lost_before(ws: &[W], at: usize) -> bool {
    ws[at.saturating_sub(3)..at.min(ws.len())]
        .iter()
        .any(|w| w.s == "lost")
}

/// True when the sentence before word `at` has the coalition conceding deaths.
pub(super) fn admitted(ws: &[W], at: usize) -> bool {
    ws[..at.min(ws.len())].iter().any(|w| {
        matches!(
            w.s.as_str(),
            "conceded"
                | "concedes"
                | "conceding"
                | "admitted"
                | "admits"
                | "acknowledged"
                | "acknowledges"
        )
    })
}

/// Extra casualty cues that need their neighbour: "people have left" →
/// displaced; "the SDF has lost 64 fighters" → killed.
pub(super) fn extra_cue(ws: &[W], k: usize) -> Option<Metric> {
    let w = ws.get(k)?;
    let prev = k.checked_sub(1).and_then(|p| ws.get(p))?;
    let aux = matches!(prev.s.as_str(), "have" | "has" | "had");
    match w.s.as_str() {
        "left" if aux => Some(Metric::Displaced),
        "lost" if aux => Some(Metric::Killed),
        _ => None,
    }
}

/// Index of the first word before the number's qualifier ("killed *at least* 40").
fn before_phrase(ws: &[W], at: usize) -> Option<usize> {
    let mut k = at.checked_sub(1)?;
    while ws
        .get(k)
        .is_some_and(|w| QUAL.contains(&w.s.as_str()) || w.s == "a" || is_quote(w))
    {
        k = k.checked_sub(1)?;
    }
    Some(k)
}

fn people_cue(m: Metric) -> bool {
    matches!(
        m,
        Metric::Killed | Metric::Injured | Metric::Missing | Metric::Displaced
    )
}

fn with_inherit(mut c: Counted, i: Inherit) -> Counted {
    c.inherit = i;
    c
}

/// What a number with no head noun counts, by the prose forms in the module
/// docs; None leaves it to the older rules.
pub(super) fn headless(ws: &[W], sentence: &str, at: usize, after: usize) -> Option<Counted> {
    if let Some(c) = targets::passive_target(ws, after) {
        return Some(c);
    }
    let next = |k: usize| ws.get(after + k).map(|w| w.s.as_str());
    // "326 of the deaths"
    if next(0) == Some("of") && matches!(next(1), Some("the" | "these" | "those")) {
        if let Some((Head::Deaths, _)) = head_at(ws, after + 2) {
            return Some(if admitted(ws, at) {
                counted(
                    Metric::Killed,
                    Some(Subject::Civilians),
                    "metric.killed.civilians",
                )
            } else {
                with_inherit(
                    counted(Metric::Killed, None, "metric.killed"),
                    Inherit::Subject,
                )
            });
        }
    }
    // "killed 18 of them", after "a group of foreign ISIS fighters"
    if next(0) == Some("of") && matches!(next(1), Some("them" | "whom")) {
        let mut k = after + 2;
        while ws
            .get(k)
            .is_some_and(|w| matches!(w.s.as_str(), "were" | "was" | "are" | "is"))
        {
            k += 1;
        }
        if head_at(ws, k).is_none() {
            // the group named before, with its modifiers ("SDF fighters" are
            // partner forces, "ISIS fighters" combatants)
            return super::ellipsis::of_uncounted_group(ws, at);
        }
        return None;
    }
    // "9,606 names of the dead"
    if next(0) == Some("names")
        && next(1) == Some("of")
        && ws
            .iter()
            .skip(after + 2)
            .take(2)
            .any(|w| matches!(w.s.as_str(), "dead" | "victims" | "killed"))
    {
        return Some(counted(
            Metric::Killed,
            Some(Subject::Unknown),
            "metric.killed.unknown",
        ));
    }
    // "101 civilians were killed inside the building and four more in a house"
    let more = next(0) == Some("more");
    // "at least four injured", "“more than five” were wounded", "about 20 were injured"
    let mut k = after + usize::from(more);
    let mut aux = 0;
    while aux < 3
        && ws.get(k).is_some_and(|w| {
            matches!(
                w.s.as_str(),
                "were" | "was" | "are" | "is" | "had" | "have" | "has" | "been" | "reportedly"
            )
        })
    {
        k += 1;
        aux += 1;
    }
    if let Some(m) = ws.get(k).and_then(|w| casualty_cue(&w.s)) {
        if people_cue(m) && !matches!(ws[k].s.as_str(), "toll" | "lives" | "victims") {
            let mut c = with_inherit(counted(m, None, metric_rule(m)), Inherit::Subject);
            // "Of the victims, 1,011 were killed in …": the victims the report counts
            if sentence
                .trim_start()
                .to_lowercase()
                .starts_with("of the victims")
            {
                c.fallback_subject = Some(Subject::Civilians);
            }
            return Some(c);
        }
    }
    let bp = before_phrase(ws, at);
    // "killed dozens,", "wounded 12,", "killed hundreds more." (a number that ends the text is more
    // likely cut off by a line break: "The bombardment killed 3")
    if let Some(b) = bp.and_then(|b| ws.get(b)) {
        let ends = ws
            .get(after + usize::from(more))
            .is_some_and(|w| w.punct || STOPS.contains(&w.s.as_str()));
        if ends
            && matches!(
                b.s.as_str(),
                "killed" | "killing" | "kills" | "wounded" | "wounding" | "injured" | "injuring"
            )
        {
            if let Some(m) = casualty_cue(&b.s) {
                return Some(with_inherit(
                    counted(m, None, metric_rule(m)),
                    Inherit::Subject,
                ));
            }
        }
    }
    if more
        && ws
            .get(after + 1)
            .is_none_or(|w| w.punct || STOPS.contains(&w.s.as_str()))
    {
        return Some(with_inherit(
            counted(Metric::Killed, None, "metric.inherited"),
            Inherit::All,
        ));
    }
    if let Some(c) = toll(ws, at) {
        return Some(c);
    }
    // "in excess of 7,300 and as high as 11,600": what the number before counts
    if let Some(b) = bp {
        let and = ws
            .get(b)
            .is_some_and(|w| matches!(w.s.as_str(), "and" | "or"));
        let num_before = b
            .checked_sub(1)
            .and_then(|p| ws.get(p))
            .is_some_and(|w| w.num);
        if and && num_before {
            return Some(with_inherit(
                counted(Metric::Killed, None, "metric.inherited"),
                Inherit::All,
            ));
        }
        // "Of these, 26 were graded": the count before
        let prev: Vec<&str> = ws[..at]
            .iter()
            .rev()
            .filter(|w| !w.punct)
            .take(3)
            .map(|w| w.s.as_str())
            .collect();
        let opens = ws[..at].iter().filter(|w| !w.punct).count() == 2;
        let statuses = ws.iter().any(|w| {
            matches!(
                w.s.as_str(),
                "credible" | "non-credible" | "duplicate" | "duplicates" | "assessed"
            )
        });
        if opens
            && !statuses
            && prev
                .first()
                .is_some_and(|w| matches!(*w, "these" | "those"))
            && prev.get(1) == Some(&"of")
            && sentence.trim_start().to_lowercase().starts_with("of ")
        {
            // "Of these, 1,200 were children": a subset by subject
            let mut k = after;
            while ws
                .get(k)
                .is_some_and(|w| matches!(w.s.as_str(), "were" | "was" | "are" | "is"))
            {
                k += 1;
            }
            if let Some(c) =
                super::ellipsis::partitive_head(ws, at, k).filter(|c| c.subject.is_some())
            {
                return Some(c);
            }
            return Some(with_inherit(
                counted(Metric::Killed, None, "metric.inherited"),
                Inherit::All,
            ));
        }
    }
    None
}

/// "put the toll at seven", "the toll “could be in the hundreds”", "the
/// civilian toll of the battle at 1,873", "puts the likely toll at in excess of 7,300".
fn toll(ws: &[W], at: usize) -> Option<Counted> {
    let lo = at.saturating_sub(9);
    let k = (lo..at)
        .rev()
        .find(|&k| matches!(ws[k].s.as_str(), "toll" | "tally"))?;
    // nothing but words between the noun and the number
    if ws[k + 1..at]
        .iter()
        .any(|w| w.num || (w.punct && !is_quote(w)))
    {
        return None;
    }
    let civilian = ws[k.saturating_sub(3)..k]
        .iter()
        .any(|w| w.s == "civilian" || w.s == "civilians");
    if civilian {
        return Some(counted(
            Metric::Killed,
            Some(Subject::Civilians),
            "metric.toll.civilians",
        ));
    }
    let mut c = counted(Metric::Killed, None, "metric.toll");
    c.inherit = Inherit::Subject;
    c.fallback_subject = Some(Subject::Civilians);
    Some(c)
}

#[cfg(test)]
mod tests;
