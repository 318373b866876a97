//! The answer Explore shows: the grouped table with every column named in words and its role,
//! the chart data (over time, or by category), how many rows are behind it, and where it came
//! from (the filter the service applied, the part applied here).

use lens_engine::result::ColumnKind;
use lens_engine::{Aggregate, Chart, Metric};
use polars::prelude::*;
use serde::Serialize;

use super::filters::CompiledFilters;
use super::view::{ChartKind, View};
use crate::error::ServiceError;
use crate::fetch::Table;
use crate::labels;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ColumnRole {
    /// The start of a period of the date field.
    Period,
    /// A value of a field the answer is split by.
    Group,
    Metric,
    /// A metric's change against the previous period.
    Change,
    /// That change in percent.
    ChangePct,
    /// A field of a row (the rows table).
    Field,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ColumnInfo {
    pub name: String,
    pub label: String,
    pub kind: ColumnKind,
    pub role: ColumnRole,
}

/// Where the answer came from, for the "Details" part.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AnswerSource {
    /// Rows of the table the answer was computed from.
    pub table_rows: u32,
    /// Seconds since 1970.
    pub fetched_at: i64,
    /// The filter the service applied when the rows were fetched.
    pub service_filter: Option<String>,
    /// The filter applied here, to the fetched rows.
    pub local_filter: Option<String>,
    /// One sentence saying how the answer was made.
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ExploreAnswer {
    pub table: Aggregate,
    pub columns: Vec<ColumnInfo>,
    pub chart: Option<Chart>,
    pub chart_kind: ChartKind,
    /// What the chart's values are, in words ("Licences").
    pub chart_metric: String,
    /// Rows that pass the filters.
    pub rows_matched: u32,
    pub source: AnswerSource,
}

/// The filter text to apply to `table`: everything when the table was fetched without the
/// service's part of the filter, only the rest when it was fetched with it.
pub fn local_filter(table: &Table, f: &CompiledFilters) -> Option<String> {
    if table.filter.is_some() && table.filter == f.server { f.local.clone() } else { f.text.clone() }
}

/// What a row of the view's table is called ("Subscriptions"; "Rows" for a file).
pub fn noun(view: &View) -> &'static str {
    if view.file.is_some() { "Rows" } else { labels::rows_noun(view.dataset) }
}

pub fn column_infos(agg: &Aggregate, view: &View, metrics: &[Metric]) -> Vec<ColumnInfo> {
    let rows = noun(view);
    agg.columns
        .iter()
        .map(|c| {
            let role = if view.date.as_ref().is_some_and(|d| d.field.eq_ignore_ascii_case(&c.name)) {
                ColumnRole::Period
            } else if view.group_by.iter().any(|g| g.eq_ignore_ascii_case(&c.name)) {
                ColumnRole::Group
            } else if c.name.ends_with("_change_pct") {
                ColumnRole::ChangePct
            } else if c.name.ends_with("_change") {
                ColumnRole::Change
            } else {
                ColumnRole::Metric
            };
            ColumnInfo { name: c.name.clone(), label: labels::column_label(&c.name, metrics, rows), kind: c.kind, role }
        })
        .collect()
}

/// Answers `view` from `table`. CPU work: call from a blocking thread.
pub fn answer(table: &Table, view: &View, filters: &CompiledFilters) -> Result<ExploreAnswer, ServiceError> {
    let filter = local_filter(table, filters);
    let q = view.question(filter.clone());
    let lf = table.df.clone().lazy();
    let matched = lens_engine::aggregate::filtered(lf.clone(), &q)?.select([len().alias("n")]).collect()?;
    let rows_matched =
        matched.column("n").ok().and_then(|c| c.get(0).ok()).and_then(|v| v.extract::<u32>()).unwrap_or(0);
    let df = lens_engine::answer(lf, &q)?;
    let table_agg = lens_engine::to_aggregate(&df)?;
    let metrics = q.metrics.clone();
    let chart_kind = view.chart_kind();
    let first = &metrics[0];
    let chart = match (&q.date, chart_kind) {
        (_, ChartKind::Table) => None,
        (Some(axis), _) => Some(lens_engine::pivot(
            &table_agg,
            &axis.field,
            axis.period,
            &q.group_by,
            &first.column_name(),
            first.additive(),
        )),
        (None, _) if !q.group_by.is_empty() => Some(lens_engine::pivot_categories(
            &table_agg,
            &q.group_by[0],
            &q.group_by[1..],
            &first.column_name(),
            first.additive(),
        )),
        _ => None,
    };
    let noun = noun(view);
    let summary = match (&table.filter, &filter) {
        (Some(_), Some(_)) => format!(
            "Partner Center filtered the rows it sent; Partner Lens applied the rest of the filter and grouped {} rows on this computer.",
            thousands(table.df.height())
        ),
        (Some(_), None) => format!(
            "Partner Center applied the filter; Partner Lens grouped the {} rows it sent on this computer.",
            thousands(table.df.height())
        ),
        (None, Some(_)) => {
            format!("Partner Lens filtered and grouped {} rows on this computer.", thousands(table.df.height()))
        }
        (None, None) => format!("Partner Lens grouped {} rows on this computer.", thousands(table.df.height())),
    };
    Ok(ExploreAnswer {
        columns: column_infos(&table_agg, view, &metrics),
        chart,
        chart_kind,
        chart_metric: labels::metric_label(first, noun),
        rows_matched,
        table: table_agg,
        source: AnswerSource {
            table_rows: table.df.height() as u32,
            fetched_at: table.fetched_at,
            service_filter: table.filter.clone(),
            local_filter: filter,
            summary,
        },
    })
}

pub use lens_model::numbers::thousands;
