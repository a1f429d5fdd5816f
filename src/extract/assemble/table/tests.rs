//! Table rows in, claims out: each rule of the table module.

use super::frame::{introduces_table, one_country};
use super::*;
use crate::claim::{Qualifier, Subject};
use crate::document::DocumentMeta;
use crate::extract::assemble::assemble;
use crate::parse::{TableCell, TextBlock};

fn meta(url: &str, published: jiff::civil::Date) -> DocumentMeta {
    DocumentMeta {
        name: "t.html".into(),
        url: url.into(),
        sha256: "cd".repeat(32),
        published_at: Some(published),
        media_type: Some("text/html".into()),
        ..DocumentMeta::default()
    }
}

fn block(text: &str, i: usize, kind: BlockKind) -> TextBlock {
    TextBlock {
        text: text.into(),
        locator: format!("main > *:nth-child({i})"),
        page: None,
        kind,
    }
}

fn para(text: &str, i: usize) -> TextBlock {
    block(text, i, BlockKind::Paragraph)
}

fn heading(text: &str, i: usize) -> TextBlock {
    block(text, i, BlockKind::Heading { level: 2 })
}

/// A row from its cells, joined by " | ", each under its header.
fn row(cells: &[(&str, &str)], i: usize) -> TextBlock {
    let mut text = String::new();
    let mut spans = Vec::new();
    for (k, (cell, header)) in cells.iter().enumerate() {
        if k > 0 {
            text.push_str(" | ");
        }
        let start = text.chars().count();
        text.push_str(cell);
        spans.push(TableCell {
            header: (!header.is_empty()).then(|| header.to_string()),
            start,
            end: text.chars().count(),
        });
    }
    block(&text, i, BlockKind::TableRow { cells: spans })
}

fn run(title: &str, blocks: Vec<TextBlock>, url: &str, published: jiff::civil::Date) -> Vec<Claim> {
    let mut all = vec![block(title, 0, BlockKind::Title)];
    all.extend(blocks);
    let parsed = ParsedDocument {
        title: Some(title.into()),
        published: None,
        blocks: all,
        ..Default::default()
    };
    assemble(&parsed, &meta(url, published))
}

fn in_rows(c: &[Claim]) -> Vec<&Claim> {
    c.iter().filter(|c| c.quote.exact.contains(" | ")).collect()
}

fn place(c: &Claim) -> Option<&str> {
    c.places.first().map(|p| p.name.as_str())
}

fn period(c: &Claim) -> Option<(&str, &str)> {
    c.period
        .as_ref()
        .map(|p| (p.start.as_str(), p.end.as_str()))
}

#[test]
fn a_caption_names_the_victims_of_a_victims_column() {
    let c = run(
        "1,632 Civilians Killed in March 2018",
        vec![
            para(
                "SNHR has released its monthly report on the death toll in Syria.",
                1,
            ),
            para("Of the victims, 1,011 were killed in Eastern Ghouta.", 2),
            heading("Civilian death toll by governorate, March 2018", 3),
            row(&[("Idlib", "Governorate"), ("211", "Victims")], 4),
            row(&[("Other", "Governorate"), ("13", "Victims")], 5),
            row(&[("Homs", "Governorate"), ("4", "Injured")], 6),
        ],
        "https://sn4hr.org/blog/2018/04/01/x/",
        jiff::civil::date(2018, 4, 1),
    );
    let r = in_rows(&c);
    assert_eq!(r.len(), 3, "{c:#?}");
    assert_eq!(
        (r[0].metric, r[0].subject),
        (Metric::Killed, Some(Subject::Civilians))
    );
    assert_eq!(
        (r[2].metric, r[2].subject),
        (Metric::Injured, Some(Subject::Civilians))
    );
    assert_eq!(place(r[0]), Some("Idlib"));
    assert_eq!(period(r[0]), Some(("2018-03-01", "2018-03-31")));
    // "Other": the country the report covers, not the town of an earlier paragraph
    assert_eq!(place(r[1]), Some("Syria"));
}

