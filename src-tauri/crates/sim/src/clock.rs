//! The simulator's clock. Token expiry and report executions follow it; tests move it forward
//! instead of sleeping, and demo mode runs it fast so scheduled reports complete in seconds.

use std::sync::Mutex;
use std::time::Instant;

use lens_model::dates::Micros;

pub struct SimClock {
    started: Instant,
    /// Wall time at start, in micros since the epoch.
    base: Micros,
    speed: f64,
    offset: Mutex<Micros>,
}

impl SimClock {
    pub fn new(speed: f64) -> SimClock {
        let base = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_micros() as i64)
            .unwrap_or(0);
        SimClock { started: Instant::now(), base, speed: speed.max(0.0), offset: Mutex::new(0) }
    }

    /// Simulated now, in micros since the epoch.
    pub fn now(&self) -> Micros {
        let real = self.started.elapsed().as_micros() as f64;
        let offset = *self.offset.lock().unwrap_or_else(|e| e.into_inner());
        self.base + (real * self.speed) as Micros + offset
    }

    pub fn now_secs(&self) -> i64 {
        self.now() / 1_000_000
    }

    pub fn advance(&self, secs: i64) {
        *self.offset.lock().unwrap_or_else(|e| e.into_inner()) += secs * 1_000_000;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_moves_time_forward_without_sleeping() {
        let c = SimClock::new(0.0);
        let t0 = c.now();
        c.advance(3600);
        assert_eq!(c.now() - t0, 3_600_000_000);
    }
}
