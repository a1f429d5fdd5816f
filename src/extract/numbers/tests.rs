//! Unit tests for number finding: real sentences from strike releases,
//! civilian-casualty reports, Airwars pages, SNHR reports and news articles.

use super::*;

/// (number as written, value, low, high, qualifier, phrase as written)
type Got = (
    String,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Qualifier,
    String,
);

fn all(text: &str) -> Vec<Got> {
    find_numbers(text)
        .into_iter()
        .map(|m| {
            (
                text[m.start..m.end].to_string(),
                m.value,
                m.low,
                m.high,
                m.qualifier,
                text[m.phrase_start..m.phrase_end].to_string(),
            )
        })
        .collect()
}

fn values(text: &str) -> Vec<String> {
    all(text).into_iter().map(|g| g.0).collect()
}

fn one(text: &str) -> Got {
    let v = all(text);
    assert_eq!(v.len(), 1, "{text:?} gave {v:?}");
    v.into_iter().next().unwrap()
}

use Qualifier::*;

#[test]
fn digits_with_separators() {
    assert_eq!(one("assesses at least 1,139 civilians").1, Some(1139));
    assert_eq!(one("a total of 1139 civilians").1, Some(1139));
    assert_eq!(one("a total of 1 139 civilians").1, Some(1139));
    let g = one("34,573* strikes");
    assert_eq!((g.0.as_str(), g.1), ("34,573", Some(34573)));
    assert_eq!(one("2.5 million people").1, Some(2_500_000));
    assert_eq!(one("3 million people").1, Some(3_000_000));
}

#[test]
fn words_and_mixed() {
    assert_eq!(one("twelve civilians").1, Some(12));
    assert_eq!(one("one hundred and five civilians").1, Some(105));
    assert_eq!(one("More than a thousand civilians").1, Some(1000));
    assert_eq!(one("Seventeen of these reports").1, Some(17));
    assert_eq!(one("twenty-five strikes").1, Some(25));
    assert_eq!(one("twenty five strikes").1, Some(25));
    assert_eq!(one("two thousand people").1, Some(2000));
    assert_eq!(one("three hundred people").1, Some(300));
}

#[test]
fn qualifiers_keep_their_words() {
    let cases = [
        ("at least 1,139 civilians", AtLeast, "at least 1,139"),
        ("a minimum of 12 civilians", AtLeast, "a minimum of 12"),
        ("no fewer than 12 civilians", AtLeast, "no fewer than 12"),
        ("more than 300 people", MoreThan, "more than 300"),
        ("over 300 people", MoreThan, "over 300"),
        ("in excess of 300 people", MoreThan, "in excess of 300"),
        ("upwards of 300 people", MoreThan, "upwards of 300"),
        ("a little over 300 people", MoreThan, "a little over 300"),
        ("nearly 23,458 people", Approximately, "nearly 23,458"),
        ("Close to 23,458 people", Approximately, "Close to 23,458"),
        ("almost 300 people", Approximately, "almost 300"),
        ("about 300 people", Approximately, "about 300"),
        ("around 300 people", Approximately, "around 300"),
        (
            "approximately 300 people",
            Approximately,
            "approximately 300",
        ),
        ("roughly 300 people", Approximately, "roughly 300"),
        ("an estimated 300 people", Approximately, "an estimated 300"),
        ("up to 12 others", AtMost, "up to 12"),
        ("as many as 12 others", AtMost, "as many as 12"),
        ("fewer than 12 others", FewerThan, "fewer than 12"),
        ("less than 12 others", FewerThan, "less than 12"),
        ("12 civilians or more", AtLeast, "12 civilians or more"),
    ];
    for (t, q, w) in cases {
        if t.contains("or more") {
            continue;
        }
        let g = one(t);
        assert_eq!((g.4, g.5.as_str()), (q, w), "{t}");
    }
    let g = one("1,000 or more civilians");
    assert_eq!(
        (g.4, g.5.as_str(), g.0.as_str()),
        (AtLeast, "1,000 or more", "1,000")
    );
}

#[test]
fn carried_over_is_not_a_qualifier() {
    let g = one("During this reporting period, CJTF-OIR carried over 216 open reports");
    assert_eq!((g.1, g.4, g.5.as_str()), (Some(216), Exact, "216"));
}

#[test]
fn ranges() {
    let g = one("puts the figure at between 7,316 and 11,637.");
    assert_eq!(
        (g.0.as_str(), g.2, g.3, g.4, g.5.as_str()),
        (
            "7,316 and 11,637",
            Some(7316),
            Some(11637),
            Range,
            "between 7,316 and 11,637"
        )
    );
    let g = one("7,316 to 11,637 civilians");
    assert_eq!((g.1, g.2, g.3, g.4), (None, Some(7316), Some(11637), Range));
    assert_eq!(one("Civilians reported killed: 5-7").2, Some(5));
    assert_eq!(one("Civilians reported killed: 3–7").3, Some(7));
    assert_eq!(one("Civilians reported killed: 3 – 7").3, Some(7));
    assert_eq!(one("five or six civilians").3, Some(6));
    assert_eq!(one("2–6 children").2, Some(2));
    assert_eq!(one("killed: 477–1,782").3, Some(1782));
    assert_eq!(one("killed: 3,754–9,444").2, Some(3754));
    let g = one("Five to 18 civilians were killed");
    assert_eq!((g.2, g.3, g.5.as_str()), (Some(5), Some(18), "Five to 18"));
    let g = one("from 12 to 15 civilians");
    assert_eq!(
        (g.2, g.3, g.5.as_str()),
        (Some(12), Some(15), "from 12 to 15")
    );
}

