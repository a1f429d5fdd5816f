//! Agreement and speed checks against a generated bench corpus (ignored by
//! default: they need files outside the repository).

use super::REF;
use civtrace::extract::claimants::{find_claimants, find_perpetrators, resolve_alias};
use civtrace::extract::dates::{find_date_spans, find_dates};
use civtrace::extract::places::Gazetteer;
use jiff::civil::Date;

/// Reads every fact's `date_text`, `location_text` and `claimant` from a bench
/// manifest (path in `CIVTRACE_BENCH_MANIFEST`) and reports how often the
/// context finders agree with the truth, by the bench scorer's rules.
/// Run: `CIVTRACE_BENCH_MANIFEST=/work/bench-corpus/manifest.jsonl cargo test --test integration bench_context -- --ignored --nocapture`
#[test]
#[ignore = "needs a generated bench corpus"]
fn bench_context_agreement() {
    use std::collections::BTreeMap;
    let Ok(path) = std::env::var("CIVTRACE_BENCH_MANIFEST") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let g = Gazetteer::bundled();
    let (mut dn, mut dok, mut ln, mut lok, mut cn, mut cok) = (0, 0, 0, 0, 0, 0);
    let mut misses: BTreeMap<String, usize> = BTreeMap::new();
    for line in text.lines() {
        let Ok(doc) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let published: Option<Date> = doc["published"]
            .as_str()
            .and_then(|s| s.get(..10)?.parse().ok());
        for f in doc["facts"].as_array().into_iter().flatten() {
            if let Some(dt) = f["date_text"].as_str() {
                dn += 1;
                // The manifest drops the cue a bare month or year has in the text ("in June").
                let bare = dt.chars().all(|c| c.is_ascii_alphanumeric());
                let cued = if bare {
                    format!("in {dt}")
                } else {
                    dt.to_string()
                };
                let m = find_dates(&cued, published);
                let got = m
                    .first()
                    .map(|m| (m.period.start.clone(), m.period.end.clone()));
                let ok = match (&got, f["date"].as_str(), &f["period"]) {
                    (Some((s, e)), Some(d), _) => s == d && e == d,
                    (Some((s, e)), None, p) if p.is_object() => {
                        let (ps, pe) = (
                            p["start"].as_str().unwrap_or(""),
                            p["end"].as_str().unwrap_or(""),
                        );
                        let day = |x: &str| x.parse::<Date>().ok();
                        match (day(s), day(e), day(ps), day(pe)) {
                            (Some(s), Some(e), Some(ps), Some(pe)) => {
                                ps.yesterday().is_ok_and(|p| p <= s)
                                    && pe.tomorrow().is_ok_and(|p| e <= p)
                            }
                            _ => false,
                        }
                    }
                    _ => false,
                };
                if ok {
                    dok += 1;
                } else {
                    *misses
                        .entry(format!(
                            "date {dt:?} → {got:?} want {} {}",
                            f["date"], f["period"]
                        ))
                        .or_default() += 1;
                }
            }
            if let (Some(lt), Some(loc)) = (f["location_text"].as_str(), f["location"].as_str()) {
                ln += 1;
                let got = g.lookup(lt, f["country"].as_str()).map(|p| p.name);
                let alt: Vec<&str> = f["location_alt"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str())
                    .collect();
                if got.as_deref() == Some(loc) || got.as_deref().is_some_and(|g| alt.contains(&g)) {
                    lok += 1;
                } else {
                    *misses
                        .entry(format!("place {lt:?} → {got:?} want {loc}"))
                        .or_default() += 1;
                }
            }
            if let Some(c) = f["claimant"].as_str() {
                cn += 1;
                let got = resolve_alias(c)
                    .map(|c| civtrace::extract::claimants::bench_name(&c.name).to_string());
                if got.as_deref() == Some(c) {
                    cok += 1;
                } else {
                    *misses
                        .entry(format!("claimant {c:?} → {got:?}"))
                        .or_default() += 1;
                }
            }
        }
    }
    println!("dates {dok}/{dn}  places {lok}/{ln}  claimants {cok}/{cn}");
    let mut v: Vec<_> = misses.into_iter().collect();
    v.sort_by_key(|b| std::cmp::Reverse(b.1));
    for (k, n) in v
        .iter()
        .filter(|(k, _)| !k.contains("August 2014"))
        .take(40)
    {
        println!("{n:6} {k}");
    }
}

