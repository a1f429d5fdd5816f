//! Target effects in the passive or as a participle: "six medical
//! facilities … had been damaged", "seven destroyed shops".

use super::super::{counted, object_text, people, Counted, NOT_OBJECT, STOPS, W};
use crate::claim::Metric;

/// "six medical facilities … had been damaged", "seven destroyed shops".
pub(super) fn passive_target(ws: &[W], after: usize) -> Option<Counted> {
    let effect = |w: &str| -> Option<(Metric, &'static str)> {
        Some(match w {
            "destroyed" => (Metric::Destroyed, "metric.destroyed"),
            "damaged" => (Metric::Damaged, "metric.damaged"),
            "hit" | "struck" | "targeted" | "bombed" | "shelled" => {
                (Metric::Struck, "metric.struck")
            }
            _ => return None,
        })
    };
    // participle before the noun: "seven destroyed shops"
    if let Some((m, r)) = ws.get(after).and_then(|w| effect(&w.s)) {
        if matches!(m, Metric::Destroyed | Metric::Damaged) {
            let np = noun_phrase(ws, after + 1)?;
            let mut c = counted(m, None, r);
            c.object = object_text(&ws[after + 1..np]);
            c.object.as_ref()?;
            return Some(c);
        }
    }
    // passive after the noun phrase (and a short "in the enclave")
    let np = noun_phrase(ws, after)?;
    let mut k = np;
    let mut n = 0;
    while let Some(w) = ws.get(k) {
        if w.punct || w.num || n > 8 {
            return None;
        }
        if matches!(w.s.as_str(), "been" | "were" | "was") {
            let (m, r) = ws.get(k + 1).and_then(|v| effect(&v.s))?;
            let mut c = counted(m, None, r);
            c.object = object_text(&ws[after..np]);
            c.object.as_ref()?;
            return Some(c);
        }
        k += 1;
        n += 1;
    }
    None
}

/// End of a plural noun phrase of up to 3 words starting at `from` that names
/// no people (people heads are counted elsewhere).
fn noun_phrase(ws: &[W], from: usize) -> Option<usize> {
    let mut end = from;
    while let Some(w) = ws.get(end) {
        if w.punct
            || w.num
            || STOPS.contains(&w.s.as_str())
            || super::super::is_number_word(&w.s)
            || end - from >= 3
            || people(&w.s).is_some()
        {
            break;
        }
        end += 1;
    }
    let last = ws.get(end.checked_sub(1)?)?;
    let plural = last.s.ends_with('s') && !last.s.ends_with("ss");
    let not_only_group = ws[from..end]
        .iter()
        .any(|w| !NOT_OBJECT.contains(&w.s.as_str()));
    (end > from && plural && not_only_group).then_some(end)
}
