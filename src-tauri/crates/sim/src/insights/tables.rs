//! Rows of the Insights data sets, from the same world as the Analytics API: the same
//! customers, tenants, markets and resellers, one row a customer a month (and a subscription,
//! workload or service where the data set has one). Generated lazily from the row index.
//! Every data set of the catalogue has rows: the customer ones a row a customer a month, the
//! partner ones (learning, profile, competencies) a row a person or competency a month, and the
//! daily ones (Teams, learning) dated on a day within the month.

use lens_model::dates;
use lens_model::insights::InsightsDataset;

use crate::rng::{Guid, Rng, stream};
use crate::world::{Customer, World};

/// A cell of an Insights row.
#[derive(Debug, Clone, PartialEq)]
pub enum IVal {
    Null,
    Num(f64),
    Text(String),
    /// Days since 1970-01-01.
    Date(i64),
}

/// Months of history the Insights data sets hold.
pub const MONTHS: i64 = 24;

/// Hidden column holding revenue, summed by TotalRevenue and TotalRevenueAndACR.
pub const REVENUE: &str = "__Revenue";

pub struct InsightsTable<'w> {
    world: &'w World,
    pub dataset: &'static InsightsDataset,
    /// Column names in row order: the catalog's columns, then hidden ones.
    pub columns: Vec<&'static str>,
    first_month: (i64, i64),
}

fn month_day(y: i64, m: i64) -> i64 {
    dates::days_from_civil(y, m, 1)
}

impl<'w> InsightsTable<'w> {
    pub fn new(world: &'w World, dataset: &'static InsightsDataset) -> Self {
        let mut columns: Vec<&'static str> = dataset.columns.iter().map(|c| c.name).collect();
        columns.push(REVENUE);
        let (y, m, _) = dates::civil_from_days(world.today);
        let total = y * 12 + (m - 1) - (MONTHS - 1);
        InsightsTable { world, dataset, columns, first_month: (total.div_euclid(12), total.rem_euclid(12) + 1) }
    }

