//! Sign-in with a device code: the person opens a page on any device, types the code shown,
//! and the app polls until they have.

use std::time::Duration;

use lens_client::{ClientError, ErrorKind, Phase};
use lens_model::Secret;
use serde::Deserialize;
use tokio_util::sync::CancellationToken;

use crate::oauth::{self, Endpoint, Tokens, USER_SCOPE};
use crate::provider::AppIdentity;

/// What to show the person.
#[derive(Debug, Clone)]
pub struct DeviceCode {
    pub user_code: String,
    pub verification_uri: String,
    pub message: String,
    pub interval: Duration,
    pub expires_in: Duration,
    device_code: Secret,
}

#[derive(Deserialize)]
struct Raw {
    device_code: String,
    user_code: String,
    verification_uri: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    interval: Option<u64>,
    #[serde(default)]
    expires_in: Option<u64>,
}

fn fail(msg: impl Into<String>) -> ClientError {
    ClientError::new(ErrorKind::SignInFailed, Phase::SignIn, msg)
}

pub async fn start(http: &reqwest::Client, app: &AppIdentity) -> Result<DeviceCode, ClientError> {
    let url = format!("{}/{}/oauth2/v2.0/devicecode", app.authority.trim_end_matches('/'), app.tenant);
    let resp =
        http.post(url).form(&[("client_id", app.client_id.as_str()), ("scope", USER_SCOPE)]).send().await.map_err(
            |_| ClientError::new(ErrorKind::Unreachable, Phase::Connect, "The sign-in service could not be reached."),
        )?;
    let status = resp.status();
    let body = resp.bytes().await.map_err(|_| fail("The sign-in service's answer broke off."))?;
    if !status.is_success() {
        return Err(fail(
            lens_client::http::service_message(&body)
                .unwrap_or_else(|| "The sign-in service refused to start a device sign-in.".into()),
        ));
    }
    let raw: Raw =
        serde_json::from_slice(&body).map_err(|_| fail("The sign-in service's answer could not be read."))?;
    Ok(DeviceCode {
        message: if raw.message.is_empty() {
            format!("Open {} and enter the code {}.", raw.verification_uri, raw.user_code)
        } else {
            raw.message
        },
        user_code: raw.user_code,
        verification_uri: raw.verification_uri,
        interval: Duration::from_secs(raw.interval.unwrap_or(5).max(1)),
        expires_in: Duration::from_secs(raw.expires_in.unwrap_or(900)),
        device_code: Secret::new(raw.device_code),
    })
}

/// Polls until the person has signed in, the code expires, or `cancel`.
pub async fn finish(
    http: &reqwest::Client,
    app: &AppIdentity,
    code: &DeviceCode,
    cancel: &CancellationToken,
    now: impl Fn() -> i64,
) -> Result<Tokens, ClientError> {
    let url = oauth::token_url(&app.authority, &app.tenant, Endpoint::V2);
    let deadline = tokio::time::Instant::now() + code.expires_in;
    let mut interval = code.interval;
    loop {
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = cancel.cancelled() => return Err(ClientError::cancelled()),
        }
        if tokio::time::Instant::now() > deadline {
            return Err(fail("The code expired before the sign-in was finished. Start again."));
        }
        let form = [
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("client_id", app.client_id.as_str()),
            ("device_code", code.device_code.expose()),
        ];
        match oauth::request_raw(http, &url, Endpoint::V2, &form, now()).await {
            Ok(t) => return Ok(t),
            Err(oauth::Failure::OAuth { error, .. }) if error == "authorization_pending" => continue,
            Err(oauth::Failure::OAuth { error, .. }) if error == "slow_down" => interval += Duration::from_secs(5),
            Err(oauth::Failure::OAuth { error, .. }) if error == "expired_token" => {
                return Err(fail("The code expired before the sign-in was finished. Start again."));
            }
            Err(f) => return Err(f.into_client_error()),
        }
    }
}
