//! Exports people open in other tools: CSV that Excel reads correctly.

pub mod csv;
