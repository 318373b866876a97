//! An answer reshaped for a chart: one x value a period (or a value of the first grouping field
//! when there is no time axis), one series a group. Charts in the window (ECharts) and chart
//! images (plotters) both draw from this. Each series keeps the values of the grouping fields it
//! stands for, so a click on it can filter to them.

use serde::Serialize;

use crate::question::Period;
use crate::result::{Aggregate, Cell};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Series {
    pub name: String,
    /// The value of each series field this series stands for (`None`: empty).
    pub keys: Vec<Option<String>>,
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Chart {
    /// Period starts as ISO dates, in order; or the values of `x_field` (categories).
    pub x: Vec<String>,
    /// The grouping field on the x axis when it is not time.
    pub x_field: Option<String>,
    /// The grouping fields the series split by, in order.
    pub series_fields: Vec<String>,
    /// Period labels for people: `2024-05-06`, `W19 2024`, `May 2024`, `Q2 2024`, `2024`.
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    pub metric: String,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A label for the period starting on `iso` (`YYYY-MM-DD`).
pub fn period_label(iso: &str, period: Period) -> String {
    let (Some(y), Some(m), Some(d)) = (iso.get(0..4), iso.get(5..7), iso.get(8..10)) else {
        return iso.to_string();
    };
    let (yi, mi, di): (i64, i64, i64) = (y.parse().unwrap_or(0), m.parse().unwrap_or(1), d.parse().unwrap_or(1));
    match period {
        Period::Day => iso[..10].to_string(),
        Period::Week => {
            // ISO week number of the Monday that starts the week.
            let days = lens_model::dates::days_from_civil(yi, mi, di);
            let thursday = days + 3;
            let (ty, _, _) = lens_model::dates::civil_from_days(thursday);
            let week = (thursday - lens_model::dates::days_from_civil(ty, 1, 1)) / 7 + 1;
            format!("W{week:02} {ty}")
        }
        Period::Month => format!("{} {y}", MONTHS[(mi as usize).clamp(1, 12) - 1]),
        Period::Quarter => format!("Q{} {y}", (mi - 1) / 3 + 1),
        Period::Year => y.to_string(),
    }
}

fn text(c: &Cell) -> Option<String> {
    match c {
        Cell::Null => None,
        Cell::Text(t) => Some(t.clone()),
        Cell::Num(n) => Some(n.to_string()),
        Cell::Bool(b) => Some(b.to_string()),
    }
}

/// Pivots `agg` with the date column `date` on x, one series per combination of `groups`,
/// values from `metric`. Missing points are zero for counts and sums, gaps otherwise.
pub fn pivot(agg: &Aggregate, date: &str, period: Period, groups: &[String], metric: &str, additive: bool) -> Chart {
    let mut chart = pivot_on(agg, date, groups, metric, additive);
    chart.x_field = None;
    chart.labels = chart.x.iter().map(|d| period_label(d, period)).collect();
    chart
}

/// Pivots `agg` with the values of the grouping field `x_field` on x (a bar per value), one
/// series per combination of `groups` (or one series of the metric).
pub fn pivot_categories(agg: &Aggregate, x_field: &str, groups: &[String], metric: &str, additive: bool) -> Chart {
    let mut chart = pivot_on(agg, x_field, groups, metric, additive);
    // Categories in order of size, largest first, as a bar chart reads best.
    let totals: Vec<f64> =
        (0..chart.x.len()).map(|i| chart.series.iter().filter_map(|s| s.values[i]).sum::<f64>()).collect();
    let mut order: Vec<usize> = (0..chart.x.len()).collect();
    order.sort_by(|a, b| totals[*b].partial_cmp(&totals[*a]).unwrap_or(std::cmp::Ordering::Equal).then(a.cmp(b)));
    chart.x = order.iter().map(|&i| chart.x[i].clone()).collect();
    for s in &mut chart.series {
        s.values = order.iter().map(|&i| s.values[i]).collect();
    }
    chart.labels = chart.x.clone();
    chart
}

/// Marks an empty value on a category axis.
pub const NONE_LABEL: &str = "(none)";

fn pivot_on(agg: &Aggregate, x_col: &str, groups: &[String], metric: &str, additive: bool) -> Chart {
    let empty = || Chart {
        x: vec![],
        x_field: Some(x_col.to_string()),
        series_fields: groups.to_vec(),
        labels: vec![],
        series: vec![],
        metric: metric.to_string(),
    };
    let Some(xs) = agg.column(x_col) else {
        return empty();
    };
    let x_of = |c: &Cell| text(c).unwrap_or_else(|| NONE_LABEL.to_string());
    let mut x: Vec<String> = xs.values.iter().map(x_of).collect();
    x.sort();
    x.dedup();
    let group_cols: Vec<_> = groups.iter().filter_map(|g| agg.column(g)).collect();
    let values = agg.column(metric);
    let mut series: Vec<Series> = Vec::new();
    for row in 0..agg.rows as usize {
        let keys: Vec<Option<String>> = group_cols.iter().map(|c| text(&c.values[row])).collect();
        let name = if group_cols.is_empty() {
            metric.to_string()
        } else {
            keys.iter().map(|k| k.clone().unwrap_or_else(|| NONE_LABEL.to_string())).collect::<Vec<_>>().join(" · ")
        };
        let idx = match series.iter().position(|s| s.keys == keys && s.name == name) {
            Some(i) => i,
            None => {
                series.push(Series { name, keys, values: vec![if additive { Some(0.0) } else { None }; x.len()] });
                series.len() - 1
            }
        };
        let xi = x.binary_search(&x_of(&xs.values[row])).unwrap_or(0);
        let v = values.and_then(|c| if let Cell::Num(n) = c.values[row] { Some(n) } else { None });
        series[idx].values[xi] = v.or(if additive { Some(0.0) } else { None });
    }
    // Largest series first: the legend reads in order of importance.
    series.sort_by(|a, b| {
        let sa: f64 = a.values.iter().flatten().sum();
        let sb: f64 = b.values.iter().flatten().sum();
        sb.partial_cmp(&sa).unwrap_or(std::cmp::Ordering::Equal).then(a.name.cmp(&b.name))
    });
    Chart {
        labels: x.clone(),
        x,
        x_field: Some(x_col.to_string()),
        series_fields: groups.to_vec(),
        series,
        metric: metric.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_like_a_calendar() {
        assert_eq!(period_label("2020-12-28", Period::Week), "W53 2020");
        assert_eq!(period_label("2024-01-01", Period::Week), "W01 2024");
        assert_eq!(period_label("2024-05-01", Period::Month), "May 2024");
        assert_eq!(period_label("2024-04-01", Period::Quarter), "Q2 2024");
        assert_eq!(period_label("2024-01-01", Period::Year), "2024");
    }

    #[test]
    fn categories_go_largest_first_and_series_keep_their_keys() {
        let agg = Aggregate {
            columns: vec![
                crate::result::AggColumn {
                    name: "market".into(),
                    kind: crate::result::ColumnKind::Text,
                    values: vec![Cell::Text("DE".into()), Cell::Text("US".into()), Cell::Null, Cell::Text("US".into())],
                },
                crate::result::AggColumn {
                    name: "type".into(),
                    kind: crate::result::ColumnKind::Text,
                    values: vec![
                        Cell::Text("Office".into()),
                        Cell::Text("Office".into()),
                        Cell::Text("Azure".into()),
                        Cell::Null,
                    ],
                },
                crate::result::AggColumn {
                    name: "count".into(),
                    kind: crate::result::ColumnKind::Number,
                    values: vec![Cell::Num(2.0), Cell::Num(5.0), Cell::Num(1.0), Cell::Num(4.0)],
                },
            ],
            rows: 4,
        };
        let c = pivot_categories(&agg, "market", &["type".into()], "count", true);
        assert_eq!(c.x, vec!["US", "DE", NONE_LABEL]);
        assert_eq!(c.series[0].name, "Office");
        assert_eq!(c.series[0].keys, vec![Some("Office".to_string())]);
        assert_eq!(c.series[0].values, vec![Some(5.0), Some(2.0), Some(0.0)]);
        let none = c.series.iter().find(|s| s.keys == vec![None]).unwrap();
        assert_eq!(none.name, NONE_LABEL);
        assert_eq!(none.values, vec![Some(4.0), Some(0.0), Some(0.0)]);
    }
}
