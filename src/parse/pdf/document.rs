//! Loading a PDF with lopdf under limits: size caps on decoded streams, the
//! empty-password decryption attempt, and a panic guard around lopdf itself.
//!
//! lopdf is hardened (it bounds decompression and page-tree depth), but it is a
//! large parser of hostile bytes; a panic inside it must not take down a cron
//! run, so loading runs under `catch_unwind` as a last resort and a panic
//! becomes an [`ErrorKind::Pdf`] error naming the file.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::{Dictionary, Object, ObjectId};

use crate::error::{Error, ErrorKind, Result};

/// Largest decoded size of any single stream (object streams, fonts, content):
/// real report PDFs stay far below; a decompression bomb does not.
pub(super) const MAX_STREAM_BYTES: usize = 32 * 1024 * 1024;

/// Largest total decoded content of one page (all its content streams).
pub(super) const MAX_PAGE_CONTENT_BYTES: usize = 32 * 1024 * 1024;

/// Largest input file accepted at all.
pub(super) const MAX_FILE_BYTES: usize = 512 * 1024 * 1024;

/// How many reference hops `resolve` follows before giving up (cycles).
const MAX_DEREF: usize = 32;

/// A loaded PDF and its page list.
pub(super) struct PdfFile {
    /// The lopdf object model.
    pub doc: lopdf::Document,
    /// Page object ids in page order (index 0 = page 1).
    pub pages: Vec<ObjectId>,
}

/// Loads `bytes` as a PDF, decrypting with the empty user password if needed.
///
/// # Errors
/// Not a PDF, truncated or unreadable structure, encryption that the empty
/// password does not open, a decoded stream over the cap, or a panic inside
/// lopdf: each an error naming `name`.
pub(super) fn load(bytes: &[u8], name: &str) -> Result<PdfFile> {
    if bytes.is_empty() {
        return Err(Error::new(ErrorKind::Empty, name, "the PDF file is empty"));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            name,
            format!(
                "the PDF is {} bytes, over the {MAX_FILE_BYTES}-byte limit",
                bytes.len()
            ),
        ));
    }
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_none() {
        return Err(Error::new(
            ErrorKind::Pdf,
            name,
            "not a PDF: no %PDF- header in the first 1024 bytes",
        ));
    }
    let options = || lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..lopdf::LoadOptions::default()
    };
    let loaded = catch_unwind(AssertUnwindSafe(|| {
        lopdf::Document::load_mem_with_options(bytes, options())
    }));
    let mut doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(lopdf_error(name, "cannot read the PDF structure", e)),
        Err(_) => {
            return Err(Error::new(
                ErrorKind::Pdf,
                name,
                "the PDF reader failed on malformed input (internal panic caught)",
            ))
        }
    };
    if doc.is_encrypted() {
        let decrypted = catch_unwind(AssertUnwindSafe(|| doc.decrypt("")));
        match decrypted {
            Ok(Ok(())) => {}
            _ => {
                return Err(Error::new(
                    ErrorKind::Pdf,
                    name,
                    "the PDF is encrypted and the empty user password does not open it",
                ))
            }
        }
    }
    let pages = catch_unwind(AssertUnwindSafe(|| doc.page_iter().collect::<Vec<_>>()))
        .map_err(|_| Error::new(ErrorKind::Pdf, name, "the page tree is malformed"))?;
    if pages.is_empty() {
        let why = if doc.trailer.has(b"Encrypt") {
            "the PDF is encrypted and the empty user password does not open it"
        } else {
            "the PDF has no readable pages (broken or truncated page tree)"
        };
        return Err(Error::new(ErrorKind::Pdf, name, why));
    }
    Ok(PdfFile { doc, pages })
}

/// Maps a lopdf error to a civtrace error, keeping decompression bombs apart.
pub(super) fn lopdf_error(name: &str, what: &str, e: lopdf::Error) -> Error {
    let kind = match &e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            ErrorKind::TooLarge
        }
        _ => ErrorKind::Pdf,
    };
    let message = if kind == ErrorKind::TooLarge {
        format!("{what}: a stream decodes to more than {MAX_STREAM_BYTES} bytes")
    } else {
        format!("{what}: {e}")
    };
    Error::new(kind, name, message).with_source(e)
}

