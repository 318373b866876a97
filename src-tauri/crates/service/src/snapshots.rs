//! A dated copy of each data set, kept at each refresh (the latest of the day), so Home can say
//! what changed since the last visit and Explore can answer "as of" an earlier day. Copies older
//! than the person's setting (90 days by default) are removed.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lens_engine::fsio::write_private;
use lens_model::dataset::DatasetId;
use polars::prelude::*;

use crate::error::ServiceError;
use crate::fetch::Table;

fn dir(cache: &Path, account: &str, dataset: DatasetId) -> PathBuf {
    let safe: String = account.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    cache.join("snapshots").join(safe).join(dataset.slug())
}

/// Keeps `table` as the copy of `day`, and removes copies older than `keep_days`.
pub fn keep(cache: &Path, account: &str, table: &Table, day: NaiveDate, keep_days: u32) -> Result<(), ServiceError> {
    let d = dir(cache, account, table.dataset);
    let path = d.join(format!("{day}.parquet"));
    let mut df = table.df.clone();
    write_private(&path, "the day's copy of the data", |w| {
        ParquetWriter::new(w)
            .with_compression(ParquetCompression::Zstd(None))
            .finish(&mut df)
            .map(|_| ())
            .map_err(|e| lens_engine::EngineError::file("Could not keep the day's copy", e))
    })?;
    let oldest = day - chrono::Duration::days(keep_days.max(1) as i64);
    for (old_day, p) in list(&d) {
        if old_day < oldest {
            let _ = std::fs::remove_file(p);
        }
    }
    Ok(())
}

fn list(d: &Path) -> Vec<(NaiveDate, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(d) else { return Vec::new() };
    let mut out: Vec<(NaiveDate, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let day = NaiveDate::parse_from_str(name.strip_suffix(".parquet")?, "%Y-%m-%d").ok()?;
            Some((day, e.path()))
        })
        .collect();
    out.sort_by_key(|e| std::cmp::Reverse(e.0));
    out
}

/// The days a copy is kept of, newest first.
pub fn days(cache: &Path, account: &str, dataset: DatasetId) -> Vec<NaiveDate> {
    list(&dir(cache, account, dataset)).into_iter().map(|(d, _)| d).collect()
}

/// The latest copy on or before `day`. A damaged copy counts as none (and is removed).
pub fn at(cache: &Path, account: &str, dataset: DatasetId, day: NaiveDate) -> Result<Option<Table>, ServiceError> {
    let Some((found, path)) = list(&dir(cache, account, dataset)).into_iter().find(|(d, _)| *d <= day) else {
        return Ok(None);
    };
    let read = PlRefPath::try_from_path(&path)
        .map_err(|e| e.to_string())
        .and_then(|p| LazyFrame::scan_parquet(p, ScanArgsParquet::default()).map_err(|e| e.to_string()))
        .and_then(|lf| lf.collect().map_err(|e| e.to_string()));
    match read {
        Ok(df) => Ok(Some(Table {
            dataset,
            df,
            fetched_at: found.and_hms_opt(23, 59, 59).map(|t| t.and_utc().timestamp()).unwrap_or(0),
            filter: None,
            total: None,
            bad_rows: Vec::new(),
            json_columns: Vec::new(),
        })),
        Err(e) => {
            tracing::warn!("a kept copy of {dataset} was damaged and is removed: {e}");
            let _ = std::fs::remove_file(&path);
            Ok(None)
        }
    }
}

/// Removes every copy kept for an account.
pub fn forget(cache: &Path, account: &str) {
    let safe: String = account.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let _ = std::fs::remove_dir_all(cache.join("snapshots").join(safe));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(n: i64) -> Table {
        Table {
            dataset: DatasetId::Subscriptions,
            df: df!("id" => (0..n).map(|i| i.to_string()).collect::<Vec<_>>()).unwrap(),
            fetched_at: 0,
            filter: None,
            total: None,
            bad_rows: Vec::new(),
            json_columns: Vec::new(),
        }
    }

    #[test]
    fn one_copy_a_day_the_latest_before_a_day_and_old_ones_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        keep(dir.path(), "eu", &table(3), d("2026-09-01"), 90).unwrap();
        keep(dir.path(), "eu", &table(4), d("2026-11-02"), 90).unwrap();
        keep(dir.path(), "eu", &table(5), d("2026-11-02"), 90).unwrap();
        assert_eq!(days(dir.path(), "eu", DatasetId::Subscriptions), [d("2026-11-02"), d("2026-09-01")]);
        assert_eq!(at(dir.path(), "eu", DatasetId::Subscriptions, d("2026-11-20")).unwrap().unwrap().df.height(), 5);
        assert_eq!(at(dir.path(), "eu", DatasetId::Subscriptions, d("2026-10-01")).unwrap().unwrap().df.height(), 3);
        assert!(at(dir.path(), "eu", DatasetId::Subscriptions, d("2026-08-01")).unwrap().is_none());
        // A copy older than 90 days goes at the next refresh.
        keep(dir.path(), "eu", &table(6), d("2026-12-15"), 90).unwrap();
        assert_eq!(days(dir.path(), "eu", DatasetId::Subscriptions), [d("2026-12-15"), d("2026-11-02")]);
    }
}
