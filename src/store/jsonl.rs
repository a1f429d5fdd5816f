//! JSONL: one claim per line, fields in schema order, for byte-identical re-runs.

use crate::claim::Claim;
use std::io::Write;

/// Writes claims as JSON lines.
///
/// # Errors
/// Returns the writer's I/O error.
pub fn write_claims<W: Write>(mut w: W, claims: &[Claim]) -> std::io::Result<()> {
    for c in claims {
        serde_json::to_writer(&mut w, c)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}
