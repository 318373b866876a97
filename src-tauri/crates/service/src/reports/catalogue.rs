//! The Insights data sets as the report builder shows them: each with a plain title and line,
//! its columns (their kind read from the name, revenue marked, abbreviations explained), metrics
//! and time ranges in words; and Microsoft's system queries as ready-made reports. Everything
//! comes from the account's catalogue, as the service published it (`ScheduledDataset`,
//! `ScheduledQueries`), not from a list in the app.

use lens_model::insights::{Catalogue, CatalogueDataset, ColKind, Timespan, column_kind, is_revenue_column, ql};
use serde::Serialize;

use super::names::{column_hint, corrected, dataset_words, month_note, system_report_title};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum QueryColumnKind {
    Text,
    Number,
    Date,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Named {
    /// As the query language writes it: `CustomerTenantId`, `LAST_3_MONTHS`.
    pub name: String,
    /// In words: "Customer tenant ID", "Last 3 months".
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ColumnCard {
    pub name: String,
    pub label: String,
    pub kind: QueryColumnKind,
    /// Revenue: shown only to people with the Executive report viewer role.
    pub revenue: bool,
    /// What an abbreviation in the name stands for, from the data definitions.
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DatasetCard {
    pub name: String,
    /// "Dynamics usage".
    pub title: String,
    pub description: String,
    pub columns: Vec<ColumnCard>,
    pub metrics: Vec<Named>,
    pub ranges: Vec<Named>,
    /// The shortest time between two runs of a report on it, in hours.
    pub minimum_hours: u32,
    /// When a month's figures are final, where Microsoft documents it.
    pub month_note: Option<String>,
}

/// One of Microsoft's system queries, offered as a ready-made report.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SystemReport {
    /// The query's documented id: a report can be made from it directly.
    pub id: String,
    /// "Customers and tenants, last 6 months".
    pub title: String,
    /// What it holds, in words (its data set's line).
    pub description: String,
    /// Microsoft's name for it in Partner Center ("Customers"), its spelling corrected.
    pub name: String,
    pub dataset: String,
    pub dataset_title: String,
    /// The query text, for "Advanced".
    pub query: String,
    /// Whether it reads revenue (hidden from people without the Executive report viewer role).
    pub revenue: bool,
}

/// The account's catalogue as the builder shows it, and when it was read.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CatalogueView {
    pub datasets: Vec<DatasetCard>,
    pub reports: Vec<SystemReport>,
    /// Seconds since 1970, when it was read from Partner Center.
    pub read_at: i64,
    /// Why this is the copy kept from then (Partner Center could not be asked now).
    pub stale: Option<String>,
}

/// `CustomerTenantId` → "Customer tenant ID"; `SKU` stays; `PGAMpnId` → "PGA MPN ID".
pub fn words(name: &str) -> String {
    const UPPER: [&str; 8] = ["Id", "Mpn", "Sku", "Usd", "Acr", "Tpid", "Pga", "Ems"];
    let chars: Vec<char> = name.chars().collect();
    let mut parts: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        let prev_lower = i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
        let boundary = c.is_uppercase() && (prev_lower || (next_lower && i > 0 && chars[i - 1].is_uppercase()));
        if (boundary || c == '_') && !cur.is_empty() {
            parts.push(std::mem::take(&mut cur));
        }
        if c != '_' {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let cap = {
                let mut s = p.to_lowercase();
                if let Some(f) = s.get_mut(0..1) {
                    f.make_ascii_uppercase();
                }
                s
            };
            if p.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) && p.len() > 1 || UPPER.contains(&cap.as_str())
            {
                p.to_uppercase()
            } else if i == 0 {
                cap
            } else {
                p.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A time range in words: "Last 3 months", "Lifetime".
pub fn range_words(t: Timespan) -> &'static str {
    match t {
        Timespan::Today => "Today",
        Timespan::Yesterday => "Yesterday",
        Timespan::Last7Days => "Last 7 days",
        Timespan::Last14Days => "Last 14 days",
        Timespan::Last30Days => "Last 30 days",
        Timespan::Last90Days => "Last 90 days",
        Timespan::Last180Days => "Last 180 days",
        Timespan::Last365Days => "Last 365 days",
        Timespan::LastMonth => "Last month",
        Timespan::Last3Months => "Last 3 months",
        Timespan::Last6Months => "Last 6 months",
        Timespan::Last1Year => "Last year",
        Timespan::Lifetime => "Everything (lifetime)",
    }
}

fn kind(column: &str) -> QueryColumnKind {
    match column_kind(column) {
        ColKind::Number => QueryColumnKind::Number,
        ColKind::Date => QueryColumnKind::Date,
        ColKind::Text => QueryColumnKind::Text,
    }
}

/// A data set of the catalogue as the builder shows it.
pub fn card(d: &CatalogueDataset) -> DatasetCard {
    let (title, description) = dataset_words(&d.name);
    DatasetCard {
        title,
        description,
        columns: d
            .columns
            .iter()
            .map(|c| {
                let label = corrected(&words(c));
                // "SKU · SKU: the product's…" says the name twice: the meaning alone then.
                let hint =
                    column_hint(c).map(|h| h.strip_prefix(&format!("{label}: ")).map(str::to_string).unwrap_or(h));
                ColumnCard { name: c.clone(), kind: kind(c), revenue: is_revenue_column(c), hint, label }
            })
            .collect(),
        metrics: d.metrics.iter().map(|m| Named { name: m.clone(), label: corrected(&words(m)) }).collect(),
        ranges: d
            .date_ranges
            .iter()
            .map(|r| Named {
                name: r.clone(),
                label: Timespan::parse(r).map(range_words).map(str::to_string).unwrap_or_else(|| words(r)),
            })
            .collect(),
        // The documents give 24 hours for the data sets they describe; 4 is the API's floor.
        minimum_hours: d.minimum_recurrence.unwrap_or(4),
        month_note: month_note(&d.name),
        name: d.name.clone(),
    }
}

/// A system query as a ready-made report. Its description is its data set's line: Microsoft's
/// ("DynamicsUsage report for six months") names the data set rather than saying what it holds.
pub fn system_report(id: &str, name: &str, query: &str, cat: &Catalogue) -> SystemReport {
    let parsed = ql::parse(query).ok();
    let dataset = parsed.as_ref().map(|q| q.from.clone()).unwrap_or_default();
    let known = cat.dataset(&dataset).map(|d| d.name.clone()).unwrap_or(dataset);
    let (dataset_title, dataset_line) = dataset_words(&known);
    SystemReport {
        id: id.to_string(),
        title: system_report_title(&dataset_title, parsed.as_ref().and_then(|q| q.timespan).map(|t| t.keyword())),
        description: dataset_line,
        name: corrected(name.trim()),
        dataset_title,
        revenue: parsed.as_ref().is_some_and(|q| q.select.iter().any(|c| is_revenue_column(c))),
        dataset: known,
        query: query.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_words() {
        assert_eq!(words("CustomerTenantId"), "Customer tenant ID");
        assert_eq!(words("PGAMpnId"), "PGA MPN ID");
        assert_eq!(words("SKU"), "SKU");
        assert_eq!(words("TotalRevenueAndACR"), "Total revenue and ACR");
        assert_eq!(words("BilledRevenueUSD"), "Billed revenue USD");
        assert_eq!(words("DynamicsUsage"), "Dynamics usage");
        assert_eq!(words("LAST_3_MONTHS"), "LAST 3 MONTHS");
        assert_eq!(range_words(Timespan::Last3Months), "Last 3 months");
    }
}
