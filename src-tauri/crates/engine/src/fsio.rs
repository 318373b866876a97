//! Writing files so that a crash, a full disk or a power cut never leaves a half-written file
//! where a good one was: write beside it, flush to disk, then rename over it.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use lens_files::Access;

use crate::error::EngineError;

/// The temporary name a file is written under before it takes its real name:
/// `.NAME.PID.RANDOM.partial` beside it ([`lens_files::temp_name`]). What a killed writer of the
/// same file left there (a `kill -9` in the middle of a fetch) is removed first, so such files
/// never pile up.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some(dir) = path.parent() {
        clear_leftovers_in(if dir.as_os_str().is_empty() { Path::new(".") } else { dir }, Some(&name));
    }
    lens_files::temp_name(path)
}

use lens_files::temp_parts;

/// Whether the process that wrote a temporary file is gone. Where the system cannot say (no
/// `/proc`), a file untouched for an hour counts as left over.
fn writer_gone(pid: u32, path: &Path) -> bool {
    if let Some(gone) = lens_files::process_gone(pid) {
        return gone;
    }
    fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t.elapsed().is_ok_and(|d| d > std::time::Duration::from_secs(3600)))
}

/// Removes the temporary files of writers that are gone in `dir` (only those of `target`
/// when given). Returns how many were removed.
pub fn clear_leftovers_in(dir: &Path, target: Option<&str>) -> usize {
    let mut removed = 0;
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some((of, pid)) = temp_parts(&name) else { continue };
        if target.is_some_and(|t| t != of) || !e.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if writer_gone(pid, &e.path()) && fs::remove_file(e.path()).is_ok() {
            tracing::info!("removed {}, left by a writer that stopped", e.path().display());
            removed += 1;
        }
    }
    removed
}

/// [`clear_leftovers_in`] for a folder and every folder below it: the app's data folder at start.
pub fn clear_leftovers_below(dir: &Path) -> usize {
    let mut removed = clear_leftovers_in(dir, None);
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            removed += clear_leftovers_below(&e.path());
        }
    }
    removed
}

/// The file [`write_atomic`] hands its writer. It remembers whether the disk refused a write
/// for want of space, because the libraries that write through it (polars, the JSON and CSV
/// writers) turn that into their own error text, and a person needs to hear "your disk is full".
pub struct Sink {
    file: File,
    full: bool,
}

impl Sink {
    fn saw(&mut self, e: &io::Error) {
        self.full |= is_full(e);
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf).inspect_err(|e| self.saw(e))
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush().inspect_err(|e| self.saw(e))
    }
}

impl io::Seek for Sink {
    fn seek(&mut self, pos: io::SeekFrom) -> io::Result<u64> {
        self.file.seek(pos)
    }
}

/// Whether an I/O error means the disk (or the user's quota on it) has no room left.
pub fn is_full(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded) || e.raw_os_error() == Some(28)
}

/// Whether an error, or any error beneath it, is a full disk (the zip writer inside the Excel
/// writer wraps the I/O error twice).
pub fn full_in_chain(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(e);
    while let Some(e) = next {
        if e.downcast_ref::<io::Error>().is_some_and(is_full) {
            return true;
        }
        next = e.source();
    }
    false
}

/// Writes `path` atomically with `write`, which gets a buffered file. Whatever fails, the file
/// that was there stays as it was and no temporary file is left; a full disk is reported as
/// [`EngineError::DiskFull`] however the writer phrased it. A new file gets the person's usual
/// permissions (an export, a report file); one that is replaced keeps its own.
pub fn write_atomic(
    path: &Path,
    what: &str,
    write: impl FnOnce(&mut BufWriter<Sink>) -> Result<(), EngineError>,
) -> Result<(), EngineError> {
    write_with(path, what, Access::Usual, write)
}

/// [`write_atomic`] for the data folder's own files (settings, caches, copies of customers'
/// figures): a new file only its owner may read.
pub fn write_private(
    path: &Path,
    what: &str,
    write: impl FnOnce(&mut BufWriter<Sink>) -> Result<(), EngineError>,
) -> Result<(), EngineError> {
    write_with(path, what, Access::Private, write)
}

