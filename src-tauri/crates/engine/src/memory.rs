//! How much memory a table really holds. polars' `estimated_size` counts a text column as the
//! length of its texts, leaving out the 16-byte view every row has (Arrow's string views): for
//! a million usage rows that is 170 MB it does not see. Memory targets are measured against
//! this figure instead.

use std::collections::HashSet;

use polars::prelude::*;
use polars_arrow::array::{Array, BinaryViewArrayGeneric, ViewType};
use polars_arrow::bitmap::Bitmap;
use polars_arrow::compute::aggregate::estimated_bytes_size;
use polars_arrow::datatypes::PhysicalType;

/// The bytes a table's columns take: every value, view and validity bit, and each text buffer
/// once even when chunks share it.
pub fn table_bytes(df: &DataFrame) -> usize {
    let mut seen = HashSet::new();
    df.columns()
        .iter()
        .map(|c| c.as_materialized_series().chunks().iter().map(|a| array_bytes(a.as_ref(), &mut seen)).sum::<usize>())
        .sum()
}

/// Runs `f` once on each of polars' worker threads (waiting until each is free). The window
/// uses it to have every thread that did a query's work hand its freed memory back.
pub fn on_every_engine_thread(f: &(dyn Fn() + Sync)) {
    polars_core::runtime::THREAD_POOL.broadcast(|_| f());
}

/// Runs `f` on one of polars' worker threads, the ones [`on_every_engine_thread`] reaches, so
/// what `f` leaves behind is handed back with the rest. tokio's blocking threads are out of that
/// reach: with a million rows' chunks made there, about 20 MiB more stayed with the idle window.
pub fn on_an_engine_thread(f: impl FnOnce() + Send + 'static) {
    polars_core::runtime::THREAD_POOL.spawn_fifo(f);
}

fn array_bytes(array: &dyn Array, seen: &mut HashSet<usize>) -> usize {
    match array.dtype().to_physical_type() {
        PhysicalType::Utf8View => views_bytes::<str>(array, seen),
        PhysicalType::BinaryView => views_bytes::<[u8]>(array, seen),
        // Every other type our tables hold (numbers, dates, flags) is counted exactly by polars.
        _ => estimated_bytes_size(array),
    }
}

fn views_bytes<T: ViewType + ?Sized>(array: &dyn Array, seen: &mut HashSet<usize>) -> usize {
    let Some(a) = array.as_any().downcast_ref::<BinaryViewArrayGeneric<T>>() else {
        return estimated_bytes_size(array);
    };
    let buffers: usize =
        a.data_buffers().iter().filter(|b| seen.insert(b.storage_ptr() as usize)).map(|b| b.len()).sum();
    a.views().len() * size_of::<polars_arrow::array::View>() + buffers + a.validity().map_or(0, bitmap_bytes)
}

fn bitmap_bytes(b: &Bitmap) -> usize {
    b.len().div_ceil(8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_counts_its_views_and_its_long_texts_once() {
        let short: Vec<&str> = vec!["a"; 1000];
        let df = DataFrame::new(1000, vec![Column::new("s".into(), short)]).unwrap();
        // Short texts live in the views: 16 bytes a row, no buffer.
        assert_eq!(table_bytes(&df), 16_000);
        assert!(df.estimated_size() < 2_000, "polars sees only the text: {}", df.estimated_size());

        let long: Vec<String> = (0..1000).map(|i| format!("a text longer than twelve bytes {i:04}")).collect();
        let text: usize = long.iter().map(String::len).sum();
        let df = DataFrame::new(1000, vec![Column::new("s".into(), long)]).unwrap();
        assert_eq!(table_bytes(&df), 16_000 + text);
    }

    #[test]
    fn numbers_and_nulls_count_as_polars_counts_them() {
        let df = DataFrame::new(
            3,
            vec![Column::new("n".into(), [Some(1i64), None, Some(3)]), Column::new("f".into(), [1.0f64, 2.0, 3.0])],
        )
        .unwrap();
        assert_eq!(table_bytes(&df), 24 + 1 + 24);
        assert_eq!(table_bytes(&df), df.estimated_size());
    }

    #[test]
    fn a_buffer_shared_by_two_chunks_counts_once() {
        let long: Vec<String> = (0..100).map(|i| format!("a text longer than twelve bytes {i:04}")).collect();
        let col = Series::new("s".into(), long);
        let one = DataFrame::new(100, vec![col.clone().into_column()]).unwrap();
        // Two slices of one array share its buffer.
        let mut two = one.slice(0, 50);
        two.vstack_mut_owned(one.slice(50, 50)).unwrap();
        assert_eq!(two.first_col_n_chunks(), 2);
        assert_eq!(table_bytes(&two), table_bytes(&one));
    }
}
