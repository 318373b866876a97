//! The client against everything the service does, over real HTTP to the simulator: throttling,
//! server errors and broken connections on a million rows; a token expiring mid-fetch; broken
//! and empty pages.

use std::collections::{HashMap, HashSet};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use lens_client::analytics::query;
use lens_client::{AccessToken, Call, Client, ClientConfig, ClientError, ErrorKind, RetryPolicy, TokenProvider};
use lens_model::batch::{Batch, ColumnData};
use lens_model::dataset::DatasetId;
use lens_sim::{FaultSpec, SimConfig, SimHandle};

/// A person's tokens straight from the simulator (its pages answered, as a person would); counts
/// how many it got.
struct SimTokens {
    base_url: String,
    who: lens_sim::browser::Person,
    current: tokio::sync::Mutex<Option<String>>,
    acquired: std::sync::atomic::AtomicU32,
}

impl SimTokens {
    fn new(sim: &SimHandle) -> Arc<SimTokens> {
        Arc::new(SimTokens {
            base_url: sim.base_url.clone(),
            who: sim.person(),
            current: Default::default(),
            acquired: Default::default(),
        })
    }
    async fn fetch(&self) -> Result<String, ClientError> {
        let client_id = lens_sim::Credentials::default().client_id;
        let t = lens_sim::browser::user_tokens(&self.base_url, "organizations", &client_id, &self.who).await.unwrap().0;
        self.acquired.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(t)
    }
}

#[async_trait::async_trait]
impl TokenProvider for SimTokens {
    async fn token(&self) -> Result<AccessToken, ClientError> {
        let mut cur = self.current.lock().await;
        if cur.is_none() {
            *cur = Some(self.fetch().await?);
        }
        Ok(AccessToken::bearer(cur.clone().unwrap()))
    }
    async fn refresh(&self, rejected: &AccessToken) -> Result<AccessToken, ClientError> {
        let mut cur = self.current.lock().await;
        if cur.as_deref() == Some(rejected.value.expose()) {
            *cur = Some(self.fetch().await?);
        }
        Ok(AccessToken::bearer(cur.clone().unwrap()))
    }
}

