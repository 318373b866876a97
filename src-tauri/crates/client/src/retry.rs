//! When to try again and how long to wait: exponential backoff with jitter, never sooner than
//! the service's `Retry-After`, within a total time budget.

use std::time::{Duration, SystemTime};

use rand::Rng;

#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts for one request, the first included.
    pub max_attempts: u32,
    /// Attempts when the server cannot even be reached (a person should not wait minutes to
    /// learn that their network is down).
    pub max_connect_attempts: u32,
    pub base: Duration,
    pub max_backoff: Duration,
    /// No retry starts after this much time has passed since the first attempt.
    pub max_total: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 10,
            max_connect_attempts: 3,
            base: Duration::from_millis(400),
            max_backoff: Duration::from_secs(30),
            max_total: Duration::from_secs(15 * 60),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `attempt` (1 = first retry): half fixed, half random, so
    /// that parallel requests that failed together do not come back together.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exp = self.base.saturating_mul(1u32 << attempt.min(16)).min(self.max_backoff);
        let half = exp / 2;
        half + Duration::from_secs_f64(rand::thread_rng().gen_range(0.0..=half.as_secs_f64().max(0.0)))
    }

    /// The wait before the next attempt, honouring `Retry-After` when the service gave one.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let b = self.backoff(attempt);
        match retry_after {
            // At least what the service asked, plus a little jitter on top.
            Some(ra) => ra + Duration::from_millis(rand::thread_rng().gen_range(20..250)),
            None => b,
        }
    }
}

/// Statuses worth retrying.
pub fn retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

/// `Retry-After` as seconds (`"57"`) or an HTTP date (`"Wed, 21 Oct 2015 07:28:00 GMT"`).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(3600.0)));
    }
    let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let when = SystemTime::UNIX_EPOCH + Duration::from_millis(when.timestamp_millis().max(0) as u64);
    Some(when.duration_since(now).unwrap_or(Duration::ZERO).min(Duration::from_secs(3600)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_both_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_470);
        assert_eq!(parse_retry_after("57", now), Some(Duration::from_secs(57)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now), Some(Duration::from_secs(10)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }

    #[test]
    fn delays_grow_stay_capped_and_respect_retry_after() {
        let p = RetryPolicy::default();
        for attempt in 1..20 {
            let d = p.backoff(attempt);
            assert!(d <= p.max_backoff, "{attempt}: {d:?}");
            assert!(d >= p.base.saturating_mul(1 << attempt.min(16)).min(p.max_backoff) / 2);
        }
        let d = p.delay(1, Some(Duration::from_secs(5)));
        assert!(d >= Duration::from_secs(5) && d < Duration::from_secs(6));
    }
}
