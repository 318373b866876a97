//! Answering a question about a fetched table: the grouped result for a table view and, when
//! the question has a time axis, the same numbers pivoted for a chart.

use lens_engine::{Aggregate, Chart, Question};
use polars::prelude::IntoLazy;
use serde::Serialize;

use crate::error::ServiceError;
use crate::fetch::Table;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    pub table: Aggregate,
    pub chart: Option<Chart>,
}

/// CPU work: call from a blocking thread.
pub fn ask(table: &Table, q: &Question) -> Result<Answer, ServiceError> {
    let df = lens_engine::answer(table.df.clone().lazy(), q)?;
    let agg = lens_engine::to_aggregate(&df)?;
    let chart = q.date.as_ref().map(|axis| {
        let metric = q.metrics_or_count()[0].clone();
        lens_engine::pivot(&agg, &axis.field, axis.period, &q.group_by, &metric.column_name(), metric.additive())
    });
    Ok(Answer { table: agg, chart })
}
