//! Turning pages of rows into a polars table. Each page becomes a chunk as it arrives (compact
//! Arrow arrays), so a fetch never holds more than one page in row form; dates become UTC
//! datetimes in microseconds.

use lens_model::StrColumn;
use lens_model::batch::{Batch, ColumnData};
use lens_model::dataset::FieldType;
use polars::prelude::*;
use polars_arrow::array::{Utf8ViewArray, View};
use polars_arrow::bitmap::MutableBitmap;
use polars_arrow::datatypes::ArrowDataType;
use polars_buffer::Buffer;
use polars_utils::aliases::PlHashMap;

use crate::error::EngineError;

/// The polars type of a field type.
pub fn dtype(ty: FieldType) -> DataType {
    match ty {
        FieldType::Str => DataType::String,
        FieldType::Bool => DataType::Boolean,
        FieldType::Int => DataType::Int64,
        FieldType::Float => DataType::Float64,
        FieldType::DateTime => DataType::Datetime(TimeUnit::Microseconds, None),
    }
}

/// One batch as a DataFrame.
pub fn batch_to_frame(batch: &Batch) -> Result<DataFrame, EngineError> {
    let mut cols = Vec::with_capacity(batch.columns.len());
    for c in &batch.columns {
        let name: PlSmallStr = c.name.as_str().into();
        let series = match &c.data {
            ColumnData::Str(s) => text_series(name, s)?,
            ColumnData::Bool(v) => Series::new(name, v.as_slice()),
            ColumnData::Int(v) => Series::new(name, v.as_slice()),
            ColumnData::Float(v) => Series::new(name, v.as_slice()),
            ColumnData::Date(v) => Series::new(name, v.as_slice()).cast(&dtype(FieldType::DateTime))?,
        };
        cols.push(series.into_column());
    }
    Ok(DataFrame::new(batch.rows, cols)?)
}

/// Long texts of a page's column looked at before the column may stop sharing them.
const IDS_AFTER: usize = 1_000;

/// A text column as one Arrow string array. Texts of up to 12 bytes live in the views; longer
/// ones are kept once per page (unless the column holds ids) in a buffer of exactly their size,
/// and every row with the same text points at that copy (a page repeats customer names,
/// subscription and meter names many times over: a million usage rows held 138 MB of long
/// texts, of which a tenth are distinct). The buffer is made exact because building it value by
/// value grew it by doubling, and the slack of each page's last buffer stayed allocated for the
/// life of the table.
fn text_series(name: PlSmallStr, column: &StrColumn) -> Result<Series, EngineError> {
    let inline = View::MAX_INLINE_SIZE as usize;
    let mut views: Vec<View> = Vec::with_capacity(column.len());
    let mut validity = MutableBitmap::with_capacity(column.len());
    // Where each distinct long text starts in the buffer, and those texts in order.
    let mut offsets: PlHashMap<&[u8], u32> = PlHashMap::default();
    let mut distinct: Vec<&[u8]> = Vec::new();
    let mut size = 0usize;
    let (mut long, mut sharing) = (0usize, true);
    for value in column.iter() {
        let bytes = value.unwrap_or_default().as_bytes();
        let offset = if bytes.len() > inline {
            long += 1;
            if long == IDS_AFTER && offsets.len() as f64 > IDS_AFTER as f64 * (1.0 - crate::compact::WORTH_IT) {
                // Nearly every long text so far was new: a column of ids (one a subscription),
                // where hashing the rest would find nothing to share.
                sharing = false;
            }
            // A page's texts are far below 4 GiB, so their offsets fit the view's 32 bits.
            let next = size as u32;
            // A text already kept starts before `next` (every kept text is longer than 12 bytes).
            let start = if sharing { *offsets.entry(bytes).or_insert(next) } else { next };
            if start == next {
                distinct.push(bytes);
                size += bytes.len();
            }
            start
        } else {
            0
        };
        views.push(View::new_from_bytes(bytes, 0, offset));
        validity.push(value.is_some());
    }
    let mut data: Vec<u8> = Vec::with_capacity(size);
    for bytes in distinct {
        data.extend_from_slice(bytes);
    }
    let buffers: Buffer<Buffer<u8>> = if data.is_empty() { Buffer::new() } else { vec![Buffer::from(data)].into() };
    let validity = if validity.unset_bits() == 0 { None } else { Some(validity.into()) };
    // SAFETY: every text is a `&str` of the page (valid UTF-8); a long one is copied whole into
    // `buffers` at the offset its views hold, and `validity` has a bit for each view. The checked
    // constructor read every text again to find that: 8% of a fetch's time (perf, issue 11).
    let array = unsafe {
        Utf8ViewArray::new_unchecked_unknown_md(ArrowDataType::Utf8View, views.into(), buffers, validity, None)
    };
    Ok(StringChunked::with_chunk(name, array).into_series())
}

