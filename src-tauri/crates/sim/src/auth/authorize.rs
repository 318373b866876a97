//! The browser side of sign-in. `authorize` stands for Microsoft's sign-in pages: it signs the
//! configured test user in (as if they typed their password and approved the MFA prompt) and
//! redirects to the app's loopback `redirect_uri` with a code, so the app's browser sign-in runs
//! end to end against the simulator. `devicelogin` approves a device code the same way.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;

use super::store::{CodeInfo, DeviceInfo, lock, opaque};
use super::token::{check_client, check_tenant};
use crate::state::SimState;

fn page(status: StatusCode, title: &str, text: &str) -> Response {
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:Segoe UI,sans-serif;margin:3em\"><h1>{title}</h1><p>{text}</p></body></html>"
    );
    (status, Html(body)).into_response()
}

/// Only loopback redirects: a desktop app listens on `http://localhost:{port}` (RFC 8252).
fn loopback(uri: &str) -> bool {
    url::Url::parse(uri)
        .is_ok_and(|u| u.scheme() == "http" && matches!(u.host_str(), Some("localhost" | "127.0.0.1" | "[::1]")))
}

pub async fn authorize(
    State(s): State<Arc<SimState>>,
    Path(tenant): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let get = |k: &str| q.get(k).map(|v| v.as_str()).unwrap_or("");
    let tenant = match check_tenant(&s, &tenant, true) {
        Ok(t) => t,
        Err(e) => return page(StatusCode::BAD_REQUEST, "Sign-in failed", &e.description),
    };
    if let Err(e) = check_client(&s, get("client_id")) {
        return page(StatusCode::BAD_REQUEST, "Sign-in failed", &e.description);
    }
    let redirect = get("redirect_uri");
    if !loopback(redirect) {
        return page(
            StatusCode::BAD_REQUEST,
            "Sign-in failed",
            "AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.",
        );
    }
    let mut target = match url::Url::parse(redirect) {
        Ok(u) => u,
        Err(_) => {
            return page(StatusCode::BAD_REQUEST, "Sign-in failed", "The redirect URI is not a URL.");
        }
    };
    let challenge = get("code_challenge");
    {
        let mut pairs = target.query_pairs_mut();
        if get("response_type") != "code" {
            pairs.append_pair("error", "unsupported_response_type");
        } else if challenge.is_empty() {
            pairs.append_pair("error", "invalid_request");
            pairs.append_pair("error_description", "AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption.");
        } else {
            let code = opaque("sim-code", 32);
            lock(&s.tokens.codes).insert(
                code.clone(),
                CodeInfo {
                    client_id: get("client_id").to_string(),
                    redirect_uri: redirect.to_string(),
                    challenge: challenge.to_string(),
                    method: q.get("code_challenge_method").cloned().unwrap_or_else(|| "plain".into()),
                    tenant,
                    expires_at: s.clock.now_secs() + 600,
                },
            );
            pairs.append_pair("code", &code);
        }
        if let Some(state) = q.get("state") {
            pairs.append_pair("state", state);
        }
    }
    (StatusCode::FOUND, [(header::LOCATION, target.to_string())]).into_response()
}

pub async fn devicecode(
    State(s): State<Arc<SimState>>,
    Path(tenant): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let tenant = match check_tenant(&s, &tenant, true) {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    let client_id = form.get("client_id").cloned().unwrap_or_default();
    if let Err(e) = check_client(&s, &client_id) {
        return e.into_response();
    }
    let device_code = opaque("sim-dc", 48);
    let raw = opaque("x", 4);
    let user_code: String = raw[2..].to_ascii_uppercase().chars().take(8).collect();
    let expires_in = 900;
    lock(&s.tokens.devices).insert(
        device_code.clone(),
        DeviceInfo {
            client_id,
            tenant,
            user_code: user_code.clone(),
            expires_at: s.clock.now_secs() + expires_in,
            approved: false,
        },
    );
    let uri = format!("{}/devicelogin", s.base_url());
    axum::Json(json!({
        "device_code": device_code,
        "user_code": user_code,
        "verification_uri": uri,
        "expires_in": expires_in,
        "interval": 1,
        "message": format!("To sign in, use a web browser to open the page {uri} and enter the code {user_code} to authenticate."),
    }))
    .into_response()
}

/// The page a person opens to enter a device code; with `?user_code=` it signs them in.
pub async fn devicelogin(State(s): State<Arc<SimState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let Some(code) = q.get("user_code").map(|c| c.trim().to_ascii_uppercase()) else {
        return page(StatusCode::OK, "Enter code", "Open this page with ?user_code=CODE to sign in the test user.");
    };
    let mut devices = lock(&s.tokens.devices);
    match devices.values_mut().find(|d| d.user_code == code) {
        Some(d) => {
            d.approved = true;
            page(StatusCode::OK, "You're signed in", "You have signed in to Partner Lens. You can close this window.")
        }
        None => page(StatusCode::NOT_FOUND, "Code not found", "That code is not valid or has expired."),
    }
}
