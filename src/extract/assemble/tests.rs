//! Assembly tests that do not depend on dates/places/claimants (those return
//! nothing until the context work is merged); combined tests live in tests/extract.rs.

use super::*;
use crate::claim::{Qualifier, Subject};
use crate::parse::TableCell;

fn meta() -> DocumentMeta {
    DocumentMeta {
        name: "t.html".into(),
        url: "https://www.inherentresolve.mil/Releases/x/".into(),
        sha256: "ab".repeat(32),
        published_at: Some(jiff::civil::date(2018, 12, 6)),
        media_type: Some("text/html".into()),
        ..DocumentMeta::default()
    }
}

fn para(t: &str, i: usize) -> TextBlock {
    TextBlock {
        text: t.into(),
        locator: format!("main > p:nth-of-type({i})"),
        page: None,
        kind: BlockKind::Paragraph,
    }
}

fn run(blocks: Vec<TextBlock>) -> Vec<Claim> {
    let parsed = ParsedDocument {
        title: None,
        published: None,
        blocks,
        ..Default::default()
    };
    assemble(&parsed, &meta())
}

fn span(c: &Claim, text: &str) -> String {
    text.chars()
        .skip(c.provenance.char_start)
        .take(c.provenance.char_end - c.provenance.char_start)
        .collect()
}

#[test]
fn news_page_core_claims() {
    let t = "The Coalition conducted a total of 34,573 strikes between August 2014 and end of November 2018. It assesses at least 1,139 civilians have been unintentionally killed.";
    let c = run(vec![para(t, 1)]);
    assert_eq!(c.len(), 2, "{c:#?}");
    assert_eq!(
        (c[0].metric, c[0].estimate.value, c[0].estimate.qualifier),
        (Metric::Strikes, Some(34573), Qualifier::Exact)
    );
    assert_eq!(c[0].scope, Scope::Cumulative);
    assert_eq!(span(&c[0], t), "34,573");
    assert_eq!(
        (c[1].metric, c[1].subject, c[1].estimate.qualifier),
        (Metric::Killed, Some(Subject::Civilians), Qualifier::AtLeast)
    );
    assert_eq!(c[1].estimate.as_written, "at least 1,139");
    assert_eq!(
        c[1].quote.exact,
        "It assesses at least 1,139 civilians have been unintentionally killed."
    );
    assert_eq!(c[1].claimant.name.is_empty(), false);
    assert_eq!(
        c[1].provenance.extractor.rule,
        "count.at_least+metric.killed.civilians"
    );
    assert_eq!(
        c[0].claim_id,
        crate::claim::claim_id(
            &"ab".repeat(32),
            "main > p:nth-of-type(1)",
            c[0].provenance.char_start,
            c[0].provenance.char_end,
            Metric::Strikes,
            None
        )
    );
}

#[test]
fn subsets_link_to_their_parent() {
    let t = "The bombardment killed 7 civilians, including 3 children and 2 women, and injured 12 others.";
    let c = run(vec![para(t, 1)]);
    assert_eq!(c.len(), 4, "{c:#?}");
    assert_eq!(
        c[1].parent_claim_id.as_deref(),
        Some(c[0].claim_id.as_str())
    );
    assert_eq!(
        c[2].parent_claim_id.as_deref(),
        Some(c[0].claim_id.as_str())
    );
    assert_eq!(
        (c[2].metric, c[2].subject),
        (Metric::Killed, Some(Subject::Women))
    );
    assert_eq!(
        (c[3].metric, c[3].subject, c[3].parent_claim_id.as_deref()),
        (Metric::Injured, Some(Subject::Civilians), None)
    );
}

#[test]
fn others_in_next_sentence_inherit_subject() {
    let t = "Seven civilians, including two children, were reportedly killed in an alleged Coalition airstrike on a house. At least three others were injured.";
    let c = run(vec![para(t, 1)]);
    assert_eq!(c.len(), 3, "{c:#?}");
    assert_eq!(
        (c[0].estimate.value, c[0].metric, c[0].subject),
        (Some(7), Metric::Killed, Some(Subject::Civilians))
    );
    assert_eq!(
        (c[1].metric, c[1].subject),
        (Metric::Killed, Some(Subject::Children))
    );
    assert_eq!(
        (c[2].metric, c[2].subject, c[2].estimate.qualifier),
        (
            Metric::Injured,
            Some(Subject::Civilians),
            Qualifier::AtLeast
        )
    );
}

