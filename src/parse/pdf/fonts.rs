//! Fonts: turning string bytes into character codes, Unicode text and advances.
//!
//! Order of trust for the text of a code: `/ToUnicode` first; then, for simple
//! fonts, the encoding (`/BaseEncoding` + `/Differences` glyph names); for
//! composite fonts without a usable ToUnicode, the embedded TrueType `cmap`
//! (see [`super::truetype`]).

use std::collections::HashMap;

use lopdf::{Dictionary, Object, ObjectId};

use super::cmap::CMap;
use super::document::{num, PdfFile};
use super::encoding::{glyph_name_to_unicode, BaseEncoding};

/// One decoded character code.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Code {
    /// The code value.
    pub code: u32,
    /// Its byte length (word spacing `Tw` applies only to 1-byte code 32).
    pub len: u8,
}

/// A font as the interpreter needs it.
#[derive(Debug, Clone)]
pub(super) struct Font {
    /// Composite (Type0) fonts read multi-byte codes.
    composite: bool,
    /// The encoding CMap's codespace for composite fonts with a non-Identity CMap.
    encoding_cmap: Option<CMap>,
    /// `/ToUnicode`, when present and non-empty.
    to_unicode: Option<CMap>,
    /// Simple fonts: code → text from the encoding and Differences.
    simple_map: Vec<Option<String>>,
    /// Composite fonts without ToUnicode: glyph id → text from the embedded TrueType cmap.
    gid_map: HashMap<u16, char>,
    /// Composite fonts: CID → GID when `/CIDToGIDMap` is a stream.
    cid_to_gid: Option<Vec<u16>>,
    /// Simple fonts: `/FirstChar`.
    first_char: u32,
    /// Simple fonts: `/Widths` (glyph space, /1000 unless Type3).
    widths: Vec<f32>,
    /// Composite fonts: `/W` widths by CID.
    cid_widths: HashMap<u32, f32>,
    /// Width of codes with no entry (`/MissingWidth` or `/DW`).
    default_width: f32,
    /// Glyph space → text space scale (0.001, or `FontMatrix[0]` for Type3).
    pub scale: f32,
    /// Whether the font is bold (name or weight), a hint for headings and table headers.
    pub bold: bool,
    /// Vertical scale relative to a 1000-unit em (Type3 `FontMatrix[3]` × 1000; else 1).
    pub vscale: f32,
}

/// Largest `/W` or `/Widths` array entry count read.
const MAX_WIDTHS: usize = 65_536;

impl Font {
    /// A font for a missing or unreadable font resource: WinAnsi, 0.5 em advances.
    pub fn fallback() -> Font {
        Font {
            composite: false,
            encoding_cmap: None,
            to_unicode: None,
            simple_map: base_map(BaseEncoding::WinAnsi),
            gid_map: HashMap::new(),
            cid_to_gid: None,
            first_char: 0,
            widths: Vec::new(),
            cid_widths: HashMap::new(),
            default_width: 500.0,
            scale: 0.001,
            vscale: 1.0,
            bold: false,
        }
    }

    /// Reads a font dictionary; missing parts fall back to defaults, never fail.
    pub fn load(pdf: &PdfFile, dict: &Dictionary) -> Font {
        let mut font = Font::fallback();
        let subtype = pdf.get_name(dict, b"Subtype").unwrap_or(b"Type1");
        if let Some(tu) = pdf
            .get(dict, b"ToUnicode")
            .and_then(|o| pdf.stream_bytes(o))
        {
            let cmap = CMap::parse(&tu);
            if !cmap.is_empty() {
                font.to_unicode = Some(cmap);
            }
        }
        let base_font = pdf.get_name(dict, b"BaseFont").unwrap_or(b"");
        let lower = String::from_utf8_lossy(base_font).to_ascii_lowercase();
        let weight = pdf
            .get_dict(dict, b"FontDescriptor")
            .and_then(|d| pdf.get_num(d, b"FontWeight"))
            .unwrap_or(400.0);
        font.bold = lower.contains("bold")
            || lower.contains("black")
            || lower.contains("heavy")
            || lower.contains("semibold")
            || weight >= 600.0;
        if subtype == b"Type0" {
            font.load_composite(pdf, dict);
        } else {
            font.load_simple(pdf, dict, subtype);
        }
        font
    }

