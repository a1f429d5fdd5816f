//! The organisations civtrace recognises as claimants, with their aliases.
//!
//! Each alias is a regex fragment, matched case-sensitively on word boundaries.
//! Canonical names are what researchers call the body; where the bench
//! manifest spells one differently, [`super::bench_name`] maps it.
//!
//! Kinds, decided here: the UN and its agencies (OHCHR, UNHCR, OCHA, UNICEF)
//! are one claimant, "United Nations", kind `government` (an intergovernmental
//! body); the U.S. Department of Defense is `government` (a ministry), while
//! CJTF-OIR and CENTCOM are `military`; "local activists" are `other`; local
//! news outlets are `media`; the Syrian opposition's National Coalition is
//! `other` and never the US-led coalition.

use crate::claim::ClaimantKind::{self, Government, Media, Military, Ngo, Other};

/// One organisation: canonical name, kind and aliases (regex fragments).
pub(crate) struct Org {
    /// Canonical name.
    pub(crate) name: &'static str,
    /// What kind of body it is.
    pub(crate) kind: ClaimantKind,
    /// Alias patterns.
    pub(crate) aliases: &'static [&'static str],
}

/// The coalition's qualifiers in "the U.S.-led coalition", "the international Coalition".
const COALITION_QUAL: &str = r"(?:U\.\s?S\.-led|US-led|U\.S\.\s+led|US\s+led|American-led|[Ii]nternational|[Gg]lobal|anti-(?:ISIS|ISIL|IS|Daesh)|[Mm]ilitary)";

/// Canonical name of the US-led coalition's task force.
pub(crate) const CJTF_OIR: &str = "CJTF-OIR";

/// Every organisation, in no particular order (overlaps resolve by length).
pub(crate) fn orgs() -> Vec<(String, &'static Org)> {
    ORGS.iter()
        .flat_map(|o| {
            o.aliases
                .iter()
                .map(move |a| (a.replace("{Q}", COALITION_QUAL), o))
        })
        .collect()
}

