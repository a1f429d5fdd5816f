//! Exact expected readings for every form the date grammar claims to handle.

use super::*;
use DateBasis::{Explicit, Relative};
use DatePrecision::{Day, Month, Range, Week, Year};

fn d(s: &str) -> Date {
    s.parse().unwrap_or(Date::constant(1970, 1, 1))
}

/// (as_written, start, end, precision, basis) of every mention.
fn read(text: &str, reference: &str) -> Vec<(String, String, String, DatePrecision, DateBasis)> {
    find_dates(text, Some(d(reference)))
        .into_iter()
        .map(|m| {
            let p = m.period;
            (
                p.as_written.unwrap_or_default(),
                p.start,
                p.end,
                p.precision,
                p.basis,
            )
        })
        .collect()
}

fn one(text: &str, reference: &str) -> (String, String, String, DatePrecision, DateBasis) {
    let v = read(text, reference);
    assert_eq!(v.len(), 1, "{text:?} → {v:?}");
    v.into_iter().next().unwrap_or_else(|| unreachable!())
}

fn is(
    got: (String, String, String, DatePrecision, DateBasis),
    written: &str,
    start: &str,
    end: &str,
    p: DatePrecision,
    b: DateBasis,
) {
    assert_eq!(
        got,
        (written.into(), start.into(), end.into(), p, b),
        "reading {written:?}"
    );
}

const R: &str = "2018-12-05"; // a Wednesday

#[test]
fn absolute_days_in_every_common_form() {
    let day = |t: &str, w: &str, iso: &str| is(one(t, R), w, iso, iso, Day, Explicit);
    day("On Aug. 4, 2017, a strike", "Aug. 4, 2017", "2017-08-04");
    day("on August 4, 2017 near", "August 4, 2017", "2017-08-04");
    day("on 4 August 2017.", "4 August 2017", "2017-08-04");
    day("date: 2017-08-04", "2017-08-04", "2017-08-04");
    day(
        "at 2017-08-04T10:30:00Z.",
        "2017-08-04T10:30:00Z",
        "2017-08-04",
    );
    day("On Sept. 20, 2015 near", "Sept. 20, 2015", "2015-09-20");
    day(
        "On Saturday, March 3, 2018, regime",
        "Saturday, March 3, 2018",
        "2018-03-03",
    );
    day(
        "On Saturday, 3 March 2018, regime",
        "Saturday, 3 March 2018",
        "2018-03-03",
    );
    day("On March 3rd, 2018, a", "March 3rd, 2018", "2018-03-03");
    day("on 4 Aug 2017", "4 Aug 2017", "2017-08-04");
    day("on 03/04/2018", "03/04/2018", "2018-04-03");
    day("on 04/23/2018", "04/23/2018", "2018-04-23");
    day("on 03.04.2018", "03.04.2018", "2018-04-03");
    day("on 2018/04/03", "2018/04/03", "2018-04-03");
    day("On Nov. 30, 2018", "Nov. 30, 2018", "2018-11-30");
}

#[test]
fn days_without_a_year_take_the_most_recent_before_the_reference() {
    is(
        one("On Nov. 1 near Hajin", R),
        "Nov. 1",
        "2018-11-01",
        "2018-11-01",
        Day,
        Relative,
    );
    is(
        one("on Dec. 20, six strikes", R),
        "Dec. 20",
        "2017-12-20",
        "2017-12-20",
        Day,
        Relative,
    );
    is(
        one("On Sept 20 the", R),
        "Sept 20",
        "2018-09-20",
        "2018-09-20",
        Day,
        Relative,
    );
    is(
        one("on 3 March the", R),
        "3 March",
        "2018-03-03",
        "2018-03-03",
        Day,
        Relative,
    );
    assert!(find_dates("On Nov. 1 near Hajin", None).is_empty());
}

