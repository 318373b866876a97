//! Faults on demand: throttling, server errors, connection resets, slow answers, tokens that
//! stop working, broken and empty pages. Set per run (`--faults`) or per test (`PUT /_sim/faults`).
//! Decisions come from a counter-based generator, so a run with a seed fails the same way twice
//! (up to the order in which parallel requests arrive).

use serde::{Deserialize, Serialize};

use crate::rng::{Rng, stream};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct FaultSpec {
    /// Share of API responses that are 429 with `Retry-After`.
    pub throttle: f64,
    /// Seconds given in `Retry-After`.
    pub retry_after: u32,
    /// Share of API responses that are 500 or 503 (503 with `Retry-After`).
    pub server_error: f64,
    /// Share of API responses whose connection is cut in the middle of the body.
    pub reset: f64,
    /// Share of API responses delayed by `slow_ms`.
    pub slow: f64,
    pub slow_ms: u64,
    /// Each access token stops working after this many API calls (as if it expired).
    pub expire_token_after: Option<u32>,
    /// This page (1-based, by `skip / top`) comes back as broken JSON, every time.
    pub malformed_page: Option<usize>,
    /// This page comes back with no rows although more are due.
    pub empty_page: Option<usize>,
    /// Report files are sent half, then the rest after this many milliseconds (a download
    /// caught in the middle).
    #[serde(default)]
    pub slow_files_ms: u64,
    /// Lies a server may tell (each a test that the client trusts nothing): this page holds
    /// half the rows it should.
    pub short_page: Option<usize>,
    /// Every page says the answer holds this many rows.
    pub claimed_total: Option<u64>,
    /// No `TotalCount`, and every `@nextLink` points at the second page again.
    pub repeat_link: bool,
    /// Answers trickle: one byte every this many milliseconds.
    pub drip_ms: u64,
    /// The sign-in address answers 307 to this address (another host).
    pub sign_in_redirect: Option<String>,
    pub seed: u64,
}

impl Default for FaultSpec {
    fn default() -> Self {
        FaultSpec {
            throttle: 0.0,
            retry_after: 1,
            server_error: 0.0,
            reset: 0.0,
            slow: 0.0,
            slow_ms: 1500,
            expire_token_after: None,
            malformed_page: None,
            empty_page: None,
            slow_files_ms: 0,
            short_page: None,
            claimed_total: None,
            repeat_link: false,
            drip_ms: 0,
            sign_in_redirect: None,
            seed: 0,
        }
    }
}

/// What to do to one response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    Throttle,
    ServerError(u16),
    Reset,
}

impl FaultSpec {
    pub fn is_off(&self) -> bool {
        *self
            == FaultSpec {
                seed: self.seed,
                retry_after: self.retry_after,
                slow_ms: self.slow_ms,
                ..FaultSpec::default()
            }
    }

    /// Parses `429=0.3,5xx=0.1,reset=0.05,slow=0.1,slow-ms=2000,retry-after=1,expire-after=5,
    /// malformed=3,empty=2,seed=7`, and the lies `short=1,total=1000000000000000,repeat-link=1,
    /// drip-ms=1000,signin-redirect=http://127.0.0.2:9/`.
    pub fn parse(text: &str) -> Result<FaultSpec, String> {
        let mut f = FaultSpec::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').ok_or_else(|| format!("\"{part}\" should look like name=value"))?;
            let share = || -> Result<f64, String> {
                v.parse::<f64>()
                    .ok()
                    .filter(|x| (0.0..=1.0).contains(x))
                    .ok_or_else(|| format!("{k} takes a share between 0 and 1, not \"{v}\""))
            };
            let count = || -> Result<u64, String> {
                v.parse::<u64>().map_err(|_| format!("{k} takes a whole number, not \"{v}\""))
            };
            match k.trim() {
                "429" | "throttle" => f.throttle = share()?,
                "5xx" | "500" | "503" | "server-error" => f.server_error = share()?,
                "reset" => f.reset = share()?,
                "slow" => f.slow = share()?,
                "slow-ms" => f.slow_ms = count()?,
                "retry-after" => f.retry_after = count()? as u32,
                "expire-after" => f.expire_token_after = Some(count()? as u32),
                "malformed" => f.malformed_page = Some(count()?.max(1) as usize),
                "empty" => f.empty_page = Some(count()?.max(1) as usize),
                "seed" => f.seed = count()?,
                "slow-files-ms" => f.slow_files_ms = count()?,
                "short" => f.short_page = Some(count()?.max(1) as usize),
                "total" => f.claimed_total = Some(count()?),
                "repeat-link" => f.repeat_link = count()? != 0,
                "drip-ms" => f.drip_ms = count()?,
                "signin-redirect" => f.sign_in_redirect = Some(v.to_string()),
                other => {
                    return Err(format!(
                        "unknown fault \"{other}\"; known: 429, 5xx, reset, slow, slow-ms, retry-after, expire-after, malformed, empty, slow-files-ms, short, total, repeat-link, drip-ms, signin-redirect, seed"
                    ));
                }
            }
        }
        if f.throttle + f.server_error + f.reset > 1.0 {
            return Err("429, 5xx and reset together cannot exceed 1".into());
        }
        Ok(f)
    }

    /// The fault for the `n`-th API request.
    pub fn decide(&self, n: u64) -> (Fault, bool) {
        let mut r = Rng::new(self.seed, stream("fault"), n);
        let x = r.unit();
        let fault = if x < self.throttle {
            Fault::Throttle
        } else if x < self.throttle + self.server_error {
            Fault::ServerError(if r.chance(0.5) { 500 } else { 503 })
        } else if x < self.throttle + self.server_error + self.reset {
            Fault::Reset
        } else {
            Fault::None
        };
        (fault, r.chance(self.slow))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_spec_and_refuses_nonsense() {
        let f = FaultSpec::parse(
            "429=0.2,5xx=0.1,reset=0.05,slow=0.1,slow-ms=200,retry-after=2,expire-after=5,malformed=3,empty=4",
        )
        .unwrap();
        assert_eq!(f.throttle, 0.2);
        assert_eq!(f.server_error, 0.1);
        assert_eq!(f.expire_token_after, Some(5));
        assert_eq!(f.malformed_page, Some(3));
        assert!(FaultSpec::parse("429=2").unwrap_err().contains("between 0 and 1"));
        assert!(FaultSpec::parse("gremlins=1").unwrap_err().contains("unknown fault"));
        assert!(FaultSpec::parse("429=0.6,5xx=0.6").is_err());
        assert!(FaultSpec::parse("").unwrap().is_off());
    }

    #[test]
    fn shares_are_respected() {
        let f = FaultSpec { throttle: 0.3, server_error: 0.1, ..FaultSpec::default() };
        let n = 20_000;
        let throttled = (0..n).filter(|&i| f.decide(i).0 == Fault::Throttle).count() as f64 / n as f64;
        let errors = (0..n).filter(|&i| matches!(f.decide(i).0, Fault::ServerError(_))).count() as f64 / n as f64;
        assert!((throttled - 0.3).abs() < 0.02, "{throttled}");
        assert!((errors - 0.1).abs() < 0.02, "{errors}");
    }
}
