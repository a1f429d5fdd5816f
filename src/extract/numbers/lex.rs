//! A small lexer for number finding: words, digit runs, mixed alphanumerics
//! (ids, ordinals) and single punctuation characters, with byte spans.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters, with internal hyphens and apostrophes ("twenty-five", "Mar'a").
    Word,
    /// Digits with glued `,`/`.` groups ("1,139", "2.5", "36.1234").
    Digits,
    /// Letters and digits mixed ("CS1033", "5th", "15E"): never a count.
    Alnum,
    /// One character of anything else.
    Punct,
}

/// A token: its kind and byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: Kind,
    /// Byte offset of its first char.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
}

/// Splits `text` into tokens (whitespace dropped).
pub fn lex(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((s, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = s + c.len_utf8();
            let mut alnum = false;
            while let Some(&(k, d)) = it.peek() {
                // a `,` or `.` only joins when a digit follows ("1,139", "2.5")
                let joins = (d == ',' || d == '.')
                    && text[k + 1..]
                        .chars()
                        .next()
                        .is_some_and(|x| x.is_ascii_digit());
                if d.is_ascii_digit() || joins {
                    end = k + 1;
                    it.next();
                } else if d.is_alphabetic() {
                    alnum = true;
                    end = k + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let kind = if alnum { Kind::Alnum } else { Kind::Digits };
            out.push(Token {
                kind,
                start: s,
                end,
            });
        } else if c.is_alphabetic() {
            let mut end = s + c.len_utf8();
            let mut digits = false;
            while let Some(&(k, d)) = it.peek() {
                let next_alpha = || {
                    text[k + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(|x| x.is_alphabetic())
                };
                if d.is_alphabetic() {
                    end = k + d.len_utf8();
                    it.next();
                } else if d.is_ascii_digit() {
                    digits = true;
                    end = k + 1;
                    it.next();
                } else if matches!(d, '-' | '\'' | '’') && next_alpha() {
                    end = k + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let kind = if digits { Kind::Alnum } else { Kind::Word };
            out.push(Token {
                kind,
                start: s,
                end,
            });
        } else {
            out.push(Token {
                kind: Kind::Punct,
                start: s,
                end: s + c.len_utf8(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<(Kind, &str)> {
        lex(t)
            .iter()
            .map(|k| (k.kind, &t[k.start..k.end]))
            .collect()
    }

    #[test]
    fn lexes_numbers_words_and_ids() {
        assert_eq!(
            kinds("CS1033 5th 1,139 twenty-five F-15E"),
            vec![
                (Kind::Alnum, "CS1033"),
                (Kind::Alnum, "5th"),
                (Kind::Digits, "1,139"),
                (Kind::Word, "twenty-five"),
                (Kind::Word, "F"),
                (Kind::Punct, "-"),
                (Kind::Alnum, "15E"),
            ]
        );
        assert_eq!(
            kinds("3–7."),
            vec![
                (Kind::Digits, "3"),
                (Kind::Punct, "–"),
                (Kind::Digits, "7"),
                (Kind::Punct, ".")
            ]
        );
    }
}
