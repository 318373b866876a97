//! The Partner Insights query language (seed 004, spec section 3):
//! `SELECT [DISTINCT] col_or_metric, … FROM Dataset [WHERE cond AND cond …]
//! [ORDER BY col [ASC|DESC], …] [LIMIT n] [TIMESPAN range]`.
//! No `SELECT *`, no `GROUP BY`: a selected metric is aggregated over the distinct combinations
//! of the other selected columns. `ORDER BY` defaults to descending. Keywords, names and values
//! are case-insensitive. The simulator executes what this parses; the app checks the names
//! against the account's catalogue before sending, and warns where the catalogue does not know
//! them (the service is the judge).

use std::fmt;

use serde::Serialize;

use super::catalog::{Catalogue, ColKind, Timespan, column_kind};
use crate::quoted::{UNCLOSED, read_quoted};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CmpOp {
    Eq,
    Ne,
    Gt,
    Lt,
    Ge,
    Le,
    Like,
    NotLike,
    In,
    NotIn,
}

impl CmpOp {
    pub fn text(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Lt => "<",
            CmpOp::Ge => ">=",
            CmpOp::Le => "<=",
            CmpOp::Like => "LIKE",
            CmpOp::NotLike => "NOT LIKE",
            CmpOp::In => "IN",
            CmpOp::NotIn => "NOT IN",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum QlValue {
    Num(f64),
    Str(String),
}

impl fmt::Display for QlValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QlValue::Num(n) => write!(f, "{n}"),
            QlValue::Str(s) => write!(f, "'{}'", s.replace('\'', "''")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Condition {
    pub column: String,
    pub op: CmpOp,
    pub values: Vec<QlValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderItem {
    pub column: String,
    pub descending: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InsightsQuery {
    pub distinct: bool,
    pub select: Vec<String>,
    pub from: String,
    pub conditions: Vec<Condition>,
    pub order_by: Vec<OrderItem>,
    pub limit: Option<u64>,
    pub timespan: Option<Timespan>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{message}")]
pub struct QlError {
    pub message: String,
    pub position: Option<usize>,
}

fn err<T>(message: impl Into<String>, position: Option<usize>) -> Result<T, QlError> {
    Err(QlError { message: message.into(), position })
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Num(f64),
    Punct(&'static str),
}

/// Longest query accepted, in characters (the service's own limit is far below a megabyte;
/// a query this long is a pasted file, and its errors would be unreadable).
pub const MAX_QUERY_CHARS: usize = 8000;

/// Positions count characters, not bytes, like the filter language's.
fn tokenize(text: &str) -> Result<Vec<(Tok, usize)>, QlError> {
    let chars: Vec<(usize, char)> = text.chars().enumerate().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '\'' {
            let Some(s) = read_quoted(&chars, &mut i) else { return err(UNCLOSED, Some(pos)) };
            out.push((Tok::Str(s), pos));
            continue;
        }
        let two: String = chars[i..(i + 2).min(chars.len())].iter().map(|(_, c)| c).collect();
        if let Some(p) = [">=", "<=", "!=", "<>"].into_iter().find(|p| *p == two) {
            out.push((Tok::Punct(if p == "<>" { "!=" } else { p }), pos));
            i += 2;
            continue;
        }
        if let Some(p) = [",", "(", ")", "=", ">", "<", "*"].into_iter().find(|p| p.starts_with(c)) {
            out.push((Tok::Punct(p), pos));
            i += 1;
            continue;
        }
        if c.is_ascii_digit() || (c == '-' && chars.get(i + 1).is_some_and(|(_, d)| d.is_ascii_digit())) {
            let start = i;
            i += 1;
            while i < chars.len() && (chars[i].1.is_ascii_digit() || chars[i].1 == '.') {
                i += 1;
            }
            let s: String = chars[start..i].iter().map(|(_, c)| c).collect();
            let n =
                s.parse().map_err(|_| QlError { message: format!("\"{s}\" is not a number"), position: Some(pos) })?;
            out.push((Tok::Num(n), pos));
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].1.is_alphanumeric() || chars[i].1 == '_') {
                i += 1;
            }
            out.push((Tok::Word(chars[start..i].iter().map(|(_, c)| c).collect()), pos));
            continue;
        }
        return err(format!("Unexpected character \"{c}\""), Some(pos));
    }
    Ok(out)
}

struct P {
    toks: Vec<(Tok, usize)>,
    at: usize,
    len: usize,
}

const KEYWORDS: &[&str] = &[
    "SELECT", "DISTINCT", "FROM", "WHERE", "AND", "ORDER", "BY", "LIMIT", "TIMESPAN", "ASC", "DESC", "LIKE", "NOT",
    "IN", "OR", "GROUP",
];

impl P {
    fn pos(&self) -> usize {
        self.toks.get(self.at).map_or(self.len, |t| t.1)
    }
    fn peek_kw(&self, kw: &str) -> bool {
        matches!(self.toks.get(self.at), Some((Tok::Word(w), _)) if w.eq_ignore_ascii_case(kw))
    }
    fn eat_kw(&mut self, kw: &str) -> bool {
        let yes = self.peek_kw(kw);
        if yes {
            self.at += 1;
        }
        yes
    }
    fn expect_kw(&mut self, kw: &str, hint: &str) -> Result<(), QlError> {
        if self.eat_kw(kw) { Ok(()) } else { err(format!("Expected {kw} {hint}"), Some(self.pos())) }
    }
    fn eat_punct(&mut self, p: &str) -> bool {
        let yes = matches!(self.toks.get(self.at), Some((Tok::Punct(q), _)) if *q == p);
        if yes {
            self.at += 1;
        }
        yes
    }
    fn name(&mut self, what: &str) -> Result<String, QlError> {
        let pos = self.pos();
        match self.toks.get(self.at).cloned() {
            Some((Tok::Word(w), _)) if !KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(&w)) => {
                self.at += 1;
                Ok(w)
            }
            _ => err(format!("Expected {what} here"), Some(pos)),
        }
    }
    fn value(&mut self) -> Result<QlValue, QlError> {
        let pos = self.pos();
        match self.toks.get(self.at).cloned() {
            Some((Tok::Str(s), _)) => {
                self.at += 1;
                Ok(QlValue::Str(s))
            }
            Some((Tok::Num(n), _)) => {
                self.at += 1;
                Ok(QlValue::Num(n))
            }
            Some((Tok::Word(w), _)) => {
                err(format!("\"{w}\" is not a value; put text in single quotes: '{w}'"), Some(pos))
            }
            _ => err("Expected a value (a number or 'text') here", Some(pos)),
        }
    }
}

/// Parses query text (names are checked by [`validate`]).
pub fn parse(text: &str) -> Result<InsightsQuery, QlError> {
    let len = text.chars().count();
    if len > MAX_QUERY_CHARS {
        return err(format!("The query is too long ({len} characters; at most {MAX_QUERY_CHARS})"), None);
    }
    let toks = tokenize(text)?;
    let mut p = P { toks, at: 0, len };
    p.expect_kw("SELECT", "at the start of the query")?;
    let distinct = p.eat_kw("DISTINCT");
    if p.eat_punct("*") {
        return err("SELECT * is not supported: name the columns and metrics you want", Some(p.pos()));
    }
    let mut select = vec![p.name("a column or metric name")?];
    while p.eat_punct(",") {
        select.push(p.name("a column or metric name")?);
    }
    p.expect_kw("FROM", "after the selected columns")?;
    let from = p.name("a data set name after FROM")?;
    let mut conditions = Vec::new();
    if p.eat_kw("WHERE") {
        loop {
            let column = p.name("a column name in WHERE")?;
            let opos = p.pos();
            let not = p.eat_kw("NOT");
            let op = if p.eat_kw("LIKE") {
                if not { CmpOp::NotLike } else { CmpOp::Like }
            } else if p.eat_kw("IN") {
                if not { CmpOp::NotIn } else { CmpOp::In }
            } else if not {
                return err("NOT must be followed by LIKE or IN", Some(opos));
            } else if p.eat_punct(">=") {
                CmpOp::Ge
            } else if p.eat_punct("<=") {
                CmpOp::Le
            } else if p.eat_punct("!=") {
                CmpOp::Ne
            } else if p.eat_punct("=") {
                CmpOp::Eq
            } else if p.eat_punct(">") {
                CmpOp::Gt
            } else if p.eat_punct("<") {
                CmpOp::Lt
            } else {
                return err("Expected an operator: =, !=, >, <, >=, <=, LIKE, NOT LIKE, IN or NOT IN", Some(opos));
            };
            let values = if matches!(op, CmpOp::In | CmpOp::NotIn) {
                if !p.eat_punct("(") {
                    return err("IN needs a list in parentheses: IN ('a', 'b')", Some(p.pos()));
                }
                let mut vs = vec![p.value()?];
                while p.eat_punct(",") {
                    vs.push(p.value()?);
                }
                if !p.eat_punct(")") {
                    return err("Expected a closing parenthesis", Some(p.pos()));
                }
                vs
            } else {
                vec![p.value()?]
            };
            conditions.push(Condition { column, op, values });
            if p.peek_kw("OR") {
                return err("Conditions can only be joined with AND", Some(p.pos()));
            }
            if !p.eat_kw("AND") {
                break;
            }
        }
    }
    if p.peek_kw("GROUP") {
        return err(
            "GROUP BY is not supported: selecting a metric aggregates it over the other selected columns",
            Some(p.pos()),
        );
    }
    let mut order_by = Vec::new();
    if p.eat_kw("ORDER") {
        p.expect_kw("BY", "after ORDER")?;
        loop {
            let column = p.name("a column name in ORDER BY")?;
            let descending = !p.eat_kw("ASC");
            if descending {
                p.eat_kw("DESC");
            }
            order_by.push(OrderItem { column, descending });
            if !p.eat_punct(",") {
                break;
            }
        }
    }
    let mut limit = None;
    if p.eat_kw("LIMIT") {
        let pos = p.pos();
        match p.toks.get(p.at).cloned() {
            Some((Tok::Num(n), _)) if n >= 1.0 && n.fract() == 0.0 => {
                p.at += 1;
                limit = Some(n as u64);
            }
            _ => return err("LIMIT needs a whole number of at least 1", Some(pos)),
        }
    }
    let mut timespan = None;
    if p.eat_kw("TIMESPAN") {
        let pos = p.pos();
        let word = p
            .name("a time range after TIMESPAN")
            .or_else(|_| err("Expected a time range such as LAST_MONTH", Some(pos)))?;
        timespan = Some(Timespan::parse(&word).ok_or_else(|| QlError {
            message: format!("\"{word}\" is not a time range; use e.g. LAST_MONTH, LAST_6_MONTHS or LIFETIME"),
            position: Some(pos),
        })?);
    }
    if p.at < p.toks.len() {
        return err("Unexpected text at the end of the query", Some(p.pos()));
    }
    Ok(InsightsQuery { distinct, select, from, conditions, order_by, limit, timespan })
}

/// A query as this app reads it before sending it: names in the catalogue's spelling where the
/// account's catalogue knows them, and what it does not know said as warnings, never refused:
/// Partner Center is the judge, and its catalogue changes.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The query with names in the catalogue's spelling where known.
    pub query: InsightsQuery,
    pub dimensions: Vec<String>,
    pub metrics: Vec<String>,
    /// What to confirm, in plain words.
    pub warnings: Vec<String>,
}

/// Checks names, operators and the time range against the account's catalogue.
pub fn check(q: &InsightsQuery, cat: &Catalogue) -> Checked {
    let mut query = q.clone();
    let mut dimensions = Vec::new();
    let mut metrics = Vec::new();
    let mut warnings = Vec::new();
    let Some(ds) = cat.dataset(&q.from) else {
        warnings.push(format!(
            "Partner Center's catalogue, as last read, has no data set \"{}\": Partner Center will say whether it exists.",
            q.from
        ));
        dimensions = q.select.clone();
        return Checked { query, dimensions, metrics, warnings };
    };
    query.from = ds.name.clone();
    let unknown = |name: &str| {
        format!(
            "\"{name}\" is not in the catalogue of {}, as last read: Partner Center will say whether it exists.",
            ds.name
        )
    };
    for item in &mut query.select {
        if let Some(c) = ds.column(item) {
            *item = c.to_string();
            dimensions.push(c.to_string());
        } else if let Some(m) = ds.metric(item) {
            *item = m.to_string();
            metrics.push(m.to_string());
        } else {
            warnings.push(unknown(item));
            dimensions.push(item.clone());
        }
    }
    for c in &mut query.conditions {
        match ds.column(&c.column) {
            Some(col) => c.column = col.to_string(),
            None if ds.metric(&c.column).is_some() => {
                warnings.push(format!("{} is a metric, and Partner Center filters on columns only.", c.column))
            }
            None => warnings.push(unknown(&c.column)),
        }
        if matches!(c.op, CmpOp::Like | CmpOp::NotLike) && column_kind(&c.column) != ColKind::Text {
            warnings.push(format!("LIKE compares text, and {} does not look like text.", c.column));
        }
    }
    for o in &mut query.order_by {
        match query.select.iter().find(|s| s.eq_ignore_ascii_case(&o.column)) {
            Some(s) => o.column = s.clone(),
            None => warnings
                .push(format!("{} is sorted on but not selected; Partner Center sorts on selected columns.", o.column)),
        }
    }
    if let Some(t) = q.timespan {
        let offered = ds.ranges();
        if !offered.is_empty() && !offered.contains(&t) {
            warnings.push(format!(
                "{} offers {}, not {}.",
                ds.name,
                offered.iter().map(|t| t.keyword()).collect::<Vec<_>>().join(", "),
                t.keyword()
            ));
        }
    }
    Checked { query, dimensions, metrics, warnings }
}

impl fmt::Display for InsightsQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SELECT {}{} FROM {}",
            if self.distinct { "DISTINCT " } else { "" },
            self.select.join(", "),
            self.from
        )?;
        for (i, c) in self.conditions.iter().enumerate() {
            f.write_str(if i == 0 { " WHERE " } else { " AND " })?;
            match c.op {
                CmpOp::In | CmpOp::NotIn => {
                    let vs: Vec<String> = c.values.iter().map(|v| v.to_string()).collect();
                    write!(f, "{} {} ({})", c.column, c.op.text(), vs.join(", "))?;
                }
                _ => write!(f, "{} {} {}", c.column, c.op.text(), c.values[0])?,
            }
        }
        if !self.order_by.is_empty() {
            let items: Vec<String> = self
                .order_by
                .iter()
                .map(|o| format!("{} {}", o.column, if o.descending { "DESC" } else { "ASC" }))
                .collect();
            write!(f, " ORDER BY {}", items.join(", "))?;
        }
        if let Some(n) = self.limit {
            write!(f, " LIMIT {n}")?;
        }
        if let Some(t) = self.timespan {
            write!(f, " TIMESPAN {}", t.keyword())?;
        }
        Ok(())
    }
}

