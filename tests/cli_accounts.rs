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

    // An app account: the secret comes from the environment and goes to the keyring-backed vault
    // (it signs in, though today's Partner Center reads nothing for an app alone: below).
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
    // The person, on another device, answers the sign-in pages.
    let page = format!("{url}/devicelogin?user_code={code}");
    assert!(ok(Command::new(BIN).args(["sim-sign-in", &page]).output().unwrap()).contains("You're signed in"));
    assert!(signin.wait().unwrap().success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.starts_with("Signed in to Contoso EU")), "{rest:?}");

    // The person's account fetches with what was saved; the app's is refused, in plain words.
    let out = h.join("contoso-eu.parquet");
    let o = cmd(h)
        .args(["fetch", "subscriptions", "--account", "contoso-eu", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("Fetched 2000 of 2000 rows"), "{stderr}");
    let o = cmd(h).args(["fetch", "subscriptions", "--account", "contoso-app", "--out", "app.csv"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("accepts a person's sign-in only"), "{stderr}");
    // The browser sign-in, with the simulator's own "browser" answering its pages and going
    // back to the app's loopback listener.
    ok(cmd(h).args(["accounts", "add", "Contoso US", "--method", "browser"]).args(custom).output().unwrap());
    let browser = format!("{BIN} sim-sign-in");
    let o = cmd(h).args(["signin", "contoso-us"]).env("PARTNER_LENS_BROWSER", &browser).output().unwrap();
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
    // The 2018 rules, under which an app alone could read analytics.
    let sim = sim(&["--scale", "300", "--app-only"]);
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

/// `partner-lens accounts add` with nothing else: the browser, the work account, and the
/// account made from the sign-in, named after the organisation, with what it can read.
#[test]
fn accounts_add_alone_signs_in_with_the_work_account() {
    let sim = sim(&["--scale", "300"]);
    let home = support::home();
    let h = home.path();
    // A build without its own application ID says so, and no browser opens.
    let o = cmd(h)
        .args(["accounts", "add"])
        .env("PARTNER_LENS_BROWSER", "false")
        .env_remove("PARTNER_LENS_CLIENT_ID")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("built without its own Microsoft sign-in"), "{stderr}");

    // The simulator standing in for Microsoft, and its public client as the build's own.
    let with_sim = |c: &mut Command| {
        c.env("PARTNER_LENS_CLIENT_ID", "5e1b7c3a-9d24-4f6e-b8a1-2c7d0f4e9a63")
            .env("PARTNER_LENS_AUTHORITY_URL", &sim.url)
            .env("PARTNER_LENS_API_URL", &sim.url);
    };
    let mut add = cmd(h);
    add.args(["accounts", "add"])
        .env("PARTNER_LENS_BROWSER", format!("{BIN} sim-sign-in --user sam@contoso.onmicrosoft.com"));
    with_sim(&mut add);
    let out = ok(add.output().unwrap());
    assert!(out.contains("Signed in to Contoso Ltd as sam@contoso.onmicrosoft.com (id contoso-ltd)."), "{out}");
    assert!(out.contains("✓ Reads all of Partner Center's analytics."), "{out}");
    assert!(
        out.contains("✗ Revenue is hidden: ask your Partner Center admin for the Executive report viewer role."),
        "{out}"
    );
    let o = cmd(h)
        .args(["fetch", "search", "--account", "contoso-ltd", "--out", h.join("s.csv").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // An organisation whose administrator must approve the app first: the link to send them.
    let mut add = cmd(h);
    add.args(["accounts", "add"])
        .env("PARTNER_LENS_BROWSER", format!("{BIN} sim-sign-in --user lee@adatum.onmicrosoft.com"));
    with_sim(&mut add);
    let o = add.output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("administrator to approve Partner Lens"), "{stderr}");
    assert!(stderr.contains(&format!("{}/organizations/v2.0/adminconsent?client_id=5e1b7c3a", sim.url)), "{stderr}");
}
