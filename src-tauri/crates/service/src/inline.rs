//! An account given on the command line, for tests and scripts: the API and authority URLs,
//! tenant and client ID, and the secret (from the environment, never a flag: flags end up in
//! shell history and process lists), or a ready access token.

use std::sync::Arc;

use lens_auth::{Account, Cloud, SignInMethod};
use lens_client::{AccessToken, Client, StaticToken};
use lens_model::Secret;

use crate::error::ServiceError;
use crate::workspace::{api_client, app_client};

#[derive(Debug, Clone, Default)]
pub struct InlineAccount {
    pub base_url: String,
    pub authority_url: String,
    pub tenant: Option<String>,
    pub client_id: Option<String>,
    pub token: Option<String>,
    pub secret: Option<String>,
    /// Where the secret comes from, to name it when it is missing.
    pub secret_source: String,
}

pub fn inline_client(a: &InlineAccount) -> Result<Client, ServiceError> {
    let mut account = Account {
        id: "inline".into(),
        name: "the command line's account".into(),
        cloud: Cloud::Custom { authority_url: a.authority_url.clone(), api_url: a.base_url.clone() },
        tenant: a.tenant.clone().unwrap_or_default(),
        client_id: a.client_id.clone().unwrap_or_default(),
        method: SignInMethod::AppSecret,
        username: None,
        sample: false,
    };
    if let Some(t) = &a.token {
        return api_client(&account, Arc::new(StaticToken(AccessToken::bearer(t.clone()))));
    }
    let missing = |what: &str| ServiceError::usage(format!("Give {what}, or a ready --token."));
    account.tenant = a.tenant.clone().ok_or_else(|| missing("--tenant"))?;
    account.client_id = a.client_id.clone().ok_or_else(|| missing("--client-id"))?;
    let secret = a.secret.clone().filter(|s| !s.is_empty()).ok_or_else(|| {
        ServiceError::usage(format!("Set the client secret in the environment variable {}.", a.secret_source))
    })?;
    app_client(&account, Secret::new(secret))
}
