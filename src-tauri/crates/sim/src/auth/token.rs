//! The token endpoints, v1 (`/{tenant}/oauth2/token`, numbers as strings: **quirk**) and v2
//! (`/{tenant}/oauth2/v2.0/token`), with every grant the product uses and the failures of the
//! spec: multi-factor required for the password grant (`AADSTS50076`), refresh tokens that
//! rotate on every use and expire after 90 idle days (`AADSTS700082`), PKCE checked.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::apps::{self, App, AppKind};
use super::login;
use super::store::{AccessInfo, RefreshInfo, Subject, lock, opaque};
use crate::directory::{Tenant, User};
use crate::errors::OAuthError;
use crate::state::SimState;

pub const RESOURCE: &str = "https://api.partnercenter.microsoft.com";
pub const PARTNER_CENTER_APP_ID: &str = "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd";
const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1,
    V2,
}

pub async fn token_v1(
    state: State<Arc<SimState>>,
    tenant: Path<String>,
    form: Form<HashMap<String, String>>,
) -> Response {
    token(state, tenant, form, Version::V1)
}

pub async fn token_v2(
    state: State<Arc<SimState>>,
    tenant: Path<String>,
    form: Form<HashMap<String, String>>,
) -> Response {
    token(state, tenant, form, Version::V2)
}

fn token(
    State(s): State<Arc<SimState>>,
    Path(tenant): Path<String>,
    Form(form): Form<HashMap<String, String>>,
    v: Version,
) -> Response {
    // A lying sign-in address: sends the client elsewhere, with its form (secret and all) if
    // the client follows.
    if let Some(to) = s.config().faults.sign_in_redirect {
        return (axum::http::StatusCode::TEMPORARY_REDIRECT, [(axum::http::header::LOCATION, to)]).into_response();
    }
    match issue(&s, &tenant, &form, v) {
        Ok(resp) => resp,
        Err(e) => e.into_response(),
    }
}

fn field<'a>(form: &'a HashMap<String, String>, name: &str) -> Result<&'a str, OAuthError> {
    form.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()).ok_or_else(|| {
        OAuthError::new(
            "invalid_request",
            900_144,
            format!("The request body must contain the following parameter: '{name}'."),
        )
    })
}

/// Resolves the tenant in the path to its id; `common` and `organizations` name nobody in
/// particular (`None`): the person who signs in decides.
pub fn check_tenant(s: &SimState, tenant: &str, allow_common: bool) -> Result<Option<String>, OAuthError> {
    if allow_common && matches!(tenant.to_ascii_lowercase().as_str(), "common" | "organizations") {
        return Ok(None);
    }
    s.directory.tenant(tenant).map(|t| Some(t.id.clone())).ok_or_else(|| {
        OAuthError::new(
            "invalid_request",
            90_002,
            format!("Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."),
        )
    })
}

/// A public client never presents a secret or an assertion (it has none to keep).
fn check_public(app: &App, form: &HashMap<String, String>) -> Result<(), OAuthError> {
    if app.kind == AppKind::Public && (form.contains_key("client_secret") || form.contains_key("client_assertion")) {
        return Err(OAuthError::unauthorized_client(
            700_025,
            "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
        ));
    }
    Ok(())
}

/// The user's approval of the application, which a grant without a browser cannot ask for.
fn check_consent(s: &SimState, tenant: &Tenant, user: &User, app: &App) -> Result<(), OAuthError> {
    if login::consented(s, tenant, user, app) {
        return Ok(());
    }
    Err(OAuthError::new(
        "invalid_grant",
        65_001,
        format!(
            "The user or administrator has not consented to use the application with ID '{}' named '{}'. Send an interactive authorization request for this user and resource.",
            app.client_id, app.name
        ),
    ))
}

