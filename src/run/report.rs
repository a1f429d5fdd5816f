//! What a run reports: the final summary, structured logs and the progress bar.

use serde::Serialize;
use std::fmt;

/// A document (or discovery page) that failed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedDoc {
    /// The URL.
    pub url: String,
    /// The error kind (`fetch`, `refused`, `too_large`, `html`, …).
    pub kind: String,
    /// The reason, one sentence.
    pub reason: String,
}

impl FailedDoc {
    /// A failure from a library error.
    pub fn from_error(e: &crate::error::Error) -> FailedDoc {
        FailedDoc {
            url: e.subject().to_string(),
            kind: e.kind().as_str().to_string(),
            reason: e.message().to_string(),
        }
    }
}

/// The final summary of a run, printed by `civtrace run`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RunSummary {
    /// The pipeline's name.
    pub pipeline: String,
    /// Documents discovered (PDFs linked from documents included).
    pub discovered: usize,
    /// Listing pages, sitemaps and feeds read.
    pub discovery_pages: usize,
    /// Entries dropped by `--since`.
    pub skipped_old: usize,
    /// Documents newly archived and extracted.
    pub fetched: usize,
    /// Documents unchanged since the last run (304 or same payload digest): revisit, no extraction.
    pub unchanged: usize,
    /// Documents and discovery pages that failed, with reasons.
    pub failed: Vec<FailedDoc>,
    /// Retries after transient faults.
    pub retried: u64,
    /// HTTP requests sent (robots.txt and discovery included).
    pub requests: u64,
    /// Claims new to the store.
    pub claims_added: usize,
    /// Captures found already archived by an interrupted run (not archived twice).
    pub recovered: usize,
}

impl RunSummary {
    /// The exit code: 0 when nothing failed, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.failed.is_empty())
    }
}

impl fmt::Display for RunSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "pipeline {}:", self.pipeline)?;
        writeln!(
            f,
            "  discovered {} documents ({} discovery pages, {} skipped by --since)",
            self.discovered, self.discovery_pages, self.skipped_old
        )?;
        writeln!(
            f,
            "  fetched {}, unchanged {}, failed {}, retried {} ({} requests)",
            self.fetched,
            self.unchanged,
            self.failed.len(),
            self.retried,
            self.requests
        )?;
        if self.recovered > 0 {
            writeln!(
                f,
                "  recovered {} captures archived by an interrupted run",
                self.recovered
            )?;
        }
        // Failures are listed one per line on stderr by the command, not here.
        write!(f, "  claims added {}", self.claims_added)
    }
}

/// Installs the tracing subscriber on stderr: JSON lines (`--log-format json`)
/// or human-readable text; `RUST_LOG` filters (default `info`).
pub fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second call (tests) keeps the first subscriber.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// A progress bar on a terminal; hidden otherwise (cron, pipes, tests).
pub fn progress_bar(enabled: bool, total: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !enabled || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} {msg}",
    ) {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_failures_and_sets_exit_code() {
        let mut s = RunSummary {
            pipeline: "snhr".into(),
            discovered: 3,
            fetched: 2,
            ..RunSummary::default()
        };
        assert_eq!(s.exit_code(), 0);
        s.failed.push(FailedDoc {
            url: "https://snhr.org/x".into(),
            kind: "fetch".into(),
            reason: "HTTP 500 Internal Server Error (after 3 retries)".into(),
        });
        assert_eq!(s.exit_code(), 1);
        let text = s.to_string();
        assert!(text.contains("fetched 2, unchanged 0, failed 1"), "{text}");
        assert!(text.ends_with("claims added 0"), "{text}");
    }
}
