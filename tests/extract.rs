//! Extraction end to end on blocks: the combined behaviour of numbers, metric,
//! dates, places and claimants, and properties that must hold for any text.

use civtrace::claim::{Claim, DateBasis, Metric, Qualifier, Scope, Subject};
use civtrace::document::DocumentMeta;
use civtrace::parse::{BlockKind, ParsedDocument, TableCell, TextBlock};
use proptest::prelude::*;

fn meta(url: &str, published: Option<(i16, i8, i8)>) -> DocumentMeta {
    DocumentMeta {
        name: "doc".into(),
        url: url.into(),
        sha256: "ab".repeat(32),
        published_at: published.map(|(y, m, d)| jiff::civil::date(y, m, d)),
        media_type: Some("text/html".into()),
        ..DocumentMeta::default()
    }
}

fn block(text: &str, i: usize, kind: BlockKind) -> TextBlock {
    TextBlock {
        text: text.into(),
        locator: format!("article > :nth-child({i})"),
        page: None,
        kind,
    }
}

fn p(text: &str, i: usize) -> TextBlock {
    block(text, i, BlockKind::Paragraph)
}

fn extract(blocks: Vec<TextBlock>, m: &DocumentMeta) -> Vec<Claim> {
    let parsed = ParsedDocument {
        blocks,
        ..ParsedDocument::default()
    };
    civtrace::extract::extract(&parsed, m)
}

fn period(c: &Claim) -> (String, String) {
    let p = c.period.as_ref().expect("dated");
    (p.start.clone(), p.end.clone())
}

fn place(c: &Claim) -> Option<&str> {
    c.places.first().map(|p| p.name.as_str())
}

/// The text at a claim's char span.
fn span<'a>(blocks: &'a [TextBlock], c: &Claim) -> String {
    let b = blocks
        .iter()
        .find(|b| b.locator == c.provenance.locator)
        .expect("block");
    b.text
        .chars()
        .skip(c.provenance.char_start)
        .take(c.provenance.char_end - c.provenance.char_start)
        .collect()
}

#[test]
fn issue_2_news_page() {
    let m = meta("https://www.levantledger.com/x", Some((2018, 12, 6)));
    let t = "The Coalition conducted a total of 31,406 strikes between August 2014 and end of November 2018. \
             CJTF-OIR assesses at least 1,139 civilians have been unintentionally killed by Coalition strikes since the start of Operation Inherent Resolve.";
    let c = extract(vec![p(t, 1)], &m);
    assert_eq!(c.len(), 2, "{c:#?}");
    assert_eq!(
        (c[0].metric, c[0].estimate.value, c[0].estimate.qualifier),
        (Metric::Strikes, Some(31406), Qualifier::Exact)
    );
    assert_eq!(period(&c[0]), ("2014-08-01".into(), "2018-11-30".into()));
    assert_eq!(c[0].scope, Scope::Cumulative);
    assert_eq!(
        (c[1].metric, c[1].subject, c[1].estimate.qualifier),
        (Metric::Killed, Some(Subject::Civilians), Qualifier::AtLeast)
    );
    assert_eq!(c[1].claimant.name, "CJTF-OIR");
    assert_eq!(period(&c[1]).0, "2014-08-08");
}

