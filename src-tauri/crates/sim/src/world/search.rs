//! Search rows (seed 000): one appearance of the partner in a customer's search of the partner
//! directory. `mpnId` is typed string but arrives as a number on some rows (**quirk**).

use lens_model::dataset::DatasetId;
use lens_model::dates::{DateStyle, Micros};
use lens_model::filter::Cell;

use super::{Customer, Row, Table, World, at_office_hours, names};
use crate::json::Obj;
use crate::rng::{Rng, stream};

pub struct Search<'w> {
    world: &'w World,
    stream: u64,
}

impl<'w> Search<'w> {
    pub fn new(world: &'w World) -> Self {
        Search { world, stream: stream("search") }
    }
}

pub struct SearchRow<'w> {
    world: &'w World,
    customer: &'w Customer,
    contact: bool,
    details: bool,
    referral: bool,
    industry: &'static str,
    product: &'static str,
    text: &'static str,
    date: Micros,
    mpn_as_number: bool,
}

impl<'w> Table for Search<'w> {
    type Row<'a>
        = SearchRow<'a>
    where
        Self: 'a;

    fn len(&self) -> usize {
        self.world.sizes.search
    }

    fn id(&self) -> DatasetId {
        DatasetId::Search
    }

    fn row(&self, i: usize) -> SearchRow<'_> {
        let w = self.world;
        let mut r = Rng::new(w.seed, self.stream, i as u64);
        let customer = w.customer(&mut r);
        let details = r.chance(0.3);
        let contact = details && r.chance(0.3);
        let referral = contact && r.chance(0.4);
        // Search data covers the last 13 months.
        let day = w.business_day_after(w.today - 395, r.unit());
        SearchRow {
            world: w,
            customer,
            contact,
            details,
            referral,
            industry: r.word(names::INDUSTRIES),
            product: r.word(names::SEARCH_PRODUCTS),
            text: r.word(names::SEARCH_TEXTS),
            date: at_office_hours(day, &mut r) / 1_000_000 * 1_000_000,
            mpn_as_number: r.chance(0.5),
        }
    }
}

impl Row for SearchRow<'_> {
    fn cell(&self, field: usize) -> Cell<'_> {
        match field {
            0 => Cell::Str(&self.customer.name),
            1 => Cell::Bool(self.contact),
            2 => Cell::Str(self.customer.market),
            3 => Cell::Bool(self.details),
            4 => Cell::Str(self.industry),
            5 => Cell::Str(self.world.partner.mpn_id),
            6 => Cell::Str("US"),
            7 => Cell::Str(self.product),
            8 => Cell::Bool(self.referral),
            9 => Cell::Date(self.date),
            10 => Cell::Str(self.text),
            _ => Cell::Null,
        }
    }

    fn write_json(&self, out: &mut String) {
        let mut o = Obj::begin(out);
        o.str("companyName", Some(&self.customer.name))
            .bool("contactButtonClicked", self.contact)
            .str("keywordCountry", Some(self.customer.market))
            .bool("detailsViewed", self.details)
            .str("keywordIndustryFocus", Some(self.industry));
        if self.mpn_as_number {
            o.raw("mpnId", self.world.partner.mpn_id);
        } else {
            o.str("mpnId", Some(self.world.partner.mpn_id));
        }
        o.str("partnerMarket", Some("US"))
            .str("keywordProduct", Some(self.product))
            .bool("referralSubmitted", self.referral)
            .date("searchDate", Some(self.date), DateStyle::Offset)
            .str("keywordSearchText", Some(self.text))
            .end();
    }
}
