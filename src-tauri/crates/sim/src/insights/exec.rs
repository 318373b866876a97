//! Runs a validated Insights query over a data set's rows: the time range, `WHERE`, then either
//! the distinct combinations of the selected columns with each selected metric aggregated over
//! them, or the selected columns alone; `ORDER BY` (descending unless `ASC`), `LIMIT`.
//! Writes the result as the report file (CSV or TSV) or as try-query rows.

use std::cmp::Ordering;
use std::collections::HashMap;

use lens_model::dates::{self, DateStyle, MICROS_PER_DAY};
use lens_model::insights::catalog::Timespan;
use lens_model::insights::ql::{self, CmpOp, QlValue};

use super::validate::Validated;

use super::tables::{IVal, InsightsTable, REVENUE};
use crate::world::World;

/// How a metric is computed from rows.
#[derive(Debug, Clone, Copy)]
enum Agg {
    Distinct(usize),
    Sum(usize),
    Count,
}

fn metric_agg(t: &InsightsTable<'_>, metric: &str) -> Agg {
    let col = |names: &[&str]| names.iter().find_map(|n| t.index(n));
    let found = match metric {
        "CustomerCount" => col(&["CustomerName"]).map(Agg::Distinct),
        "CustomerTenantCount" => col(&["CustomerTenantId"]).map(Agg::Distinct),
        "SubscriptionCount" => col(&["SubscriptionId"]).map(Agg::Distinct),
        "TotalSoldSeats" => col(&["TotalSoldSeats", "AvailableSeats"]).map(Agg::Sum),
        "TotalAssignedSeats" => col(&["TotalAssignedSeats", "AssignedSeats"]).map(Agg::Sum),
        "TotalActiveSeats" => col(&["ActiveSeats"]).map(Agg::Sum),
        "TotalRevenue" | "TotalRevenueAndACR" => col(&[REVENUE]).map(Agg::Sum),
        "LearnerCount" => col(&["UserId"]).map(Agg::Distinct),
        "ResellerCount" => col(&["ResellerName"]).map(Agg::Distinct),
        "CompetencyCount" => col(&["CompetencyName"]).map(Agg::Distinct),
        "TotalActiveUsers" => col(&["ActiveUsers"]).map(Agg::Sum),
        "TotalMinutes" => col(&["Minutes"]).map(Agg::Sum),
        // Documented metrics follow two patterns: TotalX sums the column X (TotalPaidAvailableUnits,
        // TotalMonthlyActiveUsers, TotalAvailableSeats), XCount counts distinct Xs.
        m => m.strip_prefix("Total").and_then(|x| col(&[x])).map(Agg::Sum).or_else(|| {
            m.strip_suffix("Count").and_then(|x| col(&[&format!("{x}Id"), &format!("{x}Name"), x])).map(Agg::Distinct)
        }),
    };
    found.unwrap_or(Agg::Count)
}

#[derive(Debug, Clone)]
pub struct ResultSet {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<IVal>>,
}

/// Days `[from, to)` the run covers: the report's QueryStartTime/QueryEndTime when given,
/// else the query's TIMESPAN (LAST_6_MONTHS by default).
pub fn range(v: &Validated, today: i64, explicit: Option<(i64, i64)>) -> (i64, i64) {
    explicit.unwrap_or_else(|| v.query.timespan.unwrap_or(Timespan::Last6Months).days(today))
}

fn text_of(v: &IVal) -> String {
    match v {
        IVal::Null => String::new(),
        IVal::Num(n) => format_num(*n),
        IVal::Text(s) => s.clone(),
        IVal::Date(d) => dates::format(d * MICROS_PER_DAY, DateStyle::DateOnly),
    }
}

fn format_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n:.2}") }
}

fn compare(cell: &IVal, value: &QlValue) -> Option<Ordering> {
    match (cell, value) {
        (IVal::Num(a), QlValue::Num(b)) => a.partial_cmp(b),
        (IVal::Num(a), QlValue::Str(s)) => s.trim().parse::<f64>().ok().and_then(|b| a.partial_cmp(&b)),
        (IVal::Date(d), QlValue::Str(s)) => {
            let t = dates::parse_micros(s).ok().flatten()?;
            Some(d.cmp(&t.div_euclid(MICROS_PER_DAY)))
        }
        (IVal::Text(a), v) => Some(a.to_lowercase().cmp(&text_of_value(v).to_lowercase())),
        _ => None,
    }
}

