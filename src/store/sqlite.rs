//! SQLite store (stub until the store work lands).

/// The SQLite store of documents, captures and claims.
pub struct Store {}
