//! Unit tests for numbers without a head noun of their own, list items,
//! definitions and partner losses: sentences in, metric/subject out, and
//! end to end through the assembler where the metric is inherited.

use super::*;
use crate::claim::Claim;
use crate::document::DocumentMeta;
use crate::extract::numbers::find_numbers;
use crate::parse::{BlockKind, ParsedDocument, TextBlock};
use Metric::*;
use Subject::*;

/// (number as written, metric, subject, inherit) for every counted number.
fn got(s: &str) -> Vec<(String, Metric, Option<Subject>, Inherit)> {
    find_numbers(s)
        .into_iter()
        .filter_map(|m| {
            let c = classify(s, m.start, m.phrase_end)?;
            Some((
                s[m.start..m.end].to_string(),
                c.metric,
                c.subject,
                c.inherit,
            ))
        })
        .collect()
}

fn o(
    s: &str,
    m: Metric,
    subj: Option<Subject>,
    i: Inherit,
) -> (String, Metric, Option<Subject>, Inherit) {
    (s.to_string(), m, subj, i)
}

/// Claims from paragraphs, as (as written, metric, subject).
fn claims(paras: &[&str]) -> Vec<(String, Metric, Option<Subject>)> {
    let blocks = paras
        .iter()
        .enumerate()
        .map(|(i, t)| TextBlock {
            text: (*t).into(),
            locator: format!("main > p:nth-of-type({})", i + 1),
            page: None,
            kind: BlockKind::Paragraph,
        })
        .collect();
    let parsed = ParsedDocument {
        blocks,
        ..Default::default()
    };
    let meta = DocumentMeta {
        name: "t.html".into(),
        published_at: Some(jiff::civil::date(2018, 12, 6)),
        ..DocumentMeta::default()
    };
    crate::extract::extract(&parsed, &meta)
        .into_iter()
        .map(|c: Claim| (c.estimate.as_written, c.metric, c.subject))
        .collect()
}

fn c(s: &str, m: Metric, subj: Option<Subject>) -> (String, Metric, Option<Subject>) {
    (s.to_string(), m, subj)
}

#[test]
fn list_item_after_a_party_label_is_a_death_toll() {
    let t = "1- Syrian Regime forces: 4,148 civilians, including 851 children and 507 women.";
    assert_eq!(
        claims(&[t]),
        vec![
            c("4,148", Killed, Some(Civilians)),
            c("851", Killed, Some(Children)),
            c("507", Killed, Some(Women)),
        ]
    );
    assert_eq!(
        got("5- Kurdish-led Self-Management forces: 233 civilians."),
        vec![o("233", Killed, Some(Civilians), Inherit::Nothing)]
    );
}

#[test]
fn elided_verbs_and_nouns_in_lists() {
    let t = "ISIS killed 411 civilians, the Kurdish-led Self-Management forces killed 128, and armed opposition factions killed 297, while SNHR documented the killing of 328 civilians at the hands of other parties.";
    assert_eq!(
        claims(&[t]),
        vec![
            c("411", Killed, Some(Civilians)),
            c("128", Killed, Some(Civilians)),
            c("297", Killed, Some(Civilians)),
            c("328", Killed, Some(Civilians)),
        ]
    );
    let t = "Kurdish-led Self-Management forces carried out 83 arrests, factions of the armed opposition 61, and Hay’at Tahrir al-Sham 28.";
    assert_eq!(
        claims(&[t]),
        vec![
            c("83", Arrested, Some(Unknown)),
            c("61", Arrested, Some(Unknown)),
            c("28", Arrested, Some(Unknown)),
        ]
    );
    let t = "Syrian Regime forces committed eight of the massacres, Russian forces committed three, ISIS committed two, and the US-led Coalition committed one.";
    assert_eq!(
        claims(&[t]),
        vec![
            c("eight", Massacres, None),
            c("three", Massacres, None),
            c("two", Massacres, None),
            c("one", Massacres, None),
        ]
    );
    let t = "According to the report, 99 massacres were committed in 2018, 55 of them by Syrian Regime forces and 28 by Russian forces.";
    assert_eq!(
        claims(&[t]),
        vec![
            c("99", Massacres, None),
            c("55", Massacres, None),
            c("28", Massacres, None),
        ]
    );
    // a verb and number cut off by a line break say nothing of the noun
    let t = "Near Kobani, two strikes destroyed 13 ISIL buildings; damaged two staging areas; destroyed nine";
    assert_eq!(got(t).len(), 3);
    assert_eq!(got("The bombardment killed 3").len(), 0);
    // a proper name ending in a number is no list item
    let t = "Last Sunday, a strike near Hajin killed 14 civilians, according to the activist-run news network Deir Ezzor 24.";
    assert_eq!(claims(&[t]).len(), 1);
    // "killed hundreds more": the verb before a bare number
    assert_eq!(
        got("Between 1,066 and 1,579 civilians were likely killed in the city, while ISIS killed hundreds more.")[1],
        o("hundreds", Killed, None, Inherit::Subject)
    );
}

