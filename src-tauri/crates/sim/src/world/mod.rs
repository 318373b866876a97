//! One synthetic partner business, shared by every data set: the same customers, tenants,
//! markets, resellers and products appear in subscriptions, usage, search, referrals and the
//! Insights files. Customers and resellers are few and kept in memory; rows are many and are
//! generated on demand from their index, so a 10-million-row world costs no more memory than
//! a small one.

mod names;
pub mod referrals;
pub mod resellers;
pub mod search;
pub mod subscriptions;
pub mod usage;

use lens_model::dataset::DatasetId;
use lens_model::dates::{self, MICROS_PER_DAY, Micros};
use lens_model::filter::Cell;

pub use names::{HOSTILE_NAMES, PRODUCTS, Product};

use crate::rng::{Guid, Rng, stream};

/// How many rows each data set has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub subscriptions: usize,
    pub usage: usize,
    pub resellers: usize,
    pub search: usize,
    pub referrals: usize,
}

impl Sizes {
    /// Sizes scaled from the number of subscription rows.
    pub fn from_subscriptions(n: usize) -> Sizes {
        Sizes {
            subscriptions: n,
            usage: n * 3,
            resellers: (n / 40).clamp(8, 5_000),
            search: n * 2,
            referrals: (n / 5).max(40),
        }
    }

    pub fn of(&self, id: DatasetId) -> usize {
        match id {
            DatasetId::Subscriptions => self.subscriptions,
            DatasetId::AzureUsage => self.usage,
            DatasetId::IndirectResellers => self.resellers,
            DatasetId::Search => self.search,
            DatasetId::Referrals => self.referrals,
        }
    }
}

/// A named size for the command line.
pub fn parse_scale(s: &str) -> Option<usize> {
    match s.to_ascii_lowercase().as_str() {
        "demo" | "small" => Some(600),
        "medium" => Some(50_000),
        "large" => Some(1_000_000),
        other => other.replace('_', "").parse().ok().filter(|&n: &usize| n > 0),
    }
}

pub struct Customer {
    pub tenant_id: Guid,
    pub name: String,
    pub market: &'static str,
    pub org_size: &'static str,
}

pub struct Reseller {
    pub id: String,
    pub tenant_id: Guid,
    pub name: String,
    pub market: &'static str,
}

/// The partner whose data this is.
pub struct Partner {
    pub name: &'static str,
    pub mpn_id: &'static str,
    pub id: Guid,
    pub tenant_id: Guid,
}

pub struct World {
    pub seed: u64,
    pub sizes: Sizes,
    /// The world's "today", as days since 1970-01-01: no date in the data lies after it.
    pub today: i64,
    /// First day of the data's history.
    pub start: i64,
    pub partner: Partner,
    pub customers: Vec<Customer>,
    pub resellers: Vec<Reseller>,
    /// Cumulative weights of each day's share of new business: growth over the years and a
    /// seasonal peak at Microsoft's fiscal year end (June) and in the autumn.
    day_cdf: Vec<f64>,
}

/// Seasonal multiplier for a month (1 = January).
fn season(month: i64) -> f64 {
    [0.0, 0.85, 0.9, 1.05, 0.95, 1.0, 1.45, 0.8, 0.75, 1.1, 1.15, 1.05, 0.9][month as usize]
}

impl World {
    /// Renames every customer after one of [`HOSTILE_NAMES`] in turn (see `hostile_names`).
    pub fn name_customers_hostile(&mut self) {
        for (k, c) in self.customers.iter_mut().enumerate() {
            c.name = names::HOSTILE_NAMES[k % names::HOSTILE_NAMES.len()].to_string();
        }
    }