impl PdfFile {
    /// Follows references (bounded, so cycles end) to a direct object.
    pub fn resolve<'a>(&'a self, mut obj: &'a Object) -> Option<&'a Object> {
        for _ in 0..MAX_DEREF {
            match obj {
                Object::Reference(id) => obj = self.doc.objects.get(id)?,
                other => return Some(other),
            }
        }
        None
    }

    /// `dict[key]`, resolved.
    pub fn get<'a>(&'a self, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        self.resolve(dict.get(key).ok()?)
    }

    /// `dict[key]` as a dictionary (a stream's dictionary counts).
    pub fn get_dict<'a>(&'a self, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
        match self.get(dict, key)? {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    /// `dict[key]` as a number.
    pub fn get_num(&self, dict: &Dictionary, key: &[u8]) -> Option<f32> {
        num(self.get(dict, key)?)
    }

    /// `dict[key]` as a name.
    pub fn get_name<'a>(&'a self, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
        match self.get(dict, key)? {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    /// The decoded bytes of the stream at `dict[key]`, capped.
    pub fn stream_bytes(&self, obj: &Object) -> Option<Vec<u8>> {
        match self.resolve(obj)? {
            Object::Stream(s) => decode_stream(s),
            _ => None,
        }
    }

    /// The page's dictionary.
    pub fn page_dict(&self, id: ObjectId) -> Option<&Dictionary> {
        match self.doc.objects.get(&id)? {
            Object::Dictionary(d) => Some(d),
            _ => None,
        }
    }

    /// An inheritable page attribute (`Resources`, `MediaBox`, `CropBox`, `Rotate`),
    /// looked up through `/Parent` links (bounded).
    pub fn inherited<'a>(&'a self, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        let mut node = page;
        for _ in 0..MAX_DEREF {
            if let Some(v) = self.get(node, key) {
                return Some(v);
            }
            node = self.get_dict(node, b"Parent")?;
        }
        None
    }

    /// The page's content, all streams concatenated, decoded under the page cap.
    ///
    /// # Errors
    /// A page whose content decodes past [`MAX_PAGE_CONTENT_BYTES`].
    pub fn page_content(&self, id: ObjectId, name: &str, page_no: usize) -> Result<Vec<u8>> {
        let r = catch_unwind(AssertUnwindSafe(|| {
            self.doc
                .get_page_content_with_limit(id, MAX_PAGE_CONTENT_BYTES)
        }));
        match r {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(lopdf_error(
                name,
                &format!("cannot decode the content of page {page_no}"),
                e,
            )),
            Err(_) => Err(Error::new(
                ErrorKind::Pdf,
                name,
                format!("the content of page {page_no} is malformed (internal panic caught)"),
            )),
        }
    }
}

/// Decodes a stream under [`MAX_STREAM_BYTES`]; undecodable filters give `None`
/// (a broken font or form is skipped, not fatal).
pub(super) fn decode_stream(s: &lopdf::Stream) -> Option<Vec<u8>> {
    let has_filter = s.dict.has(b"Filter");
    if !has_filter {
        return (s.content.len() <= MAX_STREAM_BYTES).then(|| s.content.clone());
    }
    catch_unwind(AssertUnwindSafe(|| {
        s.decompressed_content_with_limit(MAX_STREAM_BYTES)
    }))
    .ok()?
    .ok()
}

/// An integer or real object as f32.
pub(super) fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_empty_and_non_pdf_with_named_errors() {
        let e = load(b"", "a.pdf").err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("a.pdf: the PDF file is empty (empty)"));
        let e = load(b"<html>hi</html>", "b.pdf").err();
        assert_eq!(e.map(|e| e.kind()), Some(ErrorKind::Pdf));
    }

    #[test]
    fn truncated_header_only_is_an_error() {
        let e = load(b"%PDF-1.4\n1 0 obj\n<<", "t.pdf").err();
        assert_eq!(e.as_ref().map(|e| e.kind()), Some(ErrorKind::Pdf));
        assert_eq!(e.map(|e| e.subject().to_string()).as_deref(), Some("t.pdf"));
    }
}
