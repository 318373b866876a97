//! Several processes on one data folder, as the app runs by design (the window, its tray worker,
//! the command line started by an OS scheduler): the real binary, 8 processes at once, 20
//! rounds of each case. Afterwards everything is there exactly once and nothing was set aside
//! as damaged.

mod support;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use support::*;

const PROCESSES: usize = 8;
const ROUNDS: usize = 20;

/// Starts every command at once (all spawned before any is waited for) and collects them.
fn all_at_once(home: &Path, commands: Vec<Vec<String>>) -> Vec<Output> {
    all_at_once_with(home, commands, &[("PARTNER_LENS_CLIENT_SECRET", SECRET)])
}

/// What the processes logged (for a failure's message).
fn logs(home: &Path) -> String {
    let mut out = String::new();
    for e in std::fs::read_dir(home.join("logs")).into_iter().flatten().flatten() {
        out += &std::fs::read_to_string(e.path()).unwrap_or_default();
    }
    out.lines().filter(|l| l.contains("ERROR") || l.contains("WARN")).collect::<Vec<_>>().join("\n")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// Names in the data folder that say something was set aside or left behind.
fn set_aside(home: &Path) -> Vec<String> {
    std::fs::read_dir(home)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("damaged") || n.contains("unreadable") || n.ends_with(".partial"))
        .collect()
}

/// A fresh data folder opened by 8 commands at once: each waits for the others, the schema is
/// made once, and nothing is set aside (it was, in 6 of 6 runs: "table report_files already
/// exists", the winner then writing into the renamed file).
#[test]
fn a_fresh_data_folder_opened_by_many_at_once() {
    for round in 0..ROUNDS {
        let home = home();
        let commands = (0..PROCESSES)
            .map(|i| if i % 2 == 0 { vec!["schedule", "list"] } else { vec!["downloads", "list"] })
            .map(|a| a.into_iter().map(String::from).collect())
            .collect();
        for o in all_at_once(home.path(), commands) {
            assert!(o.status.success(), "round {round}: {}\n{}", text(&o), logs(home.path()));
        }
        assert_eq!(set_aside(home.path()), Vec::<String>::new(), "round {round}");
    }
}

/// 8 accounts added at once, then removed at once: each added is listed exactly once, each
/// removed is gone, and ids are never given twice (a removed account's id is not reused, so a
/// new account never inherits another's saved data).
#[test]
fn accounts_added_and_removed_by_many_at_once() {
    let mut added_total = 0;
    for round in 0..ROUNDS {
        let home = home();
        let h = home.path();
        let add = |i: usize| add_account_args(&format!("Partner {i}"), "device", "http://127.0.0.1:9");
        for o in all_at_once(h, (0..PROCESSES).map(add).collect()) {
            assert!(o.status.success(), "round {round}: {}\n{}", text(&o), logs(h));
        }
        let list = text(&run(&["accounts", "list"], h));
        for i in 0..PROCESSES {
            assert_eq!(list.matches(&format!("partner-{i} ")).count(), 1, "round {round}: partner-{i} once in\n{list}");
        }
        added_total += PROCESSES;
        // Half removed at once, while the other half is renamed: the file is read and written by
        // all of them.
        let commands = (0..PROCESSES)
            .map(|i| {
                let id = format!("partner-{i}");
                let renamed = format!("Renamed {i}");
                let a: Vec<&str> = if i % 2 == 0 {
                    vec!["accounts", "remove", &id]
                } else {
                    vec!["accounts", "rename", &id, &renamed]
                };
                a.into_iter().map(String::from).collect()
            })
            .collect();
        for o in all_at_once(h, commands) {
            assert!(o.status.success(), "round {round}: {}\n{}", text(&o), logs(h));
        }
        let list = text(&run(&["accounts", "list"], h));
        for i in 0..PROCESSES {
            let id = format!("partner-{i} ");
            if i % 2 == 0 {
                assert!(!list.contains(&id), "round {round}: partner-{i} removed:\n{list}");
            } else {
                assert!(list.contains(&id) && list.contains(&format!("Renamed {i}")), "round {round}:\n{list}");
            }
        }
        // The removed ids are not given again.
        let again = add(0);
        let o = run(&again.iter().map(String::as_str).collect::<Vec<_>>(), h);
        assert!(o.status.success(), "{}", text(&o));
        assert!(text(&o).contains("id partner-0-2"), "a removed id is not reused: {}", text(&o));
        assert_eq!(set_aside(h), Vec::<String>::new(), "round {round}");
    }
    eprintln!("{added_total} accounts added by {PROCESSES} processes at once over {ROUNDS} rounds, each listed once");
}

/// 8 app accounts added at once, each with its secret: every secret is kept (4 of 16 were lost
/// when each process wrote the secrets file from what it had read).
#[test]
fn secrets_saved_by_many_at_once() {
    let sim = sim(&[]);
    for round in 0..ROUNDS {
        let home = home();
        let h = home.path();
        let add = |i: usize| add_account_args(&format!("App {i}"), "app", &sim.url);
        for o in all_at_once(h, (0..PROCESSES).map(add).collect()) {
            assert!(o.status.success(), "round {round}: {}\n{}", text(&o), logs(h));
        }
        let list = text(&run(&["accounts", "list"], h));
        assert!(!list.contains("Note:"), "a keyring is needed for this test: {list}");
        assert_eq!(list.matches("(signed in)").count(), PROCESSES, "round {round}: every secret kept:\n{list}");
        assert_eq!(set_aside(h), Vec::<String>::new(), "round {round}");
    }
}

