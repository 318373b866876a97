//! A full disk (issue 12): on a small tmpfs filled to the brim, saving the cached copy of a data
//! set, an export in each format, a report download and a saved view each fail with "Your disk
//! is full" in plain words, the last good version stays byte for byte, and no partial file is
//! left beside it. Once space is freed the same save works.
//!
//! Mounting needs root (CI runs as root). Elsewhere the tests say they were skipped, unless
//! `PARTNER_LENS_FULL_DISK=required` (set by `./dev test`), which makes a failed mount a failure.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use lens_engine::cache::{Cache, CacheMeta};
use lens_service::error::ErrorCode;
use lens_service::explore::View;
use lens_service::store::Store;
use lens_service::{DatasetId, export};
use polars::prelude::*;

/// A tmpfs of a few megabytes, unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(megabytes: u32) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(dir.path())
            .output();
        match out {
            Ok(o) if o.status.success() => Some(SmallDisk { dir }),
            other => {
                let why = match other {
                    Ok(o) => String::from_utf8_lossy(&o.stderr).into_owned(),
                    Err(e) => e.to_string(),
                };
                assert!(
                    std::env::var("PARTNER_LENS_FULL_DISK").as_deref() != Ok("required"),
                    "a small disk could not be mounted (needs root): {why}"
                );
                eprintln!("skipped: a small disk could not be mounted (needs root): {why}");
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the disk, then frees `leave` bytes: a save larger than that cannot finish.
    fn fill(&self, leave: u64) {
        let filler = self.path().join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![0x5au8; 64 * 1024];
        loop {
            if let Err(e) = f.write_all(&block) {
                assert!(lens_engine::fsio::is_full(&e), "filling the disk: {e}");
                break;
            }
        }
        let _ = f.flush();
        let len = std::fs::metadata(&filler).unwrap().len();
        f.set_len(len.saturating_sub(leave)).unwrap();
    }

    fn free(&self) {
        std::fs::remove_file(self.path().join("filler")).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}

/// Every file below `dir` (hidden ones too) with its bytes, but the filler.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if e.file_type().unwrap().is_dir() {
            out.extend(files(&p));
        } else if p.file_name().is_some_and(|n| n != "filler") {
            out.insert(p.clone(), std::fs::read(&p).unwrap());
        }
    }
    out
}

/// A table that compresses badly, so its files are as large as its rows.
fn table(rows: usize, seed: u64) -> DataFrame {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let names: Vec<String> = (0..rows).map(|_| format!("Customer {:016x}", next())).collect();
    let counts: Vec<i64> = (0..rows).map(|_| (next() % 1_000_000) as i64).collect();
    df!("customerName" => names, "licenseCount" => counts).unwrap()
}

fn assert_disk_full(message: &str) {
    assert!(message.starts_with("Your disk is full"), "{message}");
    assert!(message.contains("Free some space"), "{message}");
    assert!(!message.contains("os error") && !message.contains("Polars"), "raw text: {message}");
}

#[test]
fn a_full_disk_keeps_the_saved_copy_and_leaves_no_partial_file() {
    let Some(disk) = SmallDisk::mount(4) else { return };
    let cache = Cache::new(disk.path().join("cache"));
    let meta =
        |rows: usize| CacheMeta { fetched_at: 1, filter: None, rows: rows as u64, total: None, json_columns: vec![] };
    let good = table(2_000, 1);
    cache.save("acct", "subscriptions", &good, &meta(2_000)).unwrap();
    let before = files(disk.path());

    disk.fill(32 * 1024);
    let err = cache.save("acct", "subscriptions", &table(200_000, 2), &meta(200_000)).unwrap_err();
    let se = lens_service::error::ServiceError::from(err);
    assert_eq!(se.code, ErrorCode::DiskFull);
    assert_disk_full(&se.message);
    assert_eq!(files(disk.path()), before, "the cache folder is as it was: no partial file");
    let (loaded, m) = cache.load("acct", "subscriptions").unwrap().expect("the last good copy");
    assert!(loaded.equals(&good));
    assert_eq!(m.rows, 2_000);

    disk.free();
    cache.save("acct", "subscriptions", &table(200_000, 2), &meta(200_000)).unwrap();
    assert_eq!(cache.load("acct", "subscriptions").unwrap().unwrap().1.rows, 200_000);
}

