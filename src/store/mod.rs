//! Store and sinks: SQLite (the embedded default), and JSONL, CSV, Parquet and Postgres exports.
//!
//! | module | role |
//! | --- | --- |
//! | [`sqlite`] | [`Store`]: documents, captures, claims (upsert on `claim_id`), run state |
//! | [`schema`] | the SQLite tables and the marks that recognise a civtrace store |
//! | [`jsonl`] | claims as JSON lines |
//! | [`csv`] | claims as CSV rows (the flattened columns), for spreadsheets and warehouses |
//! | [`parquet`] | claims as a Parquet file (the flattened columns, typed), for columnar warehouses |
//! | [`postgres`] | claims upserted into a Postgres table (the flattened columns, typed) |
//! | [`flat`] | a claim flattened to scalar columns, shared by SQLite, CSV and Parquet |

pub mod csv;
pub mod flat;
pub mod jsonl;
pub mod parquet;
pub mod postgres;
pub mod schema;
pub mod sqlite;

pub use sqlite::{FetchState, IngestOutcome, Store, Summary};
