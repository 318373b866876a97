//! How many requests run at once. Starts at the configured maximum, halves after a 429 (at most
//! once every two seconds, so one burst of 429s is one signal), and climbs back by one after a
//! run of successes: additive increase, multiplicative decrease.

use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

pub struct Limiter {
    sem: Arc<Semaphore>,
    max: usize,
    state: Mutex<State>,
}

struct State {
    limit: usize,
    successes: usize,
    last_cut: Option<Instant>,
}

impl Limiter {
    pub fn new(max: usize) -> Limiter {
        let max = max.max(1);
        Limiter {
            sem: Arc::new(Semaphore::new(max)),
            max,
            state: Mutex::new(State { limit: max, successes: 0, last_cut: None }),
        }
    }

    pub async fn acquire(&self) -> OwnedSemaphorePermit {
        // The semaphore is never closed, so acquiring cannot fail.
        self.sem.clone().acquire_owned().await.expect("limiter semaphore is never closed")
    }

    pub fn limit(&self) -> usize {
        self.lock().limit
    }

    pub fn on_throttled(&self) {
        let mut s = self.lock();
        if s.limit <= 1 || s.last_cut.is_some_and(|t| t.elapsed() < Duration::from_secs(2)) {
            return;
        }
        let new = s.limit / 2;
        let remove = (s.limit - new) as u32;
        s.limit = new;
        s.successes = 0;
        s.last_cut = Some(Instant::now());
        // Take the permits out of circulation as requests in flight give them back.
        let sem = self.sem.clone();
        tokio::spawn(async move {
            if let Ok(p) = sem.acquire_many_owned(remove).await {
                p.forget();
            }
        });
    }

    pub fn on_success(&self) {
        let mut s = self.lock();
        s.successes += 1;
        if s.limit < self.max && s.successes >= s.limit * 4 {
            s.limit += 1;
            s.successes = 0;
            self.sem.add_permits(1);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn halves_on_throttle_and_recovers() {
        let l = Limiter::new(8);
        l.on_throttled();
        l.on_throttled(); // within two seconds: ignored
        assert_eq!(l.limit(), 4);
        tokio::task::yield_now().await;
        for _ in 0..16 {
            l.on_success();
        }
        assert_eq!(l.limit(), 5);
        // Only five may be held at once now.
        let mut held = Vec::new();
        for _ in 0..5 {
            held.push(l.acquire().await);
        }
        let sixth = tokio::time::timeout(Duration::from_millis(50), l.acquire()).await;
        assert!(sixth.is_err());
    }
}
