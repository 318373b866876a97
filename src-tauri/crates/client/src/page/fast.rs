//! The fast reader: a scanner for the page shape the service sends, writing each cell straight
//! into its column. Rows list their fields in the same order, so each field name is first
//! compared with the one after the last (no hashing); text without escapes is copied once,
//! from the page into the column. It returns `None` for anything it does not expect (a row or
//! cell that cannot be read, a nested value in an unknown field, an escape in a field name,
//! damaged JSON), and [`super::general`] reads that page instead, with its words for what is
//! wrong: the two never disagree, and only unusual pages pay for being read twice.

use lens_model::batch::{Batch, ColumnData};

use super::cells;
use super::{EnvKey, Page, PageSchema};

/// Deeper nesting than this in a value the page skips is left to the general reader (serde's
/// limit is 128).
const MAX_DEPTH: usize = 100;

pub fn parse(body: &[u8], schema: &PageSchema) -> Option<Page> {
    // Checked once, so every text between two quotes is UTF-8 (quotes are ASCII).
    let text = std::str::from_utf8(body).ok()?;
    let mut s = Scanner { text, b: body, i: 0, scratch: String::new(), order: Vec::new() };
    let page = s.envelope(schema)?;
    s.ws();
    (s.i == body.len()).then_some(page)
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    /// Text with escapes, unescaped.
    scratch: String,
    /// The column of each field position in the last row: rows list their fields in one order,
    /// so a name is compared once instead of looked up.
    order: Vec<usize>,
}

/// A JSON number as serde reads it: whole numbers that fit as integers, the rest as decimals.
enum Num {
    Int(i64),
    Float(f64),
}

/// Which bytes end the plain run of a string: a quote, a backslash or a control character.
static STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// The first byte from `from` that ends a plain run of text (a quote, a backslash or a control
/// character), eight bytes at a time: text is most of a page.
fn stop(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // Bytes below 0x20, equal to '"', equal to '\\'; the lowest flag is always exact.
        let found =
            (w.wrapping_sub(ONES * 0x20) & !w & HIGH) | zero_byte(w ^ (ONES * 0x22)) | zero_byte(w ^ (ONES * 0x5c));
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b[i..].iter().position(|&c| STOP[c as usize]).map(|p| i + p)
}

impl<'a> Scanner<'a> {
    fn ws(&mut self) {
        while let Some(c) = self.b.get(self.i) {
            if !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
                break;
            }
            self.i += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.b[self.i..].starts_with(word).then(|| self.i += word.len())
    }

    /// After `,` or at the end of a list or object: whether another item follows.
    fn more(&mut self, close: u8, first: bool) -> Option<bool> {
        match self.peek()? {
            c if c == close => {
                self.i += 1;
                Some(false)
            }
            b',' if !first => {
                self.i += 1;
                Some(true)
            }
            _ if first => Some(true),
            _ => None,
        }
    }

    /// A string without escapes, as it stands in the page (field names).
    fn plain_str(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.i;
        let end = stop(self.b, start)?;
        if self.b[end] != b'"' {
            return None;
        }
        self.i = end + 1;
        Some(&self.text[start..end])
    }

