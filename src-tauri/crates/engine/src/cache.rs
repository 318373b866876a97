//! The local cache: each fetched data set kept as Parquet per account, with when it was fetched
//! and with which filter. Opening the app shows it at once while a refresh runs. Writes are
//! atomic (temporary file, flush to disk, rename), so a crash or a full disk leaves the last
//! good copy; a damaged file is set aside with a plain message and never crashes the app.

use std::fs;
use std::path::{Path, PathBuf};

use polars::prelude::*;
use polars_utils::compression::ZstdLevel;
use serde::{Deserialize, Serialize};

use crate::error::EngineError;
use crate::fsio::{plain_io, write_private};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CacheMeta {
    /// Seconds since 1970.
    pub fetched_at: i64,
    pub filter: Option<String>,
    pub rows: u64,
    /// The service's TotalCount when fetched.
    pub total: Option<u64>,
    /// Unknown fields held as JSON text (objects and lists the service sent).
    #[serde(default)]
    pub json_columns: Vec<String>,
}

/// The description as written beside the data: the caller's [`CacheMeta`] and a checksum of
/// the Parquet file's bytes. A row count alone misses damage in the middle of a file (flipped
/// bytes that still decode, as changed ids); the checksum catches it before the window shows
/// the copy as good. Older descriptions without one are still read.
#[derive(Serialize, Deserialize)]
struct Stored {
    #[serde(flatten)]
    meta: CacheMeta,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    crc32: Option<u32>,
    /// The data file this describes, beside it. Each save writes a new data file and only then
    /// points the description at it (one atomic rename), so a crash between the two leaves the
    /// old pair whole. Older descriptions without it describe `DATASET.parquet`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    file: Option<String>,
}

pub struct Cache {
    dir: PathBuf,
}

fn safe(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

impl Cache {
    pub fn new(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The description's path, and the data file it names (if it can be read).
    fn paths(&self, account: &str, dataset: &str) -> (PathBuf, PathBuf) {
        let base = self.dir.join(safe(account));
        let info = base.join(format!("{}.json", safe(dataset)));
        let named = fs::read(&info)
            .ok()
            .and_then(|b| serde_json::from_slice::<Stored>(&b).ok())
            .and_then(|s| s.file)
            // Only a plain name of this data set's files, never a path elsewhere.
            .filter(|f| {
                f.starts_with(&format!("{}.", safe(dataset))) && !f.contains(['/', '\\']) && f.ends_with(".parquet")
            });
        let data = base.join(named.unwrap_or_else(|| format!("{}.parquet", safe(dataset))));
        (data, info)
    }

    /// Saves a table: a new data file first, then the description that points at it, then the
    /// old data file goes. Killed at any moment, the pair on disk is the old one or the new one.
    pub fn save(&self, account: &str, dataset: &str, df: &DataFrame, meta: &CacheMeta) -> Result<(), EngineError> {
        let (_, info) = self.paths(account, dataset);
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let name = format!("{}.{stamp:x}.parquet", safe(dataset));
        let data = info.with_file_name(&name);
        let mut out = df.clone();
        write_private(&data, "the saved copy", |w| {
            // Zstandard's fastest level: a fifth of the JSON's size, written three times faster than
            // the default level. Row groups of a million rows whatever the table's chunks.
            ParquetWriter::new(w)
                .with_compression(ParquetCompression::Zstd(ZstdLevel::try_new(1).ok()))
                .with_row_group_size(Some(1_000_000))
                .finish(&mut out)
                .map(|_| ())
                .map_err(|e| EngineError::file("Could not save the data", e))
        })?;
        // Read back what reached the disk, so the checksum is of the bytes a later load reads.
        let written = fs::read(&data).map_err(|e| EngineError::file("Could not save the data", plain_io(&e)))?;
        let stored = Stored { meta: meta.clone(), crc32: Some(crc32fast::hash(&written)), file: Some(name.clone()) };
        let json = serde_json::to_vec_pretty(&stored).map_err(|e| EngineError::file("Could not save the data", e))?;
        let described = write_private(&info, "the saved copy's description", |w| {
            std::io::Write::write_all(w, &json).map_err(|e| EngineError::file("Could not save the data", plain_io(&e)))
        });
        if described.is_err() {
            let _ = fs::remove_file(&data);
            return described;
        }
        // Data files the description no longer names: the one replaced, and any a crash left.
        let prefix = format!("{}.", safe(dataset));
        for e in fs::read_dir(info.parent().unwrap_or(Path::new("."))).into_iter().flatten().flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with(&prefix) && n.ends_with(".parquet") && n != name {
                let _ = fs::remove_file(e.path());
            }
        }
        Ok(())
    }

    /// The saved table, if there is one. A damaged copy is moved aside (so the next fetch
    /// replaces it) and reported as [`EngineError::Corrupt`].
    pub fn load(&self, account: &str, dataset: &str) -> Result<Option<(DataFrame, CacheMeta)>, EngineError> {
        let (data, info) = self.paths(account, dataset);
        if !data.exists() || !info.exists() {
            return Ok(None);
        }
        let stored: Result<Stored, String> = fs::read(&info)
            .map_err(|e| plain_io(&e))
            .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()));
        let want = stored.as_ref().ok().and_then(|s| s.crc32);
        let meta = stored.map(|s| s.meta);
        let frame: Result<DataFrame, String> = (|| {
            let bytes = fs::read(&data).map_err(|e| plain_io(&e))?;
            if let Some(want) = want
                && crc32fast::hash(&bytes) != want
            {
                return Err("its bytes changed after it was saved (the checksum does not match)".into());
            }
            ParquetReader::new(std::io::Cursor::new(bytes)).finish().map_err(|e| e.to_string())
        })();
        match (frame, meta) {
            (Ok(df), Ok(meta)) if df.height() as u64 == meta.rows => Ok(Some((df, meta))),
            (frame, meta) => {
                let why = match (frame, meta) {
                    (Err(e), _) => e,
                    (_, Err(e)) => format!("its description is damaged: {e}"),
                    (Ok(df), Ok(m)) => format!("it holds {} rows where {} were saved", df.height(), m.rows),
                };
                set_aside(&data);
                set_aside(&info);
                tracing::warn!(account, dataset, "damaged cache set aside: {why}");
                Err(EngineError::Corrupt { what: dataset.to_string(), why })
            }
        }
    }

    pub fn remove_account(&self, account: &str) {
        let _ = fs::remove_dir_all(self.dir.join(safe(account)));
    }
}

