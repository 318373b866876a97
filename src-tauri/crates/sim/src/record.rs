//! What the simulator was asked, for tests to check that the client honours `Retry-After` and
//! keeps its `MS-RequestId` across retries.

use std::sync::Mutex;

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recorded {
    pub seq: u64,
    /// Wall-clock milliseconds since the epoch when the request arrived.
    pub at_ms: u64,
    pub method: String,
    pub path: String,
    pub query: String,
    pub request_id: Option<String>,
    pub correlation_id: Option<String>,
    pub status: u16,
    /// For a 429 or 503: the wall-clock millisecond before which the client must not retry.
    pub not_before_ms: Option<u64>,
    /// The fault injected, if any.
    pub fault: Option<String>,
}

#[derive(Default)]
pub struct Recorder {
    entries: Mutex<Vec<Recorded>>,
}

impl Recorder {
    pub fn push(&self, r: Recorded) {
        self.lock().push(r);
    }

    pub fn all(&self) -> Vec<Recorded> {
        self.lock().clone()
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Recorded>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub fn wall_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}
