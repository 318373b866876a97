//! The analytics engine: pages of rows into polars tables, questions answered as grouped
//! aggregates by any period, a local Parquet cache, exports and chart images. No Tauri here.

pub mod aggregate;
pub mod cache;
pub mod compact;
pub mod csv_dates;
mod csv_groups;
pub mod error;
pub mod export;
pub mod filter_expr;
pub mod fsio;
pub mod home;
pub mod in_parts;
pub mod memory;
pub mod nested;
pub mod parts;
pub mod pivot;
pub mod question;
pub mod read;
pub mod result;
pub mod table;

#[cfg(test)]
mod csv_groups_tests;
#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod grouping_tests;
#[cfg(test)]
mod in_parts_tests;

pub use aggregate::answer;
pub use error::EngineError;
pub use in_parts::answer_file;
pub use pivot::{Chart, pivot, pivot_categories};
pub use question::{DateAxis, Metric, Period, Question};
pub use result::{Aggregate, Cell, to_aggregate};
pub use table::{Chunk, TableBuilder};
