//! A table file opened to be read whole or part by part. A question about a big file (the
//! grouping of a report download) is answered one part at a time and the parts' answers
//! combined ([`crate::in_parts`]), so memory holds a part, not the file. Read whole, polars maps
//! the file into memory and its streaming engine keeps what it has read mapped until the query
//! ends: on a ten-million-row CSV, 1.7 GB of the run's peak was the mapped file, and on a
//! Parquet file the date column alone (its values do not compress) about 100 MiB.
//!
//! - Parquet: runs of whole row groups, each read by a query of its own, so each maps and lets
//!   go of its own part of the file.
//! - CSV and TSV: blocks of whole lines read into memory, not mapped, the header line put in
//!   front of each; every block is read with the types the file's first rows gave (as the
//!   whole file is) and its dates parsed the same way.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use polars::prelude::*;
use polars_buffer::Buffer;

use crate::csv_dates::{self, DateColumn};
use crate::error::EngineError;
use crate::fsio::plain_io;
use crate::read::cannot;

/// How big a part is: big enough that the work per part dwarfs starting a query (a few
/// milliseconds), small enough that a part is a small share of the memory.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PartSizes {
    pub csv_bytes: usize,
    pub parquet_rows: usize,
}

impl Default for PartSizes {
    fn default() -> Self {
        // Measured on ten million rows (bench/compare.py): Parquet parts of 512 Ki rows peaked
        // at about 120 MiB against 145 MiB for 1 Mi rows, in the same time.
        Self { csv_bytes: 32 << 20, parquet_rows: 512 << 10 }
    }
}

/// A table file, opened by [`crate::read::open`].
pub enum Source {
    /// Read whole, never in parts: JSON, gzip, a byte-order mark, line breaks inside quoted
    /// values, dates that polars has to guess row by row. These are decoded in memory anyway.
    Whole(Box<LazyFrame>),
    Parquet(ParquetParts),
    Csv(CsvParts),
}

/// The parts of a file, in order, each ready to be queried.
pub type Parts<'a> = Box<dyn Iterator<Item = Result<LazyFrame, EngineError>> + Send + 'a>;

impl Source {
    /// The whole file as one lazy table.
    pub fn whole(self) -> Result<LazyFrame, EngineError> {
        match self {
            Source::Whole(lf) => Ok(*lf),
            Source::Parquet(p) => p.scan(),
            Source::Csv(c) => c.scan(),
        }
    }

    /// How many parts to read at once. polars reads a Parquet part on every core already; a
    /// CSV block's lines are found on one core before its fields are read on all, so two
    /// blocks at once keep both cores busy (ten million rows: 4.7 s against 6.9 s, for one
    /// block's more memory).
    pub fn workers(&self) -> usize {
        match self {
            Source::Csv(_) => 2,
            _ => 1,
        }
    }

    /// The file's parts, in order; `None` for a file that is only read whole.
    pub fn parts(&self) -> Option<Parts<'_>> {
        match self {
            Source::Whole(_) => None,
            Source::Parquet(p) => {
                Some(Box::new(p.slices.iter().map(move |&(offset, len)| Ok(p.scan()?.slice(offset, len)))))
            }
            Source::Csv(c) => Some(c.parts()),
        }
    }
}

/// A Parquet file in runs of whole row groups.
pub struct ParquetParts {
    path: PathBuf,
    /// The first row and the number of rows of each part.
    slices: Vec<(i64, IdxSize)>,
}

impl ParquetParts {
    /// Parts of at least `rows` rows (the last may be smaller), from the rows of each row group.
    pub(crate) fn new(path: &Path, row_groups: &[usize], rows: usize) -> Self {
        let mut slices = Vec::new();
        let (mut start, mut len) = (0usize, 0usize);
        let mut close =
            |start: usize, len: usize| slices.push((start as i64, IdxSize::try_from(len).unwrap_or(IdxSize::MAX)));
        for &n in row_groups {
            len += n;
            if len >= rows {
                close(start, len);
                start += len;
                len = 0;
            }
        }
        if len > 0 || start == 0 {
            close(start, len);
        }
        Self { path: path.to_path_buf(), slices }
    }

