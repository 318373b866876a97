//! A question a person asks of a table, as data: the UI, the command line and saved reports all
//! build one, and [`crate::aggregate::answer`] turns it into polars operations.

use serde::{Deserialize, Serialize};

use crate::error::EngineError;

/// How dates are bucketed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Period {
    Day,
    /// ISO week, starting Monday.
    Week,
    Month,
    Quarter,
    Year,
}

impl Period {
    pub const ALL: [Period; 5] = [Period::Day, Period::Week, Period::Month, Period::Quarter, Period::Year];

    pub fn parse(s: &str) -> Option<Period> {
        Some(match s.to_ascii_lowercase().as_str() {
            "day" | "daily" => Period::Day,
            "week" | "weekly" => Period::Week,
            "month" | "monthly" => Period::Month,
            "quarter" | "quarterly" => Period::Quarter,
            "year" | "yearly" => Period::Year,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }
}

/// The date field on the time axis and how it is bucketed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DateAxis {
    pub field: String,
    pub period: Period,
}

/// A number computed for each group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", content = "field", rename_all = "camelCase")]
pub enum Metric {
    Count,
    DistinctCount(String),
    Sum(String),
    Mean(String),
    Min(String),
    Max(String),
}

impl Metric {
    /// `count`, `sum:licenseCount`, `distinct:customerTenantId`, `mean:x`, `avg:x`, `min:x`, `max:x`.
    pub fn parse(s: &str) -> Result<Metric, EngineError> {
        let (kind, field) = match s.split_once(':') {
            Some((k, f)) => (k.trim().to_ascii_lowercase(), Some(f.trim().to_string())),
            None => (s.trim().to_ascii_lowercase(), None),
        };
        let need = |f: Option<String>| {
            f.filter(|f| !f.is_empty()).ok_or_else(|| {
                EngineError::BadQuestion(format!("The metric \"{s}\" needs a column, like {kind}:licenseCount"))
            })
        };
        Ok(match kind.as_str() {
            "count" => Metric::Count,
            "distinct" | "distinct_count" | "n_unique" => Metric::DistinctCount(need(field)?),
            "sum" => Metric::Sum(need(field)?),
            "mean" | "avg" | "average" => Metric::Mean(need(field)?),
            "min" => Metric::Min(need(field)?),
            "max" => Metric::Max(need(field)?),
            _ => {
                return Err(EngineError::BadQuestion(format!(
                    "\"{s}\" is not a metric; use count, distinct:COLUMN, sum:COLUMN, mean:COLUMN, min:COLUMN or max:COLUMN"
                )));
            }
        })
    }

    /// The column the metric reads, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Metric::Count => None,
            Metric::DistinctCount(f) | Metric::Sum(f) | Metric::Mean(f) | Metric::Min(f) | Metric::Max(f) => Some(f),
        }
    }

    /// The name of the result column.
    pub fn column_name(&self) -> String {
        match self {
            Metric::Count => "count".into(),
            Metric::DistinctCount(f) => format!("distinct_{f}"),
            Metric::Sum(f) => format!("sum_{f}"),
            Metric::Mean(f) => format!("mean_{f}"),
            Metric::Min(f) => format!("min_{f}"),
            Metric::Max(f) => format!("max_{f}"),
        }
    }

    /// Whether the metric of a merged group is the sum of the parts (what "Other" and gap
    /// filling rely on).
    pub fn additive(&self) -> bool {
        matches!(self, Metric::Count | Metric::Sum(_))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Sort {
    /// A result column: a grouping field or a metric's column name.
    pub by: String,
    pub descending: bool,
}

/// Keep the `n` largest values of the first grouping field (by `by`, a metric, over the whole
/// range) and fold the rest into one "Other" value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TopN {
    pub n: u32,
    pub by: Metric,
    pub other: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct Question {
    /// In the Analytics API's filter language.
    pub filter: Option<String>,
    pub group_by: Vec<String>,
    pub date: Option<DateAxis>,
    /// Defaults to a count when empty.
    pub metrics: Vec<Metric>,
    pub sort: Option<Sort>,
    pub top: Option<TopN>,
    /// Periods with no rows appear with zeros (per group).
    pub fill_gaps: bool,
    /// Adds, per metric, the change against the group's previous period.
    pub change: bool,
}

impl Question {
    /// The filter's text, when there is one (blank counts as none).
    pub fn filter_text(&self) -> Option<&str> {
        self.filter.as_deref().map(str::trim).filter(|f| !f.is_empty())
    }

    pub fn metrics_or_count(&self) -> Vec<Metric> {
        if self.metrics.is_empty() { vec![Metric::Count] } else { self.metrics.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_parse_from_the_command_line_form() {
        assert_eq!(Metric::parse("count").unwrap(), Metric::Count);
        assert_eq!(Metric::parse("sum:licenseCount").unwrap(), Metric::Sum("licenseCount".into()));
        assert_eq!(Metric::parse("avg:quantity").unwrap(), Metric::Mean("quantity".into()));
        assert!(Metric::parse("sum").unwrap_err().to_string().contains("needs a column"));
        assert!(Metric::parse("median:x").unwrap_err().to_string().contains("not a metric"));
        assert_eq!(Metric::Sum("licenseCount".into()).column_name(), "sum_licenseCount");
    }

    #[test]
    fn questions_round_trip_as_json() {
        let q = Question {
            filter: Some("status eq 'ACTIVE'".into()),
            group_by: vec!["subscriptionType".into()],
            date: Some(DateAxis { field: "creationDate".into(), period: Period::Week }),
            metrics: vec![Metric::Count, Metric::Sum("licenseCount".into())],
            top: Some(TopN { n: 5, by: Metric::Count, other: true }),
            ..Question::default()
        };
        let json = serde_json::to_string(&q).unwrap();
        assert_eq!(serde_json::from_str::<Question>(&json).unwrap(), q);
    }
}
