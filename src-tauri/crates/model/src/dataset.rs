//! The catalog of the Analytics API's data sets: their paths, fields, types, the filter operators
//! each field allows and what a grouped answer carries. The simulator, the client and the engine
//! all read this one table, so a field added here is served, fetched and grouped alike.

use serde::{Deserialize, Serialize};

use crate::filter::Op;

/// One of the Analytics API's data sets (spec section 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum DatasetId {
    Subscriptions,
    AzureUsage,
    IndirectResellers,
    Search,
    Referrals,
}

impl DatasetId {
    pub const ALL: [DatasetId; 5] = [
        DatasetId::Subscriptions,
        DatasetId::AzureUsage,
        DatasetId::IndirectResellers,
        DatasetId::Search,
        DatasetId::Referrals,
    ];

    /// The name used on the command line and in settings.
    pub fn slug(self) -> &'static str {
        match self {
            DatasetId::Subscriptions => "subscriptions",
            DatasetId::AzureUsage => "azure-usage",
            DatasetId::IndirectResellers => "indirect-resellers",
            DatasetId::Search => "search",
            DatasetId::Referrals => "referrals",
        }
    }

    /// Accepts the slug and a few spellings people type.
    pub fn parse(s: &str) -> Option<DatasetId> {
        let norm: String = s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        match norm.as_str() {
            "subscriptions" | "subscription" => Some(DatasetId::Subscriptions),
            "azureusage" | "usage" | "usageazure" | "azure" => Some(DatasetId::AzureUsage),
            "indirectresellers" | "resellers" | "indirectreseller" => Some(DatasetId::IndirectResellers),
            "search" => Some(DatasetId::Search),
            "referrals" | "referral" => Some(DatasetId::Referrals),
            _ => None,
        }
    }

    /// Display name in plain words.
    pub fn title(self) -> &'static str {
        match self {
            DatasetId::Subscriptions => "Subscriptions",
            DatasetId::AzureUsage => "Azure usage",
            DatasetId::IndirectResellers => "Indirect resellers",
            DatasetId::Search => "Search",
            DatasetId::Referrals => "Referrals",
        }
    }

    /// The data set's path below the Analytics root (`/partner/v1/analytics` today; older docs
    /// used other roots, which is why the root is configuration and this is not).
    pub fn suffix(self) -> &'static str {
        match self {
            DatasetId::Subscriptions => "/subscriptions",
            DatasetId::AzureUsage => "/usage/azure",
            DatasetId::IndirectResellers => "/indirectresellers",
            DatasetId::Search => "/search",
            DatasetId::Referrals => "/referrals",
        }
    }

    /// Path below the API host, as the current documentation gives it.
    pub fn path(self) -> &'static str {
        match self {
            DatasetId::Subscriptions => "/partner/v1/analytics/subscriptions",
            DatasetId::AzureUsage => "/partner/v1/analytics/usage/azure",
            DatasetId::IndirectResellers => "/partner/v1/analytics/indirectresellers",
            DatasetId::Search => "/partner/v1/analytics/search",
            DatasetId::Referrals => "/partner/v1/analytics/referrals",
        }
    }

    pub fn spec(self) -> &'static DatasetSpec {
        match self {
            DatasetId::Subscriptions => &SUBSCRIPTIONS,
            DatasetId::AzureUsage => &AZURE_USAGE,
            DatasetId::IndirectResellers => &INDIRECT_RESELLERS,
            DatasetId::Search => &SEARCH,
            DatasetId::Referrals => &REFERRALS,
        }
    }
}

impl std::fmt::Display for DatasetId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.slug())
    }
}

/// The type a field has in a row. Dates are UTC instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum FieldType {
    Str,
    Bool,
    Int,
    Float,
    DateTime,
}

/// A field of a data set's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    /// Operators the service accepts on this field in `filter` (empty: not filterable).
    pub ops: &'static [Op],
    /// Whether `groupby` accepts the field.
    pub groupable: bool,
}

impl Field {
    pub fn is_date(&self) -> bool {
        self.ty == FieldType::DateTime
    }
}

/// How a grouped answer computes one of its count fields from the rows of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Number of rows in the group.
    Rows,
    /// Sum of a numeric field.
    Sum(&'static str),
    /// Number of rows where a boolean field is true.
    CountTrue(&'static str),
}

/// A count field that grouped answers carry (as a string, the **quirk** of seeds 002/003).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountField {
    pub name: &'static str,
    pub measure: Measure,
    /// Whether the sum is fractional (Azure quantities); counts are whole numbers.
    pub fractional: bool,
}

#[derive(Debug)]
pub struct DatasetSpec {
    pub id: DatasetId,
    pub fields: &'static [Field],
    pub counts: &'static [CountField],
    /// Whether the service accepts `orderby` on this data set.
    pub orderable: bool,
    /// The date field a person most likely wants on a time axis.
    pub default_date: &'static str,
    /// The term field a person most likely wants to split by.
    pub default_term: &'static str,
}

