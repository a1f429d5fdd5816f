//! Archive: WARC write → read round trips, truncation at every offset, a real
//! `wget --warc-file` capture from a loopback server, sidecars, and torn writes.

use civtrace::archive::index::{Index, INDEX_FILE};
use civtrace::archive::source::walk;
use civtrace::archive::warc::{sha256_digest, Capture, Record, WarcReader, WarcWriter};
use civtrace::ErrorKind;
use proptest::prelude::*;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

fn capture(url: &str, body: &[u8]) -> Capture {
    Capture {
        url: url.into(),
        request_head: format!("GET {url} HTTP/1.1\r\nHost: example.org\r\n").into_bytes(),
        response_head: b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec(),
        body: body.to_vec(),
        retrieved_at: "2018-11-30T12:34:56Z".parse().unwrap(),
        ip: Some("93.184.216.34".parse().unwrap()),
    }
}

fn records(path: &Path) -> Vec<Record> {
    WarcReader::open(path)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

fn warc_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".warc.gz"))
        .collect();
    v.sort();
    v
}

#[test]
fn written_capture_reads_back_byte_exact_with_linked_records() {
    let dir = tempfile::tempdir().unwrap();
    let body: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    let mut w = WarcWriter::open(dir.path()).unwrap();
    let r = w
        .write_capture(&capture("https://example.org/a", &body))
        .unwrap();
    assert_eq!(r.payload_digest, sha256_digest(&body));
    assert!(r.record_id.starts_with("<urn:uuid:") && r.record_id.ends_with('>'));

    let files = warc_files(dir.path());
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].file_name().unwrap().to_string_lossy(), r.warc_file);
    let recs = records(&files[0]);
    let types: Vec<String> = recs.iter().map(Record::record_type).collect();
    assert_eq!(types, ["warcinfo", "request", "response", "metadata"]);
    assert!(recs.iter().all(|r| r.version == "WARC/1.1"));
    let resp = &recs[2];
    assert_eq!(resp.record_id(), Some(r.record_id.as_str()));
    assert_eq!(
        resp.header("WARC-Payload-Digest"),
        Some(r.payload_digest.as_str())
    );
    assert_eq!(
        resp.header("WARC-Block-Digest"),
        Some(sha256_digest(&resp.block).as_str())
    );
    assert_eq!(resp.header("WARC-IP-Address"), Some("93.184.216.34"));
    assert_eq!(resp.header("WARC-Warcinfo-ID"), recs[0].record_id());
    assert_eq!(
        recs[1].header("WARC-Concurrent-To"),
        Some(r.record_id.as_str())
    );
    assert_eq!(
        recs[3].header("WARC-Concurrent-To"),
        Some(r.record_id.as_str())
    );
    // Every record is its own gzip member: the index offset is the response's member.
    let idx = Index::read(dir.path()).unwrap();
    let entry = idx.iter().find(|e| e.record_type == "response").unwrap();
    assert_eq!(entry.offset, resp.offset);
    assert!(recs[1].offset < resp.offset && resp.offset < recs[3].offset);

    let docs: Vec<_> = walk(&[dir.path().to_path_buf()])
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d.bytes, body, "body must come back byte-exact");
    assert_eq!(d.meta.url, "https://example.org/a");
    assert_eq!(
        d.meta.media_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(d.meta.retrieved_at.as_deref(), Some("2018-11-30T12:34:56Z"));
    assert_eq!(d.meta.warc_file.as_deref(), Some(r.warc_file.as_str()));
    assert_eq!(d.meta.warc_record_id.as_deref(), Some(r.record_id.as_str()));
}