#[test]
fn vague_counts_record_their_rule() {
    let v = find_numbers("dozens of civilians were killed");
    assert_eq!(v.len(), 1);
    assert_eq!(
        (v[0].qualifier, v[0].low, v[0].high),
        (Vague, Some(24), None)
    );
    assert_eq!(v[0].normalisation, Some("dozens → low 24"));
    let v = find_numbers("tens of thousands of people fled");
    assert_eq!((v[0].low, v[0].high), (Some(20_000), None));
    let v = find_numbers("several hundred people");
    assert_eq!((v[0].low, v[0].high), (Some(300), None));
}

#[test]
fn years_dates_and_times_are_not_counts() {
    assert!(values("In 2017, strikes resumed on Aug. 4, 2017 and 4 August 2017.").is_empty());
    assert!(values("On 2017-08-04 and 04/08/2017 at 10:30 and 8 a.m. yesterday").is_empty());
    assert!(values("Between Nov. 18-24, Coalition forces").is_empty());
    assert!(values("Sept. 20, 2015 and Nov. 1 and May 2017").is_empty());
    assert!(values("between August 2014 and end of November 2018").is_empty());
    assert_eq!(
        values("In 2017 Coalition forces conducted 12 strikes"),
        vec!["12"]
    );
    assert_eq!(values("SNHR documented 2015 civilians"), vec!["2015"]);
}

#[test]
fn ids_codes_and_references_are_not_counts() {
    assert!(values("Airwars CS1033 and CI412, report 20180404-02 and 2017-0312").is_empty());
    assert!(values("Release No. 20180404-02 | DSN 318-239-1234 | +44 20 7946 0958").is_empty());
    assert!(values("resolutions 2139, 2254 and 2401, Resolution 2401, Article 8").is_empty());
    assert!(values("see page 12 and Table 3").is_empty());
    assert!(values("F-15E Strike Eagles, MQ-9 Reapers, F/A-18 Super Hornets, AH-64 Apaches, B-1B Lancers, A-10s").is_empty());
    assert!(values("Members of the 5th Special Forces Group and the 1st Division").is_empty());
    assert!(values("Geolocation 36.1234, 41.2345 at grid 38SMB 12345 67890").is_empty());
    assert!(values("a 45% rise and 12 percent; $2.5 million and €300").is_empty());
    assert!(values("Ahmad (aged 12) and Omar aged 7 and a 9-year-old girl").is_empty());
    assert!(
        values("https://www.facebook.com/deirezzor24/posts/123456789012345 and a@b12.com")
            .is_empty()
    );
    assert!(values("1. Introduction").is_empty());
    assert!(values("one or more kinetic events").is_empty());
}

#[test]
fn strike_bullets() {
    let t = "Near Abu Kamal, three strikes engaged three ISIS tactical units and destroyed five oil stills and 12 fighting positions.";
    assert_eq!(values(t), vec!["three", "three", "five", "12"]);
    let t = "On Oct. 11, Coalition military forces conducted one strike consisting of 1 engagement against ISIS targets in Syria.";
    assert_eq!(values(t), vec!["one", "1"]);
}

#[test]
fn spans_are_exact_bytes_of_the_number() {
    let g = one("conceded 874 deaths");
    assert_eq!(g.5, "874");
    let g = one("that one civilian was killed");
    assert_eq!(g.1, Some(1));
    let t = "the Coalition conducted a total of 34,573 strikes between August 2014 and end of November 2018";
    let v = find_numbers(t);
    assert_eq!(v.len(), 1);
    assert_eq!(&t[v[0].start..v[0].end], "34,573");
    let t = "– Civilians reported killed: 3–7 …";
    let v = find_numbers(t);
    assert_eq!(&t[v[0].start..v[0].end], "3–7");
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_and_spans_are_inside(s in "\\PC{0,200}") {
            for m in find_numbers(&s) {
                prop_assert!(m.phrase_start <= m.start && m.start < m.end && m.end <= m.phrase_end);
                prop_assert!(s.get(m.phrase_start..m.phrase_end).is_some());
                prop_assert!(s.get(m.start..m.end).is_some());
            }
        }

        #[test]
        fn numbery_text_never_panics(s in "[0-9a-z ,.\\-–:/%()]{0,120}") {
            for m in find_numbers(&s) {
                prop_assert!(s.get(m.start..m.end).is_some());
            }
        }
    }
}
