//! `civtrace run` and `civtrace check` as a cron job would call them, against
//! a loopback site; a SIGKILL in the middle of a run, then a clean re-run whose
//! archive and store are checked record by record.
//!
//! The WARC files are read here with an independent minimal reader (flate2
//! over the gzip members), and the store with plain SQL, so the check does not
//! trust the code under test.

use crate::support::server::{Reply, TestServer};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const DOCS: usize = 30;

/// Whether the real WARC writer and SQLite store are built. Before the
/// archive/store work is merged they are stubs that say "not built yet": the
/// end-to-end tests then report themselves skipped instead of failing. Any
/// other error from the store is a real failure.
fn backends_built() -> bool {
    let dir = tempfile::tempdir().unwrap();
    match civtrace::store::Store::open(&dir.path().join("probe.sqlite")) {
        Ok(_) => true,
        Err(e) if e.message().contains("not built yet") => {
            eprintln!("skipped: the SQLite store is a stub on this branch");
            false
        }
        Err(e) => panic!("store probe failed: {e}"),
    }
}

fn civtrace() -> Command {
    Command::new(env!("CARGO_BIN_EXE_civtrace"))
}

/// A pipeline file for the loopback site (fast limits, short timeouts).
fn write_pipeline(dir: &Path) -> PathBuf {
    let path = dir.join("loopback.toml");
    std::fs::write(
        &path,
        r#"name = "loopback"
allowed_hosts = ["{base}"]
[vars]
base = "https://example.invalid"
[claimant]
name = "CJTF-OIR"
kind = "military"
[politeness]
requests_per_second = 200.0
concurrency = 2
contact_url = "https://example.org/contact"
[limits]
connect_timeout_secs = 2.0
read_timeout_secs = 2.0
timeout_secs = 5.0
retries = 1
retry_base_secs = 0.01
retry_max_secs = 0.05
max_pages = 10
[content]
selectors = ["article"]
exclude = ["div.release-stats"]
[[sources]]
type = "listing"
url = "{base}/releases/"
link_selector = "a.release"
link_pattern = "/releases/\\d+$"
"#,
    )
    .unwrap();
    path
}

/// A release page whose text carries a count the extractor can find.
fn release(i: usize) -> String {
    format!(
        "<html><head><title>Release {i}</title></head><body><article><h1>Strike release {i}</h1>\
         <p>Coalition military forces conducted {n} strikes near Mosul on May {d}, 2017.</p>\
         <p>At least {k} civilians were killed, CJTF-OIR assessed.</p>\
         <div class=\"release-stats\"><p>The Coalition has conducted 24,566 strikes since August 2014.</p></div>\
         </article></body></html>",
        n = i + 2,
        d = i % 28 + 1,
        k = i + 1
    )
}

