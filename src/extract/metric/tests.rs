//! Unit tests for metric/subject/object, on sentences from the real formats.

use super::*;
use crate::extract::numbers::find_numbers;
use Metric::*;
use Subject::*;

/// (number as written, metric, subject, object) for every counted number.
fn got(s: &str) -> Vec<(String, Metric, Option<Subject>, Option<String>)> {
    find_numbers(s)
        .into_iter()
        .filter_map(|m| {
            let c = classify(s, m.start, m.phrase_end)?;
            Some((s[m.start..m.end].to_string(), c.metric, c.subject, c.object))
        })
        .collect()
}

fn ms(s: &str) -> Vec<(String, Metric, Option<Subject>)> {
    got(s).into_iter().map(|(a, b, c, _)| (a, b, c)).collect()
}

fn o(s: &str, m: Metric, subj: Option<Subject>) -> (String, Metric, Option<Subject>) {
    (s.to_string(), m, subj)
}

#[test]
fn strikes_engagements_and_targets() {
    let t = "Near Abu Kamal, three strikes engaged three ISIS tactical units and destroyed five oil stills, two vehicles and 12 fighting positions.";
    let g = got(t);
    assert_eq!(g[0].1, Strikes);
    assert_eq!(
        (g[1].1, g[1].3.as_deref()),
        (Struck, Some("tactical units"))
    );
    assert_eq!((g[2].1, g[2].3.as_deref()), (Destroyed, Some("oil stills")));
    assert_eq!((g[3].1, g[3].3.as_deref()), (Destroyed, Some("vehicles")));
    assert_eq!(
        (g[4].1, g[4].3.as_deref()),
        (Destroyed, Some("fighting positions"))
    );
    let t = "Coalition military forces conducted 12 strikes consisting of 20 engagements against ISIS targets in Syria.";
    assert_eq!(
        ms(t),
        vec![o("12", Strikes, None), o("20", Engagements, None)]
    );
    let t = "a single aircraft delivering a single weapon against a lone ISIL vehicle is one strike, but so is multiple aircraft";
    assert!(ms(t).is_empty());
    let t = "Near Hit, two strikes destroyed four command and control nodes and damaged a supply route.";
    let g = got(t);
    assert_eq!(
        (g[1].1, g[1].3.as_deref()),
        (Destroyed, Some("command and control nodes"))
    );
}

#[test]
fn casualties_by_subject_and_verb() {
    let t = "Based on information available, CJTF-OIR assesses at least 1,139 civilians have been unintentionally killed by Coalition strikes.";
    assert_eq!(ms(t), vec![o("1,139", Killed, Some(Civilians))]);
    let t = "The bombardment killed 7 civilians, including 3 children and 2 women, and injured 12 others.";
    let g = ms(t);
    assert_eq!(g[0], o("7", Killed, Some(Civilians)));
    assert_eq!((g[1].1, g[1].2), (Killed, Some(Children)));
    assert_eq!((g[2].1, g[2].2), (Killed, Some(Women)));
    assert_eq!((g[3].0.as_str(), g[3].1, g[3].2), ("12", Injured, None));
    let t = "Of the 43 completed reports, five reports were assessed to be credible and resulted in 12 unintentional civilian deaths.";
    assert_eq!(
        ms(t),
        vec![
            o("43", ReportsAssessed, None),
            o("five", ReportsCredible, None),
            o("12", Killed, Some(Civilians))
        ]
    );
    let t = "The local news site Euphrates Post also claimed the strike targeted an ISIS gathering, killing 12 militants.";
    assert_eq!(ms(t), vec![o("12", Killed, Some(Combatants))]);
    let t = "Twelve SDF fighters were killed in the attack.";
    assert_eq!(ms(t), vec![o("Twelve", Killed, Some(Personnel))]);
    let t = "Among the victims were 12 medical personnel and 3 media workers.";
    assert_eq!(
        ms(t),
        vec![
            o("12", Killed, Some(MedicalWorkers)),
            o("3", Killed, Some(MediaWorkers))
        ]
    );
    let t = "SNHR also documented the deaths of 45 individuals due to torture.";
    assert_eq!(ms(t), vec![o("45", Killed, Some(Detainees))]);
    let t = "In addition, SNHR recorded at least 300 cases of arbitrary arrest in May.";
    assert_eq!(ms(t).first().map(|g| g.1), Some(Arrested));
    let t = "Nearly 23,458 people have fled Hajin and surrounding villages this year, the United Nations said.";
    assert_eq!(ms(t), vec![o("23,458", Displaced, Some(Unknown))]);
    let t =
        "According to Deir Ezzor 24, four members of one family died when the building collapsed.";
    assert_eq!(ms(t), vec![o("four", Killed, Some(Civilians))]);
    let t = "The report also documents 12 massacres in May 2018.";
    assert_eq!(ms(t), vec![o("12", Massacres, None)]);
}

#[test]
fn report_counts_by_status() {
    let t = "During the month of May 2018, CJTF-OIR carried over 216 open reports from previous months and received 43 new reports.";
    assert_eq!(
        ms(t),
        vec![
            o("216", ReportsPending, None),
            o("43", ReportsReceived, None)
        ]
    );
    let t = "The remaining 38 reports were assessed to be non-credible.";
    assert_eq!(ms(t), vec![o("38", ReportsNonCredible, None)]);
    let t = "There are 212 reports still open.";
    assert_eq!(ms(t), vec![o("212", ReportsPending, None)]);
    let t = "CJTF-OIR completed 43 civilian casualty allegation reports.";
    assert_eq!(ms(t), vec![o("43", ReportsAssessed, None)]);
    let t = "In May 2018, Airwars tracked 120 alleged Coalition civilian casualty incidents in Iraq and Syria, 14 of which were assessed as Fair, leading to between 20 and 60 likely civilian deaths.";
    let g = ms(t);
    assert_eq!(g[0], o("120", Incidents, None));
    assert_eq!(g[1].0, "14");
    assert_eq!(g[2], o("20 and 60", Killed, Some(Civilians)));
}

#[test]
fn inherited_figures() {
    let t = "while Airwars, a London-based monitoring group, puts the figure at between 7,316 and 11,637.";
    let v = find_numbers(t);
    let c = classify(t, v[0].start, v[0].phrase_end).unwrap();
    assert_eq!(c.inherit, Inherit::All);
    let t = "Three others were injured.";
    let v = find_numbers(t);
    let c = classify(t, v[0].start, v[0].phrase_end).unwrap();
    assert_eq!(
        (c.metric, c.subject, c.inherit),
        (Injured, None, Inherit::Subject)
    );
}

#[test]
fn labels_and_headers() {
    let l = |s: &str| classify_label(s).map(|c| (c.metric, c.subject));
    assert_eq!(
        l("Civilians reported killed"),
        Some((Killed, Some(Civilians)))
    );
    assert_eq!(
        l("Children reported killed"),
        Some((Killed, Some(Children)))
    );
    assert_eq!(
        l("Civilians reported injured"),
        Some((Injured, Some(Civilians)))
    );
    assert_eq!(
        l("Likely civilian deaths (min – max)"),
        Some((Killed, Some(Civilians)))
    );
    assert_eq!(l("Alleged incidents"), Some((Incidents, None)));
    assert_eq!(l("Civilian victims"), Some((Killed, Some(Civilians))));
    assert_eq!(l("Women"), Some((Killed, Some(Women))));
    assert_eq!(l("Incident Code"), Some((Incidents, None)));
    assert_eq!(l("Date of Incident"), Some((Incidents, None)));
    assert_eq!(l("Location"), None);
}
