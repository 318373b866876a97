//! Exporting what Explore shows, no more, no less: the answer's table or the rows table, with
//! the columns shown, in the order shown, named as shown, sorted and searched as on screen.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lens_engine::question::Sort;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use super::rows::{RowsQuery, matching_rows};
use super::view::View;
use crate::error::ServiceError;
use crate::labels;
use crate::workspace::Workspace;

/// How a table is laid out on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TableLayout {
    /// The columns shown, in order (empty: all).
    #[serde(default)]
    pub columns: Vec<String>,
    #[serde(default)]
    pub sort: Option<Sort>,
    #[serde(default)]
    pub search: Option<String>,
    /// List the periods with nothing in them too. The chart draws them (a gap would mislead); a
    /// table leaves them out unless asked.
    #[serde(default)]
    pub empty_periods: bool,
}

/// The answer without the periods that hold nothing (every metric empty or 0: the rows that
/// filling the gaps for the chart added).
fn without_empty_periods(df: DataFrame, metrics: &[lens_engine::Metric]) -> Result<DataFrame, ServiceError> {
    let names: Vec<String> =
        metrics.iter().map(|m| m.column_name()).filter(|n| df.get_column_index(n).is_some()).collect();
    let Some(any) = names.iter().map(|n| col(n.as_str()).fill_null(lit(0)).neq(lit(0))).reduce(|a, b| a.or(b)) else {
        return Ok(df);
    };
    Ok(df.lazy().filter(any).collect()?)
}

/// Which table to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ExportSource {
    /// The grouped answer.
    Answer { layout: TableLayout },
    /// The rows behind it (or one group's).
    Rows { query: RowsQuery, columns: Vec<String> },
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub path: String,
    pub rows: u32,
}

/// `df` with only `columns` (in that order; all when empty), named in words.
fn as_shown(df: DataFrame, columns: &[String], label: impl Fn(&str) -> String) -> Result<DataFrame, ServiceError> {
    let names: Vec<String> = if columns.is_empty() {
        df.get_column_names().iter().map(|n| n.to_string()).collect()
    } else {
        columns.to_vec()
    };
    let mut out = Vec::with_capacity(names.len());
    let mut taken: Vec<String> = Vec::new();
    for n in &names {
        let (name, _) = lens_engine::filter_expr::resolve(df.schema(), n)?;
        let mut words = label(name.as_str());
        // Two columns with the same words would make a file nobody can read back.
        while taken.contains(&words) {
            words.push('\'');
        }
        taken.push(words.clone());
        out.push(df.column(&name)?.clone().with_name(words.into()));
    }
    Ok(DataFrame::new(df.height(), out)?)
}

impl Workspace {
    /// Writes what Explore shows to `path` (CSV or Excel by its extension).
    pub async fn export_view(
        &self,
        account_id: &str,
        view: &View,
        source: &ExportSource,
        today: NaiveDate,
        path: &Path,
    ) -> Result<Exported, ServiceError> {
        let rows_noun = super::answer::noun(view);
        let df = match source {
            ExportSource::Answer { layout } => {
                let f = self.compile_view(view, &view.all_filters(), today).await?;
                let answer_rows = self.answer_frame(account_id, view, &f).await?;
                let q = view.question(None);
                let metrics = q.metrics.clone();
                let layout = layout.clone();
                let period = q.date.as_ref().map(|d| d.field.clone());
                tokio::task::spawn_blocking(move || -> Result<DataFrame, ServiceError> {
                    let answer_rows = match &period {
                        Some(_) if !layout.empty_periods => without_empty_periods(answer_rows, &metrics)?,
                        _ => answer_rows,
                    };
                    // As on screen: newest period first unless the person sorted otherwise.
                    let sort = layout.sort.clone().or_else(|| period.map(|by| Sort { by, descending: true }));
                    let shown = matching_rows(&answer_rows, None, layout.search.as_deref(), sort.as_ref())?;
                    as_shown(shown, &layout.columns, |n| labels::column_label(n, &metrics, rows_noun))
                })
                .await
                .map_err(ServiceError::internal)??
            }
            ExportSource::Rows { query, columns } => {
                let rows = self.matching_rows(account_id, view, query, today).await?;
                let columns = columns.clone();
                tokio::task::spawn_blocking(move || as_shown((*rows).clone(), &columns, labels::field_label))
                    .await
                    .map_err(ServiceError::internal)??
            }
        };
        let title = match &view.file {
            Some(id) => self.store().report_file(id)?.map(|f| f.report_name).unwrap_or_else(|| "Report".into()),
            None => view.dataset.title().to_string(),
        };
        let out = PathBuf::from(path);
        let n = df.height() as u32;
        tokio::task::spawn_blocking(move || crate::export::write_table(&df, &out, &title, &[]))
            .await
            .map_err(ServiceError::internal)??;
        Ok(Exported { path: path.display().to_string(), rows: n })
    }

    /// The answer as a table (typed columns, for files).
    async fn answer_frame(
        &self,
        account_id: &str,
        view: &View,
        f: &super::CompiledFilters,
    ) -> Result<DataFrame, ServiceError> {
        let table = self.view_table(account_id, view, f).await?;
        let q = view.question(super::answer::local_filter(&table, f));
        tokio::task::spawn_blocking(move || Ok(lens_engine::answer(table.df.clone().lazy(), &q)?))
            .await
            .map_err(ServiceError::internal)?
    }
}
