//! Writing files so that a crash, a full disk or a power cut never leaves a half-written file
//! where a good one was: write beside it, flush to disk, then rename over it.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::EngineError;

/// The temporary name a file is written under before it takes its real name.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.partial", std::process::id()))
}

/// Writes `path` atomically with `write`, which gets a buffered file.
pub fn write_atomic(
    path: &Path,
    what: &str,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<(), EngineError>,
) -> Result<(), EngineError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)
            .map_err(|e| EngineError::file(format!("Could not create the folder for {what}"), plain_io(&e)))?;
    }
    let tmp = temp_path(path);
    let result = (|| {
        let file =
            File::create(&tmp).map_err(|e| EngineError::file(format!("Could not write {what}"), plain_io(&e)))?;
        let mut w = BufWriter::new(file);
        write(&mut w)?;
        w.flush().map_err(|e| EngineError::file(format!("Could not write {what}"), plain_io(&e)))?;
        let file =
            w.into_inner().map_err(|e| EngineError::file(format!("Could not write {what}"), plain_io(e.error())))?;
        file.sync_all().map_err(|e| EngineError::file(format!("Could not write {what}"), plain_io(&e)))?;
        fs::rename(&tmp, path).map_err(|e| EngineError::file(format!("Could not save {what}"), plain_io(&e)))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// An I/O error in words a person understands, with the full disk case named.
pub fn plain_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::StorageFull => "the disk is full; free some space and try again".into(),
        io::ErrorKind::PermissionDenied => "permission denied; choose another folder".into(),
        io::ErrorKind::NotFound => "the folder does not exist".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ if e.raw_os_error() == Some(28) => "the disk is full; free some space and try again".into(),
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
}
