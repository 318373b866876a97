//! A page of rows in columns: what the client parses each API page into and what the engine
//! appends to a table. Columnar from the start, so no per-row JSON value ever exists and a
//! page costs a handful of allocations, not one per cell.

use serde::Serialize;

use crate::dataset::FieldType;
use crate::dates::Micros;

/// Text cells of one column, packed in one buffer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StrColumn {
    buf: String,
    ends: Vec<usize>,
    valid: Vec<bool>,
}

impl StrColumn {
    pub fn push(&mut self, v: Option<&str>) {
        if let Some(s) = v {
            self.buf.push_str(s);
        }
        self.ends.push(self.buf.len());
        self.valid.push(v.is_some());
    }
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    pub fn get(&self, i: usize) -> Option<&str> {
        if !self.valid[i] {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.buf[start..self.ends[i]])
    }
    pub fn iter(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
    /// Room for `more` cells of about the length of those so far.
    fn reserve(&mut self, more: usize) {
        let per_cell = self.buf.len() / self.len().max(1);
        self.buf.reserve(more * per_cell + more / 8);
        self.ends.reserve(more);
        self.valid.reserve(more);
    }
    fn truncate(&mut self, len: usize) {
        self.ends.truncate(len);
        self.valid.truncate(len);
        let end = self.ends.last().copied().unwrap_or(0);
        self.buf.truncate(end);
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    Str(StrColumn),
    Bool(Vec<Option<bool>>),
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    /// UTC instants in microseconds.
    Date(Vec<Option<Micros>>),
}

impl ColumnData {
    pub fn new(ty: FieldType) -> ColumnData {
        match ty {
            FieldType::Str => ColumnData::Str(StrColumn::default()),
            FieldType::Bool => ColumnData::Bool(Vec::new()),
            FieldType::Int => ColumnData::Int(Vec::new()),
            FieldType::Float => ColumnData::Float(Vec::new()),
            FieldType::DateTime => ColumnData::Date(Vec::new()),
        }
    }

    pub fn field_type(&self) -> FieldType {
        match self {
            ColumnData::Str(_) => FieldType::Str,
            ColumnData::Bool(_) => FieldType::Bool,
            ColumnData::Int(_) => FieldType::Int,
            ColumnData::Float(_) => FieldType::Float,
            ColumnData::Date(_) => FieldType::DateTime,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            ColumnData::Str(c) => c.len(),
            ColumnData::Bool(v) => v.len(),
            ColumnData::Int(v) => v.len(),
            ColumnData::Float(v) => v.len(),
            ColumnData::Date(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn push_null(&mut self) {
        match self {
            ColumnData::Str(c) => c.push(None),
            ColumnData::Bool(v) => v.push(None),
            ColumnData::Int(v) => v.push(None),
            ColumnData::Float(v) => v.push(None),
            ColumnData::Date(v) => v.push(None),
        }
    }

    /// Turns whole numbers into decimals, keeping every value: a field documented as a whole
    /// number that arrives with a fraction must not lose it.
    pub fn promote_to_float(&mut self) {
        if let ColumnData::Int(v) = self {
            *self = ColumnData::Float(v.iter().map(|x| x.map(|i| i as f64)).collect());
        }
    }

    pub fn reserve(&mut self, more: usize) {
        match self {
            ColumnData::Str(c) => c.reserve(more),
            ColumnData::Bool(v) => v.reserve(more),
            ColumnData::Int(v) => v.reserve(more),
            ColumnData::Float(v) => v.reserve(more),
            ColumnData::Date(v) => v.reserve(more),
        }
    }

    pub fn truncate(&mut self, len: usize) {
        match self {
            ColumnData::Str(c) => c.truncate(len),
            ColumnData::Bool(v) => v.truncate(len),
            ColumnData::Int(v) => v.truncate(len),
            ColumnData::Float(v) => v.truncate(len),
            ColumnData::Date(v) => v.truncate(len),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub data: ColumnData,
}

/// A row the parser could not read, kept out of the batch and reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadRow {
    /// Position of the row in its page (0-based).
    pub index: usize,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    pub columns: Vec<Column>,
    pub rows: usize,
    pub bad_rows: Vec<BadRow>,
    /// Unknown fields that carried objects or lists, kept as their JSON text.
    pub json_columns: Vec<String>,
}

impl Batch {
    /// An empty batch with one column a field.
    pub fn with_schema<'a>(fields: impl IntoIterator<Item = (&'a str, FieldType)>) -> Batch {
        Batch {
            columns: fields
                .into_iter()
                .map(|(name, ty)| Column { name: name.to_string(), data: ColumnData::new(ty) })
                .collect(),
            rows: 0,
            bad_rows: Vec::new(),
            json_columns: Vec::new(),
        }
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Adds a text column found in the data but not in the schema (unknown fields are kept),
    /// filled with nulls for the rows before it appeared.
    pub fn add_extra_column(&mut self, name: &str) -> usize {
        let mut col = StrColumn::default();
        for _ in 0..self.rows {
            col.push(None);
        }
        self.columns.push(Column { name: name.to_string(), data: ColumnData::Str(col) });
        self.columns.len() - 1
    }

    /// Room for `more` rows in every column (text columns by the length of their cells so far).
    pub fn reserve(&mut self, more: usize) {
        for c in &mut self.columns {
            c.data.reserve(more);
        }
    }

    /// Drops everything past `rows`: how a half-read bad row is rolled back.
    pub fn truncate(&mut self, rows: usize) {
        for c in &mut self.columns {
            c.data.truncate(rows);
        }
        self.rows = rows;
    }

    /// Pads every column to `self.rows` with nulls (fields a row did not carry).
    pub fn fill_missing(&mut self) {
        for c in &mut self.columns {
            while c.data.len() < self.rows {
                c.data.push_null();
            }
        }
    }

    /// Marks a column as holding JSON text (an unknown field with a nested value).
    pub fn mark_json(&mut self, name: &str) {
        if !self.json_columns.iter().any(|n| n == name) {
            self.json_columns.push(name.to_string());
        }
    }

    /// Appends another batch with the same columns (extra columns are matched by name).
    pub fn append(&mut self, mut other: Batch) {
        for name in std::mem::take(&mut other.json_columns) {
            self.mark_json(&name);
        }
        for mut oc in other.columns.drain(..) {
            let idx = match self.columns.iter().position(|c| c.name == oc.name) {
                Some(i) => i,
                None => self.add_extra_column(&oc.name),
            };
            let target = &mut self.columns[idx].data;
            // A page that promoted a whole-number column to decimals promotes it here too.
            match (&*target, &oc.data) {
                (ColumnData::Int(_), ColumnData::Float(_)) => target.promote_to_float(),
                (ColumnData::Float(_), ColumnData::Int(_)) => oc.data.promote_to_float(),
                _ => {}
            }
            match (target, oc.data) {
                (ColumnData::Str(a), ColumnData::Str(b)) => b.iter().for_each(|v| a.push(v)),
                (ColumnData::Bool(a), ColumnData::Bool(b)) => a.extend(b),
                (ColumnData::Int(a), ColumnData::Int(b)) => a.extend(b),
                (ColumnData::Float(a), ColumnData::Float(b)) => a.extend(b),
                (ColumnData::Date(a), ColumnData::Date(b)) => a.extend(b),
                (t, b) => {
                    // Same name, different type: cannot happen with one schema; keep the rows
                    // aligned rather than lose them.
                    for _ in 0..b.len() {
                        t.push_null();
                    }
                }
            }
        }
        let base = self.rows;
        self.rows += other.rows;
        self.bad_rows.extend(other.bad_rows.into_iter().map(|b| BadRow { index: base + b.index, ..b }));
        self.fill_missing();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_column_packs_and_truncates() {
        let mut c = StrColumn::default();
        c.push(Some("ab"));
        c.push(None);
        c.push(Some("cde"));
        assert_eq!(c.iter().collect::<Vec<_>>(), vec![Some("ab"), None, Some("cde")]);
        c.truncate(1);
        c.push(Some("x"));
        assert_eq!(c.iter().collect::<Vec<_>>(), vec![Some("ab"), Some("x")]);
    }

    #[test]
    fn append_matches_columns_by_name_and_keeps_extras() {
        let mut a = Batch::with_schema([("n", FieldType::Int)]);
        if let ColumnData::Int(v) = &mut a.columns[0].data {
            v.push(Some(1));
        }
        a.rows = 1;
        let mut b = Batch::with_schema([("n", FieldType::Int)]);
        b.add_extra_column("extra");
        if let ColumnData::Int(v) = &mut b.columns[0].data {
            v.push(Some(2));
        }
        if let ColumnData::Str(s) = &mut b.columns[1].data {
            s.push(Some("hello"));
        }
        b.rows = 1;
        a.append(b);
        assert_eq!(a.rows, 2);
        assert_eq!(a.columns[0].data, ColumnData::Int(vec![Some(1), Some(2)]));
        let ColumnData::Str(extra) = &a.column("extra").unwrap().data else { panic!() };
        assert_eq!(extra.iter().collect::<Vec<_>>(), vec![None, Some("hello")]);
    }

    #[test]
    fn append_promotes_whole_numbers_when_a_page_had_fractions() {
        let mut a = Batch::with_schema([("q", FieldType::Int)]);
        a.columns[0].data = ColumnData::Int(vec![Some(37)]);
        a.rows = 1;
        let mut b = Batch::with_schema([("q", FieldType::Int)]);
        b.columns[0].data = ColumnData::Float(vec![Some(0.5)]);
        b.rows = 1;
        b.mark_json("nested");
        a.append(b);
        assert_eq!(a.columns[0].data, ColumnData::Float(vec![Some(37.0), Some(0.5)]));
        assert_eq!(a.json_columns, vec!["nested".to_string()]);
    }
}
