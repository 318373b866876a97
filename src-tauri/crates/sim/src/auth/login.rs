//! The browser side of sign-in, standing for Microsoft's sign-in pages: the authorize endpoint
//! (authorization code with PKCE, to a loopback address), the device-code page and the
//! admin-consent endpoint all lead a person through the same steps: account and password, the
//! second factor, then consent. Consent follows the organisation's rules: where its people may
//! approve an application they are asked once; where they may not, only an administrator can,
//! for everyone (AADSTS90094 for the others until then); a refusal is AADSTS65004.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::apps::{self, App};
use super::pages;
use super::store::{CodeInfo, lock, opaque};
use crate::directory::{Tenant, User};
use crate::state::SimState;

/// What a sign-in in the browser is for.
#[derive(Debug, Clone)]
pub enum Purpose {
    /// An app's authorization request: ends with a code sent to its redirect address.
    Authorize { client_id: String, redirect_uri: String, challenge: String, method: String, state: Option<String> },
    /// Approving a device code shown on another device.
    Device { device_code: String, client_id: String },
    /// An administrator approving an application for the whole organisation.
    AdminConsent { client_id: String, redirect_uri: Option<String>, state: Option<String>, scope: String },
}

#[derive(Debug, Clone)]
enum Stage {
    Credentials,
    SecondFactor { username: String },
    Consent { username: String, organisation: bool },
    NeedsAdmin,
}

#[derive(Debug, Clone)]
pub struct Login {
    purpose: Purpose,
    /// The organisation the request named, or `None` for `organizations` and `common`.
    tenant: Option<String>,
    stage: Stage,
    expires_at: i64,
}

/// Keys of granted consents: one organisation-wide, or one person's.
fn org_consent(tenant: &Tenant, client_id: &str) -> String {
    format!("org:{}:{}", tenant.id, client_id.to_ascii_lowercase())
}
fn user_consent(user: &User, client_id: &str) -> String {
    format!("user:{}:{}", user.id, client_id.to_ascii_lowercase())
}

/// Whether `user` of `tenant` has approved `app` (or their administrator has, for everyone).
/// The confidential test app is approved in its own organisation, as an IT department does.
pub fn consented(s: &SimState, tenant: &Tenant, user: &User, app: &App) -> bool {
    if app.kind == apps::AppKind::Confidential {
        return true;
    }
    let c = lock(&s.tokens.consents);
    c.contains(&org_consent(tenant, &app.client_id)) || c.contains(&user_consent(user, &app.client_id))
}

/// Resolves a path's tenant: `organizations` and `common` name nobody in particular.
fn named_tenant(s: &SimState, tenant: &str) -> Result<Option<String>, String> {
    if matches!(tenant.to_ascii_lowercase().as_str(), "organizations" | "common") {
        return Ok(None);
    }
    s.directory
        .tenant(tenant)
        .map(|t| Some(t.id.clone()))
        .ok_or_else(|| format!("AADSTS90002: Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."))
}

fn login_action(tenant: &str) -> String {
    format!("/{tenant}/login")
}

fn start(s: &SimState, purpose: Purpose, tenant: Option<String>, hint: &str) -> Response {
    let ctx = opaque("sim-login", 16);
    let action = login_action(tenant.as_deref().unwrap_or("organizations"));
    lock(&s.tokens.logins).insert(
        ctx.clone(),
        Login { purpose, tenant, stage: Stage::Credentials, expires_at: s.clock.now_secs() + 3600 },
    );
    pages::credentials(&action, &ctx, hint, None)
}

/// Only loopback redirects (a desktop app listens on `http://localhost:{port}`, RFC 8252), and
/// the sign-in service's own page for native clients.
fn allowed_redirect(s: &SimState, uri: &str) -> bool {
    url::Url::parse(uri).is_ok_and(|u| {
        (u.scheme() == "http" && matches!(u.host_str(), Some("localhost" | "127.0.0.1" | "[::1]")))
            || uri.starts_with(&format!("{}/common/oauth2/nativeclient", s.base_url()))
    })
}

fn bad(text: &str) -> Response {
    pages::message(StatusCode::BAD_REQUEST, "Sign-in failed", text)
}

