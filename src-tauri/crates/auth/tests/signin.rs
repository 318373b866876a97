//! Sign-in end to end against the simulator's authority, the test playing the browser.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use lens_auth::provider::{AppIdentity, SessionTokens};
use lens_auth::signin::{browser, device, password};
use lens_client::{Call, Client, ClientConfig, ErrorKind, TokenProvider};
use lens_model::Secret;
use lens_model::clock::{ManualClock, SystemClock};
use lens_sim::{SimConfig, SimHandle};
use tokio_util::sync::CancellationToken;

async fn sim(cfg: SimConfig) -> SimHandle {
    lens_sim::start(SimConfig { admin: true, ..cfg }, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.unwrap()
}

fn app(sim: &SimHandle) -> AppIdentity {
    AppIdentity {
        authority: sim.base_url.clone(),
        tenant: "organizations".into(),
        client_id: "8f6d2c1a-5b3e-4f7a-9c0d-1e2f3a4b5c6d".into(),
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// What the "browser" finally showed: status and page.
type Shown = tokio::sync::oneshot::Receiver<(u16, String)>;

/// The "browser": the sample person answers the sign-in pages, which send it back to the
/// app's loopback listener, optionally tampering with the state on the way. Returns what the
/// browser finally showed.
fn play_browser(sim: &SimHandle, tamper: bool) -> (impl FnOnce(&url::Url) -> Result<(), String>, Shown) {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let who = sim.person();
    let open = move |url: &url::Url| {
        let url = url.clone();
        tokio::spawn(async move {
            let http = reqwest::Client::new();
            let ended = lens_sim::browser::sign_in(url.as_str(), &who).await.unwrap();
            let lens_sim::browser::Ending::Redirect(to) = ended else { panic!("the pages ended on {ended:?}") };
            let mut back = url::Url::parse(&to).unwrap();
            if tamper {
                let pairs: Vec<(String, String)> = back
                    .query_pairs()
                    .map(|(k, v)| {
                        let forged = k == "state";
                        (k.into_owned(), if forged { "forged".into() } else { v.into_owned() })
                    })
                    .collect();
                back.query_pairs_mut().clear().extend_pairs(pairs);
            }
            let page = http.get(back).send().await.unwrap();
            let _ = tx.send((page.status().as_u16(), page.text().await.unwrap()));
        });
        Ok(())
    };
    (open, rx)
}

#[tokio::test]
async fn browser_sign_in_with_pkce_then_the_session_fetches_data() {
    let sim = sim(SimConfig::default()).await;
    let http = reqwest::Client::new();
    let (open, shown) = play_browser(&sim, false);
    let tokens = browser::sign_in(&http, &app(&sim), open, Duration::from_secs(30), &CancellationToken::new(), now)
        .await
        .unwrap();
    let (status, page) = shown.await.unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("You're signed in"));
    assert!(tokens.refresh_token.is_some());

    // The session works with the API (the interactive sign-in satisfied MFA), renewing with
    // the refresh token when the access token is near its end.
    let rotated = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let r2 = rotated.clone();
    let clock = ManualClock::at(now());
    let session = Arc::new(SessionTokens::user(
        http.clone(),
        &app(&sim),
        tokens,
        Some(Arc::new(move |s: &Secret| r2.lock().unwrap().push(s.expose().to_string()))),
        clock.clone(),
    ));
    let client = Client::new(ClientConfig::new(sim.base_url.parse().unwrap()), session.clone()).unwrap();
    let q = lens_client::analytics::query(lens_model::dataset::DatasetId::Subscriptions, None, &[], None).unwrap();
    let mut rows = 0;
    client
        .fetch_rows(
            &q,
            &mut |b: lens_model::Batch| {
                rows += b.rows;
                Ok(())
            },
            &|_| {},
            &Call::default(),
        )
        .await
        .unwrap();
    assert_eq!(rows, 600);
    assert_eq!(session.tokens_acquired().await, 0, "the sign-in's own token was used");
    clock.advance(3400);
    session.token().await.unwrap();
    assert_eq!(session.tokens_acquired().await, 1, "renewed five minutes before expiry");
    assert_eq!(rotated.lock().unwrap().len(), 1, "the rotated refresh token was handed over for safe keeping");
}

#[tokio::test]
async fn a_wrong_state_is_refused() {
    let sim = sim(SimConfig::default()).await;
    let (open, shown) = play_browser(&sim, true);
    let e = browser::sign_in(
        &reqwest::Client::new(),
        &app(&sim),
        open,
        Duration::from_secs(30),
        &CancellationToken::new(),
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::SignInFailed);
    assert!(e.message.contains("did not match"), "{}", e.message);
    let (status, page) = shown.await.unwrap();
    assert_eq!(status, 400);
    assert!(page.contains("Sign-in didn't finish"));
}

#[tokio::test]
async fn a_browser_that_never_comes_back_times_out_and_cancel_works() {
    let sim = sim(SimConfig::default()).await;
    let e = browser::sign_in(
        &reqwest::Client::new(),
        &app(&sim),
        |_| Ok(()),
        Duration::from_millis(300),
        &CancellationToken::new(),
        now,
    )
    .await
    .unwrap_err();
    assert!(e.message.contains("did not finish"), "{}", e.message);
    let cancel = CancellationToken::new();
    cancel.cancel();
    let e = browser::sign_in(&reqwest::Client::new(), &app(&sim), |_| Ok(()), Duration::from_secs(60), &cancel, now)
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Cancelled);
    let e = browser::sign_in(
        &reqwest::Client::new(),
        &app(&sim),
        |_| Err("no browser".into()),
        Duration::from_secs(60),
        &cancel,
        now,
    )
    .await
    .unwrap_err();
    assert!(e.message.contains("device code"), "offers the fallback: {}", e.message);
}

#[tokio::test]
async fn device_code_sign_in() {
    let sim = sim(SimConfig::default()).await;
    let http = reqwest::Client::new();
    let code = device::start(&http, &app(&sim)).await.unwrap();
    assert!(code.message.contains(&code.user_code));
    let page = format!("{}?user_code={}", code.verification_uri, code.user_code);
    let who = sim.person();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        lens_sim::browser::sign_in(&page, &who).await.unwrap();
    });
    let tokens = device::finish(&http, &app(&sim), &code, &CancellationToken::new(), now).await.unwrap();
    assert!(tokens.refresh_token.is_some());
}

