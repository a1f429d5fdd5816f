//! Write → read: byte-exact bodies, linked records, revisits, rotation.

use super::{capture, records, warc_files};
use civtrace::archive::index::Index;
use civtrace::archive::source::walk;
use civtrace::archive::warc::{sha256_digest, Record, WarcWriter};
use civtrace::ErrorKind;

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

/// Interoperability: warcio (the Python WARC library pywb and most tools use) checks
/// our block and payload digests and indexes our records. Runs when `warcio` is on
/// PATH (or `CIVTRACE_WARCIO` names it); skipped with a message otherwise.
#[test]
fn warcio_accepts_our_files() {
    let warcio = std::env::var("CIVTRACE_WARCIO").unwrap_or_else(|_| "warcio".into());
    if std::process::Command::new(&warcio)
        .arg("--help")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED warcio_accepts_our_files: warcio is not installed (pip install warcio)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut w = WarcWriter::open(dir.path()).unwrap();
    let body: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let first = w
        .write_capture(&capture("https://example.org/a", &body))
        .unwrap();
    w.write_revisit(&capture("https://example.org/a", &body), &first)
        .unwrap();
    drop(w);
    let file = &warc_files(dir.path())[0];
    let check = std::process::Command::new(&warcio)
        .args(["check", "-v"])
        .arg(file)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "warcio check failed:\n{out}");
    assert!(out.contains("digest pass"), "{out}");
    assert!(!out.contains("digest failed"), "{out}");
    // Every record but the revisit carries a block digest that warcio verified.
    assert_eq!(out.matches("digest pass").count(), 5, "{out}");
    let index = std::process::Command::new(&warcio)
        .args([
            "index",
            "-f",
            "warc-type,warc-target-uri,warc-payload-digest,offset",
        ])
        .arg(file)
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&index.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let types: Vec<&str> = lines
        .iter()
        .map(|l| l["warc-type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        ["warcinfo", "request", "response", "metadata", "request", "revisit"]
    );
    let resp = &lines[2];
    assert_eq!(resp["warc-payload-digest"], first.payload_digest.as_str());
    let ours = records(file);
    assert_eq!(resp["offset"].as_str().unwrap(), ours[2].offset.to_string());
}
