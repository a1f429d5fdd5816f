//! SQLite store: documents, captures, claims (upsert on `claim_id`) and run
//! state, each document committed in one transaction.
//!
//! Ingesting a document writes its row, its capture, its claims and (for
//! runs) its fetch state in ONE transaction, so the run state — what tells the
//! next run it may skip a URL — is never committed without the claims.
//!
//! The database is in WAL mode with `synchronous=NORMAL`: a killed process
//! (SIGKILL) loses nothing committed, and a power loss may lose the last few
//! commits but never corrupts the file. That is enough because the archive
//! fsyncs every capture: a capture whose store commit was lost is found again
//! with `WarcWriter::find_capture` + [`Store::has_capture`] and re-ingested,
//! never archived twice. (`FULL` costs an fsync per document: 2.5× slower.)

use super::flat::{claim_row, enum_name, CLAIM_COLUMNS};
use super::schema::{APPLICATION_ID, CREATE, SCHEMA_VERSION, SQLITE_MAGIC};
use crate::claim::Claim;
use crate::document::DocumentMeta;
use crate::error::{Error, ErrorKind, Result};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::io::{Read, Write};
use std::path::Path;

/// Conditional-GET validators and digest of a URL's last capture: the run state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FetchState {
    /// The URL.
    pub url: String,
    /// `ETag` of the last capture.
    pub etag: Option<String>,
    /// `Last-Modified` of the last capture.
    pub last_modified: Option<String>,
    /// Payload digest of the last capture (`sha256:…`).
    pub payload_digest: Option<String>,
    /// WARC file of the last full capture.
    pub warc_file: Option<String>,
    /// Record id of the last full capture.
    pub warc_record_id: Option<String>,
}

/// What one ingest changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestOutcome {
    /// Claims newly inserted (upserts of known ids do not count).
    pub claims_added: usize,
}

/// Counts for the command line's final summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents stored.
    pub documents: u64,
    /// WARC captures recorded.
    pub captures: u64,
    /// Claims stored.
    pub claims: u64,
    /// Claims per metric, most first (ties by name).
    pub claims_by_metric: Vec<(String, u64)>,
    /// Claims per claimant name, most first (ties by name).
    pub claims_by_claimant: Vec<(String, u64)>,
}

/// The SQLite store of documents, captures and claims.
#[derive(Debug)]
pub struct Store {
    /// The open database.
    conn: Connection,
    /// The file, for messages.
    name: String,
}

/// A rusqlite error as a store error about `subject`.
fn sql(subject: &str, e: rusqlite::Error) -> Error {
    Error::new(ErrorKind::Store, subject, e.to_string()).with_source(e)
}

impl Store {
    /// Opens or creates the store at `path`, migrating the schema.
    ///
    /// # Errors
    /// A file that is not a civtrace store, or I/O failure, names the path.
    pub fn open(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        if path.is_dir() {
            return Err(Error::new(
                ErrorKind::Store,
                name,
                "is a directory, not a store file",
            ));
        }
        if let Ok(mut f) = std::fs::File::open(path) {
            let mut head = Vec::with_capacity(16);
            (&mut f)
                .take(16)
                .read_to_end(&mut head)
                .map_err(|e| Error::io(name.clone(), e))?;
            if !head.is_empty() && head.as_slice() != SQLITE_MAGIC.as_slice() {
                return Err(Error::new(
                    ErrorKind::Store,
                    name,
                    "is not a SQLite database (wrong --db file?)",
                ));
            }
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
        }
        let conn = Connection::open(path).map_err(|e| sql(&name, e))?;
        Store::init(conn, name)
    }