/// One page as a piece of a table: its rows as Arrow arrays, and which of its unknown fields
/// held objects or lists (kept as their JSON text).
pub struct Chunk {
    df: DataFrame,
    json_columns: Vec<String>,
}

impl Chunk {
    pub fn of(batch: &Batch) -> Result<Chunk, EngineError> {
        Ok(Chunk { df: batch_to_frame(batch)?, json_columns: batch.json_columns.clone() })
    }
}

/// Collects pages into one table, page by page.
pub struct TableBuilder {
    schema: Vec<(String, FieldType)>,
    chunks: Vec<DataFrame>,
    rows: usize,
    json_columns: Vec<String>,
}

impl TableBuilder {
    /// `schema` lists the columns every table gets, in order, even when no row carried them.
    pub fn new(schema: Vec<(String, FieldType)>) -> TableBuilder {
        TableBuilder { schema, chunks: Vec::new(), rows: 0, json_columns: Vec::new() }
    }

    pub fn push(&mut self, batch: &Batch) -> Result<(), EngineError> {
        self.push_chunk(Chunk::of(batch)?);
        Ok(())
    }

    /// Adds a page made a chunk beforehand (on another thread, say), after the pages before it.
    pub fn push_chunk(&mut self, chunk: Chunk) {
        for name in chunk.json_columns {
            if !self.json_columns.contains(&name) {
                self.json_columns.push(name);
            }
        }
        self.rows += chunk.df.height();
        self.chunks.push(chunk.df);
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Unknown fields whose values were objects or lists, held as their JSON text.
    pub fn json_columns(&self) -> &[String] {
        &self.json_columns
    }

    /// The table: schema columns first, then any unknown fields the service sent (as text).
    pub fn finish(self) -> Result<DataFrame, EngineError> {
        let mut extras: Vec<String> = Vec::new();
        for c in &self.chunks {
            for name in c.get_column_names() {
                if !self.schema.iter().any(|(n, _)| n == name.as_str()) && !extras.iter().any(|e| e == name.as_str()) {
                    extras.push(name.to_string());
                }
            }
        }
        // A whole-number field that some page promoted to decimals is decimal for every row.
        let promoted =
            |name: &str| self.chunks.iter().any(|c| c.column(name).is_ok_and(|col| col.dtype() == &DataType::Float64));
        let mut columns: Vec<(String, DataType)> = self
            .schema
            .iter()
            .map(|(n, t)| {
                let dt = if *t == FieldType::Int && promoted(n) { DataType::Float64 } else { dtype(*t) };
                (n.clone(), dt)
            })
            .collect();
        columns.extend(extras.into_iter().map(|e| (e, DataType::String)));

        let aligned: Vec<DataFrame> =
            self.chunks.into_iter().map(|df| align(df, &columns)).collect::<Result<_, _>>()?;
        // The pages stay separate chunks: copying them into one would double the memory at the
        // end of a fetch (a 10-million-row table is 3.6 GiB), and the engine works on chunks.
        let out = match aligned.into_iter().reduce(|mut a, b| {
            // Schemas are aligned above, so vstack cannot fail on shape.
            let _ = a.vstack_mut_owned(b);
            a
        }) {
            Some(df) => df,
            None => empty(&columns)?,
        };
        Ok(out)
    }
}

/// Tables of one data set stacked, every row labelled in `label` with where it came from (the
/// account's name): how several accounts are read side by side. Columns only some tables have
/// are empty in the others.
pub fn stack_labelled(parts: &[(String, DataFrame)], label: &str) -> Result<DataFrame, EngineError> {
    let mut columns: Vec<(String, DataType)> = vec![(label.to_string(), DataType::String)];
    for (_, df) in parts {
        for c in df.columns() {
            if !columns.iter().any(|(n, _)| n == c.name().as_str()) {
                columns.push((c.name().to_string(), c.dtype().clone()));
            }
        }
    }
    let mut out: Option<DataFrame> = None;
    for (name, df) in parts {
        let mut df = df.clone();
        df.with_column(Series::new(label.into(), vec![name.as_str(); df.height()]).into_column())?;
        let aligned = align(df, &columns)?;
        match &mut out {
            None => out = Some(aligned),
            Some(o) => {
                o.vstack_mut_owned(aligned)?;
            }
        }
    }
    match out {
        Some(df) => Ok(df),
        None => empty(&columns),
    }
}

fn empty(columns: &[(String, DataType)]) -> Result<DataFrame, EngineError> {
    let cols = columns.iter().map(|(n, t)| Series::new_empty(n.as_str().into(), t).into_column()).collect();
    Ok(DataFrame::new(0, cols)?)
}

/// Gives a chunk exactly `columns`, in order, adding null columns it lacks.
fn align(df: DataFrame, columns: &[(String, DataType)]) -> Result<DataFrame, EngineError> {
    let height = df.height();
    let mut out = Vec::with_capacity(columns.len());
    for (name, t) in columns {
        let col = match df.column(name) {
            Ok(c) if c.dtype() == t => c.clone(),
            Ok(c) => c.cast(t)?,
            Err(_) => Column::full_null(name.as_str().into(), height, t),
        };
        out.push(col);
    }
    Ok(DataFrame::new(height, out)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(ids: &[&str], extra: Option<&str>) -> Batch {
        let mut b = Batch::with_schema([("id", FieldType::Str), ("n", FieldType::Int), ("d", FieldType::DateTime)]);
        for (i, id) in ids.iter().enumerate() {
            if let ColumnData::Str(c) = &mut b.columns[0].data {
                c.push(Some(id));
            }
            if let ColumnData::Int(v) = &mut b.columns[1].data {
                v.push(Some(i as i64));
            }
            if let ColumnData::Date(v) = &mut b.columns[2].data {
                v.push(if i == 0 { None } else { Some(86_400_000_000) });
            }
            b.rows += 1;
        }
        if let Some(e) = extra {
            let mut c = StrColumn::default();
            for _ in ids {
                c.push(Some(e));
            }
            b.columns.push(lens_model::Column { name: "extra".into(), data: ColumnData::Str(c) });
        }
        b
    }

    #[test]
    fn pages_stack_in_order_with_unknown_columns_kept() {
        let schema =
            vec![("id".into(), FieldType::Str), ("n".into(), FieldType::Int), ("d".into(), FieldType::DateTime)];
        let mut t = TableBuilder::new(schema);
        t.push(&batch(&["a", "b"], None)).unwrap();
        t.push(&batch(&["c"], Some("x"))).unwrap();
        let df = t.finish().unwrap();
        assert_eq!(df.height(), 3);
        let names: Vec<String> = df.get_column_names().iter().map(|n| n.to_string()).collect();
        assert_eq!(names, vec!["id", "n", "d", "extra"]);
        let ids: Vec<Option<&str>> = df.column("id").unwrap().str().unwrap().iter().collect();
        assert_eq!(ids, vec![Some("a"), Some("b"), Some("c")]);
        let extra: Vec<Option<&str>> = df.column("extra").unwrap().str().unwrap().iter().collect();
        assert_eq!(extra, vec![None, None, Some("x")]);
        assert_eq!(df.column("d").unwrap().dtype(), &DataType::Datetime(TimeUnit::Microseconds, None));
        assert_eq!(df.column("d").unwrap().null_count(), 2);
    }

    #[test]
    fn a_page_with_fractions_makes_the_whole_column_decimal() {
        let mut t = TableBuilder::new(vec![("n".into(), FieldType::Int)]);
        let mut a = Batch::with_schema([("n", FieldType::Int)]);
        a.columns[0].data = ColumnData::Int(vec![Some(37)]);
        a.rows = 1;
        let mut b = Batch::with_schema([("n", FieldType::Int)]);
        b.columns[0].data = ColumnData::Float(vec![Some(0.5)]);
        b.rows = 1;
        b.mark_json("x");
        t.push(&a).unwrap();
        t.push(&b).unwrap();
        assert_eq!(t.json_columns(), ["x".to_string()]);
        let df = t.finish().unwrap();
        let n: Vec<Option<f64>> = df.column("n").unwrap().f64().unwrap().iter().collect();
        assert_eq!(n, vec![Some(37.0), Some(0.5)]);
    }

    #[test]
    fn tables_stack_with_their_label_and_every_column() {
        let a = df!("id" => ["a", "b"], "n" => [1i64, 2]).unwrap();
        let b = df!("id" => ["c"], "extra" => ["x"]).unwrap();
        let df = stack_labelled(&[("EU".into(), a), ("US".into(), b)], "account").unwrap();
        assert_eq!(
            df.get_column_names().iter().map(|n| n.as_str()).collect::<Vec<_>>(),
            ["account", "id", "n", "extra"]
        );
        let acct: Vec<Option<&str>> = df.column("account").unwrap().str().unwrap().iter().collect();
        assert_eq!(acct, [Some("EU"), Some("EU"), Some("US")]);
        assert_eq!(df.column("n").unwrap().null_count(), 1);
    }

    /// `values` made a page's text column; checked to read back as they were.
    fn text_column(name: &str, values: &[Option<&str>]) -> (Series, Utf8ViewArray) {
        let mut c = StrColumn::default();
        values.iter().for_each(|v| c.push(*v));
        let built = text_series(name.into(), &c).unwrap();
        let expected = StringChunked::from_iter_options(name.into(), values.iter().copied()).into_series();
        assert!(built.equals_missing(&expected), "{built:?} != {expected:?}");
        let array = built.str().unwrap().downcast_iter().next().unwrap().clone();
        (built, array)
    }

    #[test]
    fn text_columns_keep_every_value_short_long_empty_missing_and_accented() {
        let values = [
            Some("Contoso"),
            None,
            Some(""),
            Some("exactly twelve"),
            Some("Fabrikam Nordic Holdings, a long name"),
            Some("Ærøskøbing Ltd — 東京"),
            None,
            Some("a name that is longer than twelve bytes"),
        ];
        let (built, array) = text_column("name", &values);
        assert_eq!(built.null_count(), 2);
        // The long texts' bytes once each, nothing more.
        let long: usize = values.iter().flatten().filter(|v| v.len() > 12).map(|v| v.len()).sum();
        assert_eq!(array.total_buffer_len(), long);
        let all_missing = text_series("n".into(), &{
            let mut c = StrColumn::default();
            c.push(None);
            c
        })
        .unwrap();
        assert_eq!(all_missing.null_count(), 1);
    }

    #[test]
    fn a_long_text_repeated_on_a_page_is_kept_once() {
        let names = ["Fabrikam Nordic Holdings", "Contoso Pharmaceuticals", "Fabrikam Nordic Holdings"];
        let values: Vec<Option<&str>> = (0..3000).map(|i| if i % 7 == 0 { None } else { Some(names[i % 3]) }).collect();
        let (built, array) = text_column("customer", &values);
        assert_eq!(array.total_buffer_len(), names[0].len() + names[1].len());
        // Sorting and filtering read every row's own text through the shared copy.
        let sorted = built.sort(Default::default()).unwrap();
        assert_eq!(sorted.str().unwrap().get(sorted.null_count()), Some("Contoso Pharmaceuticals"));
        assert_eq!(sorted.str().unwrap().get(2999), Some("Fabrikam Nordic Holdings"));
    }

    #[test]
    fn a_column_of_ids_keeps_every_value_and_stops_looking_for_repeats() {
        // Ids first (nothing to share), then every id once more: by then the column has stopped
        // sharing, so the repeats are stored again, and every row still reads its own id.
        let ids: Vec<String> = (0..IDS_AFTER + 500).map(|i| format!("8F6D2C1A-5B3E-4F7A-9C0D-{i:012}")).collect();
        let values: Vec<Option<&str>> = ids.iter().chain(ids.iter()).map(|s| Some(s.as_str())).collect();
        let (_, array) = text_column("id", &values);
        assert_eq!(array.total_buffer_len(), values.iter().flatten().map(|v| v.len()).sum::<usize>());
    }

    #[test]
    fn no_pages_give_an_empty_table_with_the_schema() {
        let t = TableBuilder::new(vec![("id".into(), FieldType::Str)]);
        let df = t.finish().unwrap();
        assert_eq!(df.height(), 0);
        assert_eq!(df.get_column_names().len(), 1);
    }
}
