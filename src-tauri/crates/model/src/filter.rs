//! The Analytics API's `filter` language (seed 001, spec section 2): `field eq 'v'`, `ne`, and on
//! dates `gt lt ge le`; `contains(field,'v')`; `and` / `or` with parentheses; strings in single
//! quotes, booleans bare, dates as `'2018-01-01'` or `cast('2018-01-01', Edm.DateTimeOffset)`.
//!
//! One parser serves the simulator (which evaluates it on rows), the client (which sends the
//! canonical text) and the engine (which turns it into polars expressions), so all three agree
//! on what a filter means. Semantics that the docs leave open are fixed here once:
//! - string `eq`/`ne` compare exactly (the docs call `subscriptionType` case sensitive);
//! - `contains` ignores case (the docs say the case of a search value is ignored);
//! - a date given without a time covers the whole day: `eq '2018-01-01'` is "on that day",
//!   `gt '2018-01-01'` is "after that day", `ge` is "from that day on";
//! - a missing value (null) never matches `eq`, `contains` or a comparison, and always matches
//!   `ne`; `eq null` / `ne null` test for it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::dataset::{DatasetSpec, FieldType};
use crate::dates::{self, MICROS_PER_DAY, Micros};
use crate::quoted::{UNCLOSED, read_quoted};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Op {
    Eq,
    Ne,
    Gt,
    Lt,
    Ge,
    Le,
    Contains,
}

impl Op {
    pub fn keyword(self) -> &'static str {
        match self {
            Op::Eq => "eq",
            Op::Ne => "ne",
            Op::Gt => "gt",
            Op::Lt => "lt",
            Op::Ge => "ge",
            Op::Le => "le",
            Op::Contains => "contains",
        }
    }

    fn from_keyword(s: &str) -> Option<Op> {
        Some(match s.to_ascii_lowercase().as_str() {
            "eq" => Op::Eq,
            "ne" => Op::Ne,
            "gt" => Op::Gt,
            "lt" => Op::Lt,
            "ge" => Op::Ge,
            "le" => Op::Le,
            _ => return None,
        })
    }
}

/// A value on the right of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "camelCase")]
pub enum Literal {
    Str(String),
    Bool(bool),
    Number(f64),
    /// A date, from a quoted string on a date field or from `cast(…, Edm.DateTimeOffset)`.
    Date(DateLiteral),
    Null,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DateLiteral {
    /// The text as written, so the canonical filter sends it back unchanged.
    pub text: String,
    /// Whether it was written with `cast(…, Edm.DateTimeOffset)`.
    pub cast: bool,
    /// Start of the range the literal names (a whole day for a date alone).
    pub start: Micros,
    /// End of that range, exclusive.
    pub end: Micros,
}

impl DateLiteral {
    pub fn parse(text: &str, cast: bool) -> Result<DateLiteral, dates::DateError> {
        let p = dates::parse(text)?;
        let start = p.micros.unwrap_or(i64::MIN / 2);
        let end = if p.whole_day { start + MICROS_PER_DAY } else { start + 1 };
        Ok(DateLiteral { text: text.to_string(), cast, start, end })
    }
}

/// A parsed filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Filter {
    And { all: Vec<Filter> },
    Or { any: Vec<Filter> },
    Compare { field: String, op: Op, value: Literal },
}

impl Filter {
    pub fn eq(field: &str, value: impl Into<String>) -> Filter {
        Filter::Compare { field: field.into(), op: Op::Eq, value: Literal::Str(value.into()) }
    }
    pub fn ne(field: &str, value: impl Into<String>) -> Filter {
        Filter::Compare { field: field.into(), op: Op::Ne, value: Literal::Str(value.into()) }
    }
    pub fn is(field: &str, value: bool) -> Filter {
        Filter::Compare { field: field.into(), op: Op::Eq, value: Literal::Bool(value) }
    }
    pub fn contains(field: &str, value: impl Into<String>) -> Filter {
        Filter::Compare { field: field.into(), op: Op::Contains, value: Literal::Str(value.into()) }
    }
    /// A date comparison; `date` is any documented date form.
    pub fn date(field: &str, op: Op, date: &str) -> Filter {
        Filter::Compare { field: field.into(), op, value: Literal::Str(date.into()) }
    }
    pub fn and(self, other: Filter) -> Filter {
        match self {
            Filter::And { mut all } => {
                all.push(other);
                Filter::And { all }
            }
            f => Filter::And { all: vec![f, other] },
        }
    }
    pub fn or(self, other: Filter) -> Filter {
        match self {
            Filter::Or { mut any } => {
                any.push(other);
                Filter::Or { any }
            }
            f => Filter::Or { any: vec![f, other] },
        }
    }

