//! The `civtrace` command: argument parsing only; the work is in the library.

use anyhow::Context;
use civtrace::document::Document;
use civtrace::error::ErrorKind;
use clap::{Parser, Subcommand};
use std::io::Write;
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
    /// Extract claims from one local document (HTML, PDF or text) as JSONL on stdout.
    Extract {
        /// The document.
        file: PathBuf,
        /// The URL to record as its source (default: the path).
        #[arg(long)]
        url: Option<String>,
        /// Publication date (YYYY-MM-DD); relative dates resolve against it.
        #[arg(long)]
        published: Option<String>,
        /// Media type (text/html, application/pdf, text/plain); sniffed if absent.
        #[arg(long)]
        media_type: Option<String>,
        /// The document's own voice, e.g. "CJTF-OIR" (resolved through the alias table).
        #[arg(long)]
        claimant: Option<String>,
    },
    /// Re-parse archived captures and folders offline, deterministically.
    Reparse {
        /// WARC files, folders and documents.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// SQLite store to upsert into.
        #[arg(long)]
        db: Option<PathBuf>,
        /// JSONL file to write all claims to.
        #[arg(long)]
        jsonl: Option<PathBuf>,
        /// Worker threads (default: all cores).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Also write bench scoring records (for ../shared/bench/score.py) here.
        #[arg(long)]
        bench_records: Option<PathBuf>,
        /// The corpus root that bench record paths are relative to.
        #[arg(long)]
        bench_root: Option<PathBuf>,
        /// The pipeline the captures came from (its claimant and content selectors), as in `run`.
        #[arg(long)]
        pipeline: Option<PathBuf>,
    },
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
    /// Print the text civtrace reads from a PDF, page by page (form feed between pages).
    Pdftext {
        /// The PDF.
        file: PathBuf,
        /// Keep the page layout (columns as spaces), like `pdftotext -layout`.
        #[arg(long)]
        layout: bool,
        /// Print the parsed blocks with their locators and table header cells instead.
        #[arg(long, conflicts_with = "layout")]
        blocks: bool,
    },
    /// Score extraction against fixtures' `.expected.jsonl`, or write bench scoring records.
    Eval {
        /// Fixture files or folders.
        paths: Vec<PathBuf>,
        /// List every miss, extra and wrong field.
        #[arg(long)]
        misses: bool,
        /// A corpus made by ../shared/bench/gen_corpus.py: write its bench records instead.
        #[arg(long)]
        bench: Option<PathBuf>,
        /// Where to write bench records (default stdout).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print the text blocks civtrace reads from a document (any format), with locators.
    Blocks {
        /// The document.
        file: PathBuf,
        /// Media type; sniffed if absent.
        #[arg(long)]
        media_type: Option<String>,
    },
    /// Print the JSON Schema of the claim record.
    Schema,
    /// Export a store's claims for a warehouse: JSONL, CSV or Parquet.
    Export {
        /// The SQLite store (from `reparse --db` or `run --db`).
        db: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// Output file (default stdout; required for Parquet); for Postgres, the connection string.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// `export --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    /// One claim@1 record per line.
    Jsonl,
    /// The flattened columns (RFC 4180).
    Csv,
    /// The flattened columns, typed, Snappy-compressed.
    Parquet,
    /// Upsert into the `civtrace_claims` table of the Postgres database that
    /// `--out` names (a libpq connection string).
    Postgres,
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
        // `civtrace extract doc.html | head` closing the pipe is not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
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
        Command::Extract {
            file,
            url,
            published,
            media_type,
            claimant,
        } => extract(file, url, published, media_type, claimant),
        Command::Reparse {
            paths,
            db,
            jsonl,
            threads,
            bench_records,
            bench_root,
            pipeline,
        } => reparse(civtrace::reparse::ReparseOptions {
            paths,
            db,
            jsonl,
            threads,
            bench_records,
            bench_root,
            pipeline,
        }),
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
                .as_deref()
                .map(|s| parse_date("--since", s))
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
        }
        Command::Pdftext {
            file,
            layout,
            blocks,
        } => {
            let text = if blocks {
                let name = file.display().to_string();
                let bytes =
                    std::fs::read(&file).map_err(|e| civtrace::Error::io(name.clone(), e))?;
                civtrace::parse::pdf::pdf_blocks_text(&bytes, &name)?
            } else {
                civtrace::parse::pdf::pdf_text_file(&file, layout)?
            };
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            out.write_all(text.as_bytes())
                .context("writing to stdout")?;
            out.flush().context("writing to stdout")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            paths,
            misses,
            bench,
            out,
        } => eval(paths, misses, bench, out),
        Command::Blocks { file, media_type } => {
            let name = file.display().to_string();
            let bytes = std::fs::read(&file).map_err(|e| civtrace::Error::io(name.clone(), e))?;
            let mut doc = Document::new(name, bytes);
            doc.meta.media_type = media_type;
            let parsed = civtrace::parse::parse(&doc)?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            writeln!(out, "title: {}", parsed.title.as_deref().unwrap_or("-"))?;
            writeln!(
                out,
                "published: {}",
                parsed
                    .published
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into())
            )?;
            for b in &parsed.blocks {
                writeln!(out, "[{}] {:?}\n    {}", b.locator, b.kind, b.text)?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&civtrace::claim::json_schema())?
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { db, format, out } => export(&db, format, out.as_deref()),
    }
}

