//! Context extraction: dates, places and claimants on real-format sentences,
//! plus property tests (never panic; spans are char boundaries that slice to
//! exactly what the mention says was written).

use civtrace::claim::PlacePrecision;
use civtrace::extract::claimants::{find_claimants, find_perpetrators, resolve_alias};
use civtrace::extract::dates::{find_date_spans, find_dates, find_times};
use civtrace::extract::places::Gazetteer;
use jiff::civil::Date;
use proptest::prelude::*;

#[path = "context/bench.rs"]
mod bench;

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

/// Every spelling `shared/bench/corpus_text.py` writes, with the canonical
/// name its manifest expects (copied so the test needs no outside files).
const BENCH_TOWNS: &[(&str, &str)] = &[
    ("Abu Kamal", "Abu Kamal"),
    ("Al Bab", "Al Bab"),
    ("Al Baghuz Fawqani", "Baghuz"),
    ("Al Bukamal", "Abu Kamal"),
    ("Al Hasakah", "Hasakah"),
    ("Al Huwayjah", "Hawijah"),
    ("Al Mawsil", "Mosul"),
    ("Al Mayadin", "Al Mayadin"),
    ("Al Qa'im", "Al Qaim"),
    ("Al Qaim", "Al Qaim"),
    ("Al Qayyarah", "Qayyarah"),
    ("Al Qunaytirah", "Quneitra"),
    ("Al Shafah", "Al Shafah"),
    ("Al Susah", "Al Susah"),
    ("Al Tanf", "Al Tanf"),
    ("Al-Qaim", "Al Qaim"),
    ("Albu Kamal", "Abu Kamal"),
    ("Aleppo", "Aleppo"),
    ("Ar Ramadi", "Ramadi"),
    ("Ar Raqqah", "Raqqa"),
    ("Ar Rutbah", "Rutbah"),
    ("As Susah", "Al Susah"),
    ("As Suwayda", "Suwayda"),
    ("Ash Shaddadi", "Shaddadi"),
    ("Ash Shafah", "Al Shafah"),
    ("At Tabqah", "Tabqa"),
    ("At Tanf", "Al Tanf"),
    ("Ayn al Arab", "Kobani"),
    ("Baghdad", "Baghdad"),
    ("Baghouz", "Baghuz"),
    ("Baghuz", "Baghuz"),
    ("Baiji", "Bayji"),
    ("Bayji", "Bayji"),
    ("Beiji", "Bayji"),
    ("Damascus", "Damascus"),
    ("Damascus Suburbs", "Rif Dimashq"),
    ("Dara'a", "Daraa"),
    ("Daraa", "Daraa"),
    ("Dayr az Zawr", "Dayr az Zawr"),
    ("Deir Ez-Zour", "Dayr az Zawr"),
    ("Deir Ezzor", "Dayr az Zawr"),
    ("Deir al-Zour", "Dayr az Zawr"),
    ("Deir ez Zor", "Dayr az Zawr"),
    ("Deir ez-Zor", "Dayr az Zawr"),
    ("Deraa", "Daraa"),
    ("Douma", "Douma"),
    ("Duma", "Douma"),
    ("Fallouja", "Fallujah"),
    ("Falluja", "Fallujah"),
    ("Fallujah", "Fallujah"),
    ("Haditha", "Haditha"),
    ("Hadithah", "Haditha"),
    ("Hajin", "Hajin"),
    ("Hajine", "Hajin"),
    ("Hama", "Hama"),
    ("Hamah", "Hama"),
    ("Harasta", "Harasta"),
    ("Hasaka", "Hasakah"),
    ("Hasakah", "Hasakah"),
    ("Hawija", "Hawijah"),
    ("Hawijah", "Hawijah"),
    ("Heet", "Hit"),
    ("Hit", "Hit"),
    ("Homs", "Homs"),
    ("Idleb", "Idlib"),
    ("Idlib", "Idlib"),
    ("Jisr al-Shughour", "Jisr al Shughur"),
    ("Jisr ash-Shughur", "Jisr al Shughur"),
    ("Kafr Nabl", "Kafr Nabl"),
    ("Kafranbel", "Kafr Nabl"),
    ("Khan Shaykhun", "Khan Shaykhun"),
    ("Khan Sheikhoun", "Khan Shaykhun"),
    ("Kirkuk", "Kirkuk"),
    ("Kobane", "Kobani"),
    ("Kobani", "Kobani"),
    ("Latakia", "Latakia"),
    ("Lattakia", "Latakia"),
    ("Ma'arrat al-Nu'man", "Maarat al Numan"),
    ("Maarat al Nouman", "Maarat al Numan"),
    ("Maarat al-Numan", "Maarat al Numan"),
    ("Makhmour", "Makhmur"),
    ("Makhmur", "Makhmur"),
    ("Manbij", "Manbij"),
    ("Mar'a", "Mar'a"),
    ("Marea", "Mar'a"),
    ("Mayadin", "Al Mayadin"),
    ("Menbij", "Manbij"),
    ("Mosul", "Mosul"),
    ("Qaim", "Al Qaim"),
    ("Qayyara", "Qayyarah"),
    ("Qayyarah", "Qayyarah"),
    ("Quneitra", "Quneitra"),
    ("Ramadi", "Ramadi"),
    ("Raqqa", "Raqqa"),
    ("Raqqah", "Raqqa"),
    ("Rawa", "Rawah"),
    ("Rawah", "Rawah"),
    ("Rif Dimashq", "Rif Dimashq"),
    ("Rural Damascus", "Rif Dimashq"),
    ("Rutba", "Rutbah"),
    ("Rutbah", "Rutbah"),
    ("Sakar", "Sakar"),
    ("Saraqeb", "Saraqib"),
    ("Saraqib", "Saraqib"),
    ("Shaddadi", "Shaddadi"),
    ("Shafa", "Al Shafah"),
    ("Sinjar", "Sinjar"),
    ("Sousa", "Al Susah"),
    ("Suwayda", "Suwayda"),
    ("Sweida", "Suwayda"),
    ("Tabqa", "Tabqa"),
    ("Tal Afar", "Tal Afar"),
    ("Talafar", "Tal Afar"),
    ("Tall Afar", "Tal Afar"),
    ("Tartous", "Tartus"),
    ("Tartus", "Tartus"),
    ("Tel Afar", "Tal Afar"),
    ("Tikrit", "Tikrit"),
    ("al-Bab", "Al Bab"),
    ("al-Mayadeen", "Al Mayadin"),
    ("al-Ramadi", "Ramadi"),
    ("al-Raqqa", "Raqqa"),
    ("al-Shaddadi", "Shaddadi"),
    ("al-Tabqa", "Tabqa"),
];
const BENCH_GOVERNORATES: &[(&str, &str)] = &[
    ("Al Anbar", "Anbar"),
    ("Al Hasakah", "Hasakah"),
    ("Aleppo", "Aleppo"),
    ("Anbar", "Anbar"),
    ("Ar Raqqah", "Raqqa"),
    ("As Suwayda", "Suwayda"),
    ("Baghdad", "Baghdad"),
    ("Damascus", "Damascus"),
    ("Damascus Suburbs", "Rif Dimashq"),
    ("Dara'a", "Daraa"),
    ("Daraa", "Daraa"),
    ("Dayr az Zawr", "Dayr az Zawr"),
    ("Deir Ez-Zour", "Dayr az Zawr"),
    ("Deir Ezzor", "Dayr az Zawr"),
    ("Deir ez-Zor", "Dayr az Zawr"),
    ("Erbil", "Erbil"),
    ("Hama", "Hama"),
    ("Hasaka", "Hasakah"),
    ("Homs", "Homs"),
    ("Idleb", "Idlib"),
    ("Idlib", "Idlib"),
    ("Kirkuk", "Kirkuk"),
    ("Latakia", "Latakia"),
    ("Nineveh", "Nineveh"),
    ("Ninewa", "Nineveh"),
    ("Quneitra", "Quneitra"),
    ("Raqqa", "Raqqa"),
    ("Rif Dimashq", "Rif Dimashq"),
    ("Salah ad Din", "Salah ad Din"),
    ("Salahuddin", "Salah ad Din"),
    ("Suwayda", "Suwayda"),
    ("Tartus", "Tartus"),
];

