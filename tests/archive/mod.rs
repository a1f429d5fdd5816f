//! Archive: WARC write → read round trips, truncation at every offset, torn
//! writes, a real `wget --warc-file` capture from a loopback server, and
//! folder walks with sidecars.

mod roundtrip;
mod truncation;
mod walk;
mod wget;

use civtrace::archive::warc::{Capture, Record, WarcReader};
use std::path::{Path, PathBuf};

pub fn capture(url: &str, body: &[u8]) -> Capture {
    Capture {
        url: url.into(),
        request_head: format!("GET {url} HTTP/1.1\r\nHost: example.org\r\n").into_bytes(),
        response_head: b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec(),
        body: body.to_vec(),
        retrieved_at: "2018-11-30T12:34:56Z".parse().unwrap(),
        ip: Some("93.184.216.34".parse().unwrap()),
    }
}

pub fn records(path: &Path) -> Vec<Record> {
    WarcReader::open(path)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

pub fn warc_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".warc.gz"))
        .collect();
    v.sort();
    v
}
