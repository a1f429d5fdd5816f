//! The content-stream interpreter: text and graphics state → positioned glyphs
//! and ruling lines for one page.
//!
//! Coordinates out of here are "page space, top down": x grows right, y grows
//! down from the top of the page box, in points; layout works only in these.

use lopdf::{Dictionary, Object, ObjectId};

use super::document::{num, PdfFile};
use super::fonts::{Code, FontCache};
use super::lexer::{Lexer, Operand, Token};

/// Deepest Form XObject nesting interpreted (forms inside forms).
const MAX_FORM_DEPTH: usize = 8;
/// Most operators interpreted per page, forms included (bounds time).
const MAX_OPS: usize = 4_000_000;
/// Most glyphs kept per page (bounds memory).
const MAX_GLYPHS: usize = 500_000;
/// Deepest `q` nesting kept (unbalanced `q` floods are capped).
const MAX_GSTACK: usize = 256;

/// One character placed on the page.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Glyph {
    /// The character (ligatures are split into their letters).
    pub ch: char,
    /// Left edge.
    pub x0: f32,
    /// Right edge (origin + advance, without Tc/Tw spacing).
    pub x1: f32,
    /// Baseline, top-down.
    pub y: f32,
    /// Effective font size in points (text size × matrices), for relative gaps.
    pub size: f32,
    /// A space character came just before this glyph in the stream.
    pub space_before: bool,
    /// Index of the font (style changes can mark headings).
    pub font: u32,
}

/// A horizontal or vertical ruling line (table borders).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rule {
    /// Left.
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
}

/// What one page yields.
#[derive(Debug, Default)]
pub(super) struct PageContent {
    /// Glyphs in stream order.
    pub glyphs: Vec<Glyph>,
    /// Thin lines and rectangle edges.
    pub rules: Vec<Rule>,
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// Graphics state (text state included, as the PDF model has it).
#[derive(Debug, Clone)]
struct GState {
    ctm: Matrix,
    font: Option<usize>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
}

/// Interprets one page's content.
pub(super) struct Interpreter<'a> {
    pdf: &'a PdfFile,
    fonts: &'a mut FontCache,
    out: PageContent,
    ops: usize,
    /// Current path's points, for ruling lines: subpath segments.
    path: Vec<(f32, f32, f32, f32)>,
    /// Current point.
    cur: (f32, f32),
    /// Page box origin and height, to flip y.
    origin: (f32, f32),
    codes: Vec<Code>,
    text: String,
    chars: Vec<char>,
    pending_space: bool,
}

