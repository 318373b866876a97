//! A value for any column of an Insights row, by its name (case-insensitive) and kind: the names
//! the documents use get values like the real ones (ids, months, markets, product names, seats,
//! revenue in USD); a name the simulator has not met gets a plain value of its kind, so a data
//! set added to the catalogue (by Microsoft, or by a test) has rows at once.

use lens_model::dates;

use super::catalogue::Kind;
use super::tables::IVal;
use crate::rng::Rng;
use crate::world::{Customer, World};

/// What a row is about.
pub struct Context<'w> {
    pub world: &'w World,
    pub customer: &'w Customer,
    /// The customer's index.
    pub k: usize,
    /// The row's month (its first day, days since 1970) and a day within it.
    pub month: i64,
    pub day: i64,
    pub seats: f64,
    /// Whether the customer uses Azure.
    pub azure: bool,
    /// Whether the customer is still a customer in this month.
    pub active: bool,
    /// The month the customer joined.
    pub joined: i64,
    /// Revenue put in this row so far (for `TotalRevenue` and the revenue-hiding rules).
    pub revenue: f64,
}

fn text(s: impl Into<String>) -> IVal {
    IVal::Text(s.into())
}

fn money(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

const SKUS: &[&str] = &[
    "Microsoft 365 Business Premium",
    "Office 365 E3",
    "Microsoft 365 E5",
    "Exchange Online (Plan 1)",
    "Dynamics 365 Sales Professional",
    "Dynamics 365 Business Central Essentials",
    "Enterprise Mobility + Security E3",
    "Power BI Pro",
];
const PRODUCTS: &[&str] =
    &["Office 365", "Microsoft 365", "Azure", "Dynamics 365", "Enterprise Mobility + Security", "Power BI"];
const WORKLOADS: &[&str] = &["Exchange", "SharePoint", "Teams", "OneDrive", "Yammer"];
const SERVICES: &[&str] = &["Virtual Machines", "Storage", "SQL Database", "App Service", "Azure Monitor", "Bandwidth"];
const TRAININGS: &[&str] = &[
    "Microsoft Azure Fundamentals",
    "Microsoft 365 Fundamentals",
    "Dynamics 365 Fundamentals (CRM)",
    "Security, Compliance, and Identity Fundamentals",
    "Azure Administrator Associate",
];
const APPS: &[&str] = &["Polly", "Trello", "Jira Cloud", "Miro", "Asana", "Smartsheet"];
const LEVELS: &[&str] = &["High", "Medium", "Low"];

fn segment(c: &Customer) -> &'static str {
    match c.org_size {
        "1to10employees" | "10to50employees" => "SMB",
        "50to250employees" | "250to1000employees" => "Corporate",
        _ => "Enterprise",
    }
}

fn slug(name: &str) -> String {
    name.chars().filter(|ch| ch.is_ascii_alphanumeric()).take(24).collect::<String>().to_lowercase()
}

