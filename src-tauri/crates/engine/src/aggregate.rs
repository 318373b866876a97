//! Answering a [`Question`]: filter, fold small groups into "Other", group by terms and a date
//! bucket, compute metrics, fill empty periods, compare with the previous period, sort. Each
//! step is a function from a LazyFrame to a LazyFrame; only gap filling looks at the (small)
//! grouped result to know which periods exist.

use lens_model::dates;
use polars::prelude::*;
use polars_core::query_result::QueryResult;

use crate::error::EngineError;
use crate::filter_expr::{parse_to_expr, resolve};
use crate::question::{Metric, Period, Question};

/// Rows whose first grouping field is outside the top N get this value.
pub const OTHER: &str = "Other";

/// A question checked against a table: canonical column names and types.
pub(crate) struct Plan {
    pub groups: Vec<PlSmallStr>,
    pub date: Option<(PlSmallStr, Period)>,
    pub metrics: Vec<Metric>,
}

pub(crate) fn plan(schema: &Schema, q: &Question) -> Result<Plan, EngineError> {
    let mut groups = Vec::new();
    for g in &q.group_by {
        let (name, dt) = resolve(schema, g)?;
        if matches!(dt, DataType::Datetime(_, _) | DataType::Date)
            && q.date.as_ref().is_some_and(|d| d.field.eq_ignore_ascii_case(g))
        {
            continue;
        }
        groups.push(name);
    }
    let date = match &q.date {
        Some(axis) => {
            let (name, dt) = resolve(schema, &axis.field)?;
            if !matches!(dt, DataType::Datetime(_, _) | DataType::Date) {
                return Err(EngineError::BadQuestion(format!(
                    "{name} is not a date, so it cannot be split by {}",
                    axis.period.name()
                )));
            }
            Some((name, axis.period))
        }
        None => None,
    };
    let mut metrics = Vec::new();
    for m in q.metrics_or_count() {
        metrics.push(check_metric(schema, &m)?);
    }
    Ok(Plan { groups, date, metrics })
}

fn check_metric(schema: &Schema, m: &Metric) -> Result<Metric, EngineError> {
    let Some(field) = m.field() else {
        return Ok(Metric::Count);
    };
    let (name, dt) = resolve(schema, field)?;
    let numeric = dt.is_primitive_numeric();
    // A yes/no column sums to the number of yeses (how the service counts clicks).
    let ok = match m {
        Metric::Sum(_) | Metric::Mean(_) => numeric || dt == DataType::Boolean,
        Metric::Min(_) | Metric::Max(_) => numeric || matches!(dt, DataType::Datetime(_, _) | DataType::Date),
        _ => true,
    };
    if !ok {
        return Err(EngineError::BadQuestion(format!("{name} is not a number, so it cannot be summed or averaged")));
    }
    let n = name.to_string();
    Ok(match m {
        Metric::Count => Metric::Count,
        Metric::DistinctCount(_) => Metric::DistinctCount(n),
        Metric::Sum(_) => Metric::Sum(n),
        Metric::Mean(_) => Metric::Mean(n),
        Metric::Min(_) => Metric::Min(n),
        Metric::Max(_) => Metric::Max(n),
    })
}

pub fn metric_expr(m: &Metric) -> Expr {
    let e = match m {
        Metric::Count => len().cast(DataType::Int64),
        Metric::DistinctCount(f) => col(f.as_str()).drop_nulls().n_unique().cast(DataType::Int64),
        Metric::Sum(f) => col(f.as_str()).sum(),
        Metric::Mean(f) => col(f.as_str()).mean(),
        Metric::Min(f) => col(f.as_str()).min(),
        Metric::Max(f) => col(f.as_str()).max(),
    };
    e.alias(m.column_name())
}

/// Keeps the rows the question's filter selects.
pub fn filtered(mut lf: LazyFrame, q: &Question) -> Result<LazyFrame, EngineError> {
    match q.filter_text() {
        Some(text) => {
            let schema = lf.collect_schema()?;
            Ok(lf.filter(parse_to_expr(text, &schema)?))
        }
        None => Ok(lf),
    }
}

