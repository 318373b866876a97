//! Answers read in parts equal the answers from the whole file, for CSV and Parquet files cut
//! into many small parts, for every kind of metric, period, filter and grouping the parts take.

use std::path::Path;

use polars::prelude::*;

use crate::aggregate::answer;
use crate::in_parts::answer_in_parts;
use crate::parts::PartSizes;
use crate::question::{DateAxis, Metric, Period, Question};
use crate::read::open_in;

const ROWS: usize = 6000;

/// An Insights-like CSV: text with quoted commas, empty values, whole numbers, decimals,
/// yes/no values, date-times and dates.
fn write_csv(path: &Path) {
    std::fs::write(path, csv_text(true)).unwrap();
}

/// The rows of [`write_csv`]; `quoted` false writes no quotes (and no commas inside values).
pub(crate) fn csv_text(quoted: bool) -> String {
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut text = String::from("id,kind,market,created,day,n,price,flag,note\n");
    for i in 0..ROWS {
        let kind = ["Paid", "Trial", "Free", ""][next(4) as usize];
        let bosnia = if quoted { "\"Bosnia, \"\"and\"\" Herzegovina\"" } else { "Bosnia and Herzegovina" };
        let market = ["US", "GB", bosnia, "DE"][next(4) as usize];
        let created = if next(20) == 0 {
            String::new()
        } else {
            format!("{}-{:02}-{:02} {:02}:{:02}:00", 2019 + next(6), 1 + next(12), 1 + next(28), next(24), next(60))
        };
        let day = format!("2024-{:02}-{:02}", 1 + next(12), 1 + next(28));
        let n = if next(15) == 0 { String::new() } else { next(300).to_string() };
        let price = format!("{}.{:02}", next(1000), next(100));
        let flag = if next(2) == 0 { "true" } else { "false" };
        let note = if quoted { format!("\"a note, {i}\"") } else { format!("note {i}") };
        text.push_str(&format!("{i},{kind},{market},{created},{day},{n},{price},{flag},{note}\n"));
    }
    text
}

pub(crate) fn questions() -> Vec<Question> {
    let all = vec![
        Metric::Count,
        Metric::Sum("n".into()),
        Metric::Sum("price".into()),
        Metric::Sum("flag".into()),
        Metric::Mean("price".into()),
        Metric::Mean("n".into()),
        Metric::Min("created".into()),
        Metric::Max("n".into()),
        Metric::Min("price".into()),
    ];
    let mut out = vec![
        Question { metrics: all.clone(), ..Question::default() },
        Question { group_by: vec!["kind".into(), "market".into()], metrics: all.clone(), ..Question::default() },
        Question { group_by: vec!["flag".into()], metrics: vec![Metric::Count], ..Question::default() },
        Question {
            filter: Some("market eq 'GB'".into()),
            group_by: vec!["kind".into()],
            date: Some(DateAxis { field: "day".into(), period: Period::Week }),
            metrics: vec![Metric::Count, Metric::Sum("n".into())],
            fill_gaps: true,
            change: true,
            ..Question::default()
        },
        Question { filter: Some("kind eq 'nobody'".into()), metrics: all.clone(), ..Question::default() },
    ];
    for period in Period::ALL {
        out.push(Question {
            group_by: vec!["kind".into()],
            date: Some(DateAxis { field: "created".into(), period }),
            metrics: all.clone(),
            ..Question::default()
        });
    }
    out
}

/// Equal frames, decimals to within rounding (the parts add in another order).
pub(crate) fn assert_same(got: &DataFrame, want: &DataFrame, what: &str) {
    assert_eq!(got.schema(), want.schema(), "{what}");
    assert_eq!(got.height(), want.height(), "{what}");
    for (g, w) in got.columns().iter().zip(want.columns()) {
        let (g, w) = (g.as_materialized_series(), w.as_materialized_series());
        if g.dtype().is_float() {
            for (a, b) in g.f64().unwrap().iter().zip(w.f64().unwrap().iter()) {
                match (a, b) {
                    (Some(a), Some(b)) => assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{what}: {a} != {b}"),
                    _ => assert_eq!(a, b, "{what}: {}", g.name()),
                }
            }
        } else {
            assert!(g.equals_missing(w), "{what}: {} differs\n{g}\n{w}", g.name());
        }
    }
}

fn check_file(path: &Path, sizes: PartSizes) {
    let source = open_in(path, sizes).unwrap();
    assert!(source.parts().expect("read in parts").count() > 5, "{} was not cut into parts", path.display());
    for q in questions() {
        let want = answer(open_in(path, sizes).unwrap().whole().unwrap(), &q).unwrap();
        for workers in [1, 3] {
            let got = answer_in_parts(source.parts().unwrap(), workers, &q).unwrap().expect("parts combine");
            assert_same(&got, &want, &format!("{} {workers} at once, {q:?}", path.display()));
        }
    }
}

#[test]
fn csv_in_parts_answers_as_the_whole_file() {
    let (_dir, path) = csv_file();
    check_file(&path, PartSizes { csv_bytes: 20_000, parquet_rows: 0 });
}

#[test]
fn parquet_in_parts_answers_as_the_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("report.csv");
    write_csv(&csv);
    let mut df = crate::read::scan(&csv).unwrap().collect().unwrap();
    let path = dir.path().join("report.parquet");
    let file = std::fs::File::create(&path).unwrap();
    ParquetWriter::new(file).with_row_group_size(Some(250)).finish(&mut df).unwrap();
    check_file(&path, PartSizes { csv_bytes: 0, parquet_rows: 600 });
}

/// The CSV in a new folder (kept while the returned guard lives).
fn csv_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.csv");
    write_csv(&path);
    (dir, path)
}

#[test]
fn questions_that_need_the_whole_file_are_not_split() {
    let (_dir, path) = csv_file();
    let source = open_in(&path, PartSizes { csv_bytes: 20_000, parquet_rows: 0 }).unwrap();
    let distinct = Question { metrics: vec![Metric::DistinctCount("kind".into())], ..Question::default() };
    assert!(answer_in_parts(source.parts().unwrap(), 2, &distinct).unwrap().is_none());
    // Through the public door, the whole file answers it: four kinds, one of them empty.
    let df = crate::answer_file(&path, &distinct).unwrap();
    assert_eq!(df.column("distinct_kind").unwrap().i64().unwrap().get(0), Some(3));
}

#[test]
fn a_later_part_that_cannot_be_read_says_so() {
    let (_dir, path) = csv_file();
    let mut text = std::fs::read_to_string(&path).unwrap();
    // Past the rows the types are settled on, a count that is not a number.
    for i in 0..crate::csv_dates::INFER_ROWS {
        text.push_str(&format!("{i},Paid,US,2020-01-01 00:00:00,2024-01-01,3,1.00,true,x\n"));
    }
    text.push_str("9999,Paid,US,2020-01-01 00:00:00,2024-01-01,lots,1.00,true,x\n");
    std::fs::write(&path, text).unwrap();
    let source = open_in(&path, PartSizes { csv_bytes: 20_000, parquet_rows: 0 }).unwrap();
    let q = Question { metrics: vec![Metric::Sum("n".into())], ..Question::default() };
    let e = answer_in_parts(source.parts().unwrap(), source.workers(), &q).unwrap_err();
    let plain = crate::read::explain(&path, e).to_string();
    assert!(plain.contains("cannot be read"), "{plain}");
}
