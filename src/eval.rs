//! Scoring extraction: against the fixtures' expected claims, and mapping
//! claims to the bench corpus's scoring record (`../shared/bench/score.py`).
//!
//! Fixtures: every document `X` with a sibling `X.expected.jsonl` is
//! extracted; produced and expected claims are matched one-to-one, greedily,
//! per document, on (metric, subject, value | low+high); the report gives
//! precision, recall and the accuracy of qualifier, period, place and claimant
//! over the matches.
//!
//! Bench: [`bench_record`] maps a claim to `{doc, value | low+high, qualifier,
//! counted, date | period, location, claimant}` in the bench vocabulary.

use crate::claim::{Claim, Metric, Qualifier, Subject};
use crate::document::Document;
use crate::error::{Error, ErrorKind, Result};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Right answers out of scored ones for one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldScore {
    /// Matches where the field agrees.
    pub right: usize,
    /// Matches where the expected claim states the field.
    pub scored: usize,
}

impl FieldScore {
    /// The accuracy, or None when nothing was scored.
    pub fn accuracy(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.right as f64 / self.scored as f64)
    }

    fn add(&mut self, ok: Option<bool>) {
        if let Some(ok) = ok {
            self.scored += 1;
            self.right += usize::from(ok);
        }
    }
}

/// An expected claim that was not produced, or a produced claim that was not expected.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    /// The document.
    pub doc: String,
    /// A one-line description (metric, subject, number, as written).
    pub what: String,
}

/// The result of scoring fixtures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvalReport {
    /// Documents scored.
    pub docs: usize,
    /// Expected claims.
    pub expected: usize,
    /// Produced claims.
    pub produced: usize,
    /// Matched pairs.
    pub matched: usize,
    /// Qualifier agreement over matches.
    pub qualifier: FieldScore,
    /// Period agreement (start and end equal) over matches that state one.
    pub period: FieldScore,
    /// Place agreement over matches that state one (or null).
    pub place: FieldScore,
    /// Claimant agreement over matches that state one.
    pub claimant: FieldScore,
    /// Perpetrator (`attributed_to`) agreement over matches whose expected
    /// claim has the field (null included: "nobody named").
    pub attributed_to: FieldScore,
    /// Expected claims not produced.
    pub misses: Vec<Miss>,
    /// Produced claims not expected.
    pub extras: Vec<Miss>,
    /// Matched claims whose other fields disagree (field, expected, produced).
    pub wrong: Vec<Miss>,
}

impl EvalReport {
    /// matched / produced.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.produced)
    }

    /// matched / expected.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.expected)
    }

    /// A human-readable summary, one figure a line.
    pub fn summary(&self) -> String {
        let acc = |f: &FieldScore| {
            f.accuracy().map_or("-".to_string(), |a| {
                format!("{a:.3} ({}/{})", f.right, f.scored)
            })
        };
        format!(
            "docs {}\nexpected {}\nproduced {}\nmatched {}\nprecision {:.3}\nrecall {:.3}\nqualifier {}\nperiod {}\nplace {}\nclaimant {}\nattributed_to {}\n",
            self.docs,
            self.expected,
            self.produced,
            self.matched,
            self.precision(),
            self.recall(),
            acc(&self.qualifier),
            acc(&self.period),
            acc(&self.place),
            acc(&self.claimant),
            acc(&self.attributed_to)
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The expected-claims file of a fixture document: `X.expected.jsonl`.
pub fn expected_path(doc: &Path) -> PathBuf {
    let mut s = doc.as_os_str().to_owned();
    s.push(".expected.jsonl");
    PathBuf::from(s)
}

/// Fixture documents under `paths` (files or folders, recursively) that have
/// expected claims, sorted.
pub fn fixture_docs(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = paths.to_vec();
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            if let Ok(rd) = std::fs::read_dir(&p) {
                stack.extend(rd.flatten().map(|e| e.path()));
            }
        } else if expected_path(&p).is_file() {
            out.push(p);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Reads an expected-claims file.
///
/// # Errors
/// An unreadable file or a line that is not JSON, naming the file and line.
pub fn load_expected(path: &Path) -> Result<Vec<Value>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(&name, e))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)
            .map_err(|e| Error::new(ErrorKind::Json, &name, format!("line {}: {e}", i + 1)))?;
        out.push(v);
    }
    Ok(out)
}

