//! The one registry of accounts, for the window and the command line alike: the accounts file,
//! the secrets kept apart, the sample account when the person switched the sample data on, and
//! a client for each account that renews its own tokens and saves each rotated refresh token.
//! The sample account's simulator starts inside the process the first time it is used.

use std::sync::Arc;
use std::time::Duration;

use lens_auth::provider::{AppIdentity, RotateHook, SessionTokens};
use lens_auth::signin::{self, device::DeviceCode};
use lens_auth::{Account, AccountSecrets, AccountStore, KeyringKey, SecretStore, SignInMethod};
use lens_client::{Client, ClientError, ErrorKind, Phase, SharedTokens};
use lens_model::Secret;
use lens_model::clock::SystemClock;
use tokio_util::sync::CancellationToken;

use crate::demo::{Demo, DemoOptions, SAMPLE_ACCOUNT_ID};
use crate::error::{Action, ErrorCode, ServiceError};
use crate::paths::AppPaths;
use crate::settings::SettingsStore;
use crate::workspace::{api_client, app_client};

pub struct Accounts {
    store: AccountStore,
    secrets: Arc<SecretStore>,
    http: reqwest::Client,
    settings: Arc<SettingsStore>,
    demo: tokio::sync::Mutex<Option<Arc<Demo>>>,
    demo_options: DemoOptions,
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

impl From<lens_auth::AccountsError> for ServiceError {
    fn from(e: lens_auth::AccountsError) -> Self {
        let code = match e {
            lens_auth::AccountsError::NotFound(_) => ErrorCode::NotFound,
            lens_auth::AccountsError::Exists(_) => ErrorCode::Exists,
            _ => ErrorCode::Settings,
        };
        ServiceError::new(code, e.to_string(), None)
    }
}

impl From<lens_auth::SecretError> for ServiceError {
    fn from(e: lens_auth::SecretError) -> Self {
        ServiceError::new(ErrorCode::Secrets, e.to_string(), Some(Action::SignIn))
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
        Accounts::with_settings(paths, Arc::new(SettingsStore::open(&paths.data)))
    }

    /// The registry over settings the caller shares (the window keeps one settings store).
    pub fn with_settings(paths: &AppPaths, settings: Arc<SettingsStore>) -> Result<Accounts, ServiceError> {
        let secrets = SecretStore::open(paths.data.clone(), &KeyringKey::default());
        let http = lens_client::http_client(Duration::from_secs(15), Duration::from_secs(60))?;
        Ok(Accounts {
            store: AccountStore::new(paths.data.clone()),
            secrets: Arc::new(secrets),
            http,
            settings,
            demo: tokio::sync::Mutex::new(None),
            demo_options: DemoOptions::from_env(),
        })
    }

    pub fn settings(&self) -> &Arc<SettingsStore> {
        &self.settings
    }

    /// Switches the sample data on: the sample account joins the accounts.
    pub fn enable_sample(&self) -> Result<Account, ServiceError> {
        self.settings.update(|s| s.sample_data = true)?;
        Ok(crate::demo::sample_account(None))
    }

    /// The sample data's simulator, started on first use.
    pub async fn demo(&self) -> Result<Arc<Demo>, ServiceError> {
        let mut slot = self.demo.lock().await;
        if let Some(d) = slot.as_ref() {
            return Ok(d.clone());
        }
        let d = Arc::new(crate::demo::start(&self.demo_options).await?);
        *slot = Some(d.clone());
        Ok(d)
    }

    /// Why sign-ins are not remembered between sessions, when they are not.
    pub fn keyring_limitation(&self) -> Option<String> {
        self.secrets.limitation().map(str::to_string)
    }

    /// Every account: the saved ones, then the sample account when it is switched on.
    pub fn list(&self) -> Result<Vec<Account>, ServiceError> {
        let mut all = self.store.list()?;
        if self.settings.get().sample_data {
            all.push(crate::demo::sample_account(None));
        }
        Ok(all)
    }

    pub fn find(&self, id: &str) -> Result<Account, ServiceError> {
        if id == SAMPLE_ACCOUNT_ID && self.settings.get().sample_data {
            return Ok(crate::demo::sample_account(None));
        }
        Ok(self.store.find(id)?)
    }

    /// Whether the account has what it needs to get a token without asking the person.
    pub fn is_signed_in(&self, a: &Account) -> bool {
        if a.sample {
            return true;
        }
        self.secrets.get(&a.id).is_ok_and(|s| match a.method {
            SignInMethod::AppSecret => s.client_secret.is_some(),
            _ => s.refresh_token.is_some(),
        })
    }

    /// Adds an account; an app-secret account needs its secret now.
    pub fn add(&self, account: Account, client_secret: Option<Secret>) -> Result<Account, ServiceError> {
        if account.method == SignInMethod::AppSecret && client_secret.is_none() {
            return Err(ServiceError::usage("An app account needs its client secret."));
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
        if id == SAMPLE_ACCOUNT_ID && self.settings.get().sample_data {
            self.settings.update(|s| s.sample_data = false)?;
            return Ok(crate::demo::sample_account(None));
        }
        let gone = self.store.remove(id)?;
        self.secrets.remove(&gone.id)?;
        Ok(gone)
    }

    fn save_tokens(&self, a: &Account, t: lens_auth::oauth::Tokens) -> Result<(), ServiceError> {
        let refresh = t.refresh_token.ok_or_else(|| {
            ServiceError::new(
                ErrorCode::SignInFailed,
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
        let user = a.username.clone().ok_or_else(|| {
            ServiceError::new(ErrorCode::Usage, "This account has no user name.", Some(Action::OpenSettings))
        })?;
        let t = signin::password(&self.http, &identity(&a), &user, password, now()).await?;
        self.save_tokens(&a, t)
    }

    /// A client for the account, signing in with what is saved (the sample account signs in to
    /// its simulator, started here on first use).
    pub async fn client(&self, id: &str) -> Result<(Account, Client), ServiceError> {
        let a = self.find(id)?;
        if a.sample {
            let demo = self.demo().await?;
            let account = demo.account.clone();
            let client = app_client(&account, Secret::new(demo.sim.state.config().credentials.secret))?;
            return Ok((account, client));
        }
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

/// A client and what keeps it working: for the sample account, its simulator runs as long as
/// the connection lives (even after the registry it came from is gone).
pub struct Connection {
    client: Client,
    _demo: Option<Arc<Demo>>,
}

impl Connection {
    pub fn new(client: Client) -> Connection {
        Connection { client, _demo: None }
    }
}

impl std::ops::Deref for Connection {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Accounts {
    /// A client for the account that keeps what it needs alive.
    pub async fn connect(&self, id: &str) -> Result<Connection, ServiceError> {
        let (account, client) = self.client(id).await?;
        let demo = if account.sample { Some(self.demo().await?) } else { None };
        Ok(Connection { client, _demo: demo })
    }

    /// Signs in with what is saved and asks Partner Center whether it lets us in.
    pub async fn check_sign_in(&self, id: &str) -> Result<(), ServiceError> {
        let (_, client) = self.client(id).await?;
        Ok(client.check_sign_in().await?)
    }
}

fn missing_sign_in(a: &Account) -> ServiceError {
    ServiceError::from(ClientError::new(
        ErrorKind::SessionExpired,
        Phase::SignIn,
        format!("{} is not signed in. Sign in first (partner-lens signin {}).", a.name, a.id),
    ))
}
