//! Unit tests for the prose forms: sentences from news articles and Airwars pages.

use super::super::classify;
use super::super::Inherit;
use crate::claim::Metric::{self, *};
use crate::claim::Subject::{self, *};
use crate::extract::numbers::find_numbers;

/// (number as written, metric, subject, object, inherit).
type Got = (String, Metric, Option<Subject>, Option<String>, Inherit);

/// [`Got`] for every counted number.
fn got(s: &str) -> Vec<Got> {
    find_numbers(s)
        .into_iter()
        .filter_map(|m| {
            let c = classify(s, m.start, m.phrase_end)?;
            Some((
                s[m.start..m.end].to_string(),
                c.metric,
                c.subject,
                c.object,
                c.inherit,
            ))
        })
        .collect()
}

fn ms(s: &str) -> Vec<(String, Metric, Option<Subject>)> {
    got(s)
        .into_iter()
        .map(|(a, b, c, _, _)| (a, b, c))
        .collect()
}

fn o(s: &str, m: Metric, subj: Option<Subject>) -> (String, Metric, Option<Subject>) {
    (s.to_string(), m, subj)
}

#[test]
fn vague_counts_before_of_and_quotes() {
    assert_eq!(
        ms("Syrian government air strikes and shelling killed dozens of people in the enclave."),
        vec![o("dozens", Killed, Some(Unknown))]
    );
    assert_eq!(
        ms("Opposition says Idlib offensive has killed scores of civilians"),
        vec![o("scores", Killed, Some(Civilians))]
    );
    assert_eq!(
        ms("The coalition said it was reviewing “dozens” of allegations from March."),
        vec![o("dozens", Reports, None)]
    );
    assert_eq!(
        ms("the campaign said dozens of residents remained missing."),
        vec![o("dozens", Missing, Some(Unknown))]
    );
    assert_eq!(
        ms("“Scores of bodies are still under the rubble,” said a rescuer."),
        vec![o("Scores", Killed, Some(Unknown))]
    );
}

#[test]
fn group_acronym_is_not_a_verb() {
    assert_eq!(
        ms("The command said roughly 2,000 IS fighters had been killed since the offensive began."),
        vec![o("2,000", Killed, Some(Combatants))]
    );
    assert_eq!(
        ms("its own losses had been “a dozen or so” soldiers killed."),
        vec![o("a dozen", Killed, Some(Personnel))]
    );
}

#[test]
fn heads_with_their_own_metric() {
    assert_eq!(
        ms("Civil defence said it had recovered more than 200 bodies from the rubble."),
        vec![o("200", Killed, Some(Unknown))]
    );
    assert_eq!(
        ms("Doctors said five or six patients showed symptoms of exposure to chlorine, and that one child had died."),
        vec![o("five or six", Injured, Some(Unknown)), o("one", Killed, Some(Children))]
    );
}

#[test]
fn verbs_without_a_noun() {
    let g = got("Between three and seven civilians were reported killed and at least four injured in an alleged strike.");
    assert_eq!((g[1].1, g[1].4), (Injured, Inherit::Subject));
    let g = got("Orient News said that 12 people were killed, including five children, and that about 20 were injured.");
    assert_eq!(g[2].0, "20");
    assert_eq!((g[2].1, g[2].4), (Injured, Inherit::Subject));
    let g = got("The Observatory said three civilians had died and “more than five” were wounded.");
    assert_eq!((g[1].1, g[1].4), (Injured, Inherit::Subject));
    let g = got("Coalition strikes on Syrian school and mosque killed dozens, HRW says");
    assert_eq!((g[0].1, g[0].4), (Killed, Inherit::Subject));
    let g =
        got("On Nov. 1, a car bomb in Qayyarah killed five people and wounded 12, police said.");
    assert_eq!((g[1].0.as_str(), g[1].1), ("12", Injured));
}

#[test]
fn target_effects_in_passive_and_participle() {
    let g = got("Photographs shared by Idlib Media Center show at least seven destroyed shops.");
    assert_eq!((g[0].1, g[0].3.as_deref()), (Destroyed, Some("shops")));
    let g = got("Amnesty said at least six medical facilities in the enclave had been damaged since the offensive began.");
    assert_eq!(
        (g[0].1, g[0].3.as_deref()),
        (Damaged, Some("medical facilities"))
    );
    let g = got("the World Health Organization said at least 18 health facilities had been hit.");
    assert_eq!(
        (g[0].1, g[0].3.as_deref()),
        (Struck, Some("health facilities"))
    );
}

