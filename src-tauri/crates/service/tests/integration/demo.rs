//! Demo mode end to end without a window: the in-process simulator, app-only sign-in, paging,
//! the table and a grouped answer.

use lens_engine::{Cell, DateAxis, Metric, Period, Question};
use lens_model::dataset::DatasetId;
use lens_service::{Workspace, ask};

fn sum(agg: &lens_engine::Aggregate, col: &str) -> f64 {
    agg.column(col).unwrap().values.iter().map(|c| if let Cell::Num(n) = c { *n } else { 0.0 }).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_fetches_every_row_and_groups_by_week_and_month() {
    let ws = Workspace::default();
    let account = ws.start_demo(1, None).await.unwrap();
    assert!(account.sample);
    let report = ws.load(&account.id, DatasetId::Subscriptions, None, "job", &|_| {}).await.unwrap();
    assert_eq!(report.total, Some(600));
    assert_eq!(report.rows, 600);
    assert_eq!(report.bad_rows, 0);

    let table = ws.table(&account.id, DatasetId::Subscriptions).unwrap();
    let mut q = Question {
        group_by: vec!["subscriptionType".into()],
        date: Some(DateAxis { field: "creationDate".into(), period: Period::Week }),
        metrics: vec![Metric::Count, Metric::Sum("licenseCount".into())],
        ..Question::default()
    };
    let weekly = ask(&table, &q).unwrap();
    q.date.as_mut().unwrap().period = Period::Month;
    let monthly = ask(&table, &q).unwrap();
    assert_eq!(sum(&weekly.table, "count"), 600.0);
    assert_eq!(sum(&monthly.table, "count"), 600.0);
    assert_eq!(sum(&weekly.table, "sum_licenseCount"), sum(&monthly.table, "sum_licenseCount"));
    assert!(weekly.table.rows > monthly.table.rows, "weeks are finer than months");
    let chart = weekly.chart.unwrap();
    assert!(chart.series.iter().any(|s| s.name == "Office"));
    let chart_total: f64 = chart.series.iter().flat_map(|s| s.values.iter().flatten()).sum();
    assert_eq!(chart_total, 600.0);
}
