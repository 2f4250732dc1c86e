//! A PDF page's text with positions: the content stream's text operators interpreted (text and
//! graphics state, `Tj`/`TJ`/`'`/`"`, form XObjects), each shown string a [`Span`] at its place
//! on the page, in points from the bottom left. lopdf parses the file, the content streams and
//! the fonts' encodings; the positions are computed here.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

/// One shown string (or one `TJ` array) on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Left edge and baseline, in points from the page's bottom left.
    pub x: f32,
    pub y: f32,
    /// Right edge, estimated from the font's glyph widths.
    pub x_end: f32,
    /// The font size as drawn (text matrix and transformation applied).
    pub size: f32,
    pub text: String,
}

/// One page's spans, in content stream order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub spans: Vec<Span>,
    /// Images drawn on the page: a page with images and no text is a scan.
    pub images: usize,
}

/// Why a document's pages could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// The content streams decompress to more than the budget.
    TooLarge,
}

/// The most any one stream may decompress to (while the file loads, a font's ToUnicode map).
pub const STREAM_LIMIT: usize = 64 << 20;

/// How deep form XObjects may nest (a form drawing itself would never end).
const MAX_FORM_DEPTH: usize = 8;

/// Reads every page's spans, decompressing at most `budget` bytes of content in all.
pub fn pages(doc: &Document, budget: usize) -> Result<Vec<Page>, ExtractError> {
    let mut ex = Extractor {
        doc,
        budget,
        fonts: HashMap::new(),
    };
    doc.page_iter().map(|id| ex.page(id)).collect()
}

/// An affine matrix `[a b c d e f]` as PDF writes it.
type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn point(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
    .clamp(-1.0e7, 1.0e7)
}

fn matrix(ops: &[Object]) -> Option<Matrix> {
    (ops.len() == 6).then(|| std::array::from_fn(|i| num(&ops[i])))
}

/// A font as far as text extraction needs it: how its codes read and how wide they are.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    /// Composite (Type0) fonts use two-byte codes.
    two_byte: bool,
    first_char: u32,
    /// Glyph widths in thousandths of the font size, by code from `first_char`.
    widths: Vec<f32>,
    /// Composite fonts' widths by CID.
    cid_widths: HashMap<u32, f32>,
    default_width: f32,
    /// A standard font without widths: Helvetica's metrics stand in (Courier's are fixed).
    monospace: bool,
}

impl Font<'_> {
    fn decode(&self, bytes: &[u8]) -> String {
        let Some(encoding) = &self.encoding else {
            return String::new();
        };
        encoding
            .bytes_to_string(bytes)
            .unwrap_or_else(|_| bytes.iter().map(|&b| char::from(b)).collect())
    }

    /// The codes of a string, each with its width in thousandths of the font size.
    fn codes(&self, bytes: &[u8]) -> Vec<(u32, f32)> {
        if self.two_byte {
            return bytes
                .chunks(2)
                .map(|c| {
                    let code = c.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b));
                    let w = self.cid_widths.get(&code).copied();
                    (code, w.unwrap_or(self.default_width))
                })
                .collect();
        }
        bytes
            .iter()
            .map(|&b| {
                let code = u32::from(b);
                let w = code
                    .checked_sub(self.first_char)
                    .and_then(|i| self.widths.get(i as usize).copied())
                    .filter(|w| *w > 0.0);
                let w = w.unwrap_or_else(|| {
                    if self.monospace {
                        600.0
                    } else {
                        helvetica_width(b)
                    }
                });
                (code, w)
            })
            .collect()
    }
}

