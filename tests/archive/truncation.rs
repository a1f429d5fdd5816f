//! Cuts, garbage and torn writes: complete records before the damage, then an error; never a partial capture.

use super::{capture, records, warc_files};
use civtrace::archive::index::{Index, INDEX_FILE};
use civtrace::archive::source::walk;
use civtrace::archive::warc::{Record, WarcReader, WarcWriter};
use civtrace::ErrorKind;
use proptest::prelude::*;
use std::io::{Read, Write};

/// Bytes of a gzip WARC with three captures, and the offsets where its records start.
/// Written once per test binary and shared by the property tests.
fn three_capture_warc() -> (Vec<u8>, Vec<u64>) {
    static WARC: std::sync::OnceLock<(Vec<u8>, Vec<u64>)> = std::sync::OnceLock::new();
    WARC.get_or_init(write_three_captures).clone()
}

/// See [`three_capture_warc`].
fn write_three_captures() -> (Vec<u8>, Vec<u64>) {
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

    /// A real WARC with a few bytes overwritten (headers, lengths, HTTP heads, chunk
    /// sizes): records or one error, and turning records into documents never panics.
    #[test]
    fn mutated_warc_never_panics(edits in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 1..8)) {
        let (gz, _) = three_capture_warc();
        let mut plain = Vec::new();
        flate2::read::MultiGzDecoder::new(&gz[..]).read_to_end(&mut plain).unwrap();
        for (at, byte) in edits {
            let i = ((plain.len() as f64) * at) as usize;
            plain[i] = byte;
        }
        let mut errors = 0;
        for r in WarcReader::new(&plain[..], "mutated.warc").take(100) {
            match r {
                Ok(rec) => {
                    let _ = civtrace::archive::warc::record_to_document(&rec, "m", "m");
                }
                Err(e) => {
                    errors += 1;
                    prop_assert_eq!(e.kind(), ErrorKind::Warc);
                }
            }
        }
        prop_assert!(errors <= 1);
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
    drop(w);
    // A later crash at file creation, with the highest serial: set aside, and its
    // serial is not reused by the next file.
    std::fs::write(
        dir.path().join("civtrace-00005-20181130000000.warc.gz"),
        b"",
    )
    .unwrap();
    let mut w = WarcWriter::open(dir.path()).unwrap();
    let r = w
        .write_capture(&capture("https://example.org/b", b"<p>b</p>"))
        .unwrap();
    assert!(
        r.warc_file.starts_with("civtrace-00002-"),
        "appends to the newest: {}",
        r.warc_file
    );
    let mut w = w.with_max_file_bytes(1);
    let r = w
        .write_capture(&capture("https://example.org/c", b"<p>c</p>"))
        .unwrap();
    assert!(
        r.warc_file.starts_with("civtrace-00006-"),
        "{}",
        r.warc_file
    );
    let mut walker = walk(&[dir.path().to_path_buf()]);
    assert_eq!(walker.by_ref().filter(Result::is_ok).count(), 3);
    let aside = walker
        .skipped()
        .iter()
        .filter(|s| s.path.ends_with(".incomplete"))
        .count();
    assert_eq!(aside, 2);
}
