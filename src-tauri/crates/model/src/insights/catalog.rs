//! The Partner Insights data sets (seed 004, spec section 3): selectable columns, metrics, date
//! ranges and minimum recurrence. The simulator serves this catalog, and the query builder and
//! validator check against it before a query is ever sent.

use serde::Serialize;

/// A time range a query may cover (`TIMESPAN`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Timespan {
    Today,
    Yesterday,
    Last7Days,
    Last14Days,
    Last30Days,
    Last90Days,
    Last180Days,
    Last365Days,
    LastMonth,
    Last3Months,
    Last6Months,
    Last1Year,
    Lifetime,
}

impl Timespan {
    pub const ALL: [Timespan; 13] = [
        Timespan::Today,
        Timespan::Yesterday,
        Timespan::Last7Days,
        Timespan::Last14Days,
        Timespan::Last30Days,
        Timespan::Last90Days,
        Timespan::Last180Days,
        Timespan::Last365Days,
        Timespan::LastMonth,
        Timespan::Last3Months,
        Timespan::Last6Months,
        Timespan::Last1Year,
        Timespan::Lifetime,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            Timespan::Today => "TODAY",
            Timespan::Yesterday => "YESTERDAY",
            Timespan::Last7Days => "LAST_7_DAYS",
            Timespan::Last14Days => "LAST_14_DAYS",
            Timespan::Last30Days => "LAST_30_DAYS",
            Timespan::Last90Days => "LAST_90_DAYS",
            Timespan::Last180Days => "LAST_180_DAYS",
            Timespan::Last365Days => "LAST_365_DAYS",
            Timespan::LastMonth => "LAST_MONTH",
            Timespan::Last3Months => "LAST_3_MONTHS",
            Timespan::Last6Months => "LAST_6_MONTHS",
            Timespan::Last1Year => "LAST_1_YEAR",
            Timespan::Lifetime => "LIFETIME",
        }
    }

    pub fn parse(s: &str) -> Option<Timespan> {
        Timespan::ALL.into_iter().find(|t| t.keyword().eq_ignore_ascii_case(s))
    }

    /// The days `[from, to)` the range covers, for `today` (days since 1970). Month ranges
    /// are whole calendar months before the current one, which is why "last month" early in a
    /// month already has a full month of data.
    pub fn days(self, today: i64) -> (i64, i64) {
        use crate::dates::{civil_from_days, days_from_civil};
        let month_start = |back: i64| {
            let (y, m, _) = civil_from_days(today);
            let total = y * 12 + (m - 1) - back;
            days_from_civil(total.div_euclid(12), total.rem_euclid(12) + 1, 1)
        };
        match self {
            Timespan::Today => (today, today + 1),
            Timespan::Yesterday => (today - 1, today),
            Timespan::Last7Days => (today - 7, today),
            Timespan::Last14Days => (today - 14, today),
            Timespan::Last30Days => (today - 30, today),
            Timespan::Last90Days => (today - 90, today),
            Timespan::Last180Days => (today - 180, today),
            Timespan::Last365Days => (today - 365, today),
            Timespan::LastMonth => (month_start(1), month_start(0)),
            Timespan::Last3Months => (month_start(3), month_start(0)),
            Timespan::Last6Months => (month_start(6), month_start(0)),
            Timespan::Last1Year => (month_start(12), month_start(0)),
            Timespan::Lifetime => (i64::MIN / 4, today + 1),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColKind {
    Text,
    Number,
    Date,
}

#[derive(Debug, Clone, Copy)]
pub struct InsightsColumn {
    pub name: &'static str,
    pub kind: ColKind,
}

#[derive(Debug)]
pub struct InsightsDataset {
    pub name: &'static str,
    pub columns: &'static [InsightsColumn],
    pub metrics: &'static [&'static str],
    pub date_ranges: &'static [Timespan],
    /// Hours.
    pub minimum_recurrence: u32,
    /// The column TIMESPAN filters on.
    pub date_column: &'static str,
}

impl InsightsDataset {
    pub fn column(&self, name: &str) -> Option<&'static InsightsColumn> {
        self.columns.iter().find(|c| c.name.eq_ignore_ascii_case(name))
    }

    pub fn metric(&self, name: &str) -> Option<&'static str> {
        self.metrics.iter().copied().find(|m| m.eq_ignore_ascii_case(name))
    }
}

pub fn dataset(name: &str) -> Option<&'static InsightsDataset> {
    DATASETS.iter().find(|d| d.name.eq_ignore_ascii_case(name))
}

