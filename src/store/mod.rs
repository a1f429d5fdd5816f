//! Store and sinks: SQLite (the embedded default) and JSONL export.
//!
//! | module | role |
//! | --- | --- |
//! | [`sqlite`] | [`Store`]: documents, captures, claims (upsert on `claim_id`), run state |
//! | [`schema`] | the SQLite tables and the marks that recognise a civtrace store |
//! | [`jsonl`] | claims as JSON lines |
//! | [`csv`] | claims as CSV rows (the flattened columns), for spreadsheets and warehouses |
//! | [`flat`] | a claim flattened to scalar columns, shared by SQLite and CSV |

pub mod csv;
pub mod flat;
pub mod jsonl;
pub mod schema;
pub mod sqlite;

pub use sqlite::{FetchState, IngestOutcome, Store, Summary};
