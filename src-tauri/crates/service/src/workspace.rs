//! The app's working state without a window: accounts and their clients, fetched tables held in
//! memory (so switching day/week/month regroups at once instead of fetching again), running
//! jobs that can be cancelled, and the demo simulator.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use lens_auth::{AppIdentity, SessionTokens};
use lens_client::{Call, Client, ClientConfig, Progress, SharedTokens};
use lens_model::Secret;
use lens_model::clock::SystemClock;
use lens_model::dataset::DatasetId;
use lens_model::filter::Filter;
use lens_sim::SimHandle;
use tokio_util::sync::CancellationToken;

use crate::error::ServiceError;
use crate::fetch::{FetchReport, Table, fetch_table};
use lens_auth::Account;
use lens_engine::cache::{Cache, CacheMeta};

struct Entry {
    account: Account,
    client: Client,
}

#[derive(Default)]
pub struct Workspace {
    entries: Mutex<Vec<Entry>>,
    tables: Mutex<HashMap<(String, DatasetId), Arc<Table>>>,
    jobs: Mutex<HashMap<String, CancellationToken>>,
    demo: Mutex<Option<SimHandle>>,
    /// Where fetched tables are kept between sessions; none in tests that do not ask.
    cache: Option<Cache>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A client for an account whose app secret is at hand.
pub fn app_client(account: &Account, secret: Secret) -> Result<Client, ServiceError> {
    let http = lens_client::http_client(std::time::Duration::from_secs(15), std::time::Duration::from_secs(60))?;
    let app = AppIdentity {
        authority: account.cloud.authority_url().into(),
        tenant: account.tenant.clone(),
        client_id: account.client_id.clone(),
    };
    let tokens: SharedTokens = Arc::new(SessionTokens::app_secret(http, &app, secret, Arc::new(SystemClock)));
    api_client(account, tokens)
}

pub fn api_client(account: &Account, tokens: SharedTokens) -> Result<Client, ServiceError> {
    let base = url::Url::parse(account.cloud.api_url()).map_err(|_| {
        ServiceError::new("bad_account", format!("The API address of {} is not valid.", account.name), None)
    })?;
    Ok(Client::new(ClientConfig::new(base), tokens)?)
}

impl Workspace {
    /// A workspace that keeps fetched tables in `dir` between sessions.
    pub fn with_cache(dir: std::path::PathBuf) -> Workspace {
        Workspace { cache: Some(Cache::new(dir)), ..Workspace::default() }
    }

    /// Starts demo mode: the simulator and the sample account.
    pub async fn start_demo(&self, seed: u64, today: Option<i64>) -> Result<Account, ServiceError> {
        let demo = crate::demo::start(seed, today).await?;
        let secret = Secret::new(demo.sim.state.config().credentials.secret);
        let client = app_client(&demo.account, secret)?;
        let account = demo.account.clone();
        lock(&self.entries).retain(|e| e.account.id != account.id);
        lock(&self.entries).push(Entry { account: account.clone(), client });
        *lock(&self.demo) = Some(demo.sim);
        Ok(account)
    }

    pub fn add(&self, account: Account, client: Client) {
        let mut entries = lock(&self.entries);
        entries.retain(|e| e.account.id != account.id);
        entries.push(Entry { account, client });
    }

    pub fn accounts(&self) -> Vec<Account> {
        lock(&self.entries).iter().map(|e| e.account.clone()).collect()
    }

    pub fn client(&self, account_id: &str) -> Result<Client, ServiceError> {
        lock(&self.entries)
            .iter()
            .find(|e| e.account.id == account_id)
            .map(|e| e.client.clone())
            .ok_or_else(|| ServiceError::not_found(format!("There is no account \"{account_id}\".")))
    }

    /// Registers a job so it can be cancelled; the token is cancelled by [`Workspace::cancel`].
    pub fn begin_job(&self, job: &str) -> CancellationToken {
        let token = CancellationToken::new();
        lock(&self.jobs).insert(job.to_string(), token.clone());
        token
    }

    pub fn end_job(&self, job: &str) {
        lock(&self.jobs).remove(job);
    }

    /// Stops a running job; returns whether there was one.
    pub fn cancel(&self, job: &str) -> bool {
        match lock(&self.jobs).remove(job) {
            Some(t) => {
                t.cancel();
                true
            }
            None => false,
        }
    }

    /// The copy saved by an earlier session, put in memory so questions can be answered at
    /// once. `Ok(None)` when there is none; a damaged copy is set aside and reported.
    pub async fn open_cached(&self, account_id: &str, dataset: DatasetId) -> Result<Option<FetchReport>, ServiceError> {
        let Some(cache) = &self.cache else { return Ok(None) };
        let (acct, ds) = (account_id.to_string(), dataset.slug().to_string());
        let dir = cache.dir().to_path_buf();
        let loaded = tokio::task::spawn_blocking(move || Cache::new(dir).load(&acct, &ds))
            .await
            .map_err(ServiceError::internal)??;
        let Some((df, meta)) = loaded else { return Ok(None) };
        let table = Table {
            dataset,
            df,
            fetched_at: meta.fetched_at,
            filter: meta.filter,
            total: meta.total.map(|t| t as usize),
            bad_rows: Vec::new(),
            json_columns: meta.json_columns,
        };
        let mut report = table.report(0);
        report.from_cache = true;
        lock(&self.tables).entry((account_id.to_string(), dataset)).or_insert_with(|| Arc::new(table));
        Ok(Some(report))
    }

    /// Fetches a data set and keeps the table (and a copy on disk). On failure the previous
    /// table stays, in memory and on disk.
    pub async fn load(
        &self,
        account_id: &str,
        dataset: DatasetId,
        filter: Option<&Filter>,
        job: &str,
        progress: &(dyn Fn(Progress) + Send + Sync),
    ) -> Result<FetchReport, ServiceError> {
        let client = self.client(account_id)?;
        let cancel = self.begin_job(job);
        let result = fetch_table(&client, dataset, filter, progress, &Call::new(cancel)).await;
        self.end_job(job);
        let (table, mut report) = result?;
        if let Some(cache) = &self.cache {
            let meta = CacheMeta {
                fetched_at: table.fetched_at,
                filter: table.filter.clone(),
                rows: table.df.height() as u64,
                total: table.total.map(|t| t as u64),
                json_columns: table.json_columns.clone(),
            };
            let (dir, acct, t) = (cache.dir().to_path_buf(), account_id.to_string(), table.clone());
            let saved =
                tokio::task::spawn_blocking(move || Cache::new(dir).save(&acct, t.dataset.slug(), &t.df, &meta)).await;
            match saved {
                Ok(Ok(())) => {}
                Ok(Err(e)) => {
                    tracing::warn!("the fetched data could not be saved: {e}");
                    report.note = Some(format!(
                        "The data could not be saved on this computer, so it will be fetched again next time: {e}"
                    ));
                }
                Err(e) => tracing::warn!("saving the fetched data stopped: {e}"),
            }
        }
        lock(&self.tables).insert((account_id.to_string(), dataset), table);
        Ok(report)
    }

    pub fn table(&self, account_id: &str, dataset: DatasetId) -> Option<Arc<Table>> {
        lock(&self.tables).get(&(account_id.to_string(), dataset)).cloned()
    }
}
