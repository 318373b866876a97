//! Sign-in in the system browser: the app listens on a loopback port, opens the authority's
//! authorize page, and waits (several minutes at most) for the browser to come back with a
//! code. The `state` must match what was sent, the code is redeemed with the PKCE verifier,
//! and the browser gets a friendly page either way.

use std::time::Duration;

use lens_client::{ClientError, ErrorKind, Phase};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;
use url::Url;

use super::pkce::{self, Pkce};
use crate::oauth::{self, Endpoint, Tokens, USER_SCOPE};
use crate::provider::AppIdentity;

/// How long a person has to finish signing in.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5 * 60);

fn fail(kind: ErrorKind, msg: impl Into<String>) -> ClientError {
    ClientError::new(kind, Phase::SignIn, msg)
}

/// The authorize URL a browser opens.
pub fn authorize_url(app: &AppIdentity, redirect_uri: &str, state: &str, challenge: &str) -> Result<Url, ClientError> {
    let mut url = Url::parse(&format!("{}/{}/oauth2/v2.0/authorize", app.authority.trim_end_matches('/'), app.tenant))
        .map_err(|_| fail(ErrorKind::SignInFailed, "The sign-in address of this account is not valid."))?;
    url.query_pairs_mut()
        .append_pair("client_id", &app.client_id)
        .append_pair("response_type", "code")
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("response_mode", "query")
        .append_pair("scope", USER_SCOPE)
        .append_pair("state", state)
        .append_pair("code_challenge", challenge)
        .append_pair("code_challenge_method", "S256")
        .append_pair("prompt", "select_account");
    Ok(url)
}

const DONE_PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Partner Lens</title></head>\
<body style=\"font-family:Segoe UI,system-ui,sans-serif;margin:15vh auto;max-width:32em;text-align:center;color:#242424\">\
<h1 style=\"font-weight:600\">You're signed in</h1><p>You can close this tab and go back to Partner Lens.</p></body></html>";

fn error_page(msg: &str) -> String {
    let safe = msg.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Partner Lens</title></head>\
         <body style=\"font-family:Segoe UI,system-ui,sans-serif;margin:15vh auto;max-width:32em;text-align:center;color:#242424\">\
         <h1 style=\"font-weight:600\">Sign-in didn't finish</h1><p>{safe}</p><p>Go back to Partner Lens and try again.</p></body></html>"
    )
}

async fn respond(mut stream: TcpStream, status: &str, body: &str) {
    let resp = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(resp.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// Reads the request line of one HTTP request: the path and query.
async fn request_target(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(2048);
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 16 * 1024 {
        let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut chunk)).await.ok()?.ok()?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let line = String::from_utf8_lossy(&buf).lines().next()?.to_string();
    let mut parts = line.split_whitespace();
    (parts.next()? == "GET").then(|| parts.next().map(str::to_string))?
}

/// Runs the whole browser sign-in. `open` shows the URL to the person (opens the system
/// browser); tests pass a function that plays the browser.
pub async fn sign_in(
    http: &reqwest::Client,
    app: &AppIdentity,
    open: impl FnOnce(&Url) -> Result<(), String>,
    timeout: Duration,
    cancel: &CancellationToken,
    now: impl Fn() -> i64,
) -> Result<Tokens, ClientError> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.map_err(|e| {
        fail(ErrorKind::SignInFailed, format!("Could not listen for the browser's answer on this computer: {e}"))
    })?;
    let port = listener.local_addr().map_err(|e| fail(ErrorKind::SignInFailed, e.to_string()))?.port();
    let redirect_uri = format!("http://127.0.0.1:{port}/");
    let pkce = Pkce::new();
    let state = pkce::state();
    let url = authorize_url(app, &redirect_uri, &state, &pkce.challenge)?;
    open(&url).map_err(|e| {
        fail(
            ErrorKind::SignInFailed,
            format!("The browser could not be opened ({e}). Use sign-in with a device code instead."),
        )
    })?;

    let wait = async {
        loop {
            let (mut stream, _) = listener.accept().await.map_err(|e| fail(ErrorKind::SignInFailed, e.to_string()))?;
            let Some(target) = request_target(&mut stream).await else { continue };
            let Ok(got) = Url::parse(&format!("http://127.0.0.1{target}")) else { continue };
            if got.path() != "/" {
                // Browsers ask for /favicon.ico and the like.
                respond(stream, "404 Not Found", "").await;
                continue;
            }
            let q: std::collections::HashMap<String, String> = got.query_pairs().into_owned().collect();
            if q.get("state") != Some(&state) {
                respond(
                    stream,
                    "400 Bad Request",
                    &error_page("The answer did not come from the sign-in this app started, so it was refused."),
                )
                .await;
                return Err(fail(
                    ErrorKind::SignInFailed,
                    "The browser's answer did not match this sign-in (state), so it was refused for your safety. Try again.",
                ));
            }
            if let Some(err) = q.get("error") {
                let desc = q.get("error_description").cloned().unwrap_or_default();
                respond(stream, "400 Bad Request", &error_page(&desc)).await;
                return Err(oauth::redirect_error(err, &desc));
            }
            let Some(code) = q.get("code").cloned() else {
                respond(stream, "400 Bad Request", &error_page("The answer carried no sign-in code.")).await;
                return Err(fail(ErrorKind::SignInFailed, "The browser came back without a sign-in code. Try again."));
            };
            let token_url = oauth::token_url(&app.authority, &app.tenant, Endpoint::V2);
            let form = [
                ("grant_type", "authorization_code"),
                ("client_id", app.client_id.as_str()),
                ("code", code.as_str()),
                ("redirect_uri", redirect_uri.as_str()),
                ("code_verifier", pkce.verifier.as_str()),
                ("scope", USER_SCOPE),
            ];
            let result = oauth::request(http, &token_url, Endpoint::V2, &form, now()).await;
            match &result {
                Ok(_) => respond(stream, "200 OK", DONE_PAGE).await,
                Err(e) => respond(stream, "400 Bad Request", &error_page(&e.message)).await,
            }
            return result;
        }
    };
    tokio::select! {
        r = wait => r,
        _ = tokio::time::sleep(timeout) => Err(fail(ErrorKind::SignInFailed, format!("The sign-in in the browser did not finish within {} minutes. Try again.", timeout.as_secs() / 60))),
        _ = cancel.cancelled() => Err(ClientError::cancelled()),
    }
}
