//! One request to the service, done properly: the token attached, `MS-RequestId` the same on
//! every retry and `MS-CorrelationId` shared by the calls of one operation, retries on the
//! statuses and network failures worth retrying, `Retry-After` honoured, a token refresh after
//! a 401 whenever the token has expired (once per expiry, also many times in a long fetch),
//! fewer parallel requests after a 429, cancel at any point.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::HeaderMap;
use tokio_util::sync::CancellationToken;
use url::Url;
use uuid::Uuid;

use crate::error::{ClientError, ErrorKind, Phase};
use crate::limiter::Limiter;
use crate::retry::{RetryPolicy, parse_retry_after, retryable_status};
use crate::token::{AccessToken, SharedTokens};

#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The API host, e.g. `https://api.partnercenter.microsoft.com` (or the simulator).
    pub base_url: Url,
    /// Where the Analytics data sets live below the host; the docs have used several paths.
    pub analytics_root: String,
    /// Most requests in flight at once (lowered automatically after a 429).
    pub max_parallel: usize,
    pub retry: RetryPolicy,
    pub connect_timeout: Duration,
    /// Longest a single request may take, body included (the Insights "try" runs 100 s).
    pub request_timeout: Duration,
}

impl ClientConfig {
    pub fn new(base_url: Url) -> ClientConfig {
        ClientConfig {
            base_url,
            analytics_root: "/partner/v1/analytics".into(),
            max_parallel: 4,
            retry: RetryPolicy::default(),
            connect_timeout: Duration::from_secs(15),
            request_timeout: Duration::from_secs(150),
        }
    }
}

/// The context shared by the requests of one operation (a fetch of many pages, say).
#[derive(Clone)]
pub struct Call {
    pub correlation_id: Uuid,
    pub cancel: CancellationToken,
}

impl Call {
    pub fn new(cancel: CancellationToken) -> Call {
        Call { correlation_id: Uuid::new_v4(), cancel }
    }
}

impl Default for Call {
    fn default() -> Self {
        Call::new(CancellationToken::new())
    }
}

/// A successful answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
    pub request_id: String,
}

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    pub(crate) cfg: Arc<ClientConfig>,
    tokens: SharedTokens,
    limiter: Arc<Limiter>,
    /// 401s since the service last accepted a request, across every request of this client.
    /// A long fetch may see its token expire many times (and, with pages in parallel, the
    /// token one request renewed can expire while another still uses it): each 401 is worth a
    /// refresh while the service keeps accepting requests in between. When it accepts none, the
    /// sign-in itself is refused, and refreshing again would loop.
    refused_in_a_row: Arc<std::sync::atomic::AtomicU32>,
}

/// How long a request may go unanswered before the person is told.
const STALL_NOTICE: Duration = Duration::from_secs(30);

/// How many 401s in a row, with no request accepted in between, end the work: enough for every
/// request in flight to renew once or twice, never a loop.
const REFUSALS_PER_SLOT: u32 = 3;

/// The reqwest client every part of the app shares: rustls with the OS's roots, gzip.
pub fn http_client(connect_timeout: Duration, request_timeout: Duration) -> Result<reqwest::Client, ClientError> {
    reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .timeout(request_timeout)
        // A redirect is never followed: it would carry the token, or re-post a client secret,
        // to whatever host it names. Neither API nor sign-in service redirects a request the
        // app makes; one that does is refused as an unexpected answer.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("PartnerLens/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| {
            ClientError::new(ErrorKind::Network, Phase::Request, format!("Could not set up the network client: {e}"))
        })
}

enum Outcome {
    Done(Answer),
    Status(Answer),
    Failed { error: ClientError, retryable: bool, connect: bool },
}

impl Client {
    pub fn new(cfg: ClientConfig, tokens: SharedTokens) -> Result<Client, ClientError> {
        let http = http_client(cfg.connect_timeout, cfg.request_timeout)?;
        let limiter = Arc::new(Limiter::new(cfg.max_parallel));
        Ok(Client { http, cfg: Arc::new(cfg), tokens, limiter, refused_in_a_row: Arc::default() })
    }

    pub fn config(&self) -> &ClientConfig {
        &self.cfg
    }

    /// Gets a token now: how an app sign-in is checked without fetching data.
    pub async fn check_sign_in(&self) -> Result<(), ClientError> {
        self.tokens.token().await.map(|_| ())
    }

    /// How many requests may run at once right now.
    pub fn parallelism(&self) -> usize {
        self.limiter.limit()
    }

    /// A URL below the API host.
    pub fn url(&self, path: &str) -> Result<Url, ClientError> {
        self.cfg
            .base_url
            .join(path)
            .map_err(|e| ClientError::new(ErrorKind::BadRequest, Phase::Request, format!("Bad address {path}: {e}")))
    }

