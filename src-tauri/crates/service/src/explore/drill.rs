//! Clicking a bar, a point or a legend item: the view narrowed to it, one step deeper, with the
//! steps kept as a breadcrumb back. A point on a time axis narrows to its period and shows it by
//! a smaller one (a month by weeks, a week by days).

use chrono::NaiveDate;
use lens_engine::Period;
use serde::{Deserialize, Serialize};

use super::filters::{DateRange, FilterChip};
use super::rows::period_end;
use super::view::View;
use crate::error::ServiceError;

/// What was clicked: a point's x (a period start or a category), and the series' keys (the
/// values of the split fields it stands for). A legend item has no x.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DrillPoint {
    #[serde(default)]
    pub x: Option<String>,
    #[serde(default)]
    pub series: Vec<Option<String>>,
}

fn finer(p: Period) -> Period {
    match p {
        Period::Year => Period::Month,
        Period::Quarter => Period::Month,
        Period::Month => Period::Week,
        Period::Week | Period::Day => Period::Day,
    }
}

pub fn drill(view: &View, point: &DrillPoint) -> Result<View, ServiceError> {
    let mut next = view.clone();
    let (series_fields, x_field): (Vec<String>, Option<String>) = match &view.date {
        Some(_) => (view.group_by.iter().take(2).cloned().collect(), None),
        None => (view.group_by.iter().skip(1).take(1).cloned().collect(), view.group_by.first().cloned()),
    };
    let is_other = |v: &Option<String>| view.top.is_some() && v.as_deref() == Some(lens_engine::aggregate::OTHER);
    for (field, value) in series_fields.iter().zip(&point.series) {
        if !is_other(value) {
            next.drill.push(FilterChip::Values { field: field.clone(), values: vec![value.clone()], exclude: false });
        }
    }
    if let Some(x) = &point.x {
        match (&view.date, &x_field) {
            (Some(axis), _) => {
                let start = NaiveDate::parse_from_str(x.get(..10).unwrap_or(x), "%Y-%m-%d")
                    .map_err(|_| ServiceError::usage(format!("\"{x}\" is not the start of a period")))?;
                next.drill.push(FilterChip::Dates {
                    field: axis.field.clone(),
                    range: DateRange::Between {
                        from: start.to_string(),
                        to: period_end(start, axis.period).to_string(),
                    },
                });
                if let Some(d) = &mut next.date {
                    d.period = finer(axis.period);
                }
            }
            (None, Some(field)) if !is_other(&Some(x.clone())) => {
                let value = (x != lens_engine::pivot::NONE_LABEL).then(|| x.clone());
                next.drill.push(FilterChip::Values { field: field.clone(), values: vec![value], exclude: false });
            }
            _ => {}
        }
    }
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lens_model::dataset::DatasetId;

    #[test]
    fn a_bar_narrows_to_its_group_and_period_by_a_smaller_one() {
        let mut v = View::of(DatasetId::AzureUsage);
        v.date.as_mut().unwrap().period = Period::Month;
        let next =
            drill(&v, &DrillPoint { x: Some("2026-02-01".into()), series: vec![Some("Storage".into())] }).unwrap();
        assert_eq!(next.date.as_ref().unwrap().period, Period::Week);
        assert_eq!(
            next.drill,
            vec![
                FilterChip::Values {
                    field: "meterCategory".into(),
                    values: vec![Some("Storage".into())],
                    exclude: false
                },
                FilterChip::Dates {
                    field: "usageDate".into(),
                    range: DateRange::Between { from: "2026-02-01".into(), to: "2026-02-28".into() }
                },
            ]
        );
        // A legend item: the series alone.
        let legend = drill(&v, &DrillPoint { x: None, series: vec![Some("Storage".into())] }).unwrap();
        assert_eq!(legend.drill.len(), 1);
        assert_eq!(legend.date, v.date);
        // Categories: the bar's value.
        v.date = None;
        let bar = drill(&v, &DrillPoint { x: Some("Storage".into()), series: vec![] }).unwrap();
        assert_eq!(
            bar.drill,
            vec![FilterChip::Values {
                field: "meterCategory".into(),
                values: vec![Some("Storage".into())],
                exclude: false
            }]
        );
    }
}
