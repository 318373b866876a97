//! Partner Insights reports in the window: the data set catalogue, the builder's question and
//! its query text, schedules in plain words, and the list of reports with their runs.

pub mod builder;
pub mod catalogue;
pub mod kept_catalogue;
pub mod list;
pub mod names;
pub mod schedule;
