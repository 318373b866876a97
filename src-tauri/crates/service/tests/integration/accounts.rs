//! Accounts as the window sees them, against a simulator over real HTTP: each state in plain
//! words (signed in, needs a new sign-in after 90 idle days, multi-factor required, no access to
//! analytics, can't reach), device-code sign-in, and no secret in any file the app writes.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;

use lens_auth::SignInMethod;
use lens_model::Secret;
use lens_service::account_views::{CloudKind, NewAccount};
use lens_service::accounts::AppCredential;
use lens_service::signins::AccountState;
use lens_service::workspace::Workspace;
use lens_service::{AppPaths, ErrorCode};
use lens_sim::{SimConfig, SimHandle};
use serde_json::json;

const TENANT: &str = "contoso.onmicrosoft.com";
const CLIENT_ID: &str = "8f6d2c1a-5b3e-4f7a-9c0d-1e2f3a4b5c6d";
const SECRET: &str = "sample-secret";
const USER: &str = "alex@contoso.onmicrosoft.com";

async fn sim() -> SimHandle {
    sim_with(SimConfig::default()).await
}

async fn sim_with(cfg: SimConfig) -> SimHandle {
    let cfg = SimConfig { admin: true, ..cfg };
    lens_sim::start(cfg, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.unwrap()
}

fn new(name: &str, url: &str, method: SignInMethod) -> NewAccount {
    NewAccount {
        name: name.into(),
        cloud: CloudKind::Custom,
        authority_url: Some(url.into()),
        api_url: Some(url.into()),
        tenant: TENANT.into(),
        client_id: CLIENT_ID.into(),
        method,
        username: (method == SignInMethod::Password || method == SignInMethod::DeviceCode).then(|| USER.into()),
    }
}

fn files_containing(dir: &Path, needle: &str) -> Vec<std::path::PathBuf> {
    let mut hits = Vec::new();
    for e in walk(dir) {
        if std::fs::read(&e).is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes())) {
            hits.push(e);
        }
    }
    hits
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn each_state_in_plain_words_and_no_secret_on_disk() {
    let sim = sim().await;
    let url = sim.base_url.clone();
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(AppPaths::under(dir.path())).unwrap();
    let http = reqwest::Client::new();

    // An app with its secret signs in, but today's Partner Center takes a person's sign-in
    // only: it can read nothing, and says why.
    let app = ws
        .add_account(
            new("Contoso app", &url, SignInMethod::AppSecret),
            Some(AppCredential::Secret(Secret::new(SECRET.to_string()))),
        )
        .unwrap();
    assert_eq!(app.state, AccountState::Unknown, "not checked yet");
    let app = ws.check_account(&app.id).await.unwrap();
    assert_eq!(app.state, AccountState::NoAccess);
    let lines: Vec<String> = app.access.iter().map(|l| l.text.clone()).collect();
    assert!(lines.iter().any(|l| l.contains("accepts a person's sign-in only")), "{lines:?}");
    assert!(app.warning.is_none());

    // Where the service still took app-only tokens (2018's rules): signed in as the app, and
    // "No access to analytics" without a role.
    let old = sim_with(SimConfig { app_only: true, ..SimConfig::default() }).await;
    let app2018 = ws
        .add_account(
            new("Contoso app 2018", &old.base_url, SignInMethod::AppSecret),
            Some(AppCredential::Secret(Secret::new(SECRET.to_string()))),
        )
        .unwrap();
    let checked = ws.check_account(&app2018.id).await.unwrap();
    assert_eq!(checked.state, AccountState::SignedIn { who: format!("the app {CLIENT_ID}") });
    http.put(format!("{}/_sim/access", old.base_url)).json(&json!({"denied": [CLIENT_ID]})).send().await.unwrap();
    assert_eq!(ws.check_account(&app2018.id).await.unwrap().state, AccountState::NoAccess);

    // A password where the tenant enforces multi-factor sign-in (AADSTS50076).
    let pw = ws.add_account(new("Contoso ops", &url, SignInMethod::Password), None).unwrap();
    assert_eq!(pw.state, AccountState::NeedsSignIn, "never signed in");
    let e = ws.sign_in_password(&pw.id, "sample-password".into()).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::MfaRequired);
    assert!(e.message.contains("Sign in with your browser"), "{}", e.message);
    assert_eq!(ws.account_view(&pw.id).unwrap().state, AccountState::MfaRequired);

    // Nothing listens there: "Can't reach Partner Center".
    let gone = ws
        .add_account(
            new("Nowhere", "http://127.0.0.1:9", SignInMethod::AppSecret),
            Some(AppCredential::Secret(Secret::new("x".to_string()))),
        )
        .unwrap();
    assert_eq!(ws.check_account(&gone.id).await.unwrap().state, AccountState::Offline);

    // A person with a code on another device: signed in as the user the token names.
    let person = ws.add_account(new("Contoso EU", &url, SignInMethod::DeviceCode), None).unwrap();
    let code = ws.start_device_sign_in(&person.id).await.unwrap();
    assert!(code.verification_uri.starts_with(&url));
    let id = person.id.clone();
    let waiting = tokio::spawn(async move { ws.finish_device_sign_in(&id, "job").await.map(|v| (v, ws)) });
    let page = format!("{url}/devicelogin?user_code={}", code.user_code);
    let ended = lens_sim::browser::sign_in(&page, &sim.person()).await.unwrap();
    assert!(matches!(ended, lens_sim::browser::Ending::Page(t) if t.contains("signed in")));
    let (view, ws) = waiting.await.unwrap().unwrap();
    assert_eq!(view.state, AccountState::SignedIn { who: USER.into() });

    // 91 days without use: the refresh token has expired (AADSTS700082).
    http.post(format!("{url}/_sim/clock/advance")).json(&json!({"seconds": 91 * 86_400})).send().await.unwrap();
    let expired = ws.check_account(&person.id).await.unwrap();
    assert_eq!(expired.state, AccountState::NeedsSignIn);
    assert_eq!(expired.warning.as_deref(), Some("Contoso EU needs you to sign in again."));
    // Signing out forgets the tokens.
    ws.sign_out(&app.id).unwrap();
    assert_eq!(ws.account_view(&app.id).unwrap().state, AccountState::NeedsSignIn);

    // No token, secret or password in any file the app wrote (the vault holds them encrypted).
    let issued: serde_json::Value = http.get(format!("{url}/_sim/issued")).send().await.unwrap().json().await.unwrap();
    let mut needles: Vec<String> =
        issued["tokens"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect();
    assert!(needles.len() >= 3, "tokens were issued: {needles:?}");
    needles.extend([SECRET.to_string(), "sample-password".to_string()]);
    for n in &needles {
        let hits = files_containing(dir.path(), n);
        assert!(hits.is_empty(), "a secret is readable in {hits:?}");
    }
}