/// Reads a fixture document with its `.meta.json` sidecar (url, published_at,
/// retrieved_at, media_type, claimant).
///
/// # Errors
/// An unreadable document or an invalid sidecar, naming the file.
pub fn load_fixture(path: &Path) -> Result<Document> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::io(&name, e))?;
    let mut doc = Document::new(name.clone(), bytes);
    let mut side = path.as_os_str().to_owned();
    side.push(".meta.json");
    let side = PathBuf::from(side);
    if side.is_file() {
        let sname = side.display().to_string();
        let text = std::fs::read_to_string(&side).map_err(|e| Error::io(&sname, e))?;
        let v: Value = serde_json::from_str(&text)
            .map_err(|e| Error::new(ErrorKind::Json, &sname, e.to_string()))?;
        if let Some(u) = v.get("url").and_then(Value::as_str) {
            doc.meta.url = u.to_string();
        }
        doc.meta.published_at = v
            .get("published_at")
            .and_then(Value::as_str)
            .and_then(|s| s.get(..10)?.parse().ok());
        doc.meta.retrieved_at = v
            .get("retrieved_at")
            .and_then(Value::as_str)
            .map(str::to_string);
        doc.meta.media_type = v
            .get("media_type")
            .and_then(Value::as_str)
            .map(str::to_string);
        doc.meta.claimant = v
            .get("claimant")
            .and_then(|c| serde_json::from_value(c.clone()).ok());
    }
    Ok(doc)
}

/// Scores one document's produced claims against its expected ones, adding to `report`.
pub fn score_document(doc: &str, produced: &[Claim], expected: &[Value], report: &mut EvalReport) {
    report.docs += 1;
    report.expected += expected.len();
    report.produced += produced.len();
    let mut used = vec![false; produced.len()];
    for e in expected {
        let cands: Vec<usize> = (0..produced.len())
            .filter(|&i| !used[i] && same_key(&produced[i], e))
            .collect();
        let best = cands.into_iter().max_by_key(|&i| {
            let c = &produced[i];
            let aw = e.get("as_written").and_then(Value::as_str) == Some(&c.estimate.as_written);
            let checks = [
                aw,
                qualifier_ok(c, e) == Some(true),
                period_ok(c, e) == Some(true),
                place_ok(c, e) == Some(true),
            ];
            // earliest among equals: document order
            (checks.iter().filter(|x| **x).count(), usize::MAX - i)
        });
        let Some(i) = best else {
            report.misses.push(Miss {
                doc: doc.to_string(),
                what: describe_expected(e),
            });
            continue;
        };
        used[i] = true;
        report.matched += 1;
        let c = &produced[i];
        for (field, ok, score) in [
            ("qualifier", qualifier_ok(c, e), &mut report.qualifier),
            ("period", period_ok(c, e), &mut report.period),
            ("place", place_ok(c, e), &mut report.place),
            ("claimant", claimant_ok(c, e), &mut report.claimant),
            (
                "attributed_to",
                attributed_ok(c, e),
                &mut report.attributed_to,
            ),
        ] {
            score.add(ok);
            if ok == Some(false) {
                report.wrong.push(Miss {
                    doc: doc.to_string(),
                    what: format!(
                        "{field}: expected {} got {}",
                        describe_expected(e),
                        describe(c)
                    ),
                });
            }
        }
    }
    for (i, c) in produced.iter().enumerate() {
        if !used[i] {
            report.extras.push(Miss {
                doc: doc.to_string(),
                what: describe(c),
            });
        }
    }
}