    pub fn new(seed: u64, subscriptions: usize, today: i64) -> World {
        let sizes = Sizes::from_subscriptions(subscriptions);
        let (ty, _, _) = dates::civil_from_days(today);
        let start = dates::days_from_civil(ty - 4, 1, 1);

        // Growth: each day weighs more than the last (the business grows about 40% a year).
        let mut day_cdf = Vec::with_capacity((today - start + 1) as usize);
        let mut acc = 0.0;
        for d in start..=today {
            let years = (d - start) as f64 / 365.25;
            let (_, m, _) = dates::civil_from_days(d);
            acc += 1.4f64.powf(years) * season(m);
            day_cdf.push(acc);
        }

        let n_customers = (subscriptions / 6).clamp(12, 200_000);
        let cs = stream("customer");
        let customers = (0..n_customers)
            .map(|k| {
                let mut r = Rng::new(seed, cs, k as u64);
                let m = r.weighted(&names::MARKETS.iter().map(|m| m.1).collect::<Vec<_>>());
                let (market, _, suffix) = names::MARKETS[m];
                let stem = r.pick(names::COMPANY_STEMS);
                let sector = r.pick(names::COMPANY_SECTORS);
                let combos = names::COMPANY_STEMS.len() * names::COMPANY_SECTORS.len();
                let name = if k < combos / 2 {
                    format!("{stem}{sector}{suffix}")
                } else {
                    format!("{stem}{sector} {}{suffix}", k / (combos / 2) + 1)
                };
                Customer { tenant_id: r.guid(), name, market, org_size: r.word(names::ORG_SIZES) }
            })
            .collect::<Vec<_>>();

        let rs = stream("reseller");
        let n_resellers = (subscriptions / 200).clamp(6, 400);
        let resellers: Vec<Reseller> = (0..n_resellers)
            .map(|k| {
                let mut r = Rng::new(seed, rs, k as u64);
                let base = names::RESELLER_NAMES[k % names::RESELLER_NAMES.len()];
                let name = if k < names::RESELLER_NAMES.len() {
                    base.to_string()
                } else {
                    format!("{base} {}", k / names::RESELLER_NAMES.len() + 1)
                };
                Reseller {
                    id: (4_100_000 + r.below(900_000)).to_string(),
                    tenant_id: r.guid(),
                    name,
                    market: names::MARKETS[r.below(names::MARKETS.len() as u64) as usize].0,
                }
            })
            .collect();

        let sizes = Sizes { resellers: resellers.len(), ..sizes };
        World {
            seed,
            sizes,
            today,
            start,
            partner: Partner {
                name: "Contoso Cloud Partners",
                mpn_id: "4412345",
                id: Rng::new(seed, stream("partner"), 0).guid(),
                tenant_id: Rng::new(seed, stream("partner"), 1).guid(),
            },
            customers,
            resellers,
            day_cdf,
        }
    }

    /// A day drawn from the growth-and-season curve, for `u` in [0, 1).
    pub fn business_day(&self, u: f64) -> i64 {
        let total = *self.day_cdf.last().unwrap_or(&1.0);
        let x = u * total;
        let i = self.day_cdf.partition_point(|&c| c <= x);
        self.start + i.min(self.day_cdf.len() - 1) as i64
    }

    /// A day in `[from, today]` drawn from the curve restricted to that span.
    pub fn business_day_after(&self, from: i64, u: f64) -> i64 {
        let from = from.clamp(self.start, self.today);
        let lo = if from == self.start { 0.0 } else { self.day_cdf[(from - self.start - 1) as usize] };
        let hi = *self.day_cdf.last().unwrap_or(&1.0);
        let x = lo + u * (hi - lo);
        let i = self.day_cdf.partition_point(|&c| c <= x);
        (self.start + i.min(self.day_cdf.len() - 1) as i64).max(from)
    }

    pub fn customer(&self, r: &mut Rng) -> &Customer {
        // A few large customers hold many subscriptions: square the draw toward low indices.
        let u = r.unit();
        let k = ((u * u) * self.customers.len() as f64) as usize;
        &self.customers[k.min(self.customers.len() - 1)]
    }

    pub fn today_micros(&self) -> Micros {
        self.today * MICROS_PER_DAY
    }
}

/// A generated row, read by field position (the order of the data set's catalog fields).
pub trait Row {
    fn cell(&self, field: usize) -> Cell<'_>;
    fn write_json(&self, out: &mut String);
}

/// A data set's rows, generated from their index.
pub trait Table: Sync {
    type Row<'a>: Row
    where
        Self: 'a;
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn row(&self, i: usize) -> Self::Row<'_>;
    fn id(&self) -> DatasetId;
}

/// Calls `$body` with `$t` bound to the table of `$id`; how handlers stay generic over the five
/// data sets without boxing every row.
#[macro_export]
macro_rules! with_table {
    ($world:expr, $id:expr, |$t:ident| $body:expr) => {{
        use lens_model::dataset::DatasetId as D;
        match $id {
            D::Subscriptions => {
                let $t = $crate::world::subscriptions::Subscriptions::new($world);
                $body
            }
            D::AzureUsage => {
                let $t = $crate::world::usage::Usage::new($world);
                $body
            }
            D::IndirectResellers => {
                let $t = $crate::world::resellers::Resellers::new($world);
                $body
            }
            D::Search => {
                let $t = $crate::world::search::Search::new($world);
                $body
            }
            D::Referrals => {
                let $t = $crate::world::referrals::Referrals::new($world);
                $body
            }
        }
    }};
}

