//! Filters a person builds without typing: chips for a field's values, a date range in words, a
//! yes/no switch, text a field contains, or filter text typed by those who want to. Chips become
//! the Analytics API's filter language; the part the service accepts is sent to it, the rest is
//! applied here, and the person never needs to know which.

use chrono::{Datelike, Duration, NaiveDate};
use lens_model::dataset::{DatasetId, DatasetSpec, FieldType};
use lens_model::filter::{self, Filter, Literal, Op};
use serde::{Deserialize, Serialize};

use crate::error::ServiceError;

/// A date range in words; resolved against "today" when the question is asked, so a saved view
/// of "last 30 days" stays the last 30 days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "preset", rename_all = "camelCase")]
pub enum DateRange {
    Last7Days,
    Last30Days,
    Last90Days,
    ThisMonth,
    LastMonth,
    ThisQuarter,
    LastQuarter,
    ThisYear,
    /// From `from` to `to`, both days included (`YYYY-MM-DD`).
    Between {
        from: String,
        to: String,
    },
}

impl DateRange {
    /// The first day and the day after the last.
    pub fn days(&self, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), ServiceError> {
        let month_start = |d: NaiveDate| d.with_day(1).unwrap_or(d);
        let add_months = |d: NaiveDate, n: i32| {
            let m0 = d.year() * 12 + d.month0() as i32 + n;
            NaiveDate::from_ymd_opt(m0.div_euclid(12), m0.rem_euclid(12) as u32 + 1, 1).unwrap_or(d)
        };
        let quarter_start = |d: NaiveDate| NaiveDate::from_ymd_opt(d.year(), d.month0() / 3 * 3 + 1, 1).unwrap_or(d);
        let tomorrow = today + Duration::days(1);
        Ok(match self {
            DateRange::Last7Days => (tomorrow - Duration::days(7), tomorrow),
            DateRange::Last30Days => (tomorrow - Duration::days(30), tomorrow),
            DateRange::Last90Days => (tomorrow - Duration::days(90), tomorrow),
            DateRange::ThisMonth => (month_start(today), add_months(month_start(today), 1)),
            DateRange::LastMonth => (add_months(month_start(today), -1), month_start(today)),
            DateRange::ThisQuarter => (quarter_start(today), add_months(quarter_start(today), 3)),
            DateRange::LastQuarter => (add_months(quarter_start(today), -3), quarter_start(today)),
            DateRange::ThisYear => (
                NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today),
                NaiveDate::from_ymd_opt(today.year() + 1, 1, 1).unwrap_or(today),
            ),
            DateRange::Between { from, to } => {
                let parse = |s: &str| {
                    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                        ServiceError::new(
                            crate::ErrorCode::BadFilter,
                            format!("\"{s}\" is not a date; pick one in the calendar"),
                            Some(crate::Action::EditFilter),
                        )
                    })
                };
                let (a, b) = (parse(from)?, parse(to)?);
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                (a, b + Duration::days(1))
            }
        })
    }
}

/// One filter chip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FilterChip {
    /// The field is one of `values` (with `exclude`: none of them). A value of `None` is "empty".
    Values { field: String, values: Vec<Option<String>>, exclude: bool },
    /// A date field within a range.
    Dates { field: String, range: DateRange },
    /// A yes/no field is yes or no.
    Flag { field: String, value: bool },
    /// A text field contains this (case ignored).
    Contains { field: String, text: String },
    /// Filter text as typed ("Edit as text") that is none of the above.
    Text { text: String },
}

impl FilterChip {
    pub fn field(&self) -> Option<&str> {
        match self {
            FilterChip::Values { field, .. }
            | FilterChip::Dates { field, .. }
            | FilterChip::Flag { field, .. }
            | FilterChip::Contains { field, .. } => Some(field),
            FilterChip::Text { .. } => None,
        }
    }

    /// The chip in the filter language.
    pub fn to_filter(&self, spec: &DatasetSpec, today: NaiveDate) -> Result<Filter, ServiceError> {
        let what = spec.id.title().to_lowercase();
        self.to_filter_in(&|name| spec.field(name).map(|f| (f.name.to_string(), f.ty)), &what, today)
    }

