//! Files that several processes share (the window, its tray worker, the command line started by
//! an OS scheduler all use one data folder), and that someone else on the computer may try to
//! read or plant links in:
//!
//! - [`write_atomic`]: the whole file or the old one, never half; written first under a
//!   temporary name that is random and created exclusively (so a planted file or link there
//!   makes the write fail instead of landing elsewhere), with the permissions of the file it
//!   replaces, or private ones for a new file of the data folder.
//! - [`reserve`]: a file name no other process is writing (`Report (2).csv`).
//! - [`lock`]: an exclusive lock across processes, held while a file is read, changed and
//!   written back, so two writers never lose each other's change.
//! - [`private_dir`]: a folder only its owner can enter.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rand::Rng;

/// Who may read a new file (an existing one keeps its permissions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Only its owner: the data folder's settings, accounts, secrets and caches.
    Private,
    /// As the person's other files (their usual umask): exports and report files they chose
    /// to save somewhere.
    Usual,
}

/// The suffix every temporary file ends with.
pub const TEMP_SUFFIX: &str = ".partial";

/// A temporary name beside `path`: `.NAME.PID.RANDOM.partial`. The writer's process id lets a
/// later start remove what a killed writer left ([`temp_parts`]); the random part makes the
/// name impossible to guess ahead.
pub fn temp_name(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let random: u64 = rand::thread_rng().r#gen();
    path.with_file_name(format!(".{name}.{}.{random:016x}{TEMP_SUFFIX}", std::process::id()))
}

/// The target and writer of a temporary file named by [`temp_name`]: `.x.csv.PID.RANDOM.partial`,
/// or `.x.png.PID.RANDOM.png` for a file a library writes itself and that needs its real
/// extension (a chart). Earlier versions wrote `.x.csv.PID.partial`: read too, so what they
/// left is cleared.
pub fn temp_parts(file: &str) -> Option<(&str, u32)> {
    let rest = file.strip_prefix('.')?;
    let (rest, ext) = rest.rsplit_once('.')?;
    let (mut rest, mut last) = rest.rsplit_once('.')?;
    if last.len() == 16 && last.chars().all(|c| c.is_ascii_hexdigit()) {
        (rest, last) = rest.rsplit_once('.')?;
    }
    let pid: u32 = last.parse().ok()?;
    let target = rest;
    let ours =
        format!(".{ext}") == TEMP_SUFFIX || target.rsplit_once('.').is_some_and(|(_, t)| t.eq_ignore_ascii_case(ext));
    (ours && !target.is_empty()).then_some((target, pid))
}

/// Creates a new file at `path` that did not exist (not following a link that is there), with
/// `access` for its permissions.
pub fn create_new(path: &Path, access: Access) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(if access == Access::Private { 0o600 } else { 0o666 });
    }
    #[cfg(not(unix))]
    let _ = access;
    o.open(path)
}

