//! Insights reports through the service code, on the simulator's clock (moved forward, never
//! slept on): a report scheduled with the builder's question arrives, is downloaded exactly once
//! into the library with a byte-order mark, and a notification is raised; an expired secure link
//! is renewed by asking for the run again; a local schedule missed over a three-day sleep runs
//! once, not three times.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use lens_client::Call;
use lens_service::AppPaths;
use lens_service::downloads::store::FileStatus;
use lens_service::downloads::sync::Notifier;
use lens_service::reports::builder::ReportQuery;
use lens_service::reports::schedule::{Repeat, ScheduleSpec};
use lens_service::schedules::due::Cadence;
use lens_service::schedules::store::{LocalSchedule, OutputFormat};
use lens_service::workspace::Workspace;
use lens_sim::{SimConfig, SimHandle};
use serde_json::json;

const PARIS: Tz = Tz::Europe__Paris;

/// Keeps every notification, so the test sees what the person would have been told.
#[derive(Default)]
struct Recorded(Mutex<Vec<(String, String)>>);

impl Notifier for Recorded {
    fn notify(&self, title: &str, body: &str) {
        self.0.lock().unwrap().push((title.into(), body.into()));
    }
}

async fn sim() -> SimHandle {
    let cfg = SimConfig { admin: true, ..SimConfig::default() };
    lens_sim::start(cfg, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.unwrap()
}

fn sim_now(sim: &SimHandle) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(sim.state.clock.now()).unwrap()
}

