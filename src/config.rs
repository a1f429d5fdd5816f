//! Pipelines: `pipelines/*.toml` → a typed [`Pipeline`].
//!
//! One file per source family (CJTF-OIR, Airwars, SNHR, news). Sources are a
//! tagged enum (`type = "listing" | "sitemap" | "feed" | "urls"`) and every
//! table rejects unknown keys, so a typo is an error with the file and line,
//! never a silently ignored setting.
//!
//! Every URL may use `{var}` placeholders filled from the `[vars]` table;
//! [`Overrides`] replace variables (`--set base=…`, `--base-url …`) so tests
//! point a real pipeline at a loopback server.
//!
//! # Example
//! ```
//! let text = r#"
//! name = "demo"
//! allowed_hosts = ["{base}"]
//! [vars]
//! base = "https://example.org"
//! [claimant]
//! name = "Example"
//! kind = "ngo"
//! [[sources]]
//! type = "urls"
//! urls = ["{base}/report.html"]
//! "#;
//! let p = civtrace::config::Pipeline::from_toml(text, "demo.toml", &Default::default()).unwrap();
//! assert_eq!(p.sources[0].start_urls()[0], "https://example.org/report.html");
//! ```

mod validate;
mod vars;

use crate::claim::Claimant;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

pub use vars::Overrides;

/// A pipeline file: where one source family's documents are and how to fetch them politely.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pipeline {
    /// Short name for logs and summaries (`cjtf-oir`).
    pub name: String,
    /// What the pipeline covers, for humans reading `check` output.
    #[serde(default)]
    pub description: Option<String>,
    /// Values substituted for `{name}` in URLs and hosts; overridable from the command line.
    #[serde(default)]
    pub vars: BTreeMap<String, String>,
    /// Hosts the run may fetch from (names, `*.domain` wildcards or URLs whose host is taken).
    /// Hosts of start URLs are always allowed; redirects elsewhere are refused.
    #[serde(default)]
    pub allowed_hosts: Vec<String>,
    /// The documents' own voice: who asserts the numbers unless the text names someone else.
    pub claimant: Claimant,
    /// Politeness towards the sites (rate, concurrency, identity).
    #[serde(default)]
    pub politeness: Politeness,
    /// Network limits (timeouts, sizes, retries).
    #[serde(default)]
    pub limits: Limits,
    /// Where the main content of a document is (for the parser).
    #[serde(default)]
    pub content: Content,
    /// Where to discover documents.
    pub sources: Vec<Source>,
}

/// How hard the run may hit each host.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Politeness {
    /// Requests per second per host (fractions allowed: 0.5 = one every two seconds).
    pub requests_per_second: f64,
    /// Requests in flight per host at once.
    pub concurrency: u32,
    /// Product token of the User-Agent; the contact URL is appended.
    pub user_agent: String,
    /// Where site operators can reach whoever runs civtrace; part of the User-Agent.
    pub contact_url: String,
}

impl Default for Politeness {
    fn default() -> Self {
        Politeness {
            requests_per_second: 1.0,
            concurrency: 2,
            user_agent: format!("civtrace/{}", env!("CARGO_PKG_VERSION")),
            contact_url: "https://github.com/civtrace/civtrace".to_string(),
        }
    }
}

impl Politeness {
    /// The full User-Agent header: `civtrace/0.1.0 (+https://contact)`.
    pub fn user_agent_header(&self) -> String {
        format!("{} (+{})", self.user_agent, self.contact_url)
    }
}

