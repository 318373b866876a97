//! Client errors that say where things went wrong (the phase) and which request it was (the
//! `MS-RequestId`), so the UI can explain them and support can find them in the service's logs.

use std::fmt;

/// Where in a request the failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    /// Building the request (a bad URL).
    Request,
    /// Opening the connection (DNS, refused, unreachable).
    Connect,
    /// The TLS handshake.
    Tls,
    /// Waiting for or reading the response.
    Response,
    /// A time limit ran out.
    Timeout,
    /// Reading the answer's content.
    Parse,
    /// Signing in or refreshing the token.
    SignIn,
}

impl Phase {
    /// The step in words, for "while …" in the details shown for support.
    pub fn words(self) -> &'static str {
        match self {
            Phase::Request => "preparing the request",
            Phase::Connect => "connecting",
            Phase::Tls => "securing the connection",
            Phase::Response => "reading the answer",
            Phase::Timeout => "waiting for the answer",
            Phase::Parse => "reading the data",
            Phase::SignIn => "signing in",
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::Request => "request",
            Phase::Connect => "connect",
            Phase::Tls => "TLS",
            Phase::Response => "response",
            Phase::Timeout => "timeout",
            Phase::Parse => "parse",
            Phase::SignIn => "sign-in",
        })
    }
}

/// What kind of failure, for the UI's table of plain words and actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The server could not be reached at all.
    Unreachable,
    /// The connection broke or a time limit ran out, after every retry.
    Network,
    /// The answer was not what the API sends (broken JSON, missing rows).
    BadResponse,
    /// The token was refused even after a refresh: sign in again.
    Unauthorized,
    /// The account signed in without multi-factor authentication (`900421`, `AADSTS50076`).
    MfaRequired,
    /// The refresh token expired (`AADSTS700082`) or was revoked: sign in again.
    SessionExpired,
    /// Signed in, but not allowed to see this data.
    Forbidden,
    /// The request was wrong (a filter, a parameter): the service's message says why.
    BadRequest,
    NotFound,
    /// Still throttled or failing after the retry budget.
    Throttled,
    ServerError,
    Cancelled,
    /// Wrong credentials or configuration in the sign-in itself.
    SignInFailed,
    /// The organisation requires an administrator to approve the app first (`AADSTS65001`,
    /// `AADSTS90094`).
    ConsentRequired,
}

#[derive(Debug, Clone, thiserror::Error)]
pub struct ClientError {
    pub kind: ErrorKind,
    pub phase: Phase,
    /// A plain sentence about what went wrong.
    pub message: String,
    pub status: Option<u16>,
    pub request_id: Option<String>,
    /// Which page of a multi-page fetch (1-based), when it applies.
    pub page: Option<usize>,
}

impl ClientError {
    pub fn new(kind: ErrorKind, phase: Phase, message: impl Into<String>) -> ClientError {
        ClientError { kind, phase, message: message.into(), status: None, request_id: None, page: None }
    }

    pub fn cancelled() -> ClientError {
        ClientError::new(ErrorKind::Cancelled, Phase::Request, "The fetch was cancelled.")
    }

    pub fn with_request_id(mut self, id: &str) -> ClientError {
        self.request_id = Some(id.to_string());
        self
    }

    pub fn on_page(mut self, page: usize) -> ClientError {
        self.page = Some(page);
        self
    }

    /// Whether a person has to sign in again to get past this.
    pub fn needs_sign_in(&self) -> bool {
        matches!(self.kind, ErrorKind::Unauthorized | ErrorKind::MfaRequired | ErrorKind::SessionExpired)
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.page {
            write!(f, "Page {p}: ")?;
        }
        f.write_str(&self.message)?;
        let mut extra = Vec::new();
        if let Some(s) = self.status {
            extra.push(format!("HTTP {s}"));
        }
        extra.push(format!("phase: {}", self.phase));
        if let Some(id) = &self.request_id {
            extra.push(format!("request id {id}"));
        }
        write!(f, " ({})", extra.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_page_phase_and_request_id() {
        let e = ClientError::new(ErrorKind::BadResponse, Phase::Parse, "The answer was not valid JSON.")
            .with_request_id("abc")
            .on_page(3);
        assert_eq!(e.to_string(), "Page 3: The answer was not valid JSON. (phase: parse, request id abc)");
    }
}
