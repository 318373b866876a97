//! Token providers for the client: an app signing in with its secret, and a person's session
//! kept alive with a refresh token (which rotates on every use, so each new one is handed to
//! `on_rotate` for safe keeping). Tokens are renewed five minutes before they expire; after a
//! 401 the provider renews once, and concurrent callers share that one renewal.

use std::sync::Arc;

use async_trait::async_trait;
use lens_client::{AccessToken, ClientError, ErrorKind, Phase, TokenProvider};
use lens_model::Secret;
use lens_model::clock::SharedClock;
use tokio::sync::Mutex;

use crate::oauth::{self, APP_SCOPE, Endpoint, Tokens};

/// The `client_assertion_type` of a signed JWT (RFC 7523).
pub const CLIENT_ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// Renew this long before the service's expiry.
pub const RENEW_MARGIN_SECS: i64 = 300;

pub type RotateHook = Arc<dyn Fn(&Secret) + Send + Sync>;

/// Held while this process renews a person's sign-in; dropping it lets the next one go.
pub type Turn = Box<dyn Send>;

/// Waits until no other process (the window, its tray worker, a command started by a scheduler)
/// is renewing the same account's sign-in, and returns that turn with the refresh token saved
/// now. A refresh token is spent once and the answer carries its successor: a process that
/// renewed with an old one would be refused, and the person told to sign in again for nothing.
/// It may block (a file lock): it runs on a blocking thread.
pub type TurnHook = Arc<dyn Fn() -> Result<(Turn, Option<Secret>), String> + Send + Sync>;

/// Where and as which app to sign in.
#[derive(Debug, Clone)]
pub struct AppIdentity {
    /// The cloud's sign-in authority, e.g. `https://login.microsoftonline.com`.
    pub authority: String,
    pub tenant: String,
    pub client_id: String,
}

enum Grant {
    AppSecret { secret: Secret },
    AppCertificate { certificate: Arc<crate::certificate::AppCertificate> },
    RefreshToken { on_rotate: Option<RotateHook>, turn: Option<TurnHook> },
}

struct Current {
    access: Secret,
    expires_at: i64,
}

struct State {
    current: Option<Current>,
    refresh: Option<Secret>,
    /// How many tokens this provider has obtained (for tests and diagnostics).
    acquired: u32,
}

pub struct SessionTokens {
    http: reqwest::Client,
    token_url: String,
    endpoint: Endpoint,
    client_id: String,
    grant: Grant,
    clock: SharedClock,
    state: Mutex<State>,
}

impl SessionTokens {
    fn new(
        http: reqwest::Client,
        app: &AppIdentity,
        endpoint: Endpoint,
        grant: Grant,
        state: State,
        clock: SharedClock,
    ) -> SessionTokens {
        SessionTokens {
            http,
            token_url: oauth::token_url(&app.authority, &app.tenant, endpoint),
            endpoint,
            client_id: app.client_id.clone(),
            grant,
            clock,
            state: Mutex::new(state),
        }
    }

    /// App-only sign-in with a client secret (`client_credentials`), on the v1 endpoint the
    /// Insights docs show.
    pub fn app_secret(http: reqwest::Client, app: &AppIdentity, secret: Secret, clock: SharedClock) -> SessionTokens {
        let state = State { current: None, refresh: None, acquired: 0 };
        SessionTokens::new(http, app, Endpoint::V1, Grant::AppSecret { secret }, state, clock)
    }

    /// App-only sign-in with a certificate: a signed client assertion each time (v1 endpoint).
    pub fn app_certificate(
        http: reqwest::Client,
        app: &AppIdentity,
        certificate: Arc<crate::certificate::AppCertificate>,
        clock: SharedClock,
    ) -> SessionTokens {
        let state = State { current: None, refresh: None, acquired: 0 };
        SessionTokens::new(http, app, Endpoint::V1, Grant::AppCertificate { certificate }, state, clock)
    }

    /// A person's session from a sign-in that gave a refresh token (v2 endpoint).
    pub fn user(
        http: reqwest::Client,
        app: &AppIdentity,
        initial: Tokens,
        on_rotate: Option<RotateHook>,
        clock: SharedClock,
    ) -> SessionTokens {
        let state = State {
            refresh: initial.refresh_token.clone(),
            current: Some(Current { access: initial.access_token, expires_at: initial.expires_at }),
            acquired: 0,
        };
        SessionTokens::new(http, app, Endpoint::V2, Grant::RefreshToken { on_rotate, turn: None }, state, clock)
    }

