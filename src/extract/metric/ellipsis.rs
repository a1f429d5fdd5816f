//! Numbers without a head noun of their own: partitives ("five of which",
//! "eight of the massacres", "Of those, nine were assessed as credible"),
//! predicates ("1,011 were killed"), elided verbs and nouns in lists ("ISIS
//! killed 411 civilians, the Kurdish-led forces killed 128, and armed
//! opposition factions 297"), and "puts the figure at …".

use super::reports::report_status;
use super::words::{casualty_cue, is_number_word, STOPS};
use super::{
    casualty_verb, counted, head_at, metric_rule, people_subject, prev_words, Counted, Head,
    Inherit, W,
};
use crate::claim::Metric;

/// A number with no head noun: what it counts, if the words around it say.
pub(super) fn inherited(ws: &[W], at: usize, after: usize, subset: bool) -> Option<Counted> {
    let next: Vec<&str> = ws
        .iter()
        .skip(after)
        .take(2)
        .map(|w| w.s.as_str())
        .collect();
    let prev = prev_words(ws, at);
    let of_which = next.first() == Some(&"of")
        && matches!(
            next.get(1).copied(),
            Some("which" | "them" | "whom" | "these" | "those")
        );
    let figure = ws
        .iter()
        .take(at)
        .rev()
        .filter(|w| !w.punct)
        .take(6)
        .any(|w| {
            matches!(
                w.s.as_str(),
                "figure" | "toll" | "tally" | "estimate" | "number"
            )
        })
        && prev
            .first()
            .is_some_and(|w| matches!(w.as_str(), "at" | "to" | "of" | "between" | "from"));
    // "eight of the massacres": a partitive with its own head
    // ("two of the victims" names them rather than counts them)
    if next.first() == Some(&"of") && next.get(1) == Some(&"the") {
        if let Some(c) = partitive_head(ws, at, after + 2).filter(|c| c.subject.is_none()) {
            return Some(c);
        }
    }
    if of_which {
        // "Seventeen of these reports", "three of them children", "41 of whom were children"
        let mut k = after + 2;
        while ws
            .get(k)
            .is_some_and(|w| matches!(w.s.as_str(), "were" | "was" | "are" | "is"))
        {
            k += 1;
        }
        if let Some(c) = partitive_head(ws, at, k) {
            return Some(c);
        }
        // "447 of those arrested were turned into enforced disappearances"
        if let Some(m) = predicate_cue(ws, after + 2) {
            let mut c = counted(m, None, metric_rule(m));
            c.inherit = Inherit::Subject;
            c.subset = true;
            return Some(c);
        }
        if next.get(1).is_some_and(|w| matches!(*w, "them" | "whom")) {
            if let Some(c) = of_uncounted_group(ws, at) {
                return Some(c);
            }
        }
    }
    // "seven civilians were killed and at least four injured"
    if let Some(m) = next.first().and_then(|w| participle_cue(w)) {
        let mut c = counted(m, None, metric_rule(m));
        c.inherit = Inherit::Subject;
        return Some(c);
    }
    let copula = next
        .first()
        .is_some_and(|w| matches!(*w, "were" | "was" | "are" | "remain" | "remained"));
    // "Of those, nine were assessed as credible": a report status after the verb
    if !of_which && copula {
        let status = ws
            .iter()
            .skip(after + 1)
            .take(5)
            .take_while(|w| !w.num && !is_number_word(&w.s) && w.s != "," && w.s != ";")
            .find_map(|w| match w.s.as_str() {
                "duplicates" | "duplicate" => {
                    Some((Metric::ReportsDuplicate, "metric.reports_duplicate"))
                }
                "non-credible" => Some((Metric::ReportsNonCredible, "metric.reports_non_credible")),
                "credible" => Some((Metric::ReportsCredible, "metric.reports_credible")),
                _ => None,
            });
        let reports = ws
            .get(..at)
            .unwrap_or(ws)
            .iter()
            .any(|w| w.s == "reports" || w.s == "report");
        if let (Some((m, r)), true) = (status, reports || partitive_sentence(ws)) {
            return Some(counted(m, None, r));
        }
        // "Of these, 1,412 were assessed as Fair": the set the sentence before
        // counted; "Of these, 1,200 were children": a subset by subject
        if back_reference(&prev) {
            if let Some(c) = partitive_head(ws, at, after + 1).filter(|c| c.subject.is_some()) {
                return Some(c);
            }
            let mut c = counted(Metric::Killed, None, "metric.inherited");
            c.inherit = Inherit::All;
            return Some(c);
        }
        // "Of the victims, 1,011 were killed in Eastern Ghouta"
        if let Some(m) = predicate_cue(ws, after) {
            let mut c = counted(m, None, metric_rule(m));
            c.inherit = Inherit::Subject;
            return Some(c);
        }
    }
    // "put the civilian toll of the battle at 1,873": a death toll
    if figure && !of_which && !subset {
        if let Some(t) = (0..at)
            .rev()
            .take(8)
            .find(|&k| ws.get(k).is_some_and(|w| w.s == "toll"))
        {
            let civilian = ws.get(t.wrapping_sub(1)).is_some_and(|w| w.s == "civilian");
            if civilian {
                return Some(counted(
                    Metric::Killed,
                    Some(crate::claim::Subject::Civilians),
                    "metric.killed.civilians",
                ));
            }
            let mut c = counted(Metric::Killed, None, "metric.killed");
            c.inherit = Inherit::Subject;
            return Some(c);
        }
    }
    if of_which || figure || subset {
        let mut c = counted(Metric::Killed, None, "metric.inherited");
        c.inherit = Inherit::All;
        c.subset = subset || of_which;
        return Some(c);
    }
    elided(ws, at, after, &prev)
}

