//! The serde reader of a page: every case the service may send, bad rows and damaged JSON
//! included, each error in words with its line and column. It reads the pages the fast reader
//! leaves, and is the baseline the fast one is measured against (`./dev bench fetch`).

use std::fmt;

use lens_model::batch::{BadRow, Batch, ColumnData};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::cells::{self, CellResult};
use super::{EnvKey, Page, PageSchema};

/// Parses a page (without a byte-order mark).
pub fn parse(body: &[u8], schema: &PageSchema) -> Result<Page, String> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let page = EnvelopeSeed { schema }.deserialize(&mut de).map_err(|e| describe(&e))?;
    de.end().map_err(|e| describe(&e))?;
    Ok(page)
}

fn describe(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => format!("the answer ends in the middle (at line {}, column {})", e.line(), e.column()),
        Category::Syntax => format!("the answer is not valid JSON (line {}, column {})", e.line(), e.column()),
        Category::Data => format!("the answer does not have the expected shape: {e}"),
        Category::Io => format!("the answer could not be read: {e}"),
    }
}

struct EnvelopeSeed<'a> {
    schema: &'a PageSchema,
}

struct EnvKeySeed;

impl<'de> DeserializeSeed<'de> for EnvKeySeed {
    type Value = EnvKey;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<EnvKey, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for EnvKeySeed {
    type Value = EnvKey;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<EnvKey, E> {
        Ok(EnvKey::of(v))
    }
}

impl<'de> DeserializeSeed<'de> for EnvelopeSeed<'_> {
    type Value = Page;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Page, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for EnvelopeSeed<'_> {
    type Value = Page;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with a Value list")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page, A::Error> {
        let mut batch = Batch::with_schema(self.schema.fields.iter().map(|(n, t)| (n.as_str(), *t)));
        let mut next_link = None;
        let mut total = None;
        let mut seen_value = false;
        let mut rows_seen = 0;
        while let Some(key) = map.next_key_seed(EnvKeySeed)? {
            match key {
                EnvKey::Value => {
                    rows_seen = map.next_value_seed(RowsSeed { schema: self.schema, batch: &mut batch })?;
                    seen_value = true;
                }
                EnvKey::NextLink => next_link = map.next_value::<Option<String>>()?.filter(|s| !s.is_empty()),
                EnvKey::Total => total = map.next_value_seed(LenientCount)?,
                EnvKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !seen_value {
            return Err(de::Error::custom("the list of rows (\"Value\") is missing"));
        }
        Ok(Page { batch, next_link, total, rows_seen })
    }
}

/// A count as a number or as a numeric string.
struct LenientCount;

impl<'de> DeserializeSeed<'de> for LenientCount {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LenientCount {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a count")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v as usize))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok((v >= 0).then_some(v as usize))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok((v >= 0.0).then_some(v as usize))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.trim().parse().ok())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

struct RowsSeed<'a> {
    schema: &'a PageSchema,
    batch: &'a mut Batch,
}

impl<'de> DeserializeSeed<'de> for RowsSeed<'_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of rows")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut n = 0;
        while seq.next_element_seed(RowSeed { schema: self.schema, batch: self.batch, index: n })?.is_some() {
            n += 1;
        }
        Ok(n)
    }
}

struct RowSeed<'a> {
    schema: &'a PageSchema,
    batch: &'a mut Batch,
    index: usize,
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl RowSeed<'_> {
    fn bad(self, reason: String) {
        self.batch.bad_rows.push(BadRow { index: self.index, reason });
    }
}

impl<'de> Visitor<'de> for RowSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a row object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let row = self.batch.rows;
        let mut bad: Option<String> = None;
        while let Some(col) = map.next_key_seed(FieldSeed { schema: self.schema, batch: self.batch })? {
            let known = col < self.schema.fields.len();
            let column = &mut self.batch.columns[col];
            if column.data.len() > row {
                // The same field twice in one row: keep the first.
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            if !known {
                // Unknown fields are rare: read them whole, so nested values keep their JSON.
                let v: serde_json::Value = map.next_value()?;
                let nested = matches!(v, serde_json::Value::Object(_) | serde_json::Value::Array(_));
                match (&mut column.data, v) {
                    (ColumnData::Str(c), serde_json::Value::Null) => c.push(None),
                    (ColumnData::Str(c), serde_json::Value::String(s)) => c.push(Some(&s)),
                    (ColumnData::Str(c), other) => c.push(Some(&other.to_string())),
                    // Extra columns are always text; anything else keeps the rows aligned.
                    (data, _) => data.push_null(),
                }
                if nested {
                    let name = column.name.clone();
                    self.batch.mark_json(&name);
                }
                continue;
            }
            if let Err(reason) = map.next_value_seed(CellSeed { data: &mut column.data })? {
                bad.get_or_insert_with(|| format!("{}: {reason}", column.name));
                column.data.push_null();
            }
        }
        self.batch.rows = row + 1;
        self.batch.fill_missing();
        if let Some(reason) = bad {
            self.batch.truncate(row);
            self.bad(reason);
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.bad("the row is a list, not an object".into());
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.bad("the row is empty (null)".into());
        Ok(())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.bad("the row is a single value, not an object".into());
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.visit_bool(false)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.visit_bool(false)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.visit_bool(false)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.visit_bool(false)
    }
}

/// Resolves a field name to its column, adding a text column for a field we do not know.
struct FieldSeed<'a> {
    schema: &'a PageSchema,
    batch: &'a mut Batch,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        if let Some(i) = self.schema.find(key) {
            return Ok(i);
        }
        let extra = &self.batch.columns[self.schema.fields.len()..];
        if let Some(j) = extra.iter().position(|c| c.name == key) {
            return Ok(self.schema.fields.len() + j);
        }
        Ok(self.batch.add_extra_column(key))
    }
}

/// Reads one cell of a known field into its column ([`cells`] holds the conversions both
/// readers share). `Ok(Err)` is a bad value: the row is dropped and reported, the page goes on.
struct CellSeed<'a> {
    data: &'a mut ColumnData,
}

impl<'de> DeserializeSeed<'de> for CellSeed<'_> {
    type Value = CellResult;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<CellResult, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CellSeed<'_> {
    type Value = CellResult;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<CellResult, E> {
        self.data.push_null();
        Ok(Ok(()))
    }
    fn visit_none<E: de::Error>(self) -> Result<CellResult, E> {
        self.visit_unit()
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<CellResult, E> {
        Ok(cells::bool(self.data, v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<CellResult, E> {
        Ok(cells::int(self.data, v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<CellResult, E> {
        if v <= i64::MAX as u64 { self.visit_i64(v as i64) } else { self.visit_f64(v as f64) }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<CellResult, E> {
        Ok(cells::float(self.data, v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<CellResult, E> {
        Ok(cells::text(self.data, v))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CellResult, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.data.push_null();
        Ok(Err(format!("expected {}, got an object", cells::expected(self.data))))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CellResult, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.data.push_null();
        Ok(Err(format!("expected {}, got a list", cells::expected(self.data))))
    }
}
