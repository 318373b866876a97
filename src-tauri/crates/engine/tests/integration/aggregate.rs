//! Questions answered over small, hand-made tables whose answers can be worked out by hand.

use lens_engine::question::{Sort, TopN};
use lens_engine::{Cell, DateAxis, EngineError, Metric, Period, Question, answer, to_aggregate};
use polars::prelude::*;

fn micros(y: i32, m: u32, d: u32) -> i64 {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(10, 30, 0).unwrap().and_utc().timestamp_micros()
}

/// A subscriptions-like row: (type, created (y, m, d), licences, status, auto renew).
type Row<'a> = (Option<&'a str>, Option<(i32, u32, u32)>, i64, &'a str, bool);

fn table(rows: &[Row]) -> DataFrame {
    let types: Vec<Option<&str>> = rows.iter().map(|r| r.0).collect();
    let created: Vec<Option<i64>> = rows.iter().map(|r| r.1.map(|(y, m, d)| micros(y, m, d))).collect();
    let lic: Vec<i64> = rows.iter().map(|r| r.2).collect();
    let status: Vec<&str> = rows.iter().map(|r| r.3).collect();
    let auto: Vec<bool> = rows.iter().map(|r| r.4).collect();
    let created =
        Series::new("creationDate".into(), created).cast(&DataType::Datetime(TimeUnit::Microseconds, None)).unwrap();
    DataFrame::new(
        rows.len(),
        vec![
            Column::new("subscriptionType".into(), types),
            created.into_column(),
            Column::new("licenseCount".into(), lic),
            Column::new("status".into(), status),
            Column::new("autoRenewEnabled".into(), auto),
        ],
    )
    .unwrap()
}

fn sample() -> DataFrame {
    table(&[
        (Some("Office"), Some((2020, 12, 31)), 10, "ACTIVE", true),
        (Some("Office"), Some((2021, 1, 3)), 5, "ACTIVE", false),
        (Some("Azure"), Some((2021, 1, 4)), 0, "SUSPENDED", false),
        (Some("Office"), Some((2021, 2, 15)), 7, "DEPROVISIONED", true),
        (None, Some((2021, 4, 1)), 2, "ACTIVE", true),
        (Some("EMS"), None, 4, "ACTIVE", false),
    ])
}

fn q(group: &[&str], period: Option<Period>, metrics: Vec<Metric>) -> Question {
    Question {
        group_by: group.iter().map(|s| s.to_string()).collect(),
        date: period.map(|p| DateAxis { field: "creationDate".into(), period: p }),
        metrics,
        ..Question::default()
    }
}

/// The answer as rows of text, for easy comparison.
fn rows(df: &DataFrame) -> Vec<Vec<String>> {
    let agg = to_aggregate(df).unwrap();
    (0..agg.rows as usize)
        .map(|r| {
            agg.columns
                .iter()
                .map(|c| match &c.values[r] {
                    Cell::Null => "null".to_string(),
                    Cell::Num(n) => n.to_string(),
                    Cell::Text(t) => t.clone(),
                    Cell::Bool(b) => b.to_string(),
                })
                .collect()
        })
        .collect()
}

