//! CSV for people who open it in Excel: UTF-8 with a byte-order mark (or Excel garbles accents),
//! dates as ISO text, and text cells that start with `= + - @` (or a tab or carriage return)
//! prefixed with `'`, so a crafted customer name cannot run as a formula (CSV injection).

use std::path::Path;

use polars::prelude::*;

use crate::error::EngineError;
use crate::fsio::write_atomic;

/// Prefixes text that a spreadsheet would take for a formula.
pub fn neutralise_formulas(lf: LazyFrame, schema: &Schema) -> LazyFrame {
    let exprs: Vec<Expr> = schema
        .iter()
        .filter(|(_, dt)| **dt == DataType::String)
        .map(|(name, _)| {
            let c = col(name.clone());
            let risky = c.clone().str().contains(lit(r"^[=+\-@\t\r]"), false).fill_null(lit(false));
            when(risky).then(lit("'") + c.clone()).otherwise(c).alias(name.clone())
        })
        .collect();
    if exprs.is_empty() { lf } else { lf.with_columns(exprs) }
}

pub fn write_csv(df: &DataFrame, path: &Path) -> Result<(), EngineError> {
    let safe = neutralise_formulas(df.clone().lazy(), df.schema()).collect()?;
    // After neutralising: a date written as text is never a formula.
    let mut safe = crate::export::text::dates_as_text(&safe)?;
    write_atomic(path, &format!("{}", path.display()), |w| {
        CsvWriter::new(w)
            .include_bom(true)
            .include_header(true)
            .finish(&mut safe)
            .map_err(|e| EngineError::file(format!("Could not write {}", path.display()), e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_iso_dates_and_no_formulas() {
        let mut df = df!(
            "name" => ["Café Zürich", "=HYPERLINK(\"x\")", "-2+3", "@SUM(A1)", "plain"],
            "n" => [1i64, -2, 3, 4, 5],
        )
        .unwrap();
        let when = Series::new("when".into(), [86_400_000_000i64 + 3_600_000_000, 0, 0, 0, 0])
            .cast(&DataType::Datetime(TimeUnit::Microseconds, None))
            .unwrap();
        df.with_column(when.into_column()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        write_csv(&df, &path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let mut rdr = text.lines();
        assert_eq!(rdr.next(), Some("name,n,when"));
        assert_eq!(rdr.next(), Some("Café Zürich,1,1970-01-02T01:00:00Z"));
        assert_eq!(rdr.next(), Some("\"'=HYPERLINK(\"\"x\"\")\",-2,1970-01-01T00:00:00Z"));
        assert_eq!(rdr.next(), Some("'-2+3,3,1970-01-01T00:00:00Z"));
        assert_eq!(rdr.next(), Some("'@SUM(A1),4,1970-01-01T00:00:00Z"));
    }
}
