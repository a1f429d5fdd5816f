//! Validation of a parsed pipeline, and TOML errors turned into "file: line L,
//! column C: problem" messages.

use super::{Pipeline, Source};
use crate::error::Result;
use crate::error::{Error, ErrorKind};

impl Pipeline {
    /// Checks URLs, selectors, regexes and numbers; `name` is the file.
    pub(super) fn validate(&self, name: &str) -> Result<()> {
        if self.sources.is_empty() {
            return Err(config_err(name, "no [[sources]]"));
        }
        for (i, s) in self.sources.iter().enumerate() {
            let at = |m: String| config_err(name, format!("sources[{i}] ({}): {m}", s.kind()));
            for u in s.start_urls() {
                check_url(u).map_err(at)?;
            }
            match s {
                Source::Listing {
                    link_selector,
                    next_selector,
                    link_pattern,
                    exclude_pattern,
                    ..
                } => {
                    check_selector(link_selector).map_err(at)?;
                    if let Some(n) = next_selector {
                        check_selector(n).map_err(at)?;
                    }
                    check_regex(link_pattern.as_deref()).map_err(at)?;
                    check_regex(exclude_pattern.as_deref()).map_err(at)?;
                }
                Source::Sitemap {
                    link_pattern,
                    exclude_pattern,
                    ..
                }
                | Source::Feed {
                    link_pattern,
                    exclude_pattern,
                    ..
                } => {
                    check_regex(link_pattern.as_deref()).map_err(at)?;
                    check_regex(exclude_pattern.as_deref()).map_err(at)?;
                }
                Source::Urls { urls, .. } if urls.is_empty() => {
                    return Err(at("`urls` is empty".to_string()));
                }
                Source::Urls { .. } => {}
            }
        }
        for sel in self.content.selectors.iter().chain(&self.content.exclude) {
            check_selector(sel).map_err(|m| config_err(name, format!("[content]: {m}")))?;
        }
        let pol = &self.politeness;
        if !(pol.requests_per_second > 0.0 && pol.requests_per_second.is_finite()) {
            return Err(config_err(
                name,
                "politeness.requests_per_second must be > 0",
            ));
        }
        if pol.concurrency == 0 {
            return Err(config_err(name, "politeness.concurrency must be ≥ 1"));
        }
        check_url(&pol.contact_url)
            .map_err(|m| config_err(name, format!("politeness.contact_url: {m}")))?;
        let l = &self.limits;
        for (field, v) in [
            ("connect_timeout_secs", l.connect_timeout_secs),
            ("read_timeout_secs", l.read_timeout_secs),
            ("timeout_secs", l.timeout_secs),
        ] {
            if !(v > 0.0 && v.is_finite()) {
                return Err(config_err(name, format!("limits.{field} must be > 0")));
            }
        }
        for (field, v) in [
            ("retry_base_secs", l.retry_base_secs),
            ("retry_max_secs", l.retry_max_secs),
            ("max_retry_after_secs", l.max_retry_after_secs),
        ] {
            if !(v >= 0.0 && v.is_finite()) {
                return Err(config_err(name, format!("limits.{field} must be ≥ 0")));
            }
        }
        Ok(())
    }
}

/// An http(s) URL with a host, or why not.
pub(super) fn check_url(u: &str) -> std::result::Result<(), String> {
    let parsed = url::Url::parse(u).map_err(|e| format!("{u:?} is not a URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!("{u:?}: only http and https URLs are fetched"));
    }
    if parsed.host_str().is_none() {
        return Err(format!("{u:?} has no host"));
    }
    Ok(())
}

/// A CSS selector that compiles, or why not.
pub(super) fn check_selector(s: &str) -> std::result::Result<(), String> {
    scraper::Selector::parse(s)
        .map(|_| ())
        .map_err(|e| format!("CSS selector {s:?} is invalid: {e}"))
}

/// A regex that compiles (if given), or why not.
pub(super) fn check_regex(r: Option<&str>) -> std::result::Result<(), String> {
    match r {
        Some(r) => regex::Regex::new(r)
            .map(|_| ())
            .map_err(|e| format!("regex {r:?} is invalid: {e}")),
        None => Ok(()),
    }
}

/// A config error about file `name`.
pub(super) fn config_err(name: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Config, name, message)
}

/// A TOML error as "line L, column C: message", naming the file.
pub(super) fn toml_error(text: &str, name: &str, e: &toml::de::Error) -> Error {
    let message = e.message().trim().to_string();
    let message = match e.span() {
        Some(span) => {
            // Serde's internally tagged enums (our sources) report the span of
            // the whole table; find the offending key's own line inside it.
            let start = unknown_key(&message)
                .and_then(|key| key_offset(text, span.clone(), key))
                .unwrap_or(span.start);
            let (line, col) = line_col(text, start);
            format!("line {line}, column {col}: {message}")
        }
        None => message,
    };
    config_err(name, message)
}

/// The key named by serde's "unknown field `key`" message.
pub(super) fn unknown_key(message: &str) -> Option<&str> {
    let rest = message.split_once("unknown field `")?.1;
    Some(rest.split_once('`')?.0)
}

/// Byte offset of the line defining `key` in the table starting at `span`
/// (the span may cover only the `[[sources]]` header): searched up to the
/// next table header.
pub(super) fn key_offset(text: &str, span: std::ops::Range<usize>, key: &str) -> Option<usize> {
    let region = text.get(span.start..)?;
    let mut offset = span.start;
    for (i, line) in region.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if i > 0 && trimmed.starts_with('[') {
            break;
        }
        if let Some(after) = trimmed.strip_prefix(key) {
            if after.trim_start().starts_with('=') {
                return Some(offset + (line.len() - trimmed.len()));
            }
        }
        offset += line.len();
    }
    None
}

/// 1-based line and column (in chars) of byte `offset` in `text`.
pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab", 0), (1, 1));
        assert_eq!(line_col("ab", 99), (1, 3));
    }
}