/// The value of column `name` (of `kind`) in the row `ctx` describes. `r` varies per row, `cr`
/// per customer.
pub fn value(name: &str, kind: Kind, ctx: &mut Context<'_>, r: &mut Rng, cr: &mut Rng) -> IVal {
    let w = ctx.world;
    let c = ctx.customer;
    let n = name.to_ascii_lowercase();
    let reseller = &w.resellers[ctx.k % w.resellers.len().max(1)];
    let has = |s: &str| n.contains(s);
    // Revenue and ACR first: they feed the row's revenue total.
    if lens_model::insights::is_revenue_column(name) && kind == Kind::Number {
        let v = if has("acr") || has("azureconsumed") {
            if ctx.azure { money(r.unit().powi(2) * 12_000.0) } else { 0.0 }
        } else {
            money(ctx.seats * (8.0 + r.unit() * 30.0))
        };
        // Each revenue column is another view of the same money: count the first one.
        if ctx.revenue == 0.0 {
            ctx.revenue = v;
        }
        return IVal::Num(v);
    }
    match n.as_str() {
        "pgampnid" | "pga_mpnid" | "pgapartnerid" | "mpnid" | "partnerid" => return text(w.partner.mpn_id),
        "partnername" | "pga_partnername" | "pgapartnername" => return text(w.partner.name),
        "customername" | "accountname" | "customertenantname" => return text(c.name.clone()),
        "customertenantid" | "tenantid" => return text(c.tenant_id.as_str()),
        "customertpid" | "tpid" | "customerid" => return text(format!("{}", 10_000_000 + ctx.k * 7)),
        "dunsnumber" => return text(format!("{:09}", 100_000_000 + ctx.k * 7919 % 899_999_999)),
        "customermarket" | "customertenantcountry" | "country" | "resellermarket" | "partnercountrylocation" => {
            return text(c.market);
        }
        "customersegment" | "segment" | "topsegment" => return text(segment(c)),
        "customerstatus" => return text(if ctx.active { "Active" } else { "Churned" }),
        "tenantdomainname" | "domain" => return text(format!("{}.onmicrosoft.com", slug(&c.name))),
        "product" | "productfamily" | "reportingproductname" | "rawproductname" => return text(r.word(PRODUCTS)),
        "sku" | "skuname" => return text(r.word(SKUS)),
        "skuid" | "productpartnumber" => return text(format!("CFQ7TTC0{:04}", r.below(9000))),
        "freevspaidsku" => return text(if r.chance(0.1) { "Free" } else { "Paid" }),
        "partnerattributiontype" | "partnerattachtype" | "associationtype" => {
            return text(r.word(&["Transact", "Influence", "Usage"]));
        }
        "saleschannel" | "salesmodel" => return text(if cr.chance(0.3) { "Indirect" } else { "Direct" }),
        "detailedsalesmodel" | "licenseprogram" => return text(r.word(&["CSP Direct", "CSP Indirect", "EA", "MCA"])),
        "subscriptionid" | "subscriptionguid" => return text(r.guid().as_str()),
        "subscriptionstate" | "subscriptionstatus" => return text(if ctx.active { "Active" } else { "Disabled" }),
        "isautorenew" => return text(if cr.chance(0.7) { "Y" } else { "N" }),
        "isduplicaterowforpga" | "isacrduplicateatpgalevel" => return IVal::Num(0.0),
        "resellerid" | "resellermpnid" | "indirectresellermpnid" => return text(reseller.id.clone()),
        "resellername" | "indirectresellername" => return text(reseller.name.clone()),
        "servicename" | "servicelevel1" | "metercategory" => return text(r.word(SERVICES)),
        "usageunits" => return IVal::Num((r.unit() * 2000.0).round()),
        "workloadname" | "workload" | "subworkload" => return text(r.word(WORKLOADS)),
        "trainingtitle" | "activityname" | "learningpath" | "modulename" => return text(r.word(TRAININGS)),
        "appname" | "appdisplayname" => return text(r.word(APPS)),
        "city" | "partnercitylocation" => return text(r.word(&["Seattle", "London", "Paris", "Sydney", "Toronto"])),
        "hierarchylevel" | "accounttype" => return text(if ctx.k == 0 { "Global" } else { "Location" }),
        "industry" | "vertical" => {
            return text(r.word(&["Retail", "Manufacturing", "Healthcare", "Financial services", "Education"]));
        }
        "area" | "subsidiary" | "salesterritory" | "region" => {
            return text(r.word(&["Americas", "Europe", "Asia Pacific"]));
        }
        "orgsize" => return text(c.org_size),
        "state" => return text(r.word(&["WA", "CA", "NY", "TX"])),
        "postalcode" => return text(format!("{:05}", 10_000 + r.below(89_999))),
        _ => {}
    }
    match kind {
        Kind::Date if n == "month" || n.ends_with("monthkey") || n.ends_with("monthname") => IVal::Date(ctx.month),
        Kind::Date if has("start") || has("firstuse") => IVal::Date(ctx.joined),
        Kind::Date if has("end") || has("expiration") => {
            IVal::Date(dates::days_from_civil(dates::civil_from_days(ctx.month).0 + 1, 1, 1))
        }
        Kind::Date => IVal::Date(ctx.day),
        Kind::Number if has("percent") => IVal::Num((r.unit() * 10_000.0).round() / 100.0),
        Kind::Number if has("assigned") || has("active") || has("users") || has("participants") => {
            IVal::Num((ctx.seats * (0.3 + r.unit() * 0.6)).round())
        }
        Kind::Number if has("seats") || has("units") || has("available") || has("licenses") => IVal::Num(ctx.seats),
        Kind::Number if has("duration") || has("minutes") => IVal::Num((ctx.seats * (20.0 + r.unit() * 200.0)).round()),
        Kind::Number if has("quantity") => IVal::Num(money(r.unit() * 2000.0)),
        Kind::Number => IVal::Num((r.unit() * ctx.seats).round()),
        Kind::Text if has("propensity") || has("intent") || has("score") || has("likelihood") => text(r.word(LEVELS)),
        Kind::Text if n.starts_with("is") || n.starts_with("has") => text(if r.chance(0.3) { "Yes" } else { "No" }),
        Kind::Text if n.ends_with("id") => text(r.guid().as_str()),
        Kind::Text if has("email") => text(format!("learner{:04}@{}.com", ctx.k + 1, slug(w.partner.name))),
        Kind::Text if has("firstname") => text(r.word(&["Ana", "Ben", "Chloé", "Dev", "Eli", "Farah"])),
        Kind::Text if has("lastname") => text(r.word(&["Silva", "Okafor", "Martin", "Kumar", "Nakamura"])),
        Kind::Text if has("name") => text(c.name.clone()),
        Kind::Text if has("cluster") || has("type") || has("category") || has("level") => {
            text(r.word(&["Core", "Growth", "Emerging"]))
        }
        Kind::Text => text(format!("Group {}", 1 + r.below(3))),
    }
}
