//! The report builder's question as the window fills it in (columns and metrics ticked, filters
//! per column, order, limit, time range) and the query text it makes, checked against the
//! account's catalogue as last read: what the catalogue does not know is a warning to confirm,
//! never a refusal (the service judges, and its catalogue changes). Preview runs it on the service
//! (at most 100 rows), saying which columns the service hid.

use lens_client::Client;
use lens_client::insights::QueryRef;
use lens_model::insights::catalog::{Catalogue, ColKind, Timespan, column_kind};
use lens_model::insights::ql::{self, CmpOp, Condition, InsightsQuery, OrderItem, QlValue};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::ServiceError;
use crate::insights::{cell_text, columns};

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

/// The query text, or what is wrong with it; and what to confirm (names the catalogue, as last
/// read, does not know).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BuiltQuery {
    pub text: Option<String>,
    pub problem: Option<String>,
    pub warnings: Vec<String>,
}

fn value(kind: ColKind, v: &str) -> Result<QlValue, String> {
    match kind {
        ColKind::Number => {
            v.trim().parse::<f64>().map(QlValue::Num).map_err(|_| format!("\"{}\" is not a number.", v.trim()))
        }
        _ => Ok(QlValue::Str(v.to_string())),
    }
}

/// The question as Insights query text, checked against the account's catalogue.
pub fn build(q: &ReportQuery, cat: &Catalogue) -> BuiltQuery {
    match text(q, cat) {
        Ok((t, warnings)) => BuiltQuery { text: Some(t), problem: None, warnings },
        Err(p) => BuiltQuery { text: None, problem: Some(p), warnings: Vec::new() },
    }
}

fn text(q: &ReportQuery, cat: &Catalogue) -> Result<(String, Vec<String>), String> {
    if q.dataset.is_empty() {
        return Err("Choose a data set.".into());
    }
    if q.columns.is_empty() && q.metrics.is_empty() {
        return Err("Tick at least one column or metric.".into());
    }
    let mut conditions = Vec::new();
    for f in &q.filters {
        let kind = column_kind(&f.column);
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
    let parsed = ql::parse(&text).map_err(|e| e.message)?;
    let checked = ql::check(&parsed, cat);
    Ok((checked.query.to_string(), checked.warnings))
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns the service hid from this person (revenue without the Executive report viewer
    /// role): their cells read "Hidden", never 0 or blank.
    pub hidden_columns: Vec<String>,
}

/// The rows of a try as the window shows them.
pub fn preview_of(tried: lens_client::insights::Tried, asked: Vec<String>) -> Preview {
    let cols = if tried.rows.is_empty() { asked } else { columns(&tried.rows) };
    let hidden: Vec<String> = if tried.redacted {
        cols.iter()
            .filter(|c| {
                lens_model::insights::is_revenue_column(c)
                    && tried.rows.iter().all(|r| r.get(*c).is_none_or(Value::is_null))
            })
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    let rows = tried
        .rows
        .iter()
        .map(|r| {
            cols.iter()
                .map(|c| {
                    if hidden.contains(c) { "Hidden".to_string() } else { cell_text(r.get(c).unwrap_or(&Value::Null)) }
                })
                .collect()
        })
        .collect();
    Preview { columns: cols, rows, hidden_columns: hidden }
}

/// Runs the question on the service: at most 100 rows.
pub async fn preview(client: &Client, q: &ReportQuery, cat: &Catalogue) -> Result<Preview, ServiceError> {
    let built = build(q, cat);
    let Some(text) = built.text else {
        return Err(ServiceError::new(
            crate::ErrorCode::BadQuestion,
            built.problem.unwrap_or_default(),
            Some(crate::Action::EditFilter),
        ));
    };
    let tried = client.try_query_redacted(QueryRef::Text(&text), None, &lens_client::Call::default()).await?;
    Ok(preview_of(tried, q.columns.iter().chain(&q.metrics).cloned().collect()))
}

/// Runs a saved or system query on the service by its id: at most 100 rows.
pub async fn preview_saved(client: &Client, query_id: &str) -> Result<Preview, ServiceError> {
    let tried = client.try_query_redacted(QueryRef::Id(query_id), None, &lens_client::Call::default()).await?;
    Ok(preview_of(tried, Vec::new()))
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

    fn dynamics() -> Catalogue {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Catalogue {
            datasets: vec![lens_model::insights::CatalogueDataset {
                name: "DynamicsUsage".into(),
                columns: names(&["CustomerName", "Month", "CustomerMarket", "ActiveSeats"]),
                metrics: names(&["TotalActiveSeats"]),
                date_ranges: names(&["LAST_MONTH", "LAST_3_MONTHS"]),
                minimum_recurrence: Some(24),
            }],
        }
    }

    fn build(q: &ReportQuery) -> BuiltQuery {
        super::build(q, &dynamics())
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
    fn mistakes_are_said_and_unknown_names_only_warned_about() {
        let mut b = q();
        b.columns.push("Colour".into());
        let built = build(&b);
        assert!(built.problem.is_none(), "the service is the judge");
        assert!(built.text.unwrap().contains("Colour"));
        assert!(
            built.warnings[0].contains("\"Colour\" is not in the catalogue of DynamicsUsage"),
            "{:?}",
            built.warnings
        );
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
        assert!(build(&b).warnings[0].contains("not LAST_7_DAYS"), "a monthly data set has no 7-day range");
        // A catalogue never read: everything is for the service to judge.
        let none = super::build(&q(), &Catalogue::default());
        assert!(none.text.is_some() && none.warnings[0].contains("no data set \"DynamicsUsage\""));
    }
}
