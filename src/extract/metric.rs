//! What a number counts: metric, subject and object, from the words around it
//! in its sentence, or from a table header or key/value label.
//!
//! The noun phrase after a number gives its head ("12 unintentional civilian
//! *deaths*", "three ISIS *tactical units*", "43 civilian casualty allegation
//! *reports*"); the head is the last known noun before a stop word. People
//! heads take their metric from the nearest casualty verb in the sentence
//! (killed, injured, missing, fled, arrested); target heads from the nearest
//! strike verb (engaged/struck → `struck`, destroyed, damaged); report heads
//! from their status words (new, open, credible, "were assessed to be
//! non-credible", "still open").
//!
//! Partner forces ("SDF fighters", "Iraqi soldiers") are `personnel`, never
//! civilians; ISIS fighters are `combatants`.

mod ellipsis;
mod phrase;
mod prose;
mod reports;
mod words;

use super::numbers::lex::{lex, Kind};
use crate::claim::{Metric, Subject};
use ellipsis::{back_reference, inherited};
use phrase::{
    after_colon, cue_after, effect_participle, is_definition, noun_phrase_start, partner_owned,
    skip_marks, target_predicate, unlisted_noun_end,
};
use reports::report_status;
use words::{casualty_cue, is_number_word, people, NOT_OBJECT, STOPS, TARGETS};

/// What a number counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Counted {
    /// The metric.
    pub metric: Metric,
    /// Who or what (null for strikes, reports, target effects).
    pub subject: Option<Subject>,
    /// The target for `struck`/`destroyed`/`damaged` ("oil stills").
    pub object: Option<String>,
    /// How it was decided, for the claim's rule (`metric.killed.civilians`).
    pub rule: String,
    /// True for a subset of the previous claim ("including 1,211 children").
    pub subset: bool,
    /// What the assembler must take from the previous claim in the block.
    pub inherit: Inherit,
    /// For labels: the metric is the default (deaths), the label named only
    /// a subject ("Children"); a table row may lend its own ("Arrests").
    pub implied_metric: bool,
    /// With [`Inherit::Subject`]: the subject when no earlier claim of the
    /// block has one ("the toll" is the civilian toll).
    pub fallback_subject: Option<Subject>,
}

/// What a number takes from the claim before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inherit {
    /// Nothing: the sentence says it all.
    Nothing,
    /// The subject ("three others were injured").
    Subject,
    /// Metric and subject ("puts the figure at …", "five of which").
    All,
    /// The metric; the subject is this claim's own ("including 3 children").
    Metric,
}

/// A word of the sentence, lower-cased, with its byte span.
#[derive(Debug, Clone)]
struct W {
    s: String,
    start: usize,
    end: usize,
    /// A punctuation mark rather than a word.
    punct: bool,
    /// A number token (digits).
    num: bool,
}

impl W {
    /// Byte offset just past the word (kept for callers that slice spans).
    #[allow(dead_code)]
    fn end(&self) -> usize {
        self.end
    }
}

fn words(text: &str) -> Vec<W> {
    lex(text)
        .into_iter()
        .map(|t| W {
            s: text.get(t.start..t.end).unwrap_or("").to_lowercase(),
            start: t.start,
            end: t.end,
            punct: t.kind == Kind::Punct,
            num: t.kind == Kind::Digits,
        })
        .collect()
}

