//! A server that lies, and a sign-in address that sends us elsewhere: the command line against
//! the simulator's faults. Each ends in a plain error, within a bounded time, with nothing
//! partial written; a slow server is said while the command waits.

mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::*;

/// Runs a fetch to `out` and waits at most `limit` for it to end (killed after, and failed).
fn fetch_within(sim: &Sim, args: &[&str], out: &Path, limit: Duration) -> (Option<i32>, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .args(["--out", out.to_str().unwrap()])
        .env("PARTNER_LENS_HOME", sim.home.path())
        .env("PARTNER_LENS_CLIENT_SECRET", SECRET)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if t0.elapsed() > limit {
            let _ = child.kill();
            panic!("{args:?} did not end within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// Files in `dir` (a written answer, or a temporary one left behind).
fn names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect()
}

/// Each lie about the pages: a first page short of its rows or empty (it was accepted: exit 0 with
/// part of the data), a total of 10^15 (memory grew until the process was killed), a next-page
/// link that repeats (829 pages in 30 s, in silence).
#[test]
fn pages_that_lie_are_refused_and_nothing_is_written() {
    let cases = [
        ("short=1", " were due, so the data would be incomplete"),
        ("empty=1", "sent 0 rows where"),
        ("total=1000000000000000", "said this answer holds 1,000,000,000,000,000 rows"),
        ("repeat-link=1", "sent the same next-page link twice"),
    ];
    for (fault, said) in cases {
        let sim = sim(&["--scale", "300", "--faults", fault]);
        let dir = tempfile::tempdir().unwrap();
        for grouped in [false, true] {
            let out = dir.path().join(if grouped { "grouped.csv" } else { "rows.csv" });
            let mut args = vec!["fetch", "subscriptions"];
            if grouped {
                // Grouped here from the rows (the service's own grouping is asked for with
                // --group-by): an empty first page made an empty grouped file.
                args.extend(["--by", "month", "--date", "creationDate"]);
            }
            let account = sim.account_args();
            args.extend(account.iter().map(String::as_str));
            let (code, err) = fetch_within(&sim, &args, &out, Duration::from_secs(120));
            assert_eq!(code, Some(1), "{fault}, grouped {grouped}: {err}");
            assert!(err.contains(said), "{fault}, grouped {grouped}: {err}");
            assert!(!err.contains("panicked"), "{err}");
        }
        assert_eq!(names(dir.path()), Vec::<String>::new(), "{fault}: nothing written, nothing left behind");
    }
}

/// A server that answers one byte a second: the person hears about it within 30 seconds, with
/// how long the app keeps trying, and nothing is written.
#[test]
fn a_slow_drip_is_said_within_30_seconds() {
    let sim = sim(&["--scale", "300", "--faults", "drip-ms=1000"]);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rows.csv");
    let mut child = Command::new(BIN)
        .args(["fetch", "subscriptions", "--out", out.to_str().unwrap()])
        .args(sim.account_args())
        .env("PARTNER_LENS_HOME", sim.home.path())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    let waited = t0.elapsed();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        first.starts_with("Partner Center has not answered for 30 s; still trying (attempt 1 of 10;")
            && first.contains("gives up after 15 minutes"),
        "{first}"
    );
    // Said at 30 s: well before the minutes of silence there were (a generous bound for a busy machine).
    assert!(waited < Duration::from_secs(50), "said after {waited:?}");
    assert!(!out.exists());
}

/// The sign-in address answers 307 to another host: the client secret is not posted there (it
/// was: reqwest followed the redirect and re-posted the form), and the person is told why.
#[test]
fn a_sign_in_redirect_to_another_host_is_not_followed() {
    // The other host: counts who comes.
    let thief = std::net::TcpListener::bind("127.0.0.2:0").unwrap();
    let port = thief.local_addr().unwrap().port();
    thief.set_nonblocking(true).unwrap();
    let sim = sim(&["--scale", "300", "--admin"]);
    // Set once the simulator is up (its own sample sign-in at start goes through that address).
    let to = format!("http://127.0.0.2:{port}/steal");
    let set = reqwest::blocking::Client::new()
        .put(format!("{}/_sim/faults", sim.url))
        .json(&serde_json::json!({ "signInRedirect": to }))
        .send()
        .unwrap();
    assert!(set.status().is_success());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rows.csv");
    let mut args = vec!["fetch".to_string(), "subscriptions".to_string()];
    args.extend(app_args(&sim.url));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, err) = fetch_within(&sim, &args, &out, Duration::from_secs(60));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("sent Partner Lens to another address (127.0.0.2)"), "{err}");
    assert!(err.contains("your sign-in was not sent there"), "{err}");
    assert!(!err.contains(SECRET), "{err}");
    assert!(thief.accept().is_err(), "nothing reached the other host");
    assert!(!out.exists());
}
