//! Issue 3's "done when", checked on every bundled CJTF-OIR capture rather
//! than on hand-made blocks: a daily strike release yields one `strikes`
//! claim per "Near X" bullet with X as its place, its country and the date of
//! the lead sentence above it, plus the country totals; a monthly
//! civilian-casualty report yields its cumulative civilian deaths
//! (`at_least`), the month's report counts by status, and a dated, placed
//! claim for each credible-report row.

use std::path::{Path, PathBuf};

use civtrace::claim::{Claim, Metric, PlacePrecision, Qualifier, Scope, Subject};
use civtrace::parse::{BlockKind, ParsedDocument};

/// The bundled captures in `fixtures/cjtf-oir` whose name starts with `prefix`.
fn captures(prefix: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cjtf-oir");
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            name.starts_with(prefix) && (name.ends_with(".html") || name.ends_with(".txt"))
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no {prefix}* fixtures");
    out
}

/// Parses and extracts one capture with its sidecar, as `reparse` does.
fn read(path: &Path) -> (ParsedDocument, Vec<Claim>) {
    let mut doc = civtrace::archive::source::walk(&[path.to_path_buf()])
        .next()
        .expect("one document")
        .expect("readable");
    civtrace::reparse::process_document(&mut doc).expect("parses")
}

/// "Near Hajin, 12 strikes …" → "Hajin" (bullet marks of plain-text releases removed).
fn near_place(text: &str) -> Option<&str> {
    let t = text.trim_start_matches(['-', '–', '*', '•', ' ']);
    let rest = t.strip_prefix("Near ")?;
    let (place, tail) = rest.split_once(',')?;
    tail.contains("strike").then_some(place.trim())
}

#[test]
fn strike_releases_give_one_placed_dated_claim_per_bullet_and_country_totals() {
    let mut bullets = 0;
    for path in captures("strike-release-") {
        let name = path.display().to_string();
        let (parsed, claims) = read(&path);
        let strikes: Vec<&Claim> = claims
            .iter()
            .filter(|c| c.metric == Metric::Strikes)
            .collect();
        // country totals: strikes placed at a country as a whole
        let totals: Vec<&&Claim> = strikes
            .iter()
            .filter(|c| {
                c.places
                    .first()
                    .is_some_and(|p| p.precision == PlacePrecision::Country)
            })
            .collect();
        assert!(!totals.is_empty(), "{name}: no country total");
        let block_of = |c: &Claim| {
            parsed
                .blocks
                .iter()
                .position(|b| b.locator == c.provenance.locator)
                .unwrap_or_else(|| panic!("{name}: no block {}", c.provenance.locator))
        };
        for (bi, block) in parsed.blocks.iter().enumerate() {
            let Some(town) = near_place(&block.text) else {
                continue;
            };
            bullets += 1;
            let here: Vec<&&Claim> = strikes
                .iter()
                .filter(|c| c.provenance.locator == block.locator)
                .filter(|c| {
                    // the bullet's own first count, not a later bullet's in a run-together block
                    block.text.find(&c.quote.exact).is_some()
                })
                .collect();
            assert_eq!(
                here.len(),
                1,
                "{name}: {:?} gave {} strikes claims",
                block.text,
                here.len()
            );
            let c = here[0];
            let place = c
                .places
                .first()
                .unwrap_or_else(|| panic!("{name}: {town}: no place"));
            // "near X" is kept as written
            assert_eq!(
                place.as_written.to_lowercase(),
                format!("near {}", town.to_lowercase()),
                "{name}"
            );
            let country = place
                .country
                .as_deref()
                .unwrap_or_else(|| panic!("{name}: {town}: no country"));
            assert!(matches!(country, "IQ" | "SY"), "{name}: {town}: {country}");
            // the date is the lead's: the nearest strikes total before the bullet that
            // is not itself a bullet ("On Nov. 27, … 14 strikes … in Syria",
            // "Additionally, on Nov. 26, … six strikes …")
            let lead = strikes
                .iter()
                .filter(|t| {
                    let tb = block_of(t);
                    tb < bi && near_place(&parsed.blocks[tb].text).is_none()
                })
                .last();
            if let Some(lead) = lead {
                assert_eq!(
                    c.period, lead.period,
                    "{name}: {town} vs the lead {:?}",
                    lead.quote.exact
                );
            }
            assert_ne!(c.scope, Scope::Cumulative, "{name}: {town}");
            // the coalition's strikes, not the ISIS targets they engaged
            assert_eq!(
                c.attributed_to.as_deref(),
                Some("Coalition"),
                "{name}: {town}"
            );
        }
    }
    assert!(
        bullets >= 20,
        "only {bullets} bullets in the bundled releases"
    );
    eprintln!("strike bullets checked: {bullets}");
}

#[test]
fn monthly_reports_give_cumulative_deaths_report_counts_and_credible_rows() {
    let mut credible_rows = 0;
    for path in captures("civcas-monthly-") {
        let name = path.display().to_string();
        let (parsed, claims) = read(&path);
        assert!(
            claims.iter().any(|c| c.metric == Metric::Killed
                && c.subject == Some(Subject::Civilians)
                && c.estimate.qualifier == Qualifier::AtLeast
                && c.scope == Scope::Cumulative),
            "{name}: no cumulative 'at least N civilians' claim"
        );
        let month = parsed.published.expect("dated report");
        let statuses: Vec<&Claim> = claims
            .iter()
            .filter(|c| {
                matches!(
                    c.metric,
                    Metric::ReportsAssessed
                        | Metric::ReportsCredible
                        | Metric::ReportsNonCredible
                        | Metric::ReportsDuplicate
                        | Metric::ReportsPending
                        | Metric::ReportsReceived
                )
            })
            .collect();
        assert!(
            statuses.len() >= 3,
            "{name}: {} report-status counts",
            statuses.len()
        );
        let mut kinds: Vec<Metric> = statuses.iter().map(|c| c.metric).collect();
        kinds.dedup();
        assert!(kinds.len() >= 3, "{name}: statuses {kinds:?}");
        // credible-report rows: the rows of a table with a column of deaths
        let rows: Vec<_> = parsed
            .blocks
            .iter()
            .filter(|b| match &b.kind {
                BlockKind::TableRow { cells } => cells.iter().any(|c| {
                    c.header.as_deref().is_some_and(|h| {
                        let h = h.to_lowercase();
                        h.contains("killed") || h.contains("deaths")
                    })
                }),
                _ => false,
            })
            .collect();
        credible_rows += rows.len();
        for row in &rows {
            let got: Vec<&Claim> = claims
                .iter()
                .filter(|c| c.provenance.locator == row.locator)
                .collect();
            assert!(!got.is_empty(), "{name}: no claim from row {:?}", row.text);
            for c in got {
                let p = c.period.as_ref().expect("dated");
                assert_eq!(p.start, p.end, "{name}: row {:?} is one day", row.text);
                assert!(
                    p.end.as_str() <= month.to_string().as_str(),
                    "{name}: {:?}",
                    row.text
                );
                assert!(
                    !c.places.is_empty(),
                    "{name}: row {:?} has no place",
                    row.text
                );
            }
        }
    }
    assert!(
        credible_rows >= 5,
        "only {credible_rows} credible-report rows checked"
    );
    eprintln!("credible-report rows checked: {credible_rows}");
}
