//! The values a field takes in the loaded table, most frequent first, for the value list of a
//! filter: searchable, with how many rows have each.

use polars::prelude::*;
use serde::Serialize;

use crate::error::ServiceError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ValueCount {
    /// `None` is the empty value.
    pub value: Option<String>,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldValues {
    pub values: Vec<ValueCount>,
    /// How many distinct values match the search (more than `values` holds when cut off).
    pub distinct: u32,
}

/// Up to `limit` values of `field` containing `search` (case ignored). CPU work.
pub fn field_values(
    df: &DataFrame,
    field: &str,
    search: Option<&str>,
    limit: usize,
) -> Result<FieldValues, ServiceError> {
    let (name, _) = lens_engine::filter_expr::resolve(df.schema(), field)?;
    let text = col(name.clone()).cast(DataType::String).alias("value");
    let counted = df
        .clone()
        .lazy()
        .select([text])
        .group_by([col("value")])
        .agg([len().cast(DataType::UInt32).alias("count")])
        .collect()?;
    let needle = search.map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty());
    let values = counted.column("value")?.str()?.clone();
    let counts = counted.column("count")?.u32()?.clone();
    let mut out: Vec<ValueCount> = values
        .iter()
        .zip(counts.iter())
        .filter(|(v, _)| match (&needle, v) {
            (Some(n), Some(v)) => v.to_lowercase().contains(n.as_str()),
            (Some(_), None) => false,
            (None, _) => true,
        })
        .map(|(v, c)| ValueCount { value: v.map(str::to_string), count: c.unwrap_or(0) })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    let distinct = out.len() as u32;
    out.truncate(limit.clamp(1, 10_000));
    Ok(FieldValues { values: out, distinct })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_frequent_first_searchable_with_empties() {
        let df = df!("t" => [Some("Office"), Some("Azure"), Some("Office"), None, Some("Dynamics")]).unwrap();
        let all = field_values(&df, "t", None, 10).unwrap();
        assert_eq!(all.distinct, 4);
        assert_eq!(all.values[0], ValueCount { value: Some("Office".into()), count: 2 });
        assert!(all.values.iter().any(|v| v.value.is_none()));
        let some = field_values(&df, "T", Some("AZ"), 10).unwrap();
        assert_eq!(some.values, vec![ValueCount { value: Some("Azure".into()), count: 1 }]);
        let cut = field_values(&df, "t", None, 2).unwrap();
        assert_eq!((cut.values.len(), cut.distinct), (2, 4));
    }
}
