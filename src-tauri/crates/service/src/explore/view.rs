//! One question in Explore, as the window's route and a saved view hold it: a data set, filter
//! chips, up to two fields to split by, a date field by period, metrics, top N, the change
//! against the previous period, and how to draw it.

use lens_engine::question::TopN;
use lens_engine::{DateAxis, Metric, Period, Question};
use lens_model::dataset::{DatasetId, FieldType};
use serde::{Deserialize, Serialize};

use super::filters::FilterChip;

/// How the answer is drawn. `Auto` picks from the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ChartKind {
    #[default]
    Auto,
    Line,
    Bar,
    Stacked,
    /// No chart: the table alone.
    Table,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct View {
    pub dataset: DatasetId,
    #[serde(default)]
    pub filters: Vec<FilterChip>,
    /// Fields to split by (at most two).
    #[serde(default)]
    pub group_by: Vec<String>,
    #[serde(default)]
    pub date: Option<DateAxis>,
    /// Empty: the data set's usual metrics.
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// Keep the N largest values of the first split field; the rest become "Other".
    #[serde(default)]
    pub top: Option<u32>,
    #[serde(default)]
    pub change: bool,
    #[serde(default)]
    pub fill_gaps: bool,
    #[serde(default)]
    pub chart: ChartKind,
    /// Filters added by clicking the chart, in order: the breadcrumb back.
    #[serde(default)]
    pub drill: Vec<FilterChip>,
    /// Answer from the copy of the data kept on this day (`YYYY-MM-DD`), not the latest.
    #[serde(default)]
    pub as_of: Option<String>,
    /// Answer from a downloaded report file (its run id in Downloads) instead of the data set.
    #[serde(default)]
    pub file: Option<String>,
}

/// The metrics a data set is usually read with.
pub fn default_metrics(d: DatasetId) -> Vec<Metric> {
    match d {
        DatasetId::Subscriptions => vec![Metric::Count, Metric::Sum("licenseCount".into())],
        DatasetId::AzureUsage => vec![Metric::Count, Metric::Sum("quantity".into())],
        DatasetId::IndirectResellers => {
            vec![Metric::Count, Metric::Sum("subscriptionCount".into()), Metric::Sum("licenseCount".into())]
        }
        DatasetId::Search | DatasetId::Referrals => vec![Metric::Count],
    }
}

/// Fields whose values can be summed or averaged.
pub fn numeric_fields(d: DatasetId) -> Vec<&'static str> {
    d.spec().fields.iter().filter(|f| matches!(f.ty, FieldType::Int | FieldType::Float)).map(|f| f.name).collect()
}

impl View {
    /// The first question anyone asks of a data set: its usual split, by month.
    pub fn of(dataset: DatasetId) -> View {
        let spec = dataset.spec();
        View {
            dataset,
            filters: Vec::new(),
            group_by: vec![spec.default_term.to_string()],
            date: Some(DateAxis { field: spec.default_date.to_string(), period: Period::Month }),
            metrics: Vec::new(),
            top: None,
            change: false,
            fill_gaps: true,
            chart: ChartKind::Auto,
            drill: Vec::new(),
            as_of: None,
            file: None,
        }
    }

    pub fn metrics_or_default(&self) -> Vec<Metric> {
        if self.metrics.is_empty() { default_metrics(self.dataset) } else { self.metrics.clone() }
    }

    /// Filters and drill-down steps together.
    pub fn all_filters(&self) -> Vec<FilterChip> {
        self.filters.iter().chain(&self.drill).cloned().collect()
    }

    /// The engine's question, with `filter` (filter text) applied to the rows.
    pub fn question(&self, filter: Option<String>) -> Question {
        let metrics = self.metrics_or_default();
        Question {
            filter,
            group_by: self.group_by.iter().take(2).cloned().collect(),
            date: self.date.clone(),
            top: self.top.filter(|n| *n > 0).map(|n| TopN { n, by: metrics[0].clone(), other: true }),
            metrics,
            fill_gaps: self.fill_gaps && self.date.is_some(),
            change: self.change && self.date.is_some(),
            sort: None,
        }
    }

    /// The chart a question is best drawn with: a line over time; stacked bars over time when
    /// the first metric adds up across a split; bars for a split without time; a table when
    /// nothing is split.
    pub fn chart_kind(&self) -> ChartKind {
        if self.chart != ChartKind::Auto {
            return self.chart;
        }
        let additive = self.metrics_or_default()[0].additive();
        match (&self.date, self.group_by.is_empty()) {
            (Some(_), true) => ChartKind::Line,
            (Some(_), false) if additive => ChartKind::Stacked,
            (Some(_), false) => ChartKind::Line,
            (None, false) => ChartKind::Bar,
            (None, true) => ChartKind::Table,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_round_trips_and_picks_a_chart() {
        let mut v = View::of(DatasetId::AzureUsage);
        assert_eq!(v.chart_kind(), ChartKind::Stacked);
        v.group_by.clear();
        assert_eq!(v.chart_kind(), ChartKind::Line);
        v.date = None;
        assert_eq!(v.chart_kind(), ChartKind::Table);
        v.group_by = vec!["meterCategory".into()];
        assert_eq!(v.chart_kind(), ChartKind::Bar);
        v.metrics = vec![Metric::Mean("quantity".into())];
        v.date = Some(DateAxis { field: "usageDate".into(), period: Period::Week });
        assert_eq!(v.chart_kind(), ChartKind::Line);
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<View>(&json).unwrap(), v);
        // A route written by an older version (fields missing) still opens.
        let old: View = serde_json::from_str(r#"{"dataset":"search"}"#).unwrap();
        assert_eq!(old.dataset, DatasetId::Search);
        assert!(old.filters.is_empty() && old.group_by.is_empty());
    }
}
