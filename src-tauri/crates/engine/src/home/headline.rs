//! A data set's headline figure for a period and the one before: rows alive at the end of each
//! (subscriptions in use, resellers signed up) or rows within each (usage, searches, referrals).

use polars::prelude::*;

use super::{Span, f64s, micros};
use crate::error::EngineError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Headline {
    /// Rows that started by the end of the period and had not ended by then.
    Stock { start: String, end: Option<String> },
    /// Rows whose date falls in the period: counted, or `sum` summed.
    Flow { date: String, sum: Option<String> },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub current: f64,
    pub previous: f64,
}

fn value(lf: LazyFrame, h: &Headline, span: Span) -> Result<f64, EngineError> {
    let (keep, measure) = match h {
        Headline::Stock { start, end } => {
            let started = micros(start).lt(lit(span.end));
            let alive = match end {
                Some(e) => started.and(micros(e).is_null().or(micros(e).gt_eq(lit(span.end)))),
                None => started,
            };
            (alive, len().cast(DataType::Float64))
        }
        Headline::Flow { date, sum } => {
            let within = micros(date).gt_eq(lit(span.start)).and(micros(date).lt(lit(span.end)));
            let m = match sum {
                Some(f) => col(f.as_str()).cast(DataType::Float64).sum(),
                None => len().cast(DataType::Float64),
            };
            (within, m)
        }
    };
    let df = lf.filter(keep.fill_null(lit(false))).select([measure.alias("v")]).collect()?;
    Ok(f64s(&df, "v")?.first().copied().unwrap_or(0.0))
}

/// The figure for `current` and for `previous`.
pub fn figure(df: &DataFrame, h: &Headline, current: Span, previous: Span) -> Result<Figure, EngineError> {
    Ok(Figure { current: value(df.clone().lazy(), h, current)?, previous: value(df.clone().lazy(), h, previous)? })
}
