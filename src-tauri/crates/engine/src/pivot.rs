//! An answer reshaped for a chart: one x value a period, one series a group. Charts in the
//! window (ECharts) and chart images (plotters) both draw from this.

use serde::Serialize;

use crate::question::Period;
use crate::result::{Aggregate, Cell};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Chart {
    /// Period starts as ISO dates, in order.
    pub x: Vec<String>,
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

/// Pivots `agg` with the date column `date` on x, one series per combination of `groups`,
/// values from `metric`. Missing points are zero for counts and sums, gaps otherwise.
pub fn pivot(agg: &Aggregate, date: &str, period: Period, groups: &[String], metric: &str, additive: bool) -> Chart {
    let text = |c: &Cell| match c {
        Cell::Null => "(none)".to_string(),
        Cell::Text(t) => t.clone(),
        Cell::Num(n) => n.to_string(),
        Cell::Bool(b) => b.to_string(),
    };
    let Some(dates) = agg.column(date) else {
        return Chart { x: vec![], labels: vec![], series: vec![], metric: metric.to_string() };
    };
    let mut x: Vec<String> =
        dates.values.iter().filter_map(|c| if let Cell::Text(t) = c { Some(t.clone()) } else { None }).collect();
    x.sort();
    x.dedup();
    let group_cols: Vec<_> = groups.iter().filter_map(|g| agg.column(g)).collect();
    let values = agg.column(metric);
    let mut names: Vec<String> = Vec::new();
    let mut series: Vec<Series> = Vec::new();
    for row in 0..agg.rows as usize {
        let Cell::Text(d) = &dates.values[row] else {
            continue;
        };
        let name = if group_cols.is_empty() {
            metric.to_string()
        } else {
            group_cols.iter().map(|c| text(&c.values[row])).collect::<Vec<_>>().join(" · ")
        };
        let idx = match names.iter().position(|n| *n == name) {
            Some(i) => i,
            None => {
                names.push(name.clone());
                series.push(Series { name, values: vec![if additive { Some(0.0) } else { None }; x.len()] });
                names.len() - 1
            }
        };
        let xi = x.binary_search(d).unwrap_or(0);
        let v = values.and_then(|c| if let Cell::Num(n) = c.values[row] { Some(n) } else { None });
        series[idx].values[xi] = v.or(if additive { Some(0.0) } else { None });
    }
    // Largest series first: the legend reads in order of importance.
    series.sort_by(|a, b| {
        let sa: f64 = a.values.iter().flatten().sum();
        let sb: f64 = b.values.iter().flatten().sum();
        sb.partial_cmp(&sa).unwrap_or(std::cmp::Ordering::Equal).then(a.name.cmp(&b.name))
    });
    let labels = x.iter().map(|d| period_label(d, period)).collect();
    Chart { x, labels, series, metric: metric.to_string() }
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
}