#[test]
fn months_and_years() {
    is(
        one("in May 2017 the", R),
        "May 2017",
        "2017-05-01",
        "2017-05-31",
        Month,
        Explicit,
    );
    is(
        one("in Feb. 2016 the", R),
        "Feb. 2016",
        "2016-02-01",
        "2016-02-29",
        Month,
        Explicit,
    );
    is(
        one("during 2018 the", R),
        "2018",
        "2018-01-01",
        "2018-12-31",
        Year,
        Explicit,
    );
    is(
        one("killed in 2017.", R),
        "2017",
        "2017-01-01",
        "2017-12-31",
        Year,
        Explicit,
    );
    is(
        one("in the month of November", R),
        "the month of November",
        "2018-11-01",
        "2018-11-30",
        Month,
        Relative,
    );
    is(
        one("civilians in Syria in November,", R),
        "November",
        "2018-11-01",
        "2018-11-30",
        Month,
        Relative,
    );
    is(
        one("in the first half of 2018", R),
        "the first half of 2018",
        "2018-01-01",
        "2018-06-30",
        Range,
        Explicit,
    );
    is(
        one("from 2014-2016 the", R),
        "2014-2016",
        "2014-01-01",
        "2016-12-31",
        Range,
        Explicit,
    );
}

#[test]
fn explicit_periods() {
    is(
        one(
            "between August 2014 and end of November 2018, the Coalition",
            R,
        ),
        "between August 2014 and end of November 2018",
        "2014-08-01",
        "2018-11-30",
        Range,
        Explicit,
    );
    is(
        one("From August 2014 to the end of October 2018, the", R),
        "From August 2014 to the end of October 2018",
        "2014-08-01",
        "2018-10-31",
        Range,
        Explicit,
    );
    is(
        one("From Aug. 8, 2014, through Nov. 30, 2018, the", R),
        "From Aug. 8, 2014, through Nov. 30, 2018",
        "2014-08-08",
        "2018-11-30",
        Range,
        Explicit,
    );
    is(
        one("killed between January 1 and December 31, 2017.", R),
        "between January 1 and December 31, 2017",
        "2017-01-01",
        "2017-12-31",
        Range,
        Explicit,
    );
    is(
        one("between 2014 and 2018", R),
        "between 2014 and 2018",
        "2014-01-01",
        "2018-12-31",
        Range,
        Explicit,
    );
}

#[test]
fn weekly_windows() {
    is(
        one("Between Nov. 18-24, Coalition", R),
        "Nov. 18-24",
        "2018-11-18",
        "2018-11-24",
        Week,
        Relative,
    );
    is(
        one("Between Nov. 18 - 24, 2018, Coalition", R),
        "Nov. 18 - 24, 2018",
        "2018-11-18",
        "2018-11-24",
        Week,
        Explicit,
    );
    is(
        one("From November 18 to 24, 2018, Coalition", R),
        "November 18 to 24, 2018",
        "2018-11-18",
        "2018-11-24",
        Week,
        Explicit,
    );
    is(
        one("Between Nov. 28 - Dec. 4, Coalition", R),
        "Nov. 28 - Dec. 4",
        "2018-11-28",
        "2018-12-04",
        Week,
        Relative,
    );
    is(
        one(
            "From December 28 to January 3, 2019, Coalition",
            "2019-01-06",
        ),
        "December 28 to January 3, 2019",
        "2018-12-28",
        "2019-01-03",
        Week,
        Explicit,
    );
}

#[test]
fn since_an_event_began_on_a_day() {
    is(
        one(
            "since the operation to liberate Raqqa began on June 6, the Coalition",
            R,
        ),
        "since the operation to liberate Raqqa began on June 6",
        "2018-06-06",
        R,
        Range,
        Relative,
    );
    is(
        one(
            "said that since the Syrian Democratic Forces launched their offensive on Sept. 10, 923 people",
            R,
        ),
        "since the Syrian Democratic Forces launched their offensive on Sept. 10",
        "2018-09-10",
        R,
        Range,
        Relative,
    );
    is(
        one("killed since the assault on Kobani began on Sept. 16.", R),
        "since the assault on Kobani began on Sept. 16",
        "2018-09-16",
        R,
        Range,
        Relative,
    );
}

#[test]
fn after_a_day_is_an_open_span_from_it() {
    is(
        one(
            "most of them in air strikes on Idlib after September 19.",
            R,
        ),
        "after September 19",
        "2018-09-19",
        R,
        Range,
        Relative,
    );
    // only a day opens a span: "after 2015" stays a year
    let v = read("fighting after 2015 the", R);
    assert!(v.iter().all(|x| !x.0.starts_with("after")));
}