fn check_audience(form: &HashMap<String, String>, v: Version) -> Result<(), OAuthError> {
    match v {
        Version::V1 => {
            let resource = field(form, "resource")?;
            if resource.trim_end_matches('/') == RESOURCE || resource == PARTNER_CENTER_APP_ID {
                Ok(())
            } else {
                Err(OAuthError::new(
                    "invalid_resource",
                    500_011,
                    format!("The resource principal named {resource} was not found in the tenant."),
                ))
            }
        }
        Version::V2 => {
            let scope = field(form, "scope")?;
            if scope.split_whitespace().any(|sc| sc.starts_with(RESOURCE) || sc.starts_with(PARTNER_CENTER_APP_ID)) {
                Ok(())
            } else {
                Err(OAuthError::new(
                    "invalid_scope",
                    70_011,
                    format!("The provided value for the input parameter 'scope' is not valid: '{scope}'."),
                ))
            }
        }
    }
}

/// The person behind a user token, with their organisation.
fn person(s: &SimState, username: &str) -> Result<(Tenant, User), OAuthError> {
    s.directory
        .user(username)
        .map(|(t, u)| (t.clone(), u.clone()))
        .ok_or_else(|| OAuthError::new("invalid_grant", 50_034, "The user account does not exist in the directory."))
}

