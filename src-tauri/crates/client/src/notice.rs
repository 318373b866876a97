//! What a person waiting should hear while the app keeps trying: a slow or failing service, said
//! in words ("Partner Center has not answered for 30 s; still trying (attempt 2 of 10 …)").
//! Each program decides where it goes: the command line prints it on stderr; without a listener
//! it is only logged. One listener per process, set once at start.

use std::sync::OnceLock;

type Listener = Box<dyn Fn(&str) + Send + Sync>;

static LISTENER: OnceLock<Listener> = OnceLock::new();

/// Sets where notices go, for the life of the process (a second call is ignored).
pub fn listen(f: impl Fn(&str) + Send + Sync + 'static) {
    let _ = LISTENER.set(Box::new(f));
}

/// Says `text` to whoever listens, and to the log.
pub fn tell(text: &str) {
    tracing::info!("{text}");
    if let Some(f) = LISTENER.get() {
        f(text);
    }
}
