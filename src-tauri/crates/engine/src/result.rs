//! A small answer in a shape the UI and exports can use without polars: named, typed columns.

use lens_model::dates::{self, DateStyle, MICROS_PER_DAY};
use polars::prelude::*;
use serde::Serialize;

use crate::error::EngineError;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum Cell {
    Null,
    Bool(bool),
    Num(f64),
    Text(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ColumnKind {
    Text,
    Number,
    Date,
    Bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AggColumn {
    pub name: String,
    pub kind: ColumnKind,
    pub values: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Aggregate {
    pub columns: Vec<AggColumn>,
    pub rows: u32,
}

impl Aggregate {
    pub fn column(&self, name: &str) -> Option<&AggColumn> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// Converts a (small) DataFrame. Dates at midnight are written as dates alone.
pub fn to_aggregate(df: &DataFrame) -> Result<Aggregate, EngineError> {
    let mut columns = Vec::with_capacity(df.width());
    for c in df.columns() {
        let s = c.as_materialized_series();
        let (kind, values) = match s.dtype() {
            DataType::String => (
                ColumnKind::Text,
                s.str()?.iter().map(|v| v.map_or(Cell::Null, |t| Cell::Text(t.to_string()))).collect(),
            ),
            DataType::Boolean => {
                (ColumnKind::Bool, s.bool()?.iter().map(|v| v.map_or(Cell::Null, Cell::Bool)).collect())
            }
            DataType::Datetime(_, _) | DataType::Date => {
                let micros = s.cast(&DataType::Datetime(TimeUnit::Microseconds, None))?.cast(&DataType::Int64)?;
                let ints = micros.i64()?;
                let whole_days = ints.iter().flatten().all(|t| t.rem_euclid(MICROS_PER_DAY) == 0);
                let style = if whole_days { DateStyle::DateOnly } else { DateStyle::Seconds };
                (
                    ColumnKind::Date,
                    ints.iter().map(|v| v.map_or(Cell::Null, |t| Cell::Text(dates::format(t, style)))).collect(),
                )
            }
            dt if dt.is_primitive_numeric() => {
                let f = s.cast(&DataType::Float64)?;
                (ColumnKind::Number, f.f64()?.iter().map(|v| v.map_or(Cell::Null, Cell::Num)).collect())
            }
            _ => {
                let t = s.cast(&DataType::String)?;
                (
                    ColumnKind::Text,
                    t.str()?.iter().map(|v| v.map_or(Cell::Null, |t| Cell::Text(t.to_string()))).collect(),
                )
            }
        };
        columns.push(AggColumn { name: c.name().to_string(), kind, values });
    }
    Ok(Aggregate { columns, rows: df.height() as u32 })
}
