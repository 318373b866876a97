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
use crate::server_grouping::{self, GroupingPath};

pub struct FetchRequest {
    pub dataset: DatasetId,
    /// In the Analytics API's language; applied by the service.
    pub filter: Option<String>,
    /// Group here (`None`: write every row with the API's field names).
    pub question: Option<QuestionSpec>,
    /// For `.png` and `.svg`: line, bar or stacked.
    pub chart: Option<String>,
    pub out: PathBuf,
    /// Fetch every row and group here even when Partner Center could group (to compare).
    pub group_here: bool,
}

pub struct Written {
    pub report: FetchReport,
    /// Rows, groups or chart periods written.
    pub written: usize,
    pub grouped: bool,
    /// How a grouped answer was made (`None` when every row was written as it came).
    pub path: Option<GroupingPath>,
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
    let (out, chart, noun) = (req.out.clone(), req.chart.clone(), rows_noun(req.dataset));
    let Some(question) = question else {
        let (table, report) = fetch_table(client, req.dataset, filter.as_ref(), progress, &Call::default()).await?;
        let written =
            blocking(move || write_answer(&table.df, None, chart.as_deref(), &out, noun, &table.json_columns)).await?;
        return Ok(Written { report, written, grouped: false, path: None });
    };
    grouped_to_file(client, req.dataset, filter.as_ref(), question, req.group_here, chart, out, progress).await
}

/// Answers a grouped question about a data set and writes it: from the service's grouped rows
/// when it can group for the question, from every row grouped here otherwise.
#[allow(clippy::too_many_arguments)]
async fn grouped_to_file(
    client: &Client,
    dataset: DatasetId,
    filter: Option<&lens_model::filter::Filter>,
    question: lens_engine::Question,
    group_here: bool,
    chart: Option<String>,
    out: PathBuf,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> Result<Written, ServiceError> {
    let noun = rows_noun(dataset);
    let plan = if group_here {
        Err("asked to group on this computer".to_string())
    } else {
        server_grouping::plan(dataset, &question)
    };
    match plan {
        Ok(plan) => {
            let (grouped, report) =
                server_grouping::fetch_grouped(client, dataset, filter, &plan, progress, &Call::default()).await?;
            let path = Some(plan.path());
            let written = blocking(move || {
                let df = server_grouping::answer(grouped, &plan)?;
                write_answer(&df, Some(&question), chart.as_deref(), &out, noun, &[])
            })
            .await?;
            Ok(Written { report, written, grouped: true, path })
        }
        Err(why) => {
            let (table, report) = fetch_table(client, dataset, filter, progress, &Call::default()).await?;
            let written = blocking(move || {
                let df = lens_engine::answer(table.df.clone().lazy(), &question)?;
                write_answer(&df, Some(&question), chart.as_deref(), &out, noun, &[])
            })
            .await?;
            Ok(Written { report, written, grouped: true, path: Some(GroupingPath::Local { why }) })
        }
    }
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
    let chart = match view.chart_kind() {
        crate::explore::ChartKind::Line => Some("line".to_string()),
        crate::explore::ChartKind::Bar => Some("bar".to_string()),
        _ => None,
    };
    grouped_to_file(client, view.dataset, server.as_ref(), q, false, chart, out.to_path_buf(), progress).await
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
        let df = lens_engine::read::guarded(|| lens_engine::answer_file(&input, &q))
            .map_err(|e| lens_engine::read::explain(&input, e))?;
        write_answer(&df, Some(&q), chart.as_deref(), &out, "Rows", &[])
    })
    .await
}