    /// Every field the filter names, in order of appearance.
    pub fn fields(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.visit(&mut |f| out.push(f));
        out
    }

    fn visit<'a>(&'a self, cb: &mut impl FnMut(&'a str)) {
        match self {
            Filter::And { all: v } | Filter::Or { any: v } => v.iter().for_each(|f| f.visit(cb)),
            Filter::Compare { field, .. } => cb(field),
        }
    }
}

/// A filter the service would refuse, with where and why in plain words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{message}")]
pub struct FilterError {
    pub message: String,
    /// Character offset in the filter text, when the problem is at one place.
    pub position: Option<usize>,
}

fn err<T>(message: impl Into<String>, position: Option<usize>) -> Result<T, FilterError> {
    Err(FilterError { message: message.into(), position })
}

// ---------------------------------------------------------------------------------------------
// Parsing

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    LParen,
    RParen,
    Comma,
}

/// Longest filter accepted, in characters. The service takes the filter in the address, which
/// servers cap at a few kilobytes; anything longer is a mistake (a pasted file) and would only
/// make every error message unreadable.
pub const MAX_FILTER_CHARS: usize = 4000;
/// Deepest nesting of parentheses accepted. People write two or three levels; the limit keeps
/// the recursive parser (and everything that walks the tree) far from the stack's end.
pub const MAX_FILTER_DEPTH: usize = 32;