    /// A string, unescaped: borrowed from the page when it has no escapes.
    fn string(&mut self) -> Option<Text<'a>> {
        self.eat(b'"')?;
        let start = self.i;
        let mut end = stop(self.b, start)?;
        if self.b[end] == b'"' {
            self.i = end + 1;
            return Some(Text::Page(&self.text[start..end]));
        }
        self.scratch.clear();
        loop {
            self.scratch.push_str(&self.text[self.i..end]);
            match self.b[end] {
                b'"' => {
                    self.i = end + 1;
                    return Some(Text::Scratch);
                }
                b'\\' => {
                    self.i = end + 1;
                    self.escape()?;
                }
                // A raw control character: serde refuses it, and so does the general reader.
                _ => return None,
            }
            end = stop(self.b, self.i)?;
        }
    }

    fn escape(&mut self) -> Option<()> {
        let c = *self.b.get(self.i)?;
        self.i += 1;
        let ch = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    // A surrogate pair; a lone half is left to the general reader.
                    self.literal(b"\\u")?;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return None;
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else {
                    hi
                };
                char::from_u32(code)?
            }
            _ => return None,
        };
        self.scratch.push(ch);
        Some(())
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = self.b.get(self.i..self.i + 4)?;
        self.i += 4;
        h.iter().try_fold(0u32, |acc, &c| Some(acc * 16 + (c as char).to_digit(16)?))
    }

    fn text(&self, t: &Text<'a>) -> &str {
        match t {
            Text::Page(s) => s,
            Text::Scratch => &self.scratch,
        }
    }

    /// A number with JSON's grammar, read as serde reads it.
    fn number(&mut self) -> Option<Num> {
        let start = self.i;
        let b = self.b;
        let mut i = start;
        let neg = b.get(i) == Some(&b'-');
        if neg {
            i += 1;
        }
        let digits_from = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let int_digits = i - digits_from;
        // No digits, or a leading zero before more digits: not JSON.
        if int_digits == 0 || (int_digits > 1 && b[digits_from] == b'0') {
            return None;
        }
        let mut float = false;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let f = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == f {
                return None;
            }
            float = true;
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let e = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == e {
                return None;
            }
            float = true;
        }
        self.i = i;
        if float {
            // serde's own conversion, so a decimal reads to the same bits in both readers.
            let v: f64 = serde_json::from_slice(&self.b[start..i]).ok()?;
            return Some(Num::Float(v));
        }
        // As serde does: whole numbers in 64 bits, beyond that (and `-0`) as decimals; more
        // than 64 bits is left to the general reader.
        let mut v: u64 = 0;
        for &c in &b[digits_from..i] {
            v = v.checked_mul(10)?.checked_add((c - b'0') as u64)?;
        }
        Some(if !neg {
            if v <= i64::MAX as u64 { Num::Int(v as i64) } else { Num::Float(v as f64) }
        } else {
            let n = (v as i64).wrapping_neg();
            if n >= 0 { Num::Float(-(v as f64)) } else { Num::Int(n) }
        })
    }

    /// Skips a value whose content is not needed, checking its grammar.
    fn skip(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' => {
                self.i += 1;
                let mut first = true;
                while self.more(b'}', first)? {
                    first = false;
                    self.string()?;
                    self.eat(b':')?;
                    self.skip(depth + 1)?;
                }
                Some(())
            }
            b'[' => {
                self.i += 1;
                let mut first = true;
                while self.more(b']', first)? {
                    first = false;
                    self.skip(depth + 1)?;
                }
                Some(())
            }
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number().map(|_| ()),
        }
    }

    fn envelope(&mut self, schema: &PageSchema) -> Option<Page> {
        self.eat(b'{')?;
        let mut batch = Batch::with_schema(schema.fields.iter().map(|(n, t)| (n.as_str(), *t)));
        let (mut next_link, mut total, mut rows_seen) = (None, None, None);
        let mut first = true;
        while self.more(b'}', first)? {
            first = false;
            let key = EnvKey::of(self.plain_str()?);
            self.eat(b':')?;
            match key {
                // Twice in one page is left to the general reader.
                EnvKey::Value if rows_seen.is_none() => rows_seen = Some(self.rows(schema, &mut batch)?),
                EnvKey::Value => return None,
                EnvKey::NextLink => {
                    next_link = match self.peek()? {
                        b'n' => self.literal(b"null").map(|_| None)?,
                        _ => {
                            let t = self.string()?;
                            Some(self.text(&t).to_string()).filter(|s| !s.is_empty())
                        }
                    }
                }
                EnvKey::Total => total = self.count()?,
                EnvKey::Other => self.skip(0)?,
            }
        }
        Some(Page { batch, next_link, total, rows_seen: rows_seen? })
    }

    /// `TotalCount`: a number or a numeric string, as the general reader's lenient count.
    fn count(&mut self) -> Option<Option<usize>> {
        Some(match self.peek()? {
            b'n' => self.literal(b"null").map(|_| None)?,
            b'"' => {
                let t = self.string()?;
                self.text(&t).trim().parse().ok()
            }
            _ => match self.number()? {
                Num::Int(v) => (v >= 0).then_some(v as usize),
                Num::Float(v) => (v >= 0.0).then_some(v as usize),
            },
        })
    }

    fn rows(&mut self, schema: &PageSchema, batch: &mut Batch) -> Option<usize> {
        self.eat(b'[')?;
        let mut n = 0;
        let mut first = true;
        while self.more(b']', first)? {
            let from = self.i;
            self.row(schema, batch)?;
            if first {
                // The first row's size foretells the page's rows: room for them all at once
                // instead of growing (and copying) every column many times.
                let rows = (self.b.len() - from) / (self.i - from + 1).max(1) + 1;
                batch.reserve(rows);
            }
            first = false;
            n += 1;
        }
        Some(n)
    }

    fn row(&mut self, schema: &PageSchema, batch: &mut Batch) -> Option<()> {
        // A row that is not an object is a bad row: the general reader reports it.
        self.eat(b'{')?;
        let row = batch.rows;
        let known = schema.fields.len();
        let (mut at, mut filled) = (0, 0);
        let mut first = true;
        while self.more(b'}', first)? {
            first = false;
            let key = self.plain_str()?;
            let col = match self.order.get(at) {
                Some(&c) if batch.columns[c].name == key => c,
                _ => {
                    let c = column_of(schema, batch, key);
                    self.order.truncate(at);
                    self.order.push(c);
                    c
                }
            };
            at += 1;
            self.eat(b':')?;
            let data = &mut batch.columns[col].data;
            if data.len() > row {
                // The same field twice in one row: keep the first.
                self.skip(0)?;
                continue;
            }
            if col >= known {
                self.extra_cell(data)?;
            } else {
                self.cell(data)?;
            }
            filled += 1;
        }
        batch.rows = row + 1;
        if filled < batch.columns.len() {
            batch.fill_missing();
        }
        Some(())
    }

    /// A cell of a known field; a value it cannot take is a bad row (`None`).
    fn cell(&mut self, data: &mut ColumnData) -> Option<()> {
        let done = match self.peek()? {
            b'"' => {
                let t = self.string()?;
                cells::text(data, self.text(&t))
            }
            b'n' => {
                self.literal(b"null")?;
                data.push_null();
                Ok(())
            }
            b't' => self.literal(b"true").map(|_| cells::bool(data, true))?,
            b'f' => self.literal(b"false").map(|_| cells::bool(data, false))?,
            b'{' | b'[' => return None,
            _ => match self.number()? {
                Num::Int(v) => cells::int(data, v),
                Num::Float(v) => cells::float(data, v),
            },
        };
        done.ok()
    }

    /// A cell of a field the schema does not know: kept as text. Numbers and nested values
    /// (kept as their JSON text) are left to the general reader.
    fn extra_cell(&mut self, data: &mut ColumnData) -> Option<()> {
        let ColumnData::Str(c) = data else { return None };
        match self.peek()? {
            b'"' => {
                let t = self.string()?;
                c.push(Some(self.text(&t)));
            }
            b'n' => {
                self.literal(b"null")?;
                c.push(None);
            }
            b't' => self.literal(b"true").map(|_| c.push(Some("true")))?,
            b'f' => self.literal(b"false").map(|_| c.push(Some("false")))?,
            _ => return None,
        }
        Some(())
    }
}