async fn sim(rows: usize, faults: FaultSpec) -> SimHandle {
    let cfg = SimConfig { subscriptions: rows, faults, admin: true, ..SimConfig::default() };
    lens_sim::start(cfg, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.unwrap()
}

fn client(sim: &SimHandle, tokens: Arc<SimTokens>) -> Client {
    let mut cfg = ClientConfig::new(sim.base_url.parse().unwrap());
    cfg.retry = RetryPolicy { base: Duration::from_millis(50), ..RetryPolicy::default() };
    Client::new(cfg, tokens).unwrap()
}

fn ids(batch: &Batch) -> Vec<String> {
    let ColumnData::Str(c) = &batch.column("id").unwrap().data else { panic!() };
    c.iter().map(|v| v.unwrap().to_string()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_million_rows_through_throttling_errors_and_resets_arrive_exactly_once() {
    let faults =
        FaultSpec { throttle: 0.2, server_error: 0.1, reset: 0.05, retry_after: 1, seed: 5, ..FaultSpec::default() };
    let sim = sim(1_000_000, faults).await;
    let c = client(&sim, SimTokens::new(&sim));
    let q = query(DatasetId::Subscriptions, None, &[], None).unwrap();
    let mut seen: HashSet<String> = HashSet::with_capacity(1_000_000);
    let mut dup = 0;
    let mut sink = |b: Batch| {
        for id in ids(&b) {
            if !seen.insert(id) {
                dup += 1;
            }
        }
        Ok(())
    };
    let summary = c.fetch_rows(&q, &mut sink, &|_| {}, &Call::default()).await.unwrap();
    assert_eq!(summary.rows, 1_000_000);
    assert_eq!(summary.total, Some(1_000_000));
    assert_eq!(dup, 0, "no duplicate rows");
    assert_eq!(seen.len(), 1_000_000, "no lost rows");
    assert!(summary.bad_rows.is_empty());

    let log = sim.state.recorder.all();
    let api: Vec<_> = log.iter().filter(|r| r.path.starts_with("/partner/")).collect();
    let faulted = api.iter().filter(|r| r.fault.is_some()).count();
    assert!(faulted >= 20, "the fault mix really happened: {faulted} of {}", api.len());

    // The same MS-RequestId on every retry of a page, and a different one per page.
    let mut by_page: HashMap<String, HashSet<String>> = HashMap::new();
    for r in &api {
        let skip = r.query.split('&').find(|p| p.starts_with("skip=")).unwrap_or("skip=0").to_string();
        by_page.entry(skip).or_default().insert(r.request_id.clone().expect("MS-RequestId sent"));
    }
    assert_eq!(by_page.len(), 100);
    assert!(by_page.values().all(|ids| ids.len() == 1), "a page kept its request id across retries");
    let distinct: HashSet<_> = by_page.values().flat_map(|s| s.iter()).collect();
    assert_eq!(distinct.len(), 100);

    // Nothing was asked again before the Retry-After the service gave.
    let mut by_id: HashMap<&str, Vec<&&lens_sim::record::Recorded>> = HashMap::new();
    for r in &api {
        by_id.entry(r.request_id.as_deref().unwrap()).or_default().push(r);
    }
    let mut honoured = 0;
    for tries in by_id.values_mut() {
        tries.sort_by_key(|r| (r.at_ms, r.seq));
        for pair in tries.windows(2) {
            if let Some(nb) = pair[0].not_before_ms {
                assert!(pair[1].at_ms >= nb, "retried {} ms before Retry-After allowed", nb - pair[1].at_ms);
                honoured += 1;
            }
        }
    }
    assert!(honoured > 10, "Retry-After was tested {honoured} times");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_that_expires_mid_fetch_is_renewed_once_and_the_fetch_completes() {
    let sim = sim(55_000, FaultSpec { expire_token_after: Some(3), ..FaultSpec::default() }).await;
    let tokens = SimTokens::new(&sim);
    let c = client(&sim, tokens.clone());
    let q = query(DatasetId::Subscriptions, None, &[], None).unwrap();
    let mut n = 0;
    let mut sink = |b: Batch| {
        n += b.rows;
        Ok(())
    };
    let s = c.fetch_rows(&q, &mut sink, &|_| {}, &Call::default()).await.unwrap();
    assert_eq!((s.rows, n), (55_000, 55_000));
    assert_eq!(tokens.acquired.load(std::sync::atomic::Ordering::SeqCst), 2, "one token, then exactly one renewal");
}

/// Issue 12, found by trying: with `--faults expire-after=2` a 10-page fetch failed with "Sign in
/// again" although the app secret was valid; the client renewed the token once per request, and
/// with pages in parallel the renewed token expired again before every request was through.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_that_expires_many_times_in_one_fetch_is_renewed_each_time_and_only_once_per_expiry() {
    let sim = sim(100_000, FaultSpec { expire_token_after: Some(2), ..FaultSpec::default() }).await;
    let tokens = SimTokens::new(&sim);
    let c = client(&sim, tokens.clone());
    let q = query(DatasetId::Subscriptions, None, &[], None).unwrap();
    let mut n = 0;
    let mut sink = |b: Batch| {
        n += b.rows;
        Ok(())
    };
    let s = c.fetch_rows(&q, &mut sink, &|_| {}, &Call::default()).await.unwrap();
    assert_eq!((s.rows, n), (100_000, 100_000));
    let accepted =
        sim.state.recorder.all().iter().filter(|r| r.path.contains("/analytics/") && r.status == 200).count() as u32;
    let acquired = tokens.acquired.load(std::sync::atomic::Ordering::SeqCst);
    // Each token serves two requests: one renewal per expiry, none wasted.
    assert!(accepted >= 10, "{accepted} pages");
    assert_eq!(acquired, accepted.div_ceil(2), "{acquired} tokens for {accepted} accepted requests");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_the_service_always_refuses_ends_the_fetch_instead_of_renewing_for_ever() {
    let sim = sim(100_000, FaultSpec { expire_token_after: Some(0), ..FaultSpec::default() }).await;
    let tokens = SimTokens::new(&sim);
    let c = client(&sim, tokens.clone());
    let q = query(DatasetId::Subscriptions, None, &[], None).unwrap();
    let mut sink = |_b: Batch| Ok(());
    let e = c.fetch_rows(&q, &mut sink, &|_| {}, &Call::default()).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthorized, "{e}");
    let acquired = tokens.acquired.load(std::sync::atomic::Ordering::SeqCst);
    assert!(acquired <= 13, "{acquired} sign-ins for a refused account");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_page_is_named_with_its_request_id() {
    let sim = sim(35_000, FaultSpec { malformed_page: Some(3), ..FaultSpec::default() }).await;
    let c = client(&sim, SimTokens::new(&sim));
    let q = query(DatasetId::Subscriptions, None, &[], None).unwrap();
    let mut sink = |_b: Batch| Ok(());
    let e = c.fetch_rows(&q, &mut sink, &|_| {}, &Call::default()).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadResponse);
    assert_eq!(e.page, Some(3));
    let rid = e.request_id.clone().expect("request id");
    let text = e.to_string();
    assert!(text.starts_with("Page 3: Partner Center sent a page that could not be read"), "{text}");
    assert!(text.contains(&rid));
    assert!(
        sim.state.recorder.all().iter().any(|r| r.request_id.as_deref() == Some(rid.as_str())),
        "the id is the one sent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_page_is_asked_again_then_refused() {
    let sim = sim(25_000, FaultSpec { empty_page: Some(2), ..FaultSpec::default() }).await;
    let c = client(&sim, SimTokens::new(&sim));
    let q = query(DatasetId::Subscriptions, None, &[], None).unwrap();
    let mut sink = |_b: Batch| Ok(());
    let e = c.fetch_rows(&q, &mut sink, &|_| {}, &Call::default()).await.unwrap_err();
    assert!(e.to_string().contains("sent 0 rows where 10000 were due"), "{e}");
    let asks = sim.state.recorder.all().iter().filter(|r| r.query.contains("skip=10000")).count();
    assert_eq!(asks, 4, "asked once and again three times");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_stops_the_fetch() {
    let sim = sim(200_000, FaultSpec { slow: 1.0, slow_ms: 300, ..FaultSpec::default() }).await;
    let c = client(&sim, SimTokens::new(&sim));
    let q = query(DatasetId::Subscriptions, None, &[], None).unwrap();
    let call = Call::default();
    let cancel = call.cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(500)).await;
        cancel.cancel();
    });
    let mut pages = 0;
    let mut sink = |_b: Batch| {
        pages += 1;
        Ok(())
    };
    let started = std::time::Instant::now();
    let e = c.fetch_rows(&q, &mut sink, &|_| {}, &call).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Cancelled);
    assert!(pages < 20);
    assert!(started.elapsed() < Duration::from_secs(3), "cancel takes effect at once");
}
