//! Sitemaps (`urlset`, `sitemapindex`) and feeds (RSS 2.0, RSS 1.0/RDF, Atom)
//! read with quick-xml, leniently: namespaces are ignored (local names only)
//! and a document cut off mid-way yields the entries read so far.

use jiff::civil::Date;
use quick_xml::events::Event;
use quick_xml::Reader;

/// A sitemap: either document URLs or further sitemaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sitemap {
    /// `<urlset>`: documents.
    Urls(Vec<Entry>),
    /// `<sitemapindex>`: more sitemaps.
    Index(Vec<Entry>),
}

/// One `<url>`, `<sitemap>`, `<item>` or `<entry>`: a link and its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The URL as written (may be relative in feeds).
    pub url: String,
    /// `lastmod`, `pubDate`, `published`, `updated` or `dc:date`, as a date.
    pub date: Option<Date>,
}

/// A record element being read: its child texts and links.
#[derive(Debug, Default)]
struct Record {
    /// (local name, text) of the elements inside the record.
    fields: Vec<(String, String)>,
    /// (rel, href) of Atom `<link>` elements.
    links: Vec<(String, String)>,
}

impl Record {
    /// The first non-empty text of an element named `name`.
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }
}

/// Reads the records (`url`, `sitemap`, `item`, `entry`) of an XML document
/// and the local name of its root element.
fn records(xml: &[u8]) -> Result<(String, Vec<Record>), String> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut root: Option<String> = None;
    let mut out = Vec::new();
    let mut current: Option<Record> = None;
    let mut text = String::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            // Lenient: keep what was read before the damage, unless nothing was.
            Err(e) if out.is_empty() && current.is_none() => {
                return Err(format!("not XML at byte {}: {e}", reader.buffer_position()))
            }
            Err(_) => break,
        };
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                if root.is_none() {
                    root = Some(name.clone());
                }
                if matches!(name.as_str(), "url" | "sitemap" | "item" | "entry")
                    && current.is_none()
                {
                    current = Some(Record::default());
                } else if let Some(rec) = current.as_mut() {
                    if name == "link" {
                        let attr = |key: &[u8]| {
                            e.try_get_attribute(key).ok().flatten().and_then(|a| {
                                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                    .ok()
                                    .map(|v| v.into_owned())
                            })
                        };
                        if let Some(href) = attr(b"href") {
                            rec.links
                                .push((attr(b"rel").unwrap_or_else(|| "alternate".into()), href));
                        }
                    }
                }
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.decode().unwrap_or_default()),
            Event::CData(t) => text.push_str(&t.decode().unwrap_or_default()),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else {
                    let name = r.decode().unwrap_or_default();
                    text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                if matches!(name.as_str(), "url" | "sitemap" | "item" | "entry") {
                    if let Some(rec) = current.take() {
                        out.push(rec);
                    }
                } else if let Some(rec) = current.as_mut() {
                    rec.fields.push((name, std::mem::take(&mut text)));
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    match root {
        Some(root) => Ok((root, out)),
        None => Err("no XML element found".to_string()),
    }
}

/// Parses a sitemap or sitemap index.
///
/// # Errors
/// A message if the document is not XML or its root is neither `urlset` nor `sitemapindex`.
pub fn parse_sitemap(xml: &[u8]) -> Result<Sitemap, String> {
    let (root, recs) = records(xml)?;
    let entries = recs
        .iter()
        .filter_map(|r| {
            Some(Entry {
                url: r.field("loc")?.to_string(),
                date: r.field("lastmod").and_then(parse_date),
            })
        })
        .collect();
    match root.as_str() {
        "urlset" => Ok(Sitemap::Urls(entries)),
        "sitemapindex" => Ok(Sitemap::Index(entries)),
        other => Err(format!(
            "root element <{other}> is not a sitemap (urlset or sitemapindex)"
        )),
    }
}

/// Parses an RSS or Atom feed into entries.
///
/// # Errors
/// A message if the document is not XML or not a feed.
pub fn parse_feed(xml: &[u8]) -> Result<Vec<Entry>, String> {
    let (root, recs) = records(xml)?;
    if !matches!(root.as_str(), "rss" | "rdf" | "feed") {
        return Err(format!(
            "root element <{root}> is not a feed (rss, rdf or feed)"
        ));
    }
    Ok(recs
        .iter()
        .filter_map(|r| {
            // Atom: <link rel="alternate" href>; RSS: <link>text</link>, else a permalink <guid>.
            let url = r
                .links
                .iter()
                .find(|(rel, _)| rel == "alternate")
                .map(|(_, href)| href.as_str())
                .or_else(|| r.field("link"))
                .or_else(|| r.field("guid").filter(|g| g.starts_with("http")))?;
            let date = ["pubdate", "published", "updated", "date", "issued"]
                .iter()
                .find_map(|f| r.field(f).and_then(parse_date));
            Some(Entry {
                url: url.to_string(),
                date,
            })
        })
        .collect())
}

/// A date from RFC 2822 (`Tue, 05 Jun 2018 10:00:00 +0000`) or W3C/RFC 3339
/// (`2018-06-05`, `2018-06-05T10:00:00Z`) text, as written (its own offset).
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some(z.date());
    }
    s.get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn urlset_and_index() {
        let xml = br#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>https://x.org/a?b=1&amp;c=2</loc><lastmod>2018-06-05T10:00:00+00:00</lastmod></url>
          <url><loc> https://x.org/b </loc></url></urlset>"#;
        let Sitemap::Urls(e) = parse_sitemap(xml).unwrap() else {
            panic!()
        };
        assert_eq!(
            e[0],
            Entry {
                url: "https://x.org/a?b=1&c=2".into(),
                date: d("2018-06-05")
            }
        );
        assert_eq!(
            e[1],
            Entry {
                url: "https://x.org/b".into(),
                date: None
            }
        );
        let xml = b"<sitemapindex><sitemap><loc>https://x.org/s1.xml</loc><lastmod>2019-01-01</lastmod></sitemap></sitemapindex>";
        let Sitemap::Index(e) = parse_sitemap(xml).unwrap() else {
            panic!()
        };
        assert_eq!(
            e,
            vec![Entry {
                url: "https://x.org/s1.xml".into(),
                date: d("2019-01-01")
            }]
        );
        assert!(parse_sitemap(b"<html></html>")
            .unwrap_err()
            .contains("not a sitemap"));
        assert!(parse_sitemap(b"").is_err());
    }

    #[test]
    fn rss_and_atom() {
        let rss = br#"<rss version="2.0"><channel><title>T</title><link>https://x.org/</link>
          <item><title>A</title><link>https://x.org/2018/06/a/</link><pubDate>Tue, 05 Jun 2018 23:30:00 -0400</pubDate></item>
          <item><guid>https://x.org/b</guid><dc:date>2018-07-01</dc:date></item></channel></rss>"#;
        let e = parse_feed(rss).unwrap();
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(
            e[0],
            Entry {
                url: "https://x.org/2018/06/a/".into(),
                date: d("2018-06-05")
            }
        );
        assert_eq!(
            e[1],
            Entry {
                url: "https://x.org/b".into(),
                date: d("2018-07-01")
            }
        );
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://x.org/"/>
          <entry><link rel="self" href="https://x.org/self"/><link href="https://x.org/post"/>
          <updated>2020-02-03T04:05:06Z</updated></entry></feed>"#;
        assert_eq!(
            parse_feed(atom).unwrap(),
            vec![Entry {
                url: "https://x.org/post".into(),
                date: d("2020-02-03")
            }]
        );
    }

    #[test]
    fn truncated_feed_keeps_complete_items() {
        let rss =
            b"<rss><channel><item><link>https://x.org/a</link></item><item><link>https://x.org/b";
        let e = parse_feed(rss).unwrap();
        assert_eq!(e[0].url, "https://x.org/a");
    }
}