/// The head nouns a count can have.
#[derive(Debug, Clone, PartialEq)]
enum Head {
    People(Option<Subject>),
    Deaths,
    Injuries,
    Casualties,
    Strikes,
    Engagements,
    Target(&'static str),
    Reports,
    Incidents,
    Massacres,
    Arrests,
}

/// Matches a head noun starting at word `i`; returns it and the words it spans.
fn head_at(ws: &[W], i: usize) -> Option<(Head, usize)> {
    let w = ws.get(i)?.s.as_str();
    for (t, canon) in TARGETS {
        let parts: Vec<&str> = t.split(' ').collect();
        if parts
            .iter()
            .enumerate()
            .all(|(k, p)| ws.get(i + k).is_some_and(|x| x.s == *p))
        {
            return Some((Head::Target(canon), parts.len()));
        }
    }
    let two = ws.get(i + 1).map(|x| x.s.as_str());
    match (w, two) {
        ("medical", Some("personnel" | "workers" | "worker" | "staff")) => {
            return Some((Head::People(Some(Subject::MedicalWorkers)), 2))
        }
        ("media", Some("workers" | "worker" | "activists" | "personnel")) => {
            return Some((Head::People(Some(Subject::MediaWorkers)), 2))
        }
        ("service", Some("members")) => return Some((Head::People(Some(Subject::Personnel)), 2)),
        ("air", Some("strikes" | "strike")) => return Some((Head::Strikes, 2)),
        ("cases", _) => {
            // "cases of arbitrary arrest"
            let arrest = ws.iter().skip(i + 1).take(4).any(|x| {
                matches!(
                    x.s.as_str(),
                    "arrest" | "arrests" | "detention" | "abduction" | "disappearance"
                )
            });
            return arrest.then_some((Head::Arrests, 1));
        }
        _ => {}
    }
    let h = match w {
        "strikes" | "strike" | "airstrikes" | "airstrike" => Head::Strikes,
        "engagements" | "engagement" => Head::Engagements,
        "deaths" | "death" | "dead" | "fatalities" | "killings" => Head::Deaths,
        "injuries" | "wounded" => Head::Injuries,
        "casualties" => Head::Casualties,
        "reports" | "report" | "allegations" | "allegation" => Head::Reports,
        "incidents" | "incident" => Head::Incidents,
        "massacres" | "massacre" => Head::Massacres,
        "arrests" | "detentions" => Head::Arrests,
        "personnel" | "staff" => Head::People(Some(Subject::Personnel)),
        _ => Head::People(people(w)?),
    };
    Some((h, 1))
}

/// Decides what the number at `start..end` (bytes of `sentence`, qualifier
/// phrase ending at `phrase_end`) counts. None when it counts nothing known.
pub fn classify(sentence: &str, start: usize, phrase_end: usize) -> Option<Counted> {
    if prose::is_definition(sentence) {
        return None;
    }
    let ws = words(sentence);
    // index of the first word after the number phrase, and of the number itself
    let after = ws
        .iter()
        .position(|w| w.start >= phrase_end)
        .unwrap_or(ws.len());
    let after = skip_marks(&ws, after);
    let at = ws.iter().position(|w| w.start >= start).unwrap_or(ws.len());
    // closing quotes, footnote marks and the "of" of a vague count skipped
    // ("“dozens” of people"); the noun phrase may start later still
    // ("hundreds of the civilians")
    let after_phrase = after;
    let after = prose::noun_start(&ws, at, after_phrase);
    let before = prev_words(&ws, at);
    if is_definition(&ws) {
        return None;
    }
    // noun phrase: up to 6 words, last known head wins
    let mut head: Option<(Head, usize, usize)> = None;
    let mut k = noun_phrase_start(&ws, at, after_phrase).max(after);
    let mut n = 0;
    while k < ws.len() && n < 6 {
        let w = &ws[k];
        if w.punct || w.num {
            // "non-credible" lexes as one word; other punctuation ends the phrase
            break;
        }
        if let Some((h, len)) = head_at(&ws, k) {
            head = Some((h, k, len));
            k += len;
            n += len;
            // "command and control nodes" consumed; a plain head may be a modifier
            continue;
        }
        if (STOPS.contains(&w.s.as_str()) && !prose::is_group_acronym(sentence, w))
            || is_number_word(&w.s)
        {
            break;
        }
        // after the head, a verb ends the phrase ("three strikes engaged …")
        if head.is_some() && (w.s.ends_with("ed") || w.s.ends_with("ing")) {
            break;
        }
        k += 1;
        n += 1;
    }
    let subset = is_subset(sentence, &ws, at);
    let Some((h, hi, hlen)) = head else {
        // "destroyed five ISIS caves": an unlisted target governed by a strike verb
        if let Some(c) = unlisted_target(&ws, at, after) {
            return Some(c);
        }
        if let Some(c) = prose::headless(&ws, sentence, at, after) {
            return Some(c);
        }
        return inherited(&ws, at, after_phrase, subset);
    };
    let mods: Vec<&str> = ws[after..hi].iter().map(|w| w.s.as_str()).collect();
    let tail_start = hi + hlen;
    let mut c = match h {
        Head::Strikes => {
            // "a lone vehicle is one strike": the definition, not a count
            if before.first().is_some_and(|w| w == "is") {
                return None;
            }
            // "One strike on 17 March killed 105 civilians": names the strike
            if ws.get(at).is_some_and(|w| w.s == "one") && cue_after(&ws, tail_start) {
                return None;
            }
            counted(Metric::Strikes, None, "metric.strikes")
        }
        Head::Engagements => counted(Metric::Engagements, None, "metric.engagements"),
        Head::Target(_) => {
            let (m, r) = target_verb(&ws, at).unwrap_or((Metric::Struck, "metric.struck"));
            let mut c = counted(m, None, r);
            c.object = object_text(&ws[after..tail_start]);
            c
        }
        Head::Reports => {
            let (m, r) = report_status(&ws, at, &mods, tail_start);
            let mut c = counted(m, None, r);
            // "Of those 19 reports, eight were duplicates": the 19 named before
            if back_reference(&before) {
                c.inherit = Inherit::All;
            }
            c
        }
        Head::Incidents => counted(Metric::Incidents, None, "metric.incidents"),
        Head::Massacres => counted(Metric::Massacres, None, "metric.massacres"),
        Head::Arrests => counted(Metric::Arrested, Some(Subject::Unknown), "metric.arrested"),
        Head::Deaths => {
            // "conceded 874 deaths": whose deaths the block says (see Inherit::Subject)
            let torture = ws.iter().skip(tail_start).take(4).any(|w| w.s == "torture");
            let s = subject_from_mods(&mods)
                .or(torture.then_some(Subject::Detainees))
                .or(prose::admitted(&ws, at).then_some(Subject::Civilians))
                .or_else(|| {
                    sentence
                        .to_lowercase()
                        .contains("civilian")
                        .then_some(Subject::Civilians)
                });
            let mut c = counted(Metric::Killed, s, "metric.killed");
            if s.is_none() {
                c.inherit = Inherit::Subject;
            }
            c
        }
        Head::Injuries => {
            let s = subject_from_mods(&mods).unwrap_or(Subject::Civilians);
            counted(Metric::Injured, Some(s), "metric.injured")
        }
        Head::Casualties => {
            let s = subject_from_mods(&mods).unwrap_or(Subject::Unknown);
            counted(Metric::Casualties, Some(s), "metric.casualties")
        }
        Head::People(subj) => {
            let subj = people_subject(subj, &mods, &ws, hi, sentence);
            let subj = prose::refine_subject(subj, &mods, &ws, hi, at);
            let verb = prose::head_metric(&ws, hi, at).or_else(|| casualty_verb(&ws, at, subset));
            let Some((m, r)) = verb else {
                if subj.is_none() || subset {
                    // "three others", "including 3 children": metric from the claim before
                    let mut c = counted(Metric::Killed, subj, "metric.inherited");
                    c.inherit = if subj.is_none() {
                        Inherit::All
                    } else {
                        Inherit::Metric
                    };
                    c.subset = subset;
                    return Some(c);
                }
                // "Russian forces: 1,436 civilians": a toll by party, as in a
                // table; "recovered 2,521 bodies": bodies are the dead
                let bodies = ws
                    .get(hi)
                    .is_some_and(|w| matches!(w.s.as_str(), "bodies" | "corpses"));
                if after_colon(&ws, at) || bodies {
                    let mut c = counted(Metric::Killed, subj, "metric.killed");
                    c.implied_metric = true;
                    return Some(with_subject_rule(c));
                }
                return None;
            };
            let subj = match subj {
                Some(Subject::Combatants) if partner_owned(&ws, at, &mods) => {
                    Some(Subject::Personnel)
                }
                s => s,
            };
            let mut c = counted(m, subj, r);
            if subj.is_none() {
                c.inherit = Inherit::Subject;
            }
            if m == Metric::Killed
                && matches!(subj, None | Some(Subject::Unknown))
                && sentence.to_lowercase().contains("torture")
            {
                c.subject = Some(Subject::Detainees);
            }
            c
        }
    };
    c.subset = subset;
    if subset && matches!(c.metric, Metric::Killed) && c.rule == "metric.killed" {
        c.inherit = Inherit::Metric;
    }
    Some(with_subject_rule(c))
}

/// Appends the subject to the rule name (`metric.killed.civilians`).
fn with_subject_rule(mut c: Counted) -> Counted {
    if let Some(s) = c.subject {
        c.rule = format!("{}.{}", c.rule, subject_name(s));
    }
    c
}

fn counted(metric: Metric, subject: Option<Subject>, rule: &str) -> Counted {
    Counted {
        metric,
        subject,
        object: None,
        rule: rule.to_string(),
        subset: false,
        inherit: Inherit::Nothing,
        implied_metric: false,
        fallback_subject: None,
    }
}

/// The snake_case name of a subject, for rule names.
pub fn subject_name(s: Subject) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The snake_case name of a metric, for rule names.
pub fn metric_name(m: Metric) -> String {
    serde_json::to_value(m)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Up to 3 words before index `at`, nearest first (punctuation skipped).
fn prev_words(ws: &[W], at: usize) -> Vec<String> {
    ws[..at.min(ws.len())]
        .iter()
        .rev()
        .filter(|w| !w.punct)
        .take(3)
        .map(|w| w.s.clone())
        .collect()
}

/// "including 3 children and 2 women": the numbers after "including" (or
/// "among them", "of whom") with only number phrases in between.
fn is_subset(sentence: &str, ws: &[W], at: usize) -> bool {
    let Some(w) = ws.get(at) else { return false };
    let before = sentence.get(..w.start).unwrap_or("").to_lowercase();
    let Some(p) = ["including ", "among them ", "of whom ", "among whom "]
        .iter()
        .filter_map(|k| before.rfind(k).map(|i| i + k.len()))
        .max()
    else {
        return false;
    };
    let between = &before[p..];
    // names and clauses between cue and number: "among them Fatima al-Hassan, 34"
    let orig = sentence.get(..w.start).unwrap_or("");
    let orig_between = orig
        .get(orig.len().saturating_sub(between.len())..)
        .unwrap_or("");
    between.len() < 48
        && !orig_between.chars().any(char::is_uppercase)
        && ![
            "were", "was", "killed", "injured", "said", ";", "(", "that ",
        ]
        .iter()
        .any(|x| between.contains(x))
}

/// Subject from the modifiers of a deaths/casualties head ("civilian deaths").
fn subject_from_mods(mods: &[&str]) -> Option<Subject> {
    mods.iter().rev().find_map(|m| people(m).flatten())
}

fn people_subject(
    subj: Option<Subject>,
    mods: &[&str],
    ws: &[W],
    hi: usize,
    sentence: &str,
) -> Option<Subject> {
    let partner = mods.iter().any(|m| {
        matches!(
            *m,
            "sdf"
                | "partner"
                | "partnered"
                | "iraqi"
                | "kurdish"
                | "government"
                | "security"
                | "peshmerga"
                | "ypg"
                | "coalition"
                | "allied"
                | "afghan"
        )
    });
    match subj {
        Some(Subject::Combatants) if partner => Some(Subject::Personnel),
        Some(Subject::Unknown) => {
            let next2: Vec<&str> = ws
                .iter()
                .skip(hi + 1)
                .take(4)
                .map(|w| w.s.as_str())
                .collect();
            let low = sentence.to_lowercase();
            if ws.get(hi).is_some_and(|w| w.s == "members")
                && next2.iter().any(|w| matches!(*w, "family" | "families"))
            {
                Some(Subject::Civilians)
            } else if ws.get(hi).is_some_and(|w| w.s == "members")
                && ws.get(hi + 1).is_some_and(|w| w.s == "of")
                && next2.iter().any(|w| {
                    matches!(
                        *w,
                        "security" | "army" | "police" | "armed" | "military" | "sdf" | "peshmerga"
                    )
                })
            {
                // "1,200 members of the security forces"
                Some(Subject::Personnel)
            } else if low.contains("torture") {
                Some(Subject::Detainees)
            } else if mods.contains(&"civilian") {
                Some(Subject::Civilians)
            } else {
                Some(Subject::Unknown)
            }
        }
        s => s,
    }
}

/// The nearest casualty cue to word `at` in the sentence (backward preferred).
///
/// A subset ("including 3 children") takes the verb of its parent: the
/// nearest before it, if any.
fn casualty_verb(ws: &[W], at: usize, subset: bool) -> Option<(Metric, &'static str)> {
    let mut best: Option<(usize, Metric)> = None;
    for (k, w) in ws.iter().enumerate() {
        let Some(m) = casualty_cue(&w.s).or_else(|| prose::extra_cue(ws, k)) else {
            continue;
        };
        let (lo, hi) = if k < at { (k, at) } else { (at, k) };
        // a comma between cue and number weakens the link
        let commas = ws[lo..hi]
            .iter()
            .filter(|w| matches!(w.s.as_str(), "," | "and" | "but" | "while"))
            .count()
            * 6;
        let d = if k < at {
            (at - k) * 2 + commas
        } else if subset {
            1000 + k - at
        } else {
            (k - at) * 2 + 1 + commas
        };
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, m));
        }
    }
    let (_, m) = best?;
    Some((m, metric_rule(m)))
}

