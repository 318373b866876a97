//! Exports read back with other readers: the CSV with a CSV reader, the workbook with calamine
//! (types and values), the PNG decoded and not blank, the SVG parsed as XML.

use calamine::{Data, Reader, Xlsx, open_workbook};
use lens_engine::export::chart_image::{ChartKind, ChartStyle, write_chart};
use lens_engine::export::csv::write_csv;
use lens_engine::export::xlsx::write_xlsx;
use lens_engine::{DateAxis, Metric, Period, Question, answer, pivot, to_aggregate};
use polars::prelude::*;

fn table() -> DataFrame {
    let day = 86_400_000_000i64;
    let base = 19_723 * day; // 2024-01-01
    let created: Vec<Option<i64>> =
        (0..120).map(|i| if i == 7 { None } else { Some(base + (i % 90) * day + 3_600_000_000) }).collect();
    let types: Vec<&str> = (0..120).map(|i| ["Office", "Azure", "=cmd|' /C calc'!A0", "Café Zürich"][i % 4]).collect();
    let lic: Vec<i64> = (0..120).map(|i| (i as i64 * 37) % 1000 + 1000).collect();
    let ratio: Vec<f64> = (0..120).map(|i| i as f64 / 8.0).collect();
    let active: Vec<bool> = (0..120).map(|i| i % 3 != 0).collect();
    DataFrame::new(
        120,
        vec![
            Column::new("subscriptionType".into(), types),
            Series::new("creationDate".into(), created)
                .cast(&DataType::Datetime(TimeUnit::Microseconds, None))
                .unwrap()
                .into_column(),
            Column::new("licenseCount".into(), lic),
            Column::new("ratio".into(), ratio),
            Column::new("active".into(), active),
        ],
    )
    .unwrap()
}

#[test]
fn csv_reads_back_with_a_csv_reader() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.csv");
    write_csv(&table(), &p).unwrap();
    let bytes = std::fs::read(&p).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut r = csv_reader(&bytes[3..]);
    let header: Vec<String> = r.next().unwrap();
    assert_eq!(header, ["subscriptionType", "creationDate", "licenseCount", "ratio", "active"]);
    let rows: Vec<Vec<String>> = r.collect();
    assert_eq!(rows.len(), 120);
    assert_eq!(rows[0], ["Office", "2024-01-01T01:00:00Z", "1000", "0.0", "false"]);
    assert_eq!(rows[2][0], "'=cmd|' /C calc'!A0", "a formula is neutralised");
    assert_eq!(rows[3][0], "Café Zürich");
    assert_eq!(rows[7][1], "", "a missing date is an empty cell");
}

/// A minimal RFC 4180 reader (quotes, doubled quotes), enough to check our own writer.
fn csv_reader(bytes: &[u8]) -> impl Iterator<Item = Vec<String>> + '_ {
    let text = std::str::from_utf8(bytes).unwrap();
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted, mut chars) = (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    rows.into_iter()
}

