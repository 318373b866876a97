//! Reading tables from files: Insights report downloads (CSV or TSV with a header, perhaps a
//! byte-order mark, perhaps gzip), our own Parquet and JSON exports. Types are inferred and
//! dates parsed; big files are scanned lazily.

use std::io::Read;
use std::path::Path;

use polars::prelude::*;

use crate::csv_dates;
use crate::error::EngineError;
use crate::fsio::plain_io;
use crate::parts::{CsvParts, ParquetParts, PartSizes, Source};

pub(crate) fn cannot(path: &Path, why: impl std::fmt::Display) -> EngineError {
    EngineError::file(format!("Could not read {}", path.display()), why)
}

/// The separator of a delimited file: by extension, else by counting in the header line.
fn separator(path: &Path, head: &[u8]) -> u8 {
    match path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).as_deref() {
        Some("tsv") | Some("tab") => b'\t',
        _ => {
            let line = head.split(|b| *b == b'\n').next().unwrap_or(head);
            let tabs = line.iter().filter(|b| **b == b'\t').count();
            let commas = line.iter().filter(|b| **b == b',').count();
            if tabs > commas { b'\t' } else { b',' }
        }
    }
}

/// How many lines of a delimited file are checked for rows with the wrong number of fields
/// before it is read: enough to catch a file that is ragged throughout at no cost worth
/// measuring; a row with too many fields further down is still refused by the reader.
const RAGGED_CHECK_LINES: usize = 10_000;

/// Opens a table file lazily: `.parquet`, `.csv`, `.tsv` (also gzip-compressed), `.json`.
/// A file that cannot be read says why in plain words (empty, not a Parquet file, not UTF-8
/// text, rows that do not match the header), here or, for what only shows once the rows are
/// read, through [`explain`].
pub fn scan(path: &Path) -> Result<LazyFrame, EngineError> {
    open(path)?.whole()
}

/// Opens a table file as [`scan`] does, ready to be read whole or, when big files of its kind
/// can be, in parts (see [`crate::parts`]).
pub fn open(path: &Path) -> Result<Source, EngineError> {
    open_in(path, PartSizes::default())
}