/// Replaces values of `field` outside the top `n` (by `by`) with "Other", or drops them.
fn fold_top(lf: LazyFrame, field: &str, n: u32, by: &Metric, other: bool) -> LazyFrame {
    let by_name = by.column_name();
    let top = lf
        .clone()
        .group_by([col(field)])
        .agg([metric_expr(by)])
        .sort_by_exprs(
            [col(by_name.as_str()), col(field)],
            SortMultipleOptions::default().with_order_descending_multi([true, false]).with_nulls_last(true),
        )
        .limit(n as IdxSize)
        .select([col(field), lit(true).alias("__top")]);
    let mut args = JoinArgs::new(if other { JoinType::Left } else { JoinType::Inner });
    args.nulls_equal = true;
    let joined = lf.join(top, [col(field)], [col(field)], args);
    if other {
        joined
            .with_column(
                when(col("__top").is_not_null())
                    .then(col(field).cast(DataType::String))
                    .otherwise(lit(OTHER))
                    .alias(field),
            )
            .drop(by_name_selector("__top"))
    } else {
        joined.drop(by_name_selector("__top"))
    }
}

fn by_name_selector(name: &str) -> Selector {
    Selector::ByName { names: [PlSmallStr::from(name)].into(), strict: false }
}

/// The period of a date as a small integer: days since 1970 for day and week (the Monday),
/// `year * 12 + month - 1`, `year * 4 + quarter - 1`, or the year. Grouping on this is several
/// times cheaper than on `dt().truncate`, whose calendar arithmetic per row costs more than the
/// whole group-by; [`keys_to_dates`] turns the few keys left back into dates.
pub fn period_key(field: &str, period: Period) -> Expr {
    // As a date first: this floors a datetime to its day.
    let days = || col(field).cast(DataType::Date).cast(DataType::Int32);
    let key = match period {
        Period::Day => days(),
        // 1970-01-01 was a Thursday: step back to Monday (the modulo kept non-negative).
        Period::Week => days() - (((days() + lit(3)) % lit(7) + lit(7)) % lit(7)),
        // Months, quarters and years from the day number in one pass of integer arithmetic.
        // polars' `dt().month()` goes through a calendar per value and cost more than the rest
        // of the query; grouping by day first and rolling the days up avoided it, but made
        // thousands of groups where there are hundreds, and polars' streaming group-by keeps
        // every batch whose keys miss its small table of frequent groups until the end (about
        // 300 MiB more on a ten-million-row file).
        Period::Month | Period::Quarter | Period::Year => days().map(
            move |c: Column| {
                let out: Int32Chunked = c.i32()?.apply_values(|d| period_of_day(d, period));
                Ok(out.into_column())
            },
            |_, f| Ok(Field::new(f.name().clone(), DataType::Int32)),
        ),
    };
    key.alias(field)
}

/// [`period_key`] of day `d` (days since 1970), one value at a time (for months, quarters and
/// years, and for the CSV lines grouped by hand in [`crate::csv_groups`]).
pub(crate) fn period_of_day(d: i32, period: Period) -> i32 {
    match period {
        // 1970-01-01 was a Thursday: step back to Monday.
        Period::Week => d - (d + 3).rem_euclid(7),
        Period::Day => d,
        _ => {
            let (y, m, _) = dates::civil_from_days(d as i64);
            period_of_month(y, m, period)
        }
    }
}

/// [`period_key`] of any day of month `m` of year `y`, for months, quarters and years (the CSV
/// reader reaches it from a written date without counting days).
pub(crate) fn period_of_month(y: i64, m: i64, period: Period) -> i32 {
    let key = match period {
        Period::Quarter => y * 4 + (m - 1) / 3,
        Period::Year => y,
        _ => y * 12 + m - 1,
    };
    key as i32
}

/// Turns [`period_key`] integers back into the period's first instant.
fn keys_to_dates(df: DataFrame, field: &str, period: Period) -> Result<DataFrame, EngineError> {
    let keys = df.column(field)?.as_materialized_series().cast(&DataType::Int32)?;
    let micros: Vec<Option<i64>> = keys
        .i32()?
        .iter()
        .map(|k| {
            k.map(|k| {
                let k = k as i64;
                let day = match period {
                    Period::Day | Period::Week => k,
                    Period::Month => dates::days_from_civil(k.div_euclid(12), k.rem_euclid(12) + 1, 1),
                    Period::Quarter => dates::days_from_civil(k.div_euclid(4), k.rem_euclid(4) * 3 + 1, 1),
                    Period::Year => dates::days_from_civil(k, 1, 1),
                };
                day * dates::MICROS_PER_DAY
            })
        })
        .collect();
    let s = Series::new(field.into(), micros).cast(&DataType::Datetime(TimeUnit::Microseconds, None))?;
    let mut df = df;
    df.with_column(s.into_column())?;
    Ok(df)
}

