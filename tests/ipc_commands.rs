//! The window's commands over Tauri's IPC (on the mock runtime, no window): what the window
//! receives when the server sends a broken page, cannot be reached, or refuses the token is a
//! `{code, message, action, detail}` it can show in plain words, never a panic.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use lens_auth::Cloud;
use lens_client::{AccessToken, StaticToken};
use lens_model::Secret;
use lens_service::workspace::{api_client, app_client};
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
        method: SignInMethod::AppSecret,
        username: None,
        sample: false,
    }
}

/// A workspace in a folder of its own, with a client for the account "acct".
fn workspace(client: lens_service::Client) -> (Arc<Workspace>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(AppPaths { data: dir.path().join("data"), logs: dir.path().join("logs") }).unwrap();
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
    let (ws, _dir) = workspace(app_client(&account(&s.base_url), Secret::new("sample-secret")).unwrap());
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
    let (ws, _dir) = workspace(app_client(&account(&s.base_url), Secret::new("sample-secret")).unwrap());
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
