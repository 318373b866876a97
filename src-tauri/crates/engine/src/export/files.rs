//! JSON and Parquet files of a table, with the API's field names as column names. JSON carries
//! dates as ISO text (what people and scripts expect) and unknown nested fields as the objects
//! and lists they were; Parquet keeps dates typed and nested fields nested.

use std::io::Write;
use std::path::Path;

use polars::prelude::*;

use crate::error::EngineError;
use crate::fsio::{plain_io, write_atomic};
use crate::nested::{is_json_container, with_nested};

/// How one column's cells are written as JSON values.
enum JsonCells {
    Text(StringChunked),
    /// JSON text of an unknown nested field: written as the value itself.
    Raw(StringChunked),
    Int(Int64Chunked),
    Float(Float64Chunked),
    Bool(BooleanChunked),
}

fn cells(c: &Column, json_columns: &[String]) -> Result<JsonCells, EngineError> {
    let s = c.as_materialized_series();
    Ok(match s.dtype() {
        DataType::Boolean => JsonCells::Bool(s.bool()?.rechunk().into_owned()),
        dt if dt.is_integer() => JsonCells::Int(s.cast(&DataType::Int64)?.i64()?.rechunk().into_owned()),
        dt if dt.is_float() => JsonCells::Float(s.cast(&DataType::Float64)?.f64()?.rechunk().into_owned()),
        DataType::String if json_columns.iter().any(|j| j == c.name().as_str()) => {
            JsonCells::Raw(s.str()?.rechunk().into_owned())
        }
        DataType::String => JsonCells::Text(s.str()?.rechunk().into_owned()),
        // Anything else (nested data read from someone's Parquet file) as its text.
        _ => JsonCells::Text(s.cast(&DataType::String)?.str()?.rechunk().into_owned()),
    })
}

