//! Store: idempotent upserts, one-transaction ingest, run state, summary,
//! deterministic export, and refusing files that are not a civtrace store.

mod crash;
mod export;
mod postgres;

use civtrace::claim::{
    claim_id, Claim, Claimant, ClaimantKind, DateBasis, DatePrecision, Estimate, ExtractorInfo,
    Metric, Period, Place, PlacePrecision, Provenance, Qualifier, Quote, Scope, Subject, SCHEMA,
};
use civtrace::store::{FetchState, Store};
use civtrace::{DocumentMeta, ErrorKind};

pub fn doc(sha: &str, url: &str) -> DocumentMeta {
    DocumentMeta {
        name: url.into(),
        url: url.into(),
        media_type: Some("text/html".into()),
        published_at: Some(jiff::civil::date(2018, 11, 30)),
        retrieved_at: Some("2018-12-01T00:00:00Z".into()),
        sha256: sha.into(),
        warc_file: Some("civtrace-00001-20181201000000.warc.gz".into()),
        warc_record_id: Some(format!("<urn:uuid:{sha}>")),
        claimant: None,
    }
}

pub fn claim(d: &DocumentMeta, start: usize, metric: Metric, value: u64, claimant: &str) -> Claim {
    let locator = "main>p:nth-of-type(1)".to_string();
    let end = start + value.to_string().len();
    Claim {
        schema: SCHEMA.into(),
        claim_id: claim_id(
            &d.sha256,
            &locator,
            start,
            end,
            metric,
            Some(Subject::Civilians),
        ),
        metric,
        subject: Some(Subject::Civilians),
        object: None,
        estimate: Estimate {
            value: Some(value),
            low: Some(value),
            high: Some(value),
            qualifier: Qualifier::Exact,
            as_written: value.to_string(),
            normalisation: None,
        },
        scope: Scope::PeriodTotal,
        period: Some(Period {
            start: "2018-11-01".into(),
            end: "2018-11-30".into(),
            precision: DatePrecision::Month,
            basis: DateBasis::Explicit,
            as_written: Some("November 2018".into()),
        }),
        places: vec![Place {
            as_written: "Hajin".into(),
            name: "Hajin".into(),
            country: Some("SY".into()),
            admin1: Some("Deir ez-Zor".into()),
            lat: Some(34.69),
            lon: Some(40.83),
            geonames_id: Some(170_592),
            precision: PlacePrecision::Locality,
            flag: None,
        }],
        claimant: Claimant {
            name: claimant.into(),
            kind: ClaimantKind::Ngo,
        },
        attributed_to: None,
        parent_claim_id: None,
        quote: Quote {
            exact: format!("{value} civilians were killed in Hajin in November 2018."),
            prefix: String::new(),
            suffix: String::new(),
        },
        provenance: Provenance {
            doc_sha256: d.sha256.clone(),
            url: d.url.clone(),
            published_at: Some("2018-11-30".into()),
            retrieved_at: d.retrieved_at.clone(),
            media_type: "text/html".into(),
            page: None,
            locator,
            char_start: start,
            char_end: end,
            warc_file: d.warc_file.clone(),
            warc_record_id: d.warc_record_id.clone(),
            extractor: ExtractorInfo::current("count.exact+metric.killed"),
        },
    }
}

