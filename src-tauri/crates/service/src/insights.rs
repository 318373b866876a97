//! The Partner Insights programmatic API as the app uses it: data sets, queries, test runs,
//! reports and their runs, and downloading a report's newest file. The command line calls these;
//! the window's Reports and Downloads screens build on them.

use std::path::Path;
use std::time::Duration;

use lens_client::insights::{QueryRef, check_report};
use lens_client::{Call, Client};
use lens_model::insights::{Catalogue, CatalogueDataset, ql};
use serde_json::{Map, Value, json};

pub use lens_client::insights::{ExecutionInfo, NewReport, QueryInfo, ReportInfo, ScheduledDataset};

use crate::error::{ErrorCode, ServiceError};

pub async fn datasets(client: &Client, name: Option<&str>) -> Result<Vec<ScheduledDataset>, ServiceError> {
    Ok(client.insights_datasets(name, &Call::default()).await?)
}

pub async fn queries(client: &Client, include_system: bool) -> Result<Vec<QueryInfo>, ServiceError> {
    Ok(client.list_queries(include_system, &Call::default()).await?)
}

/// The catalogue as Partner Center sends it (`ScheduledDataset`).
pub fn catalogue_of(sets: Vec<ScheduledDataset>) -> Catalogue {
    Catalogue {
        datasets: sets
            .into_iter()
            .map(|s| CatalogueDataset {
                name: s.dataset_name,
                columns: s.selectable_columns,
                metrics: s.available_metrics,
                date_ranges: s.available_date_ranges,
                minimum_recurrence: s.minimum_recurrence_interval,
            })
            .collect(),
    }
}

/// What to confirm in a query's text before sending it: names the account's catalogue does not
/// know (warnings: Partner Center is the judge). A query this app cannot read at all is an
/// error, in words.
pub async fn query_warnings(client: &Client, text: &str) -> Result<Vec<String>, ServiceError> {
    let parsed = ql::parse(text).map_err(|e| ServiceError::usage(format!("The query is not right: {}", e.message)))?;
    Ok(match client.insights_datasets(None, &Call::default()).await {
        Ok(sets) => ql::check(&parsed, &catalogue_of(sets)).warnings,
        Err(e) => {
            vec![format!("The catalogue could not be read to check the names ({}).", ServiceError::from(e).message)]
        }
    })
}

pub async fn create_query(
    client: &Client,
    name: &str,
    description: &str,
    query: &str,
) -> Result<QueryInfo, ServiceError> {
    Ok(client.create_query(name, description, query, &Call::default()).await?)
}

pub async fn delete_query(client: &Client, id: &str) -> Result<(), ServiceError> {
    Ok(client.delete_query(id, &Call::default()).await?)
}

