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
use lens_auth::{Account, SignInMethod};

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

    pub fn is_sign_in_method(&self, account_id: &str, m: SignInMethod) -> bool {
        lock(&self.entries).iter().any(|e| e.account.id == account_id && e.account.method == m)
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

    /// Fetches a data set and keeps the table. On failure the previous table stays.
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
        let (table, report) = result?;
        lock(&self.tables).insert((account_id.to_string(), dataset), table);
        Ok(report)
    }

    pub fn table(&self, account_id: &str, dataset: DatasetId) -> Option<Arc<Table>> {
        lock(&self.tables).get(&(account_id.to_string(), dataset)).cloned()
    }
}