const ORGS: &[Org] = &[
    Org {
        name: CJTF_OIR,
        kind: Military,
        aliases: &[
            r"CJTF[-–\s]?OIR",
            r"Combined\s+Joint\s+Task\s+Force\s*(?:[-–—]\s*|,\s*)?Operation\s+Inherent\s+Resolve",
            r"Operation\s+Inherent\s+Resolve",
            r"OIR",
            r"(?:[Tt]he\s+)?(?:{Q}\s+)?Coalition(?:\s+(?:officials|spokesman|spokesperson|military\s+forces|forces|headquarters|press\s+office))?",
            r"(?:[Tt]he\s+)(?:{Q}\s+)?coalition(?:\s+(?:officials|spokesman|spokesperson))?",
            r"{Q}\s+coalition(?:\s+(?:officials|spokesman|spokesperson))?",
            r"coalition\s+(?:officials|official|spokesman|spokesperson|statement)",
            r"[Tt]he\s+task\s+force",
            r"(?:[Tt]he\s+)?U\.?S\.?\s+military",
        ],
    },
    Org {
        name: "U.S. Central Command",
        kind: Military,
        aliases: &[
            r"U\.?S\.?\s+Central\s+Command",
            r"United\s+States\s+Central\s+Command",
            r"CENTCOM",
            r"Central\s+Command",
        ],
    },
    Org {
        name: "U.S. Department of Defense",
        kind: Government,
        aliases: &[
            r"(?:U\.?S\.?\s+|United\s+States\s+)?Department\s+of\s+Defen[cs]e",
            r"(?:U\.?S\.?\s+)?Defen[cs]e\s+Department",
            r"(?:[Tt]he\s+)?Pentagon",
            r"DoD",
        ],
    },
    Org {
        name: "Airwars",
        kind: Ngo,
        aliases: &[r"Airwars", r"AirWars"],
    },
    Org {
        name: "Syrian Network for Human Rights",
        kind: Ngo,
        aliases: &[
            r"(?:[Tt]he\s+)?Syrian\s+Network\s+for\s+Human\s+Rights",
            r"SNHR",
        ],
    },
    Org {
        name: "Syrian Observatory for Human Rights",
        kind: Ngo,
        aliases: &[
            r"(?:[Tt]he\s+)?(?:(?:Britain|UK|London|Coventry)-based\s+)?Syrian\s+Observatory\s+for\s+Human\s+Rights",
            r"SOHR",
            r"(?:[Tt]he\s+)?(?:(?:Britain|UK|London)-based\s+)?Syrian\s+Observatory",
            r"[Tt]he\s+(?:(?:Britain|UK)-based\s+)?Observatory",
            r"[Tt]he\s+(?:Britain|UK)-based\s+(?:war\s+)?monitor(?:ing\s+group)?",
        ],
    },
    Org {
        name: "Amnesty International",
        kind: Ngo,
        aliases: &[r"Amnesty\s+International", r"Amnesty"],
    },
    Org {
        name: "Human Rights Watch",
        kind: Ngo,
        aliases: &[
            r"Human\s+Rights\s+Watch",
            r"HRW",
            r"[Tt]he\s+New\s+York-based\s+(?:rights\s+)?group",
        ],
    },
    Org {
        name: "United Nations",
        kind: Government,
        aliases: &[
            r"(?:[Tt]he\s+)?United\s+Nations(?:\s+(?:human\s+rights\s+office|High\s+Commissioner\s+for\s+Human\s+Rights|Human\s+Rights\s+Council|Commission\s+of\s+Inquiry|refugee\s+agency|Security\s+Council|Children's\s+Fund))?",
            r"(?:[Tt]he\s+)?U\.N\.(?:\s+(?:human\s+rights\s+office|humanitarian\s+office|refugee\s+agency|Security\s+Council|mission(?:\s+in\s+Iraq)?))?",
            r"(?:[Tt]he\s+)?UN(?:\s+(?:human\s+rights\s+office|humanitarian\s+office|mission(?:\s+in\s+Iraq)?|Human\s+Rights\s+Council|Commission\s+of\s+Inquiry|refugee\s+agency|Security\s+Council|OCHA|Office\s+for\s+the\s+Coordination\s+of\s+Humanitarian\s+Affairs))?",
            r"OHCHR|UNHCR|UNICEF|OCHA|UNAMI",
            r"(?:[Tt]he\s+)?Office\s+of\s+the\s+(?:UN\s+)?High\s+Commissioner\s+for\s+Human\s+Rights",
            r"(?:[Tt]he\s+)?Office\s+for\s+the\s+Coordination\s+of\s+Humanitarian\s+Affairs",
        ],
    },
    Org {
        name: "Syrian Civil Defence",
        kind: Ngo,
        aliases: &[
            r"Syrian\s+Civil\s+Defen[cs]e",
            r"(?:[Tt]he\s+)?White\s+Helmets",
        ],
    },
    Org {
        name: "Violations Documentation Center",
        kind: Ngo,
        aliases: &[r"Violations\s+Documentation\s+Cent(?:er|re)", r"VDC"],
    },
    Org {
        name: "Deir Ezzor 24",
        kind: Media,
        aliases: &[r"Deir\s?Ezzor\s?24", r"Deir\s+ez-Zor\s+24"],
    },
    Org {
        name: "Raqqa is Being Slaughtered Silently",
        kind: Media,
        aliases: &[r"Raqqa\s+[Ii]s\s+Being\s+Slaughtered\s+Silently", r"RBSS"],
    },
    Org {
        name: "Step News Agency",
        kind: Media,
        aliases: &[r"Step\s+News(?:\s+Agency)?"],
    },
    Org {
        name: "Smart News Agency",
        kind: Media,
        aliases: &[r"Smart\s+News(?:\s+Agency)?"],
    },
    Org {
        name: "Sound and Picture Organization",
        kind: Media,
        aliases: &[r"Sound\s+and\s+Picture\s+Organi[sz]ation"],
    },
    Org {
        name: "Euphrates Post",
        kind: Media,
        aliases: &[r"Euphrates\s+Post"],
    },
    Org {
        name: "Qasioun News",
        kind: Media,
        aliases: &[r"Qasioun\s+News(?:\s+Agency)?"],
    },
    Org {
        name: "Orient News",
        kind: Media,
        aliases: &[r"Orient\s+News"],
    },
    Org {
        name: "Mosul Eye",
        kind: Media,
        aliases: &[r"Mosul\s+Eye"],
    },
    Org {
        name: "Nineveh Media Center",
        kind: Media,
        aliases: &[r"Nineveh\s+Media\s+Cent(?:er|re)"],
    },
    Org {
        name: "Aleppo Media Center",
        kind: Media,
        aliases: &[r"Aleppo\s+Media\s+Cent(?:er|re)"],
    },
    Org {
        name: "Hawar News",
        kind: Media,
        aliases: &[r"Hawar\s+News(?:\s+Agency)?", r"ANHA"],
    },
    Org {
        name: "Halab Today TV",
        kind: Media,
        aliases: &[r"Halab\s+Today(?:\s+TV)?"],
    },
    Org {
        name: "Idlib Media Center",
        kind: Media,
        aliases: &[r"Idlib\s+Media\s+Cent(?:er|re)"],
    },
    Org {
        name: "Ghouta Media Center",
        kind: Media,
        aliases: &[r"Ghouta\s+Media\s+Cent(?:er|re)"],
    },
    Org {
        name: "Syrian American Medical Society",
        kind: Ngo,
        aliases: &[
            r"(?:[Tt]he\s+)?Syrian\s+American\s+Medical\s+Society",
            r"SAMS",
        ],
    },
    Org {
        name: "International Rescue Committee",
        kind: Ngo,
        aliases: &[r"(?:[Tt]he\s+)?International\s+Rescue\s+Committee"],
    },
    Org {
        name: "World Health Organization",
        kind: Government,
        aliases: &[r"(?:[Tt]he\s+)?World\s+Health\s+Organi[sz]ation", r"WHO"],
    },
    Org {
        name: "International Organization for Migration",
        kind: Government,
        aliases: &[
            r"(?:[Tt]he\s+)?International\s+Organi[sz]ation\s+for\s+Migration",
            r"IOM",
        ],
    },
    Org {
        name: "Iraq Body Count",
        kind: Ngo,
        aliases: &[r"Iraq\s+Body\s+Count", r"IBC"],
    },
    Org {
        name: "Iraqi civil defence",
        kind: Government,
        aliases: &[r"(?:[Tt]he\s+)?Iraqi\s+[Cc]ivil\s+[Dd]efen[cs]e"],
    },
    Org {
        name: "Kurdish officials",
        kind: Government,
        aliases: &[r"Kurdish\s+officials"],
    },
    Org {
        name: "Reuters",
        kind: Media,
        aliases: &[r"Reuters"],
    },
    Org {
        name: "Associated Press",
        kind: Media,
        aliases: &[r"(?:[Tt]he\s+)?Associated\s+Press"],
    },
    Org {
        name: "Agence France-Presse",
        kind: Media,
        aliases: &[r"Agence\s+France[-\s]Presse", r"AFP"],
    },
    Org {
        name: "Syrian Arab News Agency",
        kind: Media,
        aliases: &[r"Syrian\s+Arab\s+News\s+Agency", r"SANA"],
    },
    Org {
        name: "Russian Ministry of Defence",
        kind: Military,
        aliases: &[
            r"(?:[Tt]he\s+)?Russian\s+(?:Ministry\s+of\s+Defen[cs]e|Defen[cs]e\s+Ministry)",
            r"Russia(?:'s|’s)\s+(?:[Dd]efen[cs]e\s+[Mm]inistry|Ministry\s+of\s+Defen[cs]e)",
        ],
    },
    Org {
        name: "Syrian Democratic Forces",
        kind: Military,
        aliases: &[r"(?:[Tt]he\s+)?Syrian\s+Democratic\s+Forces", r"SDF"],
    },
    Org {
        name: "Iraqi Joint Operations Command",
        kind: Military,
        aliases: &[
            r"(?:Iraq(?:'s|’s)\s+|Iraqi\s+)?Joint\s+Operations\s+Command",
            r"(?:Iraq(?:'s|’s)\s+|Iraqi\s+)?Security\s+Media\s+Cell",
        ],
    },
    Org {
        name: "National Coalition for Syrian Revolutionary and Opposition Forces",
        kind: Other,
        aliases: &[
            r"(?:[Tt]he\s+)?National\s+Coalition\s+(?:for|of)\s+Syrian\s+Revolution(?:ary)?\s+and\s+Opposition\s+Forces",
            r"(?:[Tt]he\s+)?Syrian\s+(?:National\s+|Opposition\s+)?Coalition",
            r"(?:[Tt]he\s+)?Syrian\s+opposition\s+coalition",
            r"(?:[Tt]he\s+)?National\s+Coalition",
        ],
    },
    Org {
        name: "Syrian government",
        kind: Government,
        aliases: &[r"(?:[Tt]he\s+)?Syrian\s+(?:government|regime)(?:\s+officials)?"],
    },
    Org {
        name: "Iraqi government",
        kind: Government,
        aliases: &[r"(?:[Tt]he\s+)?Iraqi\s+(?:government|officials|authorities)"],
    },
    Org {
        name: "local activists",
        kind: Other,
        aliases: &[r"(?:[Ll]ocal\s+activists|activists\s+on\s+the\s+ground)"],
    },
    Org {
        name: "local officials",
        kind: Government,
        aliases: &[r"[Ll]ocal\s+(?:officials|authorities)"],
    },
];
