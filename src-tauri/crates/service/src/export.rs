//! Writing a table to the file a person named, in the format its extension asks for. The
//! command line and the window both write through here.

use std::path::Path;

use lens_engine::export::{csv, files, xlsx};
use polars::prelude::DataFrame;

use crate::error::ServiceError;

/// The formats a table can be written as, by extension.
pub const TABLE_FORMATS: &[&str] = &["csv", "xlsx", "json", "parquet"];

/// The extension of `path`, lower case ("" when there is none).
pub fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default()
}

/// Writes `df` to `path`. `sheet` names the Excel sheet; `json_columns` name text columns that
/// hold unknown nested fields (written nested in JSON and Parquet).
pub fn write_table(df: &DataFrame, path: &Path, sheet: &str, json_columns: &[String]) -> Result<(), ServiceError> {
    match extension(path).as_str() {
        "csv" => Ok(csv::write_csv(df, path)?),
        "xlsx" => Ok(xlsx::write_xlsx(df, path, sheet)?),
        "json" => Ok(files::write_json(df, path, json_columns)?),
        "parquet" => Ok(files::write_parquet(df, path, json_columns)?),
        other => Err(ServiceError::usage(format!(
            "Cannot write {} files; use a file name ending in .csv, .xlsx, .json or .parquet",
            if other.is_empty() { "files without an extension".to_string() } else { format!(".{other}") }
        ))),
    }
}

/// Writes bytes to `path` atomically (a chart picture the window drew, a report file).
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), ServiceError> {
    Ok(lens_engine::fsio::write_atomic(path, &path.display().to_string(), |w| {
        std::io::Write::write_all(w, bytes).map_err(|e| {
            lens_engine::EngineError::file(
                format!("Could not write {}", path.display()),
                lens_engine::fsio::plain_io(&e),
            )
        })
    })?)
}
