//! JSON and Parquet files of a table, with the API's field names as column names. JSON carries
//! dates as ISO text (what people and scripts expect); Parquet keeps them typed.

use std::path::Path;

use polars::prelude::*;

use crate::error::EngineError;
use crate::fsio::write_atomic;

/// Dates as `2024-05-06T14:00:00` text, for formats without a date type.
fn dates_as_text(df: &DataFrame) -> Result<DataFrame, EngineError> {
    let exprs: Vec<Expr> = df
        .schema()
        .iter()
        .filter(|(_, dt)| matches!(dt, DataType::Datetime(_, _) | DataType::Date))
        .map(|(name, _)| col(name.clone()).dt().strftime("%Y-%m-%dT%H:%M:%S").alias(name.clone()))
        .collect();
    if exprs.is_empty() {
        return Ok(df.clone());
    }
    Ok(df.clone().lazy().with_columns(exprs).collect()?)
}

/// A JSON array with one object a row.
pub fn write_json(df: &DataFrame, path: &Path) -> Result<(), EngineError> {
    let mut out = dates_as_text(df)?;
    write_atomic(path, &path.display().to_string(), |w| {
        JsonWriter::new(w)
            .with_json_format(JsonFormat::Json)
            .finish(&mut out)
            .map_err(|e| EngineError::file(format!("Could not write {}", path.display()), e))
    })
}

pub fn write_parquet(df: &DataFrame, path: &Path) -> Result<(), EngineError> {
    let mut out = df.clone();
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
    fn json_has_api_names_and_iso_dates_parquet_reads_back() {
        let d = Series::new("creationDate".into(), [Some(86_400_000_000i64 + 1_000_000), None])
            .cast(&DataType::Datetime(TimeUnit::Microseconds, None))
            .unwrap();
        let df = DataFrame::new(
            2,
            vec![
                Column::new("subscriptionType".into(), ["Office", "Azure"]),
                d.into_column(),
                Column::new("licenseCount".into(), [3i64, 0]),
            ],
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let j = dir.path().join("x.json");
        write_json(&df, &j).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&j).unwrap()).unwrap();
        assert_eq!(v[0]["subscriptionType"], "Office");
        assert_eq!(v[0]["creationDate"], "1970-01-02T00:00:01");
        assert!(v[1]["creationDate"].is_null());
        assert_eq!(v[1]["licenseCount"], 0);
        let p = dir.path().join("x.parquet");
        write_parquet(&df, &p).unwrap();
        let back = LazyFrame::scan_parquet(PlRefPath::try_from_path(&p).unwrap(), ScanArgsParquet::default())
            .unwrap()
            .collect()
            .unwrap();
        assert!(back.equals_missing(&df));
    }
}
