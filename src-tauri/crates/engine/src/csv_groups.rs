//! Grouping the lines of a CSV block by hand, for the questions whose parts combine
//! ([`crate::in_parts`]): each line is split once, only the fields the question uses are read,
//! and the row goes straight into its group.
//!
//! polars' CSV reader finds a block's lines on one core, then turns every field of the columns
//! it keeps into typed columns, and only then groups them. On the ten-million-row bench CSV
//! that was 4.9 s where DuckDB took 2.1 s. Most of that work is thrown away by a grouping of
//! three columns.
//!
//! This reader must read what polars reads, or not read at all. When a block has anything it
//! is not sure of, it gives the block back and polars reads that block. That covers:
//! - a line with more or fewer fields than the header, or an empty line;
//! - a quote that does not open or close a field;
//! - a quoted empty value;
//! - a number or yes/no written in any but the plain way;
//! - text that is not UTF-8.
//!
//! A file that is wrong says so in polars' words through [`crate::read::explain`], as before.

use std::collections::HashMap;

use foldhash::fast::RandomState;
use memchr::{memchr, memchr2};
use polars::prelude::*;

use crate::aggregate::{Plan, period_of_day, period_of_month};
use crate::csv_dates::Reading;
use crate::error::EngineError;
use crate::parts::CsvParts;
use crate::question::{Metric, Period};

/// The kinds of column read by hand: the types polars gives a CSV's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Bool,
    Int,
    Float,
}

/// How a date column is written: any ISO 8601 shape (a date-time) or `YYYY-MM-DD` (a date).
#[derive(Debug, Clone, Copy)]
enum DateForm {
    Iso,
    Ymd,
}

#[derive(Debug, Clone, Copy)]
enum KeyRead {
    Period(DateForm, Period),
    Value(Kind),
}

#[derive(Debug, Clone, Copy)]
enum MetricRead {
    Count,
    Sum(Kind),
    Mean(Kind),
    Min(Kind),
    Max(Kind),
    /// The first or last date (`true` for the last).
    When(DateForm, bool),
}

/// Fields a question does not use.
const SKIP: u8 = u8::MAX;

/// Groups the lines of a CSV's blocks as polars would group them, for one question.
pub(crate) struct LineGrouper {
    sep: u8,
    /// Fields per line, as in the header.
    columns: usize,
    /// For each field of a line, where its span is kept, or [`SKIP`].
    slot_of: Vec<u8>,
    slots: usize,
    keys: Vec<(usize, KeyRead)>,
    metrics: Vec<(Option<usize>, MetricRead)>,
    /// The columns of a part's groups, as polars computes them ([`crate::in_parts`]).
    part_schema: SchemaRef,
}

impl LineGrouper {
    /// A reader for `plan` over a CSV whose columns have the text types `text`; `None` when the
    /// question reads a column this reader does not (a date written another way, a decimal
    /// key, the smallest date).
    pub(crate) fn new(text: &Schema, csv: &CsvParts, plan: &Plan, part_schema: SchemaRef) -> Option<Self> {
        let columns = text.len();
        if columns >= SKIP as usize {
            return None;
        }
        let mut slot_of = vec![SKIP; columns];
        let mut slots = 0;
        let mut slot = |name: &str| -> Option<usize> {
            let i = text.index_of(name)?;
            if slot_of[i] == SKIP {
                slot_of[i] = slots as u8;
                slots += 1;
            }
            Some(slot_of[i] as usize)
        };
        let date = |name: &str| csv.dates().iter().find(|d| d.name == name);
        let form = |name: &str| -> Option<DateForm> {
            let d = date(name)?;
            match (d.reading, &d.dtype) {
                (Reading::Iso, DataType::Datetime(TimeUnit::Microseconds, None)) => Some(DateForm::Iso),
                (Reading::Format("%Y-%m-%d"), DataType::Date) => Some(DateForm::Ymd),
                _ => None,
            }
        };
        let kind = |name: &str| -> Option<Kind> {
            if date(name).is_some() {
                return None;
            }
            match text.get(name)? {
                DataType::String => Some(Kind::Text),
                DataType::Boolean => Some(Kind::Bool),
                DataType::Int64 => Some(Kind::Int),
                DataType::Float64 => Some(Kind::Float),
                _ => None,
            }
        };
        let mut keys = Vec::new();
        if let Some((name, period)) = &plan.date {
            keys.push((slot(name)?, KeyRead::Period(form(name)?, *period)));
        }
        for g in &plan.groups {
            let k = kind(g).filter(|k| *k != Kind::Float)?;
            keys.push((slot(g)?, KeyRead::Value(k)));
        }
        let mut metrics = Vec::new();
        for m in &plan.metrics {
            let number = |f: &str| kind(f).filter(|k| *k != Kind::Text);
            let read = match m {
                Metric::Count => (None, MetricRead::Count),
                Metric::Sum(f) => (Some(slot(f)?), MetricRead::Sum(number(f)?)),
                Metric::Mean(f) => (Some(slot(f)?), MetricRead::Mean(number(f)?)),
                Metric::Min(f) | Metric::Max(f) if date(f).is_some() => {
                    (Some(slot(f)?), MetricRead::When(form(f)?, matches!(m, Metric::Max(_))))
                }
                Metric::Min(f) => (Some(slot(f)?), MetricRead::Min(number(f).filter(|k| *k != Kind::Bool)?)),
                Metric::Max(f) => (Some(slot(f)?), MetricRead::Max(number(f).filter(|k| *k != Kind::Bool)?)),
                Metric::DistinctCount(_) => return None,
            };
            metrics.push(read);
        }
        Some(Self { sep: csv.sep(), columns, slot_of, slots, keys, metrics, part_schema })
    }

