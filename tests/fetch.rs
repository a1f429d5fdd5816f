//! The fetcher against loopback servers with injected faults.

use crate::support::server::{Reply, TestServer};
use civtrace::error::ErrorKind;
use civtrace::fetch::retry::RetryPolicy;
use civtrace::fetch::{FetchConfig, Fetcher, HostAllowList, Validators};
use std::io::Write;
use std::time::{Duration, Instant};
use url::Url;

/// Fast settings: short timeouts and backoff, loopback allowed.
pub fn test_config() -> FetchConfig {
    FetchConfig {
        user_agent: "civtrace-test/0.1 (+https://example.org/contact)".to_string(),
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(3),
        max_body_bytes: 1 << 20,
        max_decoded_bytes: 1 << 20,
        max_redirects: 3,
        retry: RetryPolicy {
            retries: 2,
            base: Duration::from_millis(10),
            max: Duration::from_millis(40),
            max_retry_after: Duration::from_secs(5),
        },
        requests_per_second: 1000.0,
        concurrency: 4,
        hosts: HostAllowList::new(["127.0.0.1"]),
        allow_private: true,
        exempt_addrs: Vec::new(),
    }
}

fn url(s: &str) -> Url {
    Url::parse(s).unwrap()
}

#[tokio::test]
async fn server_error_then_success_is_retried() {
    let srv = TestServer::start(|req, n| match (req.path.as_str(), n) {
        ("/doc", 0) => Reply::status(500),
        ("/doc", _) => Reply::html("<p>ok</p>").header("ETag", "\"v1\""),
        _ => Reply::status(404),
    })
    .await;
    let f = Fetcher::new(test_config()).unwrap();
    let got = f.fetch(&url(&srv.url("/doc")), None).await.unwrap();
    assert_eq!(got.status, 200);
    assert_eq!(got.body, b"<p>ok</p>");
    assert_eq!(got.retries, 1);
    assert_eq!(srv.hits("/doc"), 2);
    assert_eq!(f.stats().retries, 1);
    assert_eq!(got.header("etag"), Some("\"v1\""));
    let head = String::from_utf8(got.response_head.clone()).unwrap();
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(head.ends_with("Content-Length: 9\r\n\r\n"), "{head}");
    let req = String::from_utf8(got.request_head.clone()).unwrap();
    assert!(
        req.starts_with("GET /doc HTTP/1.1\r\nHost: 127.0.0.1:"),
        "{req}"
    );
    assert_eq!(got.ip, Some("127.0.0.1".parse().unwrap()));
}

#[tokio::test]
async fn not_found_is_not_retried() {
    let srv = TestServer::start(|_, _| Reply::status(404)).await;
    let f = Fetcher::new(test_config()).unwrap();
    let e = f.fetch(&url(&srv.url("/gone")), None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Fetch);
    assert_eq!(e.message(), "HTTP 404 Not Found");
    assert_eq!(srv.hits("/gone"), 1);
}

#[tokio::test]
async fn too_many_requests_honours_retry_after() {
    let srv = TestServer::start(|req, n| match (req.path.as_str(), n) {
        ("/doc", 0) => Reply::status(429).header("Retry-After", "1"),
        ("/doc", _) => Reply::html("fine"),
        ("/never", _) => Reply::status(429).header("Retry-After", "3600"),
        _ => Reply::status(404),
    })
    .await;
    let f = Fetcher::new(test_config()).unwrap();
    let start = Instant::now();
    let got = f.fetch(&url(&srv.url("/doc")), None).await.unwrap();
    // The backoff alone is ≤ 40 ms; only Retry-After explains a wait of a second.
    assert!(
        start.elapsed() >= Duration::from_millis(950),
        "{:?}",
        start.elapsed()
    );
    assert_eq!((got.body.as_slice(), got.retries), (&b"fine"[..], 1));

    let start = Instant::now();
    let e = f.fetch(&url(&srv.url("/never")), None).await.unwrap_err();
    assert!(e.message().contains("Retry-After of 3600s exceeds"), "{e}");
    assert!(start.elapsed() < Duration::from_secs(1));
    assert_eq!(srv.hits("/never"), 1);
}

