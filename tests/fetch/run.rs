//! Run orchestration against a loopback site, with in-memory archive and store
//! (the real WARC writer and SQLite store are exercised by the `civtrace run`
//! end-to-end tests in `crash.rs`).

use super::test_config;
use crate::support::server::{Reply, TestServer};
use civtrace::archive::warc::{Capture, CaptureRef};
use civtrace::claim::{Claim, Claimant, ClaimantKind};
use civtrace::config::{Overrides, Pipeline};
use civtrace::document::DocumentMeta;
use civtrace::run::{payload_digest, run_with, CaptureArchive, RunOptions, RunStore};
use civtrace::store::sqlite::{FetchState, IngestOutcome};
use std::collections::HashMap;

/// Captures and revisits in memory.
#[derive(Default)]
pub struct MemArchive {
    pub captures: Vec<(Capture, CaptureRef)>,
    pub revisits: Vec<(Capture, CaptureRef)>,
}

impl CaptureArchive for MemArchive {
    fn write_capture(&mut self, c: &Capture) -> civtrace::Result<CaptureRef> {
        let r = CaptureRef {
            warc_file: "mem.warc.gz".into(),
            record_id: format!("<urn:uuid:{}>", self.captures.len()),
            payload_digest: payload_digest(&c.body),
        };
        self.captures.push((c.clone(), r.clone()));
        Ok(r)
    }

    fn write_revisit(
        &mut self,
        c: &Capture,
        original: &CaptureRef,
    ) -> civtrace::Result<CaptureRef> {
        self.revisits.push((c.clone(), original.clone()));
        Ok(original.clone())
    }

    fn find_capture(&self, url: &str, digest: &str) -> Option<CaptureRef> {
        self.captures
            .iter()
            .find(|(c, r)| c.url == url && r.payload_digest == digest)
            .map(|(_, r)| r.clone())
    }
}

/// Documents and run state in memory.
#[derive(Default)]
pub struct MemStore {
    pub docs: Vec<DocumentMeta>,
    pub states: HashMap<String, FetchState>,
}

impl RunStore for MemStore {
    fn fetch_state(&self, url: &str) -> civtrace::Result<Option<FetchState>> {
        Ok(self.states.get(url).cloned())
    }

    fn ingest(
        &mut self,
        doc: &DocumentMeta,
        _: &[Claim],
        state: &FetchState,
    ) -> civtrace::Result<IngestOutcome> {
        self.docs.push(doc.clone());
        self.states.insert(state.url.clone(), state.clone());
        Ok(IngestOutcome::default())
    }

    fn put_fetch_state(&mut self, state: &FetchState) -> civtrace::Result<()> {
        self.states.insert(state.url.clone(), state.clone());
        Ok(())
    }
}

const PIPELINE: &str = r#"
name = "loopback"
allowed_hosts = ["{base}"]
[vars]
base = "https://example.invalid"
[claimant]
name = "SNHR"
kind = "ngo"
[[sources]]
type = "listing"
url = "{base}/reports/"
link_selector = "a.report"
next_selector = "a.next"
follow_pdfs = true
"#;

fn pipeline(base: &str) -> Pipeline {
    let o = Overrides::default().with_base_url(base);
    Pipeline::from_toml(PIPELINE, "loopback.toml", &o).unwrap()
}

