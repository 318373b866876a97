//! Explore: questions about a data set without writing code. Filters as chips, grouping by up to
//! two fields and a period, the answer in words and as chart data, the rows behind it, drilling
//! into a bar, and the values a filter can pick from.

pub mod answer;
pub mod drill;
pub mod export;
pub mod filters;
pub mod rows;
pub mod values;
pub mod view;

pub use answer::{AnswerSource, ColumnInfo, ColumnRole, ExploreAnswer};
pub use drill::DrillPoint;
pub use export::{ExportSource, Exported, TableLayout};
pub use filters::{CompiledFilters, DateRange, FilterChip};
pub use rows::{GroupKey, RowsPage, RowsQuery};
pub use values::{FieldValues, ValueCount};
pub use view::{ChartKind, View};
