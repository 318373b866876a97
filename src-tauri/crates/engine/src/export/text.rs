//! Dates as text for formats without a date type (CSV, JSON): ISO 8601 in UTC with the fraction
//! kept at the precision held (`2016-02-04T19:29:38.037Z`), or the date alone when every value
//! of the column is a midnight. Formatted by our own writer, which takes any timestamp a
//! damaged file can hold without panicking.

use lens_model::dates::{self, DateStyle, MICROS_PER_DAY};
use polars::prelude::*;

use crate::error::EngineError;

fn is_date(dt: &DataType) -> bool {
    matches!(dt, DataType::Datetime(_, _) | DataType::Date)
}

/// One date column as text.
pub fn date_column_as_text(c: &Column) -> Result<Column, EngineError> {
    // Physical values in the column's own unit, converted by hand: polars' casts between units
    // refuse (or overflow on) timestamps outside the calendar its formatter knows.
    let to_micros: Box<dyn Fn(i64) -> i64> = match c.dtype() {
        DataType::Date => Box::new(|d| d.saturating_mul(MICROS_PER_DAY)),
        DataType::Datetime(TimeUnit::Milliseconds, _) => Box::new(|v| v.saturating_mul(1000)),
        DataType::Datetime(TimeUnit::Nanoseconds, _) => Box::new(|v| v.div_euclid(1000)),
        _ => Box::new(|v| v),
    };
    let physical = c.as_materialized_series().to_physical_repr().cast(&DataType::Int64)?;
    let ints = physical.i64()?;
    let whole_days = ints.iter().flatten().all(|t| to_micros(t).rem_euclid(MICROS_PER_DAY) == 0);
    let style = if whole_days { DateStyle::DateOnly } else { DateStyle::Iso };
    let mut out = StringChunkedBuilder::new(c.name().clone(), ints.len());
    let mut buf = String::with_capacity(32);
    for v in ints.iter() {
        match v {
            Some(t) => {
                buf.clear();
                dates::write(&mut buf, to_micros(t), style);
                out.append_value(&buf);
            }
            None => out.append_null(),
        }
    }
    Ok(out.finish().into_series().into_column())
}

/// The table with every date column as text.
pub fn dates_as_text(df: &DataFrame) -> Result<DataFrame, EngineError> {
    if !df.columns().iter().any(|c| is_date(c.dtype())) {
        return Ok(df.clone());
    }
    let cols = df
        .columns()
        .iter()
        .map(|c| if is_date(c.dtype()) { date_column_as_text(c) } else { Ok(c.clone()) })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(DataFrame::new(df.height(), cols)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn datetimes(name: &str, v: &[Option<i64>], unit: TimeUnit) -> Column {
        Series::new(name.into(), v).cast(&DataType::Datetime(unit, None)).unwrap().into_column()
    }

    #[test]
    fn fractions_are_kept_and_midnights_are_dates() {
        let t = lens_model::dates::ymd(2016, 2, 4) + (19 * 3600 + 29 * 60 + 38) * 1_000_000;
        let df = DataFrame::new(
            3,
            vec![
                datetimes("a", &[Some(t + 37_000), Some(t + 94_256), None], TimeUnit::Microseconds),
                datetimes("b", &[Some(t - t % MICROS_PER_DAY), None, None], TimeUnit::Microseconds),
                datetimes("c", &[Some((t + 1) * 1000 + 7), None, None], TimeUnit::Nanoseconds),
            ],
        )
        .unwrap();
        let out = dates_as_text(&df).unwrap();
        let a: Vec<Option<&str>> = out.column("a").unwrap().str().unwrap().iter().collect();
        assert_eq!(a, vec![Some("2016-02-04T19:29:38.037Z"), Some("2016-02-04T19:29:38.094256Z"), None]);
        assert_eq!(out.column("b").unwrap().str().unwrap().get(0), Some("2016-02-04"));
        assert_eq!(out.column("c").unwrap().str().unwrap().get(0), Some("2016-02-04T19:29:38.000001Z"));
    }

    #[test]
    fn a_timestamp_out_of_any_calendar_is_written_not_a_panic() {
        let df = DataFrame::new(1, vec![datetimes("x", &[Some(i64::MAX / 4)], TimeUnit::Microseconds)]).unwrap();
        let out = dates_as_text(&df).unwrap();
        assert!(out.column("x").unwrap().str().unwrap().get(0).unwrap().starts_with('+'));
    }
}
