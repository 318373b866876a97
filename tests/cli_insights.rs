//! The Partner Insights flow from the command line against `partner-lens sim --clock fast`: data
//! sets, a query, a test run, a report run at once, its download (decoded whatever the file's
//! encoding), and grouping the downloaded file with `aggregate`.

mod support;

use std::process::Output;

use support::*;

fn insights(sim: &Sim, args: &[&str]) -> Output {
    let mut all: Vec<String> = vec!["insights".into()];
    all.extend(sim.account_args());
    all.extend(args.iter().map(|s| s.to_string()));
    run(&all.iter().map(String::as_str).collect::<Vec<_>>(), sim.home.path())
}

/// The same command with the account flags after the subcommand, as `fetch` takes them.
fn insights_after(sim: &Sim, args: &[&str]) -> Output {
    let mut all: Vec<String> = vec!["insights".into()];
    all.extend(args.iter().map(|s| s.to_string()));
    all.extend(sim.account_args());
    run(&all.iter().map(String::as_str).collect::<Vec<_>>(), sim.home.path())
}

fn ok(o: Output) -> (String, String) {
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(o.status.success(), "{out}\n{err}");
    (out, err)
}

fn id_in(text: &str) -> String {
    text.split("(id ").nth(1).unwrap().trim_end().trim_end_matches(").").to_string()
}

#[test]
fn query_try_report_download_and_aggregate_the_file() {
    let sim = sim(&["--clock", "fast", "--token-lifetime", "31536000", "--scale", "3000", "--seed", "4"]);
    let (out, _) = ok(insights(&sim, &["datasets", "--name", "DynamicsUsage"]));
    assert!(out.starts_with("DynamicsUsage  (runs at most once every 24 hours)"), "{out}");
    // The account flags work after the subcommand too, for every command.
    let (after, _) = ok(insights_after(&sim, &["datasets", "--name", "DynamicsUsage"]));
    assert_eq!(after, out);
    assert!(out.contains("TotalRevenueAndACR") && out.contains("LAST_1_YEAR"));

    let (out, _) = ok(insights(
        &sim,
        &[
            "create-query",
            "--name",
            "Markets",
            "--query",
            "SELECT CustomerMarket, CustomerCount FROM SeatsSubscriptionsAndRevenue ORDER BY CustomerCount TIMESPAN LAST_MONTH",
        ],
    ));
    let query_id = id_in(&out);
    let (out, err) = ok(insights(&sim, &["try", "--query-id", &query_id]));
    assert!(out.starts_with("CustomerMarket\tCustomerCount\n"), "{out}");
    assert!(err.contains("rows (a test run shows at most 100)"));

    let (out, _) = ok(insights(
        &sim,
        &["create-report", "--name", "Markets now", "--query-id", &query_id, "--now", "--format", "tsv"],
    ));
    let report_id = id_in(&out);
    let file = sim.home.path().join("markets.tsv");
    let (_, err) = ok(insights(&sim, &["download", &report_id, "--out", file.to_str().unwrap(), "--wait", "60"]));
    assert!(err.contains("Wrote run"), "{err}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFCustomerMarket"), "decoded (no gzip), with a byte-order mark for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("CustomerMarket\tCustomerCount"));
    let counts: Vec<u64> = lines.map(|l| l.split('\t').nth(1).unwrap().parse().unwrap()).collect();
    assert!(!counts.is_empty());
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "ORDER BY is descending by default");

    let (out, _) = ok(insights(&sim, &["executions", &report_id]));
    assert!(out.contains("Completed"), "{out}");
    // Every run, by one call per documented status (there is no "all").
    let (out, _) = ok(insights_after(&sim, &["executions", &report_id, "--all"]));
    assert!(out.contains("Completed") && !out.contains("No completed run"), "{out}");

    // A test run's rows keep their accents for Excel: UTF-8 with a byte-order mark.
    let rows = sim.home.path().join("names.csv");
    ok(insights_after(
        &sim,
        &[
            "try",
            "--query",
            "SELECT CustomerName, CustomerCount FROM SeatsSubscriptionsAndRevenue TIMESPAN LIFETIME",
            "--out",
            rows.to_str().unwrap(),
        ],
    ));
    let bytes = std::fs::read(&rows).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFCustomerName,CustomerCount\n"));
    assert!(!String::from_utf8(bytes).unwrap().is_ascii(), "names with accents come through");
    let (out, _) = ok(insights(&sim, &["reports"]));
    assert!(out.contains("Markets now"), "{out}");

    // The downloaded file is a table like any other.
    let summed = sim.home.path().join("markets-total.csv");
    let o = run(
        &[
            "aggregate",
            "--input",
            file.to_str().unwrap(),
            "--metric",
            "sum:CustomerCount",
            "--out",
            summed.to_str().unwrap(),
        ],
        sim.home.path(),
    );
    ok(o);
    let (header, rows) = read_csv(&summed);
    assert_eq!(header, vec!["sum_CustomerCount"]);
    assert_eq!(rows[0][0].parse::<u64>().unwrap(), counts.iter().sum::<u64>());
}