/// Removing an account takes what was fetched for it along, and its id is not given again: a new
/// account of the same name is never shown the old one's figures.
#[test]
fn a_removed_account_takes_its_data_and_its_id_with_it() {
    let sim = sim(&["--app-only"]);
    let h = sim.home.path();
    let add = add_account_args("Contoso App", "app", &sim.url);
    let add: Vec<&str> = add.iter().map(String::as_str).collect();
    let o = run(&add, h);
    assert!(text(&o).contains("id contoso-app"), "{}", text(&o));
    // Home fetches every data set and keeps it, as the window does.
    let o = run(&["home", "--account", "contoso-app"], h);
    assert!(o.status.success(), "{}", text(&o));
    let cache = h.join("data").join("cache").join("contoso-app");
    assert!(cache.exists(), "fetched data is kept for the account");
    let o = run(&["accounts", "remove", "contoso-app"], h);
    assert!(o.status.success() && text(&o).contains("the data fetched for it"), "{}", text(&o));
    assert!(!cache.exists(), "its data went with it");
    let o = run(&add, h);
    assert!(text(&o).contains("id contoso-app-2"), "{}", text(&o));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let data = h.join("data");
        assert_eq!(mode(&data), 0o700, "the data folder is its owner's alone");
        for f in ["accounts.json", "settings.json", "secrets.bin", "partner-lens.db"] {
            if data.join(f).exists() {
                assert_eq!(mode(&data.join(f)), 0o600, "{f}");
            }
        }
    }
}

/// As [`all_at_once`], with this environment (the client secret, the simulator as Microsoft).
fn all_at_once_with(home: &Path, commands: Vec<Vec<String>>, env: &[(&str, &str)]) -> Vec<Output> {
    let children: Vec<_> = commands
        .iter()
        .map(|args| {
            Command::new(BIN)
                .args(args)
                .env("PARTNER_LENS_HOME", home)
                .envs(env.iter().copied())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start partner-lens")
        })
        .collect();
    children.into_iter().map(|c| c.wait_with_output().expect("wait")).collect()
}

/// The simulator standing in for Microsoft, its public client as the build's own.
fn as_microsoft(sim: &Sim) -> Vec<(&'static str, String)> {
    vec![
        ("PARTNER_LENS_CLIENT_ID", "5e1b7c3a-9d24-4f6e-b8a1-2c7d0f4e9a63".to_string()),
        ("PARTNER_LENS_AUTHORITY_URL", sim.url.clone()),
        ("PARTNER_LENS_API_URL", sim.url.clone()),
    ]
}

