//! The date columns of a delimited file and the exact format each is written in, found on the
//! file's first rows, so the whole file is read as text and only the date columns a question
//! uses are parsed, each with its one format.
//!
//! polars' own date guessing (`try_parse_dates`) parses every date column of every row, and
//! with the formats it guesses (`%Y-%m-%d %H:%M:%S%.f`: any number of decimals) it falls back to
//! chrono's general parser: on a ten-million-row Insights-like CSV that was two thirds of the
//! time. Date-times are read by hand instead (the service's date reader), dates with one
//! fixed-width format, which polars reads fast; each choice is checked against polars' own
//! guess on the first rows.

use polars::prelude::*;

/// How many rows the file's types are worked out from (here and by the scanning reader).
pub const INFER_ROWS: usize = 10_000;

/// Formats tried for a date, fastest first; the first that reads the sample exactly as polars'
/// guessing does is kept.
const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"];

const DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%.3f",
    "%Y-%m-%d %H:%M:%S%.3f",
    "%Y-%m-%dT%H:%M:%S%.6f",
    "%Y-%m-%d %H:%M:%S%.6f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S%.f",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d.%m.%Y %H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%S%.fZ",
    "%Y-%m-%dT%H:%M:%S%#z",
    "%Y-%m-%dT%H:%M:%S%.f%#z",
    "%Y-%m-%d %H:%M:%S%#z",
    "%+",
];

/// How a date column's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// By hand, as dates from the service are (`lens_model::dates`): any ISO 8601 shape, with
    /// or without seconds, decimals or a zone, one pass and no allocation per value. Tried
    /// first for date-times, so a file whose later rows gain decimals still reads them.
    Iso,
    /// By polars with one format.
    Format(&'static str),
}

/// A date column and how to read it.
#[derive(Debug, Clone, PartialEq)]
pub struct DateColumn {
    pub name: PlSmallStr,
    pub dtype: DataType,
    pub reading: Reading,
}

impl DateColumn {
    /// The column's text read as dates; a value that cannot be read becomes empty, as it does
    /// with polars' guessing.
    pub fn expr(&self) -> Expr {
        let name = self.name.clone();
        match self.reading {
            Reading::Iso => col(name.clone())
                .map(
                    |c: Column| {
                        let micros: Int64Chunked = c
                            .str()?
                            .iter()
                            .map(|v| v.and_then(|t| lens_model::dates::parse_micros(t).ok().flatten()))
                            .collect();
                        let dt = DataType::Datetime(TimeUnit::Microseconds, None);
                        Ok(micros.with_name(c.name().clone()).into_series().cast(&dt)?.into_column())
                    },
                    |_, f| Ok(Field::new(f.name().clone(), DataType::Datetime(TimeUnit::Microseconds, None))),
                )
                .alias(name),
            Reading::Format(format) => {
                let options = StrptimeOptions { format: Some(format.into()), strict: false, exact: true, cache: false };
                col(name.clone()).str().strptime(self.dtype.clone(), options, lit("raise")).alias(name)
            }
        }
    }
}

/// The position of the `n`th line break.
fn nth_line_end(bytes: &[u8], n: usize) -> Option<usize> {
    bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(n - 1).map(|(i, _)| i)
}

fn read_sample(sample: &[u8], sep: u8, dates: bool) -> Option<DataFrame> {
    CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(INFER_ROWS))
        .with_n_rows(Some(INFER_ROWS))
        .map_parse_options(|o| o.with_separator(sep).with_try_parse_dates(dates))
        .into_reader_with_file_handle(std::io::Cursor::new(sample))
        .finish()
        .ok()
}

/// How many of the first rows polars guesses the dates of. polars reads a guessed date with
/// chrono, which reads the format again for every value and tries every format on every text
/// value: guessing 10,000 rows of the bench CSV took 0.6 s, more than grouping the ten million
/// rows that follow. A reading must still read every date of the rows types come from.
const GUESS_ROWS: usize = 1000;

/// The first `rows` rows of `sample` (a header, then lines), or all of it.
fn first_rows(sample: &[u8], rows: usize) -> &[u8] {
    match nth_line_end(sample, rows + 1) {
        Some(end) => &sample[..=end],
        None => sample,
    }
}