/// Network limits: every one bounds what a hostile or broken server can cost.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Seconds to establish a TCP/TLS connection.
    pub connect_timeout_secs: f64,
    /// Seconds without any bytes from the server before giving up (slow drip).
    pub read_timeout_secs: f64,
    /// Seconds for one whole attempt, headers and body.
    pub timeout_secs: f64,
    /// Largest body accepted on the wire, in bytes.
    pub max_body_bytes: u64,
    /// Largest body accepted after gzip/brotli decoding, in bytes (bombs).
    pub max_decoded_bytes: u64,
    /// Redirects followed per document.
    pub max_redirects: u32,
    /// Retries after the first attempt (timeouts, resets, 429, 5xx only).
    pub retries: u32,
    /// First backoff delay in seconds; doubles each retry, with jitter.
    pub retry_base_secs: f64,
    /// Longest backoff delay in seconds.
    pub retry_max_secs: f64,
    /// Longest `Retry-After` honoured, in seconds; a longer one fails the document.
    pub max_retry_after_secs: f64,
    /// Listing pages followed per listing source (pagination depth).
    pub max_pages: u32,
    /// Documents fetched per run at most (a runaway guard).
    pub max_documents: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect_timeout_secs: 10.0,
            read_timeout_secs: 30.0,
            timeout_secs: 120.0,
            max_body_bytes: 50 * 1024 * 1024,
            max_decoded_bytes: 200 * 1024 * 1024,
            max_redirects: 5,
            retries: 3,
            retry_base_secs: 1.0,
            retry_max_secs: 60.0,
            max_retry_after_secs: 300.0,
            max_pages: 5,
            max_documents: 10_000,
        }
    }
}

/// Where a document's main content is, for sites whose chrome the generic parser misjudges.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Content {
    /// CSS selectors of the main content, tried in order.
    #[serde(default)]
    pub selectors: Vec<String>,
    /// CSS selectors of chrome to drop inside the content (share bars, related links).
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// Where documents are discovered.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Source {
    /// An HTML listing page (news releases, report archive) with pagination.
    Listing {
        /// The first listing page.
        url: String,
        /// CSS selector of the links to documents on a listing page.
        #[serde(default = "default_link_selector")]
        link_selector: String,
        /// Regex a document URL must match (absolute URL); all links if absent.
        #[serde(default)]
        link_pattern: Option<String>,
        /// Regex of URLs to drop even when they match `link_pattern`.
        #[serde(default)]
        exclude_pattern: Option<String>,
        /// CSS selector of the "next page" link; no pagination if absent.
        #[serde(default)]
        next_selector: Option<String>,
        /// Pages followed at most (overrides `limits.max_pages`).
        #[serde(default)]
        max_pages: Option<u32>,
        /// Also fetch PDFs linked from each discovered document (report attachments).
        #[serde(default)]
        follow_pdfs: bool,
    },
    /// A `sitemap.xml` or sitemap index.
    Sitemap {
        /// The sitemap (or index) URL.
        url: String,
        /// Regex a document URL must match; all if absent.
        #[serde(default)]
        link_pattern: Option<String>,
        /// Regex of URLs to drop.
        #[serde(default)]
        exclude_pattern: Option<String>,
        /// Also fetch PDFs linked from each discovered document.
        #[serde(default)]
        follow_pdfs: bool,
    },
    /// An RSS 2.0 or Atom feed.
    Feed {
        /// The feed URL.
        url: String,
        /// Regex a document URL must match; all if absent.
        #[serde(default)]
        link_pattern: Option<String>,
        /// Regex of URLs to drop.
        #[serde(default)]
        exclude_pattern: Option<String>,
        /// Also fetch PDFs linked from each discovered document.
        #[serde(default)]
        follow_pdfs: bool,
    },
    /// Fixed document URLs (a known report, ad-hoc `--url` runs).
    Urls {
        /// The documents.
        urls: Vec<String>,
        /// Also fetch PDFs linked from each document.
        #[serde(default)]
        follow_pdfs: bool,
    },
}

/// `a[href]`: every link, filtered by `link_pattern`.
fn default_link_selector() -> String {
    "a[href]".to_string()
}

impl Source {
    /// The URLs this source starts from (one, or the fixed list).
    pub fn start_urls(&self) -> Vec<&str> {
        match self {
            Source::Listing { url, .. }
            | Source::Sitemap { url, .. }
            | Source::Feed { url, .. } => {
                vec![url.as_str()]
            }
            Source::Urls { urls, .. } => urls.iter().map(String::as_str).collect(),
        }
    }

