//! Every documented form at once: with `SimConfig::every_form`, each date cell of a raw row is
//! rewritten in one of the forms the service is known to send, in turn by row and field, and
//! unknown fields with nested values are added. What a client keeps of such pages is then
//! checked against exactly what was served.

use lens_model::dataset::DatasetSpec;
use lens_model::dates::{self, DateStyle};
use serde_json::{Map, Value, json};

/// How many forms [`date_form`] cycles through.
pub const FORMS: usize = 13;

/// The `k`-th documented form of the instant `micros` (`k < FORMS`): 0 to 7 fraction digits
/// with no zone, the date alone, milliseconds with `Z`, `+00:00`, null and the year-one marker.
pub fn date_form(micros: i64, k: usize, row: usize) -> Value {
    let text = match k {
        0..=6 => dates::format(micros, DateStyle::Digits(k as u8)),
        7 => {
            // A seventh digit of 100 ns ticks, finer than the microseconds a client keeps.
            let mut s = dates::format(micros, DateStyle::Digits(7));
            s.pop();
            s.push(char::from(b'1' + (row % 9) as u8));
            s
        }
        8 => dates::format(micros, DateStyle::DateOnly),
        9 => dates::format(micros, DateStyle::Millis) + "Z",
        10 => dates::format(micros, DateStyle::Offset),
        11 => return Value::Null,
        _ => "0001-01-01T00:00:00".to_string(),
    };
    Value::String(text)
}

/// Rewrites the row written at `out[start..]`.
pub fn rewrite_row(out: &mut String, start: usize, spec: &DatasetSpec, row: usize) {
    let Ok(Value::Object(mut obj)) = serde_json::from_str::<Value>(&out[start..]) else { return };
    for (f, field) in spec.fields.iter().enumerate().filter(|(_, f)| f.is_date()) {
        let Some(v) = obj.get_mut(field.name) else { continue };
        // Null cells stay null; the forms apply to dates the world has.
        if let Some(micros) = v.as_str().and_then(|t| dates::parse_micros(t).ok().flatten()) {
            *v = date_form(micros, (row + f) % FORMS, row);
        }
    }
    add_unknown_fields(&mut obj, row);
    out.truncate(start);
    out.push_str(&Value::Object(obj).to_string());
}

fn add_unknown_fields(obj: &mut Map<String, Value>, row: usize) {
    const TIERS: [&str; 3] = ["gold", "silver", "bronze"];
    obj.insert(
        "partnerAttributes".into(),
        json!({"tier": TIERS[row % 3], "programs": [row % 5, row % 7], "verified": row.is_multiple_of(2)}),
    );
    obj.insert("regionCodes".into(), json!(["EU", format!("R{}", row % 4)]));
    obj.insert("sourceSystem".into(), json!("PartnerCenter"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_parses_back_to_the_instant_or_none() {
        let t = dates::ymd(2015, 1, 5) + 18_927_094_256;
        for k in 0..FORMS {
            let v = date_form(t, k, 4);
            let back = v.as_str().map(|s| dates::parse_micros(s).unwrap());
            match k {
                0 | 1 => assert_eq!(back, Some(Some(t - 94_256))),
                2 => assert_eq!(back, Some(Some(t - 4_256))),
                6 | 7 => assert_eq!(back, Some(Some(t)), "{v}"),
                8 => assert_eq!(back, Some(Some(dates::ymd(2015, 1, 5)))),
                11 => assert_eq!(v, Value::Null),
                12 => assert_eq!(back, Some(None)),
                _ => assert!(back.unwrap().is_some()),
            }
        }
        assert_eq!(date_form(t, 7, 4), json!("2015-01-05T05:15:27.0942565"));
    }
}
