//! Context extraction: dates, places and claimants on real-format sentences,
//! plus property tests (never panic; spans are char boundaries that slice to
//! exactly what the mention says was written).

use civtrace::extract::dates::{find_date_spans, find_dates, find_times};
use jiff::civil::Date;
use proptest::prelude::*;

const REF: Date = Date::constant(2018, 12, 5);

/// Text drawn from the vocabulary the grammars react to, glued with noise.
fn texty() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Aug.",
        "4,",
        "2017",
        "Nov.",
        "18-24",
        "between",
        "and",
        "end",
        "of",
        "since",
        "the",
        "start",
        "Operation",
        "Inherent",
        "Resolve",
        "yesterday",
        "last",
        "Sunday",
        "past",
        "week",
        "four",
        "years",
        "8",
        "a.m.",
        "14:00",
        "May",
        "in",
        "03/04/2018",
        "2018-08-04",
        "–",
        "Hajin,",
        "Syria",
        "Near",
        "said",
        "according",
        "to",
        "SNHR",
        "é",
        "🙂",
        "\u{2019}",
        "-",
        ",",
        "to",
        "first",
        "half",
        "month",
        "November",
        "Dayr",
        "az",
        "Zawr",
        "Coalition",
        "ago",
        "Saturday,",
    ]);
    prop::collection::vec(
        prop_oneof![words.prop_map(String::from), "\\PC{0,6}"],
        0..40,
    )
    .prop_map(|v| v.join(" "))
}

fn check_span(text: &str, start: usize, end: usize) -> Result<(), TestCaseError> {
    prop_assert!(start < end && end <= text.len());
    prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn dates_never_panic_and_spans_slice_to_as_written(text in texty(), any in "\\PC{0,80}") {
        for t in [&text, &any] {
            let mut last_end = 0;
            for m in find_dates(t, Some(REF)) {
                check_span(t, m.start, m.end)?;
                prop_assert!(m.start >= last_end, "overlap in {t:?}");
                last_end = m.end;
                prop_assert_eq!(t.get(m.start..m.end), m.period.as_written.as_deref());
                prop_assert!(m.period.start <= m.period.end);
            }
            for (s, e) in find_date_spans(t).into_iter().chain(find_times(t)) {
                check_span(t, s, e)?;
            }
            let _ = find_dates(t, None);
        }
    }
}

#[test]
fn strike_release_lead_and_bullets_are_dated() {
    let t = "SOUTHWEST ASIA, Dec. 5, 2018 — Between Nov. 25 - Dec. 1, Coalition military forces \
             conducted 37 strikes consisting of 48 engagements against ISIS targets in Syria.";
    let v = find_dates(t, Some(REF));
    let got: Vec<(&str, &str, &str)> = v
        .iter()
        .map(|m| {
            (
                m.period.as_written.as_deref().unwrap_or(""),
                m.period.start.as_str(),
                m.period.end.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Dec. 5, 2018", "2018-12-05", "2018-12-05"),
            ("Nov. 25 - Dec. 1", "2018-11-25", "2018-12-01"),
        ]
    );
}
