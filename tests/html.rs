//! HTML parsing: main content only, locators, tables, dates, hostile input,
//! and (ignored by default) the bench-corpus quality and speed check.

use civtrace::parse::html::parse_html;
use civtrace::parse::{BlockKind, ParsedDocument, TextBlock};
use civtrace::ErrorKind;
use jiff::civil::date;
use proptest::prelude::*;

/// All block texts joined by newlines.
fn joined(doc: &ParsedDocument) -> String {
    doc.blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The block whose text contains `needle`.
fn block<'a>(doc: &'a ParsedDocument, needle: &str) -> &'a TextBlock {
    doc.blocks
        .iter()
        .find(|b| b.text.contains(needle))
        .unwrap_or_else(|| panic!("no block contains {needle:?}:\n{}", joined(doc)))
}

/// A news page with all the chrome the bench corpus and real sites carry.
const NEWS: &str = r##"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Airwars: 1,200 civilians killed in Raqqa | The Daily</title>
<meta property="og:title" content="Airwars: 1,200 civilians killed in Raqqa">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","datePublished":"2018-11-30T08:00:00Z"}]}</script>
<style>.x{width:300px}</style></head>
<body class="news postid-12345">
<div id="cookie-notice" role="dialog">We use 3 cookies. <a href="#">Accept</a></div>
<header class="site-header"><a class="logo" href="/">The Daily</a><nav><ul><li><a href="/">World 24</a></li></ul></nav></header>
<div class="breadcrumb">World &gt; Middle East 7</div>
<div class="ticker">BREAKING: 99 dead in unrelated quake</div>
<main id="main"><div class="row"><div class="col-md-8"><article class="post">
<h1 class="entry-title">Airwars: 1,200 civilians killed in Raqqa</h1>
<div class="byline">By <a href="/a">Jane Roe</a> | <time datetime="2018-11-29T09:00:00Z">November 29, 2018</time> | 5 min read</div>
<div class="share"><a class="share-facebook" href="#"><span class="count">431</span></a></div>
<div class="story-body__inner" itemprop="articleBody">
<p>The monitoring group Airwars estimates that <b>at least</b> 1,200 civilians<a href="#fn1">1</a> were killed.</p>
<p>Near Hit, one strike.<br>Near Raqqa, two strikes.<br>- Near Hajin, four strikes</p>
<h2>Figures</h2>
<ul><li>More than a thousand people fled.</li><li><p>Close to 23,458 homes</p></li></ul>
<blockquote><p>We counted 17 bodies.</p></blockquote>
<figure><img src="x.jpg" alt="42 alt"><figcaption>Rescuers in Raqqa, where 9 died.</figcaption></figure>
<dl class="incident-meta"><dt>Civilians reported killed</dt><dd>3 – 7</dd><dt>Children</dt><dd>2</dd></dl>
<div class="meta-grid"><div class="meta-row"><span class="label">Women reported killed:</span> <span class="value">4</span></div></div>
<div class="table-responsive"><table class="data-table"><caption>Deaths by governorate</caption>
<thead><tr><th rowspan="2">Governorate</th><th colspan="2">Civilians</th></tr><tr><th>Killed</th><th>Injured</th></tr></thead>
<tbody><tr><td>Raqqa</td><td>1,050</td><td>300</td></tr><tr><td>Deir ez-Zor</td><td>150</td><td>12</td></tr></tbody></table></div>
<div class="related-links"><h3>Read more</h3><a href="/x">Coalition conducts 70 strikes</a></div>
</div>
<div class="tags">Tags: Syria 2018</div>
</article>
<section id="comments"><h3>Comments (240)</h3></section>
</div><div class="col-md-4"><aside class="sidebar most-read"><h3>Most Read</h3><ol><li><a href="/y">SNHR: 4,321 civilians killed in May 2017</a></li></ol></aside>
<section class="newsletter"><h3>Sign up</h3><form><input type="email"><button>Subscribe 24/7</button></form></section></div></div></main>
<footer class="site-footer"><p class="address">1400 Defense Pentagon | DSN 318-239-1125</p></footer>
<script>window.__PAGE__ = {id: 2950768};</script>
<script id="__NEXT_DATA__" type="application/json">{"props":{"article":{"body":["estimates that at least 1,200 civilians"],"related":["Coalition conducts 88 strikes"]}}}</script>
</body></html>"##;

