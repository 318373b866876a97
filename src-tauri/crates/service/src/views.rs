//! What the window is told about accounts, data sets and progress: small, typed, no secrets.

use lens_model::dataset::{DatasetId, FieldType};
use serde::Serialize;

use lens_auth::Account;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AccountView {
    pub id: String,
    pub name: String,
    pub cloud: String,
    pub sample: bool,
}

impl From<&Account> for AccountView {
    fn from(a: &Account) -> Self {
        AccountView { id: a.id.clone(), name: a.name.clone(), cloud: a.cloud.title().into(), sample: a.sample }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldInfo {
    pub name: String,
    /// The field's name in plain words: `creationDate` → "Creation date".
    pub label: String,
    pub kind: FieldType,
    pub groupable: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DatasetInfo {
    pub id: DatasetId,
    pub title: String,
    pub fields: Vec<FieldInfo>,
    pub default_date: String,
    pub default_term: String,
}

/// "creationDate" → "Creation date", "customerTenantId" → "Customer tenant ID".
pub fn label(field: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for ch in field.chars() {
        if ch.is_uppercase() && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        cur.push(ch);
    }
    words.push(cur);
    let words: Vec<String> = words
        .into_iter()
        .enumerate()
        .map(|(i, w)| match w.to_lowercase().as_str() {
            "id" => "ID".to_string(),
            "mpn" => "MPN".to_string(),
            l if i == 0 => {
                let mut c = l.chars();
                c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
            }
            l => l.to_string(),
        })
        .collect();
    words.join(" ")
}

pub fn dataset_info(id: DatasetId) -> DatasetInfo {
    let spec = id.spec();
    DatasetInfo {
        id,
        title: id.title().into(),
        fields: spec
            .fields
            .iter()
            .map(|f| FieldInfo { name: f.name.into(), label: label(f.name), kind: f.ty, groupable: f.groupable })
            .collect(),
        default_date: spec.default_date.into(),
        default_term: spec.default_term.into(),
    }
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
    fn labels_are_plain_words() {
        assert_eq!(label("creationDate"), "Creation date");
        assert_eq!(label("customerTenantId"), "Customer tenant ID");
        assert_eq!(label("id"), "ID");
        assert_eq!(label("subscriptionType"), "Subscription type");
    }
}