fn write_value(out: &mut Vec<u8>, cells: &JsonCells, row: usize) {
    let text = |out: &mut Vec<u8>, t: &str| {
        // Writing a &str to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, t);
    };
    match cells {
        JsonCells::Text(c) => match c.get(row) {
            Some(t) => text(out, t),
            None => out.extend_from_slice(b"null"),
        },
        JsonCells::Raw(c) => match c.get(row) {
            Some(t) if is_json_container(t) => out.extend_from_slice(t.as_bytes()),
            Some(t) => text(out, t),
            None => out.extend_from_slice(b"null"),
        },
        JsonCells::Int(c) => match c.get(row) {
            Some(n) => out.extend_from_slice(n.to_string().as_bytes()),
            None => out.extend_from_slice(b"null"),
        },
        JsonCells::Float(c) => match c.get(row).and_then(serde_json::Number::from_f64) {
            Some(n) => out.extend_from_slice(n.to_string().as_bytes()),
            None => out.extend_from_slice(b"null"),
        },
        JsonCells::Bool(c) => match c.get(row) {
            Some(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
            None => out.extend_from_slice(b"null"),
        },
    }
}

/// A JSON array with one object a row. `json_columns` name text columns holding JSON (unknown
/// nested fields), which are written as the objects and lists they are.
pub fn write_json(df: &DataFrame, path: &Path, json_columns: &[String]) -> Result<(), EngineError> {
    let df = crate::export::text::dates_as_text(df)?;
    let names: Vec<Vec<u8>> =
        df.columns().iter().map(|c| serde_json::to_vec(c.name().as_str()).unwrap_or_default()).collect();
    let columns: Vec<JsonCells> = df.columns().iter().map(|c| cells(c, json_columns)).collect::<Result<_, _>>()?;
    let what = path.display().to_string();
    write_atomic(path, &what, |w| {
        let io = |e: std::io::Error| EngineError::file(format!("Could not write {what}"), plain_io(&e));
        let mut line = Vec::with_capacity(1024);
        w.write_all(b"[").map_err(io)?;
        for row in 0..df.height() {
            line.clear();
            if row > 0 {
                line.push(b',');
            }
            line.extend_from_slice(b"\n{");
            for (i, (name, cells)) in names.iter().zip(&columns).enumerate() {
                if i > 0 {
                    line.push(b',');
                }
                line.extend_from_slice(name);
                line.push(b':');
                write_value(&mut line, cells, row);
            }
            line.push(b'}');
            w.write_all(&line).map_err(io)?;
        }
        w.write_all(b"\n]\n").map_err(io)
    })
}

/// A Parquet file; `json_columns` become nested columns (structs, lists) where their values
/// share one shape.
pub fn write_parquet(df: &DataFrame, path: &Path, json_columns: &[String]) -> Result<(), EngineError> {
    let mut out = with_nested(df, json_columns);
    write_atomic(path, &path.display().to_string(), |w| {
        ParquetWriter::new(w)
            .with_compression(ParquetCompression::Zstd(None))
            .finish(&mut out)
            .map(|_| ())
            .map_err(|e| EngineError::file(format!("Could not write {}", path.display()), e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_has_api_names_iso_dates_and_nested_fields_parquet_reads_back() {
        let d = Series::new("creationDate".into(), [Some(86_400_000_000i64 + 1_000_000 + 37_000), None])
            .cast(&DataType::Datetime(TimeUnit::Microseconds, None))
            .unwrap();
        let df = DataFrame::new(
            2,
            vec![
                Column::new("subscriptionType".into(), ["Office", "Azure"]),
                d.into_column(),
                Column::new("licenseCount".into(), [3i64, 0]),
                Column::new("quantity".into(), [0.25f64, 12.0]),
                Column::new("ext".into(), [Some(r#"{"tier":"gold","seats":[1,2]}"#), None]),
            ],
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let j = dir.path().join("x.json");
        write_json(&df, &j, &["ext".to_string()]).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&j).unwrap()).unwrap();
        assert_eq!(v[0]["subscriptionType"], "Office");
        assert_eq!(v[0]["creationDate"], "1970-01-02T00:00:01.037Z");
        assert!(v[1]["creationDate"].is_null());
        assert_eq!(v[1]["licenseCount"], serde_json::json!(0));
        assert!(v[1]["licenseCount"].is_u64());
        assert_eq!(v[0]["quantity"], serde_json::json!(0.25));
        assert_eq!(v[0]["ext"], serde_json::json!({"tier": "gold", "seats": [1, 2]}));
        assert!(v[1]["ext"].is_null());
        let p = dir.path().join("x.parquet");
        write_parquet(&df, &p, &["ext".to_string()]).unwrap();
        let back = LazyFrame::scan_parquet(PlRefPath::try_from_path(&p).unwrap(), ScanArgsParquet::default())
            .unwrap()
            .collect()
            .unwrap();
        assert!(matches!(back.column("ext").unwrap().dtype(), DataType::Struct(_)));
        assert!(back.drop("ext").unwrap().equals_missing(&df.drop("ext").unwrap()));
    }
}

#[cfg(test)]
mod time_zone_tests {
    use super::*;

    /// A CSV's dates with an offset become a time-zone-aware column; the Parquet file the app
    /// writes from it must open in the app with the same instants. (The property tests once
    /// met a CSV whose Parquet polars 0.55 could not read back, "unable to decode the encoded
    /// schema stored in ARROW:schema"; that case is reported in words, and this common one works.)
    #[test]
    fn a_time_zone_aware_column_written_to_parquet_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("in.csv");
        std::fs::write(&csv, "when,n\n2024-01-01T10:00:00+02:00,1\n2024-06-01T23:30:00+02:00,2\n").unwrap();
        let df = crate::read::scan(&csv).unwrap().collect().unwrap();
        assert!(matches!(df.column("when").unwrap().dtype(), DataType::Datetime(_, Some(_))), "{:?}", df.schema());
        let p = dir.path().join("out.parquet");
        write_parquet(&df, &p, &[]).unwrap();
        let back = crate::read::scan(&p).and_then(|lf| lf.collect().map_err(Into::into)).unwrap();
        assert_eq!(back.height(), 2);
        let micros =
            |d: &DataFrame| d.column("when").unwrap().cast(&DataType::Datetime(TimeUnit::Microseconds, None)).unwrap();
        assert_eq!(
            micros(&back).cast(&DataType::Int64).unwrap(),
            micros(&df).cast(&DataType::Int64).unwrap(),
            "the same instants"
        );
    }
}
