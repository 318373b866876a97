//! Reads one page of an Analytics answer straight into columns. The envelope may be spelled
//! `Value`/`value`, `@nextLink`/`nextLink`, `TotalCount`/`totalCount` (**quirk**); counts may be
//! strings; string fields may arrive as numbers (`mpnId`); unknown fields are kept as text
//! columns (objects and lists as their JSON text); a whole-number field that arrives with a
//! fraction becomes a decimal column rather than losing it; dates come in every documented form. A row that cannot be read (a date that is not a
//! date, a list where a number belongs) is left out and reported, never fatal to the page.

use std::collections::HashMap;
use std::fmt;

use lens_model::batch::{BadRow, Batch, ColumnData};
use lens_model::dataset::{DatasetSpec, FieldType};
use lens_model::dates;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The columns a page is read into.
#[derive(Debug, Clone)]
pub struct PageSchema {
    fields: Vec<(String, FieldType)>,
    exact: HashMap<String, usize>,
}

impl PageSchema {
    pub fn new(fields: Vec<(String, FieldType)>) -> PageSchema {
        let exact = fields.iter().enumerate().map(|(i, (n, _))| (n.clone(), i)).collect();
        PageSchema { fields, exact }
    }

    /// Raw rows of a data set.
    pub fn raw(spec: &DatasetSpec) -> PageSchema {
        PageSchema::new(spec.fields.iter().map(|f| (f.name.to_string(), f.ty)).collect())
    }

    /// A grouped answer: the grouping fields, then the count fields.
    pub fn grouped(spec: &DatasetSpec, group_by: &[String]) -> PageSchema {
        let mut fields: Vec<(String, FieldType)> =
            group_by.iter().map(|g| (g.clone(), spec.field(g).map_or(FieldType::Str, |f| f.ty))).collect();
        for c in spec.counts {
            fields.push((c.name.to_string(), if c.fractional { FieldType::Float } else { FieldType::Int }));
        }
        PageSchema::new(fields)
    }

    pub fn fields(&self) -> &[(String, FieldType)] {
        &self.fields
    }

    fn find(&self, key: &str) -> Option<usize> {
        self.exact.get(key).copied().or_else(|| self.fields.iter().position(|(n, _)| n.eq_ignore_ascii_case(key)))
    }
}

/// One parsed page.
#[derive(Debug)]
pub struct Page {
    pub batch: Batch,
    pub next_link: Option<String>,
    pub total: Option<usize>,
    /// Rows in the page, readable or not.
    pub rows_seen: usize,
}

/// Parses a page; the error is a plain sentence with the position of the problem.
pub fn parse_page(body: &[u8], schema: &PageSchema) -> Result<Page, String> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
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

enum EnvKey {
    Value,
    NextLink,
    Total,
    Other,
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
        Ok(match v {
            "Value" | "value" => EnvKey::Value,
            "@nextLink" | "nextLink" | "@odata.nextLink" | "NextLink" => EnvKey::NextLink,
            "TotalCount" | "totalCount" | "@odata.count" => EnvKey::Total,
            _ => EnvKey::Other,
        })
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

/// Reads one cell of a known field into its column, converting what the service is known to
/// send. `Ok(Err)` is a bad value: the row is dropped and reported, the page goes on.
struct CellSeed<'a> {
    data: &'a mut ColumnData,
}

type CellResult = Result<(), String>;

impl<'de> DeserializeSeed<'de> for CellSeed<'_> {
    type Value = CellResult;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<CellResult, D::Error> {
        d.deserialize_any(self)
    }
}

