//! Partner Lens' shared vocabulary: the Analytics data sets and their fields, the filter
//! language, dates as the service writes them, requests, and pages of rows in columns.
//! No I/O here: the simulator, the client and the engine all build on it.

pub mod batch;
pub mod clock;
pub mod dataset;
pub mod dates;
pub mod filter;
pub mod insights;
pub mod numbers;
pub mod query;
mod quoted;
pub mod secret;

#[cfg(test)]
mod fuzz_tests;

pub use batch::{BadRow, Batch, Column, ColumnData, StrColumn};
pub use dataset::{CountField, DatasetId, DatasetSpec, Field, FieldType, Measure};
pub use filter::{Filter, FilterError, Literal, Op};
pub use query::{AggLevel, AnalyticsQuery, MAX_TOP, OrderBy, QueryError, SortDir};
pub use secret::Secret;
