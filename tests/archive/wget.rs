//! A real `wget --warc-file` capture (WARC/1.0, gzip per record) from a loopback server.

use super::records;
use civtrace::archive::source::walk;
use std::io::{Read, Write};
use std::net::TcpListener;

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
    let base = format!("http://127.0.0.1:{port}");
    // wget writes gzip-per-record by default, a plain WARC with --no-warc-compression.
    for (file, extra) in [
        ("capture.warc.gz", None),
        ("capture.warc", Some("--no-warc-compression")),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("wget")
            .current_dir(dir.path())
            .args(["--no-verbose", "--tries=1", "--timeout=10", "--no-config"])
            .args(["-O", "out.bin", "--warc-file=capture"])
            .args(extra)
            .arg(format!("{base}/release.html"))
            .arg(format!("{base}/chunked.html"))
            .arg(format!("{base}/missing.html"))
            .status()
            .unwrap();
        // wget exits 8 because of the 404, which is part of the test.
        assert!(status.code().is_some(), "wget died: {status:?}");
        let warc = dir.path().join(file);
        assert!(warc.is_file(), "wget wrote no {file}");
        let versions: Vec<String> = records(&warc).iter().map(|r| r.version.clone()).collect();
        assert!(versions.iter().all(|v| v == "WARC/1.0"), "{versions:?}");

        let mut walker = walk(std::slice::from_ref(&warc));
        let docs: Vec<_> = walker.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
        let urls: Vec<&str> = docs.iter().map(|d| d.meta.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                format!("{base}/release.html"),
                format!("{base}/chunked.html")
            ],
            "{file}"
        );
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
        assert_eq!(docs[0].meta.warc_file.as_deref(), Some(file));
        assert_eq!(
            docs[1].bytes,
            html.as_bytes(),
            "chunked+gzip body must be decoded"
        );
        assert_eq!(docs[1].meta.media_type.as_deref(), Some("text/html"));
        let reasons: Vec<&str> = walker.skipped().iter().map(|s| s.reason.as_str()).collect();
        assert!(reasons.contains(&"HTTP status 404"), "{reasons:?}");
        // wget's own log is archived as a resource record; it is not a document.
        assert!(
            reasons.iter().any(|r| r.contains("is not a web document")),
            "{reasons:?}"
        );
    }
}
