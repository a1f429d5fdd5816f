//! Claimants (who asserts a number) and perpetrators (who caused the harm).
//!
//! | module | holds |
//! | --- | --- |
//! | `orgs` | the organisations and their aliases, kinds decided and documented |
//! | `perpetrators` | the parties held responsible for harm |
//!
//! A mention `speaks` when the text makes it the source of what follows or
//! precedes: "X said/says/estimates/documented/assesses/reported/recorded/
//! counted/puts the figure at", "according to X", "X's figures/data/report",
//! also across an apposition ("Airwars, a London-based monitoring group, puts
//! the figure at …").

mod orgs;
mod perpetrators;

pub use perpetrators::{find_perpetrators, PerpetratorMention};

use crate::claim::Claimant;
use crate::extract::dates::{ascii_boundaries, compile};
use regex::{Regex, RegexSet};
use std::sync::OnceLock;

/// An organisation named in text.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimantMention {
    /// Byte offset of the name.
    pub start: usize,
    /// Byte offset just past the name.
    pub end: usize,
    /// The organisation, aliases resolved.
    pub claimant: Claimant,
    /// True when the text makes it the speaker ("X said", "according to X").
    pub speaks: bool,
    /// The document's own voice ("our estimate of", "we estimate that"): the
    /// claimant is the publisher, not `claimant` (left empty). Its `start`
    /// and `end` are both the end of the phrase, where its number follows.
    pub own_voice: bool,
}

