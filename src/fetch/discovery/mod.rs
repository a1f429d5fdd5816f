//! Discovery: a pipeline's sources → the document URLs to fetch.
//!
//! Listing pages are followed through their next links up to a page limit;
//! sitemap indexes are followed to their sitemaps (gzip'd or not); feeds are
//! read for their entries. Links are filtered by the source's patterns and,
//! with `--since`, by the date of the entry (sitemap `lastmod`, feed date, or
//! a date in the URL); undated links are kept. Discovery pages go through the
//! same [`Fetcher`] as documents (robots, limits, guard).
//!
//! The store is the run's bookmark: listings run newest first, so a listing
//! page whose document links were all fetched by earlier runs ends the walk —
//! a nightly run reads one page, not `max_pages`.

pub mod html;
pub mod xml;

use super::body;
use super::client::Fetcher;
use crate::config::Source;
use crate::error::{Error, ErrorKind, Result};
use jiff::civil::Date;
use regex::Regex;
use url::Url;

pub use html::{date_in_url, parse_listing, pdf_links, ListingPage};
pub use xml::{parse_feed, parse_sitemap, Entry, Sitemap};

/// Sitemaps read at most per sitemap source (an index can list thousands).
const MAX_SITEMAPS: usize = 200;

/// A document to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    /// Its URL.
    pub url: Url,
    /// Its date, where the source gave one (sitemap `lastmod`, feed date, date in the URL), for `--since`.
    pub date: Option<Date>,
    /// Its publication date, where the source states one (feed date, date in the URL;
    /// not a sitemap's `lastmod`, which moves with every edit).
    pub published: Option<Date>,
    /// Index of the pipeline source that found it.
    pub source: usize,
    /// Whether PDFs linked from it are to be fetched too.
    pub follow_pdfs: bool,
}

/// Discovery settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiscoverOptions {
    /// Listing pages per listing source (unless the source sets its own).
    pub max_pages: u32,
    /// Drop entries dated before this day.
    pub since: Option<Date>,
    /// Stop after this many documents in all.
    pub max_documents: usize,
}

/// What discovery found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Documents, unique by URL, in discovery order.
    pub documents: Vec<Discovered>,
    /// Listing pages, sitemaps and feeds fetched.
    pub pages: usize,
    /// Pages that failed (the run continues with what was found).
    pub failures: Vec<Error>,
    /// Entries dropped because they are older than `since`.
    pub skipped_old: usize,
    /// Listing walks ended early because every link on a page was known.
    pub bookmarked: usize,
}

impl Discovery {
    /// Adds a document unless already known or over the cap; returns whether added.
    fn push(&mut self, doc: Discovered, max: usize) -> bool {
        if self.documents.len() >= max || self.documents.iter().any(|d| d.url == doc.url) {
            return false;
        }
        self.documents.push(doc);
        true
    }
}

/// An include/exclude pair of URL regexes.
#[derive(Debug, Clone)]
struct LinkFilter {
    /// URLs must match this, if set.
    include: Option<Regex>,
    /// URLs must not match this, if set.
    exclude: Option<Regex>,
}

impl LinkFilter {
    /// Compiles the patterns (validated at config load; errors name the pattern).
    fn new(include: Option<&str>, exclude: Option<&str>) -> Result<LinkFilter> {
        let compile = |p: &str| {
            Regex::new(p)
                .map_err(|e| Error::new(ErrorKind::Config, p, format!("invalid regex: {e}")))
        };
        Ok(LinkFilter {
            include: include.map(compile).transpose()?,
            exclude: exclude.map(compile).transpose()?,
        })
    }

    /// Whether `url` passes.
    fn accepts(&self, url: &Url) -> bool {
        self.include
            .as_ref()
            .is_none_or(|r| r.is_match(url.as_str()))
            && !self
                .exclude
                .as_ref()
                .is_some_and(|r| r.is_match(url.as_str()))
    }
}

/// Whether an entry dated `date` is older than `since`.
fn too_old(date: Option<Date>, since: Option<Date>) -> bool {
    matches!((date, since), (Some(d), Some(s)) if d < s)
}

/// Runs every source's discovery, in order.
///
/// `known` says whether an earlier run fetched a URL (the store's run state);
/// it only shortens listing walks, never drops a document.
pub async fn discover(
    fetcher: &Fetcher,
    sources: &[Source],
    opts: &DiscoverOptions,
    known: &dyn Fn(&Url) -> bool,
) -> Discovery {
    let mut found = Discovery::default();
    for (i, source) in sources.iter().enumerate() {
        if let Err(e) = discover_source(fetcher, i, source, opts, known, &mut found).await {
            found.failures.push(e);
        }
    }
    found
}

