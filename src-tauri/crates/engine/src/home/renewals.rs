//! Subscriptions coming up for renewal with auto-renew off, and suspended ones, by customer.

use std::collections::BTreeMap;

use polars::prelude::*;

use super::{f64s, micros, texts};
use crate::error::EngineError;

#[derive(Debug, Clone, PartialEq)]
pub struct CustomerRenewals {
    pub customer: String,
    pub subscriptions: u32,
    pub licences: f64,
    /// The first commitment end among them (microseconds).
    pub first_end: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Radar {
    /// Subscriptions ending within 30, 60 and 90 days with auto-renew off.
    pub within: [u32; 3],
    /// Those, by customer, soonest first.
    pub customers: Vec<CustomerRenewals>,
    /// Suspended subscriptions, by customer, most first.
    pub suspended: Vec<CustomerRenewals>,
}

const DAY: i64 = 86_400_000_000;

fn by_customer(df: &DataFrame) -> Result<Vec<CustomerRenewals>, EngineError> {
    let names = texts(df, "customerName")?;
    let lic = f64s(df, "licenseCount")?;
    let ends: Vec<Option<i64>> = df.column("__end")?.i64()?.iter().collect();
    let mut by: BTreeMap<String, CustomerRenewals> = BTreeMap::new();
    for i in 0..df.height() {
        let name = names[i].clone().unwrap_or_else(|| "(no name)".into());
        let e = by.entry(name.clone()).or_insert(CustomerRenewals {
            customer: name,
            subscriptions: 0,
            licences: 0.0,
            first_end: None,
        });
        e.subscriptions += 1;
        e.licences += lic[i];
        e.first_end = match (e.first_end, ends[i]) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    Ok(by.into_values().collect())
}

/// The radar as of `today` (microseconds of its midnight).
pub fn radar(subscriptions: &DataFrame, today: i64) -> Result<Radar, EngineError> {
    let base = subscriptions.clone().lazy().with_column(micros("commitmentEndDate").alias("__end"));
    let ending = base
        .clone()
        .filter(
            col("__end")
                .gt(lit(today))
                .and(col("__end").lt_eq(lit(today + 90 * DAY)))
                .and(col("autoRenewEnabled").eq(lit(false)))
                .and(col("status").neq(lit("DEPROVISIONED")))
                .fill_null(lit(false)),
        )
        .select([col("customerName"), col("licenseCount"), col("__end")])
        .collect()?;
    let mut within = [0u32; 3];
    for end in ending.column("__end")?.i64()?.iter().flatten() {
        for (k, days) in [30, 60, 90].iter().enumerate() {
            if end <= today + days * DAY {
                within[k] += 1;
            }
        }
    }
    let mut customers = by_customer(&ending)?;
    customers.sort_by(|a, b| a.first_end.cmp(&b.first_end).then(a.customer.cmp(&b.customer)));
    let suspended = base
        .filter(col("status").eq(lit("SUSPENDED")).fill_null(lit(false)))
        .select([col("customerName"), col("licenseCount"), col("__end")])
        .collect()?;
    let mut suspended = by_customer(&suspended)?;
    suspended.sort_by(|a, b| b.subscriptions.cmp(&a.subscriptions).then(a.customer.cmp(&b.customer)));
    Ok(Radar { within, customers, suspended })
}
