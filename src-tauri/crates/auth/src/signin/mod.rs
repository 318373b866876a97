//! Signing a person in: in the system browser (authorization code + PKCE, the main way, works
//! with MFA), with a device code (the fallback), or with a user name and password (legacy). App
//! sign-in with a secret needs no person and lives in `provider`.

pub mod browser;
pub mod device;
pub mod pkce;

use lens_client::ClientError;
use lens_model::Secret;

use crate::oauth::{self, Endpoint, Tokens, USER_SCOPE};
use crate::provider::AppIdentity;

/// The legacy password grant. Where the tenant enforces multi-factor sign-in (as Partner Center
/// does for people since 2026) it fails with AADSTS50076, explained in plain words.
pub async fn password(
    http: &reqwest::Client,
    app: &AppIdentity,
    username: &str,
    password: &Secret,
    now: i64,
) -> Result<Tokens, ClientError> {
    let url = oauth::token_url(&app.authority, &app.tenant, Endpoint::V2);
    let form = [
        ("grant_type", "password"),
        ("client_id", app.client_id.as_str()),
        ("username", username),
        ("password", password.expose()),
        ("scope", USER_SCOPE),
    ];
    oauth::request(http, &url, Endpoint::V2, &form, now).await
}