#[test]
fn every_bench_spelling_resolves_to_the_bench_name() {
    let g = Gazetteer::bundled();
    for (spelling, canon) in BENCH_TOWNS {
        let text = format!("Two strikes near {spelling}, officials said.");
        let v = g.find(&text);
        assert_eq!(v.len(), 1, "{spelling}: {v:?}");
        assert_eq!(v[0].place.name, *canon, "{spelling}");
        assert_eq!(v[0].place.as_written, format!("near {spelling}"));
    }
    for (spelling, canon) in BENCH_GOVERNORATES {
        let text = format!("killed in {spelling} governorate.");
        let v = g.find(&text);
        assert_eq!(v.len(), 1, "{spelling}: {v:?}");
        assert_eq!(v[0].place.name, *canon, "{spelling}");
        assert_eq!(v[0].place.precision, PlacePrecision::Admin1, "{spelling}");
    }
}

#[test]
fn civcas_table_cells_and_airwars_locations() {
    let g = Gazetteer::bundled();
    let v = g.find("Near Al Bukamal, Syria");
    let got: Vec<(&str, &str, Option<&str>)> = v
        .iter()
        .map(|m| {
            (
                m.place.as_written.as_str(),
                m.place.name.as_str(),
                m.place.country.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Near Al Bukamal", "Abu Kamal", Some("SY")),
            ("Syria", "Syria", Some("SY"))
        ]
    );
    let v = g.find("Hajine, Deir Ez-Zour, Syria");
    let got: Vec<(&str, PlacePrecision)> = v
        .iter()
        .map(|m| (m.place.name.as_str(), m.place.precision))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Hajin", PlacePrecision::Locality),
            ("Dayr az Zawr", PlacePrecision::Admin1),
            ("Syria", PlacePrecision::Country)
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn places_never_panic_and_spans_slice_to_as_written(text in texty(), any in "\\PC{0,80}") {
        for t in [&text, &any] {
            let mut last_end = 0;
            for hint in [None, Some("IQ"), Some("Syria"), Some("??")] {
                for m in Gazetteer::bundled().find_with_country(t, hint) {
                    check_span(t, m.start, m.end)?;
                    prop_assert!(t.is_char_boundary(m.written_start) && m.written_start <= m.start);
                    prop_assert_eq!(t.get(m.written_start..m.end), Some(m.place.as_written.as_str()));
                    if hint.is_none() {
                        prop_assert!(m.written_start >= last_end, "overlap in {t:?}");
                        last_end = m.end;
                    }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn claimants_never_panic_and_spans_are_sorted(text in texty(), any in "\\PC{0,80}") {
        for t in [&text, &any] {
            let mut last_end = 0;
            for m in find_claimants(t) {
                check_span(t, m.start, m.end)?;
                prop_assert!(m.start >= last_end);
                last_end = m.end;
                let written = t.get(m.start..m.end).unwrap_or("");
                prop_assert_eq!(resolve_alias(written).map(|c| c.name), Some(m.claimant.name.clone()), "{:?}", written);
            }
            let mut last_end = 0;
            for m in find_perpetrators(t) {
                check_span(t, m.start, m.end)?;
                prop_assert!(m.start >= last_end);
                last_end = m.end;
            }
            let _ = resolve_alias(t);
        }
    }
}

#[test]
fn news_article_relaying_several_claimants() {
    let t = "An airstrike near Al Bukamal last Sunday killed at least 12 people, including four children, \
             according to the Syrian Observatory for Human Rights. The U.S.-led coalition said it had carried \
             out 40 strikes near Al Bukamal in the past week. Airwars, a London-based monitoring group, puts \
             the figure at between 7,316 and 11,637.";
    let speakers: Vec<(String, bool)> = find_claimants(t)
        .into_iter()
        .map(|m| (m.claimant.name, m.speaks))
        .collect();
    assert_eq!(
        speakers,
        vec![
            ("Syrian Observatory for Human Rights".to_string(), true),
            ("CJTF-OIR".to_string(), true),
            ("Airwars".to_string(), true),
        ]
    );
    let places: Vec<String> = Gazetteer::bundled()
        .find(t)
        .into_iter()
        .map(|m| m.place.as_written)
        .collect();
    assert_eq!(places, vec!["near Al Bukamal", "near Al Bukamal"]);
    let dates: Vec<(String, String)> = find_dates(t, Some(REF))
        .into_iter()
        .map(|m| (m.period.as_written.unwrap_or_default(), m.period.start))
        .collect();
    assert_eq!(
        dates,
        vec![
            ("last Sunday".to_string(), "2018-12-02".to_string()),
            ("in the past week".to_string(), "2018-11-28".to_string()),
        ]
    );
}

#[test]
fn snhr_incident_paragraph() {
    let t = "On Saturday, March 3, 2018, Syrian Regime forces\u{2019} helicopters dropped barrel bombs on \
             Douma town in eastern Damascus Suburbs governorate. The attack resulted in the killing of 7 \
             civilians, including 3 children.";
    let r: Date = Date::constant(2018, 4, 2);
    let d: Vec<(String, String)> = find_dates(t, Some(r))
        .into_iter()
        .map(|m| (m.period.as_written.unwrap_or_default(), m.period.start))
        .collect();
    assert_eq!(
        d,
        vec![(
            "Saturday, March 3, 2018".to_string(),
            "2018-03-03".to_string()
        )]
    );
    let p: Vec<(String, PlacePrecision)> = Gazetteer::bundled()
        .find(t)
        .into_iter()
        .map(|m| (m.place.name, m.place.precision))
        .collect();
    assert_eq!(
        p,
        vec![
            ("Douma".to_string(), PlacePrecision::Locality),
            ("Rif Dimashq".to_string(), PlacePrecision::Admin1)
        ]
    );
    let who: Vec<String> = find_perpetrators(t).into_iter().map(|m| m.name).collect();
    assert_eq!(who, vec!["Syrian regime forces"]);
}

#[test]
fn airwars_metadata_rows() {
    let g = Gazetteer::bundled();
    let rows = [
        ("Incident date", "Wednesday, 1 November 2017"),
        ("Location", "Al Bukamal, Deir Ez-Zour, Syria"),
        ("Suspected belligerent", "US-led Coalition"),
    ];
    let r = Date::constant(2018, 3, 1);
    let date = find_dates(rows[0].1, Some(r));
    assert_eq!(date.len(), 1);
    assert_eq!(
        (date[0].period.start.as_str(), date[0].period.end.as_str()),
        ("2017-11-01", "2017-11-01")
    );
    let places: Vec<(String, Option<String>)> = g
        .find(rows[1].1)
        .into_iter()
        .map(|m| (m.place.name, m.place.country))
        .collect();
    let sy = Some("SY".to_string());
    assert_eq!(
        places,
        vec![
            ("Abu Kamal".to_string(), sy.clone()),
            ("Dayr az Zawr".to_string(), sy.clone()),
            ("Syria".to_string(), sy)
        ]
    );
    assert_eq!(
        resolve_alias(rows[2].1).map(|c| c.name),
        Some("CJTF-OIR".to_string())
    );
}