/// Positions are counted in characters, not bytes, so an accent before the mistake does not
/// move the caret the window draws under it.
fn tokenize(text: &str) -> Result<Vec<(Tok, usize)>, FilterError> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.chars().enumerate().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push((Tok::LParen, pos));
                i += 1;
            }
            ')' => {
                out.push((Tok::RParen, pos));
                i += 1;
            }
            ',' => {
                out.push((Tok::Comma, pos));
                i += 1;
            }
            '\'' => match read_quoted(&chars, &mut i) {
                Some(s) => out.push((Tok::Str(s), pos)),
                None => return err(UNCLOSED, Some(pos)),
            },
            '‘' | '’' | '"' | '“' | '”' => {
                return err(format!("Put values in straight single quotes ('like this'), not {c}"), Some(pos));
            }
            c if c.is_ascii_digit() || c == '-' => {
                let start = i;
                i += 1;
                while i < chars.len() && (chars[i].1.is_ascii_digit() || chars[i].1 == '.') {
                    i += 1;
                }
                let s: String = chars[start..i].iter().map(|(_, c)| c).collect();
                match s.parse::<f64>() {
                    Ok(n) => out.push((Tok::Num(n), pos)),
                    Err(_) => return err(format!("\"{s}\" is not a number"), Some(pos)),
                }
            }
            c if c.is_alphanumeric() || c == '_' || c == '@' => {
                let start = i;
                while i < chars.len() && (chars[i].1.is_alphanumeric() || "_.@".contains(chars[i].1)) {
                    i += 1;
                }
                let s: String = chars[start..i].iter().map(|(_, c)| c).collect();
                out.push((Tok::Ident(s), pos));
            }
            other => return err(format!("Unexpected character \"{other}\""), Some(pos)),
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    at: usize,
    len: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|(t, _)| t)
    }
    fn pos(&self) -> usize {
        self.toks.get(self.at).map_or(self.len, |(_, p)| *p)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.at).map(|(t, _)| t.clone());
        self.at += 1;
        t
    }
    fn keyword(&self, kw: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(s)) if s.eq_ignore_ascii_case(kw))
    }
    fn expect(&mut self, want: Tok, what: &str) -> Result<(), FilterError> {
        let pos = self.pos();
        match self.next() {
            Some(t) if t == want => Ok(()),
            _ => err(format!("Expected {what} here"), Some(pos)),
        }
    }

    fn or_expr(&mut self) -> Result<Filter, FilterError> {
        let mut parts = Vec::new();
        loop {
            // `(a or b) or c` is one group of three: printed, it reads `a or b or c`, which
            // must parse back to the same tree.
            match self.and_expr()? {
                Filter::Or { any } => parts.extend(any),
                f => parts.push(f),
            }
            if !self.keyword("or") {
                break;
            }
            self.at += 1;
        }
        Ok(if parts.len() == 1 { parts.pop().unwrap() } else { Filter::Or { any: parts } })
    }

    fn and_expr(&mut self) -> Result<Filter, FilterError> {
        let mut parts = Vec::new();
        loop {
            match self.atom()? {
                Filter::And { all } => parts.extend(all),
                f => parts.push(f),
            }
            if !self.keyword("and") {
                break;
            }
            self.at += 1;
        }
        Ok(if parts.len() == 1 { parts.pop().unwrap() } else { Filter::And { all: parts } })
    }

    fn atom(&mut self) -> Result<Filter, FilterError> {
        let pos = self.pos();
        match self.next() {
            Some(Tok::LParen) => {
                self.depth += 1;
                if self.depth > MAX_FILTER_DEPTH {
                    return err(
                        format!("The filter nests parentheses too deeply (more than {MAX_FILTER_DEPTH} levels)"),
                        Some(pos),
                    );
                }
                let inner = self.or_expr()?;
                self.expect(Tok::RParen, "a closing parenthesis")?;
                self.depth -= 1;
                Ok(inner)
            }
            Some(Tok::Ident(name)) if name.eq_ignore_ascii_case("contains") => {
                self.expect(Tok::LParen, "\"(\" after contains")?;
                let fpos = self.pos();
                let field = match self.next() {
                    Some(Tok::Ident(f)) => f,
                    _ => {
                        return err("Expected a field name in contains(field,'text')", Some(fpos));
                    }
                };
                self.expect(Tok::Comma, "a comma in contains(field,'text')")?;
                let vpos = self.pos();
                let value = match self.next() {
                    Some(Tok::Str(s)) => s,
                    _ => {
                        return err("contains needs a quoted text: contains(field,'text')", Some(vpos));
                    }
                };
                self.expect(Tok::RParen, "a closing parenthesis")?;
                Ok(Filter::Compare { field, op: Op::Contains, value: Literal::Str(value) })
            }
            Some(Tok::Ident(field)) => {
                let opos = self.pos();
                let op = match self.next() {
                    Some(Tok::Ident(o)) => match Op::from_keyword(&o) {
                        Some(op) => op,
                        None => {
                            return err(
                                format!("\"{o}\" is not an operator; use eq, ne, gt, lt, ge or le"),
                                Some(opos),
                            );
                        }
                    },
                    Some(_) => {
                        return err("Expected an operator (eq, ne, gt, lt, ge, le)", Some(opos));
                    }
                    None => {
                        return err(
                            format!("\"{field}\" needs an operator and a value, like {field} eq 'value'"),
                            Some(opos),
                        );
                    }
                };
                let value = self.value()?;
                Ok(Filter::Compare { field, op, value })
            }
            Some(_) => err("Expected a field name, contains(…) or \"(\"", Some(pos)),
            None => err("The filter ends too early", Some(pos)),
        }
    }

    fn value(&mut self) -> Result<Literal, FilterError> {
        let pos = self.pos();
        match self.next() {
            Some(Tok::Str(s)) => Ok(Literal::Str(s)),
            Some(Tok::Num(n)) => Ok(Literal::Number(n)),
            Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("true") => Ok(Literal::Bool(true)),
            Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("false") => Ok(Literal::Bool(false)),
            Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("null") => Ok(Literal::Null),
            Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("cast") => {
                self.expect(Tok::LParen, "\"(\" after cast")?;
                let dpos = self.pos();
                let text = match self.next() {
                    Some(Tok::Str(s)) => s,
                    _ => {
                        return err("cast needs a quoted date: cast('2018-01-01', Edm.DateTimeOffset)", Some(dpos));
                    }
                };
                self.expect(Tok::Comma, "a comma in cast('…', Edm.DateTimeOffset)")?;
                let tpos = self.pos();
                match self.next() {
                    Some(Tok::Ident(t)) if t.eq_ignore_ascii_case("Edm.DateTimeOffset") => {}
                    _ => return err("Only Edm.DateTimeOffset can be cast to", Some(tpos)),
                }
                self.expect(Tok::RParen, "a closing parenthesis")?;
                let d = DateLiteral::parse(&text, true)
                    .map_err(|e| FilterError { message: e.to_string(), position: Some(dpos) })?;
                Ok(Literal::Date(d))
            }
            Some(Tok::Ident(w)) => err(format!("\"{w}\" is not a value; put text in single quotes: '{w}'"), Some(pos)),
            _ => err("Expected a value here", Some(pos)),
        }
    }
}

