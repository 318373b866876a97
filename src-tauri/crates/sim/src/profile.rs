//! `GET /v1/profiles/organization`: the partner organisation's profile (App+User only), whose
//! `companyName` names an account the moment someone signs in.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::auth::check::authenticate;
use crate::auth::store::Subject;
use crate::errors::{Api, ApiError};
use crate::state::SimState;

pub async fn organization(State(s): State<Arc<SimState>>, headers: HeaderMap) -> Response {
    let caller = match authenticate(&s, &headers, Api::Analytics) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    if matches!(caller.subject, Subject::App { .. }) && !s.config().app_only {
        return ApiError::new(
            Api::Analytics,
            StatusCode::FORBIDDEN,
            "This operation supports App+User credentials only.",
        )
        .into_response();
    }
    let Some(t) = caller.tenant else {
        return ApiError::not_found(Api::Analytics, "No organization profile was found.").into_response();
    };
    let domain = t.domain.split('.').next().unwrap_or("contoso");
    axum::Json(json!({
        "id": t.id,
        "companyName": t.name,
        "tenantId": t.id,
        "domain": t.domain,
        "email": format!("partners@{domain}.example"),
        "language": "en",
        "culture": "en-US",
        "defaultAddress": {"country": "US", "city": "Redmond", "state": "WA", "addressLine1": "1 Sample Way", "postalCode": "98052"},
        "profileType": "OrganizationProfile",
        "attributes": {"objectType": "OrganizationProfile"},
    }))
    .into_response()
}
