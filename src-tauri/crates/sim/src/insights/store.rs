//! Queries, reports and executions the Insights API holds.

#[derive(Default)]
pub struct InsightsStore {}
