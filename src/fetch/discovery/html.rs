//! Links out of HTML: listing pages (document links + the next page), PDFs
//! linked from a document, and dates written into URLs.

use jiff::civil::Date;
use regex::Regex;
use scraper::{Html, Selector};
use std::sync::LazyLock;
use url::Url;

/// What a listing page links to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListingPage {
    /// Absolute URLs of the links matching the link selector, in page order, unique.
    pub links: Vec<Url>,
    /// The next listing page, if the next selector found one.
    pub next: Option<Url>,
}

/// Extracts links and the next-page link from a listing page.
///
/// # Errors
/// A message if a selector does not compile.
pub fn parse_listing(
    html: &[u8],
    page_url: &Url,
    link_selector: &str,
    next_selector: Option<&str>,
) -> Result<ListingPage, String> {
    let doc = Html::parse_document(&String::from_utf8_lossy(html));
    let base = base_url(&doc, page_url);
    let links = hrefs(&doc, &base, link_selector)?;
    let next = match next_selector {
        Some(sel) => hrefs(&doc, &base, sel)?.into_iter().find(|u| u != page_url),
        None => None,
    };
    Ok(ListingPage { links, next })
}

/// PDFs linked from a document (`<a href="….pdf">`), absolute and unique.
pub fn pdf_links(html: &[u8], page_url: &Url) -> Vec<Url> {
    let doc = Html::parse_document(&String::from_utf8_lossy(html));
    let base = base_url(&doc, page_url);
    hrefs(&doc, &base, "a[href]")
        .unwrap_or_default()
        .into_iter()
        .filter(|u| u.path().to_ascii_lowercase().ends_with(".pdf"))
        .collect()
}

/// The document's `<base href>` resolved against its URL, or its URL.
fn base_url(doc: &Html, page_url: &Url) -> Url {
    Selector::parse("base[href]")
        .ok()
        .and_then(|sel| doc.select(&sel).next())
        .and_then(|b| b.value().attr("href"))
        .and_then(|h| page_url.join(h.trim()).ok())
        .unwrap_or_else(|| page_url.clone())
}

/// Unique absolute http(s) URLs (fragment dropped) of elements matching `selector`.
fn hrefs(doc: &Html, base: &Url, selector: &str) -> Result<Vec<Url>, String> {
    let sel = Selector::parse(selector)
        .map_err(|e| format!("CSS selector {selector:?} is invalid: {e}"))?;
    let mut out: Vec<Url> = Vec::new();
    for el in doc.select(&sel) {
        let Some(href) = el.value().attr("href") else {
            continue;
        };
        let Ok(mut u) = base.join(href.trim()) else {
            continue;
        };
        if !matches!(u.scheme(), "http" | "https") {
            continue;
        }
        u.set_fragment(None);
        if !out.contains(&u) {
            out.push(u);
        }
    }
    Ok(out)
}

/// `/2018/06/05/` (WordPress, SNHR) or `/2017/jul/18/` (The Guardian).
static URL_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/(0[1-9]|[12]\d|3[01])/").ok()
});

/// A publication date written into a URL path, if there is one.
pub fn date_in_url(url: &Url) -> Option<Date> {
    let re = URL_DATE.as_ref()?;
    let path = url.path().to_ascii_lowercase();
    let c = re.captures(&path)?;
    let year: i16 = c.get(1)?.as_str().parse().ok()?;
    let month_text = c.get(2)?.as_str();
    let month: i8 = match month_text.parse() {
        Ok(m) => m,
        Err(_) => {
            let months = [
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
            ];
            i8::try_from(months.iter().position(|m| *m == month_text)? + 1).ok()?
        }
    };
    let day: i8 = c.get(3)?.as_str().parse().ok()?;
    Date::new(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn listing_links_and_next() {
        let html = br#"<html><body><nav><a href="/about">About</a></nav>
          <h2 class="entry-title"><a href="/blog/2018/06/05/report/#top">R1</a></h2>
          <h2 class="entry-title"><a href="https://x.org/blog/2018/06/05/report/">dup</a></h2>
          <h2 class="entry-title"><a href="mailto:a@b">mail</a></h2>
          <a class="next page-numbers" href="page/2/">Next</a></body></html>"#;
        let page = parse_listing(
            html,
            &u("https://x.org/blog/"),
            "h2.entry-title a",
            Some("a.next"),
        )
        .unwrap();
        assert_eq!(page.links, vec![u("https://x.org/blog/2018/06/05/report/")]);
        assert_eq!(page.next, Some(u("https://x.org/blog/page/2/")));
        assert!(parse_listing(html, &u("https://x.org/"), "a[[", None).is_err());
    }

    #[test]
    fn base_href_and_pdfs() {
        let html = br#"<head><base href="https://media.x.org/files/"></head>
          <a href="Report.PDF">pdf</a><a href="page.html">html</a><a href="/r2.pdf?x=1">pdf2</a>"#;
        let pdfs = pdf_links(html, &u("https://x.org/news/1"));
        assert_eq!(
            pdfs,
            vec![
                u("https://media.x.org/files/Report.PDF"),
                u("https://media.x.org/r2.pdf?x=1")
            ]
        );
    }

    #[test]
    fn dates_in_urls() {
        let d = |s: &str| Some(s.parse::<Date>().unwrap());
        assert_eq!(
            date_in_url(&u("https://snhr.org/blog/2023/01/01/x/")),
            d("2023-01-01")
        );
        assert_eq!(
            date_in_url(&u("https://www.theguardian.com/world/2017/jul/18/x")),
            d("2017-07-18")
        );
        assert_eq!(date_in_url(&u("https://x.org/2017/02/31/x")), None);
        assert_eq!(date_in_url(&u("https://x.org/Article/1702268/")), None);
    }
}
