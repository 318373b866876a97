//! The HTTP server: routes, the middleware that injects faults and records requests, the admin
//! endpoints, and start/stop.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use futures::StreamExt;
use lens_model::dataset::DatasetId;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::analytics;
use crate::auth::{device, login, token};
use crate::config::SimConfig;
use crate::errors::{Api, ApiError};
use crate::faults::Fault;
use crate::record::{Recorded, wall_ms};
use crate::state::SimState;

pub fn router(state: Arc<SimState>) -> Router {
    let mut app = Router::new()
        .route("/{tenant}/oauth2/token", post(token::token_v1))
        .route("/{tenant}/oauth2/v2.0/token", post(token::token_v2))
        .route("/{tenant}/oauth2/authorize", get(login::authorize))
        .route("/{tenant}/oauth2/v2.0/authorize", get(login::authorize))
        .route("/{tenant}/login", post(login::step))
        .route("/{tenant}/adminconsent", get(login::admin_consent))
        .route("/{tenant}/v2.0/adminconsent", get(login::admin_consent))
        .route("/common/oauth2/nativeclient", get(login::native_client))
        .route("/{tenant}/oauth2/devicecode", post(device::devicecode))
        .route("/{tenant}/oauth2/v2.0/devicecode", post(device::devicecode))
        .route("/devicelogin", get(login::devicelogin))
        .route("/v1/profiles/organization", get(crate::profile::organization));
    for id in DatasetId::ALL {
        app = app.route(id.path(), get(move |s, q, h| analytics::handle(s, id, q, h)));
    }
    app = crate::insights::routes(app);
    if state.config().admin {
        app = crate::admin::routes(app);
    }
    app.fallback(|| async { ApiError::not_found(Api::Analytics, "No such resource.").into_response() })
        .layer(middleware::from_fn_with_state(state.clone(), around))
        .with_state(state)
}

/// Wraps every request: echoes the request ids, injects faults on API calls, records it.
async fn around(State(s): State<Arc<SimState>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let query = req.uri().query().unwrap_or("").to_string();
    let method = req.method().to_string();
    // Read before any await: a borrow of the request would make this future !Send.
    let (request_id, correlation_id) = {
        let header = |n: &str| req.headers().get(n).and_then(|v| v.to_str().ok()).map(str::to_string);
        (header("ms-requestid"), header("ms-correlationid"))
    };
    let at_ms = wall_ms();
    let is_api = path.starts_with("/partner/") || path.starts_with("/insights/");
    let api = if path.starts_with("/insights/") { Api::Insights } else { Api::Analytics };

    let faults = s.config().faults;
    let seq = s.next_request();
    let (fault, slow) = if is_api { faults.decide(seq ^ (faults.seed << 32)) } else { (Fault::None, false) };
    if slow {
        tokio::time::sleep(Duration::from_millis(faults.slow_ms)).await;
    }
    let mut not_before_ms = None;
    let mut resp = match fault {
        Fault::Throttle => {
            not_before_ms = Some(at_ms + faults.retry_after as u64 * 1000);
            ApiError::throttled(api, faults.retry_after).into_response()
        }
        Fault::ServerError(code) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut e = ApiError::new(api, status, "The service is temporarily unavailable. Try again later.");
            if code == 503 {
                e.retry_after = Some(faults.retry_after);
                not_before_ms = Some(at_ms + faults.retry_after as u64 * 1000);
            }
            e.into_response()
        }
        Fault::Reset | Fault::None => next.run(req).await,
    };
    if fault == Fault::Reset {
        resp = cut_body(resp).await;
    }
    if is_api && faults.drip_ms > 0 {
        resp = drip(resp, Duration::from_millis(faults.drip_ms)).await;
    }
    for (name, value) in [("ms-requestid", &request_id), ("ms-correlationid", &correlation_id)] {
        if let Some(v) = value.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
            resp.headers_mut().insert(name, v);
        }
    }
    s.recorder.push(Recorded {
        seq,
        at_ms,
        method,
        path,
        query,
        request_id,
        correlation_id,
        status: resp.status().as_u16(),
        not_before_ms,
        fault: match fault {
            Fault::None => None,
            other => Some(format!("{other:?}")),
        },
    });
    resp
}

