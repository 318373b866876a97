//! `/_sim/*`: faults, the clock and the recorded requests, for tests. Only served when the
//! configuration asks for it, never in demo mode.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::faults::FaultSpec;
use crate::state::SimState;

pub fn routes(app: Router<Arc<SimState>>) -> Router<Arc<SimState>> {
    app.route("/_sim/requests", get(requests).delete(clear))
        .route("/_sim/faults", put(set_faults).get(get_faults))
        .route("/_sim/clock/advance", post(advance))
        .route("/_sim/mfa", put(set_mfa))
        .route("/_sim/access", put(set_access))
        .route("/_sim/issued", get(issued))
}

async fn requests(State(s): State<Arc<SimState>>) -> Response {
    Json(s.recorder.all()).into_response()
}

async fn clear(State(s): State<Arc<SimState>>) -> Response {
    s.recorder.clear();
    Json(json!({"cleared": true})).into_response()
}

async fn set_faults(State(s): State<Arc<SimState>>, Json(f): Json<FaultSpec>) -> Response {
    s.update_config(|c| c.faults = f.clone());
    Json(f).into_response()
}

async fn get_faults(State(s): State<Arc<SimState>>) -> Response {
    Json(s.config().faults).into_response()
}

#[derive(Deserialize)]
struct Advance {
    seconds: i64,
}

async fn advance(State(s): State<Arc<SimState>>, Json(a): Json<Advance>) -> Response {
    s.clock.advance(a.seconds);
    Json(json!({"now": s.clock.now_secs()})).into_response()
}

#[derive(Deserialize)]
struct Mfa {
    enforced: bool,
}

async fn set_mfa(State(s): State<Arc<SimState>>, Json(m): Json<Mfa>) -> Response {
    s.update_config(|c| c.mfa_enforced = m.enforced);
    Json(json!({"enforced": m.enforced})).into_response()
}

#[derive(Deserialize)]
struct Access {
    /// Callers who sign in but may not read analytics (403).
    denied: Vec<String>,
}

async fn set_access(State(s): State<Arc<SimState>>, Json(a): Json<Access>) -> Response {
    s.update_config(|c| c.no_access = a.denied.clone());
    Json(json!({"denied": a.denied})).into_response()
}

/// Every token the simulator has issued, so tests can search files and logs for them.
async fn issued(State(s): State<Arc<SimState>>) -> Response {
    use crate::auth::store::lock;
    Json(json!({"tokens": *lock(&s.tokens.history)})).into_response()
}