fn name<T: serde::Serialize>(x: &T) -> String {
    serde_json::to_value(x)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn same_key(c: &Claim, e: &Value) -> bool {
    let s = |k: &str| e.get(k).and_then(Value::as_str);
    let n = |k: &str| e.get(k).and_then(Value::as_u64);
    if s("metric") != Some(name(&c.metric).as_str()) {
        return false;
    }
    if s("subject") != c.subject.map(|x| name(&x)).as_deref() {
        return false;
    }
    match n("value") {
        Some(v) => c.estimate.value == Some(v),
        None => {
            c.estimate.value.is_none() && c.estimate.low == n("low") && c.estimate.high == n("high")
        }
    }
}

fn qualifier_ok(c: &Claim, e: &Value) -> Option<bool> {
    let q = e.get("qualifier")?.as_str()?;
    Some(q == name(&c.estimate.qualifier))
}

fn period_ok(c: &Claim, e: &Value) -> Option<bool> {
    let p = e.get("period")?;
    if p.is_null() {
        return Some(c.period.is_none());
    }
    let (s, en) = (p.get("start")?.as_str()?, p.get("end")?.as_str()?);
    Some(
        c.period
            .as_ref()
            .is_some_and(|cp| cp.start == s && cp.end == en),
    )
}

fn place_ok(c: &Claim, e: &Value) -> Option<bool> {
    let p = e.get("place")?;
    let got = c.places.first().map(|p| p.name.as_str());
    // "place_flag": "country_conflict" marks a place the text puts in the wrong country
    let flag_ok = e
        .get("place_flag")
        .and_then(Value::as_str)
        .is_none_or(|want| {
            c.places
                .first()
                .and_then(|p| p.flag.as_deref())
                .is_some_and(|f| f.starts_with(want))
        });
    Some(
        flag_ok
            && match p.as_str() {
                None => got.is_none(),
                Some(want) => got == Some(want),
            },
    )
}

/// The perpetrator: scored where the expected claim has the key.
fn attributed_ok(c: &Claim, e: &Value) -> Option<bool> {
    let want = e.get("attributed_to")?.as_str();
    Some(c.attributed_to.as_deref() == want)
}

fn claimant_ok(c: &Claim, e: &Value) -> Option<bool> {
    let want = e.get("claimant")?.as_str()?;
    let canon = crate::extract::claimants::resolve_alias(want).map(|x| x.name);
    Some(c.claimant.name == want || canon.as_deref() == Some(c.claimant.name.as_str()))
}

fn describe_expected(e: &Value) -> String {
    let g = |k: &str| {
        e.get(k)
            .map(|v| v.to_string())
            .unwrap_or_else(|| "-".into())
    };
    format!(
        "{}/{} {} [{}..{}] {} «{}» place={} period={}",
        g("metric"),
        g("subject"),
        g("value"),
        g("low"),
        g("high"),
        g("qualifier"),
        g("as_written"),
        g("place"),
        g("period")
    )
}

fn describe(c: &Claim) -> String {
    format!(
        "{}/{} {:?} [{:?}..{:?}] {} «{}» place={:?} period={:?} claimant={} :: {}",
        name(&c.metric),
        c.subject.map(|s| name(&s)).unwrap_or_default(),
        c.estimate.value,
        c.estimate.low,
        c.estimate.high,
        name(&c.estimate.qualifier),
        c.estimate.as_written,
        c.places.first().map(|p| p.name.as_str()),
        c.period.as_ref().map(|p| format!("{}..{}", p.start, p.end)),
        c.claimant.name,
        c.quote.exact.chars().take(100).collect::<String>()
    )
}

/// Extracts and scores every fixture under `paths`.
///
/// # Errors
/// Documents that fail to read or parse are skipped and returned by name
/// with the reason; the report covers the rest.
pub fn evaluate(paths: &[PathBuf]) -> (EvalReport, Vec<Error>) {
    let mut report = EvalReport::default();
    let mut errors = Vec::new();
    for p in fixture_docs(paths) {
        let res = (|| -> Result<()> {
            let expected = load_expected(&expected_path(&p))?;
            let doc = load_fixture(&p)?;
            let parsed = crate::parse::parse(&doc)?;
            let claims = crate::extract::extract(&parsed, &doc.meta);
            score_document(&p.display().to_string(), &claims, &expected, &mut report);
            Ok(())
        })();
        if let Err(e) = res {
            errors.push(e);
        }
    }
    (report, errors)
}

/// The bench's `counted` for a claim (None when the bench has no such category).
pub fn bench_counted(c: &Claim) -> Option<&'static str> {
    use Metric as M;
    use Subject as S;
    Some(match (c.metric, c.subject) {
        (M::Strikes, _) => "strikes",
        (M::Engagements, _) => "engagements",
        (M::Struck | M::Destroyed | M::Damaged, _) => bench_object(c.object.as_deref()?)?,
        (M::Killed, Some(S::Civilians)) => "civilians_killed",
        (M::Killed, Some(S::Children)) => "children_killed",
        (M::Killed, Some(S::Women)) => "women_killed",
        (M::Killed, Some(S::Combatants)) => "militants_killed",
        (M::Killed, Some(S::MedicalWorkers)) => "medical_personnel_killed",
        (M::Killed, Some(S::MediaWorkers)) => "media_workers_killed",
        (M::Killed, Some(S::Detainees)) => "torture_deaths",
        (M::Killed, Some(S::Unknown) | None) => "people_killed",
        (M::Injured, _) => "civilians_injured",
        (M::Displaced, _) => "displaced",
        (M::Arrested, _) => "arrests",
        (M::Massacres, _) => "massacres",
        (M::Incidents, _) => "incidents",
        (M::ReportsCredible, _) => "credible_reports",
        (M::ReportsNonCredible, _) => "non_credible_reports",
        (M::ReportsPending, _) => "open_reports",
        (M::Reports | M::ReportsReceived | M::ReportsAssessed | M::ReportsDuplicate, _) => {
            "reports"
        }
        _ => return None,
    })
}

