//! The application (client) ID this build of Partner Lens signs people in with: the
//! publisher's multi-tenant public client, registered once in Microsoft Entra ID (the README's
//! "For publishers" gives the steps). It is set when the app is built, from the environment
//! variable `PARTNER_LENS_CLIENT_ID` (the release workflow takes it from a repository
//! variable). A build without one has none, and says so, rather than carry an ID that would
//! only fail on Microsoft's sign-in page. The same variable at run time stands in for it, which
//! is how developers and tests point a build at the simulator's public client.

/// The variable, at build time and at run time.
pub const CLIENT_ID_VAR: &str = "PARTNER_LENS_CLIENT_ID";

/// The ID compiled in, if the build had one.
const COMPILED: Option<&str> = option_env!("PARTNER_LENS_CLIENT_ID");

/// Whether `s` is an application ID: a GUID, `8-4-4-4-12` hexadecimal digits.
pub fn is_client_id(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts.iter().zip([8, 4, 4, 4, 12]).all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

fn valid(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| is_client_id(s)).map(str::to_ascii_lowercase)
}

/// The built-in application ID: the run-time variable's, else the build's, when it is a GUID.
pub fn built_in_client_id() -> Option<String> {
    let at_run_time = std::env::var(CLIENT_ID_VAR).ok();
    valid(at_run_time.as_deref()).or_else(|| valid(COMPILED))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_guid_is_an_application_id() {
        assert!(is_client_id("5e1b7c3a-9d24-4f6e-b8a1-2c7d0f4e9a63"));
        assert!(!is_client_id("5e1b7c3a-9d24-4f6e-b8a1-2c7d0f4e9a6"));
        assert!(!is_client_id("contoso.onmicrosoft.com"));
        assert!(!is_client_id(""));
        assert_eq!(
            valid(Some(" 5E1B7C3A-9D24-4F6E-B8A1-2C7D0F4E9A63 ")).as_deref(),
            Some("5e1b7c3a-9d24-4f6e-b8a1-2c7d0f4e9a63")
        );
        assert_eq!(valid(Some("replace-me")), None);
    }
}
