//! The `civtrace` command: argument parsing only; the work is in the library.
//!
//! FETCH-BRANCH: only the `run` and `check` subcommands live here; the lead's
//! CLI on main has the others. To merge, copy the `Run`/`Check` variants, their
//! dispatch arms and the `run`/`check` functions below into main's `main.rs`.

use civtrace::error::ErrorKind;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Conflict-casualty documents → claim records with provenance.
#[derive(Parser)]
#[command(name = "civtrace", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    // FETCH-BRANCH begin
    /// Fetch → archive → extract → store, for a pipeline or ad-hoc URLs (the nightly cron job).
    Run {
        /// The pipeline file (pipelines/*.toml); omit for an ad-hoc run of --url/--sitemap.
        pipeline: Option<PathBuf>,
        /// SQLite store.
        #[arg(long, default_value = "civtrace.sqlite")]
        db: PathBuf,
        /// WARC archive directory.
        #[arg(long, default_value = "archive")]
        archive: PathBuf,
        /// A document URL to fetch (repeatable).
        #[arg(long = "url")]
        urls: Vec<String>,
        /// A sitemap to discover documents from (repeatable).
        #[arg(long = "sitemap")]
        sitemaps: Vec<String>,
        /// The default claimant (the documents' own voice), e.g. "Airwars".
        #[arg(long)]
        claimant: Option<String>,
        /// Only documents dated on or after this day (YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Allow loopback and private addresses (tests, internal mirrors).
        #[arg(long)]
        allow_private: bool,
        /// Log format on stderr.
        #[arg(long, value_enum, default_value = "text")]
        log_format: LogFormat,
        /// Replace the pipeline's `base` variable (e.g. http://127.0.0.1:8080).
        #[arg(long)]
        base_url: Option<String>,
        /// Set a pipeline variable: NAME=VALUE (repeatable).
        #[arg(long = "set")]
        set: Vec<String>,
    },
    /// Validate a pipeline file (syntax, unknown keys, URLs, selectors, patterns).
    Check {
        /// The pipeline file.
        pipeline: PathBuf,
        /// Replace the pipeline's `base` variable.
        #[arg(long)]
        base_url: Option<String>,
        /// Set a pipeline variable: NAME=VALUE (repeatable).
        #[arg(long = "set")]
        set: Vec<String>,
    },
    // FETCH-BRANCH end
}

/// `--log-format`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("civtrace: {e:#}");
            let config = e
                .downcast_ref::<civtrace::Error>()
                .map(|e| e.kind() == ErrorKind::Config)
                .unwrap_or(false);
            ExitCode::from(if config { 2 } else { 1 })
        }
    }
}

fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        // FETCH-BRANCH begin
        Command::Run {
            pipeline,
            db,
            archive,
            urls,
            sitemaps,
            claimant,
            since,
            allow_private,
            log_format,
            base_url,
            set,
        } => {
            let since = since
                .map(|s| {
                    s.parse::<jiff::civil::Date>().map_err(|e| {
                        civtrace::Error::new(
                            ErrorKind::Config,
                            "--since",
                            format!("{s:?} is not a YYYY-MM-DD date: {e}"),
                        )
                    })
                })
                .transpose()?;
            let opts = civtrace::run::RunOptions {
                pipeline,
                overrides: overrides(base_url.as_deref(), &set)?,
                db,
                archive,
                urls,
                sitemaps,
                claimant,
                since,
                allow_private,
                progress: log_format == LogFormat::Text,
            };
            run(opts, log_format)
        }
        Command::Check {
            pipeline,
            base_url,
            set,
        } => {
            let report =
                civtrace::config::check(&pipeline, &overrides(base_url.as_deref(), &set)?)?;
            println!("{}: pipeline {} is valid", pipeline.display(), report.name);
            for s in &report.sources {
                println!("  source {s}");
            }
            println!("  allowed hosts: {}", report.allowed_hosts.join(", "));
            Ok(ExitCode::SUCCESS)
        } // FETCH-BRANCH end
    }
}

// FETCH-BRANCH begin
/// `--base-url` and `--set` (and `CIVTRACE_VAR_*` environment variables) as overrides.
fn overrides(
    base_url: Option<&str>,
    set: &[String],
) -> anyhow::Result<civtrace::config::Overrides> {
    let mut o = civtrace::config::Overrides::from_assignments(set.iter().map(String::as_str))
        .map_err(|m| civtrace::Error::new(ErrorKind::Config, "--set", m))?;
    if let Some(b) = base_url {
        o = o.with_base_url(b);
    }
    Ok(o.with_env())
}

/// `civtrace run`: the summary on stdout (JSON with `--log-format json`), logs on stderr.
fn run(opts: civtrace::run::RunOptions, log_format: LogFormat) -> anyhow::Result<ExitCode> {
    civtrace::run::init_logging(log_format == LogFormat::Json);
    let runtime = tokio::runtime::Runtime::new()?;
    let summary = runtime.block_on(civtrace::run::run(&opts))?;
    if log_format == LogFormat::Json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        println!("{summary}");
    }
    for f in &summary.failed {
        eprintln!("failed: {} ({}): {}", f.url, f.kind, f.reason);
    }
    Ok(ExitCode::from(summary.exit_code()))
}
// FETCH-BRANCH end
