//! Discovery against a loopback site: paginated listing, sitemap index with a
//! gzip'd sitemap, RSS feed, link patterns and `--since`.

use super::test_config;
use crate::support::server::{Reply, TestServer};
use civtrace::config::Source;
use civtrace::fetch::discovery::{discover, DiscoverOptions};
use civtrace::fetch::Fetcher;
use std::io::Write;

/// Listing page `n` (newest first: page 1 has March 2023, page 3 January).
fn listing_page(n: u32, next: Option<u32>) -> String {
    let m = 4 - n;
    let next = next
        .map(|m| format!(r#"<a class="next page-numbers" href="/reports/page/{m}/">Next</a>"#))
        .unwrap_or_default();
    format!(
        r#"<html><body><nav><a href="/about/">About</a></nav>
        <h2 class="entry-title"><a href="/blog/2023/0{m}/01/report-{n}a/">a</a></h2>
        <h2 class="entry-title"><a href="/blog/2023/0{m}/02/report-{n}b/">b</a></h2>
        <h2 class="entry-title"><a href="/blog/tag/monthly/">tag</a></h2>
        {next}</body></html>"#
    )
}

async fn site() -> TestServer {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(
        br#"<urlset><url><loc>/civilian-casualties/ci001/</loc><lastmod>2015-01-20</lastmod></url>
        <url><loc>/civilian-casualties/ci002/</loc><lastmod>2019-03-01</lastmod></url>
        <url><loc>/news/unrelated/</loc></url></urlset>"#,
    )
    .unwrap();
    let sitemap_gz = gz.finish().unwrap();
    TestServer::start(move |req, _| match req.path.as_str() {
        "/reports/" => Reply::html(listing_page(1, Some(2))),
        "/reports/page/2/" => Reply::html(listing_page(2, Some(3))),
        "/reports/page/3/" => Reply::html(listing_page(3, Some(4))),
        "/sitemap_index.xml" => Reply::typed(
            "application/xml",
            "<sitemapindex><sitemap><loc>/sitemap-1.xml.gz</loc></sitemap>\
             <sitemap><loc>/missing.xml</loc></sitemap>\
             <sitemap><loc>/sitemap_index.xml</loc></sitemap></sitemapindex>",
        ),
        "/sitemap-1.xml.gz" => Reply::typed("application/x-gzip", sitemap_gz.clone()),
        "/feed/" => Reply::typed(
            "application/rss+xml",
            "<rss><channel><item><link>/blog/2023/05/01/feed-item/</link>\
             <pubDate>Mon, 01 May 2023 10:00:00 +0000</pubDate></item>\
             <item><link>/blog/2010/05/01/ancient/</link></item></channel></rss>",
        ),
        _ => Reply::status(404),
    })
    .await
}

fn sources(base: &str) -> Vec<Source> {
    vec![
        Source::Listing {
            url: format!("{base}/reports/"),
            link_selector: "h2.entry-title a".into(),
            link_pattern: Some(r"/blog/\d{4}/\d{2}/\d{2}/".into()),
            exclude_pattern: None,
            next_selector: Some("a.next".into()),
            max_pages: Some(2),
            follow_pdfs: true,
        },
        Source::Sitemap {
            url: format!("{base}/sitemap_index.xml"),
            link_pattern: Some("/civilian-casualties/".into()),
            exclude_pattern: None,
            follow_pdfs: false,
        },
        Source::Feed {
            url: format!("{base}/feed/"),
            link_pattern: None,
            exclude_pattern: None,
            follow_pdfs: false,
        },
    ]
}

#[tokio::test]
async fn listing_sitemap_and_feed_are_discovered() {
    let srv = site().await;
    let f = Fetcher::new(test_config()).unwrap();
    let opts = DiscoverOptions {
        max_pages: 5,
        since: None,
        max_documents: 100,
    };
    let found = discover(&f, &sources(&srv.url("")), &opts, &|_| false).await;
    let paths: Vec<&str> = found.documents.iter().map(|d| d.url.path()).collect();
    assert_eq!(
        paths,
        [
            "/blog/2023/03/01/report-1a/",
            "/blog/2023/03/02/report-1b/",
            "/blog/2023/02/01/report-2a/",
            "/blog/2023/02/02/report-2b/",
            "/civilian-casualties/ci001/",
            "/civilian-casualties/ci002/",
            "/blog/2023/05/01/feed-item/",
            "/blog/2010/05/01/ancient/",
        ]
    );
    // Page limit 2: the third listing page is never requested.
    assert_eq!(srv.hits("/reports/page/3/"), 0);
    // The index lists itself: read once.
    assert_eq!(srv.hits("/sitemap_index.xml"), 1);
    assert_eq!(found.pages, 2 + 2 + 1);
    assert_eq!(found.failures.len(), 1, "{:?}", found.failures);
    assert!(found.failures[0].subject().ends_with("/missing.xml"));
    assert_eq!(found.documents[0].date, Some("2023-03-01".parse().unwrap()));
    assert!(found.documents[0].follow_pdfs && !found.documents[4].follow_pdfs);
    assert_eq!(found.documents[5].date, Some("2019-03-01".parse().unwrap()));
}

#[tokio::test]
async fn since_drops_older_entries_and_stops_pagination() {
    let srv = site().await;
    let f = Fetcher::new(test_config()).unwrap();
    let opts = DiscoverOptions {
        max_pages: 5,
        since: Some("2023-02-01".parse().unwrap()),
        max_documents: 100,
    };
    let mut s = sources(&srv.url(""));
    if let Source::Listing { max_pages, .. } = &mut s[0] {
        *max_pages = Some(10);
    }
    let found = discover(&f, &s, &opts, &|_| false).await;
    let paths: Vec<&str> = found.documents.iter().map(|d| d.url.path()).collect();
    assert_eq!(
        paths,
        [
            "/blog/2023/03/01/report-1a/",
            "/blog/2023/03/02/report-1b/",
            "/blog/2023/02/01/report-2a/",
            "/blog/2023/02/02/report-2b/",
            "/blog/2023/05/01/feed-item/",
        ]
    );
    // 2 January links on listing page 3, ci001 and ci002 (2015, 2019), the 2010 feed item.
    assert_eq!(found.skipped_old, 5);
    // Page 3 is all older than --since: the walk stops there though it has a next link.
    assert_eq!(
        (srv.hits("/reports/page/3/"), srv.hits("/reports/page/4/")),
        (1, 0)
    );
    assert!(found
        .failures
        .iter()
        .all(|e| !e.subject().contains("/page/4/")));
}

#[tokio::test]
async fn a_page_of_known_links_ends_the_listing_walk() {
    let srv = site().await;
    let f = Fetcher::new(test_config()).unwrap();
    let opts = DiscoverOptions {
        max_pages: 5,
        since: None,
        max_documents: 100,
    };
    let listing = sources(&srv.url("")).remove(0);
    // Earlier runs fetched everything on page 1 (the March releases).
    let known = |u: &url::Url| u.path().starts_with("/blog/2023/03/");
    let found = discover(&f, &[listing], &opts, &known).await;
    assert_eq!(found.documents.len(), 2);
    assert_eq!(found.bookmarked, 1);
    assert_eq!(srv.hits("/reports/page/2/"), 0);
}
