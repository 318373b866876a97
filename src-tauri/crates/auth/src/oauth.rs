//! Talking to the sign-in service's token endpoint: building grant requests, reading answers
//! (v1 gives numbers as strings, **quirk**), and turning `AADSTS` failures into errors a person
//! can act on.

use base64::Engine as _;
use lens_client::{ClientError, ErrorKind, Phase};
use lens_model::Secret;
use serde::Deserialize;

use crate::cloud::PARTNER_CENTER_RESOURCE;

/// Which token endpoint to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `{authority}/{tenant}/oauth2/token` with `resource=`.
    V1,
    /// `{authority}/{tenant}/oauth2/v2.0/token` with `scope=`.
    V2,
}

pub fn token_url(authority: &str, tenant: &str, v: Endpoint) -> String {
    let a = authority.trim_end_matches('/');
    match v {
        Endpoint::V1 => format!("{a}/{tenant}/oauth2/token"),
        Endpoint::V2 => format!("{a}/{tenant}/oauth2/v2.0/token"),
    }
}

/// Scope for delegated (user) tokens, with a refresh token.
/// A person's sign-in: Partner Center on their behalf, a refresh token, and an ID token saying
/// who they are.
pub const USER_SCOPE: &str = "https://api.partnercenter.microsoft.com/user_impersonation offline_access openid profile";
/// Scope for app-only tokens on v2.
pub const APP_SCOPE: &str = "https://api.partnercenter.microsoft.com/.default";

/// A token answer.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access_token: Secret,
    pub refresh_token: Option<Secret>,
    /// Seconds since the epoch, by our own clock.
    pub expires_at: i64,
    /// Who signed in, from the ID token (`preferred_username`), for "Signed in as …".
    pub username: Option<String>,
    /// Who signed in and where, from the ID token, when the answer had one.
    pub identity: Option<IdClaims>,
}

/// What an ID token says of who signed in. Read to name and file the account, never trusted
/// for access (the service checks its own tokens).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IdClaims {
    /// The organisation's directory id (`tid`).
    pub tenant_id: Option<String>,
    /// The person's object id (`oid`).
    pub object_id: Option<String>,
    /// `preferred_username` (or `upn`, `email`).
    pub username: Option<String>,
    /// The person's display name (`name`).
    pub name: Option<String>,
}

pub fn id_token_claims(id_token: &str) -> Option<IdClaims> {
    let claims = id_token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(claims.trim_end_matches('=')).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let text = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::trim).filter(|x| !x.is_empty()).map(str::to_string);
    Some(IdClaims {
        tenant_id: text("tid"),
        object_id: text("oid"),
        username: ["preferred_username", "upn", "email", "unique_name"].iter().find_map(|k| text(k)),
        name: text("name"),
    })
}

/// The person's name in an ID token, read for display only (never trusted for access).
pub fn id_token_username(id_token: &str) -> Option<String> {
    id_token_claims(id_token)?.username
}

#[derive(Deserialize)]
struct RawTokens {
    access_token: String,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default, deserialize_with = "lenient_i64")]
    expires_in: Option<i64>,
    #[serde(default)]
    id_token: Option<String>,
}

fn lenient_i64<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum N {
        Num(i64),
        Float(f64),
        Text(String),
    }
    Ok(match Option::<N>::deserialize(d)? {
        Some(N::Num(n)) => Some(n),
        Some(N::Float(f)) => Some(f as i64),
        Some(N::Text(s)) => s.trim().parse().ok(),
        None => None,
    })
}

#[derive(Deserialize, Default)]
struct RawError {
    #[serde(default)]
    error: String,
    #[serde(default)]
    error_description: String,
    #[serde(default)]
    error_codes: Vec<i64>,
}

/// Why a grant failed: the network, or the sign-in service's OAuth error.
#[derive(Debug)]
pub enum Failure {
    Network(ClientError),
    OAuth { status: u16, error: String, description: String, codes: Vec<i64> },
}

impl Failure {
    pub fn into_client_error(self) -> ClientError {
        match self {
            Failure::Network(e) => e,
            Failure::OAuth { status, error, description, codes } => sign_in_error(status, &error, &description, &codes),
        }
    }
}

/// Posts a grant to the token endpoint. `form` holds the grant's own fields; the audience
/// (`resource` or `scope`) is added here unless present.
pub async fn request(
    http: &reqwest::Client,
    url: &str,
    v: Endpoint,
    form: &[(&str, &str)],
    now: i64,
) -> Result<Tokens, ClientError> {
    request_raw(http, url, v, form, now).await.map_err(Failure::into_client_error)
}

