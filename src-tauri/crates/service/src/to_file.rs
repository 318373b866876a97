//! From a question to a file, in one call: fetch a data set (filtered by the service), group it
//! here if asked, write the answer; the same for a saved view and for a file on disk. What the
//! command line's `fetch` and `aggregate` do, and what schedules will run.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lens_client::{Call, Client, Progress};
use lens_model::dataset::DatasetId;
use polars::prelude::IntoLazy;

use crate::error::ServiceError;
use crate::explore::{View, filters::compile};
use crate::fetch::{FetchReport, fetch_table};
use crate::labels::rows_noun;
use crate::output::{check_out, write_answer};
use crate::question::{Defaults, QuestionSpec};

pub struct FetchRequest {
    pub dataset: DatasetId,
    /// In the Analytics API's language; applied by the service.
    pub filter: Option<String>,
    /// Group here (`None`: write every row with the API's field names).
    pub question: Option<QuestionSpec>,
    /// For `.png` and `.svg`: line, bar or stacked.
    pub chart: Option<String>,
    pub out: PathBuf,
}

pub struct Written {
    pub report: FetchReport,
    /// Rows, groups or chart periods written.
    pub written: usize,
    pub grouped: bool,
}

fn defaults(d: DatasetId) -> Defaults {
    let spec = d.spec();
    Defaults {
        date: Some(spec.default_date.into()),
        term: Some(spec.default_term.into()),
        metrics: crate::explore::view::default_metrics(d),
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ServiceError> + Send + 'static,
) -> Result<T, ServiceError> {
    tokio::task::spawn_blocking(f).await.map_err(ServiceError::internal)?
}

/// Fetches, groups if asked, writes. The output file is checked before anything is fetched.
pub async fn fetch_to_file(
    client: &Client,
    req: FetchRequest,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> Result<Written, ServiceError> {
    let spec = req.dataset.spec();
    let filter = req.filter.as_deref().map(|f| lens_model::filter::parse_for(f, spec)).transpose()?;
    let question = match &req.question {
        Some(q) if !q.is_empty() => Some(q.question(None, &defaults(req.dataset))?),
        _ => None,
    };
    check_out(&req.out, question.as_ref().is_some_and(|q| q.date.is_some()))?;
    let (table, report) = fetch_table(client, req.dataset, filter.as_ref(), progress, &Call::default()).await?;
    let grouped = question.is_some();
    let (out, chart, noun) = (req.out.clone(), req.chart.clone(), rows_noun(req.dataset));
    let written = blocking(move || {
        let df = match &question {
            Some(q) => lens_engine::answer(table.df.clone().lazy(), q)?,
            None => table.df.clone(),
        };
        let json = if question.is_some() { &[][..] } else { &table.json_columns[..] };
        write_answer(&df, question.as_ref(), chart.as_deref(), &out, noun, json)
    })
    .await?;
    Ok(Written { report, written, grouped })
}

/// Runs a saved view: its filters (the service's part sent with the fetch, the rest applied
/// here, date ranges as of `today`), its grouping, written to `out`.
pub async fn view_to_file(
    client: &Client,
    view: &View,
    today: NaiveDate,
    out: &Path,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> Result<Written, ServiceError> {
    let f = compile(view.dataset, &view.all_filters(), today)?;
    let q = view.question(f.local.clone());
    check_out(out, q.date.is_some())?;
    let server = f.server.as_deref().map(|t| lens_model::filter::parse_for(t, view.dataset.spec())).transpose()?;
    let (table, report) = fetch_table(client, view.dataset, server.as_ref(), progress, &Call::default()).await?;
    let (out, noun) = (out.to_path_buf(), rows_noun(view.dataset));
    let chart = match view.chart_kind() {
        crate::explore::ChartKind::Line => Some("line"),
        crate::explore::ChartKind::Bar => Some("bar"),
        _ => None,
    };
    let written = blocking(move || {
        let df = lens_engine::answer(table.df.clone().lazy(), &q)?;
        write_answer(&df, Some(&q), chart, &out, noun, &[])
    })
    .await?;
    Ok(Written { report, written, grouped: true })
}

/// Groups a file on disk (a report download, a fetched table) and writes the answer.
pub async fn aggregate_file(
    input: &Path,
    filter: Option<String>,
    question: &QuestionSpec,
    chart: Option<String>,
    out: &Path,
) -> Result<usize, ServiceError> {
    let q =
        question.question(filter, &Defaults { metrics: vec![lens_engine::Metric::Count], ..Defaults::default() })?;
    check_out(out, q.date.is_some())?;
    let (input, out) = (input.to_path_buf(), out.to_path_buf());
    blocking(move || {
        let df = lens_engine::read::guarded(|| lens_engine::answer(lens_engine::read::scan(&input)?, &q))
            .map_err(|e| lens_engine::read::explain(&input, e))?;
        write_answer(&df, Some(&q), chart.as_deref(), &out, "Rows", &[])
    })
    .await
}