/// Which query a test run reads: its text, or a saved query's id.
pub enum QuerySource<'a> {
    Text(&'a str),
    Saved(&'a str),
}

/// A test run: at most 100 rows, with the columns the service hid from this person said.
pub async fn try_query(client: &Client, q: QuerySource<'_>) -> Result<crate::reports::builder::Preview, ServiceError> {
    let r = match q {
        QuerySource::Text(t) => QueryRef::Text(t),
        QuerySource::Saved(id) => QueryRef::Id(id),
    };
    let tried = client.try_query_redacted(r, None, &Call::default()).await?;
    Ok(crate::reports::builder::preview_of(tried, Vec::new()))
}

/// The columns of test-run rows, in the order the first row has them.
pub fn columns(rows: &[Map<String, Value>]) -> Vec<String> {
    rows.first().map(|r| r.keys().cloned().collect()).unwrap_or_default()
}

/// A cell of a test-run row as text.
pub fn cell_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// The byte-order mark every CSV or TSV the app writes starts with, so Excel reads accents.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A report file's decoded text as the app keeps it: with a byte-order mark.
pub fn with_bom(text: &[u8]) -> Vec<u8> {
    let body = text.strip_prefix(BOM).unwrap_or(text);
    [BOM, body].concat()
}

/// Writes a test run's rows as CSV (with a byte-order mark); hidden cells read "Hidden".
pub fn write_rows_csv(p: &crate::reports::builder::Preview, path: &Path) -> Result<(), ServiceError> {
    let header: Vec<String> = p.columns.iter().map(|c| csv_field(c)).collect();
    let mut text = String::from("\u{feff}") + &header.join(",") + "\n";
    for r in &p.rows {
        let cells: Vec<String> = r.iter().map(|c| csv_field(c)).collect();
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    write_file(path, text.as_bytes(), "the rows")
}

fn write_file(path: &Path, bytes: &[u8], what: &str) -> Result<(), ServiceError> {
    Ok(lens_engine::fsio::write_atomic(path, what, |w| {
        std::io::Write::write_all(w, bytes).map_err(|e| {
            lens_engine::EngineError::file(format!("Could not write {what}"), lens_engine::fsio::plain_io(&e))
        })
    })?)
}

pub async fn reports(client: &Client) -> Result<Vec<ReportInfo>, ServiceError> {
    Ok(client.list_reports(&Call::default()).await?)
}

/// Schedules a report after checking it as the service would (its data set's minimum interval
/// included).
pub async fn create_report(client: &Client, r: NewReport, now: i64) -> Result<ReportInfo, ServiceError> {
    let call = Call::default();
    let queries = client.list_queries(true, &call).await?;
    let query = queries
        .iter()
        .find(|q| q.query_id.eq_ignore_ascii_case(&r.query_id))
        .ok_or_else(|| ServiceError::usage(format!("There is no query {}", r.query_id)))?;
    // The data set's minimum recurrence, as the service's catalogue gives it (4 hours, the
    // API's floor, when it does not).
    let dataset = lens_model::insights::ql::parse(&query.query).map(|q| q.from).unwrap_or_default();
    let minimum = client
        .insights_datasets(Some(&dataset), &call)
        .await
        .ok()
        .and_then(|d| d.into_iter().next())
        .and_then(|d| d.minimum_recurrence_interval)
        .unwrap_or(4);
    check_report(&r, minimum, now)?;
    Ok(client.create_report(&r, &call).await?)
}

/// What to change in a report (`None`: as it is).
#[derive(Debug, Clone, Default)]
pub struct ReportChange {
    pub name: Option<String>,
    pub every_hours: Option<i64>,
    pub times: Option<i64>,
    pub format: Option<String>,
}

pub async fn update_report(client: &Client, id: &str, c: ReportChange) -> Result<ReportInfo, ServiceError> {
    let mut changes = Map::new();
    if let Some(n) = c.name {
        changes.insert("ReportName".into(), json!(n));
    }
    if let Some(e) = c.every_hours {
        changes.insert("RecurrenceInterval".into(), json!(e));
    }
    if let Some(t) = c.times {
        changes.insert("RecurrenceCount".into(), json!(t));
    }
    if let Some(f) = c.format {
        changes.insert("Format".into(), json!(f));
    }
    Ok(client.update_report(id, Value::Object(changes), &Call::default()).await?)
}

pub async fn delete_report(client: &Client, id: &str) -> Result<(), ServiceError> {
    Ok(client.delete_report(id, &Call::default()).await?)
}

pub async fn pause_report(client: &Client, id: &str) -> Result<ReportInfo, ServiceError> {
    Ok(client.pause_report(id, &Call::default()).await?)
}

pub async fn resume_report(client: &Client, id: &str) -> Result<ReportInfo, ServiceError> {
    Ok(client.resume_report(id, &Call::default()).await?)
}

/// The runs of a report: the latest completed one, or all of them.
pub async fn executions(client: &Client, report: &str, all: bool) -> Result<Vec<ExecutionInfo>, ServiceError> {
    let call = Call::default();
    let runs = if all {
        client.all_executions(report, &call).await?
    } else {
        client.executions(report, None, true, &call).await?
    };
    if runs.is_empty() {
        known_report(client, report, &call).await?;
    }
    Ok(runs)
}

/// The executions endpoint answers 404 both before a report's first run and for a report that
/// does not exist (a quirk of the service), so an empty answer is checked against the list of
/// reports: a wrong id is said at once instead of waiting for a run that never comes.
async fn known_report(client: &Client, report: &str, call: &Call) -> Result<(), ServiceError> {
    let reports = client.list_reports(call).await?;
    if reports.iter().any(|r| r.report_id.eq_ignore_ascii_case(report.trim())) {
        return Ok(());
    }
    Err(ServiceError::new(
        ErrorCode::NotFound,
        format!("There is no report with the id \"{}\" in this account.", report.trim()),
        None,
    ))
}

/// Downloads the newest completed file of a report to `out`, waiting up to `wait` for the
/// first run to complete. Returns the run and the file's size.
pub async fn download_latest(
    client: &Client,
    report: &str,
    out: &Path,
    wait: Duration,
) -> Result<(ExecutionInfo, usize), ServiceError> {
    let deadline = std::time::Instant::now() + wait;
    let call = Call::default();
    let mut checked = false;
    let (run, bytes) = loop {
        if let Some(found) = client.download_latest(report, &call).await? {
            break found;
        }
        if !checked {
            known_report(client, report, &call).await?;
            checked = true;
        }
        if std::time::Instant::now() >= deadline {
            return Err(ServiceError::new(
                ErrorCode::NotReady,
                "The report has no completed run yet. Try again later, or use --wait SECONDS.",
                None,
            ));
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    };
    let kept = with_bom(&bytes);
    write_file(out, &kept, "the report file")?;
    Ok((run, kept.len()))
}
