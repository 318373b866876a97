//! Sign-in set by an organisation: a policy an administrator deploys to every computer (by
//! each system's convention) that fixes the application ID, the organisation, the cloud and the
//! allowed ways of signing in. With a policy the window offers only "Sign in" and says the
//! organisation set it up. Where it is read from:
//!
//! - Linux: `/etc/partner-lens/policy.json`
//! - macOS: `/Library/Managed Preferences/com.partnerlens.desktop.plist` (what a management
//!   profile installs for the app's bundle identifier)
//! - Windows: the values under `HKEY_LOCAL_MACHINE\Software\Policies\Partner Lens` (Group
//!   Policy's place), else `%ProgramData%\Partner Lens\policy.json`
//!
//! A policy found there always wins. Where there is none, `PARTNER_LENS_POLICY` may name a file
//! (for testing a policy before deploying it). JSON and the plist use the same keys:
//! `clientId`, `tenant`, `cloud` (`global`, `china`, `usGovernment`) and `signInMethods` (a
//! list of `browser`, `deviceCode`, `password`, `appSecret`, `appCertificate`); the registry
//! takes the same names as string values (`SignInMethods` comma-separated).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::accounts::SignInMethod;
use crate::cloud::Cloud;
use crate::publisher::is_client_id;

/// The variable naming a policy file where the system has none.
pub const POLICY_VAR: &str = "PARTNER_LENS_POLICY";

/// What an organisation fixed. `None` leaves a choice to the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub client_id: Option<String>,
    /// The organisation's domain or directory id: sign-ins to any other are refused.
    pub tenant: Option<String>,
    pub cloud: Option<Cloud>,
    /// The ways of signing in allowed, in the administrator's order.
    pub methods: Option<Vec<SignInMethod>>,
    /// Where it was read from, for the window and for support.
    pub source: String,
}

impl Policy {
    pub fn allows(&self, m: SignInMethod) -> bool {
        self.methods.as_ref().is_none_or(|ms| ms.contains(&m))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "The sign-in settings your IT department set ({place}) cannot be used: {why} Ask your IT department to correct them."
)]
pub struct PolicyError {
    /// Where the policy was read from.
    pub place: String,
    pub why: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Methods {
    List(Vec<String>),
    Text(String),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PolicyFile {
    #[serde(default, alias = "ClientId")]
    client_id: Option<String>,
    #[serde(default, alias = "Tenant")]
    tenant: Option<String>,
    #[serde(default, alias = "Cloud")]
    cloud: Option<String>,
    #[serde(default, alias = "SignInMethods")]
    sign_in_methods: Option<Methods>,
}

fn check(file: PolicyFile, source: &str) -> Result<Policy, PolicyError> {
    let bad = |why: String| PolicyError { place: source.to_string(), why };
    let text = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let client_id = text(file.client_id);
    if let Some(id) = &client_id
        && !is_client_id(id)
    {
        return Err(bad(format!(
            "the application ID \"{id}\" is not an ID (a GUID such as 00000000-0000-0000-0000-000000000000)."
        )));
    }
    let tenant = text(file.tenant);
    if let Some(t) = &tenant
        && (t.contains(['/', '\\', '?', '#', ' ']) || matches!(t.to_ascii_lowercase().as_str(), "common" | "consumers"))
    {
        return Err(bad(format!("the organisation \"{t}\" is neither a domain nor a directory ID.")));
    }
    let cloud = match text(file.cloud).map(|c| c.to_ascii_lowercase().replace(['-', '_', ' '], "")) {
        None => None,
        Some(c) => Some(match c.as_str() {
            "global" | "public" => Cloud::Global,
            "china" | "21vianet" => Cloud::China,
            "usgovernment" | "usgov" => Cloud::UsGovernment,
            _ => return Err(bad(format!("the cloud \"{c}\" is not global, china or usGovernment."))),
        }),
    };
    let methods = match file.sign_in_methods {
        None => None,
        Some(m) => {
            let names: Vec<String> = match m {
                Methods::List(v) => v,
                Methods::Text(t) => t.split(',').map(str::to_string).collect(),
            };
            let mut out = Vec::new();
            for n in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                let m = SignInMethod::parse(n).ok_or_else(|| bad(format!("\"{n}\" is not a way of signing in.")))?;
                if !out.contains(&m) {
                    out.push(m);
                }
            }
            if out.is_empty() {
                return Err(bad("it allows no way of signing in.".into()));
            }
            Some(out)
        }
    };
    Ok(Policy { client_id, tenant, cloud, methods, source: source.to_string() })
}

/// Reads a policy from JSON.
pub fn from_json(bytes: &[u8], source: &str) -> Result<Policy, PolicyError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let file: PolicyFile = serde_json::from_slice(bytes)
        .map_err(|e| PolicyError { place: source.into(), why: format!("it is not valid ({e}).") })?;
    check(file, source)
}