#[test]
fn daily_strike_release_bullets_take_the_lead_date_and_country() {
    let m = meta(
        "https://www.inherentresolve.mil/Releases/x/",
        Some((2018, 10, 13)),
    );
    let blocks = vec![
        p("SOUTHWEST ASIA, Oct. 13, 2018 — Coalition military forces conducted four strikes consisting of 9 engagements against ISIS targets in Syria on Oct. 11.", 1),
        p("Near Hajin, three strikes engaged two ISIS tactical units and destroyed five oil stills.", 2),
        p("Near Abu Kamal, one strike destroyed an ISIS vehicle.", 3),
        block("Strikes in Iraq", 4, BlockKind::Heading { level: 3 }),
        p("Near Qayyarah, two strikes destroyed four ISIS supply routes.", 5),
    ];
    let c = extract(blocks.clone(), &m);
    let got: Vec<(Metric, Option<u64>, Option<&str>)> = c
        .iter()
        .map(|c| (c.metric, c.estimate.value, place(c)))
        .collect();
    assert_eq!(
        got,
        vec![
            (Metric::Strikes, Some(4), Some("Syria")),
            (Metric::Engagements, Some(9), Some("Syria")),
            (Metric::Strikes, Some(3), Some("Hajin")),
            (Metric::Struck, Some(2), Some("Hajin")),
            (Metric::Destroyed, Some(5), Some("Hajin")),
            (Metric::Strikes, Some(1), Some("Abu Kamal")),
            (Metric::Strikes, Some(2), Some("Qayyarah")),
            (Metric::Destroyed, Some(4), Some("Qayyarah")),
        ]
    );
    // the dateline is the reference, never the strikes' date
    for c in &c {
        assert_eq!(
            period(c),
            ("2018-10-11".into(), "2018-10-11".into()),
            "{c:#?}"
        );
        assert_eq!(c.claimant.name, "CJTF-OIR");
    }
    assert_eq!(c[4].object.as_deref(), Some("oil stills"));
    assert_eq!(c[2].scope, Scope::Incident);
    assert_eq!(span(&blocks, &c[4]), "five");
}

#[test]
fn monthly_report_counts_and_credible_rows() {
    let m = meta(
        "https://www.inherentresolve.mil/News/x/",
        Some((2018, 12, 27)),
    );
    let head = |h: &str| Some(h.to_string());
    let row_text = "March 4, 2018 | Near Hajin, Syria | 20180304-02 | Credible. Regrettably, four civilians were unintentionally killed.";
    let cells = vec![
        TableCell {
            header: head("Date of Incident"),
            start: 0,
            end: 13,
        },
        TableCell {
            header: head("Location"),
            start: 16,
            end: 34,
        },
        TableCell {
            header: head("Report Number / Source"),
            start: 37,
            end: 48,
        },
        TableCell {
            header: head("Assessment"),
            start: 51,
            end: row_text.chars().count(),
        },
    ];
    let blocks = vec![
        p("During the month of November 2018, CJTF-OIR carried over 216 open reports from previous months and received 43 new reports. \
           CJTF-OIR completed 23 civilian casualty allegation reports. Of the 23 completed reports, two reports were assessed to be credible \
           and resulted in 11 unintentional civilian deaths. The remaining 21 reports were assessed to be non-credible. 236 reports are still open and being assessed.", 1),
        block(row_text, 2, BlockKind::TableRow { cells }),
    ];
    let c = extract(blocks.clone(), &m);
    let got: Vec<(Metric, Option<u64>, Qualifier)> = c
        .iter()
        .map(|c| (c.metric, c.estimate.value, c.estimate.qualifier))
        .collect();
    assert_eq!(
        got,
        vec![
            (Metric::ReportsPending, Some(216), Qualifier::Exact),
            (Metric::ReportsReceived, Some(43), Qualifier::Exact),
            (Metric::ReportsAssessed, Some(23), Qualifier::Exact),
            (Metric::ReportsAssessed, Some(23), Qualifier::Exact),
            (Metric::ReportsCredible, Some(2), Qualifier::Exact),
            (Metric::Killed, Some(11), Qualifier::Exact),
            (Metric::ReportsNonCredible, Some(21), Qualifier::Exact),
            (Metric::ReportsPending, Some(236), Qualifier::Exact),
            (Metric::Killed, Some(4), Qualifier::Exact),
        ]
    );
    assert_eq!(period(&c[0]), ("2018-11-01".into(), "2018-11-30".into()));
    assert_eq!(period(&c[7]), ("2018-11-01".into(), "2018-11-30".into()));
    let row = &c[8];
    assert_eq!(period(row), ("2018-03-04".into(), "2018-03-04".into()));
    assert_eq!(place(row), Some("Hajin"));
    assert_eq!(row.subject, Some(Subject::Civilians));
    assert_eq!(span(&blocks, row), "four");
}