pub fn count(store: &Store, table: &str) -> i64 {
    store
        .connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn ingest_twice_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("civtrace.db");
    let d = doc("aa", "https://airwars.org/civilian-casualties/x/");
    let claims = vec![
        claim(&d, 0, Metric::Killed, 12, "Airwars"),
        claim(&d, 40, Metric::Injured, 7, "Airwars"),
        claim(&d, 80, Metric::Killed, 3, "SNHR"),
    ];
    let state = FetchState {
        url: d.url.clone(),
        etag: Some("\"v1\"".into()),
        payload_digest: Some("sha256:AAAA".into()),
        ..FetchState::default()
    };
    let mut store = Store::open(&path).unwrap();
    let first = store.ingest(&d, &claims, Some(&state)).unwrap();
    assert_eq!(first.claims_added, 3);
    let second = store.ingest(&d, &claims, Some(&state)).unwrap();
    assert_eq!(second.claims_added, 0);
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.ingest(&d, &claims, None).unwrap().claims_added, 0);
    for (table, n) in [
        ("documents", 1),
        ("captures", 1),
        ("claims", 3),
        ("fetch_state", 1),
    ] {
        assert_eq!(count(&store, table), n, "{table}");
    }
    assert_eq!(store.fetch_state(&d.url).unwrap(), Some(state));
    assert_eq!(store.fetch_state("https://elsewhere/").unwrap(), None);

    // A newer extractor re-emitting the same id updates the row but adds nothing.
    let mut changed = claims[0].clone();
    changed.provenance.extractor.rule = "count.exact+metric.killed+v2".into();
    assert_eq!(store.ingest(&d, &[changed], None).unwrap().claims_added, 0);
    let rule: String = store
        .connection()
        .query_row(
            "SELECT rule FROM claims WHERE claim_id = ?1",
            [&claims[0].claim_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rule, "count.exact+metric.killed+v2");

    let s = store.summary().unwrap();
    assert_eq!((s.documents, s.captures, s.claims), (1, 1, 3));
    assert_eq!(
        s.claims_by_metric,
        [("killed".to_string(), 2), ("injured".to_string(), 1)]
    );
    assert_eq!(
        s.claims_by_claimant,
        [("Airwars".to_string(), 2), ("SNHR".to_string(), 1)]
    );
    let mode: String = store
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn flattened_columns_match_the_record() {
    let mut store = Store::open_in_memory().unwrap();
    let d = doc("bb", "https://snhr.org/report");
    let c = claim(&d, 5, Metric::Killed, 1139, "SNHR");
    store.ingest(&d, std::slice::from_ref(&c), None).unwrap();
    let row: (String, String, i64, String, String, String, String, String, String) = store
        .connection()
        .query_row(
            "SELECT metric, subject, value, qualifier, period_start, period_end, places, country, claimant FROM claims",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        (
            "killed".into(),
            "civilians".into(),
            1139,
            "exact".into(),
            "2018-11-01".into(),
            "2018-11-30".into(),
            "Hajin".into(),
            "SY".into(),
            "SNHR".into()
        )
    );
    let json: String = store
        .connection()
        .query_row("SELECT json FROM claims", [], |r| r.get(0))
        .unwrap();
    assert_eq!(serde_json::from_str::<Claim>(&json).unwrap(), c);
}

#[test]
fn a_failed_ingest_commits_nothing_not_even_run_state() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .connection()
        .execute_batch(
            "CREATE TRIGGER boom BEFORE INSERT ON claims WHEN NEW.metric = 'missing'
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
        )
        .unwrap();
    let d = doc("cc", "https://example.org/c");
    let claims = vec![
        claim(&d, 0, Metric::Killed, 4, "Airwars"),
        claim(&d, 20, Metric::Missing, 2, "Airwars"),
    ];
    let state = FetchState {
        url: d.url.clone(),
        ..FetchState::default()
    };
    let e = store.ingest(&d, &claims, Some(&state)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Store);
    assert!(e.to_string().contains("injected failure"), "{e}");
    for table in ["documents", "captures", "claims", "fetch_state"] {
        assert_eq!(count(&store, table), 0, "{table}");
    }
    assert_eq!(store.fetch_state(&d.url).unwrap(), None);
}

#[test]
fn export_is_ordered_and_identical_whatever_the_ingest_order() {
    let d1 = doc("d1", "https://a.example/1");
    let d2 = doc("d2", "https://b.example/2");
    let c1 = vec![
        claim(&d1, 50, Metric::Killed, 9, "Airwars"),
        claim(&d1, 10, Metric::Strikes, 14, "CJTF-OIR"),
    ];
    let c2 = vec![claim(&d2, 0, Metric::Injured, 5, "SNHR")];
    let export = |order: &[(&DocumentMeta, &Vec<Claim>)]| {
        let mut store = Store::open_in_memory().unwrap();
        for (d, c) in order {
            store.ingest(d, c, None).unwrap();
        }
        let mut out = Vec::new();
        assert_eq!(store.export_jsonl(&mut out).unwrap(), 3);
        out
    };
    let a = export(&[(&d1, &c1), (&d2, &c2)]);
    let b = export(&[(&d2, &c2), (&d1, &c1)]);
    assert_eq!(a, b);
    // Document order within a document (as the extractor emitted), documents by URL.
    let mut expected = Vec::new();
    let all: Vec<Claim> = c1.iter().chain(&c2).cloned().collect();
    civtrace::store::jsonl::write_claims(&mut expected, &all).unwrap();
    assert_eq!(
        String::from_utf8(a).unwrap(),
        String::from_utf8(expected).unwrap()
    );
}

