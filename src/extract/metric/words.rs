//! Word lists: target nouns, people nouns, phrase stops, number words and
//! casualty cues.

use crate::claim::{Metric, Subject};

/// Multi-word targets first, canonical object name.
pub(super) const TARGETS: [(&str, &str); 32] = [
    ("command and control nodes", "command and control nodes"),
    ("command and control node", "command and control nodes"),
    ("tactical units", "tactical units"),
    ("tactical unit", "tactical units"),
    ("fighting positions", "fighting positions"),
    ("fighting position", "fighting positions"),
    ("supply routes", "supply routes"),
    ("supply route", "supply routes"),
    ("weapons caches", "weapons caches"),
    ("weapons cache", "weapons caches"),
    ("staging areas", "staging areas"),
    ("staging area", "staging areas"),
    ("logistics nodes", "logistics nodes"),
    ("logistics node", "logistics nodes"),
    ("mortar systems", "mortar systems"),
    ("mortar system", "mortar systems"),
    ("oil wellheads", "oil wellheads"),
    ("oil wellhead", "oil wellheads"),
    ("oil stills", "oil stills"),
    ("oil still", "oil stills"),
    ("vbieds", "vbieds"),
    ("vbied", "vbieds"),
    ("vehicles", "vehicles"),
    ("vehicle", "vehicles"),
    ("headquarters", "headquarters"),
    ("tunnels", "tunnels"),
    ("tunnel", "tunnels"),
    ("buildings", "buildings"),
    ("building", "buildings"),
    ("bunkers", "bunkers"),
    ("boats", "boats"),
    ("checkpoints", "checkpoints"),
];

/// The subject a people noun names; `Some(None)` for "others".
pub(super) fn people(w: &str) -> Option<Option<Subject>> {
    Some(match w {
        "civilians" | "civilian" => Some(Subject::Civilians),
        "children" | "child" | "kids" | "minors" | "boys" | "girls" => Some(Subject::Children),
        "women" | "woman" => Some(Subject::Women),
        "fighters" | "fighter" | "militants" | "militant" | "combatants" | "jihadists"
        | "insurgents" | "terrorists" | "gunmen" | "extremists" => Some(Subject::Combatants),
        "soldiers" | "soldier" | "troops" | "servicemembers" | "policemen" | "peshmerga" => {
            Some(Subject::Personnel)
        }
        "journalists" | "journalist" => Some(Subject::MediaWorkers),
        "doctors" | "nurses" | "paramedics" => Some(Subject::MedicalWorkers),
        "detainees" | "prisoners" => Some(Subject::Detainees),
        "people" | "persons" | "person" | "individuals" | "residents" | "victims" | "men"
        | "members" | "bodies" | "corpses" => Some(Subject::Unknown),
        "others" => None,
        _ => return None,
    })
}

/// Words that end the noun phrase after a number.
pub(super) const STOPS: [&str; 44] = [
    "were",
    "was",
    "is",
    "are",
    "have",
    "has",
    "had",
    "been",
    "be",
    "in",
    "on",
    "at",
    "near",
    "of",
    "and",
    "or",
    "from",
    "to",
    "by",
    "with",
    "who",
    "which",
    "that",
    "during",
    "since",
    "against",
    "across",
    "including",
    "after",
    "before",
    "when",
    "while",
    "for",
    "the",
    "said",
    "reportedly",
    "died",
    "killed",
    "injured",
    "wounded",
    "consisting",
    "this",
    "last",
    "according",
];

/// Number words, and the articles that stand for one.
pub(super) fn is_number_word(w: &str) -> bool {
    matches!(
        w,
        "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "eleven"
            | "twelve"
            | "a"
            | "an"
            | "thirteen"
            | "fourteen"
            | "fifteen"
            | "sixteen"
            | "seventeen"
            | "eighteen"
            | "nineteen"
            | "twenty"
            | "thirty"
            | "forty"
            | "fifty"
            | "sixty"
            | "seventy"
            | "eighty"
            | "ninety"
            | "hundred"
            | "thousand"
    )
}

/// Casualty verbs and nouns, with the metric they give.
pub(super) fn casualty_cue(w: &str) -> Option<Metric> {
    Some(match w {
        "killed" | "kill" | "kills" | "killing" | "died" | "die" | "dies" | "dead" | "death"
        | "lost" | "deaths" | "lives" | "perished" | "victims" | "toll" => Metric::Killed,
        "injured" | "injuring" | "injure" | "injures" | "wounded" | "wounding" | "injuries"
        | "hurt" => Metric::Injured,
        "missing" | "disappeared" | "disappearance" | "disappearances" => Metric::Missing,
        "fled" | "flee" | "displaced" | "displacement" | "uprooted" => Metric::Displaced,
        "arrested" | "detained" | "arrest" | "arrests" | "abducted" => Metric::Arrested,
        "casualties" => Metric::Casualties,
        _ => return None,
    })
}

/// Group names and fillers left out of a target's `object`.
pub(super) const NOT_OBJECT: [&str; 8] = [
    "isis",
    "isil",
    "daesh",
    "islamic",
    "state",
    "separate",
    "additional",
    "enemy",
];