fn set_aside(path: &Path) {
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let _ = fs::rename(path, path.with_file_name(format!("{name}.damaged-{stamp}")));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(n: i64) -> DataFrame {
        df!("id" => (0..n).map(|i| format!("s{i}")).collect::<Vec<_>>(), "n" => (0..n).collect::<Vec<_>>()).unwrap()
    }

    fn meta(rows: u64) -> CacheMeta {
        CacheMeta {
            fetched_at: 1_700_000_000,
            filter: Some("status eq 'ACTIVE'".into()),
            rows,
            total: Some(rows),
            json_columns: vec![],
        }
    }

    #[test]
    fn saves_and_reopens_with_its_description() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::new(dir.path().into());
        assert!(c.load("acct", "subscriptions").unwrap().is_none());
        c.save("acct", "subscriptions", &table(1000), &meta(1000)).unwrap();
        let (df, m) = c.load("acct", "subscriptions").unwrap().unwrap();
        assert!(df.equals(&table(1000)));
        assert_eq!(m, meta(1000));
        // A later save replaces it wholly.
        c.save("acct", "subscriptions", &table(10), &meta(10)).unwrap();
        assert_eq!(c.load("acct", "subscriptions").unwrap().unwrap().0.height(), 10);
    }

    #[test]
    fn a_truncated_or_damaged_file_is_set_aside_with_a_plain_message() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::new(dir.path().into());
        c.save("acct", "search", &table(5000), &meta(5000)).unwrap();
        let (data, _) = c.paths("acct", "search");
        let bytes = std::fs::read(&data).unwrap();
        std::fs::write(&data, &bytes[..bytes.len() / 2]).unwrap();
        let e = c.load("acct", "search").unwrap_err();
        assert!(matches!(e, EngineError::Corrupt { .. }));
        assert!(e.to_string().contains("was damaged and has been set aside"), "{e}");
        assert!(!data.exists());
        assert!(
            std::fs::read_dir(data.parent().unwrap()).unwrap().any(|f| f
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".damaged-"))
        );
        assert!(
            c.load("acct", "search").unwrap().is_none(),
            "after setting aside, the next load finds nothing and fetches"
        );
    }

    /// Issue 12, found by trying: bytes flipped in the middle of a cached file silently changed
    /// ids; only the row count was checked.
    #[test]
    fn a_byte_flipped_file_is_detected_by_its_checksum_and_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::new(dir.path().into());
        c.save("acct", "search", &table(5000), &meta(5000)).unwrap();
        let (data, _) = c.paths("acct", "search");
        let mut bytes = std::fs::read(&data).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0x01;
        std::fs::write(&data, &bytes).unwrap();
        let e = c.load("acct", "search").unwrap_err();
        assert!(matches!(e, EngineError::Corrupt { .. }), "{e}");
        assert!(!data.exists(), "set aside");
    }

    #[test]
    fn a_description_without_a_checksum_from_an_older_version_still_loads() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::new(dir.path().into());
        c.save("acct", "search", &table(50), &meta(50)).unwrap();
        let (data, info) = c.paths("acct", "search");
        // The older layout: DATASET.parquet and a description without checksum or file name.
        std::fs::rename(&data, info.with_file_name("search.parquet")).unwrap();
        std::fs::write(&info, serde_json::to_vec(&meta(50)).unwrap()).unwrap();
        assert_eq!(c.load("acct", "search").unwrap().unwrap().1, meta(50));
    }

    /// Issue 12, found by the kill -9 test: killed between writing the data and its
    /// description, the new data sat beside the old description and the copy was thrown away
    /// as damaged.
    #[test]
    fn killed_between_the_data_and_its_description_the_old_pair_stays_whole() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::new(dir.path().into());
        c.save("acct", "subscriptions", &table(10), &meta(10)).unwrap();
        let (data, _) = c.paths("acct", "subscriptions");
        // What a killed save leaves: a newer data file the description does not name.
        let mut newer = table(20);
        let stray = data.with_file_name("subscriptions.ffffffffffffffff.parquet");
        ParquetWriter::new(std::fs::File::create(&stray).unwrap()).finish(&mut newer).unwrap();
        let (df, m) = c.load("acct", "subscriptions").unwrap().unwrap();
        assert_eq!((df.height(), m.rows), (10, 10));
        // The next save clears it.
        c.save("acct", "subscriptions", &table(30), &meta(30)).unwrap();
        assert!(!stray.exists() && !data.exists());
        assert_eq!(c.load("acct", "subscriptions").unwrap().unwrap().0.height(), 30);
    }

    #[test]
    fn a_row_count_that_does_not_match_is_damage_too() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::new(dir.path().into());
        c.save("a", "d", &table(3), &meta(4)).unwrap();
        assert!(matches!(c.load("a", "d"), Err(EngineError::Corrupt { .. })));
    }
}