    /// The groups of a block (the header line, then whole lines) in the columns polars gives a
    /// part; `None` when polars must read this block.
    pub(crate) fn group(&self, block: &[u8]) -> Result<Option<DataFrame>, EngineError> {
        let Some(header_end) = memchr(b'\n', block) else { return Ok(None) };
        let body = &block[header_end + 1..];
        let mut groups = Groups::new(self);
        let mut read = self.lines(body, &mut groups);
        if read.is_none() && memchr(b'"', body).is_some() {
            // A doubled quote, or a quote out of place: byte by byte, from the start.
            groups = Groups::new(self);
            read = self.quoted_lines(body, &mut groups);
        }
        match read {
            Some(()) => groups.frame(self).map(Some),
            None => Ok(None),
        }
    }

    /// Lines split at the separators, line breaks and quotes that [`marks`] finds 64 bytes at a
    /// time. A quoted value is passed over whole (it may hold separators) and read without its
    /// quotes; one with a doubled quote in it, or a quote inside a value, is left to
    /// [`Self::quoted_lines`].
    fn lines(&self, body: &[u8], g: &mut Groups) -> Option<()> {
        let mut spans = vec![(0, 0); self.slots];
        let (mut field, mut start, mut line_start) = (0, 0, 0);
        // The value of the field being read, when it was quoted.
        let mut quoted: Option<(usize, usize)> = None;
        let mut base = 0;
        let mut tail = [0u8; 64];
        'chunks: while base < body.len() {
            let chunk: &[u8; 64] = match body.get(base..base + 64) {
                Some(c) => c.try_into().ok()?,
                None => {
                    // Zeros are neither separators, line breaks nor quotes (a quoted value
                    // may bring the reader back here, so the tail is cleared each time).
                    tail.fill(0);
                    tail[..body.len() - base].copy_from_slice(&body[base..]);
                    &tail
                }
            };
            let mut m = marks(chunk, self.sep);
            while m != 0 {
                let at = base + m.trailing_zeros() as usize;
                m &= m - 1;
                if body[at] == b'"' {
                    let close = at + 1 + memchr(b'"', &body[at + 1..])?;
                    let after = body.get(close + 1).copied();
                    let ends = match after {
                        None | Some(b'\n') => true,
                        Some(b'\r') => body.get(close + 2) == Some(&b'\n'),
                        Some(b) => b == self.sep,
                    };
                    // Not at the start of a value, `""`, a doubled quote, text after the quote.
                    if at != start || close == at + 1 || !ends {
                        return None;
                    }
                    quoted = Some((at + 1, close));
                    // On from the closing quote, past whatever the value held: in this chunk
                    // when it closes here, else from the next byte.
                    if close - base < 63 {
                        m &= u64::MAX << (close - base + 1);
                        continue;
                    }
                    base = close + 1;
                    continue 'chunks;
                }
                let slot = *self.slot_of.get(field)?;
                let line_end = body[at] == b'\n';
                if slot != SKIP {
                    let end = if line_end { without_cr(body, start, at) } else { at };
                    spans[slot as usize] = quoted.unwrap_or((start, end));
                }
                quoted = None;
                if line_end {
                    if at == line_start || field + 1 != self.columns {
                        return None;
                    }
                    self.row(body, &spans, g)?;
                    field = 0;
                    line_start = at + 1;
                } else {
                    field += 1;
                }
                start = at + 1;
            }
            base += 64;
        }
        if line_start < body.len() {
            // The last line, with no line break after it.
            let slot = *self.slot_of.get(field)?;
            if field + 1 != self.columns {
                return None;
            }
            if slot != SKIP {
                spans[slot as usize] = quoted.unwrap_or((start, without_cr(body, start, body.len())));
            }
            self.row(body, &spans, g)?;
        }
        Some(())
    }

    /// Lines that may hold quoted fields, read a byte at a time; the fields the question uses
    /// are copied (unquoted) into a line buffer.
    fn quoted_lines(&self, body: &[u8], g: &mut Groups) -> Option<()> {
        let mut spans = vec![(0, 0); self.slots];
        let mut line = Vec::new();
        let mut i = 0;
        while i < body.len() {
            line.clear();
            let line_start = i;
            let mut field = 0;
            loop {
                let slot = *self.slot_of.get(field)?;
                let from = line.len();
                if body.get(i) == Some(&b'"') {
                    let open = i;
                    i += 1;
                    loop {
                        let close = i + memchr(b'"', &body[i..])?;
                        if slot != SKIP {
                            line.extend_from_slice(&body[i..close]);
                        }
                        i = close + 1;
                        if body.get(i) != Some(&b'"') {
                            break;
                        }
                        // A doubled quote is a quote.
                        if slot != SKIP {
                            line.push(b'"');
                        }
                        i += 1;
                    }
                    if i == open + 2 {
                        // `""`: polars' reading of a quoted empty value is not settled here.
                        return None;
                    }
                } else {
                    let end = i + memchr2(self.sep, b'\n', &body[i..]).unwrap_or(body.len() - i);
                    let value = &body[i..without_cr(body, i, end)];
                    if memchr(b'"', value).is_some() {
                        return None;
                    }
                    if slot != SKIP {
                        line.extend_from_slice(value);
                    }
                    i = end;
                }
                if slot != SKIP {
                    spans[slot as usize] = (from, line.len());
                }
                match body.get(i) {
                    Some(&b) if b == self.sep => {
                        i += 1;
                        field += 1;
                    }
                    Some(b'\n') => {
                        i += 1;
                        break;
                    }
                    Some(b'\r') if body.get(i + 1) == Some(&b'\n') => {
                        i += 2;
                        break;
                    }
                    None => break,
                    // Text after a closing quote.
                    Some(_) => return None,
                }
            }
            if field + 1 != self.columns || body[line_start..i].iter().all(|b| matches!(b, b'\r' | b'\n')) {
                return None;
            }
            self.row(&line, &spans, g)?;
        }
        Some(())
    }

    /// Adds the row whose used fields are at `spans` of `text` to its group.
    fn row(&self, text: &[u8], spans: &[(usize, usize)], g: &mut Groups) -> Option<()> {
        g.key.clear();
        for &(slot, read) in &self.keys {
            let (a, b) = spans[slot];
            encode(&mut g.key, read, &text[a..b])?;
        }
        let at = match g.index.get(g.key.as_slice()) {
            Some(&at) => at as usize,
            None => g.add(self, text, spans)?,
        };
        for (acc, &(slot, read)) in g.metrics.iter_mut().zip(&self.metrics) {
            let value = slot.map_or(&[][..], |s| &text[spans[s].0..spans[s].1]);
            acc.add(at, read, value)?;
        }
        Some(())
    }
}

