//! Reading WARC records from files written by civtrace and by other tools
//! (wget `--warc-file`, warcio, Heritrix): gzip with one member per record,
//! a whole file in one gzip member, or uncompressed; WARC/1.0 or WARC/1.1.
//!
//! The reader decompresses one gzip member (or one chunk of a plain file) at a
//! time into a pending buffer and cuts whole records from its front. A file
//! that ends inside a record, a corrupt gzip member or garbage where a record
//! should start ends the iteration with one `Err` (kind `Warc`) naming the file
//! and byte offset; every complete record before it has been returned.

use super::record::{self, Parsed, Record};
use crate::error::{Error, ErrorKind, Result};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Default cap on one record's block (and on one decompressed gzip member).
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 512 * 1024 * 1024;

/// How much of a plain (uncompressed) file is read at a time.
const PLAIN_CHUNK: usize = 1024 * 1024;

/// A `BufRead` that counts the bytes consumed, so members have file offsets.
#[derive(Debug)]
struct Counting<R> {
    /// The file.
    inner: R,
    /// Bytes consumed so far: the offset of the next unread byte.
    pos: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

/// Iterates over the records of one WARC file.
#[derive(Debug)]
pub struct WarcReader<R> {
    /// The file, with a byte count.
    src: Counting<R>,
    /// The file name for error messages.
    name: String,
    /// Gzip or plain; decided from the first two bytes.
    gzip: Option<bool>,
    /// Decompressed bytes not yet cut into records (from `head` on).
    pending: Vec<u8>,
    /// Index in `pending` of the first byte not yet returned in a record.
    head: usize,
    /// Segments of `pending`: (index in pending, file offset, exact). Gzip members are
    /// not exact (the offset is the member's); plain chunks are.
    segments: Vec<(usize, u64, bool)>,
    /// Stop reading at this file offset (the end of the last indexed capture).
    limit: Option<u64>,
    /// Cap on a record block and on a decompressed member.
    max_record: u64,
    /// Set after the first error or end of input: the iterator is fused.
    done: bool,
}

impl WarcReader<BufReader<File>> {
    /// Opens `path` for reading.
    ///
    /// # Errors
    /// I/O errors name the path.
    pub fn open(path: &Path) -> Result<Self> {
        let name = path.display().to_string();
        let f = File::open(path).map_err(|e| Error::io(name.clone(), e))?;
        Ok(WarcReader::new(
            BufReader::with_capacity(256 * 1024, f),
            name,
        ))
    }
}

impl<R: BufRead> WarcReader<R> {
    /// Reads records from `inner`; `name` names the file in errors.
    pub fn new(inner: R, name: impl Into<String>) -> Self {
        WarcReader {
            src: Counting { inner, pos: 0 },
            name: name.into(),
            gzip: None,
            pending: Vec::new(),
            head: 0,
            segments: Vec::new(),
            limit: None,
            max_record: DEFAULT_MAX_RECORD_BYTES,
            done: false,
        }
    }

    /// Reads only the first `limit` bytes of the file: used with the archive index, so
    /// bytes after the last indexed capture (a write cut by a crash) are never read.
    pub fn with_limit(mut self, limit: Option<u64>) -> Self {
        self.limit = limit;
        self
    }

    /// Caps a record block and a decompressed gzip member (default 512 MiB).
    pub fn with_max_record_bytes(mut self, max: u64) -> Self {
        self.max_record = max;
        self
    }

    /// An error of kind `Warc` naming the file and `offset`.
    fn err(&self, offset: u64, message: impl std::fmt::Display) -> Error {
        Error::new(
            ErrorKind::Warc,
            self.name.clone(),
            format!("at byte offset {offset}: {message}"),
        )
    }

    /// The file offset of index `i` of `pending`.
    fn offset_of(&self, i: usize) -> u64 {
        let seg = self.segments.iter().rev().find(|(start, _, _)| *start <= i);
        match seg {
            Some((start, off, true)) => off + (i - start) as u64,
            Some((_, off, false)) => *off,
            None => self.src.pos,
        }
    }

    /// Bytes left before the limit (u64::MAX without one).
    fn remaining(&self) -> u64 {
        self.limit
            .map_or(u64::MAX, |l| l.saturating_sub(self.src.pos))
    }

    /// Appends the next member or chunk to `pending`; `Ok(false)` at end of input.
    fn fill(&mut self) -> Result<bool> {
        let start = self.src.pos;
        if self.remaining() == 0 {
            return Ok(false);
        }
        let at_eof = match self.src.fill_buf() {
            Ok(b) => b.is_empty(),
            Err(e) => return Err(self.err(start, format!("read failed: {e}"))),
        };
        if at_eof {
            return Ok(false);
        }
        let gzip = match self.gzip {
            Some(g) => g,
            None => {
                let head = self.src.fill_buf().unwrap_or_default();
                let g = head.starts_with(&[0x1f, 0x8b]);
                self.gzip = Some(g);
                g
            }
        };
        let index = self.pending.len();
        if gzip {
            let cap = self.max_record.saturating_mul(2);
            let mut dec = flate2::bufread::GzDecoder::new(&mut self.src);
            let mut out = Vec::new();
            let res = (&mut dec).take(cap.saturating_add(1)).read_to_end(&mut out);
            if let Err(e) = res {
                return Err(self.err(start, format!("gzip member is truncated or corrupt: {e}")));
            }
            if out.len() as u64 > cap {
                return Err(Error::new(
                    ErrorKind::TooLarge,
                    self.name.clone(),
                    format!(
                        "at byte offset {start}: gzip member decompresses to more than {cap} bytes"
                    ),
                ));
            }
            if self.src.pos == start {
                return Err(self.err(start, "gzip member made no progress"));
            }
            if let Some(limit) = self.limit {
                if self.src.pos > limit {
                    return Err(self.err(start, "gzip member runs past the indexed end"));
                }
            }
            self.pending.extend_from_slice(&out);
            self.segments.push((index, start, false));
        } else {
            let want = (PLAIN_CHUNK as u64).min(self.remaining());
            let mut chunk = Vec::new();
            (&mut self.src)
                .take(want)
                .read_to_end(&mut chunk)
                .map_err(|e| self.err(start, format!("read failed: {e}")))?;
            if chunk.is_empty() {
                return Ok(false);
            }
            self.pending.extend_from_slice(&chunk);
            self.segments.push((index, start, true));
        }
        Ok(true)
    }

