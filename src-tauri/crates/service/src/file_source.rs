//! A downloaded report file as a source for Explore: read with the same reader as
//! `partner-lens aggregate` (byte-order mark and gzip handled, dates recognised), its dates as
//! UTC instants like the Analytics tables, and described to the window as a data set is: fields
//! in words, what can split an answer, the metrics, a first question.

use std::path::Path;

use lens_engine::{DateAxis, Metric, Period};
use lens_model::dataset::{DatasetId, FieldType};
use polars::prelude::*;

use crate::describe::{DatasetInfo, FieldInfo, FilterStyle, MetricOption};
use crate::downloads::store::ReportFile;
use crate::error::ServiceError;
use crate::explore::View;
use crate::labels::metric_label;
use crate::reports::catalogue::words;

/// The field type a column of a file stands for.
pub fn field_type(t: &DataType) -> FieldType {
    match t {
        DataType::Boolean => FieldType::Bool,
        DataType::Float32 | DataType::Float64 => FieldType::Float,
        t if t.is_integer() => FieldType::Int,
        DataType::Date | DataType::Datetime(_, _) => FieldType::DateTime,
        _ => FieldType::Str,
    }
}

/// Reads the file, its day columns as instants (midnight UTC).
pub fn read(path: &Path) -> Result<DataFrame, ServiceError> {
    let df = lens_engine::read::guarded(|| Ok(lens_engine::read::scan(path)?.collect()?))
        .map_err(|e| lens_engine::read::explain(path, e))?;
    let casts: Vec<Expr> = df
        .schema()
        .iter()
        .filter(|(_, t)| matches!(t, DataType::Date))
        .map(|(n, _)| col(n.clone()).cast(DataType::Datetime(TimeUnit::Microseconds, None)))
        .collect();
    if casts.is_empty() {
        return Ok(df);
    }
    Ok(df.lazy().with_columns(casts).collect()?)
}

/// The file described as a data set; `dataset` is only a placeholder the view carries.
pub fn info(f: &ReportFile, df: &DataFrame, dataset: DatasetId) -> DatasetInfo {
    let schema = df.schema();
    let fields: Vec<FieldInfo> = schema
        .iter()
        .map(|(n, t)| {
            let kind = field_type(t);
            let hidden = f.hidden_columns.iter().any(|h| h == n.as_str());
            FieldInfo {
                name: n.to_string(),
                label: if hidden { format!("{} (hidden)", words(n)) } else { words(n) },
                kind,
                // A column the service blanked splits nothing and adds up to nothing.
                groupable: !hidden && (kind == FieldType::Str || kind == FieldType::Bool),
                filter: match kind {
                    FieldType::DateTime => FilterStyle::Dates,
                    FieldType::Bool => FilterStyle::Flag,
                    _ => FilterStyle::Values,
                },
                service_filters: false,
                numeric: !hidden && matches!(kind, FieldType::Int | FieldType::Float),
                hidden,
            }
        })
        .collect();
    let date = fields.iter().find(|f| f.kind == FieldType::DateTime).map(|f| f.name.clone());
    // The split a person most likely wants: the text column with the fewest values (but two).
    let term = fields
        .iter()
        .filter(|f| f.groupable)
        .filter_map(|f| df.column(&f.name).ok().and_then(|c| c.n_unique().ok()).map(|n| (n, f.name.clone())))
        .filter(|(n, _)| *n >= 2)
        .min()
        .map(|(_, n)| n)
        .or_else(|| fields.iter().find(|f| f.groupable).map(|f| f.name.clone()));
    let numbers: Vec<&FieldInfo> = fields.iter().filter(|f| f.numeric).collect();
    let mut defaults = vec![Metric::Count];
    if let Some(last) = numbers.last() {
        defaults.insert(0, Metric::Sum(last.name.clone()));
    }
    let mut metrics = vec![Metric::Count];
    for n in &numbers {
        metrics.extend([
            Metric::Sum(n.name.clone()),
            Metric::Mean(n.name.clone()),
            Metric::Min(n.name.clone()),
            Metric::Max(n.name.clone()),
        ]);
    }
    for g in fields.iter().filter(|f| f.groupable) {
        metrics.push(Metric::DistinctCount(g.name.clone()));
    }
    let mut view = View::of(dataset);
    view.file = Some(f.id.clone());
    view.filters.clear();
    view.group_by = term.iter().cloned().collect();
    view.date = date.clone().map(|field| DateAxis { field, period: Period::Month });
    view.metrics = defaults.clone();
    view.fill_gaps = true;
    DatasetInfo {
        id: dataset,
        title: f.report_name.clone(),
        rows_noun: "Rows".into(),
        default_date: date.unwrap_or_default(),
        default_term: term.unwrap_or_default(),
        default_metrics: defaults,
        default_view: view,
        metrics: metrics.into_iter().map(|m| MetricOption { label: metric_label(&m, "Rows"), metric: m }).collect(),
        fields,
    }
}
