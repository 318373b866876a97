//! The window's commands over Tauri's IPC (on the mock runtime, no window): what the window
//! receives when the server sends a broken page, cannot be reached, or refuses the token is a
//! `{code, message, action, detail}` it can show in plain words, never a panic.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use lens_auth::Cloud;
use lens_client::{AccessToken, StaticToken};
use lens_service::workspace::api_client;
use lens_service::{Account, AppPaths, SignInMethod, Workspace};
use lens_sim::{FaultSpec, SimConfig};
use partner_lens::app::{AppState, bindings};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

fn account(url: &str) -> Account {
    Account {
        id: "acct".into(),
        name: "Test".into(),
        cloud: Cloud::Custom { authority_url: url.into(), api_url: url.into() },
        tenant: "contoso.onmicrosoft.com".into(),
        client_id: "8f6d2c1a-5b3e-4f7a-9c0d-1e2f3a4b5c6d".into(),
        method: SignInMethod::Browser,
        username: Some("alex@contoso.onmicrosoft.com".into()),
        sample: false,
    }
}

/// A workspace in a folder of its own, with a client for the account "acct".
fn workspace(client: lens_service::Client) -> (Arc<Workspace>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(AppPaths::under(dir.path())).unwrap();
    ws.add_client("acct", client);
    (Arc::new(ws), dir)
}

fn window(ws: Arc<Workspace>) -> WebviewWindow<MockRuntime> {
    let builder = bindings::builder::<MockRuntime>();
    let app = mock_builder()
        .invoke_handler(builder.invoke_handler())
        .manage(AppState::new(ws, None))
        .build(mock_context(noop_assets()))
        .expect("mock app");
    WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("mock window")
}

fn invoke(w: &WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
    get_ipc_response(
        w,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

fn load(w: &WebviewWindow<MockRuntime>) -> Result<Value, Value> {
    invoke(
        w,
        "load_dataset",
        json!({"accountId": "acct", "dataset": "subscriptions", "serviceFilter": null, "jobId": "j1", "onProgress": "__CHANNEL__:1"}),
    )
}

fn sim(faults: FaultSpec, rows: usize) -> lens_sim::SimHandle {
    let cfg = SimConfig { subscriptions: rows, faults, ..SimConfig::default() };
    tauri::async_runtime::block_on(lens_sim::start(cfg, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))).unwrap()
}

/// A client signed in as the simulator's first person (its pages answered, as a person does).
fn person_client(s: &lens_sim::SimHandle) -> lens_service::Client {
    let token = tauri::async_runtime::block_on(s.user_token()).unwrap();
    api_client(&account(&s.base_url), Arc::new(StaticToken(AccessToken::bearer(token)))).unwrap()
}

fn view(filters: Value) -> Value {
    json!({"dataset": "subscriptions", "filters": filters, "groupBy": ["subscriptionType"],
        "date": {"field": "creationDate", "period": "month"}, "metrics": [{"kind": "count"}]})
}

fn explore(w: &WebviewWindow<MockRuntime>, filters: Value) -> Result<Value, Value> {
    invoke(w, "explore", json!({"accountId": "acct", "view": view(filters), "today": "2026-11-21"}))
}

#[test]
fn load_then_explore_answers_in_words_with_a_chart() {
    let s = sim(FaultSpec::default(), 600);
    let (ws, _dir) = workspace(person_client(&s));
    let w = window(ws);
    let early = explore(&w, json!([])).unwrap_err();
    assert_eq!(early["code"], "not_loaded");

    let report = load(&w).unwrap();
    assert_eq!(report["rows"], 600);
    assert_eq!(report["total"], 600);
    let active = json!([{"kind": "values", "field": "status", "values": ["ACTIVE"], "exclude": false}]);
    let answer = explore(&w, active).unwrap();
    assert_eq!(answer["columns"][0]["label"], "Creation date");
    assert_eq!(answer["columns"][2]["label"], "Subscriptions");
    assert!(answer["chart"]["series"].as_array().unwrap().iter().any(|s| s["name"] == "Office"));
    assert!(answer["source"]["localFilter"].as_str().unwrap().contains("status eq 'ACTIVE'"), "{answer}");

    let bad = json!([{"kind": "text", "text": "status gt"}]);
    let err = explore(&w, bad).unwrap_err();
    assert_eq!(err["code"], "bad_filter");
    assert_eq!(err["action"], "editFilter");
    let err =
        invoke(&w, "parse_filter_text", json!({"dataset": "subscriptions", "text": "status eq 'A' or"})).unwrap_err();
    assert_eq!(err["code"], "bad_filter");
    assert!(err["detail"].as_str().unwrap().contains("character"), "{err}");
    // Opening a file the person did not choose is refused.
    let err = invoke(&w, "open_path", json!({"path": "/etc/passwd"})).unwrap_err();
    assert_eq!(err["code"], "usage");
}

#[test]
fn a_malformed_page_reaches_the_window_as_a_plain_error() {
    let s = sim(FaultSpec { malformed_page: Some(2), ..FaultSpec::default() }, 25_000);
    let (ws, _dir) = workspace(person_client(&s));
    let err = load(&window(ws)).unwrap_err();
    assert_eq!(err["code"], "bad_response");
    assert_eq!(err["action"], "retry");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .starts_with("Page 2 of the data: Partner Center sent a page that could not be read"),
        "{err}"
    );
    assert!(err["detail"].as_str().unwrap().contains("request id"), "{err}");
}

