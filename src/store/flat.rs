//! A claim flattened into one row of scalar columns, for SQL users and CSV:
//! the same columns in the SQLite `claims` table and in CSV exports, so a data
//! team sees one shape wherever it loads from.

use crate::claim::Claim;
use rusqlite::types::Value;

/// The flattened columns, in table and CSV order (`json`, the full record, last).
pub const CLAIM_COLUMNS: &[&str] = &[
    "claim_id",
    "doc_sha256",
    "ord",
    "metric",
    "subject",
    "object",
    "value",
    "low",
    "high",
    "qualifier",
    "as_written",
    "scope",
    "period_start",
    "period_end",
    "period_precision",
    "period_basis",
    "places",
    "country",
    "admin1",
    "claimant",
    "claimant_kind",
    "attributed_to",
    "parent_claim_id",
    "url",
    "published_at",
    "retrieved_at",
    "media_type",
    "page",
    "locator",
    "char_start",
    "char_end",
    "quote",
    "warc_file",
    "warc_record_id",
    "extractor_version",
    "rule",
    "json",
];

/// The flattened columns that hold integers (counts and positions); the
/// typed sinks (Parquet, Postgres) store them as 64-bit integers, the rest as text.
pub const INT_COLUMNS: &[&str] = &[
    "ord",
    "value",
    "low",
    "high",
    "page",
    "char_start",
    "char_end",
];

/// The snake_case name serde gives an enum value (`Metric::ReportsCredible` → `reports_credible`).
pub fn enum_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Text or NULL.
fn text(v: Option<impl Into<String>>) -> Value {
    v.map_or(Value::Null, |s| Value::Text(s.into()))
}

/// A count as an integer (counts never get near 2^63; larger becomes NULL).
fn int(v: Option<u64>) -> Value {
    v.and_then(|v| i64::try_from(v).ok())
        .map_or(Value::Null, Value::Integer)
}

/// A position as an integer.
fn pos(v: usize) -> Value {
    Value::Integer(i64::try_from(v).unwrap_or(i64::MAX))
}

/// The row of `c` at position `ord` in its document, one value per [`CLAIM_COLUMNS`] entry.
///
/// # Errors
/// Only if the claim cannot be serialised to JSON (not expected for valid claims).
pub fn claim_row(c: &Claim, ord: usize) -> serde_json::Result<Vec<Value>> {
    let json = serde_json::to_string(c)?;
    let p = &c.provenance;
    let places: Vec<&str> = c.places.iter().map(|pl| pl.name.as_str()).collect();
    let first = c.places.first();
    let period = c.period.as_ref();
    Ok(vec![
        Value::Text(c.claim_id.clone()),
        Value::Text(p.doc_sha256.clone()),
        pos(ord),
        Value::Text(enum_name(&c.metric)),
        text(c.subject.as_ref().map(enum_name)),
        text(c.object.clone()),
        int(c.estimate.value),
        int(c.estimate.low),
        int(c.estimate.high),
        Value::Text(enum_name(&c.estimate.qualifier)),
        Value::Text(c.estimate.as_written.clone()),
        Value::Text(enum_name(&c.scope)),
        text(period.map(|x| x.start.clone())),
        text(period.map(|x| x.end.clone())),
        text(period.map(|x| enum_name(&x.precision))),
        text(period.map(|x| enum_name(&x.basis))),
        text((!places.is_empty()).then(|| places.join("; "))),
        text(first.and_then(|pl| pl.country.clone())),
        text(first.and_then(|pl| pl.admin1.clone())),
        Value::Text(c.claimant.name.clone()),
        Value::Text(enum_name(&c.claimant.kind)),
        text(c.attributed_to.clone()),
        text(c.parent_claim_id.clone()),
        Value::Text(p.url.clone()),
        text(p.published_at.clone()),
        text(p.retrieved_at.clone()),
        Value::Text(p.media_type.clone()),
        p.page.map_or(Value::Null, |n| Value::Integer(i64::from(n))),
        Value::Text(p.locator.clone()),
        pos(p.char_start),
        pos(p.char_end),
        Value::Text(c.quote.exact.clone()),
        text(p.warc_file.clone()),
        text(p.warc_record_id.clone()),
        Value::Text(p.extractor.version.clone()),
        Value::Text(p.extractor.rule.clone()),
        Value::Text(json),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_columns_are_columns_and_the_rest_never_hold_integers() {
        for c in INT_COLUMNS {
            assert!(CLAIM_COLUMNS.contains(c), "{c}");
        }
        let claim: Claim = serde_json::from_str(include_str!("../../tests/data/claim.json"))
            .expect("tests/data/claim.json is a claim@1 record");
        let row = claim_row(&claim, 3).unwrap();
        assert_eq!(row.len(), CLAIM_COLUMNS.len());
        for (name, v) in CLAIM_COLUMNS.iter().zip(&row) {
            let int = matches!(v, Value::Integer(_));
            assert!(
                !int || INT_COLUMNS.contains(name),
                "{name} holds an integer but is not in INT_COLUMNS"
            );
        }
        assert_eq!(row[2], Value::Integer(3), "ord");
    }
}