/// `GET /{tenant}/oauth2/v2.0/authorize`.
pub async fn authorize(
    State(s): State<Arc<SimState>>,
    Path(tenant): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let get = |k: &str| q.get(k).map(|v| v.as_str()).unwrap_or("");
    let tenant = match named_tenant(&s, &tenant) {
        Ok(t) => t,
        Err(e) => return bad(&e),
    };
    let named = tenant.as_deref().and_then(|t| s.directory.tenant(t));
    if let Err(e) = apps::check(&s, get("client_id"), named) {
        return bad(&format!("AADSTS{}: {}", e.aadsts, e.description));
    }
    let redirect = get("redirect_uri");
    if !allowed_redirect(&s, redirect) {
        return bad(
            "AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.",
        );
    }
    let state = q.get("state").cloned();
    if get("response_type") != "code" {
        return redirect_error(
            redirect,
            state.as_deref(),
            "unsupported_response_type",
            "AADSTS70005: response_type 'token' is not enabled for the application.",
        );
    }
    let challenge = get("code_challenge");
    if challenge.is_empty() {
        return redirect_error(
            redirect,
            state.as_deref(),
            "invalid_request",
            "AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption.",
        );
    }
    let purpose = Purpose::Authorize {
        client_id: get("client_id").to_string(),
        redirect_uri: redirect.to_string(),
        challenge: challenge.to_string(),
        method: q.get("code_challenge_method").cloned().unwrap_or_else(|| "plain".into()),
        state,
    };
    start(&s, purpose, tenant, get("login_hint"))
}

/// `GET /{tenant}/v2.0/adminconsent`: an administrator approves an application for everyone in
/// the organisation.
pub async fn admin_consent(
    State(s): State<Arc<SimState>>,
    Path(tenant): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let get = |k: &str| q.get(k).map(|v| v.as_str()).unwrap_or("");
    let tenant = match named_tenant(&s, &tenant) {
        Ok(t) => t,
        Err(e) => return bad(&e),
    };
    if apps::find(&s, get("client_id")).is_none() {
        return bad(&format!(
            "AADSTS700016: Application with identifier '{}' was not found in the directory.",
            get("client_id")
        ));
    }
    let redirect = q.get("redirect_uri").filter(|r| !r.is_empty()).cloned();
    if let Some(r) = &redirect
        && !allowed_redirect(&s, r)
    {
        return bad(
            "AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.",
        );
    }
    let purpose = Purpose::AdminConsent {
        client_id: get("client_id").to_string(),
        redirect_uri: redirect,
        state: q.get("state").cloned(),
        scope: get("scope").to_string(),
    };
    start(&s, purpose, tenant, "")
}

/// `GET /devicelogin`: the page a person opens on another device; with `?user_code=` (or
/// once it is typed) it leads them through signing in.
pub async fn devicelogin(State(s): State<Arc<SimState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let Some(code) = q.get("user_code").map(|c| c.trim().to_ascii_uppercase()).filter(|c| !c.is_empty()) else {
        let body = "<form method=\"get\" action=\"/devicelogin\"><p><label>Code<br><input name=\"user_code\"></label></p>\
                    <p><button>Next</button></p></form>";
        return (StatusCode::OK, axum::response::Html(format!("<!doctype html><html><head><meta charset=\"utf-8\"><title>Enter code</title></head><body><h1>Enter code</h1><p>Enter the code displayed on your app or device.</p>{body}</body></html>")))
            .into_response();
    };
    let device = lock(&s.tokens.devices)
        .iter()
        .find(|(_, d)| d.user_code == code && !d.approved && d.expires_at > s.clock.now_secs())
        .map(|(k, d)| (k.clone(), d.client_id.clone(), d.tenant.clone()));
    match device {
        Some((device_code, client_id, tenant)) => start(&s, Purpose::Device { device_code, client_id }, tenant, ""),
        None => pages::message(StatusCode::NOT_FOUND, "Code not found", "That code is not valid or has expired."),
    }
}

/// `GET /common/oauth2/nativeclient`: where the sign-in service sends a browser back for a
/// native client with no address of its own (after an admin consent, say).
pub async fn native_client(Query(q): Query<HashMap<String, String>>) -> Response {
    match q.get("error_description") {
        Some(e) => pages::message(StatusCode::OK, "Not approved", e),
        None => pages::message(StatusCode::OK, "Done", "The application is approved. You can close this window."),
    }
}

fn redirect_to(uri: &str, pairs: &[(&str, &str)]) -> Response {
    let Ok(mut target) = url::Url::parse(uri) else { return bad("The redirect URI is not a URL.") };
    {
        let mut q = target.query_pairs_mut();
        for (k, v) in pairs {
            q.append_pair(k, v);
        }
    }
    (StatusCode::FOUND, [(header::LOCATION, target.to_string())]).into_response()
}