const fn t(name: &'static str) -> InsightsColumn {
    InsightsColumn { name, kind: ColKind::Text }
}
const fn n(name: &'static str) -> InsightsColumn {
    InsightsColumn { name, kind: ColKind::Number }
}
const fn d(name: &'static str) -> InsightsColumn {
    InsightsColumn { name, kind: ColKind::Date }
}

use Timespan::*;
const MONTHLY: &[Timespan] = &[LastMonth, Last3Months, Last6Months, Last1Year, Lifetime];
const DAILY: &[Timespan] = &[
    Last7Days,
    Last14Days,
    Last30Days,
    Last90Days,
    Last180Days,
    Last365Days,
    LastMonth,
    Last3Months,
    Last6Months,
    Last1Year,
];

/// All twenty partner data sets, `CompetencyPeformanceRequirement` spelt as the service does.
pub static DATASETS: [InsightsDataset; 20] = [
    InsightsDataset {
        name: "CustomersAndTenants",
        columns: &[
            t("PGAMpnId"),
            t("MpnId"),
            t("PartnerName"),
            t("CustomerName"),
            t("CustomerTpid"),
            t("CustomerSegment"),
            t("CustomerMarket"),
            t("CustomerStatus"),
            t("CustomerTenantId"),
            t("TenantDomainName"),
            t("Product"),
            t("SKU"),
            d("Month"),
            t("PartnerLocation"),
            t("PartnerAttributionType"),
            t("SalesChannel"),
            t("IsDuplicateRowForPGA"),
            n("AvailableSeats"),
            n("BilledRevenueUSD"),
            n("AzureConsumedRevenueUSD"),
        ],
        metrics: &["CustomerCount", "CustomerTenantCount", "TotalRevenue"],
        date_ranges: MONTHLY,
        minimum_recurrence: 24,
        date_column: "Month",
    },
    InsightsDataset {
        name: "SeatsSubscriptionsAndRevenue",
        columns: &[
            t("PGAMpnId"),
            t("MpnId"),
            t("PartnerName"),
            t("CustomerName"),
            t("CustomerTenantId"),
            t("CustomerMarket"),
            t("CustomerSegment"),
            t("SubscriptionId"),
            d("SubscriptionStartDate"),
            d("SubscriptionEndDate"),
            t("SubscriptionState"),
            t("IsAutoRenew"),
            t("ProductFamily"),
            t("RevSumDivisionName"),
            t("SolutionArea"),
            t("PricingLevel"),
            t("SKU"),
            d("Month"),
            t("SalesChannel"),
            n("TotalSoldSeats"),
            n("TotalAssignedSeats"),
        ],
        metrics: &[
            "SubscriptionCount",
            "CustomerCount",
            "CustomerTenantCount",
            "TotalSoldSeats",
            "TotalAssignedSeats",
            "TotalRevenue",
        ],
        date_ranges: MONTHLY,
        minimum_recurrence: 24,
        date_column: "Month",
    },
    InsightsDataset {
        name: "AzureUsage",
        columns: &[
            t("PGAMpnId"),
            t("MpnId"),
            t("PartnerName"),
            t("CustomerName"),
            t("CustomerTenantId"),
            t("CustomerMarket"),
            t("SubscriptionId"),
            d("FirstUseDate"),
            d("Month"),
            t("ServiceName"),
            t("ServiceLevel1"),
            t("ServiceLevel2"),
            t("ServiceLevel3"),
            t("ServiceLevel4"),
            t("MeterCategory"),
            t("UsageUnits"),
            n("UsageQuantity"),
            t("ResellerID"),
            t("ResellerName"),
            n("MonthlySubscriptionLevelACR"),
            n("TotalACR"),
            n("ACR_USD"),
        ],
        metrics: &["SubscriptionCount", "CustomerCount", "CustomerTenantCount"],
        date_ranges: MONTHLY,
        minimum_recurrence: 24,
        date_column: "Month",
    },
    InsightsDataset {
        name: "MSLearn",
        columns: &[
            t("MpnId"),
            t("PartnerName"),
            t("UserId"),
            t("LearningPath"),
            t("Module"),
            d("CompletionDate"),
            t("Country"),
        ],
        metrics: &["LearnerCount", "ModulesCompleted"],
        date_ranges: DAILY,
        minimum_recurrence: 24,
        date_column: "CompletionDate",
    },
    InsightsDataset {
        name: "OfficeUsage",
        columns: &[
            t("PGAMpnId"),
            t("MpnId"),
            t("PartnerName"),
            t("CustomerName"),
            t("CustomerTenantId"),
            t("CustomerMarket"),
            t("CustomerSegment"),
            t("Workload"),
            t("SKU"),
            d("Month"),
            t("PartnerAttachType"),
            n("AvailableSeats"),
            n("AssignedSeats"),
            n("ActiveSeats"),
            n("DeploymentOpportunity"),
            n("ActiveUsagePercent"),
        ],
        metrics: &["CustomerCount", "CustomerTenantCount", "TotalAssignedSeats", "TotalActiveSeats", "TotalSoldSeats"],
        date_ranges: MONTHLY,
        minimum_recurrence: 24,
        date_column: "Month",
    },
    InsightsDataset {
        name: "Profile",
        columns: &[t("MpnId"), t("PartnerName"), t("ProfileSection"), t("Status"), d("LastUpdated")],
        metrics: &["ProfileViews"],
        date_ranges: DAILY,
        minimum_recurrence: 24,
        date_column: "LastUpdated",
    },
    InsightsDataset {
        name: "TrainingCompletions",
        columns: &[t("MpnId"), t("PartnerName"), t("UserId"), t("CourseName"), t("SolutionArea"), d("CompletionDate")],
        metrics: &["CompletionCount", "LearnerCount"],
        date_ranges: DAILY,
        minimum_recurrence: 24,
        date_column: "CompletionDate",
    },
    InsightsDataset {
        name: "DynamicsUsage",
        columns: &[
            t("PGAMpnId"),
            t("SubscriptionId"),
            d("SubscriptionStartDate"),
            d("SubscriptionEndDate"),
            t("SubscriptionStatus"),
            d("Month"),
            t("RevSumDivisionName"),
            t("RevSumCategoryName"),
            t("SKU"),
            t("SKUId"),
            t("FreeVsPaidSKU"),
            t("SalesModel"),
            t("DetailedSalesModel"),
            t("CustomerName"),
            t("CustomerTenantId"),
            t("CustomerTpid"),
            t("CustomerSegment"),
            t("CustomerMarket"),
            t("MPNId"),
            t("PartnerName"),
            t("PartnerLocation"),
            t("PartnerAttachType"),
            n("AvailableSeats"),
            n("AssignedSeats"),
            n("ActiveSeats"),
            n("DeploymentOpportunity"),
            n("ActiveUsagePercent"),
        ],
        metrics: &[
            "SubscriptionCount",
            "TotalAssignedSeats",
            "TotalSoldSeats",
            "TotalActiveSeats",
            "TotalRevenueAndACR",
            "CustomerCount",
            "CustomerTenantCount",
        ],
        date_ranges: MONTHLY,
        minimum_recurrence: 24,
        date_column: "Month",
    },
    InsightsDataset {
        name: "CompetencySummaryHistory",
        columns: &[t("MpnId"), t("PartnerName"), t("CompetencyName"), t("Level"), t("Status"), d("Month")],
        metrics: &["CompetencyCount"],
        date_ranges: MONTHLY,
        minimum_recurrence: 168,
        date_column: "Month",
    },
    InsightsDataset {
        name: "PowerBIUsage",
        columns: &[
            t("MpnId"),
            t("CustomerName"),
            t("CustomerTenantId"),
            t("SKU"),
            d("Month"),
            n("AssignedSeats"),
            n("ActiveSeats"),
        ],
        metrics: &["CustomerCount", "TotalActiveSeats"],
        date_ranges: MONTHLY,
        minimum_recurrence: 24,
        date_column: "Month",
    },
    InsightsDataset {
        name: "EMSUsage",
        columns: &[
            t("MpnId"),
            t("CustomerName"),
            t("CustomerTenantId"),
            t("Workload"),
            d("Month"),
            n("AssignedSeats"),
            n("ActiveSeats"),
        ],
        metrics: &["CustomerCount", "TotalActiveSeats"],
        date_ranges: MONTHLY,
        minimum_recurrence: 24,
        date_column: "Month",
    },
    InsightsDataset {
        name: "CompetencyPeformanceRequirement",
        columns: &[
            t("MpnId"),
            t("CompetencyName"),
            t("Requirement"),
            t("Status"),
            n("Target"),
            n("Achieved"),
            d("Month"),
        ],
        metrics: &["RequirementCount"],
        date_ranges: MONTHLY,
        minimum_recurrence: 168,
        date_column: "Month",
    },
    InsightsDataset {
        name: "ResellerPerformance",
        columns: &[
            t("MpnId"),
            t("ResellerName"),
            t("ResellerMpnId"),
            t("ResellerMarket"),
            d("Month"),
            n("Revenue"),
            n("Seats"),
        ],
        metrics: &["ResellerCount", "TotalRevenue"],
        date_ranges: MONTHLY,
        minimum_recurrence: 24,
        date_column: "Month",
    },
    InsightsDataset {
        name: "CLASAgreementRenewalsPropensity",
        columns: &[
            t("MpnId"),
            t("CustomerName"),
            t("CustomerTenantId"),
            t("AgreementType"),
            t("Propensity"),
            d("RenewalDate"),
        ],
        metrics: &["CustomerCount"],
        date_ranges: MONTHLY,
        minimum_recurrence: 168,
        date_column: "RenewalDate",
    },
    InsightsDataset {
        name: "CLASAzurePropensity",
        columns: &[t("MpnId"), t("CustomerName"), t("CustomerTenantId"), t("Workload"), t("Propensity"), d("Month")],
        metrics: &["CustomerCount"],
        date_ranges: MONTHLY,
        minimum_recurrence: 168,
        date_column: "Month",
    },
    InsightsDataset {
        name: "CLASD365Propensity",
        columns: &[t("MpnId"), t("CustomerName"), t("CustomerTenantId"), t("Workload"), t("Propensity"), d("Month")],
        metrics: &["CustomerCount"],
        date_ranges: MONTHLY,
        minimum_recurrence: 168,
        date_column: "Month",
    },
    InsightsDataset {
        name: "CLASM365Propensity",
        columns: &[t("MpnId"), t("CustomerName"), t("CustomerTenantId"), t("Workload"), t("Propensity"), d("Month")],
        metrics: &["CustomerCount"],
        date_ranges: MONTHLY,
        minimum_recurrence: 168,
        date_column: "Month",
    },
    InsightsDataset {
        name: "TeamsUsage3PApps",
        columns: &[t("MpnId"), t("CustomerName"), t("CustomerTenantId"), t("AppName"), d("Date"), n("ActiveUsers")],
        metrics: &["CustomerCount", "TotalActiveUsers"],
        date_ranges: DAILY,
        minimum_recurrence: 24,
        date_column: "Date",
    },
    InsightsDataset {
        name: "TeamsUsageWorkload",
        columns: &[t("MpnId"), t("CustomerName"), t("CustomerTenantId"), t("Workload"), d("Date"), n("ActiveUsers")],
        metrics: &["CustomerCount", "TotalActiveUsers"],
        date_ranges: DAILY,
        minimum_recurrence: 24,
        date_column: "Date",
    },
    InsightsDataset {
        name: "TeamsUsageMeetingsAndCalls",
        columns: &[
            t("MpnId"),
            t("CustomerName"),
            t("CustomerTenantId"),
            t("CallType"),
            d("Date"),
            n("Minutes"),
            n("Participants"),
        ],
        metrics: &["CustomerCount", "TotalMinutes"],
        date_ranges: DAILY,
        minimum_recurrence: 24,
        date_column: "Date",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::days_from_civil;

    #[test]
    fn twenty_data_sets_each_sound() {
        assert_eq!(DATASETS.len(), 20);
        for ds in &DATASETS {
            assert!(ds.column(ds.date_column).is_some_and(|c| c.kind == ColKind::Date), "{}", ds.name);
            assert!(!ds.metrics.is_empty() && !ds.date_ranges.is_empty());
            assert!(ds.minimum_recurrence >= 4);
        }
        let dyn_usage = dataset("dynamicsusage").unwrap();
        assert_eq!(dyn_usage.columns.len(), 27);
        assert_eq!(dyn_usage.date_ranges, MONTHLY);
        assert!(dataset("CompetencyPeformanceRequirement").is_some());
    }

    #[test]
    fn month_ranges_are_whole_calendar_months() {
        let today = days_from_civil(2026, 3, 2);
        assert_eq!(Timespan::LastMonth.days(today), (days_from_civil(2026, 2, 1), days_from_civil(2026, 3, 1)));
        assert_eq!(Timespan::Last3Months.days(today), (days_from_civil(2025, 12, 1), days_from_civil(2026, 3, 1)));
        assert_eq!(Timespan::Last7Days.days(today), (today - 7, today));
        assert_eq!(Timespan::parse("last_6_months"), Some(Timespan::Last6Months));
    }
}
