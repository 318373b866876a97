//! The report builder's question as the window fills it in (columns and metrics ticked, filters
//! per column, order, limit, time range) and the query text it makes, checked here with the
//! messages the service gives, before anything is sent. Preview runs it on the service (at most
//! 100 rows).

use lens_client::Client;
use lens_model::insights::catalog::{self, ColKind, Timespan};
use lens_model::insights::ql::{self, CmpOp, Condition, InsightsQuery, OrderItem, QlValue};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::ServiceError;
use crate::insights::{QuerySource, cell_text, columns, try_query};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum FilterOp {
    Eq,
    Ne,
    Gt,
    Lt,
    Ge,
    Le,
    /// `%` stands for any text.
    Like,
    NotLike,
    In,
    NotIn,
}

impl FilterOp {
    fn ql(self) -> CmpOp {
        match self {
            FilterOp::Eq => CmpOp::Eq,
            FilterOp::Ne => CmpOp::Ne,
            FilterOp::Gt => CmpOp::Gt,
            FilterOp::Lt => CmpOp::Lt,
            FilterOp::Ge => CmpOp::Ge,
            FilterOp::Le => CmpOp::Le,
            FilterOp::Like => CmpOp::Like,
            FilterOp::NotLike => CmpOp::NotLike,
            FilterOp::In => CmpOp::In,
            FilterOp::NotIn => CmpOp::NotIn,
        }
    }

