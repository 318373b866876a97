//! What the app writes keeps what the service sent. For every data set, the simulator serves
//! every documented date form (0 to 7 fraction digits, date only, `Z`, `+00:00`, no zone, null,
//! `0001-01-01T00:00:00`) and unknown fields with nested values; the rows are fetched through
//! the client into a table, written as CSV, JSON, Excel and Parquet the way the command line and
//! the window write them, read back with independent readers, and compared cell by cell with
//! the raw pages the test fetched itself: dates as the same instants (to the microsecond, and to
//! the millisecond Excel holds), whole numbers as whole numbers, unknown fields kept.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use lens_client::Call;
use lens_model::dataset::{DatasetId, FieldType};
use lens_model::dates;
use lens_service::export::write_table;
use lens_service::fetch_table;
use lens_sim::SimConfig;
use polars::prelude::*;
use serde_json::{Map, Value};

use crate::sim::{served, signed_in};

type Row = Map<String, Value>;

/// The instant a served date means, in microseconds (`None` for null and the year-one marker).
fn instant(v: &Value) -> Option<i64> {
    v.as_str().and_then(|s| dates::parse_micros(s).unwrap())
}

/// What a spreadsheet-safe text cell looks like: the CSV and Excel writers prefix text that a
/// spreadsheet would run as a formula.
fn neutralised(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() }
}

fn expect_json_text(id: DatasetId, key: &str, text: &str, want: &Value, what: &str) {
    let got: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{id} {what} {key}: {text:?}: {e}"));
    assert_eq!(&got, want, "{id} {what} {key}");
}

fn check_csv(id: DatasetId, path: &Path, rows: &[Row]) {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{id}: CSV without a byte-order mark");
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    let records: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), rows.len(), "{id}: CSV rows");
    for (served, rec) in rows.iter().zip(&records) {
        for (key, want) in served {
            let i = header.iter().position(|h| h == key).unwrap_or_else(|| panic!("{id}: CSV lacks {key}"));
            let got = &rec[i];
            match id.spec().field(key).map(|f| f.ty) {
                _ if want.is_null() || (is_date(id, key) && instant(want).is_none()) => {
                    assert_eq!(got, "", "{id} CSV {key}: {want}")
                }
                Some(FieldType::DateTime) => {
                    assert_eq!(dates::parse_micros(got).unwrap(), instant(want), "{id} CSV {key}: {got} vs {want}")
                }
                Some(FieldType::Int) => {
                    assert!(!got.contains('.'), "{id} CSV {key}: a whole number written as {got}");
                    assert_eq!(got.parse::<i64>().unwrap(), want.as_i64().unwrap(), "{id} CSV {key}");
                }
                Some(FieldType::Float) => assert_eq!(got.parse::<f64>().unwrap(), want.as_f64().unwrap()),
                Some(FieldType::Bool) => assert_eq!(got, want.as_bool().unwrap().to_string()),
                _ if want.is_object() || want.is_array() => expect_json_text(id, key, got, want, "CSV"),
                _ => assert_eq!(got, neutralised(&scalar_text(want)), "{id} CSV {key}"),
            }
        }
    }
}

