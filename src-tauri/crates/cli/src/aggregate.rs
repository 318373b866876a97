//! `partner-lens aggregate --input FILE …`: group a file on disk (an Insights report download,
//! a fetched table) by any fields and period, and write the answer.

use std::path::PathBuf;

use clap::Args;
use lens_service::ServiceError;
use lens_service::to_file::aggregate_file;

use super::question_args::QuestionArgs;

#[derive(Args, Debug)]
pub struct AggregateArgs {
    /// .csv, .tsv (also gzip-compressed), .parquet or .json.
    #[arg(long)]
    pub input: PathBuf,
    /// Keep only rows matching this filter (the Analytics API's language).
    #[arg(long)]
    pub filter: Option<String>,
    #[command(flatten)]
    pub question: QuestionArgs,
    /// .csv, .xlsx, .parquet, .json, .png or .svg.
    #[arg(long)]
    pub out: PathBuf,
}

pub async fn run(a: AggregateArgs) -> Result<(), ServiceError> {
    let started = std::time::Instant::now();
    let n = aggregate_file(&a.input, a.filter.clone(), &a.question.spec(), a.question.chart.clone(), &a.out).await?;
    eprintln!("Wrote {n} rows to {} in {:.2} s.", a.out.display(), started.elapsed().as_secs_f64());
    Ok(())
}