pub(crate) fn open_in(path: &Path, sizes: PartSizes) -> Result<Source, EngineError> {
    if !path.exists() {
        return Err(cannot(path, "the file does not exist"));
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if ext.is_empty() {
        return Err(EngineError::BadQuestion(format!(
            "{} has no extension, so its kind is unknown; name it .csv, .tsv, .parquet or .json",
            path.display()
        )));
    }
    let meta = std::fs::metadata(path).map_err(|e| cannot(path, plain_io(&e)))?;
    if meta.is_dir() {
        return Err(cannot(path, "it is a folder, not a file"));
    }
    if meta.len() == 0 {
        return Err(cannot(path, "the file is empty"));
    }
    match ext.as_str() {
        "parquet" => {
            let rows = check_parquet(path, meta.len())?;
            Ok(Source::Parquet(ParquetParts::new(path, &rows, sizes.parquet_rows)))
        }
        "json" => {
            let file = std::fs::File::open(path).map_err(|e| cannot(path, plain_io(&e)))?;
            let df = JsonReader::new(file).with_json_format(JsonFormat::Json).finish().map_err(|e| cannot(path, e))?;
            Ok(Source::Whole(Box::new(df.lazy())))
        }
        "csv" | "tsv" | "txt" | "gz" => read_delimited(path, sizes),
        other => {
            Err(EngineError::BadQuestion(format!("Cannot read .{other} files; use .csv, .tsv, .parquet or .json")))
        }
    }
}

fn read_delimited(path: &Path, sizes: PartSizes) -> Result<Source, EngineError> {
    let mut head = [0u8; 4096];
    let n = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).map_err(|e| cannot(path, plain_io(&e)))?;
    let head = &head[..n];
    let gzip = head.starts_with(&[0x1f, 0x8b]);
    if !gzip {
        check_text(path, head)?;
    }
    let mut quoted_newlines = false;
    let mut unquoted = false;
    let mut start = Vec::new();
    if !gzip && !head.starts_with(b"\xEF\xBB\xBF") {
        start.reserve(1 << 20);
        std::fs::File::open(path)
            .and_then(|f| f.take(SAMPLE_BYTES).read_to_end(&mut start))
            .map_err(|e| cannot(path, plain_io(&e)))?;
        let sep = separator(path, head);
        unquoted = quotes_only_inside_values(&start, sep);
        quoted_newlines = check_ragged(path, &start, sep, !unquoted)?;
    }
    // A file with a byte-order mark or gzip is decoded in memory, and so is one with line
    // breaks inside quoted values (the scanning reader miscounts their rows when it also
    // parses dates), or one that quotes nothing but has quotes inside its values; a plain one
    // is scanned.
    if gzip || head.starts_with(b"\xEF\xBB\xBF") || quoted_newlines || unquoted {
        let raw = std::fs::read(path).map_err(|e| cannot(path, plain_io(&e)))?;
        let mut bytes = if raw.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            flate2_decode(&raw, &mut out).map_err(|e| cannot(path, format!("the file is damaged (gzip): {e}")))?;
            out
        } else {
            raw
        };
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        if bytes.is_empty() {
            return Err(cannot(path, "the file is empty"));
        }
        check_text(path, &bytes[..bytes.len().min(4096)])?;
        let sep = separator(path, &bytes[..bytes.len().min(4096)]);
        let quote = (!quotes_only_inside_values(&bytes, sep)).then_some(b'"');
        check_ragged(path, &bytes, sep, quote.is_some())?;
        let df = CsvReadOptions::default()
            .with_has_header(true)
            .with_infer_schema_length(Some(10_000))
            .map_parse_options(|o| o.with_separator(sep).with_quote_char(quote).with_try_parse_dates(true))
            .into_reader_with_file_handle(std::io::Cursor::new(bytes))
            .finish()
            .map_err(|e| explain(path, EngineError::from(e)))?;
        return Ok(Source::Whole(Box::new(df.lazy())));
    }
    let sep = separator(path, head);
    // Read as text, each date column parsed with its one format when the first rows settle
    // it (see csv_dates); otherwise polars guesses the dates of every row as before.
    let whole_file = (start.len() as u64) < SAMPLE_BYTES;
    let sample = match start.iter().rposition(|b| *b == b'\n') {
        Some(end) if !whole_file => &start[..=end],
        _ => &start[..],
    };
    match csv_dates::date_columns(sample, sep, whole_file) {
        Some(dates) => Ok(Source::Csv(CsvParts::new(path, sep, dates, sizes.csv_bytes))),
        None => LazyCsvReader::new(PlRefPath::try_from_path(path).map_err(|e| cannot(path, e))?)
            .with_has_header(true)
            .with_separator(sep)
            .with_infer_schema_length(Some(csv_dates::INFER_ROWS))
            .with_try_parse_dates(true)
            .finish()
            .map(|lf| Source::Whole(Box::new(lf)))
            .map_err(|e| cannot(path, e)),
    }
}

/// How much of a plain delimited file is read first: to check its rows and settle its dates.
const SAMPLE_BYTES: u64 = 16 << 20;

fn flate2_decode(raw: &[u8], out: &mut Vec<u8>) -> std::io::Result<()> {
    flate2::read::MultiGzDecoder::new(raw).read_to_end(out).map(|_| ())
}

/// A Parquet file starts and ends with `PAR1`; anything else is another kind of file, or one
/// cut short (a download that stopped, a copy to a full disk). Returns the rows of each row
/// group.
fn check_parquet(path: &Path, len: u64) -> Result<Vec<usize>, EngineError> {
    use std::io::{Seek, SeekFrom};
    let mut f = std::fs::File::open(path).map_err(|e| cannot(path, plain_io(&e)))?;
    let mut head = [0u8; 4];
    let mut tail = [0u8; 4];
    let io = |e: std::io::Error| cannot(path, plain_io(&e));
    if len < 12 {
        return Err(cannot(path, "it is not a Parquet file (it is too short to be one)"));
    }
    f.read_exact(&mut head).map_err(io)?;
    f.seek(SeekFrom::End(-4)).map_err(io)?;
    f.read_exact(&mut tail).map_err(io)?;
    match (&head == b"PAR1", &tail == b"PAR1") {
        (true, true) => {}
        (true, false) => return Err(cannot(path, "the Parquet file is incomplete (it was cut short or damaged)")),
        _ => return Err(cannot(path, "it is not a Parquet file")),
    }
    // The Parquet reader trusts the footer's byte ranges: a damaged footer pointing past the
    // end of the file made it read out of bounds and abort the whole app (found by the
    // property tests). Every column chunk must lie between the header and the footer.
    let damaged = || cannot(path, "the Parquet file is damaged and cannot be read");
    let file = std::fs::File::open(path).map_err(|e| cannot(path, plain_io(&e)))?;
    let meta = guarded(|| ParquetReader::new(file).get_metadata().cloned().map_err(EngineError::from))
        .map_err(|_| damaged())?;
    for rg in &meta.row_groups {
        for c in rg.parquet_columns() {
            let start = c.dictionary_page_offset().unwrap_or(c.data_page_offset());
            let fits = start >= 4
                && c.data_page_offset() >= 4
                && c.compressed_size() >= 0
                && start.checked_add(c.compressed_size()).is_some_and(|end| (end as u64) <= len - 8);
            if !fits {
                return Err(damaged());
            }
        }
    }
    Ok(meta.row_groups.iter().map(|rg| rg.num_rows()).collect())
}

