//! The Partner Insights catalogue, as the service publishes it (`GET ScheduledDataset`: each data
//! set's selectable columns, metrics, date ranges and minimum recurrence), and the time ranges a
//! query may cover. No list of data sets lives here: the app reads the account's catalogue at
//! run time (docs/partner-center-api.md, section 5), because it changes.

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

/// What kind of values a column holds. The catalogue does not say: it is read from the name
/// (`…Date`, `Month` are dates; counts, seats, units, revenue, percentages are numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ColKind {
    Text,
    Number,
    Date,
}

/// A column's kind from its name, as the data definitions describe such columns.
pub fn column_kind(name: &str) -> ColKind {
    let c = name.to_ascii_lowercase();
    let ends = |s: &str| c.ends_with(s);
    if ends("date") || c == "month" || ends("month") && !c.contains("name") || ends("datekey") || ends("monthkey") {
        return ColKind::Date;
    }
    let number_words = [
        "count",
        "seats",
        "units",
        "revenue",
        "acr",
        "percent",
        "quantity",
        "users",
        "duration",
        "minutes",
        "amount",
        "usd",
        "score",
        "participants",
    ];
    if c.starts_with("total") || number_words.iter().any(|w| ends(w)) || c == "acr_usd" {
        return ColKind::Number;
    }
    ColKind::Text
}

/// One data set of an account's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogueDataset {
    pub name: String,
    pub columns: Vec<String>,
    pub metrics: Vec<String>,
    /// Its TIMESPAN keywords, as the service sent them.
    pub date_ranges: Vec<String>,
    /// Hours, when the service says.
    pub minimum_recurrence: Option<u32>,
}

impl CatalogueDataset {
    pub fn column(&self, name: &str) -> Option<&str> {
        self.columns.iter().find(|c| c.eq_ignore_ascii_case(name)).map(String::as_str)
    }

    pub fn metric(&self, name: &str) -> Option<&str> {
        self.metrics.iter().find(|m| m.eq_ignore_ascii_case(name)).map(String::as_str)
    }

    /// The ranges it offers that this app knows.
    pub fn ranges(&self) -> Vec<Timespan> {
        self.date_ranges.iter().filter_map(|r| Timespan::parse(r)).collect()
    }
}

/// An account's catalogue, as read from the service.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct Catalogue {
    pub datasets: Vec<CatalogueDataset>,
}

impl Catalogue {
    pub fn dataset(&self, name: &str) -> Option<&CatalogueDataset> {
        self.datasets.iter().find(|d| d.name.eq_ignore_ascii_case(name))
    }

    /// The minimum hours between runs of a report on the data set a query reads, when the
    /// catalogue says.
    pub fn minimum_recurrence_of(&self, query: &str) -> Option<u32> {
        let q = super::ql::parse(query).ok()?;
        self.dataset(&q.from)?.minimum_recurrence
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::days_from_civil;

    #[test]
    fn kinds_are_read_from_the_names_as_the_definitions_describe_them() {
        for (name, kind) in [
            ("Month", ColKind::Date),
            ("SubscriptionStartDate", ColKind::Date),
            ("DateKey", ColKind::Date),
            ("FiscalMonthName", ColKind::Text),
            ("TotalSoldSeats", ColKind::Number),
            ("BilledRevenueUSD", ColKind::Number),
            ("TotalACR", ColKind::Number),
            ("UsageQuantity", ColKind::Number),
            ("MonthlyActiveUsers", ColKind::Number),
            ("ActiveUsagePercent", ColKind::Number),
            ("CustomerName", ColKind::Text),
            ("CustomerTenantId", ColKind::Text),
            ("IsACRDuplicateAtPGALevel", ColKind::Text),
        ] {
            assert_eq!(column_kind(name), kind, "{name}");
        }
    }

    #[test]
    fn names_match_without_regard_to_case() {
        let c = Catalogue {
            datasets: vec![CatalogueDataset {
                name: "DynamicsUsage".into(),
                columns: vec!["CustomerName".into()],
                metrics: vec!["TotalActiveSeats".into()],
                date_ranges: vec!["LAST_MONTH".into(), "LAST_42_FORTNIGHTS".into()],
                minimum_recurrence: Some(24),
            }],
        };
        let d = c.dataset("dynamicsusage").unwrap();
        assert_eq!(d.column("CUSTOMERNAME"), Some("CustomerName"));
        assert_eq!(d.metric("totalactiveseats"), Some("TotalActiveSeats"));
        assert_eq!(d.ranges(), [Timespan::LastMonth], "a range this app does not know is left out");
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
