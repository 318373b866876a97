//! What the window is told about accounts, data sets and progress: small, typed, no secrets.

use lens_engine::Metric;
use lens_model::dataset::{DatasetId, FieldType};
use serde::Serialize;

use crate::explore::View;
use crate::explore::view::default_metrics;
use crate::labels::{field_label, rows_noun};

/// How a field is filtered without typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum FilterStyle {
    /// Pick from the values the field takes.
    Values,
    /// A date range.
    Dates,
    /// A yes/no switch.
    Flag,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldInfo {
    pub name: String,
    /// The field's name in plain words: `creationDate` → "Creation date".
    pub label: String,
    pub kind: FieldType,
    /// Can split an answer (a term field).
    pub groupable: bool,
    pub filter: FilterStyle,
    /// Whether the service can filter on it (else Partner Lens does, after fetching).
    pub service_filters: bool,
    /// Can be summed and averaged.
    pub numeric: bool,
    /// The service hid its values from this person (revenue without the Executive report
    /// viewer role): shown as "Hidden", never counted or added up.
    pub hidden: bool,
}

/// A metric the window offers, in words.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MetricOption {
    pub metric: Metric,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DatasetInfo {
    pub id: DatasetId,
    pub title: String,
    /// What one row is, counted ("Subscriptions", "Usage records").
    pub rows_noun: String,
    pub fields: Vec<FieldInfo>,
    pub default_date: String,
    pub default_term: String,
    pub default_metrics: Vec<Metric>,
    /// The first question Explore asks of it.
    pub default_view: View,
    /// Every metric the window offers: the count, then totals, averages, lowest and highest of
    /// each number, then distinct counts of the fields an answer can be split by.
    pub metrics: Vec<MetricOption>,
}

fn metric_options(id: DatasetId) -> Vec<MetricOption> {
    let spec = id.spec();
    let noun = rows_noun(id);
    let mut metrics = vec![Metric::Count];
    for f in spec.fields.iter().filter(|f| matches!(f.ty, FieldType::Int | FieldType::Float)) {
        let n = f.name.to_string();
        metrics.extend([Metric::Sum(n.clone()), Metric::Mean(n.clone()), Metric::Min(n.clone()), Metric::Max(n)]);
    }
    for f in spec.fields.iter().filter(|f| f.groupable && f.ty == FieldType::Str) {
        metrics.push(Metric::DistinctCount(f.name.to_string()));
    }
    metrics.into_iter().map(|m| MetricOption { label: crate::labels::metric_label(&m, noun), metric: m }).collect()
}

/// A data set as the window offers it; with `all_accounts`, rows also say which account they
/// are from (a field to split and filter by).
pub fn dataset_info(id: DatasetId, all_accounts: bool) -> DatasetInfo {
    let mut info = dataset_fields(id);
    if all_accounts {
        info.fields.insert(
            0,
            FieldInfo {
                name: crate::workspace::ACCOUNT_FIELD.into(),
                label: "Account".into(),
                kind: FieldType::Str,
                groupable: true,
                filter: FilterStyle::Values,
                service_filters: false,
                numeric: false,
                hidden: false,
            },
        );
    }
    info
}

fn dataset_fields(id: DatasetId) -> DatasetInfo {
    let spec = id.spec();
    DatasetInfo {
        id,
        title: id.title().into(),
        rows_noun: rows_noun(id).into(),
        fields: spec
            .fields
            .iter()
            .map(|f| FieldInfo {
                name: f.name.into(),
                label: field_label(f.name),
                kind: f.ty,
                groupable: f.groupable && !f.is_date(),
                filter: match f.ty {
                    FieldType::DateTime => FilterStyle::Dates,
                    FieldType::Bool => FilterStyle::Flag,
                    _ => FilterStyle::Values,
                },
                service_filters: !f.ops.is_empty(),
                numeric: matches!(f.ty, FieldType::Int | FieldType::Float),
                hidden: false,
            })
            .collect(),
        default_date: spec.default_date.into(),
        default_term: spec.default_term.into(),
        default_metrics: default_metrics(id),
        default_view: View::of(id),
        metrics: metric_options(id),
    }
}

/// A data set's name, for lists of them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DatasetSummary {
    pub id: DatasetId,
    pub title: String,
}

/// The five Analytics data sets, in the order people think of them.
pub fn datasets() -> Vec<DatasetSummary> {
    DatasetId::ALL.iter().map(|d| DatasetSummary { id: *d, title: d.title().into() }).collect()
}

/// Progress of a fetch, for a progress bar.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LoadProgress {
    pub rows: u32,
    pub total: Option<u32>,
    pub pages: u32,
    pub page_count: Option<u32>,
}

impl From<lens_client::Progress> for LoadProgress {
    fn from(p: lens_client::Progress) -> Self {
        LoadProgress {
            rows: p.rows as u32,
            total: p.total.map(|t| t as u32),
            pages: p.pages as u32,
            page_count: p.page_count.map(|c| c as u32),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_set_describes_its_fields_in_words() {
        for id in DatasetId::ALL {
            let info = dataset_info(id, false);
            assert!(info.fields.iter().all(|f| !f.label.is_empty() && !f.label.contains('_')));
            assert!(info.fields.iter().any(|f| f.filter == FilterStyle::Dates), "{id}");
        }
        let s = dataset_info(DatasetId::Subscriptions, false);
        assert_eq!(dataset_info(DatasetId::Subscriptions, true).fields[0].label, "Account");
        let lc = s.fields.iter().find(|f| f.name == "licenseCount").unwrap();
        assert!(lc.numeric && !lc.service_filters);
    }
}
