//! `POST /{tenant}/oauth2/v2.0/devicecode`: a code for a person to enter on another device's
//! browser (the `/devicelogin` page, in `login`), while the app polls the token endpoint.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::apps;
use super::store::{DeviceInfo, lock, opaque};
use super::token::check_tenant;
use crate::state::SimState;

pub async fn devicecode(
    State(s): State<Arc<SimState>>,
    Path(tenant): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let tenant = match check_tenant(&s, &tenant, true) {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    let client_id = form.get("client_id").cloned().unwrap_or_default();
    let named = tenant.as_deref().and_then(|t| s.directory.tenant(t));
    if let Err(e) = apps::check(&s, &client_id, named) {
        return e.into_response();
    }
    let device_code = opaque("sim-dc", 48);
    let raw = opaque("x", 4);
    let user_code: String = raw[2..].to_ascii_uppercase().chars().take(8).collect();
    let expires_in = 900;
    lock(&s.tokens.devices).insert(
        device_code.clone(),
        DeviceInfo {
            client_id,
            tenant,
            user_code: user_code.clone(),
            expires_at: s.clock.now_secs() + expires_in,
            approved: false,
            username: None,
            declined: None,
        },
    );
    let uri = format!("{}/devicelogin", s.base_url());
    axum::Json(json!({
        "device_code": device_code,
        "user_code": user_code,
        "verification_uri": uri,
        "expires_in": expires_in,
        "interval": 1,
        "message": format!("To sign in, use a web browser to open the page {uri} and enter the code {user_code} to authenticate."),
    }))
    .into_response()
}
