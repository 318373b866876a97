//! Asking Partner Center to group (issue 11). The Analytics API groups on its side
//! (`groupby=` with `aggregationLevel=day|week|month`) and answers with the grouping fields and
//! its counts: a few hundred rows where the data set has a million. When a question can be
//! answered from those counts (its fields are ones the service groups by, its periods are days,
//! weeks or months or roll up from months, its metrics are counts the service returns), the
//! grouped rows are fetched instead of every row; otherwise every row is fetched and grouped
//! here. The answer is the same either way (tests/integration/server_equality.rs).
//!
//! The grouped rows go through the same engine as raw rows: each metric is read from the count
//! column that holds it (a count of rows becomes the sum of `subscriptionCount`), so top-N,
//! gap filling, changes and sorting behave exactly as they do locally.

use lens_client::analytics;
use lens_client::{Call, Client, Progress};
use lens_engine::{Metric, Period, Question};
use lens_model::dataset::{DatasetId, FieldType, Measure};
use lens_model::filter::Filter;
use lens_model::query::AggLevel;
use polars::prelude::{DataFrame, IntoLazy};

use crate::error::ServiceError;
use crate::fetch::FetchReport;

/// How a grouped question was answered, for `--verbose` and the window's Details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupingPath {
    /// Partner Center grouped: the request's `groupby` and `aggregationLevel`.
    Service { group_by: Vec<String>, level: Option<AggLevel> },
    /// Every row was fetched and grouped here, and why.
    Local { why: String },
}

impl GroupingPath {
    /// One line in plain words.
    pub fn describe(&self) -> String {
        match self {
            GroupingPath::Service { group_by, level } => format!(
                "Partner Center grouped the data (groupby={}{}).",
                group_by.join(","),
                level.map(|l| format!(", aggregationLevel={}", level_name(l))).unwrap_or_default()
            ),
            GroupingPath::Local { why } => format!("Every row was fetched and grouped on this computer: {why}."),
        }
    }
}

fn level_name(l: AggLevel) -> &'static str {
    match l {
        AggLevel::Day => "day",
        AggLevel::Week => "week",
        AggLevel::Month => "month",
        AggLevel::DateRange => "dateRange",
    }
}

/// A question the service can group for.
#[derive(Debug, Clone)]
pub struct ServicePlan {
    pub group_by: Vec<String>,
    pub level: Option<AggLevel>,
    /// The question asked of the grouped rows: each metric read from its count column.
    question: Question,
    /// Result columns of the rewritten metrics, back to the names the question asked for.
    renames: Vec<(String, String)>,
}

impl ServicePlan {
    pub fn path(&self) -> GroupingPath {
        GroupingPath::Service { group_by: self.group_by.clone(), level: self.level }
    }
}

/// The count column holding `m` in grouped answers of `dataset`, as the metric to read it with.
fn from_counts(dataset: DatasetId, m: &Metric) -> Result<Metric, String> {
    let spec = dataset.spec();
    let found = spec.counts.iter().find(|c| match (&c.measure, m) {
        (Measure::Rows, Metric::Count) => true,
        (Measure::Sum(f) | Measure::CountTrue(f), Metric::Sum(g)) => f.eq_ignore_ascii_case(g),
        _ => false,
    });
    match (found, m) {
        (Some(c), _) => Ok(Metric::Sum(c.name.to_string())),
        (None, Metric::Count | Metric::Sum(_)) => Err(format!("Partner Center does not total {}", m.column_name())),
        (None, _) => Err(format!("Partner Center returns counts and totals only, not {}", m.column_name())),
    }
}