impl<'a> Interpreter<'a> {
    /// Runs the page `id` and returns its glyphs and rules.
    pub fn run_page(
        pdf: &'a PdfFile,
        fonts: &'a mut FontCache,
        id: ObjectId,
        content: &[u8],
    ) -> PageContent {
        let page = pdf.page_dict(id);
        let bbox = page
            .and_then(|p| {
                pdf.inherited(p, b"CropBox")
                    .or_else(|| pdf.inherited(p, b"MediaBox"))
            })
            .and_then(|o| match o {
                Object::Array(a) => {
                    let v: Vec<f32> = a
                        .iter()
                        .filter_map(|o| pdf.resolve(o).and_then(num))
                        .collect();
                    (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]])
                }
                _ => None,
            })
            .unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let (x0, y0) = (bbox[0].min(bbox[2]), bbox[1].min(bbox[3]));
        let (w, h) = ((bbox[2] - bbox[0]).abs(), (bbox[3] - bbox[1]).abs());
        let rotate = page
            .and_then(|p| pdf.inherited(p, b"Rotate"))
            .and_then(num)
            .map(|r| (r as i64).rem_euclid(360))
            .unwrap_or(0);
        // Map default user space to an upright page with origin at bottom-left.
        let (ctm, width, height) = match rotate {
            90 => ([0.0, -1.0, 1.0, 0.0, -y0, x0 + w], h, w),
            180 => ([-1.0, 0.0, 0.0, -1.0, x0 + w, y0 + h], w, h),
            270 => ([0.0, 1.0, -1.0, 0.0, y0 + h, -x0], h, w),
            _ => ([1.0, 0.0, 0.0, 1.0, -x0, -y0], w, h),
        };
        let empty = Dictionary::new();
        let resources = page
            .and_then(|p| pdf.inherited(p, b"Resources"))
            .and_then(|o| match o {
                Object::Dictionary(d) => Some(d),
                _ => None,
            })
            .unwrap_or(&empty);
        let mut it = Interpreter {
            pdf,
            fonts,
            out: PageContent {
                width,
                height,
                ..PageContent::default()
            },
            ops: 0,
            path: Vec::new(),
            cur: (0.0, 0.0),
            origin: (0.0, height),
            codes: Vec::new(),
            text: String::new(),
            chars: Vec::new(),
            pending_space: false,
        };
        let gs = GState {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        it.run(content, resources, gs, 0);
        it.out
    }

    fn run(&mut self, content: &[u8], resources: &Dictionary, gs: GState, depth: usize) {
        let mut stack: Vec<GState> = Vec::new();
        let mut gs = gs;
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut operands: Vec<Operand> = Vec::with_capacity(8);
        let mut lx = Lexer::new(content);
        while let Some(tok) = lx.next_token() {
            let op = match tok {
                Token::Operand(o) => {
                    if operands.len() < 64 {
                        operands.push(o);
                    }
                    continue;
                }
                Token::Op(op) => op,
            };
            self.ops += 1;
            if self.ops > MAX_OPS || self.out.glyphs.len() >= MAX_GLYPHS {
                return;
            }
            let n = |i: usize| match operands.get(i) {
                Some(Operand::Num(v)) => *v,
                _ => 0.0,
            };
            match op {
                b"q" if stack.len() < MAX_GSTACK => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" if operands.len() >= 6 => {
                    let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    if let Some(Operand::Name(name)) = operands.first() {
                        gs.font = Some(self.fonts.get(self.pdf, resources, name));
                    }
                    gs.size = n(1);
                }
                b"Tc" => gs.char_spacing = n(0),
                b"Tw" => gs.word_spacing = n(0),
                b"Tz" => gs.hscale = n(0) / 100.0,
                b"TL" => gs.leading = n(0),
                b"Ts" => gs.rise = n(0),
                b"Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"TD" => {
                    gs.leading = -n(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if operands.len() >= 6 => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" => {
                    if let Some(Operand::Str(s)) = operands.first() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                b"'" | b"\"" => {
                    if op == b"\"" {
                        gs.word_spacing = n(0);
                        gs.char_spacing = n(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(Operand::Str(s)) = operands.last() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = operands.first() {
                        for item in items {
                            match item {
                                Operand::Str(s) => self.show(s, &gs, &mut tm),
                                Operand::Num(adj) => {
                                    let tx = -adj / 1000.0 * gs.size * gs.hscale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(name)) = operands.first() {
                        self.form(name, resources, &gs, depth);
                    }
                }
                b"BI" => lx.skip_inline_image(),
                b"m" => self.cur = apply(&gs.ctm, n(0), n(1)),
                b"l" => {
                    let p = apply(&gs.ctm, n(0), n(1));
                    if self.path.len() < 10_000 {
                        self.path.push((self.cur.0, self.cur.1, p.0, p.1));
                    }
                    self.cur = p;
                }
                b"re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let a = apply(&gs.ctm, x, y);
                    let b = apply(&gs.ctm, x + w, y + h);
                    if self.path.len() < 10_000 {
                        self.path.push((a.0, a.1, b.0, b.1));
                    }
                }
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                    self.flush_path();
                }
                b"n" => self.path.clear(),
                _ => {}
            }
            operands.clear();
        }
    }

    /// Turns thin path segments and rectangles into ruling lines.
    fn flush_path(&mut self) {
        for &(ax, ay, bx, by) in &self.path {
            let (x0, x1) = (ax.min(bx), ax.max(bx));
            let (y0, y1) = (ay.min(by), ay.max(by));
            let (w, h) = (x1 - x0, y1 - y0);
            let thin = (h <= 3.0 && w >= 5.0) || (w <= 3.0 && h >= 5.0);
            if thin && self.out.rules.len() < 20_000 {
                let top = self.origin.1 - y1;
                let bottom = self.origin.1 - y0;
                self.out.rules.push(Rule {
                    x0,
                    y0: top,
                    x1,
                    y1: bottom,
                });
            }
        }
        self.path.clear();
    }

    fn form(&mut self, name: &[u8], resources: &Dictionary, gs: &GState, depth: usize) {
        if depth + 1 > MAX_FORM_DEPTH {
            return;
        }
        let pdf = self.pdf;
        let Some(xobjects) = pdf.get_dict(resources, b"XObject") else {
            return;
        };
        let Some(Object::Stream(stream)) = xobjects.get(name).ok().and_then(|o| pdf.resolve(o))
        else {
            return;
        };
        if pdf.get_name(&stream.dict, b"Subtype") != Some(b"Form") {
            return;
        }
        let Some(data) = super::document::decode_stream(stream) else {
            return;
        };
        let matrix = match pdf.get(&stream.dict, b"Matrix") {
            Some(Object::Array(a)) => {
                let v: Vec<f32> = a
                    .iter()
                    .filter_map(|o| pdf.resolve(o).and_then(num))
                    .collect();
                if v.len() == 6 {
                    [v[0], v[1], v[2], v[3], v[4], v[5]]
                } else {
                    IDENTITY
                }
            }
            _ => IDENTITY,
        };
        let form_resources = match pdf.get(&stream.dict, b"Resources") {
            Some(Object::Dictionary(d)) => d,
            _ => resources,
        };
        let mut inner = gs.clone();
        inner.ctm = mul(&matrix, &gs.ctm);
        self.run(&data, form_resources, inner, depth + 1);
    }

    /// Shows a string: one glyph per character, advancing the text matrix.
    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut Matrix) {
        let Some(fi) = gs.font else {
            return;
        };
        let Some(font) = self.fonts.fonts.get(fi) else {
            return;
        };
        let mut codes = std::mem::take(&mut self.codes);
        font.codes(bytes, &mut codes);
        let base = [gs.size * gs.hscale, 0.0, 0.0, gs.size, 0.0, gs.rise];
        for c in &codes {
            let w0 = font.width(c) * font.scale;
            let trm = mul(&mul(&base, tm), &gs.ctm);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt() * font.vscale;
            let upright = trm[1].abs() <= 0.05 * trm[0].abs() && trm[0] > 0.0 && trm[3] > 0.0;
            self.text.clear();
            let known = font.text(c, &mut self.text);
            let (ox, oy) = (trm[4], trm[5]);
            let gw = w0 * trm[0];
            let spacing = gs.char_spacing
                + if c.len == 1 && c.code == 32 {
                    gs.word_spacing
                } else {
                    0.0
                };
            let tx = (w0 * gs.size + spacing) * gs.hscale;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
            if !known || !upright || !size.is_finite() || size <= 0.0 {
                continue;
            }
            let mut chars = std::mem::take(&mut self.chars);
            expand(&self.text, &mut chars);
            if chars.iter().all(|ch| ch.is_whitespace()) {
                // Like poppler, a space only separates words if it moves the pen
                // visibly; producers that cancel it with negative spacing (Ghostscript)
                // mean no break.
                let tm_ctm = mul(tm, &gs.ctm);
                let dev = tx * (tm_ctm[0] * tm_ctm[0] + tm_ctm[1] * tm_ctm[1]).sqrt();
                if dev > 0.1 * size {
                    self.pending_space = true;
                }
                self.chars = chars;
                continue;
            }
            let n = chars.len().max(1) as f32;
            let y = self.origin.1 - oy;
            for (k, ch) in chars.iter().enumerate() {
                if ch.is_whitespace() {
                    self.pending_space = true;
                    continue;
                }
                if self.out.glyphs.len() >= MAX_GLYPHS {
                    break;
                }
                let x0 = ox + gw * k as f32 / n;
                self.out.glyphs.push(Glyph {
                    ch: *ch,
                    x0,
                    x1: x0 + gw / n,
                    y,
                    size,
                    space_before: std::mem::take(&mut self.pending_space),
                    font: fi as u32,
                });
            }
            self.chars = chars;
        }
        self.codes = codes;
    }
}

/// Characters of a code's text, with ligatures split and odd spaces and
/// controls normalised (NBSP → space, soft hyphen → hyphen).
fn expand(s: &str, out: &mut Vec<char>) {
    out.clear();
    for ch in s.chars() {
        match ch {
            '\u{FB00}' => out.extend(['f', 'f']),
            '\u{FB01}' => out.extend(['f', 'i']),
            '\u{FB02}' => out.extend(['f', 'l']),
            '\u{FB03}' => out.extend(['f', 'f', 'i']),
            '\u{FB04}' => out.extend(['f', 'f', 'l']),
            '\u{FB05}' | '\u{FB06}' => out.extend(['s', 't']),
            '\u{00AD}' => out.push('-'),
            '\u{00A0}' | '\u{2000}'..='\u{200B}' | '\u{3000}' => out.push(' '),
            c if c.is_control() => out.push(' '),
            '\u{FFFD}' | '\u{FEFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_in_pdf_order() {
        let t = [1.0, 0.0, 0.0, 1.0, 10.0, 20.0];
        let s = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        assert_eq!(apply(&mul(&t, &s), 1.0, 1.0), (22.0, 42.0));
    }

    #[test]
    fn ligatures_and_odd_spaces() {
        let mut v = Vec::new();
        expand("\u{FB01}x\u{00A0}", &mut v);
        assert_eq!(v, vec!['f', 'i', 'x', ' ']);
    }
}