#[test]
fn an_unreachable_server_reaches_the_window_as_a_plain_error() {
    let acct = account("http://127.0.0.1:9");
    let (ws, _dir) = workspace(api_client(&acct, Arc::new(StaticToken(AccessToken::bearer("t")))).unwrap());
    let err = load(&window(ws)).unwrap_err();
    assert_eq!(err["code"], "unreachable");
    assert!(err["message"].as_str().unwrap().contains("could not be reached"), "{err}");
}

#[test]
fn a_refused_token_asks_the_person_to_sign_in() {
    let s = sim(FaultSpec::default(), 600);
    let acct = account(&s.base_url);
    let (ws, _dir) = workspace(api_client(&acct, Arc::new(StaticToken(AccessToken::bearer("forged")))).unwrap());
    let err = load(&window(ws)).unwrap_err();
    assert_eq!(err["code"], "sign_in_required");
    assert_eq!(err["action"], "signIn");
    assert!(!err.to_string().contains("forged"), "the token must never be echoed: {err}");
}

/// The TypeScript bindings the UI imports are generated from these commands; a change to a
/// command that is not carried into the committed file fails here (and so in CI).
#[test]
fn committed_bindings_match_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    bindings::export(&fresh).unwrap();
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/backend/bindings.ts");
    let want = std::fs::read_to_string(&fresh).unwrap();
    let have = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(want == have, "ui/src/backend/bindings.ts is out of date with the Rust commands. Run: ./dev bindings");
}

/// Every command the window can call, read from the bindings generated from the command
/// registry (so a new command is covered without editing this test), with its argument names.
fn registry() -> Vec<(String, Vec<String>)> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bindings.ts");
    bindings::export(&file).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let mut out = Vec::new();
    for part in text.split("TAURI_INVOKE(\"").skip(1) {
        let (name, rest) = part.split_once('"').unwrap();
        let call = rest.split(')').next().unwrap_or_default();
        let args = match call.split_once('{') {
            Some((_, a)) => {
                a.trim_end_matches('}').split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
            }
            None => Vec::new(),
        };
        out.push((name.to_string(), args));
    }
    out
}

/// A plausible value for an argument, so a bad value in one argument reaches the checks behind
/// the others. Accounts are unknown on purpose: nothing here goes to a network.
fn base(arg: &str) -> Value {
    match arg {
        "accountId" => json!("nobody"),
        "dataset" => json!("subscriptions"),
        "today" => json!("2026-11-21"),
        "view" => view(json!([])),
        "jobId" => json!("job"),
        "onProgress" => json!("__CHANNEL__:1"),
        "name" => json!("A view"),
        "chips" => json!([]),
        _ => Value::Null,
    }
}

/// Commands that open a native dialog or ask the person something: on the mock runtime there
/// is no one to answer, so they are called with bad input only where it is refused first.
const DIALOGS: &[&str] = &["choose_certificate_file", "choose_folder"];

