//! Tests for fixture scoring and the bench mapping.

use super::*;
use crate::document::DocumentMeta;
use crate::parse::{BlockKind, ParsedDocument, TextBlock};

fn claims(text: &str) -> Vec<Claim> {
    let parsed = ParsedDocument {
        title: None,
        published: None,
        warnings: Vec::new(),
        blocks: vec![TextBlock {
            text: text.into(),
            locator: "p".into(),
            page: None,
            kind: BlockKind::Paragraph,
        }],
    };
    let meta = DocumentMeta {
        url: "https://airwars.org/x".into(),
        sha256: "00".into(),
        published_at: Some(jiff::civil::date(2018, 12, 6)),
        ..DocumentMeta::default()
    };
    crate::extract::extract(&parsed, &meta)
}

#[test]
fn scores_matches_misses_and_extras() {
    let c = claims("It assesses at least 1,139 civilians were killed and nearly 300 people fled.");
    assert_eq!(c.len(), 2);
    let expected: Vec<Value> = [
        r#"{"metric":"killed","subject":"civilians","value":1139,"qualifier":"at_least","period":{"start":"2018-12-06","end":"2018-12-06"},"claimant":"Airwars"}"#,
        r#"{"metric":"killed","subject":"children","value":12,"qualifier":"exact"}"#,
    ]
    .iter()
    .map(|s| serde_json::from_str(s).unwrap())
    .collect();
    let mut r = EvalReport::default();
    score_document("d", &c, &expected, &mut r);
    assert_eq!((r.expected, r.produced, r.matched), (2, 2, 1));
    assert_eq!((r.precision(), r.recall()), (0.5, 0.5));
    assert_eq!(
        r.qualifier,
        FieldScore {
            right: 1,
            scored: 1
        }
    );
    assert_eq!(
        r.period,
        FieldScore {
            right: 1,
            scored: 1
        }
    );
    assert_eq!(
        r.claimant,
        FieldScore {
            right: 1,
            scored: 1
        }
    );
    assert_eq!(r.place, FieldScore::default());
    assert_eq!(r.misses.len(), 1);
    assert!(r.extras[0].what.contains("displaced"));
}

#[test]
fn bench_records_use_the_bench_vocabulary() {
    let c = claims("Nearly 23,458 people have fled, about 40 civilians were killed and Airwars puts the figure at between 7,316 and 11,637.");
    let r: Vec<Value> = c
        .iter()
        .filter_map(|c| bench_record("html/h1.html", c))
        .collect();
    assert_eq!(r.len(), 3, "{r:#?}");
    assert_eq!(
        (r[0]["qualifier"].as_str(), r[0]["counted"].as_str()),
        (Some("nearly"), Some("displaced"))
    );
    assert_eq!(
        (r[1]["qualifier"].as_str(), r[1]["counted"].as_str()),
        (Some("about"), Some("civilians_killed"))
    );
    assert_eq!(
        (
            r[2]["low"].as_u64(),
            r[2]["high"].as_u64(),
            r[2]["qualifier"].as_str()
        ),
        (Some(7316), Some(11637), None)
    );
    assert_eq!(r[2]["counted"].as_str(), Some("civilians_killed"));
    assert_eq!(r[0]["date"].as_str(), Some("2018-12-06"));
}

#[test]
fn fixture_paths_pair_with_expected_files() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("a.html"), "x").unwrap();
    std::fs::write(d.path().join("a.html.expected.jsonl"), "{}\n").unwrap();
    std::fs::write(d.path().join("b.html"), "x").unwrap();
    assert_eq!(
        fixture_docs(&[d.path().to_path_buf()]),
        vec![d.path().join("a.html")]
    );
    assert_eq!(
        load_expected(&d.path().join("a.html.expected.jsonl"))
            .unwrap()
            .len(),
        1
    );
    std::fs::write(d.path().join("bad.expected.jsonl"), "{\n").unwrap();
    let e = load_expected(&d.path().join("bad.expected.jsonl")).unwrap_err();
    assert!(e.to_string().contains("line 1"), "{e}");
}
