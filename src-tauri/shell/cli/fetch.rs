//! `partner-lens fetch DATASET …`: fetch, optionally group, write a file.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;
use lens_client::Call;
use lens_engine::Metric;
use lens_model::dataset::DatasetId;
use lens_model::filter;
use lens_service::{ServiceError, fetch_table};
use polars::prelude::IntoLazy;

use super::client_args::ClientArgs;
use super::question_args::{self, QuestionArgs};

#[derive(Args, Debug)]
pub struct FetchArgs {
    /// subscriptions, azure-usage, indirect-resellers, search or referrals.
    pub dataset: String,
    #[command(flatten)]
    pub account: ClientArgs,
    /// Filter in the Analytics API's language, e.g. "status eq 'ACTIVE'" (applied by the service).
    #[arg(long)]
    pub filter: Option<String>,
    #[command(flatten)]
    pub question: QuestionArgs,
    /// Where to write: .csv, .json, .parquet, .xlsx, or with --by a chart as .png or .svg.
    #[arg(long)]
    pub out: PathBuf,
}

fn usage(msg: String) -> ServiceError {
    ServiceError::new("usage", msg, None)
}

/// The metrics a data set is usually read with.
fn default_metrics(d: DatasetId) -> Vec<Metric> {
    match d {
        DatasetId::Subscriptions => vec![Metric::Count, Metric::Sum("licenseCount".into())],
        DatasetId::AzureUsage => vec![Metric::Count, Metric::Sum("quantity".into())],
        DatasetId::IndirectResellers => {
            vec![Metric::Count, Metric::Sum("subscriptionCount".into()), Metric::Sum("licenseCount".into())]
        }
        DatasetId::Search | DatasetId::Referrals => vec![Metric::Count],
    }
}

pub async fn run(a: FetchArgs) -> Result<(), ServiceError> {
    let dataset = DatasetId::parse(&a.dataset).ok_or_else(|| {
        usage(format!(
            "\"{}\" is not a data set; use subscriptions, azure-usage, indirect-resellers, search or referrals",
            a.dataset
        ))
    })?;
    let spec = dataset.spec();
    let filter = a.filter.as_deref().map(|f| filter::parse_for(f, spec)).transpose()?;
    // The filter runs on the service; the grouping runs here, so it can do what the service cannot.
    let question = if a.question.is_empty() {
        None
    } else {
        Some(a.question.question(None, Some(spec.default_date), Some(spec.default_term), default_metrics(dataset))?)
    };
    let client = a.account.client()?;
    let tty = std::io::stderr().is_terminal();
    let progress = move |p: lens_client::Progress| {
        if tty {
            let total = p.total.map(|t| format!(" of {t}")).unwrap_or_default();
            eprint!("\rFetching {}: {} rows{total}   ", dataset.title().to_lowercase(), p.rows);
        }
    };
    let (table, report) = fetch_table(&client, dataset, filter.as_ref(), &progress, &Call::default()).await?;
    if tty {
        eprintln!();
    }
    let total = report.total.map(|t| format!(" of {t}")).unwrap_or_default();
    eprintln!("Fetched {}{total} rows in {} page(s).", report.rows, report.pages);
    if report.bad_rows > 0 {
        eprintln!("Skipped {} row(s) that could not be read:", report.bad_rows);
        for ex in &report.bad_row_examples {
            eprintln!("  {ex}");
        }
    }
    let out = match &question {
        Some(q) => {
            let df = table.df.clone();
            let q2 = q.clone();
            tokio::task::spawn_blocking(move || lens_engine::answer(df.lazy(), &q2))
                .await
                .map_err(ServiceError::internal)??
        }
        None => table.df.clone(),
    };
    let json_columns = if question.is_some() { &[][..] } else { &table.json_columns[..] };
    let n = question_args::write(&out, question.as_ref(), &a.question, &a.out, dataset.title(), json_columns)?;
    let what = if question.is_some() { "groups" } else { "rows" };
    eprintln!("Wrote {n} {what} to {}.", a.out.display());
    Ok(())
}