/// Runs reading work so that a panic inside the reader (a damaged file it does not expect)
/// becomes a plain error instead of ending the app.
pub fn guarded<T>(work: impl FnOnce() -> Result<T, EngineError>) -> Result<T, EngineError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .unwrap_or_else(|_| Err(EngineError::Polars("parquet: the reader stopped on damaged data".into())))
}

/// The start of a delimited file must be UTF-8 text: a binary file given a `.csv` name, or a
/// file saved in Latin-1 or Windows-1252, is named as such instead of failing later.
fn check_text(path: &Path, head: &[u8]) -> Result<(), EngineError> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if head.contains(&0) || head.starts_with(b"PAR1") || head.starts_with(b"PK\x03\x04") {
        return Err(cannot(path, "it is not a text file (CSV or TSV); it looks like another kind of file"));
    }
    match std::str::from_utf8(head) {
        Ok(_) => Ok(()),
        // A character cut by the end of the sample is fine.
        Err(e) if e.error_len().is_none() => Ok(()),
        Err(_) => Err(not_utf8(path)),
    }
}

fn not_utf8(path: &Path) -> EngineError {
    cannot(
        path,
        "the text is not UTF-8 (perhaps Latin-1 or Windows-1252); save it again as \"CSV UTF-8\" and try again",
    )
}

/// Whether the file has quotes but quotes no value: every `"` is inside a value (`27" monitor`,
/// `Bob "Bobby" Smith`), none at a value's start. Such a file is what many tools write when they
/// quote nothing; spreadsheets, DuckDB and pandas read it as written. polars takes any quote as
/// the start of a quoted value, and read the rest of the file as one broken value; read with no
/// quoting, it comes out as written. A file that also quotes a value is left to the reader (and
/// its plain error), since which of its quotes are meant cannot be known.
fn quotes_only_inside_values(bytes: &[u8], sep: u8) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut any = false;
    for i in memchr::memchr_iter(b'"', bytes) {
        if i == 0 || bytes[i - 1] == sep || bytes[i - 1] == b'\n' {
            return false;
        }
        any = true;
    }
    any
}

/// Rows with fewer or more fields than the header would be read as blanks or refused deep in
/// the reader; the first lines are checked here so the person hears which line is wrong.
/// `quoting`: whether a `"` starts and ends a quoted value (see [`quotes_only_inside_values`]).
/// Returns whether a quoted value holds a line break.
fn check_ragged(path: &Path, bytes: &[u8], sep: u8, quoting: bool) -> Result<bool, EngineError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut fields = 1usize;
    let mut expected = None;
    let mut line = 1usize;
    let mut quoted = false;
    let mut bad = Vec::new();
    let mut bad_count = 0usize;
    let mut empty_line = true;
    let mut quoted_newline = false;
    for &b in bytes {
        match b {
            b'"' if quoting => quoted = !quoted,
            b'\n' if quoted => quoted_newline = true,
            b if b == sep && !quoted => fields += 1,
            b'\n' if !quoted => {
                if !empty_line {
                    match expected {
                        None => expected = Some(fields),
                        Some(n) if n != fields => {
                            bad_count += 1;
                            if bad.len() < 3 {
                                bad.push((line, fields));
                            }
                        }
                        _ => {}
                    }
                }
                fields = 1;
                line += 1;
                empty_line = true;
                if line > RAGGED_CHECK_LINES {
                    break;
                }
                continue;
            }
            b'\r' if !quoted => continue,
            _ => {}
        }
        empty_line = false;
    }
    let (Some(n), Some(&(first, got))) = (expected, bad.first()) else { return Ok(quoted_newline) };
    let lines: Vec<String> = bad.iter().map(|(l, _)| l.to_string()).collect();
    let more = if bad_count > bad.len() { format!(" and {} more", bad_count - bad.len()) } else { String::new() };
    Err(cannot(
        path,
        format!(
            "line {first} has {got} field{} where the header has {n} (lines {}{more} do not match the header); \
             fix those lines or export the file again",
            if got == 1 { "" } else { "s" },
            lines.join(", ")
        ),
    ))
}

