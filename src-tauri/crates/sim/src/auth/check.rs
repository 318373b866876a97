//! Checks the token on an API call: `Authorization: Bearer …` or `X-AadUserTicket`, expiry by
//! the simulated clock, the "expire after N calls" fault, and multi-factor for user tokens.

use axum::http::HeaderMap;

use super::store::{Subject, lock};
use crate::errors::{Api, ApiError};
use crate::state::SimState;

/// Returns who the token speaks for.
pub fn check(s: &SimState, headers: &HeaderMap, api: Api) -> Result<Subject, ApiError> {
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .or_else(|| headers.get("x-aaduserticket").and_then(|v| v.to_str().ok()))
        .map(str::trim);
    let Some(token) = bearer.filter(|t| !t.is_empty()) else {
        return Err(ApiError::unauthorized(api, "Authorization header is missing. Sign in and send the access token."));
    };
    let cfg = s.config();
    let mut tokens = lock(&s.tokens.access);
    let Some(info) = tokens.get_mut(token) else {
        return Err(ApiError::unauthorized(api, "The access token is not valid."));
    };
    if s.clock.now_secs() >= info.expires_at {
        return Err(ApiError::unauthorized(api, "The access token has expired."));
    }
    info.calls += 1;
    if let Some(n) = cfg.faults.expire_token_after
        && info.calls > n
    {
        return Err(ApiError::unauthorized(api, "The access token has expired."));
    }
    if cfg.mfa_enforced && matches!(info.subject, Subject::User { .. }) && !info.mfa {
        return Err(ApiError::mfa_required(api));
    }
    let who = match &info.subject {
        Subject::User { username, .. } => username,
        Subject::App { client_id } => client_id,
    };
    if cfg.no_access.iter().any(|c| c.eq_ignore_ascii_case(who)) {
        return Err(ApiError::new(
            api,
            axum::http::StatusCode::FORBIDDEN,
            "The caller is not authorized to perform this operation. The user or app needs a Partner Center analytics role.",
        ));
    }
    Ok(info.subject.clone())
}
