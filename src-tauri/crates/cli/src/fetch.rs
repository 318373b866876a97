//! `partner-lens fetch DATASET …` (or `--view NAME`): fetch, optionally group, write a file.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;
use lens_service::server_grouping::GroupingPath;
use lens_service::to_file::{FetchRequest, Written, fetch_to_file, view_to_file};
use lens_service::{AppPaths, DatasetId, ServiceError, store::Store};

use super::client_args::ClientArgs;
use super::question_args::QuestionArgs;

#[derive(Args, Debug)]
pub struct FetchArgs {
    /// subscriptions, azure-usage, indirect-resellers, search or referrals.
    #[arg(required_unless_present = "view")]
    pub dataset: Option<String>,
    /// A view saved in the window's Explore (its data set, filters and grouping).
    #[arg(long, conflicts_with_all = ["dataset", "filter", "group_by", "date", "by", "metric"])]
    pub view: Option<String>,
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
    /// Fetch every row and group on this computer, even when Partner Center could group.
    #[arg(long)]
    pub group_here: bool,
    /// Say how the answer was made (grouped by Partner Center, or here and why).
    #[arg(long, short)]
    pub verbose: bool,
}

pub async fn run(a: FetchArgs) -> Result<(), ServiceError> {
    let tty = std::io::stderr().is_terminal();
    let progress = move |p: lens_service::fetch::Progress| {
        if tty {
            let total = p.total.map(|t| format!(" of {t}")).unwrap_or_default();
            eprint!("\rFetching: {} rows{total}   ", p.rows);
        }
    };
    let written = match &a.view {
        Some(name) => {
            let view = Store::open(&AppPaths::resolve().data)?.get_view(name)?.view;
            let client = a.account.client().await?;
            let today = chrono::Utc::now().date_naive();
            view_to_file(&client, &view, today, &a.out, &progress).await?
        }
        None => {
            let name = a.dataset.clone().unwrap_or_default();
            let dataset = DatasetId::parse(&name).ok_or_else(|| {
                ServiceError::usage(format!(
                    "\"{name}\" is not a data set; use subscriptions, azure-usage, indirect-resellers, search or referrals"
                ))
            })?;
            let client = a.account.client().await?;
            let spec = a.question.spec();
            let req = FetchRequest {
                dataset,
                filter: a.filter.clone(),
                question: (!spec.is_empty()).then_some(spec),
                chart: a.question.chart.clone(),
                out: a.out.clone(),
                group_here: a.group_here,
            };
            fetch_to_file(&client, req, &progress).await?
        }
    };
    if tty {
        eprintln!();
    }
    report(&written, &a.out, a.verbose);
    Ok(())
}

fn report(w: &Written, out: &std::path::Path, verbose: bool) {
    let r = &w.report;
    let total = r.total.map(|t| format!(" of {t}")).unwrap_or_default();
    match &w.path {
        Some(p @ GroupingPath::Service { .. }) => {
            eprintln!("Fetched {}{total} groups in {} page(s).", r.rows, r.pages);
            if verbose {
                eprintln!("{}", p.describe());
            }
        }
        Some(p @ GroupingPath::Local { .. }) => {
            eprintln!("Fetched {}{total} rows in {} page(s).", r.rows, r.pages);
            if verbose {
                eprintln!("{}", p.describe());
            }
        }
        None => eprintln!("Fetched {}{total} rows in {} page(s).", r.rows, r.pages),
    }
    if r.bad_rows > 0 {
        eprintln!("Skipped {} row(s) that could not be read:", r.bad_rows);
        for ex in &r.bad_row_examples {
            eprintln!("  {ex}");
        }
    }
    let what = if w.grouped { "groups" } else { "rows" };
    eprintln!("Wrote {} {what} to {}.", w.written, out.display());
}