impl DatasetSpec {
    /// Finds a field by name; the service matches names without regard to case.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name.eq_ignore_ascii_case(name))
    }

    pub fn count(&self, name: &str) -> Option<&'static CountField> {
        self.counts.iter().find(|c| c.name.eq_ignore_ascii_case(name))
    }

    pub fn date_fields(&self) -> impl Iterator<Item = &'static Field> {
        self.fields.iter().filter(|f| f.is_date())
    }

    pub fn term_fields(&self) -> impl Iterator<Item = &'static Field> {
        self.fields.iter().filter(|f| f.groupable && !f.is_date())
    }
}

use Op::*;
const EQ_NE: &[Op] = &[Eq, Ne];
const CONTAINS: &[Op] = &[Contains];
const CONTAINS_EQ_NE: &[Op] = &[Contains, Eq, Ne];
const DATE_OPS: &[Op] = &[Eq, Ne, Gt, Lt, Ge, Le];
const NONE: &[Op] = &[];

const fn f(name: &'static str, ty: FieldType, ops: &'static [Op]) -> Field {
    Field { name, ty, ops, groupable: true }
}
/// A field the service returns but neither filters nor groups on.
const fn plain(name: &'static str, ty: FieldType) -> Field {
    Field { name, ty, ops: NONE, groupable: false }
}

use FieldType::{Bool, DateTime, Float, Int, Str};

/// Seeds 000-002. Filter operators exactly as seed 001's "Filter fields" table (partnerName,
/// providerName and trialEndDate are absent there, so they are not filterable); group-by fields
/// as seed 002's table (which omits trialEndDate).
static SUBSCRIPTIONS: DatasetSpec = DatasetSpec {
    id: DatasetId::Subscriptions,
    fields: &[
        f("customerTenantId", Str, EQ_NE),
        f("customerName", Str, CONTAINS),
        f("customerMarket", Str, EQ_NE),
        f("id", Str, EQ_NE),
        f("status", Str, EQ_NE),
        f("productName", Str, CONTAINS_EQ_NE),
        f("subscriptionType", Str, EQ_NE),
        f("autoRenewEnabled", Bool, EQ_NE),
        f("partnerId", Str, EQ_NE),
        f("friendlyName", Str, CONTAINS),
        f("partnerName", Str, NONE),
        f("providerName", Str, NONE),
        f("creationDate", DateTime, DATE_OPS),
        f("effectiveStartDate", DateTime, DATE_OPS),
        f("commitmentEndDate", DateTime, DATE_OPS),
        f("currentStateEndDate", DateTime, DATE_OPS),
        f("trialToPaidConversionDate", DateTime, DATE_OPS),
        f("trialStartDate", DateTime, DATE_OPS),
        plain("trialEndDate", DateTime),
        f("lastUsageDate", DateTime, DATE_OPS),
        f("deprovisionedDate", DateTime, DATE_OPS),
        f("lastRenewalDate", DateTime, DATE_OPS),
        plain("licenseCount", Int),
    ],
    counts: &[
        CountField { name: "subscriptionCount", measure: Measure::Rows, fractional: false },
        CountField { name: "licenseCount", measure: Measure::Sum("licenseCount"), fractional: false },
    ],
    orderable: false,
    default_date: "creationDate",
    default_term: "subscriptionType",
};

/// Seed 000's Azure usage resource. The docs show no grouped usage answer; ours carries the
/// summed `quantity` and the number of usage rows, as strings like the documented counts.
/// `quantity` is documented as a long (a whole number).
static AZURE_USAGE: DatasetSpec = DatasetSpec {
    id: DatasetId::AzureUsage,
    fields: &[
        f("customerTenantId", Str, EQ_NE),
        f("customerName", Str, CONTAINS),
        f("subscriptionId", Str, EQ_NE),
        f("subscriptionName", Str, EQ_NE),
        f("usageDate", DateTime, DATE_OPS),
        f("resourceLocation", Str, EQ_NE),
        f("meterCategory", Str, EQ_NE),
        f("meterSubcategory", Str, EQ_NE),
        f("meterUnit", Str, EQ_NE),
        f("reservationOrderId", Str, EQ_NE),
        f("reservationId", Str, EQ_NE),
        f("serviceType", Str, EQ_NE),
        plain("quantity", Int),
    ],
    counts: &[
        CountField { name: "usageRecordCount", measure: Measure::Rows, fractional: false },
        CountField { name: "quantity", measure: Measure::Sum("quantity"), fractional: false },
    ],
    orderable: true,
    default_date: "usageDate",
    default_term: "meterCategory",
};

