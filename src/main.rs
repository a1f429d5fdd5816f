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
    },
    /// Print the JSON Schema of the claim record.
    Schema,
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
        } => reparse(paths, db, jsonl, threads),
        Command::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&civtrace::claim::json_schema())?
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn parse_date(s: &str) -> anyhow::Result<jiff::civil::Date> {
    s.parse().map_err(|e| {
        civtrace::Error::new(
            ErrorKind::Config,
            "--published",
            format!("{s:?} is not a YYYY-MM-DD date: {e}"),
        )
        .into()
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
    doc.meta.published_at = published.as_deref().map(parse_date).transpose()?;
    doc.meta.media_type = media_type;
    doc.meta.claimant = claimant.map(|c| {
        civtrace::extract::claimants::resolve_alias(&c).unwrap_or(civtrace::claim::Claimant {
            name: c,
            kind: civtrace::claim::ClaimantKind::Other,
        })
    });
    let (_, claims) = civtrace::reparse::process_document(&mut doc)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    civtrace::store::jsonl::write_claims(&mut out, &claims).context("writing to stdout")?;
    out.flush().context("writing to stdout")?;
    Ok(ExitCode::SUCCESS)
}

fn reparse(
    paths: Vec<PathBuf>,
    db: Option<PathBuf>,
    jsonl: Option<PathBuf>,
    threads: usize,
) -> anyhow::Result<ExitCode> {
    let opts = civtrace::reparse::ReparseOptions {
        paths,
        db,
        jsonl,
        threads,
    };
    let summary = civtrace::reparse::reparse(&opts)?;
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