/// Reads a policy from a property list (XML or binary), as macOS management profiles write.
pub fn from_plist(bytes: &[u8], source: &str) -> Result<Policy, PolicyError> {
    let file: PolicyFile = plist::from_bytes(bytes)
        .map_err(|e| PolicyError { place: source.into(), why: format!("it is not valid ({e}).") })?;
    check(file, source)
}

/// Reads a policy from named text values (the Windows registry's).
pub fn from_values(values: &[(&str, String)], source: &str) -> Result<Policy, PolicyError> {
    let get = |k: &str| values.iter().find(|(n, _)| n.eq_ignore_ascii_case(k)).map(|(_, v)| v.clone());
    if let Some((unknown, _)) = values
        .iter()
        .find(|(n, _)| !["ClientId", "Tenant", "Cloud", "SignInMethods"].iter().any(|k| k.eq_ignore_ascii_case(n)))
    {
        return Err(PolicyError {
            place: source.into(),
            why: format!("the value \"{unknown}\" is not one Partner Lens knows."),
        });
    }
    check(
        PolicyFile {
            client_id: get("ClientId"),
            tenant: get("Tenant"),
            cloud: get("Cloud"),
            sign_in_methods: get("SignInMethods").map(Methods::Text),
        },
        source,
    )
}

/// Which operating system's rules to follow (a value, so each one's rules are tested on any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    Linux,
    MacOs,
    Windows,
}

impl System {
    pub fn current() -> System {
        if cfg!(target_os = "macos") {
            System::MacOs
        } else if cfg!(windows) {
            System::Windows
        } else {
            System::Linux
        }
    }
}

/// Where a system keeps a policy file, in the order read; `program_data` is Windows'
/// `%ProgramData%`.
pub fn policy_files(system: System, program_data: Option<&Path>) -> Vec<PathBuf> {
    match system {
        System::Linux => vec![PathBuf::from("/etc/partner-lens/policy.json")],
        System::MacOs => vec![PathBuf::from("/Library/Managed Preferences/com.partnerlens.desktop.plist")],
        System::Windows => program_data.map(|p| p.join("Partner Lens").join("policy.json")).into_iter().collect(),
    }
}

/// The registry key Group Policy writes, under `HKEY_LOCAL_MACHINE`.
pub const REGISTRY_KEY: &str = r"Software\Policies\Partner Lens";

fn read_file(path: &Path) -> Option<Result<Policy, PolicyError>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            return Some(Err(PolicyError {
                place: path.display().to_string(),
                why: format!("it cannot be read ({e})."),
            }));
        }
    };
    let source = path.display().to_string();
    let plist = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("plist"));
    Some(if plist { from_plist(&bytes, &source) } else { from_json(&bytes, &source) })
}

#[cfg(windows)]
fn read_registry() -> Option<Result<Policy, PolicyError>> {
    let key = windows_registry::LOCAL_MACHINE.open(REGISTRY_KEY).ok()?;
    let values: Vec<(&str, String)> = ["ClientId", "Tenant", "Cloud", "SignInMethods"]
        .into_iter()
        .filter_map(|name| key.get_string(name).ok().map(|v| (name, v)))
        .collect();
    if values.is_empty() {
        return None;
    }
    Some(from_values(&values, &format!(r"HKEY_LOCAL_MACHINE\{REGISTRY_KEY}")))
}

#[cfg(not(windows))]
fn read_registry() -> Option<Result<Policy, PolicyError>> {
    None
}

