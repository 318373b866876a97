//! Property tests of the two query languages people type (issue 12): random trees print and
//! parse back to themselves, and random or mutated text never panics, with error positions
//! inside the text. `PROPTEST_CASES` sets the number of cases (256 in `./dev test`, many more
//! in `./dev fuzz`).

use proptest::prelude::*;

use crate::filter::{self, DateLiteral, Filter, Literal, Op};
use crate::insights::catalog::Timespan;
use crate::insights::ql::{self, CmpOp, Condition, InsightsQuery, OrderItem, QlValue};

const FILTER_WORDS: &[&str] = &["and", "or", "contains", "cast"];
const QL_WORDS: &[&str] = &[
    "SELECT", "DISTINCT", "FROM", "WHERE", "AND", "ORDER", "BY", "LIMIT", "TIMESPAN", "ASC", "DESC", "LIKE", "NOT",
    "IN", "OR", "GROUP",
];

fn name(reserved: &'static [&'static str]) -> impl Strategy<Value = String> {
    "[a-zA-Z][a-zA-Z0-9_]{0,10}"
        .prop_filter("not a keyword", move |s| !reserved.iter().any(|k| k.eq_ignore_ascii_case(s)))
}

/// Any text a value may hold: quotes, accents, right-to-left marks, emoji, control characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ']{0,12}",
        any::<String>().prop_map(|s| s.chars().take(16).collect()),
        Just("O''Brien".to_string()),
        Just("\u{202E}evil\u{202C}".to_string()),
    ]
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![(-1_000_000i64..1_000_000).prop_map(|n| n as f64), (-1e9f64..1e9f64)]
}

fn date_text() -> impl Strategy<Value = String> {
    (1990i32..2100, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60, prop::bool::ANY).prop_map(|(y, m, d, h, mi, time)| {
        if time { format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:00Z") } else { format!("{y:04}-{m:02}-{d:02}") }
    })
}

fn compare() -> impl Strategy<Value = Filter> {
    let op = prop::sample::select(vec![Op::Eq, Op::Ne, Op::Gt, Op::Lt, Op::Ge, Op::Le]);
    let value = prop_oneof![
        text().prop_map(Literal::Str),
        any::<bool>().prop_map(Literal::Bool),
        number().prop_map(Literal::Number),
        Just(Literal::Null),
        date_text().prop_map(|t| Literal::Date(DateLiteral::parse(&t, true).unwrap())),
    ];
    prop_oneof![
        (name(FILTER_WORDS), op, value).prop_map(|(field, op, value)| Filter::Compare { field, op, value }),
        (name(FILTER_WORDS), text()).prop_map(|(field, v)| Filter::Compare {
            field,
            op: Op::Contains,
            value: Literal::Str(v)
        }),
    ]
}

/// Trees in the shape the parser builds: no `and` directly inside an `and` (nor `or` in `or`),
/// since printing flattens them.
fn tree() -> impl Strategy<Value = Filter> {
    compare().prop_recursive(4, 24, 4, |inner| {
        let and_part = inner.clone().prop_filter("no and in and", |f| !matches!(f, Filter::And { .. }));
        let or_part = inner.prop_filter("no or in or", |f| !matches!(f, Filter::Or { .. }));
        prop_oneof![
            prop::collection::vec(and_part, 2..4).prop_map(|all| Filter::And { all }),
            prop::collection::vec(or_part, 2..4).prop_map(|any| Filter::Or { any }),
        ]
    })
}

/// Edits that turn good text into the kind of text people paste: cut, doubled, a stray
/// character, a quote removed.
fn mutate(text: &str, edits: &[(usize, u8, char)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(at, kind, c) in edits {
        let at = if chars.is_empty() { 0 } else { at % (chars.len() + 1) };
        match kind % 4 {
            0 => chars.insert(at, c),
            1 if at < chars.len() => {
                chars.remove(at);
            }
            2 => chars.truncate(at),
            _ => {
                let copy: Vec<char> = chars[at..].to_vec();
                chars.extend(copy);
            }
        }
    }
    chars.into_iter().collect()
}

fn stray() -> impl Strategy<Value = char> {
    prop_oneof![prop::sample::select(vec!['(', ')', '\'', ',', ' ', '-', '.', '\0', 'é', '\u{200F}']), any::<char>()]
}

fn check_error_position(text: &str, position: Option<usize>) -> Result<(), TestCaseError> {
    if let Some(p) = position {
        prop_assert!(p <= text.chars().count(), "position {p} beyond the text {text:?}");
    }
    Ok(())
}

proptest! {
    #[test]
    fn fuzz_filter_trees_print_and_parse_back_to_themselves(f in tree()) {
        let printed = f.to_string();
        let back = filter::parse(&printed).map_err(|e| TestCaseError::fail(format!("{printed}: {e}")))?;
        prop_assert_eq!(back, f, "{}", printed);
    }

    #[test]
    fn fuzz_filter_text_never_panics(text in any::<String>()) {
        if let Err(e) = filter::parse(&text) {
            check_error_position(&text, e.position)?;
        }
    }

    #[test]
    fn fuzz_mutated_filters_never_panic(
        f in tree(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), stray()), 1..6),
    ) {
        let text = mutate(&f.to_string(), &edits);
        match filter::parse(&text) {
            Ok(parsed) => {
                // Whatever parses prints as text that parses to the same tree.
                prop_assert_eq!(filter::parse(&parsed.to_string()).ok(), Some(parsed));
            }
            Err(e) => check_error_position(&text, e.position)?,
        }
        let _ = filter::parse_for(&text, crate::DatasetId::Subscriptions.spec());
    }
}

