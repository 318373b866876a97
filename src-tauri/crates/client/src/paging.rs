//! Fetching every page of an Analytics answer. When the first page gives `TotalCount`, the rest
//! are fetched in parallel by `skip` (bounded and adaptive) and handed on strictly in order;
//! otherwise `@nextLink` is followed one page at a time. Each page must hold exactly the rows
//! due, so no row is lost or counted twice, also across retries and token refreshes. Pages go
//! to the sink as they arrive: nothing holds the whole answer as JSON.

use std::collections::BTreeMap;
use std::sync::Arc;

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use lens_model::batch::{BadRow, Batch};
use lens_model::query::AnalyticsQuery;
use reqwest::Method;
use serde::Serialize;
use url::Url;
use uuid::Uuid;

use crate::error::{ClientError, ErrorKind, Phase};
use crate::http::{Call, Client};
use crate::page::{Page, PageSchema, parse_page};

/// How far a fetch has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub rows: usize,
    pub total: Option<usize>,
    pub pages: usize,
    pub page_count: Option<usize>,
}

/// What a finished fetch delivered.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FetchSummary {
    /// Rows handed to the sink.
    pub rows: usize,
    /// What the service said the answer holds.
    pub total: Option<usize>,
    pub pages: usize,
    /// Rows that could not be read, by position in the whole answer.
    pub bad_rows: Vec<BadRow>,
}

/// Receives pages in order. An error stops the fetch.
pub trait PageSink: Send {
    fn page(&mut self, batch: Batch) -> Result<(), ClientError>;
}

impl<F: FnMut(Batch) -> Result<(), ClientError> + Send> PageSink for F {
    fn page(&mut self, batch: Batch) -> Result<(), ClientError> {
        self(batch)
    }
}

/// At most this many pages are fetched ahead of the one the sink waits for.
const WINDOW_PER_REQUEST: usize = 2;
/// Times a page that came back short (fewer rows than due) is asked for again.
const SHORT_PAGE_RETRIES: u32 = 3;
/// Refuse to follow `@nextLink` forever (a server bug that loops).
const MAX_LINKED_PAGES: usize = 100_000;
/// The most rows an answer may say it holds: a year of Azure usage of a large partner is about
/// 10 million; a `TotalCount` far beyond (a server bug, or a lie) is refused before any page is
/// planned, rather than planning pages until memory runs out.
pub const MAX_TOTAL_ROWS: usize = 1_000_000_000;

impl Client {
    /// Fetches every page of `query` (from `query.skip`) into `sink`.
    pub async fn fetch_pages(
        &self,
        query: &AnalyticsQuery,
        schema: Arc<PageSchema>,
        sink: &mut dyn PageSink,
        progress: &(dyn Fn(Progress) + Send + Sync),
        call: &Call,
    ) -> Result<FetchSummary, ClientError> {
        let first_url = self.page_url(query, query.skip)?;
        let mut first = self.get_page(first_url.clone(), &schema, call, 1, None).await?;
        if let Some(total) = first.total {
            if total > MAX_TOTAL_ROWS {
                return Err(ClientError::new(
                    ErrorKind::BadResponse,
                    Phase::Parse,
                    format!(
                        "Partner Center said this answer holds {} rows, far more than any of its data sets holds, so nothing was fetched.",
                        lens_model::numbers::thousands(total)
                    ),
                )
                .on_page(1));
            }
            // The first page is checked like every other: the rows it must hold follow from the
            // total (a page short of them, or empty, is asked for again, then refused).
            let due = query.top.min(total.saturating_sub(query.skip));
            if first.rows_seen != due {
                first = self.get_page(first_url, &schema, call, 1, Some(due)).await?;
            }
        }
        let mut summary = FetchSummary { rows: 0, total: first.total, pages: 0, bad_rows: Vec::new() };
        let total = first.total;
        let next_link = first.next_link.clone();
        let rows_offset = query.skip;
        deliver(sink, first, &mut summary, rows_offset)?;
        let page_count = total.map(|t| t.saturating_sub(query.skip).div_ceil(query.top).max(1));
        progress(Progress { rows: summary.rows, total, pages: 1, page_count });

        match (total, next_link) {
            // The total says more is due, with a next-page link or without one.
            (Some(total), _) if total > query.skip + query.top => {
                self.fetch_rest_parallel(query, total, &schema, sink, &mut summary, progress, call).await?
            }
            (Some(_), _) | (None, None) => {}
            (None, Some(link)) => self.follow_links(link, &schema, sink, &mut summary, progress, call).await?,
        }
        Ok(summary)
    }

