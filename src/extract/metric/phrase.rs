//! Sentence shapes around a number: definitions, the start of its noun
//! phrase, list items ("Russian forces: 1,436 civilians") and the verb "lost".

use super::words::{casualty_cue, is_number_word, STOPS};
use super::W;
use crate::claim::Metric;

/// "SNHR defines a massacre as an attack that kills five or more …", "a
/// strike is defined as …": a definition, whose numbers are no counts.
pub(super) fn is_definition(ws: &[W]) -> bool {
    ws.iter().enumerate().any(|(i, w)| match w.s.as_str() {
        "defines" | "define" => ws.iter().skip(i + 1).take(6).any(|x| x.s == "as"),
        "defined" => ws.get(i + 1).is_some_and(|x| x.s == "as"),
        "definition" => ws.get(i + 1).is_some_and(|x| x.s == "of"),
        _ => false,
    })
}

/// The first word after the number phrase past footnote marks and closing
/// quotes ("34,573* strikes", "“more than five” were wounded").
pub(super) fn skip_marks(ws: &[W], after: usize) -> usize {
    let mut k = after;
    while ws
        .get(k)
        .is_some_and(|w| matches!(w.s.as_str(), "*" | "†" | "**" | "”" | "\"" | "’"))
    {
        k += 1;
    }
    k
}

/// Where the noun phrase after the number starts: after "or so" ("a dozen or
/// so” soldiers") and after the "of" of a vague count ("hundreds of their
/// soldiers", "dozens of civilians").
pub(super) fn noun_phrase_start(ws: &[W], at: usize, after: usize) -> usize {
    let mut k = after;
    if ws.get(k).is_some_and(|w| w.s == "or") && ws.get(k + 1).is_some_and(|w| w.s == "so") {
        k = skip_marks(ws, k + 2);
    }
    let vague = ws.get(at).is_some_and(|w| {
        matches!(
            w.s.as_str(),
            "dozens" | "hundreds" | "thousands" | "scores" | "tens" | "millions"
        )
    });
    if vague && ws.get(k).is_some_and(|w| w.s == "of") {
        k += 1;
        if ws.get(k).is_some_and(|w| {
            matches!(
                w.s.as_str(),
                "the" | "their" | "its" | "his" | "her" | "our" | "those" | "these"
            )
        }) {
            k += 1;
        }
    }
    k
}

/// A casualty verb in the clause after word `from` ("One strike on 17 March
/// killed …").
pub(super) fn cue_after(ws: &[W], from: usize) -> bool {
    ws.iter()
        .skip(from)
        .take(8)
        .take_while(|w| !(w.punct && matches!(w.s.as_str(), "," | ";" | "." | ":")))
        .any(|w| casualty_cue(&w.s).is_some())
}

/// "Syrian Regime forces: 4,148 civilians": the number opens a list item
/// after a label and its colon.
pub(super) fn after_colon(ws: &[W], at: usize) -> bool {
    at >= 2
        && ws.get(at - 1).is_some_and(|w| w.s == ":")
        && ws.get(at - 2).is_some_and(|w| !w.punct && !w.num)
}

/// The fighters belong to a partner force named before them: the subject of
/// "lost" ("The SDF has lost 64 fighters") or the owner of "their" ("Kurdish
/// officials said dozens of their fighters had been killed"). They are
/// personnel.
pub(super) fn partner_owned(ws: &[W], at: usize, mods: &[&str]) -> bool {
    let upto = at.min(ws.len());
    let lost = ws
        .iter()
        .take(upto)
        .rposition(|w| matches!(w.s.as_str(), "lost" | "lose" | "losing" | "loses"));
    let anchor = match lost {
        Some(v) => v,
        None if mods.contains(&"their") => upto,
        None => return false,
    };
    let owner = ws.get(anchor.saturating_sub(6)..anchor).unwrap_or(&[]);
    owner.iter().any(|w| {
        matches!(
            w.s.as_str(),
            "sdf"
                | "iraqi"
                | "kurdish"
                | "peshmerga"
                | "ypg"
                | "partner"
                | "coalition"
                | "security"
                | "army"
        )
    })
}

/// A strike effect written as a participle before its noun ("seven
/// destroyed shops") or after an auxiliary ("had been damaged").
pub(super) fn effect_participle(w: &str) -> Option<(Metric, &'static str)> {
    Some(match w {
        "destroyed" => (Metric::Destroyed, "metric.destroyed"),
        "damaged" => (Metric::Damaged, "metric.damaged"),
        "hit" | "struck" | "targeted" => (Metric::Struck, "metric.struck"),
        _ => return None,
    })
}

/// Where a noun phrase of unlisted words after `after` ends (up to four
/// words; None when there is none).
pub(super) fn unlisted_noun_end(ws: &[W], after: usize) -> Option<usize> {
    let mut end = after;
    while let Some(w) = ws.get(end) {
        if w.punct
            || w.num
            || STOPS.contains(&w.s.as_str())
            || is_number_word(&w.s)
            || end - after >= 4
        {
            break;
        }
        end += 1;
    }
    (end > after).then_some(end)
}

/// "… in the enclave had been damaged", "… were destroyed": a strike effect
/// in the predicate within the clause from word `from`.
pub(super) fn target_predicate(ws: &[W], from: usize) -> Option<(Metric, &'static str)> {
    let clause: Vec<&W> = ws
        .iter()
        .skip(from)
        .take(9)
        .take_while(|w| !w.punct)
        .collect();
    clause.windows(2).find_map(|p| {
        let aux = matches!(
            p.first()?.s.as_str(),
            "had" | "have" | "has" | "were" | "was" | "are" | "been"
        );
        aux.then(|| effect_participle(&p.get(1)?.s)).flatten()
    })
}
