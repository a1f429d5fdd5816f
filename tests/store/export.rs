//! `civtrace export`: the store's claims as JSONL, CSV and Parquet agree row
//! for row; Parquet is read back by the parquet crate and, where the CI venv
//! has it, by pyarrow (an independent reader).

use std::path::{Path, PathBuf};
use std::process::Command;

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

pub(super) fn civtrace(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_civtrace"))
        .args(args)
        .output()
        .expect("run civtrace")
}

/// A store made from the bundled fixtures.
pub(super) fn store(dir: &Path) -> PathBuf {
    let db = dir.join("claims.sqlite");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let out = civtrace(&[
        "reparse",
        fixtures.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

#[test]
fn parquet_csv_and_jsonl_exports_agree() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let db = db.to_str().unwrap();
    let pq = dir.path().join("claims.parquet");
    let out = civtrace(&[
        "export",
        db,
        "--format",
        "parquet",
        "--out",
        pq.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let jsonl = civtrace(&["export", db]);
    let csv = civtrace(&["export", db, "--format", "csv"]);
    let records: Vec<serde_json::Value> = String::from_utf8(jsonl.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(records.len() > 500, "{}", records.len());
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert_eq!(
        csv.lines().count(),
        records.len() + 1,
        "header + one line per claim"
    );

    let reader = SerializedFileReader::new(std::fs::File::open(&pq).unwrap()).unwrap();
    let rows: Vec<parquet::record::Row> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), records.len());
    let field = |r: &parquet::record::Row, name: &str| -> Field {
        r.get_column_iter()
            .find(|(n, _)| n.as_str() == name)
            .map(|(_, f)| f.clone())
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    for (row, rec) in rows.iter().zip(&records) {
        assert_eq!(
            field(row, "claim_id"),
            Field::Str(rec["claim_id"].as_str().unwrap().into())
        );
        let value = match rec["estimate"]["value"].as_i64() {
            Some(v) => Field::Long(v),
            None => Field::Null,
        };
        assert_eq!(field(row, "value"), value, "{}", rec["claim_id"]);
        assert_eq!(
            field(row, "quote"),
            Field::Str(rec["quote"]["exact"].as_str().unwrap().into())
        );
        let json: serde_json::Value = match field(row, "json") {
            Field::Str(s) => serde_json::from_str(&s).unwrap(),
            other => panic!("json column: {other:?}"),
        };
        assert_eq!(&json, rec);
    }

    // Same store, same bytes.
    let again = dir.path().join("again.parquet");
    civtrace(&[
        "export",
        db,
        "--format",
        "parquet",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read(&pq).unwrap(), std::fs::read(&again).unwrap());

    // An independent reader, where the CI venv provides one.
    let Some(venv) = std::env::var_os("CIVTRACE_BENCH_VENV") else {
        eprintln!("pyarrow check skipped: CIVTRACE_BENCH_VENV not set (.ci/run sets it)");
        return;
    };
    let python = PathBuf::from(venv).join("bin/python");
    let script = "import sys, pyarrow.parquet as pq\n\
                  t = pq.read_table(sys.argv[1])\n\
                  v = [x for x in t.column('value').to_pylist() if x is not None]\n\
                  print(t.num_rows, len(v), sum(v), str(t.schema.field('value').type), str(t.schema.field('metric').type))";
    let out = Command::new(python)
        .args(["-c", script, pq.to_str().unwrap()])
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "pyarrow: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let values: Vec<i64> = records
        .iter()
        .filter_map(|r| r["estimate"]["value"].as_i64())
        .collect();
    let expected = format!(
        "{} {} {} int64 string",
        records.len(),
        values.len(),
        values.iter().sum::<i64>()
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), expected);
}

#[test]
fn export_names_a_missing_store_and_wants_a_file_for_parquet() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.sqlite");
    let out = civtrace(&["export", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nope.sqlite") && err.contains("no such store"),
        "{err}"
    );
    assert!(!missing.exists(), "export never creates a store");

    let db = store(dir.path());
    let out = civtrace(&["export", db.to_str().unwrap(), "--format", "parquet"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out"));
}
