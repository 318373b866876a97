//! Subscription rows (seeds 000-002): growth, churn, trials, renewals, the odd subscription
//! types the service returns, each date field in one of the documented date forms, and an
//! undocumented field on some rows (clients must keep unknown fields).

use lens_model::dataset::DatasetId;
use lens_model::dates::{DateStyle, MICROS_PER_DAY, Micros};
use lens_model::filter::Cell;

use super::{Customer, Product, Row, Table, World, at_office_hours, names};
use crate::json::Obj;
use crate::rng::{Guid, Rng, stream};

pub struct Subscriptions<'w> {
    world: &'w World,
    stream: u64,
    weights: Vec<u32>,
}

impl<'w> Subscriptions<'w> {
    pub fn new(world: &'w World) -> Self {
        Subscriptions {
            world,
            stream: stream("subscription"),
            weights: names::PRODUCTS.iter().map(|p| p.weight).collect(),
        }
    }
}

pub struct SubRow<'w> {
    world: &'w World,
    customer: &'w Customer,
    id: Guid,
    status: &'static str,
    product: &'static Product,
    auto_renew: bool,
    /// Sold through an indirect reseller (index into `world.resellers`).
    reseller: Option<usize>,
    creation: Micros,
    effective_start: Micros,
    commitment_end: Option<Micros>,
    current_state_end: Option<Micros>,
    trial_start: Option<Micros>,
    trial_end: Option<Micros>,
    trial_to_paid: Option<Micros>,
    last_usage: Option<Micros>,
    deprovisioned: Option<Micros>,
    last_renewal: Option<Micros>,
    licences: i64,
    /// Seven-digit fractions on some creation dates: the service sends .NET ticks at times.
    ticks: bool,
    billing: Option<&'static str>,
}

impl<'w> Table for Subscriptions<'w> {
    type Row<'a>
        = SubRow<'a>
    where
        Self: 'a;

    fn len(&self) -> usize {
        self.world.sizes.subscriptions
    }

    fn id(&self) -> DatasetId {
        DatasetId::Subscriptions
    }

    fn row(&self, i: usize) -> SubRow<'_> {
        let w = self.world;
        let mut r = Rng::new(w.seed, self.stream, i as u64);
        let customer = w.customer(&mut r);
        let product = &names::PRODUCTS[r.weighted(&self.weights)];
        let id = r.guid();
        let day = w.business_day(r.unit());
        let creation = at_office_hours(day, &mut r);
        let effective_start = day * MICROS_PER_DAY;
        let is_azure = product.subscription_type == "Azure";
        let today = w.today;

        let trial = !is_azure && r.chance(0.12);
        let (trial_start, trial_end, trial_to_paid) = if trial {
            let ts = (day - 30) * MICROS_PER_DAY;
            let te = day * MICROS_PER_DAY;
            (Some(ts), Some(te), r.chance(0.7).then_some(te))
        } else {
            (None, None, None)
        };

        let roll = r.unit();
        let age = today - day;
        let (status, deprovisioned) = if roll < 0.14 && age > 20 {
            let gone = day + r.range(14, age.max(15));
            ("DEPROVISIONED", Some(gone.min(today) * MICROS_PER_DAY + r.range(0, 86_399) * 1_000_000))
        } else if roll < 0.20 {
            ("SUSPENDED", None)
        } else {
            ("ACTIVE", None)
        };

        // Annual commitments renew on their anniversary.
        let (commitment_end, last_renewal) = if is_azure {
            (None, None)
        } else {
            let years = (age / 365).max(0);
            let end_day = day + 365 * (years + 1);
            let renewal = (years > 0 && deprovisioned.is_none()).then(|| {
                let d = day + 365 * years;
                d * MICROS_PER_DAY + r.range(3600, 20_000) * 1_000_000 + r.below(1000) as i64 * 1000
            });
            (Some(end_day * MICROS_PER_DAY), renewal)
        };
        let current_state_end = if status == "DEPROVISIONED" { None } else { commitment_end };
        let last_usage = (is_azure && status == "ACTIVE").then(|| (today - r.range(0, 20)) * MICROS_PER_DAY);

