//! `partner-lens` (the command line, linked without Tauri) and `partner-lens-window` (the
//! window): the command line loads no windowing library, hands over to the window binary beside
//! it when given no command, says so plainly when that binary is missing, and both take the same
//! commands and flags.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::BIN;

const WINDOW_BIN: &str = env!("CARGO_BIN_EXE_partner-lens-window");

/// The shared libraries ldd lists for `bin`.
fn libraries(bin: &str) -> String {
    let out = Command::new("ldd").arg(bin).output().expect("ldd");
    assert!(out.status.success(), "ldd {bin}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const WINDOWING: [&str; 5] = ["libwebkit2gtk", "libjavascriptcoregtk", "libgtk-3", "libgdk-3", "libsoup"];

#[cfg(target_os = "linux")]
#[test]
fn the_command_line_loads_no_windowing_library_and_the_window_does() {
    let cli = libraries(BIN);
    for lib in WINDOWING {
        assert!(!cli.contains(lib), "partner-lens loads {lib}:\n{cli}");
    }
    // The same check on the window's binary finds them: the check sees what it looks for.
    let window = libraries(WINDOW_BIN);
    for lib in WINDOWING {
        assert!(window.contains(lib), "partner-lens-window should load {lib}:\n{window}");
    }
}

/// A copy of the command line in a folder of its own (a hard link where the file system allows),
/// so what lies beside it is up to the test.
fn lone_copy(dir: &Path) -> PathBuf {
    let copy = dir.join("partner-lens");
    if std::fs::hard_link(BIN, &copy).is_err() {
        std::fs::copy(BIN, &copy).expect("copy partner-lens");
    }
    copy
}

fn scratch() -> tempfile::TempDir {
    // Inside the target folder: the same file system as the binary, so hard links work.
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir")
}

#[cfg(unix)]
#[test]
fn with_no_command_it_becomes_the_window_binary_beside_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch();
    let cli = lone_copy(dir.path());
    // What stands beside it records how it was started: its process id, arguments and one
    // variable of the environment, then exits.
    let record = dir.path().join("started.txt");
    let window = dir.path().join("partner-lens-window");
    std::fs::write(&window, format!("#!/bin/sh\necho \"$$|$#|$PARTNER_LENS_PROBE\" > '{}'\n", record.display()))
        .unwrap();
    std::fs::set_permissions(&window, std::fs::Permissions::from_mode(0o755)).unwrap();

    let child = Command::new(&cli).env("PARTNER_LENS_PROBE", "kept").spawn().expect("run partner-lens");
    let pid = child.id();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "partner-lens exited with {:?}", out.status);
    let started = std::fs::read_to_string(&record).expect("the window binary was started");
    // The same process (the command line replaced itself), no arguments, the same environment.
    assert_eq!(started.trim(), format!("{pid}|0|kept"));
}

#[test]
fn without_the_window_binary_beside_it_it_says_what_to_do() {
    let dir = scratch();
    let cli = lone_copy(dir.path());
    let out = Command::new(&cli).env("PARTNER_LENS_HOME", dir.path()).output().expect("run partner-lens");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("Error: The Partner Lens window is not installed beside this command."), "{err}");
    assert!(err.contains("Reinstall Partner Lens"), "{err}");
    assert!(!err.contains("panicked") && !err.contains("os error"), "{err}");
    // Commands still work from there.
    let version = Command::new(&cli).arg("--version").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("partner-lens {}", env!("CARGO_PKG_VERSION")));
}

fn help(bin: &str, args: &[&str]) -> String {
    let out = Command::new(bin).args(args).arg("--help").output().expect("help");
    assert!(out.status.success(), "{bin} {args:?} --help failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The commands a help text lists (the lines under "Commands:").
fn commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect()
}

#[test]
fn both_binaries_take_the_same_commands_and_flags() {
    let listed = commands(&help(BIN, &[]));
    assert!(listed.len() >= 9, "too few commands listed: {listed:?}");
    assert_eq!(commands(&help(WINDOW_BIN, &[])), listed);
    // Every command's help (its flags and their defaults) is the same through either binary.
    for cmd in &listed {
        let cli = help(BIN, &[cmd]);
        let window = help(WINDOW_BIN, &[cmd]).replace("partner-lens-window", "partner-lens");
        assert_eq!(window, cli, "`{cmd} --help` differs between the two binaries");
        for sub in commands(&cli) {
            let cli = help(BIN, &[cmd, &sub]);
            let window = help(WINDOW_BIN, &[cmd, &sub]).replace("partner-lens-window", "partner-lens");
            assert_eq!(window, cli, "`{cmd} {sub} --help` differs between the two binaries");
        }
    }
}
