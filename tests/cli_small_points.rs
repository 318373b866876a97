//! Smaller points of trust, each found by a hostile tester and each a regression test here: a
//! closed pipe, a schedule folder typed as `~/…` or relative, `home` when nothing could be
//! fetched.

mod support;

use std::process::{Command, Stdio};

use support::*;

/// `partner-lens schedule list | head -0`: the command ends quietly when its reader goes away,
/// as other command-line tools do (it panicked and wrote a crash report).
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let home = home();
    for args in [vec!["schedule", "list"], vec!["downloads", "list"], vec!["accounts", "list"]] {
        let mut child = Command::new(BIN)
            .args(&args)
            .env("PARTNER_LENS_HOME", home.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader is gone before anything is written
        let o = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(!stderr.contains("panicked") && !stderr.contains("crash"), "{args:?}: {stderr}");
        assert_ne!(o.status.code(), Some(101), "{args:?}: not a panic");
    }
    let crashes: Vec<_> = std::fs::read_dir(home.path().join("logs"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("crash-"))
        .collect();
    assert!(crashes.is_empty(), "no crash report: {crashes:?}");
}

/// A schedule's folder is kept as the person meant it: `~` is their home folder and a relative
/// folder is taken from where they typed it, not from wherever the OS scheduler starts the
/// command line later.
#[test]
fn schedule_folders_are_kept_in_full() {
    use lens_service::DatasetId;
    use lens_service::explore::View;
    use lens_service::store::Store;

    let home = home();
    let h = home.path();
    let person = h.join("person");
    let typed_in = h.join("typed-in");
    std::fs::create_dir_all(&typed_in).unwrap();
    let add = add_account_args("Contoso", "device", "http://127.0.0.1:9");
    let o = run(&add.iter().map(String::as_str).collect::<Vec<_>>(), h);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let store = Store::open(&h.join("data")).unwrap();
    store.save_view("Seats", &View::of(DatasetId::Subscriptions), 0).unwrap();
    for (name, folder, expected) in
        [("Home", "~/Reports", person.join("Reports")), ("Relative", "out/weekly", typed_in.join("out/weekly"))]
    {
        let o = Command::new(BIN)
            .args(["schedule", "add", name, "--view", "Seats", "--account", "contoso", "--format", "csv"])
            .args(["--folder", folder])
            .env("PARTNER_LENS_HOME", h)
            .env("HOME", &person)
            .current_dir(&typed_in)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let kept = store.schedule(name).unwrap().unwrap().schedule.folder;
        assert_eq!(Path::new(&kept), expected, "{folder}");
    }
}

/// `home` when every data set failed ends with exit code 1 and says so (it printed a Home of
/// zeros and ended with 0, so a script could not tell).
#[test]
fn home_fails_when_nothing_could_be_fetched() {
    let sim = sim(&["--scale", "300", "--faults", "malformed=1"]);
    let mut args = vec!["home".to_string()];
    args.extend(sim.account_args());
    let o = run(&args.iter().map(String::as_str).collect::<Vec<_>>(), sim.home.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Nothing could be fetched for Home."), "{stderr}");
    assert!(!String::from_utf8_lossy(&o.stdout).contains("the last complete month"), "no Home of zeros");
}

use std::path::Path;