/// Rough per-call cost of the finders on a news paragraph (debug builds are ~10–30× slower).
/// Run: `cargo test --test integration context_speed -- --ignored --nocapture`
#[test]
#[ignore = "timing, not a check"]
fn context_speed() {
    let t = "An airstrike near Al Bukamal last Sunday killed at least 12 people, including four children, \
             according to the Syrian Observatory for Human Rights. The U.S.-led coalition said it had carried \
             out 40 strikes near Al Bukamal in the past week. Airwars, a London-based monitoring group, puts \
             the figure at between 7,316 and 11,637. From August 2014 to the end of October 2018, the Coalition \
             conducted a total of 30,000 strikes. In Raqqa, Syria, on Aug. 4, 2017, Coalition strikes hit a house. \
             The coalition’s report – released on Thursday – said 3–7 civilians died in Deir Ez-Zour.";
    let n: u32 = std::env::var("CIVTRACE_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let g = Gazetteer::bundled();
    let _ = (
        find_dates(t, Some(REF)),
        g.find(t),
        find_claimants(t),
        find_perpetrators(t),
    );
    for (name, f) in [
        ("dates", &(|| drop(find_dates(t, Some(REF)))) as &dyn Fn()),
        ("date_spans", &|| drop(find_date_spans(t))),
        ("places", &|| drop(g.find(t))),
        ("claimants", &|| drop(find_claimants(t))),
        ("perpetrators", &|| drop(find_perpetrators(t))),
    ] {
        let start = std::time::Instant::now();
        for _ in 0..n {
            f();
        }
        println!(
            "{name:12} {:8.1} µs/call ({} bytes)",
            start.elapsed().as_secs_f64() * 1e6 / f64::from(n),
            t.len()
        );
    }
}

/// Runs the finders over text blocks dumped from bench documents (path in
/// `CIVTRACE_BENCH_BLOCKS`: JSON lines `{published, text, facts: [{text, date,
/// period, date_text, location, location_text, claimant}]}`) and counts facts
/// whose number a date span would mask, and blocks where the fact's date,
/// place or claimant is not found.
#[test]
#[ignore = "needs dumped bench blocks"]
fn bench_blocks_agreement() {
    use std::collections::BTreeMap;
    let Ok(path) = std::env::var("CIVTRACE_BENCH_BLOCKS") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let g = Gazetteer::bundled();
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses: BTreeMap<String, usize> = BTreeMap::new();
    for line in text.lines() {
        let Ok(b) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let t = b["text"].as_str().unwrap_or("");
        let published: Option<Date> = b["published"].as_str().and_then(|s| s.parse().ok());
        let spans = find_date_spans(t);
        let dates = find_dates(t, published);
        let places = g.find(t);
        let claimants = find_claimants(t);
        for f in b["facts"].as_array().into_iter().flatten() {
            let ft = f["text"].as_str().unwrap_or("");
            for (i, _) in t.match_indices(ft) {
                let prev = t.get(..i).and_then(|p| p.chars().next_back());
                let next = t.get(i + ft.len()..).and_then(|n| n.chars().next());
                let glued = |c: Option<char>| {
                    c.is_some_and(|c| {
                        c.is_alphanumeric()
                            || c == ','
                            || c == '.'
                            || c == '-'
                            || c == '/'
                            || c == ':'
                    })
                };
                if glued(prev) || glued(next) {
                    continue;
                }
                let masked = spans.iter().any(|&(s, e)| s < i + ft.len() && i < e);
                let c = counts.entry("fact not masked").or_default();
                c.1 += 1;
                if masked {
                    *misses.entry(format!("masked {ft:?} in {t:?}")).or_default() += 1;
                } else {
                    c.0 += 1;
                }
            }
            if let Some(dt) = f["date_text"].as_str().filter(|dt| t.contains(dt)) {
                let want = f["date"].as_str().map(|d| (d, d)).or_else(|| {
                    Some((f["period"]["start"].as_str()?, f["period"]["end"].as_str()?))
                });
                let hit = dates.iter().any(|m| {
                    m.period
                        .as_written
                        .as_deref()
                        .is_some_and(|w| w.contains(dt) || dt.contains(w))
                        && want.is_some_and(|(s, e)| {
                            s <= m.period.start.as_str() && m.period.end.as_str() <= e
                                || (s == m.period.start && e == m.period.end)
                        })
                });
                let c = counts.entry("date found").or_default();
                c.1 += 1;
                if hit {
                    c.0 += 1;
                } else {
                    let got: Vec<_> = dates
                        .iter()
                        .map(|m| {
                            (
                                m.period.as_written.clone(),
                                m.period.start.clone(),
                                m.period.end.clone(),
                            )
                        })
                        .collect();
                    *misses
                        .entry(format!("date {dt:?} want {want:?} got {got:?}"))
                        .or_default() += 1;
                }
            }
            if let (Some(lt), Some(loc)) = (f["location_text"].as_str(), f["location"].as_str()) {
                if t.contains(lt) {
                    let c = counts.entry("place found").or_default();
                    c.1 += 1;
                    if places.iter().any(|m| m.place.name == loc) {
                        c.0 += 1;
                    } else {
                        *misses
                            .entry(format!("place {lt:?}→{loc} in {t:?}"))
                            .or_default() += 1;
                    }
                }
            }
            if let Some(cl) = f["claimant"].as_str() {
                let named = claimants
                    .iter()
                    .any(|m| civtrace::extract::claimants::bench_name(&m.claimant.name) == cl);
                if named {
                    let c = counts.entry("named claimant speaks").or_default();
                    c.1 += 1;
                    if claimants.iter().any(|m| {
                        m.speaks && civtrace::extract::claimants::bench_name(&m.claimant.name) == cl
                    }) {
                        c.0 += 1;
                    } else {
                        *misses.entry(format!("silent {cl} in {t:?}")).or_default() += 1;
                    }
                }
            }
        }
    }
    for (k, (ok, n)) in &counts {
        println!("{k:24} {ok}/{n}");
    }
    let mut v: Vec<_> = misses.into_iter().collect();
    v.sort_by_key(|b| std::cmp::Reverse(b.1));
    let only = std::env::var("CIVTRACE_ONLY").unwrap_or_default();
    for (k, n) in v.iter().filter(|(k, _)| k.starts_with(only.as_str())).take(
        std::env::var("CIVTRACE_TAKE")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(60),
    ) {
        println!("{n:5} {}", k.chars().take(400).collect::<String>());
    }
}