fn issue(s: &SimState, path_tenant: &str, form: &HashMap<String, String>, v: Version) -> Result<Response, OAuthError> {
    let grant = field(form, "grant_type")?;
    let creds = s.config().credentials;
    let now = s.clock.now_secs();
    let named = check_tenant(s, path_tenant, grant != "client_credentials")?;
    let named_tenant = named.as_deref().and_then(|t| s.directory.tenant(t)).cloned();
    let client_id = field(form, "client_id")?;
    let app = apps::check(s, client_id, named_tenant.as_ref())?;
    match grant {
        "client_credentials" => {
            let tenant = named.unwrap_or_default();
            check_audience(form, v)?;
            if app.kind == AppKind::Public {
                check_public(&app, form)?;
                return Err(OAuthError::unauthorized_client(
                    7_000_218,
                    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
                ));
            }
            if let Some(assertion) = form.get("client_assertion") {
                if form.get("client_assertion_type").map(|t| t.as_str())
                    != Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                {
                    return Err(OAuthError::new(
                        "invalid_request",
                        50_027,
                        "The client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer.",
                    ));
                }
                let certs: Vec<_> =
                    s.config().certificates.iter().filter_map(|pem| super::assertion::register(pem).ok()).collect();
                let path = match v {
                    Version::V1 => "oauth2/token",
                    Version::V2 => "oauth2/v2.0/token",
                };
                // The audience is the token endpoint as the app named it (by domain or by id).
                let audience = format!("{}/{path_tenant}/{path}", s.base_url());
                super::assertion::verify(assertion, &certs, client_id, &audience, now)?;
                return Ok(respond(s, v, Subject::App { client_id: client_id.to_string() }, tenant, true, false, now));
            }
            if form.get("client_secret").map(|x| x.as_str()) != Some(creds.secret.as_str()) {
                return Err(OAuthError::unauthorized_client(
                    7_000_215,
                    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.",
                ));
            }
            Ok(respond(s, v, Subject::App { client_id: client_id.to_string() }, tenant, true, false, now))
        }
        "password" => {
            check_public(&app, form)?;
            check_audience(form, v)?;
            let username = field(form, "username")?;
            let pass = form.get("password").map(|x| x.as_str()).unwrap_or("");
            let found =
                s.directory.user(username).filter(|(_, u)| u.password == pass).map(|(t, u)| (t.clone(), u.clone()));
            let Some((tenant, user)) = found else {
                return Err(OAuthError::new(
                    "invalid_grant",
                    50_126,
                    "Error validating credentials due to invalid username or password.",
                ));
            };
            if named.as_ref().is_some_and(|n| n != &tenant.id) {
                return Err(OAuthError::new(
                    "invalid_grant",
                    50_020,
                    format!(
                        "User account '{}' does not exist in tenant '{}'.",
                        user.username,
                        named_tenant.map(|t| t.domain).unwrap_or_default()
                    ),
                ));
            }
            apps::check(s, client_id, Some(&tenant))?;
            if s.config().mfa_enforced {
                return Err(OAuthError::new(
                    "invalid_grant",
                    50_076,
                    format!(
                        "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '{PARTNER_CENTER_APP_ID}'."
                    ),
                ));
            }
            check_consent(s, &tenant, &user, &app)?;
            let subject = Subject::User { username: user.username.clone(), client_id: client_id.to_string() };
            Ok(respond(s, v, subject, tenant.id, false, true, now))
        }
        "refresh_token" => {
            check_public(&app, form)?;
            let presented = field(form, "refresh_token")?;
            // Rotation: a refresh token works once; the answer carries its successor.
            let info = lock(&s.tokens.refresh).remove(presented).ok_or_else(|| {
                OAuthError::new(
                    "invalid_grant",
                    70_000,
                    "The provided grant is invalid or malformed, or has already been used.",
                )
            })?;
            if named.as_ref().is_some_and(|n| n != &info.tenant) {
                return Err(OAuthError::new(
                    "invalid_grant",
                    70_000,
                    "The refresh token was issued in another tenant.",
                ));
            }
            let idle = s.config().refresh_idle_secs;
            if now - info.last_used > idle {
                return Err(OAuthError::new(
                    "invalid_grant",
                    700_082,
                    format!(
                        "The refresh token has expired due to inactivity. The token was inactive for {}.00:00:00.",
                        idle / 86_400
                    ),
                ));
            }
            Ok(respond(s, v, info.subject, info.tenant, info.mfa, true, now))
        }
        "authorization_code" => {
            check_public(&app, form)?;
            let code = field(form, "code")?;
            let info = lock(&s.tokens.codes).remove(code).ok_or_else(|| {
                OAuthError::new(
                    "invalid_grant",
                    54_005,
                    "OAuth2 Authorization code was already redeemed or is not valid.",
                )
            })?;
            if now > info.expires_at {
                return Err(OAuthError::new(
                    "invalid_grant",
                    70_008,
                    "The provided authorization code or refresh token has expired. Send a new interactive authorization request.",
                ));
            }
            if !info.client_id.eq_ignore_ascii_case(client_id) {
                return Err(OAuthError::new(
                    "invalid_grant",
                    70_000,
                    "The authorization code was issued to another application.",
                ));
            }
            if named.as_ref().is_some_and(|n| n != &info.tenant) {
                return Err(OAuthError::new(
                    "invalid_grant",
                    70_000,
                    "The authorization code was issued in another tenant.",
                ));
            }
            if form.get("redirect_uri").map(|r| r.as_str()) != Some(info.redirect_uri.as_str()) {
                return Err(OAuthError::new(
                    "invalid_grant",
                    50_011,
                    "The redirect URI does not match the one the authorization code was issued to.",
                ));
            }
            let verifier = form.get("code_verifier").map(|x| x.as_str()).unwrap_or("");
            if !pkce_ok(&info.challenge, &info.method, verifier) {
                return Err(OAuthError::new(
                    "invalid_grant",
                    50_148,
                    "The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.",
                ));
            }
            let subject = Subject::User { username: info.username.clone(), client_id: client_id.to_string() };
            Ok(respond(s, v, subject, info.tenant, info.mfa, true, now))
        }
        DEVICE_GRANT => {
            let code = field(form, "device_code")?;
            let mut devices = lock(&s.tokens.devices);
            let Some(info) = devices.get(code).cloned() else {
                return Err(OAuthError::new("invalid_grant", 70_000, "The device code is not valid."));
            };
            if now > info.expires_at {
                devices.remove(code);
                return Err(OAuthError::new("expired_token", 70_019, "Verification code expired. Sign in again."));
            }
            if let Some(why) = &info.declined {
                devices.remove(code);
                return Err(OAuthError::new("authorization_declined", 70_000, why.clone()));
            }
            if !info.approved {
                return Err(OAuthError::new(
                    "authorization_pending",
                    70_016,
                    "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
                ));
            }
            if !info.client_id.eq_ignore_ascii_case(client_id) {
                return Err(OAuthError::new(
                    "invalid_grant",
                    70_000,
                    "The device code was issued to another application.",
                ));
            }
            devices.remove(code);
            drop(devices);
            let (tenant, user) = person(s, info.username.as_deref().unwrap_or_default())?;
            let subject = Subject::User { username: user.username.clone(), client_id: client_id.to_string() };
            let mfa = s.config().interactive_mfa;
            Ok(respond(s, v, subject, tenant.id, mfa, true, now))
        }
        other => Err(OAuthError::new(
            "unsupported_grant_type",
            70_003,
            format!("The app requested an unsupported grant type '{other}'."),
        )),
    }
}