/// Micros for a day plus a time of day drawn from office hours.
pub fn at_office_hours(day: i64, r: &mut Rng) -> Micros {
    let secs = r.range(7 * 3600, 19 * 3600);
    day * MICROS_PER_DAY + secs * 1_000_000 + r.below(1000) as i64 * 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_days_stay_in_range_and_grow() {
        let today = dates::days_from_civil(2026, 11, 21);
        let w = World::new(1, 1000, today);
        let mut early = 0;
        let mut late = 0;
        for i in 0..5000 {
            let d = w.business_day(Rng::new(1, 9, i).unit());
            assert!(d >= w.start && d <= w.today);
            if d < w.start + (w.today - w.start) / 2 {
                early += 1
            } else {
                late += 1
            }
            let from = w.start + 400;
            let e = w.business_day_after(from, Rng::new(2, 9, i).unit());
            assert!(e >= from && e <= w.today);
        }
        assert!(late > early, "growth: {early} early vs {late} late");
    }

    #[test]
    fn worlds_are_deterministic_per_seed() {
        let a = World::new(5, 600, 20_000);
        let b = World::new(5, 600, 20_000);
        let c = World::new(6, 600, 20_000);
        assert_eq!(a.customers[3].name, b.customers[3].name);
        assert_eq!(a.customers[3].tenant_id, b.customers[3].tenant_id);
        assert_ne!(a.customers[3].tenant_id, c.customers[3].tenant_id);
    }

    /// Every data set: rows are valid JSON, every catalog field is present, and each cell holds
    /// exactly what the JSON says (so server-side grouping and grouping fetched rows agree).
    #[test]
    fn rows_are_valid_json_and_agree_with_their_cells() {
        let today = dates::days_from_civil(2026, 11, 21);
        let w = World::new(3, 1500, today);
        for id in DatasetId::ALL {
            let spec = id.spec();
            crate::with_table!(&w, id, |t| {
                assert!(t.len() > 0);
                for i in 0..t.len() {
                    let row = t.row(i);
                    let mut s = String::new();
                    row.write_json(&mut s);
                    let v: serde_json::Value =
                        serde_json::from_str(&s).unwrap_or_else(|e| panic!("{id} row {i}: {e}: {s}"));
                    for (k, field) in spec.fields.iter().enumerate() {
                        let json = v.get(field.name).unwrap_or_else(|| panic!("{id}: {} missing", field.name));
                        match row.cell(k) {
                            Cell::Null => assert!(
                                json.is_null() || json.as_str() == Some("0001-01-01T00:00:00"),
                                "{id}.{}",
                                field.name
                            ),
                            Cell::Str(x) => match json {
                                serde_json::Value::Number(n) => assert_eq!(n.to_string(), x),
                                _ => assert_eq!(json.as_str(), Some(x), "{id}.{}", field.name),
                            },
                            Cell::Bool(b) => assert_eq!(json.as_bool(), Some(b)),
                            Cell::Int(n) => assert_eq!(json.as_i64(), Some(n)),
                            Cell::Float(x) => {
                                assert_eq!(json.as_f64(), Some(x), "{id}.{}", field.name)
                            }
                            Cell::Date(d) => {
                                let parsed = dates::parse_micros(json.as_str().unwrap()).unwrap();
                                assert_eq!(parsed, Some(d), "{id}.{}", field.name);
                                // Only the end of a commitment may lie ahead.
                                let ahead_ok = matches!(field.name, "commitmentEndDate" | "currentStateEndDate");
                                assert!(
                                    ahead_ok || d < (w.today + 1) * MICROS_PER_DAY,
                                    "{id}.{} in the future",
                                    field.name
                                );
                            }
                        }
                    }
                }
            });
        }
    }

    #[test]
    fn scales_parse() {
        assert_eq!(parse_scale("small"), Some(600));
        assert_eq!(parse_scale("large"), Some(1_000_000));
        assert_eq!(parse_scale("10_000_000"), Some(10_000_000));
        assert_eq!(parse_scale("0"), None);
        assert_eq!(parse_scale("huge"), None);
    }
}