/// One source's discovery into `found`.
async fn discover_source(
    fetcher: &Fetcher,
    index: usize,
    source: &Source,
    opts: &DiscoverOptions,
    known: &dyn Fn(&Url) -> bool,
    found: &mut Discovery,
) -> Result<()> {
    let follow_pdfs = source.follow_pdfs();
    let is_sitemap = matches!(source, Source::Sitemap { .. });
    let add = |found: &mut Discovery, url: Url, date: Option<Date>| {
        let in_url = date_in_url(&url);
        let published = if is_sitemap { in_url } else { date.or(in_url) };
        let date = date.or(in_url);
        if too_old(date, opts.since) {
            found.skipped_old += 1;
            return;
        }
        found.push(
            Discovered {
                url,
                date,
                published,
                source: index,
                follow_pdfs,
            },
            opts.max_documents,
        );
    };
    match source {
        Source::Urls { urls, .. } => {
            for u in urls {
                match Url::parse(u) {
                    Ok(url) => add(found, url, None),
                    Err(e) => found.failures.push(Error::new(
                        ErrorKind::Config,
                        u.as_str(),
                        e.to_string(),
                    )),
                }
            }
        }
        Source::Listing {
            url,
            link_selector,
            link_pattern,
            exclude_pattern,
            next_selector,
            max_pages,
            ..
        } => {
            let filter = LinkFilter::new(link_pattern.as_deref(), exclude_pattern.as_deref())?;
            let mut page = parse_url(url)?;
            let mut seen = vec![page.clone()];
            for _ in 0..max_pages.unwrap_or(opts.max_pages).max(1) {
                let fetched = fetcher.fetch(&page, None).await?;
                found.pages += 1;
                let listing = parse_listing(
                    &fetched.body,
                    &fetched.url,
                    link_selector,
                    next_selector.as_deref(),
                )
                .map_err(|m| Error::new(ErrorKind::Config, url.as_str(), m))?;
                let (mut links, mut dated, mut dated_old, mut seen_before) = (0, 0, 0, 0);
                for link in listing.links.into_iter().filter(|l| filter.accepts(l)) {
                    let date = date_in_url(&link);
                    links += 1;
                    dated += usize::from(date.is_some());
                    dated_old += usize::from(too_old(date, opts.since));
                    seen_before += usize::from(known(&link));
                    add(found, link, date);
                }
                // Listings run newest first: a page whose dated links are all
                // old, or whose links earlier runs all fetched, ends the walk.
                if (dated > 0 && dated_old == dated) || (links > 0 && seen_before == links) {
                    found.bookmarked += usize::from(seen_before == links);
                    break;
                }
                match listing.next {
                    Some(next) if !seen.contains(&next) => {
                        seen.push(next.clone());
                        page = next;
                    }
                    _ => break,
                }
            }
        }
        Source::Sitemap {
            url,
            link_pattern,
            exclude_pattern,
            ..
        } => {
            let filter = LinkFilter::new(link_pattern.as_deref(), exclude_pattern.as_deref())?;
            let first = parse_url(url)?;
            let mut queue = vec![first.clone()];
            // An index may list itself or its parent: each sitemap is read once.
            let mut queued = vec![first];
            let mut read = 0;
            while let Some(sitemap_url) = queue.pop() {
                if read >= MAX_SITEMAPS {
                    break;
                }
                read += 1;
                let map = match fetch_xml(fetcher, &sitemap_url).await.and_then(|xml| {
                    parse_sitemap(&xml)
                        .map_err(|m| Error::new(ErrorKind::Fetch, sitemap_url.as_str(), m))
                }) {
                    Ok(map) => map,
                    Err(e) => {
                        found.failures.push(e);
                        continue;
                    }
                };
                found.pages += 1;
                match map {
                    Sitemap::Index(children) => {
                        // Depth-first in document order: push in reverse so the first is popped first.
                        for child in children.into_iter().rev() {
                            if too_old(child.date, opts.since) {
                                found.skipped_old += 1;
                            } else if let Ok(u) = sitemap_url.join(&child.url) {
                                if !queued.contains(&u) {
                                    queued.push(u.clone());
                                    queue.push(u);
                                }
                            }
                        }
                    }
                    Sitemap::Urls(entries) => {
                        for e in entries {
                            if let Ok(u) = sitemap_url.join(&e.url) {
                                if filter.accepts(&u) {
                                    add(found, u, e.date);
                                }
                            }
                        }
                    }
                }
            }
        }
        Source::Feed {
            url,
            link_pattern,
            exclude_pattern,
            ..
        } => {
            let filter = LinkFilter::new(link_pattern.as_deref(), exclude_pattern.as_deref())?;
            let feed_url = parse_url(url)?;
            let xml = fetch_xml(fetcher, &feed_url).await?;
            found.pages += 1;
            let entries =
                parse_feed(&xml).map_err(|m| Error::new(ErrorKind::Fetch, url.as_str(), m))?;
            for e in entries {
                if let Ok(u) = feed_url.join(&e.url) {
                    if filter.accepts(&u) {
                        add(found, u, e.date);
                    }
                }
            }
        }
    }
    Ok(())
}

/// Parses a configured URL.
fn parse_url(u: &str) -> Result<Url> {
    Url::parse(u).map_err(|e| Error::new(ErrorKind::Config, u, e.to_string()))
}

/// Fetches an XML document, gunzipping `.xml.gz` payloads under the decoded cap.
async fn fetch_xml(fetcher: &Fetcher, url: &Url) -> Result<Vec<u8>> {
    let fetched = fetcher.fetch(url, None).await?;
    if body::is_gzip(&fetched.body) {
        body::decode(
            fetched.body,
            Some("gzip"),
            fetcher.config().max_decoded_bytes,
            url.as_str(),
        )
    } else {
        Ok(fetched.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_and_since() {
        let f = LinkFilter::new(Some("/blog/"), Some("/tag/")).unwrap();
        assert!(f.accepts(&Url::parse("https://x.org/blog/a").unwrap()));
        assert!(!f.accepts(&Url::parse("https://x.org/blog/tag/a").unwrap()));
        assert!(!f.accepts(&Url::parse("https://x.org/news/a").unwrap()));
        let d = |s: &str| Some(s.parse::<Date>().unwrap());
        assert!(too_old(d("2018-01-01"), d("2018-01-02")));
        assert!(!too_old(d("2018-01-02"), d("2018-01-02")));
        assert!(!too_old(None, d("2018-01-02")));
    }
}
