//! Postgres sink: the flattened claim columns of [`super::flat`] upserted
//! into a `civtrace_claims` table (created if missing), keyed on `claim_id`,
//! so loading the same store twice changes nothing and a re-parse with a new
//! civtrace version updates rows in place.
//!
//! Rows go through `COPY … FROM STDIN` into a temporary table and one
//! `INSERT … ON CONFLICT` in a single transaction: a failed load leaves the
//! table as it was. Counts and positions are `bigint`, the full record
//! `jsonb`, the rest `text`. Connections are plain (no TLS): use a local
//! socket or a tunnel.

use std::io::Write;

use postgres::{Client, NoTls};
use rusqlite::types::Value;

use super::flat::{CLAIM_COLUMNS, INT_COLUMNS};
use crate::error::{Error, ErrorKind, Result};

/// The table claims are loaded into.
pub const TABLE: &str = "civtrace_claims";

/// A connection to the warehouse, and the name errors give it.
pub struct PostgresSink {
    /// The open connection.
    client: Client,
    /// The connection string without its password, for errors.
    name: String,
}

impl PostgresSink {
    /// Connects with a libpq connection string (`host=/run/postgresql
    /// dbname=osint` or `postgresql://user@host/db`) and creates the table if
    /// it does not exist.
    ///
    /// # Errors
    /// [`ErrorKind::Store`] naming the connection (password hidden).
    pub fn connect(conninfo: &str) -> Result<PostgresSink> {
        let name = redact(conninfo);
        let mut client = Client::connect(conninfo, NoTls).map_err(|e| err(&name, &e))?;
        client
            .batch_execute(&create_table_sql())
            .map_err(|e| err(&name, &e))?;
        Ok(PostgresSink { client, name })
    }

    /// Upserts the rows `fill` pushes (one value per [`CLAIM_COLUMNS`] entry)
    /// in one transaction; returns how many rows were loaded. Rows stream
    /// through COPY, so a large store is never held in memory.
    ///
    /// # Errors
    /// [`ErrorKind::Store`] naming the connection, or `fill`'s own error;
    /// nothing is committed then.
    pub fn load(
        &mut self,
        fill: impl FnOnce(&mut dyn FnMut(Vec<Value>) -> Result<()>) -> Result<usize>,
    ) -> Result<usize> {
        let name = self.name.clone();
        let e = |x: postgres::Error| err(&name, &x);
        let mut tx = self.client.transaction().map_err(e)?;
        tx.batch_execute(&format!(
            "CREATE TEMP TABLE civtrace_load (LIKE {TABLE}) ON COMMIT DROP"
        ))
        .map_err(e)?;
        let mut copy = tx
            .copy_in(&format!(
                "COPY civtrace_load ({}) FROM STDIN",
                CLAIM_COLUMNS.join(", ")
            ))
            .map_err(e)?;
        let mut line = Vec::new();
        let n = fill(&mut |row: Vec<Value>| {
            line.clear();
            copy_line(&mut line, &row);
            copy.write_all(&line)
                .map_err(|x| Error::new(ErrorKind::Store, &name, format!("COPY: {x}")))
        })?;
        copy.finish().map_err(e)?;
        tx.batch_execute(&upsert_sql()).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(n)
    }
}

/// `CREATE TABLE IF NOT EXISTS` with the flattened columns.
fn create_table_sql() -> String {
    let cols: Vec<String> = CLAIM_COLUMNS
        .iter()
        .map(|&c| {
            let ty = if INT_COLUMNS.contains(&c) {
                "bigint"
            } else if c == "json" {
                "jsonb"
            } else {
                "text"
            };
            let key = if c == "claim_id" { " PRIMARY KEY" } else { "" };
            format!("{c} {ty}{key}")
        })
        .collect();
    format!("CREATE TABLE IF NOT EXISTS {TABLE} ({})", cols.join(", "))
}