    fn is_list(self) -> bool {
        matches!(self, FilterOp::In | FilterOp::NotIn)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QueryFilter {
    pub column: String,
    pub op: FilterOp,
    /// One value, or the list for `in` / `notIn`.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReportQuery {
    pub dataset: String,
    #[serde(default)]
    pub columns: Vec<String>,
    #[serde(default)]
    pub metrics: Vec<String>,
    #[serde(default)]
    pub filters: Vec<QueryFilter>,
    #[serde(default)]
    pub order_by: Option<String>,
    #[serde(default)]
    pub descending: bool,
    #[serde(default)]
    pub limit: Option<u32>,
    /// A `TIMESPAN` keyword (`LAST_3_MONTHS`); none: the data set's whole history.
    #[serde(default)]
    pub range: Option<String>,
}

/// The query text, or what is wrong with it in the service's words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BuiltQuery {
    pub text: Option<String>,
    pub problem: Option<String>,
}

fn value(kind: Option<ColKind>, v: &str) -> Result<QlValue, String> {
    match kind {
        Some(ColKind::Number) => {
            v.trim().parse::<f64>().map(QlValue::Num).map_err(|_| format!("\"{}\" is not a number.", v.trim()))
        }
        _ => Ok(QlValue::Str(v.to_string())),
    }
}

/// The question as Insights query text, checked against the catalogue.
pub fn build(q: &ReportQuery) -> BuiltQuery {
    match text(q) {
        Ok(t) => BuiltQuery { text: Some(t), problem: None },
        Err(p) => BuiltQuery { text: None, problem: Some(p) },
    }
}

fn text(q: &ReportQuery) -> Result<String, String> {
    if q.dataset.is_empty() {
        return Err("Choose a data set.".into());
    }
    if q.columns.is_empty() && q.metrics.is_empty() {
        return Err("Tick at least one column or metric.".into());
    }
    let ds = catalog::dataset(&q.dataset);
    let mut conditions = Vec::new();
    for f in &q.filters {
        let kind = ds.and_then(|d| d.column(&f.column)).map(|c| c.kind);
        let values: Vec<&String> = f.values.iter().filter(|v| !v.trim().is_empty()).collect();
        if values.is_empty() {
            return Err(format!("Give a value to compare {} with.", super::catalogue::words(&f.column)));
        }
        if !f.op.is_list() && values.len() > 1 {
            return Err(format!(
                "Compare {} with one value, or choose \"is one of\".",
                super::catalogue::words(&f.column)
            ));
        }
        let values = values.into_iter().map(|v| value(kind, v)).collect::<Result<Vec<_>, _>>()?;
        conditions.push(Condition { column: f.column.clone(), op: f.op.ql(), values });
    }
    let timespan = match &q.range {
        Some(r) => Some(Timespan::parse(r).ok_or_else(|| format!("\"{r}\" is not a time range."))?),
        None => None,
    };
    let query = InsightsQuery {
        distinct: false,
        select: q.columns.iter().chain(&q.metrics).cloned().collect(),
        from: q.dataset.clone(),
        conditions,
        order_by: q.order_by.iter().map(|c| OrderItem { column: c.clone(), descending: q.descending }).collect(),
        limit: q.limit.map(u64::from),
        timespan,
    };
    let text = query.to_string();
    ql::parse_and_validate(&text).map_err(|e| e.message)?;
    Ok(text)
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Runs the question on the service: at most 100 rows.
pub async fn preview(client: &Client, q: &ReportQuery) -> Result<Preview, ServiceError> {
    let built = build(q);
    let Some(text) = built.text else {
        return Err(ServiceError::new(
            crate::ErrorCode::BadQuestion,
            built.problem.unwrap_or_default(),
            Some(crate::Action::EditFilter),
        ));
    };
    let rows = try_query(client, QuerySource::Text(&text)).await?;
    let cols = if rows.is_empty() { q.columns.iter().chain(&q.metrics).cloned().collect() } else { columns(&rows) };
    let rows =
        rows.iter().map(|r| cols.iter().map(|c| cell_text(r.get(c).unwrap_or(&Value::Null))).collect()).collect();
    Ok(Preview { columns: cols, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q() -> ReportQuery {
        ReportQuery {
            dataset: "DynamicsUsage".into(),
            columns: vec!["CustomerName".into(), "Month".into()],
            metrics: vec!["TotalActiveSeats".into()],
            filters: vec![QueryFilter {
                column: "CustomerMarket".into(),
                op: FilterOp::In,
                values: vec!["US".into(), "FR".into()],
            }],
            order_by: Some("TotalActiveSeats".into()),
            descending: true,
            limit: Some(50),
            range: Some("LAST_3_MONTHS".into()),
        }
    }

    #[test]
    fn the_question_reads_as_query_text() {
        assert_eq!(
            build(&q()).text.unwrap(),
            "SELECT CustomerName, Month, TotalActiveSeats FROM DynamicsUsage WHERE CustomerMarket IN ('US', 'FR') ORDER BY TotalActiveSeats DESC LIMIT 50 TIMESPAN LAST_3_MONTHS"
        );
        let mut n = q();
        n.filters = vec![QueryFilter { column: "ActiveSeats".into(), op: FilterOp::Ge, values: vec!["10".into()] }];
        assert!(build(&n).text.unwrap().contains("WHERE ActiveSeats >= 10 "));
    }

    #[test]
    fn mistakes_come_back_in_the_services_words() {
        let mut b = q();
        b.columns.push("Colour".into());
        assert_eq!(build(&b).problem.unwrap(), "Incorrect column name: Colour");
        let mut b = q();
        b.filters[0].op = FilterOp::Eq;
        assert!(build(&b).problem.unwrap().contains("one value"));
        let mut b = q();
        b.filters = vec![QueryFilter { column: "ActiveSeats".into(), op: FilterOp::Gt, values: vec!["many".into()] }];
        assert_eq!(build(&b).problem.unwrap(), "\"many\" is not a number.");
        let b = ReportQuery { dataset: "DynamicsUsage".into(), ..ReportQuery::default() };
        assert_eq!(build(&b).problem.unwrap(), "Tick at least one column or metric.");
        let mut b = q();
        b.range = Some("LAST_7_DAYS".into());
        assert!(build(&b).problem.is_some(), "a monthly data set has no 7-day range");
    }
}