/// What a community script for this API does (create a TrainingCompletions query with its
/// documented columns, a report with ExecuteNow, poll, download), and a name the catalogue does
/// not know: said as a note, sent, and judged by the service.
#[test]
fn documented_columns_pass_and_unknown_names_are_the_services_to_judge() {
    let sim = sim(&["--clock", "fast", "--token-lifetime", "31536000", "--admin"]);
    let (out, err) = ok(insights(
        &sim,
        &[
            "create-query",
            "--name",
            "Trainings",
            "--query",
            "SELECT TrainingActivityId,TrainingTitle,TrainingType,AADUserId,TrainingCompletionDate,Month FROM TrainingCompletions TIMESPAN LAST_6_MONTHS",
        ],
    ));
    assert!(!err.contains("Note:"), "every documented column is in the catalogue: {err}");
    let query_id = id_in(&out);
    let (out, _) = ok(insights(&sim, &["create-report", "--name", "Trainings now", "--query-id", &query_id, "--now"]));
    let report_id = id_in(&out);
    let file = sim.home.path().join("trainings.csv");
    ok(insights(&sim, &["download", &report_id, "--out", file.to_str().unwrap(), "--wait", "60"]));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.trim_start_matches('\u{feff}').starts_with("TrainingActivityId,TrainingTitle"), "{text}");

    // Not in the catalogue: a note, then the service's own refusal.
    let o = insights(&sim, &["create-query", "--name", "x", "--query", "SELECT TrainingWish FROM TrainingCompletions"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Note: \"TrainingWish\" is not in the catalogue"), "{err}");
    assert_eq!(o.status.code(), Some(1), "the simulator, as the service, refuses it");
    let log: serde_json::Value = reqwest::blocking::get(format!("{}/_sim/requests", sim.url)).unwrap().json().unwrap();
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .filter(|r| r["method"] == "POST" && r["path"] == "/insights/v1/mpn/ScheduledQueries")
            .count()
            == 2,
        "both queries were sent: the app does not refuse a name itself"
    );
}

/// A person without the Executive report viewer role: revenue comes back hidden, and says so.
#[test]
fn a_test_run_without_the_revenue_role_says_hidden() {
    let sim = sim(&["--token-for", "sam@contoso.onmicrosoft.com"]);
    let rows = sim.home.path().join("revenue.csv");
    let o = insights(
        &sim,
        &[
            "try",
            "--query",
            "SELECT CustomerName, BilledRevenueUSD FROM CustomersAndTenants TIMESPAN LAST_6_MONTHS",
            "--out",
            rows.to_str().unwrap(),
        ],
    );
    let (_, err) = ok(o);
    assert!(err.contains("Hidden for you: BilledRevenueUSD"), "{err}");
    let (header, cells) = read_csv(&rows);
    let j = header.iter().position(|h| h == "BilledRevenueUSD").unwrap();
    assert!(!cells.is_empty() && cells.iter().all(|r| r[j] == "Hidden"), "never 0 or blank");
}

#[test]
fn refusals_are_plain_and_made_before_sending() {
    let sim = sim(&["--admin"]);
    let o = insights(&sim, &["create-query", "--name", "x", "--query", "SELECT * FROM DynamicsUsage"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("SELECT * is not supported"), "{err}");
    let o = insights(
        &sim,
        &[
            "create-report",
            "--name",
            "x",
            "--query-id",
            "6209a8fd-93af-442e-8b3f-3df0f77e8463",
            "--start",
            "2099-01-01T00:00:00Z",
            "--every",
            "2",
        ],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("every 4 to 2160 hours"), "{err}");
    assert!(!err.contains("phase") && !err.contains("Check the filter"), "no jargon for a schedule typed wrong: {err}");
    let log: serde_json::Value = reqwest::blocking::get(format!("{}/_sim/requests", sim.url)).unwrap().json().unwrap();
    assert!(
        !log.as_array()
            .unwrap()
            .iter()
            .any(|r| r["method"] == "POST" && r["path"].as_str().unwrap().starts_with("/insights/")),
        "nothing was sent for requests that could not succeed"
    );
    // Issue 12, found by trying: a report id that does not exist was "not ready" (`download
    // --wait 5` waited, then said there was no completed run yet) and `executions` exited 0.
    let started = std::time::Instant::now();
    let o = insights(&sim, &["download", "00000000-0000-0000-0000-000000000000", "--out", "x.csv", "--wait", "30"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("There is no report with the id"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "said at once, without waiting");
    let o = insights(&sim, &["executions", "nonexistent"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8_lossy(&o.stderr).contains("There is no report with the id \"nonexistent\""));
    // A report that exists but has not run yet is still "not ready", in words.
    let (out, _) = ok(insights(
        &sim,
        &[
            "create-report",
            "--name",
            "Later",
            "--query-id",
            "6209a8fd-93af-442e-8b3f-3df0f77e8463",
            "--start",
            "2099-01-01T00:00:00Z",
            "--every",
            "24",
        ],
    ));
    let later = id_in(&out);
    let (out, _) = ok(insights(&sim, &["executions", &later]));
    assert!(out.contains("No completed run yet"), "{out}");
    let o = insights(&sim, &["download", &later, "--out", "x.csv"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("no completed run yet"));
}
