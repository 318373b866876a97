//! What Home tells a busy person: a headline figure per data set against the previous complete
//! period, the biggest movers between the two, the subscriptions coming up for renewal, and what
//! changed between two copies of the data. Pure functions over tables, deterministic, so the
//! same data always gives the same words.

pub mod changes;
pub mod headline;
pub mod movers;
pub mod renewals;

use polars::prelude::*;

use crate::error::EngineError;

/// A half-open span of time `[start, end)` in microseconds since 1970.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: i64,
    pub end: i64,
}

/// `col` as microseconds, whatever the table's date type.
pub(crate) fn micros(c: &str) -> Expr {
    col(c).cast(DataType::Datetime(TimeUnit::Microseconds, None)).cast(DataType::Int64)
}

/// A number column of a small result, as f64 (nulls as zero).
pub(crate) fn f64s(df: &DataFrame, name: &str) -> Result<Vec<f64>, EngineError> {
    let s = df.column(name)?.as_materialized_series().cast(&DataType::Float64)?;
    Ok(s.f64()?.iter().map(|v| v.unwrap_or(0.0)).collect())
}

/// A text column of a small result.
pub(crate) fn texts(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>, EngineError> {
    let s = df.column(name)?.as_materialized_series().cast(&DataType::String)?;
    Ok(s.str()?.iter().map(|v| v.map(str::to_string)).collect())
}