    /// Sends a request until it succeeds or fails for good. `request_id` is kept on every retry.
    pub async fn execute(
        &self,
        method: Method,
        url: Url,
        body: Option<&serde_json::Value>,
        call: &Call,
        request_id: Uuid,
    ) -> Result<Answer, ClientError> {
        let rid = request_id.to_string();
        let started = Instant::now();
        let policy = &self.cfg.retry;
        let mut token = self.tokens.token().await?;
        let mut attempt = 0u32;
        loop {
            if call.cancel.is_cancelled() {
                return Err(ClientError::cancelled());
            }
            attempt += 1;
            let outcome = {
                let once = async {
                    let _permit = self.limiter.acquire().await;
                    self.once(&method, &url, body, &token, call, &rid).await
                };
                tokio::pin!(once);
                // A person waiting is told, every 30 seconds, that the service is slow and how long
                // the app keeps trying, rather than left in silence.
                let mut waited = Duration::ZERO;
                loop {
                    tokio::select! {
                        o = &mut once => break o,
                        _ = call.cancel.cancelled() => return Err(ClientError::cancelled()),
                        _ = tokio::time::sleep(STALL_NOTICE) => {
                            waited += STALL_NOTICE;
                            crate::notice::tell(&format!(
                                "Partner Center has not answered for {} s; still trying (attempt {attempt} of {}; Partner Lens gives up after {} minutes).",
                                waited.as_secs(),
                                policy.max_attempts,
                                policy.max_total.as_secs() / 60
                            ));
                        }
                    }
                }
            };
            let (error, retry_after, connect) = match outcome {
                Outcome::Done(a) => {
                    self.limiter.on_success();
                    self.refused_in_a_row.store(0, std::sync::atomic::Ordering::Relaxed);
                    return Ok(a);
                }
                Outcome::Status(a) if a.status == 401 => {
                    let e = status_error(&a);
                    let refused = self.refused_in_a_row.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    let limit = REFUSALS_PER_SLOT * self.cfg.max_parallel.max(1) as u32;
                    if e.kind == ErrorKind::MfaRequired || refused > limit {
                        return Err(e);
                    }
                    // The token expired in the middle of the work: renew it (the provider
                    // renews once however many requests ask) and carry on where we were,
                    // without counting an attempt.
                    tracing::info!(request_id = %rid, "401 from the service; refreshing the token");
                    token = self.tokens.refresh(&token).await.map_err(|mut e| {
                        e.status = e.status.or(Some(401));
                        e.with_request_id(&rid)
                    })?;
                    attempt -= 1;
                    continue;
                }
                Outcome::Status(a) if retryable_status(a.status) => {
                    if a.status == 429 {
                        self.limiter.on_throttled();
                    }
                    let ra = a
                        .headers
                        .get(reqwest::header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| parse_retry_after(v, SystemTime::now()));
                    (status_error(&a), ra, false)
                }
                Outcome::Status(a) => return Err(status_error(&a)),
                Outcome::Failed { error, retryable: false, .. } => return Err(error),
                Outcome::Failed { error, connect, .. } => (error, None, connect),
            };
            let max = if connect { policy.max_connect_attempts } else { policy.max_attempts };
            let delay = policy.delay(attempt, retry_after);
            if attempt >= max || started.elapsed() + delay > policy.max_total {
                tracing::warn!(request_id = %rid, attempts = attempt, "giving up: {error}");
                return Err(give_up(error, attempt));
            }
            tracing::debug!(request_id = %rid, attempt, ?delay, "retrying after: {error}");
            if delay >= STALL_NOTICE / 10 {
                crate::notice::tell(&format!(
                    "{} Trying again in {} s (attempt {} of {}).",
                    error.message,
                    delay.as_secs().max(1),
                    attempt + 1,
                    max
                ));
            }
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = call.cancel.cancelled() => return Err(ClientError::cancelled()),
            }
        }
    }

    async fn once(
        &self,
        method: &Method,
        url: &Url,
        body: Option<&serde_json::Value>,
        token: &AccessToken,
        call: &Call,
        rid: &str,
    ) -> Outcome {
        let mut req = self
            .http
            .request(method.clone(), url.clone())
            .header("Accept", "application/json")
            .header("MS-RequestId", rid)
            .header("MS-CorrelationId", call.correlation_id.to_string());
        req = if token.as_user_ticket {
            req.header("X-AadUserTicket", token.value.expose())
        } else {
            req.bearer_auth(token.value.expose())
        };
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = match req.send().await {
            Ok(r) => r,
            Err(e) => return network_failure(&e, rid),
        };
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = match resp.bytes().await {
            Ok(b) => b,
            Err(e) => return network_failure(&e, rid),
        };
        let answer = Answer { status, headers, body: bytes, request_id: rid.to_string() };
        if (200..300).contains(&status) { Outcome::Done(answer) } else { Outcome::Status(answer) }
    }
}

