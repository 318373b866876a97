//! Property tests of what the client reads from the service (issue 12): Analytics pages built
//! from random rows (every spelling of the envelope, cells of every type, unknown nested
//! fields), then randomly damaged, never panic; a page that parses has every column as long as
//! its row count, and each row is either in the batch or reported as unreadable. Insights
//! envelopes and report files (gzip or not) likewise.

use proptest::prelude::*;
use serde_json::{Value, json};

use crate::insights::{ExecutionInfo, decode_report, envelope_values};
use crate::page::{PageSchema, parse_page};
use lens_model::dataset::DatasetId;

fn cell() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        "[a-zA-Z0-9 :.+-]{0,24}".prop_map(Value::String),
        (1i32..9999, 1u32..13, 1u32..29).prop_map(|(y, m, d)| json!(format!("{y:04}-{m:02}-{d:02}T10:20:30.1234567Z"))),
        any::<String>().prop_map(Value::String),
        Just(json!({"nested": [1, {"deep": null}]})),
        Just(json!([1, 2, 3])),
    ]
}

fn page() -> impl Strategy<Value = Value> {
    let fields: Vec<&'static str> = DatasetId::Subscriptions.spec().fields.iter().map(|f| f.name).collect();
    let row = prop::collection::btree_map(
        prop_oneof![prop::sample::select(fields), "[a-z]{1,8}".prop_map(|s| Box::leak(s.into_boxed_str()) as &str)],
        cell(),
        0..12,
    );
    (
        prop::collection::vec(row, 0..20),
        prop::sample::select(vec!["Value", "value"]),
        prop::option::of(prop_oneof![
            any::<u32>().prop_map(|n| json!(n)),
            any::<u32>().prop_map(|n| json!(n.to_string())),
            Just(json!(-5)),
            Just(json!("many"))
        ]),
        prop::option::of("[a-z:/?=&0-9.]{0,40}"),
    )
        .prop_map(|(rows, key, total, next)| {
            let mut env = serde_json::Map::new();
            env.insert(key.into(), Value::Array(rows.into_iter().map(|r| json!(r)).collect()));
            if let Some(t) = total {
                env.insert("TotalCount".into(), t);
            }
            if let Some(n) = next {
                env.insert("@nextLink".into(), json!(n));
            }
            Value::Object(env)
        })
}

fn damage(bytes: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for &(at, kind, v) in edits {
        let at = if b.is_empty() { 0 } else { at % (b.len() + 1) };
        match kind % 4 {
            0 => b.insert(at, v),
            1 if at < b.len() => b[at] = v,
            2 => b.truncate(at),
            _ => {
                let copy = b[at..].to_vec();
                b.extend(copy);
            }
        }
    }
    b
}

proptest! {
    #[test]
    fn fuzz_analytics_pages_never_panic_and_account_for_every_row(
        p in page(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..4),
        bom in any::<bool>(),
    ) {
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend(serde_json::to_vec(&p).unwrap());
        let bytes = damage(&bytes, &edits);
        let schema = PageSchema::raw(DatasetId::Subscriptions.spec());
        match parse_page(&bytes, &schema) {
            Ok(page) => {
                let b = &page.batch;
                for c in &b.columns {
                    prop_assert_eq!(c.data.len(), b.rows, "column {} is not as long as the page", c.name);
                }
                prop_assert_eq!(b.rows + b.bad_rows.len(), page.rows_seen);
            }
            Err(message) => prop_assert!(!message.is_empty()),
        }
        if edits.is_empty() {
            prop_assert!(parse_page(&bytes, &schema).is_ok(), "an undamaged page parses");
        }
        let grouped = PageSchema::grouped(DatasetId::Subscriptions.spec(), &["subscriptionType".to_string()]);
        let _ = parse_page(&bytes, &grouped);
    }

    #[test]
    fn fuzz_insights_envelopes_and_report_files_never_panic(
        junk in prop::collection::vec(any::<u8>(), 0..400),
        csv in "[a-zA-Z0-9,\t\"\r\n]{0,200}",
        gzip in any::<bool>(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..3),
    ) {
        let _ = envelope_values::<ExecutionInfo>(&junk);
        let env = json!({"value": [{"executionId": "x", "reportId": "r", "executionStatus": "Completed"}], "totalCount": 1});
        let _ = envelope_values::<ExecutionInfo>(&damage(&serde_json::to_vec(&env).unwrap(), &edits));
        let _ = decode_report(&junk);
        let file = if gzip {
            use std::io::Write;
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(csv.as_bytes()).unwrap();
            gz.finish().unwrap()
        } else {
            csv.as_bytes().to_vec()
        };
        if edits.is_empty() {
            prop_assert_eq!(decode_report(&file).ok(), Some(csv.as_bytes().to_vec()), "gzip or not, the text comes back");
        }
        let _ = decode_report(&damage(&file, &edits));
    }
}
