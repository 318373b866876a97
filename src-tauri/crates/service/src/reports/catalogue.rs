//! The Insights data sets as the report builder shows them: each with a plain description, its
//! columns (with their kind), metrics and time ranges in words. The list comes from the API; the
//! kinds and descriptions from what we know of each data set.

use lens_client::{Call, Client};
use lens_model::insights::catalog::{self, ColKind, Timespan};
use serde::Serialize;

use crate::error::ServiceError;

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

fn description(name: &str) -> &'static str {
    match name {
        "CustomersAndTenants" => {
            "Your customers and their tenants, month by month: segment, market, products and revenue."
        }
        "SeatsSubscriptionsAndRevenue" => {
            "Seats, subscriptions and billed revenue per customer and product, month by month."
        }
        "AzureUsage" => "Azure consumption by customer, subscription and service, with Azure consumed revenue.",
        "MSLearn" => "Microsoft Learn modules completed by people in your organisation.",
        "OfficeUsage" => "Office and Microsoft 365 seats sold, assigned and active, per customer and workload.",
        "Profile" => "Your partner profile: its sections and when they were last updated.",
        "TrainingCompletions" => "Training courses completed by people in your organisation.",
        "DynamicsUsage" => "Dynamics 365 and Power Platform seats, subscriptions and revenue per customer.",
        "CompetencySummaryHistory" => "Your competencies and their levels, month by month.",
        "PowerBIUsage" => "Power BI seats assigned and active per customer.",
        "EMSUsage" => "Enterprise Mobility + Security seats assigned and active per customer and workload.",
        "CompetencyPeformanceRequirement" => "How you stand against each competency's requirements.",
        "ResellerPerformance" => "Your indirect resellers' revenue and seats, month by month.",
        "CLASAgreementRenewalsPropensity" => {
            "Customers whose agreements come up for renewal, and how likely they are to renew."
        }
        "CLASAzurePropensity" => "Customers likely to grow their Azure use.",
        "CLASD365Propensity" => "Customers likely to take up Dynamics 365.",
        "CLASM365Propensity" => "Customers likely to take up Microsoft 365.",
        "TeamsUsage3PApps" => "Third-party apps used in your customers' Microsoft Teams.",
        "TeamsUsageWorkload" => "Microsoft Teams use by workload per customer.",
        "TeamsUsageMeetingsAndCalls" => "Minutes of Teams meetings and calls per customer.",
        _ => "A Partner Insights data set.",
    }
}

fn kind(dataset: Option<&catalog::InsightsDataset>, column: &str) -> QueryColumnKind {
    match dataset.and_then(|d| d.column(column)).map(|c| c.kind) {
        Some(ColKind::Number) => QueryColumnKind::Number,
        Some(ColKind::Date) => QueryColumnKind::Date,
        _ => QueryColumnKind::Text,
    }
}

/// The data sets the account can report on, as the API lists them.
pub async fn catalogue(client: &Client) -> Result<Vec<DatasetCard>, ServiceError> {
    let sets = client.insights_datasets(None, &Call::default()).await?;
    Ok(sets
        .into_iter()
        .map(|s| {
            let known = catalog::dataset(&s.dataset_name);
            DatasetCard {
                title: words(&s.dataset_name).replace("CLAS ", "CLAS: "),
                description: description(&s.dataset_name).to_string(),
                columns: s
                    .selectable_columns
                    .iter()
                    .map(|c| ColumnCard { name: c.clone(), label: words(c), kind: kind(known, c) })
                    .collect(),
                metrics: s.available_metrics.iter().map(|m| Named { name: m.clone(), label: words(m) }).collect(),
                ranges: s
                    .available_date_ranges
                    .iter()
                    .map(|r| Named {
                        name: r.clone(),
                        label: Timespan::parse(r).map(range_words).map(str::to_string).unwrap_or_else(|| words(r)),
                    })
                    .collect(),
                minimum_hours: s.minimum_recurrence_interval.or(known.map(|k| k.minimum_recurrence)).unwrap_or(4),
                name: s.dataset_name,
            }
        })
        .collect())
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
