//! Unknown fields whose values are objects or lists: held in tables as their JSON text (exactly
//! what the service sent), written as nested JSON in JSON files and as nested columns (structs,
//! lists) in Parquet files.

use std::io::Cursor;

use polars::prelude::*;

/// Whether a text cell is a JSON object or list (not a plain word that happens to start with a
/// bracket).
pub fn is_json_container(text: &str) -> bool {
    let t = text.trim_start();
    (t.starts_with('{') || t.starts_with('[')) && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// A column of JSON text as nested data, or `None` when its values do not share one shape that
/// polars can hold (then the text is kept as it is).
pub fn to_nested(c: &Column) -> Option<Column> {
    let text = c.str().ok()?;
    let mut lines = String::with_capacity(text.len() * 16);
    for v in text.iter() {
        lines.push_str("{\"v\":");
        match v {
            Some(t) if is_json_container(t) => lines.push_str(t),
            Some(t) => lines.push_str(&serde_json::to_string(t).ok()?),
            None => lines.push_str("null"),
        }
        lines.push_str("}\n");
    }
    let df = JsonReader::new(Cursor::new(lines.into_bytes()))
        .with_json_format(JsonFormat::JsonLines)
        .infer_schema_len(None)
        .finish()
        .ok()?;
    let col = df.column("v").ok()?.clone().with_name(c.name().clone());
    col.dtype().is_nested().then_some(col)
}

/// The table with its JSON text columns as nested columns, where they convert.
pub fn with_nested(df: &DataFrame, json_columns: &[String]) -> DataFrame {
    if json_columns.is_empty() {
        return df.clone();
    }
    let cols: Vec<Column> = df
        .columns()
        .iter()
        .map(|c| {
            let is_json = json_columns.iter().any(|j| j == c.name().as_str()) && c.dtype() == &DataType::String;
            if is_json { to_nested(c).unwrap_or_else(|| c.clone()) } else { c.clone() }
        })
        .collect();
    DataFrame::new(df.height(), cols).unwrap_or_else(|_| df.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_become_structs_and_words_stay_text() {
        let c = Column::new(
            "ext".into(),
            [Some(r#"{"tier":"gold","seats":[1,2]}"#), None, Some(r#"{"tier":"silver","seats":[]}"#)],
        );
        let n = to_nested(&c).unwrap();
        assert!(matches!(n.dtype(), DataType::Struct(_)), "{:?}", n.dtype());
        assert_eq!(n.len(), 3);
        assert!(!is_json_container("[Test] Org"));
        assert!(is_json_container(" [1, 2]"));
        let words = Column::new("w".into(), [Some("Monthly"), Some("Yearly")]);
        assert!(to_nested(&words).is_none());
    }
}
