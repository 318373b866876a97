//! Referral rows (seed 000): a referral's life is a creation date and one date per status it
//! reached. Dates are written with a `Z`.

use lens_model::dataset::DatasetId;
use lens_model::dates::{DateStyle, Micros};
use lens_model::filter::Cell;

use super::{Customer, Row, Table, World, at_office_hours, names};
use crate::json::Obj;
use crate::rng::{Guid, Rng, stream};

pub struct Referrals<'w> {
    world: &'w World,
    stream: u64,
    weights: Vec<u32>,
}

impl<'w> Referrals<'w> {
    pub fn new(world: &'w World) -> Self {
        Referrals { world, stream: stream("referral"), weights: names::REFERRAL_STATUSES.iter().map(|s| s.1).collect() }
    }
}

/// Positions of the status dates in the catalog, after the five leading fields.
const DATE_FIELDS: [&str; 10] = [
    "acceptedDate",
    "acknowledgedDate",
    "archivedDate",
    "declinedDate",
    "expiredDate",
    "lostDate",
    "missedDate",
    "createdDate",
    "skippedDate",
    "wonDate",
];

pub struct ReferralRow<'w> {
    customer: &'w Customer,
    id: Guid,
    status: &'static str,
    dates: [Option<Micros>; 10],
}

impl<'w> Table for Referrals<'w> {
    type Row<'a>
        = ReferralRow<'a>
    where
        Self: 'a;

    fn len(&self) -> usize {
        self.world.sizes.referrals
    }

    fn id(&self) -> DatasetId {
        DatasetId::Referrals
    }

    fn row(&self, i: usize) -> ReferralRow<'_> {
        let w = self.world;
        let mut r = Rng::new(w.seed, self.stream, i as u64);
        let customer = w.customer(&mut r);
        let status = names::REFERRAL_STATUSES[r.weighted(&self.weights)].0;
        let created_day = w.business_day(r.unit());
        let mut dates = [None; 10];
        let later = |r: &mut Rng, after: i64, max: i64| -> (i64, Micros) {
            let d = (after + r.range(1, max)).min(w.today);
            (d, at_office_hours(d, r) / 1_000_000 * 1_000_000)
        };
        dates[7] = Some(at_office_hours(created_day, &mut r) / 1_000_000 * 1_000_000);
        let mut step = created_day;
        if status != "New" && status != "Expired" && status != "Missed" && status != "Skipped" {
            let (d, t) = later(&mut r, step, 3);
            step = d;
            dates[1] = Some(t);
        }
        let slot = match status {
            "Accepted" => Some(0),
            "Archived" => Some(2),
            "Declined" => Some(3),
            "Expired" => Some(4),
            "Lost" => Some(5),
            "Missed" => Some(6),
            "Skipped" => Some(8),
            "Won" => Some(9),
            _ => None,
        };
        if matches!(status, "Won" | "Lost") {
            let (d, t) = later(&mut r, step, 10);
            step = d;
            dates[0] = Some(t);
        }
        if let Some(s) = slot {
            dates[s] = Some(later(&mut r, step, 60).1);
        }
        ReferralRow { customer, id: r.guid(), status, dates }
    }
}

impl Row for ReferralRow<'_> {
    fn cell(&self, field: usize) -> Cell<'_> {
        match field {
            0 => Cell::Str(self.id.as_str()),
            1 => Cell::Str(self.status),
            2 => Cell::Str(self.customer.market),
            3 => Cell::Str(&self.customer.name),
            4 => Cell::Str(self.customer.org_size),
            5..=14 => self.dates[field - 5].map_or(Cell::Null, Cell::Date),
            15 => Cell::Str("US"),
            _ => Cell::Null,
        }
    }

    fn write_json(&self, out: &mut String) {
        let mut o = Obj::begin(out);
        o.str("id", Some(self.id.as_str()))
            .str("status", Some(self.status))
            .str("customerMarket", Some(self.customer.market))
            .str("customerName", Some(&self.customer.name))
            .str("customerOrgSize", Some(self.customer.org_size));
        for (name, d) in DATE_FIELDS.iter().zip(self.dates) {
            o.date(name, d, DateStyle::Zulu);
        }
        o.str("partnerMarket", Some("US")).end();
    }
}
