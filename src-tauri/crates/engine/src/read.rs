//! Reading tables from files: Insights report downloads (CSV or TSV with a header, perhaps a
//! byte-order mark, perhaps gzip), our own Parquet and JSON exports. Types are inferred and
//! dates parsed; big files are scanned lazily.

use std::io::Read;
use std::path::Path;

use polars::prelude::*;

use crate::error::EngineError;
use crate::fsio::plain_io;

fn cannot(path: &Path, why: impl std::fmt::Display) -> EngineError {
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

/// Opens a table file lazily: `.parquet`, `.csv`, `.tsv` (also gzip-compressed), `.json`.
pub fn scan(path: &Path) -> Result<LazyFrame, EngineError> {
    if !path.exists() {
        return Err(cannot(path, "the file does not exist"));
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "parquet" => {
            let p = PlRefPath::try_from_path(path).map_err(|e| cannot(path, e))?;
            let lf = LazyFrame::scan_parquet(p, ScanArgsParquet::default()).map_err(|e| cannot(path, e))?;
            Ok(lf)
        }
        "json" => {
            let file = std::fs::File::open(path).map_err(|e| cannot(path, plain_io(&e)))?;
            let df = JsonReader::new(file).with_json_format(JsonFormat::Json).finish().map_err(|e| cannot(path, e))?;
            Ok(df.lazy())
        }
        "csv" | "tsv" | "txt" | "gz" => read_delimited(path),
        other => {
            Err(EngineError::BadQuestion(format!("Cannot read .{other} files; use .csv, .tsv, .parquet or .json")))
        }
    }
}

fn read_delimited(path: &Path) -> Result<LazyFrame, EngineError> {
    let mut head = [0u8; 4096];
    let n = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).map_err(|e| cannot(path, plain_io(&e)))?;
    let head = &head[..n];
    // A file with a byte-order mark or gzip is decoded in memory; a plain one is scanned.
    let needs_decoding = head.starts_with(&[0x1f, 0x8b]) || head.starts_with(b"\xEF\xBB\xBF");
    if needs_decoding {
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
        let sep = separator(path, &bytes[..bytes.len().min(4096)]);
        let df = CsvReadOptions::default()
            .with_has_header(true)
            .with_infer_schema_length(Some(10_000))
            .map_parse_options(|o| o.with_separator(sep).with_try_parse_dates(true))
            .into_reader_with_file_handle(std::io::Cursor::new(bytes))
            .finish()
            .map_err(|e| cannot(path, e))?;
        return Ok(df.lazy());
    }
    let sep = separator(path, head);
    let p = PlRefPath::try_from_path(path).map_err(|e| cannot(path, e))?;
    LazyCsvReader::new(p)
        .with_has_header(true)
        .with_separator(sep)
        .with_try_parse_dates(true)
        .with_infer_schema_length(Some(10_000))
        .finish()
        .map_err(|e| cannot(path, e))
}

fn flate2_decode(raw: &[u8], out: &mut Vec<u8>) -> std::io::Result<()> {
    flate2::read::MultiGzDecoder::new(raw).read_to_end(out).map(|_| ())
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
}
