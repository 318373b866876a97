//! Where a report file lands: `Account/Report/2026-12-01 0600.csv` in the library folder, with a
//! byte-order mark so Excel reads accents. It is written in the data folder first and moved into
//! place only once whole, so the library never holds part of a file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::error::{ErrorCode, ServiceError};
use crate::insights::with_bom;

/// A name safe as a folder or file name on every system.
pub fn safe_name(s: &str) -> String {
    let cleaned: String =
        s.chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                    '-'
                } else {
                    c
                }
            })
            .collect();
    let trimmed = cleaned.trim().trim_end_matches('.').trim();
    if trimmed.is_empty() { "Report".into() } else { trimmed.chars().take(80).collect() }
}

/// Takes the file's place in the library: `library/Account/Report/2026-12-01 0600.csv`, made
/// when the service made the file (local time); " (2)" and on when that name is taken, by
/// another run or by another process placing a file at this moment (the name is held by an empty
/// file created exclusively, which [`place`] then replaces).
pub fn take_place(
    library: &Path,
    account: &str,
    report: &str,
    made: DateTime<Utc>,
    tz: Tz,
    format: &str,
) -> Result<PathBuf, ServiceError> {
    let dir = library.join(safe_name(account)).join(safe_name(report));
    let stem = made.with_timezone(&tz).format("%Y-%m-%d %H%M").to_string();
    let ext = if format.eq_ignore_ascii_case("tsv") { "tsv" } else { "csv" };
    fs::create_dir_all(&dir).map_err(|e| io_error(&format!("The folder {} could not be made", dir.display()), &e))?;
    lens_files::reserve(&dir, &stem, ext, lens_files::Access::Usual)
        .map_err(|e| io_error(&format!("The report file could not be made in {}", dir.display()), &e))
}

fn io_error(what: &str, e: &std::io::Error) -> ServiceError {
    if lens_engine::fsio::is_full(e) {
        return lens_engine::EngineError::DiskFull { what: "the report file".into() }.into();
    }
    ServiceError::new(ErrorCode::File, format!("{what}: {}", lens_engine::fsio::plain_io(e)), None)
}

/// Writes `text` (decoded: no gzip) to `target` by way of `incoming`: whole, flushed to disk,
/// then moved. A leftover from a crash in `incoming` is harmless and cleared on the next start.
pub fn place(incoming: &Path, id: &str, target: &Path, text: &[u8]) -> Result<u64, ServiceError> {
    if let Some(dir) = target.parent() {
        fs::create_dir_all(dir)
            .map_err(|e| io_error(&format!("The folder {} could not be made", dir.display()), &e))?;
    }
    let (tmp, size) = stage(incoming, id, text)?;
    settle(&tmp, target)?;
    Ok(size)
}

/// As [`place`], into a name of its own taken in the library ([`take_place`]) only once the file
/// is whole in `incoming`: a download stopped half-way leaves nothing in the library.
#[allow(clippy::too_many_arguments)]
pub fn place_new(
    incoming: &Path,
    id: &str,
    library: &Path,
    (account, report): (&str, &str),
    made: DateTime<Utc>,
    tz: Tz,
    format: &str,
    text: &[u8],
) -> Result<(PathBuf, u64), ServiceError> {
    let (tmp, size) = stage(incoming, id, text)?;
    let target = take_place(library, account, report, made, tz, format).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })?;
    settle(&tmp, &target).inspect_err(|_| {
        let _ = fs::remove_file(&target);
    })?;
    Ok((target, size))
}

/// The file whole in `incoming`, under a name of its own; its path and size.
fn stage(incoming: &Path, id: &str, text: &[u8]) -> Result<(PathBuf, u64), ServiceError> {
    fs::create_dir_all(incoming).map_err(|e| io_error("The download folder could not be made", &e))?;
    let bytes = with_bom(text);
    // Named for the run, this process and chance: two processes never write one part file.
    let tmp = lens_files::temp_name(&incoming.join(format!("{}.part", safe_name(id)))).with_extension("part");
    let write = || -> std::io::Result<()> {
        let mut f = lens_files::create_new(&tmp, lens_files::Access::Private)?;
        f.write_all(&bytes)?;
        f.sync_all()
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io_error("The report file could not be written", &e)
    })?;
    Ok((tmp, bytes.len() as u64))
}

