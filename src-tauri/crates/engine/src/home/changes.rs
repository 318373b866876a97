//! What changed between two copies of a table, row by row by an id: rows that appeared, rows
//! that went, and rows whose status became a given one.

use std::collections::{HashMap, HashSet};

use polars::prelude::*;

use super::texts;
use crate::error::EngineError;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    pub added: u32,
    pub removed: u32,
    /// Rows whose status was another and is now this one, per status.
    pub became: Vec<(String, u32)>,
}

/// Compares `before` and `after` by `id`; `status` (if given) for rows in both.
pub fn changes(before: &DataFrame, after: &DataFrame, id: &str, status: Option<&str>) -> Result<Changes, EngineError> {
    let old_ids = texts(before, id)?;
    let new_ids = texts(after, id)?;
    let old_set: HashSet<&str> = old_ids.iter().flatten().map(String::as_str).collect();
    let new_set: HashSet<&str> = new_ids.iter().flatten().map(String::as_str).collect();
    let added = new_set.iter().filter(|i| !old_set.contains(*i)).count() as u32;
    let removed = old_set.iter().filter(|i| !new_set.contains(*i)).count() as u32;
    let mut became: Vec<(String, u32)> = Vec::new();
    if let Some(st) = status {
        let old_status: HashMap<&str, Option<String>> =
            old_ids.iter().zip(texts(before, st)?).filter_map(|(i, s)| Some((i.as_deref()?, s))).collect();
        let mut counts: std::collections::BTreeMap<String, u32> = Default::default();
        for (i, s) in new_ids.iter().zip(texts(after, st)?) {
            let (Some(i), Some(s)) = (i.as_deref(), s) else { continue };
            if let Some(old) = old_status.get(i)
                && old.as_deref() != Some(s.as_str())
            {
                *counts.entry(s).or_default() += 1;
            }
        }
        became = counts.into_iter().collect();
    }
    Ok(Changes { added, removed, became })
}
