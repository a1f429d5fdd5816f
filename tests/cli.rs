//! The command line as a user runs it: `extract`, `reparse`, exit codes, determinism.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn civtrace(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_civtrace"))
        .args(args)
        .output()
        .expect("run civtrace")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn claims_of(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("stdout line is not JSON ({e}): {l}"))
        })
        .collect()
}

/// A news page in the shape of the issue's "done when": chrome with numbers,
/// then the coalition's totals in the body.
const NEWS_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Coalition says 31,406 strikes | The Daily Ledger</title>
<meta property="article:published_time" content="2018-12-06T14:05:00Z">
<script>window.dataLayer=[{"pageviews": 48213}];</script></head>
<body>
<nav class="site-nav"><ul><li><a href="/world">World</a></li><li><a href="/live">Live: 12 updates</a></li></ul></nav>
<div class="share"><span class="count">2,417</span> shares</div>
<main><article>
<h1>Coalition releases its strike and civilian casualty totals</h1>
<div class="article-body">
<p>The Coalition conducted a total of 31,406 strikes between August 2014 and end of November 2018, according to its monthly civilian casualty report.</p>
<p>Based on information available, CJTF-OIR assesses at least 1,139 civilians have been unintentionally killed by Coalition strikes since the beginning of Operation Inherent Resolve.</p>
</div></article></main>
<aside class="most-read"><h3>Most read</h3><ol><li><a href="/a">300 killed in market blast, officials say</a></li></ol></aside>
<footer><p>The Daily Ledger, 1200 Press Row, Suite 400. Call 202-555-0143.</p></footer>
</body></html>"#;

#[test]
fn extract_yields_the_coalition_totals_and_nothing_from_chrome() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("ledger.html");
    std::fs::write(&page, NEWS_PAGE).unwrap();
    let out = civtrace(&[
        "extract",
        page.to_str().unwrap(),
        "--url",
        "https://news.example/coalition-totals",
    ]);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let claims = claims_of(&out);

    let strikes: Vec<_> = claims.iter().filter(|c| c["metric"] == "strikes").collect();
    assert_eq!(strikes.len(), 1, "{claims:#?}");
    let s = strikes[0];
    assert_eq!(s["estimate"]["value"], 31406);
    assert_eq!(s["estimate"]["qualifier"], "exact");
    assert_eq!(s["period"]["start"], "2014-08-01");
    assert_eq!(s["period"]["end"], "2018-11-30");
    assert_eq!(s["claimant"]["name"], "CJTF-OIR");
    assert_eq!(s["claimant"]["kind"], "military");
    assert_eq!(
        s["provenance"]["url"],
        "https://news.example/coalition-totals"
    );
    assert_eq!(s["provenance"]["published_at"], "2018-12-06");

    let killed: Vec<_> = claims.iter().filter(|c| c["metric"] == "killed").collect();
    assert_eq!(killed.len(), 1, "{claims:#?}");
    let k = killed[0];
    assert_eq!(k["subject"], "civilians");
    assert_eq!(k["estimate"]["low"], 1139);
    assert_eq!(k["estimate"]["high"], serde_json::Value::Null);
    assert_eq!(k["estimate"]["qualifier"], "at_least");
    assert_eq!(k["claimant"]["name"], "CJTF-OIR");
    assert!(k["quote"]["exact"]
        .as_str()
        .unwrap()
        .contains("assesses at least 1,139 civilians"));

    // The span points at the number as written in the block text.
    let quote = k["quote"]["exact"].as_str().unwrap();
    assert!(quote.contains(k["estimate"]["as_written"].as_str().unwrap()));

    // Chrome numbers (share counts, nav, sidebar, footer, script data) never become claims.
    for c in &claims {
        let v = &c["estimate"];
        for bad in [2417, 12, 300, 1200, 400, 48213, 202] {
            assert_ne!(v["value"], bad, "chrome number became a claim: {c:#}");
            assert_ne!(v["low"], bad, "chrome number became a claim: {c:#}");
        }
    }
    assert_eq!(claims.len(), 2, "only the two body counts: {claims:#?}");
}

