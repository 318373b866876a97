//! Excel workbooks people can use as they are: typed cells (numbers are numbers, dates are
//! dates), a bold shaded header row that stays in view, an autofilter, sensible column widths,
//! and constant-memory writing so a million-row table does not need a million rows of cells in
//! memory.

use std::path::Path;

use polars::prelude::*;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, XlsxError};

use crate::error::EngineError;
use crate::fsio::{plain_io, temp_path};

/// Excel's limit on rows in a sheet (the header takes one).
pub const MAX_ROWS: usize = 1_048_575;

fn xlsx_error(path: &Path, e: XlsxError) -> EngineError {
    let full = match &e {
        XlsxError::IoError(io) => crate::fsio::is_full(io),
        XlsxError::ZipError(z) => crate::fsio::full_in_chain(z),
        _ => false,
    };
    if full {
        return EngineError::DiskFull { what: path.display().to_string() };
    }
    let why = match &e {
        XlsxError::IoError(io) => plain_io(io),
        other => other.to_string(),
    };
    EngineError::file(format!("Could not write {}", path.display()), why)
}

/// Writes `df` as one sheet named `sheet`. Tables longer than Excel allows are refused with
/// a plain message (CSV or Parquet hold them).
pub fn write_xlsx(df: &DataFrame, path: &Path, sheet: &str) -> Result<(), EngineError> {
    if df.height() > MAX_ROWS {
        return Err(EngineError::BadQuestion(format!(
            "Excel holds at most {MAX_ROWS} rows and this table has {}; export it as CSV or Parquet instead",
            df.height()
        )));
    }
    let header =
        Format::new().set_bold().set_background_color(Color::RGB(0xDEECF9)).set_border_bottom(FormatBorder::Thin);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    // The cell's value keeps the fraction either way; this shows it when there is one.
    let datetime_ms = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss.000");
    let whole = Format::new().set_num_format("#,##0");
    let decimal = Format::new().set_num_format("#,##0.00");

    let mut wb = Workbook::new();
    let tmp = temp_path(path);
    // Constant memory: rows go to a temporary file as they are written.
    wb.set_tempdir(std::env::temp_dir()).map_err(|e| xlsx_error(path, e))?;
    let ws = wb.add_worksheet_with_constant_memory().map_err(|e| xlsx_error(path, e))?;
    let name: String = sheet.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    ws.set_name(if name.is_empty() { "Data" } else { &name }).map_err(|e| xlsx_error(path, e))?;

    let height = df.height();
    for (c, column) in df.columns().iter().enumerate() {
        let col = c as u16;
        ws.write_string_with_format(0, col, column.name().as_str(), &header).map_err(|e| xlsx_error(path, e))?;
    }
    // Widths from the header and the first rows' text, within reason.
    let mut widths: Vec<usize> = df.columns().iter().map(|c| c.name().len() + 2).collect();
    // Constant-memory mode writes row by row, so walk rows in the outer loop.
    let series: Vec<Series> = df.columns().iter().map(|c| c.as_materialized_series().clone()).collect();
    let kinds: Vec<Kind> = series.iter().map(kind_of).collect::<Result<_, _>>()?;
    let prepared: Vec<Prepared> = series.iter().zip(&kinds).map(|(s, k)| prepare(s, *k)).collect::<Result<_, _>>()?;
    for r in 0..height {
        let row = (r + 1) as u32;
        for (c, p) in prepared.iter().enumerate() {
            let col = c as u16;
            let res = match p {
                Prepared::Text(v) => match v.get(r) {
                    Some(t) => {
                        if r < 200 {
                            widths[c] = widths[c].max(t.chars().count() + 2);
                        }
                        ws.write_string(row, col, t).map(|_| ())
                    }
                    None => Ok(()),
                },
                Prepared::Whole(v) => match v.get(r) {
                    Some(n) => ws.write_number_with_format(row, col, n as f64, &whole).map(|_| ()),
                    None => Ok(()),
                },
                Prepared::Decimal(v) => match v.get(r) {
                    Some(n) => ws.write_number_with_format(row, col, n, &decimal).map(|_| ()),
                    None => Ok(()),
                },
                Prepared::Bool(v) => match v.get(r) {
                    Some(b) => ws.write_boolean(row, col, b).map(|_| ()),
                    None => Ok(()),
                },
                Prepared::Date { micros, whole_days, fractions } => match micros.get(r) {
                    Some(m) => {
                        let dt = chrono::DateTime::from_timestamp_micros(m).map(|d| d.naive_utc());
                        let format = if *whole_days {
                            &date
                        } else if *fractions {
                            &datetime_ms
                        } else {
                            &datetime
                        };
                        // Excel counts days from 1900 to 9999: a date outside (a placeholder
                        // such as 0001-01-01, say) is written as the text it is, never as a
                        // negative number or as another date.
                        match dt {
                            Some(dt) if (1900..=9999).contains(&chrono::Datelike::year(&dt)) => {
                                ws.write_datetime_with_format(row, col, dt, format).map(|_| ())
                            }
                            Some(dt) => ws
                                .write_string(
                                    row,
                                    col,
                                    dt.format(if *whole_days { "%Y-%m-%d" } else { "%Y-%m-%d %H:%M:%S" }).to_string(),
                                )
                                .map(|_| ()),
                            None => ws.write_string(row, col, "(date out of range)").map(|_| ()),
                        }
                    }
                    None => Ok(()),
                },
            };
            res.map_err(|e| xlsx_error(path, e))?;
        }
    }
    for (c, (w, k)) in widths.iter().zip(&kinds).enumerate() {
        let width = match k {
            Kind::Date => 20,
            Kind::Number => (*w).max(12),
            _ => *w,
        }
        .min(60);
        ws.set_column_width(c as u16, width as f64).map_err(|e| xlsx_error(path, e))?;
    }
    if df.width() > 0 {
        ws.set_freeze_panes(1, 0).map_err(|e| xlsx_error(path, e))?;
        ws.autofilter(0, 0, height as u32, (df.width() - 1) as u16).map_err(|e| xlsx_error(path, e))?;
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            EngineError::file(format!("Could not create the folder for {}", path.display()), plain_io(&e))
        })?;
    }
    let result = wb.save(&tmp).map_err(|e| xlsx_error(path, e)).and_then(|_| {
        std::fs::rename(&tmp, path)
            .map_err(|e| EngineError::file(format!("Could not save {}", path.display()), plain_io(&e)))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[derive(Clone, Copy)]
enum Kind {
    Text,
    Number,
    Bool,
    Date,
}

fn kind_of(s: &Series) -> Result<Kind, EngineError> {
    Ok(match s.dtype() {
        DataType::Boolean => Kind::Bool,
        DataType::Datetime(_, _) | DataType::Date => Kind::Date,
        dt if dt.is_primitive_numeric() => Kind::Number,
        _ => Kind::Text,
    })
}

enum Prepared {
    Text(StringChunked),
    Whole(Int64Chunked),
    Decimal(Float64Chunked),
    Bool(BooleanChunked),
    Date { micros: Int64Chunked, whole_days: bool, fractions: bool },
}

fn prepare(s: &Series, k: Kind) -> Result<Prepared, EngineError> {
    Ok(match k {
        Kind::Text => Prepared::Text(s.cast(&DataType::String)?.str()?.rechunk().into_owned()),
        Kind::Bool => Prepared::Bool(s.bool()?.rechunk().into_owned()),
        Kind::Number if s.dtype().is_integer() => {
            Prepared::Whole(s.cast(&DataType::Int64)?.i64()?.rechunk().into_owned())
        }
        Kind::Number => Prepared::Decimal(s.cast(&DataType::Float64)?.f64()?.rechunk().into_owned()),
        Kind::Date => {
            let micros = s
                .cast(&DataType::Datetime(TimeUnit::Microseconds, None))?
                .cast(&DataType::Int64)?
                .i64()?
                .rechunk()
                .into_owned();
            let whole_days = micros.iter().flatten().all(|m| m.rem_euclid(lens_model::dates::MICROS_PER_DAY) == 0);
            let fractions = micros.iter().flatten().any(|m| m.rem_euclid(lens_model::dates::MICROS_PER_SEC) != 0);
            Prepared::Date { micros, whole_days, fractions }
        }
    })
}