/// The end of a field that ends a line at `end`, less a carriage return before the line break.
fn without_cr(body: &[u8], start: usize, end: usize) -> usize {
    if end > start && body[end - 1] == b'\r' { end - 1 } else { end }
}

/// One bit for each separator, line break and quote in 64 bytes.
#[cfg(target_arch = "x86_64")]
fn marks(chunk: &[u8; 64], sep: u8) -> u64 {
    use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8};
    // SAFETY: SSE2 is part of every x86_64 processor (the intrinsics only need the feature),
    // and each load reads 16 bytes at `16 * k`, inside the 64-byte chunk (unaligned loads are
    // allowed). Sixteen bytes are compared at once.
    unsafe {
        let (s, n, q) = (_mm_set1_epi8(sep as i8), _mm_set1_epi8(b'\n' as i8), _mm_set1_epi8(b'"' as i8));
        let mut m = 0u64;
        for k in 0..4 {
            let v = _mm_loadu_si128(chunk.as_ptr().add(16 * k).cast::<__m128i>());
            let hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, s), _mm_cmpeq_epi8(v, n)), _mm_cmpeq_epi8(v, q));
            m |= (_mm_movemask_epi8(hit) as u16 as u64) << (16 * k);
        }
        m
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn marks(chunk: &[u8; 64], sep: u8) -> u64 {
    marks_bytewise(chunk, sep)
}

