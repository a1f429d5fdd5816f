//! Store and sinks: SQLite (the embedded default) and JSONL export.
//!
//! | module | role |
//! | --- | --- |
//! | [`sqlite`] | [`Store`]: documents, captures, claims (upsert on `claim_id`), run state |
//! | [`schema`] | the SQLite tables and the marks that recognise a civtrace store |
//! | [`jsonl`] | claims as JSON lines |

pub mod jsonl;
pub mod schema;
pub mod sqlite;

pub use sqlite::{FetchState, IngestOutcome, Store, Summary};