#[test]
fn partitives_take_their_head_or_their_predicate() {
    assert_eq!(
        got("Syrian Regime forces were responsible for 412 of these arrests, including nine children and 11 women."),
        vec![
            o("412", Arrested, Some(Unknown), Inherit::Nothing),
            o("nine", Arrested, Some(Children), Inherit::Nothing),
            o("11", Arrested, Some(Women), Inherit::Nothing),
        ]
    );
    assert_eq!(
        got("447 of Them Were Turned into Enforced Disappearances"),
        vec![o("447", Missing, None, Inherit::Subject)]
    );
    assert_eq!(
        got("According to the report, 447 of those arrested in June were subsequently turned into enforced disappearances."),
        vec![o("447", Missing, None, Inherit::Subject)]
    );
    assert_eq!(
        got("SNHR estimates that no fewer than 95,056 people remain forcibly disappeared since March 2011."),
        vec![o("95,056", Missing, Some(Unknown), Inherit::Nothing)]
    );
    // the subset of arrests is arrested, not killed
    assert_eq!(
        got("At least 508 cases of arbitrary arrest were recorded in November, 41 of whom were children.")[1],
        o("41", Arrested, Some(Children), Inherit::Metric)
    );
    // "two of the victims" names them
    assert!(
        got("according to the Deir Ezzor 24 network, which named two of the victims.").is_empty()
    );
    assert_eq!(
        got("Of the victims, 1,011 were killed in Eastern Ghouta."),
        vec![o("1,011", Killed, None, Inherit::Subject)]
    );
}

#[test]
fn report_statuses_after_of_those() {
    assert_eq!(
        got("Of those, nine were assessed as credible, 32 were assessed as non-credible, and four were duplicates."),
        vec![
            o("nine", ReportsCredible, None, Inherit::Nothing),
            o("32", ReportsNonCredible, None, Inherit::Nothing),
            o("four", ReportsDuplicate, None, Inherit::Nothing),
        ]
    );
    // the 19 named before keep their status; the eight are the duplicates
    let t = "The remaining 19 reports were assessed to be non-credible. Of those 19 reports, eight were duplicates of previously assessed reports.";
    assert_eq!(
        claims(&[t]),
        vec![
            c("19", ReportsNonCredible, None),
            c("19", ReportsNonCredible, None),
            c("eight", ReportsDuplicate, None),
        ]
    );
    // "Of these, 1,412 were assessed as Fair": the incidents of the sentence before
    let t = "Local monitors reported more than 2,400 alleged incidents across the year. Of these, 1,412 were assessed as Fair.";
    assert_eq!(
        claims(&[t]),
        vec![
            c("more than 2,400", Incidents, None),
            c("1,412", Incidents, None)
        ]
    );
}

#[test]
fn definitions_footnotes_vague_counts_and_named_strikes() {
    assert!(got("SNHR defines a massacre as an attack that kills five or more peaceful individuals in one incident.").is_empty());
    assert_eq!(
        got("CJTF-OIR conducted a total of 34,573* strikes that included 67,813 separate engagements.")[0],
        o("34,573", Strikes, None, Inherit::Nothing)
    );
    assert_eq!(
        got("dozens of civilians were killed"),
        vec![o("dozens", Killed, Some(Civilians), Inherit::Nothing)]
    );
    assert!(
        got("One strike on 17 March killed as many as 105 civilians in the Jadida district.")
            .iter()
            .all(|g| g.1 != Strikes)
    );
    assert_eq!(
        got("Among the victims were 2 medical personnel and 1 media worker."),
        vec![
            o("2", Killed, Some(MedicalWorkers), Inherit::Nothing),
            o("1", Killed, Some(MediaWorkers), Inherit::Nothing),
        ]
    );
}

#[test]
fn of_them_after_a_named_group() {
    let t = "Hawar News said the strike had targeted a group of foreign ISIS fighters and killed 18 of them.";
    assert_eq!(
        got(t),
        vec![o("18", Killed, Some(Combatants), Inherit::Nothing)]
    );
    let t = "The strike hit a convoy of SDF fighters and killed five of them.";
    assert_eq!(
        got(t),
        vec![o("five", Killed, Some(Personnel), Inherit::Nothing)]
    );
    // "of which" counts things; a people word that modifies a noun is no group
    let t = "Airwars tracked 177 alleged Coalition civilian casualty incidents in Iraq and Syria, 64 of which were assessed as Fair, leading to between 2 and 9 civilian deaths.";
    let g = got(t);
    assert_eq!((g[1].1, g[1].3), (Killed, Inherit::All));
    let t = "Coalition jets hit civilian homes, killing 12 of them.";
    assert!(got(t).iter().all(|g| g.2 != Some(Civilians)));
}

#[test]
fn bodies_are_the_dead() {
    assert_eq!(
        got("He said his team had recovered 2,521 bodies since January 2018."),
        vec![o("2,521", Killed, Some(Unknown), Inherit::Nothing)]
    );
    assert_eq!(
        got("Scores of bodies are still under the rubble, said a rescuer.")[0].1,
        Killed
    );
}

