//! The window and the command line share one registry of accounts and one store of saved
//! views: the sample account switched on in the window is listed and usable by
//! `partner-lens accounts list` and `fetch --account sample`, and a view saved in Explore runs
//! with `partner-lens fetch --view NAME`, its filters split between the service and here.

mod support;

use lens_service::explore::{DateRange, FilterChip, View};
use lens_service::{AppPaths, DatasetId, Period, Workspace};
use support::*;

fn paths(home: &std::path::Path) -> AppPaths {
    AppPaths::under(home)
}

#[test]
fn the_sample_account_switched_on_in_the_window_is_the_command_lines_too() {
    let home = home();
    let ws = Workspace::open(paths(home.path())).unwrap();
    ws.accounts().enable_sample().unwrap();
    drop(ws);
    let o = run(&["accounts", "list"], home.path());
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout.contains("sample") && stdout.contains("Contoso (sample)"), "{stdout}");
    // The sample account fetches from its own simulator, started inside the command.
    let out = home.path().join("types.csv");
    let o = run(
        &[
            "fetch",
            "subscriptions",
            "--account",
            "sample",
            "--group-by",
            "subscriptionType",
            "--out",
            out.to_str().unwrap(),
        ],
        home.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (_, rows) = read_csv(&out);
    let total: u64 = rows.iter().map(|r| r[1].parse::<u64>().unwrap()).sum();
    assert_eq!(total, 600);
}

#[test]
fn a_view_saved_in_explore_runs_from_the_command_line() {
    let sim = sim(&["--seed", "5", "--today", "2026-11-21"]);
    let ws = Workspace::open(paths(sim.home.path())).unwrap();
    let mut view = View::of(DatasetId::Subscriptions);
    view.date.as_mut().unwrap().period = Period::Quarter;
    view.filters = vec![
        FilterChip::Values { field: "status".into(), values: vec![Some("ACTIVE".into())], exclude: false },
        // The service does not filter on partnerName: applied here.
        FilterChip::Values { field: "partnerName".into(), values: vec![Some("Nobody Ltd".into())], exclude: true },
        FilterChip::Dates {
            field: "creationDate".into(),
            range: DateRange::Between { from: "2025-01-01".into(), to: "2026-06-30".into() },
        },
    ];
    ws.store().save_view("Active by quarter", &view, 1).unwrap();
    drop(ws);

    let out = sim.home.path().join("view.csv");
    let mut args: Vec<String> =
        ["fetch", "--view", "active BY quarter", "--out", out.to_str().unwrap()].map(String::from).to_vec();
    args.extend(sim.account_args());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&args, sim.home.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (header, rows) = read_csv(&out);
    assert_eq!(header, ["creationDate", "subscriptionType", "count", "sum_licenseCount"]);
    let quarters: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[0][..10]).collect();
    assert_eq!(
        quarters.into_iter().collect::<Vec<_>>(),
        ["2025-01-01", "2025-04-01", "2025-07-01", "2025-10-01", "2026-01-01", "2026-04-01"]
    );

    // The same numbers as the service's own filter, counted over raw HTTP.
    let token = sim.token.clone();
    let filter = "status eq 'ACTIVE' and creationDate ge '2025-01-01' and creationDate lt '2026-07-01'";
    let v: serde_json::Value = reqwest::blocking::Client::new()
        .get(format!("{}/partner/v1/analytics/subscriptions", sim.url))
        .query(&[("filter", filter), ("top", "1")])
        .bearer_auth(token)
        .send()
        .and_then(|r| r.json())
        .unwrap();
    let counted: u64 = rows.iter().map(|r| r[2].parse::<u64>().unwrap()).sum();
    assert_eq!(counted, v["TotalCount"].as_u64().unwrap());

    let o = run(&["fetch", "--view", "nope", "--out", out.to_str().unwrap()], sim.home.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Saved views: Active by quarter"));
}

#[test]
fn benchmarks_are_not_among_the_commands_a_person_sees() {
    let o = run(&["--help"], home().path());
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(help.contains("fetch") && help.contains("aggregate"), "{help}");
    assert!(!help.contains("bench"), "{help}");
}
