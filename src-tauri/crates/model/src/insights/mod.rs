//! The Partner Insights programmatic API's vocabulary: the data set catalog and the query
//! language.

pub mod catalog;
pub mod ql;

pub use catalog::{ColKind, InsightsColumn, InsightsDataset, Timespan};
pub use ql::{CmpOp, Condition, InsightsQuery, OrderItem, QlError, QlValue, Validated};
