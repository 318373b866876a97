//! Home's tiles from Partner Center's own grouping (issue 11): each headline asked of the
//! service as monthly totals (a few dozen grouped rows) instead of worked out from every row.
//! Home shows these while the data sets themselves are fetched the first time; the rest of
//! Home (movers, the renewal radar, what changed) needs the rows. The figures are the same
//! either way (tests/integration/home.rs compares them).
//!
//! A flow (usage, searches, referrals) is the month's total. A stock (subscriptions in use,
//! resellers) is every row started before the month's end less every row ended before it: the
//! monthly counts by start date and by end date, added up.

use chrono::NaiveDate;
use lens_client::{Call, Client};
use lens_engine::home::headline::{Figure, Headline};
use lens_engine::{DateAxis, Metric, Period, Question};
use lens_model::dataset::DatasetId;
use polars::prelude::DataType;

use super::specs::SPECS;
use super::{Tile, month_bounds, tile};
use crate::error::ServiceError;
use crate::server_grouping::{self, GroupingPath};

/// Monthly totals of `metric` by `field`: (month start in micros, total).
async fn monthly(
    client: &Client,
    dataset: DatasetId,
    field: &str,
    metric: Metric,
) -> Result<(Vec<(i64, f64)>, GroupingPath), ServiceError> {
    let q = Question {
        date: Some(DateAxis { field: field.into(), period: Period::Month }),
        metrics: vec![metric],
        ..Question::default()
    };
    let plan = server_grouping::plan(dataset, &q).map_err(ServiceError::internal)?;
    let (grouped, _) = server_grouping::fetch_grouped(client, dataset, None, &plan, &|_| {}, &Call::default()).await?;
    let df = server_grouping::answer(grouped, &plan)?;
    let months = df.column(field)?.as_materialized_series().cast(&DataType::Int64)?;
    let name = q.metrics[0].column_name();
    let totals = df.column(&name)?.as_materialized_series().cast(&DataType::Float64)?;
    // Rows without the date (a subscription not ended) are a group of their own: left out.
    let rows = months.i64()?.iter().zip(totals.f64()?.iter()).filter_map(|(m, v)| Some((m?, v.unwrap_or(0.0))));
    Ok((rows.collect(), plan.path()))
}

fn before(rows: &[(i64, f64)], end: i64) -> f64 {
    rows.iter().filter(|(m, _)| *m < end).map(|(_, v)| v).sum()
}

fn within(rows: &[(i64, f64)], start: i64, end: i64) -> f64 {
    rows.iter().filter(|(m, _)| *m >= start && *m < end).map(|(_, v)| v).sum()
}

/// The tiles for `today`, each saying how Partner Center grouped for it.
pub async fn tiles(client: &Client, today: NaiveDate) -> Result<Vec<Tile>, ServiceError> {
    let b = month_bounds(today);
    let mut out = Vec::new();
    for s in &SPECS {
        let (figure, path) = match (s.headline)() {
            Headline::Flow { date, sum } => {
                let metric = sum.map(Metric::Sum).unwrap_or(Metric::Count);
                let (rows, path) = monthly(client, s.dataset, &date, metric).await?;
                let f = Figure {
                    current: within(&rows, b.cur.start, b.cur.end),
                    previous: within(&rows, b.prev.start, b.prev.end),
                };
                (f, path)
            }
            Headline::Stock { start, end } => {
                let (started, path) = monthly(client, s.dataset, &start, Metric::Count).await?;
                let ended = match end {
                    Some(e) => monthly(client, s.dataset, &e, Metric::Count).await?.0,
                    None => Vec::new(),
                };
                let alive = |at: i64| before(&started, at) - before(&ended, at);
                (Figure { current: alive(b.cur.end), previous: alive(b.prev.end) }, path)
            }
        };
        out.push(tile(s, &figure, &b, path.describe()));
    }
    Ok(out)
}