#[test]
fn since_expressions_end_at_the_reference() {
    is(
        one("killed since the start of Operation Inherent Resolve.", R),
        "since the start of Operation Inherent Resolve",
        "2014-08-08",
        R,
        Range,
        Relative,
    );
    is(
        one("in its strikes since 2014, while", R),
        "since 2014",
        "2014-08-08",
        R,
        Range,
        Relative,
    );
    is(
        one("since August 2015 the", R),
        "since August 2015",
        "2015-08-01",
        R,
        Range,
        Relative,
    );
    // Without a reference the year still masks, as a year.
    let v = find_dates("since 2014", None);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].period.as_written.as_deref(), Some("2014"));
}

#[test]
fn relative_days() {
    let day = |t: &str, w: &str, iso: &str| is(one(t, R), w, iso, iso, Day, Relative);
    day("A strike yesterday killed", "yesterday", "2018-12-04");
    day("officials said today.", "today", "2018-12-05");
    day(
        "Right now we have 21 open reports",
        "Right now",
        "2018-12-05",
    );
    day(
        "An airstrike last Sunday killed",
        "last Sunday",
        "2018-12-02",
    );
    day("said on Tuesday that", "Tuesday", "2018-12-04");
    day("said on Wednesday that", "Wednesday", "2018-11-28");
    day("on Friday night", "Friday night", "2018-11-30");
    day(
        "the day before yesterday",
        "the day before yesterday",
        "2018-12-03",
    );
    day("three days ago", "three days ago", "2018-12-02");
    day("strikes last night", "last night", "2018-12-04");
}

#[test]
fn past_days_and_weeks_run_up_to_the_reference() {
    // a story published on Dec. 5 counting "in the past two weeks" includes its own day
    is(
        one("In the past two weeks alone, the Iraqi forces killed", R),
        "In the past two weeks",
        "2018-11-21",
        R,
        Range,
        Relative,
    );
    is(
        one("killed in the past three days", R),
        "in the past three days",
        "2018-12-02",
        R,
        Week,
        Relative,
    );
}

#[test]
fn a_month_as_the_subject_of_its_sentence() {
    is(
        one(
            "Alleged deaths rose. March was the worst month on record.",
            R,
        ),
        "March",
        "2018-03-01",
        "2018-03-31",
        Month,
        Relative,
    );
    is(
        one("November was the deadliest month", R),
        "November",
        "2018-11-01",
        "2018-11-30",
        Month,
        Relative,
    );
    // "May" the verb, "March" the verb
    assert_eq!(read("Civilians may have died. They march on.", R), vec![]);
}

#[test]
fn a_table_row_labelled_by_a_year() {
    is(
        one("2015 | 102 | 1,103–1,634", R),
        "2015",
        "2015-01-01",
        "2015-12-31",
        Year,
        Explicit,
    );
    is(
        one("2014 (from August 8) | 28 | 139–239", R),
        "2014 (from August 8)",
        "2014-08-08",
        "2014-12-31",
        Range,
        Explicit,
    );
    // a year inside a row is no label
    assert_eq!(read("Strikes | 2015 | 102", R), vec![]);
}

#[test]
fn today_in_a_name_is_no_date() {
    assert_eq!(read("Halab Today TV reported seven dead", R), vec![]);
    assert_eq!(read("according to USA Today.", R), vec![]);
    is(
        one("Today, the coalition said", R),
        "Today",
        R,
        R,
        Day,
        Relative,
    );
}

#[test]
fn weekday_pairs_are_one_span_of_past_days() {
    // R is a Wednesday: Sunday and Monday are Dec. 2 and 3
    let pair = |t: &str, w: &str, s: &str, e: &str| is(one(t, R), w, s, e, Week, Relative);
    pair(
        "On Sunday and Monday, Coalition military forces conducted 42 strikes",
        "Sunday and Monday",
        "2018-12-02",
        "2018-12-03",
    );
    pair(
        "strikes Friday through Sunday",
        "Friday through Sunday",
        "2018-11-30",
        "2018-12-02",
    );
    // the second day is the last one before the reference; the first precedes it
    pair(
        "on Tuesday and Wednesday",
        "Tuesday and Wednesday",
        "2018-11-27",
        "2018-11-28",
    );
}

