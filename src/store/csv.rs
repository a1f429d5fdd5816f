//! CSV (RFC 4180) of claims: the flattened columns of [`super::flat`] without
//! the nested JSON, one header line, CRLF line ends, fields quoted only when
//! they contain a comma, quote or line break. Empty field = null.

use super::flat::{claim_row, CLAIM_COLUMNS};
use crate::claim::Claim;
use rusqlite::types::Value;
use std::io::Write;

/// The CSV columns: every flattened column but `json`.
pub fn columns() -> impl Iterator<Item = &'static str> {
    CLAIM_COLUMNS.iter().copied().filter(|c| *c != "json")
}

/// Writes the header line.
///
/// # Errors
/// Returns the writer's I/O error.
pub fn write_header<W: Write>(mut w: W) -> std::io::Result<()> {
    let cols: Vec<&str> = columns().collect();
    w.write_all(cols.join(",").as_bytes())?;
    w.write_all(b"\r\n")
}

/// Writes one row of values (as many as [`columns`]; extra values are ignored).
///
/// # Errors
/// Returns the writer's I/O error.
pub fn write_row<W: Write>(mut w: W, values: &[Value]) -> std::io::Result<()> {
    for (i, v) in values.iter().take(columns().count()).enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        match v {
            Value::Null => {}
            Value::Integer(n) => write!(w, "{n}")?,
            Value::Real(x) => write!(w, "{x}")?,
            Value::Text(s) => w.write_all(field(s).as_bytes())?,
            Value::Blob(b) => w.write_all(hex::encode(b).as_bytes())?,
        }
    }
    w.write_all(b"\r\n")
}

/// Writes a header and one row per claim; `ord` counts claims within each run of
/// the same document, as the store does.
///
/// # Errors
/// Returns the writer's I/O error (or an `InvalidData` error for an unserialisable claim).
pub fn write_claims<W: Write>(mut w: W, claims: &[Claim]) -> std::io::Result<()> {
    write_header(&mut w)?;
    let mut ord = 0usize;
    let mut prev: Option<&str> = None;
    for c in claims {
        let doc = c.provenance.doc_sha256.as_str();
        ord = if prev == Some(doc) { ord + 1 } else { 0 };
        prev = Some(doc);
        let row = claim_row(c, ord)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        write_row(&mut w, &row)?;
    }
    Ok(())
}

/// A text field, quoted when it must be.
fn field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        let mut out = Vec::new();
        write_row(
            &mut out,
            &[
                Value::Text("plain".into()),
                Value::Text("a, \"b\"\nc".into()),
                Value::Null,
                Value::Integer(1139),
            ],
        )
        .unwrap();
        assert_eq!(out, b"plain,\"a, \"\"b\"\"\nc\",,1139\r\n");
        let mut head = Vec::new();
        write_header(&mut head).unwrap();
        let head = String::from_utf8(head).unwrap();
        assert!(head.starts_with("claim_id,doc_sha256,ord,metric,"));
        assert!(!head.contains("json"));
    }
}
