//! PDF parsing on the committed fixtures (made by LibreOffice, Chromium,
//! gropdf and Ghostscript; see fixtures/pdf/make.sh), hostile inputs built
//! here byte by byte, and agreement with poppler's `pdftotext` where it is
//! installed.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use civtrace::parse::pdf::{parse_pdf, pdf_text};
use civtrace::parse::{BlockKind, ParsedDocument, TextBlock};
use civtrace::ErrorKind;

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pdf")
        .join(name)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn parse(name: &str) -> ParsedDocument {
    parse_pdf(&fixture(name), name).unwrap_or_else(|e| panic!("{e}"))
}

fn find<'a>(doc: &'a ParsedDocument, needle: &str) -> &'a TextBlock {
    doc.blocks
        .iter()
        .find(|b| b.text.contains(needle))
        .unwrap_or_else(|| panic!("no block contains {needle:?}"))
}

/// The text of a table row's cell whose header is `header`.
fn cell(b: &TextBlock, header: &str) -> Option<String> {
    let BlockKind::TableRow { cells } = &b.kind else {
        return None;
    };
    let chars: Vec<char> = b.text.chars().collect();
    cells
        .iter()
        .find(|c| c.header.as_deref() == Some(header))
        .map(|c| chars[c.start..c.end].iter().collect())
}

#[test]
fn libreoffice_report_pages_paragraphs_and_a_table_across_three_pages() {
    let doc = parse("lo_civcas.pdf");
    assert_eq!(
        doc.title.as_deref(),
        Some("CJTF-OIR Monthly Civilian Casualty Report")
    );
    assert_eq!(
        doc.published.map(|d| d.to_string()).as_deref(),
        Some("2018-11-29")
    );
    let b = find(&doc, "at least 1,139 civilians");
    assert_eq!(b.page, Some(1));
    assert!(b.locator.starts_with("p1/b"), "{}", b.locator);
    assert_eq!(b.kind, BlockKind::Paragraph);
    // The paragraph is whole: lines joined, nothing from the table.
    assert!(b.text.ends_with("separate engagements."), "{}", b.text);

    let rows: Vec<&TextBlock> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::TableRow { .. }))
        .collect();
    let pages: Vec<u32> = rows.iter().filter_map(|b| b.page).collect();
    assert!(pages.contains(&1) && pages.contains(&2) && pages.contains(&3));
    let first = find(&doc, "20180103-09");
    assert_eq!(first.locator, "p1/t1/r1");
    assert_eq!(
        cell(first, "Date of incident").as_deref(),
        Some("11 March 2018")
    );
    assert_eq!(cell(first, "Location").as_deref(), Some("Hit, Iraq"));
    assert_eq!(cell(first, "Report ID").as_deref(), Some("20180103-09"));
    assert_eq!(cell(first, "Civilians killed").as_deref(), Some("2"));
    // The row the page break split is whole again, on the page it starts on.
    let split = find(&doc, "20180605-08");
    assert_eq!(split.page, Some(1));
    assert!(
        cell(split, "Description").is_some_and(|d| d.ends_with("death of 7 civilians.")),
        "{}",
        split.text
    );
    assert_eq!(find(&doc, "20180623-06").locator, "p2/t1/r1");
    // A row on page 2, under the repeated header.
    let later = find(&doc, "20180521-08");
    assert_eq!(later.page, Some(2));
    assert_eq!(cell(later, "Civilians killed").as_deref(), Some("5"));
    assert_eq!(
        cell(later, "Date of incident").as_deref(),
        Some("16 February 2018")
    );
    // Running header and footer are not blocks.
    assert!(!doc.blocks.iter().any(|b| b.text.contains("Public Affairs")));
    assert!(!doc
        .blocks
        .iter()
        .any(|b| b.text.contains("Report – November 2018")));
}

#[test]
fn chromium_report_tables_have_header_cells_and_no_page_furniture() {
    let doc = parse("chromium_snhr.pdf");
    assert_eq!(
        doc.published.map(|d| d.to_string()).as_deref(),
        Some("2018-11-01")
    );
    // The dateline is its own block, not glued to the lead paragraph.
    assert_eq!(
        find(&doc, "Published on").text,
        "Published on November 1, 2018"
    );
    let row = find(&doc, "Syrian Regime forces | 112");
    assert_eq!(row.text, "Syrian Regime forces | 112 | 24 | 17");
    assert_eq!(
        cell(row, "Perpetrator").as_deref(),
        Some("Syrian Regime forces")
    );
    assert_eq!(cell(row, "Children").as_deref(), Some("24"));
    assert_eq!(cell(row, "Women").as_deref(), Some("17"));
    let gov = find(&doc, "Deir Ez-Zour | 171");
    assert_eq!(cell(gov, "Civilians killed").as_deref(), Some("171"));
    assert!(matches!(
        find(&doc, "Death toll by governorate").kind,
        BlockKind::Heading { .. }
    ));
    for furniture in [
        "snhr.org",
        "Page 1 of 2",
        "Page 2 of 2",
        "Monthly Death Toll Report",
    ] {
        assert!(
            !doc.blocks.iter().any(|b| b.text.contains(furniture)),
            "{furniture} leaked into the blocks"
        );
    }
    assert_eq!(find(&doc, "Jisr al-Shughour").page, Some(2));
}

