//! What a simulator run looks like: its world, the credentials it accepts, token lifetimes and
//! the faults it injects. Every value has a default a new user can paste from the README.

use serde::{Deserialize, Serialize};

use crate::faults::FaultSpec;
use crate::insights::files::Encoding;

/// The test credentials the simulator accepts. Public by design: they only open the simulator.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Credentials {
    pub tenant: String,
    pub client_id: String,
    pub secret: String,
    pub username: String,
    pub password: String,
}

impl Default for Credentials {
    fn default() -> Self {
        Credentials {
            tenant: "contoso.onmicrosoft.com".into(),
            client_id: "8f6d2c1a-5b3e-4f7a-9c0d-1e2f3a4b5c6d".into(),
            secret: "sample-secret".into(),
            username: "alex@contoso.onmicrosoft.com".into(),
            password: "sample-password".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct SimConfig {
    pub seed: u64,
    /// Number of subscription rows; the other data sets scale from it.
    pub subscriptions: usize,
    /// The world's "today" as days since 1970-01-01; `None` uses the real date.
    pub today: Option<i64>,
    pub credentials: Credentials,
    /// Access token lifetime in seconds (the service gives about an hour).
    pub token_lifetime_secs: i64,
    /// Refresh tokens die after this long unused (the service: 90 days).
    pub refresh_idle_secs: i64,
    /// Whether the test user's tenant enforces multi-factor sign-in (2026: it does).
    pub mfa_enforced: bool,
    /// Whether the interactive (browser and device code) sign-in completes multi-factor.
    pub interactive_mfa: bool,
    /// How much faster than real time the simulated clock runs (report executions).
    pub clock_speed: f64,
    pub faults: FaultSpec,
    /// Force how report files travel (by default it varies per execution).
    pub file_encoding: Option<Encoding>,
    /// Force whether report files begin with a byte-order mark (by default it varies).
    pub file_bom: Option<bool>,
    /// Serve `/_sim/*` (faults, clock, recorded requests). Never on in demo mode.
    pub admin: bool,
    /// Certificates (PEM) registered on the test app: client assertions signed by their keys
    /// sign in as the app.
    pub certificates: Vec<String>,
    /// Write every date cell of raw rows in one of all the documented forms in turn (0 to 7
    /// fraction digits, date only, `Z`, `+00:00`, null, `0001-01-01T00:00:00`) and add unknown
    /// fields with nested values to every row: for tests of what the app keeps of a page.
    pub every_form: bool,
    /// Name every customer after one of [`crate::world::HOSTILE_NAMES`] in turn: markup and
    /// formula-like text, for tests that the app never runs or evaluates what the service sends.
    pub hostile_names: bool,
    /// Callers (user names or app client ids) who sign in but hold no analytics role: their
    /// calls answer 403, as the service does for a user without one.
    pub no_access: Vec<String>,
    /// The application ID a Partner Lens build carries (see `lens_auth::publisher`), accepted
    /// as a multi-tenant public client beside the simulator's own.
    pub built_in_client: Option<String>,
    /// Accept app-only tokens on the Analytics API, as the 2018 documents did. Today's say
    /// Analytics takes user credentials only, so by default such calls are refused.
    pub app_only: bool,
    /// The code the second-factor page asks for.
    pub mfa_code: String,
    /// Data sets served beside Microsoft's documented ones (a newer catalogue, for tests that
    /// the app takes what it has never seen).
    pub extra_datasets: Vec<crate::insights::DatasetDef>,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 1,
            subscriptions: 600,
            today: None,
            credentials: Credentials::default(),
            token_lifetime_secs: 3600,
            refresh_idle_secs: 90 * 86_400,
            mfa_enforced: true,
            interactive_mfa: true,
            clock_speed: 1.0,
            faults: FaultSpec::default(),
            file_encoding: None,
            file_bom: None,
            admin: false,
            certificates: Vec::new(),
            every_form: false,
            hostile_names: false,
            no_access: Vec::new(),
            built_in_client: None,
            app_only: false,
            mfa_code: "123456".into(),
            extra_datasets: Vec::new(),
        }
    }
}
