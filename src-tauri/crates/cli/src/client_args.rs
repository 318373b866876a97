//! Which account a command uses: a saved one (`--account`), or one given inline for scripts
//! and tests. `global` so the flags are taken before or after a subcommand's name.

use clap::Args;
use lens_service::inline::{InlineAccount, inline_client};
use lens_service::{Connection, ServiceError};

pub const SECRET_ENV: &str = "PARTNER_LENS_CLIENT_SECRET";

#[derive(Args, Debug, Clone)]
pub struct ClientArgs {
    /// A saved account (id or name); see `partner-lens accounts list`.
    #[arg(long, global = true, conflicts_with_all = ["tenant", "client_id", "token"])]
    pub account: Option<String>,
    /// API host, e.g. https://api.partnercenter.microsoft.com or the simulator's URL.
    #[arg(long, global = true, default_value = "https://api.partnercenter.microsoft.com")]
    pub base_url: String,
    /// Sign-in authority, e.g. https://login.microsoftonline.com or the simulator's URL.
    #[arg(long, global = true, default_value = "https://login.microsoftonline.com")]
    pub authority_url: String,
    /// Tenant ID or domain.
    #[arg(long, global = true)]
    pub tenant: Option<String>,
    /// Application (client) ID.
    #[arg(long, global = true)]
    pub client_id: Option<String>,
    /// A ready access token (instead of signing in).
    #[arg(long, global = true)]
    pub token: Option<String>,
}

impl ClientArgs {
    /// An account given on the command line (a tenant and app, or a token), not a saved one.
    pub fn is_inline(&self) -> bool {
        self.account.is_none() && (self.tenant.is_some() || self.token.is_some())
    }

    pub async fn client(&self) -> Result<Connection, ServiceError> {
        match &self.account {
            Some(id) => {
                let accounts = super::accounts::open()?;
                super::accounts::secret_from_env(&accounts, id)?;
                accounts.connect(id).await
            }
            None => inline_client(&InlineAccount {
                base_url: self.base_url.clone(),
                authority_url: self.authority_url.clone(),
                tenant: self.tenant.clone(),
                client_id: self.client_id.clone(),
                token: self.token.clone(),
                secret: std::env::var(SECRET_ENV).ok(),
                secret_source: SECRET_ENV.into(),
            })
            .map(Connection::new),
        }
    }
}
