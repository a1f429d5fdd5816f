//! Store: idempotent upserts, one-transaction ingest, run state, summary,
//! deterministic export, and refusing files that are not a civtrace store.

use civtrace::claim::{
    claim_id, Claim, Claimant, ClaimantKind, DateBasis, DatePrecision, Estimate, ExtractorInfo,
    Metric, Period, Place, PlacePrecision, Provenance, Qualifier, Quote, Scope, Subject, SCHEMA,
};
use civtrace::store::{FetchState, Store};
use civtrace::{DocumentMeta, ErrorKind};

fn doc(sha: &str, url: &str) -> DocumentMeta {
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

fn claim(d: &DocumentMeta, start: usize, metric: Metric, value: u64, claimant: &str) -> Claim {
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

fn count(store: &Store, table: &str) -> i64 {
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

/// The URLs the crash test's child run works through.
const CRASH_URLS: usize = 40;

/// A deterministic, incompressible ~100 KB body per URL, so each capture takes a
/// while to write and kills land mid-write.
fn crash_body(i: usize) -> Vec<u8> {
    let mut x = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut out = format!("<html><body><p>{i} civilians were killed.</p><!--").into_bytes();
    for _ in 0..100_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push(b'a' + (x % 26) as u8);
    }
    out.extend_from_slice(b"--></body></html>");
    out
}

/// The child side of the SIGKILL test: one incremental run over CRASH_URLS pages,
/// doing what `civtrace run` does per page. Does nothing unless the parent set the dir.
#[test]
#[ignore]
fn crash_child() {
    use civtrace::archive::warc::{sha256_digest, Capture, WarcWriter};
    let Some(dir) = std::env::var_os("CIVTRACE_CRASH_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let mut store = Store::open(&dir.join("db.sqlite")).unwrap();
    let mut w = WarcWriter::open(&dir.join("warc"))
        .unwrap()
        .with_max_file_bytes(1_000_000);
    for i in 0..CRASH_URLS {
        let url = format!("https://example.org/page/{i}");
        if store.fetch_state(&url).unwrap().is_some() {
            continue; // done in an earlier run
        }
        let body = crash_body(i);
        let digest = sha256_digest(&body);
        let cap = Capture {
            url: url.clone(),
            request_head: format!("GET /page/{i} HTTP/1.1\r\nHost: example.org\r\n").into_bytes(),
            response_head: b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n".to_vec(),
            body: body.clone(),
            retrieved_at: jiff::Timestamp::now(),
            ip: None,
        };
        let orphan = w
            .find_capture(&url, &digest)
            .filter(|c| !store.has_capture(&c.record_id).unwrap());
        let r = match orphan {
            Some(c) => c,
            None => w.write_capture(&cap).unwrap(),
        };
        let mut meta = doc(&civtrace::document::sha256_hex(&body), &url);
        meta.warc_file = Some(r.warc_file.clone());
        meta.warc_record_id = Some(r.record_id.clone());
        let claims = vec![claim(&meta, 15, Metric::Killed, i as u64, "Airwars")];
        let state = FetchState {
            url: url.clone(),
            payload_digest: Some(digest),
            warc_file: Some(r.warc_file),
            warc_record_id: Some(r.record_id),
            ..FetchState::default()
        };
        store.ingest(&meta, &claims, Some(&state)).unwrap();
        println!("done {url}");
    }
    println!("finished");
}

/// SIGKILL the run at several moments, re-run, and check record by record: every
/// page reported done survives, no partial record is ever read back, and after a
/// clean final run each page is archived exactly once and stored exactly once.
#[test]
fn sigkill_mid_run_archives_and_stores_each_page_once() {
    use civtrace::archive::index::Index;
    use civtrace::archive::source::walk;
    use civtrace::archive::warc::WarcWriter;
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let run = |kill_after: Option<std::time::Duration>| -> (Vec<String>, bool) {
        let mut child = std::process::Command::new(&exe)
            .args([
                "store::crash_child",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("CIVTRACE_CRASH_DIR", dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        if let Some(d) = kill_after {
            std::thread::sleep(d);
            let _ = child.kill(); // SIGKILL
        }
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        let _ = child.wait();
        let complete: Vec<&str> = match out.rfind('\n') {
            Some(end) => out[..end].lines().collect(),
            None => Vec::new(),
        };
        let done = complete
            .iter()
            .filter_map(|l| l.strip_prefix("done "))
            .map(str::to_string)
            .collect();
        (done, complete.contains(&"finished"))
    };
    let mut done_total = std::collections::BTreeSet::new();
    let mut kills = 0;
    let (mut torn, mut orphans) = (0, 0);
    for ms in [40u64, 90, 150, 230, 330, 460] {
        let (done, finished) = run(Some(std::time::Duration::from_millis(ms)));
        kills += usize::from(!finished);
        done_total.extend(done);
        // What the kill left: a torn tail (bytes past the committed end) or an orphan
        // (committed in the archive, not in the store). Counted, not asserted: timing.
        let warc = dir.path().join("warc");
        let ends = civtrace::archive::index::committed_ends(&Index::read(&warc).unwrap());
        for (file, end) in &ends {
            if std::fs::metadata(warc.join(file)).map_or(0, |m| m.len()) > *end {
                torn += 1;
            }
        }
        {
            let store = Store::open(&dir.path().join("db.sqlite")).unwrap();
            orphans += Index::read(&warc)
                .unwrap()
                .iter()
                .filter(|e| e.record_type == "response")
                .filter(|e| !store.has_capture(&e.record_id).unwrap())
                .count();
        }
        // Between runs: the archive (after the writer's recovery) reads back clean.
        drop(WarcWriter::open(&warc).unwrap());
        let docs: Vec<_> = walk(&[dir.path().join("warc")]).collect();
        assert!(
            docs.iter().all(Result::is_ok),
            "a partial record was read back"
        );
        let store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        for url in &done_total {
            assert!(
                store.fetch_state(url).unwrap().is_some(),
                "{url} reported done but lost"
            );
        }
    }
    let (_, finished) = run(None);
    assert!(finished, "the clean run did not finish");
    assert!(
        kills > 0,
        "no run was actually killed; the test proved nothing"
    );

    let entries = Index::read(&dir.path().join("warc")).unwrap();
    let mut per_url = std::collections::BTreeMap::new();
    for e in entries.iter().filter(|e| e.record_type == "response") {
        *per_url.entry(e.url.clone().unwrap()).or_insert(0) += 1;
    }
    assert_eq!(per_url.len(), CRASH_URLS);
    assert!(
        per_url.values().all(|n| *n == 1),
        "archived twice: {per_url:?}"
    );
    let docs: Vec<_> = walk(&[dir.path().join("warc")])
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(docs.len(), CRASH_URLS);
    for d in &docs {
        let i: usize = d.meta.url.rsplit('/').next().unwrap().parse().unwrap();
        assert_eq!(d.bytes, crash_body(i), "{} differs", d.meta.url);
    }
    let store = Store::open(&dir.path().join("db.sqlite")).unwrap();
    for (table, n) in [
        ("documents", CRASH_URLS),
        ("captures", CRASH_URLS),
        ("claims", CRASH_URLS),
        ("fetch_state", CRASH_URLS),
    ] {
        assert_eq!(count(&store, table), n as i64, "{table}");
    }
    eprintln!(
        "sigkill test: {kills} of 6 runs killed mid-way, {} pages reported done before kills, \
         {torn} torn WARC tails cut, {orphans} orphaned captures reused",
        done_total.len()
    );
}