#[test]
fn a_table_that_names_no_one_takes_the_documents_victims() {
    let c = run(
        "Fourteen Massacres Documented in Syria in April 2018",
        vec![
            para(
                "The massacres claimed the lives of 163 civilians, including 47 children.",
                1,
            ),
            heading("The deadliest massacres of the month", 2),
            row(
                &[
                    ("April 7, 2018", "Date"),
                    ("Douma, Rif Dimashq", "Location"),
                    ("Syrian Regime forces", "Perpetrator"),
                    ("41", "Victims"),
                ],
                3,
            ),
        ],
        "https://sn4hr.org/blog/2018/05/01/y/",
        jiff::civil::date(2018, 5, 1),
    );
    let r = in_rows(&c);
    assert_eq!(r.len(), 1, "{c:#?}");
    assert_eq!(
        (r[0].subject, r[0].estimate.value),
        (Some(Subject::Civilians), Some(41))
    );
    assert_eq!(period(r[0]), Some(("2018-04-07", "2018-04-07")));
    assert_eq!(place(r[0]), Some("Douma"));
    assert_eq!(r[0].attributed_to.as_deref(), Some("Syrian regime forces"));
    assert_eq!(r[0].scope, Scope::Incident);
}

#[test]
fn min_and_max_columns_make_one_range() {
    let c = run(
        "Airwars Annual Assessment 2017",
        vec![
            heading("2. Raqqa", 1),
            para("Local sources recorded 1,854 civilian deaths in Raqqa.", 2),
            heading("4. Monthly estimates", 3),
            para(
                "The table below gives the likely civilian deaths from Coalition actions by month.",
                4,
            ),
            row(
                &[
                    ("January 2017", "Month"),
                    ("96", "Likely deaths (min)"),
                    ("181", "Likely deaths (max)"),
                ],
                5,
            ),
        ],
        "https://airwars.org/report/x/",
        jiff::civil::date(2018, 1, 15),
    );
    let r = in_rows(&c);
    assert_eq!(r.len(), 1, "{c:#?}");
    let e = &r[0].estimate;
    assert_eq!(
        (e.value, e.low, e.high, e.qualifier),
        (None, Some(96), Some(181), Qualifier::Range)
    );
    assert_eq!(
        (r[0].metric, r[0].subject),
        (Metric::Killed, Some(Subject::Civilians))
    );
    assert_eq!(period(r[0]), Some(("2017-01-01", "2017-01-31")));
    // a campaign's monthly table is not in the town the prose named last
    assert_eq!(place(r[0]), None);
    assert_eq!(r[0].attributed_to.as_deref(), Some("Coalition"));
}

#[test]
fn range_ends_pair_only_under_one_measure() {
    assert_eq!(range_end("Low estimate"), Some((true, "estimate".into())));
    assert_eq!(range_end("High estimate"), Some((false, "estimate".into())));
    assert_eq!(range_end("Civilians reported killed (min–max)"), None);
    assert_eq!(range_end("Alleged incidents"), None);
    let text = "May 2017 | 440 | 640";
    let cells = vec![
        (0, 8, Some("Month".to_string())),
        (11, 14, Some("Deaths (minimum)".to_string())),
        (17, 20, Some("Injuries (maximum)".to_string())),
    ];
    assert!(range_pairs(text, &cells).is_empty());
}

#[test]
fn year_rows_take_their_own_year() {
    let p = year_period("2014 (from August 8)").unwrap();
    assert_eq!(
        (p.start.as_str(), p.end.as_str()),
        ("2014-08-08", "2014-12-31")
    );
    let p = year_period("2015").unwrap();
    assert_eq!(
        (p.start.as_str(), p.end.as_str(), p.precision),
        ("2015-01-01", "2015-12-31", DatePrecision::Year)
    );
    assert!(year_period("2015 strikes").is_none());
    assert!(year_period("345").is_none());
}

