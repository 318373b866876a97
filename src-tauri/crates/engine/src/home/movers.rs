//! The groups that moved most between two periods: for each value of a dimension (a market, a
//! meter, a product), the measure in each period, and the value of a driver field (the customer)
//! that moved it most.

use std::collections::BTreeMap;

use polars::prelude::*;

use super::{Span, f64s, micros, texts};
use crate::error::EngineError;

#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    pub value: Option<String>,
    pub previous: f64,
    pub current: f64,
    /// The driver value that moved the group most, with its share of the group's change.
    pub driver: Option<(String, f64)>,
}

/// The measure (a count, or `sum` summed) of every value of `dimension` in `previous` and
/// `current`, rows dated by `date`; with `driver`, who moved each most.
pub fn moves(
    df: &DataFrame,
    date: &str,
    sum: Option<&str>,
    dimension: &str,
    driver: Option<&str>,
    previous: Span,
    current: Span,
) -> Result<Vec<Move>, EngineError> {
    let t = micros(date);
    let within = t.clone().gt_eq(lit(previous.start)).and(t.clone().lt(lit(current.end))).fill_null(lit(false));
    let measure = match sum {
        Some(f) => col(f).cast(DataType::Float64).sum(),
        None => len().cast(DataType::Float64),
    };
    let mut keys =
        vec![col(dimension).cast(DataType::String).alias("__dim"), t.gt_eq(lit(current.start)).alias("__cur")];
    if let Some(d) = driver {
        keys.push(col(d).cast(DataType::String).alias("__drv"));
    }
    let grouped = df.clone().lazy().filter(within).group_by(keys).agg([measure.alias("__m")]).collect()?;
    let dims = texts(&grouped, "__dim")?;
    let cur: Vec<bool> = grouped.column("__cur")?.bool()?.iter().map(|v| v.unwrap_or(false)).collect();
    let m = f64s(&grouped, "__m")?;
    let drivers = if driver.is_some() { texts(&grouped, "__drv")? } else { vec![None; dims.len()] };
    // value → (previous, current, driver → change)
    let mut by: BTreeMap<Option<String>, (f64, f64, BTreeMap<String, f64>)> = BTreeMap::new();
    for i in 0..dims.len() {
        let e = by.entry(dims[i].clone()).or_default();
        if cur[i] {
            e.1 += m[i];
        } else {
            e.0 += m[i];
        }
        if let Some(d) = &drivers[i] {
            *e.2.entry(d.clone()).or_default() += if cur[i] { m[i] } else { -m[i] };
        }
    }
    Ok(by
        .into_iter()
        .map(|(value, (previous, current, changes))| {
            let change = current - previous;
            // The driver whose change points the group's way and is largest; ties by name.
            let driver = changes
                .into_iter()
                .filter(|(_, c)| c.signum() == change.signum() && *c != 0.0)
                .max_by(|a, b| {
                    a.1.abs().partial_cmp(&b.1.abs()).unwrap_or(std::cmp::Ordering::Equal).then(b.0.cmp(&a.0))
                })
                .map(|(name, c)| (name, if change != 0.0 { c / change } else { 0.0 }));
            Move { value, previous, current, driver }
        })
        .collect())
}
