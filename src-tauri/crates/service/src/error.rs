//! One error type for everything a person can run into, each with a stable code the UI maps to
//! plain words and an action, and the technical detail kept apart (shown small, and logged).

use lens_client::{ClientError, ErrorKind};
use lens_engine::EngineError;
use serde::Serialize;

/// What the person can do about it; the UI shows it as a button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Action {
    Retry,
    SignIn,
    OpenSettings,
    EditFilter,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct ServiceError {
    /// Stable, for the UI's table of errors: `unreachable`, `sign_in_required`, …
    pub code: String,
    /// One or two plain sentences.
    pub message: String,
    pub action: Option<Action>,
    /// For support: phase, HTTP status, request id. Never a secret.
    pub detail: Option<String>,
}

impl ServiceError {
    pub fn new(code: &str, message: impl Into<String>, action: Option<Action>) -> ServiceError {
        ServiceError { code: code.into(), message: message.into(), action, detail: None }
    }

    pub fn not_found(what: impl Into<String>) -> ServiceError {
        ServiceError::new("not_found", what, None)
    }

    pub fn internal(what: impl std::fmt::Display) -> ServiceError {
        tracing::error!("internal error: {what}");
        ServiceError::new(
            "internal",
            "Something went wrong inside Partner Lens. The details are in the log file.",
            Some(Action::Retry),
        )
    }
}

impl From<ClientError> for ServiceError {
    fn from(e: ClientError) -> Self {
        let (code, action) = match e.kind {
            ErrorKind::Unreachable => ("unreachable", Some(Action::Retry)),
            ErrorKind::Network => ("network", Some(Action::Retry)),
            ErrorKind::BadResponse => ("bad_response", Some(Action::Retry)),
            ErrorKind::Unauthorized | ErrorKind::SessionExpired => ("sign_in_required", Some(Action::SignIn)),
            ErrorKind::MfaRequired => ("mfa_required", Some(Action::SignIn)),
            ErrorKind::Forbidden => ("forbidden", None),
            ErrorKind::BadRequest => ("bad_request", Some(Action::EditFilter)),
            ErrorKind::NotFound => ("not_found", None),
            ErrorKind::Throttled => ("throttled", Some(Action::Retry)),
            ErrorKind::ServerError => ("server_error", Some(Action::Retry)),
            ErrorKind::Cancelled => ("cancelled", None),
            ErrorKind::SignInFailed => ("sign_in_failed", Some(Action::OpenSettings)),
            _ => ("network", Some(Action::Retry)),
        };
        // Which page matters when the data itself is at fault, not when the sign-in is.
        let message = match (e.page, code) {
            (Some(p), "bad_response" | "network" | "server_error" | "throttled") => {
                format!("Page {p} of the data: {}", e.message)
            }
            _ => e.message.clone(),
        };
        let mut detail = vec![format!("phase: {}", e.phase)];
        if let Some(s) = e.status {
            detail.push(format!("HTTP {s}"));
        }
        if let Some(id) = &e.request_id {
            detail.push(format!("request id {id}"));
        }
        tracing::warn!(code, "{e}");
        ServiceError { code: code.into(), message, action, detail: Some(detail.join(", ")) }
    }
}

impl From<EngineError> for ServiceError {
    fn from(e: EngineError) -> Self {
        if let EngineError::Filter(f) = e {
            return f.into();
        }
        let code = match &e {
            EngineError::UnknownColumn { .. } => "unknown_column",
            EngineError::BadQuestion(_) => "bad_question",
            EngineError::File { .. } => "file",
            EngineError::Corrupt { .. } => "cache_corrupt",
            _ => "internal",
        };
        if code == "internal" {
            return ServiceError::internal(e);
        }
        let action = matches!(code, "bad_question").then_some(Action::EditFilter);
        ServiceError::new(code, e.to_string(), action)
    }
}

impl From<lens_model::FilterError> for ServiceError {
    fn from(e: lens_model::FilterError) -> Self {
        let mut se = ServiceError::new(
            "bad_filter",
            format!("The filter is not right: {}", e.message),
            Some(Action::EditFilter),
        );
        se.detail = e.position.map(|p| format!("at character {}", p + 1));
        se
    }
}
