//! One cell of a known field into its column, converting what the service is known to send:
//! counts as strings (**quirk**), text fields as numbers (`mpnId`, **quirk**), a whole-number
//! field with a fraction (the column becomes decimal rather than lose it), dates in every
//! documented form. Both page readers use these, so they convert alike.

use lens_model::batch::ColumnData;
use lens_model::dates;

/// `Err` is a bad value, in words: the row is dropped and reported, the page goes on.
pub type CellResult = Result<(), String>;

pub fn int_from_f64(v: f64) -> Option<i64> {
    (v.fract() == 0.0 && v.abs() < 9.0e15).then_some(v as i64)
}

pub fn bool(data: &mut ColumnData, v: bool) -> CellResult {
    match data {
        ColumnData::Bool(c) => c.push(Some(v)),
        ColumnData::Str(c) => c.push(Some(if v { "true" } else { "false" })),
        _ => return Err(format!("expected {}, got true/false", expected(data))),
    }
    Ok(())
}

pub fn int(data: &mut ColumnData, v: i64) -> CellResult {
    match data {
        ColumnData::Int(c) => c.push(Some(v)),
        ColumnData::Float(c) => c.push(Some(v as f64)),
        // A string field sent as a number (mpnId, **quirk**).
        ColumnData::Str(c) => c.push(Some(&v.to_string())),
        _ => return Err(format!("expected {}, got the number {v}", expected(data))),
    }
    Ok(())
}

pub fn float(data: &mut ColumnData, v: f64) -> CellResult {
    match data {
        ColumnData::Float(c) => c.push(Some(v)),
        ColumnData::Int(c) => match int_from_f64(v) {
            Some(i) => c.push(Some(i)),
            None if v.is_finite() => push_promoted(data, v),
            None => return Err(format!("expected a whole number, got {v}")),
        },
        ColumnData::Str(c) => c.push(Some(&v.to_string())),
        _ => return Err(format!("expected {}, got the number {v}", expected(data))),
    }
    Ok(())
}

fn push_promoted(data: &mut ColumnData, v: f64) {
    data.promote_to_float();
    if let ColumnData::Float(c) = data {
        c.push(Some(v));
    }
}

pub fn text(data: &mut ColumnData, v: &str) -> CellResult {
    match data {
        ColumnData::Str(c) => c.push(Some(v)),
        ColumnData::Date(c) => match dates::parse_micros(v) {
            Ok(t) => c.push(t),
            Err(_) => return Err(format!("\"{}\" is not a date", short(v))),
        },
        // Counts arrive as strings in grouped answers (**quirk**).
        ColumnData::Int(c) => {
            let t = v.trim();
            match t.parse::<i64>().ok().or_else(|| t.parse::<f64>().ok().and_then(int_from_f64)) {
                Some(i) => c.push(Some(i)),
                None if t.is_empty() => c.push(None),
                None => match t.parse::<f64>() {
                    Ok(x) if x.is_finite() => push_promoted(data, x),
                    _ => return Err(format!("\"{}\" is not a whole number", short(v))),
                },
            }
        }
        ColumnData::Float(c) => match v.trim().parse::<f64>() {
            Ok(x) => c.push(Some(x)),
            Err(_) if v.trim().is_empty() => c.push(None),
            Err(_) => return Err(format!("\"{}\" is not a number", short(v))),
        },
        ColumnData::Bool(c) => match v.to_ascii_lowercase().as_str() {
            "true" => c.push(Some(true)),
            "false" => c.push(Some(false)),
            _ => return Err(format!("\"{}\" is not true or false", short(v))),
        },
    }
    Ok(())
}

pub fn expected(d: &ColumnData) -> &'static str {
    match d {
        ColumnData::Str(_) => "text",
        ColumnData::Bool(_) => "true or false",
        ColumnData::Int(_) => "a whole number",
        ColumnData::Float(_) => "a number",
        ColumnData::Date(_) => "a date",
    }
}

fn short(v: &str) -> String {
    if v.chars().count() > 40 { format!("{}…", v.chars().take(40).collect::<String>()) } else { v.to_string() }
}
