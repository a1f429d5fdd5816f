//! Walking inputs for `reparse`: WARC files, folders (recursively) and plain
//! files with optional `.meta.json` sidecars — the `fixtures/` format, and the
//! layout `../shared/bench/gen_corpus.py` writes.
//!
//! The order is deterministic: each argument in the order given, folders
//! depth-first in sorted path order, WARC records in file order. Broken inputs
//! yield an `Err` naming them and the walk goes on; files that are not
//! documents (sidecars, expected-claims files, manifests, the archive index,
//! hidden files) are skipped and reported by [`Walker::skipped`].

use crate::archive::index::{committed_ends, Index, INDEX_FILE};
use crate::archive::warc::{WarcDocuments, WarcReader};
use crate::claim::Claimant;
use crate::document::Document;
use crate::error::{Error, ErrorKind, Result};
use serde::Deserialize;
use std::collections::VecDeque;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// A file or capture the walk passed over on purpose, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file (or `file@offset: url` for a WARC record).
    pub path: String,
    /// Why it is not a document ("sidecar", "HTTP status 404", …).
    pub reason: String,
}

/// The optional `<file>.meta.json` beside a document.
#[derive(Debug, Default, Deserialize)]
pub struct Sidecar {
    /// The URL the document was published at.
    pub url: Option<String>,
    /// Publication date, `YYYY-MM-DD` (an RFC 3339 timestamp is cut to its date).
    pub published_at: Option<String>,
    /// Capture time (RFC 3339).
    pub retrieved_at: Option<String>,
    /// Declared media type.
    pub media_type: Option<String>,
    /// The document's own voice.
    pub claimant: Option<Claimant>,
}

/// One input still to visit.
#[derive(Debug)]
enum Item {
    /// A file to read (or skip); `true` when found by walking a folder (not named by the user).
    File(PathBuf, bool),
    /// A listing error, reported in order.
    Error(Error),
}

/// Every document under `paths`, in a deterministic order (sorted paths,
/// WARC records in file order). A broken file yields an `Err` naming it and
/// the walk goes on.
pub fn walk(paths: &[PathBuf]) -> Walker {
    let mut items = VecDeque::new();
    for p in paths {
        collect(p, &mut items);
    }
    Walker {
        items,
        warc: None,
        skipped: Vec::new(),
    }
}

/// Lists `path` (a file, or a folder recursively in sorted order) into `items`.
fn collect(path: &Path, items: &mut VecDeque<Item>) {
    let name = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            items.push_back(Item::Error(Error::io(name, e)));
            return;
        }
    };
    if !meta.is_dir() {
        items.push_back(Item::File(path.to_path_buf(), false));
        return;
    }
    let entries = match std::fs::read_dir(path) {
        Ok(rd) => rd.collect::<std::io::Result<Vec<_>>>(),
        Err(e) => Err(e),
    };
    let mut entries: Vec<PathBuf> = match entries {
        Ok(v) => v.into_iter().map(|e| e.path()).collect(),
        Err(e) => {
            items.push_back(Item::Error(Error::io(name, e)));
            return;
        }
    };
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        let link_to_dir =
            std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink()) && p.is_dir();
        if hidden || link_to_dir {
            // Hidden files (.git, editor droppings) and directory symlinks (cycles) are
            // skipped; the reason is given when the item is reached.
            items.push_back(Item::File(p, true));
        } else if p.is_dir() {
            collect(&p, items);
        } else {
            items.push_back(Item::File(p, true));
        }
    }
}

/// Why a file is not a document, if it is not. A folder's README is documentation
/// of the folder (fixtures, corpora), unless the user names it explicitly.
fn skip_reason(path: &Path, in_folder: bool) -> Option<&'static str> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let lower = name.to_ascii_lowercase();
    if in_folder && matches!(lower.as_str(), "readme" | "readme.md" | "readme.txt") {
        Some("folder README")
    } else if name.starts_with('.') {
        Some("hidden file")
    } else if path.is_dir() {
        Some("directory symlink (not followed)")
    } else if name.ends_with(".meta.json") {
        Some("sidecar")
    } else if name.ends_with(".expected.jsonl") {
        Some("expected-claims file")
    } else if name == "manifest.jsonl" {
        Some("corpus manifest")
    } else if name == INDEX_FILE {
        Some("archive index")
    } else if name.ends_with(".incomplete") {
        Some("WARC file set aside after a crash")
    } else if in_folder && lower.ends_with(".blocks.txt") {
        Some("parser snapshot")
    } else if in_folder && is_tooling(&lower) {
        Some("script, source or data file, not a captured document")
    } else {
        None
    }
}

/// Files that live beside captures (build scripts, document sources, data)
/// but are not documents themselves; named explicitly, they are still read.
fn is_tooling(lower_name: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        "sh", "py", "rs", "toml", "json", "jsonl", "lock", "md", "ms", "fodt", "docx", "odt",
        "css", "js",
    ];
    lower_name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext))
}

