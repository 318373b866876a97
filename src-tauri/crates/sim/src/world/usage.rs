//! Azure usage rows (seed 000): one meter reading of one customer's Azure subscription on one
//! day. Rows run in date order through the history, as a usage export does.

use lens_model::dataset::DatasetId;
use lens_model::dates::{DateStyle, MICROS_PER_DAY, Micros};
use lens_model::filter::Cell;

use super::{Customer, Row, Table, World, names};
use crate::json::Obj;
use crate::rng::{Guid, Rng, stream};

pub struct Usage<'w> {
    world: &'w World,
    stream: u64,
}

impl<'w> Usage<'w> {
    pub fn new(world: &'w World) -> Self {
        Usage { world, stream: stream("usage") }
    }
}

pub struct UsageRow<'w> {
    customer: &'w Customer,
    subscription_id: Guid,
    subscription_name: &'static str,
    day: Micros,
    location: &'static str,
    meter: (&'static str, &'static str, &'static str),
    reservation: Option<(Guid, Guid)>,
    service_type: Option<&'static str>,
    quantity: i64,
}

impl<'w> Table for Usage<'w> {
    type Row<'a>
        = UsageRow<'a>
    where
        Self: 'a;

    fn len(&self) -> usize {
        self.world.sizes.usage
    }

    fn id(&self) -> DatasetId {
        DatasetId::AzureUsage
    }

    fn row(&self, i: usize) -> UsageRow<'_> {
        let w = self.world;
        let mut r = Rng::new(w.seed, self.stream, i as u64);
        let k = (r.unit() * r.unit() * w.customers.len() as f64) as usize;
        let k = k.min(w.customers.len() - 1);
        let j = r.below(2);
        let mut sr = Rng::new(w.seed, stream("azure-subscription"), (k as u64) << 1 | j);
        let span = (w.today - w.start + 1) as u128;
        let day = w.start + (i as u128 * span / self.len().max(1) as u128) as i64;
        let (cat, sub, unit, types) = *r.pick(names::AZURE_METERS);
        let service_type = r.pick(types);
        // Whole numbers of the meter's unit: the docs type `quantity` as a long.
        let quantity = match unit {
            "1 Hour" => r.range(1, 24),
            "1/Day" => 1,
            _ => ((r.unit() * r.unit() * 500.0).round() as i64).max(1),
        };
        UsageRow {
            customer: &w.customers[k],
            subscription_id: sr.guid(),
            subscription_name: if j == 0 { "Azure plan" } else { "Azure subscription 1" },
            day: day * MICROS_PER_DAY,
            location: r.word(names::AZURE_LOCATIONS),
            meter: (cat, sub, unit),
            reservation: (cat == "Virtual Machines" && r.chance(0.2)).then(|| (r.guid(), r.guid())),
            service_type: (!service_type.is_empty()).then_some(*service_type),
            quantity,
        }
    }
}

impl Row for UsageRow<'_> {
    fn cell(&self, field: usize) -> Cell<'_> {
        match field {
            0 => Cell::Str(self.customer.tenant_id.as_str()),
            1 => Cell::Str(&self.customer.name),
            2 => Cell::Str(self.subscription_id.as_str()),
            3 => Cell::Str(self.subscription_name),
            4 => Cell::Date(self.day),
            5 => Cell::Str(self.location),
            6 => Cell::Str(self.meter.0),
            7 => Cell::Str(self.meter.1),
            8 => Cell::Str(self.meter.2),
            9 => self.reservation.as_ref().map_or(Cell::Null, |r| Cell::Str(r.0.as_str())),
            10 => self.reservation.as_ref().map_or(Cell::Null, |r| Cell::Str(r.1.as_str())),
            11 => self.service_type.map_or(Cell::Null, Cell::Str),
            12 => Cell::Int(self.quantity),
            _ => Cell::Null,
        }
    }

    fn write_json(&self, out: &mut String) {
        Obj::begin(out)
            .str("customerTenantId", Some(self.customer.tenant_id.as_str()))
            .str("customerName", Some(&self.customer.name))
            .str("subscriptionId", Some(self.subscription_id.as_str()))
            .str("subscriptionName", Some(self.subscription_name))
            .date("usageDate", Some(self.day), DateStyle::Seconds)
            .str("resourceLocation", Some(self.location))
            .str("meterCategory", Some(self.meter.0))
            .str("meterSubcategory", Some(self.meter.1))
            .str("meterUnit", Some(self.meter.2))
            .str("reservationOrderId", self.reservation.as_ref().map(|r| r.0.as_str()))
            .str("reservationId", self.reservation.as_ref().map(|r| r.1.as_str()))
            .str("serviceType", self.service_type)
            .int("quantity", self.quantity)
            .end();
    }
}