/// A temporary file beside `path`, created exclusively, with the permissions `path` has (when it
/// exists) or `access`.
pub fn create_temp(path: &Path, access: Access) -> io::Result<(PathBuf, File)> {
    let tmp = temp_name(path);
    let file = create_new(&tmp, access)?;
    // The file it replaces keeps who may read it (a private file stays private).
    if let Ok(m) = fs::symlink_metadata(path)
        && m.is_file()
        && let Err(e) = file.set_permissions(m.permissions())
    {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    Ok((tmp, file))
}

/// Writes `path` whole with `write`, or leaves what was there: written under a temporary name
/// ([`create_temp`]), flushed to disk, then renamed over `path` (a link at `path` is replaced,
/// not followed). The folder must exist.
pub fn write_atomic(path: &Path, access: Access, write: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let (tmp, mut file) = create_temp(path, access)?;
    let done = write(&mut file).and_then(|()| file.flush()).and_then(|()| file.sync_all()).and_then(|()| {
        drop(file);
        fs::rename(&tmp, path)
    });
    if done.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    done
}

/// Takes a name in `dir` that no one else has: `STEM.EXT`, or `STEM (2).EXT` and on when that
/// is taken, by creating an empty file there exclusively (two processes asking at the same moment
/// get different names). The caller then writes the file whole over it ([`write_atomic`]) or
/// removes it.
pub fn reserve(dir: &Path, stem: &str, ext: &str, access: Access) -> io::Result<PathBuf> {
    for n in 1..=9999 {
        let name = if n == 1 { format!("{stem}.{ext}") } else { format!("{stem} ({n}).{ext}") };
        let path = dir.join(name);
        match create_new(&path, access) {
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("{stem}.{ext} and 9,998 others like it are taken")))
}

/// An exclusive lock across processes on `path` (a lock file, created if need be), released
/// when dropped (or when the process ends, however it ends).
pub struct Lock {
    _file: File,
}

/// Waits for and takes the lock `path`.
pub fn lock(path: &Path) -> io::Result<Lock> {
    let mut o = OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let file = o.open(path)?;
    file.lock()?;
    Ok(Lock { _file: file })
}

/// Whether process `pid` has ended, where the system can say (Linux's `/proc`); `None`
/// elsewhere, where the caller falls back on time.
pub fn process_gone(pid: u32) -> Option<bool> {
    if pid == std::process::id() {
        return Some(false);
    }
    Path::new("/proc/self").exists().then(|| !Path::new(&format!("/proc/{pid}")).exists())
}

/// Creates `dir` (and its parents) and, on Linux and macOS, lets only its owner enter it: the
/// data folder holds customers' figures.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let m = fs::metadata(dir)?;
        if m.permissions().mode() & 0o077 != 0 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_unguessable_and_read_back() {
        let p = Path::new("/d/report.csv");
        let a = temp_name(p);
        let b = temp_name(p);
        assert_ne!(a, b);
        let name = a.file_name().unwrap().to_str().unwrap();
        assert_eq!(temp_parts(name), Some(("report.csv", std::process::id())));
        assert_eq!(temp_parts(".report.csv.12.partial"), Some(("report.csv", 12)), "the older form");
        assert_eq!(temp_parts("notes.partial"), None);
        let chart = a.with_extension("png");
        let chart = chart.file_name().unwrap().to_str().unwrap().replace("report.csv", "chart.png");
        assert_eq!(temp_parts(&chart), Some(("chart.png", std::process::id())), "{chart}");
    }

    #[test]
    fn a_write_replaces_whole_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        write_atomic(&p, Access::Private, |f| f.write_all(b"one")).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600, "new and private");
            fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
            write_atomic(&p, Access::Private, |f| f.write_all(b"two")).unwrap();
            assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640, "kept as it was");
        }
        // A failed write leaves the old file and no temporary one.
        let err = write_atomic(&p, Access::Private, |_| Err(io::Error::other("no"))).unwrap_err();
        assert_eq!(err.to_string(), "no");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, b"keep me").unwrap();
        let p = dir.path().join("a.json");
        std::os::unix::fs::symlink(&victim, &p).unwrap();
        write_atomic(&p, Access::Private, |f| f.write_all(b"new")).unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"keep me");
        assert_eq!(fs::read(&p).unwrap(), b"new");
        assert!(!fs::symlink_metadata(&p).unwrap().file_type().is_symlink());
    }

    #[cfg(unix)]
    #[test]
    fn a_private_folder_is_closed_to_others() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("data");
        fs::create_dir(&d).unwrap();
        fs::set_permissions(&d, fs::Permissions::from_mode(0o755)).unwrap();
        private_dir(&d).unwrap();
        assert_eq!(fs::metadata(&d).unwrap().permissions().mode() & 0o777, 0o700);
    }

    #[test]
    fn reserved_names_never_collide() {
        let dir = tempfile::tempdir().unwrap();
        let names: Vec<PathBuf> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..8)
                .map(|_| s.spawn(|| reserve(dir.path(), "Sales 2026-12-01 0700", "csv", Access::Usual).unwrap()))
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut sorted: Vec<String> =
            names.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 8, "{sorted:?}");
        assert!(sorted.contains(&"Sales 2026-12-01 0700.csv".to_string()));
        assert!(sorted.contains(&"Sales 2026-12-01 0700 (8).csv".to_string()));
    }

    #[test]
    fn the_lock_is_exclusive_across_handles() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.lock");
        let held = lock(&p).unwrap();
        let other = OpenOptions::new().read(true).write(true).open(&p).unwrap();
        assert!(other.try_lock().is_err(), "held elsewhere");
        drop(held);
        assert!(other.try_lock().is_ok());
    }
}