    /// An in-memory store (tests, one-off extractions).
    ///
    /// # Errors
    /// SQLite failures.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|e| sql(":memory:", e))?;
        Store::init(conn, ":memory:".into())
    }

    /// Checks the file is ours (or empty), then sets pragmas and creates tables.
    fn init(conn: Connection, name: String) -> Result<Store> {
        let e = |err| sql(&name, err);
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(e)?;
        let app: i64 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(e)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(e)?;
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(e)?;
        if app != APPLICATION_ID && (app != 0 || tables > 0) {
            return Err(Error::new(
                ErrorKind::Store,
                name,
                "is a SQLite database of another program, not a civtrace store",
            ));
        }
        if version > SCHEMA_VERSION {
            return Err(Error::new(
                ErrorKind::Store,
                name,
                format!("store schema v{version} is newer than this civtrace (v{SCHEMA_VERSION})"),
            ));
        }
        let _: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .map_err(e)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(e)?;
        // Tables and marks in one transaction: a process killed half-way through creating
        // a store must not leave tables without the mark (which would read as foreign).
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {CREATE}; PRAGMA application_id = {APPLICATION_ID}; \
             PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        ))
        .map_err(e)?;
        Ok(Store { conn, name })
    }

    /// Records a document and its claims, and (for runs) its fetch state, in one transaction.
    ///
    /// # Errors
    /// SQLite failures name the document.
    pub fn ingest(
        &mut self,
        doc: &DocumentMeta,
        claims: &[Claim],
        state: Option<&FetchState>,
    ) -> Result<IngestOutcome> {
        self.ingest_titled(doc, None, claims, state)
    }

    /// [`Store::ingest`] with the title the parser found, for the `documents` table.
    ///
    /// # Errors
    /// SQLite failures name the document.
    pub fn ingest_titled(
        &mut self,
        doc: &DocumentMeta,
        title: Option<&str>,
        claims: &[Claim],
        state: Option<&FetchState>,
    ) -> Result<IngestOutcome> {
        let subject = doc.name.clone();
        let e = |err| sql(&subject, err);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(e)?;
        // Keep what is known; fill what was missing (a re-parse never blanks a field).
        tx.execute(
            "INSERT INTO documents (sha256, name, url, media_type, published_at, retrieved_at,
                                    claimant, claimant_kind, warc_file, warc_record_id, title)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT(sha256) DO UPDATE SET
                title = coalesce(documents.title, excluded.title),
                media_type = coalesce(documents.media_type, excluded.media_type),
                published_at = coalesce(documents.published_at, excluded.published_at),
                retrieved_at = coalesce(documents.retrieved_at, excluded.retrieved_at),
                claimant = coalesce(documents.claimant, excluded.claimant),
                claimant_kind = coalesce(documents.claimant_kind, excluded.claimant_kind),
                warc_file = coalesce(documents.warc_file, excluded.warc_file),
                warc_record_id = coalesce(documents.warc_record_id, excluded.warc_record_id)",
            params![
                doc.sha256,
                doc.name,
                doc.url,
                doc.media_type,
                doc.published_at.map(|d| d.to_string()),
                doc.retrieved_at,
                doc.claimant.as_ref().map(|c| c.name.clone()),
                doc.claimant.as_ref().map(|c| enum_name(&c.kind)),
                doc.warc_file,
                doc.warc_record_id,
                title,
            ],
        )
        .map_err(e)?;
        if let (Some(file), Some(id)) = (&doc.warc_file, &doc.warc_record_id) {
            tx.execute(
                "INSERT INTO captures (warc_record_id, warc_file, url, digest, retrieved_at, doc_sha256)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
                params![id, file, doc.url, hex_to_warc_digest(&doc.sha256), doc.retrieved_at, doc.sha256],
            )
            .map_err(e)?;
        }
        let mut added = 0;
        {
            let mut exists = tx
                .prepare_cached("SELECT 1 FROM claims WHERE claim_id = ?1")
                .map_err(e)?;
            let mut upsert = tx.prepare_cached(&upsert_sql()).map_err(e)?;
            for (ord, c) in claims.iter().enumerate() {
                let known = exists
                    .query_row([&c.claim_id], |_| Ok(()))
                    .optional()
                    .map_err(e)?
                    .is_some();
                let row = claim_row(c, ord).map_err(|err| {
                    Error::new(
                        ErrorKind::Json,
                        subject.clone(),
                        format!("claim {}: {err}", c.claim_id),
                    )
                })?;
                upsert
                    .execute(rusqlite::params_from_iter(row))
                    .map_err(|err| sql(&format!("{subject} claim {}", c.claim_id), err))?;
                if !known {
                    added += 1;
                }
            }
        }
        if let Some(s) = state {
            put_state(&tx, s).map_err(e)?;
        }
        tx.commit().map_err(e)?;
        Ok(IngestOutcome {
            claims_added: added,
        })
    }

    /// Records the run state of a URL on its own (an unchanged page: revisit, no claims).
    ///
    /// # Errors
    /// SQLite failures name the URL.
    pub fn put_fetch_state(&mut self, state: &FetchState) -> Result<()> {
        put_state(&self.conn, state)
            .map(|_| ())
            .map_err(|e| sql(&state.url, e))
    }

    /// Whether the capture with this WARC-Record-ID has been ingested. With
    /// [`crate::archive::warc::WarcWriter::find_capture`] this finds captures a crash
    /// left archived but not stored, so a re-run reuses them instead of archiving twice.
    ///
    /// # Errors
    /// SQLite failures name the record id.
    pub fn has_capture(&self, warc_record_id: &str) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT 1 FROM captures WHERE warc_record_id = ?1",
                [warc_record_id],
                |_| Ok(()),
            )
            .optional()
            .map(|o| o.is_some())
            .map_err(|e| sql(warc_record_id, e))
    }

    /// The run state of `url`, if it was fetched before.
    ///
    /// # Errors
    /// SQLite failures name the URL.
    pub fn fetch_state(&self, url: &str) -> Result<Option<FetchState>> {
        self.conn
            .query_row(
                "SELECT url, etag, last_modified, payload_digest, warc_file, warc_record_id
                 FROM fetch_state WHERE url = ?1",
                [url],
                |r| {
                    Ok(FetchState {
                        url: r.get(0)?,
                        etag: r.get(1)?,
                        last_modified: r.get(2)?,
                        payload_digest: r.get(3)?,
                        warc_file: r.get(4)?,
                        warc_record_id: r.get(5)?,
                    })
                },
            )
            .optional()
            .map_err(|e| sql(url, e))
    }

    /// Counts for the final summary: documents, captures, claims, claims by metric and claimant.
    ///
    /// # Errors
    /// SQLite failures name the store file.
    pub fn summary(&self) -> Result<Summary> {
        let e = |err| sql(&self.name, err);
        let count = |table: &str| -> Result<u64> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                    r.get::<_, i64>(0)
                })
                .map(|n| n.max(0) as u64)
                .map_err(e)
        };
        let grouped = |col: &str| -> Result<Vec<(String, u64)>> {
            let mut st = self
                .conn
                .prepare(&format!(
                    "SELECT {col}, count(*) AS n FROM claims GROUP BY {col} ORDER BY n DESC, {col}"
                ))
                .map_err(e)?;
            let rows = st
                .query_map([], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as u64))
                })
                .map_err(e)?;
            rows.collect::<rusqlite::Result<Vec<_>>>().map_err(e)
        };
        Ok(Summary {
            documents: count("documents")?,
            captures: count("captures")?,
            claims: count("claims")?,
            claims_by_metric: grouped("metric")?,
            claims_by_claimant: grouped("claimant")?,
        })
    }

    /// Writes every stored claim as JSON lines, ordered by URL, document, position in the
    /// document and id, so the same store always exports the same bytes. Returns the count.
    ///
    /// # Errors
    /// SQLite and write failures name the store file.
    pub fn export_jsonl<W: Write>(&self, mut w: W) -> Result<usize> {
        let e = |err| sql(&self.name, err);
        let mut st = self
            .conn
            .prepare("SELECT json FROM claims ORDER BY url, doc_sha256, ord, claim_id")
            .map_err(e)?;
        let mut rows = st.query([]).map_err(e)?;
        let mut n = 0;
        while let Some(row) = rows.next().map_err(e)? {
            let json: String = row.get(0).map_err(e)?;
            w.write_all(json.as_bytes())
                .and_then(|()| w.write_all(b"\n"))
                .map_err(|err| Error::io(self.name.clone(), err))?;
            n += 1;
        }
        w.flush().map_err(|err| Error::io(self.name.clone(), err))?;
        Ok(n)
    }

    /// Writes every stored claim as CSV (header + flattened columns), in the order of
    /// [`Store::export_jsonl`]. Returns the number of rows.
    ///
    /// # Errors
    /// SQLite and write failures name the store file.
    pub fn export_csv<W: Write>(&self, mut w: W) -> Result<usize> {
        let io = |err| Error::io(self.name.clone(), err);
        super::csv::write_header(&mut w).map_err(io)?;
        // CSV leaves out `json`, the last flattened column.
        let width = super::csv::columns().count();
        let n = self.for_each_flat_row(|values| {
            super::csv::write_row(&mut w, values.get(..width).unwrap_or(&values)).map_err(io)
        })?;
        w.flush().map_err(io)?;
        Ok(n)
    }

    /// Writes every stored claim as a Parquet file (the flattened columns),
    /// in the order of [`Store::export_jsonl`]. Returns the number of rows.
    ///
    /// # Errors
    /// SQLite failures name the store file; Parquet write failures name `out`.
    pub fn export_parquet<W: Write + Send>(&self, w: W, out: &str) -> Result<usize> {
        let mut pq = super::parquet::ParquetWriter::new(w, out)?;
        self.for_each_flat_row(|values| pq.push(values))?;
        pq.finish()
    }

    /// Upserts every stored claim into a Postgres table
    /// ([`super::postgres::TABLE`]) in one transaction. Returns the number of rows.
    ///
    /// # Errors
    /// SQLite failures name the store file; Postgres failures name the connection.
    pub fn export_postgres(&self, conninfo: &str) -> Result<usize> {
        let mut sink = super::postgres::PostgresSink::connect(conninfo)?;
        sink.load(|push| self.for_each_flat_row(push))
    }

    /// Calls `f` with every stored claim's flattened columns
    /// ([`super::flat::CLAIM_COLUMNS`], `json` included), in export order.
    fn for_each_flat_row(
        &self,
        mut f: impl FnMut(Vec<rusqlite::types::Value>) -> Result<()>,
    ) -> Result<usize> {
        let e = |err| sql(&self.name, err);
        let cols = super::flat::CLAIM_COLUMNS;
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM claims ORDER BY url, doc_sha256, ord, claim_id",
                cols.join(", ")
            ))
            .map_err(e)?;
        let mut rows = st.query([]).map_err(e)?;
        let mut n = 0;
        while let Some(row) = rows.next().map_err(e)? {
            let values = (0..cols.len())
                .map(|i| row.get::<_, rusqlite::types::Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(e)?;
            f(values)?;
            n += 1;
        }
        Ok(n)
    }

    /// The underlying connection, for read-only SQL by callers (reports, tests).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// Upserts one fetch-state row.
