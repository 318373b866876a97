//! The grouping options `fetch` and `aggregate` share, and writing their answer in the format
//! the output file's extension asks for, charts included.

use std::path::Path;

use clap::Args;
use lens_engine::export::chart_image::{ChartKind, ChartStyle, write_chart};
use lens_engine::{DateAxis, Metric, Period, Question};
use lens_service::ServiceError;
use polars::prelude::DataFrame;

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

fn usage(msg: String) -> ServiceError {
    ServiceError::new("usage", msg, None)
}

impl QuestionArgs {
    pub fn is_empty(&self) -> bool {
        self.group_by.is_empty() && self.date.is_none() && self.by.is_none() && self.metric.is_empty()
    }

    /// The question, with defaults for what was not given.
    pub fn question(
        &self,
        filter: Option<String>,
        default_date: Option<&str>,
        default_term: Option<&str>,
        default_metrics: Vec<Metric>,
    ) -> Result<Question, ServiceError> {
        let date = match (&self.by, &self.date) {
            (Some(p), d) => {
                let period = Period::parse(p)
                    .ok_or_else(|| usage(format!("--by must be day, week, month, quarter or year, not \"{p}\"")))?;
                let field = d
                    .clone()
                    .or_else(|| default_date.map(str::to_string))
                    .ok_or_else(|| usage("--by needs --date FIELD".into()))?;
                Some(DateAxis { field, period })
            }
            (None, Some(_)) => return Err(usage("--date needs --by (day, week, month, quarter or year)".into())),
            (None, None) => None,
        };
        let group_by = if self.group_by.is_empty() && date.is_some() {
            default_term.map(|t| vec![t.to_string()]).unwrap_or_default()
        } else {
            self.group_by.clone()
        };
        let metrics = if self.metric.is_empty() {
            default_metrics
        } else {
            self.metric.iter().map(|m| Metric::parse(m)).collect::<Result<_, _>>()?
        };
        let top = self.top.map(|n| lens_engine::question::TopN {
            n,
            by: metrics.first().cloned().unwrap_or(Metric::Count),
            other: true,
        });
        Ok(Question {
            filter,
            group_by,
            date,
            metrics,
            top,
            fill_gaps: self.fill_gaps,
            change: self.change,
            sort: None,
        })
    }

    fn chart_kind(&self) -> Result<ChartKind, ServiceError> {
        Ok(match self.chart.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None | Some("stacked") | Some("stacked-bar") => ChartKind::StackedBar,
            Some("bar") => ChartKind::Bar,
            Some("line") => ChartKind::Line,
            Some(other) => return Err(usage(format!("--chart must be line, bar or stacked, not \"{other}\""))),
        })
    }
}

/// A metric in words for a chart's axis: "Subscriptions", "Sum of license count".
fn metric_words(m: &Metric, rows: &str) -> String {
    let w = |f: &str| lens_service::views::label(f).to_lowercase();
    match m {
        Metric::Count => rows.to_string(),
        Metric::DistinctCount(f) => format!("Distinct {}", w(f)),
        Metric::Sum(f) => format!("Sum of {}", w(f)),
        Metric::Mean(f) => format!("Average {}", w(f)),
        Metric::Min(f) => format!("Smallest {}", w(f)),
        Metric::Max(f) => format!("Largest {}", w(f)),
    }
}

/// Writes a table (or, for .png and .svg, the chart of an answer) to `path`. `title` names
/// what the rows are ("Subscriptions").
pub fn write(
    df: &DataFrame,
    question: Option<&Question>,
    args: &QuestionArgs,
    path: &Path,
    title: &str,
    json_columns: &[String],
) -> Result<usize, ServiceError> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "png" | "svg" => {
            let q = question.ok_or_else(|| usage("A chart needs a grouping: give --by and --date".into()))?;
            let axis =
                q.date.as_ref().ok_or_else(|| usage("A chart needs a time axis: give --by and --date".into()))?;
            let agg = lens_engine::to_aggregate(df)?;
            let metric = q.metrics_or_count()[0].clone();
            let chart = lens_engine::pivot(
                &agg,
                &axis.field,
                axis.period,
                &q.group_by,
                &metric.column_name(),
                metric.additive(),
            );
            let y_label = metric_words(&metric, title);
            let period = axis.period.name();
            let by = q
                .group_by
                .iter()
                .map(|g| lens_service::views::label(g).to_lowercase())
                .collect::<Vec<_>>()
                .join(" and ");
            let style = ChartStyle {
                kind: args.chart_kind()?,
                title: if by.is_empty() {
                    format!("{y_label} per {period}")
                } else {
                    format!("{y_label} by {by}, per {period}")
                },
                y_label,
                x_label: format!(
                    "{}{} of {}",
                    period[..1].to_uppercase(),
                    &period[1..],
                    lens_service::views::label(&axis.field).to_lowercase()
                ),
                ..ChartStyle::default()
            };
            write_chart(&chart, &style, path)?;
            Ok(chart.x.len())
        }
        _ => {
            super::output::write(df, path, title, json_columns)?;
            Ok(df.height())
        }
    }
}