fn write_with(
    path: &Path,
    what: &str,
    access: Access,
    write: impl FnOnce(&mut BufWriter<Sink>) -> Result<(), EngineError>,
) -> Result<(), EngineError> {
    let failed = |e: &io::Error, verb: &str| {
        if is_full(e) {
            EngineError::DiskFull { what: what.to_string() }
        } else {
            EngineError::file(format!("{verb} {what}"), plain_io(e))
        }
    };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir {
        fs::create_dir_all(dir).map_err(|e| failed(&e, "Could not create the folder for"))?;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    clear_leftovers_in(dir.unwrap_or(Path::new(".")), Some(&name));
    // Created exclusively under a random name: a file or link planted beside the target makes
    // this fail rather than write somewhere else.
    let (tmp, file) = lens_files::create_temp(path, access).map_err(|e| failed(&e, "Could not write"))?;
    let mut full = false;
    let result = (|| {
        let mut w = BufWriter::new(Sink { file, full: false });
        let written = write(&mut w).and_then(|()| w.flush().map_err(|e| failed(&e, "Could not write")));
        full = w.get_ref().full;
        written?;
        let sink = w.into_inner().map_err(|e| failed(e.error(), "Could not write"))?;
        sink.file.sync_all().map_err(|e| failed(&e, "Could not write"))?;
        fs::rename(&tmp, path).map_err(|e| failed(&e, "Could not save"))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    match result {
        Err(_) if full => Err(EngineError::DiskFull { what: what.to_string() }),
        other => other,
    }
}

/// An I/O error in words a person understands, with the full disk case named.
pub fn plain_io(e: &io::Error) -> String {
    match e.kind() {
        _ if is_full(e) => "your disk is full; free some space and try again".into(),
        io::ErrorKind::PermissionDenied => "permission denied; choose another folder".into(),
        io::ErrorKind::NotFound => "the folder does not exist".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        let err = write_atomic(&path, "the export", |w| {
            w.write_all(b"half").unwrap();
            Err(EngineError::BadQuestion("stop".into()))
        });
        assert!(err.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomic(&path, "the export", |w| w.write_all(b"new").map_err(|e| EngineError::file("x", e))).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_is_named_in_plain_words() {
        // /dev/full accepts the open and refuses every write with ENOSPC.
        let e = std::fs::OpenOptions::new().write(true).open("/dev/full").and_then(|mut f| {
            f.write_all(&[0u8; 4096])?;
            f.flush()
        });
        let msg = plain_io(&e.unwrap_err());
        assert!(msg.contains("disk is full"), "{msg}");
    }

    /// Issue 12, found by trying: killed fetches left hidden `.x.parquet.PID.partial` files
    /// (128 MB from 5 kills) that nothing removed.
    #[test]
    fn leftovers_of_killed_writers_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // A process that has surely ended: one we ran and waited for.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let live = std::process::id();
        for name in [
            format!(".x.parquet.{dead}.partial"),
            format!(".x.parquet.{dead}.00112233445566ff.partial"),
            format!(".chart.png.{dead}.png"),
            format!(".y.csv.{dead}.partial"),
            format!(".x.parquet.{live}.partial"),
            "notes.partial".to_string(),
            ".hidden".to_string(),
        ] {
            std::fs::write(d.join(name), b"half").unwrap();
        }
        // Writing x.parquet clears only x.parquet's leftovers.
        let _ = temp_path(&d.join("x.parquet"));
        let left = |d: &Path| {
            let mut v: Vec<String> =
                std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
            v.sort();
            v
        };
        assert!(!left(d).contains(&format!(".x.parquet.{dead}.partial")));
        assert!(left(d).contains(&format!(".y.csv.{dead}.partial")));
        std::fs::create_dir(d.join("cache")).unwrap();
        std::fs::write(d.join("cache").join(format!(".s.parquet.{dead}.partial")), b"half").unwrap();
        assert!(!left(d).contains(&format!(".x.parquet.{dead}.00112233445566ff.partial")));
        assert_eq!(clear_leftovers_below(d), 3);
        let mut want =
            vec![format!(".x.parquet.{live}.partial"), ".hidden".into(), "cache".into(), "notes.partial".into()];
        want.sort();
        assert_eq!(left(d), want, "a running writer's file and other files stay");
        assert!(left(&d.join("cache")).is_empty());
    }
}
