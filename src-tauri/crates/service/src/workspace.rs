//! The app's working state without a window: the accounts registry and a client per account,
//! fetched tables held in memory (so regrouping answers at once instead of fetching again) and
//! on disk, running jobs that can be cancelled, settings and the database. The window and the
//! command line both work through it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use lens_auth::{AppIdentity, SessionTokens};
use lens_client::{Call, Client, ClientConfig, Progress, SharedTokens};
use lens_engine::cache::{Cache, CacheMeta};
use lens_model::Secret;
use lens_model::clock::SystemClock;
use lens_model::dataset::DatasetId;
use polars::prelude::{DataFrame, IntoLazy};
use tokio_util::sync::CancellationToken;

use crate::account_views::AccountView;
use crate::accounts::Accounts;
use crate::error::{Action, ErrorCode, ServiceError};
use crate::explore::{self, CompiledFilters, ExploreAnswer, FieldValues, RowsPage, RowsQuery, View};
use crate::fetch::{FetchReport, Table, fetch_table};
use crate::paths::AppPaths;
use crate::settings::SettingsStore;
use crate::store::Store;
use lens_auth::Account;
use lens_auth::signin::device::DeviceCode;

/// A table in memory: an account's data set as fetched with a service filter (or none).
type TableKey = (String, DatasetId, Option<String>);

/// The rows table's filtered and sorted rows, kept while the person scrolls through them.
type RowsKey = (String, DatasetId, Option<String>, Option<String>, RowsQuery);

/// An "All accounts" table, with the (account, stamp) of each part it was made from, so a new
/// fetch of any part makes it again.
type Combined = (Vec<(String, i64)>, Arc<Table>);

pub struct Workspace {
    paths: AppPaths,
    accounts: Arc<Accounts>,
    store: Arc<Store>,
    clients: Mutex<HashMap<String, Client>>,
    tables: Mutex<HashMap<TableKey, Arc<Table>>>,
    /// "All accounts" tables, with the tables of each account they were made from.
    combined: Mutex<HashMap<(DatasetId, Option<String>), Combined>>,
    /// Copies of the data as it was on a day, for questions "as of" then.
    snapshots: Mutex<HashMap<(String, DatasetId, NaiveDate), Arc<Table>>>,
    jobs: Mutex<HashMap<String, CancellationToken>>,
    rows: Mutex<Option<(RowsKey, Arc<DataFrame>)>>,
    devices: Mutex<HashMap<String, DeviceCode>>,
    /// Downloaded report files opened in Explore, by run id.
    files: Mutex<HashMap<String, Arc<Table>>>,
    cache: Cache,
    previous_visit: Option<NaiveDate>,
}

/// The account id that stands for every signed-in account, side by side.
pub const ALL_ACCOUNTS: &str = "all";
/// The field "All accounts" tables gain: which account a row is from.
pub const ACCOUNT_FIELD: &str = "account";

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
        ServiceError::new(
            ErrorCode::BadAccount,
            format!(
                "The Partner Center address of {} (\"{}\") is not a web address.",
                account.name,
                account.cloud.api_url()
            ),
            Some(Action::OpenSettings),
        )
    })?;
    Ok(Client::new(ClientConfig::new(base), tokens)?)
}

/// The name a table is cached under: the data set, and a short hash of the service filter.
fn cache_name(dataset: DatasetId, filter: Option<&str>) -> String {
    match filter {
        None => dataset.slug().to_string(),
        Some(f) => {
            // FNV-1a: stable across versions and platforms, unlike std's hasher.
            let h = f.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
            format!("{}-{h:016x}", dataset.slug())
        }
    }
}

fn settings_last_visit(accounts: &Accounts) -> Option<NaiveDate> {
    accounts.settings().get().last_visit.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
}

/// A `YYYY-MM-DD` date from the window (the person's today, for "last 30 days").
pub fn parse_today(s: &str) -> Result<NaiveDate, ServiceError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| ServiceError::usage(format!("\"{s}\" is not a date like 2026-12-01")))
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ServiceError> + Send + 'static,
) -> Result<T, ServiceError> {
    tokio::task::spawn_blocking(f).await.map_err(ServiceError::internal)?
}