fn s(v: &[&[&str]]) -> Vec<Vec<String>> {
    v.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

#[test]
fn iso_weeks_cross_the_year_boundary_on_monday() {
    let df = answer(sample().lazy(), &q(&[], Some(Period::Week), vec![Metric::Count])).unwrap();
    assert_eq!(
        rows(&df),
        s(&[&["null", "1"], &["2020-12-28", "2"], &["2021-01-04", "1"], &["2021-02-15", "1"], &["2021-03-29", "1"]])
    );
}

#[test]
fn every_period_level() {
    let count = |p| rows(&answer(sample().lazy(), &q(&[], Some(p), vec![Metric::Count])).unwrap());
    assert_eq!(count(Period::Day).len(), 6);
    assert_eq!(
        count(Period::Month),
        s(&[&["null", "1"], &["2020-12-01", "1"], &["2021-01-01", "2"], &["2021-02-01", "1"], &["2021-04-01", "1"]])
    );
    assert_eq!(
        count(Period::Quarter),
        s(&[&["null", "1"], &["2020-10-01", "1"], &["2021-01-01", "3"], &["2021-04-01", "1"]])
    );
    assert_eq!(count(Period::Year), s(&[&["null", "1"], &["2020-01-01", "1"], &["2021-01-01", "4"]]));
}

#[test]
fn group_by_term_and_month_with_count_sum_distinct_mean_min_max() {
    let metrics = vec![
        Metric::Count,
        Metric::Sum("licenseCount".into()),
        Metric::DistinctCount("status".into()),
        Metric::Mean("licenseCount".into()),
        Metric::Min("licenseCount".into()),
        Metric::Max("licenseCount".into()),
    ];
    let df = answer(sample().lazy(), &q(&["subscriptionType"], Some(Period::Month), metrics)).unwrap();
    let names: Vec<String> = df.get_column_names().iter().map(|n| n.to_string()).collect();
    assert_eq!(
        names,
        [
            "creationDate",
            "subscriptionType",
            "count",
            "sum_licenseCount",
            "distinct_status",
            "mean_licenseCount",
            "min_licenseCount",
            "max_licenseCount"
        ]
    );
    assert_eq!(
        rows(&df),
        s(&[
            &["null", "EMS", "1", "4", "1", "4", "4", "4"],
            &["2020-12-01", "Office", "1", "10", "1", "10", "10", "10"],
            &["2021-01-01", "Azure", "1", "0", "1", "0", "0", "0"],
            &["2021-01-01", "Office", "1", "5", "1", "5", "5", "5"],
            &["2021-02-01", "Office", "1", "7", "1", "7", "7", "7"],
            &["2021-04-01", "null", "1", "2", "1", "2", "2", "2"],
        ])
    );
}

#[test]
fn filters_with_every_operator() {
    let count = |f: &str| {
        let mut question = q(&[], None, vec![Metric::Count]);
        question.filter = Some(f.to_string());
        let df = answer(sample().lazy(), &question).unwrap();
        rows(&df)[0][0].parse::<usize>().unwrap()
    };
    assert_eq!(count("status eq 'ACTIVE'"), 4);
    assert_eq!(count("status ne 'ACTIVE'"), 2);
    assert_eq!(count("subscriptionType ne 'Office'"), 3, "ne matches missing values too");
    assert_eq!(count("contains(subscriptionType,'OFF')"), 3, "contains ignores case");
    assert_eq!(count("creationDate gt '2021-01-03'"), 3, "after that day");
    assert_eq!(count("creationDate ge '2021-01-03'"), 4);
    assert_eq!(count("creationDate lt '2021-01-03'"), 1);
    assert_eq!(count("creationDate le '2021-01-03'"), 2);
    assert_eq!(count("creationDate eq '2021-01-03'"), 1, "a date alone is the whole day");
    assert_eq!(count("creationDate ge cast('2021-01-01', Edm.DateTimeOffset)"), 4);
    assert_eq!(count("creationDate eq null"), 1);
    assert_eq!(count("subscriptionType ne null"), 5);
    assert_eq!(count("autoRenewEnabled eq true"), 3);
    assert_eq!(count("status eq 'ACTIVE' and autoRenewEnabled eq false"), 2);
    assert_eq!(count("(subscriptionType eq 'Azure' or subscriptionType eq 'EMS') and status ne 'DEPROVISIONED'"), 2);
    assert_eq!(count("licenseCount gt 4"), 3);
}

#[test]
fn empty_and_two_row_inputs() {
    let empty = sample().head(Some(0));
    let df = answer(empty.lazy(), &q(&["subscriptionType"], Some(Period::Week), vec![Metric::Count])).unwrap();
    assert_eq!(df.height(), 0);
    assert_eq!(df.width(), 3);
    let two = sample().head(Some(2));
    let df = answer(
        two.lazy(),
        &q(&["subscriptionType"], Some(Period::Week), vec![Metric::Count, Metric::Sum("licenseCount".into())]),
    )
    .unwrap();
    assert_eq!(rows(&df), s(&[&["2020-12-28", "Office", "2", "15"]]));
    let total = answer(sample().head(Some(2)).lazy(), &Question::default()).unwrap();
    assert_eq!(rows(&total), s(&[&["2"]]), "no grouping: one row, a count");
}

#[test]
fn unknown_columns_and_wrong_types_are_named() {
    for (question, want) in [
        (q(&["colour"], None, vec![]), "There is no column \"colour\""),
        (
            Question { date: Some(DateAxis { field: "shipDate".into(), period: Period::Day }), ..Question::default() },
            "\"shipDate\"",
        ),
        (q(&[], None, vec![Metric::Sum("price".into())]), "\"price\""),
        (Question { filter: Some("region eq 'EU'".into()), ..Question::default() }, "\"region\""),
        (q(&[], None, vec![Metric::Sum("status".into())]), "status is not a number"),
        (
            Question { date: Some(DateAxis { field: "status".into(), period: Period::Day }), ..Question::default() },
            "status is not a date",
        ),
        (Question { filter: Some("creationDate gt 'soon'".into()), ..Question::default() }, "\"soon\" is not a date"),
    ] {
        let e = answer(sample().lazy(), &question).unwrap_err();
        assert!(e.to_string().contains(want), "{want}: {e}");
        if want.starts_with("There is no column") {
            assert!(matches!(e, EngineError::UnknownColumn { .. }));
            assert!(e.to_string().contains("subscriptionType"), "the error lists the columns there are");
        }
    }
}

#[test]
fn top_n_folds_the_rest_into_other() {
    let data = table(&[
        (Some("Office"), Some((2021, 1, 1)), 1, "A", true),
        (Some("Office"), Some((2021, 1, 2)), 1, "A", true),
        (Some("Office"), Some((2021, 2, 2)), 1, "A", true),
        (Some("Azure"), Some((2021, 1, 2)), 1, "A", true),
        (Some("Azure"), Some((2021, 2, 2)), 1, "A", true),
        (Some("EMS"), Some((2021, 2, 3)), 1, "A", true),
        (Some("Dynamics"), Some((2021, 1, 3)), 1, "A", true),
    ]);
    let mut question = q(&["subscriptionType"], Some(Period::Month), vec![Metric::Count]);
    question.top = Some(TopN { n: 2, by: Metric::Count, other: true });
    let df = answer(data.clone().lazy(), &question).unwrap();
    assert_eq!(
        rows(&df),
        s(&[
            &["2021-01-01", "Azure", "1"],
            &["2021-01-01", "Office", "2"],
            &["2021-01-01", "Other", "1"],
            &["2021-02-01", "Azure", "1"],
            &["2021-02-01", "Office", "1"],
            &["2021-02-01", "Other", "1"],
        ])
    );
    question.top = Some(TopN { n: 1, by: Metric::Count, other: false });
    let df = answer(data.lazy(), &question).unwrap();
    assert_eq!(rows(&df), s(&[&["2021-01-01", "Office", "2"], &["2021-02-01", "Office", "1"]]));
}

#[test]
fn missing_periods_filled_with_zero_and_change_against_the_previous() {
    let data = table(&[
        (Some("Office"), Some((2021, 1, 5)), 3, "A", true),
        (Some("Office"), Some((2021, 3, 5)), 5, "A", true),
        (Some("Azure"), Some((2021, 2, 5)), 1, "A", true),
    ]);
    let mut question = q(&["subscriptionType"], Some(Period::Month), vec![Metric::Sum("licenseCount".into())]);
    question.fill_gaps = true;
    question.change = true;
    let df = answer(data.lazy(), &question).unwrap();
    assert_eq!(
        rows(&df),
        s(&[
            &["2021-01-01", "Azure", "0", "null", "null"],
            &["2021-01-01", "Office", "3", "null", "null"],
            &["2021-02-01", "Azure", "1", "1", "null"],
            &["2021-02-01", "Office", "0", "-3", "-100"],
            &["2021-03-01", "Azure", "0", "-1", "-100"],
            &["2021-03-01", "Office", "5", "5", "null"],
        ])
    );
    // The change of a whole-number metric is a whole number.
    assert_eq!(df.column("sum_licenseCount_change").unwrap().dtype(), &DataType::Int64);
}

#[test]
fn sort_by_a_metric() {
    let mut question = q(&["subscriptionType"], None, vec![Metric::Sum("licenseCount".into())]);
    question.sort = Some(Sort { by: "sum_licenseCount".into(), descending: true });
    let df = answer(sample().lazy(), &question).unwrap();
    assert_eq!(rows(&df), s(&[&["Office", "22"], &["EMS", "4"], &["null", "2"], &["Azure", "0"]]));
}

/// Counts, sums, means, minimums and maximums by week, month, quarter and year are computed in
/// two steps (by day, then rolled up); a distinct count forces one pass over the rows. Both
/// ways must give the same numbers.
#[test]
fn the_two_step_grouping_equals_the_single_pass() {
    let data: Vec<Row> = (0..400)
        .map(|i| {
            let t = ["Office", "Azure", "EMS"][i % 3];
            let date = (i % 11 != 0).then(|| (2020 + (i % 3) as i32, 1 + (i % 12) as u32, 1 + (i * 7 % 28) as u32));
            (Some(t), date, (i * 13 % 97) as i64, "A", i % 2 == 0)
        })
        .collect();
    let data = table(&data);
    let combinable = vec![
        Metric::Count,
        Metric::Sum("licenseCount".into()),
        Metric::Mean("licenseCount".into()),
        Metric::Min("licenseCount".into()),
        Metric::Max("licenseCount".into()),
    ];
    for period in [Period::Week, Period::Month, Period::Quarter, Period::Year] {
        let two_step =
            answer(data.clone().lazy(), &q(&["subscriptionType"], Some(period), combinable.clone())).unwrap();
        let mut with_distinct = combinable.clone();
        with_distinct.push(Metric::DistinctCount("status".into()));
        let one_pass = answer(data.clone().lazy(), &q(&["subscriptionType"], Some(period), with_distinct)).unwrap();
        let one_pass = one_pass.drop("distinct_status").unwrap();
        assert_eq!(rows(&two_step), rows(&one_pass), "{period:?}");
    }
}
