//! `lens-bench`: figures for the simulator, the client and the engine, printed. A developer's
//! tool, kept out of the app's commands; run it from a release build (`./dev bench`).

mod bench;
mod idle_memory;
mod startup;
mod window;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

#[derive(Parser, Debug)]
#[command(name = "lens-bench", about = "Partner Lens benchmarks (use a release build: ./dev bench)")]
struct Cli {
    #[command(flatten)]
    args: bench::BenchArgs,
}

fn main() {
    let cli = Cli::parse();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    if let Err(e) = rt.block_on(bench::run(cli.args)) {
        eprintln!("Error: {}", e.message);
        std::process::exit(1);
    }
}