#[test]
fn revisit_points_at_the_original_and_is_not_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = WarcWriter::open(dir.path()).unwrap();
    let original = w
        .write_capture(&capture("https://example.org/r", b"<p>same</p>"))
        .unwrap();
    let mut again = capture("https://example.org/r", b"<p>same</p>");
    again.retrieved_at = "2018-12-01T00:00:00Z".parse().unwrap();
    let rv = w.write_revisit(&again, &original).unwrap();
    assert_eq!(rv.payload_digest, original.payload_digest);
    assert_ne!(rv.record_id, original.record_id);
    let changed = capture("https://example.org/r", b"<p>changed</p>");
    let e = w.write_revisit(&changed, &original).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Warc);

    // A reopened writer still knows the original's URL and date.
    drop(w);
    let mut w = WarcWriter::open(dir.path()).unwrap();
    let mut not_modified = capture("https://example.org/r", b"");
    not_modified.response_head = b"HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n".to_vec();
    w.write_revisit(&not_modified, &original).unwrap();

    let recs = records(&warc_files(dir.path())[0]);
    let revisits: Vec<&Record> = recs
        .iter()
        .filter(|r| r.record_type() == "revisit")
        .collect();
    assert_eq!(revisits.len(), 2);
    assert_eq!(
        revisits[0].header("WARC-Profile"),
        Some("http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")
    );
    assert_eq!(
        revisits[1].header("WARC-Profile"),
        Some("http://netpreserve.org/warc/1.1/revisit/server-not-modified")
    );
    for r in &revisits {
        assert_eq!(
            r.header("WARC-Refers-To"),
            Some(original.record_id.as_str())
        );
        assert_eq!(
            r.header("WARC-Refers-To-Target-URI"),
            Some("https://example.org/r")
        );
        assert_eq!(
            r.header("WARC-Refers-To-Date"),
            Some("2018-11-30T12:34:56Z")
        );
        assert_eq!(
            r.header("WARC-Payload-Digest"),
            Some(original.payload_digest.as_str())
        );
    }
    let mut walker = walk(&[dir.path().to_path_buf()]);
    let docs: Vec<_> = walker.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
    assert_eq!(docs.len(), 1);
    let revisit_skips = walker
        .skipped()
        .iter()
        .filter(|s| s.reason.starts_with("revisit of <urn:uuid:"))
        .count();
    assert_eq!(revisit_skips, 2);
}

#[test]
fn files_rotate_by_size_and_all_captures_stay_readable() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = WarcWriter::open(dir.path()).unwrap().with_max_file_bytes(1);
    let refs: Vec<_> = (0..3)
        .map(|i| {
            w.write_capture(&capture(&format!("https://example.org/{i}"), b"<p>x</p>"))
                .unwrap()
        })
        .collect();
    let files = warc_files(dir.path());
    assert_eq!(files.len(), 3);
    for (r, f) in refs.iter().zip(&files) {
        assert_eq!(f.file_name().unwrap().to_string_lossy(), r.warc_file);
        assert_eq!(records(f)[0].record_type(), "warcinfo");
    }
    let urls: Vec<String> = walk(&[dir.path().to_path_buf()])
        .map(|d| d.unwrap().meta.url)
        .collect();
    assert_eq!(
        urls,
        [
            "https://example.org/0",
            "https://example.org/1",
            "https://example.org/2"
        ]
    );
}