#[tokio::test]
async fn slow_drip_past_the_timeout_fails() {
    let srv = TestServer::start(|req, _| match req.path.as_str() {
        "/drip" => Reply::Drip {
            body: vec![b'a'; 200],
            every: Duration::from_millis(20),
        },
        _ => Reply::status(404),
    })
    .await;
    let mut cfg = test_config();
    cfg.timeout = Duration::from_millis(300);
    cfg.retry.retries = 1;
    let f = Fetcher::new(cfg).unwrap();
    let start = Instant::now();
    let e = f.fetch(&url(&srv.url("/drip")), None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Fetch);
    assert!(e.message().contains("timed out"), "{e}");
    // Two attempts of 300 ms, not the 4 s the drip would take.
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(srv.hits("/drip"), 2);
}

#[tokio::test]
async fn reset_mid_body_is_retried_then_fails() {
    let srv = TestServer::start(|req, n| match (req.path.as_str(), n) {
        ("/flaky", 0) => Reply::Reset {
            declared: 5000,
            sent: 100,
        },
        ("/flaky", _) => Reply::html("whole"),
        ("/broken", _) => Reply::Reset {
            declared: 5000,
            sent: 100,
        },
        _ => Reply::status(404),
    })
    .await;
    let f = Fetcher::new(test_config()).unwrap();
    let got = f.fetch(&url(&srv.url("/flaky")), None).await.unwrap();
    assert_eq!((got.body.as_slice(), got.retries), (&b"whole"[..], 1));
    let e = f.fetch(&url(&srv.url("/broken")), None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Fetch);
    assert!(e.message().contains("after 2 retries"), "{e}");
    assert_eq!(srv.hits("/broken"), 3);
}

#[tokio::test]
async fn body_shorter_than_content_length_is_a_failure() {
    let srv = TestServer::start(|req, _| match req.path.as_str() {
        "/short" => Reply::Short {
            declared: 1000,
            sent: 400,
        },
        _ => Reply::status(404),
    })
    .await;
    let f = Fetcher::new(test_config()).unwrap();
    let e = f.fetch(&url(&srv.url("/short")), None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Fetch);
    assert!(
        e.message()
            .starts_with("body cut off at 400 of 1000 bytes: "),
        "{e}"
    );
    assert_eq!(srv.hits("/short"), 3);
}

#[tokio::test]
async fn gzip_bomb_is_refused_without_retry() {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(&vec![0u8; 20 << 20]).unwrap();
    let bomb = enc.finish().unwrap();
    assert!(bomb.len() < 64 << 10);
    let srv = TestServer::start(move |req, _| match req.path.as_str() {
        "/bomb" => Reply::html(bomb.clone()).header("Content-Encoding", "gzip"),
        _ => Reply::status(404),
    })
    .await;
    let f = Fetcher::new(test_config()).unwrap();
    let e = f.fetch(&url(&srv.url("/bomb")), None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooLarge);
    assert!(e.message().contains("decompression bomb"), "{e}");
    assert_eq!(srv.hits("/bomb"), 1);
}

#[tokio::test]
async fn oversized_body_is_refused() {
    let srv = TestServer::start(|req, _| match req.path.as_str() {
        "/big" => Reply::html(vec![b'a'; 2 << 20]),
        _ => Reply::status(404),
    })
    .await;
    let f = Fetcher::new(test_config()).unwrap();
    let e = f.fetch(&url(&srv.url("/big")), None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooLarge);
    assert_eq!(srv.hits("/big"), 1);
}

#[tokio::test]
async fn redirects_are_followed_capped_and_loops_stopped() {
    let srv = TestServer::start(|req, _| {
        let p = req.path.as_str();
        match p {
            "/old" => Reply::redirect("/new"),
            "/new" => Reply::html("moved"),
            "/a" => Reply::redirect("/b"),
            "/b" => Reply::redirect("/a"),
            _ if p.starts_with("/hop/") => {
                let n: u32 = p[5..].parse().unwrap();
                Reply::redirect(&format!("/hop/{}", n + 1))
            }
            _ => Reply::status(404),
        }
    })
    .await;
    let f = Fetcher::new(test_config()).unwrap();
    let got = f.fetch(&url(&srv.url("/old")), None).await.unwrap();
    assert_eq!(got.url.path(), "/new");
    assert_eq!(got.requested_url.path(), "/old");
    assert_eq!(got.hops.len(), 2);

    let e = f.fetch(&url(&srv.url("/a")), None).await.unwrap_err();
    assert!(e.message().contains("redirect loop"), "{e}");
    assert_eq!((srv.hits("/a"), srv.hits("/b")), (1, 1));

    let e = f.fetch(&url(&srv.url("/hop/0")), None).await.unwrap_err();
    assert!(e.message().contains("more than 3 redirects"), "{e}");
    assert_eq!(srv.hits("/hop/4"), 0);
}

