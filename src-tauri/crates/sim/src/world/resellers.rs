//! Indirect reseller rows (seed 000), one a reseller. "No date" is written as
//! `0001-01-01T00:00:00` here (**quirk**), and counts are doubles.

use lens_model::dataset::DatasetId;
use lens_model::dates::{MICROS_PER_DAY, Micros};
use lens_model::filter::Cell;

use super::{Reseller, Row, Table, World};
use crate::json::Obj;
use crate::rng::{Rng, stream};

pub struct Resellers<'w> {
    world: &'w World,
    stream: u64,
}

impl<'w> Resellers<'w> {
    pub fn new(world: &'w World) -> Self {
        Resellers { world, stream: stream("reseller-row") }
    }
}

pub struct ResellerRow<'w> {
    world: &'w World,
    reseller: &'w Reseller,
    /// first/latest × creation, end, suspended, deprovisioned
    dates: [Option<Micros>; 8],
    subscriptions: f64,
    licences: f64,
}

impl<'w> Table for Resellers<'w> {
    type Row<'a>
        = ResellerRow<'a>
    where
        Self: 'a;

    fn len(&self) -> usize {
        self.world.resellers.len()
    }

    fn id(&self) -> DatasetId {
        DatasetId::IndirectResellers
    }

    fn row(&self, i: usize) -> ResellerRow<'_> {
        let w = self.world;
        let mut r = Rng::new(w.seed, self.stream, i as u64);
        let first = w.business_day(r.unit());
        let latest = w.business_day_after(first, r.unit());
        let mut pair = |p: f64, after: i64| -> (Option<Micros>, Option<Micros>) {
            if r.chance(p) {
                let a = w.business_day_after(after, r.unit());
                let b = w.business_day_after(a, r.unit());
                (Some(a * MICROS_PER_DAY), Some(b * MICROS_PER_DAY))
            } else {
                (None, None)
            }
        };
        let (fe, le) = pair(0.5, first);
        let (fs, ls) = pair(0.25, first);
        let (fd, ld) = pair(0.35, first);
        let subscriptions = r.range(1, 400) as f64;
        ResellerRow {
            world: w,
            reseller: &w.resellers[i],
            dates: [Some(first * MICROS_PER_DAY), Some(latest * MICROS_PER_DAY), fe, le, fs, ls, fd, ld],
            subscriptions,
            licences: (subscriptions * r.range(2, 40) as f64).round(),
        }
    }
}

const DATE_NAMES: [&str; 8] = [
    "firstSubscriptionCreationDate",
    "latestSubscriptionCreationDate",
    "firstSubscriptionEndDate",
    "latestSubscriptionEndDate",
    "firstSubscriptionSuspendedDate",
    "latestSubscriptionSuspendedDate",
    "firstSubscriptionDeprovisionedDate",
    "latestSubscriptionDeprovisionedDate",
];

impl Row for ResellerRow<'_> {
    fn cell(&self, field: usize) -> Cell<'_> {
        match field {
            0 => Cell::Str(self.world.partner.tenant_id.as_str()),
            1 => Cell::Str(&self.reseller.id),
            2 => Cell::Str(&self.reseller.name),
            3 => Cell::Str(self.reseller.market),
            4..=11 => self.dates[field - 4].map_or(Cell::Null, Cell::Date),
            12 => Cell::Float(self.subscriptions),
            13 => Cell::Float(self.licences),
            14 => Cell::Float(1.0),
            _ => Cell::Null,
        }
    }

    fn write_json(&self, out: &mut String) {
        let mut o = Obj::begin(out);
        o.str("partnerTenantId", Some(self.world.partner.tenant_id.as_str()))
            .str("id", Some(&self.reseller.id))
            .str("name", Some(&self.reseller.name))
            .str("market", Some(self.reseller.market));
        for (name, d) in DATE_NAMES.iter().zip(self.dates) {
            o.date_or_year_one(name, d);
        }
        o.float("subscriptionCount", self.subscriptions)
            .float("licenseCount", self.licences)
            .float("indirectResellerCount", 1.0)
            .end();
    }
}
