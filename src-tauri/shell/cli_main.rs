//! `partner-lens`: the command line, linked without Tauri (lens-cli), so it starts in a few
//! milliseconds; with no command it hands over to `partner-lens-window`.

// The same allocator as the window: polars allocates and frees large buffers at a high rate.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_arena_eager_commit` (its place in `mi_option_e`, mimalloc.h v2; the
/// crate does not name it).
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Commit the allocator's arenas as they are used, not ahead: grouping a ten-million-row
/// Parquet file peaked at about 130 MiB instead of 160 MiB, in the same time (bench/compare.py).
/// mimalloc reserves its first arena on the first allocation, before `main` runs, so this is
/// set from the program's constructors, as `MIMALLOC_ARENA_EAGER_COMMIT=0` would be.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static ALLOCATOR_OPTIONS: extern "C" fn() = {
    extern "C" fn set() {
        unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) }
    }
    set
};

fn main() {
    std::process::exit(lens_cli::main_entry());
}
