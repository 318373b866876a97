//! Writing an answer where a person asked for it: a table in the format the file's extension
//! names, or (`.png`, `.svg`) a chart of it, titled and labelled in words.

use std::path::Path;

use lens_engine::Question;
use lens_engine::export::chart_image::{ChartKind, ChartStyle, write_chart};
use polars::prelude::DataFrame;

use crate::error::ServiceError;
use crate::export::{TABLE_FORMATS, extension, write_table};
use crate::labels;

/// `line`, `bar` or `stacked` (the default).
pub fn chart_kind(s: Option<&str>) -> Result<ChartKind, ServiceError> {
    Ok(match s.map(str::to_ascii_lowercase).as_deref() {
        None | Some("stacked") | Some("stacked-bar") => ChartKind::StackedBar,
        Some("bar") => ChartKind::Bar,
        Some("line") => ChartKind::Line,
        Some(other) => {
            return Err(ServiceError::usage(format!("--chart must be line, bar or stacked, not \"{other}\"")));
        }
    })
}

/// Checks an output file before any work is done: a format we write, in a folder that exists
/// (or can be made). `grouped` says whether a chart can be drawn.
pub fn check_out(path: &Path, grouped: bool) -> Result<(), ServiceError> {
    let ext = extension(path);
    let chart = matches!(ext.as_str(), "png" | "svg");
    if !TABLE_FORMATS.contains(&ext.as_str()) && !chart {
        let what = if ext.is_empty() { "files without an extension".to_string() } else { format!(".{ext} files") };
        return Err(ServiceError::usage(format!(
            "Cannot write {what}; use a file name ending in .csv, .xlsx, .json or .parquet, or .png or .svg for a chart"
        )));
    }
    if chart && !grouped {
        return Err(ServiceError::usage("A chart needs a grouping over time: give --by (and --date)"));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && dir.exists()
        && !dir.is_dir()
    {
        return Err(ServiceError::usage(format!("{} is a file, not a folder", dir.display())));
    }
    // A folder that exists but takes no new files (read-only, someone else's, or a system
    // folder such as /proc) is found now, before a long download, and named as such.
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if dir.is_dir() {
        let probe = dir.join(format!(".partner-lens-probe-{}", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
            Ok(_) => {
                let _ = std::fs::remove_file(&probe);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                let why = match e.kind() {
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                    std::io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
                    std::io::ErrorKind::NotFound => "this folder does not take new files".to_string(),
                    _ => lens_engine::fsio::plain_io(&e),
                };
                return Err(ServiceError::new(
                    crate::ErrorCode::File,
                    format!("Could not write {}: {why}; choose another folder", path.display()),
                    None,
                ));
            }
        }
    }
    Ok(())
}

/// Writes `df` (an answer to `question`, or raw rows when there is none) to `path`. `rows` is
/// what a count counts, in words ("Subscriptions"). Returns how many rows (or chart periods)
/// were written.
pub fn write_answer(
    df: &DataFrame,
    question: Option<&Question>,
    chart: Option<&str>,
    path: &Path,
    rows: &str,
    json_columns: &[String],
) -> Result<usize, ServiceError> {
    match extension(path).as_str() {
        "png" | "svg" => {
            let q = question.ok_or_else(|| ServiceError::usage("A chart needs a grouping: give --by and --date"))?;
            let axis = q
                .date
                .as_ref()
                .ok_or_else(|| ServiceError::usage("A chart needs a time axis: give --by and --date"))?;
            let agg = lens_engine::to_aggregate(df)?;
            let metric = q.metrics_or_count()[0].clone();
            let data = lens_engine::pivot(
                &agg,
                &axis.field,
                axis.period,
                &q.group_by,
                &metric.column_name(),
                metric.additive(),
            );
            let y_label = labels::metric_label(&metric, rows);
            let period = axis.period.name();
            let by = q.group_by.iter().map(|g| labels::field_label(g).to_lowercase()).collect::<Vec<_>>().join(" and ");
            let style = ChartStyle {
                kind: chart_kind(chart)?,
                title: if by.is_empty() {
                    format!("{y_label} per {period}")
                } else {
                    format!("{y_label} by {by}, per {period}")
                },
                y_label,
                x_label: format!(
                    "{}{} of {}",
                    period[..1].to_uppercase(),
                    &period[1..],
                    labels::field_label(&axis.field).to_lowercase()
                ),
                ..ChartStyle::default()
            };
            write_chart(&data, &style, path)?;
            Ok(data.x.len())
        }
        _ => {
            write_table(df, path, rows, json_columns)?;
            Ok(df.height())
        }
    }
}