impl Workspace {
    pub fn open(paths: AppPaths) -> Result<Workspace, ServiceError> {
        // What a killed run left half-written (cache copies, saved files) goes before anything
        // reads the folder.
        lens_engine::fsio::clear_leftovers_below(&paths.data);
        let settings = Arc::new(SettingsStore::open(&paths.data));
        let store = Arc::new(Store::open(&paths.data)?);
        let accounts = Arc::new(Accounts::with(&paths, settings, store.clone())?);
        let cache = Cache::new(paths.cache());
        // This visit's day is kept; the one before it is what Home compares with.
        let today = chrono::Local::now().date_naive();
        let previous_visit = settings_last_visit(&accounts).filter(|d| *d < today);
        let _ = accounts.settings().update(|s| s.last_visit = Some(today.to_string()));
        Ok(Workspace {
            paths,
            accounts,
            store,
            clients: Mutex::default(),
            tables: Mutex::default(),
            combined: Mutex::default(),
            snapshots: Mutex::default(),
            jobs: Mutex::default(),
            rows: Mutex::default(),
            devices: Mutex::default(),
            files: Mutex::default(),
            cache,
            previous_visit,
        })
    }

    pub fn paths(&self) -> &AppPaths {
        &self.paths
    }

    pub fn accounts(&self) -> &Accounts {
        &self.accounts
    }