fn redirect_error(uri: &str, state: Option<&str>, error: &str, description: &str) -> Response {
    let mut pairs = vec![("error", error), ("error_description", description)];
    if let Some(st) = state {
        pairs.push(("state", st));
    }
    redirect_to(uri, &pairs)
}

/// Ends a sign-in with an error, the way its purpose reports one.
fn fail(s: &SimState, login: &Login, error: &str, description: &str) -> Response {
    match &login.purpose {
        Purpose::Authorize { redirect_uri, state, .. } => {
            redirect_error(redirect_uri, state.as_deref(), error, description)
        }
        // The admin-consent answer keeps `admin_consent=True` even on error.
        Purpose::AdminConsent { redirect_uri: Some(r), state, .. } => {
            let mut pairs =
                vec![("admin_consent", "True"), ("error", "consent_required"), ("error_description", description)];
            if let Some(st) = state {
                pairs.push(("state", st.as_str()));
            }
            let _ = error;
            redirect_to(r, &pairs)
        }
        Purpose::AdminConsent { redirect_uri: None, .. } => pages::message(StatusCode::OK, "Not approved", description),
        Purpose::Device { device_code, .. } => {
            if let Some(d) = lock(&s.tokens.devices).get_mut(device_code) {
                d.declined = Some(description.to_string());
            }
            pages::message(StatusCode::OK, "Sign-in stopped", description)
        }
    }
}

/// `POST /{tenant}/login`: one step of the pages.
pub async fn step(
    State(s): State<Arc<SimState>>,
    Path(path_tenant): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let get = |k: &str| form.get(k).map(|v| v.trim()).unwrap_or("");
    let ctx = get("ctx").to_string();
    let Some(login) = lock(&s.tokens.logins).get(&ctx).cloned() else {
        return pages::message(
            StatusCode::BAD_REQUEST,
            "Sign-in failed",
            "This sign-in page has expired. Start again from the app.",
        );
    };
    if s.clock.now_secs() > login.expires_at {
        lock(&s.tokens.logins).remove(&ctx);
        return pages::message(
            StatusCode::BAD_REQUEST,
            "Sign-in failed",
            "This sign-in page has expired. Start again from the app.",
        );
    }
    let action = login_action(&path_tenant);
    let client_id = match &login.purpose {
        Purpose::Authorize { client_id, .. }
        | Purpose::Device { client_id, .. }
        | Purpose::AdminConsent { client_id, .. } => client_id.clone(),
    };
    let set_stage = |stage: Stage| {
        if let Some(l) = lock(&s.tokens.logins).get_mut(&ctx) {
            l.stage = stage;
        }
    };
    let person = |username: &str| s.directory.user(username).map(|(t, u)| (t.clone(), u.clone()));
    match login.stage.clone() {
        Stage::Credentials => {
            let username = get("username");
            let found = person(username).filter(|(_, u)| u.password == get("password"));
            let Some((tenant, user)) = found else {
                return pages::credentials(&action, &ctx, username, Some("Your account or password is incorrect."));
            };
            if let Some(t) = &login.tenant
                && t != &tenant.id
            {
                let named = s.directory.tenant(t).map(|t| t.domain.clone()).unwrap_or_default();
                return fail(
                    &s,
                    &login,
                    "invalid_request",
                    &format!(
                        "AADSTS50020: User account '{}' from identity provider 'https://sts.windows.net/{}/' does not exist in tenant '{named}' and cannot access the application '{client_id}' in that tenant.",
                        user.username, tenant.id
                    ),
                );
            }
            if let Err(e) = apps::check(&s, &client_id, Some(&tenant)) {
                return fail(&s, &login, e.error, &format!("AADSTS{}: {}", e.aadsts, e.description));
            }
            if s.config().interactive_mfa {
                set_stage(Stage::SecondFactor { username: user.username.clone() });
                return pages::second_factor(&action, &ctx, &s.config().mfa_code, None);
            }
            after_second_factor(&s, &ctx, &login, &action, &tenant, &user)
        }
        Stage::SecondFactor { username } => {
            let Some((tenant, user)) = person(&username) else { return bad("The account is gone.") };
            if get("otp") != s.config().mfa_code {
                return pages::second_factor(
                    &action,
                    &ctx,
                    &s.config().mfa_code,
                    Some("You didn't enter the expected verification code. Please try again."),
                );
            }
            after_second_factor(&s, &ctx, &login, &action, &tenant, &user)
        }
        Stage::Consent { username, organisation } => {
            let Some((tenant, user)) = person(&username) else { return bad("The account is gone.") };
            if get("choice") != "accept" {
                lock(&s.tokens.logins).remove(&ctx);
                return fail(&s, &login, "access_denied", "AADSTS65004: User declined to consent to access the app.");
            }
            {
                let mut c = lock(&s.tokens.consents);
                if organisation {
                    c.insert(org_consent(&tenant, &client_id));
                } else {
                    c.insert(user_consent(&user, &client_id));
                }
            }
            finish(&s, &ctx, &login, &tenant, &user)
        }
        Stage::NeedsAdmin => {
            lock(&s.tokens.logins).remove(&ctx);
            fail(&s, &login, "access_denied", "AADSTS90094: The grant requires admin permission.")
        }
    }
}

