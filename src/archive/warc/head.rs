//! The head of a message: where it ends and its `Name: value` fields. WARC
//! record headers and archived HTTP response heads share the syntax (RFC 822
//! style lines, LF or CRLF, folded continuation lines) but not the policy
//! for a line without a colon, which the caller chooses.

use memchr::memmem;

/// What to do with a field line that has no colon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NoColon {
    /// Ignore it (HTTP heads from the wild carry junk lines browsers ignore).
    Skip,
    /// Refuse the head (a WARC record header must be well formed).
    Reject,
}

/// Where the head ends in `buf`: (length of the head text, length of the
/// blank-line separator), for CRLF or bare-LF heads, whichever comes first.
pub(super) fn head_end(buf: &[u8]) -> Option<(usize, usize)> {
    let crlf = memmem::find(buf, b"\r\n\r\n").map(|i| (i, 4));
    let lf = memmem::find(buf, b"\n\n").map(|i| (i, 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The fields of the head lines after the first (status or version) line.
/// A line starting with a space or tab continues the previous field.
///
/// # Errors
/// With [`NoColon::Reject`], the first line without a colon.
pub(super) fn fields<'a>(
    lines: impl Iterator<Item = &'a str>,
    policy: NoColon,
) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = out.last_mut() {
                v.push(' ');
                v.push_str(line.trim());
                continue;
            }
        }
        match line.split_once(':') {
            Some((k, v)) => out.push((k.trim().to_string(), v.trim().to_string())),
            None if policy == NoColon::Skip => {}
            None => return Err(line.to_string()),
        }
    }
    Ok(out)
}

/// The head's lines with their line ends removed.
pub(super) fn lines(head: &str) -> impl Iterator<Item = &str> {
    head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earliest_blank_line_ends_the_head() {
        assert_eq!(head_end(b"A: 1\r\n\r\nbody\n\n"), Some((4, 4)));
        assert_eq!(head_end(b"A: 1\n\nbody\r\n\r\n"), Some((4, 2)));
        assert_eq!(head_end(b"A: 1\r\n"), None);
    }

    #[test]
    fn folding_and_the_no_colon_policy() {
        let head = "A: 1\n  more\njunk\nB:2";
        assert_eq!(
            fields(lines(head), NoColon::Skip).unwrap(),
            vec![("A".into(), "1 more".into()), ("B".into(), "2".into())]
        );
        assert_eq!(fields(lines(head), NoColon::Reject).unwrap_err(), "junk");
    }
}