#[test]
fn relative_periods() {
    is(
        one("fled this year, the UN said", R),
        "this year",
        "2018-01-01",
        R,
        Year,
        Relative,
    );
    is(
        one("earlier this month", R),
        "earlier this month",
        "2018-12-01",
        R,
        Month,
        Relative,
    );
    is(
        one("received last month", R),
        "last month",
        "2018-11-01",
        "2018-11-30",
        Month,
        Relative,
    );
    is(
        one("killed last week", R),
        "last week",
        "2018-11-26",
        "2018-12-02",
        Week,
        Relative,
    );
    is(
        one("last year", R),
        "last year",
        "2017-01-01",
        "2017-12-31",
        Year,
        Relative,
    );
    is(
        one("strikes near Hajin in the past week, targeting", R),
        "in the past week",
        "2018-11-28",
        R,
        Week,
        Relative,
    );
    is(
        one("over the past 24 hours", R),
        "over the past 24 hours",
        "2018-12-04",
        R,
        Range,
        Relative,
    );
    is(
        one("over the past four years", R),
        "over the past four years",
        "2014-12-05",
        R,
        Range,
        Relative,
    );
    is(
        one("after four years of war", R),
        "after four years",
        "2014-12-05",
        R,
        Range,
        Relative,
    );
    is(
        one(
            "which took place between 8 a.m. yesterday and 8 a.m. today, local time.",
            R,
        ),
        "between 8 a.m. yesterday and 8 a.m. today",
        "2018-12-04",
        R,
        Range,
        Relative,
    );
    is(
        one("at 8 a.m. yesterday", R),
        "yesterday",
        "2018-12-04",
        "2018-12-04",
        Day,
        Relative,
    );
}

#[test]
fn things_that_are_not_dates() {
    for t in [
        "The coalition may strike again",
        "They march 3 miles",
        "carried over 216 open reports",
        "killed 2014 civilians",
        "Resolution 2401 and 2139",
        "report 20180404-02 and CS1033",
        "the Mayor said 12 people died",
        "Near Mar'a, 4 strikes",
        "a 12 years old boy",
        "twice a year",
        "2.5 million people and 1.2 million",
        "Q5 2018 and 13/13/2018",
    ] {
        assert_eq!(read(t, R), vec![], "{t:?}");
    }
}

#[test]
fn spans_for_masking_include_unresolved_and_times() {
    let t = "Between Nov. 18-24 at 8 a.m., over four years, in 2018";
    let spans: Vec<&str> = find_date_spans(t)
        .into_iter()
        .filter_map(|(s, e)| t.get(s..e))
        .collect();
    assert_eq!(
        spans,
        vec!["Nov. 18-24", "8 a.m.", "over four years", "2018"]
    );
    let t = "during the four-month offensive, a 12-year-old boy, over a 24-hour period";
    let spans: Vec<&str> = find_date_spans(t)
        .into_iter()
        .filter_map(|(s, e)| t.get(s..e))
        .collect();
    assert_eq!(spans, vec!["four-month", "12-year-old", "24-hour"]);
    assert!(find_dates(t, Some(d(R))).is_empty());
}

#[test]
fn mentions_are_sorted_and_disjoint() {
    let t = "On Aug. 4, 2017, and yesterday, and since 2014, and last Sunday.";
    let v = find_dates(t, Some(d(R)));
    let w: Vec<&str> = v.iter().filter_map(|m| t.get(m.start..m.end)).collect();
    assert_eq!(
        w,
        vec!["Aug. 4, 2017", "yesterday", "since 2014", "last Sunday"]
    );
}

#[test]
fn open_ended_spans_stop_at_the_coverage() {
    let t = "assesses at least 1,139 civilians have been killed since the start of Operation Inherent Resolve. \
             During the month of November, CJTF-OIR received 12 reports. Since 2014, and in 2017.";
    let ctx = DateContext {
        reference: Some(d(R)),
        covered_until: Some(d("2018-11-30")),
    };
    let v: Vec<(String, String, bool)> = find_dates_in(t, &ctx)
        .into_iter()
        .map(|m| (m.period.start, m.period.end, m.open_ended))
        .collect();
    let s = |a: &str, b: &str, o: bool| (a.to_string(), b.to_string(), o);
    assert_eq!(
        v,
        vec![
            s("2014-08-08", "2018-11-30", true),
            s("2018-11-01", "2018-11-30", false),
            s("2014-08-08", "2018-11-30", true),
            s("2017-01-01", "2017-12-31", false),
        ]
    );
    // Without coverage the same spans run to the reference.
    assert_eq!(find_dates(t, Some(d(R)))[0].period.end, R);
}
