//! Issue 12: every command and flag of the command line, read from its own `--help` (so a new
//! command or flag is covered without editing this test), given wrong types, empty values, a
//! 100 KB value (the most one argument may hold), NUL-free control and right-to-left
//! characters and path traversal: each answers with a plain message and exit 1 or 2, never a
//! panic (exit 101), an abort (134) or a hang, and writes nothing outside its folders.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::*;

/// The subcommands listed under "Commands:" in a help text.
fn subcommands(help: &str) -> Vec<String> {
    help.split("Commands:")
        .nth(1)
        .map(|s| s.split("Options:").next().unwrap_or_default())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// The flags that take a value, from a help text: `--name <VALUE>`.
fn value_flags(help: &str) -> Vec<String> {
    help.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let l = l.strip_prefix("-").and_then(|r| r.split_once(", ").map(|x| x.1).or(Some(l))).unwrap_or(l);
            let flag = l.split_whitespace().next()?;
            let takes = l.split_whitespace().nth(1).is_some_and(|v| v.starts_with('<'));
            (flag.starts_with("--") && takes).then(|| flag.to_string())
        })
        .collect()
}

fn help(home: &Path, path: &[String]) -> String {
    let o = Command::new(BIN).args(path).arg("--help").env("PARTNER_LENS_HOME", home).output().unwrap();
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Runs one command line with a time limit; `None` if it had to be stopped.
fn run_limited(home: &Path, cwd: &Path, args: &[String]) -> Option<(i32, String)> {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env("PARTNER_LENS_HOME", home)
        .env_remove("PARTNER_LENS_CLIENT_SECRET")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read while it runs: a message that repeats a 100 KB value fills the pipe.
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut err = String::new();
        let _ = std::io::Read::read_to_string(&mut pipe, &mut err);
        err
    });
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some((status.code().unwrap_or(-1), reader.join().unwrap()));
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn every_command_and_flag_refuses_bad_values_in_words() {
    let home = home();
    let sandbox = tempfile::tempdir().unwrap();
    // The working folder is two levels deep, so `../../x` lands in the sandbox, where the test
    // can see whether anything was written.
    let cwd = sandbox.path().join("a").join("b");
    std::fs::create_dir_all(&cwd).unwrap();
    let big = "x".repeat(100_000);
    let bad = [
        "",
        "-1",
        "99999999999999999999",
        "not-a-number",
        "\u{202E}gnp.exe",
        "../../escaped",
        "/proc/x",
        "a\tb\nc",
        &big,
    ];
    // Nothing reaches a network: every address given is a closed port on this machine.
    let nowhere = ["--base-url", "http://127.0.0.1:9", "--authority-url", "http://127.0.0.1:9"];

    let mut paths: Vec<Vec<String>> = Vec::new();
    for c in subcommands(&help(home.path(), &[])) {
        // `sim` serves until stopped; it is covered by its own tests.
        if c == "sim" {
            continue;
        }
        let subs = subcommands(&help(home.path(), std::slice::from_ref(&c)));
        if subs.is_empty() {
            paths.push(vec![c]);
        } else {
            paths.extend(subs.into_iter().map(|s| vec![c.clone(), s]));
        }
    }
    assert!(paths.len() >= 25, "the commands were read from --help: {paths:?}");
    let (mut runs, mut flags_seen) = (0, 0);
    let mut problems = Vec::new();
    for path in &paths {
        let h = help(home.path(), path);
        let flags = value_flags(&h);
        let global = h.contains("--base-url");
        flags_seen += flags.len();
        let mut lines: Vec<Vec<String>> = vec![path.clone()];
        // Every value for every flag with PARTNER_LENS_SWEEP=full (`./dev fuzz`); otherwise each
        // flag gets two of them in turn, so every value still meets many flags in `./dev test`.
        let full = std::env::var("PARTNER_LENS_SWEEP").is_ok_and(|v| v == "full");
        for (fi, flag) in flags.iter().enumerate() {
            let chosen: Vec<&str> =
                if full { bad.to_vec() } else { vec![bad[(fi + runs) % bad.len()], bad[(fi + runs + 4) % bad.len()]] };
            for v in chosen {
                let mut l = path.clone();
                if global && !flag.ends_with("-url") {
                    l.extend(nowhere.iter().map(|s| s.to_string()));
                }
                l.push(flag.clone());
                l.push(v.to_string());
                lines.push(l);
            }
        }
        // A positional argument, where the command takes one.
        if h.contains("Arguments:") {
            for v in if full { bad.to_vec() } else { vec![bad[runs % bad.len()], &big] } {
                let mut l = path.clone();
                l.push(v.to_string());
                lines.push(l);
            }
        }
        for l in lines {
            runs += 1;
            let shown: String = l.join(" ").chars().take(120).collect();
            match run_limited(home.path(), &cwd, &l) {
                None => problems.push(format!("{shown}: still running after 20 s")),
                Some((code, err)) => {
                    if err.contains("panicked") || code == 101 || code == 134 || code < 0 {
                        problems.push(format!("{shown}: exit {code}: {}", err.chars().take(200).collect::<String>()));
                    } else if code != 0 && err.trim().is_empty() {
                        problems.push(format!("{shown}: exit {code} with no message"));
                    } else if err.contains("Something went wrong inside") {
                        problems
                            .push(format!("{shown}: a generic message: {}", err.chars().take(200).collect::<String>()));
                    }
                }
            }
        }
    }
    eprintln!("{} commands, {flags_seen} flags, {runs} runs, {} problems", paths.len(), problems.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let escaped: Vec<_> = std::fs::read_dir(sandbox.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(escaped, vec![std::ffi::OsString::from("a")], "nothing was written outside the working folder");
}