    fn load_simple(&mut self, pdf: &PdfFile, dict: &Dictionary, subtype: &[u8]) {
        let base_font = pdf.get_name(dict, b"BaseFont").unwrap_or(b"");
        let descriptor = pdf.get_dict(dict, b"FontDescriptor");
        // TrueType and Type3 fonts without an encoding read best as WinAnsi;
        // Type 1 fonts default to StandardEncoding.
        let default_base = if subtype == b"TrueType" || subtype == b"Type3" {
            BaseEncoding::WinAnsi
        } else {
            BaseEncoding::Standard
        };
        let mut base = default_base;
        let mut differences: Option<&Vec<Object>> = None;
        match pdf.get(dict, b"Encoding") {
            Some(Object::Name(n)) => base = BaseEncoding::from_name(n).unwrap_or(default_base),
            Some(Object::Dictionary(enc)) => {
                if let Some(n) = pdf.get_name(enc, b"BaseEncoding") {
                    base = BaseEncoding::from_name(n).unwrap_or(default_base);
                }
                if let Some(Object::Array(a)) = pdf.get(enc, b"Differences") {
                    differences = Some(a);
                }
            }
            _ => {}
        }
        // Symbol and Dingbats fonts have their own built-in encodings; their
        // glyphs are not letters, so the Latin map only adds noise.
        let is_symbol = base_font.ends_with(b"Symbol") || base_font.ends_with(b"Dingbats");
        self.simple_map = if is_symbol {
            vec![None; 256]
        } else {
            base_map(base)
        };
        if let Some(diffs) = differences {
            let mut code: i64 = 0;
            for item in diffs.iter().take(4096) {
                match pdf.resolve(item) {
                    Some(Object::Integer(i)) => code = *i,
                    Some(Object::Name(n)) => {
                        if let Some(slot) = usize::try_from(code)
                            .ok()
                            .and_then(|c| self.simple_map.get_mut(c))
                        {
                            *slot = glyph_name_to_unicode(n);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
        self.first_char = pdf
            .get_num(dict, b"FirstChar")
            .map(|v| v.max(0.0) as u32)
            .unwrap_or(0);
        if let Some(Object::Array(w)) = pdf.get(dict, b"Widths") {
            self.widths = w
                .iter()
                .take(MAX_WIDTHS)
                .map(|o| pdf.resolve(o).and_then(num).unwrap_or(0.0))
                .collect();
        }
        self.default_width = descriptor
            .and_then(|d| pdf.get_num(d, b"MissingWidth"))
            .filter(|w| *w > 0.0)
            .or_else(|| average_width(&self.widths))
            .unwrap_or(500.0);
        if subtype == b"Type3" {
            if let Some(Object::Array(m)) = pdf.get(dict, b"FontMatrix") {
                let m: Vec<f32> = m
                    .iter()
                    .filter_map(|o| pdf.resolve(o).and_then(num))
                    .collect();
                if let (Some(&a), Some(&d)) = (m.first(), m.get(3)) {
                    if a != 0.0 && a.abs() < 1e3 {
                        self.scale = a.abs();
                    }
                    if d != 0.0 && d.abs() < 1e3 {
                        self.vscale = d.abs() * 1000.0;
                    }
                }
            }
        }
    }

    fn load_composite(&mut self, pdf: &PdfFile, dict: &Dictionary) {
        self.composite = true;
        self.simple_map.clear();
        // A named CMap (Identity-H and the like) reads two-byte codes; an
        // embedded one says its own code lengths.
        if let Some(Object::Stream(s)) = pdf.get(dict, b"Encoding") {
            if let Some(data) = super::document::decode_stream(s) {
                let cm = CMap::parse(&data);
                if !cm.codespace.is_empty() {
                    self.encoding_cmap = Some(cm);
                }
            }
        }
        let descendant = match pdf.get(dict, b"DescendantFonts") {
            Some(Object::Array(a)) => a.first().and_then(|o| match pdf.resolve(o) {
                Some(Object::Dictionary(d)) => Some(d),
                _ => None,
            }),
            _ => None,
        };
        let Some(cid_font) = descendant else {
            return;
        };
        self.default_width = pdf.get_num(cid_font, b"DW").unwrap_or(1000.0);
        if let Some(Object::Array(w)) = pdf.get(cid_font, b"W") {
            self.cid_widths = parse_w(pdf, w);
        }
        let needs_gid_map = self.to_unicode.is_none();
        if needs_gid_map {
            if let Some(gid_bytes) = pdf
                .get(cid_font, b"CIDToGIDMap")
                .filter(|o| matches!(o, Object::Stream(_)))
                .and_then(|o| pdf.stream_bytes(o))
            {
                self.cid_to_gid = Some(
                    gid_bytes
                        .chunks(2)
                        .take(MAX_WIDTHS)
                        .map(|c| match c {
                            [a, b] => u16::from_be_bytes([*a, *b]),
                            _ => 0,
                        })
                        .collect(),
                );
            }
            if let Some(font_file) = pdf
                .get_dict(cid_font, b"FontDescriptor")
                .and_then(|d| d.get(b"FontFile2").ok())
                .and_then(|o| pdf.stream_bytes(o))
            {
                self.gid_map = super::truetype::gid_to_unicode(&font_file);
            }
        }
    }

    /// Splits string bytes into character codes.
    pub fn codes(&self, bytes: &[u8], out: &mut Vec<Code>) {
        out.clear();
        if !self.composite {
            out.extend(bytes.iter().map(|&b| Code {
                code: u32::from(b),
                len: 1,
            }));
            return;
        }
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let n = match &self.encoding_cmap {
                Some(cm) => cm.code_len(rest),
                None => 2,
            }
            .clamp(1, rest.len());
            let code = rest[..n].iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
            out.push(Code { code, len: n as u8 });
            i += n;
        }
    }

    /// The Unicode text of a code, appended to `out`; returns whether any was known.
    pub fn text(&self, c: &Code, out: &mut String) -> bool {
        if let Some(tu) = &self.to_unicode {
            if tu.lookup_into(c.len, c.code, out) {
                return true;
            }
        }
        if self.composite {
            let gid = match &self.cid_to_gid {
                Some(map) => usize::try_from(c.code)
                    .ok()
                    .and_then(|i| map.get(i).copied()),
                None => u16::try_from(c.code).ok(),
            };
            if let Some(ch) = gid.and_then(|g| self.gid_map.get(&g)) {
                out.push(*ch);
                return true;
            }
            return false;
        }
        match self.simple_map.get(c.code as usize) {
            Some(Some(s)) => {
                out.push_str(s);
                true
            }
            _ => false,
        }
    }

    /// The advance of a code in glyph units (1000 per em for non-Type3 fonts).
    pub fn width(&self, c: &Code) -> f32 {
        if self.composite {
            return self
                .cid_widths
                .get(&c.code)
                .copied()
                .unwrap_or(self.default_width);
        }
        c.code
            .checked_sub(self.first_char)
            .and_then(|i| self.widths.get(i as usize))
            .copied()
            .filter(|w| *w > 0.0)
            .unwrap_or(self.default_width)
    }
}

/// Fonts loaded once per document, keyed by object id (or inline address).
#[derive(Default)]
pub(super) struct FontCache {
    /// Loaded fonts.
    pub(super) fonts: Vec<Font>,
    /// Key → index into `fonts`.
    index: HashMap<FontKey, usize>,
}

#[derive(Hash, PartialEq, Eq)]
enum FontKey {
    Ref(ObjectId),
    Inline(usize),
}

impl FontCache {
    /// Whether font `i` is bold.
    pub fn is_bold(&self, i: u32) -> bool {
        self.fonts.get(i as usize).is_some_and(|f| f.bold)
    }

    /// The index of the font named `name` in `resources`, loading it once.
    pub(super) fn get(&mut self, pdf: &PdfFile, resources: &Dictionary, name: &[u8]) -> usize {
        let fonts = pdf.get_dict(resources, b"Font");
        let entry = fonts.and_then(|f| f.get(name).ok());
        let key = match entry {
            Some(Object::Reference(id)) => FontKey::Ref(*id),
            Some(o) => FontKey::Inline(o as *const Object as usize),
            None => FontKey::Inline(0),
        };
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let font = match entry.and_then(|o| pdf.resolve(o)) {
            Some(Object::Dictionary(d)) => Font::load(pdf, d),
            _ => Font::fallback(),
        };
        self.fonts.push(font);
        let i = self.fonts.len() - 1;
        self.index.insert(key, i);
        i
    }
}

fn base_map(base: BaseEncoding) -> Vec<Option<String>> {
    base.table()
        .iter()
        .map(|&u| match u {
            0 => None,
            u => char::from_u32(u32::from(u)).map(String::from),
        })
        .collect()
}

fn average_width(widths: &[f32]) -> Option<f32> {
    let nz: Vec<f32> = widths.iter().copied().filter(|w| *w > 0.0).collect();
    (!nz.is_empty()).then(|| nz.iter().sum::<f32>() / nz.len() as f32)
}

/// Parses a CIDFont `/W` array: `c [w1 w2 …]` and `c_first c_last w` forms.
fn parse_w(pdf: &PdfFile, w: &[Object]) -> HashMap<u32, f32> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < w.len() && out.len() < MAX_WIDTHS {
        let Some(first) = w.get(i).and_then(|o| pdf.resolve(o)).and_then(num) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).and_then(|o| pdf.resolve(o)) {
            Some(Object::Array(ws)) => {
                for (k, v) in ws.iter().take(MAX_WIDTHS).enumerate() {
                    if let Some(v) = pdf.resolve(v).and_then(num) {
                        out.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = num(o).unwrap_or(0.0).max(0.0) as u32;
                let v = w
                    .get(i + 2)
                    .and_then(|o| pdf.resolve(o))
                    .and_then(num)
                    .unwrap_or(1000.0);
                let last = last.min(first.saturating_add(MAX_WIDTHS as u32));
                for c in first..=last {
                    out.insert(c, v);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_font_decodes_winansi() {
        let f = Font::fallback();
        let mut codes = Vec::new();
        f.codes(b"A\x96", &mut codes);
        let mut s = String::new();
        for c in &codes {
            f.text(c, &mut s);
        }
        assert_eq!(s, "A\u{2013}");
        assert_eq!(f.width(&codes[0]), 500.0);
    }
}
