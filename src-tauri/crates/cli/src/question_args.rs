//! The grouping options `fetch` and `aggregate` share.

use clap::Args;
use lens_service::question::QuestionSpec;

#[derive(Args, Debug, Clone, Default)]
pub struct QuestionArgs {
    /// Fields to group by, comma separated.
    #[arg(long, value_delimiter = ',')]
    pub group_by: Vec<String>,
    /// The date field to split by period.
    #[arg(long)]
    pub date: Option<String>,
    /// day, week (ISO, Monday), month, quarter or year.
    #[arg(long)]
    pub by: Option<String>,
    /// count, sum:FIELD, distinct:FIELD, mean:FIELD, min:FIELD, max:FIELD (repeatable).
    #[arg(long)]
    pub metric: Vec<String>,
    /// Keep the N largest values of the first --group-by field; the rest become "Other".
    #[arg(long)]
    pub top: Option<u32>,
    /// Show periods with no rows as zero.
    #[arg(long)]
    pub fill_gaps: bool,
    /// Add the change against the previous period.
    #[arg(long)]
    pub change: bool,
    /// For .png/.svg output: line, bar or stacked (default).
    #[arg(long)]
    pub chart: Option<String>,
}

impl QuestionArgs {
    pub fn spec(&self) -> QuestionSpec {
        QuestionSpec {
            group_by: self.group_by.clone(),
            date: self.date.clone(),
            by: self.by.clone(),
            metrics: self.metric.clone(),
            top: self.top,
            fill_gaps: self.fill_gaps,
            change: self.change,
        }
    }
}