fn int_from_f64(v: f64) -> Option<i64> {
    (v.fract() == 0.0 && v.abs() < 9.0e15).then_some(v as i64)
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
        Ok(match self.data {
            ColumnData::Bool(c) => {
                c.push(Some(v));
                Ok(())
            }
            ColumnData::Str(c) => {
                c.push(Some(if v { "true" } else { "false" }));
                Ok(())
            }
            _ => Err(format!("expected {}, got true/false", expected(self.data))),
        })
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<CellResult, E> {
        Ok(match self.data {
            ColumnData::Int(c) => {
                c.push(Some(v));
                Ok(())
            }
            ColumnData::Float(c) => {
                c.push(Some(v as f64));
                Ok(())
            }
            // A string field sent as a number (mpnId, **quirk**).
            ColumnData::Str(c) => {
                c.push(Some(&v.to_string()));
                Ok(())
            }
            _ => Err(format!("expected {}, got the number {v}", expected(self.data))),
        })
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<CellResult, E> {
        if v <= i64::MAX as u64 { self.visit_i64(v as i64) } else { self.visit_f64(v as f64) }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<CellResult, E> {
        Ok(match self.data {
            ColumnData::Float(c) => {
                c.push(Some(v));
                Ok(())
            }
            ColumnData::Int(c) => match int_from_f64(v) {
                Some(i) => {
                    c.push(Some(i));
                    Ok(())
                }
                None if v.is_finite() => {
                    self.data.promote_to_float();
                    if let ColumnData::Float(c) = self.data {
                        c.push(Some(v));
                    }
                    Ok(())
                }
                None => Err(format!("expected a whole number, got {v}")),
            },
            ColumnData::Str(c) => {
                c.push(Some(&v.to_string()));
                Ok(())
            }
            _ => Err(format!("expected {}, got the number {v}", expected(self.data))),
        })
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<CellResult, E> {
        Ok(match self.data {
            ColumnData::Str(c) => {
                c.push(Some(v));
                Ok(())
            }
            ColumnData::Date(c) => match dates::parse_micros(v) {
                Ok(t) => {
                    c.push(t);
                    Ok(())
                }
                Err(_) => Err(format!("\"{}\" is not a date", short(v))),
            },
            // Counts arrive as strings in grouped answers (**quirk**).
            ColumnData::Int(c) => {
                let t = v.trim();
                match t.parse::<i64>().ok().or_else(|| t.parse::<f64>().ok().and_then(int_from_f64)) {
                    Some(i) => {
                        c.push(Some(i));
                        Ok(())
                    }
                    None if t.is_empty() => {
                        c.push(None);
                        Ok(())
                    }
                    None => match t.parse::<f64>() {
                        Ok(x) if x.is_finite() => {
                            self.data.promote_to_float();
                            if let ColumnData::Float(c) = self.data {
                                c.push(Some(x));
                            }
                            Ok(())
                        }
                        _ => Err(format!("\"{}\" is not a whole number", short(v))),
                    },
                }
            }
            ColumnData::Float(c) => match v.trim().parse::<f64>() {
                Ok(x) => {
                    c.push(Some(x));
                    Ok(())
                }
                Err(_) if v.trim().is_empty() => {
                    c.push(None);
                    Ok(())
                }
                Err(_) => Err(format!("\"{}\" is not a number", short(v))),
            },
            ColumnData::Bool(c) => match v.to_ascii_lowercase().as_str() {
                "true" => {
                    c.push(Some(true));
                    Ok(())
                }
                "false" => {
                    c.push(Some(false));
                    Ok(())
                }
                _ => Err(format!("\"{}\" is not true or false", short(v))),
            },
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CellResult, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.data.push_null();
        Ok(Err(format!("expected {}, got an object", expected(self.data))))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CellResult, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.data.push_null();
        Ok(Err(format!("expected {}, got a list", expected(self.data))))
    }
}

fn expected(d: &ColumnData) -> &'static str {
    match d {
        ColumnData::Str(_) => "text",
        ColumnData::Bool(_) => "true or false",
        ColumnData::Int(_) => "a whole number",
        ColumnData::Float(_) => "a number",
        ColumnData::Date(_) => "a date",
    }
}

fn short(v: &str) -> String {
    if v.chars().count() > 40 { format!("{}…", v.chars().take(40).collect::<String>()) } else { v.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lens_model::dataset::DatasetId;
    use lens_model::dates::ymd;

    fn subs() -> PageSchema {
        PageSchema::raw(DatasetId::Subscriptions.spec())
    }

    fn col<'a>(p: &'a Page, name: &str) -> &'a ColumnData {
        &p.batch.column(name).unwrap().data
    }

    #[test]
    fn reads_the_seed_001_row() {
        let body = br#"{"Value":[{
            "customerTenantId": "76906668-27FC-4F5B-A35C-75A9823E13AF", "customerName": "TESTORG65656565",
            "customerMarket": "US", "id": "4BF546B2-8998-4838-BEE2-5F1BBE65A04F", "status": "ACTIVE",
            "productName": "OFFICE 365 BUSINESS PREMIUM", "subscriptionType": "Office", "autoRenewEnabled": true,
            "partnerId": "3B33E682-00C3-41EE-9DD2-A548ADF56438", "friendlyName": "FULL OFFICE SUITE",
            "creationDate": "2016-02-04T19:29:38.037", "effectiveStartDate": "2016-02-04T00:00:00",
            "commitmentEndDate": "2019-02-10T00:00:00", "currentStateEndDate": "2019-02-10T00:00:00",
            "trialToPaidConversionDate": null, "trialStartDate": null, "trialEndDate": null, "lastUsageDate": null,
            "deprovisionedDate": null, "lastRenewalDate": "2018-02-10T02:39:57.729", "licenseCount": 2 }],
            "@nextLink": null, "TotalCount": 1}"#;
        let p = parse_page(body, &subs()).unwrap();
        assert_eq!(p.batch.rows, 1);
        assert_eq!(p.total, Some(1));
        assert_eq!(p.next_link, None);
        assert_eq!(*col(&p, "licenseCount"), ColumnData::Int(vec![Some(2)]));
        assert_eq!(*col(&p, "autoRenewEnabled"), ColumnData::Bool(vec![Some(true)]));
        assert_eq!(*col(&p, "effectiveStartDate"), ColumnData::Date(vec![Some(ymd(2016, 2, 4))]));
        // Fields the row did not carry are null, not missing.
        assert_eq!(
            *col(&p, "providerName"),
            ColumnData::Str({
                let mut c = lens_model::StrColumn::default();
                c.push(None);
                c
            })
        );
    }

    #[test]
    fn reads_the_seed_002_grouped_answer_with_string_counts() {
        let body = br#"{"Value":[{"subscriptionType":"Azure","subscriptionCount":"63","licenseCount":"0"},
            {"subscriptionType":"Office","subscriptionCount":"906","licenseCount":"7485"}],"@nextLink":null,"TotalCount":7}"#;
        let schema = PageSchema::grouped(DatasetId::Subscriptions.spec(), &["subscriptionType".into()]);
        let p = parse_page(body, &schema).unwrap();
        assert_eq!(*col(&p, "subscriptionCount"), ColumnData::Int(vec![Some(63), Some(906)]));
        assert_eq!(*col(&p, "licenseCount"), ColumnData::Int(vec![Some(0), Some(7485)]));
        assert_eq!(p.total, Some(7));
    }

    #[test]
    fn both_envelope_casings_bom_and_string_totals() {
        let body = "\u{feff}{\"value\":[{\"id\":\"a\"}],\"nextLink\":\"http://x/next\",\"totalCount\":\"2\"}";
        let p = parse_page(body.as_bytes(), &subs()).unwrap();
        assert_eq!(p.batch.rows, 1);
        assert_eq!(p.next_link.as_deref(), Some("http://x/next"));
        assert_eq!(p.total, Some(2));
    }

    #[test]
    fn unknown_fields_are_kept_and_numbers_in_text_fields_accepted() {
        let body = br#"{"Value":[{"id":"a","tags":[1,"two"]},{"id":"b","billingFrequency":"Monthly","nested":{"x":1,"y":[true]}}],"TotalCount":2}"#;
        let p = parse_page(body, &subs()).unwrap();
        let ColumnData::Str(extra) = col(&p, "billingFrequency") else { panic!() };
        assert_eq!(extra.iter().collect::<Vec<_>>(), vec![None, Some("Monthly")]);
        assert_eq!(p.batch.rows, 2);
        // Nested values of unknown fields keep their JSON, and the columns say so.
        let ColumnData::Str(nested) = col(&p, "nested") else { panic!() };
        assert_eq!(nested.iter().collect::<Vec<_>>(), vec![None, Some(r#"{"x":1,"y":[true]}"#)]);
        let ColumnData::Str(tags) = col(&p, "tags") else { panic!() };
        assert_eq!(tags.iter().collect::<Vec<_>>(), vec![Some(r#"[1,"two"]"#), None]);
        assert_eq!(p.batch.json_columns, vec!["tags".to_string(), "nested".to_string()]);
        let search = PageSchema::raw(DatasetId::Search.spec());
        let p = parse_page(br#"{"Value":[{"mpnId":4412345},{"mpnId":"4412345"}]}"#, &search).unwrap();
        let ColumnData::Str(m) = col(&p, "mpnId") else { panic!() };
        assert_eq!(m.iter().collect::<Vec<_>>(), vec![Some("4412345"), Some("4412345")]);
    }

    #[test]
    fn a_bad_row_is_dropped_and_reported_the_rest_kept() {
        let body = br#"{"Value":[{"id":"a","licenseCount":1},
            {"id":"b","creationDate":"last tuesday","licenseCount":2},
            {"id":"c","licenseCount":[1]}, null,
            {"id":"d","licenseCount":"4"}],"TotalCount":5}"#;
        let p = parse_page(body, &subs()).unwrap();
        assert_eq!(p.rows_seen, 5);
        assert_eq!(p.batch.rows, 2);
        let ColumnData::Str(ids) = col(&p, "id") else { panic!() };
        assert_eq!(ids.iter().collect::<Vec<_>>(), vec![Some("a"), Some("d")]);
        assert_eq!(*col(&p, "licenseCount"), ColumnData::Int(vec![Some(1), Some(4)]));
        let reasons: Vec<_> = p.batch.bad_rows.iter().map(|b| (b.index, b.reason.as_str())).collect();
        assert_eq!(reasons[0], (1, "creationDate: \"last tuesday\" is not a date"));
        assert_eq!(reasons[1], (2, "licenseCount: expected a whole number, got a list"));
        assert_eq!(reasons[2].0, 3);
    }

    #[test]
    fn a_whole_number_field_with_a_fraction_becomes_decimal_not_lost() {
        let usage = PageSchema::raw(DatasetId::AzureUsage.spec());
        let p =
            parse_page(br#"{"Value":[{"quantity":37},{"quantity":"2"},{"quantity":0.25},{"quantity":"1.5"}]}"#, &usage)
                .unwrap();
        assert_eq!(*col(&p, "quantity"), ColumnData::Float(vec![Some(37.0), Some(2.0), Some(0.25), Some(1.5)]));
        let p = parse_page(br#"{"Value":[{"quantity":37},{"quantity":"12"}]}"#, &usage).unwrap();
        assert_eq!(*col(&p, "quantity"), ColumnData::Int(vec![Some(37), Some(12)]));
    }

    #[test]
    fn indirect_reseller_year_one_is_null() {
        let schema = PageSchema::raw(DatasetId::IndirectResellers.spec());
        let p = parse_page(
            br#"{"Value":[{"firstSubscriptionEndDate":"0001-01-01T00:00:00","subscriptionCount":12.0}]}"#,
            &schema,
        )
        .unwrap();
        assert_eq!(*col(&p, "firstSubscriptionEndDate"), ColumnData::Date(vec![None]));
        assert_eq!(*col(&p, "subscriptionCount"), ColumnData::Float(vec![Some(12.0)]));
    }

    #[test]
    fn broken_pages_are_refused_with_a_position() {
        for (body, want) in [
            (&br#"{"Value":[{"id":"a"#[..], "ends in the middle"),
            (br#"{"Value":[{"id":"a"}]}<!-- x -->"#, "not valid JSON"),
            (br#"{"TotalCount":3}"#, "is missing"),
            (br#"[1,2]"#, "expected shape"),
        ] {
            let e = parse_page(body, &subs()).unwrap_err();
            assert!(e.contains(want), "{e}");
        }
    }
}