#[test]
fn a_full_disk_fails_each_export_format_in_words_and_keeps_the_old_file() {
    let Some(disk) = SmallDisk::mount(6) else { return };
    let out = disk.path().join("exports");
    std::fs::create_dir(&out).unwrap();
    let small = table(500, 3);
    for ext in export::TABLE_FORMATS {
        export::write_table(&small, &out.join(format!("subscriptions.{ext}")), "Subscriptions", &[]).unwrap();
    }
    let before = files(&out);

    disk.fill(16 * 1024);
    let big = table(100_000, 4);
    for ext in export::TABLE_FORMATS {
        let path = out.join(format!("subscriptions.{ext}"));
        let err = export::write_table(&big, &path, "Subscriptions", &[]).expect_err(ext);
        assert_eq!(err.code, ErrorCode::DiskFull, ".{ext}: {err:?}");
        assert_disk_full(&err.message);
        assert_eq!(files(&out), before, ".{ext}: the old exports stay and nothing partial is left");
    }
    let err = export::write_bytes(&out.join("chart.svg"), &vec![b'x'; 1 << 20]).unwrap_err();
    assert_eq!(err.code, ErrorCode::DiskFull, "{err:?}");
    assert_eq!(files(&out), before);

    disk.free();
    export::write_table(&big, &out.join("subscriptions.csv"), "Subscriptions", &[]).unwrap();
}

#[test]
fn a_full_disk_fails_a_download_and_keeps_the_last_report_file() {
    let Some(disk) = SmallDisk::mount(4) else { return };
    let library = disk.path().join("library");
    let incoming = disk.path().join("incoming");
    let target = library.join("Customers.csv");
    let report = |rows: usize| {
        let mut t = String::from("CustomerName,CustomerCount\n");
        for i in 0..rows {
            t.push_str(&format!("Customer {i:08},{i}\n"));
        }
        t.into_bytes()
    };
    lens_service::downloads::library::place(&incoming, "run-1", &target, &report(100)).unwrap();
    let before = files(disk.path());

    disk.fill(16 * 1024);
    let err = lens_service::downloads::library::place(&incoming, "run-2", &target, &report(100_000)).unwrap_err();
    assert_eq!(err.code, ErrorCode::DiskFull, "{err:?}");
    assert_disk_full(&err.message);
    assert_eq!(files(disk.path()), before, "the last report file stays and no part file is left");

    disk.free();
    lens_service::downloads::library::place(&incoming, "run-2", &target, &report(100_000)).unwrap();
}

#[test]
fn a_full_disk_fails_a_saved_view_in_words_and_keeps_the_others() {
    let Some(disk) = SmallDisk::mount(2) else { return };
    let store = Store::open(&disk.path().join("data")).unwrap();
    let view = View::of(DatasetId::Subscriptions);
    store.save_view("Kept", &view, 1).unwrap();

    disk.fill(0);
    // Views with long names until the database cannot grow.
    let mut refused = None;
    for i in 0..10_000 {
        if let Err(e) = store.save_view(&format!("{i:06} {}", "x".repeat(100)), &view, 2) {
            refused = Some(e);
            break;
        }
    }
    let err = refused.expect("a full disk refuses a new view");
    assert_eq!(err.code, ErrorCode::DiskFull, "{err:?}");
    assert_disk_full(&err.message);
    drop(store);
    disk.free();
    let store = Store::open(&disk.path().join("data")).unwrap();
    assert!(store.list_views().unwrap().iter().any(|v| v.name == "Kept"), "the views saved before stay");
}
