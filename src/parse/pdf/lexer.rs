//! A forgiving tokenizer for content streams and CMaps.
//!
//! Written here rather than using lopdf's content parser because that parser
//! rejects a whole page on one malformed token; this one skips what it cannot
//! read, so one bad operator loses one operator, not the page. It never
//! allocates per token except for strings, names and arrays.

/// One operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Operand {
    /// An integer or real.
    Num(f32),
    /// A literal or hex string, decoded to bytes.
    Str(Vec<u8>),
    /// A name, without the slash.
    Name(Vec<u8>),
    /// An array (used by `TJ`).
    Array(Vec<Operand>),
    /// Anything else (dictionaries, booleans, null): kept only to count operands.
    Other,
}

/// A token: an operand or an operator keyword.
#[derive(Debug, PartialEq)]
pub(super) enum Token<'a> {
    /// An operand.
    Operand(Operand),
    /// An operator keyword such as `Tj` or `BT`.
    Op(&'a [u8]),
}

/// Deepest array/dictionary nesting read before the rest is skipped.
const MAX_NESTING: usize = 32;

/// A cursor over content-stream bytes.
pub(super) struct Lexer<'a> {
    /// The bytes.
    data: &'a [u8],
    /// Read position.
    pos: usize,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `data`.
    pub fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer { data, pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            if is_ws(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or `None` at the end.
    pub fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            self.skip_ws();
            let b = self.peek()?;
            if let Some(op) = self.operand(0) {
                return Some(Token::Operand(op));
            }
            if b == b']' || b == b'>' || b == b')' || b == b'}' || b == b'{' {
                self.pos += 1;
                continue;
            }
            let start = self.pos;
            while let Some(c) = self.peek() {
                if is_ws(c) || is_delim(c) {
                    break;
                }
                self.pos += 1;
            }
            if self.pos == start {
                self.pos += 1;
                continue;
            }
            return Some(Token::Op(&self.data[start..self.pos]));
        }
    }

    /// Reads an operand at the cursor, or returns `None` (cursor unchanged) if
    /// the next token is a keyword.
    fn operand(&mut self, depth: usize) -> Option<Operand> {
        self.skip_ws();
        let b = self.peek()?;
        match b {
            b'(' => Some(Operand::Str(self.literal_string())),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                self.skip_dict(depth);
                Some(Operand::Other)
            }
            b'<' => Some(Operand::Str(self.hex_string())),
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                while let Some(c) = self.peek() {
                    if is_ws(c) || is_delim(c) {
                        break;
                    }
                    self.pos += 1;
                }
                Some(Operand::Name(self.data[start..self.pos].to_vec()))
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    match self.peek() {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        _ => {}
                    }
                    if depth >= MAX_NESTING {
                        self.pos += 1;
                        continue;
                    }
                    match self.operand(depth + 1) {
                        Some(op) => items.push(op),
                        None => {
                            // A keyword inside an array: skip it.
                            let before = self.pos;
                            while let Some(c) = self.peek() {
                                if is_ws(c) || is_delim(c) {
                                    break;
                                }
                                self.pos += 1;
                            }
                            if self.pos == before {
                                self.pos += 1;
                            }
                        }
                    }
                }
                Some(Operand::Array(items))
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => Some(self.number()),
            _ => {
                let rest = &self.data[self.pos..];
                for (kw, op) in [
                    (&b"true"[..], Operand::Other),
                    (b"false", Operand::Other),
                    (b"null", Operand::Other),
                ] {
                    if rest.starts_with(kw)
                        && rest.get(kw.len()).is_none_or(|&c| is_ws(c) || is_delim(c))
                    {
                        self.pos += kw.len();
                        return Some(op);
                    }
                }
                None
            }
        }
    }

    fn number(&mut self) -> Operand {
        let start = self.pos;
        self.pos += 1;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() || c == b'.' || c == b'-' || c == b'+' {
                self.pos += 1;
            } else {
                break;
            }
        }
        if let Some(v) = fast_number(&self.data[start..self.pos]) {
            return Operand::Num(v);
        }
        let s = std::str::from_utf8(&self.data[start..self.pos]).unwrap_or("0");
        // "--5" or "1.2.3": keep the longest prefix that parses.
        let neg = s.starts_with('-');
        let t = s.trim_start_matches(['-', '+']);
        let v = (1..=t.len())
            .rev()
            .find_map(|end| t.get(..end).and_then(|p| p.parse::<f32>().ok()))
            .map(|v| if neg { -v } else { v });
        let v = v.filter(|v| v.is_finite()).unwrap_or(0.0);
        Operand::Num(v)
    }

    fn literal_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = hex_val(c) {
                match hi.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => hi = Some(v),
                }
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }

    /// Skips a dictionary body (after `<<`) including nested ones.
    fn skip_dict(&mut self, depth: usize) {
        let mut level = 1usize;
        while let Some(c) = self.peek() {
            match c {
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                    self.pos += 2;
                    level += 1;
                }
                b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    level -= 1;
                    if level == 0 {
                        return;
                    }
                }
                b'(' => {
                    self.literal_string();
                }
                b'<' => {
                    self.hex_string();
                }
                _ => self.pos += 1,
            }
            if depth + level > MAX_NESTING * 4 {
                // Absurd nesting: keep scanning bytes; the loop is linear anyway.
            }
        }
    }

    /// After a `BI` operator: skips the inline image dictionary and data up to `EI`.
    pub fn skip_inline_image(&mut self) {
        // Find "ID" followed by one whitespace byte, then the data up to
        // whitespace + "EI" + (whitespace or end).
        let Some(id) = memchr::memmem::find(&self.data[self.pos..], b"ID") else {
            self.pos = self.data.len();
            return;
        };
        self.pos += id + 3;
        let mut p = self.pos;
        while p + 2 <= self.data.len() {
            let Some(off) = memchr::memmem::find(&self.data[p..], b"EI") else {
                break;
            };
            let at = p + off;
            let before_ok = at == 0 || self.data.get(at - 1).is_some_and(|&c| is_ws(c));
            let after_ok = self.data.get(at + 2).is_none_or(|&c| is_ws(c));
            if before_ok && after_ok {
                self.pos = at + 2;
                return;
            }
            p = at + 2;
        }
        self.pos = self.data.len();
    }
}

