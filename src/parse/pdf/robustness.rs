//! Property tests: mutated fixture PDFs never panic and finish in bounded
//! time. The fuzz target in `fuzz/` explores further with coverage guidance;
//! this runs everywhere `cargo test` does (no nightly needed).
//! `PROPTEST_CASES=2000 cargo test --lib parse::pdf::robustness` for a longer run.

use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::{parse_pdf, pdf_text};

/// The committed fixtures, one per producer.
const SEEDS: &[&[u8]] = &[
    include_bytes!("../../../fixtures/pdf/groff_strikes.pdf"),
    include_bytes!("../../../fixtures/pdf/gs_airwars.pdf"),
    include_bytes!("../../../fixtures/pdf/chromium_airwars.pdf"),
    include_bytes!("../../../fixtures/pdf/lo_civcas.pdf"),
    include_bytes!("../../../fixtures/pdf/gs_strikes_encrypted.pdf"),
];

/// One edit to a seed file.
#[derive(Debug, Clone)]
enum Mutation {
    /// Cut the file at a fraction of its length.
    Truncate(f64),
    /// Overwrite bytes at fractions of the length.
    Flip(Vec<(f64, u8)>),
    /// Insert bytes at a fraction of the length.
    Insert(f64, Vec<u8>),
    /// Copy a slice elsewhere (repeats objects, breaks offsets).
    Splice(f64, f64, f64),
    /// Replace a PDF token with another (keywords and numbers matter most).
    Token(f64, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let tokens = prop::sample::select(vec![
        "obj",
        "endobj",
        "stream",
        "endstream",
        "R",
        "<<",
        ">>",
        "[",
        "]",
        "-1",
        "0",
        "99999999999",
        "/Length 0",
        "/Filter /FlateDecode",
        "BT",
        "ET",
        "Tj",
        "TJ",
        "Do",
        "q",
        "Q",
        "cm",
        "Tf",
        "1e38",
        "(",
        ")",
        "/Type /Pages",
        "/Kids [1 0 R]",
    ]);
    prop_oneof![
        (0.0..1.0f64).prop_map(Mutation::Truncate),
        prop::collection::vec((0.0..1.0f64, any::<u8>()), 1..32).prop_map(Mutation::Flip),
        (0.0..1.0f64, prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(a, b)| Mutation::Insert(a, b)),
        (0.0..1.0f64, 0.0..1.0f64, 0.0..1.0f64).prop_map(|(a, b, c)| Mutation::Splice(a, b, c)),
        (0.0..1.0f64, tokens).prop_map(|(a, t)| Mutation::Token(a, t)),
    ]
}

fn at(len: usize, f: f64) -> usize {
    ((len as f64 * f) as usize).min(len)
}

fn apply(seed: &[u8], muts: &[Mutation]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for m in muts {
        let len = v.len();
        match m {
            Mutation::Truncate(f) => v.truncate(at(len, *f)),
            Mutation::Flip(edits) => {
                for (f, b) in edits {
                    let i = at(len, *f);
                    if let Some(x) = v.get_mut(i) {
                        *x = *b;
                    }
                }
            }
            Mutation::Insert(f, bytes) => {
                let i = at(len, *f);
                v.splice(i..i, bytes.iter().copied());
            }
            Mutation::Splice(a, b, c) => {
                let (a, b) = (at(len, a.min(*b)), at(len, a.max(*b)));
                let piece: Vec<u8> = v[a..b.min(a + 4096)].to_vec();
                let c = at(len, *c);
                v.splice(c..c, piece);
            }
            Mutation::Token(f, t) => {
                let i = at(len, *f);
                let end = (i + t.len()).min(len);
                v.splice(i..end, t.bytes());
            }
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_pdfs_never_panic_and_finish(
        seed in 0..SEEDS.len(),
        muts in prop::collection::vec(mutation(), 1..4),
    ) {
        let bytes = apply(SEEDS[seed], &muts);
        let start = Instant::now();
        let parsed = parse_pdf(&bytes, "mutant.pdf");
        let _ = pdf_text(&bytes, "mutant.pdf", true);
        prop_assert!(start.elapsed() < Duration::from_secs(20), "took {:?}", start.elapsed());
        if let Err(e) = parsed {
            prop_assert_eq!(e.subject(), "mutant.pdf");
        }
    }
}

#[test]
fn unmutated_seeds_parse() {
    for seed in SEEDS {
        let doc = parse_pdf(seed, "seed.pdf");
        assert!(doc.is_ok_and(|d| !d.blocks.is_empty()));
    }
}