        let (lo, hi) = product.licences;
        let licences = if hi == 0 {
            0
        } else {
            // Heavy tail: most customers buy a few seats, a few buy many.
            let u = r.unit();
            lo + ((hi - lo) as f64 * u * u * u) as i64
        };

        SubRow {
            world: w,
            customer,
            id,
            status,
            product,
            auto_renew: !is_azure && r.chance(0.72),
            reseller: r.chance(0.3).then(|| r.below(w.resellers.len() as u64) as usize),
            creation,
            effective_start,
            commitment_end,
            current_state_end,
            trial_start,
            trial_end,
            trial_to_paid,
            last_usage,
            deprovisioned,
            last_renewal,
            licences,
            ticks: r.chance(0.05),
            billing: r.chance(0.1).then(|| *r.pick(&["Monthly", "Annual", "None"])),
        }
    }
}

/// Field positions in the catalog (checked by a test).
mod f {
    pub const CUSTOMER_TENANT_ID: usize = 0;
    pub const CUSTOMER_NAME: usize = 1;
    pub const CUSTOMER_MARKET: usize = 2;
    pub const ID: usize = 3;
    pub const STATUS: usize = 4;
    pub const PRODUCT_NAME: usize = 5;
    pub const SUBSCRIPTION_TYPE: usize = 6;
    pub const AUTO_RENEW: usize = 7;
    pub const PARTNER_ID: usize = 8;
    pub const FRIENDLY_NAME: usize = 9;
    pub const PARTNER_NAME: usize = 10;
    pub const PROVIDER_NAME: usize = 11;
    pub const CREATION: usize = 12;
    pub const EFFECTIVE_START: usize = 13;
    pub const COMMITMENT_END: usize = 14;
    pub const CURRENT_STATE_END: usize = 15;
    pub const TRIAL_TO_PAID: usize = 16;
    pub const TRIAL_START: usize = 17;
    pub const TRIAL_END: usize = 18;
    pub const LAST_USAGE: usize = 19;
    pub const DEPROVISIONED: usize = 20;
    pub const LAST_RENEWAL: usize = 21;
    pub const LICENSE_COUNT: usize = 22;
}

fn date(v: Option<Micros>) -> Cell<'static> {
    v.map_or(Cell::Null, Cell::Date)
}

impl SubRow<'_> {
    fn partner_id(&self) -> &str {
        match self.reseller {
            Some(k) => &self.world.resellers[k].id,
            None => self.world.partner.mpn_id,
        }
    }
    fn partner_name(&self) -> &str {
        match self.reseller {
            Some(k) => &self.world.resellers[k].name,
            None => self.world.partner.name,
        }
    }
    fn provider_name(&self) -> Option<&str> {
        self.reseller.map(|_| self.world.partner.name)
    }
}