    /// The tag used in the file, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Source::Listing { .. } => "listing",
            Source::Sitemap { .. } => "sitemap",
            Source::Feed { .. } => "feed",
            Source::Urls { .. } => "urls",
        }
    }

    /// Whether PDFs linked from this source's documents are fetched too.
    pub fn follow_pdfs(&self) -> bool {
        match self {
            Source::Listing { follow_pdfs, .. }
            | Source::Sitemap { follow_pdfs, .. }
            | Source::Feed { follow_pdfs, .. }
            | Source::Urls { follow_pdfs, .. } => *follow_pdfs,
        }
    }

    /// Every URL-valued field, mutably, for variable substitution.
    fn urls_mut(&mut self) -> Vec<&mut String> {
        match self {
            Source::Listing { url, .. }
            | Source::Sitemap { url, .. }
            | Source::Feed { url, .. } => {
                vec![url]
            }
            Source::Urls { urls, .. } => urls.iter_mut().collect(),
        }
    }
}

/// Reads, substitutes and validates a pipeline file.
///
/// # Errors
/// Unreadable files give an I/O error; syntax errors, unknown keys, unknown
/// `{vars}`, bad URLs, selectors and regexes give a [`ErrorKind::Config`](crate::error::ErrorKind::Config)
/// error naming the file (and the line, for syntax and unknown keys).
pub fn load(path: &Path) -> Result<Pipeline> {
    load_with(path, &Overrides::default())
}

/// [`load`] with variables overridden from the command line.
///
/// # Errors
/// As [`load`].
pub fn load_with(path: &Path, overrides: &Overrides) -> Result<Pipeline> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(name.clone(), e))?;
    Pipeline::from_toml(&text, &name, overrides)
}

/// What `civtrace check` reports about a valid pipeline.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    /// The pipeline's name.
    pub name: String,
    /// One line per source: its type and start URLs.
    pub sources: Vec<String>,
    /// Hosts the run may fetch from, after substitution.
    pub allowed_hosts: Vec<String>,
}

/// Validates a pipeline file without touching the network.
///
/// # Errors
/// As [`load_with`]; the first problem found.
pub fn check(path: &Path, overrides: &Overrides) -> Result<CheckReport> {
    let p = load_with(path, overrides)?;
    Ok(CheckReport {
        name: p.name.clone(),
        sources: p
            .sources
            .iter()
            .map(|s| format!("{}: {}", s.kind(), s.start_urls().join(" ")))
            .collect(),
        allowed_hosts: p.host_allow_list(),
    })
}

impl Pipeline {
    /// Parses pipeline text; `name` (the file) is used in error messages.
    ///
    /// # Errors
    /// As [`load`].
    pub fn from_toml(text: &str, name: &str, overrides: &Overrides) -> Result<Pipeline> {
        let mut p: Pipeline =
            toml::from_str(text).map_err(|e| validate::toml_error(text, name, &e))?;
        overrides.apply(&mut p.vars);
        let vars = p.vars.clone();
        for (i, source) in p.sources.iter_mut().enumerate() {
            for url in source.urls_mut() {
                *url = vars::substitute(url, &vars)
                    .map_err(|m| validate::config_err(name, format!("sources[{i}]: {m}")))?;
            }
        }
        for host in &mut p.allowed_hosts {
            *host = vars::substitute(host, &vars)
                .map_err(|m| validate::config_err(name, format!("allowed_hosts: {m}")))?;
        }
        p.validate(name)?;
        Ok(p)
    }

    /// An ad-hoc pipeline for `civtrace run --url … / --sitemap …` without a file.
    pub fn ad_hoc(claimant: Claimant, urls: Vec<String>, sitemaps: Vec<String>) -> Pipeline {
        let mut sources = Vec::new();
        if !urls.is_empty() {
            sources.push(Source::Urls {
                urls,
                follow_pdfs: true,
            });
        }
        for url in sitemaps {
            sources.push(Source::Sitemap {
                url,
                link_pattern: None,
                exclude_pattern: None,
                follow_pdfs: true,
            });
        }
        Pipeline {
            name: "ad-hoc".to_string(),
            description: None,
            vars: BTreeMap::new(),
            allowed_hosts: Vec::new(),
            claimant,
            politeness: Politeness::default(),
            limits: Limits::default(),
            content: Content::default(),
            sources,
        }
    }

    /// The `[content]` selectors compiled for the HTML parser; a run and an
    /// offline re-parse with the same pipeline read pages the same way.
    ///
    /// # Errors
    /// A selector that does not parse ([`crate::ErrorKind::Config`]).
    pub fn content_hints(&self) -> Result<crate::parse::html::ContentHints> {
        crate::parse::html::ContentHints::new(
            &self.name,
            &self.content.selectors,
            &self.content.exclude,
        )
    }