/// Parses filter text. Field names and types are checked separately by [`check`].
pub fn parse(text: &str) -> Result<Filter, FilterError> {
    let len = text.chars().count();
    if len > MAX_FILTER_CHARS {
        return err(
            format!(
                "The filter is too long ({len} characters; at most {MAX_FILTER_CHARS}). Shorten it or split it into saved views."
            ),
            None,
        );
    }
    let toks = tokenize(text)?;
    if toks.is_empty() {
        return err("The filter is empty", Some(0));
    }
    let mut p = Parser { toks, at: 0, len, depth: 0 };
    let f = p.or_expr()?;
    if p.at < p.toks.len() {
        let pos = p.pos();
        return err("Unexpected text after the end of the filter; join statements with and / or", Some(pos));
    }
    Ok(f)
}

/// Checks a filter against a data set the way the service does: the field must exist and
/// allow the operator, the value must fit the field. Returns the filter with canonical field
/// names and date strings turned into dates.
pub fn check(filter: &Filter, spec: &DatasetSpec) -> Result<Filter, FilterError> {
    match filter {
        Filter::And { all } => Ok(Filter::And { all: all.iter().map(|f| check(f, spec)).collect::<Result<_, _>>()? }),
        Filter::Or { any } => Ok(Filter::Or { any: any.iter().map(|f| check(f, spec)).collect::<Result<_, _>>()? }),
        Filter::Compare { field, op, value } => {
            let Some(def) = spec.field(field) else {
                return err(format!("\"{field}\" is not a field of {}", spec.id.title().to_lowercase()), None);
            };
            let name = def.name;
            if !def.ops.contains(op) {
                return err(
                    if def.ops.is_empty() {
                        format!("{name} cannot be used in a filter")
                    } else {
                        let allowed: Vec<&str> = def.ops.iter().map(|o| o.keyword()).collect();
                        format!("{name} does not support {}; it supports {}", op.keyword(), allowed.join(", "))
                    },
                    None,
                );
            }
            let value = match (def.ty, value) {
                (_, Literal::Null) if matches!(op, Op::Eq | Op::Ne) => Literal::Null,
                (FieldType::Str, Literal::Str(s)) => Literal::Str(s.clone()),
                (FieldType::Bool, Literal::Bool(b)) => Literal::Bool(*b),
                (FieldType::Bool, Literal::Str(s)) => {
                    return err(format!("{name} is true or false, written without quotes (not '{s}')"), None);
                }
                (FieldType::DateTime, Literal::Str(s)) => Literal::Date(
                    DateLiteral::parse(s, false)
                        .map_err(|e| FilterError { message: format!("{name}: {e}"), position: None })?,
                ),
                (FieldType::DateTime, Literal::Date(d)) => Literal::Date(d.clone()),
                (FieldType::Int | FieldType::Float, Literal::Number(n)) => Literal::Number(*n),
                (FieldType::Str, Literal::Number(n)) => {
                    return err(format!("{name} is text: put the value in single quotes, like '{n}'"), None);
                }
                (ty, v) => {
                    return err(
                        format!("{name} ({}) cannot be compared with {}", type_words(ty), literal_words(v)),
                        None,
                    );
                }
            };
            Ok(Filter::Compare { field: name.to_string(), op: *op, value })
        }
    }
}

