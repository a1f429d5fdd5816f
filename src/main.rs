fn main() {
    // --- pdftext handler (PDF worker; the lead merges this into the real CLI) ---
    // `civtrace pdftext FILE [--layout|--blocks]`: print a PDF's text, page by page
    // (or the parsed blocks with locators and table header cells).
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("pdftext") {
        let layout = args.iter().any(|a| a == "--layout");
        let Some(file) = args.iter().skip(1).find(|a| !a.starts_with("--")) else {
            eprintln!("usage: civtrace pdftext FILE [--layout]");
            std::process::exit(2);
        };
        let blocks = args.iter().any(|a| a == "--blocks");
        let result = if blocks {
            std::fs::read(file)
                .map_err(|e| civtrace::Error::io(file.as_str(), e))
                .and_then(|b| civtrace::parse::pdf::pdf_blocks_text(&b, file))
        } else {
            civtrace::parse::pdf::pdf_text_file(std::path::Path::new(file), layout)
        };
        match result {
            Ok(text) => {
                use std::io::Write;
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }
    // --- end pdftext handler ---
}
