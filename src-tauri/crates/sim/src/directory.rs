//! Who exists in the simulated Microsoft Entra ID: organisations (tenants), the people in them
//! with their Partner Center roles, and the applications that may sign them in. The sample
//! organisation is the world's partner; the others exist so that the client is proven against
//! what Partner Center does to other callers (docs/partner-center-api.md, section 5): an
//! indirect reseller, whom Analytics refuses; an organisation whose people may not approve apps
//! themselves, so an administrator must grant consent once; people without the Insights role or
//! without the Executive report viewer role, whose revenue the service hides.

use serde::{Deserialize, Serialize};

use crate::config::Credentials;

/// The multi-tenant public client of the simulator: the application a desktop app signs in
/// with when it has no registration of its own. It stands for the publisher's registration,
/// which lives in the publisher's tenant and signs in people of any organisation.
pub const SIM_PUBLIC_CLIENT_ID: &str = "5e1b7c3a-9d24-4f6e-b8a1-2c7d0f4e9a63";

/// What kind of partner an organisation is, which decides what Analytics answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PartnerKind {
    /// A CSP partner that bills its customers directly.
    DirectBill,
    /// A CSP indirect provider (distributor).
    IndirectProvider,
    /// A CSP indirect reseller: Analytics is not offered to it.
    IndirectReseller,
}

/// A person's Partner Center Insights role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InsightsRole {
    None,
    /// Every data set, revenue columns blanked (`dataRedacted: true`).
    ReportViewer,
    /// Every data set with revenue.
    ExecutiveReportViewer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// The user principal name, `alex@contoso.onmicrosoft.com`.
    pub username: String,
    pub password: String,
    pub display_name: String,
    /// The person's object id (`oid`).
    pub id: String,
    /// A global administrator: may grant consent for the whole organisation.
    pub admin: bool,
    /// Holds a Partner Center role that reads analytics.
    pub analytics: bool,
    pub insights: InsightsRole,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    /// The directory id (`tid`).
    pub id: String,
    /// The initial domain, `contoso.onmicrosoft.com`.
    pub domain: String,
    /// The organisation's name, as Partner Center's organisation profile gives it.
    pub name: String,
    pub partner: PartnerKind,
    /// Whether its people may approve an application themselves. When they may not, an
    /// administrator grants consent once for everyone (the admin-consent endpoint).
    pub user_consent: bool,
    pub users: Vec<User>,
}

impl Tenant {
    /// Whether `name` names this tenant: its id or its domain.
    pub fn is(&self, name: &str) -> bool {
        self.id.eq_ignore_ascii_case(name) || self.domain.eq_ignore_ascii_case(name)
    }

    pub fn user(&self, username: &str) -> Option<&User> {
        self.users.iter().find(|u| u.username.eq_ignore_ascii_case(username))
    }
}

/// The organisations the simulator knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    pub tenants: Vec<Tenant>,
}

fn user(username: &str, password: &str, name: &str, id: &str, roles: (bool, bool, InsightsRole)) -> User {
    User {
        username: username.into(),
        password: password.into(),
        display_name: name.into(),
        id: id.into(),
        admin: roles.0,
        analytics: roles.1,
        insights: roles.2,
    }
}

/// The domain part of the sample organisation's user names.
fn domain_of(username: &str, tenant: &str) -> String {
    username.rsplit_once('@').map(|(_, d)| d.to_string()).unwrap_or_else(|| tenant.to_string())
}