/// The site: a listing of `DOCS` releases, each served after `pause`.
async fn site(pause: Duration, broken: Option<usize>) -> TestServer {
    TestServer::start(move |req, _| {
        let p = req.path.as_str();
        if p == "/releases/" {
            let links: String = (0..DOCS)
                .map(|i| format!(r#"<a class="release" href="/releases/{i}">{i}</a> "#))
                .collect();
            return Reply::html(format!("<html><body>{links}</body></html>"));
        }
        match p
            .strip_prefix("/releases/")
            .and_then(|n| n.parse::<usize>().ok())
        {
            Some(i) if Some(i) == broken => Reply::status(503),
            Some(i) if i < DOCS && req.header("if-none-match") == Some(&format!("\"r{i}\"")) => {
                Reply::status(304)
            }
            Some(i) if i < DOCS => Reply::Delayed(
                pause,
                Box::new(Reply::html(release(i)).header("ETag", &format!("\"r{i}\""))),
            ),
            _ => Reply::status(404),
        }
    })
    .await
}

fn run_args(pipeline: &Path, dir: &Path, srv: &TestServer) -> Vec<String> {
    vec![
        "run".into(),
        pipeline.display().to_string(),
        "--db".into(),
        dir.join("civtrace.sqlite").display().to_string(),
        "--archive".into(),
        dir.join("archive").display().to_string(),
        "--base-url".into(),
        srv.url(""),
        "--allow-private".into(),
        "--log-format".into(),
        "json".into(),
    ]
}

fn run_to_end(args: &[String]) -> Output {
    civtrace().args(args).output().unwrap()
}

/// The JSON summary printed on stdout.
fn summary(out: &Output) -> serde_json::Value {
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(stdout.lines().last().unwrap_or("")).unwrap_or_else(|e| {
        panic!(
            "no JSON summary ({e}); stdout {stdout}; stderr {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// One WARC record's headers, read independently of the archive module.
#[derive(Debug)]
struct WarcRecord {
    headers: BTreeMap<String, String>,
}

/// Every record of every `.warc.gz` file in `dir`; panics on a partial record.
fn read_warcs(dir: &Path) -> Vec<WarcRecord> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".warc.gz"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let mut data = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(&file).unwrap())
            .read_to_end(&mut data)
            .unwrap_or_else(|e| panic!("{}: not whole gzip members: {e}", file.display()));
        let mut rest = &data[..];
        while !rest.is_empty() {
            let end = rest
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .unwrap_or_else(|| panic!("{}: partial WARC header", file.display()));
            let head = String::from_utf8_lossy(&rest[..end]).into_owned();
            let mut lines = head.split("\r\n");
            assert!(
                lines.next().unwrap().starts_with("WARC/1."),
                "{}: bad record start",
                file.display()
            );
            let headers: BTreeMap<String, String> = lines
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
                .collect();
            let len: usize = headers["content-length"].parse().unwrap();
            let block_end = end + 4 + len;
            assert!(
                rest.len() >= block_end + 4,
                "{}: partial WARC block",
                file.display()
            );
            assert_eq!(&rest[block_end..block_end + 4], b"\r\n\r\n");
            rest = &rest[block_end + 4..];
            out.push(WarcRecord { headers });
        }
    }
    out
}

/// Response records by target URI.
fn responses(records: &[WarcRecord]) -> BTreeMap<String, Vec<String>> {
    let mut by_url: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in records
        .iter()
        .filter(|r| r.headers.get("warc-type").map(String::as_str) == Some("response"))
    {
        by_url
            .entry(
                r.headers["warc-target-uri"]
                    .trim_matches(['<', '>'])
                    .to_string(),
            )
            .or_default()
            .push(r.headers["warc-record-id"].clone());
    }
    by_url
}

#[tokio::test(flavor = "multi_thread")]
async fn sigkill_mid_run_then_clean_rerun_keeps_every_record_once() {
    if !backends_built() {
        return;
    }
    let srv = site(Duration::from_millis(60), None).await;
    let dir = tempfile::tempdir().unwrap();
    let pipeline = write_pipeline(dir.path());
    let args = run_args(&pipeline, dir.path(), &srv);

    // Kill three times at different moments, each run resuming the last:
    // (1) inside the window between the WARC write and the store commit
    //     (the archive index lists more responses than the store has captures),
    // (2) after 12 documents are stored, (3) after 8 more requests reach the server
    //     (robots.txt, the listing, six releases: mid-fetch, wherever the run is).
    let db_path = dir.path().join("civtrace.sqlite");
    let index_path = dir.path().join("archive").join("index.jsonl");
    let stored = || -> i64 {
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
        let Ok(db) = rusqlite::Connection::open_with_flags(&db_path, flags) else {
            return 0;
        };
        db.query_row("SELECT COUNT(*) FROM captures", [], |r| r.get(0))
            .unwrap_or(0)
    };
    let archived = || -> i64 {
        let text = std::fs::read_to_string(&index_path).unwrap_or_default();
        text.lines()
            .filter(|l| l.contains(r#""record_type":"response""#))
            .count() as i64
    };
    let requested = || {
        (0..DOCS)
            .filter(|i| srv.hits(&format!("/releases/{i}")) > 0)
            .count()
    };
    let mut kills = Vec::new();
    for moment in 0..3 {
        let mut child = civtrace()
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let requests_at_start = srv.requests().len();
        let start = Instant::now();
        loop {
            let due = match moment {
                0 => archived() > stored(),
                1 => stored() >= 12,
                _ => srv.requests().len() >= requests_at_start + 8,
            };
            if due || start.elapsed() > Duration::from_secs(30) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        child.kill().unwrap(); // SIGKILL
        assert!(
            !child.wait().unwrap().success(),
            "run {moment} ended before the kill"
        );
        kills.push((archived(), stored()));
    }
    let stored_at_kills: Vec<i64> = kills.iter().map(|k| k.1).collect();
    let served_before_kill = requested();
    assert!(
        *stored_at_kills.last().unwrap() < DOCS as i64,
        "the kills came too late: {stored_at_kills:?}"
    );

    let out = tokio::task::spawn_blocking({
        let args = args.clone();
        move || run_to_end(&args)
    })
    .await
    .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rerun = summary(&out);
    let s = &rerun;
    assert_eq!(s["failed"].as_array().unwrap().len(), 0, "{s}");
    assert_eq!(
        s["fetched"].as_u64().unwrap() + s["unchanged"].as_u64().unwrap(),
        DOCS as u64,
        "every release accounted for: {s}"
    );

    // Archive: every release exactly once as a response record; no partial record.
    let records = read_warcs(&dir.path().join("archive"));
    let by_url = responses(&records);
    assert_eq!(by_url.len(), DOCS, "{by_url:?}");
    for (url, ids) in &by_url {
        assert_eq!(ids.len(), 1, "{url} archived {} times", ids.len());
    }
    let archived_ids: BTreeSet<&String> = by_url.values().flatten().collect();

    // Store: one capture per release, each pointing at a response record in the
    // WARC files; fetch state for every release; no claim twice.
    let db = rusqlite::Connection::open(dir.path().join("civtrace.sqlite")).unwrap();
    let mut stmt = db
        .prepare("SELECT url, warc_record_id FROM captures ORDER BY url")
        .unwrap();
    let captures: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(captures.len(), DOCS, "{captures:?}");
    for (url, id) in &captures {
        assert!(
            archived_ids.contains(id),
            "{url}: store names {id}, not in the WARC files"
        );
        assert_eq!(by_url[url], vec![id.clone()]);
    }
    let states: i64 = db
        .query_row("SELECT COUNT(*) FROM fetch_state", [], |r| r.get(0))
        .unwrap();
    assert_eq!(states, DOCS as i64);
    let (claims, distinct): (i64, i64) = db
        .query_row(
            "SELECT COUNT(*), COUNT(DISTINCT claim_id) FROM claims",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(claims, distinct);

    // A third run changes nothing: every release answers 304 to its stored ETag;
    // no new response record, one revisit each, no new claim.
    let before = srv.requests().len();
    let out = tokio::task::spawn_blocking(move || run_to_end(&args))
        .await
        .unwrap();
    let s = summary(&out);
    assert_eq!(s["unchanged"].as_u64(), Some(DOCS as u64), "{s}");
    assert_eq!(s["claims_added"].as_u64(), Some(0), "{s}");
    let revisits_before = records.len();
    let records = read_warcs(&dir.path().join("archive"));
    assert_eq!(responses(&records), by_url);
    let conditional = srv.requests()[before..]
        .iter()
        .filter(|r| r.path.starts_with("/releases/") && r.header("if-none-match").is_some())
        .count();
    assert_eq!(conditional, DOCS);
    let not_modified = records[revisits_before..]
        .iter()
        .filter(|r| {
            r.headers
                .get("warc-profile")
                .is_some_and(|p| p.ends_with("server-not-modified"))
        })
        .count();
    assert_eq!(not_modified, DOCS);
    let claims_after: i64 = db
        .query_row("SELECT COUNT(*) FROM claims", [], |r| r.get(0))
        .unwrap();
    assert_eq!(claims_after, claims);
    eprintln!(
        "kill test: 3 SIGKILLs at (archived, stored) = {kills:?}; {served_before_kill} of {DOCS} \
         releases requested by then; re-run: \
         fetched {}, unchanged {}, recovered from archive {}, retried {}; {} response records, \
         {} captures in store; {claims} claims, {distinct} distinct",
        rerun["fetched"],
        rerun["unchanged"],
        rerun["recovered"],
        rerun["retried"],
        by_url.len(),
        captures.len()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn failed_document_gives_exit_code_one_and_names_it() {
    if !backends_built() {
        return;
    }
    let srv = site(Duration::ZERO, Some(7)).await;
    let dir = tempfile::tempdir().unwrap();
    let pipeline = write_pipeline(dir.path());
    let args = run_args(&pipeline, dir.path(), &srv);
    let out = tokio::task::spawn_blocking(move || run_to_end(&args))
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = summary(&out);
    assert_eq!(s["fetched"].as_u64(), Some(DOCS as u64 - 1), "{s}");
    assert_eq!(s["retried"].as_u64(), Some(1), "{s}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/releases/7 (fetch): HTTP 503 Service Unavailable (after 1 retries)"),
        "{stderr}"
    );
    // --log-format json: every log line on stderr is a JSON object; the failure is logged.
    let logs: Vec<serde_json::Value> = stderr
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        logs.iter().any(|l| l["fields"]["message"] == "fetch failed"
            && l["fields"]["url"]
                .as_str()
                .is_some_and(|u| u.ends_with("/releases/7"))),
        "{stderr}"
    );
}

#[test]
fn check_accepts_bundled_pipelines_and_rejects_typos_with_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["cjtf-oir", "airwars", "snhr", "news"] {
        let out = civtrace()
            .arg("check")
            .arg(root.join(format!("pipelines/{name}.toml")))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("is valid"));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write_pipeline(dir.path());
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("link_pattern =", "link_patern =");
    std::fs::write(&path, text).unwrap();
    let out = civtrace().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("loopback.toml: line 27, column 1: unknown field `link_patern`"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn fault_run_figures() {
    if !backends_built() {
        return;
    }
    // Every fifth release fails once with 500, every seventh is reset mid-body
    // once, release 11 always answers 503, 13 always truncates, 17 is gone.
    let srv = TestServer::start(|req, n| {
        let p = req.path.as_str();
        if p == "/releases/" {
            let links: String = (0..DOCS)
                .map(|i| format!(r#"<a class="release" href="/releases/{i}">{i}</a> "#))
                .collect();
            return Reply::html(format!("<html><body>{links}</body></html>"));
        }
        match p
            .strip_prefix("/releases/")
            .and_then(|n| n.parse::<usize>().ok())
        {
            Some(11) => Reply::status(503),
            Some(13) => Reply::Short {
                declared: 4000,
                sent: 1000,
            },
            Some(17) => Reply::status(404),
            Some(i) if i % 5 == 0 && n == 0 => Reply::status(500),
            Some(i) if i % 7 == 0 && n == 0 => Reply::Reset {
                declared: 4000,
                sent: 100,
            },
            Some(i) if i < DOCS => Reply::html(release(i)),
            _ => Reply::status(404),
        }
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let pipeline = write_pipeline(dir.path());
    let args = run_args(&pipeline, dir.path(), &srv);
    let out = tokio::task::spawn_blocking(move || run_to_end(&args))
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = summary(&out);
    let failed: Vec<&str> = s["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["url"].as_str().unwrap())
        .collect();
    assert_eq!(failed.len(), 3, "{s}");
    for bad in ["/releases/11", "/releases/13", "/releases/17"] {
        assert!(
            failed.iter().any(|u| u.ends_with(bad)),
            "{bad} not in {failed:?}"
        );
    }
    assert_eq!(s["fetched"].as_u64(), Some(DOCS as u64 - 3));
    // 0,5,…,25 (6 × 500) and 7,14,21,28 (4 resets) once each; 11 and 13 once more each (then give up).
    assert_eq!(s["retried"].as_u64(), Some(6 + 4 + 2), "{s}");
    let archived = responses(&read_warcs(&dir.path().join("archive")));
    assert_eq!(archived.len(), DOCS - 3);
    assert!(archived.values().all(|ids| ids.len() == 1));
    eprintln!(
        "fault run: attempted {DOCS}, archived {}, failed {}, retried {}, requests {}; stderr:\n{}",
        archived.len(),
        failed.len(),
        s["retried"],
        s["requests"],
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.starts_with("failed:"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn reparse_of_the_run_archive_gives_the_run_claims() {
    if !backends_built() {
        return;
    }
    let srv = site(Duration::ZERO, None).await;
    let dir = tempfile::tempdir().unwrap();
    let pipeline = write_pipeline(dir.path());
    let args = run_args(&pipeline, dir.path(), &srv);
    let out = tokio::task::spawn_blocking(move || run_to_end(&args))
        .await
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = rusqlite::Connection::open(dir.path().join("civtrace.sqlite")).unwrap();
    let mut stmt = db
        .prepare("SELECT claim_id, metric, value, low FROM claims ORDER BY claim_id")
        .unwrap();
    let from_run: Vec<(String, String, Option<i64>, Option<i64>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!from_run.is_empty());

    // The run read each page through the pipeline's [content] selectors (the
    // stats box is excluded); a re-parse given the same pipeline reads the
    // archive the same way, and one without it reads the box too.
    let reparse = |with_pipeline: bool| {
        let jsonl = dir.path().join(format!("reparse-{with_pipeline}.jsonl"));
        let mut cmd = civtrace();
        cmd.arg("reparse")
            .arg(dir.path().join("archive"))
            .arg("--jsonl")
            .arg(&jsonl);
        if with_pipeline {
            cmd.arg("--pipeline").arg(&pipeline);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut claims: Vec<(String, String, Option<i64>, Option<i64>)> =
            std::fs::read_to_string(&jsonl)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
                .map(|c| {
                    (
                        c["claim_id"].as_str().unwrap().to_string(),
                        c["metric"].as_str().unwrap().to_string(),
                        c["estimate"]["value"].as_i64(),
                        c["estimate"]["low"].as_i64(),
                    )
                })
                .collect();
        claims.sort();
        claims
    };
    assert_eq!(reparse(true), from_run);
    assert!(from_run.iter().all(|c| c.2 != Some(24_566)));
    let generic = reparse(false);
    assert_eq!(
        generic.iter().filter(|c| c.2 == Some(24_566)).count(),
        DOCS,
        "without the pipeline's selectors the stats box is read"
    );
}