/// A casualty participle right after a bare number ("four injured", "12
/// killed").
fn participle_cue(w: &str) -> Option<Metric> {
    matches!(
        w,
        "killed" | "injured" | "wounded" | "missing" | "displaced" | "arrested" | "detained"
    )
    .then(|| casualty_cue(w))
    .flatten()
}

/// "Of those" / "Of these" right before the number (punctuation skipped).
pub(super) fn back_reference(prev: &[String]) -> bool {
    prev.first()
        .is_some_and(|w| matches!(w.as_str(), "these" | "those"))
        && prev.get(1).is_some_and(|w| w == "of")
}

/// "a group of foreign ISIS fighters and killed 18 of them": "them" are the
/// nearest people named before without a number of their own.
pub(super) fn of_uncounted_group(ws: &[W], at: usize) -> Option<Counted> {
    let (m, r) = casualty_verb(ws, at, false)?;
    let hi = (0..at).rev().find(|&k| {
        matches!(head_at(ws, k), Some((Head::People(Some(_)), 1)))
            && !ws
                .get(k.wrapping_sub(1))
                .is_some_and(|w| w.num || is_number_word(&w.s))
            // the head of its phrase, not a modifier ("civilian casualty incidents")
            && ws
                .get(k + 1)
                .is_none_or(|w| w.punct || STOPS.contains(&w.s.as_str()))
    })?;
    let Some((Head::People(subj), _)) = head_at(ws, hi) else {
        return None;
    };
    let mods: Vec<&str> = ws
        .get(hi.saturating_sub(3)..hi)
        .unwrap_or(&[])
        .iter()
        .map(|w| w.s.as_str())
        .collect();
    let s = people_subject(subj, &mods, ws, hi, "");
    Some(counted(m, s, r))
}

/// The sentence opens with "Of those," / "Of these," / "Of them,".
fn partitive_sentence(ws: &[W]) -> bool {
    ws.first().is_some_and(|w| w.s == "of")
        && ws
            .get(1)
            .is_some_and(|w| matches!(w.s.as_str(), "those" | "these" | "them"))
}

/// The head after a partitive "of them" / "of the" at word `k`, as a subset.
pub(super) fn partitive_head(ws: &[W], at: usize, k: usize) -> Option<Counted> {
    let (h, _) = head_at(ws, k)?;
    let mut c = match h {
        Head::Reports => {
            let (m, r) = report_status(ws, at, &[], k + 1);
            return Some(counted(m, None, r));
        }
        Head::People(Some(s)) => {
            // "41 of whom were children" after "508 cases of arbitrary arrest"
            let m = casualty_verb(ws, at, true).map_or(Metric::Killed, |(m, _)| m);
            let mut c = counted(m, Some(s), "metric.inherited");
            c.inherit = Inherit::Metric;
            c
        }
        // "responsibility for 326 of the deaths": whose, the text before says
        Head::Deaths => {
            let mut c = counted(Metric::Killed, None, "metric.killed");
            c.inherit = Inherit::Subject;
            c
        }
        Head::Massacres => counted(Metric::Massacres, None, "metric.massacres"),
        Head::Arrests => counted(
            Metric::Arrested,
            Some(crate::claim::Subject::Unknown),
            "metric.arrested.unknown",
        ),
        Head::Incidents => counted(Metric::Incidents, None, "metric.incidents"),
        Head::Strikes => counted(Metric::Strikes, None, "metric.strikes"),
        _ => return None,
    };
    c.subset = true;
    Some(c)
}

