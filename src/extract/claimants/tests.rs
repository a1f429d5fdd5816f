//! Exact expected claimants on the sentences the sources write.

use super::*;
use crate::claim::ClaimantKind;

/// (text as written, canonical name, kind, speaks) of every mention.
fn read(text: &str) -> Vec<(String, String, ClaimantKind, bool)> {
    find_claimants(text)
        .into_iter()
        .map(|m| {
            (
                text.get(m.start..m.end).unwrap_or("").to_string(),
                m.claimant.name,
                m.claimant.kind,
                m.speaks,
            )
        })
        .collect()
}

fn r(w: &str, n: &str, k: ClaimantKind, s: bool) -> (String, String, ClaimantKind, bool) {
    (w.into(), n.into(), k, s)
}

use ClaimantKind::{Government, Media, Military, Ngo, Other};

#[test]
fn cjtf_oir_in_all_its_names() {
    for alias in [
        "CJTF-OIR",
        "Combined Joint Task Force \u{2013} Operation Inherent Resolve",
        "Combined Joint Task Force-Operation Inherent Resolve",
        "Combined Joint Task Force Operation Inherent Resolve",
        "Operation Inherent Resolve",
        "the Coalition",
        "The Coalition",
        "the U.S.-led coalition",
        "the US-led coalition",
        "Coalition officials",
        "the coalition",
    ] {
        let c = resolve_alias(alias);
        assert_eq!(
            c.as_ref().map(|c| c.name.as_str()),
            Some("CJTF-OIR"),
            "{alias}"
        );
        assert_eq!(c.map(|c| c.kind), Some(Military));
    }
}

#[test]
fn other_aliases_resolve() {
    let name = |a: &str| resolve_alias(a).map(|c| (c.name, c.kind));
    assert_eq!(
        name("SNHR"),
        Some(("Syrian Network for Human Rights".into(), Ngo))
    );
    assert_eq!(
        name("SOHR"),
        Some(("Syrian Observatory for Human Rights".into(), Ngo))
    );
    assert_eq!(
        name("CENTCOM"),
        Some(("U.S. Central Command".into(), Military))
    );
    assert_eq!(
        name("Pentagon"),
        Some(("U.S. Department of Defense".into(), Government))
    );
    assert_eq!(name("OHCHR"), Some(("United Nations".into(), Government)));
    assert_eq!(
        name("UN human rights office"),
        Some(("United Nations".into(), Government))
    );
    assert_eq!(name("Amnesty"), Some(("Amnesty International".into(), Ngo)));
    assert_eq!(name("HRW"), Some(("Human Rights Watch".into(), Ngo)));
    assert_eq!(
        name("RBSS"),
        Some(("Raqqa is Being Slaughtered Silently".into(), Media))
    );
    assert_eq!(
        name("local activists"),
        Some(("local activists".into(), Other))
    );
    assert_eq!(
        name("The Syrian Coalition"),
        Some((
            "National Coalition for Syrian Revolutionary and Opposition Forces".into(),
            Other
        ))
    );
    assert_eq!(name("Airwars said"), None);
    assert_eq!(
        name("Syrian Network for Human Rights (SNHR)"),
        Some(("Syrian Network for Human Rights".into(), Ngo))
    );
    assert_eq!(name("nobody"), None);
    assert_eq!(bench_name("Syrian Network for Human Rights"), "SNHR");
    assert_eq!(bench_name("Airwars"), "Airwars");
}

