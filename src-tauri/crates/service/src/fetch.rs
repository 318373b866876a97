//! Fetching a data set into a table: each page is made a chunk of the table as it arrives, and
//! the chunks are stacked in page order once every page is in. If anything fails, the chunks
//! made so far are dropped: nothing partial is kept.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use lens_client::analytics;
use lens_client::{Call, Client, ClientError, ErrorKind, Phase};
use lens_engine::{Chunk, EngineError, TableBuilder};
use lens_model::batch::{BadRow, Batch};
use lens_model::dataset::{DatasetId, FieldType};
use lens_model::filter::Filter;
use lens_model::query::AnalyticsQuery;
use polars::prelude::DataFrame;
use serde::Serialize;
use tokio::sync::oneshot;

use crate::error::ServiceError;

/// A fetched data set.
#[derive(Clone)]
pub struct Table {
    pub dataset: DatasetId,
    pub df: DataFrame,
    /// Seconds since the epoch.
    pub fetched_at: i64,
    pub filter: Option<String>,
    pub total: Option<usize>,
    pub bad_rows: Vec<BadRow>,
    /// Unknown fields whose values were objects or lists, held as their JSON text.
    pub json_columns: Vec<String>,
}

/// What a fetch delivered, for the person.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FetchReport {
    pub rows: u32,
    pub total: Option<u32>,
    pub pages: u32,
    pub bad_rows: u32,
    /// Up to five reasons rows were skipped, for the person to see what went wrong.
    pub bad_row_examples: Vec<String>,
    pub fetched_at: i64,
    /// The data shown is the copy saved on this computer, not a fresh fetch.
    pub from_cache: bool,
    /// Something the person should know about the saved copy (it could not be written, say).
    pub note: Option<String>,
    /// The filter the service applied when these rows were fetched.
    pub filter: Option<String>,
}

impl Table {
    /// The same table made compact to hold (`lens_engine::compact`): one chunk a column, each
    /// distinct long text once. What the app keeps in memory after a fetch; values unchanged.
    pub fn compacted(self: Arc<Table>) -> Arc<Table> {
        // Held by no one else, the table's columns are let go one by one as their compact copies
        // replace them; otherwise (a cheap clone: columns are shared) the old ones live on until
        // the others let go.
        let mut table = Arc::unwrap_or_clone(self);
        let df = std::mem::replace(&mut table.df, DataFrame::empty());
        let before = lens_engine::memory::table_bytes(&df);
        let started = std::time::Instant::now();
        table.df = lens_engine::compact::compact(df);
        let mib = |b: usize| format!("{:.1}", b as f64 / 1048576.0);
        tracing::info!(
            rows = table.df.height(),
            before_mib = mib(before),
            ms = started.elapsed().as_millis() as u64,
            after_mib = mib(lens_engine::memory::table_bytes(&table.df)),
            "fetched table made compact to hold"
        );
        Arc::new(table)
    }

    pub fn report(&self, pages: usize) -> FetchReport {
        FetchReport {
            rows: self.df.height() as u32,
            total: self.total.map(|t| t as u32),
            pages: pages as u32,
            bad_rows: self.bad_rows.len() as u32,
            bad_row_examples: self
                .bad_rows
                .iter()
                .take(5)
                .map(|b| format!("row {}: {}", b.index + 1, b.reason))
                .collect(),
            fetched_at: self.fetched_at,
            from_cache: false,
            note: None,
            filter: self.filter.clone(),
        }
    }
}

pub async fn fetch_table(
    client: &Client,
    dataset: DatasetId,
    filter: Option<&Filter>,
    progress: &(dyn Fn(Progress) + Send + Sync),
    call: &Call,
) -> Result<(Arc<Table>, FetchReport), ServiceError> {
    let q = analytics::query(dataset, filter, &[], None)?;
    let schema = dataset.spec().fields.iter().map(|f| (f.name.to_string(), f.ty)).collect();
    let (table, pages) = fetch_query(client, dataset, &q, schema, progress, call).await?;
    let report = table.report(pages);
    tracing::info!(dataset = %dataset, rows = report.rows, pages = report.pages, bad = report.bad_rows, "fetched");
    Ok((Arc::new(table), report))
}

/// Every page of `q` into a table of `schema`'s columns; also says how many pages came. The
/// one way rows become a table, for every row (fetch_table) and for the service's groups
/// (server_grouping).
pub(crate) async fn fetch_query(
    client: &Client,
    dataset: DatasetId,
    q: &AnalyticsQuery,
    schema: Vec<(String, FieldType)>,
    progress: &(dyn Fn(Progress) + Send + Sync),
    call: &Call,
) -> Result<(Table, usize), ServiceError> {
    // Each page becomes a chunk of the table on polars' worker threads, beside the fetching and
    // reading of the pages after it, and the chunks are added in page order at the end. Made in
    // the fetch loop, they held up the pages after them: a million rows' chunks are about 0.26 s
    // of work (`lens-bench engine`), on the one thread that hands pages on.
    let mut making: Vec<oneshot::Receiver<std::thread::Result<Result<Chunk, EngineError>>>> = Vec::new();
    let mut sink = |b: Batch| {
        let (made, chunk) = oneshot::channel();
        lens_engine::memory::on_an_engine_thread(move || {
            let _ = made.send(std::panic::catch_unwind(AssertUnwindSafe(|| Chunk::of(&b))));
        });
        making.push(chunk);
        Ok(())
    };
    let summary = client.fetch_rows(q, &mut sink, progress, call).await?;
    let mut builder = TableBuilder::new(schema);
    for chunk in making {
        let chunk = match chunk.await {
            Ok(Ok(made)) => made,
            Ok(Err(_)) => return Err(ServiceError::internal("making a page's chunk of the table panicked")),
            Err(e) => return Err(ServiceError::internal(e)),
        };
        let chunk = chunk.map_err(|e| {
            ClientError::new(
                ErrorKind::BadResponse,
                Phase::Parse,
                format!("A page could not be added to the table: {e}"),
            )
        })?;
        builder.push_chunk(chunk);
    }
    let json_columns = builder.json_columns().to_vec();
    let df = builder.finish()?;
    let table = Table {
        dataset,
        df,
        fetched_at: chrono::Utc::now().timestamp(),
        filter: q.filter.as_ref().map(|f| f.to_string()),
        total: summary.total,
        bad_rows: summary.bad_rows,
        json_columns,
    };
    Ok((table, summary.pages))
}

pub use lens_client::Progress;