    /// Drops the first `n` bytes of `pending`, keeping segment indexes right.
    fn drain(&mut self, n: usize) {
        let n = n.min(self.pending.len());
        self.pending.drain(..n);
        let mut kept = Vec::with_capacity(self.segments.len());
        if let Some(&(start, off, exact)) = self.segments.iter().rev().find(|s| s.0 <= n) {
            let off = if exact { off + (n - start) as u64 } else { off };
            kept.push((0, off, exact));
        }
        kept.extend(
            self.segments
                .iter()
                .filter(|s| s.0 > n)
                .map(|&(s, o, e)| (s - n, o, e)),
        );
        self.segments = kept;
        if self.pending.is_empty() {
            self.segments.clear();
        }
    }

    /// The next record, reading more input as needed.
    fn next_record(&mut self) -> Result<Option<Record>> {
        loop {
            let window = self.pending.get(self.head..).unwrap_or_default();
            let lead = self.head
                + window
                    .iter()
                    .position(|b| !matches!(b, b'\r' | b'\n'))
                    .unwrap_or(0);
            match record::parse(window, self.max_record) {
                Parsed::Complete(mut rec, used) => {
                    rec.offset = self.offset_of(lead);
                    self.head += used;
                    return Ok(Some(rec));
                }
                Parsed::Invalid(m) => return Err(self.err(self.offset_of(lead), m)),
                Parsed::Blank => {
                    self.pending.clear();
                    self.segments.clear();
                    self.head = 0;
                    if !self.fill()? {
                        return Ok(None);
                    }
                }
                Parsed::NeedMore => {
                    // Compact before growing, so each byte is moved at most once per fill.
                    let head = std::mem::take(&mut self.head);
                    self.drain(head);
                    if !self.fill()? {
                        let off = self.offset_of(0);
                        return Err(self.err(off, "file ends inside a record (truncated WARC)"));
                    }
                }
            }
        }
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_record() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn rec(body: &str) -> Vec<u8> {
        Record::new(
            vec![("WARC-Type".into(), "resource".into())],
            body.as_bytes().to_vec(),
        )
        .to_bytes()
    }

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn read_all(bytes: &[u8]) -> (Vec<Record>, Option<Error>) {
        let mut ok = Vec::new();
        for r in WarcReader::new(bytes, "t.warc") {
            match r {
                Ok(r) => ok.push(r),
                Err(e) => return (ok, Some(e)),
            }
        }
        (ok, None)
    }

    #[test]
    fn plain_records_have_exact_offsets() {
        let (a, b) = (rec("one"), rec("two"));
        let all = [a.clone(), b].concat();
        let (recs, err) = read_all(&all);
        assert!(err.is_none());
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].offset, a.len() as u64);
        assert_eq!(recs[1].block, b"two");
    }

    #[test]
    fn gzip_members_have_member_offsets_and_whole_file_gzip_works() {
        let (a, b) = (gz(&rec("one")), gz(&rec("two")));
        let (recs, err) = read_all(&[a.clone(), b].concat());
        assert!(err.is_none());
        assert_eq!(recs[1].offset, a.len() as u64);
        let whole = gz(&[rec("one"), rec("two"), rec("three")].concat());
        let (recs, err) = read_all(&whole);
        assert!(err.is_none(), "{err:?}");
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[2].block, b"three");
    }

    #[test]
    fn truncated_and_garbage_tails_are_errors_after_good_records() {
        let a = gz(&rec("one"));
        let b = gz(&rec("two"));
        let cut = [a.clone(), b[..b.len() / 2].to_vec()].concat();
        let (recs, err) = read_all(&cut);
        assert_eq!(recs.len(), 1);
        let e = err.expect("error");
        assert_eq!(e.kind(), ErrorKind::Warc);
        assert!(
            e.to_string().contains(&format!("offset {}", a.len())),
            "{e}"
        );
        let garbage = [a.clone(), b"\x1f\x8bxx".to_vec()].concat();
        let (recs, err) = read_all(&garbage);
        assert_eq!((recs.len(), err.is_some()), (1, true));
        let plain_garbage = [rec("one"), b"hello".to_vec()].concat();
        let (recs, err) = read_all(&plain_garbage);
        assert_eq!((recs.len(), err.is_some()), (1, true));
    }

    #[test]
    fn limit_hides_the_unindexed_tail() {
        let a = gz(&rec("one"));
        let all = [a.clone(), gz(&rec("two")), b"torn".to_vec()].concat();
        let recs: Vec<_> = WarcReader::new(&all[..], "t")
            .with_limit(Some(a.len() as u64))
            .collect();
        assert_eq!(recs.len(), 1);
        assert!(recs[0].is_ok());
    }

    #[test]
    fn oversized_record_is_refused() {
        let all = rec(&"x".repeat(100));
        let mut r = WarcReader::new(&all[..], "t").with_max_record_bytes(10);
        let e = r.next().unwrap().unwrap_err();
        assert!(e.to_string().contains("cap"), "{e}");
        assert!(r.next().is_none());
    }
}
