//! Rows of the Insights data sets, from the same world as the Analytics API: the same
//! customers, tenants, markets and resellers, one row a customer a month (and a subscription,
//! workload or service where the data set has one). Generated lazily from the row index.
//! Every data set of the catalogue has rows: the customer ones a row a customer a month, the
//! partner ones (learning, profile, competencies) a row a person or competency a month, and the
//! daily ones (Teams, learning) dated on a day within the month.

use std::sync::Arc;

use lens_model::dates;

use super::validate::DatasetDef;
use super::values::{Context, value};
use crate::rng::{Rng, stream};
use crate::world::World;

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
    pub dataset: Arc<DatasetDef>,
    /// Column names in row order: the catalogue's columns, then hidden ones.
    pub columns: Vec<String>,
    first_month: (i64, i64),
}

fn month_day(y: i64, m: i64) -> i64 {
    dates::days_from_civil(y, m, 1)
}

impl<'w> InsightsTable<'w> {
    pub fn new(world: &'w World, dataset: Arc<DatasetDef>) -> Self {
        let mut columns: Vec<String> = dataset.columns.iter().map(|(c, _)| c.clone()).collect();
        columns.push(REVENUE.to_string());
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
        let mut r = Rng::new(w.seed, stream(&self.dataset.name), i as u64);
        // Customers join over time (more of them recently) and a few leave.
        let mut cr = Rng::new(w.seed, stream("insights-customer"), k as u64);
        let joined = (cr.unit().sqrt() * MONTHS as f64 * 1.6) as i64 - (MONTHS as f64 * 0.6) as i64;
        let left = if cr.chance(0.12) { cr.range(joined.max(0) + 1, MONTHS + 6) } else { MONTHS + 1 };
        if j < joined || j >= left {
            return None;
        }
        let product_mix = cr.below(100);
        let wants = |name: &str| match name {
            "AzureUsage" => product_mix < 45,
            "DynamicsUsage" => product_mix.is_multiple_of(4),
            "PowerBIUsage" => product_mix.is_multiple_of(3),
            "EMSUsage" => product_mix % 5 < 2,
            "TeamsUsage3PApps" => product_mix.is_multiple_of(2),
            "BusinessAppliicationsRevenue" | "BusinessAppliicationsUsage" => product_mix % 4 == 1,
            // The partner's own data: its locations, its people's trainings.
            "Profile" => k < 6 && j == MONTHS - 1,
            "MSLearn" | "TrainingCompletions" => k < 40,
            "CloudProductsResellerPerformance" => k < self.world.resellers.len() * 3,
            // Propensities are scores as of now; renewals come up once a year.
            "CLASM365Propensity" | "CLASSurfacePropensity" => j == MONTHS - 1,
            "CLASAzurePropensity" => j == MONTHS - 1 && product_mix >= 45,
            "CLASD365Propensity" => j == MONTHS - 1 && !product_mix.is_multiple_of(4),
            "CLASAgreementRenewalsPropensity" => j % 12 == (k % 12) as i64,
            _ => true,
        };
        if !wants(&self.dataset.name) {
            return None;
        }
        let month = self.month(j);
        // A day within the month, for the daily data sets (never after the world's today).
        let day = (month + r.below(28) as i64).min(w.today - 1);
        let seats = (5.0 + cr.unit().powi(3) * 400.0).round() * (1.0 + j as f64 * 0.01);
        let seats = seats.round();
        let mut ctx = Context {
            world: w,
            customer: c,
            k,
            month,
            day,
            seats,
            azure: product_mix < 45,
            active: j + 1 < left,
            joined: self.month(joined.clamp(0, MONTHS - 1)),
            revenue: 0.0,
        };
        let mut values = Vec::with_capacity(self.columns.len());
        for (name, kind) in &self.dataset.columns {
            values.push(value(name, *kind, &mut ctx, &mut r, &mut cr));
        }
        values.push(IVal::Num((ctx.revenue * 100.0).round() / 100.0));
        let revenue = ctx.revenue;
        if let Some(ri) = self.index(REVENUE)
            && revenue == 0.0
        {
            values[ri] = IVal::Num((seats * 12.0 * 100.0).round() / 100.0);
        }
        Some(values)
    }
}
