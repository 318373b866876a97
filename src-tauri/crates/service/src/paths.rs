//! Where the app keeps its files. `PARTNER_LENS_HOME` moves everything (tests and CI use a
//! temporary folder, so they never touch a person's real data); otherwise the platform's usual
//! places.

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct AppPaths {
    /// Settings, cache, report history.
    pub data: PathBuf,
    pub logs: PathBuf,
    /// Whether `PARTNER_LENS_HOME` moved them from the system's usual places.
    pub moved: bool,
}

/// The systems whose conventions the paths follow. Each is a value, not only a `cfg`, so the
/// rules for all three are unit-tested on whichever system the tests run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    Linux,
    MacOs,
    Windows,
}

impl Os {
    pub fn current() -> Os {
        if cfg!(windows) {
            Os::Windows
        } else if cfg!(target_os = "macos") {
            Os::MacOs
        } else {
            Os::Linux
        }
    }
}

/// Reads an environment variable (a function, so tests can give a system's variables).
type Env<'a> = &'a dyn Fn(&str) -> Option<PathBuf>;

impl AppPaths {
    pub fn resolve() -> AppPaths {
        AppPaths::resolve_for(Os::current(), &|k| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from))
    }

    /// The folders on `os` with the environment `env`: `PARTNER_LENS_HOME` first; then on
    /// Linux the XDG folders (data in `$XDG_DATA_HOME`, logs in `$XDG_STATE_HOME`), on macOS
    /// `~/Library/Application Support` and `~/Library/Logs`, on Windows `%LOCALAPPDATA%`.
    pub fn resolve_for(os: Os, env: Env) -> AppPaths {
        if let Some(root) = env("PARTNER_LENS_HOME") {
            return AppPaths::under(&root);
        }
        let data = platform_data(os, env).join("Partner Lens");
        let logs = platform_logs(os, env).unwrap_or_else(|| data.join("logs"));
        AppPaths { data, logs, moved: false }
    }

    /// Everything under `root`, as `PARTNER_LENS_HOME=root` puts it (tests, a second profile).
    pub fn under(root: &std::path::Path) -> AppPaths {
        AppPaths { data: root.join("data"), logs: root.join("logs"), moved: true }
    }

    pub fn cache(&self) -> PathBuf {
        self.data.join("cache")
    }

    /// Where a report file is written before it takes its place in the library, so a crash in
    /// the middle of a download never leaves part of a file among the finished ones.
    pub fn incoming(&self) -> PathBuf {
        self.data.join("incoming")
    }

    /// Where report files arrive unless the person chose another folder: "Partner Lens" in the
    /// Documents folder (beside the data under `PARTNER_LENS_HOME`).
    pub fn default_library(&self) -> PathBuf {
        let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
        self.library_for(Os::current(), &env)
    }

    pub fn library_for(&self, os: Os, env: Env) -> PathBuf {
        if let Some(home) = env("PARTNER_LENS_HOME") {
            return home.join("library");
        }
        documents(os, env).map(|d| d.join("Partner Lens")).unwrap_or_else(|| self.data.join("library"))
    }
}

fn home(os: Os, env: Env) -> Option<PathBuf> {
    env(if os == Os::Windows { "USERPROFILE" } else { "HOME" })
}

/// The person's Documents folder: `XDG_DOCUMENTS_DIR` from user-dirs.dirs on Linux, else
/// `~/Documents` (on Windows `%USERPROFILE%\Documents`).
fn documents(os: Os, env: Env) -> Option<PathBuf> {
    let home = home(os, env)?;
    if os == Os::Linux {
        let config = env("XDG_CONFIG_HOME").filter(|p| p.is_absolute()).unwrap_or_else(|| home.join(".config"));
        if let Ok(text) = std::fs::read_to_string(config.join("user-dirs.dirs"))
            && let Some(line) = text.lines().find(|l| l.starts_with("XDG_DOCUMENTS_DIR="))
        {
            let v = line.trim_start_matches("XDG_DOCUMENTS_DIR=").trim_matches('"');
            let dir = PathBuf::from(v.replace("$HOME", &home.display().to_string()));
            if dir.is_absolute() && dir != home {
                return Some(dir);
            }
        }
    }
    Some(home.join("Documents"))
}

fn platform_data(os: Os, env: Env) -> PathBuf {
    env(if os == Os::Windows { "LOCALAPPDATA" } else { "XDG_DATA_HOME" })
        .filter(|p| os != Os::MacOs && p.is_absolute())
        .or_else(|| {
            let home = home(os, env)?;
            Some(match os {
                Os::MacOs => home.join("Library").join("Application Support"),
                Os::Windows => home.join("AppData").join("Local"),
                Os::Linux => home.join(".local").join("share"),
            })
        })
        .unwrap_or_else(std::env::temp_dir)
}

