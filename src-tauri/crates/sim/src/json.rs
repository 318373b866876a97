//! A small JSON object writer for rows. Rows are written straight into the page buffer; going
//! through serde_json::Value would cost an allocation per cell and make the simulator, not the
//! client, the bottleneck of a fetch benchmark.

use lens_model::dates::{self, DateStyle, Micros};

pub struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

/// Whether a string needs JSON escaping. Written as a fold without early exit so the compiler
/// can check many bytes at a time: nearly every string the simulator writes needs none.
fn needs_escape(s: &str) -> bool {
    s.bytes().fold(false, |acc, b| acc | (b < 0x20) | (b == b'"') | (b == b'\\'))
}

pub fn escape_into(out: &mut String, s: &str) {
    if !needs_escape(s) {
        out.push('"');
        out.push_str(s);
        out.push('"');
        return;
    }
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: Option<&str> = match b {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            0..=0x1f => None,
            _ => continue,
        };
        out.push_str(&s[start..i]);
        match esc {
            Some(e) => out.push_str(e),
            None => {
                use std::fmt::Write;
                let _ = write!(out, "\\u{:04x}", b);
            }
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

impl<'a> Obj<'a> {
    pub fn begin(out: &'a mut String) -> Obj<'a> {
        out.push('{');
        Obj { out, first: true }
    }

    fn key(&mut self, k: &str) {
        self.out.push_str(if self.first { "\"" } else { ",\"" });
        self.first = false;
        self.out.push_str(k);
        self.out.push_str("\":");
    }

    pub fn str(&mut self, k: &str, v: Option<&str>) -> &mut Self {
        self.key(k);
        match v {
            Some(s) => escape_into(self.out, s),
            None => self.out.push_str("null"),
        }
        self
    }

    /// A string known to need no escaping (a GUID, one of our own fixed words).
    pub fn plain(&mut self, k: &str, v: &str) -> &mut Self {
        debug_assert!(!needs_escape(v));
        self.key(k);
        self.out.push('"');
        self.out.push_str(v);
        self.out.push('"');
        self
    }

    pub fn bool(&mut self, k: &str, v: bool) -> &mut Self {
        self.key(k);
        self.out.push_str(if v { "true" } else { "false" });
        self
    }

    pub fn int(&mut self, k: &str, v: i64) -> &mut Self {
        self.key(k);
        push_int(self.out, v);
        self
    }

    /// A number with a fractional part always written (`12.0`), as .NET writes doubles.
    pub fn float(&mut self, k: &str, v: f64) -> &mut Self {
        self.key(k);
        push_float(self.out, v);
        self
    }

    /// A count as the grouped answers write it: a JSON string.
    pub fn count_str(&mut self, k: &str, v: f64, fractional: bool) -> &mut Self {
        self.key(k);
        self.out.push('"');
        if fractional {
            push_float(self.out, v);
        } else {
            push_int(self.out, v.round() as i64);
        }
        self.out.push('"');
        self
    }

    pub fn date(&mut self, k: &str, v: Option<Micros>, style: DateStyle) -> &mut Self {
        self.key(k);
        match v {
            Some(t) => {
                self.out.push('"');
                dates::write(self.out, t, style);
                self.out.push('"');
            }
            None => self.out.push_str("null"),
        }
        self
    }

    /// A date where "none" is written as the year-one marker (indirect resellers).
    pub fn date_or_year_one(&mut self, k: &str, v: Option<Micros>) -> &mut Self {
        match v {
            Some(_) => self.date(k, v, DateStyle::Seconds),
            None => {
                self.key(k);
                self.out.push_str("\"0001-01-01T00:00:00\"");
                self
            }
        }
    }

    pub fn raw(&mut self, k: &str, json: &str) -> &mut Self {
        self.key(k);
        self.out.push_str(json);
        self
    }

    pub fn end(&mut self) {
        self.out.push('}');
    }
}

fn push_float(out: &mut String, v: f64) {
    use std::fmt::Write;
    let rounded = (v * 1e4).round() / 1e4;
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        let _ = write!(out, "{}.0", rounded as i64);
    } else {
        let _ = write!(out, "{rounded}");
    }
}

/// Appends an integer without the formatting machinery or an allocation.
pub fn push_int(out: &mut String, v: i64) {
    let mut buf = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        out.push('-');
    }
    // SAFETY: only ASCII digits were written to `buf[i..]`.
    out.push_str(unsafe { std::str::from_utf8_unchecked(&buf[i..]) });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_check_agrees_with_the_escaper() {
        for s in ["plain", "Margie's Travel", "Café", "quote\"", "back\\slash", "tab\t", "\u{1}"] {
            let mut out = String::new();
            escape_into(&mut out, s);
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s);
            assert_eq!(needs_escape(s), out.len() != s.len() + 2, "{s:?}");
        }
    }

    #[test]
    fn writes_valid_json_with_escapes() {
        let mut s = String::new();
        Obj::begin(&mut s)
            .str("a", Some("Margie's \"Travel\"\n\u{1}"))
            .str("b", None)
            .int("c", -42)
            .float("d", 12.0)
            .float("e", 0.125)
            .count_str("f", 906.0, false)
            .date("g", Some(lens_model::dates::ymd(2016, 2, 4)), DateStyle::Seconds)
            .date_or_year_one("h", None)
            .end();
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["a"], "Margie's \"Travel\"\n\u{1}");
        assert!(v["b"].is_null());
        assert_eq!(v["c"], -42);
        assert_eq!(v["d"].as_f64(), Some(12.0));
        assert!(s.contains("\"d\":12.0"));
        assert_eq!(v["f"], "906");
        assert_eq!(v["g"], "2016-02-04T00:00:00");
        assert_eq!(v["h"], "0001-01-01T00:00:00");
    }
}
