//! Property tests of what the client reads from the service (issue 12): Analytics pages built
//! from random rows (every spelling of the envelope, cells of every type, unknown nested
//! fields), then randomly damaged, never panic; a page that parses has every column as long as
//! its row count, and each row is either in the batch or reported as unreadable. Insights
//! envelopes and report files (gzip or not) likewise.

use proptest::prelude::*;
use serde_json::{Value, json};

use crate::insights::{ExecutionInfo, decode_report, envelope_values};
use crate::page::{PageSchema, fast, general, parse_page};
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

/// A page as the service sends it: each known field a value of its type (text of any
/// characters, whole numbers, decimals, dates, yes/no, null), unknown fields as text.
fn usual_page() -> impl Strategy<Value = Value> {
    use lens_model::dataset::FieldType;
    let fields: Vec<(&'static str, FieldType)> =
        DatasetId::Subscriptions.spec().fields.iter().map(|f| (f.name, f.ty)).collect();
    let value = |ty: FieldType| -> BoxedStrategy<Value> {
        let v = match ty {
            FieldType::Str => {
                prop_oneof![any::<String>().prop_map(Value::String), any::<i64>().prop_map(|n| json!(n))].boxed()
            }
            FieldType::Int => {
                prop_oneof![any::<i64>().prop_map(|n| json!(n)), any::<i32>().prop_map(|n| json!(n.to_string()))]
                    .boxed()
            }
            FieldType::Float => any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)).boxed(),
            FieldType::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
            FieldType::DateTime => (1i32..9999, 1u32..13, 1u32..29, 0u32..24)
                .prop_map(|(y, m, d, h)| json!(format!("{y:04}-{m:02}-{d:02}T{h:02}:20:30.123")))
                .boxed(),
        };
        prop_oneof![1 => Just(Value::Null), 6 => v].boxed()
    };
    let known: Vec<BoxedStrategy<(String, Value)>> =
        fields.into_iter().map(|(n, ty)| value(ty).prop_map(move |v| (n.to_string(), v)).boxed()).collect();
    let unknown = (
        "[a-z]{1,8}",
        prop_oneof![any::<String>().prop_map(Value::String), Just(Value::Null), any::<bool>().prop_map(Value::Bool)],
    );
    let row = (known, prop::collection::vec(unknown, 0..3), prop::collection::vec(any::<bool>(), 32)).prop_map(
        |(known, unknown, keep)| {
            let mut m = serde_json::Map::new();
            for (i, (k, v)) in known.into_iter().enumerate() {
                if keep[i % keep.len()] {
                    m.insert(k, v);
                }
            }
            for (k, v) in unknown {
                m.entry(k).or_insert(v);
            }
            Value::Object(m)
        },
    );
    (prop::collection::vec(row, 0..30), any::<u32>())
        .prop_map(|(rows, total)| json!({"Value": rows, "@nextLink": null, "TotalCount": total}))
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

    /// The fast reader gives exactly the general reader's page, or leaves the page to it.
    #[test]
    fn fuzz_the_fast_reader_agrees_with_the_general_one(
        p in page(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..3),
        pretty in any::<bool>(),
    ) {
        let bytes = if pretty { serde_json::to_vec_pretty(&p).unwrap() } else { serde_json::to_vec(&p).unwrap() };
        for bytes in [bytes.clone(), damage(&bytes, &edits)] {
            for schema in [
                PageSchema::raw(DatasetId::Subscriptions.spec()),
                PageSchema::grouped(DatasetId::Subscriptions.spec(), &["subscriptionType".to_string()]),
            ] {
                if let Some(quick) = fast::parse(&bytes, &schema) {
                    let general = general::parse(&bytes, &schema);
                    prop_assert_eq!(Ok(quick), general, "on {}", String::from_utf8_lossy(&bytes));
                }
            }
        }
    }

    /// A usual page is read by the fast reader itself, and exactly as the general one reads it.
    #[test]
    fn fuzz_usual_pages_are_read_fast_and_alike(p in usual_page(), pretty in any::<bool>()) {
        let bytes = if pretty { serde_json::to_vec_pretty(&p).unwrap() } else { serde_json::to_vec(&p).unwrap() };
        let schema = PageSchema::raw(DatasetId::Subscriptions.spec());
        let quick = fast::parse(&bytes, &schema);
        prop_assert!(quick.is_some(), "left to the general reader: {}", String::from_utf8_lossy(&bytes));
        prop_assert_eq!(Ok(quick.unwrap()), general::parse(&bytes, &schema));
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
