// No console window behind the app on Windows release builds.
#![cfg_attr(all(not(debug_assertions), target_os = "windows"), windows_subsystem = "windows")]

// polars allocates and frees large buffers at a high rate; mimalloc keeps freed pages for reuse
// where glibc's malloc hands them back to the kernel and faults them in again.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(partner_lens::main_entry());
}