/// Sends the body one byte at a time, `every` apart: a server that answers but never finishes.
async fn drip(resp: Response, every: Duration) -> Response {
    let (parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let stream = futures::stream::iter(0..bytes.len())
        .then(move |i| {
            let b = bytes.slice(i..i + 1);
            async move {
                tokio::time::sleep(every).await;
                Ok::<Bytes, std::io::Error>(b)
            }
        })
        .boxed();
    Response::from_parts(parts, axum::body::Body::from_stream(stream))
}

/// Sends the first part of the body, then fails the stream: hyper aborts the connection, and
/// the client sees the connection reset in the middle of the body.
async fn cut_body(resp: Response) -> Response {
    let (mut parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let half = Bytes::copy_from_slice(&bytes[..bytes.len() / 2]);
    // The pause lets the headers and the first half leave before the connection is cut.
    let stream = futures::stream::iter(vec![Ok::<Bytes, std::io::Error>(half)])
        .chain(futures::stream::once(async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "simulated connection reset"))
        }))
        .boxed();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from_stream(stream))
}

/// A running simulator. Dropping it stops the server.
pub struct SimHandle {
    pub addr: SocketAddr,
    pub base_url: String,
    pub state: Arc<SimState>,
    stop: Option<oneshot::Sender<()>>,
}

impl SimHandle {
    /// Where the sign-in endpoints live (the simulator is its own authority).
    pub fn authority_url(&self) -> &str {
        &self.base_url
    }

    /// An app-only access token for the configured test app, asked over plain HTTP (for tests
    /// and benchmarks that must not go through the project's own client). Today's service
    /// refuses such tokens on its APIs unless `SimConfig::app_only` brings back 2018's rules.
    pub async fn app_token(&self) -> Result<String, String> {
        app_token(&self.base_url, &self.state.config().credentials).await
    }

    /// The sample organisation's first person (an administrator with every role), as a
    /// person answers the sign-in pages.
    pub fn person(&self) -> crate::browser::Person {
        self.person_named(&self.state.config().credentials.username)
    }

    /// Anyone in the directory (their password from it).
    pub fn person_named(&self, username: &str) -> crate::browser::Person {
        let password = self.state.directory.user(username).map(|(_, u)| u.password.clone()).unwrap_or_default();
        crate::browser::Person {
            username: username.to_string(),
            password,
            otp: self.state.config().mfa_code,
            consent: true,
        }
    }

    /// A user access token for `who` with the test app (approved in the sample organisation),
    /// signed in through the pages with the second factor: (access, refresh).
    pub async fn user_tokens(&self, who: &crate::browser::Person) -> Result<(String, String), String> {
        let cfg = self.state.config();
        crate::browser::user_tokens(&self.base_url, "organizations", &cfg.credentials.client_id, who).await
    }

    /// A user access token for the sample organisation's first person.
    pub async fn user_token(&self) -> Result<String, String> {
        self.user_tokens(&self.person()).await.map(|t| t.0)
    }
}

/// An app-only access token from the simulator at `base_url`, asked over plain HTTP.
pub async fn app_token(base_url: &str, creds: &crate::config::Credentials) -> Result<String, String> {
    let v: serde_json::Value = reqwest::Client::new()
        .post(format!("{base_url}/{}/oauth2/token", creds.tenant))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", creds.client_id.as_str()),
            ("client_secret", creds.secret.as_str()),
            ("resource", "https://api.partnercenter.microsoft.com"),
        ])
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    v["access_token"].as_str().map(str::to_string).ok_or_else(|| format!("no token in {v}"))
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

/// Starts the simulator on `addr` (port 0 picks a free one) on the current tokio runtime.
pub async fn start(config: SimConfig, addr: SocketAddr) -> std::io::Result<SimHandle> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let base_url = format!("http://{addr}");
    let state = Arc::new(SimState::new(config));
    state.set_base_url(base_url.clone());
    let app = router(state.clone());
    let (tx, rx) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });
    Ok(SimHandle { addr, base_url, state, stop: Some(tx) })
}
