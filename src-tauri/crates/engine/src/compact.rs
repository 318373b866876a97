//! Making a finished table smaller to hold: each distinct long text of a column kept once for the
//! whole table. A table built from pages keeps a long text once per page (`table::text_series`),
//! and the window holds what it fetched for as long as it runs: a million Azure usage rows repeat
//! the same few hundred meter names and a third as many subscription names on every page.
//!
//! Done once a fetch has finished, not while pages arrive (the engine bench's figure for building
//! from pages is unchanged by it). Only the text columns are made anew, and only their views and
//! one buffer each: numbers, dates and missing-value bits are shared with the table as it was.

use polars::prelude::*;
use polars_arrow::array::{Array, Utf8ViewArray, View};
use polars_buffer::Buffer;
use polars_utils::aliases::PlHashMap;
use std::collections::HashSet;

use crate::error::EngineError;

/// A column is rebuilt only when that saves at least this share of its texts' bytes: rebuilding
/// a column of distinct texts (an id per row) would spend time for nothing.
const WORTH_IT: f64 = 0.1;
/// Long texts looked at before a column that is not worth it may be given up on.
const GIVE_UP_AFTER: usize = 50_000;

/// The table with the long texts of each text column kept once for the whole column. Values,
/// missing values, order and chunks are unchanged; only where the bytes live changes.
pub fn share_long_texts(mut df: DataFrame) -> Result<DataFrame, EngineError> {
    let names: Vec<PlSmallStr> =
        df.columns().iter().filter(|c| c.dtype() == &DataType::String).map(|c| c.name().clone()).collect();
    for name in names {
        let Some(shared) = shared_column(df.column(name.as_str())?.str()?) else { continue };
        df.replace(name.as_str(), shared.into_series().into_column())?;
    }
    Ok(df)
}

/// The column with one buffer of its distinct long texts, shared by all its chunks; `None` when
/// that would not save enough to be worth it (or its distinct texts pass the 4 GiB a view can
/// point into).
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
    let mut views: Vec<Vec<View>> = Vec::with_capacity(chunks.len());
    for a in &chunks {
        if seen_long >= GIVE_UP_AFTER && size as f64 > seen_bytes as f64 * (1.0 - WORTH_IT) {
            return None;
        }
        let mut out = Vec::with_capacity(a.len());
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
            out.push(View::new_from_bytes(bytes, 0, offset));
        }
        views.push(out);
    }
    if u32::try_from(size).is_err() || size as f64 > held as f64 * (1.0 - WORTH_IT) {
        return None;
    }
    let mut data: Vec<u8> = Vec::with_capacity(size);
    for bytes in distinct {
        data.extend_from_slice(bytes);
    }
    let buffers: Buffer<Buffer<u8>> = if data.is_empty() { Buffer::new() } else { vec![Buffer::from(data)].into() };
    let arrays: Vec<Utf8ViewArray> = chunks
        .iter()
        .zip(views)
        .map(|(a, v)| {
            // SAFETY: every view points inside `buffers` (laid out above from the same texts,
            // which were valid UTF-8), and the validity is the chunk's own, of the same length.
            // The checked constructor would walk the million views once more to find that.
            unsafe {
                Utf8ViewArray::new_unchecked_unknown_md(
                    a.dtype().clone(),
                    v.into(),
                    buffers.clone(),
                    a.validity().cloned(),
                    None,
                )
            }
        })
        .collect();
    Some(StringChunked::from_chunk_iter(ca.name().clone(), arrays))
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
        let after_df = share_long_texts(df.clone()).unwrap();
        assert!(after_df.equals_missing(&df), "the values changed");
        assert_eq!(after_df.first_col_n_chunks(), 14, "the chunks stay");
        // Five distinct long texts (numbers 4 to 8), each once.
        let distinct: usize = (4..=8).map(|k| format!("Contoso Azure subscription number {k} — Zürich").len()).sum();
        let views = 7_000 * 16;
        // Each page keeps its own validity bits.
        assert_eq!(table_bytes(&after_df), views + distinct + 7_000 * 8 + 14 * 500usize.div_ceil(8));
        assert!(table_bytes(&after_df) < before);
        // Sorting and grouping read each row's own text.
        let sorted = after_df.sort(["name"], Default::default()).unwrap();
        let expected = df.sort(["name"], Default::default()).unwrap();
        assert!(sorted.equals_missing(&expected));
    }

    #[test]
    fn a_column_of_distinct_texts_is_left_as_it_is() {
        let ids: Vec<String> = (0..2_000).map(|i| format!("3f2504e0-4f89-11d3-9a0c-{i:012}")).collect();
        let df = DataFrame::new(2_000, vec![Column::new("id".into(), ids)]).unwrap();
        let ptr = |d: &DataFrame| {
            d.column("id").unwrap().str().unwrap().downcast_iter().next().unwrap().data_buffers()[0].storage_ptr()
        };
        let before = ptr(&df);
        let after = share_long_texts(df).unwrap();
        assert_eq!(ptr(&after), before, "rebuilt for nothing");
    }

    #[test]
    fn short_texts_and_other_columns_are_untouched() {
        let df = DataFrame::new(
            3,
            vec![Column::new("s".into(), ["a", "b", "a"]), Column::new("f".into(), [1.0f64, 2.0, 3.0])],
        )
        .unwrap();
        let after = share_long_texts(df.clone()).unwrap();
        assert!(after.equals_missing(&df));
        assert_eq!(table_bytes(&after), table_bytes(&df));
    }
}