/// As [`request`], keeping the OAuth error as sent (device-code polling needs to see
/// `authorization_pending`).
pub async fn request_raw(
    http: &reqwest::Client,
    url: &str,
    v: Endpoint,
    form: &[(&str, &str)],
    now: i64,
) -> Result<Tokens, Failure> {
    let mut fields: Vec<(&str, &str)> = form.to_vec();
    let has = |k: &str| form.iter().any(|(n, _)| *n == k);
    let grant = form.iter().find(|(k, _)| *k == "grant_type").map(|(_, v)| *v).unwrap_or("");
    match v {
        Endpoint::V1 if !has("resource") => fields.push(("resource", PARTNER_CENTER_RESOURCE)),
        Endpoint::V2 if !has("scope") && !grant.ends_with("device_code") => fields.push(("scope", USER_SCOPE)),
        _ => {}
    }
    let resp = http.post(url).form(&fields).send().await.map_err(|e| {
        let (kind, phase, what) = if e.is_timeout() {
            (ErrorKind::Network, Phase::Timeout, "The sign-in service did not answer in time.")
        } else if e.is_connect() {
            (
                ErrorKind::Unreachable,
                Phase::Connect,
                "The sign-in service could not be reached. Check the internet connection.",
            )
        } else {
            (ErrorKind::Network, Phase::SignIn, "The connection to the sign-in service broke.")
        };
        tracing::debug!("token request failed: {e}");
        Failure::Network(ClientError::new(kind, phase, what))
    })?;
    let status = resp.status().as_u16();
    // The shared HTTP client follows no redirect (it would re-post the form, secret and all, to
    // the host it names): one from the sign-in address is refused in words.
    if (300..400).contains(&status) {
        let to = resp.headers().get(reqwest::header::LOCATION).and_then(|l| l.to_str().ok()).unwrap_or("");
        let host =
            url::Url::parse(url).ok().and_then(|u| u.join(to).ok()).and_then(|u| u.host_str().map(str::to_string));
        return Err(Failure::Network(ClientError::new(
            ErrorKind::SignInFailed,
            Phase::SignIn,
            format!(
                "The sign-in service sent Partner Lens to another address{}; your sign-in was not sent there. Check the sign-in address in the account's settings.",
                host.map(|h| format!(" ({h})")).unwrap_or_default()
            ),
        )));
    }
    let body = resp.bytes().await.map_err(|_| {
        Failure::Network(ClientError::new(
            ErrorKind::Network,
            Phase::SignIn,
            "The connection to the sign-in service broke.",
        ))
    })?;
    read_answer(status, &body, now)
}

/// Longest lifetime believed for an access token, whatever the answer says: a day (real ones
/// live an hour). An absurd `expires_in` would otherwise overflow the expiry time.
const MAX_LIFETIME_SECS: i64 = 86_400;

/// Reads the token endpoint's answer: tokens, or the OAuth error as sent. Never panics on what
/// the service (or something pretending to be it) sends.
pub fn read_answer(status: u16, body: &[u8], now: i64) -> Result<Tokens, Failure> {
    if (200..300).contains(&status) {
        let raw: RawTokens = serde_json::from_slice(body).map_err(|_| {
            Failure::Network(ClientError::new(
                ErrorKind::BadResponse,
                Phase::SignIn,
                "The sign-in service sent an answer that could not be read.",
            ))
        })?;
        let lifetime = raw.expires_in.unwrap_or(3599).clamp(0, MAX_LIFETIME_SECS);
        return Ok(Tokens {
            access_token: Secret::new(raw.access_token),
            refresh_token: raw.refresh_token.map(Secret::new),
            expires_at: now.saturating_add(lifetime),
            username: raw.id_token.as_deref().and_then(id_token_username),
            identity: raw.id_token.as_deref().and_then(id_token_claims),
        });
    }
    let err: RawError = serde_json::from_slice(body).unwrap_or_default();
    Err(Failure::OAuth { status, error: err.error, description: err.error_description, codes: err.error_codes })
}

/// The `AADSTS` number of a failure, from `error_codes` or the description.
fn aadsts(description: &str, codes: &[i64]) -> Option<i64> {
    codes.first().copied().or_else(|| {
        let i = description.find("AADSTS")? + 6;
        let digits: String = description[i..].chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    })
}

/// The error a browser brings back to the app's loopback address (`error`, `error_description`).
pub fn redirect_error(error: &str, description: &str) -> ClientError {
    if error == "access_denied" && aadsts(description, &[]).is_none() {
        return ClientError::new(ErrorKind::SignInFailed, Phase::SignIn, "The sign-in was cancelled in the browser.");
    }
    sign_in_error(400, error, description, &[])
}