async fn advance(sim: &SimHandle, d: Duration) {
    let r = reqwest::Client::new()
        .post(format!("{}/_sim/clock/advance", sim.base_url))
        .json(&json!({"seconds": d.num_seconds()}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
}

async fn workspace_with_account(sim: &SimHandle, dir: &std::path::Path) -> (Workspace, String) {
    let ws = Workspace::open(AppPaths::under(dir)).unwrap();
    // Report files land in the library, by default the person's Documents folder unless
    // PARTNER_LENS_HOME is set (as ./dev test does): a plain `cargo test` kept files there
    // between runs, and the next run found more than one.
    let library = dir.join("library").display().to_string();
    ws.settings().update(|s| s.library_dir = Some(library)).unwrap();
    let id = crate::sim::person_account(&ws, sim, "Contoso app").await;
    (ws, id)
}

fn seats_query() -> ReportQuery {
    ReportQuery {
        dataset: "DynamicsUsage".into(),
        columns: vec!["CustomerName".into(), "Month".into()],
        metrics: vec!["TotalActiveSeats".into()],
        ..ReportQuery::default()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scheduled_report_arrives_once_with_a_notification() {
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let (ws, account) = workspace_with_account(&sim, dir.path()).await;
    let now = sim_now(&sim);
    // Every day, the first run five hours from now in Paris (Partner Center starts a report at
    // least four hours ahead), three runs in all.
    let at = (now + Duration::hours(5)).with_timezone(&PARIS).format("%H:%M").to_string();
    let spec = ScheduleSpec {
        repeat: Repeat::Daily,
        time: at,
        first_day: None,
        times: Some(3),
        until: None,
        format: "csv".into(),
    };
    let id = ws.create_report(&account, "Seats daily", &seats_query(), &spec, now, PARIS).await.unwrap();

    let rows = ws.report_rows(&account, now, PARIS).await.unwrap();
    let row = rows.iter().find(|r| r.id == id).expect("the report is listed");
    assert_eq!(row.status, "Active");
    assert!(row.schedule.starts_with("Every day at "), "{}", row.schedule);
    assert!(row.next_run.is_some() && row.last_run.is_none() && row.last_file.is_none());

    let told = Recorded::default();
    let first = ws.sync_downloads(now, PARIS, &told).await.unwrap();
    assert!(first.downloaded.is_empty(), "nothing has run yet: {first:?}");

    // Eight hours on: the first run has completed, the second is a day away.
    advance(&sim, Duration::hours(8)).await;
    let later = now + Duration::hours(8);
    let got = ws.sync_downloads(later, PARIS, &told).await.unwrap();
    assert_eq!(got.downloaded.len(), 1, "{got:?}");
    let f = &got.downloaded[0];
    assert_eq!(f.status, FileStatus::Downloaded);
    let path = std::path::PathBuf::from(f.path.clone().unwrap());
    assert!(path.starts_with(ws.library().join("Contoso app").join("Seats daily")), "{}", path.display());
    assert!(path.file_name().unwrap().to_str().unwrap().ends_with(".csv"));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "kept a byte-order mark so Excel reads accents");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.lines().next().unwrap().contains("CustomerName"));
    assert_eq!(f.rows.unwrap() as usize, text.lines().filter(|l| !l.is_empty()).count() - 1);
    assert!(f.rows.unwrap() > 0);
    assert_eq!(f.bytes.unwrap() as usize, bytes.len());
    {
        let said = told.0.lock().unwrap();
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "Seats daily is ready");
        assert!(
            said[0]
                .1
                .starts_with(&format!("{} rows", lens_service::explore::answer::thousands(f.rows.unwrap() as usize)))
        );
    }
    // Nothing is left half-written where downloads land first.
    assert_eq!(std::fs::read_dir(ws.paths().incoming()).map(|d| d.count()).unwrap_or(0), 0);

    // Asked again (the worker's next pass, the app's next start): not downloaded twice.
    let again = ws.sync_downloads(later + Duration::minutes(1), PARIS, &told).await.unwrap();
    assert!(again.downloaded.is_empty() && again.failed.is_empty(), "{again:?}");
    assert_eq!(told.0.lock().unwrap().len(), 1);
    let files: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
    assert_eq!(files.len(), 1);
    let listed = ws.report_rows(&account, later, PARIS).await.unwrap();
    let row = listed.iter().find(|r| r.id == id).unwrap();
    assert_eq!(row.last_file.as_deref(), Some(f.id.as_str()));
    assert!(row.last_run.is_some());

    // Paused, then deleted: the file already downloaded stays.
    ws.pause_report(&account, &id).await.unwrap();
    let paused = ws.report_rows(&account, later, PARIS).await.unwrap();
    assert_eq!(paused.iter().find(|r| r.id == id).unwrap().status, "Paused");
    ws.delete_report(&account, &id).await.unwrap();
    assert!(ws.report_rows(&account, later, PARIS).await.unwrap().iter().all(|r| r.id != id));
    assert!(path.exists());
    assert_eq!(ws.store().report_files().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_secure_link_is_renewed_by_asking_again() {
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let (ws, account) = workspace_with_account(&sim, dir.path()).await;
    let now = sim_now(&sim);
    let once = ScheduleSpec {
        repeat: Repeat::Once,
        time: "06:00".into(),
        first_day: None,
        times: None,
        until: None,
        format: "tsv".into(),
    };
    let id = ws.create_report(&account, "Seats now", &seats_query(), &once, now, PARIS).await.unwrap();
    advance(&sim, Duration::minutes(30)).await;

    let client = ws.client(&account).await.unwrap();
    let call = Call::default();
    let runs = client.executions(&id, Some("Completed"), false, &call).await.unwrap();
    assert_eq!(runs.len(), 1);
    let link = runs[0].report_access_secure_link.clone().unwrap();

    // A day later the link handed out has expired (the storage service says so)...
    advance(&sim, Duration::days(1)).await;
    let stale = reqwest::get(&link).await.unwrap();
    assert_eq!(stale.status(), 403, "the old link should have expired");
    // ...and the client asks for the run again and downloads through the new link.
    let bytes = client.download_execution(&runs[0], &call).await.unwrap();
    let text = lens_client::insights::decode_report(&bytes).unwrap();
    assert!(String::from_utf8_lossy(&text).contains("CustomerName\t"), "a TSV file with its header");

    // The worker does the same with what it listed earlier.
    let got = ws.sync_downloads(now + Duration::days(1), PARIS, &Recorded::default()).await.unwrap();
    assert_eq!(got.downloaded.len(), 1, "{got:?}");
    assert!(got.downloaded[0].path.as_deref().unwrap().ends_with(".tsv"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_schedule_missed_over_a_three_day_sleep_runs_once() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(AppPaths::under(dir.path())).unwrap();
    let sample = ws.start_sample().await.unwrap();
    let view: lens_service::explore::view::View =
        serde_json::from_value(json!({"dataset": "subscriptions", "groupBy": ["subscriptionType"]})).unwrap();
    ws.store().save_view("Seats by type", &view, 0).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    // Saved on a Monday at 08:00 in Paris, to run every day at 07:00.
    let saved: DateTime<Utc> = "2026-11-30T07:00:00Z".parse().unwrap();
    let s = LocalSchedule {
        name: "Morning seats".into(),
        view: "Seats by type".into(),
        account: sample.id.clone(),
        cadence: Cadence::Daily,
        time: "07:00".into(),
        format: OutputFormat::Csv,
        folder: out.display().to_string(),
        paused: false,
    };
    ws.save_schedule(&s, saved).unwrap();
    let told = Recorded::default();
    assert!(ws.run_due(saved + Duration::minutes(5), PARIS, &told).await.unwrap().is_empty(), "not due until tomorrow");

    // The computer slept from Monday to Thursday 09:00: three runs were missed; one runs.
    let wake = saved + Duration::days(3) + Duration::hours(1);
    let runs = ws.run_due(wake, PARIS, &told).await.unwrap();
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert!(runs[0].ok, "{}", runs[0].message);
    assert_eq!(
        runs[0].due_at,
        "2026-12-03T06:00:00Z".parse::<DateTime<Utc>>().unwrap().timestamp(),
        "the latest one missed"
    );
    // The app starting again a minute later (or the worker's next tick) does not run it again.
    assert!(ws.run_due(wake + Duration::minutes(1), PARIS, &told).await.unwrap().is_empty());
    let written: Vec<_> =
        std::fs::read_dir(&out).unwrap().flatten().map(|e| e.file_name().into_string().unwrap()).collect();
    assert_eq!(written, vec!["Morning seats 2026-12-03 0700.csv".to_string()]);
    assert!(std::fs::read_to_string(out.join(&written[0])).unwrap().contains("subscriptionType"));
    assert_eq!(told.0.lock().unwrap().len(), 1);

    // The next morning it runs again, and the history keeps both outcomes.
    let friday = wake + Duration::days(1);
    assert_eq!(ws.run_due(friday, PARIS, &told).await.unwrap().len(), 1);
    let history = ws.store().schedule_runs(Some("Morning seats"), 10).unwrap();
    assert_eq!(history.len(), 2);
    assert!(history.iter().all(|r| r.ok));

    // A schedule whose folder cannot be written fails in plain words and is kept as failed.
    let blocked = dir.path().join("a file, not a folder");
    std::fs::write(&blocked, b"x").unwrap();
    ws.save_schedule(
        &LocalSchedule { name: "Blocked".into(), folder: blocked.display().to_string(), ..s.clone() },
        friday,
    )
    .unwrap();
    let r = ws.run_schedule("Blocked", friday, PARIS).await.unwrap();
    assert!(!r.ok);
    assert!(!r.message.contains("os error") || r.message.len() < 300, "{}", r.message);
    assert!(!ws.store().schedule_runs(Some("Blocked"), 10).unwrap()[0].ok);
}