impl Directory {
    /// The sample organisation (the world's partner, from the configured credentials) and
    /// the other organisations every simulator holds. Passwords are public by design: they
    /// only open the simulator.
    pub fn new(c: &Credentials) -> Directory {
        let contoso = domain_of(&c.username, &c.tenant);
        let sample = Tenant {
            id: "4f9c2d1e-7a3b-4c5d-8e6f-1a2b3c4d5e6f".into(),
            domain: c.tenant.clone(),
            name: "Contoso Ltd".into(),
            partner: PartnerKind::DirectBill,
            user_consent: true,
            users: vec![
                user(
                    &c.username,
                    &c.password,
                    "Alex Wilber",
                    "0a6c5e1f-3b2d-4e8a-9c7f-5d1e2a3b4c01",
                    (true, true, InsightsRole::ExecutiveReportViewer),
                ),
                // Reads analytics and Insights, but not revenue.
                user(
                    &format!("sam@{contoso}"),
                    "sample-password",
                    "Sam Rivera",
                    "0a6c5e1f-3b2d-4e8a-9c7f-5d1e2a3b4c02",
                    (false, true, InsightsRole::ReportViewer),
                ),
                // Reads analytics; has no Insights role.
                user(
                    &format!("pat@{contoso}"),
                    "sample-password",
                    "Pat Kim",
                    "0a6c5e1f-3b2d-4e8a-9c7f-5d1e2a3b4c03",
                    (false, true, InsightsRole::None),
                ),
            ],
        };
        let reseller = Tenant {
            id: "7b2e9f4a-1c3d-4e5f-a6b7-c8d9e0f1a2b3".into(),
            domain: "northwind.onmicrosoft.com".into(),
            name: "Northwind Traders".into(),
            partner: PartnerKind::IndirectReseller,
            user_consent: true,
            users: vec![user(
                "jo@northwind.onmicrosoft.com",
                "sample-password",
                "Jo Brown",
                "1b7d6f20-4c3e-4f9b-8d80-6e2f3b4c5d01",
                (true, true, InsightsRole::ExecutiveReportViewer),
            )],
        };
        let needs_admin = Tenant {
            id: "9d4f1b6c-2e5a-4b7c-9d8e-0f1a2b3c4d5e".into(),
            domain: "adatum.onmicrosoft.com".into(),
            name: "Adatum Corporation".into(),
            partner: PartnerKind::IndirectProvider,
            user_consent: false,
            users: vec![
                user(
                    "lee@adatum.onmicrosoft.com",
                    "sample-password",
                    "Lee Chen",
                    "2c8e7031-5d4f-4fa0-9e91-7f304c5d6e01",
                    (false, true, InsightsRole::ExecutiveReportViewer),
                ),
                user(
                    "admin@adatum.onmicrosoft.com",
                    "sample-password",
                    "Adatum admin",
                    "2c8e7031-5d4f-4fa0-9e91-7f304c5d6e02",
                    (true, true, InsightsRole::ExecutiveReportViewer),
                ),
            ],
        };
        Directory { tenants: vec![sample, reseller, needs_admin] }
    }

    /// The tenant named by id or domain.
    pub fn tenant(&self, name: &str) -> Option<&Tenant> {
        self.tenants.iter().find(|t| t.is(name))
    }

    /// The person with this user name, and their organisation.
    pub fn user(&self, username: &str) -> Option<(&Tenant, &User)> {
        self.tenants.iter().find_map(|t| t.user(username).map(|u| (t, u)))
    }

    /// The sample organisation: the world's partner, home of the test application.
    pub fn home(&self) -> &Tenant {
        &self.tenants[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_organisation_follows_the_credentials_and_ids_are_unique() {
        let c = Credentials {
            tenant: "fabrikam.onmicrosoft.com".into(),
            username: "ops@fabrikam.com".into(),
            ..Credentials::default()
        };
        let d = Directory::new(&c);
        assert_eq!(d.home().domain, "fabrikam.onmicrosoft.com");
        assert_eq!(d.user("OPS@fabrikam.com").unwrap().0.domain, "fabrikam.onmicrosoft.com");
        assert_eq!(d.user("sam@fabrikam.com").unwrap().1.insights, InsightsRole::ReportViewer);
        let mut ids: Vec<&str> = d.tenants.iter().map(|t| t.id.as_str()).collect();
        ids.extend(d.tenants.iter().flat_map(|t| t.users.iter().map(|u| u.id.as_str())));
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n);
        assert!(d.tenant("9D4F1B6C-2E5A-4B7C-9D8E-0F1A2B3C4D5E").is_some(), "ids match without regard to case");
    }
}