fn metric_rule(m: Metric) -> &'static str {
    match m {
        Metric::Killed => "metric.killed",
        Metric::Injured => "metric.injured",
        Metric::Missing => "metric.missing",
        Metric::Displaced => "metric.displaced",
        Metric::Arrested => "metric.arrested",
        Metric::Casualties => "metric.casualties",
        _ => "metric.other",
    }
}

/// The strike verb governing a target count: nearest before it in the sentence.
fn target_verb(ws: &[W], at: usize) -> Option<(Metric, &'static str)> {
    for w in ws[..at.min(ws.len())].iter().rev() {
        match w.s.as_str() {
            "destroyed" | "destroying" | "destroy" => {
                return Some((Metric::Destroyed, "metric.destroyed"))
            }
            "damaged" | "damaging" | "cratered" => {
                return Some((Metric::Damaged, "metric.damaged"))
            }
            "engaged" | "struck" | "hit" | "targeted" | "suppressed" | "engaging" | "striking" => {
                return Some((Metric::Struck, "metric.struck"))
            }
            _ if casualty_cue(&w.s).is_some() => return None,
            _ => {}
        }
    }
    None
}

/// The target noun phrase as written, lower-case, without the group name.
fn object_text(ws: &[W]) -> Option<String> {
    let words: Vec<&str> = ws
        .iter()
        .filter(|w| !w.punct && !NOT_OBJECT.contains(&w.s.as_str()))
        .map(|w| w.s.as_str())
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A count governed by a strike verb whose noun is not in [`TARGETS`].
fn unlisted_target(ws: &[W], at: usize, after: usize) -> Option<Counted> {
    // "at least seven destroyed shops": the participle before the noun
    let (after, before_noun) = match ws.get(after).and_then(|w| effect_participle(&w.s)) {
        Some(m) => (after + 1, Some(m)),
        None => (after, None),
    };
    let (m, r) = match before_noun.or_else(|| target_verb(ws, at)) {
        Some(m) => m,
        None => {
            // "six medical facilities … had been damaged": the predicate after
            let (m, r) = unlisted_noun_end(ws, after).and_then(|end| target_predicate(ws, end))?;
            (m, r)
        }
    };
    let end = unlisted_noun_end(ws, after).unwrap_or(after);
    // the phrase must end in a plural or known singular noun, not an adverb
    let last = ws.get(end.checked_sub(1)?)?;
    if end == after
        || !(last.s.ends_with('s')
            || ws[after..end]
                .iter()
                .any(|w| NOT_OBJECT.contains(&w.s.as_str())))
    {
        return None;
    }
    let mut c = counted(m, None, r);
    c.object = object_text(&ws[after..end]);
    c.object.as_ref()?;
    Some(c)
}

/// What a table header or key/value label says a number counts
/// ("Civilians reported killed", "Likely civilian deaths (min – max)",
/// "Alleged incidents", "Children"). People without a verb are deaths: these
/// headers head death-toll tables.
pub fn classify_label(label: &str) -> Option<Counted> {
    let ws = words(label);
    let mut subject = None;
    let mut metric = None;
    let mut object = None;
    let mut i = 0;
    while i < ws.len() {
        if let Some((h, len)) = head_at(&ws, i) {
            match h {
                Head::People(s) => subject = subject.or(s),
                Head::Deaths => metric = Some(Metric::Killed),
                Head::Injuries => metric = Some(Metric::Injured),
                Head::Casualties => metric = metric.or(Some(Metric::Casualties)),
                Head::Strikes => metric = Some(Metric::Strikes),
                Head::Engagements => metric = Some(Metric::Engagements),
                Head::Target(o) => {
                    metric = Some(Metric::Struck);
                    object = Some(o.to_string());
                }
                Head::Reports => {
                    let mods: Vec<&str> = ws[..i].iter().map(|w| w.s.as_str()).collect();
                    metric = Some(report_status(&ws, 0, &mods, i + 1).0);
                }
                Head::Incidents => metric = Some(Metric::Incidents),
                Head::Massacres => metric = Some(Metric::Massacres),
                Head::Arrests => metric = Some(Metric::Arrested),
            }
            i += len;
            continue;
        }
        if let Some(m) = casualty_cue(&ws[i].s) {
            if metric.is_none() || m != Metric::Killed {
                metric = Some(m);
            }
        }
        i += 1;
    }
    let implied = metric.is_none();
    let metric = match (metric, subject) {
        (Some(m), _) => m,
        (None, Some(_)) => Metric::Killed,
        (None, None) => return None,
    };
    let subject = match metric {
        Metric::Killed
        | Metric::Injured
        | Metric::Casualties
        | Metric::Missing
        | Metric::Displaced
        | Metric::Arrested => Some(subject.unwrap_or(Subject::Unknown)),
        _ => None,
    };
    let mut c = counted(metric, subject, &format!("label.{}", metric_name(metric)));
    if let Some(s) = subject {
        c.rule = format!("{}.{}", c.rule, subject_name(s));
    }
    c.object = object;
    c.implied_metric = implied;
    Some(c)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod prose_tests;
