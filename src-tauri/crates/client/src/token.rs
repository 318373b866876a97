//! Where the client gets its access token. The accounts crate implements this for each sign-in
//! method; the client only asks for a token and, after a 401, for a fresh one.

use std::sync::Arc;

use async_trait::async_trait;

use crate::error::ClientError;
use lens_model::Secret;

/// An access token and how it is sent.
#[derive(Clone, Debug)]
pub struct AccessToken {
    pub value: Secret,
    /// Send as `X-AadUserTicket` instead of `Authorization: Bearer` (some Insights clients do).
    pub as_user_ticket: bool,
}

impl AccessToken {
    pub fn bearer(value: impl Into<String>) -> AccessToken {
        AccessToken { value: Secret::new(value.into()), as_user_ticket: false }
    }
}

#[async_trait]
pub trait TokenProvider: Send + Sync {
    /// A token valid for a while yet (providers refresh ahead of expiry).
    async fn token(&self) -> Result<AccessToken, ClientError>;

    /// Called after the service refused `rejected` with 401: return a new token (or the one
    /// another request already renewed it to), or an error that says the person must sign in
    /// again.
    async fn refresh(&self, rejected: &AccessToken) -> Result<AccessToken, ClientError>;
}

/// A token given on the command line (`--token`): cannot be refreshed.
pub struct StaticToken(pub AccessToken);

#[async_trait]
impl TokenProvider for StaticToken {
    async fn token(&self) -> Result<AccessToken, ClientError> {
        Ok(self.0.clone())
    }

    async fn refresh(&self, _: &AccessToken) -> Result<AccessToken, ClientError> {
        Err(ClientError::new(
            crate::ErrorKind::Unauthorized,
            crate::Phase::SignIn,
            "The access token was refused and cannot be renewed. Get a new token or sign in.",
        ))
    }
}

pub type SharedTokens = Arc<dyn TokenProvider>;