/// Whether (and how) Partner Center can group for `q`; if not, why not in plain words.
pub fn plan(dataset: DatasetId, q: &Question) -> Result<ServicePlan, String> {
    let spec = dataset.spec();
    if q.filter.is_some() {
        return Err("part of the filter is applied on this computer".into());
    }
    if q.group_by.is_empty() && q.date.is_none() {
        return Err("there is nothing to group by".into());
    }
    let mut group_by = Vec::new();
    for g in &q.group_by {
        match spec.field(g) {
            Some(f) if f.groupable && f.ty != FieldType::DateTime => group_by.push(f.name.to_string()),
            _ => return Err(format!("Partner Center does not group by {g}")),
        }
    }
    let level = match &q.date {
        None => None,
        Some(axis) => {
            match spec.field(&axis.field) {
                Some(f) if f.groupable && f.ty == FieldType::DateTime => group_by.push(f.name.to_string()),
                _ => return Err(format!("Partner Center does not group by {} over time", axis.field)),
            }
            // Quarters and years are exact sums of months.
            Some(match axis.period {
                Period::Day => AggLevel::Day,
                Period::Week => AggLevel::Week,
                Period::Month | Period::Quarter | Period::Year => AggLevel::Month,
            })
        }
    };
    let mut question = q.clone();
    let mut renames = Vec::new();
    question.metrics = Vec::new();
    for m in q.metrics_or_count() {
        let read = from_counts(dataset, &m)?;
        renames.push((read.column_name(), m.column_name()));
        question.metrics.push(read);
    }
    if let Some(top) = &mut question.top {
        top.by = from_counts(dataset, &top.by)?;
    }
    // A sort by a metric's column, or by its change: the same column of the rewritten metric.
    if let Some(sort) = &mut question.sort
        && let Some((read, rest)) = renames.iter().find_map(|(read, asked)| {
            let rest = sort.by.strip_prefix(asked.as_str())?;
            (rest.is_empty() || rest.starts_with("_change")).then(|| (read.clone(), rest.to_string()))
        })
    {
        sort.by = format!("{read}{rest}");
    }
    Ok(ServicePlan { group_by, level, question, renames })
}

/// Fetches the service's grouped rows for `plan`.
pub async fn fetch_grouped(
    client: &Client,
    dataset: DatasetId,
    filter: Option<&Filter>,
    plan: &ServicePlan,
    progress: &(dyn Fn(Progress) + Send + Sync),
    call: &Call,
) -> Result<(DataFrame, FetchReport), ServiceError> {
    let q = analytics::query(dataset, filter, &plan.group_by, plan.level)?;
    let schema = lens_client::PageSchema::grouped(dataset.spec(), &q.group_by).fields().to_vec();
    let (table, pages) = crate::fetch::fetch_query(client, dataset, &q, schema, progress, call).await?;
    let report = table.report(pages);
    tracing::info!(dataset = %dataset, groups = report.rows, pages = report.pages, "fetched grouped by the service");
    Ok((table.df, report))
}

/// Answers the plan's question from the service's grouped rows, with the asked column names.
pub fn answer(grouped: DataFrame, plan: &ServicePlan) -> Result<DataFrame, ServiceError> {
    let mut out = lens_engine::answer(grouped.lazy(), &plan.question)?;
    let names: Vec<String> = out.get_column_names().iter().map(|n| n.to_string()).collect();
    for name in names {
        for (read, asked) in &plan.renames {
            if let Some(rest) = name.strip_prefix(read.as_str())
                && (rest.is_empty() || rest.starts_with("_change"))
                && read != asked
            {
                out.rename(&name, format!("{asked}{rest}").into())?;
                break;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lens_engine::DateAxis;

    fn q(group_by: &[&str], date: Option<(&str, Period)>, metrics: Vec<Metric>) -> Question {
        Question {
            group_by: group_by.iter().map(|s| s.to_string()).collect(),
            date: date.map(|(f, period)| DateAxis { field: f.into(), period }),
            metrics,
            ..Question::default()
        }
    }

    #[test]
    fn counts_and_totals_by_groupable_fields_go_to_the_service() {
        let p = plan(
            DatasetId::Subscriptions,
            &q(
                &["subscriptionType"],
                Some(("creationDate", Period::Quarter)),
                vec![Metric::Count, Metric::Sum("licenseCount".into())],
            ),
        )
        .unwrap();
        assert_eq!(p.group_by, ["subscriptionType", "creationDate"]);
        assert_eq!(p.level, Some(AggLevel::Month), "quarters roll up from months");
        assert_eq!(
            p.path().describe(),
            "Partner Center grouped the data (groupby=subscriptionType,creationDate, aggregationLevel=month)."
        );
    }

    #[test]
    fn what_the_service_cannot_answer_says_why() {
        let why = |question: Question| plan(DatasetId::Subscriptions, &question).unwrap_err();
        assert!(
            why(q(&["subscriptionType"], None, vec![Metric::DistinctCount("customerTenantId".into())]))
                .contains("counts and totals only")
        );
        assert!(why(q(&["subscriptionId"], None, vec![])).contains("does not group by subscriptionId"));
        assert!(why(q(&[], None, vec![])).contains("nothing to group by"));
        let mut filtered = q(&["subscriptionType"], None, vec![]);
        filtered.filter = Some("status eq 'ACTIVE'".into());
        assert!(why(filtered).contains("applied on this computer"));
    }
}
