//! An account given on the command line, for tests and scripts: the API and authority URLs,
//! tenant and client ID as flags, the secret from `PARTNER_LENS_CLIENT_SECRET` (never a flag:
//! flags end up in shell history and process lists), or a ready `--token`.

use std::sync::Arc;

use clap::Args;
use lens_auth::Cloud;
use lens_client::{AccessToken, Client, StaticToken};
use lens_model::Secret;
use lens_service::workspace::{api_client, app_client};
use lens_service::{Account, ServiceError, SignInMethod};

pub const SECRET_ENV: &str = "PARTNER_LENS_CLIENT_SECRET";

#[derive(Args, Debug, Clone)]
pub struct InlineAccount {
    /// API host, e.g. https://api.partnercenter.microsoft.com or the simulator's URL.
    #[arg(long, default_value = "https://api.partnercenter.microsoft.com")]
    pub base_url: String,
    /// Sign-in authority, e.g. https://login.microsoftonline.com or the simulator's URL.
    #[arg(long, default_value = "https://login.microsoftonline.com")]
    pub authority_url: String,
    /// Tenant ID or domain.
    #[arg(long)]
    pub tenant: Option<String>,
    /// Application (client) ID.
    #[arg(long)]
    pub client_id: Option<String>,
    /// A ready access token (instead of signing in).
    #[arg(long)]
    pub token: Option<String>,
}

impl InlineAccount {
    pub fn client(&self) -> Result<Client, ServiceError> {
        let mut account = Account {
            id: "inline".into(),
            name: "command line".into(),
            cloud: Cloud::Custom { authority_url: self.authority_url.clone(), api_url: self.base_url.clone() },
            tenant: self.tenant.clone().unwrap_or_default(),
            client_id: self.client_id.clone().unwrap_or_default(),
            method: SignInMethod::AppSecret,
            username: None,
            sample: false,
        };
        if let Some(t) = &self.token {
            return api_client(&account, Arc::new(StaticToken(AccessToken::bearer(t.clone()))));
        }
        let missing = |what: &str| ServiceError::new("usage", format!("Give {what}, or a ready --token."), None);
        account.tenant = self.tenant.clone().ok_or_else(|| missing("--tenant"))?;
        account.client_id = self.client_id.clone().ok_or_else(|| missing("--client-id"))?;
        let secret = std::env::var(SECRET_ENV).ok().filter(|s| !s.is_empty()).ok_or_else(|| {
            ServiceError::new("usage", format!("Set the client secret in the environment variable {SECRET_ENV}."), None)
        })?;
        app_client(&account, Secret::new(secret))
    }
}