#[test]
fn speakers_in_news_sentences() {
    assert_eq!(
        read("The coalition acknowledges that at least 1,139 civilians have been killed in its strikes since 2014, while Airwars, a London-based monitoring group, puts the figure at between 7,316 and 11,637."),
        vec![
            r("The coalition", "CJTF-OIR", Military, true),
            r("Airwars", "Airwars", Ngo, true)
        ]
    );
    assert_eq!(
        read("An airstrike near Hajin last Sunday killed 12 people, according to the Syrian Observatory for Human Rights."),
        vec![r("the Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights", Ngo, true)]
    );
    assert_eq!(
        read(
            "The Syrian Network for Human Rights (SNHR) documented the killing of 1,234 civilians."
        ),
        vec![r(
            "The Syrian Network for Human Rights (SNHR)",
            "Syrian Network for Human Rights",
            Ngo,
            true
        )]
    );
    assert_eq!(
        read("Nearly 5,000 people have fled Raqqa this year, the United Nations said."),
        vec![r("the United Nations", "United Nations", Government, true)]
    );
    assert_eq!(
        read("The coalition\u{2019}s latest monthly report, released on Thursday, said it had received 12 new reports."),
        vec![r("The coalition", "CJTF-OIR", Military, true)]
    );
    assert_eq!(
        read("The Coalition conducted a total of 31,406 strikes between August 2014 and end of November 2018, according to its monthly civilian casualty report."),
        vec![r("The Coalition", "CJTF-OIR", Military, true)]
    );
    assert_eq!(
        read("Col. Mark Ellison, a coalition spokesman, said on Friday that the strikes had killed 40 ISIS fighters."),
        vec![r("coalition spokesman", "CJTF-OIR", Military, true)]
    );
    assert_eq!(
        read("killed 12 civilians, local activists said at the time."),
        vec![r("local activists", "local activists", Other, true)]
    );
    assert_eq!(
        read("According to Deir Ezzor 24, five members of one family died."),
        vec![r("Deir Ezzor 24", "Deir Ezzor 24", Media, true)]
    );
    assert_eq!(
        read("Based on information available, CJTF-OIR assesses at least 1,139 civilians"),
        vec![r("CJTF-OIR", "CJTF-OIR", Military, true)]
    );
    assert_eq!(
        read("Combined Joint Task Force Operation Inherent Resolve officials reported today."),
        vec![r(
            "Combined Joint Task Force Operation Inherent Resolve",
            "CJTF-OIR",
            Military,
            true
        )]
    );
}

#[test]
fn non_speakers_and_non_organisations() {
    assert_eq!(
        read("killed by Coalition strikes since the start of Operation Inherent Resolve."),
        vec![r("Coalition", "CJTF-OIR", Military, false)]
    );
    assert_eq!(
        read("The Syrian Coalition condemned the strike."),
        vec![r(
            "The Syrian Coalition",
            "National Coalition for Syrian Revolutionary and Opposition Forces",
            Other,
            false
        )]
    );
    assert!(read("a coalition of rebel groups took the town").is_empty());
    assert_eq!(
        read("A resident told Reuters that 12 people died."),
        vec![r("Reuters", "Reuters", Media, false)]
    );
    assert!(read("write to CJTF-OIR.CIVCAS@mail.mil or see https://airwars.org/").is_empty());
    assert!(read(
        "These strikes were conducted as part of Operation Inherent Resolve, the operation"
    )
    .is_empty());
}

#[test]
fn outlets_and_bodies_on_incident_pages() {
    assert_eq!(
        read("Halab Today TV reported seven dead, while the Kurdish outlet Hawar News said the strike killed 18 of them."),
        vec![
            r("Halab Today TV", "Halab Today TV", Media, true),
            r("Hawar News", "Hawar News", Media, true)
        ]
    );
    assert_eq!(
        read("Photographs shared by Idlib Media Center show at least seven destroyed shops."),
        vec![r("Idlib Media Center", "Idlib Media Center", Media, true)]
    );
    assert_eq!(
        read("A CJTF-OIR investigation published in May 2017 concluded that 101 civilians were killed."),
        vec![r("CJTF-OIR", "CJTF-OIR", Military, true)]
    );
    assert_eq!(
        read("The Britain-based Observatory said more than 500 civilians had been killed."),
        vec![r(
            "The Britain-based Observatory",
            "Syrian Observatory for Human Rights",
            Ngo,
            true
        )]
    );
    assert_eq!(
        read("The UN mission in Iraq said at least 130 civilians were killed."),
        vec![r(
            "The UN mission in Iraq",
            "United Nations",
            Government,
            true
        )]
    );
    assert_eq!(
        read("Iraqi civil defence said it had recovered more than 200 bodies."),
        vec![r(
            "Iraqi civil defence",
            "Iraqi civil defence",
            Government,
            true
        )]
    );
}

#[test]
fn the_documents_own_voice() {
    let t = "In total the Coalition has conceded 1,139 deaths to date, against our estimate of 7,316 to 11,637.";
    let s = find_speakers(t);
    assert_eq!(s.len(), 2);
    assert!(!s[0].own_voice && s[0].speaks);
    assert!(s[1].own_voice);
    assert_eq!(&t[s[1].start..], " 7,316 to 11,637.");
    // find_claimants names organisations only
    assert_eq!(find_claimants(t).len(), 1);
    let t = "Of these, we estimate that between 139 and 221 civilians were likely killed.";
    assert!(find_speakers(t).iter().any(|m| m.own_voice));
}