fn invoke_with_timeout(w: &WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Option<Result<Value, Value>> {
    let (tx, rx) = std::sync::mpsc::channel();
    let (w, cmd) = (w.clone(), cmd.to_string());
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| invoke(&w, &cmd, body)));
        let _ = tx.send(r);
    });
    match rx.recv_timeout(std::time::Duration::from_secs(30)) {
        Ok(Ok(r)) => Some(r),
        Ok(Err(_)) => Some(Err(json!("PANICKED"))),
        Err(_) => None,
    }
}

/// Issue 12: every command with wrong types, empty values, a 10 MB string, NUL bytes,
/// right-to-left marks and path traversal gets a plain answer; none panics or hangs, and
/// nothing is written outside the app's folders.
#[test]
fn every_command_answers_bad_input_in_words_and_writes_nothing_outside() {
    let (ws, dir) =
        workspace(api_client(&account("http://127.0.0.1:9"), Arc::new(StaticToken(AccessToken::bearer("t")))).unwrap());
    let w = window(ws);
    let big = "x".repeat(10 << 20);
    let bad: Vec<Value> = vec![
        json!(42),
        json!(-1),
        json!(1e308),
        json!(true),
        json!([]),
        json!({}),
        Value::Null,
        json!(""),
        json!("\0"),
        json!("a\0b"),
        json!("\u{202E}gnp.exe\u{202C}"),
        json!("../../etc/passwd"),
        json!("/etc/passwd"),
        json!("..\\..\\Windows\\win.ini"),
        json!({"__proto__": {"polluted": true}}),
    ];
    let passwd = std::fs::read("/etc/passwd").ok();
    let here = std::env::current_dir().unwrap();
    // Other tests make temporary folders (`.tmpXXXXXX`) beside a checkout in /tmp while this
    // runs; anything else new there would have come from here.
    let listing = |d: &std::path::Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with(".tmp"))
            .collect();
        v.sort();
        v
    };
    let before = (listing(&here), listing(here.parent().unwrap()));
    let commands = registry();
    assert!(commands.len() >= 50, "the registry was read: {} commands", commands.len());
    let (mut calls, mut refused, mut accepted) = (0, 0, 0);
    let mut problems = Vec::new();
    for (cmd, args) in &commands {
        let mut bodies: Vec<Value> = Vec::new();
        let basic: serde_json::Map<String, Value> = args.iter().map(|a| (a.clone(), base(a))).collect();
        bodies.push(Value::Object(basic.clone()));
        bodies.push(json!({}));
        for a in args {
            for (i, v) in bad.iter().enumerate() {
                if DIALOGS.contains(&cmd.as_str()) && i > 0 {
                    continue;
                }
                let mut b = basic.clone();
                b.insert(a.clone(), v.clone());
                bodies.push(Value::Object(b));
            }
            let mut b = basic.clone();
            b.insert(a.clone(), json!(big));
            bodies.push(Value::Object(b));
        }
        if DIALOGS.contains(&cmd.as_str()) || cmd == "choose_save_path" {
            // Only what is refused before a dialog opens.
            bodies.retain(|b| b.get("kind").is_some_and(|k| k != "csv" && k != "xlsx" && k != "png" && k != "svg"));
        }
        for body in bodies {
            calls += 1;
            match invoke_with_timeout(&w, cmd, body.clone()) {
                None => problems.push(format!("{cmd}: no answer in 30 s")),
                Some(Ok(_)) => accepted += 1,
                Some(Err(e)) => {
                    refused += 1;
                    let plain = match &e {
                        Value::Object(o) => o.get("message").and_then(Value::as_str).is_some_and(|m| !m.is_empty()),
                        // Tauri's own refusal of an argument of the wrong type, before our code.
                        Value::String(s) => {
                            s.starts_with("invalid args")
                                || s.starts_with("invalid channel value")
                                || s.contains("missing required key")
                        }
                        _ => false,
                    };
                    let text = e.to_string();
                    if !plain || text.contains("PANICKED") || text.contains("panicked") {
                        let shown: String = text.chars().take(200).collect();
                        problems.push(format!("{cmd}: {shown}"));
                    }
                }
            }
        }
    }
    eprintln!(
        "{} commands, {calls} calls: {refused} refused in words, {accepted} accepted, {} problems",
        commands.len(),
        problems.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(std::fs::read("/etc/passwd").ok(), passwd, "/etc/passwd untouched");
    assert_eq!((listing(&here), listing(here.parent().unwrap())), before, "nothing new beside the app");
    drop(dir);
}
