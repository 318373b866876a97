//! Results the simulator computes once and pages through many times: the rows a filter selects
//! (in `orderby` order) and the groups of a `groupby`. Concurrent requests for the same key wait
//! for one computation instead of repeating it.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock};

use super::group::Groups;

const KEEP: usize = 24;

struct Bounded<V> {
    map: HashMap<String, Arc<OnceLock<Arc<V>>>>,
    order: VecDeque<String>,
}

impl<V> Default for Bounded<V> {
    fn default() -> Self {
        Bounded { map: HashMap::new(), order: VecDeque::new() }
    }
}

impl<V> Bounded<V> {
    fn slot(&mut self, key: &str) -> Arc<OnceLock<Arc<V>>> {
        if let Some(s) = self.map.get(key) {
            return s.clone();
        }
        if self.order.len() >= KEEP
            && let Some(old) = self.order.pop_front()
        {
            self.map.remove(&old);
        }
        let s = Arc::new(OnceLock::new());
        self.map.insert(key.to_string(), s.clone());
        self.order.push_back(key.to_string());
        s
    }
}

#[derive(Default)]
pub struct Caches {
    selections: Mutex<Bounded<Vec<u32>>>,
    groups: Mutex<Bounded<Groups>>,
}

impl Caches {
    /// Call from a blocking thread: may compute for seconds on a large world.
    pub fn selection(&self, key: &str, compute: impl FnOnce() -> Vec<u32>) -> Arc<Vec<u32>> {
        let slot = self.selections.lock().unwrap_or_else(|e| e.into_inner()).slot(key);
        slot.get_or_init(|| Arc::new(compute())).clone()
    }

    pub fn groups(&self, key: &str, compute: impl FnOnce() -> Groups) -> Arc<Groups> {
        let slot = self.groups.lock().unwrap_or_else(|e| e.into_inner()).slot(key);
        slot.get_or_init(|| Arc::new(compute())).clone()
    }
}