/// The policy in force on this computer, if any: the system's, else `PARTNER_LENS_POLICY`'s.
pub fn load() -> Result<Option<Policy>, PolicyError> {
    let system = System::current();
    let program_data = std::env::var_os("ProgramData").map(PathBuf::from);
    let found = (if system == System::Windows { read_registry() } else { None })
        .or_else(|| policy_files(system, program_data.as_deref()).iter().find_map(|p| read_file(p)))
        .or_else(|| std::env::var_os(POLICY_VAR).filter(|v| !v.is_empty()).and_then(|p| read_file(Path::new(&p))));
    found.transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "5e1b7c3a-9d24-4f6e-b8a1-2c7d0f4e9a63";

    #[test]
    fn each_system_reads_its_own_place() {
        assert_eq!(policy_files(System::Linux, None), [PathBuf::from("/etc/partner-lens/policy.json")]);
        assert_eq!(
            policy_files(System::MacOs, None),
            [PathBuf::from("/Library/Managed Preferences/com.partnerlens.desktop.plist")]
        );
        assert_eq!(
            policy_files(System::Windows, Some(Path::new("C:/ProgramData"))),
            [Path::new("C:/ProgramData").join("Partner Lens").join("policy.json")]
        );
        assert!(policy_files(System::Windows, None).is_empty(), "no %ProgramData%, no file");
        assert_eq!(REGISTRY_KEY, r"Software\Policies\Partner Lens");
    }

    #[test]
    fn json_plist_and_registry_values_say_the_same() {
        let json = format!(
            r#"{{"clientId": " {ID} ", "tenant": "contoso.onmicrosoft.com", "cloud": "usGovernment", "signInMethods": ["browser", "device-code", "browser"]}}"#
        );
        let want = Policy {
            client_id: Some(ID.into()),
            tenant: Some("contoso.onmicrosoft.com".into()),
            cloud: Some(Cloud::UsGovernment),
            methods: Some(vec![SignInMethod::Browser, SignInMethod::DeviceCode]),
            source: "x".into(),
        };
        assert_eq!(from_json(json.as_bytes(), "x").unwrap(), want);
        let bom = [b"\xEF\xBB\xBF".as_slice(), json.as_bytes()].concat();
        assert_eq!(from_json(&bom, "x").unwrap(), want, "a byte-order mark, as Notepad writes");
        let plist = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict>
            <key>clientId</key><string>{ID}</string><key>tenant</key><string>contoso.onmicrosoft.com</string>
            <key>cloud</key><string>usgov</string><key>signInMethods</key><array><string>browser</string><string>deviceCode</string></array>
            </dict></plist>"#
        );
        assert_eq!(from_plist(plist.as_bytes(), "x").unwrap(), want);
        let values = [
            ("ClientId", ID.to_string()),
            ("Tenant", "contoso.onmicrosoft.com".to_string()),
            ("Cloud", "US Government".to_string()),
            ("SignInMethods", "browser, deviceCode".to_string()),
        ];
        assert_eq!(from_values(&values, "x").unwrap(), want);
        let empty = from_json(b"{}", "x").unwrap();
        assert_eq!((empty.client_id, empty.methods), (None, None));
        assert!(empty.source == "x");
    }

    #[test]
    fn a_bad_policy_says_what_is_wrong_in_plain_words() {
        for (text, says) in [
            ("{not json", "is not valid"),
            (r#"{"clientId": "my-app"}"#, "is not an ID"),
            (r#"{"tenant": "https://evil.example/x"}"#, "neither a domain"),
            (r#"{"tenant": "common"}"#, "neither a domain"),
            (r#"{"cloud": "mars"}"#, "not global, china or usGovernment"),
            (r#"{"signInMethods": ["telepathy"]}"#, "not a way of signing in"),
            (r#"{"signInMethods": []}"#, "allows no way"),
            (r#"{"clientID": "x", "colour": "blue"}"#, "is not valid"),
        ] {
            let e = from_json(text.as_bytes(), "/etc/partner-lens/policy.json").unwrap_err();
            let msg = e.to_string();
            assert!(msg.contains(says), "{text}: {msg}");
            assert!(
                msg.starts_with("The sign-in settings your IT department set (/etc/partner-lens/policy.json)"),
                "{msg}"
            );
        }
        assert!(from_values(&[("Colour", "blue".into())], "r").unwrap_err().why.contains("Colour"));
        assert!(from_plist(b"not a plist", "p").is_err());
    }

    #[test]
    fn a_file_that_is_not_there_is_no_policy_and_one_unreadable_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read_file(&dir.path().join("none.json")).is_none());
        let p = dir.path().join("policy.json");
        std::fs::write(&p, format!(r#"{{"clientId": "{ID}"}}"#)).unwrap();
        assert_eq!(read_file(&p).unwrap().unwrap().client_id.as_deref(), Some(ID));
        // A folder where the file should be cannot be read.
        let d = dir.path().join("folder.json");
        std::fs::create_dir(&d).unwrap();
        assert!(read_file(&d).unwrap().is_err());
    }
}
