//! The window's commands over Tauri's IPC (on the mock runtime, no window): what the window
//! receives when the server sends a broken page, cannot be reached, or refuses the token is a
//! `{code, message, action, detail}` it can show in plain words, never a panic.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use lens_auth::Cloud;
use lens_client::{AccessToken, StaticToken};
use lens_model::Secret;
use lens_service::workspace::{api_client, app_client};
use lens_service::{Account, SignInMethod, Workspace};
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

fn window(ws: Arc<Workspace>) -> WebviewWindow<MockRuntime> {
    let builder = bindings::builder::<MockRuntime>();
    let app = mock_builder()
        .invoke_handler(builder.invoke_handler())
        .manage(AppState { ws })
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
        json!({"accountId": "acct", "dataset": "subscriptions", "jobId": "j1", "onProgress": "__CHANNEL__:1"}),
    )
}

fn sim(faults: FaultSpec, rows: usize) -> lens_sim::SimHandle {
    let cfg = SimConfig { subscriptions: rows, faults, ..SimConfig::default() };
    tauri::async_runtime::block_on(lens_sim::start(cfg, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))).unwrap()
}

#[test]
fn load_then_ask_answers_with_a_table_and_a_chart() {
    let s = sim(FaultSpec::default(), 600);
    let ws = Arc::new(Workspace::default());
    let acct = account(&s.base_url);
    ws.add(acct.clone(), app_client(&acct, Secret::new("sample-secret")).unwrap());
    let w = window(ws);

    let early = invoke(&w, "ask", json!({"accountId": "acct", "dataset": "subscriptions", "question": {"filter": null, "groupBy": [], "date": null, "metrics": [], "sort": null, "top": null, "fillGaps": false, "change": false}})).unwrap_err();
    assert_eq!(early["code"], "not_loaded");

    let report = load(&w).unwrap();
    assert_eq!(report["rows"], 600);
    assert_eq!(report["total"], 600);
    let q = json!({"filter": "status eq 'ACTIVE'", "groupBy": ["subscriptionType"], "date": {"field": "creationDate", "period": "month"},
        "metrics": [{"kind": "count"}], "sort": null, "top": null, "fillGaps": false, "change": false});
    let answer = invoke(&w, "ask", json!({"accountId": "acct", "dataset": "subscriptions", "question": q})).unwrap();
    assert_eq!(answer["table"]["columns"][0]["name"], "creationDate");
    assert!(answer["chart"]["series"].as_array().unwrap().iter().any(|s| s["name"] == "Office"));

    let bad = json!({"filter": "status gt", "groupBy": [], "date": null, "metrics": [], "sort": null, "top": null, "fillGaps": false, "change": false});
    let err = invoke(&w, "ask", json!({"accountId": "acct", "dataset": "subscriptions", "question": bad})).unwrap_err();
    assert_eq!(err["code"], "bad_filter");
    assert_eq!(err["action"], "editFilter");
}

#[test]
fn a_malformed_page_reaches_the_window_as_a_plain_error() {
    let s = sim(FaultSpec { malformed_page: Some(2), ..FaultSpec::default() }, 25_000);
    let ws = Arc::new(Workspace::default());
    let acct = account(&s.base_url);
    ws.add(acct.clone(), app_client(&acct, Secret::new("sample-secret")).unwrap());
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
    let ws = Arc::new(Workspace::default());
    let acct = account("http://127.0.0.1:9");
    ws.add(acct.clone(), api_client(&acct, Arc::new(StaticToken(AccessToken::bearer("t")))).unwrap());
    let err = load(&window(ws)).unwrap_err();
    assert_eq!(err["code"], "unreachable");
    assert!(err["message"].as_str().unwrap().contains("could not be reached"), "{err}");
}

#[test]
fn a_refused_token_asks_the_person_to_sign_in() {
    let s = sim(FaultSpec::default(), 600);
    let ws = Arc::new(Workspace::default());
    let acct = account(&s.base_url);
    ws.add(acct.clone(), api_client(&acct, Arc::new(StaticToken(AccessToken::bearer("forged")))).unwrap());
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