fn is_date(id: DatasetId, key: &str) -> bool {
    id.spec().field(key).is_some_and(|f| f.is_date())
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn check_json(id: DatasetId, path: &Path, rows: &[Row]) {
    let back: Vec<Row> = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(back.len(), rows.len(), "{id}: JSON rows");
    for (served, got) in rows.iter().zip(&back) {
        for (key, want) in served {
            let g = got.get(key).unwrap_or_else(|| panic!("{id}: JSON lacks {key}"));
            match id.spec().field(key).map(|f| f.ty) {
                Some(FieldType::DateTime) => assert_eq!(instant(g), instant(want), "{id} JSON {key}: {g} vs {want}"),
                Some(FieldType::Int) if !want.is_null() => {
                    assert!(g.is_i64() || g.is_u64(), "{id} JSON {key}: a whole number written as {g}");
                    assert_eq!(g, want, "{id} JSON {key}");
                }
                Some(FieldType::Float) if !want.is_null() => assert_eq!(g.as_f64(), want.as_f64()),
                // Text fields (`mpnId` arrives as a number at times: it is text by the docs) and
                // unknown scalars come back as text; unknown nested values stay nested.
                Some(FieldType::Str) | None if !(want.is_object() || want.is_array() || want.is_null()) => {
                    assert_eq!(g.as_str(), Some(scalar_text(want).as_str()), "{id} JSON {key}")
                }
                _ => assert_eq!(g, want, "{id} JSON {key}"),
            }
        }
    }
}

/// An Excel serial date (days since 1899-12-30) as microseconds since 1970.
fn excel_micros(serial: f64) -> i64 {
    ((serial - 25_569.0) * dates::MICROS_PER_DAY as f64).round() as i64
}

fn check_xlsx(id: DatasetId, path: &Path, rows: &[Row]) {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let sheet = wb.worksheet_range_at(0).unwrap().unwrap();
    let mut it = sheet.rows();
    let header: Vec<String> = it.next().unwrap().iter().map(|c| c.to_string()).collect();
    let cells: Vec<&[Data]> = it.collect();
    assert_eq!(cells.len(), rows.len(), "{id}: Excel rows");
    for (served, rec) in rows.iter().zip(&cells) {
        for (key, want) in served {
            let i = header.iter().position(|h| h == key).unwrap_or_else(|| panic!("{id}: Excel lacks {key}"));
            let got = rec.get(i).cloned().unwrap_or(Data::Empty);
            match (id.spec().field(key).map(|f| f.ty), &got) {
                (Some(FieldType::DateTime), Data::Empty) => assert_eq!(instant(want), None, "{id} Excel {key}"),
                (Some(FieldType::DateTime), Data::DateTime(d)) => {
                    // Excel keeps milliseconds.
                    let want_ms = instant(want).map(|t| t.div_euclid(1000));
                    let got_ms = excel_micros(d.as_f64()).div_euclid(1000);
                    let diff = (want_ms.unwrap_or(i64::MIN) - got_ms).abs();
                    assert!(diff <= 1, "{id} Excel {key}: {got:?} vs {want}");
                }
                (Some(FieldType::Int | FieldType::Float), Data::Float(f)) => {
                    assert_eq!(*f, want.as_f64().unwrap(), "{id} Excel {key}")
                }
                (_, Data::Empty) => assert!(want.is_null(), "{id} Excel {key}: empty for {want}"),
                (Some(FieldType::Bool), Data::Bool(b)) => assert_eq!(Some(*b), want.as_bool()),
                (_, Data::String(s)) if want.is_object() || want.is_array() => {
                    expect_json_text(id, key, s, want, "Excel")
                }
                (_, Data::String(s)) => assert_eq!(*s, neutralised(&scalar_text(want)), "{id} Excel {key}"),
                (t, other) => panic!("{id} Excel {key}: {other:?} for {want} ({t:?})"),
            }
        }
    }
}

fn check_parquet(id: DatasetId, path: &Path, rows: &[Row]) {
    let df = LazyFrame::scan_parquet(PlRefPath::try_from_path(path).unwrap(), ScanArgsParquet::default())
        .unwrap()
        .collect()
        .unwrap();
    assert_eq!(df.height(), rows.len(), "{id}: Parquet rows");
    for f in id.spec().fields {
        let c = df.column(f.name).unwrap();
        let want_type = match f.ty {
            FieldType::Str => DataType::String,
            FieldType::Bool => DataType::Boolean,
            FieldType::Int => DataType::Int64,
            FieldType::Float => DataType::Float64,
            FieldType::DateTime => DataType::Datetime(TimeUnit::Microseconds, None),
        };
        assert_eq!(c.dtype(), &want_type, "{id} Parquet {}", f.name);
        if f.is_date() {
            let got: Vec<Option<i64>> = c.cast(&DataType::Int64).unwrap().i64().unwrap().iter().collect();
            let want: Vec<Option<i64>> = rows.iter().map(|r| r.get(f.name).and_then(instant)).collect();
            assert_eq!(got, want, "{id} Parquet {}", f.name);
        }
        if f.ty == FieldType::Int {
            let got: Vec<Option<i64>> = c.i64().unwrap().iter().collect();
            let want: Vec<Option<i64>> = rows.iter().map(|r| r.get(f.name).and_then(Value::as_i64)).collect();
            assert_eq!(got, want, "{id} Parquet {}", f.name);
        }
    }
    // Nested unknown fields are nested columns: compare them as JSON, row by row.
    let nested: Vec<&str> = df.columns().iter().filter(|c| c.dtype().is_nested()).map(|c| c.name().as_str()).collect();
    assert!(nested.contains(&"partnerAttributes") && nested.contains(&"regionCodes"), "{id}: {nested:?}");
    let mut sub = df.select(nested.iter().copied()).unwrap();
    let mut buf = Vec::new();
    JsonWriter::new(&mut buf).with_json_format(JsonFormat::JsonLines).finish(&mut sub).unwrap();
    let lines: Vec<Value> =
        buf.split(|b| *b == b'\n').filter(|l| !l.is_empty()).map(|l| serde_json::from_slice(l).unwrap()).collect();
    for (served, got) in rows.iter().zip(&lines) {
        for key in &nested {
            assert_eq!(got.get(*key), served.get(*key), "{id} Parquet {key}");
        }
    }
}

// Polars runs its readers on tokio's blocking pool, which needs the multi-threaded runtime.
#[tokio::test(flavor = "multi_thread")]
async fn every_export_keeps_what_the_service_sent() {
    let cfg = SimConfig { seed: 3, subscriptions: 600, today: Some(20_413), every_form: true, ..SimConfig::default() };
    let (sim, token, client) = signed_in(cfg).await;
    let dir = tempfile::tempdir().unwrap();
    let mut forms_seen = std::collections::BTreeSet::new();
    for id in DatasetId::ALL {
        let rows = served(&sim.base_url, &token, id).await;
        assert!(!rows.is_empty(), "{id}");
        for r in &rows {
            for (k, v) in r {
                if is_date(id, k) {
                    forms_seen.insert(date_shape(v));
                }
            }
        }
        let (table, report) = fetch_table(&client, id, None, &|_| {}, &Call::default()).await.unwrap();
        assert_eq!(report.bad_rows, 0, "{id}: {:?}", report.bad_row_examples);
        assert_eq!(table.df.height(), rows.len(), "{id}");
        for ext in ["csv", "json", "xlsx", "parquet"] {
            let path = dir.path().join(format!("{}.{ext}", id.slug()));
            write_table(&table.df, &path, id.title(), &table.json_columns).unwrap();
            match ext {
                "csv" => check_csv(id, &path, &rows),
                "json" => check_json(id, &path, &rows),
                "xlsx" => check_xlsx(id, &path, &rows),
                _ => check_parquet(id, &path, &rows),
            }
        }
    }
    // The simulator did serve every documented form.
    for shape in [
        "0 digits",
        "1 digits",
        "2 digits",
        "3 digits",
        "4 digits",
        "5 digits",
        "6 digits",
        "7 digits",
        "date only",
        "Z",
        "+00:00",
        "null",
        "year one",
    ] {
        assert!(forms_seen.contains(shape), "no date served as {shape}: {forms_seen:?}");
    }
}

/// Which documented form a served date is in.
fn date_shape(v: &Value) -> String {
    let Some(s) = v.as_str() else { return "null".into() };
    if s.starts_with("0001-") {
        return "year one".into();
    }
    if s.len() == 10 {
        return "date only".into();
    }
    if s.ends_with('Z') {
        return "Z".into();
    }
    if s.ends_with("+00:00") {
        return "+00:00".into();
    }
    let digits = s.split_once('.').map_or(0, |(_, f)| f.len());
    format!("{digits} digits")
}