enum Text<'a> {
    Page(&'a str),
    Scratch,
}

/// The column of a field name: the schema's (exactly, then ignoring case), an unknown field
/// seen before in this page, or a new text column for it.
fn column_of(schema: &PageSchema, batch: &mut Batch, key: &str) -> usize {
    if let Some(i) = schema.find(key) {
        return i;
    }
    let known = schema.fields.len();
    match batch.columns[known..].iter().position(|c| c.name == key) {
        Some(j) => known + j,
        None => batch.add_extra_column(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lens_model::dataset::DatasetId;

    fn subs() -> PageSchema {
        PageSchema::raw(DatasetId::Subscriptions.spec())
    }

    /// The usual pages are read here (not handed on), and read as the general reader does.
    #[test]
    fn reads_usual_pages_itself_and_as_the_general_reader_does() {
        for body in [
            r#"{"Value":[{"id":"a","customerName":"Fabrikam \"Nord\" \u00e9\ud83d\ude00 \\ \/ \n","licenseCount":3,
                "autoRenewEnabled":false,"creationDate":"2024-02-29T10:20:30.1234567Z",
                "billingFrequency":"Monthly","flag":true,"gone":null}],"@nextLink":"http://x/?skip=1","TotalCount":"7"}"#,
            r#" { "value" : [ { "id" : "a" } , { "ID" : "b" , "id" : "dup" } ] , "nextLink" : null , "totalCount" : 2 } "#,
            r#"{"Value":[],"TotalCount":0,"extra":{"deep":[1,2.5e3,-4,"x",null,true]}}"#,
            r#"{"Value":[{"licenseCount":1.0},{"licenseCount":2.5},{"licenseCount":"12"},{"licenseCount":-0}]}"#,
            r#"{"Value":[{"licenseCount":18446744073709551615},{"licenseCount":-9223372036854775808},{"licenseCount":-1e2}]}"#,
        ] {
            let quick = parse(body.as_bytes(), &subs()).unwrap_or_else(|| panic!("left to the general reader: {body}"));
            assert_eq!(Ok(quick), super::super::general::parse(body.as_bytes(), &subs()));
        }
    }

    /// What only the general reader words, or reports as a bad row, is left to it.
    #[test]
    fn leaves_bad_rows_nested_unknown_fields_and_damage_to_the_general_reader() {
        for body in [
            r#"{"Value":[{"id":"a"},null]}"#,
            r#"{"Value":[{"creationDate":"last tuesday"}]}"#,
            r#"{"Value":[{"licenseCount":[1]}]}"#,
            r#"{"Value":[{"tags":[1,"two"]}]}"#,
            r#"{"Value":[{"mpnIdNotInThisDataSet":4412345}]}"#,
            r#"{"Value":[{"i\u0064":"a"}]}"#,
            r#"{"Value":[{"id":"a"}]}<!-- x -->"#,
            r#"{"Value":[{"id":"a"#,
            r#"{"Value":[{"id":"a"},]}"#,
            r#"{"Value":[{"licenseCount":01}]}"#,
            r#"{"Value":[{"id":"\ud800"}]}"#,
            r#"{"TotalCount":3}"#,
        ] {
            assert!(parse(body.as_bytes(), &subs()).is_none(), "read by the fast reader: {body}");
        }
    }
}