#[tokio::test]
async fn redirect_to_a_disallowed_host_is_refused() {
    let srv = TestServer::start(|req, _| match req.path.as_str() {
        "/go" => Reply::redirect("http://evil.example/steal"),
        "/ftp" => Reply::redirect("ftp://127.0.0.1/file"),
        _ => Reply::status(404),
    })
    .await;
    let f = Fetcher::new(test_config()).unwrap();
    let e = f.fetch(&url(&srv.url("/go")), None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Refused);
    assert!(
        e.message()
            .contains("evil.example is not in the pipeline's allowed hosts"),
        "{e}"
    );
    let e = f.fetch(&url(&srv.url("/ftp")), None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Refused);
    assert!(e.message().contains("not http or https"), "{e}");
}

#[tokio::test]
async fn loopback_is_refused_without_allow_private() {
    let target = TestServer::start(|_, _| Reply::html("secret")).await;
    let target_port = target.addr.port();
    let start = TestServer::start(move |req, _| match req.path.as_str() {
        "/by-ip" => Reply::redirect(&format!("http://127.0.0.1:{target_port}/secret")),
        "/by-name" => Reply::redirect(&format!("http://localhost:{target_port}/secret")),
        "/ok" => Reply::html("public"),
        _ => Reply::status(404),
    })
    .await;
    let mut cfg = test_config();
    cfg.allow_private = false;
    cfg.hosts = HostAllowList::new(["127.0.0.1", "localhost"]);
    // Only the start server's exact address stands in for "the public web".
    cfg.exempt_addrs = vec![start.addr];
    let f = Fetcher::new(cfg.clone()).unwrap();
    assert_eq!(
        f.fetch(&url(&start.url("/ok")), None).await.unwrap().body,
        b"public"
    );

    let e = f.fetch(&url(&start.url("/by-ip")), None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Refused);
    assert!(e.message().contains("address 127.0.0.1 is loopback"), "{e}");
    // The name is allowed, but it resolves to loopback: refused on the resolved address.
    let e = f
        .fetch(&url(&start.url("/by-name")), None)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Refused, "{e}");
    assert!(e.message().contains("localhost resolves only to"), "{e}");
    assert!(target.requests().is_empty(), "{:?}", target.requests());

    // Without the exemption nothing on loopback is reached, robots.txt included.
    cfg.exempt_addrs.clear();
    let f = Fetcher::new(cfg).unwrap();
    let before = start.requests().len();
    let e = f.fetch(&url(&start.url("/ok")), None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Refused);
    assert_eq!(start.requests().len(), before);
}

#[tokio::test]
async fn robots_txt_comes_first_and_is_obeyed() {
    let srv = TestServer::start(|req, _| match req.path.as_str() {
        "/robots.txt" => Reply::typed(
            "text/plain",
            "User-agent: civtrace-test\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n",
        ),
        _ => Reply::html("page"),
    })
    .await;
    let f = Fetcher::new(test_config()).unwrap();
    let e = f
        .fetch(&url(&srv.url("/private/report")), None)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Refused);
    assert!(e.message().contains("robots.txt disallows"), "{e}");
    assert_eq!(srv.hits("/private/report"), 0);
    f.fetch(&url(&srv.url("/public/report")), None)
        .await
        .unwrap();
    f.fetch(&url(&srv.url("/public/other")), None)
        .await
        .unwrap();
    let paths: Vec<String> = srv.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/robots.txt", "/public/report", "/public/other"]);
    let ua = srv.requests()[1].header("user-agent").unwrap().to_string();
    assert_eq!(ua, "civtrace-test/0.1 (+https://example.org/contact)");
}

