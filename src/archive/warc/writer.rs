//! Appending captures to WARC 1.1 files: one gzip member per record, a
//! `warcinfo` record at the start of every file, rotation by size, and the
//! crash-safe commit order write → fsync → index → fsync (see
//! [`crate::archive::index`]). On open, bytes past the last indexed end of each
//! file are cut, so a torn write is never read back as a capture.

use super::compose::{archived_head, common, request_record, status_of};
use super::record::Record;
use super::{new_record_id, sha256_digest, warc_date, Capture, CaptureRef};
use crate::archive::index::{committed_ends, Index, IndexEntry};
use crate::error::{Error, ErrorKind, Result};
use flate2::write::GzEncoder;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Files are rotated once they reach this size (1 GiB, the usual WARC size).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// The WARC 1.1 revisit profile for an identical payload.
pub const PROFILE_IDENTICAL: &str =
    "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest";
/// The WARC 1.1 revisit profile for a `304 Not Modified` answer.
pub const PROFILE_NOT_MODIFIED: &str =
    "http://netpreserve.org/warc/1.1/revisit/server-not-modified";

/// Our WARC files' name prefix; files without it are never touched on recovery.
const PREFIX: &str = "civtrace-";

/// The file being appended to.
#[derive(Debug)]
struct Current {
    /// Base name.
    name: String,
    /// Open for append.
    file: File,
    /// Committed length.
    len: u64,
    /// The file's warcinfo record id, for `WARC-Warcinfo-ID`.
    warcinfo_id: String,
}

/// Appends captures to WARC files in an archive directory.
///
/// One writer per directory at a time: two processes appending to one archive
/// would interleave records.
#[derive(Debug)]
pub struct WarcWriter {
    /// The archive directory.
    dir: PathBuf,
    /// The commit log.
    index: Index,
    /// The file being appended to, once one is open.
    current: Option<Current>,
    /// Rotation threshold.
    max_file_bytes: u64,
    /// The next file serial (names sort in creation order even if the clock jumps).
    next_serial: u64,
    /// Response record id → (URL, WARC-Date), for the `WARC-Refers-To-*` fields of revisits.
    originals: HashMap<String, (String, String)>,
}

