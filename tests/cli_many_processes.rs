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
    let children: Vec<_> = commands
        .iter()
        .map(|args| {
            Command::new(BIN)
                .args(args)
                .env("PARTNER_LENS_HOME", home)
                .env("PARTNER_LENS_CLIENT_SECRET", SECRET)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start partner-lens")
        })
        .collect();
    children.into_iter().map(|c| c.wait_with_output().expect("wait")).collect()
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
        let custom = [
            "--cloud",
            "custom",
            "--authority-url",
            "http://127.0.0.1:9",
            "--api-url",
            "http://127.0.0.1:9",
            "--tenant",
            TENANT,
            "--client-id",
            CLIENT_ID,
        ];
        let add = |i: usize| {
            let mut a: Vec<String> = ["accounts", "add", &format!("Partner {i}"), "--method", "device"]
                .iter()
                .map(|s| s.to_string())
                .collect();
            a.extend(custom.iter().map(|s| s.to_string()));
            a
        };
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
        let add = |i: usize| -> Vec<String> {
            let name = format!("App {i}");
            [
                "accounts",
                "add",
                &name,
                "--method",
                "app",
                "--cloud",
                "custom",
                "--authority-url",
                &sim.url,
                "--api-url",
                &sim.url,
                "--tenant",
                TENANT,
                "--client-id",
                CLIENT_ID,
            ]
            .iter()
            .map(|s| s.to_string())
            .collect()
        };
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
    let add: Vec<String> = [
        "accounts",
        "add",
        "Contoso App",
        "--method",
        "app",
        "--cloud",
        "custom",
        "--authority-url",
        &sim.url,
        "--api-url",
        &sim.url,
        "--tenant",
        TENANT,
        "--client-id",
        CLIENT_ID,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
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