impl Row for SubRow<'_> {
    fn cell(&self, field: usize) -> Cell<'_> {
        match field {
            f::CUSTOMER_TENANT_ID => Cell::Str(self.customer.tenant_id.as_str()),
            f::CUSTOMER_NAME => Cell::Str(&self.customer.name),
            f::CUSTOMER_MARKET => Cell::Str(self.customer.market),
            f::ID => Cell::Str(self.id.as_str()),
            f::STATUS => Cell::Str(self.status),
            f::PRODUCT_NAME => Cell::Str(self.product.product_name),
            f::SUBSCRIPTION_TYPE => Cell::Str(self.product.subscription_type),
            f::AUTO_RENEW => Cell::Bool(self.auto_renew),
            f::PARTNER_ID => Cell::Str(self.partner_id()),
            f::FRIENDLY_NAME => Cell::Str(self.product.friendly_name),
            f::PARTNER_NAME => Cell::Str(self.partner_name()),
            f::PROVIDER_NAME => self.provider_name().map_or(Cell::Null, Cell::Str),
            f::CREATION => Cell::Date(self.creation),
            f::EFFECTIVE_START => Cell::Date(self.effective_start),
            f::COMMITMENT_END => date(self.commitment_end),
            f::CURRENT_STATE_END => date(self.current_state_end),
            f::TRIAL_TO_PAID => date(self.trial_to_paid),
            f::TRIAL_START => date(self.trial_start),
            f::TRIAL_END => date(self.trial_end),
            f::LAST_USAGE => date(self.last_usage),
            f::DEPROVISIONED => date(self.deprovisioned),
            f::LAST_RENEWAL => date(self.last_renewal),
            f::LICENSE_COUNT => Cell::Int(self.licences),
            _ => Cell::Null,
        }
    }

    fn write_json(&self, out: &mut String) {
        let mut o = Obj::begin(out);
        o.plain("customerTenantId", self.customer.tenant_id.as_str())
            .str("customerName", Some(&self.customer.name))
            .plain("customerMarket", self.customer.market)
            .plain("id", self.id.as_str())
            .plain("status", self.status)
            .str("productName", Some(self.product.product_name))
            .plain("subscriptionType", self.product.subscription_type)
            .bool("autoRenewEnabled", self.auto_renew)
            .plain("partnerId", self.partner_id())
            .str("friendlyName", Some(self.product.friendly_name))
            .str("partnerName", Some(self.partner_name()))
            .str("providerName", self.provider_name())
            .date("creationDate", Some(self.creation), if self.ticks { DateStyle::Ticks } else { DateStyle::Millis })
            .date("effectiveStartDate", Some(self.effective_start), DateStyle::Seconds)
            .date("commitmentEndDate", self.commitment_end, DateStyle::Seconds)
            .date("currentStateEndDate", self.current_state_end, DateStyle::Seconds)
            .date("trialToPaidConversionDate", self.trial_to_paid, DateStyle::Zulu)
            .date("trialStartDate", self.trial_start, DateStyle::Offset)
            .date("trialEndDate", self.trial_end, DateStyle::Offset)
            .date("lastUsageDate", self.last_usage, DateStyle::DateOnly)
            .date("deprovisionedDate", self.deprovisioned, DateStyle::Millis)
            .date("lastRenewalDate", self.last_renewal, DateStyle::Millis)
            .int("licenseCount", self.licences);
        if let Some(b) = self.billing {
            o.str("billingFrequency", Some(b));
        }
        o.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lens_model::dates;

    #[test]
    fn field_positions_match_the_catalog() {
        let spec = DatasetId::Subscriptions.spec();
        for (i, name) in [
            (f::CUSTOMER_TENANT_ID, "customerTenantId"),
            (f::CUSTOMER_NAME, "customerName"),
            (f::CUSTOMER_MARKET, "customerMarket"),
            (f::ID, "id"),
            (f::STATUS, "status"),
            (f::PRODUCT_NAME, "productName"),
            (f::SUBSCRIPTION_TYPE, "subscriptionType"),
            (f::AUTO_RENEW, "autoRenewEnabled"),
            (f::PARTNER_ID, "partnerId"),
            (f::FRIENDLY_NAME, "friendlyName"),
            (f::PARTNER_NAME, "partnerName"),
            (f::PROVIDER_NAME, "providerName"),
            (f::CREATION, "creationDate"),
            (f::EFFECTIVE_START, "effectiveStartDate"),
            (f::COMMITMENT_END, "commitmentEndDate"),
            (f::CURRENT_STATE_END, "currentStateEndDate"),
            (f::TRIAL_TO_PAID, "trialToPaidConversionDate"),
            (f::TRIAL_START, "trialStartDate"),
            (f::TRIAL_END, "trialEndDate"),
            (f::LAST_USAGE, "lastUsageDate"),
            (f::DEPROVISIONED, "deprovisionedDate"),
            (f::LAST_RENEWAL, "lastRenewalDate"),
            (f::LICENSE_COUNT, "licenseCount"),
        ] {
            assert_eq!(spec.fields[i].name, name);
        }
        assert_eq!(spec.fields.len(), 23);
    }

    #[test]
    fn the_odd_subscription_types_occur() {
        let w = World::new(3, 2000, dates::days_from_civil(2026, 11, 21));
        let t = Subscriptions::new(&w);
        let kinds: std::collections::BTreeSet<_> = (0..t.len()).map(|i| t.row(i).product.subscription_type).collect();
        for odd in ["M365", "UNKNOWN", "Windows", "Office", "Azure"] {
            assert!(kinds.contains(odd), "{odd} never generated");
        }
    }
}