#[test]
fn pronouns_and_epithets() {
    let t = "Coalition strikes killed at least 312 civilians, the Britain-based monitor said. On Wednesday, strikes killed 17 people, it said.";
    let s = find_speakers(t);
    let last = s.last().unwrap();
    assert_eq!(&t[last.start..last.end], "it said");
    assert_eq!(last.claimant.name, "Syrian Observatory for Human Rights");
    let t = "The United Nations stopped publishing its own count in 2016; its last estimate was that fewer than 400,000 people had died.";
    let s = find_speakers(t);
    assert!(s
        .iter()
        .filter(|m| m.speaks)
        .all(|m| m.claimant.name == "United Nations"));
    assert!(s.iter().any(|m| m.speaks));
    assert_eq!(
        read("the New York-based group said."),
        vec![r(
            "the New York-based group",
            "Human Rights Watch",
            Ngo,
            true
        )]
    );
    assert_eq!(
        read("The task force said it had received 31 new allegations"),
        vec![r("The task force", "CJTF-OIR", Military, true)]
    );
    assert_eq!(
        read("Airwars, a monitoring group based in London, puts the likely toll at 7,300."),
        vec![r("Airwars", "Airwars", Ngo, true)]
    );
    assert_eq!(
        read("The Coalition itself has so far conceded at least 1,139 civilian deaths."),
        vec![r("The Coalition", "CJTF-OIR", Military, true)]
    );
    assert_eq!(
        read("Amnesty International investigators documented twelve strikes in Raqqa."),
        vec![r(
            "Amnesty International",
            "Amnesty International",
            Ngo,
            true
        )]
    );
    // no organisation before: no pronoun speaker
    assert!(find_speakers("It said 12 people died.").is_empty());
}

#[test]
fn the_speaker_of_the_numbers_clause() {
    let t = "The Syrian Observatory for Human Rights put the civilian toll of the battle at 1,873, including 470 children, while the Raqqa is Being Slaughtered Silently campaign said dozens of residents remained missing.";
    let s = find_speakers(t);
    let near = |n: &str| {
        let at = t.find(n).unwrap();
        s.iter()
            .min_by_key(|m| speaker_distance(t, m, at))
            .map(|m| m.claimant.name.clone())
    };
    assert_eq!(
        near("1,873").as_deref(),
        Some("Syrian Observatory for Human Rights")
    );
    assert_eq!(
        near("470").as_deref(),
        Some("Syrian Observatory for Human Rights")
    );
    assert_eq!(
        near("dozens").as_deref(),
        Some("Raqqa is Being Slaughtered Silently")
    );
    assert_eq!(
        read("The US military said it had conducted close to 4,000 strikes."),
        vec![r("The US military", "CJTF-OIR", Military, true)]
    );
}

#[test]
fn named_people_who_speak() {
    let names = |t: &str| -> Vec<String> {
        find_speakers(t)
            .into_iter()
            .filter(|m| m.speaks)
            .map(|m| m.claimant.name)
            .collect()
    };
    assert_eq!(
        names("Amnesty International said the toll could be in the hundreds, and local journalist Ahmed Saeed said that 137 people had been killed."),
        vec!["Amnesty International", "Ahmed Saeed"]
    );
    assert_eq!(
        names("“Scores of bodies are still under the rubble,” said Hassan Mustafa of the Raqqa Civil Council’s team. He said his team had recovered 2,521 bodies."),
        vec!["Hassan Mustafa", "Hassan Mustafa"]
    );
    // a spokesman named with his rank keeps the organisation as the speaker
    assert_eq!(
        names("Col. Mark Ellison, a coalition spokesman, said on Friday that the strikes had killed 40 ISIS fighters."),
        vec!["CJTF-OIR"]
    );
    assert!(names("He said 12 people died.").is_empty());
}

#[test]
fn reports_an_organisation_holds_are_its_figures() {
    assert_eq!(
        read("The Coalition still had 224 allegations open at the time of its most recent report."),
        vec![r("The Coalition", "CJTF-OIR", Military, true)]
    );
    assert_eq!(
        read("CJTF-OIR carried 422 open reports at the end of the month."),
        vec![r("CJTF-OIR", "CJTF-OIR", Military, true)]
    );
}
