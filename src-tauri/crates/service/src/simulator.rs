//! The Partner Center simulator, for `partner-lens sim`: its options and how to start it.

pub use lens_sim::browser;
pub use lens_sim::directory::{Directory, InsightsRole, PartnerKind, SIM_PUBLIC_CLIENT_ID};
pub use lens_sim::{Credentials, FaultSpec, SimConfig, SimHandle, parse_scale};

use std::net::{Ipv4Addr, SocketAddr};

use crate::error::{ErrorCode, ServiceError};

/// Starts the simulator on `127.0.0.1:port` (0 picks a free port).
pub async fn start(config: SimConfig, port: u16) -> Result<SimHandle, ServiceError> {
    lens_sim::start(config, SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await.map_err(|e| {
        ServiceError::new(ErrorCode::Port, format!("Could not listen on port {port}: {e}. Try another --port."), None)
    })
}

/// The application ID this build signs people in with, if it has one: the simulator accepts
/// it as a multi-tenant public client beside its own.
pub fn built_in_client() -> Option<String> {
    crate::first_sign_in::SignInDefaults::from_environment().built_in_client
}

/// A date like `2026-11-21` as days since 1970.
pub fn parse_day(s: &str) -> Option<i64> {
    lens_model::dates::parse_micros(s).ok().flatten().map(|m| m.div_euclid(lens_model::dates::MICROS_PER_DAY))
}