    /// Asks for one row of subscriptions: how an account's access to the analytics is checked
    /// (a token alone does not show a refused role or a sign-in without multi-factor).
    pub async fn check_access(&self) -> Result<(), ClientError> {
        self.first_row(lens_model::dataset::DatasetId::Subscriptions, &Call::default()).await
    }

    /// Asks for one row of a data set: whether this sign-in may read it.
    pub async fn first_row(&self, dataset: lens_model::dataset::DatasetId, call: &Call) -> Result<(), ClientError> {
        let mut q = AnalyticsQuery::new(dataset);
        q.top = 1;
        let schema = Arc::new(PageSchema::raw(q.dataset.spec()));
        self.get_page(self.page_url(&q, 0)?, &schema, call, 1, None).await.map(|_| ())
    }

    fn page_url(&self, q: &AnalyticsQuery, skip: usize) -> Result<Url, ClientError> {
        let mut url = self.url(&format!("{}{}", self.cfg.analytics_root.trim_end_matches('/'), q.dataset.suffix()))?;
        {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in q.shape_params() {
                pairs.append_pair(k, &v);
            }
            pairs.append_pair("top", &q.top.to_string());
            pairs.append_pair("skip", &skip.to_string());
        }
        Ok(url)
    }

    /// Fetches and parses one page; `due` is the number of rows it must hold, when known.
    async fn get_page(
        &self,
        url: Url,
        schema: &Arc<PageSchema>,
        call: &Call,
        page_no: usize,
        due: Option<usize>,
    ) -> Result<Page, ClientError> {
        // The same request id for every try of this page, including short-page retries.
        let request_id = Uuid::new_v4();
        let mut short_tries = 0;
        loop {
            let answer =
                self.execute(Method::GET, url.clone(), None, call, request_id).await.map_err(|e| e.on_page(page_no))?;
            let rid = answer.request_id.clone();
            let schema = schema.clone();
            let parsed =
                tokio::task::spawn_blocking(move || parse_page(&answer.body, &schema)).await.map_err(|_| {
                    ClientError::new(ErrorKind::BadResponse, Phase::Parse, "Reading the page stopped unexpectedly.")
                })?;
            let page = parsed.map_err(|why| {
                ClientError::new(
                    ErrorKind::BadResponse,
                    Phase::Parse,
                    format!("Partner Center sent a page that could not be read: {why}."),
                )
                .with_request_id(&rid)
                .on_page(page_no)
            })?;
            match due {
                Some(due) if page.rows_seen < due && short_tries < SHORT_PAGE_RETRIES => {
                    short_tries += 1;
                    tracing::warn!(page = page_no, got = page.rows_seen, due, "short page; asking again");
                    tokio::time::sleep(self.cfg.retry.backoff(short_tries)).await;
                }
                Some(due) if page.rows_seen != due => {
                    return Err(ClientError::new(
                        ErrorKind::BadResponse,
                        Phase::Parse,
                        format!(
                            "Partner Center sent {} rows where {due} were due, so the data would be incomplete.",
                            page.rows_seen
                        ),
                    )
                    .with_request_id(&rid)
                    .on_page(page_no));
                }
                _ => return Ok(page),
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    async fn fetch_rest_parallel(
        &self,
        q: &AnalyticsQuery,
        total: usize,
        schema: &Arc<PageSchema>,
        sink: &mut dyn PageSink,
        summary: &mut FetchSummary,
        progress: &(dyn Fn(Progress) + Send + Sync),
        call: &Call,
    ) -> Result<(), ClientError> {
        // Pages after the first, by their `skip`, worked out as they are needed (never a list of
        // them all: the total is checked, but still a large number).
        let first_skip = q.skip + q.top;
        let pages = total.saturating_sub(first_skip).div_ceil(q.top.max(1));
        let skip_of = |j: usize| first_skip + j * q.top;
        let page_count = pages + 1;
        let window = self.cfg.max_parallel.max(1) * WINDOW_PER_REQUEST;
        let mut inflight = FuturesUnordered::new();
        let mut pending: BTreeMap<usize, Page> = BTreeMap::new();
        let (mut next_start, mut next_deliver) = (0usize, 0usize);
        while next_deliver < pages {
            while next_start < pages && next_start < next_deliver + window {
                let j = next_start;
                let skip = skip_of(j);
                let due = q.top.min(total - skip);
                let url = self.page_url(q, skip)?;
                inflight.push(async move { (j, self.get_page(url, schema, call, j + 2, Some(due)).await) });
                next_start += 1;
            }
            let Some((j, result)) = inflight.next().await else {
                break;
            };
            pending.insert(j, result?);
            while let Some(page) = pending.remove(&next_deliver) {
                deliver(sink, page, summary, skip_of(next_deliver))?;
                next_deliver += 1;
                progress(Progress {
                    rows: summary.rows,
                    total: Some(total),
                    pages: summary.pages,
                    page_count: Some(page_count),
                });
            }
        }
        Ok(())
    }

    async fn follow_links(
        &self,
        mut link: String,
        schema: &Arc<PageSchema>,
        sink: &mut dyn PageSink,
        summary: &mut FetchSummary,
        progress: &(dyn Fn(Progress) + Send + Sync),
        call: &Call,
    ) -> Result<(), ClientError> {
        let mut offset = summary.rows + summary.bad_rows.len();
        let mut seen_links = std::collections::HashSet::new();
        for page_no in 2..MAX_LINKED_PAGES {
            let url = self.same_host(&link)?;
            // A link given twice would send the same rows again, without end.
            if !seen_links.insert(url.to_string()) {
                return Err(ClientError::new(
                    ErrorKind::BadResponse,
                    Phase::Parse,
                    "Partner Center sent the same next-page link twice, so the data would repeat; nothing was kept.",
                )
                .on_page(page_no));
            }
            let page = self.get_page(url, schema, call, page_no, None).await?;
            let next = page.next_link.clone();
            let seen = page.rows_seen;
            deliver(sink, page, summary, offset)?;
            offset += seen;
            progress(Progress { rows: summary.rows, total: summary.total, pages: summary.pages, page_count: None });
            match next {
                Some(n) => link = n,
                None => return Ok(()),
            }
        }
        Err(ClientError::new(
            ErrorKind::BadResponse,
            Phase::Parse,
            "Partner Center kept sending next-page links without end.",
        ))
    }

    /// A next-page link must point at the API host: the token must never go anywhere else.
    fn same_host(&self, link: &str) -> Result<Url, ClientError> {
        let url = self.cfg.base_url.join(link).map_err(|_| {
            ClientError::new(
                ErrorKind::BadResponse,
                Phase::Parse,
                format!("Partner Center sent a next-page link that is not an address: {link}"),
            )
        })?;
        let base = &self.cfg.base_url;
        if url.scheme() != base.scheme()
            || url.host_str() != base.host_str()
            || url.port_or_known_default() != base.port_or_known_default()
        {
            return Err(ClientError::new(
                ErrorKind::BadResponse,
                Phase::Parse,
                format!(
                    "Partner Center sent a next-page link to another server ({}); it was not followed.",
                    url.host_str().unwrap_or("?")
                ),
            ));
        }
        Ok(url)
    }
}

fn deliver(
    sink: &mut dyn PageSink,
    mut page: Page,
    summary: &mut FetchSummary,
    offset: usize,
) -> Result<(), ClientError> {
    summary.pages += 1;
    summary.rows += page.batch.rows;
    summary
        .bad_rows
        .extend(page.batch.bad_rows.drain(..).map(|b| BadRow { index: offset + b.index, reason: b.reason }));
    sink.page(page.batch)
}