struct Matchers {
    /// (alias regex, org) pairs.
    aliases: Vec<(Regex, &'static orgs::Org)>,
    /// The same aliases as one set: a single pass tells which ones occur at all.
    any: Option<RegexSet>,
    /// Contexts where an alias is not the organisation ("since the start of Operation Inherent Resolve").
    not_org_before: Regex,
    speaks_after: Regex,
    possessive_after: Regex,
    speaks_before: Regex,
    parenthesis: Regex,
    /// "according to its report" later in the sentence makes the organisation the source.
    according_to_its: Regex,
    /// "X investigation published in May 2017 concluded": the body's own finding.
    finding_after: Regex,
    /// "our estimate of", "we estimate that": the document's own voice.
    own_voice: Regex,
    /// "it said", "It separately reported", "its last estimate": the
    /// organisation named last before it.
    pronoun: Regex,
    /// "local journalist Ahmed Saeed said": a named witness before the verb.
    person_before_verb: Regex,
    /// "said Hassan Mustafa of the Raqqa Civil Council": a named source after it.
    person_after_verb: Regex,
    /// "He said", "She told": the person named last before it.
    person_pronoun: Regex,
}

fn matchers() -> &'static Matchers {
    static M: OnceLock<Matchers> = OnceLock::new();
    M.get_or_init(|| {
        let patterns: Vec<(String, &'static orgs::Org)> = orgs::orgs()
            .into_iter()
            .map(|(p, o)| (format!(r"\b(?:{p})\b"), o))
            .collect();
        Matchers {
        any: RegexSet::new(patterns.iter().map(|(p, _)| ascii_boundaries(p))).ok(),
        aliases: patterns.iter().map(|(p, o)| (compile(p), *o)).collect(),
        not_org_before: compile(
            r"(?i)\b(?:start|beginning|launch|outset|part|course|phase|support|members)\s+of\s+(?:the\s+)?$",
        ),
        speaks_after: compile(
            r"^(?:\s+(?:officials|spokesman|spokesperson|investigators|researchers|campaign|itself|also|currently|now|further|publicly|later|previously|then|still|meanwhile|so\s+far))*,?\s*(?:,[^,.;]{0,100},\s*)?(?:(?:has|had|have|also|currently|itself|now|further|later|previously|then|so\s+far|in\s+a\s+statement,?)\s+)*(?:said|says|say|estimates?|estimated|documented|documents|document|assess(?:es|ed)?|reported|reports|recorded|records|counted|counts|puts?\s+the\s+(?:(?:likely|civilian|death|overall|total|real)\s+){0,2}(?:figure|toll|number|total|count)|stated|states|told|announced|announces|confirmed|confirms|acknowledges|acknowledged|conceded|concedes|admitted|admits|carried|carries|had\s+[\d,]+\s+(?:[\w-]+\s+)?(?:allegations|reports)|claimed|claims|tracked|tracks|monitored|verified|found|noted|believes|added|indicated|published|released|tallied|tallies|attributed|wrote|warned|counted)\b",
        ),
        possessive_after: compile(
            r"^(?:'s|’s|')\s+(?:[\w-]+\s+){0,3}?(?:figures?|data|tally|count|estimates?|report|reports|records|numbers|toll|assessment|database|statement|monitoring|documentation|findings)\b",
        ),
        speaks_before: compile(
            r"(?i)(?:\baccording\s+to|\bper|\bcited\s+by|\breported\s+by|\b(?:shared|published|posted|filmed)\s+by|\bdocumented\s+by|\brecorded\s+by|\bconfirmed\s+by|\bfigures?\s+(?:from|by|of)|\bdata\s+(?:from|by|of)|\ba\s+(?:report|statement|tally)\s+(?:by|from)|\bestimates?\s+(?:by|from|of)|\b(?:said|says|reported|estimated|estimates)|\bsource:)\s+(?:a\s+statement\s+(?:by|from)\s+)?(?:the\s+)?$",
        ),
        parenthesis: compile(r"^\s*\(\s*$"),
        according_to_its: compile(r"(?i)\baccording\s+to\s+(?:its|their)\b"),
        finding_after: compile(
            r"^\s+(?:investigation|inquiry|review|assessment|report|statement)\b[^.;]{0,60}?\b(?:concluded|concludes|found|finds|said|says|stated|determined|confirmed)\b",
        ),
        pronoun: compile(
            r"\b(?:(?:[Ii]t|[Tt]he\s+group)\s+(?:also\s+|separately\s+|further\s+|later\s+)?(?:(?:has|had)\s+)?(?:said|says|reported|reports|counts|counted|added|adds|estimates|estimated|recorded|records|documented|documents)|(?:its|their)\s+(?:(?:last|latest|own|most\s+recent|previous)\s+)?(?:estimate|count|tally|figures?))\b",
        ),
        person_before_verb: compile(
            r"\b(?:journalist|resident|activist|doctor|witness|medic|paramedic|photographer|reporter|survivor|rescuer|volunteer)\s+((?:[A-Z][\w'’-]+\s+){1,2}[A-Z][\w'’-]+),?\s+(?:said|says|told|reported)\b",
        ),
        person_after_verb: compile(
            r"\b(?:said|says|told\s+[\w\s]{1,20}?)\s+((?:[A-Z][\w'’-]+\s+){1,2}?[A-Z][\w'’-]+)(?:\s+of\s+the\b|,\s+(?:a|an|the)\s)",
        ),
        person_pronoun: compile(r"\b(?:He|She)\s+(?:also\s+)?(?:said|says|told|added)\b"),
        own_voice: compile(
            r"(?i)\b(?:our\s+(?:own\s+)?(?:estimates?|researchers|count|tally|figures?|data|assessment|monitoring)(?:\s+(?:of|at|is|was|are|were|put|puts))?|we\s+(?:now\s+)?(?:estimate|assess|count|counted|recorded|tracked|logged|believe)(?:\s+that)?)\b",
        ),
    }
    })
}

/// The last `n` bytes of `s`, widened to a char boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    s.get(i..).unwrap_or("")
}

/// True when `start..end` is part of an e-mail address or URL ("CJTF-OIR.PAO@mail.mil").
fn in_address(text: &str, start: usize, end: usize) -> bool {
    let prev = text.get(..start).and_then(|t| t.chars().next_back());
    let mut next = text.get(end..).unwrap_or("").chars();
    let (n1, n2) = (next.next(), next.next());
    matches!(prev, Some('@' | '/' | '.'))
        || n1 == Some('@')
        || (n1 == Some('.') && n2.is_some_and(|c| c.is_alphanumeric()))
}

