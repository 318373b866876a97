//! Report files that arrive by themselves, from the command line (`partner-lens downloads sync`,
//! what cron or Task Scheduler would run) against `partner-lens sim --clock fast`: a kill -9 in
//! the middle of a download leaves nothing half-written in the library, and the next run
//! downloads the file, once.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use support::*;

fn with_account(sim: &Sim, args: &[&str]) -> Output {
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    all.extend(sim.account_args());
    run(&all.iter().map(String::as_str).collect::<Vec<_>>(), sim.home.path())
}

fn ok(o: Output) -> (String, String) {
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(o.status.success(), "{out}\n{err}");
    (out, err)
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(files_under(&p)) } else { out.push(p) }
    }
    out
}

/// Whether the simulator has been asked for a report file (the download has begun).
fn file_requested(url: &str) -> bool {
    let v: serde_json::Value = reqwest::blocking::get(format!("{url}/_sim/requests")).and_then(|r| r.json()).unwrap();
    v.as_array().unwrap().iter().any(|r| r.to_string().contains("/_files/"))
}

#[test]
fn a_download_killed_halfway_leaves_no_partial_file_and_the_next_run_completes_it() {
    // Report files are sent half, then a four-second pause, then the rest.
    let sim = sim(&[
        "--clock",
        "fast",
        "--token-lifetime",
        "31536000",
        "--admin",
        "--faults",
        "slow-files-ms=4000",
        "--seed",
        "7",
    ]);
    let (out, _) = ok(with_account(
        &sim,
        &[
            "insights",
            "create-query",
            "--name",
            "Seats",
            "--query",
            "SELECT CustomerName, Month, TotalActiveSeats FROM DynamicsUsage TIMESPAN LAST_3_MONTHS",
        ],
    ));
    let query = out.split("(id ").nth(1).unwrap().trim_end().trim_end_matches(").").to_string();
    ok(with_account(&sim, &["insights", "create-report", "--name", "Seats now", "--query-id", &query, "--now"]));
    // An hour a second: the run completes within a few seconds.
    std::thread::sleep(Duration::from_secs(3));

    let library = sim.home.path().join("library");
    let mut child = Command::new(BIN)
        .args(["downloads", "sync"])
        .args(sim.account_args())
        .env("PARTNER_LENS_HOME", sim.home.path())
        .env("PARTNER_LENS_CLIENT_SECRET", SECRET)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while !file_requested(&sim.url) {
        assert!(t0.elapsed() < Duration::from_secs(60), "the download never began");
        assert!(child.try_wait().unwrap().is_none(), "downloads sync ended before downloading");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Half the file has been sent; the rest is four seconds away.
    std::thread::sleep(Duration::from_millis(800));
    child.kill().unwrap(); // SIGKILL: no clean-up runs
    child.wait().unwrap();
    let left = files_under(&library);
    assert!(left.is_empty(), "a killed download left files in the library: {left:?}");

    // The next run (the next start of the app, the next cron tick) downloads it, whole.
    let (out, _) = ok(with_account(&sim, &["downloads", "sync"]));
    let files = files_under(&library);
    assert_eq!(files.len(), 1, "{out}\n{files:?}");
    let name = files[0].strip_prefix(&library).unwrap().to_string_lossy().to_string();
    assert!(name.starts_with("Contoso Ltd/Seats now/") && name.ends_with(".csv"), "{name}");
    let (header, rows) = read_csv(&files[0]);
    assert_eq!(header, ["CustomerName", "Month", "TotalActiveSeats"]);
    assert!(!rows.is_empty());
    assert!(out.contains(&format!("({} rows)", rows.len())), "{out}");

    // Never twice.
    let (_, err) = ok(with_account(&sim, &["downloads", "sync"]));
    assert!(err.contains("Nothing new"), "{err}");
    assert_eq!(files_under(&library).len(), 1);
    let (list, _) = ok(run(&["downloads", "list"], sim.home.path()));
    assert!(list.contains("Seats now") && list.contains(&rows.len().to_string()), "{list}");
}