#[test]
fn news_page_keeps_content_and_drops_chrome() {
    let doc = parse_html(NEWS.as_bytes(), "news.html").unwrap();
    let all = joined(&doc);
    for chrome in [
        "cookies",
        "World 24",
        "Middle East 7",
        "99 dead",
        "5 min read",
        "431",
        "Tags",
        "240",
        "4,321",
        "Subscribe",
        "DSN",
        "2950768",
        "88 strikes",
        "70 strikes",
        "42 alt",
    ] {
        assert!(!all.contains(chrome), "chrome {chrome:?} leaked:\n{all}");
    }
    assert_eq!(doc.blocks[0].kind, BlockKind::Title);
    assert_eq!(
        doc.blocks[0].text,
        "Airwars: 1,200 civilians killed in Raqqa"
    );
    assert_eq!(
        doc.title.as_deref(),
        Some("Airwars: 1,200 civilians killed in Raqqa")
    );
    // JSON-LD (@graph) wins over time[datetime].
    assert_eq!(doc.published, Some(date(2018, 11, 30)));

    let lead = block(&doc, "Airwars estimates");
    assert_eq!(
        lead.text,
        "The monitoring group Airwars estimates that at least 1,200 civilians were killed."
    );
    assert_eq!(lead.kind, BlockKind::Paragraph);
    assert_eq!(
        lead.locator,
        "html > body > main > div.row > div.col-md-8:nth-of-type(1) > article.post > \
         div.story-body__inner:nth-of-type(3) > p:nth-of-type(1)"
    );
    // <br>-separated bullets become one block each.
    assert_eq!(block(&doc, "Near Hit").text, "Near Hit, one strike.");
    assert_eq!(block(&doc, "Near Raqqa").kind, BlockKind::ListItem);
    assert_eq!(block(&doc, "Near Hajin").text, "Near Hajin, four strikes");
    assert_eq!(block(&doc, "Figures").kind, BlockKind::Heading { level: 2 });
    assert_eq!(
        block(&doc, "More than a thousand").kind,
        BlockKind::ListItem
    );
    assert_eq!(block(&doc, "Close to 23,458").kind, BlockKind::ListItem);
    assert_eq!(block(&doc, "17 bodies").text, "We counted 17 bodies.");
    assert_eq!(
        block(&doc, "Rescuers").text,
        "Rescuers in Raqqa, where 9 died."
    );

    let kv = block(&doc, "Civilians reported killed");
    assert_eq!(kv.text, "Civilians reported killed: 3 – 7");
    assert_eq!(kv.kind, BlockKind::KeyValue { key_chars: 25 });
    assert!(
        kv.locator.ends_with("dl.incident-meta > dd:nth-of-type(1)"),
        "{}",
        kv.locator
    );
    assert_eq!(block(&doc, "Children").text, "Children: 2");
    let grid = block(&doc, "Women reported killed");
    assert_eq!(grid.text, "Women reported killed: 4");
    assert_eq!(grid.kind, BlockKind::KeyValue { key_chars: 21 });

    assert_eq!(
        block(&doc, "Deaths by").kind,
        BlockKind::Heading { level: 6 }
    );
    let row = block(&doc, "Deir ez-Zor");
    assert_eq!(row.text, "Deir ez-Zor | 150 | 12");
    let BlockKind::TableRow { cells } = &row.kind else {
        panic!("{row:?}")
    };
    let headers: Vec<_> = cells.iter().map(|c| c.header.as_deref()).collect();
    assert_eq!(
        headers,
        vec![
            Some("Governorate"),
            Some("Civilians / Killed"),
            Some("Civilians / Injured")
        ]
    );
    let chars: Vec<char> = row.text.chars().collect();
    let killed: String = chars[cells[1].start..cells[1].end].iter().collect();
    assert_eq!(killed, "150");
    assert!(row
        .locator
        .ends_with("table.data-table > tbody > tr:nth-of-type(2)"));
    assert!(!all.contains("Governorate |"), "header row became a block");
}

