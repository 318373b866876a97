//! Making a finished table compact to hold, for as long as the window keeps it:
//!
//! - each distinct long text of a column is kept once for the whole column. A table built from
//!   pages keeps it once per page (`table::text_series`), and a million Azure usage rows repeat
//!   the same few hundred meter names and a third as many subscription names on every page;
//! - every column becomes one chunk. A page's chunk is a handful of small allocations (array
//!   headers, missing-value bits) made among the page's many short-lived ones, and each kept the
//!   allocator's page around it alive after the rest was freed: the window held about 160 MiB
//!   more after fetching a million rows than after reading the same tables from its cache.
//!
//! Done once a fetch has finished, not while pages arrive (the engine bench's figure for
//! building from pages is unchanged by it), one column at a time: each column's old chunks are
//! let go as its new one takes their place, so the table never exists twice.

use polars::prelude::*;
use polars_arrow::array::{Array, Utf8ViewArray, View};
use polars_arrow::bitmap::MutableBitmap;
use polars_buffer::Buffer;
use polars_utils::aliases::PlHashMap;
use std::collections::HashSet;

/// Long texts are shared only when that saves at least this share of their bytes: hashing a
/// column of distinct texts (an id per row) would spend time for nothing.
pub(crate) const WORTH_IT: f64 = 0.1;
/// Long texts looked at before a column that is not worth it may be given up on.
const GIVE_UP_AFTER: usize = 50_000;

/// The table with every column in one chunk, and the long texts of each text column kept once
/// for the whole column. Values, missing values and order are unchanged; nothing here can fail
/// (a column polars would not give back as text is left as it was).
pub fn compact(mut df: DataFrame) -> DataFrame {
    let names: Vec<PlSmallStr> = df.get_column_names_owned();
    for name in names {
        let Ok(col) = df.column(name.as_str()) else { continue };
        let shared = if col.dtype() == &DataType::String { col.str().ok().and_then(shared_column) } else { None };
        let new = shared.map_or_else(|| col.rechunk(), |s| s.into_series().into_column());
        // The old chunks are let go here (unless someone else still holds the column). Same
        // name, same length: polars has no reason to refuse, and would leave the column as it
        // was if it did.
        let _ = df.replace(name.as_str(), new);
    }
    df
}

