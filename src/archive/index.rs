//! The archive index: `index.jsonl` beside the WARC files, one line per
//! indexed record group (a file's `warcinfo`, each capture, each revisit).
//!
//! The index is the commit point of the archive. The writer appends a group of
//! records to a WARC file, fsyncs it, and only then appends and fsyncs the
//! index line. Bytes of a WARC file past the last indexed `end` were never
//! committed (the process died between the two fsyncs, or mid-write): the
//! writer truncates them on open and readers stop before them.

use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The index file's name inside an archive directory.
pub const INDEX_FILE: &str = "index.jsonl";

/// One committed record group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// The WARC file (base name) holding the group.
    pub warc_file: String,
    /// Offset of the main record's gzip member (the response, revisit or warcinfo).
    pub offset: u64,
    /// Compressed length of that member.
    pub length: u64,
    /// Offset just past the group's last member: the file's committed length.
    pub end: u64,
    /// `warcinfo`, `response` or `revisit`.
    pub record_type: String,
    /// The main record's WARC-Record-ID.
    pub record_id: String,
    /// The captured URL (none for warcinfo).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The record's WARC-Date.
    pub date: String,
    /// The payload digest (`sha256:…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// The HTTP status of the capture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// For revisits: the record id of the original capture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refers_to: Option<String>,
}

/// The index of an archive directory, open for appending.
#[derive(Debug)]
pub struct Index {
    /// The index file path, for messages.
    path: PathBuf,
    /// The file, opened for append.
    file: File,
    /// Every committed entry, in file order.
    entries: Vec<IndexEntry>,
    /// Committed length of the file: a failed append is cut back to it.
    len: u64,
}

impl Index {
    /// Opens (creating) the index of `dir`, cutting a torn last line left by a crash.
    ///
    /// # Errors
    /// I/O errors, and a bad line that is not the last one (the index is damaged
    /// beyond what a crash can do), name the index file.
    pub fn open(dir: &Path) -> Result<Index> {
        let path = dir.join(INDEX_FILE);
        let name = path.display().to_string();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(name, e)),
        };
        let (entries, good_len) = parse(&bytes, &name)?;
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| Error::io(name.clone(), e))?;
        if good_len < bytes.len() {
            file.set_len(good_len as u64)
                .and_then(|()| file.sync_all())
                .map_err(|e| Error::io(name.clone(), e))?;
        }
        Ok(Index {
            path,
            file,
            entries,
            len: good_len as u64,
        })
    }

    /// Reads the index of `dir` without repairing it (a torn last line is ignored);
    /// an empty list when there is no index.
    ///
    /// # Errors
    /// I/O errors and damaged lines name the index file.
    pub fn read(dir: &Path) -> Result<Vec<IndexEntry>> {
        let path = dir.join(INDEX_FILE);
        let name = path.display().to_string();
        match std::fs::read(&path) {
            Ok(b) => parse(&b, &name).map(|(e, _)| e),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(Error::io(name, e)),
        }
    }

    /// Appends `entry` and fsyncs: after this returns, the group is committed.
    ///
    /// # Errors
    /// I/O errors name the index file.
    pub fn append(&mut self, entry: IndexEntry) -> Result<()> {
        let name = self.path.display().to_string();
        let mut line = serde_json::to_vec(&entry).map_err(|e| {
            Error::new(
                ErrorKind::Json,
                name.clone(),
                format!("cannot encode entry: {e}"),
            )
        })?;
        line.push(b'\n');
        let written = self
            .file
            .write_all(&line)
            .and_then(|()| self.file.sync_data());
        if let Err(e) = written {
            // Never leave a torn line for the next append to glue onto.
            let _ = self.file.set_len(self.len);
            return Err(Error::io(name, e));
        }
        self.len += line.len() as u64;
        self.entries.push(entry);
        Ok(())
    }

    /// Every committed entry, in file order.
    pub fn entries(&self) -> &[IndexEntry] {
        &self.entries
    }
}

/// The committed length of each WARC file named in `entries`.
pub fn committed_ends(entries: &[IndexEntry]) -> BTreeMap<String, u64> {
    let mut ends = BTreeMap::new();
    for e in entries {
        let end = ends.entry(e.warc_file.clone()).or_insert(0);
        *end = e.end.max(*end);
    }
    ends
}

/// Parses index bytes: the entries, and the length of the good prefix. A last line
/// without its newline, or unparseable, is a torn write and is left out.
fn parse(bytes: &[u8], name: &str) -> Result<(Vec<IndexEntry>, usize)> {
    let mut entries = Vec::new();
    let mut pos = 0usize;
    while pos < bytes.len() {
        let rest = bytes.get(pos..).unwrap_or_default();
        let Some(nl) = memchr::memchr(b'\n', rest) else {
            break; // torn last line
        };
        let line = rest.get(..nl).unwrap_or_default();
        if line.iter().all(u8::is_ascii_whitespace) {
            pos += nl + 1;
            continue;
        }
        match serde_json::from_slice::<IndexEntry>(line) {
            Ok(e) => entries.push(e),
            Err(e) => {
                let is_last = rest
                    .get(nl + 1..)
                    .unwrap_or_default()
                    .iter()
                    .all(u8::is_ascii_whitespace);
                if is_last {
                    break;
                }
                return Err(Error::new(
                    ErrorKind::Warc,
                    name,
                    format!("index line at byte {pos} is damaged: {e}"),
                ));
            }
        }
        pos += nl + 1;
    }
    Ok((entries, pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(file: &str, end: u64) -> IndexEntry {
        IndexEntry {
            warc_file: file.into(),
            offset: 0,
            length: end,
            end,
            record_type: "response".into(),
            record_id: "<urn:uuid:x>".into(),
            url: Some("http://a/".into()),
            date: "2018-11-30T00:00:00Z".into(),
            digest: None,
            status: Some(200),
            refers_to: None,
        }
    }

    #[test]
    fn torn_last_line_is_cut_on_open() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut idx = Index::open(dir.path()).unwrap();
            idx.append(entry("a.warc.gz", 10)).unwrap();
            idx.append(entry("a.warc.gz", 20)).unwrap();
        }
        let path = dir.path().join(INDEX_FILE);
        let good = std::fs::read(&path).unwrap();
        let mut torn = good.clone();
        torn.extend_from_slice(b"{\"warc_file\":\"a.wa");
        std::fs::write(&path, &torn).unwrap();
        assert_eq!(Index::read(dir.path()).unwrap().len(), 2);
        let idx = Index::open(dir.path()).unwrap();
        assert_eq!(committed_ends(idx.entries())["a.warc.gz"], 20);
        assert_eq!(std::fs::read(&path).unwrap(), good);
    }

    #[test]
    fn damage_in_the_middle_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let line = serde_json::to_string(&entry("a", 1)).unwrap();
        std::fs::write(dir.path().join(INDEX_FILE), format!("garbage\n{line}\n")).unwrap();
        let e = Index::open(dir.path()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Warc);
    }
}
