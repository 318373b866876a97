//! Property tests of the files people open (issue 12): CSV and TSV text with random cells,
//! quotes, byte-order marks, gzip; Parquet and JSON files; each randomly damaged. Reading one
//! never panics: it gives a table or a plain error naming the file.

use std::io::Write;

use polars::prelude::*;
use proptest::prelude::*;

use crate::error::EngineError;
use crate::read::{explain, guarded, scan};

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 .:-]{0,12}",
        Just("\"quoted, with comma\"".to_string()),
        Just("\"two\nlines\"".to_string()),
        Just("2026-11-30".to_string()),
        Just("2026-11-30T10:20:30.1234567Z".to_string()),
        (-1_000_000i64..1_000_000).prop_map(|n| n.to_string()),
        Just(String::new()),
        Just("Müller".to_string()),
    ]
}

fn table_text(sep: char) -> impl Strategy<Value = String> {
    (1usize..6, prop::collection::vec(prop::collection::vec(cell(), 1..6), 0..30)).prop_map(move |(cols, rows)| {
        let mut s: String = (0..cols).map(|i| format!("col{i}")).collect::<Vec<_>>().join(&sep.to_string());
        s.push('\n');
        for r in rows {
            let r: Vec<String> = (0..cols).map(|i| r.get(i).cloned().unwrap_or_default()).collect();
            s.push_str(&r.join(&sep.to_string()));
            s.push_str("\r\n");
        }
        s
    })
}

fn damage(bytes: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for &(at, kind, v) in edits {
        let at = if b.is_empty() { 0 } else { at % (b.len() + 1) };
        match kind % 3 {
            0 => b.insert(at, v),
            1 if at < b.len() => b[at] ^= v | 1,
            _ => b.truncate(at),
        }
    }
    b
}

/// Reads like the app does: scan, collect, and the error explained.
fn read(dir: &std::path::Path, name: &str, bytes: &[u8]) -> Result<DataFrame, String> {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    guarded(|| scan(&p).and_then(|lf| lf.collect().map_err(EngineError::from))).map_err(|e| explain(&p, e).to_string())
}

fn parquet_of(text: &str) -> Option<Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let mut df = read(dir.path(), "t.csv", text.as_bytes()).ok()?;
    let mut buf = Vec::new();
    ParquetWriter::new(&mut buf).finish(&mut df).ok()?;
    Some(buf)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: ProptestConfig::default().cases.min(128), ..ProptestConfig::default() })]

    #[test]
    fn fuzz_delimited_files_read_or_say_why(
        text in prop_oneof![table_text(','), table_text('\t')],
        bom in any::<bool>(),
        gzip in any::<bool>(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend_from_slice(text.as_bytes());
        if gzip {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(&bytes).unwrap();
            bytes = gz.finish().unwrap();
        }
        let bytes = damage(&bytes, &edits);
        for name in ["f.csv", "f.tsv", "f.txt"] {
            if let Err(e) = read(dir.path(), name, &bytes) {
                prop_assert!(e.contains(name), "the error names the file: {e}");
            }
        }
    }

    #[test]
    fn fuzz_parquet_and_json_files_read_or_say_why(
        text in table_text(','),
        junk in prop::collection::vec(any::<u8>(), 0..300),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        if let Some(good) = parquet_of(&text) {
            // Not always readable even undamaged: polars 0.55 cannot read back every schema it
            // writes (a time-zone-aware column inferred from CSV text; see the note on issue
            // 12). It must still say so, not crash.
            if let Err(e) = read(dir.path(), "good.parquet", &good) {
                prop_assert!(e.contains("good.parquet"), "{e}");
            }
            // Bytes changed in the footer (the part the app checks before reading) and files
            // cut short. Not damage inside the data pages: there, polars 0.55 can decode a page
            // header as an absurd size and abort the process on the allocation, which no
            // catch can stop (see the note on issue 12; the cache is guarded by checksums).
            let footer = u32::from_le_bytes(good[good.len() - 8..good.len() - 4].try_into().unwrap()) as usize + 8;
            let base = good.len() - footer.min(good.len());
            let flips: Vec<(usize, u8, u8)> =
                edits.iter().map(|&(at, k, v)| (base + at % footer, if k % 3 == 0 { 1 } else { k }, v)).collect();
            if let Err(e) = read(dir.path(), "bad.parquet", &damage(&good, &flips)) {
                prop_assert!(e.contains("bad.parquet"), "{e}");
            }
        }
        let _ = read(dir.path(), "junk.parquet", &junk);
        let json = format!("[{{\"a\": 1, \"b\": \"x\"}}, {{\"a\": {}}}]", junk.len());
        let _ = read(dir.path(), "t.json", &damage(json.as_bytes(), &edits));
        let _ = read(dir.path(), "junk.json", &junk);
        let _ = read(dir.path(), "junk.csv", &junk);
    }
}