/// The column as one chunk whose one buffer holds its distinct long texts; `None` when sharing
/// them would not save enough to be worth it (or they pass the 4 GiB a view can point into).
fn shared_column(ca: &StringChunked) -> Option<StringChunked> {
    let inline = View::MAX_INLINE_SIZE as usize;
    let chunks: Vec<&Utf8ViewArray> = ca.downcast_iter().collect();
    let mut seen = HashSet::new();
    let held: usize = chunks
        .iter()
        .flat_map(|a| a.data_buffers().iter())
        .filter(|b| seen.insert(b.storage_ptr() as usize))
        .map(|b| b.len())
        .sum();
    if held == 0 {
        return None;
    }
    let mut offsets: PlHashMap<&[u8], u32> = PlHashMap::default();
    let mut distinct: Vec<&[u8]> = Vec::new();
    let mut size = 0usize;
    // The long texts' bytes seen so far, repeats included: when, far into the column, nearly
    // every one is new, the column is a column of ids and the rest is not worth hashing.
    let mut seen_bytes = 0usize;
    let mut seen_long = 0usize;
    let mut views: Vec<View> = Vec::with_capacity(ca.len());
    for a in &chunks {
        if seen_long >= GIVE_UP_AFTER && size as f64 > seen_bytes as f64 * (1.0 - WORTH_IT) {
            return None;
        }
        for value in a.iter() {
            // A missing value's view is never read (its bytes may be anything): an empty one.
            let bytes = value.map_or(&[][..], str::as_bytes);
            let offset = if bytes.len() > inline {
                seen_long += 1;
                seen_bytes += bytes.len();
                match offsets.get(bytes) {
                    Some(o) => *o,
                    None => {
                        let o = u32::try_from(size).ok()?;
                        offsets.insert(bytes, o);
                        distinct.push(bytes);
                        size += bytes.len();
                        o
                    }
                }
            } else {
                0
            };
            views.push(View::new_from_bytes(bytes, 0, offset));
        }
    }
    if u32::try_from(size).is_err() || size as f64 > held as f64 * (1.0 - WORTH_IT) {
        return None;
    }
    let mut data: Vec<u8> = Vec::with_capacity(size);
    for bytes in distinct {
        data.extend_from_slice(bytes);
    }
    let buffers: Buffer<Buffer<u8>> = if data.is_empty() { Buffer::new() } else { vec![Buffer::from(data)].into() };
    let validity = (ca.null_count() > 0).then(|| {
        let mut bits = MutableBitmap::with_capacity(ca.len());
        for a in &chunks {
            match a.validity() {
                Some(v) => bits.extend_from_bitmap(v),
                None => bits.extend_constant(a.len(), true),
            }
        }
        bits.into()
    });
    // SAFETY: every view points inside `buffers` (laid out above from the same texts, which
    // were valid UTF-8), and `validity` has a bit for each of them. The checked constructor
    // would walk the million views once more to find that.
    let array = unsafe {
        Utf8ViewArray::new_unchecked_unknown_md(chunks[0].dtype().clone(), views.into(), buffers, validity, None)
    };
    Some(StringChunked::with_chunk(ca.name().clone(), array))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::table_bytes;

    fn names(n: usize) -> Vec<Option<String>> {
        (0..n)
            .map(|i| match i % 7 {
                0 => None,
                1 => Some(String::new()),
                2 => Some("short".into()),
                3 => Some("exactly12byt".into()),
                k => Some(format!("Contoso Azure subscription number {} — Zürich", k + i % 3)),
            })
            .collect()
    }

    /// Pages as the table builder makes them: chunks, each with its own copy of the texts.
    fn paged(values: &[Option<String>], page: usize) -> DataFrame {
        let mut out: Option<DataFrame> = None;
        for part in values.chunks(page) {
            let col = Column::new("name".into(), part.to_vec());
            let df = DataFrame::new(part.len(), vec![col, Column::new("n".into(), vec![1i64; part.len()])]).unwrap();
            match &mut out {
                None => out = Some(df),
                Some(o) => {
                    o.vstack_mut_owned(df).unwrap();
                }
            }
        }
        out.unwrap()
    }

    #[test]
    fn long_texts_repeated_across_pages_are_kept_once_and_every_value_stays() {
        let values = names(7_000);
        let df = paged(&values, 500);
        assert_eq!(df.first_col_n_chunks(), 14);
        let before = table_bytes(&df);
        let after_df = compact(df.clone());
        assert!(after_df.equals_missing(&df), "the values changed");
        assert!(after_df.columns().iter().all(|c| c.n_chunks() == 1), "one chunk a column");
        // Five distinct long texts (numbers 4 to 8), each once.
        let distinct: usize = (4..=8).map(|k| format!("Contoso Azure subscription number {k} — Zürich").len()).sum();
        let views = 7_000 * 16;
        assert_eq!(table_bytes(&after_df), views + distinct + 7_000 * 8 + 7_000usize.div_ceil(8));
        assert!(table_bytes(&after_df) < before);
        // Sorting and grouping read each row's own text.
        let sorted = after_df.sort(["name"], Default::default()).unwrap();
        let expected = df.sort(["name"], Default::default()).unwrap();
        assert!(sorted.equals_missing(&expected));
    }

    #[test]
    fn a_column_of_distinct_texts_becomes_one_chunk_without_copying_its_texts() {
        let ids: Vec<Option<String>> = (0..2_000).map(|i| Some(format!("3f2504e0-4f89-11d3-9a0c-{i:012}"))).collect();
        let df = paged(&ids, 300);
        let buffers = |d: &DataFrame| -> HashSet<usize> {
            let ca = d.column("name").unwrap().str().unwrap().clone();
            ca.downcast_iter().flat_map(|a| a.data_buffers().iter().map(|b| b.storage_ptr() as usize)).collect()
        };
        let before = buffers(&df);
        let after = compact(df.clone());
        assert!(after.equals_missing(&df));
        assert_eq!(after.first_col_n_chunks(), 1);
        assert!(buffers(&after).is_subset(&before), "the texts were copied for nothing");
    }

    #[test]
    fn short_texts_numbers_and_missing_values_keep_their_values_in_one_chunk() {
        let mut df = DataFrame::new(
            3,
            vec![
                Column::new("s".into(), [Some("a"), None, Some("a")]),
                Column::new("f".into(), [Some(1.0f64), Some(2.0), None]),
            ],
        )
        .unwrap();
        df.vstack_mut_owned(df.clone()).unwrap();
        assert_eq!(df.first_col_n_chunks(), 2);
        let after = compact(df.clone());
        assert!(after.equals_missing(&df));
        assert!(after.columns().iter().all(|c| c.n_chunks() == 1));
        assert_eq!(after.column("s").unwrap().null_count(), 2);
    }

    #[test]
    fn an_empty_table_stays_empty() {
        let df = DataFrame::new(0, vec![Column::new_empty("s".into(), &DataType::String)]).unwrap();
        assert_eq!(compact(df).height(), 0);
    }
}
