//! Demo mode: the simulator started inside the app on a loopback port, and a "Contoso (sample)"
//! account pointing at it. Every code path after this is the real one: the sample person signs
//! in through the browser sign-in (authorization code with PKCE, a second factor, consent), with
//! the app itself answering the simulator's pages where a person would; then paging, retries,
//! aggregation.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use lens_auth::provider::{AppIdentity, SessionTokens};
use lens_auth::signin;
use lens_auth::{Account, Cloud, SignInMethod};
use lens_client::SharedTokens;
use lens_model::clock::SystemClock;
use lens_sim::browser::{self, Ending};
use lens_sim::directory::SIM_PUBLIC_CLIENT_ID;
use lens_sim::{SimConfig, SimHandle};
use tokio_util::sync::CancellationToken;

use crate::error::ServiceError;

pub const SAMPLE_ACCOUNT_ID: &str = "sample";
pub const SAMPLE_ACCOUNT_NAME: &str = "Contoso (sample)";

/// The seed of the sample data: fixed, so screenshots and support conversations match.
pub const DEMO_SEED: u64 = 1;

pub struct Demo {
    pub sim: SimHandle,
    pub account: Account,
    /// The sample person's session, shared by every client of the sample account (a refresh
    /// token works once: two sessions from one would spend it twice).
    pub tokens: SharedTokens,
}

/// How the sample world is made.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub seed: u64,
    /// The sample world's "today" (days since 1970); by default the real today.
    pub today: Option<i64>,
    /// Subscriptions in the sample world (the other data sets scale from it).
    pub subscriptions: usize,
    /// Report schedules run this many times faster than real time.
    pub clock_speed: f64,
    /// Customers named with markup and formulas (`PARTNER_LENS_DEMO_NAMES=hostile`), for the
    /// window test that proves such names are shown as text and nothing in them runs.
    pub hostile_names: bool,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions { seed: DEMO_SEED, today: None, subscriptions: 600, clock_speed: 1.0, hostile_names: false }
    }
}

impl DemoOptions {
    /// `PARTNER_LENS_DEMO_TODAY` (`YYYY-MM-DD`) pins the date, so screenshots and tests repeat;
    /// `PARTNER_LENS_DEMO_SCALE` (small, medium, large or a number of subscriptions) sizes the
    /// world for benchmarks; `PARTNER_LENS_DEMO_CLOCK=fast` runs report schedules an hour a second.
    pub fn from_env() -> DemoOptions {
        let var = |k: &str| std::env::var(k).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let d = DemoOptions::default();
        DemoOptions {
            today: var("PARTNER_LENS_DEMO_TODAY")
                .and_then(|v| lens_model::dates::parse_micros(&v).ok().flatten())
                .map(|m| m.div_euclid(lens_model::dates::MICROS_PER_DAY)),
            subscriptions: var("PARTNER_LENS_DEMO_SCALE")
                .and_then(|v| lens_sim::parse_scale(&v))
                .unwrap_or(d.subscriptions),
            clock_speed: match var("PARTNER_LENS_DEMO_CLOCK").as_deref() {
                Some("fast") => 3600.0,
                Some(x) => x.parse().ok().filter(|s: &f64| *s > 0.0).unwrap_or(1.0),
                None => 1.0,
            },
            hostile_names: var("PARTNER_LENS_DEMO_NAMES").as_deref() == Some("hostile"),
            ..d
        }
    }
}

/// The sample account; its addresses are the simulator's once it runs.
pub fn sample_account(base_url: Option<&str>) -> Account {
    let url = base_url.unwrap_or("http://127.0.0.1").to_string();
    let creds = lens_sim::Credentials::default();
    Account {
        id: SAMPLE_ACCOUNT_ID.into(),
        name: SAMPLE_ACCOUNT_NAME.into(),
        cloud: Cloud::Custom { authority_url: url.clone(), api_url: url },
        tenant: creds.tenant,
        client_id: SIM_PUBLIC_CLIENT_ID.into(),
        method: SignInMethod::Browser,
        username: Some(creds.username),
        sample: true,
    }
}

/// Starts the simulator (on the current tokio runtime) and describes the sample account.
pub async fn start(o: &DemoOptions) -> Result<Demo, ServiceError> {
    // Never faults or admin endpoints in demo mode: a person exploring should see it work.
    let config = SimConfig {
        seed: o.seed,
        today: o.today,
        subscriptions: o.subscriptions,
        clock_speed: o.clock_speed,
        hostile_names: o.hostile_names,
        admin: false,
        // The sample person stays signed in however long the app sits idle (with the fast
        // clock, 90 idle days pass in 36 minutes).
        refresh_idle_secs: i64::MAX / 4,
        ..SimConfig::default()
    };
    let sim = lens_sim::start(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .map_err(|e| ServiceError::internal(format!("the sample data server could not start: {e}")))?;
    tracing::info!(url = %sim.base_url, "sample data server started");
    let account = sample_account(Some(&sim.base_url));
    let tokens = sign_in(&sim, &account).await?;
    Ok(Demo { sim, account, tokens })
}

/// Signs the sample person in with the browser sign-in, the app playing the browser on the
/// simulator's pages (its own, on loopback: nothing leaves the computer).
async fn sign_in(sim: &SimHandle, account: &Account) -> Result<SharedTokens, ServiceError> {
    let http = lens_client::http_client(std::time::Duration::from_secs(15), std::time::Duration::from_secs(60))?;
    let app = AppIdentity {
        authority: account.cloud.authority_url().to_string(),
        tenant: account.tenant.clone(),
        client_id: account.client_id.clone(),
    };
    let person = sim.person();
    let back = http.clone();
    let open = move |url: &url::Url| {
        let url = url.to_string();
        tokio::spawn(async move {
            match browser::sign_in(&url, &person).await {
                Ok(Ending::Redirect(to)) => {
                    let _ = back.get(to).send().await;
                }
                other => tracing::error!("the sample sign-in stopped: {other:?}"),
            }
        });
        Ok(())
    };
    let timeout = std::time::Duration::from_secs(60);
    let now = || chrono::Utc::now().timestamp();
    let t = signin::browser::sign_in(&http, &app, open, timeout, &CancellationToken::new(), now).await?;
    let refresh = t.refresh_token.ok_or_else(|| ServiceError::internal("the sample sign-in gave no refresh token"))?;
    Ok(Arc::new(SessionTokens::from_refresh(http, &app, refresh, None, Arc::new(SystemClock))))
}