/// SQL `LIKE` with `%` and `_`, ignoring case.
pub fn like(text: &str, pattern: &str) -> bool {
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    // Iterative matcher with backtracking on the last %.
    let (mut ti, mut pi) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '_' || p[pi] == t[ti]) {
            ti += 1;
            pi += 1;
        } else if pi < p.len() && p[pi] == '%' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '%' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dynamics() -> Catalogue {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Catalogue {
            datasets: vec![super::super::catalog::CatalogueDataset {
                name: "DynamicsUsage".into(),
                columns: names(&["SubscriptionId", "CustomerName", "SKU", "CustomerMarket", "AvailableSeats"]),
                metrics: names(&["SubscriptionCount"]),
                date_ranges: names(&["LAST_MONTH", "LAST_6_MONTHS"]),
                minimum_recurrence: Some(24),
            }],
        }
    }

    #[test]
    fn the_seed_query_parses_and_checks() {
        let c = check(&parse("SELECT SubscriptionId from DynamicsUsage ").unwrap(), &dynamics());
        assert_eq!(c.query.from, "DynamicsUsage");
        assert_eq!(c.dimensions, vec!["SubscriptionId"]);
        assert!(c.warnings.is_empty());
        assert_eq!(c.query.to_string(), "SELECT SubscriptionId FROM DynamicsUsage");
    }

    #[test]
    fn every_clause_round_trips_case_insensitively() {
        let text = "select distinct customername, sku, subscriptioncount from dynamicsusage where customermarket in ('US', 'GB') \
                    and sku not like '%trial%' and availableseats >= 10 order by subscriptioncount, customername asc limit 50 timespan last_6_months";
        let c = check(&parse(text).unwrap(), &dynamics());
        assert_eq!(
            c.query.to_string(),
            "SELECT DISTINCT CustomerName, SKU, SubscriptionCount FROM DynamicsUsage WHERE CustomerMarket IN ('US', 'GB') \
             AND SKU NOT LIKE '%trial%' AND AvailableSeats >= 10 ORDER BY SubscriptionCount DESC, CustomerName ASC LIMIT 50 TIMESPAN LAST_6_MONTHS"
        );
        assert_eq!(c.metrics, vec!["SubscriptionCount"]);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert_eq!(parse(&c.query.to_string()).unwrap(), c.query);
    }

    #[test]
    fn the_grammar_is_refused_and_names_are_only_warned_about() {
        for (q, want) in [
            ("SELECT * FROM DynamicsUsage", "SELECT * is not supported"),
            ("SELECT SKU, SubscriptionCount FROM DynamicsUsage GROUP BY SKU", "GROUP BY is not supported"),
            ("SELECT SKU FROM DynamicsUsage WHERE SKU = 'a' OR SKU = 'b'", "only be joined with AND"),
            ("SELECT SKU FROM DynamicsUsage TIMESPAN NEXT_YEAR", "not a time range"),
            ("SELECT SKU FROM DynamicsUsage LIMIT 0", "at least 1"),
            ("SELECT SKU FROM DynamicsUsage WHERE SKU = E3", "single quotes"),
            ("SKU FROM DynamicsUsage", "Expected SELECT"),
        ] {
            let e = parse(q).unwrap_err();
            assert!(e.message.contains(want), "{q}: {}", e.message);
        }
        // A catalogue changes: what it does not know (yet) is for the service to judge.
        for (q, want) in [
            ("SELECT SubscriptionId FROM Invoices", "no data set \"Invoices\""),
            ("SELECT Colour FROM DynamicsUsage", "\"Colour\" is not in the catalogue of DynamicsUsage"),
            ("SELECT SKU FROM DynamicsUsage WHERE SubscriptionCount > 3", "filters on columns only"),
            ("SELECT SKU FROM DynamicsUsage ORDER BY CustomerName", "not selected"),
            ("SELECT SKU FROM DynamicsUsage TIMESPAN LAST_7_DAYS", "offers LAST_MONTH, LAST_6_MONTHS, not LAST_7_DAYS"),
            ("SELECT SKU FROM DynamicsUsage WHERE AvailableSeats LIKE '1%'", "does not look like text"),
        ] {
            let c = check(&parse(q).unwrap(), &dynamics());
            assert!(c.warnings.iter().any(|w| w.contains(want)), "{q}: {:?}", c.warnings);
        }
        let unknown = check(&parse("SELECT Colour FROM DynamicsUsage").unwrap(), &dynamics());
        assert_eq!(unknown.dimensions, ["Colour"], "kept as written, to be sent");
    }

    #[test]
    fn like_matches_sql_wildcards() {
        assert!(like("Office 365 E3", "office%"));
        assert!(like("Office 365 E3", "%365%"));
        assert!(like("E3", "E_"));
        assert!(!like("E35", "E_"));
        assert!(like("abc", "%"));
        assert!(!like("abc", "%d%"));
        assert!(like("a%c", "a%c"));
    }
}
