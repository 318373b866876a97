//! The rows behind an answer, a page at a time, for a table that scrolls through a hundred
//! thousand of them: the view's filters, the group clicked ("See the rows"), a search over the
//! text columns, a sort. The filtered and sorted table is computed once and then sliced.

use chrono::NaiveDate;
use lens_engine::question::Sort;
use lens_engine::{Aggregate, Period};
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use super::answer::{ColumnInfo, ColumnRole};
use super::filters::{DateRange, FilterChip};
use super::view::View;
use crate::error::ServiceError;
use crate::labels;

/// One value of a group, as the answer's table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct GroupKey {
    pub field: String,
    /// The value (a period's start as `YYYY-MM-DD` for the date field); `None` is empty.
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Hash, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RowsQuery {
    /// The group whose rows to show (empty: every row that passes the filters).
    #[serde(default)]
    pub group: Vec<GroupKey>,
    /// Text to look for in any text column (case ignored).
    #[serde(default)]
    pub search: Option<String>,
    #[serde(default)]
    pub sort: Option<Sort>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RowsPage {
    pub columns: Vec<ColumnInfo>,
    pub page: Aggregate,
    pub offset: u32,
    /// Rows in all pages.
    pub total: u32,
}

/// The last day of the period starting on `start`.
pub fn period_end(start: NaiveDate, period: Period) -> NaiveDate {
    use chrono::{Datelike, Duration, Months};
    match period {
        Period::Day => start,
        Period::Week => start + Duration::days(6),
        Period::Month => start.checked_add_months(Months::new(1)).unwrap_or(start) - Duration::days(1),
        Period::Quarter => start.checked_add_months(Months::new(3)).unwrap_or(start) - Duration::days(1),
        Period::Year => NaiveDate::from_ymd_opt(start.year(), 12, 31).unwrap_or(start),
    }
}

/// The filter chips that select one group of `view`'s answer.
pub fn group_chips(view: &View, group: &[GroupKey]) -> Result<Vec<FilterChip>, ServiceError> {
    let mut chips = Vec::new();
    for key in group {
        match &view.date {
            Some(axis) if axis.field.eq_ignore_ascii_case(&key.field) => {
                let Some(v) = &key.value else {
                    chips.push(FilterChip::Values { field: axis.field.clone(), values: vec![None], exclude: false });
                    continue;
                };
                let start = NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d")
                    .map_err(|_| ServiceError::usage(format!("\"{v}\" is not the start of a period")))?;
                let end = period_end(start, axis.period);
                chips.push(FilterChip::Dates {
                    field: axis.field.clone(),
                    range: DateRange::Between { from: start.to_string(), to: end.to_string() },
                });
            }
            // "Other" stands for every value outside the top N: no single filter selects it.
            _ if view.top.is_some()
                && view.group_by.first().is_some_and(|g| g.eq_ignore_ascii_case(&key.field))
                && key.value.as_deref() == Some(lens_engine::aggregate::OTHER) => {}
            _ => chips.push(FilterChip::Values {
                field: key.field.clone(),
                values: vec![key.value.clone()],
                exclude: false,
            }),
        }
    }
    Ok(chips)
}

fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The rows that pass `filter` (filter text) and the search, sorted. CPU work.
pub fn matching_rows(
    df: &DataFrame,
    filter: Option<&str>,
    search: Option<&str>,
    sort: Option<&Sort>,
) -> Result<DataFrame, ServiceError> {
    let q = lens_engine::Question { filter: filter.map(str::to_string), ..Default::default() };
    let mut lf = lens_engine::aggregate::filtered(df.clone().lazy(), &q)?;
    if let Some(text) = search.map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = format!("(?i){}", regex_escape(text));
        let hits = df
            .schema()
            .iter()
            .filter(|(_, dt)| **dt == DataType::String)
            .map(|(name, _)| col(name.clone()).str().contains(lit(pattern.clone()), false).fill_null(lit(false)))
            .reduce(|a, b| a.or(b));
        lf = lf.filter(hits.unwrap_or(lit(false)));
    }
    if let Some(s) = sort {
        let (name, _) = lens_engine::filter_expr::resolve(df.schema(), &s.by)?;
        lf = lf.sort(
            [name],
            SortMultipleOptions::default()
                .with_order_descending(s.descending)
                .with_nulls_last(true)
                .with_maintain_order(true),
        );
    }
    Ok(lf.collect()?)
}

/// Column descriptions of a rows table.
pub fn row_columns(df: &DataFrame) -> Result<Vec<ColumnInfo>, ServiceError> {
    let empty = lens_engine::to_aggregate(&df.head(Some(0)))?;
    Ok(empty
        .columns
        .iter()
        .map(|c| ColumnInfo {
            name: c.name.clone(),
            label: labels::field_label(&c.name),
            kind: c.kind,
            role: ColumnRole::Field,
        })
        .collect())
}

/// One page of `rows`.
pub fn page(rows: &DataFrame, offset: u32, limit: u32) -> Result<RowsPage, ServiceError> {
    let limit = limit.clamp(1, 5_000);
    let slice = rows.slice(offset as i64, limit as usize);
    Ok(RowsPage {
        columns: row_columns(rows)?,
        page: lens_engine::to_aggregate(&slice)?,
        offset,
        total: rows.height() as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_end_where_the_next_begins() {
        assert_eq!(period_end(d("2024-02-01"), Period::Month), d("2024-02-29"));
        assert_eq!(period_end(d("2024-12-30"), Period::Week), d("2025-01-05"));
        assert_eq!(period_end(d("2024-10-01"), Period::Quarter), d("2024-12-31"));
        assert_eq!(period_end(d("2024-01-01"), Period::Year), d("2024-12-31"));
        assert_eq!(regex_escape("a.b (c)"), "a\\.b \\(c\\)");
    }
}