/// Parses and checks in one step.
pub fn parse_for(text: &str, spec: &DatasetSpec) -> Result<Filter, FilterError> {
    check(&parse(text)?, spec)
}

fn type_words(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Str => "text",
        FieldType::Bool => "true or false",
        FieldType::Int | FieldType::Float => "a number",
        FieldType::DateTime => "a date",
    }
}

fn literal_words(v: &Literal) -> &'static str {
    match v {
        Literal::Str(_) => "text",
        Literal::Bool(_) => "true or false",
        Literal::Number(_) => "a number",
        Literal::Date(_) => "a date",
        Literal::Null => "null",
    }
}

// ---------------------------------------------------------------------------------------------
// Canonical text

fn quote(out: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    write!(out, "'{}'", s.replace('\'', "''"))
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Str(s) => quote(f, s),
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Number(n) => write!(f, "{n}"),
            Literal::Null => f.write_str("null"),
            Literal::Date(d) if d.cast => {
                f.write_str("cast(")?;
                quote(f, &d.text)?;
                f.write_str(", Edm.DateTimeOffset)")
            }
            Literal::Date(d) => quote(f, &d.text),
        }
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Filter::Compare { field, op: Op::Contains, value } => write!(f, "contains({field},{value})"),
            Filter::Compare { field, op, value } => write!(f, "{field} {} {value}", op.keyword()),
            Filter::And { all } => {
                for (i, part) in all.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" and ")?;
                    }
                    match part {
                        Filter::Or { .. } => write!(f, "({part})")?,
                        _ => write!(f, "{part}")?,
                    }
                }
                Ok(())
            }
            Filter::Or { any } => {
                for (i, part) in any.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    write!(f, "{part}")?;
                }
                Ok(())
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation on rows (the simulator's side; the engine translates to polars instead)

/// One cell of a row, borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Null,
    Str(&'a str),
    Bool(bool),
    Int(i64),
    Float(f64),
    Date(Micros),
}

/// Whether a cell satisfies `op value`, with the semantics in the module comment.
/// `value` must come from [`check`] (dates already parsed).
pub fn matches(cell: Cell<'_>, op: Op, value: &Literal) -> bool {
    use Cell as C;
    if let Literal::Null = value {
        let is_null = matches!(cell, C::Null);
        return if op == Op::Eq { is_null } else { !is_null };
    }
    if let C::Null = cell {
        return op == Op::Ne;
    }
    match (cell, value) {
        (C::Str(s), Literal::Str(v)) => match op {
            Op::Eq => s == v,
            Op::Ne => s != v,
            Op::Contains => contains_ignore_case(s, v),
            _ => false,
        },
        (C::Bool(b), Literal::Bool(v)) => match op {
            Op::Eq => b == *v,
            Op::Ne => b != *v,
            _ => false,
        },
        (C::Date(t), Literal::Date(d)) => match op {
            Op::Eq => d.start <= t && t < d.end,
            Op::Ne => !(d.start <= t && t < d.end),
            Op::Gt => t >= d.end,
            Op::Ge => t >= d.start,
            Op::Lt => t < d.start,
            Op::Le => t < d.end,
            Op::Contains => false,
        },
        (C::Int(i), Literal::Number(n)) => cmp_num(i as f64, op, *n),
        (C::Float(x), Literal::Number(n)) => cmp_num(x, op, *n),
        _ => op == Op::Ne,
    }
}

fn cmp_num(x: f64, op: Op, n: f64) -> bool {
    match op {
        Op::Eq => x == n,
        Op::Ne => x != n,
        Op::Gt => x > n,
        Op::Lt => x < n,
        Op::Ge => x >= n,
        Op::Le => x <= n,
        Op::Contains => false,
    }
}

pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    if needle.is_ascii() && haystack.is_ascii() {
        let n = needle.as_bytes();
        if n.is_empty() {
            return true;
        }
        return haystack.as_bytes().windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

/// A filter bound to field positions, for evaluating many rows quickly.
#[derive(Debug, Clone)]
pub enum Compiled {
    And(Vec<Compiled>),
    Or(Vec<Compiled>),
    Compare { index: usize, op: Op, value: Literal },
}

impl Compiled {
    /// Binds a checked filter to the positions of `spec.fields`.
    pub fn new(filter: &Filter, spec: &DatasetSpec) -> Compiled {
        match filter {
            Filter::And { all } => Compiled::And(all.iter().map(|f| Compiled::new(f, spec)).collect()),
            Filter::Or { any } => Compiled::Or(any.iter().map(|f| Compiled::new(f, spec)).collect()),
            Filter::Compare { field, op, value } => Compiled::Compare {
                index: spec.fields.iter().position(|f| f.name == field).unwrap_or(usize::MAX),
                op: *op,
                value: value.clone(),
            },
        }
    }

    /// `cell(i)` gives the value of `spec.fields[i]` for the row at hand.
    pub fn eval<'a>(&self, cell: &impl Fn(usize) -> Cell<'a>) -> bool {
        match self {
            Compiled::And(v) => v.iter().all(|c| c.eval(cell)),
            Compiled::Or(v) => v.iter().any(|c| c.eval(cell)),
            Compiled::Compare { index, op, value } => matches(cell(*index), *op, value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::DatasetId;
    use crate::dates::ymd;

    fn subs() -> &'static DatasetSpec {
        DatasetId::Subscriptions.spec()
    }

    #[test]
    fn parses_the_seed_examples() {
        let f = parse_for("status eq 'ACTIVE'", subs()).unwrap();
        assert_eq!(f, Filter::eq("status", "ACTIVE"));
        let f = parse_for("contains(customerName,'great') and contains(customerName,'ads')", subs()).unwrap();
        assert_eq!(f.to_string(), "contains(customerName,'great') and contains(customerName,'ads')");
        let f = parse_for("autoRenewEnabled eq true", subs()).unwrap();
        assert_eq!(f, Filter::is("autoRenewEnabled", true));
    }

    #[test]
    fn precedence_and_parentheses() {
        let f = parse("a eq '1' or b eq '2' and c eq '3'").unwrap();
        assert!(matches!(&f, Filter::Or { any } if any.len() == 2 && matches!(any[1], Filter::And { .. })));
        let g = parse("(a eq '1' or b eq '2') and c eq '3'").unwrap();
        assert!(matches!(&g, Filter::And { all } if matches!(all[0], Filter::Or { .. })));
        assert_eq!(g.to_string(), "(a eq '1' or b eq '2') and c eq '3'");
    }

    #[test]
    fn cast_and_plain_dates_both_parse() {
        let f = parse_for("creationDate ge cast('2018-01-01', Edm.DateTimeOffset)", subs()).unwrap();
        let Filter::Compare { value: Literal::Date(d), .. } = &f else { panic!() };
        assert!(d.cast);
        assert_eq!(d.start, ymd(2018, 1, 1));
        assert_eq!(f.to_string(), "creationDate ge cast('2018-01-01', Edm.DateTimeOffset)");
        let g = parse_for("creationDate lt '2018-01-01T12:00:00Z'", subs()).unwrap();
        assert_eq!(g.to_string(), "creationDate lt '2018-01-01T12:00:00Z'");
    }

    #[test]
    fn quotes_escape_and_round_trip() {
        let f = parse_for("productName eq 'O''Brien ''s'", subs()).unwrap();
        assert_eq!(f, Filter::eq("productName", "O'Brien 's"));
        assert_eq!(parse(&f.to_string()).unwrap(), f);
    }

    #[test]
    fn refuses_what_the_service_refuses() {
        let cases = [
            ("customerName eq 'x'", "does not support eq"),
            ("status gt 'A'", "does not support gt"),
            ("partnerName eq 'x'", "cannot be used in a filter"),
            ("colour eq 'red'", "is not a field"),
            ("autoRenewEnabled eq 'true'", "without quotes"),
            ("status eq ACTIVE", "single quotes"),
            ("status eq 'ACTIVE' 'x'", "after the end"),
            ("status eq 'ACTIVE", "not closed"),
            ("creationDate gt 'soon'", "not a date"),
            ("status eq ‘ACTIVE’", "straight single quotes"),
            ("status like 'A'", "not an operator"),
            ("", "empty"),
            ("(status eq 'A'", "closing parenthesis"),
            ("creationDate gt cast('2018-01-01', Edm.String)", "Edm.DateTimeOffset"),
        ];
        for (text, want) in cases {
            let e = parse_for(text, subs()).unwrap_err();
            assert!(e.message.contains(want), "{text}: {}", e.message);
        }
    }

    #[test]
    fn date_semantics_cover_whole_days() {
        let d = match check(&Filter::date("creationDate", Op::Eq, "2018-01-01"), subs()).unwrap() {
            Filter::Compare { value, .. } => value,
            _ => unreachable!(),
        };
        let noon = Cell::Date(ymd(2018, 1, 1) + 12 * 3_600_000_000);
        let next = Cell::Date(ymd(2018, 1, 2));
        assert!(matches(noon, Op::Eq, &d));
        assert!(!matches(next, Op::Eq, &d));
        assert!(matches(next, Op::Gt, &d));
        assert!(!matches(noon, Op::Gt, &d));
        assert!(matches(noon, Op::Ge, &d));
        assert!(matches(noon, Op::Le, &d));
        assert!(!matches(noon, Op::Lt, &d));
        assert!(!matches(Cell::Null, Op::Gt, &d));
        assert!(matches(Cell::Null, Op::Ne, &d));
    }

    #[test]
    fn strings_are_exact_contains_ignores_case_and_null_is_testable() {
        let v = Literal::Str("office".into());
        assert!(!matches(Cell::Str("Office"), Op::Eq, &v));
        assert!(matches(Cell::Str("FULL OFFICE SUITE"), Op::Contains, &v));
        assert!(matches(Cell::Str("Bürø Öffice"), Op::Contains, &Literal::Str("öffice".into())));
        assert!(matches(Cell::Null, Op::Eq, &Literal::Null));
        assert!(!matches(Cell::Date(0), Op::Eq, &Literal::Null));
        assert!(parse_for("deprovisionedDate eq null", subs()).is_ok());
    }

    #[test]
    fn compiled_filters_evaluate_like_the_tree() {
        let f = parse_for("(status eq 'ACTIVE' or status eq 'SUSPENDED') and contains(customerName,'con')", subs())
            .unwrap();
        let c = Compiled::new(&f, subs());
        let row = |status: &'static str, name: &'static str| {
            move |i: usize| match subs().fields[i].name {
                "status" => Cell::Str(status),
                "customerName" => Cell::Str(name),
                _ => Cell::Null,
            }
        };
        assert!(c.eval(&row("ACTIVE", "Contoso")));
        assert!(c.eval(&row("SUSPENDED", "Econ Ltd")));
        assert!(!c.eval(&row("DEPROVISIONED", "Contoso")));
        assert!(!c.eval(&row("ACTIVE", "Fabrikam")));
    }

    /// Issue 12, found by trying: 2,000 nested parentheses overflowed the stack (exit 134).
    #[test]
    fn a_deeply_nested_filter_is_refused_in_words_not_a_crash() {
        let deep = format!("{}status eq 'ACTIVE'{}", "(".repeat(1900), ")".repeat(1900));
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("too deeply"), "{}", e.message);
        let ok = format!("{}status eq 'ACTIVE'{}", "(".repeat(MAX_FILTER_DEPTH), ")".repeat(MAX_FILTER_DEPTH));
        assert_eq!(parse(&ok).unwrap(), Filter::eq("status", "ACTIVE"));
    }

    #[test]
    fn a_filter_too_long_is_refused_without_repeating_it() {
        let long = format!("customerName eq '{}'", "x".repeat(100_000));
        let e = parse(&long).unwrap_err();
        assert!(e.message.contains("too long"), "{}", e.message);
        assert!(e.message.len() < 200, "the message repeats the filter: {} bytes", e.message.len());
    }

    #[test]
    fn error_positions_count_characters_not_bytes() {
        // "é" is two bytes; the caret belongs under the 'x' at character 24.
        let e = parse("customerName eq 'Café' x").unwrap_err();
        assert_eq!(e.position, Some(23), "{e:?}");
        let e = parse("(customerName eq 'Ångström'").unwrap_err();
        assert_eq!(e.position, Some("(customerName eq 'Ångström'".chars().count()));
    }
}