/// Excel has no dates before 1900: such a date is written as its text, never as a negative serial
/// number (which Excel shows as ####) or as another date.
#[test]
fn xlsx_dates_before_1900_are_written_as_text() {
    let day = 86_400_000_000i64;
    let micros = [-25_567 * day, -719_162 * day, 19_723 * day]; // 1900-01-01, 0001-01-01, 2024-01-01
    let dates = Series::new("startDate".into(), micros.to_vec())
        .cast(&DataType::Datetime(TimeUnit::Microseconds, None))
        .unwrap();
    let df = DataFrame::new(3, vec![dates.into()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("old.xlsx");
    write_xlsx(&df, &p, "Dates").unwrap();
    let mut wb: Xlsx<_> = open_workbook(&p).unwrap();
    let range = wb.worksheet_range("Dates").unwrap();
    match range.get((1, 0)) {
        Some(Data::DateTime(d)) => assert!((d.as_f64() - 1.0).abs() < 1e-9, "1900-01-01 is day 1: {d:?}"),
        other => panic!("1900-01-01 is a date: {other:?}"),
    }
    assert_eq!(range.get((2, 0)), Some(&Data::String("0001-01-01".into())));
    assert!(matches!(range.get((3, 0)), Some(Data::DateTime(_))));
}

#[test]
fn xlsx_has_typed_cells_a_frozen_styled_header_and_a_filter() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.xlsx");
    write_xlsx(&table(), &p, "Subscriptions").unwrap();
    let mut wb: Xlsx<_> = open_workbook(&p).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Subscriptions"]);
    let range = wb.worksheet_range("Subscriptions").unwrap();
    assert_eq!(range.height(), 121);
    assert_eq!(range.get((0, 0)), Some(&Data::String("subscriptionType".into())));
    assert_eq!(range.get((1, 0)), Some(&Data::String("Office".into())));
    // Dates are dates: Excel's serial for 2024-01-01 01:00 is 45292.0416…
    match range.get((1, 1)) {
        Some(Data::DateTime(d)) => assert!((d.as_f64() - 45_292.041_666).abs() < 1e-4, "{d:?}"),
        other => panic!("not a date: {other:?}"),
    }
    assert_eq!(range.get((1, 2)), Some(&Data::Float(1000.0)), "numbers are numbers");
    assert_eq!(range.get((2, 3)), Some(&Data::Float(0.125)));
    assert_eq!(range.get((1, 4)), Some(&Data::Bool(false)));
    assert_eq!(range.get((8, 1)), Some(&Data::Empty), "missing stays empty");
    assert_eq!(range.get((3, 0)), Some(&Data::String("=cmd|' /C calc'!A0".into())), "text, not a formula");
    // The sheet XML carries the frozen pane and the autofilter.
    let xml = unzip_sheet(&p);
    assert!(xml.contains("state=\"frozen\"") && xml.contains("ySplit=\"1\""), "frozen header");
    assert!(xml.contains("<autoFilter ref=\"A1:E121\""), "autofilter");
    assert!(xml.contains("<col "), "column widths");
    assert!(!xml.contains("<f>") && !xml.contains("<f "), "no cell is a formula");
}

fn unzip_sheet(p: &std::path::Path) -> String {
    let out = std::process::Command::new("unzip").arg("-p").arg(p).arg("xl/worksheets/sheet1.xml").output();
    match out {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        // No unzip on this machine: read the zip with Python, which every CI image here has.
        _ => {
            let o = std::process::Command::new("python3")
                .args([
                    "-c",
                    "import sys,zipfile;print(zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode())",
                ])
                .arg(p)
                .output()
                .unwrap();
            String::from_utf8_lossy(&o.stdout).into_owned()
        }
    }
}

#[test]
fn too_many_rows_for_excel_is_said_plainly() {
    let big = DataFrame::new(1_048_576, vec![Column::new("n".into(), vec![0i32; 1_048_576])]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let e = write_xlsx(&big, &dir.path().join("big.xlsx"), "x").unwrap_err();
    assert!(e.to_string().contains("export it as CSV or Parquet"), "{e}");
}

fn weekly_chart() -> lens_engine::Chart {
    let q = Question {
        group_by: vec!["subscriptionType".into()],
        date: Some(DateAxis { field: "creationDate".into(), period: Period::Week }),
        metrics: vec![Metric::Sum("licenseCount".into())],
        ..Question::default()
    };
    let agg = to_aggregate(&answer(table().lazy(), &q).unwrap()).unwrap();
    pivot(&agg, "creationDate", Period::Week, &q.group_by, "sum_licenseCount", true)
}

#[test]
fn png_charts_decode_and_are_not_blank() {
    let chart = weekly_chart();
    assert_eq!(chart.series.len(), 4);
    let dir = tempfile::tempdir().unwrap();
    for kind in [ChartKind::StackedBar, ChartKind::Bar, ChartKind::Line] {
        let p = dir.path().join(format!("{kind:?}.png"));
        let style = ChartStyle {
            kind,
            title: "Licences by week".into(),
            y_label: "Licences".into(),
            x_label: "Week of creation".into(),
            ..ChartStyle::default()
        };
        write_chart(&chart, &style, &p).unwrap();
        let img = image::open(&p).unwrap().to_rgb8();
        assert_eq!(img.dimensions(), (1200, 675));
        let colours: std::collections::HashSet<[u8; 3]> = img.pixels().map(|p| p.0).collect();
        assert!(colours.len() > 20, "{kind:?}: {} colours", colours.len());
        let brand = img.pixels().filter(|p| p.0 == [0x0F, 0x6C, 0xBD]).count();
        assert!(brand > 500, "{kind:?}: the first series is drawn ({brand} pixels)");
        let dark = img.pixels().filter(|p| p.0.iter().all(|c| *c < 80)).count();
        assert!(dark > 200, "{kind:?}: text and axes are drawn");
    }
}

#[test]
fn svg_charts_are_well_formed_with_title_legend_and_separators() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.svg");
    let style = ChartStyle { title: "Licences by week".into(), y_label: "Licences".into(), ..ChartStyle::default() };
    write_chart(&weekly_chart(), &style, &p).unwrap();
    let text = std::fs::read_to_string(&p).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let texts: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).map(str::trim).collect();
    for want in ["Licences by week", "Office", "Azure", "Café Zürich"] {
        assert!(texts.iter().any(|t| t.contains(want)), "{want} missing from {texts:?}");
    }
    assert!(
        texts.iter().any(|t| t.contains(',') && t.chars().all(|c| c.is_ascii_digit() || c == ',')),
        "thousands separators: {texts:?}"
    );
    assert!(texts.iter().any(|t| t.starts_with('W') && t.contains("2024")), "readable week labels");
    assert!(
        write_chart(&weekly_chart(), &style, &dir.path().join("c.gif"))
            .unwrap_err()
            .to_string()
            .contains(".png or .svg")
    );
}