/// Runs a query on polars' streaming engine, which reads, filters and groups in batches: on a
/// ten-million-row file it is about three times faster than the in-memory engine and keeps
/// memory flat.
pub fn collect_streaming(lf: LazyFrame) -> Result<DataFrame, EngineError> {
    match lf.collect_with_engine(Engine::Streaming)? {
        QueryResult::Single(df) => Ok(df),
        QueryResult::Multiple(mut v) => v.pop().ok_or_else(|| EngineError::Polars("the query gave no result".into())),
    }
}

/// Groups and computes the metrics (no sorting, no gap filling).
pub(crate) fn grouped(lf: LazyFrame, p: &Plan) -> LazyFrame {
    group_with(lf, keys(p), p.metrics.iter().map(metric_expr).collect())
}

/// What rows are grouped by: the period first (tables read down the time axis), then the
/// fields.
pub(crate) fn keys(p: &Plan) -> Vec<Expr> {
    let mut keys: Vec<Expr> = p.date.iter().map(|(d, period)| period_key(d, *period)).collect();
    keys.extend(p.groups.iter().map(|g| col(g.clone())));
    keys
}

/// Computes `aggs` per group of `keys`, or over all rows when there are no keys.
pub(crate) fn group_with(lf: LazyFrame, keys: Vec<Expr>, aggs: Vec<Expr>) -> LazyFrame {
    if keys.is_empty() { lf.select(aggs) } else { lf.group_by(keys).agg(aggs) }
}

/// Answers a question about a table.
pub fn answer(lf: LazyFrame, q: &Question) -> Result<DataFrame, EngineError> {
    let mut lf = filtered(lf, q)?;
    let schema = lf.collect_schema()?;
    let p = plan(&schema, q)?;
    if let (Some(top), Some(first)) = (&q.top, p.groups.first()) {
        let by = check_metric(&schema, &top.by)?;
        lf = fold_top(lf, first, top.n, &by, top.other);
    }
    finish(collect_streaming(grouped(lf, &p))?, &p, q)
}

/// From the grouped rows to the answer: dates for the period keys, empty periods filled,
/// changes from the period before, sorted.
pub(crate) fn finish(mut out: DataFrame, p: &Plan, q: &Question) -> Result<DataFrame, EngineError> {
    if let Some((d, period)) = &p.date {
        out = keys_to_dates(out, d, *period)?;
        if q.fill_gaps {
            out = fill_gaps(out, &p.groups, d, *period, &p.metrics)?;
        }
        if q.change {
            out = with_change(out, &p.groups, d, &p.metrics)?;
        }
    }
    sort(out, p, q)
}

fn sort(df: DataFrame, p: &Plan, q: &Question) -> Result<DataFrame, EngineError> {
    let (by, desc): (Vec<PlSmallStr>, Vec<bool>) = match &q.sort {
        Some(s) => {
            let (name, _) = resolve(df.schema(), &s.by)?;
            (vec![name], vec![s.descending])
        }
        None => {
            let mut by: Vec<PlSmallStr> = p.date.iter().map(|(d, _)| d.clone()).collect();
            by.extend(p.groups.iter().cloned());
            let n = by.len();
            (by, vec![false; n])
        }
    };
    if by.is_empty() {
        return Ok(df);
    }
    let opts = SortMultipleOptions::default().with_order_descending_multi(desc).with_maintain_order(true);
    Ok(df.lazy().sort(by, opts).collect()?)
}

