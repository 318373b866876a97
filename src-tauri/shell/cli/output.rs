//! Writing a table to the file a person named, in the format its extension says.

use std::path::Path;

use lens_service::ServiceError;
use polars::prelude::DataFrame;

pub fn write(df: &DataFrame, path: &Path) -> Result<(), ServiceError> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "csv" => Ok(lens_engine::export::csv::write_csv(df, path)?),
        "json" => Ok(lens_engine::export::files::write_json(df, path)?),
        "parquet" => Ok(lens_engine::export::files::write_parquet(df, path)?),
        other => Err(ServiceError::new(
            "usage",
            format!(
                "Cannot write \"{}\" files; use an --out file ending in .csv, .json or .parquet",
                if other.is_empty() { "(no extension)" } else { other }
            ),
            None,
        )),
    }
}