#[test]
fn title_in_article_header_link_lists_and_pre() {
    let page = r##"<html><head><title>Monthly report | SNHR</title></head><body>
<header class="masthead"><h1 class="logo">SNHR</h1></header>
<article><header class="entry-header"><h1>Monthly report</h1><span class="posted-on">Posted 3 June 2019</span></header>
<div class="entry-content"><p>SNHR documented the killing of 250 civilians<sup><a href="#fn1">[1]</a></sup> in May.</p>
<ul><li><a href="/a">Related: 99 killed in Idlib</a></li><li><a href="/b">Related: 12 killed in Hama</a></li></ul>
<pre>Idlib     120
Hama       80</pre></div></article></body></html>"##;
    let doc = parse_html(page.as_bytes(), "snhr.html").unwrap();
    assert_eq!(doc.blocks[0].text, "Monthly report");
    assert!(doc.blocks[0]
        .locator
        .ends_with("article > header.entry-header > h1"));
    assert_eq!(doc.published, Some(date(2019, 6, 3)));
    let all = joined(&doc);
    assert!(all.contains("killing of 250 civilians in May."), "{all}");
    assert!(!all.contains("99 killed"), "{all}");
    assert!(!all.contains("[1]"), "{all}");
    assert_eq!(block(&doc, "Idlib").text, "Idlib 120");
    assert_eq!(block(&doc, "Hama").text, "Hama 80");
}

#[test]
fn article_body_split_by_ads_is_read_whole() {
    let page = r##"<html><body><article>
<div class="article-body__content"><p>Airwars said at least 12 civilians were killed near Hajin on Sunday.</p></div>
<div class="ad-slot">Advertisement 300x250</div>
<div class="article-body__content"><p>Local activists put the toll at 15, including four children.</p></div>
</article><aside><p>Most read: 44 killed</p></aside></body></html>"##;
    let doc = parse_html(page.as_bytes(), "split.html").unwrap();
    let all = joined(&doc);
    assert!(all.contains("at least 12 civilians"), "{all}");
    assert!(all.contains("toll at 15"), "{all}");
    assert!(
        !all.contains("300x250") && !all.contains("44 killed"),
        "{all}"
    );
}

#[test]
fn legacy_layout_table_page_with_br_bullets() {
    let page = r##"<html><head><title>Military Airstrikes Continue Against ISIL in Syria and Iraq</title></head>
<body><table width="100%"><tr><td class="leftnav" width="180"><a href="/">Home</a><br><a href="/news">News (12)</a></td>
<td class="content"><h2>Military Airstrikes Continue Against ISIL in Syria and Iraq</h2>
<p>From a Combined Joint Task Force Operation Inherent Resolve News Release</p>
<p>SOUTHWEST ASIA, Sept. 20, 2015 &ndash; U.S. and coalition military forces have continued to attack ISIL terrorists in Syria and Iraq, Coalition military forces conducted 26 airstrikes in Syria and Iraq from 8 a.m. yesterday to 8 a.m. today.</p>
<p><b>Strikes in Syria</b></p>
<p>- Near Al Hasakah, one strike struck an ISIL tactical unit and destroyed an ISIL fighting position.<br>
- Near Dayr Az Zawr, two strikes destroyed two ISIL excavators.<br>
- Near Mar'a, one strike struck an ISIL tactical unit.</p>
</td></tr></table></body></html>"##;
    let doc = parse_html(page.as_bytes(), "dod-2015.html").unwrap();
    assert_eq!(doc.published, Some(date(2015, 9, 20)));
    assert_eq!(
        doc.title.as_deref(),
        Some("Military Airstrikes Continue Against ISIL in Syria and Iraq")
    );
    assert!(!joined(&doc).contains("News (12)"), "{}", joined(&doc));
    let b = block(&doc, "Dayr Az Zawr");
    assert_eq!(
        b.text,
        "Near Dayr Az Zawr, two strikes destroyed two ISIL excavators."
    );
    assert_eq!(b.kind, BlockKind::ListItem);
    let heading = block(&doc, "Strikes in Syria");
    assert_eq!(heading.text, "Strikes in Syria");
    assert_eq!(heading.kind, BlockKind::Heading { level: 4 });
}