static INDIRECT_RESELLERS: DatasetSpec = DatasetSpec {
    id: DatasetId::IndirectResellers,
    fields: &[
        f("partnerTenantId", Str, EQ_NE),
        f("id", Str, EQ_NE),
        f("name", Str, EQ_NE),
        f("market", Str, EQ_NE),
        f("firstSubscriptionCreationDate", DateTime, DATE_OPS),
        f("latestSubscriptionCreationDate", DateTime, DATE_OPS),
        f("firstSubscriptionEndDate", DateTime, DATE_OPS),
        f("latestSubscriptionEndDate", DateTime, DATE_OPS),
        f("firstSubscriptionSuspendedDate", DateTime, DATE_OPS),
        f("latestSubscriptionSuspendedDate", DateTime, DATE_OPS),
        f("firstSubscriptionDeprovisionedDate", DateTime, DATE_OPS),
        f("latestSubscriptionDeprovisionedDate", DateTime, DATE_OPS),
        plain("subscriptionCount", Float),
        plain("licenseCount", Float),
        plain("indirectResellerCount", Float),
    ],
    counts: &[
        CountField { name: "indirectResellerCount", measure: Measure::Rows, fractional: false },
        CountField { name: "subscriptionCount", measure: Measure::Sum("subscriptionCount"), fractional: false },
        CountField { name: "licenseCount", measure: Measure::Sum("licenseCount"), fractional: false },
    ],
    orderable: true,
    default_date: "firstSubscriptionCreationDate",
    default_term: "market",
};

/// Seed 000's search resource; the four view counts appear only in grouped answers.
static SEARCH: DatasetSpec = DatasetSpec {
    id: DatasetId::Search,
    fields: &[
        f("companyName", Str, CONTAINS_EQ_NE),
        f("contactButtonClicked", Bool, EQ_NE),
        f("keywordCountry", Str, EQ_NE),
        f("detailsViewed", Bool, EQ_NE),
        f("keywordIndustryFocus", Str, EQ_NE),
        f("mpnId", Str, EQ_NE),
        f("partnerMarket", Str, EQ_NE),
        f("keywordProduct", Str, EQ_NE),
        f("referralSubmitted", Bool, EQ_NE),
        f("searchDate", DateTime, DATE_OPS),
        f("keywordSearchText", Str, CONTAINS_EQ_NE),
    ],
    counts: &[
        CountField { name: "searchResultPageViews", measure: Measure::Rows, fractional: false },
        CountField { name: "contactClicks", measure: Measure::CountTrue("contactButtonClicked"), fractional: false },
        CountField { name: "referralCount", measure: Measure::CountTrue("referralSubmitted"), fractional: false },
        CountField { name: "profileViews", measure: Measure::CountTrue("detailsViewed"), fractional: false },
    ],
    orderable: false,
    default_date: "searchDate",
    default_term: "keywordProduct",
};

static REFERRALS: DatasetSpec = DatasetSpec {
    id: DatasetId::Referrals,
    fields: &[
        f("id", Str, EQ_NE),
        f("status", Str, EQ_NE),
        f("customerMarket", Str, EQ_NE),
        f("customerName", Str, CONTAINS),
        f("customerOrgSize", Str, EQ_NE),
        f("acceptedDate", DateTime, DATE_OPS),
        f("acknowledgedDate", DateTime, DATE_OPS),
        f("archivedDate", DateTime, DATE_OPS),
        f("declinedDate", DateTime, DATE_OPS),
        f("expiredDate", DateTime, DATE_OPS),
        f("lostDate", DateTime, DATE_OPS),
        f("missedDate", DateTime, DATE_OPS),
        f("createdDate", DateTime, DATE_OPS),
        f("skippedDate", DateTime, DATE_OPS),
        f("wonDate", DateTime, DATE_OPS),
        f("partnerMarket", Str, EQ_NE),
    ],
    counts: &[CountField { name: "referralCount", measure: Measure::Rows, fractional: false }],
    orderable: false,
    default_date: "createdDate",
    default_term: "status",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dataset_has_its_default_fields() {
        for id in DatasetId::ALL {
            let spec = id.spec();
            assert_eq!(spec.id, id);
            assert!(spec.field(spec.default_date).is_some_and(|f| f.is_date()), "{id}");
            assert!(spec.field(spec.default_term).is_some_and(|f| f.groupable), "{id}");
            for c in spec.counts {
                if let Measure::Sum(n) | Measure::CountTrue(n) = c.measure {
                    assert!(spec.field(n).is_some(), "{id}: {n}");
                }
            }
        }
    }

    #[test]
    fn slugs_round_trip_and_people_spellings_parse() {
        for id in DatasetId::ALL {
            assert_eq!(DatasetId::parse(id.slug()), Some(id));
            assert_eq!(id.path(), format!("/partner/v1/analytics{}", id.suffix()));
        }
        assert_eq!(DatasetId::parse("Azure Usage"), Some(DatasetId::AzureUsage));
        assert_eq!(DatasetId::parse("invoices"), None);
    }

    #[test]
    fn field_lookup_ignores_case_and_follows_seed_001() {
        let s = DatasetId::Subscriptions.spec();
        assert_eq!(s.field("SUBSCRIPTIONTYPE").unwrap().name, "subscriptionType");
        assert_eq!(s.field("customerName").unwrap().ops, &[Op::Contains]);
        assert!(s.field("trialEndDate").unwrap().ops.is_empty());
    }
}
