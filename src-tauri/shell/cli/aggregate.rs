//! `partner-lens aggregate --input FILE …`: group a file on disk (an Insights report download,
//! a fetched table) by any fields and period, and write the answer.

use std::path::PathBuf;

use clap::Args;
use lens_service::ServiceError;

use super::question_args::{self, QuestionArgs};

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
    let q = a.question.question(a.filter.clone(), None, None, vec![lens_engine::Metric::Count])?;
    let input = a.input.clone();
    let q2 = q.clone();
    let started = std::time::Instant::now();
    let df = tokio::task::spawn_blocking(move || -> Result<_, ServiceError> {
        let lf = lens_engine::read::scan(&input)?;
        Ok(lens_engine::answer(lf, &q2)?)
    })
    .await
    .map_err(ServiceError::internal)??;
    let title = a.input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let n = question_args::write(&df, Some(&q), &a.question, &a.out, &title, &[])?;
    eprintln!("Wrote {n} rows to {} in {:.2} s.", a.out.display(), started.elapsed().as_secs_f64());
    Ok(())
}