#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn marks_bytewise(chunk: &[u8; 64], sep: u8) -> u64 {
    chunk.iter().enumerate().fold(0, |m, (i, &b)| m | (u64::from(b == sep || b == b'\n' || b == b'"') << i))
}

/// Appends a key field to the row's key: a tag (0 for empty) and the value.
fn encode(key: &mut Vec<u8>, read: KeyRead, v: &[u8]) -> Option<()> {
    match read {
        KeyRead::Period(form, p) => match period(v, form, p)? {
            Some(k) => {
                key.push(1);
                key.extend_from_slice(&k.to_le_bytes());
            }
            None => key.push(0),
        },
        KeyRead::Value(Kind::Text) if v.is_empty() => key.push(0),
        KeyRead::Value(Kind::Text) => {
            key.push(1);
            key.extend_from_slice(&(v.len() as u32).to_le_bytes());
            key.extend_from_slice(v);
        }
        KeyRead::Value(Kind::Bool) => key.push(boolean(v)?.map_or(0, |b| 1 + u8::from(b))),
        // Never asked for: `LineGrouper::new` refuses decimal keys.
        KeyRead::Value(Kind::Float) => return None,
        KeyRead::Value(Kind::Int) => match int(v)? {
            Some(n) => {
                key.push(1);
                key.extend_from_slice(&n.to_le_bytes());
            }
            None => key.push(0),
        },
    }
    Some(())
}

/// The period key ([`period_of_day`]) of a date field, as [`instant`] reads it.
fn period(v: &[u8], form: DateForm, period: Period) -> Option<Option<i32>> {
    // Most date-times are written `2024-05-30 14:00:00` (or with a `T`): no zone, so the day is
    // the date written, and the month needs no day count. Anything else (a zone, decimals, a
    // leap second, the "no date" year 1) is read in full.
    let shape = v.len() == 19 && v[4] == b'-' && v[7] == b'-' && matches!(v[10], b' ' | b'T' | b't');
    if shape
        && v[13] == b':'
        && v[16] == b':'
        && let (Some(y), Some(m), Some(d)) = (num(&v[0..4]), num(&v[5..7]), num(&v[8..10]))
        && let (Some(h), Some(n), Some(s)) = (num(&v[11..13]), num(&v[14..16]), num(&v[17..19]))
        && y > 1
        && lens_model::dates::is_valid_ymd(y, m, d)
        && h <= 23
        && n <= 59
        && s <= 59
    {
        return Some(Some(match period {
            Period::Day | Period::Week => period_of_day(lens_model::dates::days_from_civil(y, m, d) as i32, period),
            _ => period_of_month(y, m, period),
        }));
    }
    Some(day(v, form)?.map(|d| period_of_day(d, period)))
}