#[test]
fn locators_select_exactly_their_element() {
    let doc = parse_html(NEWS.as_bytes(), "news.html").unwrap();
    let html = scraper::Html::parse_document(NEWS);
    for b in &doc.blocks {
        let sel = scraper::Selector::parse(&b.locator)
            .unwrap_or_else(|e| panic!("bad selector {:?}: {e:?}", b.locator));
        let hits: Vec<_> = html.select(&sel).collect();
        assert_eq!(
            hits.len(),
            1,
            "{} matches {} elements",
            b.locator,
            hits.len()
        );
        let text: String = hits[0].text().collect::<String>();
        let squashed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let last_word = b.text.rsplit(' ').next().unwrap_or("");
        assert!(
            squashed.contains(last_word),
            "{} does not hold {:?}",
            b.locator,
            b.text
        );
    }
}

#[test]
fn parsing_is_deterministic() {
    let a = parse_html(NEWS.as_bytes(), "a.html").unwrap();
    let b = parse_html(NEWS.as_bytes(), "a.html").unwrap();
    assert_eq!(a, b);
}

#[test]
fn strike_release_dateline_and_release_number() {
    let page = r#"<html><body><div class="usa-banner">An official website</div>
<div class="DNNModuleContent ModNewsArticleC"><h1>Coalition Strikes Continue</h1>
<p class="release-no">Release No: 20181129-01</p>
<div class="DNNModuleContent ModArticleCSContentC">
<p>SOUTHWEST ASIA, Nov. 29, 2018 — Coalition military forces conducted 23 strikes consisting of 41 engagements against ISIS targets in Syria on Nov. 27.</p>
<p>Near Hajin, 20 strikes engaged 15 ISIS tactical units.</p></div></div></body></html>"#;
    let doc = parse_html(page.as_bytes(), "release.html").unwrap();
    assert_eq!(doc.published, Some(date(2018, 11, 29)));
    assert_eq!(doc.title.as_deref(), Some("Coalition Strikes Continue"));
    assert!(joined(&doc).contains("Near Hajin, 20 strikes"));
    assert!(!joined(&doc).contains("An official website"));
}

#[test]
fn published_meta_beats_dateline_and_time() {
    let page = r#"<html><head><meta name="DC.date" content="2017-08-04"></head><body><article>
<time datetime="2017-08-09">Aug 9</time><p>WASHINGTON, Aug. 7, 2017 — text text text</p></article></body></html>"#;
    let doc = parse_html(page.as_bytes(), "d.html").unwrap();
    assert_eq!(doc.published, Some(date(2017, 8, 4)));
    let page = r#"<html><body><article><p class="date">Published: 4 August 2017</p><p>Body.</p></article></body></html>"#;
    let doc = parse_html(page.as_bytes(), "d.html").unwrap();
    assert_eq!(doc.published, Some(date(2017, 8, 4)));
}

