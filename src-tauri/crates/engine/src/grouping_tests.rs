//! Property tests of grouping by period: the engine's answer equals one worked out row by row
//! in plain Rust (the calendar from lens_model), for every period, dates before and after 1970
//! and across leap years, with empty dates and empty groups.

use std::collections::BTreeMap;

use lens_model::dates::{MICROS_PER_DAY, civil_from_days, days_from_civil};
use polars::prelude::*;
use proptest::prelude::*;

use crate::question::{DateAxis, Metric, Period, Question};

/// The first day (days since 1970) of the period holding day `d`.
fn start_of(d: i64, period: Period) -> i64 {
    let (y, m, _) = civil_from_days(d);
    match period {
        Period::Day => d,
        Period::Week => d - (d + 3).rem_euclid(7),
        Period::Month => days_from_civil(y, m, 1),
        Period::Quarter => days_from_civil(y, (m - 1) / 3 * 3 + 1, 1),
        Period::Year => days_from_civil(y, 1, 1),
    }
}

type Key = (Option<i64>, Option<String>);

fn by_hand(rows: &[(Option<i64>, Option<u8>, i64)], period: Period) -> BTreeMap<Key, (i64, i64)> {
    let mut out: BTreeMap<Key, (i64, i64)> = BTreeMap::new();
    for (t, kind, n) in rows {
        let start = t.map(|t| start_of(t.div_euclid(MICROS_PER_DAY), period) * MICROS_PER_DAY);
        let e = out.entry((start, kind.map(|k| format!("type {k}")))).or_default();
        e.0 += 1;
        e.1 += n;
    }
    out
}

fn by_engine(rows: &[(Option<i64>, Option<u8>, i64)], period: Period) -> BTreeMap<Key, (i64, i64)> {
    let times: Vec<Option<i64>> = rows.iter().map(|r| r.0).collect();
    let kinds: Vec<Option<String>> = rows.iter().map(|r| r.1.map(|k| format!("type {k}"))).collect();
    let counts: Vec<i64> = rows.iter().map(|r| r.2).collect();
    let created = Series::new("created".into(), times).cast(&DataType::Datetime(TimeUnit::Microseconds, None)).unwrap();
    let df = DataFrame::new(
        rows.len(),
        vec![created.into_column(), Column::new("kind".into(), kinds), Column::new("n".into(), counts)],
    )
    .unwrap();
    let q = Question {
        group_by: vec!["kind".into()],
        date: Some(DateAxis { field: "created".into(), period }),
        metrics: vec![Metric::Count, Metric::Sum("n".into())],
        ..Question::default()
    };
    let out = crate::answer(df.lazy(), &q).unwrap();
    let date = out.column("created").unwrap().as_materialized_series().cast(&DataType::Int64).unwrap();
    let kind = out.column("kind").unwrap().as_materialized_series().clone();
    let count =
        out.column(&Metric::Count.column_name()).unwrap().as_materialized_series().cast(&DataType::Int64).unwrap();
    let sum = out.column(&Metric::Sum("n".into()).column_name()).unwrap().as_materialized_series().clone();
    let sum = sum.cast(&DataType::Int64).unwrap();
    let mut got = BTreeMap::new();
    for i in 0..out.height() {
        let key = (date.i64().unwrap().get(i), kind.str().unwrap().get(i).map(str::to_string));
        let value = (count.i64().unwrap().get(i).unwrap(), sum.i64().unwrap().get(i).unwrap());
        assert!(got.insert(key, value).is_none(), "one row per group");
    }
    got
}

fn period() -> impl Strategy<Value = Period> {
    prop::sample::select(Period::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: ProptestConfig::default().cases.min(128), ..ProptestConfig::default() })]

    #[test]
    fn fuzz_grouping_by_period_equals_working_it_out_by_hand(
        // Years 1600 to 2400 in microseconds, with empty dates and empty groups.
        rows in prop::collection::vec(
            (prop::option::weighted(0.9, -11_676_096_000_000_000i64..13_569_465_600_000_000), prop::option::weighted(0.9, 0u8..4), -5i64..1000),
            1..300,
        ),
        period in period(),
    ) {
        prop_assert_eq!(by_engine(&rows, period), by_hand(&rows, period));
    }

    #[test]
    fn fuzz_grouping_the_days_around_month_and_year_ends(
        // Days near the turn of a month in leap and common years, every hour of the day.
        days in prop::collection::vec((prop::sample::select(vec![1900i64, 1969, 1970, 2000, 2023, 2024, 2100]), 1i64..=12, -2i64..2, 0i64..24), 1..100),
        period in period(),
    ) {
        let rows: Vec<(Option<i64>, Option<u8>, i64)> = days
            .iter()
            .map(|(y, m, off, h)| (Some((days_from_civil(*y, *m, 1) + off) * MICROS_PER_DAY + h * 3_600_000_000), Some(0), 1))
            .collect();
        prop_assert_eq!(by_engine(&rows, period), by_hand(&rows, period));
    }
}