fn put_state(conn: &Connection, s: &FetchState) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT INTO fetch_state (url, etag, last_modified, payload_digest, warc_file, warc_record_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
            payload_digest = excluded.payload_digest, warc_file = excluded.warc_file,
            warc_record_id = excluded.warc_record_id",
        params![s.url, s.etag, s.last_modified, s.payload_digest, s.warc_file, s.warc_record_id],
    )
}

/// `sha256:<base32>` from a hex sha256 (the WARC digest form), or the hex as given.
fn hex_to_warc_digest(hex_sha: &str) -> String {
    match hex::decode(hex_sha) {
        Ok(bytes) => format!("sha256:{}", crate::archive::warc::base32(&bytes)),
        Err(_) => hex_sha.to_string(),
    }
}

/// `INSERT … ON CONFLICT(claim_id) DO UPDATE` over [`CLAIM_COLUMNS`]: inserts a claim, or
/// replaces the stored version of the same id (a newer extractor's), touching the row
/// only when the record changed.
fn upsert_sql() -> String {
    let cols = CLAIM_COLUMNS.join(", ");
    let marks: Vec<String> = (1..=CLAIM_COLUMNS.len()).map(|i| format!("?{i}")).collect();
    let sets: Vec<String> = CLAIM_COLUMNS
        .iter()
        .filter(|c| **c != "claim_id")
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    format!(
        "INSERT INTO claims ({cols}) VALUES ({}) ON CONFLICT(claim_id) DO UPDATE SET {} \
         WHERE claims.json IS NOT excluded.json",
        marks.join(", "),
        sets.join(", ")
    )
}