#[test]
fn a_header_can_name_who_stands_behind_its_figures() {
    let c = run(
        "Four years on: Coalition admissions versus Airwars estimates, year by year",
        vec![
            para(
                "Our researchers logged more than 1,400 alleged incidents in 2017.",
                1,
            ),
            row(
                &[
                    ("2014 (from August 8)", "Year"),
                    ("28", "Civilian deaths conceded by the Coalition"),
                    ("139–239", "Civilians likely killed, Airwars estimate"),
                ],
                2,
            ),
            row(
                &[
                    ("2015", "Year"),
                    ("102", "Civilian deaths conceded by the Coalition"),
                    ("1,103–1,634", "Civilians likely killed, Airwars estimate"),
                ],
                3,
            ),
        ],
        "https://airwars.org/news/x/",
        jiff::civil::date(2019, 1, 31),
    );
    let r = in_rows(&c);
    assert_eq!(r.len(), 4, "{c:#?}");
    assert_eq!(r[0].claimant.name, "CJTF-OIR");
    assert_eq!(r[1].claimant.name, "Airwars");
    assert_eq!(period(r[0]), Some(("2014-08-08", "2014-12-31")));
    assert_eq!(r[0].scope, Scope::PeriodTotal);
    assert_eq!(period(r[3]), Some(("2015-01-01", "2015-12-31")));
    assert_eq!(r[3].estimate.low, Some(1103));
    // a perpetrator column is not a source
    assert!(header_claimant("Civilians killed by the Coalition").is_none());
}

#[test]
fn an_untitled_table_takes_the_titles_period() {
    let c = run(
        "At Least 584 Arbitrary Arrests in Syria in June 2018",
        vec![
            para(
                "Some 95,056 people remain forcibly disappeared since March 2011.",
                1,
            ),
            row(
                &[
                    ("Syrian Regime forces", "Perpetrator"),
                    ("412", "Arrests"),
                    ("9", "Children"),
                ],
                2,
            ),
        ],
        "https://sn4hr.org/blog/2018/07/02/z/",
        jiff::civil::date(2018, 7, 2),
    );
    let r = in_rows(&c);
    assert_eq!(r.len(), 2, "{c:#?}");
    assert_eq!(
        (r[0].metric, r[1].metric),
        (Metric::Arrested, Metric::Arrested)
    );
    assert_eq!(period(r[0]), Some(("2018-06-01", "2018-06-30")));
    assert_eq!(place(r[0]), Some("Syria"));
}

#[test]
fn one_country_only() {
    assert_eq!(
        one_country(&["in Syria", "Damascus, Syria"]).map(|p| p.name),
        Some("Syria".into())
    );
    assert!(one_country(&["in Iraq and Syria"]).is_none());
    assert!(one_country(&["in Iraq", "in Syria"]).is_none());
    assert!(one_country(&["the battles for Mosul and Raqqa"]).is_none());
}

#[test]
fn intro_paragraphs() {
    assert!(introduces_table(
        "The table below gives the likely civilian deaths by month."
    ));
    assert!(introduces_table("Deaths by governorate:"));
    assert!(!introduces_table(
        "Some 95,056 people remain forcibly disappeared."
    ));
}

#[test]
fn a_list_of_places_and_numbers_counts_what_its_heading_says() {
    let kv = |t: &str, k: usize, i: usize| block(t, i, BlockKind::KeyValue { key_chars: k });
    let c = run(
        "Monthly Report on Civilian Death Toll in Syria in September 2018",
        vec![
            heading("Governorate Civilian victims", 1),
            kv("Latakia: 324", 7, 2),
            kv("Idleb: 94", 5, 3),
            para("Location: Mosul is not a count.", 4),
        ],
        "https://sn4hr.org/report.pdf",
        jiff::civil::date(2018, 10, 1),
    );
    let got: Vec<_> = c
        .iter()
        .map(|c| {
            (
                c.metric,
                c.subject,
                c.estimate.value,
                place(c).map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Metric::Killed,
                Some(Subject::Civilians),
                Some(324),
                Some("Latakia".into())
            ),
            (
                Metric::Killed,
                Some(Subject::Civilians),
                Some(94),
                Some("Idlib".into())
            ),
        ],
        "{c:#?}"
    );
    assert_eq!(period(&c[0]), Some(("2018-09-01", "2018-09-30")));
    assert!(place_label("Location").is_none());
    assert!(!is_identifier_label("Idleb"));
    assert!(is_identifier_label("Incident ID"));
    assert!(is_identifier_label("ID"));
    assert!(bare_number(": 1,035"));
    assert!(!bare_number(": 3–7"));
}