    pub fn settings(&self) -> &SettingsStore {
        self.accounts.settings()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// "Try with sample data": the sample account is switched on and its simulator started.
    pub async fn start_sample(&self) -> Result<AccountView, ServiceError> {
        self.accounts.enable_sample()?;
        self.accounts.demo().await?;
        self.account_view(crate::demo::SAMPLE_ACCOUNT_ID)
    }

    /// Keeps a device code between showing it and waiting for it (`Some`), or takes it (`None`).
    pub(crate) fn pending_device(&self, account: &str, set: Option<DeviceCode>) -> Option<DeviceCode> {
        let mut d = lock(&self.devices);
        match set {
            Some(c) => {
                d.insert(account.to_string(), c);
                None
            }
            None => d.remove(account),
        }
    }

    /// Forgets an account's tables, in memory and on disk.
    pub(crate) fn forget_tables(&self, account: &str) {
        lock(&self.tables).retain(|(a, _, _), _| a != account);
        lock(&self.combined).clear();
        self.cache.remove_account(account);
        crate::snapshots::forget(&self.paths.cache(), account);
    }

    /// The accounts "All accounts" combines: every one that can sign in without asking and
    /// was not last found without access or out of reach.
    pub fn members(&self) -> Result<Vec<Account>, ServiceError> {
        use crate::signins::AccountState as S;
        let usable = |a: &Account| {
            let state = self.store.sign_in(&a.id).ok().and_then(|r| r.state);
            a.sample || matches!(state, None | Some(S::Unknown | S::SignedIn { .. }))
        };
        Ok(self.accounts.list()?.into_iter().filter(|a| self.accounts.is_signed_in(a) && usable(a)).collect())
    }

    /// The day of the visit before this one (for "Since Monday: …").
    pub fn previous_visit(&self) -> Option<NaiveDate> {
        self.previous_visit
    }

    /// A client for an account that is not in the registry (scripts and tests).
    pub fn add_client(&self, account_id: &str, client: Client) {
        lock(&self.clients).insert(account_id.to_string(), client);
    }

    /// The account's client, made once and kept (it holds the account's tokens).
    pub async fn client(&self, account_id: &str) -> Result<Client, ServiceError> {
        if let Some(c) = lock(&self.clients).get(account_id) {
            return Ok(c.clone());
        }
        let (_, client) = self.accounts.client(account_id).await?;
        lock(&self.clients).insert(account_id.to_string(), client.clone());
        Ok(client)
    }

    /// Forgets the account's client (after a new sign-in or a sign-out).
    pub fn forget_client(&self, account_id: &str) {
        lock(&self.clients).remove(account_id);
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

    /// A table in memory that holds every row `filter` selects: the one fetched with that
    /// filter, or the one fetched without any.
    pub(crate) fn covering_table(
        &self,
        account_id: &str,
        dataset: DatasetId,
        filter: Option<&str>,
    ) -> Option<Arc<Table>> {
        if account_id == ALL_ACCOUNTS {
            return self.combined_table(dataset, filter);
        }
        let tables = lock(&self.tables);
        let exact = tables.get(&(account_id.to_string(), dataset, filter.map(str::to_string)));
        exact.or_else(|| tables.get(&(account_id.to_string(), dataset, None))).cloned()
    }

    /// The table the questions about these rows are answered from, if one is at hand: in
    /// memory, or the copy saved by an earlier session (put in memory). A damaged copy is set
    /// aside and reported.
    pub async fn table_status(
        &self,
        account_id: &str,
        dataset: DatasetId,
        filter: Option<&str>,
    ) -> Result<Option<FetchReport>, ServiceError> {
        if account_id == ALL_ACCOUNTS {
            for m in self.members()? {
                if Box::pin(self.table_status(&m.id, dataset, filter)).await?.is_none() {
                    return Ok(None);
                }
            }
            return Ok(self.combined_table(dataset, filter).map(|t| t.report(0)));
        }
        if let Some(t) = self.covering_table(account_id, dataset, filter) {
            return Ok(Some(t.report(0)));
        }
        for f in [filter, None].into_iter().collect::<std::collections::BTreeSet<_>>().into_iter().rev() {
            let (dir, acct, name) = (self.cache.dir().to_path_buf(), account_id.to_string(), cache_name(dataset, f));
            let loaded = blocking(move || Ok(Cache::new(dir).load(&acct, &name)?)).await?;
            let Some((df, meta)) = loaded else { continue };
            if meta.filter.as_deref() != f {
                continue;
            }
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
            let key = (account_id.to_string(), dataset, table.filter.clone());
            lock(&self.tables).insert(key, Arc::new(table));
            return Ok(Some(report));
        }
        Ok(None)
    }

    /// Fetches a data set with the service filter `filter` and keeps the table (and a copy on
    /// disk). On failure or cancel the previous table stays, in memory and on disk.
    pub async fn load(
        &self,
        account_id: &str,
        dataset: DatasetId,
        filter: Option<&str>,
        job: &str,
        progress: &(dyn Fn(Progress) + Send + Sync),
    ) -> Result<FetchReport, ServiceError> {
        if account_id == ALL_ACCOUNTS {
            // One account after the other; the rows so far are those of all of them. An
            // account that fails is left out (and named), so one revoked sign-in does not
            // hide the others.
            let mut done = 0usize;
            let mut left_out: Vec<(String, ServiceError)> = Vec::new();
            for m in self.members()? {
                let before = done;
                let each = |p: Progress| progress(Progress { rows: before + p.rows, total: None, ..p });
                match Box::pin(self.load(&m.id, dataset, filter, job, &each)).await {
                    Ok(r) => done += r.rows as usize,
                    Err(e) if e.code == ErrorCode::Cancelled => return Err(e),
                    Err(e) => left_out.push((m.name.clone(), e)),
                }
            }
            let Some(t) = self.combined_table(dataset, filter) else {
                return Err(left_out.into_iter().next().map(|(_, e)| e).unwrap_or_else(|| {
                    ServiceError::new(ErrorCode::NotLoaded, "No account is signed in.", Some(Action::SignIn))
                }));
            };
            let mut report = t.report(0);
            if !left_out.is_empty() {
                let names: Vec<String> = left_out.iter().map(|(n, e)| format!("{n} ({})", e.message)).collect();
                report.note = Some(format!("Left out of All accounts: {}", names.join("; ")));
            }
            return Ok(report);
        }
        let parsed = filter.map(|f| lens_model::filter::parse_for(f, dataset.spec())).transpose()?;
        let client = self.client(account_id).await?;
        let cancel = self.begin_job(job);
        let result = fetch_table(&client, dataset, parsed.as_ref(), progress, &Call::new(cancel)).await;
        self.end_job(job);
        let (table, mut report) = result?;
        let meta = CacheMeta {
            fetched_at: table.fetched_at,
            filter: table.filter.clone(),
            rows: table.df.height() as u64,
            total: table.total.map(|t| t as u64),
            json_columns: table.json_columns.clone(),
        };
        let (dir, acct, t) = (self.cache.dir().to_path_buf(), account_id.to_string(), table.clone());
        let name = cache_name(dataset, table.filter.as_deref());
        if let Err(e) = blocking(move || Ok(Cache::new(dir).save(&acct, &name, &t.df, &meta)?)).await {
            tracing::warn!("the fetched data could not be saved: {e}");
            report.note = Some(format!(
                "The data could not be saved on this computer, so it will be fetched again next time: {e}"
            ));
        }
        if table.filter.is_none() {
            let (dir, acct, t) = (self.paths.cache(), account_id.to_string(), table.clone());
            let keep = self.settings().get().snapshot_days;
            let day = chrono::Local::now().date_naive();
            if let Err(e) = blocking(move || crate::snapshots::keep(&dir, &acct, &t, day, keep)).await {
                tracing::warn!("the day's copy of the data could not be kept: {e}");
            }
        }
        // Kept for as long as the app runs, so made compact to hold first: a million Azure usage
        // rows went from 270 to 192 MiB in 0.19 s (release build, `lens-bench window`). The copy
        // on disk is written by then.
        let table = blocking(move || Ok(table.compacted())).await?;
        lock(&self.tables).insert((account_id.to_string(), dataset, table.filter.clone()), table);
        lock(&self.combined).clear();
        *lock(&self.rows) = None;
        Ok(report)
    }

    fn table_for(&self, account_id: &str, dataset: DatasetId, f: &CompiledFilters) -> Result<Arc<Table>, ServiceError> {
        self.covering_table(account_id, dataset, f.server.as_deref()).ok_or_else(|| {
            ServiceError::new(
                ErrorCode::NotLoaded,
                format!("{} has not been fetched yet.", dataset.title()),
                Some(Action::Retry),
            )
        })
    }

    /// The table a view is answered from: the copy of its "as of" day, or the one at hand.
    pub(crate) async fn view_table(
        &self,
        account_id: &str,
        view: &View,
        f: &CompiledFilters,
    ) -> Result<Arc<Table>, ServiceError> {
        if let Some(id) = &view.file {
            return self.file_table(id, view.dataset).await;
        }
        let Some(day) = &view.as_of else { return self.table_for(account_id, view.dataset, f) };
        let day = parse_today(day)?;
        if account_id == ALL_ACCOUNTS {
            return Err(ServiceError::usage(
                "\"As of\" an earlier day works for one account at a time: pick an account.",
            ));
        }
        self.table_as_of(account_id, view.dataset, day).await?.ok_or_else(|| {
            ServiceError::not_found(format!(
                "No copy of {} is kept from {day} or before.",
                view.dataset.title().to_lowercase()
            ))
        })
    }

    /// The view's filter chips as filter text: split between the service and here for a data
    /// set, all applied here for a file (checked against its columns).
    pub async fn compile_view(
        &self,
        view: &View,
        chips: &[explore::FilterChip],
        today: NaiveDate,
    ) -> Result<CompiledFilters, ServiceError> {
        let Some(id) = &view.file else { return explore::filters::compile(view.dataset, chips, today) };
        let table = self.file_table(id, view.dataset).await?;
        let schema = table.df.schema().clone();
        let lookup = move |name: &str| {
            schema
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(n, t)| (n.to_string(), crate::file_source::field_type(t)))
        };
        explore::filters::compile_local(&lookup, chips, today)
    }

    /// A downloaded report file as a table (read once, then kept while the app runs).
    pub(crate) async fn file_table(&self, id: &str, dataset: DatasetId) -> Result<Arc<Table>, ServiceError> {
        if let Some(t) = lock(&self.files).get(id) {
            return Ok(t.clone());
        }
        let f = self
            .store()
            .report_file(id)?
            .ok_or_else(|| ServiceError::not_found("That report file is not in Downloads any more."))?;
        let path = f.path.clone().ok_or_else(|| ServiceError::not_found("That run has no file: it failed."))?;
        let df = blocking(move || crate::file_source::read(std::path::Path::new(&path))).await?;
        let table = Arc::new(Table {
            dataset,
            df,
            fetched_at: f.generated_at.unwrap_or(f.recorded_at),
            filter: None,
            total: None,
            bad_rows: Vec::new(),
            json_columns: Vec::new(),
        });
        lock(&self.files).insert(id.to_string(), table.clone());
        Ok(table)
    }

    /// A downloaded report file, described for Explore.
    pub async fn file_info(&self, id: &str) -> Result<crate::describe::DatasetInfo, ServiceError> {
        let f = self
            .store()
            .report_file(id)?
            .ok_or_else(|| ServiceError::not_found("That report file is not in Downloads any more."))?;
        let t = self.file_table(id, DatasetId::Subscriptions).await?;
        Ok(crate::file_source::info(&f, &t.df, DatasetId::Subscriptions))
    }

    /// The values a column of a downloaded file takes, for the filter picker.
    pub async fn file_values(
        &self,
        id: &str,
        field: &str,
        search: Option<String>,
    ) -> Result<FieldValues, ServiceError> {
        let table = self.file_table(id, DatasetId::Subscriptions).await?;
        let field = field.to_string();
        blocking(move || explore::values::field_values(&table.df, &field, search.as_deref(), 500)).await
    }

    /// Filter chips over a downloaded file as filter text (all applied here).
    pub async fn compile_file_filters(
        &self,
        id: &str,
        chips: &[explore::FilterChip],
        today: NaiveDate,
    ) -> Result<CompiledFilters, ServiceError> {
        let mut view = View::of(DatasetId::Subscriptions);
        view.file = Some(id.to_string());
        self.compile_view(&view, chips, today).await
    }

    /// Answers an Explore question from the table at hand.
    pub async fn explore(
        &self,
        account_id: &str,
        view: &View,
        today: NaiveDate,
    ) -> Result<ExploreAnswer, ServiceError> {
        let f = self.compile_view(view, &view.all_filters(), today).await?;
        let table = self.view_table(account_id, view, &f).await?;
        let view = view.clone();
        blocking(move || explore::answer::answer(&table, &view, &f)).await
    }

    /// A page of the rows behind `view` (or one group of its answer).
    pub async fn rows(
        &self,
        account_id: &str,
        view: &View,
        query: &RowsQuery,
        today: NaiveDate,
        offset: u32,
        limit: u32,
    ) -> Result<RowsPage, ServiceError> {
        let rows = self.matching_rows(account_id, view, query, today).await?;
        blocking(move || explore::rows::page(&rows, offset, limit)).await
    }

    /// Every row behind `view` (or one group of its answer), filtered and sorted.
    pub async fn matching_rows(
        &self,
        account_id: &str,
        view: &View,
        query: &RowsQuery,
        today: NaiveDate,
    ) -> Result<Arc<DataFrame>, ServiceError> {
        let mut chips = view.all_filters();
        chips.extend(explore::rows::group_chips(view, &query.group)?);
        let f = self.compile_view(view, &chips, today).await?;
        let table = self.view_table(account_id, view, &f).await?;
        let filter = explore::answer::local_filter(&table, &f);
        let key: RowsKey = (account_id.to_string(), view.dataset, table.filter.clone(), filter.clone(), query.clone());
        if let Some((k, rows)) = lock(&self.rows).as_ref()
            && *k == key
        {
            return Ok(rows.clone());
        }
        let q = query.clone();
        let rows = blocking(move || {
            explore::rows::matching_rows(&table.df, filter.as_deref(), q.search.as_deref(), q.sort.as_ref())
        })
        .await?;
        let rows = Arc::new(rows);
        *lock(&self.rows) = Some((key, rows.clone()));
        Ok(rows)
    }

    /// The values `field` takes in the table at hand for these service filters.
    pub async fn field_values(
        &self,
        account_id: &str,
        dataset: DatasetId,
        service_filter: Option<&str>,
        field: &str,
        search: Option<String>,
    ) -> Result<FieldValues, ServiceError> {
        let f = CompiledFilters { server: service_filter.map(str::to_string), ..Default::default() };
        let table = self.table_for(account_id, dataset, &f)?;
        let field = field.to_string();
        blocking(move || explore::values::field_values(&table.df, &field, search.as_deref(), 500)).await
    }

    /// Empties the cache of fetched data, on disk and in memory. Settings, accounts, sign-ins
    /// and saved views stay.
    pub fn clear_cache(&self) -> Result<u64, ServiceError> {
        lock(&self.tables).clear();
        *lock(&self.rows) = None;
        let dir = self.cache.dir();
        let size = dir_size(dir);
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| {
                ServiceError::new(
                    ErrorCode::File,
                    format!("The saved data could not all be removed: {}", lens_engine::fsio::plain_io(&e)),
                    None,
                )
            })?;
        }
        Ok(size)
    }

    /// Bytes the cache of fetched data takes on disk.
    pub fn cache_size(&self) -> u64 {
        dir_size(self.cache.dir())
    }
}