/// A person's account signed in through the simulator's pages: its id.
fn person_signed_in(sim: &Sim, h: &Path) -> String {
    let env = as_microsoft(sim);
    let o = Command::new(BIN)
        .args(["accounts", "add"])
        .env("PARTNER_LENS_HOME", h)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("PARTNER_LENS_BROWSER", format!("{BIN} sim-sign-in --user sam@contoso.onmicrosoft.com"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    text(&o).split("(id ").nth(1).unwrap().split(')').next().unwrap().to_string()
}

/// 8 fetches on one account at once, each process renewing the sign-in: the refresh token is
/// spent once each, one process at a time, each from the one saved last, so every fetch works and
/// the account is still signed in after. (The losers said "Sign in again" when each spent the
/// token it had read at its start.)
#[test]
fn fetches_sharing_an_account() {
    let sim = sim(&["--scale", "300"]);
    let home = home();
    let h = home.path();
    let id = person_signed_in(&sim, h);
    let env = as_microsoft(&sim);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut fetched = 0;
    for round in 0..ROUNDS {
        let commands = (0..PROCESSES)
            .map(|i| {
                let out = h.join(format!("round-{round}-{i}.csv"));
                ["fetch", "subscriptions", "--account", &id, "--out", out.to_str().unwrap()]
                    .iter()
                    .map(|s| s.to_string())
                    .collect()
            })
            .collect();
        for (i, o) in all_at_once_with(h, commands, &env).into_iter().enumerate() {
            assert!(o.status.success(), "round {round}, fetch {i}: {}\n{}", text(&o), logs(h));
            let (_, rows) = read_csv(&h.join(format!("round-{round}-{i}.csv")));
            assert!(!rows.is_empty(), "round {round}, fetch {i}");
            fetched += 1;
        }
    }
    let list = text(&run(&["accounts", "list"], h));
    assert!(list.contains("(signed in)"), "still signed in after all of them:\n{list}");
    eprintln!("{fetched} fetches on one account, {PROCESSES} at once over {ROUNDS} rounds, each renewing the sign-in");
}

/// 8 `schedule run-due` at once, as when the window's worker and an OS scheduler wake together:
/// each due run runs once (one history row, one file), and two schedules whose names differ only
/// in "/" and ":" write two files, both reported.
#[test]
fn a_due_run_is_run_once_by_many_at_once() {
    use lens_service::DatasetId;
    use lens_service::explore::View;
    use lens_service::schedules::due::Cadence;
    use lens_service::schedules::store::{LocalSchedule, OutputFormat};
    use lens_service::store::Store;

    let sim = sim(&["--scale", "300"]);
    let home = home();
    let h = home.path();
    let id = person_signed_in(&sim, h);
    let env = as_microsoft(&sim);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let store = Store::open(&h.join("data")).unwrap();
    store.save_view("Subscriptions", &View::of(DatasetId::Subscriptions), 0).unwrap();
    let folder = h.join("out");
    let mut expected = 0;
    for round in 0..ROUNDS {
        // Two schedules made long ago (so their latest time is due), never run.
        for name in [format!("Round {round} Seats/EU"), format!("Round {round} Seats:EU")] {
            let s = LocalSchedule {
                name,
                view: "Subscriptions".into(),
                account: id.clone(),
                cadence: Cadence::Daily,
                time: "00:00".into(),
                format: OutputFormat::Csv,
                folder: folder.display().to_string(),
                paused: false,
            };
            store.save_schedule(&s, 0).unwrap();
        }
        expected += 2;
        let commands = (0..PROCESSES).map(|_| vec!["schedule".to_string(), "run-due".to_string()]).collect();
        for o in all_at_once_with(h, commands, &env) {
            assert!(o.status.success(), "round {round}: {}\n{}", text(&o), logs(h));
        }
        let runs = store.schedule_runs(None, 10_000).unwrap();
        assert_eq!(runs.len(), expected, "round {round}: one history row per due run: {runs:#?}");
        for r in &runs {
            assert!(r.ok, "round {round}: {r:?}");
        }
        let files: Vec<_> = std::fs::read_dir(&folder).unwrap().flatten().map(|e| e.path()).collect();
        assert_eq!(files.len(), expected, "round {round}: one file per run: {files:?}");
        let mut paths: Vec<_> = runs.iter().filter_map(|r| r.path.clone()).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), expected, "round {round}: each run reports its own file");
        for p in &paths {
            let (_, rows) = read_csv(Path::new(p));
            assert!(!rows.is_empty(), "{p} is whole");
        }
    }
    eprintln!(
        "{expected} due runs, {PROCESSES} run-due at once over {ROUNDS} rounds: each run once, each file its own"
    );
}

/// 8 `downloads sync` at once after each new report run: every file is downloaded once, listed
/// once as downloaded, never as failed (it was downloaded twice, recorded as failed, and
/// downloaded again on the next sync).
#[test]
fn a_report_file_is_downloaded_once_by_many_at_once() {
    use lens_service::downloads::store::FileStatus;
    use lens_service::store::Store;

    let sim = sim(&["--clock", "fast", "--token-lifetime", "31536000", "--admin"]);
    let h = sim.home.path();
    let with_account = |args: &[&str]| -> Vec<String> {
        let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        all.extend(sim.account_args());
        all
    };
    let o = run(
        &with_account(&[
            "insights",
            "create-query",
            "--name",
            "Seats",
            "--query",
            "SELECT CustomerName, Month, TotalActiveSeats FROM DynamicsUsage TIMESPAN LAST_3_MONTHS",
        ])
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>(),
        h,
    );
    assert!(o.status.success(), "{}", text(&o));
    let query = text(&o).split("(id ").nth(1).unwrap().split(')').next().unwrap().to_string();
    let library = h.join("library");
    for round in 0..ROUNDS {
        let name = format!("Seats {round}");
        let o = run(
            &with_account(&["insights", "create-report", "--name", &name, "--query-id", &query, "--now"])
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            h,
        );
        assert!(o.status.success(), "{}", text(&o));
        // An hour a second on the simulator's clock: the run completes within a few seconds.
        std::thread::sleep(std::time::Duration::from_secs(3));
        let commands = (0..PROCESSES).map(|_| with_account(&["downloads", "sync"])).collect();
        for o in all_at_once(h, commands) {
            assert!(o.status.success(), "round {round}: {}\n{}", text(&o), logs(h));
        }
        let files = Store::open(&h.join("data")).unwrap().report_files().unwrap();
        let failed: Vec<_> = files.iter().filter(|f| f.status == FileStatus::Failed).collect();
        assert!(failed.is_empty(), "round {round}: {failed:#?}");
        assert_eq!(files.len(), round + 1, "round {round}: each run listed once: {files:#?}");
        let on_disk = files_under(&library);
        assert_eq!(on_disk.len(), round + 1, "round {round}: each file downloaded once: {on_disk:?}");
        for f in &files {
            let (_, rows) = read_csv(Path::new(f.path.as_deref().unwrap()));
            assert_eq!(Some(rows.len() as u32), f.rows, "{f:?}");
        }
    }
    eprintln!("{ROUNDS} report runs, each looked at by {PROCESSES} downloads sync at once: each file once");
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(files_under(&p)) } else { out.push(p) }
    }
    out
}