fn after_second_factor(s: &SimState, ctx: &str, login: &Login, action: &str, tenant: &Tenant, user: &User) -> Response {
    let client_id = match &login.purpose {
        Purpose::Authorize { client_id, .. }
        | Purpose::Device { client_id, .. }
        | Purpose::AdminConsent { client_id, .. } => client_id.clone(),
    };
    let Some(app) = apps::find(s, &client_id) else { return bad("The application is gone.") };
    let set_stage = |stage: Stage| {
        if let Some(l) = lock(&s.tokens.logins).get_mut(ctx) {
            l.stage = stage;
        }
    };
    if let Purpose::AdminConsent { .. } = login.purpose {
        if !user.admin {
            lock(&s.tokens.logins).remove(ctx);
            return fail(
                s,
                login,
                "access_denied",
                "AADSTS90093: The signed-in user does not have permission to grant consent for the organization. An administrator must sign in.",
            );
        }
        set_stage(Stage::Consent { username: user.username.clone(), organisation: true });
        return pages::consent(action, ctx, app.name, Some(&tenant.name));
    }
    if consented(s, tenant, user, &app) {
        return finish(s, ctx, login, tenant, user);
    }
    if user.admin {
        set_stage(Stage::Consent { username: user.username.clone(), organisation: !tenant.user_consent });
        return pages::consent(action, ctx, app.name, (!tenant.user_consent).then_some(tenant.name.as_str()));
    }
    if tenant.user_consent {
        set_stage(Stage::Consent { username: user.username.clone(), organisation: false });
        return pages::consent(action, ctx, app.name, None);
    }
    set_stage(Stage::NeedsAdmin);
    pages::needs_admin(action, ctx, app.name)
}

/// The person is signed in and the app approved: the code, the device or the consent.
fn finish(s: &SimState, ctx: &str, login: &Login, tenant: &Tenant, user: &User) -> Response {
    lock(&s.tokens.logins).remove(ctx);
    match &login.purpose {
        Purpose::Authorize { client_id, redirect_uri, challenge, method, state } => {
            let code = opaque("sim-code", 32);
            lock(&s.tokens.codes).insert(
                code.clone(),
                CodeInfo {
                    client_id: client_id.clone(),
                    redirect_uri: redirect_uri.clone(),
                    challenge: challenge.clone(),
                    method: method.clone(),
                    tenant: tenant.id.clone(),
                    username: user.username.clone(),
                    mfa: s.config().interactive_mfa,
                    expires_at: s.clock.now_secs() + 600,
                },
            );
            let mut pairs = vec![("code", code.as_str())];
            if let Some(st) = state {
                pairs.push(("state", st));
            }
            redirect_to(redirect_uri, &pairs)
        }
        Purpose::Device { device_code, .. } => {
            if let Some(d) = lock(&s.tokens.devices).get_mut(device_code) {
                d.approved = true;
                d.username = Some(user.username.clone());
                d.tenant = Some(tenant.id.clone());
            }
            pages::message(
                StatusCode::OK,
                "You're signed in",
                "You have signed in to the application on your device. You may now close this window.",
            )
        }
        Purpose::AdminConsent { redirect_uri, state, scope, .. } => match redirect_uri {
            Some(r) => {
                let mut pairs =
                    vec![("admin_consent", "True"), ("tenant", tenant.id.as_str()), ("scope", scope.as_str())];
                if let Some(st) = state {
                    pairs.push(("state", st));
                }
                redirect_to(r, &pairs)
            }
            None => pages::message(
                StatusCode::OK,
                "Permissions granted",
                &format!("The application is approved for everyone in {}. You can close this window.", tenant.name),
            ),
        },
    }
}
