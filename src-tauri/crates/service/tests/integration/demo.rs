//! Demo mode end to end without a window: "Try with sample data" switches the sample account
//! on in the one registry of accounts, its simulator starts in-process, the table is fetched
//! through the real client, and Explore's answers regroup it by week and month, drill into a
//! bar and page through the rows behind it.

use chrono::NaiveDate;
use lens_engine::{Cell, Period};
use lens_model::dataset::DatasetId;
use lens_service::explore::{DrillPoint, GroupKey, RowsQuery, View};
use lens_service::{AppPaths, Workspace};

fn sum(agg: &lens_engine::Aggregate, col: &str) -> f64 {
    agg.column(col).unwrap().values.iter().map(|c| if let Cell::Num(n) = c { *n } else { 0.0 }).sum()
}

fn workspace(dir: &std::path::Path) -> Workspace {
    Workspace::open(AppPaths::under(dir)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sample_data_is_fetched_regrouped_drilled_and_paged() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    assert!(ws.account_views().unwrap().is_empty(), "a first run has no accounts");
    let sample = ws.start_sample().await.unwrap();
    assert!(sample.sample);
    // The same registry the command line reads, across a restart.
    let again = workspace(dir.path());
    assert_eq!(again.account_views().unwrap().iter().map(|a| a.id.clone()).collect::<Vec<_>>(), vec!["sample"]);

    let report = ws.load(&sample.id, DatasetId::Subscriptions, None, "job", &|_| {}).await.unwrap();
    assert_eq!((report.total, report.rows, report.bad_rows), (Some(600), 600, 0));

    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut view = View::of(DatasetId::Subscriptions);
    view.date.as_mut().unwrap().period = Period::Week;
    let weekly = ws.explore(&sample.id, &view, today).await.unwrap();
    view.date.as_mut().unwrap().period = Period::Month;
    let monthly = ws.explore(&sample.id, &view, today).await.unwrap();
    assert_eq!(sum(&weekly.table, "count"), 600.0);
    assert_eq!(sum(&monthly.table, "count"), 600.0);
    assert_eq!(sum(&weekly.table, "sum_licenseCount"), sum(&monthly.table, "sum_licenseCount"));
    assert!(weekly.table.rows > monthly.table.rows, "weeks are finer than months");
    let labels: Vec<&str> = monthly.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Creation date", "Subscription type", "Subscriptions", "Licences"]);
    let chart = monthly.chart.as_ref().unwrap();
    assert!(chart.series.iter().any(|s| s.name == "Office"));
    let chart_total: f64 = chart.series.iter().flat_map(|s| s.values.iter().flatten()).sum();
    assert_eq!(chart_total, 600.0);

    // Drill into the largest bar of the busiest month: its rows are exactly that bar's count.
    let office = chart.series.iter().find(|s| s.name == "Office").unwrap();
    let (i, n) = office.values.iter().enumerate().max_by(|a, b| a.1.partial_cmp(b.1).unwrap()).unwrap();
    let point = DrillPoint { x: Some(chart.x[i].clone()), series: office.keys.clone() };
    let drilled = lens_service::explore::drill::drill(&view, &point).unwrap();
    let answer = ws.explore(&sample.id, &drilled, today).await.unwrap();
    assert_eq!(answer.rows_matched as f64, n.unwrap());
    assert_eq!(drilled.date.as_ref().unwrap().period, Period::Week);
    let group = vec![
        GroupKey { field: "creationDate".into(), value: Some(chart.x[i].clone()) },
        GroupKey { field: "subscriptionType".into(), value: Some("Office".into()) },
    ];
    let rows = ws.rows(&sample.id, &view, &RowsQuery { group, ..Default::default() }, today, 0, 500).await.unwrap();
    assert_eq!(rows.total as f64, n.unwrap());
    assert!(rows.columns.iter().any(|c| c.label == "Licences"));
}
