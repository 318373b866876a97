//! The report builder on the account's own catalogue, as the service publishes it: a data set
//! the app has never heard of is built and previewed without a local refusal; Microsoft's system
//! queries are ready-made reports (previewed and scheduled by their id); the catalogue is kept
//! and shown from the copy when Partner Center cannot be asked; revenue hidden from a person
//! without the Executive report viewer role reads "Hidden".

use chrono::{Duration, Utc};
use chrono_tz::Tz;
use lens_service::reports::builder::ReportQuery;
use lens_service::reports::schedule::{Repeat, ScheduleSpec};
use lens_service::workspace::Workspace;
use lens_service::{AppPaths, ErrorCode};
use lens_sim::SimConfig;
use lens_sim::insights::DatasetDef;
use lens_sim::insights::catalogue::Kind;

const PARIS: Tz = chrono_tz::Europe::Paris;

fn futures() -> DatasetDef {
    DatasetDef {
        name: "PartnerFuturesForecast".into(),
        aliases: vec![],
        columns: vec![
            ("ForecastMonth".into(), Kind::Date),
            ("Region".into(), Kind::Text),
            ("ForecastSeats".into(), Kind::Number),
        ],
        metrics: vec!["TotalForecastSeats".into()],
        date_ranges: vec![lens_model::insights::Timespan::LastMonth, lens_model::insights::Timespan::Last6Months],
        minimum_recurrence: 24,
        date_column: Some("ForecastMonth".into()),
    }
}

async fn setup(cfg: SimConfig, who: Option<&str>) -> (lens_sim::SimHandle, Workspace, String, tempfile::TempDir) {
    let (sim, _, _) = crate::sim::signed_in(cfg).await;
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(AppPaths::under(dir.path())).unwrap();
    let id = match who {
        None => crate::sim::person_account(&ws, &sim, "Contoso").await,
        Some(user) => crate::sim::person_account_as(&ws, &sim, "Contoso", user).await,
    };
    (sim, ws, id, dir)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_data_set_the_app_has_never_seen_is_built_and_previewed() {
    let (sim, ws, account, _dir) =
        setup(SimConfig { extra_datasets: vec![futures()], ..SimConfig::default() }, None).await;
    let now = Utc::now().timestamp();
    let view = ws.insights_catalogue(&account, false, now).await.unwrap();
    let card = view.datasets.iter().find(|d| d.name == "PartnerFuturesForecast").expect("served, so shown");
    assert_eq!(card.title, "Partner futures forecast");
    assert_eq!(
        card.columns.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(),
        ["Forecast month", "Region", "Forecast seats"]
    );
    assert_eq!(view.datasets.len(), 22);
    assert!(view.stale.is_none());

    let q = ReportQuery {
        dataset: "PartnerFuturesForecast".into(),
        columns: vec!["Region".into()],
        metrics: vec!["TotalForecastSeats".into()],
        range: Some("LAST_6_MONTHS".into()),
        ..ReportQuery::default()
    };
    let built = ws.build_report_query(&account, &q);
    assert_eq!(
        (built.text.as_deref(), built.problem.as_deref()),
        (Some("SELECT Region, TotalForecastSeats FROM PartnerFuturesForecast TIMESPAN LAST_6_MONTHS"), None)
    );
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    let p = ws.preview_report(&account, &q).await.unwrap();
    assert_eq!(p.columns, ["Region", "TotalForecastSeats"]);
    assert!(!p.rows.is_empty());

    // A name the catalogue does not know is a warning, never a refusal: the service judges.
    let odd = ReportQuery { columns: vec!["Colour".into()], ..q.clone() };
    let built = ws.build_report_query(&account, &odd);
    assert!(built.text.is_some() && built.warnings.iter().any(|w| w.contains("Colour")), "{built:?}");
    let e = ws.preview_report(&account, &odd).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert!(e.message.contains("Incorrect column name: Colour"), "the service's words: {}", e.message);

    // Kept: a second look within the day asks nothing; with Partner Center gone, the copy shows.
    sim.state.recorder.clear();
    let again = ws.insights_catalogue(&account, false, now + 60).await.unwrap();
    assert_eq!(again.read_at, view.read_at);
    assert!(sim.state.recorder.all().iter().all(|r| !r.path.contains("ScheduledDataset")), "no request");
    drop(sim);
    let offline = ws.insights_catalogue(&account, true, now + 120).await.unwrap();
    assert_eq!(offline.datasets.len(), 22);
    assert!(offline.stale.is_some(), "said to be the copy kept");
}

#[tokio::test(flavor = "multi_thread")]
async fn system_queries_are_ready_made_reports() {
    let (sim, ws, account, _dir) = setup(SimConfig::default(), None).await;
    let view = ws.insights_catalogue(&account, false, Utc::now().timestamp()).await.unwrap();
    assert_eq!(view.reports.len(), 19);
    let customers = view.reports.iter().find(|r| r.id == "6664daf3-c161-423a-92a1-0ea6db2c0384").unwrap();
    assert_eq!(customers.title, "Customers and tenants, last 6 months");
    assert_eq!(customers.name, "Customers", "Microsoft's name, for finding it in Partner Center");
    assert_eq!(customers.dataset_title, "Customers and tenants");
    assert!(customers.revenue, "it reads billed revenue");
    let teams = view.reports.iter().find(|r| r.dataset == "TeamsUsageWorkload").unwrap();
    assert!(teams.query.contains("AllUpPartiticipants"), "Microsoft's spelling kept in the query");
    let p = ws.preview_query(&account, &customers.id).await.unwrap();
    assert!(p.columns.contains(&"DUNSNumber".to_string()) && !p.rows.is_empty());
    assert!(p.hidden_columns.is_empty(), "an Executive report viewer sees revenue");
    // Scheduled straight from its id.
    let now = lens_sim_now(&sim);
    let spec = ScheduleSpec {
        repeat: Repeat::Once,
        time: "06:00".into(),
        first_day: None,
        times: None,
        until: None,
        format: "csv".into(),
    };
    let id = ws.create_report_from_query(&account, "Customers now", &customers.id, &spec, now, PARIS).await.unwrap();
    let rows = ws.report_rows(&account, now, PARIS).await.unwrap();
    assert!(rows.iter().any(|r| r.id == id && r.name == "Customers now"));
}

#[tokio::test(flavor = "multi_thread")]
async fn revenue_hidden_from_a_report_viewer_reads_hidden() {
    let (_sim, ws, account, _dir) = setup(SimConfig::default(), Some("sam@contoso.onmicrosoft.com")).await;
    let p = ws.preview_query(&account, "6664daf3-c161-423a-92a1-0ea6db2c0384").await.unwrap();
    assert_eq!(p.hidden_columns, ["BilledRevenueUSD", "AzureConsumedRevenueUSD"]);
    let i = p.columns.iter().position(|c| c == "BilledRevenueUSD").unwrap();
    assert!(p.rows.iter().all(|r| r[i] == "Hidden"), "never 0 or blank");
}

fn lens_sim_now(sim: &lens_sim::SimHandle) -> chrono::DateTime<Utc> {
    chrono::DateTime::from_timestamp_micros(sim.state.clock.now()).unwrap() + Duration::zero()
}