impl WarcWriter {
    /// Opens (creating) an archive directory for writing, cutting uncommitted tails
    /// left by a crash.
    ///
    /// # Errors
    /// I/O errors name the directory or file; a WARC file shorter than its index
    /// says (damage no crash can cause) is a `Warc` error.
    pub fn open(dir: &Path) -> Result<WarcWriter> {
        let dname = dir.display().to_string();
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dname.clone(), e))?;
        let index = Index::open(dir)?;
        // The index file may be new: make its directory entry durable.
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::io(dname.clone(), e))?;
        let ends = committed_ends(index.entries());
        let mut ours: Vec<String> = Vec::new();
        let mut max_serial = 0;
        for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dname.clone(), e))? {
            let entry = entry.map_err(|e| Error::io(dname.clone(), e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(PREFIX) && name.ends_with(".warc.gz") {
                ours.push(name);
            } else if name.starts_with(PREFIX) {
                // Files set aside after a crash keep their serial: never reuse it.
                max_serial = max_serial.max(serial_of(&name));
            }
        }
        ours.sort();
        for name in &ours {
            max_serial = max_serial.max(serial_of(name));
            let path = dir.join(name);
            let pname = path.display().to_string();
            let len = std::fs::metadata(&path)
                .map_err(|e| Error::io(pname.clone(), e))?
                .len();
            match ends.get(name) {
                Some(&end) if len > end => {
                    tracing::warn!(file = %pname, committed = end, length = len, "cutting uncommitted WARC tail");
                    let f = OpenOptions::new()
                        .write(true)
                        .open(&path)
                        .map_err(|e| Error::io(pname.clone(), e))?;
                    f.set_len(end)
                        .and_then(|()| f.sync_all())
                        .map_err(|e| Error::io(pname.clone(), e))?;
                }
                Some(&end) if len < end => {
                    return Err(Error::new(
                        ErrorKind::Warc,
                        pname,
                        format!("file has {len} bytes but the index committed {end}"),
                    ))
                }
                Some(_) => {}
                None => {
                    // Created but its warcinfo never committed: nothing in it counts.
                    let aside = dir.join(format!("{name}.incomplete"));
                    tracing::warn!(file = %pname, "setting aside a WARC file with no committed records");
                    std::fs::rename(&path, &aside).map_err(|e| Error::io(pname.clone(), e))?;
                }
            }
        }
        let mut originals = HashMap::new();
        for e in index.entries() {
            if e.record_type == "response" {
                originals.insert(
                    e.record_id.clone(),
                    (e.url.clone().unwrap_or_default(), e.date.clone()),
                );
            }
        }
        // Resume appending to the newest committed file.
        let mut current = None;
        if let Some(name) = ours.iter().rev().find(|n| ends.contains_key(*n)) {
            let warcinfo_id = index
                .entries()
                .iter()
                .find(|e| &e.warc_file == name && e.record_type == "warcinfo")
                .map(|e| e.record_id.clone());
            if let (Some(warcinfo_id), Some(&len)) = (warcinfo_id, ends.get(name)) {
                let path = dir.join(name);
                let file = OpenOptions::new()
                    .append(true)
                    .open(&path)
                    .map_err(|e| Error::io(path.display().to_string(), e))?;
                current = Some(Current {
                    name: name.clone(),
                    file,
                    len,
                    warcinfo_id,
                });
            }
        }
        Ok(WarcWriter {
            dir: dir.to_path_buf(),
            index,
            current,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            next_serial: max_serial + 1,
            originals,
        })
    }

    /// Sets the size at which a new file is started (default 1 GiB).
    pub fn with_max_file_bytes(mut self, max: u64) -> WarcWriter {
        self.max_file_bytes = max.max(1);
        self
    }

    /// The committed index entries (warcinfo, captures, revisits), in order.
    pub fn index_entries(&self) -> &[IndexEntry] {
        self.index.entries()
    }

    /// The archive directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The latest committed capture of `url` with this payload digest, if any.
    ///
    /// A crash between the archive commit and the store commit leaves a capture in
    /// the archive that the store never saw; the next run fetches the URL again. To
    /// archive it exactly once, the run asks for it here and, when
    /// [`crate::store::Store::has_capture`] says the store lacks it, reuses it instead
    /// of calling [`WarcWriter::write_capture`].
    pub fn find_capture(&self, url: &str, payload_digest: &str) -> Option<CaptureRef> {
        self.index
            .entries()
            .iter()
            .rev()
            .find(|e| {
                e.record_type == "response"
                    && e.url.as_deref() == Some(url)
                    && e.digest.as_deref() == Some(payload_digest)
            })
            .map(|e| CaptureRef {
                warc_file: e.warc_file.clone(),
                record_id: e.record_id.clone(),
                payload_digest: payload_digest.to_string(),
            })
    }

    /// Writes request, response and metadata records for a capture, fsyncs, then indexes it.
    ///
    /// # Errors
    /// I/O errors name the WARC file.
    pub fn write_capture(&mut self, capture: &Capture) -> Result<CaptureRef> {
        let (file_name, warcinfo_id) = self.ensure_file()?;
        let response_id = new_record_id();
        let date = warc_date(capture.retrieved_at);
        let head = archived_head(&capture.response_head, capture.body.len());
        let status = status_of(&head);
        let block = [head.as_slice(), capture.body.as_slice()].concat();
        let payload_digest = sha256_digest(&capture.body);
        let mut records = Vec::new();
        if !capture.request_head.is_empty() {
            records.push(request_record(capture, &date, &warcinfo_id, &response_id));
        }
        let main = records.len();
        let mut headers = common("response", &response_id, &date, &capture.url, &warcinfo_id);
        if let Some(ip) = capture.ip {
            headers.push(("WARC-IP-Address".into(), ip.to_string()));
        }
        headers.push(("WARC-Block-Digest".into(), sha256_digest(&block)));
        headers.push(("WARC-Payload-Digest".into(), payload_digest.clone()));
        headers.push((
            "Content-Type".into(),
            "application/http;msgtype=response".into(),
        ));
        records.push(Record::new(headers, block));
        let mut meta = common(
            "metadata",
            &new_record_id(),
            &date,
            &capture.url,
            &warcinfo_id,
        );
        meta.push(("WARC-Concurrent-To".into(), response_id.clone()));
        meta.push(("Content-Type".into(), "application/warc-fields".into()));
        let fields = format!(
            "software: civtrace/{}\r\npayload-sha256: {}\r\n",
            env!("CARGO_PKG_VERSION"),
            crate::document::sha256_hex(&capture.body)
        );
        meta.push(("WARC-Block-Digest".into(), sha256_digest(fields.as_bytes())));
        records.push(Record::new(meta, fields.into_bytes()));
        self.commit(
            &records,
            main,
            IndexEntry {
                warc_file: file_name.clone(),
                offset: 0,
                length: 0,
                end: 0,
                record_type: "response".into(),
                record_id: response_id.clone(),
                url: Some(capture.url.clone()),
                date: date.clone(),
                digest: Some(payload_digest.clone()),
                status,
                refers_to: None,
            },
        )?;
        self.originals
            .insert(response_id.clone(), (capture.url.clone(), date));
        Ok(CaptureRef {
            warc_file: file_name,
            record_id: response_id,
            payload_digest,
        })
    }

    /// Writes a `revisit` record (identical payload digest) for an unchanged capture.
    /// A `304 Not Modified` capture with an empty body gets the server-not-modified
    /// profile instead. The returned reference is the revisit's; its digest is the original's.
    ///
    /// # Errors
    /// I/O errors name the WARC file; a body whose digest differs from the original's
    /// is a `Warc` error naming the URL (write a full capture instead).
    pub fn write_revisit(
        &mut self,
        capture: &Capture,
        original: &CaptureRef,
    ) -> Result<CaptureRef> {
        let head = archived_head(&capture.response_head, capture.body.len());
        let status = status_of(&head);
        let profile = if capture.body.is_empty() && status == Some(304) {
            PROFILE_NOT_MODIFIED
        } else {
            if sha256_digest(&capture.body) != original.payload_digest {
                return Err(Error::new(
                    ErrorKind::Warc,
                    capture.url.clone(),
                    "payload differs from the original capture: not a revisit",
                ));
            }
            PROFILE_IDENTICAL
        };
        let (file_name, warcinfo_id) = self.ensure_file()?;
        let revisit_id = new_record_id();
        let date = warc_date(capture.retrieved_at);
        let mut records = Vec::new();
        if !capture.request_head.is_empty() {
            records.push(request_record(capture, &date, &warcinfo_id, &revisit_id));
        }
        let main = records.len();
        let mut headers = common("revisit", &revisit_id, &date, &capture.url, &warcinfo_id);
        if let Some(ip) = capture.ip {
            headers.push(("WARC-IP-Address".into(), ip.to_string()));
        }
        headers.push(("WARC-Profile".into(), profile.into()));
        headers.push(("WARC-Refers-To".into(), original.record_id.clone()));
        let (orig_url, orig_date) = self
            .originals
            .get(&original.record_id)
            .cloned()
            .unwrap_or_else(|| (capture.url.clone(), String::new()));
        headers.push(("WARC-Refers-To-Target-URI".into(), orig_url));
        if !orig_date.is_empty() {
            headers.push(("WARC-Refers-To-Date".into(), orig_date));
        }
        headers.push(("WARC-Block-Digest".into(), sha256_digest(&head)));
        headers.push((
            "WARC-Payload-Digest".into(),
            original.payload_digest.clone(),
        ));
        headers.push((
            "Content-Type".into(),
            "application/http;msgtype=response".into(),
        ));
        records.push(Record::new(headers, head));
        self.commit(
            &records,
            main,
            IndexEntry {
                warc_file: file_name.clone(),
                offset: 0,
                length: 0,
                end: 0,
                record_type: "revisit".into(),
                record_id: revisit_id.clone(),
                url: Some(capture.url.clone()),
                date,
                digest: Some(original.payload_digest.clone()),
                status,
                refers_to: Some(original.record_id.clone()),
            },
        )?;
        Ok(CaptureRef {
            warc_file: file_name,
            record_id: revisit_id,
            payload_digest: original.payload_digest.clone(),
        })
    }

    /// The current file (name, warcinfo id), starting a new one when there is none
    /// or the current one is full.
    fn ensure_file(&mut self) -> Result<(String, String)> {
        if let Some(c) = &self.current {
            if c.len < self.max_file_bytes {
                return Ok((c.name.clone(), c.warcinfo_id.clone()));
            }
        }
        let now = jiff::Timestamp::now();
        let stamp = now.strftime("%Y%m%d%H%M%S").to_string();
        let name = format!("{PREFIX}{:05}-{stamp}.warc.gz", self.next_serial);
        self.next_serial += 1;
        let path = self.dir.join(&name);
        let pname = path.display().to_string();
        let file = OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(&path)
            .map_err(|e| Error::io(pname.clone(), e))?;
        // Make the new directory entry durable before anything refers to it.
        File::open(&self.dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::io(self.dir.display().to_string(), e))?;
        let warcinfo_id = new_record_id();
        let date = warc_date(now);
        self.current = Some(Current {
            name: name.clone(),
            file,
            len: 0,
            warcinfo_id: warcinfo_id.clone(),
        });
        let fields = format!(
            "software: civtrace/{}\r\nformat: WARC File Format 1.1\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n",
            env!("CARGO_PKG_VERSION")
        );
        let info = Record::new(
            vec![
                ("WARC-Type".into(), "warcinfo".into()),
                ("WARC-Record-ID".into(), warcinfo_id.clone()),
                ("WARC-Date".into(), date.clone()),
                ("WARC-Filename".into(), name.clone()),
                ("Content-Type".into(), "application/warc-fields".into()),
                ("WARC-Block-Digest".into(), sha256_digest(fields.as_bytes())),
            ],
            fields.into_bytes(),
        );
        self.commit(
            &[info],
            0,
            IndexEntry {
                warc_file: name.clone(),
                offset: 0,
                length: 0,
                end: 0,
                record_type: "warcinfo".into(),
                record_id: warcinfo_id.clone(),
                url: None,
                date,
                digest: None,
                status: None,
                refers_to: None,
            },
        )?;
        Ok((name, warcinfo_id))
    }

    /// Appends `records` (one gzip member each) to the current file, fsyncs, then
    /// indexes `entry` with the offsets of `records[main]` filled in. After a failure
    /// the next write starts a new file; the next open cuts whatever was not committed.
    fn commit(&mut self, records: &[Record], main: usize, mut entry: IndexEntry) -> Result<()> {
        let Some(cur) = self.current.as_mut() else {
            return Err(Error::new(
                ErrorKind::Warc,
                self.dir.display().to_string(),
                "no WARC file is open",
            ));
        };
        let pname = self.dir.join(&cur.name).display().to_string();
        let mut buf = Vec::new();
        for (i, r) in records.iter().enumerate() {
            let start = buf.len() as u64;
            let mut gz = GzEncoder::new(&mut buf, flate2::Compression::default());
            gz.write_all(&r.to_bytes())
                .and_then(|()| gz.finish().map(|_| ()))
                .map_err(|e| Error::io(pname.clone(), e))?;
            if i == main {
                entry.offset = cur.len + start;
                entry.length = buf.len() as u64 - start;
            }
        }
        let base = cur.len;
        let written = cur.file.write_all(&buf).and_then(|()| cur.file.sync_data());
        if let Err(e) = written {
            // What reached the file is uncommitted; the next open cuts it. This writer
            // no longer knows the file's length, so it starts a new file next time.
            self.current = None;
            return Err(Error::io(pname, e));
        }
        entry.end = base + buf.len() as u64;
        if let Err(e) = self.index.append(entry) {
            // The index line may or may not have reached the disk: leave the WARC bytes
            // (the next open keeps or cuts them to match the index) and move to a new file.
            self.current = None;
            return Err(e);
        }
        cur.len = base + buf.len() as u64;
        Ok(())
    }
}

/// The serial in a file name `civtrace-NNNNN-….warc.gz` (0 if absent).
fn serial_of(name: &str) -> u64 {
    name.strip_prefix(PREFIX)
        .and_then(|r| r.split('-').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_parse() {
        assert_eq!(serial_of("civtrace-00012-20181130000000.warc.gz"), 12);
        assert_eq!(serial_of("other.warc.gz"), 0);
    }
}
