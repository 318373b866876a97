//! Sentences from typed parts, so they read well in every case: a rise, a fall, a new entry, a
//! disappearance; one thing or many; a change too small to name.

use super::specs::Noun;

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// 1234567.8 → "1,234,568" (whole numbers; a figure in a sentence needs no decimals).
pub fn number(n: f64) -> String {
    let r = n.round() as i64;
    let digits = r.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if r < 0 { format!("-{out}") } else { out }
}

/// 42.37 → "42%", 3.14 → "3.1%": no more precision than a person reads.
pub fn percent(p: f64) -> String {
    let a = p.abs();
    if a >= 10.0 { format!("{:.0}%", a) } else { format!("{:.1}%", a) }
}

/// "1 subscription", "12 subscriptions".
pub fn count(n: f64, noun: Noun) -> String {
    format!("{} {}", number(n), noun.of(n.round()))
}

/// How a figure compares with the period before: "up 3.1% on October", "down 4 on October"
/// (for small numbers a count reads better than a percentage), "the same as October".
pub fn change_on(current: f64, previous: f64, previous_name: &str) -> String {
    if (current - previous).abs() < 0.5 {
        return format!("the same as {previous_name}");
    }
    if previous.abs() < 0.5 {
        return format!("none in {previous_name}");
    }
    let dir = if current > previous { "up" } else { "down" };
    if previous < 20.0 {
        return format!("{dir} {} on {previous_name}", number((current - previous).abs()));
    }
    format!("{dir} {} on {previous_name}", percent((current - previous) / previous * 100.0))
}

/// The kinds of move a highlight can describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Rise,
    Fall,
    New,
    Gone,
}

pub struct MoveWords<'a> {
    /// "Azure usage", "New subscriptions".
    pub subject: &'a str,
    /// "in westeurope".
    pub phrase: String,
    pub direction: Direction,
    pub previous: f64,
    pub current: f64,
    pub unit: Noun,
    pub month: &'a str,
    pub previous_month: &'a str,
    /// Who drove it, and their share of the change.
    pub driver: Option<(String, f64)>,
}

pub fn sentence(m: &MoveWords) -> String {
    end_once(body(m))
}

/// One full stop at the end, even when the sentence ends in a name that has one ("Inc.").
fn end_once(s: String) -> String {
    match s.strip_suffix("..") {
        Some(t) => format!("{t}."),
        None => s,
    }
}

fn body(m: &MoveWords) -> String {
    let who = |m: &MoveWords| match &m.driver {
        Some((name, share)) if *share >= 0.5 => format!(", most of it from {name}"),
        _ => String::new(),
    };
    match m.direction {
        Direction::Rise => format!(
            "{} {} rose {} in {}{}.",
            m.subject,
            m.phrase,
            percent((m.current - m.previous) / m.previous * 100.0),
            m.month,
            who(m)
        ),
        Direction::Fall => format!(
            "{} {} fell {} in {}, from {} to {}{}.",
            m.subject,
            m.phrase,
            percent((m.current - m.previous) / m.previous * 100.0),
            m.month,
            number(m.previous),
            number(m.current),
            who(m)
        ),
        Direction::New => {
            format!("{} {} started in {}: {}{}.", m.subject, m.phrase, m.month, count(m.current, m.unit), who(m))
        }
        Direction::Gone => format!(
            "{} {} stopped in {}: {} in {}, none in {}.",
            m.subject,
            m.phrase,
            m.month,
            count(m.previous, m.unit),
            m.previous_month,
            m.month
        ),
    }
}

/// "Since Monday: 12 new subscriptions, 3 suspended, 1 reseller added."
pub fn since(when: &str, parts: &[String]) -> String {
    if parts.is_empty() {
        return format!("Nothing has changed since {when}.");
    }
    format!("Since {when}: {}.", parts.join(", "))
}