#[test]
fn foreign_files_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database at all").unwrap();
    let e = Store::open(&text).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Store);
    assert!(e.to_string().contains("not a SQLite database"), "{e}");
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "not a database at all"
    );

    let other = dir.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE t(x)").unwrap();
    drop(conn);
    let e = Store::open(&other).unwrap_err();
    assert!(e.to_string().contains("another program"), "{e}");

    let e = Store::open(dir.path()).unwrap_err();
    assert!(e.to_string().contains("directory"), "{e}");

    // A missing parent folder is created.
    Store::open(&dir.path().join("out/runs/civtrace.db")).unwrap();
    // An empty file (touch civtrace.db) becomes a store.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    Store::open(&empty).unwrap();
    Store::open(&empty).unwrap();
}

#[test]
fn csv_export_matches_the_streaming_writer_and_quotes_text() {
    let d = doc("e1", "https://a.example/e");
    let mut c = claim(&d, 0, Metric::Killed, 1139, "Airwars");
    c.quote.exact = "He said, \"at least 1,139\" were killed.".into();
    let claims = vec![c, claim(&d, 60, Metric::Injured, 20, "Airwars")];
    let mut store = Store::open_in_memory().unwrap();
    store.ingest(&d, &claims, None).unwrap();
    let mut from_store = Vec::new();
    assert_eq!(store.export_csv(&mut from_store).unwrap(), 2);
    let mut streamed = Vec::new();
    civtrace::store::csv::write_claims(&mut streamed, &claims).unwrap();
    assert_eq!(
        String::from_utf8(from_store.clone()).unwrap(),
        String::from_utf8(streamed).unwrap()
    );
    let text = String::from_utf8(from_store).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines.len(), 4); // header, 2 rows, trailing empty
    assert!(
        lines[1].contains(",killed,civilians,,1139,1139,1139,exact,1139,period_total,"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("\"He said, \"\"at least 1,139\"\" were killed.\""));
}

/// A crash after the archive commit but before the store commit: the re-run finds
/// the orphaned capture and reuses it, so the page is archived exactly once.
#[test]
fn capture_orphaned_by_a_crash_is_found_and_reused() {
    use civtrace::archive::warc::{sha256_digest, Capture, WarcWriter};
    let dir = tempfile::tempdir().unwrap();
    let body = b"<p>12 strikes</p>".to_vec();
    let cap = Capture {
        url: "https://example.org/r".into(),
        request_head: Vec::new(),
        response_head: b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n".to_vec(),
        body: body.clone(),
        retrieved_at: "2018-12-01T00:00:00Z".parse().unwrap(),
        ip: None,
    };
    let first = WarcWriter::open(&dir.path().join("warc"))
        .unwrap()
        .write_capture(&cap)
        .unwrap();
    // ... killed here: the store never saw it.
    let mut store = Store::open(&dir.path().join("db.sqlite")).unwrap();
    let mut w = WarcWriter::open(&dir.path().join("warc")).unwrap();
    let digest = sha256_digest(&body);
    let found = w.find_capture(&cap.url, &digest).unwrap();
    assert_eq!(found, first);
    assert!(!store.has_capture(&found.record_id).unwrap());
    let mut meta = doc(&civtrace::document::sha256_hex(&body), &cap.url);
    meta.warc_file = Some(found.warc_file.clone());
    meta.warc_record_id = Some(found.record_id.clone());
    store
        .ingest_titled(&meta, Some("Strike release"), &[], None)
        .unwrap();
    assert!(store.has_capture(&found.record_id).unwrap());
    assert_eq!(w.find_capture(&cap.url, "sha256:OTHER"), None);
    let (title, digest_col): (String, String) = store
        .connection()
        .query_row(
            "SELECT d.title, c.digest FROM documents d JOIN captures c ON c.doc_sha256 = d.sha256",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(title, "Strike release");
    assert_eq!(
        digest_col, digest,
        "store digest is the WARC payload digest"
    );
    // Only one capture in the archive.
    let n = w
        .index_entries()
        .iter()
        .filter(|e| e.record_type == "response")
        .count();
    assert_eq!(n, 1);
    let _ = w.write_capture(&cap).unwrap();
}

/// Timing, not a check: `cargo test --release --test integration store::ingest_timing
/// -- --ignored --nocapture`. 1000 documents × 10 claims, one transaction each.
#[test]
#[ignore]
fn ingest_timing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let t = std::time::Instant::now();
    for i in 0..1000 {
        let d = doc(&format!("{i:064x}"), &format!("https://example.org/{i}"));
        let claims: Vec<Claim> = (0..10)
            .map(|k| claim(&d, k * 20, Metric::Killed, 100 + k as u64, "Airwars"))
            .collect();
        store.ingest(&d, &claims, None).unwrap();
    }
    eprintln!("ingest: 1000 docs / 10000 claims in {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let n = store.export_jsonl(std::io::sink()).unwrap();
    eprintln!("export_jsonl: {n} claims in {:?}", t.elapsed());
}
