//! The SQLite schema of a civtrace store, and how a file is recognised as one.
//!
//! A store is marked with `PRAGMA application_id` so that `--db` pointing at
//! another program's database is refused instead of being written into, and
//! carries its schema version in `PRAGMA user_version`.

/// `PRAGMA application_id` of a civtrace store: "civt" in ASCII.
pub const APPLICATION_ID: i64 = 0x6369_7674;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 1;

/// The first 16 bytes of every SQLite database file.
pub const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Creates every table and index (idempotent).
pub const CREATE: &str = r#"
CREATE TABLE IF NOT EXISTS documents (
    sha256          TEXT PRIMARY KEY,   -- hex sha256 of the document bytes
    name            TEXT NOT NULL,      -- path or URL used in messages
    url             TEXT NOT NULL,
    media_type      TEXT,
    published_at    TEXT,               -- ISO date
    retrieved_at    TEXT,               -- RFC 3339
    title           TEXT,
    claimant        TEXT,               -- the document's default claimant
    claimant_kind   TEXT,
    warc_file       TEXT,
    warc_record_id  TEXT
);
CREATE INDEX IF NOT EXISTS documents_url ON documents(url);

CREATE TABLE IF NOT EXISTS captures (
    warc_record_id  TEXT PRIMARY KEY,   -- <urn:uuid:…> of the response record
    warc_file       TEXT NOT NULL,
    url             TEXT NOT NULL,
    digest          TEXT NOT NULL,      -- sha256:<base32> of the document bytes
    retrieved_at    TEXT,
    doc_sha256      TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS claims (
    claim_id         TEXT PRIMARY KEY,
    doc_sha256       TEXT NOT NULL,
    ord              INTEGER NOT NULL,  -- position in the document's claim list
    metric           TEXT NOT NULL,
    subject          TEXT,
    object           TEXT,
    value            INTEGER,
    low              INTEGER,
    high             INTEGER,
    qualifier        TEXT NOT NULL,
    as_written       TEXT NOT NULL,
    scope            TEXT NOT NULL,
    period_start     TEXT,
    period_end       TEXT,
    period_precision TEXT,
    period_basis     TEXT,
    places           TEXT,              -- canonical names, "; "-separated
    country          TEXT,              -- of the first place
    admin1           TEXT,              -- of the first place
    claimant         TEXT NOT NULL,
    claimant_kind    TEXT NOT NULL,
    attributed_to    TEXT,
    parent_claim_id  TEXT,
    url              TEXT NOT NULL,
    published_at     TEXT,
    retrieved_at     TEXT,
    media_type       TEXT NOT NULL,
    page             INTEGER,
    locator          TEXT NOT NULL,
    char_start       INTEGER NOT NULL,
    char_end         INTEGER NOT NULL,
    quote            TEXT NOT NULL,
    warc_file        TEXT,
    warc_record_id   TEXT,
    extractor_version TEXT NOT NULL,
    rule             TEXT NOT NULL,
    json             TEXT NOT NULL      -- the full civtrace/claim@1 record
);
CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc_sha256);
CREATE INDEX IF NOT EXISTS claims_metric ON claims(metric);
CREATE INDEX IF NOT EXISTS claims_order ON claims(url, doc_sha256, ord, claim_id);

CREATE TABLE IF NOT EXISTS fetch_state (
    url             TEXT PRIMARY KEY,
    etag            TEXT,
    last_modified   TEXT,
    payload_digest  TEXT,
    warc_file       TEXT,
    warc_record_id  TEXT
);
"#;