#[test]
fn partner_forces_lose_personnel() {
    assert_eq!(
        got("The SDF has lost 64 fighters since the start of the Raqqa operation."),
        vec![o("64", Killed, Some(Personnel), Inherit::Nothing)]
    );
    assert_eq!(
        got("The Iraqi Security Forces have lost hundreds of their soldiers in the fight for west Mosul."),
        vec![o("hundreds", Killed, Some(Personnel), Inherit::Nothing)]
    );
    assert_eq!(
        got("Kurdish officials said dozens of their fighters had been killed."),
        vec![o("dozens", Killed, Some(Personnel), Inherit::Nothing)]
    );
    // ISIS fighters killed by partner forces stay combatants
    assert_eq!(
        got("In the past two weeks alone, the Iraqi forces killed approximately 1,500 ISIS fighters in the Old City.")[0].2,
        Some(Combatants)
    );
}

#[test]
fn whose_dead_the_paragraphs_before_say() {
    let a = "Factions of the armed opposition killed 38 civilians.";
    let b = "Of the victims, 1,011 were killed in Eastern Ghouta.";
    assert_eq!(
        claims(&[a, b]),
        vec![
            c("38", Killed, Some(Civilians)),
            c("1,011", Killed, Some(Civilians))
        ]
    );
    // another voice reporting a toll does not inherit the narrator's subject
    let b = "Halab Today TV reported seven dead.";
    assert_eq!(claims(&[a, b])[1], c("seven", Killed, Some(Unknown)));
}

#[test]
fn security_forces_group_initials_reports_to_assess_and_partitive_deaths() {
    assert_eq!(
        got("Iraqi officials also say about 1,200 members of the security forces died in the fight."),
        vec![o("1,200", Killed, Some(Personnel), Inherit::Nothing)]
    );
    assert_eq!(
        got("Since Sept. 10, 923 IS jihadists and 529 SDF fighters had been killed in the Hajin pocket."),
        vec![
            o("923", Killed, Some(Combatants), Inherit::Nothing),
            o("529", Killed, Some(Personnel), Inherit::Nothing),
        ]
    );
    assert_eq!(
        got("The task force said it had received 31 new allegations in November and still had 224 reports to assess."),
        vec![
            o("31", ReportsReceived, None, Inherit::Nothing),
            o("224", ReportsPending, None, Inherit::Nothing),
        ]
    );
    // the coalition only ever concedes civilian deaths
    assert_eq!(
        got("The coalition has acknowledged responsibility for 326 of the deaths."),
        vec![o("326", Killed, Some(Civilians), Inherit::Nothing)]
    );
}

#[test]
fn tolls_and_quoted_counts() {
    assert_eq!(
        got("The Syrian Observatory for Human Rights put the civilian toll of the battle at 1,873, including 470 children."),
        vec![
            o("1,873", Killed, Some(Civilians), Inherit::Nothing),
            o("470", Killed, Some(Children), Inherit::Metric),
        ]
    );
    assert_eq!(
        got("Smart News Agency put the toll at seven, adding that two children were among the dead.")[0],
        o("seven", Killed, None, Inherit::Subject)
    );
    let t = "Iraq's Joint Operations Command said roughly 2,000 IS fighters had been killed, and that its own losses had been “a dozen or so” soldiers.";
    assert_eq!(got(t)[1].2, Some(Personnel));
}

#[test]
fn participles_more_and_unlisted_targets() {
    let t = "Between three and seven civilians were reported killed and at least four injured in an alleged Coalition airstrike.";
    assert_eq!(got(t)[1], o("four", Injured, None, Inherit::Subject));
    let t =
        "The Syrian Observatory said three civilians had died and “more than five” were wounded.";
    assert_eq!(got(t)[1], o("five", Injured, None, Inherit::Subject));
    let t = "A CJTF-OIR investigation concluded that 101 civilians were killed inside the building and four more in a house next door.";
    assert_eq!(got(t)[1], o("four", Killed, None, Inherit::All));
    let g = got("Photographs shared by Idlib Media Center show at least seven destroyed shops.");
    assert_eq!((g[0].1, g[0].2), (Destroyed, None));
    let t = "Amnesty International said that at least six medical facilities in the enclave had been damaged since the offensive began.";
    assert_eq!(got(t)[0].1, Damaged);
    let t = "The World Health Organization said at least 18 health facilities had been hit.";
    assert_eq!(got(t)[0].1, Struck);
    // no effect in the clause: nothing
    assert!(got("The council runs at least 18 health facilities in the province.").is_empty());
}

#[test]
fn of_these_were_children() {
    let a = "Airwars estimates that 3,000 civilians were killed in the city. Of these, 1,200 were children.";
    assert_eq!(
        claims(&[a]),
        vec![
            c("3,000", Killed, Some(Civilians)),
            c("1,200", Killed, Some(Children))
        ]
    );
}