    pub fn len(&self) -> usize {
        self.world.customers.len() * MONTHS as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.eq_ignore_ascii_case(name))
    }

    fn month(&self, j: i64) -> i64 {
        let total = self.first_month.0 * 12 + (self.first_month.1 - 1) + j;
        month_day(total.div_euclid(12), total.rem_euclid(12) + 1)
    }

    /// Row `i`, or `None` where the customer had no business that month.
    pub fn row(&self, i: usize) -> Option<Vec<IVal>> {
        let w = self.world;
        let k = i / MONTHS as usize;
        let j = (i % MONTHS as usize) as i64;
        let c = &w.customers[k];
        let mut r = Rng::new(w.seed, stream(self.dataset.name), i as u64);
        // Customers join over time (more of them recently) and a few leave.
        let mut cr = Rng::new(w.seed, stream("insights-customer"), k as u64);
        let joined = (cr.unit().sqrt() * MONTHS as f64 * 1.6) as i64 - (MONTHS as f64 * 0.6) as i64;
        let left = if cr.chance(0.12) { cr.range(joined.max(0) + 1, MONTHS + 6) } else { MONTHS + 1 };
        if j < joined || j >= left {
            return None;
        }
        let product_mix = cr.below(100);
        let wants = |name: &str| match name {
            "AzureUsage" | "CLASAzurePropensity" => product_mix < 45,
            "DynamicsUsage" | "CLASD365Propensity" => product_mix.is_multiple_of(4),
            "PowerBIUsage" => product_mix.is_multiple_of(3),
            "EMSUsage" => product_mix % 5 < 2,
            "TeamsUsage3PApps" => product_mix.is_multiple_of(2),
            // The partner's own data: a few people, competencies or profile sections.
            "Profile" => k < 6,
            "CompetencySummaryHistory" | "CompetencyPeformanceRequirement" => k < 8,
            "MSLearn" | "TrainingCompletions" => k < 40,
            "ResellerPerformance" => k < self.world.resellers.len() * 3,
            "CLASAgreementRenewalsPropensity" => j % 12 == (k % 12) as i64,
            _ => true,
        };
        if !wants(self.dataset.name) {
            return None;
        }
        let month = self.month(j);
        // A day within the month, for the daily data sets (never after the world's today).
        let day = (month + r.below(28) as i64).min(w.today - 1);
        let seats = (5.0 + cr.unit().powi(3) * 400.0).round() * (1.0 + j as f64 * 0.01);
        let seats = seats.round();
        let mut values = Vec::with_capacity(self.columns.len());
        let mut revenue = 0.0;
        for name in &self.columns {
            let v = match *name {
                "PGAMpnId" => IVal::Text(w.partner.mpn_id.into()),
                "MpnId" | "MPNId" => IVal::Text(w.partner.mpn_id.into()),
                "PartnerName" => IVal::Text(w.partner.name.into()),
                "PartnerLocation" => IVal::Text("United States".into()),
                "CustomerName" => IVal::Text(c.name.clone()),
                "CustomerTenantId" => IVal::Text(c.tenant_id.as_str().into()),
                "CustomerTpid" => IVal::Text(format!("{}", 10_000_000 + k * 7)),
                "CustomerMarket" => IVal::Text(c.market.into()),
                "CustomerSegment" => IVal::Text(segment(c).into()),
                "CustomerStatus" => IVal::Text(if j + 1 >= left { "Churned" } else { "Active" }.into()),
                "TenantDomainName" => IVal::Text(domain(c)),
                "Month" => IVal::Date(month),
                "Product" | "ProductFamily" => {
                    IVal::Text(r.word(&["Office 365", "Microsoft 365", "Azure", "Dynamics 365", "EMS"]).into())
                }
                "SKU" => IVal::Text(r.word(SKUS).into()),
                "SKUId" => IVal::Text(format!("CFQ7TTC0{:04}", r.below(9000))),
                "FreeVsPaidSKU" => IVal::Text(if r.chance(0.1) { "Free" } else { "Paid" }.into()),
                "PartnerAttributionType" | "PartnerAttachType" => {
                    IVal::Text(r.word(&["Transact", "Influence", "Usage"]).into())
                }
                "SalesChannel" | "SalesModel" => IVal::Text(if cr.chance(0.3) { "Indirect" } else { "Direct" }.into()),
                "DetailedSalesModel" => IVal::Text(r.word(&["CSP Direct", "CSP Indirect", "EA"]).into()),
                "IsDuplicateRowForPGA" => IVal::Text("False".into()),
                "IsAutoRenew" => IVal::Text(if cr.chance(0.7) { "True" } else { "False" }.into()),
                "AvailableSeats" | "TotalSoldSeats" => IVal::Num(seats),
                "AssignedSeats" | "TotalAssignedSeats" => IVal::Num((seats * (0.6 + r.unit() * 0.4)).round()),
                "ActiveSeats" => IVal::Num((seats * (0.3 + r.unit() * 0.5)).round()),
                "DeploymentOpportunity" => IVal::Num((seats * r.unit() * 0.3).round()),
                "ActiveUsagePercent" => IVal::Num((r.unit() * 10_000.0).round() / 100.0),
                "BilledRevenueUSD" => {
                    let v = (seats * (8.0 + r.unit() * 30.0) * 100.0).round() / 100.0;
                    revenue += v;
                    IVal::Num(v)
                }
                "AzureConsumedRevenueUSD" | "MonthlySubscriptionLevelACR" | "TotalACR" | "ACR_USD" => {
                    let v = if product_mix < 45 { (r.unit().powi(2) * 12_000.0 * 100.0).round() / 100.0 } else { 0.0 };
                    if *name != "TotalACR" && *name != "ACR_USD" {
                        revenue += v;
                    }
                    IVal::Num(v)
                }
                "SubscriptionId" => IVal::Text(subscription(w, k, &mut cr).as_str().into()),
                "SubscriptionStartDate" => IVal::Date(month_day_of(w, joined.max(0), self)),
                "SubscriptionEndDate" => IVal::Date(dates::days_from_civil(dates::civil_from_days(month).0 + 1, 1, 1)),
                "SubscriptionState" | "SubscriptionStatus" => {
                    IVal::Text(if j + 1 >= left { "Deprovisioned" } else { "Active" }.into())
                }
                "RevSumDivisionName" => {
                    IVal::Text(r.word(&["Modern Work", "Business Applications", "Azure", "Security"]).into())
                }
                "RevSumCategoryName" => IVal::Text(
                    r.word(&["Dynamics 365 Sales", "Dynamics 365 Business Central", "Power Platform"]).into(),
                ),
                "SolutionArea" => IVal::Text(
                    r.word(&["Modern Work", "Business Applications", "Azure Infrastructure", "Security"]).into(),
                ),
                "PricingLevel" => IVal::Text(r.word(&["Level A", "Level B", "Level C"]).into()),
                "Workload" => IVal::Text(r.word(&["Exchange", "SharePoint", "Teams", "OneDrive"]).into()),
                "FirstUseDate" => IVal::Date(month_day_of(w, joined.max(0), self) + 3),
                "ServiceName" | "ServiceLevel1" => {
                    IVal::Text(r.word(&["Virtual Machines", "Storage", "SQL Database", "App Service"]).into())
                }
                "ServiceLevel2" | "ServiceLevel3" | "ServiceLevel4" => {
                    IVal::Text(r.word(&["Compute", "Standard", "General Purpose", "Premium"]).into())
                }
                "MeterCategory" => {
                    IVal::Text(r.word(&["Virtual Machines", "Storage", "Bandwidth", "SQL Database"]).into())
                }
                "UsageUnits" => IVal::Text(r.word(&["Hours", "GB", "Days"]).into()),
                "UsageQuantity" => IVal::Num((r.unit() * 2000.0 * 100.0).round() / 100.0),
                "ResellerID" | "ResellerMpnId" => IVal::Text(w.resellers[k % w.resellers.len()].id.clone()),
                "ResellerName" => IVal::Text(w.resellers[k % w.resellers.len()].name.clone()),
                "ResellerMarket" | "Country" => IVal::Text(c.market.into()),
                "Revenue" => {
                    let v = (seats * (10.0 + r.unit() * 25.0) * 100.0).round() / 100.0;
                    revenue += v;
                    IVal::Num(v)
                }
                "Seats" => IVal::Num(seats),
                "UserId" => IVal::Text(format!("learner{:04}@{}", k + 1, partner_domain(w.partner.name))),
                "LearningPath" => IVal::Text(r.word(LEARNING_PATHS).into()),
                "Module" | "CourseName" => IVal::Text(r.word(MODULES).into()),
                "CompletionDate" | "Date" | "LastUpdated" => IVal::Date(day),
                "ProfileSection" => IVal::Text(PROFILE_SECTIONS[k % PROFILE_SECTIONS.len()].into()),
                "Status" => IVal::Text(if r.chance(0.8) { "Complete" } else { "In progress" }.into()),
                "CompetencyName" => IVal::Text(COMPETENCIES[k % COMPETENCIES.len()].into()),
                "Level" => IVal::Text(if k.is_multiple_of(3) { "Gold" } else { "Silver" }.into()),
                "Requirement" => {
                    IVal::Text(r.word(&["Certified people", "Customer revenue", "Customer deployments"]).into())
                }
                "Target" => IVal::Num((5 + k % 4 * 5) as f64),
                "Achieved" => IVal::Num((r.unit() * (10 + k % 4 * 5) as f64).round()),
                "AgreementType" => IVal::Text(r.word(&["Enterprise Agreement", "CSP", "MCA"]).into()),
                "Propensity" => IVal::Text(r.word(&["High", "Medium", "Low"]).into()),
                "RenewalDate" => IVal::Date(month + r.below(28) as i64),
                "AppName" => IVal::Text(r.word(&["Polly", "Trello", "Jira Cloud", "Miro", "Asana"]).into()),
                "ActiveUsers" | "Participants" => IVal::Num((seats * (0.2 + r.unit() * 0.6)).round()),
                "CallType" => IVal::Text(r.word(&["Meeting", "1:1 call", "Group call"]).into()),
                "Minutes" => IVal::Num((seats * (20.0 + r.unit() * 200.0)).round()),
                REVENUE => IVal::Num((revenue * 100.0).round() / 100.0),
                _ => IVal::Null,
            };
            values.push(v);
        }
        if let Some(ri) = self.index(REVENUE)
            && revenue == 0.0
        {
            values[ri] = IVal::Num((seats * 12.0 * 100.0).round() / 100.0);
        }
        Some(values)
    }
}