/// `civtrace export`: the store's claims to a file or stdout.
fn export(
    db: &std::path::Path,
    format: ExportFormat,
    out: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    if !db.is_file() {
        return Err(civtrace::Error::new(
            ErrorKind::Store,
            db.display().to_string(),
            "no such store (make one with `civtrace reparse … --db` or `civtrace run`)",
        )
        .into());
    }
    let store = civtrace::store::Store::open(db)?;
    let n = match (format, out) {
        (ExportFormat::Parquet, None) => {
            return Err(civtrace::Error::new(
                ErrorKind::Config,
                "--out",
                "Parquet is binary: give a file with --out",
            )
            .into())
        }
        (ExportFormat::Postgres, None) => {
            return Err(civtrace::Error::new(
                ErrorKind::Config,
                "--out",
                "give the Postgres connection string with --out (e.g. \"host=/run/postgresql dbname=osint\")",
            )
            .into())
        }
        (ExportFormat::Postgres, Some(conninfo)) => {
            store.export_postgres(&conninfo.to_string_lossy())?
        }
        (ExportFormat::Parquet, Some(path)) => {
            store.export_parquet(create(path)?, &path.display().to_string())?
        }
        (text, Some(path)) => export_text(&store, text, create(path)?)?,
        (text, None) => export_text(&store, text, std::io::stdout().lock())?,
    };
    eprintln!("exported {n} claims");
    Ok(ExitCode::SUCCESS)
}

/// A new output file, buffered; errors name it.
fn create(path: &std::path::Path) -> civtrace::Result<std::io::BufWriter<std::fs::File>> {
    std::fs::File::create(path)
        .map(std::io::BufWriter::new)
        .map_err(|e| civtrace::Error::io(path.display().to_string(), e))
}

/// JSONL or CSV export to `w`.
fn export_text<W: Write>(
    store: &civtrace::store::Store,
    format: ExportFormat,
    w: W,
) -> civtrace::Result<usize> {
    match format {
        ExportFormat::Csv => store.export_csv(w),
        _ => store.export_jsonl(w),
    }
}

fn parse_date(option: &str, s: &str) -> anyhow::Result<jiff::civil::Date> {
    s.parse().map_err(|e| {
        civtrace::Error::new(
            ErrorKind::Config,
            option,
            format!("{s:?} is not a YYYY-MM-DD date: {e}"),
        )
        .into()
    })
}

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

/// `civtrace eval`: fixture scores (or bench records with `--bench`).
fn eval(
    paths: Vec<PathBuf>,
    misses: bool,
    bench: Option<PathBuf>,
    out: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    if let Some(corpus) = bench {
        let (recs, errors) = civtrace::eval::bench_corpus(&corpus);
        let mut w: Box<dyn Write> = match out {
            Some(p) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(&p)
                    .map_err(|e| civtrace::Error::io(p.display().to_string(), e))?,
            )),
            None => Box::new(std::io::stdout().lock()),
        };
        for r in &recs {
            writeln!(w, "{r}")?;
        }
        w.flush()?;
        for e in &errors {
            eprintln!("failed: {e}");
        }
        return Ok(if errors.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    if paths.is_empty() {
        return Err(civtrace::Error::new(
            ErrorKind::Config,
            "eval",
            "give fixture paths, or --bench CORPUS",
        )
        .into());
    }
    let (report, errors) = civtrace::eval::evaluate(&paths);
    print!("{}", report.summary());
    if misses {
        for m in &report.misses {
            println!("MISS  {} {}", m.doc, m.what);
        }
        for m in &report.extras {
            println!("EXTRA {} {}", m.doc, m.what);
        }
        for m in &report.wrong {
            println!("WRONG {} {}", m.doc, m.what);
        }
    }
    for e in &errors {
        eprintln!("failed: {e}");
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn extract(
    file: PathBuf,
    url: Option<String>,
    published: Option<String>,
    media_type: Option<String>,
    claimant: Option<String>,
) -> anyhow::Result<ExitCode> {
    let name = file.display().to_string();
    let bytes = std::fs::read(&file).map_err(|e| civtrace::Error::io(name.clone(), e))?;
    let mut doc = Document::new(name, bytes);
    if let Some(u) = url {
        doc.meta.url = u;
    }
    doc.meta.published_at = published
        .as_deref()
        .map(|p| parse_date("--published", p))
        .transpose()?;
    doc.meta.media_type = media_type;
    doc.meta.claimant = claimant.map(|c| {
        civtrace::extract::claimants::resolve_alias(&c).unwrap_or(civtrace::claim::Claimant {
            name: c,
            kind: civtrace::claim::ClaimantKind::Other,
        })
    });
    let (parsed, claims) = civtrace::reparse::process_document(&mut doc)?;
    for w in &parsed.warnings {
        eprintln!("warning: {}: {w}", doc.meta.name);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    civtrace::store::jsonl::write_claims(&mut out, &claims).context("writing to stdout")?;
    out.flush().context("writing to stdout")?;
    Ok(ExitCode::SUCCESS)
}

fn reparse(opts: civtrace::reparse::ReparseOptions) -> anyhow::Result<ExitCode> {
    let summary = civtrace::reparse::reparse(&opts)?;
    for w in &summary.warnings {
        eprintln!("warning: {w}");
    }
    for f in &summary.failed {
        eprintln!("failed: {f}");
    }
    println!(
        "{} documents parsed, {} failed; {} claims extracted, {} new in the store",
        summary.documents,
        summary.failed.len(),
        summary.claims,
        summary.claims_added
    );
    if !summary.by_metric.is_empty() {
        println!("claims by metric:");
        for (m, n) in &summary.by_metric {
            println!("  {m:<22} {n:>6}");
        }
        println!("claims by claimant:");
        for (c, n) in &summary.by_claimant {
            println!("  {c:<40} {n:>6}");
        }
    }
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
