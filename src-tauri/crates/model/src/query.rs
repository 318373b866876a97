//! An Analytics API request as data: which data set, which filter, grouping and page. The client
//! turns it into query parameters and the simulator reads it back from them, so both sides share
//! one definition of the parameters, including the documented alternative spellings.

use serde::{Deserialize, Serialize};

use crate::dataset::{DatasetId, DatasetSpec};
use crate::filter::{self, Filter, FilterError};

/// The most rows a page may hold, and the default (seeds 001-002).
pub const MAX_TOP: usize = 10_000;

/// `aggregationLevel` (alias `aggLevel`): how date fields in `groupby` are bucketed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum AggLevel {
    Day,
    Week,
    Month,
    /// The service's default: dates are not split; the whole range is one period.
    #[default]
    DateRange,
}

impl AggLevel {
    pub fn param(self) -> &'static str {
        match self {
            AggLevel::Day => "day",
            AggLevel::Week => "week",
            AggLevel::Month => "month",
            AggLevel::DateRange => "dateRange",
        }
    }

    pub fn parse(s: &str) -> Option<AggLevel> {
        Some(match s.to_ascii_lowercase().as_str() {
            "day" => AggLevel::Day,
            "week" => AggLevel::Week,
            "month" => AggLevel::Month,
            "daterange" => AggLevel::DateRange,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SortDir {
    Asc,
    Desc,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderBy {
    pub field: String,
    pub dir: SortDir,
}

/// One request to an Analytics data set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsQuery {
    pub dataset: DatasetId,
    pub filter: Option<Filter>,
    /// Fields to group by; empty for raw rows.
    pub group_by: Vec<String>,
    pub level: Option<AggLevel>,
    pub order_by: Option<OrderBy>,
    pub top: usize,
    pub skip: usize,
}

impl AnalyticsQuery {
    pub fn new(dataset: DatasetId) -> AnalyticsQuery {
        AnalyticsQuery {
            dataset,
            filter: None,
            group_by: Vec::new(),
            level: None,
            order_by: None,
            top: MAX_TOP,
            skip: 0,
        }
    }

    /// The query parameters, in the documented spelling, without `top`/`skip`.
    pub fn shape_params(&self) -> Vec<(&'static str, String)> {
        let mut p = Vec::new();
        if let Some(f) = &self.filter {
            p.push(("filter", f.to_string()));
        }
        if !self.group_by.is_empty() {
            p.push(("groupby", self.group_by.join(",")));
            if let Some(l) = self.level {
                p.push(("aggregationLevel", l.param().to_string()));
            }
        }
        if let Some(o) = &self.order_by {
            let dir = if o.dir == SortDir::Asc { "asc" } else { "desc" };
            p.push(("orderby", format!("{} {dir}", o.field)));
        }
        p
    }

    /// All query parameters of one page.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut p = self.shape_params();
        p.push(("top", self.top.to_string()));
        p.push(("skip", self.skip.to_string()));
        p
    }

    /// Reads parameters as the service does: names without regard to case, `groupBy`/`groupby`,
    /// `aggregationLevel`/`aggLevel`, and checks them against the data set.
    pub fn from_params<'a>(
        dataset: DatasetId,
        params: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<AnalyticsQuery, QueryError> {
        let spec = dataset.spec();
        let mut q = AnalyticsQuery::new(dataset);
        for (k, v) in params {
            match k.to_ascii_lowercase().as_str() {
                "top" => {
                    q.top = v
                        .trim()
                        .parse()
                        .map_err(|_| QueryError::bad("top", format!("top must be a whole number, not \"{v}\"")))?;
                    if q.top == 0 || q.top > MAX_TOP {
                        return Err(QueryError::bad("top", format!("top must be between 1 and {MAX_TOP}")));
                    }
                }
                "skip" => {
                    q.skip = v
                        .trim()
                        .parse()
                        .map_err(|_| QueryError::bad("skip", format!("skip must be a whole number, not \"{v}\"")))?;
                }
                "filter" => {
                    q.filter = Some(filter::parse_for(v, spec).map_err(QueryError::Filter)?);
                }
                "groupby" => {
                    q.group_by = check_group_by(v, spec)?;
                }
                "aggregationlevel" | "agglevel" => {
                    q.level = Some(AggLevel::parse(v).ok_or_else(|| {
                        QueryError::bad(
                            "aggregationLevel",
                            format!("aggregationLevel must be day, week, month or dateRange, not \"{v}\""),
                        )
                    })?);
                }
                "orderby" => {
                    if !spec.orderable {
                        return Err(QueryError::bad("orderby", format!("{} cannot be ordered", spec.id.title())));
                    }
                    q.order_by = Some(parse_order_by(v, spec)?);
                }
                _ => {}
            }
        }
        if q.level.is_some() && q.group_by.is_empty() {
            return Err(QueryError::bad("aggregationLevel", "aggregationLevel applies only with groupby".to_string()));
        }
        Ok(q)
    }
}

fn check_group_by(v: &str, spec: &DatasetSpec) -> Result<Vec<String>, QueryError> {
    let mut out: Vec<String> = Vec::new();
    for name in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let field = spec.field(name).filter(|f| f.groupable).ok_or_else(|| {
            QueryError::bad("groupby", format!("\"{name}\" cannot be grouped by in {}", spec.id.title().to_lowercase()))
        })?;
        if !out.iter().any(|n| n == field.name) {
            out.push(field.name.to_string());
        }
    }
    if out.is_empty() {
        return Err(QueryError::bad("groupby", "groupby needs at least one field".to_string()));
    }
    Ok(out)
}

fn parse_order_by(v: &str, spec: &DatasetSpec) -> Result<OrderBy, QueryError> {
    let mut parts = v.split_whitespace();
    let name = parts.next().unwrap_or("");
    let field = spec.field(name).ok_or_else(|| {
        QueryError::bad("orderby", format!("\"{name}\" is not a field of {}", spec.id.title().to_lowercase()))
    })?;
    let dir = match parts.next().map(str::to_ascii_lowercase).as_deref() {
        None | Some("asc") => SortDir::Asc,
        Some("desc") => SortDir::Desc,
        Some(other) => {
            return Err(QueryError::bad("orderby", format!("orderby direction must be asc or desc, not \"{other}\"")));
        }
    };
    Ok(OrderBy { field: field.name.to_string(), dir })
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QueryError {
    #[error("{0}")]
    Filter(FilterError),
    #[error("{message}")]
    BadParameter { parameter: &'static str, message: String },
}

impl QueryError {
    fn bad(parameter: &'static str, message: String) -> QueryError {
        QueryError::BadParameter { parameter, message }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_round_trip_through_the_service_reader() {
        let mut q = AnalyticsQuery::new(DatasetId::Subscriptions);
        q.filter = Some(Filter::eq("status", "ACTIVE"));
        q.group_by = vec!["subscriptionType".into(), "creationDate".into()];
        q.level = Some(AggLevel::Week);
        q.top = 500;
        q.skip = 1000;
        let params = q.params();
        let back = AnalyticsQuery::from_params(DatasetId::Subscriptions, params.iter().map(|(k, v)| (*k, v.as_str())))
            .unwrap();
        assert_eq!(back, q);
    }

    #[test]
    fn accepts_both_documented_spellings() {
        let q = AnalyticsQuery::from_params(
            DatasetId::Subscriptions,
            [("groupBy", "subscriptionType,creationDate"), ("aggLevel", "month")],
        )
        .unwrap();
        assert_eq!(q.group_by, vec!["subscriptionType", "creationDate"]);
        assert_eq!(q.level, Some(AggLevel::Month));
    }

    #[test]
    fn refuses_bad_parameters_in_plain_words() {
        let bad = [
            (vec![("top", "20000")], "between 1 and 10000"),
            (vec![("top", "ten")], "whole number"),
            (vec![("groupby", "licenseCount")], "cannot be grouped"),
            (vec![("groupby", "status"), ("aggregationLevel", "hour")], "day, week, month"),
            (vec![("aggregationLevel", "day")], "only with groupby"),
            (vec![("orderby", "status asc")], "cannot be ordered"),
        ];
        for (params, want) in bad {
            let e = AnalyticsQuery::from_params(DatasetId::Subscriptions, params.clone()).unwrap_err();
            assert!(e.to_string().contains(want), "{params:?}: {e}");
        }
        let e = AnalyticsQuery::from_params(DatasetId::AzureUsage, [("orderby", "quantity sideways")]).unwrap_err();
        assert!(e.to_string().contains("asc or desc"));
    }
}
