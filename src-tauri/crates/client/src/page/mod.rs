//! Reads one page of an Analytics answer straight into columns. The envelope may be spelled
//! `Value`/`value`, `@nextLink`/`nextLink`, `TotalCount`/`totalCount` (**quirk**); counts may be
//! strings; string fields may arrive as numbers (`mpnId`); unknown fields are kept as text
//! columns (objects and lists as their JSON text); a whole-number field that arrives with a
//! fraction becomes a decimal column rather than losing it; dates come in every documented form. A row that cannot be read (a date that is not a
//! date, a list where a number belongs) is left out and reported, never fatal to the page.

//!
//! Two readers share that contract. [`fast`] scans the shape the service sends (one object a
//! row, text, numbers, dates) straight into the columns; anything it does not expect (a row it
//! cannot read, a nested value in an unknown field, damaged JSON) makes it give the page to
//! [`general`], the serde reader that handles every case and words every error. Both give the
//! same page, which a property test checks on random and damaged pages.

mod cells;
pub(crate) mod fast;
pub mod general;

use std::collections::HashMap;

use lens_model::batch::Batch;
use lens_model::dataset::{DatasetSpec, FieldType};

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
#[derive(Debug, PartialEq)]
pub struct Page {
    pub batch: Batch,
    pub next_link: Option<String>,
    pub total: Option<usize>,
    /// Rows in the page, readable or not.
    pub rows_seen: usize,
}

/// A field of the page's envelope, by each of its spellings (**quirk**): both readers ask here.
enum EnvKey {
    Value,
    NextLink,
    Total,
    Other,
}

impl EnvKey {
    fn of(name: &str) -> EnvKey {
        match name {
            "Value" | "value" => EnvKey::Value,
            "@nextLink" | "nextLink" | "@odata.nextLink" | "NextLink" => EnvKey::NextLink,
            "TotalCount" | "totalCount" | "@odata.count" => EnvKey::Total,
            _ => EnvKey::Other,
        }
    }
}

/// Parses a page; the error is a plain sentence with the position of the problem.
pub fn parse_page(body: &[u8], schema: &PageSchema) -> Result<Page, String> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    match fast::parse(body, schema) {
        Some(page) => Ok(page),
        None => general::parse(body, schema),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lens_model::batch::ColumnData;
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