    /// The hosts the run may fetch from: `allowed_hosts` (URLs reduced to their
    /// host) plus the host of every start URL, lower-cased, sorted, unique.
    pub fn host_allow_list(&self) -> Vec<String> {
        let mut hosts: Vec<String> = self
            .allowed_hosts
            .iter()
            .map(|h| host_of_entry(h))
            .chain(
                self.sources
                    .iter()
                    .flat_map(|s| s.start_urls())
                    .filter_map(|u| url::Url::parse(u).ok())
                    .filter_map(|u| u.host_str().map(str::to_string)),
            )
            .map(|h| h.to_ascii_lowercase())
            .collect();
        hosts.sort();
        hosts.dedup();
        hosts
    }
}

/// An allowed-host entry reduced to a host: URLs give their host, names stay.
fn host_of_entry(entry: &str) -> String {
    if entry.contains("://") {
        if let Some(h) = url::Url::parse(entry)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
        {
            return h;
        }
    }
    entry.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    const MINIMAL: &str = r#"
name = "t"
[claimant]
name = "Airwars"
kind = "ngo"
[[sources]]
type = "urls"
urls = ["https://airwars.org/a"]
"#;

    #[test]
    fn minimal_pipeline_gets_defaults() {
        let p = Pipeline::from_toml(MINIMAL, "t.toml", &Overrides::default()).unwrap();
        assert_eq!(p.politeness.concurrency, 2);
        assert_eq!(p.limits.max_redirects, 5);
        assert_eq!(p.host_allow_list(), vec!["airwars.org".to_string()]);
    }

    #[test]
    fn unknown_key_in_source_names_file_and_line() {
        let text = MINIMAL.replace("urls = [", "colour = 3\nurls = [");
        let e = Pipeline::from_toml(&text, "t.toml", &Overrides::default()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
        assert_eq!(e.subject(), "t.toml");
        assert!(e.message().contains("colour"), "{e}");
        assert!(e.message().starts_with("line 8,"), "{e}");
    }

    #[test]
    fn unknown_top_level_key_has_line() {
        let text = format!("\nextra = 1\n{MINIMAL}");
        let e = Pipeline::from_toml(&text, "t.toml", &Overrides::default()).unwrap_err();
        assert!(e.message().contains("extra"), "{e}");
        assert!(e.message().starts_with("line 2,"), "{e}");
    }

    #[test]
    fn unknown_source_type_is_rejected() {
        let text = MINIMAL.replace("type = \"urls\"", "type = \"carrier-pigeon\"");
        let e = Pipeline::from_toml(&text, "t.toml", &Overrides::default()).unwrap_err();
        assert!(e.message().contains("carrier-pigeon"), "{e}");
        assert!(e.message().starts_with("line "), "{e}");
    }

    #[test]
    fn bad_selector_and_scheme_are_rejected() {
        let text = MINIMAL.replace(
            "type = \"urls\"\nurls = [\"https://airwars.org/a\"]",
            "type = \"listing\"\nurl = \"https://airwars.org/\"\nlink_selector = \"a[[\"",
        );
        let e = Pipeline::from_toml(&text, "t.toml", &Overrides::default()).unwrap_err();
        assert!(e.message().contains("CSS selector"), "{e}");
        let text = MINIMAL.replace("https://airwars.org/a", "ftp://airwars.org/a");
        let e = Pipeline::from_toml(&text, "t.toml", &Overrides::default()).unwrap_err();
        assert!(e.message().contains("only http and https"), "{e}");
    }

    #[test]
    fn bundled_pipelines_load_and_follow_base_override() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines");
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("toml") {
                continue;
            }
            n += 1;
            let real = load(&path).unwrap();
            assert!(real
                .sources
                .iter()
                .all(|s| s.start_urls().iter().all(|u| u.starts_with("https://"))));
            let o = Overrides::default().with_base_url("http://127.0.0.1:9");
            let p = load_with(&path, &o).unwrap();
            assert!(
                p.host_allow_list().contains(&"127.0.0.1".to_string()),
                "{}",
                path.display()
            );
        }
        assert_eq!(n, 4);
    }
}