/// Logs apart from the data where the system has a place for them; on Windows beside the data.
fn platform_logs(os: Os, env: Env) -> Option<PathBuf> {
    match os {
        Os::MacOs => home(os, env).map(|h| h.join("Library").join("Logs").join("Partner Lens")),
        Os::Windows => None,
        Os::Linux => {
            let state = env("XDG_STATE_HOME")
                .filter(|p| p.is_absolute())
                .or_else(|| home(os, env).map(|h| h.join(".local").join("state")))?;
            Some(state.join("partner-lens").join("logs"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::path::Path;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<PathBuf> + use<> {
        let m: HashMap<String, PathBuf> = vars.iter().map(|(k, v)| (k.to_string(), PathBuf::from(v))).collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn each_system_keeps_data_and_logs_where_its_conventions_say() {
        let linux = AppPaths::resolve_for(Os::Linux, &env(&[("HOME", "/home/ana")]));
        assert_eq!(linux.data, Path::new("/home/ana/.local/share/Partner Lens"));
        assert_eq!(linux.logs, Path::new("/home/ana/.local/state/partner-lens/logs"));
        let xdg = AppPaths::resolve_for(
            Os::Linux,
            &env(&[("HOME", "/home/ana"), ("XDG_DATA_HOME", "/d"), ("XDG_STATE_HOME", "relative")]),
        );
        assert_eq!(xdg.data, Path::new("/d/Partner Lens"));
        assert_eq!(xdg.logs, Path::new("/home/ana/.local/state/partner-lens/logs"), "a relative XDG path is ignored");

        let mac = AppPaths::resolve_for(Os::MacOs, &env(&[("HOME", "/Users/ana"), ("XDG_DATA_HOME", "/d")]));
        assert_eq!(mac.data, Path::new("/Users/ana/Library/Application Support/Partner Lens"));
        assert_eq!(mac.logs, Path::new("/Users/ana/Library/Logs/Partner Lens"));

        // Windows paths as text: the separators are the system's when joined there.
        let win = AppPaths::resolve_for(
            Os::Windows,
            &env(&[("USERPROFILE", "C:/Users/ana"), ("LOCALAPPDATA", "C:/Users/ana/AppData/Local")]),
        );
        if cfg!(windows) {
            assert_eq!(win.data, Path::new(r"C:\Users\ana\AppData\Local\Partner Lens"));
        } else {
            // Not absolute on Unix ("C:" is no root there), so the home's AppData\Local is used.
            assert_eq!(win.data, Path::new("C:/Users/ana/AppData/Local/Partner Lens"));
        }
        assert_eq!(win.logs, win.data.join("logs"), "Windows keeps logs beside the data");
    }

    #[test]
    fn partner_lens_home_moves_everything_and_documents_hold_the_library() {
        let e = env(&[("PARTNER_LENS_HOME", "/tmp/t"), ("HOME", "/home/ana")]);
        let p = AppPaths::resolve_for(Os::MacOs, &e);
        assert_eq!((p.data.as_path(), p.logs.as_path()), (Path::new("/tmp/t/data"), Path::new("/tmp/t/logs")));
        assert_eq!(p.library_for(Os::MacOs, &e), Path::new("/tmp/t/library"));
        let e = env(&[("HOME", "/Users/ana")]);
        let p = AppPaths::resolve_for(Os::MacOs, &e);
        assert_eq!(p.library_for(Os::MacOs, &e), Path::new("/Users/ana/Documents/Partner Lens"));
        let e = env(&[("USERPROFILE", "/c/Users/ana")]);
        let p = AppPaths::resolve_for(Os::Windows, &e);
        assert_eq!(p.library_for(Os::Windows, &e), Path::new("/c/Users/ana/Documents/Partner Lens"));
    }

    #[test]
    fn linux_documents_come_from_user_dirs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("user-dirs.dirs"), "XDG_DOCUMENTS_DIR=\"$HOME/Dokumente\"\n").unwrap();
        let config = dir.path().display().to_string();
        let e = env(&[("HOME", "/home/ana"), ("XDG_CONFIG_HOME", &config)]);
        let p = AppPaths::resolve_for(Os::Linux, &e);
        assert_eq!(p.library_for(Os::Linux, &e), Path::new("/home/ana/Dokumente/Partner Lens"));
    }
}
