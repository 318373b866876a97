//! What Home reads from each data set: its headline figure, the dimensions whose movers it
//! reports (and how each reads in a sentence), who drives a move, and what a row is called.

use lens_engine::home::headline::Headline;
use lens_model::dataset::DatasetId;

/// How a value of a dimension reads after the subject: "Azure usage in West Europe".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phrase {
    In,
    For,
    OfType,
    From,
}

impl Phrase {
    pub fn words(self, value: &str) -> String {
        match self {
            Phrase::In => format!("in {value}"),
            Phrase::For => format!("for {value}"),
            Phrase::OfType => format!("of type {value}"),
            Phrase::From => format!("from {value}"),
        }
    }
}

/// A thing counted, in the singular and the plural.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noun(pub &'static str, pub &'static str);

impl Noun {
    pub fn of(self, n: f64) -> &'static str {
        if n == 1.0 { self.0 } else { self.1 }
    }
}

pub struct HomeSpec {
    pub dataset: DatasetId,
    /// The tile's title: "Active subscriptions".
    pub title: &'static str,
    pub headline: fn() -> Headline,
    /// What the headline counts.
    pub unit: Noun,
    /// Movers: the date rows are dated by, what is summed (or counted), the subject of the
    /// sentence, the dimensions, and who drives a move.
    pub date: &'static str,
    pub sum: Option<&'static str>,
    pub subject: &'static str,
    pub dimensions: &'static [(&'static str, Phrase)],
    pub driver: Option<&'static str>,
}

fn subs_headline() -> Headline {
    Headline::Stock { start: "creationDate".into(), end: Some("deprovisionedDate".into()) }
}
fn usage_headline() -> Headline {
    Headline::Flow { date: "usageDate".into(), sum: Some("quantity".into()) }
}
fn resellers_headline() -> Headline {
    Headline::Stock { start: "firstSubscriptionCreationDate".into(), end: None }
}
fn search_headline() -> Headline {
    Headline::Flow { date: "searchDate".into(), sum: None }
}
fn referrals_headline() -> Headline {
    Headline::Flow { date: "createdDate".into(), sum: None }
}

pub static SPECS: [HomeSpec; 5] = [
    HomeSpec {
        dataset: DatasetId::Subscriptions,
        title: "Active subscriptions",
        headline: subs_headline,
        unit: Noun("subscription", "subscriptions"),
        date: "creationDate",
        sum: None,
        subject: "New subscriptions",
        dimensions: &[
            ("subscriptionType", Phrase::OfType),
            ("customerMarket", Phrase::In),
            ("productName", Phrase::For),
        ],
        driver: Some("customerName"),
    },
    HomeSpec {
        dataset: DatasetId::AzureUsage,
        title: "Azure usage",
        headline: usage_headline,
        unit: Noun("unit", "units"),
        date: "usageDate",
        sum: Some("quantity"),
        subject: "Azure usage",
        dimensions: &[("resourceLocation", Phrase::In), ("meterCategory", Phrase::For)],
        driver: Some("customerName"),
    },
    HomeSpec {
        dataset: DatasetId::IndirectResellers,
        title: "Indirect resellers",
        headline: resellers_headline,
        unit: Noun("reseller", "resellers"),
        date: "firstSubscriptionCreationDate",
        sum: None,
        subject: "New indirect resellers",
        dimensions: &[("market", Phrase::In)],
        driver: None,
    },
    HomeSpec {
        dataset: DatasetId::Search,
        title: "Searches",
        headline: search_headline,
        unit: Noun("search", "searches"),
        date: "searchDate",
        sum: None,
        subject: "Searches",
        dimensions: &[("keywordProduct", Phrase::For), ("keywordCountry", Phrase::From)],
        driver: None,
    },
    HomeSpec {
        dataset: DatasetId::Referrals,
        title: "Referrals",
        headline: referrals_headline,
        unit: Noun("referral", "referrals"),
        date: "createdDate",
        sum: None,
        subject: "Referrals",
        dimensions: &[("customerMarket", Phrase::From), ("customerOrgSize", Phrase::From)],
        driver: Some("customerName"),
    },
];

pub fn spec(d: DatasetId) -> &'static HomeSpec {
    SPECS.iter().find(|s| s.dataset == d).expect("every data set has a Home spec")
}
