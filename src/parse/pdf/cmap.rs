//! CMaps: `/ToUnicode` maps (bfchar, bfrange) and the codespace ranges that
//! say how many bytes each character code takes (multi-byte fonts).

use std::collections::HashMap;

use super::lexer::{Lexer, Operand, Token};

/// Ranges wider than this are kept as ranges instead of being expanded.
const EXPAND_LIMIT: u32 = 256;

/// Most mappings read from one CMap (hostile CMaps can be huge).
const MAX_ENTRIES: usize = 200_000;

/// A parsed CMap: code → Unicode text, and the codespace.
#[derive(Debug, Default, Clone)]
pub(super) struct CMap {
    /// Codespace ranges: (byte length, low, high).
    pub codespace: Vec<(u8, u32, u32)>,
    /// Single mappings, keyed by [`key`].
    chars: HashMap<u64, String>,
    /// Wide ranges: (byte length, low, high, UTF-16 destination of `low`).
    ranges: Vec<(u8, u32, u32, Vec<u16>)>,
}

/// The map key of a code of `len` bytes.
fn key(len: u8, code: u32) -> u64 {
    (u64::from(len) << 32) | u64::from(code)
}

fn code_of(bytes: &[u8]) -> Option<(u8, u32)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    let code = bytes.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
    Some((bytes.len() as u8, code))
}

fn utf16be(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| match c {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => u16::from(*a),
            _ => 0,
        })
        .collect()
}

fn utf16_string(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

impl CMap {
    /// Parses CMap text; unreadable parts are skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lx = Lexer::new(data);
        let mut operands: Vec<Operand> = Vec::new();
        let mut entries = 0usize;
        while let Some(tok) = lx.next_token() {
            match tok {
                Token::Operand(op) => {
                    if operands.len() < 3 * 100_000 {
                        operands.push(op);
                    }
                }
                Token::Op(op) => {
                    match op {
                        b"endcodespacerange" => {
                            for pair in operands.chunks(2) {
                                if let [Operand::Str(lo), Operand::Str(hi)] = pair {
                                    if let (Some((n, l)), Some((_, h))) = (code_of(lo), code_of(hi))
                                    {
                                        cmap.codespace.push((n, l, h));
                                    }
                                }
                            }
                        }
                        b"endbfchar" => {
                            for pair in operands.chunks(2) {
                                if let [Operand::Str(src), dst] = pair {
                                    if let (Some((n, c)), Some(s)) = (code_of(src), dest(dst)) {
                                        cmap.chars.insert(key(n, c), s);
                                        entries += 1;
                                    }
                                }
                            }
                        }
                        b"endbfrange" => {
                            for triple in operands.chunks(3) {
                                if let [Operand::Str(lo), Operand::Str(hi), dst] = triple {
                                    entries += cmap.add_range(lo, hi, dst);
                                }
                            }
                        }
                        _ => {}
                    }
                    operands.clear();
                    if entries > MAX_ENTRIES {
                        break;
                    }
                }
            }
        }
        cmap
    }

    fn add_range(&mut self, lo: &[u8], hi: &[u8], dst: &Operand) -> usize {
        let (Some((n, l)), Some((_, h))) = (code_of(lo), code_of(hi)) else {
            return 0;
        };
        if h < l {
            return 0;
        }
        match dst {
            Operand::Str(s) => {
                let base = utf16be(s);
                if base.is_empty() {
                    return 0;
                }
                if h - l < EXPAND_LIMIT {
                    for (i, code) in (l..=h).enumerate() {
                        let mut units = base.clone();
                        if let Some(last) = units.last_mut() {
                            *last = last.wrapping_add(i as u16);
                        }
                        self.chars.insert(key(n, code), utf16_string(&units));
                    }
                    (h - l + 1) as usize
                } else {
                    self.ranges.push((n, l, h, base));
                    1
                }
            }
            Operand::Array(items) => {
                let mut added = 0;
                for (i, item) in items.iter().enumerate().take(EXPAND_LIMIT as usize) {
                    let code = l.saturating_add(i as u32);
                    if code > h {
                        break;
                    }
                    if let Some(s) = dest(item) {
                        self.chars.insert(key(n, code), s);
                        added += 1;
                    }
                }
                added
            }
            _ => 0,
        }
    }

    /// Appends the Unicode text of a `len`-byte code to `out`; false if unmapped.
    pub fn lookup_into(&self, len: u8, code: u32, out: &mut String) -> bool {
        if let Some(s) = self.chars.get(&key(len, code)) {
            out.push_str(s);
            return true;
        }
        match self.lookup_range(len, code) {
            Some(s) => {
                out.push_str(&s);
                true
            }
            None => false,
        }
    }

    /// The Unicode text of a `len`-byte code, if mapped.
    #[cfg(test)]
    pub fn lookup(&self, len: u8, code: u32) -> Option<String> {
        if let Some(s) = self.chars.get(&key(len, code)) {
            return Some(s.clone());
        }
        self.lookup_range(len, code)
    }

    fn lookup_range(&self, len: u8, code: u32) -> Option<String> {
        for (n, l, h, base) in &self.ranges {
            if *n == len && (*l..=*h).contains(&code) {
                let mut units = base.clone();
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add((code - l) as u16);
                }
                return Some(utf16_string(&units));
            }
        }
        None
    }

    /// Whether the CMap maps anything.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }

    /// How many bytes the code starting at `bytes` takes, from the codespace
    /// (1 if no codespace range matches, so decoding always advances).
    pub fn code_len(&self, bytes: &[u8]) -> usize {
        for n in 1..=4usize {
            if n > bytes.len() {
                break;
            }
            let code = bytes[..n]
                .iter()
                .fold(0u32, |a, &b| (a << 8) | u32::from(b));
            if self
                .codespace
                .iter()
                .any(|&(len, l, h)| usize::from(len) == n && (l..=h).contains(&code))
            {
                return n;
            }
        }
        // No range matched: use the shortest declared length, else one byte.
        self.codespace
            .iter()
            .map(|&(len, _, _)| usize::from(len))
            .min()
            .unwrap_or(1)
            .clamp(1, bytes.len().max(1))
    }
}

/// A bfchar/bfrange destination: a UTF-16BE string, or a glyph name.
fn dest(op: &Operand) -> Option<String> {
    match op {
        Operand::Str(s) => Some(utf16_string(&utf16be(s))),
        Operand::Name(n) => super::encoding::glyph_name_to_unicode(n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar
2 beginbfrange <0024> <0026> <0041> <0100> <0200> [<0061> <0062>] endbfrange
1 beginbfrange <1000> <1FFF> <4E00> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn bfchar_bfrange_and_ligatures() {
        let c = CMap::parse(SAMPLE);
        assert_eq!(c.lookup(2, 0x0003).as_deref(), Some(" "));
        assert_eq!(c.lookup(2, 0x0011).as_deref(), Some("fi"));
        assert_eq!(c.lookup(2, 0x0025).as_deref(), Some("B"));
        assert_eq!(c.lookup(2, 0x0101).as_deref(), Some("b"));
        assert_eq!(c.lookup(2, 0x1001).as_deref(), Some("\u{4E01}"));
        assert_eq!(c.lookup(1, 0x03), None);
        assert_eq!(c.code_len(&[0, 3, 0]), 2);
    }

    #[test]
    fn mixed_codespace_lengths() {
        let c = CMap::parse(b"2 begincodespacerange <00> <80> <8140> <FFFF> endcodespacerange");
        assert_eq!(c.code_len(&[0x41, 0x42]), 1);
        assert_eq!(c.code_len(&[0x81, 0x40]), 2);
    }
}