fn sign_in_error(status: u16, error: &str, description: &str, codes: &[i64]) -> ClientError {
    let code = aadsts(description, codes);
    let (kind, msg) = match (code, error) {
        // The organisation lets only an administrator approve apps, or nobody has yet.
        (Some(65_001 | 90_094 | 90_008 | 900_941), _) => (
            ErrorKind::ConsentRequired,
            "Your organisation needs an administrator to approve Partner Lens once before anyone can sign in with it.",
        ),
        (Some(65_004), _) => (
            ErrorKind::SignInFailed,
            "Partner Lens was not approved in the browser, so it cannot read Partner Center for you. Sign in again and choose Accept.",
        ),
        (Some(50_020), _) => (
            ErrorKind::SignInFailed,
            "That work account belongs to another organisation than this account's. Sign in with an account of this organisation.",
        ),
        (Some(50_076 | 50_079 | 50_074), _) => (
            ErrorKind::MfaRequired,
            "This account must sign in with multi-factor authentication, which a user name and password alone cannot do. Sign in with your browser instead.",
        ),
        (Some(700_082), _) => {
            (ErrorKind::SessionExpired, "The sign-in has expired after 90 days without use. Sign in again.")
        }
        (Some(7_000_215 | 7_000_222), _) => {
            (ErrorKind::SignInFailed, "The client secret is wrong or has expired. Check the app registration's secret.")
        }
        (Some(700_016), _) => (
            ErrorKind::SignInFailed,
            "The application (client) ID was not found in this organisation. Check the client ID and tenant, or ask your IT department.",
        ),
        (Some(90_002 | 90_023), _) => {
            (ErrorKind::SignInFailed, "The tenant was not found. Check the tenant ID or domain.")
        }
        (Some(50_126), _) => (ErrorKind::SignInFailed, "The user name or password is wrong."),
        (Some(700_027), _) => (
            ErrorKind::SignInFailed,
            "This certificate is not registered on the app: upload it to the app registration in Microsoft Entra ID (Certificates & secrets).",
        ),
        (Some(50_012 | 5_002_738), _) => {
            (ErrorKind::SignInFailed, "The app's certificate signature was refused. Choose the certificate again.")
        }
        (Some(700_024), _) => {
            (ErrorKind::SignInFailed, "The sign-in was refused as out of date: check this computer's date and time.")
        }
        (Some(50_148), _) => {
            (ErrorKind::SignInFailed, "The sign-in could not be verified (PKCE). Start the sign-in again.")
        }
        (_, "invalid_grant") => (ErrorKind::SessionExpired, "The sign-in is no longer valid. Sign in again."),
        (_, "invalid_client" | "unauthorized_client") => {
            (ErrorKind::SignInFailed, "The app registration refused the sign-in. Check the client ID and secret.")
        }
        _ if status >= 500 => {
            (ErrorKind::ServerError, "The sign-in service had a problem on its side. Try again in a moment.")
        }
        _ => (ErrorKind::SignInFailed, "The sign-in service refused the sign-in."),
    };
    tracing::info!(status, error, aadsts = ?code, "sign-in refused");
    ClientError { status: Some(status), ..ClientError::new(kind, Phase::SignIn, msg) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aadsts_codes_map_to_plain_actions() {
        let e = sign_in_error(400, "invalid_grant", "AADSTS50076: Due to a configuration change...", &[]);
        assert_eq!(e.kind, ErrorKind::MfaRequired);
        assert!(e.message.contains("Sign in with your browser"));
        let e = sign_in_error(400, "invalid_grant", "", &[700_082]);
        assert_eq!(e.kind, ErrorKind::SessionExpired);
        let e = sign_in_error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.", &[]);
        assert!(e.message.contains("client secret"));
        assert!(e.needs_sign_in() || e.kind == ErrorKind::SignInFailed);
        for (error, description) in [
            ("invalid_grant", "AADSTS65001: The user or administrator has not consented to use the application"),
            ("access_denied", "AADSTS90094: The grant requires admin permission."),
        ] {
            assert_eq!(redirect_error(error, description).kind, ErrorKind::ConsentRequired, "{description}");
        }
        assert_eq!(
            redirect_error("access_denied", "the user canceled").message,
            "The sign-in was cancelled in the browser."
        );
        assert!(redirect_error("access_denied", "AADSTS65004: User declined to consent").message.contains("Accept"));
    }

    #[test]
    fn id_tokens_say_who_and_where() {
        let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(r#"{"tid":"4f9c","oid":"0a6c","preferred_username":"alex@contoso.com","name":" Alex W "}"#);
        let c = id_token_claims(&format!("h.{claims}.s")).unwrap();
        assert_eq!(c.tenant_id.as_deref(), Some("4f9c"));
        assert_eq!(c.object_id.as_deref(), Some("0a6c"));
        assert_eq!(c.username.as_deref(), Some("alex@contoso.com"));
        assert_eq!(c.name.as_deref(), Some("Alex W"));
        assert_eq!(id_token_claims("not a token"), None);
    }

    #[test]
    fn v1_numbers_as_strings_are_read() {
        let raw: RawTokens = serde_json::from_str(
            r#"{"token_type":"Bearer","expires_in":"3599","expires_on":"1612794445","access_token":"x"}"#,
        )
        .unwrap();
        assert_eq!(raw.expires_in, Some(3599));
        let raw: RawTokens =
            serde_json::from_str(r#"{"expires_in":3599,"access_token":"x","refresh_token":"r"}"#).unwrap();
        assert_eq!(raw.expires_in, Some(3599));
        assert_eq!(raw.refresh_token.as_deref(), Some("r"));
    }
}