/// Every period from the first to the last, for every group, with zero for additive metrics.
fn fill_gaps(
    df: DataFrame,
    groups: &[PlSmallStr],
    date: &str,
    period: Period,
    metrics: &[Metric],
) -> Result<DataFrame, EngineError> {
    let dcol = df.column(date)?.as_materialized_series().cast(&DataType::Int64)?;
    let ints = dcol.i64()?;
    let (Some(min), Some(max)) = (ints.min(), ints.max()) else {
        return Ok(df);
    };
    let periods = period_starts(min, max, period);
    let periods =
        Series::new(date.into(), periods).cast(&DataType::Datetime(TimeUnit::Microseconds, None))?.into_frame().lazy();
    let dated = df.clone().lazy().filter(col(date).is_not_null());
    let undated = df.clone().lazy().filter(col(date).is_null());
    let grid = if groups.is_empty() {
        periods
    } else {
        let sel: Vec<Expr> = groups.iter().map(|g| col(g.clone())).collect();
        dated.clone().select(sel).unique_stable(None, UniqueKeepStrategy::First).cross_join(periods, None)
    };
    let mut keys: Vec<Expr> = groups.iter().map(|g| col(g.clone())).collect();
    keys.push(col(date));
    let mut args = JoinArgs::new(JoinType::Left);
    args.nulls_equal = true;
    let fills: Vec<Expr> =
        metrics.iter().filter(|m| m.additive()).map(|m| col(m.column_name()).fill_null(lit(0))).collect();
    let order: Vec<Expr> = df.get_column_names().iter().map(|n| col((*n).clone())).collect();
    let filled = grid.join(dated, keys.clone(), keys, args).with_columns(fills).select(order);
    Ok(concat([undated, filled], UnionArgs::default())?.collect()?)
}

/// Bucket starts from `min` to `max` (micros), one period apart.
pub fn period_starts(min: i64, max: i64, period: Period) -> Vec<i64> {
    let mut out = Vec::new();
    let day0 = min.div_euclid(dates::MICROS_PER_DAY);
    let (mut y, mut m, d) = dates::civil_from_days(day0);
    let mut day = day0;
    while day * dates::MICROS_PER_DAY <= max && out.len() < 100_000 {
        out.push(day * dates::MICROS_PER_DAY);
        day = match period {
            Period::Day => day + 1,
            Period::Week => day + 7,
            Period::Month | Period::Quarter | Period::Year => {
                let step = match period {
                    Period::Month => 1,
                    Period::Quarter => 3,
                    _ => 12,
                };
                m += step;
                while m > 12 {
                    m -= 12;
                    y += 1;
                }
                dates::days_from_civil(y, m, d.min(28))
            }
        };
    }
    out
}

/// Adds `<metric>_change`, the difference from the same group's previous period (a whole number
/// for whole-number metrics), and `<metric>_change_pct`, that difference in percent of the
/// previous period (empty when there was nothing before).
fn with_change(df: DataFrame, groups: &[PlSmallStr], date: &str, metrics: &[Metric]) -> Result<DataFrame, EngineError> {
    let mut order: Vec<PlSmallStr> = groups.to_vec();
    order.push(date.into());
    let part: Vec<Expr> = groups.iter().map(|g| col(g.clone())).collect();
    let mut changes: Vec<Expr> = Vec::new();
    for m in metrics {
        let name = m.column_name();
        let whole = df.column(&name).is_ok_and(|c| c.dtype().is_integer());
        let prev = col(name.as_str()).shift(lit(1));
        let prev = if part.is_empty() { prev } else { prev.over(part.clone())? };
        let diff = col(name.as_str()).cast(DataType::Float64) - prev.clone().cast(DataType::Float64);
        let before = prev.cast(DataType::Float64);
        let magnitude = when(before.clone().lt(lit(0.0))).then(lit(0.0) - before.clone()).otherwise(before.clone());
        let pct = when(before.neq(lit(0.0)))
            .then(diff.clone() / magnitude * lit(100.0))
            .otherwise(lit(NULL).cast(DataType::Float64));
        let diff = if whole { diff.cast(DataType::Int64) } else { diff };
        changes.push(diff.alias(format!("{name}_change")));
        changes.push(pct.alias(format!("{name}_change_pct")));
    }
    let opts = SortMultipleOptions::default().with_nulls_last(false).with_maintain_order(true);
    Ok(df.lazy().sort(order, opts).with_columns(changes).collect()?)
}
