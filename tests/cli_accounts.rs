//! Accounts and sign-in from the command line, with a real Secret Service (run by ./dev test in
//! a private D-Bus session), against `partner-lens sim`: device-code and browser sign-in, then
//! fetches with the saved sign-in; and nothing secret in the app-data folder or the log.

mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use support::*;

fn cmd(home: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.env("PARTNER_LENS_HOME", home).env("PARTNER_LENS_LOG", "debug").env_remove("PARTNER_LENS_CLIENT_SECRET");
    c
}

fn ok(o: std::process::Output) -> String {
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(o.status.success(), "{out}\n{}", String::from_utf8_lossy(&o.stderr));
    out
}

fn every_file(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() { v.extend(every_file(&p)) } else { v.push(p) }
        }
    }
    v
}

#[test]
fn sign_in_save_fetch_and_never_leave_a_secret_on_disk() {
    let sim = sim(&["--admin", "--scale", "2000"]);
    let home = support::home();
    let h = home.path();
    let url = sim.url.clone();
    let custom =
        ["--cloud", "custom", "--authority-url", &url, "--api-url", &url, "--tenant", TENANT, "--client-id", CLIENT_ID];

    // An app account: the secret comes from the environment and goes to the keyring-backed vault.
    let o = cmd(h)
        .args(["accounts", "add", "Contoso App", "--method", "app"])
        .args(custom)
        .env("PARTNER_LENS_CLIENT_SECRET", SECRET)
        .output()
        .unwrap();
    let out = ok(o);
    assert!(out.contains("id contoso-app"), "{out}");
    // A person's account signing in with a device code.
    ok(cmd(h).args(["accounts", "add", "Contoso EU", "--method", "device"]).args(custom).output().unwrap());
    let list = ok(cmd(h).args(["accounts", "list"]).output().unwrap());
    assert!(list.contains("contoso-eu") && list.contains("not signed in"), "{list}");
    assert!(!list.contains("Note:"), "the keyring is available here: {list}");

    let mut signin = cmd(h).args(["signin", "contoso-eu"]).stdout(Stdio::piped()).spawn().unwrap();
    let mut lines = BufReader::new(signin.stdout.take().unwrap()).lines();
    let message = lines.next().unwrap().unwrap();
    let code = message.split("enter the code ").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    let page = reqwest::blocking::get(format!("{url}/devicelogin?user_code={code}")).unwrap();
    assert_eq!(page.status(), 200);
    assert!(signin.wait().unwrap().success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.starts_with("Signed in to Contoso EU")), "{rest:?}");

    // Both accounts fetch with what was saved.
    for account in ["contoso-eu", "contoso-app"] {
        let out = h.join(format!("{account}.parquet"));
        let o = cmd(h)
            .args(["fetch", "subscriptions", "--account", account, "--out", out.to_str().unwrap()])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{stderr}");
        assert!(stderr.contains("Fetched 2000 of 2000 rows"), "{stderr}");
    }
    // The browser sign-in, with curl playing the browser (it follows the redirect back to the
    // app's loopback listener).
    ok(cmd(h).args(["accounts", "add", "Contoso US", "--method", "browser"]).args(custom).output().unwrap());
    let o =
        cmd(h).args(["signin", "contoso-us"]).env("PARTNER_LENS_BROWSER", "curl -s -L -o /dev/null").output().unwrap();
    let out = ok(o);
    assert!(out.contains("Signed in to Contoso US"), "{out}");
    assert!(
        ok(cmd(h).args(["accounts", "list"]).output().unwrap()).lines().filter(|l| l.contains("(signed in)")).count()
            == 3
    );

    // No token the simulator ever issued, and not the client secret, is readable anywhere in
    // the app-data folder: settings, vault, logs.
    let issued: serde_json::Value = reqwest::blocking::get(format!("{url}/_sim/issued")).unwrap().json().unwrap();
    let mut secrets: Vec<String> =
        issued["tokens"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect();
    assert!(secrets.len() >= 4, "tokens were issued: {}", secrets.len());
    secrets.push(SECRET.to_string());
    let files = every_file(h);
    assert!(files.iter().any(|f| f.to_string_lossy().contains("logs")), "a log was written: {files:?}");
    assert!(files.iter().any(|f| f.ends_with("secrets.bin")));
    for f in &files {
        let text = String::from_utf8_lossy(&std::fs::read(f).unwrap()).to_string();
        for s in &secrets {
            // Tokens are long; 32 characters of one are unmistakable.
            let needle = &s[..s.len().min(32)];
            assert!(!text.contains(needle), "{} contains a secret", f.display());
        }
    }

    ok(cmd(h).args(["accounts", "remove", "contoso-eu"]).output().unwrap());
    let o = cmd(h).args(["fetch", "subscriptions", "--account", "contoso-eu", "--out", "x.csv"]).output().unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("There is no account"));
}

/// Issue 12, found by trying: without a keyring, `accounts add --method app` succeeded, then
/// `signin NAME` answered "not signed in, sign in again" in a loop, even with the secret in the
/// environment (secrets last one process there).
#[test]
fn without_a_keyring_an_app_account_signs_in_with_the_secret_from_the_environment() {
    let sim = sim(&["--scale", "300"]);
    let home = support::home();
    let h = home.path();
    let url = sim.url.clone();
    let custom =
        ["--cloud", "custom", "--authority-url", &url, "--api-url", &url, "--tenant", TENANT, "--client-id", CLIENT_ID];
    // No D-Bus session: no Secret Service, as on a server or a bare container.
    let bare = |c: &mut Command| {
        c.env_remove("DBUS_SESSION_BUS_ADDRESS").env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    };
    let mut add = cmd(h);
    add.args(["accounts", "add", "Bare", "--method", "app"]).args(custom).env("PARTNER_LENS_CLIENT_SECRET", SECRET);
    bare(&mut add);
    let o = add.output().unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("keyring"), "the missing keyring is said");
    ok(o);

    let mut signin = cmd(h);
    signin.args(["signin", "bare"]).env("PARTNER_LENS_CLIENT_SECRET", SECRET);
    bare(&mut signin);
    assert!(ok(signin.output().unwrap()).contains("Signed in to Bare"));

    let out = h.join("bare.csv");
    let mut fetch = cmd(h);
    fetch
        .args(["fetch", "subscriptions", "--account", "bare", "--out", out.to_str().unwrap()])
        .env("PARTNER_LENS_CLIENT_SECRET", SECRET);
    bare(&mut fetch);
    let o = fetch.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(read_csv(&out).1.len(), 300);

    // Without the secret, the advice is one that works.
    let mut again = cmd(h);
    again.args(["signin", "bare"]);
    bare(&mut again);
    let o = again.output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(stderr.contains("PARTNER_LENS_CLIENT_SECRET"), "{stderr}");
}