/// Bytes of a gzip WARC with three captures, and the offsets where its records start.
fn three_capture_warc() -> (Vec<u8>, Vec<u64>) {
    let dir = tempfile::tempdir().unwrap();
    let mut w = WarcWriter::open(dir.path()).unwrap();
    for i in 0..3 {
        w.write_capture(&capture(
            &format!("https://example.org/{i}"),
            format!("<p>{i}</p>").as_bytes(),
        ))
        .unwrap();
    }
    let f = &warc_files(dir.path())[0];
    let offsets = records(f).iter().map(|r| r.offset).collect();
    (std::fs::read(f).unwrap(), offsets)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Cut anywhere: exactly the records wholly before the cut come back, then one
    /// `Warc` error unless the cut falls on a record boundary. Never a panic.
    #[test]
    fn truncated_gzip_warc_yields_complete_records_then_an_error(frac in 0.0f64..1.0) {
        let (bytes, offsets) = three_capture_warc();
        let cut = ((bytes.len() as f64) * frac) as usize;
        let mut ok = 0usize;
        let mut err = None;
        for r in WarcReader::new(&bytes[..cut], "cut.warc.gz") {
            match r {
                Ok(_) => ok += 1,
                Err(e) => { err = Some(e); }
            }
        }
        let bounds: Vec<u64> = offsets.iter().skip(1).copied().chain([bytes.len() as u64]).collect();
        let complete = bounds.iter().filter(|b| **b <= cut as u64).count();
        prop_assert_eq!(ok, complete);
        let on_boundary = cut == 0 || bounds.contains(&(cut as u64));
        prop_assert_eq!(err.is_some(), !on_boundary);
        if let Some(e) = err {
            prop_assert_eq!(e.kind(), ErrorKind::Warc);
            prop_assert!(e.to_string().contains("cut.warc.gz"));
            prop_assert!(e.to_string().contains("offset"));
        }
    }

    /// The same for an uncompressed WARC: a cut inside a record's header or block
    /// never yields that record.
    #[test]
    fn truncated_plain_warc_never_yields_a_partial_record(frac in 0.0f64..1.0) {
        let (gz, _) = three_capture_warc();
        let mut plain = Vec::new();
        flate2::read::MultiGzDecoder::new(&gz[..]).read_to_end(&mut plain).unwrap();
        let full: Vec<Record> = WarcReader::new(&plain[..], "p").collect::<Result<_, _>>().unwrap();
        let cut = ((plain.len() as f64) * frac) as usize;
        let got: Vec<_> = WarcReader::new(&plain[..cut], "p").collect();
        let ok: Vec<&Record> = got.iter().filter_map(|r| r.as_ref().ok()).collect();
        for (a, b) in ok.iter().zip(&full) {
            prop_assert_eq!(&a.block, &b.block);
        }
        if ok.len() < full.len() && cut > 0 {
            let last_end = full.get(ok.len()).map_or(0, |r| r.offset);
            // Only blank separators between the last whole record and the cut are not an error.
            if cut as u64 > last_end {
                prop_assert!(got.last().is_some_and(|r| r.is_err()));
            }
        }
    }

    /// Arbitrary bytes never panic or hang the reader.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let n = WarcReader::new(&bytes[..], "fuzz").take(10_000).count();
        prop_assert!(n < 10_000);
    }
}