    fn scan(&self) -> Result<LazyFrame, EngineError> {
        let p = PlRefPath::try_from_path(&self.path).map_err(|e| cannot(&self.path, e))?;
        LazyFrame::scan_parquet(p, ScanArgsParquet::default()).map_err(|e| cannot(&self.path, e))
    }
}

/// A plain (not compressed) CSV or TSV file in blocks of lines.
pub struct CsvParts {
    path: PathBuf,
    sep: u8,
    /// Read as text, then parsed each with its one format (see csv_dates).
    dates: Vec<DateColumn>,
    block: usize,
}

impl CsvParts {
    pub(crate) fn new(path: &Path, sep: u8, dates: Vec<DateColumn>, block: usize) -> Self {
        Self { path: path.to_path_buf(), sep, dates, block }
    }

    /// The separator between fields.
    pub(crate) fn sep(&self) -> u8 {
        self.sep
    }

    /// The date columns and how each is read.
    pub(crate) fn dates(&self) -> &[DateColumn] {
        &self.dates
    }

    /// `lf`, read with the file's text types, with its date columns read as dates.
    pub(crate) fn frame(&self, lf: LazyFrame) -> LazyFrame {
        if self.dates.is_empty() {
            lf
        } else {
            lf.with_columns(self.dates.iter().map(|d| d.expr()).collect::<Vec<_>>())
        }
    }

    /// The whole file, its types from its first rows, dates read as text.
    fn text_scan(&self) -> Result<LazyFrame, EngineError> {
        let p = PlRefPath::try_from_path(&self.path).map_err(|e| cannot(&self.path, e))?;
        LazyCsvReader::new(p)
            .with_has_header(true)
            .with_separator(self.sep)
            .with_infer_schema_length(Some(csv_dates::INFER_ROWS))
            .finish()
            .map_err(|e| cannot(&self.path, e))
    }

    fn scan(&self) -> Result<LazyFrame, EngineError> {
        Ok(self.frame(self.text_scan()?))
    }

    fn parts(&self) -> Parts<'_> {
        match self.blocks() {
            Ok((schema, blocks)) => Box::new(blocks.map(move |block| self.block_frame(&schema, block?))),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    }

    /// One of [`Self::blocks`], read by polars with the file's text types (`schema`) and dates.
    pub(crate) fn block_frame(&self, schema: &SchemaRef, block: Vec<u8>) -> Result<LazyFrame, EngineError> {
        let source = ScanSources::Buffers(Arc::from([Buffer::from(block)]));
        let lf = LazyCsvReader::new_with_sources(source)
            .with_has_header(true)
            .with_separator(self.sep)
            .with_schema(Some(schema.clone()))
            .finish()?;
        Ok(self.frame(lf))
    }

    /// The text types of the file's columns (as the whole file is read, from its first rows)
    /// and its blocks.
    pub(crate) fn blocks(&self) -> Result<(SchemaRef, Blocks), EngineError> {
        let schema = self.text_scan()?.collect_schema()?;
        let io = |e: std::io::Error| cannot(&self.path, plain_io(&e));
        let mut file = File::open(&self.path).map_err(io)?;
        // The header: the first line, read in small steps so a wide header is read whole.
        let mut start = Vec::new();
        let header_end = loop {
            let before = start.len();
            (&mut file).take(4 << 10).read_to_end(&mut start).map_err(io)?;
            if let Some(end) = start.iter().position(|b| *b == b'\n') {
                break end + 1;
            }
            if start.len() == before {
                break start.len();
            }
        };
        let carry = start.split_off(header_end);
        Ok((
            schema,
            Blocks { path: self.path.clone(), file, header: start, carry, block: self.block, eof: false, done: false },
        ))
    }
}

