//! Demo mode: the simulator started inside the app on a loopback port, and a "Contoso (sample)"
//! account pointing at it. Every code path after this is the real one: sign-in, paging, retries,
//! aggregation.

use std::net::{Ipv4Addr, SocketAddr};

use lens_auth::Cloud;
use lens_sim::{SimConfig, SimHandle};

use crate::error::ServiceError;
use lens_auth::{Account, SignInMethod};

pub const SAMPLE_ACCOUNT_ID: &str = "sample";

pub struct Demo {
    pub sim: SimHandle,
    pub account: Account,
}

/// Starts the simulator (on the current tokio runtime) and describes the sample account.
/// `today` pins the sample world's date (days since 1970) so screenshots and tests repeat;
/// by default the sample data runs up to the real today.
pub async fn start(seed: u64, today: Option<i64>) -> Result<Demo, ServiceError> {
    // Never faults or admin endpoints in demo mode: a person exploring should see it work.
    let config = SimConfig { seed, today, admin: false, ..SimConfig::default() };
    let sim = lens_sim::start(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .map_err(|e| ServiceError::internal(format!("the sample data server could not start: {e}")))?;
    let creds = sim.state.config().credentials;
    tracing::info!(url = %sim.base_url, "sample data server started");
    let account = Account {
        id: SAMPLE_ACCOUNT_ID.into(),
        name: "Contoso (sample)".into(),
        cloud: Cloud::Custom { authority_url: sim.base_url.clone(), api_url: sim.base_url.clone() },
        tenant: creds.tenant,
        client_id: creds.client_id,
        method: SignInMethod::AppSecret,
        username: None,
        sample: true,
    };
    Ok(Demo { sim, account })
}

/// The sample world's date from `PARTNER_LENS_DEMO_TODAY` (`YYYY-MM-DD`), if set and valid.
pub fn today_from_env() -> Option<i64> {
    let v = std::env::var("PARTNER_LENS_DEMO_TODAY").ok()?;
    let micros = lens_model::dates::parse_micros(v.trim()).ok()??;
    Some(micros.div_euclid(lens_model::dates::MICROS_PER_DAY))
}