fn text_of_value(v: &QlValue) -> String {
    match v {
        QlValue::Num(n) => format_num(*n),
        QlValue::Str(s) => s.clone(),
    }
}

fn holds(cell: &IVal, op: CmpOp, values: &[QlValue]) -> bool {
    let c = || compare(cell, &values[0]);
    match op {
        CmpOp::Eq => c() == Some(Ordering::Equal),
        CmpOp::Ne => c() != Some(Ordering::Equal),
        CmpOp::Gt => c() == Some(Ordering::Greater),
        CmpOp::Lt => c() == Some(Ordering::Less),
        CmpOp::Ge => matches!(c(), Some(Ordering::Greater | Ordering::Equal)),
        CmpOp::Le => matches!(c(), Some(Ordering::Less | Ordering::Equal)),
        CmpOp::Like => ql::like(&text_of(cell), &text_of_value(&values[0])),
        CmpOp::NotLike => !ql::like(&text_of(cell), &text_of_value(&values[0])),
        CmpOp::In => values.iter().any(|v| compare(cell, v) == Some(Ordering::Equal)),
        CmpOp::NotIn => !values.iter().any(|v| compare(cell, v) == Some(Ordering::Equal)),
    }
}

fn order(a: &IVal, b: &IVal) -> Ordering {
    match (a, b) {
        (IVal::Num(x), IVal::Num(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (IVal::Date(x), IVal::Date(y)) => x.cmp(y),
        (IVal::Text(x), IVal::Text(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
        (IVal::Null, IVal::Null) => Ordering::Equal,
        (IVal::Null, _) => Ordering::Less,
        (_, IVal::Null) => Ordering::Greater,
        _ => Ordering::Equal,
    }
}

/// Executes `v` over the world as of `today`; `cap` limits the rows (the try-query's 100).
pub fn execute(
    world: &World,
    v: &Validated,
    today: i64,
    explicit: Option<(i64, i64)>,
    cap: Option<usize>,
) -> ResultSet {
    let t = InsightsTable::new(world, v.dataset.clone());
    let (from, to) = range(v, today, explicit);
    let date_idx = v.dataset.date_column.as_deref().and_then(|c| t.index(c));
    let conds: Vec<(usize, CmpOp, &[QlValue])> =
        v.query.conditions.iter().filter_map(|c| t.index(&c.column).map(|i| (i, c.op, c.values.as_slice()))).collect();
    let dims: Vec<usize> = v.dimensions.iter().filter_map(|d| t.index(d)).collect();
    let aggs: Vec<Agg> = v.metrics.iter().map(|m| metric_agg(&t, m)).collect();
    let limit = v.query.limit.map(|l| l as usize).into_iter().chain(cap).min();
    // Without metrics, ordering or DISTINCT the first rows are the answer: stop early.
    let streaming = aggs.is_empty() && v.query.order_by.is_empty() && !v.query.distinct;

    let mut plain: Vec<Vec<IVal>> = Vec::new();
    // Per group: its selected values, a running sum a metric, and the distinct values a metric.
    type Acc = (Vec<IVal>, Vec<f64>, Vec<std::collections::HashSet<String>>);
    let mut groups: HashMap<Vec<String>, Acc> = HashMap::new();
    let mut group_order: Vec<Vec<String>> = Vec::new();
    for i in 0..t.len() {
        let Some(row) = t.row(i) else { continue };
        if let Some(di) = date_idx
            && let IVal::Date(d) = row[di]
            && (d < from || d >= to)
        {
            continue;
        }
        if !conds.iter().all(|(ci, op, vals)| holds(&row[*ci], *op, vals)) {
            continue;
        }
        let key_vals: Vec<IVal> = dims.iter().map(|&d| row[d].clone()).collect();
        if aggs.is_empty() {
            plain.push(key_vals);
            if streaming && limit.is_some_and(|l| plain.len() >= l) {
                break;
            }
            continue;
        }
        let key: Vec<String> = key_vals.iter().map(text_of).collect();
        let entry = groups.entry(key.clone()).or_insert_with(|| {
            group_order.push(key);
            (key_vals, vec![0.0; aggs.len()], vec![Default::default(); aggs.len()])
        });
        for (slot, agg) in aggs.iter().enumerate() {
            match agg {
                Agg::Count => entry.1[slot] += 1.0,
                Agg::Sum(c) => entry.1[slot] += if let IVal::Num(n) = row[*c] { n } else { 0.0 },
                Agg::Distinct(c) => {
                    entry.2[slot].insert(text_of(&row[*c]));
                }
            }
        }
    }

    let mut rows: Vec<Vec<IVal>> = if aggs.is_empty() {
        if v.query.distinct {
            let mut seen = std::collections::HashSet::new();
            plain.retain(|r| seen.insert(r.iter().map(text_of).collect::<Vec<_>>()));
        }
        plain
    } else {
        group_order
            .into_iter()
            .filter_map(|k| groups.remove(&k))
            .map(|(mut vals, sums, sets)| {
                for (slot, agg) in aggs.iter().enumerate() {
                    vals.push(IVal::Num(match agg {
                        Agg::Distinct(_) => sets[slot].len() as f64,
                        _ => (sums[slot] * 100.0).round() / 100.0,
                    }));
                }
                vals
            })
            .collect()
    };
    // Columns in the order selected: dimensions then metrics were collected; reorder to the
    // SELECT list.
    let collected: Vec<&String> = v.dimensions.iter().chain(v.metrics.iter()).collect();
    let perm: Vec<usize> = v.query.select.iter().map(|s| collected.iter().position(|c| *c == s).unwrap_or(0)).collect();
    rows = rows.into_iter().map(|r| perm.iter().map(|&p| r.get(p).cloned().unwrap_or(IVal::Null)).collect()).collect();

    if !v.query.order_by.is_empty() {
        let keys: Vec<(usize, bool)> = v
            .query
            .order_by
            .iter()
            .filter_map(|o| v.query.select.iter().position(|s| *s == o.column).map(|i| (i, o.descending)))
            .collect();
        rows.sort_by(|a, b| {
            for &(i, desc) in &keys {
                let o = order(&a[i], &b[i]);
                let o = if desc { o.reverse() } else { o };
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        });
    }
    if let Some(l) = limit {
        rows.truncate(l);
    }
    ResultSet { columns: v.query.select.clone(), rows }
}

/// Whether a column holds revenue or Azure consumed revenue (ACR), which the data definitions
/// say only Executive report viewers may see: `BilledRevenueUSD`, `TotalACR`, `ACR_USD`…
/// (not `IsACRDuplicateAtPGALevel`, a flag).
pub fn is_revenue(column: &str) -> bool {
    lens_model::insights::is_revenue_column(column)
}

/// Blanks the revenue columns, as the service does for a caller without the Executive report
/// viewer role; whether there were any.
pub fn redact(rs: &mut ResultSet) -> bool {
    let hidden: Vec<usize> = rs.columns.iter().enumerate().filter(|(_, c)| is_revenue(c)).map(|(i, _)| i).collect();
    for row in &mut rs.rows {
        for &i in &hidden {
            if let Some(v) = row.get_mut(i) {
                *v = IVal::Null;
            }
        }
    }
    !hidden.is_empty()
}

/// The report file: header, then rows; fields quoted when they hold the separator, a quote or
/// a line break.
pub fn to_delimited(rs: &ResultSet, sep: char) -> String {
    let field = |s: &str| {
        if s.contains(sep) || s.contains('"') || s.contains('\n') || s.contains('\r') {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let header: Vec<String> = rs.columns.iter().map(|c| field(c)).collect();
    out.push_str(&header.join(&sep.to_string()));
    out.push_str("\r\n");
    for r in &rs.rows {
        let cells: Vec<String> = r.iter().map(|v| field(&text_of(v))).collect();
        out.push_str(&cells.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// Rows as JSON objects keyed by column name (the try-query answer).
pub fn to_json_rows(rs: &ResultSet) -> Vec<serde_json::Value> {
    rs.rows
        .iter()
        .map(|r| {
            let mut m = serde_json::Map::new();
            for (c, v) in rs.columns.iter().zip(r) {
                let j = match v {
                    IVal::Null => serde_json::Value::Null,
                    // Whole numbers as integers, as the service writes counts.
                    IVal::Num(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => serde_json::json!(*n as i64),
                    IVal::Num(n) => serde_json::json!(n),
                    IVal::Text(s) => serde_json::json!(s),
                    IVal::Date(_) => serde_json::json!(text_of(v)),
                };
                m.insert(c.clone(), j);
            }
            serde_json::Value::Object(m)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    fn parse_and_validate(text: &str) -> Result<Validated, String> {
        super::super::validate::parse_and_validate(&super::super::validate::catalogue(&[]), text)
    }

    fn world() -> World {
        World::new(2, 1200, dates::days_from_civil(2026, 11, 21))
    }

    #[test]
    fn metrics_aggregate_over_the_other_selected_columns() {
        let w = world();
        let today = w.today;
        let v = parse_and_validate("SELECT CustomerMarket, CustomerCount FROM OfficeUsage TIMESPAN LIFETIME").unwrap();
        let rs = execute(&w, &v, today, None, None);
        assert_eq!(rs.columns, vec!["CustomerMarket", "CustomerCount"]);
        let total: f64 = rs.rows.iter().map(|r| if let IVal::Num(n) = r[1] { n } else { 0.0 }).sum();
        let all = execute(
            &w,
            &parse_and_validate("SELECT CustomerCount FROM OfficeUsage TIMESPAN LIFETIME").unwrap(),
            today,
            None,
            None,
        );
        // Each customer is in exactly one market, so counts by market add up to the total.
        assert_eq!(all.rows.len(), 1);
        assert_eq!(IVal::Num(total), all.rows[0][0]);
        // Markets are distinct.
        let mut markets: Vec<String> = rs.rows.iter().map(|r| text_of(&r[0])).collect();
        markets.sort();
        markets.dedup();
        assert_eq!(markets.len(), rs.rows.len());
    }

    #[test]
    fn where_order_limit_and_distinct() {
        let w = world();
        let v = parse_and_validate(
            "SELECT CustomerName, AvailableSeats FROM DynamicsUsage WHERE CustomerMarket IN ('US','GB') AND AvailableSeats >= 50 ORDER BY AvailableSeats LIMIT 5 TIMESPAN LAST_1_YEAR",
        )
        .unwrap();
        let rs = execute(&w, &v, w.today, None, None);
        assert!(rs.rows.len() <= 5 && !rs.rows.is_empty());
        let seats: Vec<f64> = rs.rows.iter().map(|r| if let IVal::Num(n) = r[1] { n } else { -1.0 }).collect();
        assert!(seats.windows(2).all(|p| p[0] >= p[1]), "descending by default: {seats:?}");
        assert!(seats.iter().all(|s| *s >= 50.0));
        let d = execute(
            &w,
            &parse_and_validate("SELECT DISTINCT CustomerMarket FROM OfficeUsage").unwrap(),
            w.today,
            None,
            None,
        );
        let mut m: Vec<String> = d.rows.iter().map(|r| text_of(&r[0])).collect();
        let n = m.len();
        m.dedup();
        assert_eq!(m.len(), n);
    }

    #[test]
    fn time_ranges_select_months() {
        let w = world();
        let v = parse_and_validate(
            "SELECT Month, CustomerCount FROM OfficeUsage ORDER BY Month ASC TIMESPAN LAST_3_MONTHS",
        )
        .unwrap();
        let rs = execute(&w, &v, w.today, None, None);
        let months: Vec<String> = rs.rows.iter().map(|r| text_of(&r[0])).collect();
        assert_eq!(months, vec!["2026-08-01", "2026-09-01", "2026-10-01"]);
    }

    #[test]
    fn files_quote_what_needs_quoting() {
        let rs = ResultSet {
            columns: vec!["Name".into(), "N".into()],
            rows: vec![vec![IVal::Text("Margie's, \"Travel\"".into()), IVal::Num(2.0)]],
        };
        assert_eq!(to_delimited(&rs, ','), "Name,N\r\n\"Margie's, \"\"Travel\"\"\",2\r\n");
        assert_eq!(
            to_delimited(&rs, '\t'),
            "Name\tN\r\nMargie's, \"Travel\"\t2\r\n".replace("Margie's, \"Travel\"", "\"Margie's, \"\"Travel\"\"\"")
        );
    }
}