fn bench_object(o: &str) -> Option<&'static str> {
    let o = o.to_lowercase();
    let table = [
        ("tactical unit", "tactical_units"),
        ("fighting position", "fighting_positions"),
        ("vehicle", "vehicles"),
        ("supply route", "supply_routes"),
        ("weapons cache", "weapons_caches"),
        ("vbied", "vbieds"),
        ("staging area", "staging_areas"),
        ("logistics node", "logistics_nodes"),
        ("headquarters", "headquarters"),
        ("tunnel", "tunnels"),
        ("mortar system", "mortar_systems"),
        ("oil wellhead", "oil_wellheads"),
        ("command and control node", "c2_nodes"),
        ("building", "buildings"),
    ];
    table.iter().find(|(k, _)| o.contains(k)).map(|(_, v)| *v)
}

/// The bench's qualifier for a claim; `approximately` splits back into
/// `about` and `nearly` by the words used.
pub fn bench_qualifier(c: &Claim) -> Option<&'static str> {
    match c.estimate.qualifier {
        Qualifier::Exact | Qualifier::Range | Qualifier::Vague => None,
        Qualifier::AtLeast => Some("at_least"),
        Qualifier::MoreThan => Some("more_than"),
        Qualifier::AtMost => Some("up_to"),
        Qualifier::FewerThan => Some("less_than"),
        Qualifier::Approximately => {
            let w = c.estimate.as_written.to_lowercase();
            if ["nearly", "almost", "close to"]
                .iter()
                .any(|k| w.starts_with(k))
            {
                Some("nearly")
            } else {
                Some("about")
            }
        }
    }
}

/// Claimant names as the bench writes them; a claim's canonical name maps
/// to the one whose alias resolves to it.
const BENCH_CLAIMANTS: [&str; 6] = [
    "CJTF-OIR",
    "Airwars",
    "SNHR",
    "Syrian Observatory for Human Rights",
    "Amnesty International",
    "United Nations",
];

fn bench_claimant(name: &str) -> String {
    BENCH_CLAIMANTS
        .iter()
        .find(|b| {
            **b == name
                || crate::extract::claimants::resolve_alias(b).is_some_and(|c| c.name == name)
        })
        .map_or_else(|| name.to_string(), |b| b.to_string())
}

/// Place names as the bench writes them: its canonical `Dayr az Zawr` is the
/// gazetteer's `Deir ez-Zor`, its `Al Mayadin` our `Mayadin`, and it names
/// governorates without the word "Governorate".
fn bench_place(name: &str) -> String {
    let n = name.strip_suffix(" Governorate").unwrap_or(name);
    match n {
        "Deir ez-Zor" => "Dayr az Zawr".into(),
        "Mayadin" => "Al Mayadin".into(),
        _ => n.to_string(),
    }
}

/// The bench scoring record of a claim of document `doc` (relative path);
/// None for vague counts (the bench has none).
pub fn bench_record(doc: &str, c: &Claim) -> Option<Value> {
    if c.estimate.qualifier == Qualifier::Vague {
        return None;
    }
    let mut r = json!({
        "doc": doc,
        "qualifier": bench_qualifier(c),
        "counted": bench_counted(c),
        "location": c.places.first().map(|p| bench_place(&p.name)),
        "claimant": bench_claimant(&c.claimant.name),
        "text": c.estimate.as_written,
        "sentence": c.quote.exact,
    });
    match c.estimate.value {
        Some(v) => r["value"] = json!(v),
        None => {
            r["low"] = json!(c.estimate.low);
            r["high"] = json!(c.estimate.high);
        }
    }
    if let Some(p) = &c.period {
        if p.start == p.end {
            r["date"] = json!(p.start);
        } else {
            r["period"] = json!({"start": p.start, "end": p.end});
        }
    }
    Some(r)
}

/// Bench records for every document of a corpus made by `gen_corpus.py`
/// (`CORPUS/html/*`, `CORPUS/pdf/*`), parsed with the project's parsers.
///
/// # Errors
/// Unreadable or unparsable documents are returned with the reason; the
/// records cover the rest.
pub fn bench_corpus(corpus: &Path) -> (Vec<Value>, Vec<Error>) {
    let mut recs = Vec::new();
    let mut errors = Vec::new();
    for sub in ["html", "pdf"] {
        let dir = corpus.join(sub);
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            let rel = format!(
                "{sub}/{}",
                f.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            );
            let res = (|| -> Result<()> {
                let doc = load_fixture(&f)?;
                let parsed = crate::parse::parse(&doc)?;
                for c in crate::extract::extract(&parsed, &doc.meta) {
                    recs.extend(bench_record(&rel, &c));
                }
                Ok(())
            })();
            if let Err(e) = res {
                errors.push(e);
            }
        }
    }
    (recs, errors)
}

#[cfg(test)]
mod tests;