/// Moves the loaded rows into the table, replacing rows with the same id.
fn upsert_sql() -> String {
    let cols = CLAIM_COLUMNS.join(", ");
    let set: Vec<String> = CLAIM_COLUMNS
        .iter()
        .filter(|&&c| c != "claim_id")
        .map(|c| format!("{c} = EXCLUDED.{c}"))
        .collect();
    format!(
        "INSERT INTO {TABLE} ({cols}) SELECT {cols} FROM civtrace_load \
         ON CONFLICT (claim_id) DO UPDATE SET {}",
        set.join(", ")
    )
}

/// One row in COPY's text format: tab-separated, `\N` for NULL, with
/// backslash, tab, newline and carriage return escaped.
fn copy_line(out: &mut Vec<u8>, row: &[Value]) {
    for (i, v) in row.iter().enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        match v {
            Value::Null => out.extend_from_slice(b"\\N"),
            Value::Integer(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Value::Real(x) => out.extend_from_slice(x.to_string().as_bytes()),
            Value::Text(s) => {
                for b in s.bytes() {
                    match b {
                        b'\\' => out.extend_from_slice(b"\\\\"),
                        b'\t' => out.extend_from_slice(b"\\t"),
                        b'\n' => out.extend_from_slice(b"\\n"),
                        b'\r' => out.extend_from_slice(b"\\r"),
                        _ => out.push(b),
                    }
                }
            }
            Value::Blob(b) => out.extend_from_slice(hex::encode(b).as_bytes()),
        }
    }
    out.push(b'\n');
}

/// The connection string with any password replaced, safe for logs.
fn redact(conninfo: &str) -> String {
    if let Ok(mut u) = url::Url::parse(conninfo) {
        if u.password().is_some() {
            let _ = u.set_password(Some("***"));
        }
        return u.to_string();
    }
    conninfo
        .split_whitespace()
        .map(|kv| {
            if kv.starts_with("password=") {
                "password=***"
            } else {
                kv
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Postgres failure as a store error naming the connection.
fn err(name: &str, e: &postgres::Error) -> Error {
    let detail = e
        .as_db_error()
        .map_or_else(|| e.to_string(), |d| d.message().to_string());
    Error::new(ErrorKind::Store, name, format!("Postgres: {detail}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_lines_escape_and_mark_nulls() {
        let mut out = Vec::new();
        copy_line(
            &mut out,
            &[
                Value::Text("a\tb\\c\nd".into()),
                Value::Null,
                Value::Integer(-3),
            ],
        );
        assert_eq!(out, b"a\\tb\\\\c\\nd\t\\N\t-3\n");
    }

    #[test]
    fn passwords_never_reach_errors() {
        assert_eq!(
            redact("postgresql://ana:s3cret@db.example/osint"),
            "postgresql://ana:***@db.example/osint"
        );
        assert_eq!(
            redact("host=/tmp dbname=x password=s3cret"),
            "host=/tmp dbname=x password=***"
        );
    }

    #[test]
    fn table_has_a_key_and_typed_columns() {
        let sql = create_table_sql();
        assert!(sql.contains("claim_id text PRIMARY KEY"), "{sql}");
        assert!(sql.contains("value bigint"), "{sql}");
        assert!(sql.contains("json jsonb"), "{sql}");
        assert!(
            !upsert_sql().contains(" claim_id = EXCLUDED"),
            "the key is never rewritten"
        );
    }

    #[test]
    fn a_missing_server_is_a_named_store_error() {
        // A socket directory with no server in it: fails at once, no network.
        let e = PostgresSink::connect("host=/nonexistent/civtrace user=x password=pw")
            .err()
            .unwrap();
        assert_eq!(e.kind(), ErrorKind::Store);
        assert!(e.to_string().contains("/nonexistent/civtrace"), "{e}");
        assert!(!e.to_string().contains("password=pw"), "{e}");
    }
}