fn dir_size(dir: &std::path::Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

impl Workspace {
    /// Every signed-in account's table of `dataset` side by side, each row labelled with its
    /// account: built when every one of them is at hand, and again when one of them changes.
    fn combined_table(&self, dataset: DatasetId, filter: Option<&str>) -> Option<Arc<Table>> {
        let members = self.members().ok()?;
        let mut parts = Vec::new();
        // The members whose data is at hand (one that could not be fetched is left out).
        for m in &members {
            if let Some(t) = self.covering_table(&m.id, dataset, filter) {
                parts.push((m.name.clone(), t));
            }
        }
        if parts.is_empty() {
            return None;
        }
        let stamps: Vec<(String, i64)> =
            parts.iter().map(|(n, t)| (n.clone(), t.fetched_at * 1_000_000 + t.df.height() as i64)).collect();
        let key = (dataset, filter.map(str::to_string));
        if let Some((s, t)) = lock(&self.combined).get(&key)
            && *s == stamps
        {
            return Some(t.clone());
        }
        // A part fetched without the service's filter gets it here, so every part holds the
        // same rows and the whole reads as one table fetched with that filter.
        let frames: Option<Vec<(String, DataFrame)>> = parts
            .iter()
            .map(|(name, t)| {
                let df = match (filter, &t.filter) {
                    (Some(f), None) => {
                        let q = lens_engine::Question { filter: Some(f.to_string()), ..Default::default() };
                        lens_engine::aggregate::filtered(t.df.clone().lazy(), &q).ok()?.collect().ok()?
                    }
                    _ => t.df.clone(),
                };
                Some((name.clone(), df))
            })
            .collect();
        let df = lens_engine::table::stack_labelled(&frames?, ACCOUNT_FIELD).ok()?;
        let table = Arc::new(Table {
            dataset,
            df,
            fetched_at: parts.iter().map(|(_, t)| t.fetched_at).min().unwrap_or(0),
            filter: filter.map(str::to_string),
            total: None,
            bad_rows: Vec::new(),
            json_columns: parts.iter().flat_map(|(_, t)| t.json_columns.clone()).collect(),
        });
        lock(&self.combined).insert(key, (stamps, table.clone()));
        Some(table)
    }

    /// The copy of an account's data set as it was at the end of `day` (the latest kept on or
    /// before it).
    pub async fn table_as_of(
        &self,
        account_id: &str,
        dataset: DatasetId,
        day: NaiveDate,
    ) -> Result<Option<Arc<Table>>, ServiceError> {
        let key = (account_id.to_string(), dataset, day);
        if let Some(t) = lock(&self.snapshots).get(&key) {
            return Ok(Some(t.clone()));
        }
        let (dir, acct) = (self.paths.cache(), account_id.to_string());
        let found = blocking(move || crate::snapshots::at(&dir, &acct, dataset, day)).await?;
        let Some(table) = found else { return Ok(None) };
        let table = Arc::new(table);
        lock(&self.snapshots).insert(key, table.clone());
        Ok(Some(table))
    }

    /// The days of which a copy of an account's data set is kept, newest first.
    pub fn snapshot_days(&self, account_id: &str, dataset: DatasetId) -> Vec<NaiveDate> {
        crate::snapshots::days(&self.paths.cache(), account_id, dataset)
    }

    /// Home's tiles from Partner Center's own grouping, shown while the data sets are fetched
    /// the first time (none for "All accounts", whose Home waits for every account's rows).
    pub async fn home_tiles(&self, account_id: &str, today: NaiveDate) -> Result<Vec<crate::home::Tile>, ServiceError> {
        if account_id == ALL_ACCOUNTS {
            return Ok(Vec::new());
        }
        let client = self.client(account_id).await?;
        crate::home::from_service::tiles(&client, today).await
    }

    /// Home's summary: the tables at hand for every data set, and the copies from the last visit.
    pub async fn home(&self, account_id: &str, today: NaiveDate) -> Result<crate::home::HomeSummary, ServiceError> {
        let mut tables = Vec::new();
        let mut before = Vec::new();
        for d in DatasetId::ALL {
            // The copy saved by an earlier session counts (a damaged one is left out here;
            // Explore says what is wrong with it).
            let _ = self.table_status(account_id, d, None).await;
            if let Some(t) = self.covering_table(account_id, d, None) {
                tables.push((d, t));
            }
            if let (Some(v), false) = (self.previous_visit, account_id == ALL_ACCOUNTS)
                && let Some(t) = self.table_as_of(account_id, d, v).await?
            {
                before.push((d, t));
            }
        }
        let last_visit = self.previous_visit;
        blocking(move || {
            let input = crate::home::HomeInput {
                tables: tables.iter().map(|(d, t)| (*d, &t.df)).collect(),
                at_last_visit: before.iter().map(|(d, t)| (*d, &t.df)).collect(),
                last_visit,
            };
            crate::home::summary(&input, today)
        })
        .await
    }
}
