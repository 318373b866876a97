//! CSV lines grouped by hand answer as polars reading the whole file does: files with quotes
//! and without, line breaks of both kinds, and blocks the hand reader gives back to polars.

use std::path::Path;

use crate::aggregate::answer;
use crate::in_parts::{BlocksRead, answer_lines};
use crate::in_parts_tests::{assert_same, csv_text, questions};
use crate::parts::{CsvParts, PartSizes, Source};
use crate::question::{Metric, Question};
use crate::read::open_in;

const SIZES: PartSizes = PartSizes { csv_bytes: 20_000, parquet_rows: 0 };

/// Checks every question on the file `text` against the whole file read by polars; returns how
/// the blocks of the first question (every metric) were read.
fn check(text: &str) -> BlocksRead {
    check_named(text, "report.csv")
}

/// `text` written to a file named `name` in a new folder (kept while the guard lives), opened
/// to be read in blocks.
fn blocks_of(text: &str, name: &str) -> (tempfile::TempDir, std::path::PathBuf, CsvParts) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let Source::Csv(csv) = open_in(&path, SIZES).unwrap() else { panic!("not read in blocks") };
    (dir, path, csv)
}

fn check_named(text: &str, name: &str) -> BlocksRead {
    let (_dir, path, csv) = blocks_of(text, name);
    let mut read = None;
    // The last field of each line too (its line break may be `\r\n`).
    let last = Question { group_by: vec!["note".into()], metrics: vec![Metric::Count], ..Question::default() };
    for q in questions().into_iter().chain([last]) {
        let want = answer(open_in(&path, SIZES).unwrap().whole().unwrap(), &q).unwrap();
        for workers in [1, 3] {
            match answer_lines(&csv, workers, &q).unwrap() {
                Some((got, blocks)) => {
                    assert_same(&got, &want, &format!("{workers} at once, {q:?}"));
                    read = read.or(Some(blocks));
                }
                None => assert!(q.filter.is_some(), "not read by hand: {q:?}"),
            }
        }
    }
    read.expect("some question read by hand")
}

#[test]
fn plain_lines_are_grouped_by_hand_as_polars_groups_them() {
    let read = check(&csv_text(false));
    assert!(read.by_hand > 5 && read.by_polars == 0, "{read:?}");
}

#[test]
fn quoted_lines_are_grouped_by_hand_as_polars_groups_them() {
    let read = check(&csv_text(true));
    assert!(read.by_hand > 5 && read.by_polars == 0, "{read:?}");
}

#[test]
fn quoted_lines_with_no_doubled_quotes_are_grouped_alike() {
    // Read 64 bytes at a time, each quoted value passed over whole (the others with doubled
    // quotes are read byte by byte).
    let read = check(&single_quotes());
    assert!(read.by_hand > 5 && read.by_polars == 0, "{read:?}");
}

/// The quoted file with no doubled quotes in it.
fn single_quotes() -> String {
    let text = csv_text(true).replace("\"\"and\"\" ", "");
    assert!(text.contains("\"Bosnia, Herzegovina\"") && !text.contains("\"\""));
    text
}

#[test]
fn lines_ending_in_carriage_returns_are_grouped_alike() {
    for text in [csv_text(false), csv_text(true), single_quotes()] {
        let read = check(&text.replace('\n', "\r\n"));
        assert!(read.by_hand > 5 && read.by_polars == 0, "{read:?}");
    }
}

#[test]
fn tab_separated_lines_are_grouped_alike() {
    let read = check_named(&csv_text(false).replace(',', "\t"), "report.tsv");
    assert!(read.by_hand > 5 && read.by_polars == 0, "{read:?}");
}

#[test]
fn yes_and_no_in_any_case_are_read_by_hand() {
    let read = check(&csv_text(false).replace(",true,", ",True,").replace(",false,", ",FALSE,"));
    assert!(read.by_hand > 5 && read.by_polars == 0, "{read:?}");
}

#[test]
fn a_block_with_a_value_in_another_form_is_read_by_polars() {
    // A decimal written `.5`, a yes/no written `True` (read by hand, as polars reads it) and a
    // last line with no line break: polars reads the block with the decimal, the rest are read
    // by hand, and the answer is the same.
    let mut text = csv_text(false);
    let at = text.len() / 2;
    let line = text[at..].find('\n').unwrap() + at + 1;
    text.insert_str(line, "77,Paid,US,2020-05-01 10:00:00,2024-01-01,5,.5,True,odd\n");
    text.push_str("78,Free,GB,2021-05-01 10:00:00,2024-01-02,6,1.25,false,last");
    let read = check(&text);
    assert!(read.by_polars >= 1 && read.by_hand > 5, "{read:?}");
}

#[test]
fn a_value_that_cannot_be_read_still_says_so() {
    let mut text = csv_text(false);
    for i in 0..crate::csv_dates::INFER_ROWS {
        text.push_str(&format!("{i},Paid,US,2020-01-01 00:00:00,2024-01-01,3,1.00,true,x\n"));
    }
    text.push_str("9999,Paid,US,2020-01-01 00:00:00,2024-01-01,lots,1.00,true,x\n");
    let (_dir, path, csv) = blocks_of(&text, "report.csv");
    let q = Question { metrics: vec![Metric::Sum("n".into())], ..Question::default() };
    let e = answer_lines(&csv, 2, &q).unwrap_err();
    let plain = crate::read::explain(Path::new(&path), e).to_string();
    assert!(plain.contains("cannot be read"), "{plain}");
}

#[test]
fn a_header_with_no_rows_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.csv");
    std::fs::write(&path, "kind,n\n").unwrap();
    let q = Question { group_by: vec!["kind".into()], metrics: vec![Metric::Count], ..Question::default() };
    assert_eq!(crate::answer_file(&path, &q).unwrap().height(), 0);
}