    /// A person's session from a saved refresh token alone: the first call renews.
    pub fn from_refresh(
        http: reqwest::Client,
        app: &AppIdentity,
        refresh: Secret,
        on_rotate: Option<RotateHook>,
        clock: SharedClock,
    ) -> SessionTokens {
        let state = State { current: None, refresh: Some(refresh), acquired: 0 };
        SessionTokens::new(http, app, Endpoint::V2, Grant::RefreshToken { on_rotate, turn: None }, state, clock)
    }

    /// Renews one process at a time, from the refresh token saved last ([`TurnHook`]).
    pub fn taking_turns(mut self, hook: TurnHook) -> SessionTokens {
        if let Grant::RefreshToken { turn, .. } = &mut self.grant {
            *turn = Some(hook);
        }
        self
    }

    pub async fn tokens_acquired(&self) -> u32 {
        self.state.lock().await.acquired
    }

    async fn acquire(&self, state: &mut State) -> Result<(), ClientError> {
        let now = self.clock.now_secs();
        let tokens = match &self.grant {
            Grant::AppSecret { secret } => {
                let mut form = vec![
                    ("grant_type", "client_credentials"),
                    ("client_id", self.client_id.as_str()),
                    ("client_secret", secret.expose()),
                ];
                if self.endpoint == Endpoint::V2 {
                    form.push(("scope", APP_SCOPE));
                }
                oauth::request(&self.http, &self.token_url, self.endpoint, &form, now).await?
            }
            Grant::AppCertificate { certificate } => {
                let assertion = certificate.assertion(&self.client_id, &self.token_url, now).map_err(|e| {
                    ClientError::new(
                        ErrorKind::SignInFailed,
                        Phase::SignIn,
                        format!("The app certificate cannot sign in: {e}"),
                    )
                })?;
                let mut form = vec![
                    ("grant_type", "client_credentials"),
                    ("client_id", self.client_id.as_str()),
                    ("client_assertion_type", CLIENT_ASSERTION_TYPE),
                    ("client_assertion", assertion.expose()),
                ];
                if self.endpoint == Endpoint::V2 {
                    form.push(("scope", APP_SCOPE));
                }
                oauth::request(&self.http, &self.token_url, self.endpoint, &form, now).await?
            }
            Grant::RefreshToken { on_rotate, turn } => {
                let mut _held = None;
                if let Some(hook) = turn.clone() {
                    let (held, saved) = tokio::task::spawn_blocking(move || hook())
                        .await
                        .map_err(|e| e.to_string())
                        .and_then(|r| r)
                        .map_err(|e| {
                            tracing::error!("the saved sign-in could not be read: {e}");
                            ClientError::new(
                                ErrorKind::SignInFailed,
                                Phase::SignIn,
                                "The saved sign-in could not be read. Try again; the details are in the log file.",
                            )
                        })?;
                    _held = Some(held);
                    // Another process may have renewed since this one read it: its successor is
                    // the one that works now.
                    if saved.is_some() {
                        state.refresh = saved;
                    }
                }
                let refresh = state.refresh.clone().ok_or_else(|| {
                    ClientError::new(
                        ErrorKind::SessionExpired,
                        Phase::SignIn,
                        "There is no saved sign-in for this account. Sign in.",
                    )
                })?;
                let form = [
                    ("grant_type", "refresh_token"),
                    ("client_id", self.client_id.as_str()),
                    ("refresh_token", refresh.expose()),
                ];
                let t = oauth::request(&self.http, &self.token_url, self.endpoint, &form, now).await?;
                if let Some(new) = &t.refresh_token {
                    state.refresh = Some(new.clone());
                    if let Some(hook) = on_rotate {
                        hook(new);
                    }
                }
                t
            }
        };
        state.current = Some(Current { access: tokens.access_token, expires_at: tokens.expires_at });
        state.acquired += 1;
        Ok(())
    }
}

#[async_trait]
impl TokenProvider for SessionTokens {
    async fn token(&self) -> Result<AccessToken, ClientError> {
        let mut state = self.state.lock().await;
        let now = self.clock.now_secs();
        let fresh = state.current.as_ref().is_some_and(|c| c.expires_at - now > RENEW_MARGIN_SECS);
        if !fresh {
            self.acquire(&mut state).await?;
        }
        let c = state.current.as_ref().expect("acquire sets the current token");
        Ok(AccessToken { value: c.access.clone(), as_user_ticket: false })
    }

    async fn refresh(&self, rejected: &AccessToken) -> Result<AccessToken, ClientError> {
        let mut state = self.state.lock().await;
        // Another request may have renewed the token while this one waited for the lock.
        let already = state.current.as_ref().is_some_and(|c| c.access != rejected.value);
        if !already {
            self.acquire(&mut state).await?;
        }
        let c = state.current.as_ref().expect("acquire sets the current token");
        Ok(AccessToken { value: c.access.clone(), as_user_ticket: false })
    }
}