/// `[-+]digits[.digits]` without the float parser (content streams are
/// mostly such numbers); `None` for anything else.
fn fast_number(b: &[u8]) -> Option<f32> {
    let (neg, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let mut int: u64 = 0;
    let mut frac: u64 = 0;
    let mut scale: u64 = 1;
    let mut seen_dot = false;
    for &c in digits {
        match c {
            b'0'..=b'9' if seen_dot => {
                frac = frac * 10 + u64::from(c - b'0');
                scale *= 10;
            }
            b'0'..=b'9' => int = int * 10 + u64::from(c - b'0'),
            b'.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    let v = int as f64 + frac as f64 / scale as f64;
    Some(if neg { -v as f32 } else { v as f32 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &[u8]) -> Vec<String> {
        let mut lx = Lexer::new(s);
        let mut out = Vec::new();
        while let Some(t) = lx.next_token() {
            out.push(match t {
                Token::Op(o) => String::from_utf8_lossy(o).into_owned(),
                Token::Operand(o) => format!("{o:?}"),
            });
        }
        out
    }

    #[test]
    fn reads_operators_strings_and_arrays() {
        let t = tokens(b"BT /F1 12 Tf (a\\(b\\)\\101) Tj [(x) -250 <4142>] TJ ET");
        assert_eq!(
            t,
            vec![
                "BT",
                "Name([70, 49])",
                "Num(12.0)",
                "Tf",
                "Str([97, 40, 98, 41, 65])",
                "Tj",
                "Array([Str([120]), Num(-250.0), Str([65, 66])])",
                "TJ",
                "ET"
            ]
        );
    }

    #[test]
    fn survives_garbage_and_unterminated_input() {
        let t = tokens(b"1 2 ] } >> (unterminated");
        assert_eq!(t.len(), 3);
        let t = tokens(b"[[[[[[ 1");
        assert_eq!(t.len(), 1);
        assert_eq!(tokens(b"--5 1.2.3 Td"), vec!["Num(-5.0)", "Num(1.2)", "Td"]);
    }

    #[test]
    fn fast_numbers_match_the_float_parser() {
        for s in ["0", "-12.5", "+3", ".5", "5.", "-.25", "123456.789"] {
            assert_eq!(fast_number(s.as_bytes()), s.parse::<f32>().ok(), "{s}");
        }
        assert_eq!(fast_number(b"1.2.3"), None);
        assert_eq!(fast_number(b"-"), None);
    }

    #[test]
    fn inline_images_are_skipped() {
        let mut lx = Lexer::new(b"/W 2 /H 2 ID \x00EI\x01 EI Q");
        lx.skip_inline_image();
        assert_eq!(lx.next_token(), Some(Token::Op(b"Q")));
    }
}