#[test]
fn torn_write_is_never_read_back_and_new_captures_still_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = WarcWriter::open(dir.path()).unwrap();
    w.write_capture(&capture("https://example.org/1", b"<p>one</p>"))
        .unwrap();
    w.write_capture(&capture("https://example.org/2", b"<p>two</p>"))
        .unwrap();
    drop(w);
    let file = warc_files(dir.path())[0].clone();
    let committed = std::fs::read(&file).unwrap();

    // A whole capture written but not indexed (killed between the fsyncs), then half
    // of another gzip member and some garbage (killed mid-write).
    let unindexed = {
        let other = tempfile::tempdir().unwrap();
        let mut w = WarcWriter::open(other.path()).unwrap();
        w.write_capture(&capture("https://example.org/ghost", b"<p>ghost</p>"))
            .unwrap();
        let bytes = std::fs::read(&warc_files(other.path())[0]).unwrap();
        let first = records(&warc_files(other.path())[0])[1].offset as usize;
        bytes[first..].to_vec()
    };
    let mut torn = committed.clone();
    torn.extend_from_slice(&unindexed);
    torn.extend_from_slice(&unindexed[..unindexed.len() / 2]);
    torn.extend_from_slice(b"\x00garbage");
    std::fs::write(&file, &torn).unwrap();
    // And a torn index line.
    let mut idx = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.path().join(INDEX_FILE))
        .unwrap();
    idx.write_all(b"{\"warc_file\":\"civtr").unwrap();
    drop(idx);

    // Readers bounded by the index see exactly the committed captures, no error.
    let urls: Vec<String> = walk(&[dir.path().to_path_buf()])
        .map(|d| d.unwrap().meta.url)
        .collect();
    assert_eq!(urls, ["https://example.org/1", "https://example.org/2"]);
    // Without the index, the reader still never yields the partial record.
    let copy = tempfile::tempdir().unwrap();
    let lone = copy.path().join("lone.warc.gz");
    std::fs::write(&lone, &torn).unwrap();
    let got: Vec<_> = walk(&[lone]).collect();
    let urls: Vec<&str> = got
        .iter()
        .filter_map(|d| d.as_ref().ok())
        .map(|d| d.meta.url.as_str())
        .collect();
    assert_eq!(
        urls,
        [
            "https://example.org/1",
            "https://example.org/2",
            "https://example.org/ghost"
        ]
    );
    let e = got.last().unwrap().as_ref().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Warc);

    // Reopening cuts the tail back to the committed bytes, and writing goes on.
    let mut w = WarcWriter::open(dir.path()).unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), committed);
    w.write_capture(&capture("https://example.org/3", b"<p>three</p>"))
        .unwrap();
    drop(w);
    let got: Vec<_> = walk(std::slice::from_ref(&file))
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let urls: Vec<&str> = got.iter().map(|d| d.meta.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://example.org/1",
            "https://example.org/2",
            "https://example.org/3"
        ]
    );
    assert_eq!(Index::read(dir.path()).unwrap().len(), 4); // warcinfo + 3 captures
}

#[test]
fn a_file_whose_warcinfo_never_committed_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("civtrace-00001-20181130000000.warc.gz"),
        b"\x1f\x8b\x08",
    )
    .unwrap();
    let mut w = WarcWriter::open(dir.path()).unwrap();
    let r = w
        .write_capture(&capture("https://example.org/", b"<p>ok</p>"))
        .unwrap();
    assert!(
        r.warc_file.starts_with("civtrace-00002-"),
        "{}",
        r.warc_file
    );
    let mut walker = walk(&[dir.path().to_path_buf()]);
    assert_eq!(walker.by_ref().filter(Result::is_ok).count(), 1);
    assert!(walker
        .skipped()
        .iter()
        .any(|s| s.path.ends_with(".incomplete")));
}

/// Serves `pages` (path → (extra headers, body bytes)) over HTTP/1.1 on 127.0.0.1.
fn serve(pages: Vec<(&'static str, String, Vec<u8>)>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(32) {
            let Ok(mut s) = stream else { continue };
            let mut req = Vec::new();
            let mut buf = [0u8; 1024];
            while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => req.extend_from_slice(&buf[..n]),
                }
            }
            let line = String::from_utf8_lossy(&req)
                .lines()
                .next()
                .unwrap_or_default()
                .to_string();
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            let resp = match pages.iter().find(|(p, _, _)| *p == path) {
                Some((_, headers, body)) => [
                    format!("HTTP/1.1 200 OK\r\nDate: Fri, 30 Nov 2018 12:00:00 GMT\r\nConnection: close\r\n{headers}\r\n").into_bytes(),
                    body.clone(),
                ]
                .concat(),
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found".to_vec(),
            };
            let _ = s.write_all(&resp);
        }
    });
    port
}