/// The number written in `digits` (all digits); `None` if it is not one.
fn num(digits: &[u8]) -> Option<i64> {
    digits.iter().try_fold(0i64, |n, d| d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0')))
}

/// The day (since 1970) of a date field, as [`instant`] reads it.
fn day(v: &[u8], form: DateForm) -> Option<Option<i32>> {
    let days = |x: i64| match form {
        DateForm::Iso => x.div_euclid(lens_model::dates::MICROS_PER_DAY) as i32,
        DateForm::Ymd => x as i32,
    };
    Some(instant(v, form)?.map(days))
}

/// A date field as polars holds it: microseconds for a date-time, days for a date (since
/// 1970). `Some(None)` for an empty one or, as the date reader polars is given has it, a
/// date-time that does not read; `None` for a date that this reader is not sure of.
fn instant(v: &[u8], form: DateForm) -> Option<Option<i64>> {
    if v.is_empty() {
        return Some(None);
    }
    match form {
        DateForm::Iso => {
            let text = std::str::from_utf8(v).ok()?;
            Some(lens_model::dates::parse_micros(text).ok().flatten())
        }
        DateForm::Ymd => {
            let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *v else { return None };
            let (y, m, d) = (num(&[y0, y1, y2, y3])?, num(&[m0, m1])?, num(&[d0, d1])?);
            lens_model::dates::is_valid_ymd(y, m, d).then(|| Some(lens_model::dates::days_from_civil(y, m, d)))
        }
    }
}

/// A whole number as polars reads it: `Some(None)` when empty; `None` for anything but an
/// optional minus and up to 18 digits.
fn int(v: &[u8]) -> Option<Option<i64>> {
    if v.is_empty() {
        return Some(None);
    }
    let (neg, digits) = match v {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, v),
    };
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let n = num(digits)?;
    Some(Some(if neg { -n } else { n }))
}

/// A decimal in the plain form `-12.34e5` (sign, digits, point and exponent optional), which
/// every correct reader rounds alike; `None` for any other form (`inf`, `1,5`, `.5`).
fn float(v: &[u8]) -> Option<Option<f64>> {
    if v.is_empty() {
        return Some(None);
    }
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut i = usize::from(v[0] == b'-');
    let whole = digits(&v[i..]);
    if whole == 0 {
        return None;
    }
    i += whole;
    if v.get(i) == Some(&b'.') {
        let frac = digits(&v[i + 1..]);
        if frac == 0 {
            return None;
        }
        i += 1 + frac;
    }
    if matches!(v.get(i), Some(b'e' | b'E')) {
        i += 1 + usize::from(matches!(v.get(i + 1), Some(b'+' | b'-')));
        let exp = digits(&v[i.min(v.len())..]);
        if exp == 0 {
            return None;
        }
        i += exp;
    }
    if i != v.len() {
        return None;
    }
    std::str::from_utf8(v).ok()?.parse().ok().map(Some)
}

/// `true` or `false` in any case (.NET writes `True`), as polars reads them; `None` for
/// anything else.
fn boolean(v: &[u8]) -> Option<Option<bool>> {
    if v.is_empty() {
        Some(None)
    } else if v.eq_ignore_ascii_case(b"true") {
        Some(Some(true))
    } else if v.eq_ignore_ascii_case(b"false") {
        Some(Some(false))
    } else {
        None
    }
}

/// A block's groups so far.
struct Groups {
    /// Each group's key (as [`encode`] writes it) and its place.
    index: HashMap<Box<[u8]>, u32, RandomState>,
    /// The row being added's key.
    key: Vec<u8>,
    keys: Vec<KeyColumn>,
    metrics: Vec<Acc>,
}

enum KeyColumn {
    Text(Vec<Option<String>>),
    Int32(Vec<Option<i32>>),
    Bool(Vec<Option<bool>>),
    Int(Vec<Option<i64>>),
}

/// A metric's running value in each group.
enum Acc {
    /// Counts, and sums of whole numbers and of yes/no values.
    Whole(Vec<i64>),
    Sum(Vec<f64>),
    /// The sum and the count of the values.
    Mean(Vec<f64>, Vec<i64>),
    WholeMin(Vec<Option<i64>>),
    WholeMax(Vec<Option<i64>>),
    Min(Vec<Option<f64>>),
    Max(Vec<Option<f64>>),
}

impl Groups {
    fn new(r: &LineGrouper) -> Self {
        let keys = r
            .keys
            .iter()
            .map(|(_, read)| match read {
                KeyRead::Period(..) => KeyColumn::Int32(Vec::new()),
                KeyRead::Value(Kind::Text) => KeyColumn::Text(Vec::new()),
                KeyRead::Value(Kind::Bool) => KeyColumn::Bool(Vec::new()),
                KeyRead::Value(_) => KeyColumn::Int(Vec::new()),
            })
            .collect();
        let metrics = r
            .metrics
            .iter()
            .map(|(_, read)| match read {
                MetricRead::Count | MetricRead::Sum(Kind::Int | Kind::Bool) => Acc::Whole(Vec::new()),
                MetricRead::Sum(_) => Acc::Sum(Vec::new()),
                MetricRead::Mean(_) => Acc::Mean(Vec::new(), Vec::new()),
                MetricRead::Min(Kind::Int) | MetricRead::When(_, false) => Acc::WholeMin(Vec::new()),
                MetricRead::Max(Kind::Int) | MetricRead::When(_, true) => Acc::WholeMax(Vec::new()),
                MetricRead::Min(_) => Acc::Min(Vec::new()),
                MetricRead::Max(_) => Acc::Max(Vec::new()),
            })
            .collect();
        Self { index: HashMap::default(), key: Vec::new(), keys, metrics }
    }

