//! How WebKitGTK paints the window on Linux. By default it composites the page in layers, and
//! where no GPU does that work (virtual machines, remote desktops) the layers are painted and
//! kept in memory by the processor. Measured with `./dev bench window` under Xvfb: the web
//! process held 245 MiB of its own memory with the sample open and 391 MiB with a million rows;
//! painting directly it holds 106 and 151 MiB, and scrolling the rows table takes 16 ms a frame
//! instead of 74. The app draws no 3D or WebGL (charts are 2D canvas), so nothing it shows needs
//! the layers.

/// WebKit's switch for it. Someone who wants the layers back sets it to 0 before starting.
const SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Asks WebKit to paint directly unless the person has set the switch themselves. Must run
/// before any thread starts: the environment is read by WebKit's web process when it starts.
pub fn prefer_direct_painting() {
    if cfg!(target_os = "linux") && std::env::var_os(SWITCH).is_none() {
        // SAFETY: called first thing in the window's main, before the runtime, the logger or
        // any other thread exists, so nothing reads the environment while it changes.
        unsafe { std::env::set_var(SWITCH, "1") };
    }
}