#[tokio::test]
async fn the_password_grant_explains_mfa_in_plain_words() {
    let sim = sim(SimConfig::default()).await;
    let http = reqwest::Client::new();
    let e = password(&http, &app(&sim), "alex@contoso.onmicrosoft.com", &Secret::new("sample-password"), now())
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::MfaRequired);
    assert!(e.message.contains("Sign in with your browser"), "{}", e.message);
    let open_sim = self::sim(SimConfig { mfa_enforced: false, ..SimConfig::default() }).await;
    let sim = open_sim;
    let t = password(&http, &app(&sim), "alex@contoso.onmicrosoft.com", &Secret::new("sample-password"), now())
        .await
        .unwrap();
    assert!(t.refresh_token.is_some());
    let e = password(&http, &app(&sim), "alex@contoso.onmicrosoft.com", &Secret::new("nope"), now()).await.unwrap_err();
    assert!(e.message.contains("user name or password is wrong"));
}

#[tokio::test]
async fn an_expired_refresh_token_asks_for_a_new_sign_in() {
    let sim = sim(SimConfig::default()).await;
    let http = reqwest::Client::new();
    let (open, _shown) = play_browser(&sim, false);
    let tokens = browser::sign_in(&http, &app(&sim), open, Duration::from_secs(30), &CancellationToken::new(), now)
        .await
        .unwrap();
    let refresh = tokens.refresh_token.clone().unwrap();
    reqwest::Client::new()
        .post(format!("{}/_sim/clock/advance", sim.base_url))
        .json(&serde_json::json!({"seconds": 91 * 86_400}))
        .send()
        .await
        .unwrap();
    let session = SessionTokens::from_refresh(http, &app(&sim), refresh, None, Arc::new(SystemClock));
    let e = session.token().await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::SessionExpired);
    assert!(e.needs_sign_in());
    assert!(e.message.contains("90 days"), "{}", e.message);
}
