//! Writing a table to the file a person named, in the format its extension says.

use std::path::Path;

use lens_service::ServiceError;
use polars::prelude::DataFrame;

/// `json_columns` name text columns holding unknown nested fields (written nested in JSON and
/// Parquet).
pub fn write(df: &DataFrame, path: &Path, sheet: &str, json_columns: &[String]) -> Result<(), ServiceError> {
    lens_service::export::write_table(df, path, sheet, json_columns)
}
