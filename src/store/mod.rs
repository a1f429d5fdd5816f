//! Store and sinks: SQLite (the embedded default) and JSONL export.

pub mod jsonl;
pub mod sqlite;

pub use sqlite::Store;
