//! Everything a running simulator holds, shared by its handlers.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{OnceLock, RwLock};

use crate::analytics::cache::Caches;
use crate::auth::store::TokenStore;
use crate::clock::SimClock;
use crate::config::SimConfig;
use crate::directory::Directory;
use crate::insights::store::InsightsStore;
use crate::record::Recorder;
use crate::world::World;

pub struct SimState {
    config: RwLock<SimConfig>,
    pub world: World,
    /// The organisations, people and roles (fixed for a run).
    pub directory: Directory,
    /// The Insights data sets served: Microsoft's documented ones and any the test added.
    pub catalogue: Vec<std::sync::Arc<crate::insights::DatasetDef>>,
    pub clock: SimClock,
    pub tokens: TokenStore,
    pub recorder: Recorder,
    pub caches: Caches,
    pub insights: InsightsStore,
    base_url: OnceLock<String>,
    requests: AtomicU64,
}

impl SimState {
    pub fn new(config: SimConfig) -> SimState {
        let today = config.today.unwrap_or_else(|| chrono::Utc::now().timestamp().div_euclid(86_400));
        let mut world = World::new(config.seed, config.subscriptions, today);
        if config.hostile_names {
            world.name_customers_hostile();
        }
        let clock = SimClock::new(config.clock_speed);
        SimState {
            directory: Directory::new(&config.credentials),
            catalogue: crate::insights::validate::catalogue(&config.extra_datasets),
            world,
            clock,
            config: RwLock::new(config),
            tokens: TokenStore::default(),
            recorder: Recorder::default(),
            caches: Caches::default(),
            insights: InsightsStore::default(),
            base_url: OnceLock::new(),
            requests: AtomicU64::new(0),
        }
    }

    /// A snapshot of the configuration (faults and MFA can change during a run).
    pub fn config(&self) -> SimConfig {
        self.config.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn update_config(&self, f: impl FnOnce(&mut SimConfig)) {
        f(&mut self.config.write().unwrap_or_else(|e| e.into_inner()));
    }

    pub fn set_base_url(&self, url: String) {
        let _ = self.base_url.set(url);
    }

    pub fn base_url(&self) -> &str {
        self.base_url.get().map(String::as_str).unwrap_or("http://127.0.0.1")
    }

    /// Numbers API requests for fault decisions.
    pub fn next_request(&self) -> u64 {
        self.requests.fetch_add(1, Ordering::Relaxed)
    }
}
