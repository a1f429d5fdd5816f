// ---- BEGIN eval handler (numbers worker; minimal, to be folded into the lead's clap CLI) ----
/// `civtrace eval [--misses] PATH...` scores fixtures; `civtrace eval --bench CORPUS
/// [--out FILE]` writes bench scoring records (JSONL) for a generated corpus.
fn eval_command(args: &[String]) -> anyhow::Result<i32> {
    use std::io::Write;
    let mut misses = false;
    let mut bench: Option<std::path::PathBuf> = None;
    let mut out: Option<std::path::PathBuf> = None;
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--misses" => misses = true,
            "--bench" => bench = it.next().map(Into::into),
            "--out" => out = it.next().map(Into::into),
            s if s.starts_with("--") => anyhow::bail!("eval: unknown option {s}"),
            s => paths.push(std::path::PathBuf::from(s)),
        }
    }
    if let Some(corpus) = bench {
        let (recs, errors) = civtrace::eval::bench_corpus(&corpus);
        let mut w: Box<dyn Write> = match out {
            Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p)?)),
            None => Box::new(std::io::stdout().lock()),
        };
        for r in &recs {
            writeln!(w, "{r}")?;
        }
        for e in &errors {
            eprintln!("error: {e}");
        }
        return Ok(i32::from(!errors.is_empty()));
    }
    if paths.is_empty() {
        anyhow::bail!(
            "usage: civtrace eval [--misses] PATH... | civtrace eval --bench CORPUS [--out FILE]"
        );
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
        eprintln!("error: {e}");
    }
    Ok(i32::from(!errors.is_empty()))
}
// ---- END eval handler ----

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("eval") => match eval_command(&args[1..]) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: {e:#}");
                2
            }
        },
        _ => {
            eprintln!("usage: civtrace eval [--misses] PATH... | civtrace eval --bench CORPUS [--out FILE]");
            2
        }
    };
    std::process::exit(code);
}
