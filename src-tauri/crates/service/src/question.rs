//! A question from words a person types (the command line's `--group-by`, `--by`, `--metric`):
//! checked, with the data set's usual defaults for what was left out.

use lens_engine::question::TopN;
use lens_engine::{DateAxis, Metric, Period, Question};

use crate::error::ServiceError;

/// Grouping options as given, before checking.
#[derive(Debug, Clone, Default)]
pub struct QuestionSpec {
    pub group_by: Vec<String>,
    /// The date field to split by period.
    pub date: Option<String>,
    /// day, week, month, quarter or year.
    pub by: Option<String>,
    /// `count`, `sum:FIELD`, `distinct:FIELD`, `mean:FIELD`, `min:FIELD`, `max:FIELD`.
    pub metrics: Vec<String>,
    pub top: Option<u32>,
    pub fill_gaps: bool,
    pub change: bool,
}

/// What to fall back on when the spec leaves something out.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    pub date: Option<String>,
    pub term: Option<String>,
    pub metrics: Vec<Metric>,
}

impl QuestionSpec {
    pub fn is_empty(&self) -> bool {
        self.group_by.is_empty() && self.date.is_none() && self.by.is_none() && self.metrics.is_empty()
    }

    pub fn question(&self, filter: Option<String>, defaults: &Defaults) -> Result<Question, ServiceError> {
        let date = match (&self.by, &self.date) {
            (Some(p), d) => {
                let period = Period::parse(p).ok_or_else(|| {
                    ServiceError::usage(format!("--by must be day, week, month, quarter or year, not \"{p}\""))
                })?;
                let field = d
                    .clone()
                    .or_else(|| defaults.date.clone())
                    .ok_or_else(|| ServiceError::usage("--by needs --date FIELD"))?;
                Some(DateAxis { field, period })
            }
            (None, Some(_)) => {
                return Err(ServiceError::usage("--date needs --by (day, week, month, quarter or year)"));
            }
            (None, None) => None,
        };
        let group_by = if self.group_by.is_empty() && date.is_some() {
            defaults.term.iter().cloned().collect()
        } else {
            self.group_by.clone()
        };
        let metrics = if self.metrics.is_empty() {
            if defaults.metrics.is_empty() { vec![Metric::Count] } else { defaults.metrics.clone() }
        } else {
            self.metrics.iter().map(|m| Metric::parse(m)).collect::<Result<_, _>>()?
        };
        let top = self.top.map(|n| TopN { n, by: metrics.first().cloned().unwrap_or(Metric::Count), other: true });
        Ok(Question {
            filter,
            group_by,
            date,
            metrics,
            top,
            fill_gaps: self.fill_gaps,
            change: self.change,
            sort: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_what_was_left_out_and_mistakes_are_named() {
        let d = Defaults { date: Some("creationDate".into()), term: Some("subscriptionType".into()), metrics: vec![] };
        let q = QuestionSpec { by: Some("week".into()), ..Default::default() }.question(None, &d).unwrap();
        assert_eq!(q.date.unwrap().field, "creationDate");
        assert_eq!(q.group_by, vec!["subscriptionType".to_string()]);
        assert_eq!(q.metrics, vec![Metric::Count]);
        let e = QuestionSpec { by: Some("fortnight".into()), ..Default::default() }.question(None, &d).unwrap_err();
        assert!(e.message.contains("not \"fortnight\""));
        let e = QuestionSpec { date: Some("x".into()), ..Default::default() }.question(None, &d).unwrap_err();
        assert!(e.message.contains("--date needs --by"));
    }
}