/// The date columns polars would guess from `sample` (the file's first bytes, ending at a line
/// break) and a format that reads each of them the same way. `None` when that cannot be
/// settled: the sample is shorter than the rows types are guessed from (the scanning reader
/// could then guess differently), or a column is written in a way no format here reads alike.
///
/// polars guesses from the first [`GUESS_ROWS`] rows; a reading must read those rows as
/// polars' guess does, value for value, and read every date of the first [`INFER_ROWS`] rows.
/// A column with no values in the first rows but values later, or with values further down that
/// the reading does not read as dates, is not settled here.
pub fn date_columns(sample: &[u8], sep: u8, whole_file: bool) -> Option<Vec<DateColumn>> {
    // The header and the rows types are guessed from, and no more: polars' reader parses past
    // `n_rows`, and a row further down in another shape would fail the sample.
    let sample = first_rows(sample, INFER_ROWS);
    let text = read_sample(sample, sep, false)?;
    if text.height() < INFER_ROWS && !whole_file {
        return None;
    }
    let guessed = read_sample(first_rows(sample, GUESS_ROWS), sep, true)?;
    let first = text.head(Some(guessed.height()));
    for (name, dt) in guessed.schema().iter() {
        // Empty at first but not further down: polars could make it a date from all the rows.
        let empty_at_first = dt == &DataType::String && guessed.column(name).is_ok_and(|c| c.null_count() == c.len());
        if empty_at_first && text.column(name).is_ok_and(|c| c.null_count() < c.len()) {
            return None;
        }
    }
    let found: Vec<(PlSmallStr, DataType)> = guessed
        .schema()
        .iter()
        .filter(|(_, dt)| matches!(dt, DataType::Date | DataType::Datetime(_, _)))
        .map(|(n, dt)| (n.clone(), dt.clone()))
        .collect();
    let mut out = Vec::new();
    for (name, dtype) in found {
        let want = guessed.column(&name).ok()?.as_materialized_series();
        let empty = text.column(&name).ok()?.null_count();
        let iso = (dtype == DataType::Datetime(TimeUnit::Microseconds, None)).then_some(Reading::Iso);
        let formats = if dtype == DataType::Date { DATE_FORMATS } else { DATETIME_FORMATS };
        let column = iso
            .into_iter()
            .chain(formats.iter().map(|f| Reading::Format(f)))
            .map(|reading| DateColumn { name: name.clone(), dtype: dtype.clone(), reading })
            .find(|c| {
                let read = |df: &DataFrame| df.clone().lazy().select([c.expr()]).collect().ok();
                // As polars reads the first rows, value for value...
                let alike = read(&first).and_then(|r| r.column(&name).ok().cloned()).is_some_and(|got| {
                    got.dtype() == want.dtype() && got.as_materialized_series().equals_missing(want)
                });
                // ...and every date of the rows the types come from read.
                alike && read(&text).and_then(|r| r.column(&name).ok().map(|c| c.null_count())) == Some(empty)
            })?;
        out.push(column);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(text: &str) -> Option<Vec<(String, Reading)>> {
        date_columns(text.as_bytes(), b',', true)
            .map(|v| v.into_iter().map(|c| (c.name.to_string(), c.reading)).collect())
    }

    #[test]
    fn each_date_column_gets_a_reading_that_reads_it_alike() {
        let text = "id,created,ended,day,n\n\
                    a,2019-01-01 00:00:00,2020-01-01T10:11:12.037,2026-09-01,1\n\
                    b,2022-12-02 01:08:22,,2026-10-31,2\n";
        assert_eq!(
            columns(text).unwrap(),
            [
                ("created".to_string(), Reading::Iso),
                ("ended".to_string(), Reading::Iso),
                ("day".to_string(), Reading::Format("%Y-%m-%d"))
            ]
        );
    }

    #[test]
    fn dates_written_day_first_get_their_format() {
        let text = "t\n31/12/2020 10:11:12\n01/02/2021 00:00:00\n";
        assert_eq!(columns(text).unwrap(), [("t".to_string(), Reading::Format("%d/%m/%Y %H:%M:%S"))]);
    }

    #[test]
    fn the_whole_file_reads_as_polars_guessing_reads_it() {
        // Later rows gain decimals and a zone: read by hand, still dates. (polars' guessing
        // refuses such a file: "could not parse ... with pattern DatetimeYMD".)
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        let mut text = String::from("id,t\n");
        for i in 0..INFER_ROWS + 5 {
            let t =
                if i < INFER_ROWS { "2020-01-01 10:11:12".to_string() } else { format!("2020-01-01T10:11:12.{i}Z") };
            text.push_str(&format!("{i},{t}\n"));
        }
        std::fs::write(&p, &text).unwrap();
        let ours = crate::read::scan(&p).unwrap().collect().unwrap();
        let t = ours.column("t").unwrap();
        assert_eq!(t.dtype(), &DataType::Datetime(TimeUnit::Microseconds, None));
        assert_eq!(t.null_count(), 0);
        // polars' guess, on the rows it can read.
        let first = dir.path().join("first.csv");
        std::fs::write(&first, text.lines().take(INFER_ROWS + 1).collect::<Vec<_>>().join("\n")).unwrap();
        let theirs = polars_guess(first);
        let head = |df: &DataFrame| df.head(Some(INFER_ROWS));
        assert!(head(&ours).equals_missing(&head(&theirs)));
    }

    /// The file as polars reads it guessing its dates from the rows types come from.
    fn polars_guess(path: std::path::PathBuf) -> DataFrame {
        CsvReadOptions::default()
            .with_infer_schema_length(Some(INFER_ROWS))
            .map_parse_options(|o| o.with_try_parse_dates(true))
            .try_into_reader_with_file_path(Some(path))
            .unwrap()
            .finish()
            .unwrap()
    }

    #[test]
    fn types_come_from_all_the_first_rows_not_only_the_compared_ones() {
        // Dates alone in the rows compared, times further down: polars types the column from
        // all 10,000 rows, and the file reads as polars' guessing reads it.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        let mut text = String::from("id,t\n");
        for i in 0..INFER_ROWS {
            let t =
                if i < GUESS_ROWS + 10 { "2020-01-02".to_string() } else { format!("2020-01-02 10:11:{:02}", i % 60) };
            text.push_str(&format!("{i},{t}\n"));
        }
        std::fs::write(&p, &text).unwrap();
        let ours = crate::read::scan(&p).unwrap().collect().unwrap();
        let theirs = polars_guess(p);
        assert_eq!(ours.schema(), theirs.schema());
        assert!(ours.equals_missing(&theirs));
    }

    #[test]
    fn a_short_sample_of_a_longer_file_settles_nothing() {
        assert_eq!(date_columns(b"t\n2020-01-01\n", b',', false), None);
        assert_eq!(columns("a,b\n1,x\n").unwrap(), []);
    }
}