    /// The chip in the filter language, the fields looked up by `lookup` (a file's columns).
    pub fn to_filter_in(
        &self,
        lookup: &dyn Fn(&str) -> Option<(String, FieldType)>,
        what: &str,
        today: NaiveDate,
    ) -> Result<Filter, ServiceError> {
        let bad = |msg: String| ServiceError::new(crate::ErrorCode::BadFilter, msg, Some(crate::Action::EditFilter));
        let field_of = |name: &str| -> Result<(String, FieldType), ServiceError> {
            if name.eq_ignore_ascii_case(crate::workspace::ACCOUNT_FIELD) {
                return Ok((crate::workspace::ACCOUNT_FIELD.to_string(), FieldType::Str));
            }
            lookup(name).ok_or_else(|| bad(format!("\"{name}\" is not a field of {what}")))
        };
        Ok(match self {
            FilterChip::Values { field, values, exclude } => {
                let (name, ty) = field_of(field)?;
                if values.is_empty() {
                    return Err(bad(format!("Pick at least one value of {}", crate::labels::field_label(&name))));
                }
                let op = if *exclude { Op::Ne } else { Op::Eq };
                let parts: Vec<Filter> = values
                    .iter()
                    .map(|v| {
                        let value = match (v, ty) {
                            (None, _) => Ok(Literal::Null),
                            (Some(t), FieldType::Int | FieldType::Float) => t
                                .trim()
                                .parse::<f64>()
                                .map(Literal::Number)
                                .map_err(|_| bad(format!("\"{t}\" is not a number"))),
                            (Some(t), FieldType::Bool) => Ok(Literal::Bool(t.eq_ignore_ascii_case("true"))),
                            (Some(t), _) => Ok(Literal::Str(t.clone())),
                        }?;
                        Ok(Filter::Compare { field: name.clone(), op, value })
                    })
                    .collect::<Result<_, ServiceError>>()?;
                join(parts, !*exclude)
            }
            FilterChip::Dates { field, range } => {
                let (name, _) = field_of(field)?;
                let (from, until) = range.days(today)?;
                Filter::date(&name, Op::Ge, &from.format("%Y-%m-%d").to_string()).and(Filter::date(
                    &name,
                    Op::Lt,
                    &until.format("%Y-%m-%d").to_string(),
                ))
            }
            FilterChip::Flag { field, value } => Filter::is(&field_of(field)?.0, *value),
            FilterChip::Contains { field, text } => Filter::contains(&field_of(field)?.0, text.clone()),
            FilterChip::Text { text } => filter::parse(text)?,
        })
    }
}

fn join(mut parts: Vec<Filter>, any: bool) -> Filter {
    if parts.len() == 1 {
        return parts.remove(0);
    }
    if any { Filter::Or { any: parts } } else { Filter::And { all: parts } }
}

/// The chips as filter text: the whole, the part sent to the service, the part applied here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CompiledFilters {
    pub text: Option<String>,
    pub server: Option<String>,
    pub local: Option<String>,
}

fn text_of(parts: Vec<Filter>) -> Option<String> {
    (!parts.is_empty()).then(|| join(parts, false).to_string())
}

/// Splits the chips: a chip the service accepts as it is (its field filterable with that
/// operator, the value of the right type) goes to the service.
pub fn compile(dataset: DatasetId, chips: &[FilterChip], today: NaiveDate) -> Result<CompiledFilters, ServiceError> {
    let spec = dataset.spec();
    let (mut all, mut server, mut local) = (Vec::new(), Vec::new(), Vec::new());
    for chip in chips {
        let f = chip.to_filter(spec, today)?;
        // Every field must exist, whichever side applies it.
        for name in f.fields() {
            if spec.field(name).is_none() && !name.eq_ignore_ascii_case(crate::workspace::ACCOUNT_FIELD) {
                return Err(ServiceError::new(
                    crate::ErrorCode::BadFilter,
                    format!("The filter is not right: \"{name}\" is not a field of {}", dataset.title().to_lowercase()),
                    Some(crate::Action::EditFilter),
                ));
            }
        }
        all.push(f.clone());
        match filter::check(&f, spec) {
            Ok(_) => server.push(f),
            Err(_) => local.push(f),
        }
    }
    Ok(CompiledFilters { text: text_of(all), server: text_of(server), local: text_of(local) })
}

/// The chips of a view over a file: every one applied here, the fields checked against the
/// file's columns.
pub fn compile_local(
    lookup: &dyn Fn(&str) -> Option<(String, FieldType)>,
    chips: &[FilterChip],
    today: NaiveDate,
) -> Result<CompiledFilters, ServiceError> {
    let parts = chips.iter().map(|c| c.to_filter_in(lookup, "the file", today)).collect::<Result<Vec<_>, _>>()?;
    let text = text_of(parts);
    Ok(CompiledFilters { text: text.clone(), server: None, local: text })
}

