//! Accounts with their sign-ins: the settings file, the secrets kept apart, and a client for
//! each account that renews its own tokens and saves each rotated refresh token.

use std::sync::Arc;
use std::time::Duration;

use lens_auth::provider::{AppIdentity, RotateHook, SessionTokens};
use lens_auth::signin::{self, device::DeviceCode};
use lens_auth::{Account, AccountSecrets, AccountStore, KeyringKey, SecretStore, SignInMethod};
use lens_client::{Client, ClientError, ErrorKind, Phase, SharedTokens};
use lens_model::Secret;
use lens_model::clock::SystemClock;
use tokio_util::sync::CancellationToken;

use crate::error::{Action, ServiceError};
use crate::paths::AppPaths;
use crate::workspace::api_client;

pub struct Accounts {
    store: AccountStore,
    secrets: Arc<SecretStore>,
    http: reqwest::Client,
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

impl From<lens_auth::AccountsError> for ServiceError {
    fn from(e: lens_auth::AccountsError) -> Self {
        let code = match e {
            lens_auth::AccountsError::NotFound(_) => "not_found",
            lens_auth::AccountsError::Exists(_) => "exists",
            _ => "settings",
        };
        ServiceError::new(code, e.to_string(), None)
    }
}

impl From<lens_auth::SecretError> for ServiceError {
    fn from(e: lens_auth::SecretError) -> Self {
        ServiceError::new("secrets", e.to_string(), Some(Action::SignIn))
    }
}

pub fn identity(a: &Account) -> AppIdentity {
    AppIdentity {
        authority: a.cloud.authority_url().to_string(),
        tenant: a.tenant.clone(),
        client_id: a.client_id.clone(),
    }
}

impl Accounts {
    pub fn open(paths: &AppPaths) -> Result<Accounts, ServiceError> {
        let secrets = SecretStore::open(paths.data.clone(), &KeyringKey::default());
        let http = lens_client::http_client(Duration::from_secs(15), Duration::from_secs(60))?;
        Ok(Accounts { store: AccountStore::new(paths.data.clone()), secrets: Arc::new(secrets), http })
    }

    /// Why sign-ins are not remembered between sessions, when they are not.
    pub fn keyring_limitation(&self) -> Option<String> {
        self.secrets.limitation().map(str::to_string)
    }

    pub fn list(&self) -> Result<Vec<Account>, ServiceError> {
        Ok(self.store.list()?)
    }

    pub fn find(&self, id: &str) -> Result<Account, ServiceError> {
        Ok(self.store.find(id)?)
    }

    /// Whether the account has what it needs to get a token without asking the person.
    pub fn is_signed_in(&self, a: &Account) -> bool {
        self.secrets.get(&a.id).is_ok_and(|s| match a.method {
            SignInMethod::AppSecret => s.client_secret.is_some(),
            _ => s.refresh_token.is_some(),
        })
    }

    /// Adds an account; an app-secret account needs its secret now.
    pub fn add(&self, account: Account, client_secret: Option<Secret>) -> Result<Account, ServiceError> {
        if account.method == SignInMethod::AppSecret && client_secret.is_none() {
            return Err(ServiceError::new("usage", "An app account needs its client secret.", None));
        }
        let saved = self.store.add(account)?;
        if let Some(s) = client_secret
            && let Err(e) = self.secrets.put(&saved.id, AccountSecrets { refresh_token: None, client_secret: Some(s) })
        {
            let _ = self.store.remove(&saved.id);
            return Err(e.into());
        }
        Ok(saved)
    }

    pub fn remove(&self, id: &str) -> Result<Account, ServiceError> {
        let gone = self.store.remove(id)?;
        self.secrets.remove(&gone.id)?;
        Ok(gone)
    }

    fn save_tokens(&self, a: &Account, t: lens_auth::oauth::Tokens) -> Result<(), ServiceError> {
        let refresh = t.refresh_token.ok_or_else(|| {
            ServiceError::new(
                "sign_in_failed",
                "The sign-in gave no lasting session (no refresh token).",
                Some(Action::SignIn),
            )
        })?;
        self.secrets.set_refresh_token(&a.id, refresh)?;
        Ok(())
    }

    pub async fn sign_in_browser(
        &self,
        id: &str,
        open: impl FnOnce(&url::Url) -> Result<(), String>,
        cancel: &CancellationToken,
    ) -> Result<(), ServiceError> {
        let a = self.find(id)?;
        let t =
            signin::browser::sign_in(&self.http, &identity(&a), open, signin::browser::DEFAULT_TIMEOUT, cancel, now)
                .await?;
        self.save_tokens(&a, t)
    }

    pub async fn start_device(&self, id: &str) -> Result<DeviceCode, ServiceError> {
        let a = self.find(id)?;
        Ok(signin::device::start(&self.http, &identity(&a)).await?)
    }

    pub async fn finish_device(
        &self,
        id: &str,
        code: &DeviceCode,
        cancel: &CancellationToken,
    ) -> Result<(), ServiceError> {
        let a = self.find(id)?;
        let t = signin::device::finish(&self.http, &identity(&a), code, cancel, now).await?;
        self.save_tokens(&a, t)
    }

    pub async fn sign_in_password(&self, id: &str, password: &Secret) -> Result<(), ServiceError> {
        let a = self.find(id)?;
        let user = a
            .username
            .clone()
            .ok_or_else(|| ServiceError::new("usage", "This account has no user name.", Some(Action::OpenSettings)))?;
        let t = signin::password(&self.http, &identity(&a), &user, password, now()).await?;
        self.save_tokens(&a, t)
    }

    /// A client for the account, signing in with what is saved.
    pub fn client(&self, id: &str) -> Result<(Account, Client), ServiceError> {
        let a = self.find(id)?;
        let saved = self.secrets.get(&a.id)?;
        let app = identity(&a);
        let clock = Arc::new(SystemClock);
        let tokens: SharedTokens = match a.method {
            SignInMethod::AppSecret => {
                let secret = saved.client_secret.ok_or_else(|| missing_sign_in(&a))?;
                Arc::new(SessionTokens::app_secret(self.http.clone(), &app, secret, clock))
            }
            _ => {
                let refresh = saved.refresh_token.ok_or_else(|| missing_sign_in(&a))?;
                let secrets = self.secrets.clone();
                let account_id = a.id.clone();
                let hook: RotateHook = Arc::new(move |new: &Secret| {
                    if let Err(e) = secrets.set_refresh_token(&account_id, new.clone()) {
                        tracing::error!("the renewed sign-in could not be saved: {e}");
                    }
                });
                Arc::new(SessionTokens::from_refresh(self.http.clone(), &app, refresh, Some(hook), clock))
            }
        };
        Ok((a.clone(), api_client(&a, tokens)?))
    }
}

fn missing_sign_in(a: &Account) -> ServiceError {
    ServiceError::from(ClientError::new(
        ErrorKind::SessionExpired,
        Phase::SignIn,
        format!("{} is not signed in. Sign in first (partner-lens signin {}).", a.name, a.id),
    ))
}