#[test]
fn readability_fallback_finds_unmarked_content() {
    let prose = "Local sources said at least 12 civilians, including four children, were killed, and 30 were injured, in the strike. ";
    let page = format!(
        r#"<html><body><div class="top"><a href="/">Home</a> <a href="/x">9 things</a></div>
<div class="c1"><div class="c2"><p>{prose}</p><p>{prose}</p><p>{prose}</p></div></div>
<div class="bottom"><a href="/a">Link 1</a> <a href="/b">Link 2</a></div></body></html>"#
    );
    let doc = parse_html(page.as_bytes(), "r.html").unwrap();
    assert_eq!(doc.blocks.len(), 3, "{:?}", doc.blocks);
    assert!(doc.blocks.iter().all(|b| b.locator.contains("div.c2")));
}

#[test]
fn legacy_encodings_decode() {
    let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><article><p>".to_vec();
    page.extend_from_slice(
        b"\x93At least 1,139\x94 civilians \x96 caf\xe9</p></article></body></html>",
    );
    let doc = parse_html(&page, "w.html").unwrap();
    assert_eq!(
        doc.blocks[0].text,
        "\u{201C}At least 1,139\u{201D} civilians \u{2013} café"
    );
}

#[test]
fn hostile_inputs_are_bounded() {
    let err = parse_html(
        &[0u8, 159, 146, 150, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        "bin.html",
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Encoding);
    assert_eq!(
        parse_html(b"   ", "e.html").unwrap_err().kind(),
        ErrorKind::Empty
    );
    let many = "<i>".repeat(500_001);
    let err = parse_html(many.as_bytes(), "many.html").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge);

    let depth = 100_000;
    let page = format!(
        "<html><body><article>{}<p>Near Hit, 3 strikes.</p>{}</article></body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let start = std::time::Instant::now();
    let doc = parse_html(page.as_bytes(), "deep.html").unwrap();
    assert!(joined(&doc).contains("Near Hit, 3 strikes."));
    assert!(doc.blocks.iter().all(|b| b.locator.len() < 20_000));
    assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());

    for (open, close) in [
        ("<b>", "</b>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<ul><li>", "</li></ul>"),
        ("<span class=label>k:</span><div>", "</div>"),
        ("<dl><dt>k</dt><dd>", "</dd></dl>"),
        ("<section><h2>", "</h2></section>"),
        ("<a href=#>", "</a>"),
        ("<font>", ""),
    ] {
        let page = format!(
            "<article>{}Near Hit, 3 strikes.{}</article>",
            open.repeat(10_000),
            close.repeat(10_000)
        );
        let start = std::time::Instant::now();
        let doc = parse_html(page.as_bytes(), "deep.html").unwrap();
        eprintln!("{open}: parse_html {:?}", start.elapsed());
        assert!(joined(&doc).contains("3 strikes"), "{open}");
        assert!(
            start.elapsed().as_secs() < 30,
            "{open}: {:?}",
            start.elapsed()
        );
    }

    let wide = format!(
        "<html><body><main>{}</main></body></html>",
        "<p>12 strikes</p>".repeat(50_000)
    );
    let doc = parse_html(wide.as_bytes(), "wide.html").unwrap();
    assert_eq!(doc.blocks.len(), 50_000);
    assert!(doc.blocks[49_999].locator.ends_with("p:nth-of-type(50000)"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn locators_are_unique_in_generated_pages(parts in proptest::collection::vec(prop_oneof![
        Just("<div class=\"entry-content\">"), Just("</div>"), Just("<p>"), Just("</p>"),
        Just("<ul><li>a</li><li>b 2</li></ul>"), Just("<h2>Strikes</h2>"), Just("<section>"),
        Just("</section>"), Just("<table><tr><th>x</th><th>y</th></tr><tr><td>1</td><td>2</td></tr></table>"),
        Just("<dl><dt>Killed</dt><dd>3</dd></dl>"), Just("Near Hit, 3 strikes. "), Just("<br>"),
        Just("<blockquote>q 7</blockquote>"), Just("<span class=label>Injured:</span> 4"),
        Just("<title>T | S</title>"), Just("<h1>Title</h1>"), Just("<aside>9 more</aside>"),
    ], 1..60)) {
        let page = format!("<html><body>{}</body></html>", parts.concat());
        let doc = parse_html(page.as_bytes(), "gen.html").unwrap();
        let html = scraper::Html::parse_document(&page);
        for b in &doc.blocks {
            let sel = scraper::Selector::parse(&b.locator).map_err(|e| TestCaseError::fail(format!("{:?}: {e:?}", b.locator)))?;
            prop_assert_eq!(html.select(&sel).count(), 1, "{} in {}", b.locator, page);
        }
        prop_assert!(!joined(&doc).contains("9 more"));
    }

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = parse_html(&bytes, "fuzz.html");
    }

    #[test]
    fn never_panics_on_tag_soup(parts in proptest::collection::vec(prop_oneof![
        Just("<p>"), Just("</p>"), Just("<div class=share>"), Just("</div>"), Just("<table>"),
        Just("<tr>"), Just("<td colspan=3>"), Just("<th rowspan=0>"), Just("<br>"), Just("<dl>"),
        Just("<dt>"), Just("<dd>"), Just("12 strikes"), Just("Nov. 29, 2018"), Just("<li>"),
        Just("<span class=label>Killed:</span>"), Just("<h1>"), Just("<article>"), Just(" "),
        Just("<script>"), Just("</table>"), Just("&nbsp;"), Just("é"),
    ], 0..200)) {
        let page = parts.concat();
        if let Ok(doc) = parse_html(page.as_bytes(), "soup.html") {
            for b in &doc.blocks {
                prop_assert!(!b.text.is_empty());
                prop_assert_eq!(b.text.trim(), b.text.as_str());
                prop_assert!(!b.text.contains("  "));
                if let BlockKind::TableRow { cells } = &b.kind {
                    let n = b.text.chars().count();
                    for c in cells {
                        prop_assert!(c.start <= c.end && c.end <= n);
                    }
                }
                if let BlockKind::KeyValue { key_chars } = b.kind {
                    prop_assert!(b.text.chars().skip(key_chars).collect::<String>().starts_with(": "));
                }
            }
        }
    }
}

#[path = "html_bench.rs"]
mod bench;

/// A pipeline's `[content]` selectors pick the container and drop chrome
/// inside it; a selector that matches nothing leaves the generic parse.
#[test]
fn content_selectors_pick_the_container_and_drop_excluded_boxes() {
    use civtrace::parse::html::{parse_html, parse_html_with, ContentHints};
    let page = br#"<html><body>
      <div class="digest"><p>Elsewhere today, 40 strikes were reported across the region, officials said, in a long
      roundup of other stories, with many commas, clauses, and numbers: 12, 13, 14, and 15, which the generic
      heuristics take for the article because it is the longest box of prose on the page by far, by far.</p></div>
      <div class="story"><p>Near Hit, two strikes destroyed a bridge.</p>
        <div class="factbox"><p>Strikes since 2014: 31,406.</p></div></div>
    </body></html>"#;
    let texts = |d: &civtrace::parse::ParsedDocument| -> Vec<String> {
        d.blocks.iter().map(|b| b.text.clone()).collect()
    };
    let generic = parse_html(page, "p.html").unwrap();
    assert!(
        texts(&generic).iter().any(|t| t.contains("40 strikes")),
        "{:?}",
        texts(&generic)
    );
    let hints = ContentHints::new(
        "site",
        &["div.missing".into(), "div.story".into()],
        &[".factbox".into()],
    )
    .unwrap();
    let hinted = parse_html_with(page, "p.html", Some(&hints)).unwrap();
    assert_eq!(
        texts(&hinted),
        vec!["Near Hit, two strikes destroyed a bridge.".to_string()]
    );
    assert_eq!(
        hinted.blocks[0].locator,
        "html > body > div.story:nth-of-type(2) > p"
    );
    let unmatched = ContentHints::new("site", &["div.missing".into()], &[]).unwrap();
    assert_eq!(
        parse_html_with(page, "p.html", Some(&unmatched)).unwrap(),
        generic
    );
}