#[tokio::test]
async fn robots_txt_server_error_means_disallow_all() {
    let srv = TestServer::start(|req, _| match req.path.as_str() {
        "/robots.txt" => Reply::status(503),
        _ => Reply::html("page"),
    })
    .await;
    let f = Fetcher::new(test_config()).unwrap();
    let e = f.fetch(&url(&srv.url("/doc")), None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Refused);
    assert!(e.message().contains("robots.txt unavailable"), "{e}");
    assert_eq!(srv.hits("/doc"), 0);
}

#[tokio::test]
async fn conditional_get_gives_not_modified() {
    let srv = TestServer::start(|req, _| match req.path.as_str() {
        "/doc" if req.header("if-none-match") == Some("\"v1\"") => Reply::status(304),
        "/doc" => Reply::html("body")
            .header("ETag", "\"v1\"")
            .header("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT"),
        _ => Reply::status(404),
    })
    .await;
    let f = Fetcher::new(test_config()).unwrap();
    let first = f.fetch(&url(&srv.url("/doc")), None).await.unwrap();
    assert!(!first.is_not_modified());
    let v = first.validators();
    assert_eq!(
        v,
        Validators {
            etag: Some("\"v1\"".into()),
            last_modified: Some("Wed, 21 Oct 2015 07:28:00 GMT".into())
        }
    );
    let second = f.fetch(&url(&srv.url("/doc")), Some(&v)).await.unwrap();
    assert!(second.is_not_modified());
    assert!(second.body.is_empty());
    let last = srv.requests().pop().unwrap();
    assert_eq!(
        last.header("if-modified-since"),
        Some("Wed, 21 Oct 2015 07:28:00 GMT")
    );
}

#[tokio::test]
async fn per_host_rate_limit_spaces_requests() {
    let srv = TestServer::start(|_, _| Reply::html("x")).await;
    let mut cfg = test_config();
    cfg.requests_per_second = 20.0;
    let f = Fetcher::new(cfg).unwrap();
    let start = Instant::now();
    let urls: Vec<Url> = (0..6).map(|i| url(&srv.url(&format!("/d{i}")))).collect();
    let results = futures_util::future::join_all(urls.iter().map(|u| f.fetch(u, None))).await;
    assert!(results.iter().all(|r| r.is_ok()));
    // robots.txt is free; six documents at 20/s need five 50 ms intervals.
    assert!(
        start.elapsed() >= Duration::from_millis(240),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(srv.hits("/robots.txt"), 1);
}

mod crash;
mod discovery;
mod run;

#[tokio::test]
async fn per_host_concurrency_is_capped() {
    let srv = TestServer::start(|_, _| {
        Reply::Delayed(Duration::from_millis(150), Box::new(Reply::html("x")))
    })
    .await;
    let mut cfg = test_config();
    cfg.concurrency = 2;
    let f = Fetcher::new(cfg).unwrap();
    let urls: Vec<Url> = (0..6).map(|i| url(&srv.url(&format!("/d{i}")))).collect();
    let start = Instant::now();
    let results = futures_util::future::join_all(urls.iter().map(|u| f.fetch(u, None))).await;
    assert!(results.iter().all(|r| r.is_ok()));
    // robots.txt (150 ms) then three waves of two: four server delays at least.
    assert!(
        start.elapsed() >= Duration::from_millis(590),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn redirect_to_another_host_consults_its_robots_first() {
    let other = TestServer::start(|req, _| match req.path.as_str() {
        "/robots.txt" => Reply::typed("text/plain", "User-agent: *\nDisallow: /\n"),
        _ => Reply::html("should not be fetched"),
    })
    .await;
    let target = other.url("/doc");
    let srv = TestServer::start(move |req, _| match req.path.as_str() {
        "/go" => Reply::redirect(&target),
        _ => Reply::status(404),
    })
    .await;
    let f = Fetcher::new(test_config()).unwrap();
    let e = f.fetch(&url(&srv.url("/go")), None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Refused);
    assert!(e.message().contains("robots.txt disallows"), "{e}");
    assert_eq!(e.subject(), srv.url("/go"));
    let paths: Vec<String> = other.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/robots.txt"]);
}