#[test]
fn extract_errors_name_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, "").unwrap();
    let out = civtrace(&["extract", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("empty.html") && err.contains("empty"), "{err}");
    assert!(out.stdout.is_empty());

    let png = dir.path().join("pic.bin");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let out = civtrace(&["extract", png.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pic.bin"));

    let bad_utf8 = dir.path().join("notes.txt");
    std::fs::write(&bad_utf8, b"Near Hajin, 3 strikes \xff\xfe destroyed").unwrap();
    let out = civtrace(&[
        "extract",
        bad_utf8.to_str().unwrap(),
        "--media-type",
        "text/plain",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8"));

    let out = civtrace(&[
        "extract",
        empty.to_str().unwrap(),
        "--published",
        "last week",
    ]);
    assert_eq!(out.status.code(), Some(2), "a bad option is a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
}

/// Re-parsing the same inputs gives byte-identical JSONL whatever the thread count,
/// every record validates against the schema, and re-running adds nothing to the store.
#[test]
fn reparse_fixtures_is_deterministic_valid_and_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    let db = dir.path().join("store.sqlite");
    let fx = fixtures();
    let fx = fx.to_str().unwrap();
    let run1 = civtrace(&[
        "reparse",
        fx,
        "--jsonl",
        a.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--threads",
        "1",
    ]);
    let run2 = civtrace(&[
        "reparse",
        fx,
        "--jsonl",
        b.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--threads",
        "4",
    ]);
    let stdout1 = String::from_utf8_lossy(&run1.stdout).to_string();
    let stdout2 = String::from_utf8_lossy(&run2.stdout).to_string();
    let ja = std::fs::read(&a).unwrap();
    assert_eq!(ja, std::fs::read(&b).unwrap(), "JSONL differs between runs");

    let lines: Vec<&str> = std::str::from_utf8(&ja).unwrap().lines().collect();
    assert!(lines.len() > 100, "fixtures yield {} claims", lines.len());
    let schema = civtrace::claim::json_schema();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut ids = std::collections::HashSet::new();
    for l in &lines {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        if let Err(e) = validator.validate(&v) {
            panic!("record fails the schema: {e}\n{l}");
        }
        assert!(
            ids.insert(v["claim_id"].as_str().unwrap().to_string()),
            "duplicate claim_id: {l}"
        );
        // Provenance: the number sits in the quote, the span is a real range.
        let p = &v["provenance"];
        assert!(p["char_end"].as_u64() > p["char_start"].as_u64());
        assert_eq!(p["doc_sha256"].as_str().unwrap().len(), 64);
    }
    let added1 = new_in_store(&stdout1);
    assert_eq!(
        added1,
        lines.len(),
        "first run stores every claim: {stdout1}"
    );
    assert_eq!(
        new_in_store(&stdout2),
        0,
        "second run adds nothing: {stdout2}"
    );
}

fn new_in_store(summary: &str) -> usize {
    let line = summary
        .lines()
        .find(|l| l.contains("new in the store"))
        .expect("summary line");
    let words: Vec<&str> = line.split_whitespace().collect();
    let i = words.iter().position(|w| *w == "new").unwrap();
    words[i - 1].parse().unwrap()
}

/// Broken inputs each get an error naming the file and the problem; the rest
/// of the run goes on and the exit code is 1.
#[test]
fn reparse_names_every_broken_input_and_goes_on() {
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/broken");
    let good = fixtures().join("news");
    let out = civtrace(&["reparse", broken.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for (file, problem) in [
        ("empty.html", "empty"),
        ("whitespace-only.txt", "empty"),
        // Read leniently (as browsers do) and said so: its ASCII text is still evidence.
        (
            "invalid-utf8.html",
            "invalid UTF-8 at byte 208: the bad bytes were replaced",
        ),
        ("garbage.bin", "unrecognised"),
        ("truncated.pdf", "pdf"),
        ("truncated.warc.gz", "truncated"),
        (
            "gs_strikes_userpw.pdf",
            "empty user password does not open it",
        ),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file} not named in:\n{err}"));
        assert!(
            line.to_lowercase().contains(&problem.to_lowercase()),
            "{file}: {line}"
        );
    }
    assert!(!err.contains("panicked"), "{err}");
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains("claims extracted"),
        "the good documents were still processed: {summary}"
    );
}