#[test]
fn news_article_relays_several_claimants() {
    let m = meta("https://www.gulfcourier.net/x", Some((2018, 6, 5)));
    let blocks = vec![
        p("More than a thousand civilians were killed in Raqqa during the four-month offensive to retake the city in 2017, according to Amnesty International.", 1),
        p("The coalition acknowledges that at least 1,139 civilians have been killed in its strikes since 2014, while Airwars, a London-based monitoring group, puts the figure at between 7,316 and 11,637.", 2),
        p("Members of the 5th Special Forces Group have been advising local partner forces, while F-15E Strike Eagles and MQ-9 Reapers have flown daily missions. The Security Council most recently called for restraint in Resolution 2401.", 3),
    ];
    let c = extract(blocks, &m);
    assert_eq!(c.len(), 3, "{c:#?}");
    assert_eq!(
        (c[0].estimate.value, c[0].claimant.name.as_str()),
        (Some(1000), "Amnesty International")
    );
    assert_eq!(c[0].estimate.qualifier, Qualifier::MoreThan);
    assert_eq!(period(&c[0]), ("2017-01-01".into(), "2017-12-31".into()));
    assert_eq!(c[1].claimant.name, "CJTF-OIR");
    assert_eq!(
        (c[2].estimate.low, c[2].estimate.high),
        (Some(7316), Some(11637))
    );
    assert_eq!(
        (c[2].metric, c[2].subject),
        (Metric::Killed, Some(Subject::Civilians))
    );
    assert_eq!(c[2].claimant.name, "Airwars");
}

#[test]
fn undated_claims_say_their_date_is_the_publication() {
    let m = meta("https://www.gulfcourier.net/x", Some((2018, 6, 5)));
    let c = extract(
        vec![p(
            "At least 12 people were killed, local activists said.",
            1,
        )],
        &m,
    );
    assert_eq!(c.len(), 1);
    let pd = c[0].period.as_ref().unwrap();
    assert_eq!(
        (pd.start.as_str(), pd.basis),
        ("2018-06-05", DateBasis::Publication)
    );
}

fn arb_kind() -> impl Strategy<Value = BlockKind> {
    prop_oneof![
        Just(BlockKind::Paragraph),
        Just(BlockKind::Heading { level: 2 }),
        Just(BlockKind::ListItem),
        (0usize..30).prop_map(|k| BlockKind::KeyValue { key_chars: k }),
        (0usize..40, 0usize..40).prop_map(|(a, b)| BlockKind::TableRow {
            cells: vec![
                TableCell {
                    header: Some("Civilians".into()),
                    start: a.min(b),
                    end: a.max(b)
                },
                TableCell {
                    header: None,
                    start: b,
                    end: b + 3
                },
            ],
        }),
    ]
}

/// Text that looks like the corpus: numbers, qualifiers, dates, places.
fn arb_text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "at least",
        "1,139",
        "civilians",
        "killed",
        "Near",
        "Hajin",
        ",",
        "three",
        "strikes",
        "between",
        "7,316",
        "and",
        "11,637",
        "Nov.",
        "18-24",
        "2017",
        "including",
        "children",
        "—",
        "Syria",
        "over",
        "carried",
        "216",
        "reports",
        "3–7",
        ":",
        "Civilians reported killed",
        "dozens",
        "of",
        "F-15E",
        "é",
        "one hundred and five",
        "a thousand",
        "CS1033",
        "8 a.m.",
        "yesterday",
        ".",
        "|",
        "2.5 million",
    ]);
    prop::collection::vec(words, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn never_panics_and_spans_point_at_the_number(
        texts in prop::collection::vec((prop_oneof![arb_text(), "\\PC{0,120}"], arb_kind()), 1..5)
    ) {
        let blocks: Vec<TextBlock> = texts
            .into_iter()
            .enumerate()
            .map(|(i, (t, k))| block(&t, i, k))
            .collect();
        let m = meta("https://airwars.org/x", Some((2018, 12, 6)));
        for c in extract(blocks.clone(), &m) {
            let s = span(&blocks, &c);
            prop_assert!(!s.is_empty());
            prop_assert!(c.estimate.as_written.contains(&s), "{:?} not in {:?}", s, c.estimate.as_written);
            prop_assert!(c.quote.exact.contains(&s) || c.quote.exact.is_empty(), "{:?} not in quote {:?}", s, c.quote.exact);
        }
    }
}
