//! Checks the token on an API call: `Authorization: Bearer …` or `X-AadUserTicket`, expiry by
//! the simulated clock, the "expire after N calls" fault, multi-factor for user tokens, and what
//! the caller may read (docs/partner-center-api.md, section 5):
//!
//! - Analytics takes user credentials only ("This scenario supports authentication with User
//!   credentials only"), for CSP partners that bill directly or are indirect providers ("API
//!   access to Partner Center for indirect resellers isn't supported"), and a user with an
//!   analytics role.
//! - Insights is App+User too, for a user with an Insights role; without the Executive report
//!   viewer role revenue is hidden (the answers say `dataRedacted`).
//!
//! The documents do not give the status or words of the refusal of an app-only token or of a
//! reseller: this answers 403 in each API's error shape, with the documents' own sentence.

use axum::http::{HeaderMap, StatusCode};

use super::store::{Subject, lock};
use crate::directory::{InsightsRole, PartnerKind, Tenant, User};
use crate::errors::{Api, ApiError};
use crate::state::SimState;

/// Who called: the token's subject, its organisation and, for a person, who they are.
#[derive(Debug, Clone)]
pub struct Caller {
    pub subject: Subject,
    pub tenant: Option<Tenant>,
    pub user: Option<User>,
}

impl Caller {
    /// A user name or an app's client id.
    pub fn name(&self) -> &str {
        match &self.subject {
            Subject::User { username, .. } => username,
            Subject::App { client_id } => client_id,
        }
    }

    /// Whether revenue is hidden from this caller (a person without the Executive report
    /// viewer role).
    pub fn revenue_hidden(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.insights != InsightsRole::ExecutiveReportViewer)
    }
}

fn forbidden(api: Api, why: &str) -> ApiError {
    ApiError::new(api, StatusCode::FORBIDDEN, why)
}

/// Checks the token and the caller's right to `api`.
pub fn check(s: &SimState, headers: &HeaderMap, api: Api) -> Result<Caller, ApiError> {
    let caller = authenticate(s, headers, api)?;
    let cfg = s.config();
    if cfg.no_access.iter().any(|c| c.eq_ignore_ascii_case(caller.name())) {
        return Err(forbidden(
            api,
            "The caller is not authorized to perform this operation. The user or app needs a Partner Center analytics role.",
        ));
    }
    if matches!(caller.subject, Subject::App { .. }) {
        if cfg.app_only {
            return Ok(caller);
        }
        return Err(forbidden(
            api,
            "This scenario supports authentication with User credentials only. App-only tokens are not accepted.",
        ));
    }
    let user = caller.user.as_ref();
    match api {
        Api::Analytics => {
            if caller.tenant.as_ref().is_some_and(|t| t.partner == PartnerKind::IndirectReseller) {
                return Err(forbidden(api, "API access to Partner Center for indirect resellers isn't supported."));
            }
            if user.is_some_and(|u| !u.analytics) {
                return Err(forbidden(
                    api,
                    "The caller is not authorized to perform this operation. The user needs a Partner Center analytics role.",
                ));
            }
        }
        Api::Insights => {
            if user.is_some_and(|u| u.insights == InsightsRole::None) {
                return Err(forbidden(
                    api,
                    "The user is not authorized to access partner insights. Ask your Partner Center admin for the Executive report viewer or Report viewer role.",
                ));
            }
        }
    }
    Ok(caller)
}

/// The token alone: valid, not expired, with multi-factor for a person where it is enforced.
pub fn authenticate(s: &SimState, headers: &HeaderMap, api: Api) -> Result<Caller, ApiError> {
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
    let tenant = s.directory.tenant(&info.tenant).cloned();
    let user = match &info.subject {
        Subject::User { username, .. } => tenant.as_ref().and_then(|t| t.user(username)).cloned(),
        Subject::App { .. } => None,
    };
    Ok(Caller { subject: info.subject.clone(), tenant, user })
}