fn give_up(mut e: ClientError, attempts: u32) -> ClientError {
    e.message = format!("{} Tried {attempts} times.", e.message);
    e
}

/// The text of an error answer, whichever API or sign-in service sent it.
pub fn service_message(body: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    for key in ["description", "message", "error_description", "Message"] {
        if let Some(s) = v.get(key).and_then(|x| x.as_str()).filter(|s| !s.is_empty()) {
            return Some(s.to_string());
        }
    }
    v.get("error").and_then(|e| e.get("message")).and_then(|m| m.as_str()).map(str::to_string)
}

fn service_code(body: &[u8]) -> Option<i64> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    v.get("code").and_then(|c| c.as_i64().or_else(|| c.as_str().and_then(|s| s.parse().ok())))
}

fn status_error(a: &Answer) -> ClientError {
    let said = service_message(&a.body);
    let code = service_code(&a.body);
    let (kind, msg) = match a.status {
        401 if code == Some(900_421) => (
            ErrorKind::MfaRequired,
            "Partner Center requires multi-factor sign-in for this account. Sign in again with the browser."
                .to_string(),
        ),
        401 => (ErrorKind::Unauthorized, "Partner Center did not accept the sign-in. Sign in again.".to_string()),
        // The two refusals the documents name, each said for what it is (the service's own
        // sentences: docs/partner-center-api.md, section 5).
        403 if said.as_deref().is_some_and(|s| s.to_ascii_lowercase().contains("indirect reseller")) => (
            ErrorKind::Forbidden,
            "This organisation is an indirect reseller: Partner Center offers analytics to direct-bill partners and indirect providers.".to_string(),
        ),
        403 if said.as_deref().is_some_and(|s| s.to_ascii_lowercase().contains("user credentials only")) => (
            ErrorKind::Forbidden,
            "Partner Center accepts a person's sign-in only, not an app's alone: sign in with your work account.".to_string(),
        ),
        403 => (
            ErrorKind::Forbidden,
            "This account is signed in but not allowed to see this data in Partner Center.".to_string(),
        ),
        404 => {
            (ErrorKind::NotFound, said.clone().unwrap_or_else(|| "Partner Center has nothing at this address.".into()))
        }
        400 | 409 | 412 | 422 => (
            ErrorKind::BadRequest,
            said.clone().map_or_else(
                || "Partner Center refused the request.".into(),
                |s| format!("Partner Center refused the request: {s}"),
            ),
        ),
        429 => (ErrorKind::Throttled, "Partner Center is limiting how fast we may ask (429).".to_string()),
        408 | 504 => (ErrorKind::ServerError, "Partner Center took too long to answer.".to_string()),
        s if s >= 500 => (ErrorKind::ServerError, format!("Partner Center had a problem on its side ({s}).")),
        s => (ErrorKind::BadResponse, format!("Partner Center answered with an unexpected status {s}.")),
    };
    ClientError {
        status: Some(a.status),
        request_id: Some(a.request_id.clone()),
        ..ClientError::new(kind, Phase::Response, msg)
    }
}

/// Maps a reqwest failure to a phase and whether trying again can help.
fn network_failure(e: &reqwest::Error, rid: &str) -> Outcome {
    let chain = error_chain(e);
    let lower = chain.to_lowercase();
    let (kind, phase, msg, retryable, connect) = if e.is_timeout() {
        (ErrorKind::Network, Phase::Timeout, "Partner Center did not answer in time.".to_string(), true, false)
    } else if e.is_connect() && (lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake"))
    {
        (ErrorKind::Unreachable, Phase::Tls, "A secure connection to Partner Center could not be set up (TLS). Check the date and time and any network proxy.".to_string(), false, false)
    } else if e.is_connect() {
        (
            ErrorKind::Unreachable,
            Phase::Connect,
            "Partner Center could not be reached. Check the internet connection.".to_string(),
            true,
            true,
        )
    } else if e.is_builder() {
        (ErrorKind::BadRequest, Phase::Request, format!("The request could not be built: {chain}"), false, false)
    } else {
        (
            ErrorKind::Network,
            Phase::Response,
            "The connection to Partner Center broke while the answer was arriving.".to_string(),
            true,
            false,
        )
    };
    tracing::debug!(request_id = rid, "network failure ({phase}): {chain}");
    Outcome::Failed { error: ClientError::new(kind, phase, msg).with_request_id(rid), retryable, connect }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// Header names used on every call, for tests.
pub const REQUEST_ID_HEADER: &str = "MS-RequestId";
pub const CORRELATION_ID_HEADER: &str = "MS-CorrelationId";