/// Typed filter text as chips: each part joined by `and` becomes the chip it reads as, and a
/// part that is no chip stays text. A mistake comes back with the parser's plain message and
/// where it is.
pub fn parse_text(dataset: DatasetId, text: &str) -> Result<Vec<FilterChip>, ServiceError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let spec = dataset.spec();
    let parsed = filter::parse(text)?;
    // Field names must exist (the operators may be ones only Partner Lens applies).
    for name in parsed.fields() {
        if spec.field(name).is_none() {
            return Err(filter::FilterError {
                message: format!("\"{name}\" is not a field of {}", dataset.title().to_lowercase()),
                position: text.find(name).map(|b| text[..b].chars().count()),
            }
            .into());
        }
    }
    let parts = match parsed {
        Filter::And { all } => all,
        other => vec![other],
    };
    let mut chips: Vec<FilterChip> = Vec::new();
    let mut rest: Vec<Filter> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        // A date range is two comparisons: `f ge 'a' and f lt 'b'`.
        if let Some(range) = parts.get(i + 1).and_then(|next| date_pair(spec, &parts[i], next)) {
            chips.push(range);
            i += 2;
            continue;
        }
        match as_chip(spec, &parts[i]) {
            Some(c) => chips.push(c),
            None => rest.push(parts[i].clone()),
        }
        i += 1;
    }
    if let Some(t) = text_of(rest) {
        chips.push(FilterChip::Text { text: t });
    }
    Ok(chips)
}

fn literal_text(l: &Literal) -> Option<Option<String>> {
    Some(match l {
        Literal::Str(s) => Some(s.clone()),
        Literal::Number(n) => Some(n.to_string()),
        Literal::Bool(b) => Some(b.to_string()),
        Literal::Null => None,
        Literal::Date(_) => return None,
    })
}

fn as_chip(spec: &DatasetSpec, f: &Filter) -> Option<FilterChip> {
    match f {
        Filter::Compare { field, op: Op::Contains, value: Literal::Str(s) } => {
            Some(FilterChip::Contains { field: spec.field(field)?.name.into(), text: s.clone() })
        }
        Filter::Compare { field, op: Op::Eq, value: Literal::Bool(b) } if spec.field(field)?.ty == FieldType::Bool => {
            Some(FilterChip::Flag { field: spec.field(field)?.name.into(), value: *b })
        }
        Filter::Compare { field, op: op @ (Op::Eq | Op::Ne), value } if !spec.field(field)?.is_date() => {
            Some(FilterChip::Values {
                field: spec.field(field)?.name.into(),
                values: vec![literal_text(value)?],
                exclude: *op == Op::Ne,
            })
        }
        Filter::Or { any } => {
            // `f eq 'a' or f eq 'b'`: one field, one operator.
            let mut field = None;
            let mut values = Vec::new();
            for part in any {
                let Filter::Compare { field: f, op: Op::Eq, value } = part else { return None };
                let name = spec.field(f)?.name;
                if spec.field(f)?.is_date() || field.is_some_and(|x| x != name) {
                    return None;
                }
                field = Some(name);
                values.push(literal_text(value)?);
            }
            Some(FilterChip::Values { field: field?.into(), values, exclude: false })
        }
        _ => None,
    }
}