/// What the reader says when the rows themselves cannot be read, in plain words: a file whose
/// trouble only shows past the first lines, or inside a Parquet page.
pub fn explain(path: &Path, e: EngineError) -> EngineError {
    let EngineError::Polars(msg) = &e else { return e };
    let m = msg.to_ascii_lowercase();
    if m.contains("utf-8") || m.contains("utf8") {
        not_utf8(path)
    } else if m.contains("csv malformed") || m.contains("quote") {
        cannot(path, "a quoted value could not be read (a quote is missing or a line break is inside one)")
    } else if m.contains("more fields than defined") {
        cannot(path, "some rows have more fields than the header; fix those lines or export the file again")
    } else if m.contains("empty csv") || m.contains("no data") {
        cannot(path, "the file has no rows")
    } else if ["parquet", "out of spec", "out-of-spec", "thrift", "decompress", "decode", "deserialize", "arrow:schema"]
        .iter()
        .any(|w| m.contains(w))
    {
        cannot(path, "the Parquet file is damaged and cannot be read")
    } else if m.contains("could not parse") || m.contains("json") {
        cannot(path, "part of the file cannot be read as a table")
    } else {
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insights_files_with_bom_tabs_and_dates() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("report.tsv");
        std::fs::write(
            &p,
            "\u{feff}Month\tCustomerMarket\tCustomerCount\r\n2026-09-01\tUS\t12\r\n2026-10-01\tGB\t3\r\n",
        )
        .unwrap();
        let df = scan(&p).unwrap().collect().unwrap();
        assert_eq!(
            df.get_column_names().iter().map(|n| n.as_str()).collect::<Vec<_>>(),
            ["Month", "CustomerMarket", "CustomerCount"]
        );
        assert_eq!(df.column("Month").unwrap().dtype(), &DataType::Date);
        assert_eq!(df.column("CustomerCount").unwrap().i64().unwrap().get(0), Some(12));
    }

    #[test]
    fn gzip_csv_and_plain_csv_sniffed() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.csv");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"A,B\n1,x\n2,y\n").unwrap();
        std::fs::write(&p, gz.finish().unwrap()).unwrap();
        assert_eq!(scan(&p).unwrap().collect().unwrap().height(), 2);
        let q = dir.path().join("plain.txt");
        std::fs::write(&q, "A\tB\n1\tx\n").unwrap();
        assert_eq!(scan(&q).unwrap().collect().unwrap().width(), 2);
    }

    #[test]
    fn unreadable_files_say_so() {
        let dir = tempfile::tempdir().unwrap();
        let e = scan(&dir.path().join("missing.csv")).err().unwrap();
        assert!(e.to_string().contains("does not exist"));
        let p = dir.path().join("x.xlsx");
        std::fs::write(&p, "x").unwrap();
        assert!(scan(&p).err().unwrap().to_string().contains("Cannot read .xlsx"));
        let bad = dir.path().join("bad.parquet");
        std::fs::write(&bad, b"not parquet at all").unwrap();
        assert!(scan(&bad).and_then(|lf| Ok(lf.collect()?)).is_err());
    }

    fn err_of(name: &str, bytes: &[u8]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        match scan(&p).and_then(|lf| lf.collect().map_err(EngineError::from)) {
            Ok(df) => panic!("{name} read as {df:?}"),
            Err(e) => explain(&p, e).to_string(),
        }
    }

    /// Issue 12, found by trying: each of these said "Something went wrong inside Partner
    /// Lens… Try again in a moment", the cause only in the log.
    #[test]
    fn unreadable_input_files_say_what_is_wrong_with_them() {
        let parquet = {
            let mut df = df!("a" => (0..1000).collect::<Vec<i64>>()).unwrap();
            let mut buf = Vec::new();
            ParquetWriter::new(&mut buf).finish(&mut df).unwrap();
            buf
        };
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("empty.csv", vec![], "the file is empty"),
            ("empty.parquet", vec![], "the file is empty"),
            ("binary.csv", (0..=255u8).cycle().take(3000).collect(), "not a text file"),
            ("latin1.csv", b"customer,count\nCaf\xe9 du Nord,3\n".to_vec(), "not UTF-8"),
            ("latin1.tsv", b"customer\tcount\nM\xfcller\t3\n".to_vec(), "not UTF-8"),
            ("bom-only.csv", b"\xEF\xBB\xBF".to_vec(), "the file is empty"),
            ("truncated.parquet", parquet[..parquet.len() / 2].to_vec(), "incomplete"),
            ("text.parquet", b"a,b\n1,2\n".to_vec(), "not a Parquet file"),
            ("ragged.csv", b"a,b\n1,2\n3\n4,5,6\n7,8\n".to_vec(), "line 3 has 1 field where the header has 2"),
            ("noext", b"a,b\n1,2\n".to_vec(), "no extension"),
        ];
        for (name, bytes, want) in cases {
            let e = err_of(name, &bytes);
            assert!(e.contains(want), "{name}: {e}");
            assert!(!e.contains("Something went wrong"), "{name}: {e}");
        }
        // A Latin-1 character far below the first lines is named too, once the rows are read.
        let mut late = b"customer,count\n".to_vec();
        for i in 0..20_000 {
            late.extend_from_slice(format!("c{i},1\n").as_bytes());
        }
        late.extend_from_slice(b"Caf\xe9,2\n");
        assert!(err_of("late.csv", &late).contains("not UTF-8"));
    }

    #[test]
    fn quoted_separators_and_newlines_are_not_ragged() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("q.csv");
        std::fs::write(&p, "name,note\r\n\"Smith, J\",\"two\nlines\"\r\nLee,ok\r\n").unwrap();
        assert_eq!(scan(&p).unwrap().collect().unwrap().height(), 2);
    }

    /// Quotes inside values of a file that quotes nothing are read as written, as spreadsheets,
    /// DuckDB and pandas read them; polars alone took the first as the start of a quoted value.
    #[test]
    fn quotes_inside_unquoted_values_are_read_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let body = "product,customer,count\r\n27\" monitor,Bob \"Bobby\" Smith,3\r\nDesk,Ann,4\r\nStand 5\",Lee,5\r\n";
        for (name, bytes) in [
            ("plain.csv", body.as_bytes().to_vec()),
            ("bom.csv", [b"\xEF\xBB\xBF".as_slice(), body.as_bytes()].concat()),
            ("tabs.tsv", body.replace(',', "\t").into_bytes()),
        ] {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            let df = scan(&p).unwrap().collect().unwrap();
            let text = |c: &str| df.column(c).unwrap().str().unwrap().iter().flatten().collect::<Vec<_>>();
            assert_eq!(text("product"), ["27\" monitor", "Desk", "Stand 5\""], "{name}");
            assert_eq!(text("customer"), ["Bob \"Bobby\" Smith", "Ann", "Lee"], "{name}");
            assert_eq!(df.column("count").unwrap().i64().unwrap().sum(), Some(12), "{name}");
        }
        // Quotes on two lines: taken as quoting, the lines between would be one row of the
        // wrong length.
        let p = dir.path().join("two.csv");
        std::fs::write(&p, "product,customer,count\n27\" monitor,Bob,3\nDesk,Ann 5\",4\n").unwrap();
        assert_eq!(scan(&p).unwrap().collect().unwrap().height(), 2);
        // A bigger file: every row after the quote is read, none joined to it.
        let mut big = String::from("product,count\n");
        for i in 0..400_000 {
            big.push_str(&format!("p{i},1\n"));
        }
        big.insert_str(14, "24\" screen,2\n");
        let p = dir.path().join("big.csv");
        std::fs::write(&p, &big).unwrap();
        let df = scan(&p).unwrap().collect().unwrap();
        assert_eq!(df.height(), 400_001);
        assert_eq!(df.column("count").unwrap().i64().unwrap().sum(), Some(400_002));
    }

    /// A file that quotes some values and has a quote inside another cannot be read both ways
    /// at once: it keeps the plain error rather than a guess.
    #[test]
    fn a_file_that_quotes_values_and_has_a_stray_quote_says_so() {
        let e = err_of("mixed.csv", b"product,count\n\"Desk, large\",4\n27\" monitor,3\nStand,5\n");
        assert!(e.contains("a quoted value could not be read"), "{e}");
        // Its quoted values alone are read as before.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("quoted.csv");
        std::fs::write(&p, "product,count\n\"Desk, large\",4\n\"27\"\" monitor\",3\n").unwrap();
        let df = scan(&p).unwrap().collect().unwrap();
        let names: Vec<&str> = df.column("product").unwrap().str().unwrap().iter().flatten().collect();
        assert_eq!(names, ["Desk, large", "27\" monitor"]);
    }
}