    /// A new group for the row whose key is in `self.key`; its place.
    fn add(&mut self, r: &LineGrouper, text: &[u8], spans: &[(usize, usize)]) -> Option<usize> {
        let at = self.index.len();
        for (column, &(slot, read)) in self.keys.iter_mut().zip(&r.keys) {
            let v = &text[spans[slot].0..spans[slot].1];
            match (column, read) {
                (KeyColumn::Int32(c), KeyRead::Period(form, p)) => c.push(period(v, form, p)?),
                (KeyColumn::Text(c), _) => {
                    c.push(if v.is_empty() { None } else { Some(std::str::from_utf8(v).ok()?.to_owned()) })
                }
                (KeyColumn::Bool(c), _) => c.push(boolean(v)?),
                (KeyColumn::Int(c), _) => c.push(int(v)?),
                _ => return None,
            }
        }
        for acc in &mut self.metrics {
            acc.grow();
        }
        self.index.insert(self.key.as_slice().into(), u32::try_from(at).ok()?);
        Some(at)
    }

    /// The groups as the columns polars gives a part's groups.
    fn frame(self, r: &LineGrouper) -> Result<DataFrame, EngineError> {
        let height = self.index.len();
        let mut columns: Vec<Column> = Vec::new();
        for key in self.keys {
            columns.push(match key {
                KeyColumn::Text(v) => Column::new("".into(), v),
                KeyColumn::Int32(v) => Column::new("".into(), v),
                KeyColumn::Bool(v) => Column::new("".into(), v),
                KeyColumn::Int(v) => Column::new("".into(), v),
            });
        }
        for acc in self.metrics {
            match acc {
                Acc::Whole(v) => columns.push(Column::new("".into(), v)),
                Acc::Sum(v) => columns.push(Column::new("".into(), v)),
                Acc::Mean(sum, n) => {
                    columns.push(Column::new("".into(), sum));
                    columns.push(Column::new("".into(), n));
                }
                Acc::WholeMin(v) | Acc::WholeMax(v) => columns.push(Column::new("".into(), v)),
                Acc::Min(v) | Acc::Max(v) => columns.push(Column::new("".into(), v)),
            }
        }
        if columns.len() != r.part_schema.len() {
            return Err(EngineError::Polars("the hand-read groups do not match the question".into()));
        }
        let columns = columns
            .into_iter()
            .zip(r.part_schema.iter())
            .map(|(c, (name, dtype))| c.with_name(name.clone()).cast(dtype))
            .collect::<PolarsResult<Vec<_>>>()?;
        Ok(DataFrame::new(height, columns)?)
    }
}

impl Acc {
    fn grow(&mut self) {
        match self {
            Acc::Whole(v) => v.push(0),
            Acc::Sum(v) => v.push(0.0),
            Acc::Mean(s, n) => {
                s.push(0.0);
                n.push(0);
            }
            Acc::WholeMin(v) | Acc::WholeMax(v) => v.push(None),
            Acc::Min(v) | Acc::Max(v) => v.push(None),
        }
    }

