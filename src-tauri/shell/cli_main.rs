//! `partner-lens`: the command line, linked without Tauri (lens-cli), so it starts in a few
//! milliseconds; with no command it hands over to `partner-lens-window`.

// The same allocator as the window: polars allocates and frees large buffers at a high rate.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(lens_cli::main_entry());
}
