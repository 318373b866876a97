//! Error answers in each API's documented shape: the Analytics API's `{code, description, data,
//! source}`, the Insights envelope with `message` and `statusCode`, and OAuth errors with the
//! `AADSTS` codes the sign-in service uses.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Which API's error shape to answer in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    Analytics,
    Insights,
}

#[derive(Debug, Clone)]
pub struct ApiError {
    pub api: Api,
    pub status: StatusCode,
    pub code: i64,
    pub description: String,
    pub retry_after: Option<u32>,
    pub www_authenticate: Option<&'static str>,
}

impl ApiError {
    pub fn new(api: Api, status: StatusCode, description: impl Into<String>) -> ApiError {
        ApiError {
            api,
            status,
            code: status.as_u16() as i64,
            description: description.into(),
            retry_after: None,
            www_authenticate: None,
        }
    }
    pub fn bad_request(api: Api, d: impl Into<String>) -> ApiError {
        ApiError::new(api, StatusCode::BAD_REQUEST, d)
    }
    pub fn not_found(api: Api, d: impl Into<String>) -> ApiError {
        ApiError::new(api, StatusCode::NOT_FOUND, d)
    }
    pub fn unauthorized(api: Api, d: impl Into<String>) -> ApiError {
        ApiError {
            www_authenticate: Some("Bearer error=\"invalid_token\""),
            ..ApiError::new(api, StatusCode::UNAUTHORIZED, d)
        }
    }
    /// 401 with error 900421: a user token without multi-factor sign-in (spec section 1).
    pub fn mfa_required(api: Api) -> ApiError {
        ApiError {
            code: 900_421,
            ..ApiError::unauthorized(
                api,
                "Multi-factor authentication (MFA) is required for this operation. Sign in again with MFA.",
            )
        }
    }
    pub fn throttled(api: Api, secs: u32) -> ApiError {
        ApiError {
            retry_after: Some(secs),
            ..ApiError::new(
                api,
                StatusCode::TOO_MANY_REQUESTS,
                format!("Rate limit is exceeded. Try again in {secs} seconds."),
            )
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = match (self.api, self.status) {
            (_, StatusCode::TOO_MANY_REQUESTS) => {
                json!({"statusCode": 429, "message": self.description})
            }
            (Api::Analytics, _) => json!({
                "code": self.code,
                "description": self.description,
                "data": [],
                "source": "PartnerCenter.Analytics",
            }),
            (Api::Insights, _) => json!({
                "value": [],
                "nextLink": null,
                "totalCount": 0,
                "message": self.description,
                "statusCode": self.status.as_u16(),
                "dataRedacted": false,
            }),
        };
        let mut resp = (self.status, axum::Json(body)).into_response();
        if let Some(s) = self.retry_after {
            resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        if let Some(w) = self.www_authenticate {
            resp.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(w));
        }
        resp
    }
}

/// An OAuth error from the token endpoint.
#[derive(Debug, Clone)]
pub struct OAuthError {
    pub status: StatusCode,
    pub error: &'static str,
    pub aadsts: u32,
    pub description: String,
}

impl OAuthError {
    pub fn new(error: &'static str, aadsts: u32, description: impl Into<String>) -> OAuthError {
        OAuthError { status: StatusCode::BAD_REQUEST, error, aadsts, description: description.into() }
    }
    pub fn unauthorized_client(aadsts: u32, description: impl Into<String>) -> OAuthError {
        OAuthError { status: StatusCode::UNAUTHORIZED, ..OAuthError::new("invalid_client", aadsts, description) }
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let trace = uuid::Uuid::new_v4().to_string();
        let body = json!({
            "error": self.error,
            "error_description": format!("AADSTS{}: {} Trace ID: {trace}", self.aadsts, self.description),
            "error_codes": [self.aadsts],
            "trace_id": trace,
            "correlation_id": uuid::Uuid::new_v4().to_string(),
        });
        (self.status, axum::Json(body)).into_response()
    }
}