#[test]
fn key_values_and_tables_count_what_their_labels_say() {
    let kv = TextBlock {
        text: "Civilians reported killed: 3–7".into(),
        locator: "dl > dd:nth-of-type(7)".into(),
        page: None,
        kind: BlockKind::KeyValue { key_chars: 25 },
    };
    let row_text = "Syrian Regime forces | 2015 | 345 | 120";
    let cell = |s: usize, e: usize, h: &str| TableCell {
        header: Some(h.into()),
        start: s,
        end: e,
    };
    let row = TextBlock {
        text: row_text.into(),
        locator: "table > tr:nth-of-type(2)".into(),
        page: None,
        kind: BlockKind::TableRow {
            cells: vec![
                cell(0, 20, "Perpetrator party"),
                cell(23, 27, "Civilians"),
                cell(30, 33, "Children"),
                cell(36, 39, "Women"),
            ],
        },
    };
    let c = run(vec![kv, row]);
    assert_eq!(c.len(), 4, "{c:#?}");
    assert_eq!(
        (
            c[0].estimate.low,
            c[0].estimate.high,
            c[0].estimate.qualifier
        ),
        (Some(3), Some(7), Qualifier::Range)
    );
    assert_eq!(
        (c[0].metric, c[0].subject),
        (Metric::Killed, Some(Subject::Civilians))
    );
    assert_eq!(span(&c[0], "Civilians reported killed: 3–7"), "3–7");
    assert_eq!(
        (c[1].estimate.value, c[1].subject),
        (Some(2015), Some(Subject::Civilians))
    );
    assert_eq!(span(&c[1], row_text), "2015");
    assert_eq!(
        (c[2].estimate.value, c[2].subject),
        (Some(345), Some(Subject::Children))
    );
    assert_eq!(
        (c[3].estimate.value, c[3].subject),
        (Some(120), Some(Subject::Women))
    );
}

#[test]
fn undated_counts_fall_back_to_publication() {
    let c = run(vec![para(
        "Near Hajin, three strikes destroyed five oil stills. Nearly 300 people fled.",
        1,
    )]);
    assert_eq!(c.len(), 3);
    // strike releases report the previous day's strikes
    let p = c[1].period.as_ref().unwrap();
    assert_eq!(
        (p.start.as_str(), p.basis),
        ("2018-12-05", DateBasis::Publication)
    );
    let p = c[2].period.as_ref().unwrap();
    assert_eq!(
        (p.start.as_str(), p.basis),
        ("2018-12-06", DateBasis::Publication)
    );
    assert_eq!(
        (c[1].metric, c[1].object.as_deref()),
        (Metric::Destroyed, Some("oil stills"))
    );
    assert_eq!(
        c[1].provenance.extractor.rule,
        "count.exact+metric.destroyed"
    );
    assert_eq!(c[0].claimant.name, "CJTF-OIR");
}

#[test]
fn definition_boilerplate_is_not_a_claim() {
    let t = "Therefore, officials explained, a single aircraft delivering a single weapon against a lone ISIL vehicle is one strike, but so is multiple aircraft delivering dozens of weapons against buildings.";
    assert!(run(vec![para(t, 1)]).is_empty());
}

#[test]
fn compiled_releases_date_their_strikes_the_day_before() {
    let head = TextBlock {
        text: "Release 20151230-01 — December 30, 2015".into(),
        locator: "p1/b3".into(),
        page: Some(1),
        kind: BlockKind::Paragraph,
    };
    let c = run(vec![
        head,
        para("Near Hajin, one strike destroyed 13 ISIL vehicles.", 4),
    ]);
    assert_eq!(c.len(), 2, "{c:#?}");
    let p = c[0].period.as_ref().unwrap();
    assert_eq!(
        (p.start.as_str(), p.end.as_str()),
        ("2015-12-29", "2015-12-29")
    );
}

#[test]
fn flattened_key_values_take_the_nearest_label() {
    let t = "Incident Code: CS1068 Incident date: Jan. 17, 2017 Location: Ash Shafah, Syria Suspected belligerent: US-led Coalition Civilians reported killed: 1–7 Children reported killed: 4 Civilians reported injured: 8";
    let c = run(vec![para(t, 1)]);
    let got: Vec<_> = c
        .iter()
        .map(|c| (c.metric, c.subject, c.estimate.as_written.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Metric::Killed, Some(Subject::Civilians), "1–7"),
            (Metric::Killed, Some(Subject::Children), "4"),
            (Metric::Injured, Some(Subject::Civilians), "8"),
        ]
    );
}
