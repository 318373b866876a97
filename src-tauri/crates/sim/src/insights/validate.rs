//! The service's own check of a query, strict where the app's is lenient: against the data sets
//! it serves (Microsoft's documented catalogue, and any a test adds), in its words ("Invalid
//! table name", "Incorrect column name"). The service is the judge; the simulator stands for it.

use std::sync::Arc;

use lens_model::insights::catalog::Timespan;
use lens_model::insights::ql::{self, CmpOp, InsightsQuery};

use super::catalogue::{DATASETS, Kind};

/// A data set as the simulator serves it (the documented ones, and any a test adds).
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetDef {
    pub name: String,
    pub aliases: Vec<String>,
    pub columns: Vec<(String, Kind)>,
    pub metrics: Vec<String>,
    pub date_ranges: Vec<Timespan>,
    pub minimum_recurrence: u32,
    pub date_column: Option<String>,
}

impl DatasetDef {
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name) || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    }

    pub fn column(&self, name: &str) -> Option<&(String, Kind)> {
        self.columns.iter().find(|(c, _)| c.eq_ignore_ascii_case(name))
    }

    pub fn metric(&self, name: &str) -> Option<&str> {
        self.metrics.iter().find(|m| m.eq_ignore_ascii_case(name)).map(String::as_str)
    }
}

/// The documented catalogue, then `extra`.
pub fn catalogue(extra: &[DatasetDef]) -> Vec<Arc<DatasetDef>> {
    DATASETS
        .iter()
        .map(|d| DatasetDef {
            name: d.name.into(),
            aliases: d.aliases.iter().map(|a| a.to_string()).collect(),
            columns: d.columns.iter().map(|c| (c.name.to_string(), c.kind)).collect(),
            metrics: d.metrics.iter().map(|m| m.to_string()).collect(),
            date_ranges: d.date_ranges.to_vec(),
            minimum_recurrence: d.minimum_recurrence,
            date_column: d.date_column.map(str::to_string),
        })
        .chain(extra.iter().cloned())
        .map(Arc::new)
        .collect()
}

/// What a query reads, as the service accepted it.
#[derive(Debug, Clone)]
pub struct Validated {
    pub dataset: Arc<DatasetDef>,
    /// The query with names in the catalogue's spelling.
    pub query: InsightsQuery,
    pub dimensions: Vec<String>,
    pub metrics: Vec<String>,
}

pub fn validate(catalogue: &[Arc<DatasetDef>], q: &InsightsQuery) -> Result<Validated, String> {
    let ds = catalogue.iter().find(|d| d.is(&q.from)).ok_or_else(|| format!("Invalid table name: {}", q.from))?;
    let mut query = q.clone();
    query.from = ds.name.clone();
    let mut dimensions = Vec::new();
    let mut metrics = Vec::new();
    for item in &mut query.select {
        if let Some((c, _)) = ds.column(item) {
            *item = c.clone();
            dimensions.push(c.clone());
        } else if let Some(m) = ds.metric(item) {
            *item = m.to_string();
            metrics.push(m.to_string());
        } else {
            return Err(format!("Incorrect column name: {item}"));
        }
    }
    for c in &mut query.conditions {
        let Some((name, kind)) = ds.column(&c.column) else {
            return Err(if ds.metric(&c.column).is_some() {
                format!("Metrics cannot be used in WHERE: {}", c.column)
            } else {
                format!("Incorrect column name: {}", c.column)
            });
        };
        c.column = name.clone();
        if matches!(c.op, CmpOp::Like | CmpOp::NotLike) && *kind != Kind::Text {
            return Err(format!("LIKE applies to text columns; {name} is not text"));
        }
    }
    for o in &mut query.order_by {
        match query.select.iter().find(|s| s.eq_ignore_ascii_case(&o.column)) {
            Some(s) => o.column = s.clone(),
            None => return Err(format!("ORDER BY column must be selected: {}", o.column)),
        }
    }
    if let Some(t) = q.timespan
        && !ds.date_ranges.contains(&t)
    {
        let allowed: Vec<&str> = ds.date_ranges.iter().map(|t| t.keyword()).collect();
        return Err(format!(
            "TIMESPAN {} is not available for {}; use one of {}",
            t.keyword(),
            ds.name,
            allowed.join(", ")
        ));
    }
    Ok(Validated { dataset: ds.clone(), query, dimensions, metrics })
}

/// Parses, then checks as the service does; the error in the service's words.
pub fn parse_and_validate(catalogue: &[Arc<DatasetDef>], text: &str) -> Result<Validated, String> {
    validate(catalogue, &ql::parse(text).map_err(|e| e.message)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_the_service_refuses_in_its_words() {
        let cat = catalogue(&[]);
        for (q, want) in [
            ("SELECT SubscriptionId FROM Invoices", "Invalid table name: Invoices"),
            ("SELECT Colour FROM DynamicsUsage", "Incorrect column name: Colour"),
            ("SELECT SKU FROM DynamicsUsage WHERE SubscriptionCount > 3", "Metrics cannot be used in WHERE"),
            ("SELECT SKU FROM DynamicsUsage ORDER BY CustomerName", "must be selected"),
            ("SELECT SKU FROM DynamicsUsage TIMESPAN LAST_7_DAYS", "not available for DynamicsUsage"),
            ("SELECT SKU FROM DynamicsUsage WHERE AvailableSeats LIKE '1%'", "text columns"),
            ("SELECT * FROM DynamicsUsage", "SELECT * is not supported"),
        ] {
            let e = parse_and_validate(&cat, q).unwrap_err();
            assert!(e.contains(want), "{q}: {e}");
        }
        // The reseller data set answers to both of its documented names.
        assert_eq!(
            parse_and_validate(&cat, "SELECT CustomerCount FROM ResellerPerformance").unwrap().dataset.name,
            "CloudProductsResellerPerformance"
        );
    }
}