/// Whether `path` is a WARC file by name.
fn is_warc(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// The iterator [`walk`] returns; also reports what it skipped.
#[derive(Debug)]
pub struct Walker {
    /// Files still to visit, in order.
    items: VecDeque<Item>,
    /// The WARC file being read.
    warc: Option<WarcDocuments<BufReader<File>>>,
    /// Everything skipped so far.
    skipped: Vec<Skipped>,
}

impl Walker {
    /// Files and captures skipped so far, with reasons (complete once the walk ends).
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// Opens a WARC file, bounded by its archive index when it sits in a civtrace archive.
    fn open_warc(&mut self, path: &Path) -> Result<()> {
        let base = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = path.parent().unwrap_or(Path::new("."));
        let limit = if dir.join(INDEX_FILE).is_file() {
            let entries = Index::read(dir)?;
            committed_ends(&entries).get(&base).copied()
        } else {
            None
        };
        let reader = WarcReader::open(path)?.with_limit(limit);
        self.warc = Some(WarcDocuments::new(reader, base, path.display().to_string()));
        Ok(())
    }
}

impl Iterator for Walker {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(w) = self.warc.as_mut() {
                let next = w.next();
                self.skipped.extend(w.take_skipped());
                match next {
                    Some(item) => return Some(item),
                    None => self.warc = None,
                }
            }
            let (path, in_folder) = match self.items.pop_front()? {
                Item::Error(e) => return Some(Err(e)),
                Item::File(p, in_folder) => (p, in_folder),
            };
            if let Some(reason) = skip_reason(&path, in_folder) {
                self.skipped.push(Skipped {
                    path: path.display().to_string(),
                    reason: reason.into(),
                });
                continue;
            }
            if is_warc(&path) {
                if let Err(e) = self.open_warc(&path) {
                    return Some(Err(e));
                }
                continue;
            }
            return Some(read_document(&path));
        }
    }
}

/// Reads a plain document and its sidecar, if any.
///
/// # Errors
/// Unreadable or empty files, and unreadable or invalid sidecars, name the file.
pub fn read_document(path: &Path) -> Result<Document> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::io(name.clone(), e))?;
    if bytes.is_empty() {
        return Err(Error::new(ErrorKind::Empty, name, "file is empty"));
    }
    let mut doc = Document::new(name.clone(), bytes);
    let mut sidecar_path = path.as_os_str().to_owned();
    sidecar_path.push(".meta.json");
    let sidecar_path = PathBuf::from(sidecar_path);
    if sidecar_path.is_file() {
        let sc = read_sidecar(&sidecar_path)?;
        apply_sidecar(&mut doc, sc, &sidecar_path.display().to_string())?;
    }
    Ok(doc)
}

/// Parses a sidecar file.
///
/// # Errors
/// I/O and JSON errors name the sidecar.
pub fn read_sidecar(path: &Path) -> Result<Sidecar> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::io(name.clone(), e))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        Error::new(ErrorKind::Json, name, format!("invalid sidecar: {e}")).with_source(e)
    })
}

/// Copies sidecar fields into the document's metadata.
fn apply_sidecar(doc: &mut Document, sc: Sidecar, sidecar: &str) -> Result<()> {
    if let Some(url) = sc.url.filter(|u| !u.trim().is_empty()) {
        doc.meta.url = url;
    }
    if let Some(p) = sc.published_at {
        let day = p.get(..10).unwrap_or(&p);
        let date = day.parse::<jiff::civil::Date>().map_err(|e| {
            Error::new(
                ErrorKind::Json,
                sidecar,
                format!("published_at {p:?} is not a YYYY-MM-DD date: {e}"),
            )
        })?;
        doc.meta.published_at = Some(date);
    }
    doc.meta.retrieved_at = sc.retrieved_at;
    doc.meta.media_type = sc.media_type.filter(|m| !m.trim().is_empty());
    doc.meta.claimant = sc.claimant;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_rules() {
        for (name, skipped) in [
            ("a.html.meta.json", true),
            ("a.expected.jsonl", true),
            ("manifest.jsonl", true),
            ("index.jsonl", true),
            (".gitignore", true),
            ("a.html", false),
            ("report.pdf", false),
            ("make.sh", true),
            ("lo_civcas.fodt", true),
            ("lo_civcas.blocks.txt", true),
            ("release.txt", false),
        ] {
            assert_eq!(
                skip_reason(Path::new(name), true).is_some(),
                skipped,
                "{name}"
            );
        }
        assert!(skip_reason(Path::new("fixtures/README.md"), true).is_some());
        assert!(skip_reason(Path::new("README.md"), false).is_none());
        assert!(is_warc(Path::new("x/A.WARC.GZ")));
        assert!(!is_warc(Path::new("x/a.warc.gz.incomplete")));
    }
}
