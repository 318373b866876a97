//! A panic leaves a readable crash report in the logs folder (issue 12): a child process (this
//! test binary again, running the ignored `crash_report::panicker`) installs the app's hook and
//! panics while a secret is in hand; the report says what failed and where, and the secret is
//! not in it.

use lens_model::secret::Secret;

const DIR_ENV: &str = "PARTNER_LENS_CRASH_REPORT_DIR";
const TOKEN: &str = "eyJ0eXAi.crash-report-token.sig";

#[test]
#[ignore = "run by a_panic_leaves_a_report_without_secrets in a child process"]
fn panicker() {
    let Some(dir) = std::env::var_os(DIR_ENV) else { return };
    lens_service::crash::install(dir.into());
    let token = Secret::new(TOKEN);
    panic!("the page could not be read while signed in with {token}");
}

#[test]
fn a_panic_leaves_a_report_without_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["crash_report::panicker", "--exact", "--ignored", "--test-threads=1", "-q"])
        .env(DIR_ENV, dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success(), "the child panicked");
    let reports = lens_service::crash::reports(dir.path());
    assert_eq!(reports.len(), 1, "one report in {}", dir.path().display());
    let text = std::fs::read_to_string(&reports[0].path).unwrap();
    assert!(text.starts_with("Partner Lens stopped unexpectedly."), "{text}");
    assert!(text.contains("What: the page could not be read while signed in with <redacted>"), "{text}");
    assert!(text.contains("Where: src-tauri/crates/service/tests/integration/crash_report.rs:"), "{text}");
    assert!(text.contains("Backtrace:"), "{text}");
    assert!(!text.contains(TOKEN), "the secret is not in the report");
}