    /// Adds one row's value to group `at`; `None` when the value is not one this reader reads.
    fn add(&mut self, at: usize, read: MetricRead, v: &[u8]) -> Option<()> {
        match (self, read) {
            (Acc::Whole(c), MetricRead::Count) => c[at] += 1,
            (Acc::Whole(c), MetricRead::Sum(Kind::Bool)) => c[at] += i64::from(boolean(v)? == Some(true)),
            (Acc::Whole(c), _) => c[at] = c[at].wrapping_add(int(v)?.unwrap_or(0)),
            (Acc::Sum(c), _) => c[at] += float(v)?.unwrap_or(0.0),
            (Acc::Mean(s, n), MetricRead::Mean(kind)) => {
                let x = match kind {
                    Kind::Int => int(v)?.map(|x| x as f64),
                    Kind::Bool => boolean(v)?.map(f64::from),
                    _ => float(v)?,
                };
                if let Some(x) = x {
                    s[at] += x;
                    n[at] += 1;
                }
            }
            (Acc::WholeMin(c), MetricRead::When(form, _)) => c[at] = fold(c[at], instant(v, form)?, i64::min),
            (Acc::WholeMax(c), MetricRead::When(form, _)) => c[at] = fold(c[at], instant(v, form)?, i64::max),
            (Acc::WholeMin(c), _) => c[at] = fold(c[at], int(v)?, i64::min),
            (Acc::WholeMax(c), _) => c[at] = fold(c[at], int(v)?, i64::max),
            (Acc::Min(c), _) => c[at] = fold(c[at], float(v)?, f64::min),
            (Acc::Max(c), _) => c[at] = fold(c[at], float(v)?, f64::max),
            (Acc::Mean(..), _) => return None,
        }
        Some(())
    }
}

/// The smallest or largest so far, empty values left out.
fn fold<T: Copy>(so_far: Option<T>, v: Option<T>, pick: fn(T, T) -> T) -> Option<T> {
    match (so_far, v) {
        (Some(a), Some(b)) => Some(pick(a, b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_find_every_separator_line_break_and_quote() {
        let mut seed = 7u64;
        for _ in 0..500 {
            let mut chunk = [0u8; 64];
            for b in &mut chunk {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                *b = [b'a', b',', b'\n', b'\t', b'"', 0xC3][(seed >> 33) as usize % 6];
            }
            for sep in [b',', b'\t'] {
                assert_eq!(marks(&chunk, sep), marks_bytewise(&chunk, sep));
            }
        }
        assert_eq!(marks_bytewise(&[b','; 64], b','), u64::MAX);
    }

    #[test]
    fn values_read_by_hand_only_in_their_plain_forms() {
        assert_eq!(int(b"-42"), Some(Some(-42)));
        assert_eq!(int(b""), Some(None));
        for odd in [&b"+1"[..], b"1.0", b" 1", b"-", b"1234567890123456789", b"1e3"] {
            assert_eq!(int(odd), None, "{}", String::from_utf8_lossy(odd));
        }
        assert_eq!(float(b"-12.5e-1"), Some(Some(-1.25)));
        assert_eq!(float(b"7"), Some(Some(7.0)));
        for odd in [&b".5"[..], b"5.", b"inf", b"NaN", b"1e", b"1,5", b"+1", b"1.5 "] {
            assert_eq!(float(odd), None, "{}", String::from_utf8_lossy(odd));
        }
        assert_eq!(boolean(b"true"), Some(Some(true)));
        assert_eq!(boolean(b"True"), Some(Some(true)));
        assert_eq!(boolean(b"FALSE"), Some(Some(false)));
        assert_eq!(boolean(b"yes"), None);
        assert_eq!(day(b"2024-02-29", DateForm::Ymd), Some(Some(19782)));
        assert_eq!(day(b"2023-02-29", DateForm::Ymd), None);
        assert_eq!(day(b"2024-02-29 23:59:59+01:00", DateForm::Iso), Some(Some(19782)));
        assert_eq!(day(b"not a date", DateForm::Iso), Some(None));
        assert_eq!(day(b"", DateForm::Iso), Some(None));
    }

    #[test]
    fn the_short_way_to_a_period_agrees_with_the_long_way() {
        let mut seed = 11u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let mut texts =
            vec!["0001-01-01 00:00:00".to_string(), "2020-01-01 23:59:60".into(), "2020-02-30 10:00:00".into()];
        for _ in 0..3000 {
            let (y, m, d) = (1960 + next(80), 1 + next(13), 1 + next(31));
            let (h, n, s) = (next(25), next(61), next(62));
            let sep = ["T", " ", "t", "x"][next(4) as usize];
            texts.push(format!("{y:04}-{m:02}-{d:02}{sep}{h:02}:{n:02}:{s:02}"));
        }
        for t in &texts {
            for p in Period::ALL {
                let long = day(t.as_bytes(), DateForm::Iso).map(|d| d.map(|d| period_of_day(d, p)));
                assert_eq!(period(t.as_bytes(), DateForm::Iso, p), long, "{t} by {p:?}");
            }
        }
    }
}
