//! The Analytics filter language applied locally: a parsed [`Filter`] becomes a polars
//! expression with exactly the semantics the simulator evaluates on the server side (see
//! `lens_model::filter`), so a filter means the same thing wherever it runs. Field types come
//! from the table, so the same filters work on Insights report files.

use lens_model::filter::{self, DateLiteral, Filter, Literal, Op};
use polars::prelude::*;

use crate::error::EngineError;

/// Finds a column by name, ignoring case (as the service does).
pub fn resolve(schema: &Schema, name: &str) -> Result<(PlSmallStr, DataType), EngineError> {
    if let Some(dt) = schema.get(name) {
        return Ok((name.into(), dt.clone()));
    }
    schema
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(n, dt)| (n.clone(), dt.clone()))
        .ok_or_else(|| unknown_column(schema, name))
}

pub fn unknown_column(schema: &Schema, name: &str) -> EngineError {
    let available: Vec<String> = schema.iter_names().map(|n| n.to_string()).collect();
    EngineError::UnknownColumn { column: name.to_string(), available: available.join(", ") }
}

fn datetime(micros: i64) -> Expr {
    lit(micros).cast(DataType::Datetime(TimeUnit::Microseconds, None))
}

/// Parses filter text and turns it into an expression over a table with `schema`.
pub fn parse_to_expr(text: &str, schema: &Schema) -> Result<Expr, EngineError> {
    to_expr(&filter::parse(text)?, schema)
}

pub fn to_expr(f: &Filter, schema: &Schema) -> Result<Expr, EngineError> {
    match f {
        Filter::And { all } => {
            all.iter().map(|p| to_expr(p, schema)).reduce(|a, b| Ok(a?.and(b?))).unwrap_or_else(|| Ok(lit(true)))
        }
        Filter::Or { any } => {
            any.iter().map(|p| to_expr(p, schema)).reduce(|a, b| Ok(a?.or(b?))).unwrap_or_else(|| Ok(lit(false)))
        }
        Filter::Compare { field, op, value } => compare(field, *op, value, schema),
    }
}

fn bad(msg: String) -> EngineError {
    EngineError::BadQuestion(msg)
}

fn compare(field: &str, op: Op, value: &Literal, schema: &Schema) -> Result<Expr, EngineError> {
    let (name, dt) = resolve(schema, field)?;
    let c = col(name.clone());
    if let Literal::Null = value {
        return match op {
            Op::Eq => Ok(c.is_null()),
            Op::Ne => Ok(c.is_not_null()),
            _ => Err(bad(format!("Only eq and ne can compare {name} with null"))),
        };
    }
    let expr = match (&dt, value) {
        (DataType::String, Literal::Str(v)) => match op {
            Op::Eq => c.eq(lit(v.clone())),
            Op::Ne => return Ok(c.neq_missing(lit(v.clone()))),
            Op::Contains => c.str().to_lowercase().str().contains_literal(lit(v.to_lowercase())),
            Op::Gt => c.gt(lit(v.clone())),
            Op::Lt => c.lt(lit(v.clone())),
            Op::Ge => c.gt_eq(lit(v.clone())),
            Op::Le => c.lt_eq(lit(v.clone())),
        },
        (DataType::Boolean, Literal::Bool(b)) => match op {
            Op::Eq => c.eq(lit(*b)),
            Op::Ne => return Ok(c.neq_missing(lit(*b))),
            _ => return Err(bad(format!("{name} is true or false: use eq or ne"))),
        },
        (DataType::Datetime(_, _) | DataType::Date, Literal::Str(_) | Literal::Date(_)) => {
            let d = match value {
                Literal::Date(d) => d.clone(),
                Literal::Str(s) => DateLiteral::parse(s, false).map_err(|e| bad(format!("{name}: {e}")))?,
                _ => unreachable!("matched above"),
            };
            let c = if dt == DataType::Date { c.cast(DataType::Datetime(TimeUnit::Microseconds, None)) } else { c };
            let within = c.clone().gt_eq(datetime(d.start)).and(c.clone().lt(datetime(d.end)));
            match op {
                Op::Eq => within,
                Op::Ne => return Ok(within.not().fill_null(lit(true))),
                Op::Gt => c.gt_eq(datetime(d.end)),
                Op::Ge => c.gt_eq(datetime(d.start)),
                Op::Lt => c.lt(datetime(d.start)),
                Op::Le => c.lt(datetime(d.end)),
                Op::Contains => {
                    return Err(bad(format!("{name} is a date: contains does not apply")));
                }
            }
        }
        (dt, Literal::Number(n)) if dt.is_primitive_numeric() => match op {
            Op::Eq => c.eq(lit(*n)),
            Op::Ne => return Ok(c.neq_missing(lit(*n))),
            Op::Gt => c.gt(lit(*n)),
            Op::Lt => c.lt(lit(*n)),
            Op::Ge => c.gt_eq(lit(*n)),
            Op::Le => c.lt_eq(lit(*n)),
            Op::Contains => {
                return Err(bad(format!("{name} is a number: contains does not apply")));
            }
        },
        // A number column compared with quoted digits, as people write from the docs.
        (dt, Literal::Str(s)) if dt.is_primitive_numeric() => {
            let n: f64 = s.trim().parse().map_err(|_| bad(format!("{name} is a number, not '{s}'")))?;
            return compare(field, op, &Literal::Number(n), schema);
        }
        (dt, v) => {
            return Err(bad(format!("{name} ({}) cannot be compared with {v}", words(dt))));
        }
    };
    Ok(expr.fill_null(lit(false)))
}

fn words(dt: &DataType) -> &'static str {
    match dt {
        DataType::String => "text",
        DataType::Boolean => "true or false",
        DataType::Datetime(_, _) | DataType::Date => "a date",
        d if d.is_primitive_numeric() => "a number",
        _ => "a value",
    }
}