/// Raw alias matches: (start, end, org), longest first, non-overlapping.
fn raw(text: &str) -> Vec<(usize, usize, &'static orgs::Org)> {
    let m = matchers();
    let mut found: Vec<(usize, usize, &'static orgs::Org)> = Vec::new();
    let present = m.any.as_ref().map(|set| set.matches(text));
    for (i, (re, org)) in m.aliases.iter().enumerate() {
        if present.as_ref().is_some_and(|p| !p.matched(i)) {
            continue;
        }
        for hit in re.find_iter(text) {
            let before = tail(text.get(..hit.start()).unwrap_or(""), 40);
            if org.name == orgs::CJTF_OIR
                && hit.as_str().starts_with("Operation")
                && m.not_org_before.is_match(before)
            {
                continue;
            }
            if in_address(text, hit.start(), hit.end()) {
                continue;
            }
            found.push((hit.start(), hit.end(), *org));
        }
    }
    found.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    let mut out: Vec<(usize, usize, &'static orgs::Org)> = Vec::new();
    for f in found {
        if out.last().is_none_or(|l| f.0 >= l.1) {
            out.push(f);
        }
    }
    out
}

/// Finds organisations named in `text`.
///
/// "Syrian Network for Human Rights (SNHR)" is one mention. Mentions are
/// sorted and never overlap.
pub fn find_claimants(text: &str) -> Vec<ClaimantMention> {
    let m = matchers();
    let mut spans = raw(text);
    // Merge "Name (ACRONYM)".
    let mut merged: Vec<(usize, usize, &'static orgs::Org)> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        if let Some(last) = merged.last_mut() {
            let between = text.get(last.1..s.0).unwrap_or("");
            let closes = text
                .get(s.1..)
                .is_some_and(|t| t.trim_start().starts_with(')'));
            if last.2.name == s.2.name && m.parenthesis.is_match(between) && closes {
                let close = text
                    .get(s.1..)
                    .and_then(|t| t.find(')'))
                    .map_or(s.1, |i| s.1 + i + 1);
                last.1 = close;
                continue;
            }
        }
        merged.push(s);
    }
    merged
        .into_iter()
        .map(|(start, end, org)| {
            let before = tail(text.get(..start).unwrap_or(""), 60);
            let after = head(text.get(end..).unwrap_or(""), 200);
            let rest_of_sentence = after.split(". ").next().unwrap_or("");
            let speaks = m.speaks_before.is_match(before)
                || m.speaks_after.is_match(after)
                || m.finding_after.is_match(after)
                || m.possessive_after.is_match(after)
                || m.according_to_its.is_match(rest_of_sentence);
            ClaimantMention {
                start,
                end,
                claimant: Claimant {
                    name: org.name.to_string(),
                    kind: org.kind,
                },
                speaks,
                own_voice: false,
            }
        })
        .collect()
}

/// [`find_claimants`] plus pronouns that stand for an organisation named
/// before them ("it said", "its last estimate"), named people who speak
/// ("local journalist Ahmed Saeed said", "He said") and the document's own voice
/// ("our estimate of", "we estimate that"), in text order: the speakers a
/// prose sentence can have.
pub fn find_speakers(text: &str) -> Vec<ClaimantMention> {
    let mut out = find_claimants(text);
    let mut pronouns = Vec::new();
    for hit in matchers().pronoun.find_iter(text) {
        // the organisation named last before the pronoun, in the same block
        if let Some(org) = out.iter().rev().find(|o| o.end <= hit.start()) {
            pronouns.push(ClaimantMention {
                start: hit.start(),
                end: hit.end(),
                claimant: org.claimant.clone(),
                speaks: true,
                own_voice: false,
            });
        }
    }
    out.extend(pronouns);
    let people = persons(text, &out);
    for hit in matchers().person_pronoun.find_iter(text) {
        if let Some(p) = people.iter().rev().find(|p| p.end <= hit.start()) {
            out.push(ClaimantMention {
                start: hit.start(),
                end: hit.end(),
                claimant: p.claimant.clone(),
                speaks: true,
                own_voice: false,
            });
        }
    }
    out.extend(people);
    for hit in matchers().own_voice.find_iter(text) {
        out.push(ClaimantMention {
            start: hit.end(),
            end: hit.end(),
            claimant: Claimant {
                name: String::new(),
                kind: crate::claim::ClaimantKind::Other,
            },
            speaks: true,
            own_voice: true,
        });
    }
    out.sort_by_key(|m| m.start);
    out
}

/// Named people who speak ("local journalist Ahmed Saeed said", "said Hassan
/// Mustafa of the …"), as written, kind `other`; never inside an organisation.
fn persons(text: &str, orgs: &[ClaimantMention]) -> Vec<ClaimantMention> {
    let m = matchers();
    let mut out: Vec<ClaimantMention> = Vec::new();
    for re in [&m.person_before_verb, &m.person_after_verb] {
        for cap in re.captures_iter(text) {
            let Some(g) = cap.get(1) else { continue };
            let inside_org = orgs.iter().any(|o| o.start < g.end() && g.start() < o.end);
            let first = g.as_str().split_whitespace().next().unwrap_or("");
            // "said The Coalition …", "said Tuesday …": not names
            let not_name = matches!(
                first,
                "The"
                    | "A"
                    | "An"
                    | "It"
                    | "On"
                    | "In"
                    | "Monday"
                    | "Tuesday"
                    | "Wednesday"
                    | "Thursday"
                    | "Friday"
                    | "Saturday"
                    | "Sunday"
            );
            if inside_org || not_name || out.iter().any(|p| p.start == g.start()) {
                continue;
            }
            out.push(ClaimantMention {
                start: g.start(),
                end: g.end(),
                claimant: Claimant {
                    name: g.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
                    kind: crate::claim::ClaimantKind::Other,
                },
                speaks: true,
                own_voice: false,
            });
        }
    }
    out.sort_by_key(|p| p.start);
    out
}

/// How far speaker `m` is from a number at byte `at` of `text`: the distance
/// in bytes, plus a penalty when a clause break (";", ", while", ", and",
/// ", but", ", whereas") lies between them — "X put the toll at 1,873, while
/// Y said dozens …" gives 1,873 to X.
pub fn speaker_distance(text: &str, m: &ClaimantMention, at: usize) -> usize {
    let (lo, hi) = if m.start <= at {
        (m.end.min(at), at)
    } else {
        (at, m.start)
    };
    let between = text.get(lo..hi).unwrap_or("");
    let breaks = [";", ", while ", ", and ", ", but ", ", whereas "]
        .iter()
        .any(|b| between.contains(b));
    m.start.abs_diff(at) + if breaks { 10_000 } else { 0 }
}

/// The first `n` bytes of `s`, narrowed to a char boundary.
fn head(s: &str, n: usize) -> &str {
    let mut i = n.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    s.get(..i).unwrap_or("")
}

/// Resolves an alias ("CJTF-OIR", "SNHR", "the Coalition") to its canonical claimant.
///
/// The whole of `name` (trimmed) must be one alias; a canonical name resolves
/// to itself.
pub fn resolve_alias(name: &str) -> Option<Claimant> {
    let name = name.trim();
    match find_claimants(name).as_slice() {
        [m] if m.start == 0 && m.end == name.len() => Some(m.claimant.clone()),
        _ => None,
    }
}

/// The name `shared/bench`'s manifest uses for a canonical claimant name
/// (the bench scores claimants by exact string equality).
pub fn bench_name(canonical: &str) -> &str {
    match canonical {
        "Syrian Network for Human Rights" => "SNHR",
        other => other,
    }
}

#[cfg(test)]
mod tests;
