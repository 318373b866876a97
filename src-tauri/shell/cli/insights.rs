//! `partner-lens insights …`: the Partner Insights programmatic API from the command line.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use lens_client::Call;
use lens_client::insights::{NewReport, QueryRef, check_report, minimum_recurrence};
use lens_service::ServiceError;
use serde_json::json;

use super::client_args::ClientArgs;

#[derive(Args, Debug)]
pub struct InsightsArgs {
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(subcommand)]
    pub cmd: InsightsCmd,
}

#[derive(Subcommand, Debug)]
pub enum InsightsCmd {
    /// The data sets, their columns, metrics and time ranges.
    Datasets {
        #[arg(long)]
        name: Option<String>,
    },
    /// Saved queries (yours and, with --system, the predefined ones).
    Queries {
        #[arg(long)]
        system: bool,
    },
    /// Save a query.
    CreateQuery {
        #[arg(long)]
        name: String,
        #[arg(long)]
        query: String,
        #[arg(long, default_value = "")]
        description: String,
    },
    DeleteQuery {
        id: String,
    },
    /// Run a query on at most 100 rows.
    Try {
        #[arg(long, conflicts_with = "query_id")]
        query: Option<String>,
        #[arg(long)]
        query_id: Option<String>,
        /// Write the rows to a CSV file instead of printing them.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Scheduled reports.
    Reports,
    /// Schedule a report: --now, or --start TIME --every HOURS [--times N].
    CreateReport {
        #[arg(long)]
        name: String,
        #[arg(long)]
        query_id: String,
        #[arg(long)]
        now: bool,
        /// First run, e.g. 2026-12-01T06:00:00Z.
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        every: Option<i64>,
        #[arg(long)]
        times: Option<i64>,
        #[arg(long, default_value = "csv")]
        format: String,
        /// With --now: the period the run covers (instead of the query's TIMESPAN).
        #[arg(long, requires = "to")]
        from: Option<String>,
        #[arg(long, requires = "from")]
        to: Option<String>,
    },
    UpdateReport {
        id: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        every: Option<i64>,
        #[arg(long)]
        times: Option<i64>,
        #[arg(long)]
        format: Option<String>,
    },
    DeleteReport {
        id: String,
    },
    Pause {
        id: String,
    },
    Resume {
        id: String,
    },
    /// The runs of a report (the latest completed one, or --all).
    Executions {
        report: String,
        #[arg(long)]
        all: bool,
    },
    /// Download the newest completed file of a report.
    Download {
        report: String,
        #[arg(long)]
        out: PathBuf,
        /// Wait for the first run to complete (up to this many seconds).
        #[arg(long)]
        wait: Option<u64>,
    },
}

fn usage(msg: impl Into<String>) -> ServiceError {
    ServiceError::new("usage", msg, None)
}

pub async fn run(a: InsightsArgs) -> Result<(), ServiceError> {
    let client = a.client.client()?;
    let call = Call::default();
    match a.cmd {
        InsightsCmd::Datasets { name } => {
            for d in client.insights_datasets(name.as_deref(), &call).await? {
                println!("{}  (every {} h at most)", d.dataset_name, d.minimum_recurrence_interval.unwrap_or(0));
                println!("  columns: {}", d.selectable_columns.join(", "));
                println!("  metrics: {}", d.available_metrics.join(", "));
                println!("  ranges:  {}", d.available_date_ranges.join(", "));
            }
        }
        InsightsCmd::Queries { system } => {
            for q in client.list_queries(system, &call).await? {
                println!("{}  {:<30} {:<11} {}", q.query_id, q.name, q.kind.unwrap_or_default(), q.query);
            }
        }
        InsightsCmd::CreateQuery { name, query, description } => {
            let q = client.create_query(&name, &description, &query, &call).await?;
            println!("Saved query {} (id {}).", q.name, q.query_id);
        }
        InsightsCmd::DeleteQuery { id } => {
            client.delete_query(&id, &call).await?;
            println!("Deleted query {id}.");
        }
        InsightsCmd::Try { query, query_id, out } => {
            let r = match (&query, &query_id) {
                (Some(q), _) => QueryRef::Text(q),
                (None, Some(id)) => QueryRef::Id(id),
                _ => return Err(usage("Give --query or --query-id")),
            };
            let rows = client.try_query(r, None, &call).await?;
            let columns: Vec<String> = rows.first().map(|r| r.keys().cloned().collect()).unwrap_or_default();
            let cell = |v: &serde_json::Value| match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            match out {
                Some(path) => {
                    let mut text = columns.join(",") + "\n";
                    for r in &rows {
                        text.push_str(&columns.iter().map(|c| csv_field(&cell(&r[c]))).collect::<Vec<_>>().join(","));
                        text.push('\n');
                    }
                    std::fs::write(&path, text)
                        .map_err(|e| usage(format!("Could not write {}: {e}", path.display())))?;
                    eprintln!("Wrote {} rows to {}.", rows.len(), path.display());
                }
                None => {
                    println!("{}", columns.join("\t"));
                    for r in &rows {
                        println!("{}", columns.iter().map(|c| cell(&r[c])).collect::<Vec<_>>().join("\t"));
                    }
                    eprintln!("{} rows (a test run shows at most 100).", rows.len());
                }
            }
        }
        InsightsCmd::Reports => {
            for r in client.list_reports(&call).await? {
                println!(
                    "{}  {:<32} {:<8} every {:>4} h × {:<3} {}",
                    r.report_id,
                    r.report_name,
                    r.report_status.unwrap_or_default(),
                    r.recurrence_interval.unwrap_or(0),
                    r.recurrence_count.unwrap_or(0),
                    r.format.unwrap_or_default()
                );
            }
        }
        InsightsCmd::CreateReport { name, query_id, now, start, every, times, format, from, to } => {
            let queries = client.list_queries(true, &call).await?;
            let query = queries
                .iter()
                .find(|q| q.query_id.eq_ignore_ascii_case(&query_id))
                .ok_or_else(|| usage(format!("There is no query {query_id}")))?;
            let r = NewReport {
                report_name: name,
                description: String::new(),
                query_id,
                start_time: start,
                execute_now: now,
                query_start_time: from,
                query_end_time: to,
                recurrence_interval: every,
                recurrence_count: times.or(Some(1)),
                format: format.to_ascii_lowercase(),
                ..NewReport::default()
            };
            check_report(&r, minimum_recurrence(&query.query).unwrap_or(4), chrono::Utc::now().timestamp())?;
            let made = client.create_report(&r, &call).await?;
            println!("Scheduled report {} (id {}).", made.report_name, made.report_id);
        }
        InsightsCmd::UpdateReport { id, name, every, times, format } => {
            let mut changes = serde_json::Map::new();
            if let Some(n) = name {
                changes.insert("ReportName".into(), json!(n));
            }
            if let Some(e) = every {
                changes.insert("RecurrenceInterval".into(), json!(e));
            }
            if let Some(t) = times {
                changes.insert("RecurrenceCount".into(), json!(t));
            }
            if let Some(f) = format {
                changes.insert("Format".into(), json!(f));
            }
            let r = client.update_report(&id, serde_json::Value::Object(changes), &call).await?;
            println!("Updated report {}.", r.report_name);
        }
        InsightsCmd::DeleteReport { id } => {
            client.delete_report(&id, &call).await?;
            println!("Deleted report {id} and its runs.");
        }
        InsightsCmd::Pause { id } => {
            client.pause_report(&id, &call).await?;
            println!("Paused report {id}.");
        }
        InsightsCmd::Resume { id } => {
            client.resume_report(&id, &call).await?;
            println!("Resumed report {id}.");
        }
        InsightsCmd::Executions { report, all } => {
            let runs = client.executions(&report, if all { Some("all") } else { None }, !all, &call).await?;
            if runs.is_empty() {
                println!("No completed run yet.");
            }
            for e in runs {
                println!(
                    "{}  {:<10} {}",
                    e.execution_id,
                    e.execution_status,
                    e.report_generated_time.unwrap_or_default()
                );
            }
        }
        InsightsCmd::Download { report, out, wait } => {
            let deadline = std::time::Instant::now() + Duration::from_secs(wait.unwrap_or(0));
            let (run, bytes) = loop {
                if let Some(found) = client.download_latest(&report, &call).await? {
                    break found;
                }
                if std::time::Instant::now() >= deadline {
                    return Err(ServiceError::new(
                        "not_ready",
                        "The report has no completed run yet. Try again later, or use --wait SECONDS.",
                        None,
                    ));
                }
                tokio::time::sleep(Duration::from_secs(2)).await;
            };
            lens_engine::fsio::write_atomic(&out, "the report file", |w| {
                std::io::Write::write_all(w, &bytes).map_err(|e| lens_engine::EngineError::file("the report file", e))
            })?;
            eprintln!("Wrote run {} ({} bytes) to {}.", run.execution_id, bytes.len(), out.display());
        }
    }
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}
