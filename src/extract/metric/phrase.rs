//! Sentence shapes around a number: definitions, the start of its noun
//! phrase, list items ("Russian forces: 1,436 civilians") and the verb "lost".

use super::words::casualty_cue;
use super::W;

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

/// Where the noun phrase after the number starts: after a footnote mark
/// ("34,573* strikes") or a closing quote ("“a dozen or so” soldiers"), and after the "of" of a vague count ("hundreds of
/// their soldiers", "dozens of civilians").
pub(super) fn noun_phrase_start(ws: &[W], at: usize, after: usize) -> usize {
    let mut k = after;
    // "a dozen or so soldiers"
    if ws.get(k).is_some_and(|w| w.s == "or") && ws.get(k + 1).is_some_and(|w| w.s == "so") {
        k += 2;
    }
    while ws
        .get(k)
        .is_some_and(|w| matches!(w.s.as_str(), "*" | "†" | "**" | "”" | "\"" | "’"))
    {
        k += 1;
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
