//! Work one process has taken on, so that another does not do it too: the window's tray worker
//! and `partner-lens downloads sync` started by an OS scheduler may look at the same report run
//! at the same moment; the one whose claim lands downloads it, the other moves on. A claim is
//! held until released, until the process that took it has ended (killed half-way: the next
//! run takes the work over at once), or, where the system cannot say whether a process has
//! ended, until its time runs out.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{OptionalExtension, params};

use crate::error::ServiceError;
use crate::store::Store;

fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

impl Store {
    /// Takes `what` for `hold`, if no one holds it; true when this process now does. The
    /// computer's own clock measures the hold (not a simulated one: it is about processes).
    pub fn claim(&self, what: &str, hold: Duration) -> Result<bool, ServiceError> {
        self.claim_as(what, hold, std::process::id())
    }

    fn claim_as(&self, what: &str, hold: Duration, pid: u32) -> Result<bool, ServiceError> {
        let now = now_secs();
        let until = now + hold.as_secs() as i64;
        self.with(|c| {
            let taken = c.execute(
                "INSERT INTO claims (what, until, pid) VALUES (?1, ?2, ?3)
                 ON CONFLICT(what) DO UPDATE SET until = excluded.until, pid = excluded.pid WHERE claims.until <= ?4",
                params![what, until, pid, now],
            )?;
            if taken == 1 {
                return Ok(true);
            }
            // Held: by a process that has ended, the work is free now. Taken over only if the
            // holder is still the one looked at, so two processes never both take it.
            let holder: Option<u32> =
                c.query_row("SELECT pid FROM claims WHERE what = ?1", [what], |r| r.get(0)).optional()?;
            match holder {
                Some(h) if h != pid && lens_files::process_gone(h) == Some(true) => Ok(c.execute(
                    "UPDATE claims SET until = ?2, pid = ?3 WHERE what = ?1 AND pid = ?4",
                    params![what, until, pid, h],
                )? == 1),
                _ => Ok(false),
            }
        })
    }

    /// Gives `what` back.
    pub fn release(&self, what: &str) -> Result<(), ServiceError> {
        self.with(|c| c.execute("DELETE FROM claims WHERE what = ?1", [what]))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Duration = Duration::from_secs(3600);

    #[test]
    fn a_claim_is_held_once_until_released_or_run_out() {
        let dir = tempfile::tempdir().unwrap();
        let a = Store::open(dir.path()).unwrap();
        let b = Store::open(dir.path()).unwrap();
        assert!(a.claim("download:1", HOUR).unwrap());
        assert!(!b.claim("download:1", HOUR).unwrap(), "held");
        assert!(b.claim("download:2", HOUR).unwrap(), "other work is free");
        a.release("download:1").unwrap();
        assert!(b.claim("download:1", HOUR).unwrap());
        // A claim whose time ran out is free again.
        assert!(a.claim("download:3", Duration::ZERO).unwrap());
        assert!(b.claim("download:3", HOUR).unwrap());
    }

    #[test]
    fn the_claim_of_a_process_that_ended_is_taken_over_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut child = std::process::Command::new("sleep").arg("30").spawn().unwrap();
        let pid = child.id();
        assert!(store.claim_as("download:9", HOUR, pid).unwrap());
        assert!(!store.claim("download:9", HOUR).unwrap(), "its holder is alive");
        child.kill().unwrap();
        child.wait().unwrap();
        if lens_files::process_gone(pid).is_some() {
            assert!(store.claim("download:9", HOUR).unwrap(), "its holder was killed");
            assert!(!store.claim_as("download:9", HOUR, pid).unwrap(), "and it is ours now");
        }
    }
}
