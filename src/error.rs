//! Errors as a type with a kind: every failure names the document (or file, or
//! URL) it concerns and says what went wrong in one sentence.

use std::fmt;

/// What went wrong, coarsely, so callers can decide (skip the document, stop
/// the run, exit 2) without matching on message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing a local file failed.
    Io,
    /// A pipeline file or command-line option is invalid (exit code 2).
    Config,
    /// The document is empty.
    Empty,
    /// The media type is neither HTML, PDF nor plain text.
    UnsupportedMediaType,
    /// Text is not valid in the encoding it declares.
    Encoding,
    /// The HTML could not be turned into text blocks.
    Html,
    /// The PDF is malformed, encrypted beyond the empty password, or hostile.
    Pdf,
    /// A WARC file is truncated or malformed.
    Warc,
    /// A decoded stream or response is larger than the configured cap.
    TooLarge,
    /// A network fetch failed (after retries where those apply).
    Fetch,
    /// A fetch was refused by policy: robots.txt, host allow-list, private address.
    Refused,
    /// The SQLite store or another sink failed.
    Store,
    /// A JSON or sidecar file could not be read.
    Json,
    /// A bug in civtrace (a caught panic); the message asks for a report.
    Internal,
}

impl ErrorKind {
    /// A short, stable name for logs and summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Config => "config",
            ErrorKind::Empty => "empty",
            ErrorKind::UnsupportedMediaType => "unsupported_media_type",
            ErrorKind::Encoding => "encoding",
            ErrorKind::Html => "html",
            ErrorKind::Pdf => "pdf",
            ErrorKind::Warc => "warc",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Fetch => "fetch",
            ErrorKind::Refused => "refused",
            ErrorKind::Store => "store",
            ErrorKind::Json => "json",
            ErrorKind::Internal => "internal",
        }
    }
}

/// A civtrace error: its kind, the document or file it concerns, and the
/// problem in words.
#[derive(Debug)]
pub struct Error {
    /// What kind of failure this is.
    kind: ErrorKind,
    /// The document, file or URL concerned (may be empty for global errors).
    subject: String,
    /// The problem, as a sentence fragment ("xref table is truncated").
    message: String,
    /// The lower-level cause, kept for `source()` chains.
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    /// Builds an error of `kind` about `subject` (a path, URL or document name).
    pub fn new(kind: ErrorKind, subject: impl Into<String>, message: impl Into<String>) -> Error {
        Error {
            kind,
            subject: subject.into(),
            message: message.into(),
            source: None,
        }
    }

    /// Attaches the lower-level cause.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.source = Some(Box::new(source));
        self
    }

    /// Replaces the subject (used when a lower layer did not know the document name).
    pub fn with_subject(mut self, subject: impl Into<String>) -> Error {
        self.subject = subject.into();
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The document, file or URL the error concerns.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The problem, without the subject.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Shorthand for an I/O error on a path.
    pub fn io(subject: impl Into<String>, err: std::io::Error) -> Error {
        let message = err.to_string();
        Error::new(ErrorKind::Io, subject, message).with_source(err)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.subject.is_empty() {
            write!(f, "{}: {}", self.kind.as_str(), self.message)
        } else {
            write!(
                f,
                "{}: {} ({})",
                self.subject,
                self.message,
                self.kind.as_str()
            )
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_subject_and_problem() {
        let e = Error::new(ErrorKind::Pdf, "report.pdf", "xref table is truncated");
        assert_eq!(e.to_string(), "report.pdf: xref table is truncated (pdf)");
        assert_eq!(e.kind(), ErrorKind::Pdf);
    }
}