const LEARNING_PATHS: &[&str] = &[
    "Azure Fundamentals",
    "Microsoft 365 Fundamentals",
    "Dynamics 365 Fundamentals",
    "Security, Compliance and Identity",
];
const MODULES: &[&str] = &[
    "Describe cloud concepts",
    "Describe Azure architecture",
    "Describe Microsoft 365 apps",
    "Describe Dynamics 365 Sales",
    "Describe identity concepts",
];
const PROFILE_SECTIONS: &[&str] = &["Overview", "Locations", "Industries", "Services", "Contact", "Reviews"];
const COMPETENCIES: &[&str] = &[
    "Cloud Platform",
    "Cloud Productivity",
    "Data Analytics",
    "Security",
    "Application Development",
    "Enterprise Resource Planning",
    "Collaboration and Content",
    "Messaging",
];

const SKUS: &[&str] = &[
    "Microsoft 365 Business Premium",
    "Office 365 E3",
    "Microsoft 365 E5",
    "Exchange Online (Plan 1)",
    "Dynamics 365 Sales Professional",
    "Dynamics 365 Business Central Essentials",
    "Enterprise Mobility + Security E3",
];

fn segment(c: &Customer) -> &'static str {
    match c.org_size {
        "1to10employees" | "10to50employees" => "SMB",
        "50to250employees" | "250to1000employees" => "Corporate",
        _ => "Enterprise",
    }
}

fn domain(c: &Customer) -> String {
    let slug: String =
        c.name.chars().filter(|ch| ch.is_ascii_alphanumeric()).take(24).collect::<String>().to_lowercase();
    format!("{slug}.onmicrosoft.com")
}

fn subscription(w: &World, k: usize, cr: &mut Rng) -> Guid {
    Rng::new(w.seed, stream("insights-subscription"), (k as u64) << 2 | cr.below(2)).guid()
}

fn month_day_of(_w: &World, j: i64, t: &InsightsTable<'_>) -> i64 {
    t.month(j.clamp(0, MONTHS - 1))
}

/// The partner's own domain, for its people's user names.
fn partner_domain(name: &str) -> String {
    let slug: String = name.chars().filter(|ch| ch.is_ascii_alphanumeric()).collect::<String>().to_lowercase();
    format!("{slug}.com")
}