/// The casualty cue of the predicate after word `from`: the first cue after
/// a copula ("were killed", "were turned into enforced disappearances"),
/// within the clause.
fn predicate_cue(ws: &[W], from: usize) -> Option<Metric> {
    let mut seen_copula = false;
    for w in ws.iter().skip(from).take(12) {
        if w.punct && !matches!(w.s.as_str(), "-" | "”" | "\"" | "’") {
            return None;
        }
        if matches!(
            w.s.as_str(),
            "were" | "was" | "are" | "is" | "remain" | "remained" | "been"
        ) {
            seen_copula = true;
            continue;
        }
        if seen_copula {
            if let Some(m) = casualty_cue(&w.s) {
                return Some(m);
            }
        }
    }
    None
}

/// A bare number in a list whose verb or noun is elided: "forces killed 128",
/// "Russian forces committed three", "factions of the armed opposition 61",
/// "and 28 by Russian forces".
fn elided(ws: &[W], at: usize, after: usize, prev: &[String]) -> Option<Counted> {
    let next = ws.get(after);
    // (a number that ends the text is more likely cut off by a line break)
    let bare = match next {
        None => false,
        Some(w) if w.punct => matches!(w.s.as_str(), "," | "." | ";"),
        Some(w) => matches!(w.s.as_str(), "and" | "by" | "while" | "but" | "more"),
    };
    if !bare {
        return None;
    }
    // "killed 128,": the verb says the metric, whose victims the block says
    if let Some(m) = prev.first().and_then(|w| casualty_cue(w)) {
        if matches!(
            m,
            Metric::Killed | Metric::Injured | Metric::Arrested | Metric::Missing
        ) && prev
            .first()
            .is_some_and(|w| w.ends_with("ed") || w == "lost")
        {
            let mut c = counted(m, None, metric_rule(m));
            c.inherit = Inherit::Subject;
            return Some(c);
        }
    }
    // the elided noun: the count before it in the sentence said what is counted
    let first = earlier_count(ws, at)?;
    // the list item: words since the last comma / "and" before the number
    let delim = (first + 1..at).rev().find(|&k| {
        ws.get(k)
            .is_some_and(|w| matches!(w.s.as_str(), "," | ";" | "and" | "while"))
    })?;
    let item = ws.get(delim + 1..at)?;
    let ok = match item {
        // "and 28 by Russian forces": the agent follows; "and four more"
        [] => next.is_some_and(|w| w.s == "by" || w.s == "more"),
        // "Russian forces committed three": the verb of the first count, again
        [.., v] if v.s.ends_with("ed") => ws.iter().take(first).any(|w| w.s == v.s),
        // "factions of the armed opposition 61": a party, verb and noun elided
        _ => {
            item.len() <= 6
                && item.iter().all(|w| {
                    !w.punct
                        && !w.num
                        && !is_number_word(&w.s)
                        && (!STOPS.contains(&w.s.as_str()) || matches!(w.s.as_str(), "of" | "the"))
                })
        }
    };
    if !ok {
        return None;
    }
    let mut c = counted(Metric::Killed, None, "metric.inherited");
    c.inherit = Inherit::All;
    Some(c)
}

/// The first number before word `at` in the sentence that has a head noun of
/// its own (or a partitive "of them", "of the massacres").
fn earlier_count(ws: &[W], at: usize) -> Option<usize> {
    (0..at.min(ws.len())).find(|&j| {
        let Some(w) = ws.get(j) else { return false };
        let number = w.num || (is_number_word(&w.s) && !matches!(w.s.as_str(), "a" | "an"));
        number
            && (j + 1..(j + 5).min(at)).any(|k| {
                head_at(ws, k).is_some() || (k == j + 1 && ws.get(k).is_some_and(|x| x.s == "of"))
            })
    })
}
