//! What the app knows of each account's sign-in, kept between sessions (no secret in it): its
//! state in plain words as last checked, who signed in, and when the session was last renewed,
//! so the Accounts screen shows at once and the app can warn before a sign-in runs out.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, ServiceError};
use crate::store::Store;

/// An account's sign-in, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum AccountState {
    /// Not checked yet.
    Unknown,
    SignedIn {
        who: String,
    },
    /// The saved sign-in expired or was revoked, or there is none: sign in again.
    NeedsSignIn,
    /// The tenant wants multi-factor sign-in, which this way of signing in cannot give.
    MfaRequired,
    /// Signed in, but the account may not read the analytics.
    NoAccess,
    /// The organisation needs an administrator to approve Partner Lens once.
    ConsentRequired,
    /// Partner Center could not be reached.
    Offline,
    /// The sign-in was refused for another reason (a wrong secret, say).
    Failed {
        message: String,
    },
}

impl AccountState {
    /// The state a failed check leaves the account in.
    pub fn from_error(e: &ServiceError) -> AccountState {
        match e.code {
            ErrorCode::SignInRequired | ErrorCode::Secrets => AccountState::NeedsSignIn,
            ErrorCode::MfaRequired => AccountState::MfaRequired,
            ErrorCode::Forbidden => AccountState::NoAccess,
            ErrorCode::ConsentRequired => AccountState::ConsentRequired,
            ErrorCode::Unreachable | ErrorCode::Network => AccountState::Offline,
            _ => AccountState::Failed { message: e.message.clone() },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignInRecord {
    pub state: Option<AccountState>,
    /// Seconds since 1970.
    pub checked_at: Option<i64>,
    pub signed_in_at: Option<i64>,
    pub refreshed_at: Option<i64>,
    pub who: Option<String>,
}

/// Refresh tokens die after this long unused (the service: 90 days).
pub const REFRESH_IDLE_DAYS: i64 = 90;
/// Warn this many days before that.
pub const WARN_DAYS_BEFORE: i64 = 14;

impl Store {
    pub fn sign_in(&self, account: &str) -> Result<SignInRecord, ServiceError> {
        let row = self.with(|c| {
            c.query_row(
                "SELECT state, checked_at, signed_in_at, refreshed_at, who FROM sign_ins WHERE account = ?1",
                [account],
                |r| {
                    Ok((
                        r.get::<_, Option<String>>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        r.get::<_, Option<i64>>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                    ))
                },
            )
            .optional()
        })?;
        Ok(row
            .map(|(state, checked_at, signed_in_at, refreshed_at, who)| SignInRecord {
                state: state.and_then(|s| serde_json::from_str(&s).ok()),
                checked_at,
                signed_in_at,
                refreshed_at,
                who,
            })
            .unwrap_or_default())
    }

    fn upsert(&self, account: &str, sql: &str, p: &[&dyn rusqlite::ToSql]) -> Result<(), ServiceError> {
        self.with(|c| {
            c.execute("INSERT OR IGNORE INTO sign_ins (account) VALUES (?1)", [account])?;
            c.execute(sql, p)
        })?;
        Ok(())
    }

    /// A check's outcome.
    pub fn set_state(&self, account: &str, state: &AccountState, now: i64) -> Result<(), ServiceError> {
        let json = serde_json::to_string(state).map_err(ServiceError::internal)?;
        self.upsert(
            account,
            "UPDATE sign_ins SET state = ?2, checked_at = ?3 WHERE account = ?1",
            &[&account, &json, &now],
        )
    }

    /// A person signed in (interactively): who, and when.
    pub fn signed_in(&self, account: &str, who: Option<&str>, now: i64) -> Result<(), ServiceError> {
        self.upsert(
            account,
            "UPDATE sign_ins SET signed_in_at = ?2, refreshed_at = ?2, who = COALESCE(?3, who) WHERE account = ?1",
            &[&account, &now, &who],
        )
    }

    /// The session was renewed (the refresh token rotated).
    pub fn refreshed(&self, account: &str, now: i64) -> Result<(), ServiceError> {
        self.upsert(account, "UPDATE sign_ins SET refreshed_at = ?2 WHERE account = ?1", &[&account, &now])
    }

    pub fn forget_sign_in(&self, account: &str) -> Result<(), ServiceError> {
        self.with(|c| c.execute("DELETE FROM sign_ins WHERE account = ?1", params![account]))?;
        Ok(())
    }
}

/// A warning, before it happens, that a person's sign-in will run out: a refresh token unused for
/// 90 days dies. `None` when all is well or the account signs in by itself (an app).
pub fn health_warning(name: &str, record: &SignInRecord, uses_refresh_token: bool, now: i64) -> Option<String> {
    match &record.state {
        Some(AccountState::NeedsSignIn) => return Some(format!("{name} needs you to sign in again.")),
        Some(AccountState::MfaRequired) => {
            return Some(format!("{name} needs a sign-in with multi-factor authentication (in your browser)."));
        }
        _ => {}
    }
    if !uses_refresh_token {
        return None;
    }
    let last = record.refreshed_at.or(record.signed_in_at)?;
    let idle_days = (now - last) / 86_400;
    let left = REFRESH_IDLE_DAYS - idle_days;
    (left <= WARN_DAYS_BEFORE).then(|| {
        if left <= 0 {
            format!("{name} has not been used for {idle_days} days, so its sign-in has run out: sign in again.")
        } else {
            format!(
                "{name} has not been used for {idle_days} days: open it within {left} {} or it will need a new sign-in.",
                if left == 1 { "day" } else { "days" }
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_survive_and_warnings_come_before_the_sign_in_runs_out() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let day = 86_400;
        store.signed_in("eu", Some("alex@contoso.com"), 100 * day).unwrap();
        store.set_state("eu", &AccountState::SignedIn { who: "alex@contoso.com".into() }, 100 * day).unwrap();
        let r = Store::open(dir.path()).unwrap().sign_in("eu").unwrap();
        assert_eq!(r.who.as_deref(), Some("alex@contoso.com"));
        assert_eq!(r.state, Some(AccountState::SignedIn { who: "alex@contoso.com".into() }));
        assert_eq!(health_warning("EU", &r, true, 150 * day), None);
        assert_eq!(
            health_warning("EU", &r, true, 180 * day).unwrap(),
            "EU has not been used for 80 days: open it within 10 days or it will need a new sign-in."
        );
        assert_eq!(
            health_warning("EU", &r, true, 189 * day).unwrap(),
            "EU has not been used for 89 days: open it within 1 day or it will need a new sign-in."
        );
        assert!(health_warning("EU", &r, true, 200 * day).unwrap().contains("has run out"));
        assert_eq!(health_warning("EU", &r, false, 200 * day), None, "an app signs in by itself");
        store.refreshed("eu", 185 * day).unwrap();
        assert_eq!(health_warning("EU", &store.sign_in("eu").unwrap(), true, 200 * day), None);
        store.set_state("eu", &AccountState::NeedsSignIn, 200 * day).unwrap();
        assert_eq!(
            health_warning("EU", &store.sign_in("eu").unwrap(), false, 200 * day).unwrap(),
            "EU needs you to sign in again."
        );
    }
}