async fn site() -> TestServer {
    TestServer::start(|req, _| match req.path.as_str() {
        "/reports/" => Reply::html(
            r#"<a class="report" href="/r/etag">1</a><a class="report" href="/r/plain">2</a>
               <a class="report" href="/r/broken">3</a><a class="next" href="/reports/2">next</a>"#,
        ),
        "/reports/2" => Reply::html(r#"<a class="report" href="/r/etag">1 again</a>"#),
        "/r/etag" if req.header("if-none-match") == Some("\"e1\"") => Reply::status(304),
        "/r/etag" => Reply::html("<p>12 civilians were killed in May 2017.</p>").header("ETag", "\"e1\""),
        "/r/plain" => Reply::html(
            r#"<p>Report. Full report: <a href="/files/report.pdf">PDF</a>, <a href="http://elsewhere.example/x.pdf">mirror</a></p>"#,
        ),
        // Served as text: PDF parsing is not what these tests are about.
        "/files/report.pdf" => Reply::typed("text/plain", "Annex: 3 strikes."),
        "/r/broken" => Reply::status(500),
        _ => Reply::status(404),
    })
    .await
}

#[tokio::test]
async fn second_run_is_unchanged_and_revisits() {
    let srv = site().await;
    let p = pipeline(&srv.url(""));
    let opts = RunOptions::default();
    let (mut archive, mut store) = (MemArchive::default(), MemStore::default());

    let first = run_with(&p, test_config(), &opts, &mut archive, &mut store)
        .await
        .unwrap();
    // Two listing documents fetched, the PDF they link to on an allowed host too;
    // the off-site mirror is not followed; /r/broken fails after retries.
    assert_eq!(first.discovered, 4, "{first:?}");
    assert_eq!(first.discovery_pages, 2);
    let captured: Vec<String> = archive
        .captures
        .iter()
        .map(|(c, _)| c.url.clone())
        .collect();
    assert_eq!(captured.len(), 3, "{captured:?}");
    for path in ["/r/etag", "/r/plain", "/files/report.pdf"] {
        assert_eq!(
            captured.iter().filter(|u| u.ends_with(path)).count(),
            1,
            "{path}"
        );
    }
    let broken: Vec<_> = first
        .failed
        .iter()
        .filter(|f| f.url.ends_with("/r/broken"))
        .collect();
    assert_eq!(broken.len(), 1, "{:?}", first.failed);
    assert_eq!(
        broken[0].reason,
        "HTTP 500 Internal Server Error (after 2 retries)"
    );
    assert_eq!(first.retried, 2);
    assert_eq!(first.exit_code(), 1);
    assert_eq!(srv.hits("/r/broken"), 3);

    let etag_url = srv.url("/r/etag");
    let state = store.states[&etag_url].clone();
    assert_eq!(state.etag.as_deref(), Some("\"e1\""));
    let doc = store.docs.iter().find(|d| d.url == etag_url).unwrap();
    assert_eq!(doc.media_type.as_deref(), Some("text/html; charset=utf-8"));
    assert_eq!(
        doc.claimant,
        Some(Claimant {
            name: "SNHR".into(),
            kind: ClaimantKind::Ngo
        })
    );
    assert_eq!(doc.warc_record_id, state.warc_record_id);
    assert_eq!(
        doc.sha256,
        civtrace::document::sha256_hex(b"<p>12 civilians were killed in May 2017.</p>")
    );
    assert!(doc.retrieved_at.is_some());
    let docs_after_first = store.docs.len();

    let second = run_with(&p, test_config(), &opts, &mut archive, &mut store)
        .await
        .unwrap();
    // /r/etag answers 304; /r/plain comes back byte-identical. Attachments of
    // unchanged pages are not re-checked (release PDFs do not change).
    assert_eq!(
        (second.discovered, second.unchanged, second.fetched),
        (3, 2, 0),
        "{second:?}"
    );
    assert_eq!(archive.captures.len(), 3, "no capture archived twice");
    assert_eq!(archive.revisits.len(), 2);
    let (revisit, original) = &archive.revisits[0];
    assert_eq!(
        original.payload_digest,
        store.states[&revisit.url].payload_digest.clone().unwrap()
    );
    assert_eq!(
        store.docs.len(),
        docs_after_first,
        "unchanged documents are not re-extracted"
    );
    let conditional: Vec<_> = srv
        .requests()
        .into_iter()
        .filter(|r| r.path == "/r/etag" && r.header("if-none-match").is_some())
        .collect();
    assert_eq!(conditional.len(), 1);
}

#[tokio::test]
async fn interrupted_capture_is_not_archived_twice() {
    let srv = site().await;
    let p = pipeline(&srv.url(""));
    let (mut archive, mut store) = (MemArchive::default(), MemStore::default());
    let opts = RunOptions::default();
    run_with(&p, test_config(), &opts, &mut archive, &mut store)
        .await
        .unwrap();
    // Simulate a kill after archiving but before the store commit: the store forgets.
    store = MemStore::default();
    let again = run_with(&p, test_config(), &opts, &mut archive, &mut store)
        .await
        .unwrap();
    assert_eq!(archive.captures.len(), 3);
    assert_eq!(again.recovered, 3, "{again:?}");
    assert_eq!(store.states.len(), 3);
}

#[tokio::test]
async fn not_modified_with_new_validators_refreshes_run_state() {
    // The server rotates its ETag without changing the page, and says so in its 304.
    let srv = TestServer::start(
        |req, _| match (req.path.as_str(), req.header("if-none-match")) {
            ("/r/doc", Some("\"a\"")) => Reply::status(304)
                .header("ETag", "\"b\"")
                .header("Last-Modified", "Tue, 01 Jan 2019 00:00:00 GMT"),
            ("/r/doc", Some("\"b\"")) => Reply::status(304).header("ETag", "\"b\""),
            ("/r/doc", _) => Reply::html("<p>7 strikes.</p>").header("ETag", "\"a\""),
            _ => Reply::status(404),
        },
    )
    .await;
    let url = srv.url("/r/doc");
    let opts = RunOptions {
        urls: vec![url.clone()],
        claimant: Some("Airwars".into()),
        ..RunOptions::default()
    };
    let p = opts.load_pipeline().unwrap();
    let (mut archive, mut store) = (MemArchive::default(), MemStore::default());
    for _ in 0..3 {
        run_with(&p, test_config(), &opts, &mut archive, &mut store)
            .await
            .unwrap();
    }
    let state = &store.states[&url];
    assert_eq!(state.etag.as_deref(), Some("\"b\""));
    assert_eq!(
        state.last_modified.as_deref(),
        Some("Tue, 01 Jan 2019 00:00:00 GMT")
    );
    assert!(
        state.payload_digest.is_some(),
        "the capture it points at is kept"
    );
    let asked: Vec<Option<String>> = srv
        .requests()
        .into_iter()
        .filter(|r| r.path == "/r/doc")
        .map(|r| r.header("if-none-match").map(str::to_string))
        .collect();
    assert_eq!(
        asked,
        vec![None, Some("\"a\"".to_string()), Some("\"b\"".to_string())]
    );
    assert_eq!(archive.captures.len(), 1);
    assert_eq!(archive.revisits.len(), 2);
    assert_eq!(store.docs.len(), 1, "a 304 is not re-extracted");
}

#[tokio::test]
async fn since_limits_discovery_and_ad_hoc_urls_work() {
    let srv = TestServer::start(|req, _| match req.path.as_str() {
        "/blog/2020/01/05/old/" | "/blog/2024/01/05/new/" => Reply::html("<p>text</p>"),
        _ => Reply::status(404),
    })
    .await;
    let opts = RunOptions {
        urls: vec![
            srv.url("/blog/2020/01/05/old/"),
            srv.url("/blog/2024/01/05/new/"),
        ],
        claimant: Some("Airwars".into()),
        since: Some("2023-01-01".parse().unwrap()),
        ..RunOptions::default()
    };
    let p = opts.load_pipeline().unwrap();
    assert_eq!(p.host_allow_list(), vec!["127.0.0.1".to_string()]);
    let (mut archive, mut store) = (MemArchive::default(), MemStore::default());
    let s = run_with(&p, test_config(), &opts, &mut archive, &mut store)
        .await
        .unwrap();
    assert_eq!((s.discovered, s.skipped_old, s.fetched), (1, 1, 1), "{s:?}");
    assert_eq!(srv.hits("/blog/2020/01/05/old/"), 0);
    assert_eq!(
        store.docs[0].published_at,
        Some("2024-01-05".parse().unwrap())
    );
    assert_eq!(
        store.docs[0].claimant.as_ref().map(|c| c.name.as_str()),
        Some("Airwars")
    );

    let e = RunOptions {
        urls: vec![srv.url("/x")],
        ..RunOptions::default()
    }
    .load_pipeline()
    .unwrap_err();
    assert!(e.message().contains("--claimant"), "{e}");
}