pub fn pkce_ok(challenge: &str, method: &str, verifier: &str) -> bool {
    if verifier.len() < 43 || verifier.len() > 128 {
        return false;
    }
    match method {
        "S256" => {
            let digest = Sha256::digest(verifier.as_bytes());
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest) == challenge
        }
        "plain" => verifier == challenge,
        _ => false,
    }
}

fn respond(
    s: &SimState,
    v: Version,
    subject: Subject,
    tenant: String,
    mfa: bool,
    with_refresh: bool,
    now: i64,
) -> Response {
    let lifetime = s.config().token_lifetime_secs;
    let person = match &subject {
        Subject::User { username, client_id } => {
            s.directory.user(username).map(|(_, u)| (u.clone(), client_id.clone()))
        }
        Subject::App { .. } => None,
    };
    let tenant_id = tenant.clone();
    // Real tokens run to a few kilobytes; refresh tokens exceed Windows' 2560-byte credential
    // limit, which is why the client cannot simply store one in the keyring.
    let access = opaque("sim-at", 700);
    lock(&s.tokens.access).insert(
        access.clone(),
        AccessInfo { subject: subject.clone(), tenant: tenant.clone(), expires_at: now + lifetime, mfa, calls: 0 },
    );
    let refresh = with_refresh.then(|| {
        let r = opaque("sim-rt", 1600);
        lock(&s.tokens.refresh).insert(r.clone(), RefreshInfo { subject, tenant, last_used: now, mfa });
        r
    });
    {
        let mut h = lock(&s.tokens.history);
        h.push(access.clone());
        h.extend(refresh.clone());
    }
    let expires_in = lifetime - 1;
    let mut body = match v {
        Version::V1 => json!({
            "token_type": "Bearer",
            "expires_in": expires_in.to_string(),
            "ext_expires_in": expires_in.to_string(),
            "expires_on": (now + lifetime).to_string(),
            "not_before": (now - 300).to_string(),
            "resource": RESOURCE,
            "access_token": access,
        }),
        Version::V2 => json!({
            "token_type": "Bearer",
            "scope": format!("{RESOURCE}/user_impersonation"),
            "expires_in": expires_in,
            "ext_expires_in": expires_in,
            "access_token": access,
        }),
    };
    if let Some(r) = refresh {
        body["refresh_token"] = json!(r);
    }
    // A person's v2 sign-in (the client asks for `openid profile`) also says who signed in.
    if let (Version::V2, Some((user, client_id))) = (v, person) {
        body["id_token"] = json!(id_token(&user, &client_id, &tenant_id, now, lifetime));
    }
    axum::Json(body).into_response()
}

/// An ID token: who signed in. The client reads it to show "Signed in as …" (the service signs
/// it; a client that only displays it need not check the signature).
fn id_token(user: &User, client_id: &str, tenant: &str, now: i64, lifetime: i64) -> String {
    let b64 = |v: serde_json::Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let header = b64(json!({"typ": "JWT", "alg": "RS256", "kid": "sim"}));
    let claims = b64(json!({
        "aud": client_id, "iss": format!("https://login.microsoftonline.com/{tenant}/v2.0"),
        "iat": now, "nbf": now, "exp": now + lifetime,
        "name": user.display_name, "oid": user.id, "preferred_username": user.username, "tid": tenant, "ver": "2.0",
    }));
    format!("{header}.{claims}.c2ltdWxhdG9yLXNpZ25hdHVyZQ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_s256_matches_rfc_7636_example() {
        // RFC 7636 appendix B.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert!(pkce_ok(challenge, "S256", verifier));
        assert!(!pkce_ok(challenge, "S256", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXX"));
        assert!(!pkce_ok(challenge, "S256", "short"));
    }
}
