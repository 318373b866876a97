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

/// What kind of problem it is: a type, so the window's table of words and buttons cannot miss
/// one (the bindings make it a TypeScript union, and the table is keyed by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A command-line flag or an argument that does not fit.
    Usage,
    Unreachable,
    Network,
    BadResponse,
    SignInRequired,
    MfaRequired,
    SignInFailed,
    /// The organisation needs an administrator to approve the app once.
    ConsentRequired,
    /// This build has no application ID of its own and no organisation set one.
    NoApplication,
    Forbidden,
    BadRequest,
    BadFilter,
    BadQuestion,
    UnknownColumn,
    NotFound,
    /// The data set has not been loaded yet.
    NotLoaded,
    /// A report has no finished run yet.
    NotReady,
    Throttled,
    ServerError,
    Cancelled,
    CacheCorrupt,
    File,
    Exists,
    /// The disk has no room left.
    DiskFull,
    Settings,
    Secrets,
    BadAccount,
    Port,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Usage => "usage",
            ErrorCode::Unreachable => "unreachable",
            ErrorCode::Network => "network",
            ErrorCode::BadResponse => "bad_response",
            ErrorCode::SignInRequired => "sign_in_required",
            ErrorCode::MfaRequired => "mfa_required",
            ErrorCode::SignInFailed => "sign_in_failed",
            ErrorCode::ConsentRequired => "consent_required",
            ErrorCode::NoApplication => "no_application",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::BadFilter => "bad_filter",
            ErrorCode::BadQuestion => "bad_question",
            ErrorCode::UnknownColumn => "unknown_column",
            ErrorCode::NotFound => "not_found",
            ErrorCode::NotLoaded => "not_loaded",
            ErrorCode::NotReady => "not_ready",
            ErrorCode::Throttled => "throttled",
            ErrorCode::ServerError => "server_error",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::CacheCorrupt => "cache_corrupt",
            ErrorCode::File => "file",
            ErrorCode::Exists => "exists",
            ErrorCode::DiskFull => "disk_full",
            ErrorCode::Settings => "settings",
            ErrorCode::Secrets => "secrets",
            ErrorCode::BadAccount => "bad_account",
            ErrorCode::Port => "port",
            ErrorCode::Internal => "internal",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct ServiceError {
    /// Stable, for the UI's table of errors.
    pub code: ErrorCode,
    /// One or two plain sentences.
    pub message: String,
    pub action: Option<Action>,
    /// For support: phase, HTTP status, request id. Never a secret.
    pub detail: Option<String>,
}

impl ServiceError {
    pub fn new(code: ErrorCode, message: impl Into<String>, action: Option<Action>) -> ServiceError {
        ServiceError { code, message: message.into(), action, detail: None }
    }

    pub fn usage(message: impl Into<String>) -> ServiceError {
        ServiceError::new(ErrorCode::Usage, message, None)
    }

    pub fn not_found(what: impl Into<String>) -> ServiceError {
        ServiceError::new(ErrorCode::NotFound, what, None)
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> ServiceError {
        self.detail = Some(detail.into());
        self
    }

    pub fn internal(what: impl std::fmt::Display) -> ServiceError {
        tracing::error!("internal error: {what}");
        ServiceError::new(
            ErrorCode::Internal,
            "Something went wrong inside Partner Lens. The details are in the log file.",
            Some(Action::Retry),
        )
    }
}

impl From<ClientError> for ServiceError {
    fn from(e: ClientError) -> Self {
        use ErrorCode as C;
        let (code, action) = match e.kind {
            ErrorKind::Unreachable => (C::Unreachable, Some(Action::Retry)),
            ErrorKind::Network => (C::Network, Some(Action::Retry)),
            ErrorKind::BadResponse => (C::BadResponse, Some(Action::Retry)),
            ErrorKind::Unauthorized | ErrorKind::SessionExpired => (C::SignInRequired, Some(Action::SignIn)),
            ErrorKind::MfaRequired => (C::MfaRequired, Some(Action::SignIn)),
            ErrorKind::Forbidden => (C::Forbidden, None),
            ErrorKind::BadRequest => (C::BadRequest, Some(Action::EditFilter)),
            ErrorKind::NotFound => (C::NotFound, None),
            ErrorKind::Throttled => (C::Throttled, Some(Action::Retry)),
            ErrorKind::ServerError => (C::ServerError, Some(Action::Retry)),
            ErrorKind::Cancelled => (C::Cancelled, None),
            ErrorKind::SignInFailed => (C::SignInFailed, Some(Action::OpenSettings)),
            ErrorKind::ConsentRequired => (C::ConsentRequired, Some(Action::SignIn)),
            _ => (C::Network, Some(Action::Retry)),
        };
        // Which page matters when the data itself is at fault, not when the sign-in is.
        let message = match (e.page, code) {
            (Some(p), C::BadResponse | C::Network | C::ServerError | C::Throttled) => {
                format!("Page {p} of the data: {}", e.message)
            }
            _ => e.message.clone(),
        };
        // For support: what Partner Center answered and the request to look up. A failure that
        // never left this computer (a query checked here) has none; its phase goes to the log.
        let mut detail = Vec::new();
        if let Some(s) = e.status {
            detail.push(format!("HTTP {s}"));
        }
        if let Some(id) = &e.request_id {
            detail.push(format!("request id {id}"));
        }
        if !detail.is_empty() {
            detail.insert(0, format!("while {}", e.phase.words()));
        }
        tracing::warn!(code = code.as_str(), phase = %e.phase, "{e}");
        ServiceError { code, message, action, detail: (!detail.is_empty()).then(|| detail.join(", ")) }
    }
}

impl From<EngineError> for ServiceError {
    fn from(e: EngineError) -> Self {
        if let EngineError::Filter(f) = e {
            return f.into();
        }
        let code = match &e {
            EngineError::UnknownColumn { .. } => ErrorCode::UnknownColumn,
            EngineError::BadQuestion(_) => ErrorCode::BadQuestion,
            EngineError::File { .. } => ErrorCode::File,
            EngineError::Corrupt { .. } => ErrorCode::CacheCorrupt,
            EngineError::DiskFull { .. } => ErrorCode::DiskFull,
            _ => return ServiceError::internal(e),
        };
        let action = (code == ErrorCode::BadQuestion).then_some(Action::EditFilter);
        ServiceError::new(code, e.to_string(), action)
    }
}

impl From<lens_model::FilterError> for ServiceError {
    fn from(e: lens_model::FilterError) -> Self {
        let mut se = ServiceError::new(
            ErrorCode::BadFilter,
            format!("The filter is not right: {}", e.message),
            Some(Action::EditFilter),
        );
        se.detail = e.position.map(|p| format!("at character {}", p + 1));
        se
    }
}

impl From<polars::error::PolarsError> for ServiceError {
    fn from(e: polars::error::PolarsError) -> Self {
        EngineError::from(e).into()
    }
}