/// The blocks of a delimited file: each the header line and then whole lines, about `block`
/// bytes of them.
pub(crate) struct Blocks {
    path: PathBuf,
    file: File,
    header: Vec<u8>,
    /// Read past the last whole line of the block before.
    carry: Vec<u8>,
    block: usize,
    eof: bool,
    done: bool,
}

impl Blocks {
    fn next_block(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        if self.done {
            return Ok(None);
        }
        let mut buf = Vec::with_capacity(self.header.len() + self.carry.len() + self.block);
        buf.extend_from_slice(&self.header);
        let body = buf.len();
        buf.append(&mut self.carry);
        let mut want = self.block;
        loop {
            while buf.len() - body < want && !self.eof {
                let need = want - (buf.len() - body);
                self.eof = (&mut self.file).take(need as u64).read_to_end(&mut buf)? < need;
            }
            if self.eof {
                self.done = true;
                return Ok((!buf[body..].iter().all(u8::is_ascii_whitespace)).then_some(buf));
            }
            if let Some(end) = last_line_end(&buf[body..]) {
                self.carry = buf[body + end + 1..].to_vec();
                buf.truncate(body + end + 1);
                return Ok(Some(buf));
            }
            // No whole line yet (a line longer than a block): read on.
            want += self.block;
        }
    }
}

impl Iterator for Blocks {
    type Item = Result<Vec<u8>, EngineError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_block().map_err(|e| cannot(&self.path, plain_io(&e))).transpose()
    }
}

/// The last line break of `body` outside quotes, `body` starting outside quotes: a quoted
/// value may hold line breaks, and a block must not end inside one.
fn last_line_end(body: &[u8]) -> Option<usize> {
    if memchr::memchr(b'"', body).is_none() {
        return memchr::memrchr(b'\n', body);
    }
    let mut quoted = false;
    let mut end = None;
    for (i, &b) in body.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => end = Some(i),
            _ => {}
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_end_at_line_breaks_outside_quotes() {
        assert_eq!(last_line_end(b"a,b\nc,d\ne"), Some(7));
        assert_eq!(last_line_end(b"a,\"x\ny\"\nc,\"open\n"), Some(7));
        assert_eq!(last_line_end(b"a,\"x\"\"y\n\"\n"), Some(9));
        assert_eq!(last_line_end(b"no break"), None);
    }

    #[test]
    fn parquet_parts_are_runs_of_whole_row_groups() {
        let p = Path::new("x.parquet");
        assert_eq!(ParquetParts::new(p, &[10, 10, 10, 10, 5], 20).slices, [(0, 20), (20, 20), (40, 5)]);
        assert_eq!(ParquetParts::new(p, &[50, 7], 20).slices, [(0, 50), (50, 7)]);
        assert_eq!(ParquetParts::new(p, &[], 20).slices, [(0, 0)]);
    }

    #[test]
    fn csv_blocks_hold_whole_lines_each_after_the_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let mut text = String::from("id,note\n");
        for i in 0..2000 {
            let note = if i % 7 == 0 { format!("\"two\nlines, {i}\"") } else { format!("n{i}") };
            text.push_str(&format!("{i},{note}\n"));
        }
        std::fs::write(&path, &text).unwrap();
        let parts = CsvParts::new(&path, b',', Vec::new(), 64);
        let (_, blocks) = parts.blocks().unwrap();
        let blocks: Vec<Vec<u8>> = blocks.map(Result::unwrap).collect();
        assert!(blocks.len() > 10);
        let mut joined = b"id,note\n".to_vec();
        for b in &blocks {
            let b = b.strip_prefix(b"id,note\n").expect("each block starts with the header");
            assert!(b.ends_with(b"\n"));
            assert_eq!(b.iter().filter(|c| **c == b'"').count() % 2, 0, "a block ends inside quotes");
            joined.extend_from_slice(b);
        }
        assert_eq!(String::from_utf8(joined).unwrap(), text);
    }
}