#[test]
fn reads_a_real_wget_warc_capture() {
    if std::process::Command::new("wget")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED reads_a_real_wget_warc_capture: wget is not installed (CI installs it)");
        return;
    }
    let html = "<html><head><title>Strike release</title></head><body><p>Coalition forces conducted 12 strikes near Hajin.</p></body></html>";
    let gz = {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(html.as_bytes()).unwrap();
        e.finish().unwrap()
    };
    let mut chunked = Vec::new();
    for part in gz.chunks(10) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let port = serve(vec![
        (
            "/release.html",
            format!("Content-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nLast-Modified: Thu, 29 Nov 2018 10:00:00 GMT\r\n", html.len()),
            html.as_bytes().to_vec(),
        ),
        (
            "/chunked.html",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n".into(),
            chunked,
        ),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let status = std::process::Command::new("wget")
        .current_dir(dir.path())
        .args([
            "--no-verbose",
            "--tries=1",
            "--timeout=10",
            "--no-config",
            "-O",
            "out.bin",
        ])
        .arg("--warc-file=capture")
        .arg(format!("{base}/release.html"))
        .arg(format!("{base}/chunked.html"))
        .arg(format!("{base}/missing.html"))
        .status()
        .unwrap();
    // wget exits 8 because of the 404, which is part of the test.
    assert!(status.code().is_some(), "wget died: {status:?}");
    let warc = dir.path().join("capture.warc.gz");
    assert!(warc.is_file(), "wget wrote no WARC");
    let versions: Vec<String> = records(&warc).iter().map(|r| r.version.clone()).collect();
    assert!(versions.iter().all(|v| v == "WARC/1.0"), "{versions:?}");

    let mut walker = walk(std::slice::from_ref(&warc));
    let docs: Vec<_> = walker.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
    assert_eq!(
        docs.len(),
        2,
        "{:?}",
        docs.iter().map(|d| &d.meta.url).collect::<Vec<_>>()
    );
    assert_eq!(docs[0].meta.url, format!("{base}/release.html"));
    assert_eq!(docs[0].bytes, html.as_bytes());
    assert_eq!(
        docs[0].meta.media_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(docs[0].meta.retrieved_at.is_some());
    assert!(docs[0]
        .meta
        .warc_record_id
        .as_deref()
        .unwrap()
        .starts_with("<urn:uuid:"));
    assert_eq!(docs[0].meta.warc_file.as_deref(), Some("capture.warc.gz"));
    assert_eq!(docs[1].meta.url, format!("{base}/chunked.html"));
    assert_eq!(
        docs[1].bytes,
        html.as_bytes(),
        "chunked+gzip body must be decoded"
    );
    assert_eq!(docs[1].meta.media_type.as_deref(), Some("text/html"));
    let reasons: Vec<&str> = walker.skipped().iter().map(|s| s.reason.as_str()).collect();
    assert!(reasons.contains(&"HTTP status 404"), "{reasons:?}");
}

#[test]
fn folders_walk_sorted_with_sidecars_and_errors_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("a.html"), "<p>12 strikes</p>").unwrap();
    std::fs::write(
        d.join("a.html.meta.json"),
        r#"{"url":"https://www.inherentresolve.mil/a","published_at":"2018-11-30","retrieved_at":"2018-12-01T00:00:00Z","media_type":"text/html","claimant":{"name":"CJTF-OIR","kind":"military"}}"#,
    )
    .unwrap();
    std::fs::write(d.join("b.txt"), "7 killed").unwrap();
    std::fs::write(d.join("c.html"), "").unwrap();
    std::fs::write(d.join("d.html"), "<p>1</p>").unwrap();
    std::fs::write(d.join("d.html.meta.json"), "{not json").unwrap();
    std::fs::write(d.join("e.html"), "<p>2</p>").unwrap();
    std::fs::write(
        d.join("e.html.meta.json"),
        r#"{"published_at":"30/11/2018"}"#,
    )
    .unwrap();
    std::fs::write(d.join("a.expected.jsonl"), "").unwrap();
    std::fs::write(d.join("manifest.jsonl"), "{}\n").unwrap();
    std::fs::write(d.join("sub/z.html"), "<p>3</p>").unwrap();

    let mut walker = walk(&[d.to_path_buf()]);
    let got: Vec<_> = walker.by_ref().collect();
    assert_eq!(got.len(), 6);
    let a = got[0].as_ref().unwrap();
    assert_eq!(a.meta.url, "https://www.inherentresolve.mil/a");
    assert_eq!(a.meta.published_at, Some(jiff::civil::date(2018, 11, 30)));
    assert_eq!(a.meta.retrieved_at.as_deref(), Some("2018-12-01T00:00:00Z"));
    assert_eq!(a.meta.media_type.as_deref(), Some("text/html"));
    assert_eq!(a.meta.claimant.as_ref().unwrap().name, "CJTF-OIR");
    assert_eq!(a.meta.name, d.join("a.html").display().to_string());
    let b = got[1].as_ref().unwrap();
    assert_eq!(b.meta.url, d.join("b.txt").display().to_string());
    assert_eq!(b.meta.media_type, None);
    assert_eq!(b.meta.sha256, civtrace::document::sha256_hex(b"7 killed"));
    let c = got[2].as_ref().unwrap_err();
    assert_eq!(c.kind(), ErrorKind::Empty);
    assert!(c.subject().ends_with("c.html"));
    let dd = got[3].as_ref().unwrap_err();
    assert_eq!(dd.kind(), ErrorKind::Json);
    assert!(dd.subject().ends_with("d.html.meta.json"));
    assert_eq!(got[4].as_ref().unwrap_err().kind(), ErrorKind::Json);
    assert_eq!(
        got[5].as_ref().unwrap().meta.url,
        d.join("sub/z.html").display().to_string()
    );
    let skipped: Vec<String> = walker
        .skipped()
        .iter()
        .map(|s| {
            Path::new(&s.path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        skipped,
        [
            "a.expected.jsonl",
            "a.html.meta.json",
            "d.html.meta.json",
            "e.html.meta.json",
            "manifest.jsonl"
        ]
    );
    // A missing path is an error, and the walk goes on to the next argument.
    let got: Vec<_> = walk(&[d.join("nope"), d.join("b.txt")]).collect();
    assert_eq!(got[0].as_ref().unwrap_err().kind(), ErrorKind::Io);
    assert!(got[1].is_ok());
}

/// Timing, not a check: `CIVTRACE_BENCH_CORPUS=/work/bench-corpus cargo test --release
/// --test integration archive::walk_timing -- --ignored --nocapture`. Walks the corpus,
/// archives every document as a capture, and reads the archive back.
#[test]
#[ignore]
fn walk_timing() {
    let Some(corpus) = std::env::var_os("CIVTRACE_BENCH_CORPUS") else {
        eprintln!("set CIVTRACE_BENCH_CORPUS");
        return;
    };
    let t = std::time::Instant::now();
    let mut walker = walk(&[PathBuf::from(corpus)]);
    let docs: Vec<_> = walker.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
    let bytes: usize = docs.iter().map(|d| d.bytes.len()).sum();
    eprintln!(
        "walk: {} docs, {} bytes, {} skipped in {:?}",
        docs.len(),
        bytes,
        walker.skipped().len(),
        t.elapsed()
    );
    let dir = tempfile::tempdir().unwrap();
    let t = std::time::Instant::now();
    let mut w = WarcWriter::open(dir.path()).unwrap();
    for d in &docs {
        w.write_capture(&capture(&d.meta.url, &d.bytes)).unwrap();
    }
    eprintln!(
        "write: {} captures (fsync each) in {:?}",
        docs.len(),
        t.elapsed()
    );
    let size: u64 = warc_files(dir.path())
        .iter()
        .map(|f| f.metadata().unwrap().len())
        .sum();
    let t = std::time::Instant::now();
    let back = walk(&[dir.path().to_path_buf()])
        .filter(Result::is_ok)
        .count();
    eprintln!(
        "read back: {back} docs from {size} WARC bytes in {:?}",
        t.elapsed()
    );
    assert_eq!(back, docs.len());
}
