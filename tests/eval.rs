//! Extraction scored against the fixtures' hand-written expected claims.
//!
//! Issue 3 targets precision and recall ≥ 0.97 here; the thresholds below are
//! the levels reached so far (a regression guard), not that target. The
//! closing notes and `civtrace eval fixtures --misses` list what is missed.

use std::path::PathBuf;

#[test]
fn fixtures_score_against_their_expected_claims() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let (report, errors) = civtrace::eval::evaluate(&[fixtures]);
    assert!(
        errors.is_empty(),
        "fixtures fail to load or parse: {errors:?}"
    );
    eprintln!("{}", report.summary());
    assert!(
        report.docs >= 45,
        "{} fixtures with expected claims",
        report.docs
    );
    assert!(
        report.expected >= 882,
        "{} expected claims",
        report.expected
    );
    assert!(
        report.precision() >= 0.955,
        "precision {:.3}\n{}",
        report.precision(),
        report.summary()
    );
    assert!(
        report.recall() >= 0.955,
        "recall {:.3}\n{}",
        report.recall(),
        report.summary()
    );
    let acc = |f: &civtrace::eval::FieldScore| f.accuracy().unwrap_or(0.0);
    assert!(acc(&report.qualifier) >= 0.99, "{}", report.summary());
    assert!(acc(&report.claimant) >= 0.90, "{}", report.summary());
    assert!(acc(&report.period) >= 0.83, "{}", report.summary());
    assert!(acc(&report.place) >= 0.81, "{}", report.summary());
}