#[test]
fn two_column_pages_are_read_column_by_column() {
    let doc = parse("chromium_airwars.pdf");
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    let pos = |needle: &str| {
        texts
            .iter()
            .position(|t| t.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} missing"))
    };
    // Left column top to bottom, then the right column.
    assert!(pos("between 7,316 and 11,637") < pos("more than 2,200"));
    assert!(pos("more than 2,200") < pos("Researchers noted"));
    assert!(pos("Researchers noted") < pos("Between 3 and 7 civilians"));
    // A paragraph broken by the column break is one block.
    find(&doc, "Many strikes targeted ISIS fighting positions");
    // No table was invented from the two columns.
    assert!(!doc
        .blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::TableRow { .. })));

    // groff's two-column page through Ghostscript (Type 1C fonts without ToUnicode).
    let doc = parse("gs_airwars.pdf");
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    let pos = |needle: &str| texts.iter().position(|t| t.contains(needle));
    assert!(pos("between 3,923 and 6,102").is_some());
    assert!(pos("as many as 105 civilians") < pos("During the four-month battle"));
    let row = find(&doc, "March 2017 |");
    assert_eq!(row.page, Some(2));
    assert_eq!(cell(row, "Likely deaths (max)").as_deref(), Some("1,772"));
}

#[test]
fn groff_tbl_table_and_headings() {
    let doc = parse("groff_strikes.pdf");
    let row = find(&doc, "Hajin | Syria");
    assert_eq!(row.text, "Hajin | Syria | 52 | 66");
    assert_eq!(cell(row, "Strikes").as_deref(), Some("52"));
    assert_eq!(cell(row, "Engagements").as_deref(), Some("66"));
    assert!(matches!(
        find(&doc, "1. Syria").kind,
        BlockKind::Heading { .. }
    ));
    assert_eq!(find(&doc, "Near Hajin, 52 strikes").page, Some(1));
}

#[test]
fn encrypted_files_open_with_the_empty_password_or_fail_clearly() {
    let doc = parse("gs_strikes_encrypted.pdf");
    find(&doc, "conducted 59 strikes consisting of 77 engagements");
    let locked =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/broken/gs_strikes_userpw.pdf");
    let err = parse_pdf(&std::fs::read(locked).unwrap(), "userpw.pdf").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Pdf);
    assert!(err.to_string().contains("userpw.pdf"));
    assert!(err.to_string().contains("password"), "{err}");
}

#[test]
fn pdftext_pages_end_with_form_feeds_and_keep_furniture() {
    let text = pdf_text(&fixture("chromium_snhr.pdf"), "snhr", false).unwrap();
    assert_eq!(text.matches('\x0c').count(), 2);
    assert!(text.contains("Page 2 of 2"));
    let layout = pdf_text(&fixture("chromium_snhr.pdf"), "snhr", true).unwrap();
    let line = layout
        .lines()
        .find(|l| l.contains("Syrian Regime forces"))
        .unwrap_or("");
    assert!(line.contains("112"), "{line}");
}

// ---- hostile input -------------------------------------------------------

/// Builds a PDF from object bodies (object i+1 = bodies[i]) with a correct xref.
fn build_pdf(bodies: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", i + 1).unwrap();
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", bodies.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        bodies.len() + 1
    )
    .unwrap();
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\nendstream");
    v
}

fn simple_page(content: &[u8], extra_resources: &str) -> Vec<Vec<u8>> {
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> {extra_resources} >> >>"
        )
        .into_bytes(),
        stream("", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    ]
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed())
}

#[test]
fn a_minimal_hand_made_pdf_parses() {
    let pdf = build_pdf(&simple_page(
        b"BT /F1 12 Tf 72 700 Td (At least 12 civilians were killed.) Tj ET",
        "",
    ));
    let doc = parse_pdf(&pdf, "mini.pdf").unwrap();
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(doc.blocks[0].text, "At least 12 civilians were killed.");
    assert_eq!(doc.blocks[0].locator, "p1/b1");
    assert_eq!(doc.blocks[0].page, Some(1));
}

#[test]
fn self_referencing_forms_stop_at_the_depth_limit() {
    let mut objs = simple_page(
        b"BT /F1 12 Tf 72 700 Td (Top) Tj ET /X1 Do",
        "/XObject << /X1 6 0 R >>",
    );
    objs.push(stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 0 -14] \
         /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >>",
        b"BT /F1 12 Tf 72 700 Td (Again) Tj ET /X1 Do /X1 Do",
    ));
    let pdf = build_pdf(&objs);
    let (r, took) = timed(|| pdf_text(&pdf, "forms.pdf", false));
    let text = r.unwrap();
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert!(text.contains("Top"));
    let again = text.matches("Again").count();
    assert!(again > 0 && again < 1000, "{again} copies");
}

