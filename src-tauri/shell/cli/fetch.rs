//! `partner-lens fetch DATASET …`: fetch, optionally group, write a file.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;
use lens_client::Call;
use lens_engine::{DateAxis, Metric, Period, Question};
use lens_model::dataset::DatasetId;
use lens_model::filter;
use lens_service::{ServiceError, fetch_table};
use polars::prelude::IntoLazy;

use super::inline_account::InlineAccount;
use super::output;

#[derive(Args, Debug)]
pub struct FetchArgs {
    /// subscriptions, azure-usage, indirect-resellers, search or referrals.
    pub dataset: String,
    #[command(flatten)]
    pub account: InlineAccount,
    /// Filter in the Analytics API's language, e.g. "status eq 'ACTIVE'".
    #[arg(long)]
    pub filter: Option<String>,
    /// Group rows by period of --date: day, week, month, quarter or year.
    #[arg(long)]
    pub by: Option<String>,
    /// The date field to group by (default: the data set's main date).
    #[arg(long)]
    pub date: Option<String>,
    /// Fields to group by, comma separated (default with --by: the data set's main field).
    #[arg(long, value_delimiter = ',')]
    pub group_by: Vec<String>,
    /// count, sum:FIELD, distinct:FIELD, mean:FIELD, min:FIELD, max:FIELD (repeatable).
    #[arg(long)]
    pub metric: Vec<String>,
    /// Where to write (.csv).
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

pub fn question(dataset: DatasetId, a: &FetchArgs) -> Result<Option<Question>, ServiceError> {
    if a.by.is_none() && a.group_by.is_empty() && a.metric.is_empty() {
        return Ok(None);
    }
    let spec = dataset.spec();
    let date = match &a.by {
        Some(p) => {
            let period = Period::parse(p)
                .ok_or_else(|| usage(format!("--by must be day, week, month, quarter or year, not \"{p}\"")))?;
            Some(DateAxis { field: a.date.clone().unwrap_or_else(|| spec.default_date.to_string()), period })
        }
        None if a.date.is_some() => {
            return Err(usage("--date needs --by (day, week, month, quarter or year)".into()));
        }
        None => None,
    };
    let group_by =
        if a.group_by.is_empty() && date.is_some() { vec![spec.default_term.to_string()] } else { a.group_by.clone() };
    let metrics = if a.metric.is_empty() {
        default_metrics(dataset)
    } else {
        a.metric.iter().map(|m| Metric::parse(m)).collect::<Result<_, _>>()?
    };
    Ok(Some(Question { group_by, date, metrics, ..Question::default() }))
}

pub async fn run(a: FetchArgs) -> Result<(), ServiceError> {
    let dataset = DatasetId::parse(&a.dataset).ok_or_else(|| {
        usage(format!(
            "\"{}\" is not a data set; use subscriptions, azure-usage, indirect-resellers, search or referrals",
            a.dataset
        ))
    })?;
    let filter = a.filter.as_deref().map(|f| filter::parse_for(f, dataset.spec())).transpose()?;
    let question = question(dataset, &a)?;
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
    output::write(&out, &a.out)?;
    let what = if question.is_some() { "groups" } else { "rows" };
    eprintln!("Wrote {} {what} to {}.", out.height(), a.out.display());
    Ok(())
}