/// Moves a staged file over `target` (copied beside it first when it is on another disk).
fn settle(tmp: &Path, target: &Path) -> Result<(), ServiceError> {
    if fs::rename(tmp, target).is_err() {
        let beside = lens_engine::fsio::temp_path(target);
        let copied = fs::copy(tmp, &beside)
            .and_then(|_| fs::File::open(&beside)?.sync_all())
            .and_then(|_| fs::rename(&beside, target));
        let _ = fs::remove_file(tmp);
        if let Err(e) = copied {
            let _ = fs::remove_file(&beside);
            return Err(io_error(&format!("The report file could not be saved in {}", target.display()), &e));
        }
    }
    Ok(())
}

/// Clears what a crash left in `incoming`: part files untouched for an hour (a younger one may
/// be another process's download in progress: the window's worker and `downloads sync` can run
/// side by side).
pub fn clear_incoming(incoming: &Path) {
    let old = |e: &fs::DirEntry| {
        e.metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|d| d > std::time::Duration::from_secs(3600)))
    };
    for e in fs::read_dir(incoming).into_iter().flatten().flatten() {
        if e.path().extension().is_some_and(|x| x == "part") && old(&e) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Data rows in a CSV or TSV text (after the header), quoted line breaks counted as one row.
pub fn count_rows(text: &[u8]) -> u32 {
    let mut rows = 0u32;
    let mut quoted = false;
    let mut content = false;
    for &b in text {
        match b {
            b'"' => {
                quoted = !quoted;
                content = true;
            }
            b'\n' if !quoted => {
                if content {
                    rows += 1;
                }
                content = false;
            }
            b'\r' => {}
            _ => content = true,
        }
    }
    if content {
        rows += 1;
    }
    rows.saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_paths_and_rows() {
        assert_eq!(safe_name("Seats: daily / EU"), "Seats- daily - EU");
        let made = DateTime::parse_from_rfc3339("2026-12-01T05:00:00Z").unwrap().with_timezone(&Utc);
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let lib = tempfile::tempdir().unwrap();
        let p = take_place(lib.path(), "Contoso", "Seats daily", made, paris, "csv").unwrap();
        assert_eq!(p, lib.path().join("Contoso/Seats daily/2026-12-01 0600.csv"));
        let q = take_place(lib.path(), "Contoso", "Seats daily", made, paris, "csv").unwrap();
        assert_eq!(q, lib.path().join("Contoso/Seats daily/2026-12-01 0600 (2).csv"), "the first is taken");
        let t = take_place(lib.path(), "C: EU", "R", made, paris, "tsv").unwrap();
        assert!(t.ends_with("C- EU/R/2026-12-01 0600.tsv"));
        assert_eq!(count_rows(b"A,B\r\n1,2\r\n3,\"x\ny\"\r\n"), 2);
        assert_eq!(count_rows(b"A,B\n1,2"), 1);
        assert_eq!(count_rows(b"A,B\n"), 0);
    }

    #[test]
    fn a_file_is_placed_whole_with_a_byte_order_mark() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("lib/Acc/Rep/f.csv");
        let n = place(&dir.path().join("incoming"), "exec-1", &target, "Société,1\n".as_bytes()).unwrap();
        let got = fs::read(&target).unwrap();
        assert!(got.starts_with(b"\xEF\xBB\xBFSoci"));
        assert_eq!(n as usize, got.len());
        assert_eq!(fs::read_dir(dir.path().join("incoming")).unwrap().count(), 0, "nothing left behind");
    }
}
