//! Which account a command uses: a saved one (`--account`), or one given inline for scripts
//! and tests.

use clap::Args;
use lens_client::Client;
use lens_service::{Accounts, AppPaths, ServiceError};

use super::inline_account::InlineAccount;

#[derive(Args, Debug)]
pub struct ClientArgs {
    /// A saved account (id or name); see `partner-lens accounts list`.
    #[arg(long, conflicts_with_all = ["tenant", "client_id", "token"])]
    pub account: Option<String>,
    #[command(flatten)]
    pub inline: InlineAccount,
}

impl ClientArgs {
    pub fn client(&self) -> Result<Client, ServiceError> {
        match &self.account {
            Some(id) => Ok(Accounts::open(&AppPaths::resolve())?.client(id)?.1),
            None => self.inline.client(),
        }
    }
}
