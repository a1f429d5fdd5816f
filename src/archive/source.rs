//! Walking inputs for `reparse`: WARC files, folders (recursively) and plain
//! files with optional `.meta.json` sidecars (stub until the archive work lands).

use crate::document::Document;
use crate::error::{Error, Result};
use std::path::PathBuf;

/// Every document under `paths`, in a deterministic order (sorted paths,
/// WARC records in file order). A broken file yields an `Err` naming it and
/// the walk goes on.
pub fn walk(paths: &[PathBuf]) -> impl Iterator<Item = Result<Document>> {
    paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).map_err(|e| Error::io(p.display().to_string(), e))?;
            Ok(Document::new(p.display().to_string(), bytes))
        })
        .collect::<Vec<_>>()
        .into_iter()
}
