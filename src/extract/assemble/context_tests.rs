//! Tests of the context carried across blocks: places, sections, periods and datelines.

use super::super::assemble;
use crate::claim::Claim;
use crate::document::DocumentMeta;
use crate::parse::{BlockKind, ParsedDocument, TextBlock};

fn block(t: &str, i: usize, kind: BlockKind) -> TextBlock {
    TextBlock {
        text: t.into(),
        locator: format!("l{i}"),
        page: None,
        kind,
    }
}

fn run(blocks: Vec<(&str, BlockKind)>) -> Vec<Claim> {
    let parsed = ParsedDocument {
        blocks: blocks
            .into_iter()
            .enumerate()
            .map(|(i, (t, k))| block(t, i, k))
            .collect(),
        ..Default::default()
    };
    let meta = DocumentMeta {
        name: "t.txt".into(),
        url: "https://www.inherentresolve.mil/x/".into(),
        sha256: "ab".repeat(32),
        published_at: Some(jiff::civil::date(2017, 6, 13)),
        ..DocumentMeta::default()
    };
    assemble(&parsed, &meta)
}

/// (value, place name) of every claim.
fn places(c: &[Claim]) -> Vec<(u64, Option<String>)> {
    c.iter()
        .map(|c| {
            (
                c.estimate.value.or(c.estimate.low).unwrap_or(0),
                c.places.first().map(|p| p.name.clone()),
            )
        })
        .collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn a_heading_naming_both_countries_locates_nothing() {
    let c = run(vec![
        (
            "June 13: Military Strikes Continue Against ISIS Terrorists in Syria and Iraq",
            BlockKind::Title,
        ),
        (
            "On Sunday and Monday, Coalition military forces conducted 42 strikes against ISIS targets.",
            BlockKind::Paragraph,
        ),
        ("Strikes in Syria", BlockKind::Heading { level: 2 }),
        (
            "In Syria, Coalition military forces conducted 30 strikes.",
            BlockKind::Paragraph,
        ),
        (
            "Near Abu Kamal, one strike destroyed two ISIS oil stills.",
            BlockKind::ListItem,
        ),
    ]);
    assert_eq!(
        places(&c),
        [
            (42, None),
            (30, s("Syria")),
            (1, s("Abu Kamal")),
            (2, s("Abu Kamal"))
        ]
    );
    // "On Sunday and Monday" in a release of Tuesday, June 13
    assert_eq!(
        c[0].period
            .as_ref()
            .map(|p| (p.start.as_str(), p.end.as_str())),
        Some(("2017-06-11", "2017-06-12"))
    );
}

#[test]
fn a_town_after_the_count_stays_with_that_count() {
    let c = run(vec![
        (
            "222 Civilians Killed in Syria in November 2018",
            BlockKind::Heading { level: 2 },
        ),
        (
            "Coalition forces killed 64 civilians, all of them in Deir ez-Zor governorate. Other parties killed 74 civilians.",
            BlockKind::Paragraph,
        ),
        ("ISIS killed 27 civilians.", BlockKind::Paragraph),
    ]);
    assert_eq!(
        places(&c),
        [
            (222, s("Syria")),
            (64, s("Dayr az Zawr")),
            (74, s("Syria")),
            (27, s("Syria"))
        ]
    );
}

#[test]
fn most_of_them_in_is_not_the_place_of_the_whole() {
    let c = run(vec![
        ("Civilian deaths in Syria", BlockKind::Heading { level: 2 }),
        (
            "Coalition forces killed 485 civilians, most of them in Deir ez-Zor governorate.",
            BlockKind::Paragraph,
        ),
    ]);
    assert_eq!(places(&c), [(485, s("Syria"))]);
}

#[test]
fn a_framing_town_carries_and_two_countries_clear() {
    let c = run(vec![
        (
            "Near Raqqa, 15 strikes engaged ISIS units. Two strikes destroyed four vehicles.",
            BlockKind::Paragraph,
        ),
        (
            "The battles for Mosul and Raqqa were fought street by street. Airwars tracked 1,627 alleged incidents.",
            BlockKind::Paragraph,
        ),
    ]);
    assert_eq!(
        places(&c),
        [
            (15, s("Raqqa")),
            (2, s("Raqqa")),
            (4, s("Raqqa")),
            (1627, None)
        ]
    );
}

fn period(c: &Claim) -> Option<(String, String)> {
    c.period.as_ref().map(|p| (p.start.clone(), p.end.clone()))
}

fn day(d: &str) -> Option<(String, String)> {
    Some((d.to_string(), d.to_string()))
}

#[test]
fn a_wire_dateline_with_its_agency_is_no_claim_date() {
    let c = run(vec![(
        "MURSITPINAR, Turkey, Oct 15 (MEW) - U.S.-led forces carried out 18 air strikes near Kobani on Monday and Tuesday.",
        BlockKind::Paragraph,
    )]);
    // published June 13, 2017 (a Tuesday): Monday and Tuesday are June 5 and 6
    assert_eq!(
        period(&c[0]),
        Some(("2017-06-05".to_string(), "2017-06-06".to_string()))
    );
}

#[test]
fn dates_of_publishing_and_logging_are_not_event_dates() {
    let c = run(vec![
        ("Incident of March 17, 2017 in Mosul", BlockKind::Heading { level: 2 }),
        (
            "A CJTF-OIR investigation published in May 2017 concluded that 101 civilians were killed.",
            BlockKind::Paragraph,
        ),
        (
            "Additionally, on Oct. 17, 2016, coalition military forces conducted three strikes in Iraq that closed within the last 24 hours:",
            BlockKind::Paragraph,
        ),
    ]);
    assert_eq!(period(&c[0]), day("2017-03-17"));
    assert_eq!(period(&c[1]), day("2016-10-17"));
}

fn span(a: &str, b: &str) -> Option<(String, String)> {
    Some((a.to_string(), b.to_string()))
}

#[test]
fn a_cumulative_span_dates_its_own_total_and_the_month_returns_after_it() {
    let c = run(vec![
        (
            "In May, CJTF-OIR received 97 new reports. CJTF-OIR carried 422 open reports at the end of the month.",
            BlockKind::Paragraph,
        ),
        (
            "The Coalition conducted a total of 22,891 strikes between August 2014 and end of May 2017. It has conceded 624 deaths to date.",
            BlockKind::Paragraph,
        ),
        (
            "Nine reports were assessed as credible.",
            BlockKind::Paragraph,
        ),
    ]);
    assert_eq!(period(&c[0]), span("2017-05-01", "2017-05-31"));
    // a stock at the end of the month is a point date
    assert_eq!(period(&c[1]), day("2017-05-31"));
    assert_eq!(period(&c[2]), span("2014-08-01", "2017-05-31"));
    // "to date": the span stated before it
    assert_eq!(period(&c[3]), span("2014-08-01", "2017-05-31"));
    assert_eq!(period(&c[4]), span("2017-05-01", "2017-05-31"));
}

#[test]
fn so_far_ends_the_period_at_the_reference() {
    let c = run(vec![(
        "In the month of June, the Coalition has so far conducted 96 strikes in Syria, CJTF-OIR said.",
        BlockKind::Paragraph,
    )]);
    assert_eq!(period(&c[0]), span("2017-06-01", "2017-06-13"));
}

#[test]
fn parts_of_a_count_locate_nothing_after_them() {
    let c = run(vec![
        ("Civilian deaths in Syria", BlockKind::Heading { level: 2 }),
        (
            "March was the deadliest month, with 1,134 civilians killed, most of them in Raqqa and Idlib.",
            BlockKind::Paragraph,
        ),
        (
            "Of the victims, 1,011 civilians were killed in Eastern Ghouta, where the alliance launched its offensive on February 18.",
            BlockKind::Paragraph,
        ),
        ("The report also records 53 massacres.", BlockKind::Paragraph),
    ]);
    assert_eq!(
        places(&c),
        [
            (1134, s("Syria")),
            (1011, s("Eastern Ghouta")),
            (53, s("Syria"))
        ]
    );
    // the date in the "where" clause is of the offensive, not of the count
    assert_ne!(period(&c[1]), day("2018-02-18"));
}

#[test]
fn a_town_its_section_contradicts_is_flagged() {
    let c = run(vec![
        ("Strikes in Iraq", BlockKind::Heading { level: 2 }),
        (
            "Near Abu Kamal, two strikes destroyed three ISIS boats.",
            BlockKind::ListItem,
        ),
        (
            "Near Mosul, four strikes destroyed six fighting positions.",
            BlockKind::ListItem,
        ),
        (
            "On June 11, near Raqqa, Syria, one strike destroyed a tunnel.",
            BlockKind::Paragraph,
        ),
        ("Near Tabqa, two strikes hit a bridge.", BlockKind::ListItem),
    ]);
    let flags: Vec<(u64, Option<&str>, Option<&str>)> = c
        .iter()
        .map(|c| {
            let p = c.places.first();
            (
                c.estimate.value.unwrap_or(0),
                p.and_then(|p| p.country.as_deref()),
                p.and_then(|p| p.flag.as_deref()),
            )
        })
        .collect();
    let conflict = Some("country_conflict: text places Abu Kamal in Iraq (its section); the gazetteer has it only in Syria (Dayr az Zawr)");
    assert_eq!(
        flags,
        [
            (2, Some("SY"), conflict),
            (3, Some("SY"), conflict),
            (4, Some("IQ"), None),
            (6, Some("IQ"), None),
            (1, Some("SY"), None),
            // the paragraph in Syria left the Iraq section
            (2, Some("SY"), None),
        ]
    );
}

#[test]
fn a_count_takes_the_place_named_before_it_within_its_item() {
    let c = run(vec![
        (
            "In Iraq, Coalition military forces conducted two strikes against ISIS targets near Kirkuk, destroying a tunnel and two caves.",
            BlockKind::Paragraph,
        ),
        (
            "Aircraft conducted 3 strikes against ISIL targets in Iraq: One strike near Ramadi engaged eight ISIL tactical units. \u{f0b7} Two strikes near Sinjar destroyed four tunnels.",
            BlockKind::Paragraph,
        ),
    ]);
    assert_eq!(
        places(&c),
        [
            (2, s("Iraq")),
            (2, s("Kirkuk")),
            (3, s("Iraq")),
            (1, s("Ramadi")),
            (8, s("Ramadi")),
            (2, s("Sinjar")),
            (4, s("Sinjar"))
        ]
    );
}

#[test]
fn a_record_since_a_date_is_no_period() {
    let c = run(vec![(
        "In the month of May, Airwars tracked 118 alleged incidents, the highest monthly total since October 2016. Of these, we estimate that between 139 and 221 civilians were likely killed.",
        BlockKind::Paragraph,
    )]);
    assert_eq!(period(&c[0]), span("2017-05-01", "2017-05-31"));
    assert_eq!(period(&c[1]), span("2017-05-01", "2017-05-31"));
}

#[test]
fn the_day_of_telling_gives_way_to_the_events_date() {
    let c = run(vec![
        (
            "On Monday, the United Nations said that about 2.5 million people had been displaced inside Syria this year.",
            BlockKind::Paragraph,
        ),
        (
            "On Monday, the United Nations said 40 civilians were killed.",
            BlockKind::Paragraph,
        ),
    ]);
    assert_eq!(period(&c[0]), span("2017-01-01", "2017-06-13"));
    assert_eq!(period(&c[1]), day("2017-06-12"));
}

#[test]
fn a_clause_about_part_of_the_victims_neither_places_nor_dates_the_counts() {
    let c = run(vec![
        (
            "The report documents the killing of 400 civilians in Syria in May 2017.",
            BlockKind::Paragraph,
        ),
        (
            "Russian forces killed 181 civilians, including 18 children, most of them in air strikes on the governorates of Idlib and Hama after May 19.",
            BlockKind::Paragraph,
        ),
        (
            "ISIS killed 83 civilians. Coalition forces killed 21 civilians, mostly in Raqqa city.",
            BlockKind::Paragraph,
        ),
    ]);
    assert_eq!(
        places(&c),
        [
            (400, s("Syria")),
            (181, s("Syria")),
            (18, s("Syria")),
            (83, s("Syria")),
            (21, s("Syria")),
        ]
    );
    for claim in &c {
        let p = claim
            .period
            .as_ref()
            .map(|p| (p.start.as_str(), p.end.as_str()));
        assert_eq!(p, Some(("2017-05-01", "2017-05-31")), "{claim:#?}");
        // a month's toll per perpetrator is a period total, not an incident
        assert_eq!(claim.scope, crate::claim::Scope::PeriodTotal, "{claim:#?}");
    }
}

#[test]
fn subset_clauses_are_recognised() {
    use super::in_subset_clause;
    let t = "Russian forces killed 381 civilians, most of them in Idlib after September 19.";
    assert!(in_subset_clause(t, t.find("Idlib").unwrap_or(0)));
    assert!(!in_subset_clause(t, t.find("381").unwrap_or(0)));
    let t = "The strike killed 64 civilians, all of them in Deir ez-Zor.";
    assert!(!in_subset_clause(t, t.find("Deir").unwrap_or(0)));
    let t = "Coalition forces killed 21 civilians, mostly in Raqqa city.";
    assert!(in_subset_clause(t, t.find("Raqqa").unwrap_or(0)));
}
