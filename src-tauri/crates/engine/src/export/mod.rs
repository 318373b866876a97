//! Exports people open in other tools: CSV that Excel reads correctly, Excel workbooks, JSON,
//! Parquet, and chart images.

pub mod chart_image;
pub mod csv;
pub mod files;
pub mod text;
pub mod xlsx;
