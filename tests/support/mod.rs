//! Helpers for the end-to-end tests: run the real `partner-lens` binary, start its simulator,
//! and talk to the simulator over raw HTTP (never through the project's own client).

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_partner-lens");

/// Test credentials the simulator accepts by default.
pub const TENANT: &str = "contoso.onmicrosoft.com";
pub const CLIENT_ID: &str = "8f6d2c1a-5b3e-4f7a-9c0d-1e2f3a4b5c6d";
pub const SECRET: &str = "sample-secret";

/// A `partner-lens sim` process, stopped when dropped.
pub struct Sim {
    child: Child,
    pub url: String,
    pub home: tempfile::TempDir,
    /// A person's access token it printed (its sample administrator, signed in through its
    /// pages): the APIs take a person's sign-in only.
    pub token: String,
}

impl Sim {
    /// Inline account flags for a command: this simulator, with the person's token.
    pub fn account_args(&self) -> Vec<String> {
        ["--base-url", &self.url, "--authority-url", &self.url, "--token", &self.token]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An isolated app-data folder, so tests never touch a person's real settings.
pub fn home() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

pub fn sim(args: &[&str]) -> Sim {
    let home = home();
    let mut child = Command::new(BIN)
        .args(["sim", "--port", "0"])
        .args(args)
        .env("PARTNER_LENS_HOME", home.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the simulator");
    let stdout = child.stdout.take().expect("stdout");
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader.read_line(&mut first).expect("read the first line");
    let url = first.trim().rsplit(' ').next().unwrap_or_default().to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "unexpected first line: {first:?}");
    let mut token = String::new();
    let mut line = String::new();
    while token.is_empty() && reader.read_line(&mut line).unwrap_or(0) > 0 {
        if let Some(t) = line.trim().strip_prefix("TOKEN=") {
            token = t.to_string();
        }
        line.clear();
    }
    assert!(!token.is_empty(), "the simulator printed no token");
    // Keep reading what it prints, so it never writes into a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    Sim { child, url, home, token }
}

/// Runs `partner-lens` with the secret in the environment.
pub fn run(args: &[&str], home: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .env("PARTNER_LENS_HOME", home)
        .env("PARTNER_LENS_CLIENT_SECRET", SECRET)
        .output()
        .expect("run partner-lens")
}

/// `accounts add NAME --method METHOD` for the IT department's own app at a custom address
/// (`url` serves sign-in and API; nothing needs to answer there for an account only added).
pub fn add_account_args(name: &str, method: &str, url: &str) -> Vec<String> {
    let args = ["accounts", "add", name, "--method", method, "--cloud", "custom", "--authority-url", url];
    let rest = ["--api-url", url, "--tenant", TENANT, "--client-id", CLIENT_ID];
    args.iter().chain(rest.iter()).map(|s| s.to_string()).collect()
}

/// Inline flags for the IT department's app signing in alone with its secret (which today's
/// APIs refuse; for tests of the sign-in itself).
pub fn app_args(url: &str) -> Vec<String> {
    ["--base-url", url, "--authority-url", url, "--tenant", TENANT, "--client-id", CLIENT_ID]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// An app-only token from the simulator's v1 endpoint, over plain HTTP.
pub fn app_token(url: &str) -> String {
    let client = reqwest::blocking::Client::new();
    let v: serde_json::Value = client
        .post(format!("{url}/{TENANT}/oauth2/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT_ID),
            ("client_secret", SECRET),
            ("resource", "https://api.partnercenter.microsoft.com"),
        ])
        .send()
        .and_then(|r| r.json())
        .expect("token");
    v["access_token"].as_str().expect("access_token").to_string()
}

/// `TotalCount` of a data set, asked over raw HTTP.
pub fn total_count(sim: &Sim, path: &str) -> u64 {
    let v: serde_json::Value = reqwest::blocking::Client::new()
        .get(format!("{}{path}?top=1", sim.url))
        .bearer_auth(&sim.token)
        .send()
        .and_then(|r| r.json())
        .expect("page");
    v["TotalCount"].as_u64().expect("TotalCount")
}

/// Reads a CSV written by the app (with its byte-order mark) into header and rows.
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).expect("read csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "CSV must start with a byte-order mark");
    let mut rdr = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let header = rdr.headers().expect("header").iter().map(str::to_string).collect();
    let rows = rdr.records().map(|r| r.expect("record").iter().map(str::to_string).collect()).collect();
    (header, rows)
}

pub fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-output");
    std::fs::create_dir_all(&dir).expect("test-output dir");
    dir
}
