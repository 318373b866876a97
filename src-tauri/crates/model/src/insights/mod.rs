//! The Partner Insights programmatic API's vocabulary: the catalogue as the service publishes it
//! and the query language.

pub mod catalog;
pub mod ql;

pub use catalog::{Catalogue, CatalogueDataset, ColKind, Timespan, column_kind};
pub use ql::{Checked, CmpOp, Condition, InsightsQuery, OrderItem, QlError, QlValue};

/// Whether an Insights column holds revenue or Azure consumed revenue (ACR), which the data
/// definitions say only Executive report viewers may see: `BilledRevenueUSD`, `TotalACR`,
/// `ACR_USD`, `MonthlySubscriptionLevelACR`… (not `IsACRDuplicateAtPGALevel`, a flag). A rule
/// on the name, since the service's catalogue does not mark such columns.
pub fn is_revenue_column(name: &str) -> bool {
    let c = name.to_ascii_lowercase();
    c.contains("revenue") || c.ends_with("acr") || c.starts_with("acr_") || c.contains("acrusd")
}

#[cfg(test)]
mod revenue_tests {
    #[test]
    fn revenue_and_acr_columns_but_not_flags() {
        for c in [
            "BilledRevenueUSD",
            "AzureConsumedRevenueUSD",
            "TotalACR",
            "ACR_USD",
            "MonthlySubscriptionLevelACR",
            "TotalRevenueAndACR",
        ] {
            assert!(super::is_revenue_column(c), "{c}");
        }
        for c in ["IsACRDuplicateAtPGALevel", "CustomerName", "Month", "TotalSoldSeats"] {
            assert!(!super::is_revenue_column(c), "{c}");
        }
    }
}
