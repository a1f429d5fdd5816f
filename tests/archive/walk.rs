//! Folder walks: sorted order, sidecars, skipped files, errors in place; corpus timing.

use super::{capture, warc_files};
use civtrace::archive::source::walk;
use civtrace::archive::warc::WarcWriter;
use civtrace::ErrorKind;
use std::path::{Path, PathBuf};

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
    std::fs::write(d.join("README.md"), "12 fixtures").unwrap();
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
            "README.md",
            "a.expected.jsonl",
            "a.html.meta.json",
            "d.html.meta.json",
            "e.html.meta.json",
            "manifest.jsonl"
        ]
    );
    // A README named explicitly is a document like any other.
    assert!(walk(&[d.join("README.md")]).next().unwrap().is_ok());
    // A missing path is an error, and the walk goes on to the next argument.
    let got: Vec<_> = walk(&[d.join("nope"), d.join("b.txt")]).collect();
    assert_eq!(got[0].as_ref().unwrap_err().kind(), ErrorKind::Io);
    assert!(got[1].is_ok());
}

/// Timing, not a check: `CIVTRACE_BENCH_CORPUS=/work/bench-corpus cargo test --release
/// --test integration archive::walk::walk_timing -- --ignored --nocapture`. Walks the corpus,
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