fn ql_value() -> impl Strategy<Value = QlValue> {
    prop_oneof![number().prop_map(QlValue::Num), text().prop_map(QlValue::Str)]
}

fn condition() -> impl Strategy<Value = Condition> {
    let single = prop::sample::select(vec![
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::Gt,
        CmpOp::Lt,
        CmpOp::Ge,
        CmpOp::Le,
        CmpOp::Like,
        CmpOp::NotLike,
    ]);
    prop_oneof![
        (name(QL_WORDS), single, ql_value()).prop_map(|(column, op, v)| Condition { column, op, values: vec![v] }),
        (name(QL_WORDS), prop::bool::ANY, prop::collection::vec(ql_value(), 1..4)).prop_map(|(column, not, values)| {
            Condition { column, op: if not { CmpOp::NotIn } else { CmpOp::In }, values }
        }),
    ]
}

fn query() -> impl Strategy<Value = InsightsQuery> {
    (
        any::<bool>(),
        prop::collection::vec(name(QL_WORDS), 1..5),
        name(QL_WORDS),
        prop::collection::vec(condition(), 0..4),
        prop::collection::vec((name(QL_WORDS), any::<bool>()), 0..3),
        prop::option::of(1u64..1_000_000),
        prop::option::of(prop::sample::select(Timespan::ALL.to_vec())),
    )
        .prop_map(|(distinct, select, from, conditions, order, limit, timespan)| InsightsQuery {
            distinct,
            select,
            from,
            conditions,
            order_by: order.into_iter().map(|(column, descending)| OrderItem { column, descending }).collect(),
            limit,
            timespan,
        })
}

proptest! {
    #[test]
    fn fuzz_insights_queries_print_and_parse_back_to_themselves(q in query()) {
        let printed = q.to_string();
        let back = ql::parse(&printed).map_err(|e| TestCaseError::fail(format!("{printed}: {e}")))?;
        prop_assert_eq!(back, q, "{}", printed);
    }

    #[test]
    fn fuzz_insights_query_text_never_panics(text in any::<String>()) {
        match ql::parse(&text) {
            Ok(q) => {
                let _ = ql::check(&q, &crate::insights::Catalogue::default());
            }
            Err(e) => check_error_position(&text, e.position)?,
        }
    }

    #[test]
    fn fuzz_mutated_insights_queries_never_panic(
        q in query(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), stray()), 1..6),
    ) {
        let text = mutate(&q.to_string(), &edits);
        match ql::parse(&text) {
            Ok(parsed) => prop_assert_eq!(ql::parse(&parsed.to_string()).ok(), Some(parsed)),
            Err(e) => check_error_position(&text, e.position)?,
        }
        let _ = ql::parse(&text).map(|q| ql::check(&q, &crate::insights::Catalogue::default()));
        let _ = ql::like(&text, "%a_b%");
    }
}