fn date_pair(spec: &DatasetSpec, a: &Filter, b: &Filter) -> Option<FilterChip> {
    let (Filter::Compare { field: fa, op: Op::Ge, value: va }, Filter::Compare { field: fb, op: Op::Lt, value: vb }) =
        (a, b)
    else {
        return None;
    };
    let field = spec.field(fa)?;
    if !field.is_date() || !fa.eq_ignore_ascii_case(fb) {
        return None;
    }
    let day = |v: &Literal| -> Option<NaiveDate> {
        let t = match v {
            Literal::Str(s) => s.clone(),
            Literal::Date(d) => d.text.clone(),
            _ => return None,
        };
        NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()
    };
    let (from, until) = (day(va)?, day(vb)?);
    let to = until - Duration::days(1);
    (from <= to).then(|| FilterChip::Dates {
        field: field.name.into(),
        range: DateRange::Between { from: from.format("%Y-%m-%d").to_string(), to: to.format("%Y-%m-%d").to_string() },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn presets_name_the_days_they_cover() {
        let today = day("2026-11-21");
        let r = |p: DateRange| {
            let (a, b) = p.days(today).unwrap();
            (a.to_string(), b.to_string())
        };
        assert_eq!(r(DateRange::Last7Days), ("2026-11-15".into(), "2026-11-22".into()));
        assert_eq!(r(DateRange::Last30Days), ("2026-10-23".into(), "2026-11-22".into()));
        assert_eq!(r(DateRange::ThisMonth), ("2026-11-01".into(), "2026-12-01".into()));
        assert_eq!(r(DateRange::LastMonth), ("2026-10-01".into(), "2026-11-01".into()));
        assert_eq!(r(DateRange::ThisQuarter), ("2026-10-01".into(), "2027-01-01".into()));
        assert_eq!(r(DateRange::LastQuarter), ("2026-07-01".into(), "2026-10-01".into()));
        assert_eq!(r(DateRange::ThisYear), ("2026-01-01".into(), "2027-01-01".into()));
        let b = DateRange::Between { from: "2026-02-10".into(), to: "2026-02-01".into() };
        assert_eq!(r(b), ("2026-02-01".into(), "2026-02-11".into()));
        assert_eq!(r(DateRange::LastMonth).0, "2026-10-01");
        assert_eq!(DateRange::LastMonth.days(day("2026-01-15")).unwrap().0, day("2025-12-01"));
    }

    #[test]
    fn chips_split_between_the_service_and_here() {
        let chips = vec![
            FilterChip::Values {
                field: "subscriptionType".into(),
                values: vec![Some("Office".into()), Some("Azure".into())],
                exclude: false,
            },
            FilterChip::Dates { field: "creationDate".into(), range: DateRange::LastMonth },
            // The service does not filter on partnerName: applied here.
            FilterChip::Values { field: "partnerName".into(), values: vec![Some("Fabrikam".into())], exclude: true },
            FilterChip::Flag { field: "autoRenewEnabled".into(), value: false },
        ];
        let c = compile(DatasetId::Subscriptions, &chips, day("2026-11-21")).unwrap();
        assert_eq!(
            c.server.as_deref(),
            Some(
                "(subscriptionType eq 'Office' or subscriptionType eq 'Azure') and creationDate ge '2026-10-01' and creationDate lt '2026-11-01' and autoRenewEnabled eq false"
            )
        );
        assert_eq!(c.local.as_deref(), Some("partnerName ne 'Fabrikam'"));
        assert!(c.text.unwrap().contains("partnerName ne 'Fabrikam'"));
    }

    #[test]
    fn typed_text_becomes_chips_and_mistakes_say_where() {
        let text = "status eq 'ACTIVE' and (subscriptionType eq 'Office' or subscriptionType eq 'Azure') and creationDate ge '2026-01-01' and creationDate lt '2026-02-01' and contains(customerName,'toys') and (status eq 'A' or productName eq 'B')";
        let chips = parse_text(DatasetId::Subscriptions, text).unwrap();
        assert_eq!(chips.len(), 5, "{chips:?}");
        assert_eq!(
            chips[0],
            FilterChip::Values { field: "status".into(), values: vec![Some("ACTIVE".into())], exclude: false }
        );
        assert_eq!(
            chips[2],
            FilterChip::Dates {
                field: "creationDate".into(),
                range: DateRange::Between { from: "2026-01-01".into(), to: "2026-01-31".into() }
            }
        );
        assert_eq!(chips[3], FilterChip::Contains { field: "customerName".into(), text: "toys".into() });
        assert_eq!(chips[4], FilterChip::Text { text: "status eq 'A' or productName eq 'B'".into() });
        // Chips back to text and back to chips: the same.
        let again = compile(DatasetId::Subscriptions, &chips, day("2026-11-21")).unwrap().text.unwrap();
        assert_eq!(parse_text(DatasetId::Subscriptions, &again).unwrap(), chips);
        let e = parse_text(DatasetId::Subscriptions, "status eq 'ACTIVE' or").unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::BadFilter);
        assert!(e.detail.unwrap().contains("character"), "position given");
        let e = parse_text(DatasetId::Subscriptions, "colour eq 'red'").unwrap_err();
        assert!(e.message.contains("\"colour\" is not a field"), "{}", e.message);
    }
}