#[test]
fn the_toll() {
    let g = got(
        "Smart News Agency put the toll at seven, adding that two children were among the dead.",
    );
    assert_eq!((g[0].1, g[0].2, g[0].4), (Killed, None, Inherit::Subject));
    let c = classify(
        "Smart News Agency put the toll at seven.",
        "Smart News Agency put the toll at ".len(),
        "Smart News Agency put the toll at seven".len(),
    )
    .unwrap();
    assert_eq!(c.fallback_subject, Some(Civilians));
    let g = got("Amnesty International said the toll “could be in the hundreds”, and a journalist said more.");
    assert_eq!((g[0].0.as_str(), g[0].1), ("hundreds", Killed));
    assert_eq!(
        ms("The Observatory put the civilian toll of the battle at 1,873, including 470 children."),
        vec![
            o("1,873", Killed, Some(Civilians)),
            o("470", Killed, Some(Children))
        ]
    );
    let g = got("Airwars puts the likely toll at in excess of 7,300 and as high as 11,600 for the same period.");
    assert_eq!((g[0].1, g[0].4), (Killed, Inherit::Subject));
    assert_eq!(g[1].4, Inherit::All);
}

#[test]
fn groups_and_admissions() {
    assert_eq!(
        ms("Hawar News said the strike had targeted a group of foreign ISIS fighters and killed 18 of them."),
        vec![o("18", Killed, Some(Combatants))]
    );
    assert_eq!(
        ms("The coalition has acknowledged responsibility for 326 of the deaths."),
        vec![o("326", Killed, Some(Civilians))]
    );
    assert_eq!(
        ms("In total the Coalition has conceded 1,139 deaths to date."),
        vec![o("1,139", Killed, Some(Civilians))]
    );
    let g = got("Of these, 26 were graded “fair”.");
    assert_eq!(g[0].4, Inherit::All);
}

#[test]
fn partner_forces() {
    assert_eq!(
        ms("Iraqi officials also say about 1,200 members of the security forces died in the fight."),
        vec![o("1,200", Killed, Some(Personnel))]
    );
    assert_eq!(
        ms("Kurdish officials said dozens of their fighters had been killed in the past week."),
        vec![o("dozens", Killed, Some(Personnel))]
    );
    assert_eq!(
        ms("a strike killed 14 members of one extended family"),
        vec![o("14", Killed, Some(Civilians))]
    );
}

#[test]
fn displacement_and_pending_reports() {
    assert_eq!(
        ms("More than 60,000 people have left the Baghuz pocket since December."),
        vec![o("60,000", Displaced, Some(Unknown))]
    );
    assert_eq!(
        ms("The task force said it had received 31 new allegations in November and still had 224 reports to assess."),
        vec![o("31", ReportsReceived, None), o("224", ReportsPending, None)]
    );
}

#[test]
fn names_and_ages_are_not_subsets() {
    assert_eq!(
        ms("According to RBSS, five members of the al-Hassan family died in the strike, among them Fatima al-Hassan, 34, and her son Ahmad, 11."),
        vec![o("five", Killed, Some(Civilians))]
    );
}

#[test]
fn more_names_and_victims() {
    let g = got("an investigation concluded that 101 civilians were killed inside the building and four more in a house next door.");
    assert_eq!((g[1].0.as_str(), g[1].4), ("four", Inherit::All));
    assert_eq!(
        ms("The AP cross-referenced the morgue’s list of 9,606 names of the dead with databases."),
        vec![o("9,606", Killed, Some(Unknown))]
    );
    let c = classify(
        "Of the victims, 1,011 were killed in Eastern Ghouta.",
        "Of the victims, ".len(),
        "Of the victims, 1,011".len(),
    )
    .unwrap();
    assert_eq!((c.metric, c.fallback_subject), (Killed, Some(Civilians)));
    // report statuses keep their own rule
    let g = got("Of those, nine were assessed as credible, 32 were assessed as non-credible, and four were duplicates.");
    assert!(g.iter().all(|x| x.4 != Inherit::All), "{g:?}");
}

#[test]
fn losses_footnotes_and_definitions() {
    assert_eq!(
        ms("The SDF has lost 64 fighters since the start of the Raqqa operation."),
        vec![o("64", Killed, Some(Personnel))]
    );
    assert_eq!(
        ms("The Iraqi Security Forces have lost hundreds of their soldiers in the fight for west Mosul."),
        vec![o("hundreds", Killed, Some(Personnel))]
    );
    assert_eq!(
        ms("CJTF-OIR conducted a total of 34,573* strikes that included 67,813 separate engagements."),
        vec![o("34,573", Strikes, None), o("67,813", Engagements, None)]
    );
    assert!(ms("SNHR defines a massacre as an attack that kills five or more peaceful individuals in one incident.").is_empty());
}

mod props {
    use super::*;
    use crate::extract::claimants::{find_speakers, speaker_distance};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn classify_and_speakers_never_panic(
            s in "(?:[0-9]{1,5}|dozens|of|the|toll|at|were|killed|and|more|IS|fighters|“|”|,|\\*|had|been|damaged|shops|It said|He said|our estimate|[A-Z][a-z]{2,6}| ){0,30}"
        ) {
            for m in find_numbers(&s) {
                let _ = classify(&s, m.start, m.phrase_end);
                for c in find_speakers(&s) {
                    let _ = speaker_distance(&s, &c, m.start);
                }
            }
        }
    }
}
