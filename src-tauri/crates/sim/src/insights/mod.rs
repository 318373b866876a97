//! The Partner Insights programmatic API (`/insights/v1/mpn/...`).

pub mod store;

use std::sync::Arc;

use axum::Router;

use crate::state::SimState;

pub fn routes(app: Router<Arc<SimState>>) -> Router<Arc<SimState>> {
    app
}