/// Helvetica's advance widths for printable ASCII (the AFM's), a stand-in for standard fonts
/// that come without a `/Widths` array.
fn helvetica_width(b: u8) -> f32 {
    const W: [u16; 95] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
        556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
        722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
        667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 222, 556, 556, 500, 556, 556, 278, 556,
        556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
        500, 334, 260, 334, 584,
    ];
    match b {
        32..=126 => f32::from(W[usize::from(b - 32)]),
        _ => 556.0,
    }
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Vec<u8>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for State {
    fn default() -> State {
        State {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// Font dictionaries by name, as a page's or a form's resources give them.
type FontMap<'a> = HashMap<Vec<u8>, &'a Dictionary>;

struct Extractor<'a> {
    doc: &'a Document,
    /// Content bytes still allowed to be decompressed.
    budget: usize,
    /// Parsed fonts, by the address of their dictionary (the document does not move).
    fonts: HashMap<*const Dictionary, Font<'a>>,
}

/// Where the text operators of one content stream draw, and what they have drawn.
struct Canvas<'f, 'a> {
    fonts: &'f FontMap<'a>,
    xobjects: Option<&'a Dictionary>,
    tm: Matrix,
    tlm: Matrix,
}

impl<'a> Extractor<'a> {
    fn page(&mut self, id: ObjectId) -> Result<Page, ExtractError> {
        let doc = self.doc;
        let mut page = Page::default();
        let dict = doc.get_dictionary(id).ok();
        let media = dict.and_then(|d| inherited(doc, d, b"MediaBox"));
        let media: Vec<f32> = media
            .and_then(|o| o.as_array().ok())
            .map(|a| a.iter().map(|o| num(deref(doc, o))).collect())
            .unwrap_or_default();
        let (x0, y0, x1, y1) = match media[..] {
            [a, b, c, d] => (a.min(c), b.min(d), a.max(c), b.max(d)),
            _ => (0.0, 0.0, 612.0, 792.0),
        };
        page.width = (x1 - x0).max(1.0);
        page.height = (y1 - y0).max(1.0);
        let content = doc
            .get_page_content_with_limit(id, self.budget)
            .map_err(|_| ExtractError::TooLarge)?;
        self.budget = self.budget.saturating_sub(content.len());
        let fonts: FontMap<'a> = doc
            .get_page_fonts(id)
            .map(|f| f.into_iter().collect())
            .unwrap_or_default();
        let resources = dict.and_then(|d| inherited(doc, d, b"Resources"));
        let xobjects = resources
            .and_then(|r| deref(doc, r).as_dict().ok())
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| deref(doc, x).as_dict().ok());
        let start = State {
            ctm: [1.0, 0.0, 0.0, 1.0, -x0, -y0],
            ..State::default()
        };
        self.run(&content, &fonts, xobjects, start, &mut page, 0)?;
        Ok(page)
    }

    fn run(
        &mut self,
        content: &[u8],
        fonts: &FontMap<'a>,
        xobjects: Option<&'a Dictionary>,
        start: State,
        page: &mut Page,
        depth: usize,
    ) -> Result<(), ExtractError> {
        let Ok(content) = Content::decode(content) else {
            return Ok(());
        };
        let mut canvas = Canvas {
            fonts,
            xobjects,
            tm: IDENTITY,
            tlm: IDENTITY,
        };
        let mut gs = start;
        let mut stack: Vec<State> = Vec::new();
        for op in &content.operations {
            let ops = &op.operands[..];
            match op.operator.as_str() {
                "q" if stack.len() < 64 => stack.push(gs.clone()),
                "Q" => gs = stack.pop().unwrap_or(gs),
                "cm" => {
                    if let Some(m) = matrix(ops) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "BT" => {
                    canvas.tm = IDENTITY;
                    canvas.tlm = IDENTITY;
                }
                "Tf" => {
                    if let [Object::Name(name), size] = ops {
                        gs.font = Some(name.clone());
                        gs.size = num(size);
                    }
                }
                "Tc" => gs.char_spacing = ops.first().map_or(0.0, num),
                "Tw" => gs.word_spacing = ops.first().map_or(0.0, num),
                "Tz" => gs.scale = ops.first().map_or(100.0, num) / 100.0,
                "TL" => gs.leading = ops.first().map_or(0.0, num),
                "Ts" => gs.rise = ops.first().map_or(0.0, num),
                "Td" | "TD" => {
                    if let [tx, ty] = ops {
                        let (tx, ty) = (num(tx), num(ty));
                        if op.operator == "TD" {
                            gs.leading = -ty;
                        }
                        canvas.next_line(tx, ty);
                    }
                }
                "Tm" => {
                    if let Some(m) = matrix(ops) {
                        canvas.tm = m;
                        canvas.tlm = m;
                    }
                }
                "T*" => canvas.next_line(0.0, -gs.leading),
                "Tj" | "TJ" => self.show(&mut canvas, &gs, ops, page),
                "'" => {
                    canvas.next_line(0.0, -gs.leading);
                    self.show(&mut canvas, &gs, ops, page);
                }
                "\"" => {
                    if let [aw, ac, s] = ops {
                        gs.word_spacing = num(aw);
                        gs.char_spacing = num(ac);
                        canvas.next_line(0.0, -gs.leading);
                        self.show(&mut canvas, &gs, std::slice::from_ref(s), page);
                    }
                }
                "BI" | "ID" => page.images += 1,
                "Do" => {
                    if let Some(Object::Name(name)) = ops.first() {
                        self.draw(&canvas, name, &gs, page, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// `Do`: an image is counted, a form is run with its own resources.
    fn draw(
        &mut self,
        canvas: &Canvas<'_, 'a>,
        name: &[u8],
        gs: &State,
        page: &mut Page,
        depth: usize,
    ) -> Result<(), ExtractError> {
        let doc = self.doc;
        let Some(Ok(stream)) = canvas
            .xobjects
            .and_then(|x| x.get(name).ok())
            .map(|o| deref(doc, o).as_stream())
        else {
            return Ok(());
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => page.images += 1,
            Ok(b"Form") if depth < MAX_FORM_DEPTH => {
                let content = stream
                    .decompressed_content_with_limit(self.budget)
                    .map_err(|_| ExtractError::TooLarge)?;
                self.budget = self.budget.saturating_sub(content.len());
                let resources = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|r| deref(doc, r).as_dict().ok());
                let own_fonts: Option<FontMap<'a>> = resources
                    .and_then(|r| r.get(b"Font").ok())
                    .and_then(|f| deref(doc, f).as_dict().ok())
                    .map(|f| {
                        f.iter()
                            .filter_map(|(k, v)| Some((k.clone(), deref(doc, v).as_dict().ok()?)))
                            .collect()
                    });
                let xobjects = resources
                    .and_then(|r| r.get(b"XObject").ok())
                    .and_then(|x| deref(doc, x).as_dict().ok())
                    .or(canvas.xobjects);
                let mut inner = gs.clone();
                if let Some(m) = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|m| m.as_array().ok())
                    .and_then(|m| matrix(m))
                {
                    inner.ctm = mul(&m, &inner.ctm);
                }
                let fonts = own_fonts.as_ref().unwrap_or(canvas.fonts);
                self.run(&content, fonts, xobjects, inner, page, depth + 1)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Shows a string or a `TJ` array as one span, and moves the text matrix past it.
    fn show(&mut self, canvas: &mut Canvas<'_, 'a>, gs: &State, ops: &[Object], page: &mut Page) {
        let Some(dict) = gs.font.as_ref().and_then(|f| canvas.fonts.get(f)).copied() else {
            return;
        };
        let doc = self.doc;
        let font = self
            .fonts
            .entry(dict as *const Dictionary)
            .or_insert_with(|| font(doc, dict));
        let parts: Vec<&Object> = match ops {
            [Object::Array(items)] => items.iter().collect(),
            [s @ Object::String(..)] => vec![s],
            _ => return,
        };
        let render = |tm: &Matrix| mul(tm, &gs.ctm);
        let start = render(&canvas.tm);
        let (x, y) = point(&start, 0.0, gs.rise);
        let size = gs.size.abs() * start[2].hypot(start[3]);
        let mut text = String::new();
        for part in parts {
            let advance = match part {
                Object::String(bytes, _) => {
                    text.push_str(&font.decode(bytes));
                    let codes = font.codes(bytes);
                    let spaces = codes.iter().filter(|(c, _)| *c == 32).count() as f32;
                    let widths: f32 = codes.iter().map(|(_, w)| w).sum();
                    (widths / 1000.0 * gs.size
                        + gs.char_spacing * codes.len() as f32
                        + gs.word_spacing * spaces)
                        * gs.scale
                }
                other => {
                    let adjust = num(other);
                    // A wide negative adjustment is how many writers space words.
                    if adjust < -200.0 && !text.ends_with(' ') {
                        text.push(' ');
                    }
                    -adjust / 1000.0 * gs.size * gs.scale
                }
            };
            canvas.tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &canvas.tm);
        }
        let (x_end, _) = point(&render(&canvas.tm), 0.0, gs.rise);
        let text = text.replace(['\u{0}', '\u{fffd}'], "");
        if !text.trim().is_empty() && size.is_finite() && size > 0.1 {
            page.spans.push(Span {
                x: x.min(x_end),
                y,
                x_end: x.max(x_end),
                size,
                text,
            });
        }
    }
}

impl Canvas<'_, '_> {
    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

/// A page attribute, looked up the page tree (`MediaBox`, `Resources`), cycles bounded.
fn inherited<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = dict;
    for _ in 0..32 {
        if let Ok(o) = node.get(key) {
            return Some(o);
        }
        node = deref(doc, node.get(b"Parent").ok()?).as_dict().ok()?;
    }
    None
}

fn font<'a>(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
    let name = |key: &[u8]| dict.get(key).and_then(Object::as_name).unwrap_or(b"");
    let two_byte = name(b"Subtype") == b"Type0";
    let has_to_unicode = dict.get(b"ToUnicode").is_ok();
    // A composite font's codes are glyph ids: without a ToUnicode map they read as nothing.
    let encoding = (!two_byte || has_to_unicode)
        .then(|| dict.get_font_encoding_with_limit(doc, STREAM_LIMIT).ok())
        .flatten();
    let int = |d: &Dictionary, key: &[u8]| d.get(key).ok().map(|o| num(deref(doc, o)));
    let widths = dict
        .get(b"Widths")
        .ok()
        .and_then(|w| deref(doc, w).as_array().ok())
        .map(|a| a.iter().map(|o| num(deref(doc, o))).collect())
        .unwrap_or_default();
    let mut cid_widths = HashMap::new();
    let mut default_width = 1000.0;
    let descendant = dict
        .get(b"DescendantFonts")
        .ok()
        .and_then(|d| deref(doc, d).as_array().ok())
        .and_then(|a| a.first())
        .and_then(|d| deref(doc, d).as_dict().ok());
    if let Some(d) = descendant {
        default_width = int(d, b"DW").unwrap_or(1000.0);
        if let Some(w) = d.get(b"W").ok().and_then(|w| deref(doc, w).as_array().ok()) {
            cid_widths = cid_width_table(doc, w);
        }
    }
    let base = name(b"BaseFont");
    Font {
        encoding,
        two_byte,
        first_char: int(dict, b"FirstChar").unwrap_or(0.0).max(0.0) as u32,
        widths,
        cid_widths,
        default_width,
        monospace: base.starts_with(b"Courier"),
    }
}

/// A CID font's `/W` array: `c [w1 w2 …]` and `c_first c_last w` entries, at most 65,536 ids.
fn cid_width_table(doc: &Document, w: &[Object]) -> HashMap<u32, f32> {
    let mut table = HashMap::new();
    let mut i = 0;
    while i + 1 < w.len() && table.len() < 65_536 {
        let first = num(deref(doc, &w[i])).max(0.0) as u32;
        match deref(doc, &w[i + 1]) {
            Object::Array(ws) => {
                for (k, o) in ws.iter().take(65_536).enumerate() {
                    table.insert(first + k as u32, num(deref(doc, o)));
                }
                i += 2;
            }
            last if i + 2 < w.len() => {
                let last = (num(last).max(0.0) as u32).min(first + 65_536);
                let width = num(deref(doc, &w[i + 2]));
                for c in first..=last {
                    table.insert(c, width);
                }
                i += 3;
            }
            _ => break,
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_translation_after_scale() {
        let scale: Matrix = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        let shift: Matrix = [1.0, 0.0, 0.0, 1.0, 10.0, 5.0];
        assert_eq!(point(&mul(&scale, &shift), 1.0, 1.0), (12.0, 7.0));
        assert_eq!(point(&mul(&shift, &scale), 1.0, 1.0), (22.0, 12.0));
    }

    #[test]
    fn helvetica_widths_are_the_afm_ones() {
        assert_eq!(helvetica_width(b' '), 278.0);
        assert_eq!(helvetica_width(b'W'), 944.0);
        assert_eq!(helvetica_width(b'~'), 584.0);
    }
}