#[test]
fn decompression_bombs_are_refused_as_too_large() {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..40 {
        z.write_all(&zeros).unwrap();
    }
    let bomb = z.finish().unwrap();
    let mut objs = simple_page(b"", "");
    objs[3] = stream("/Filter /FlateDecode", &bomb);
    let pdf = build_pdf(&objs);
    assert!(pdf.len() < 200_000);
    let err = parse_pdf(&pdf, "bomb.pdf").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge, "{err}");
    assert!(err.to_string().contains("bomb.pdf"));
}

#[test]
fn broken_structures_give_named_errors_not_panics() {
    // A page tree that points at itself.
    let cyclic = build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>".to_vec(),
    ]);
    let err = parse_pdf(&cyclic, "cycle.pdf").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Pdf);
    assert!(err.to_string().starts_with("cycle.pdf: "), "{err}");

    for bad in [
        &b""[..],
        b"%PDF-1.4",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog",
        b"hello",
    ] {
        let err = parse_pdf(bad, "bad.pdf").unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Pdf | ErrorKind::Empty),
            "{err}"
        );
    }

    // Every truncation of a real file: an error or a (partial) parse, quickly.
    let full = fixture("groff_strikes.pdf");
    for cut in (0..full.len()).step_by(full.len() / 23 + 1) {
        let (r, took) = timed(|| parse_pdf(&full[..cut], "cut.pdf"));
        assert!(took < Duration::from_secs(5));
        if let Err(e) = r {
            assert_eq!(e.subject(), "cut.pdf");
        }
    }
}

// ---- agreement with pdftotext --------------------------------------------

fn words(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    let punct: &[char] = &[
        '"', '\'', '“', '”', '‘', '’', '(', ')', '.', ',', ';', ':', '|', '–', '—', '-',
    ];
    for w in text.split_whitespace() {
        let w = w.trim_matches(punct);
        if !w.is_empty() {
            *out.entry(w.replace('ﬁ', "fi").replace('ﬂ', "fl"))
                .or_default() += 1;
        }
    }
    out
}

#[test]
fn words_agree_with_pdftotext_on_the_fixtures() {
    let fixtures = [
        "lo_civcas.pdf",
        "chromium_snhr.pdf",
        "chromium_airwars.pdf",
        "groff_strikes.pdf",
        "gs_airwars.pdf",
        "gs_strikes_encrypted.pdf",
    ];
    let probe = std::process::Command::new("pdftotext").arg("-v").output();
    if probe.is_err() {
        eprintln!("pdftotext not installed: skipping the agreement check");
        return;
    }
    for name in fixtures {
        let out = std::process::Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8"])
            .arg(fixture_path(name))
            .arg("-")
            .output()
            .unwrap();
        let reference = words(&String::from_utf8_lossy(&out.stdout));
        let ours = words(&pdf_text(&fixture(name), name, false).unwrap());
        let common: usize = reference
            .iter()
            .map(|(w, n)| (*n).min(ours.get(w).copied().unwrap_or(0)))
            .sum();
        let ref_total: usize = reference.values().sum();
        let our_total: usize = ours.values().sum();
        let recall = common as f64 / ref_total.max(1) as f64;
        let precision = common as f64 / our_total.max(1) as f64;
        assert!(
            recall >= 0.98 && precision >= 0.98,
            "{name}: recall {recall:.4}, precision {precision:.4}"
        );
    }
}

// ---- snapshots ------------------------------------------------------------

/// The parsed blocks of every fixture, as `civtrace pdftext FILE --blocks`
/// prints them, against fixtures/pdf/expected/*.blocks.txt (a reviewer reads
/// those files to see what extraction gets). `UPDATE_SNAPSHOTS=1` rewrites them.
#[test]
fn block_snapshots_match() {
    let dir = fixture_path("expected");
    let mut checked = 0;
    for entry in std::fs::read_dir(fixture_path("")).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".pdf"))
            .map(String::from)
        else {
            continue;
        };
        let snap = dir.join(format!("{stem}.blocks.txt"));
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(actual) = civtrace::parse::pdf::pdf_blocks_text(&bytes, &path.display().to_string())
        else {
            continue; // the password-protected fixture
        };
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&snap, &actual).unwrap();
        }
        let expected = std::fs::read_to_string(&snap)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_SNAPSHOTS=1)", snap.display()));
        assert_eq!(
            actual,
            expected,
            "{stem}: blocks differ from {}",
            snap.display()
        );
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} snapshots checked");
}

/// Inputs the fuzz targets found crashing (tests/data/fuzz): each parses or
/// gives an error naming it, and never panics.
#[test]
fn fuzz_found_inputs_parse_without_panicking() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("pdf") {
            continue;
        }
        n += 1;
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let r = std::panic::catch_unwind(|| parse_pdf(&bytes, &name));
        match r {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => assert_eq!(e.subject(), name),
            Err(_) => panic!("{name}: the PDF parser panicked"),
        }
    }
    assert!(n >= 1, "no fuzz-found PDFs in {}", dir.display());
}
