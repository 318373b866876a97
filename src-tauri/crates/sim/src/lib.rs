//! The Partner Center simulator: the Analytics and Insights APIs and the sign-in endpoints over
//! real HTTP on loopback, with a seeded synthetic world and faults on demand. Demo mode, every
//! integration test and every benchmark talk to it; it is how the client is proven against the
//! quirks of the real service (see docs/partner-center-api.md).

pub mod admin;
pub mod analytics;
pub mod auth;
pub mod browser;
pub mod clock;
pub mod config;
pub mod directory;
pub mod errors;
pub mod faults;
pub mod forms;
pub mod insights;
pub mod json;
pub mod profile;
pub mod record;
pub mod rng;
pub mod server;
pub mod state;
pub mod world;

pub use config::{Credentials, SimConfig};
pub use faults::FaultSpec;
pub use server::{SimHandle, app_token, start};
pub use world::parse_scale;
