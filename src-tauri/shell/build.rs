fn main() {
    // tauri.conf.json sits beside the root Cargo.toml; capabilities live with the Rust code.
    let attrs = tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*");
    tauri_build::try_build(attrs).expect("tauri build script failed");
    // The command line is linked at a fixed address (issue 11, target 2). As a position-
    // independent executable the loader patched about 160,000 pointers (vtables, constant
    // tables; 3.9 MB of relocation entries over 2.6 MB of tables) at every start, reading
    // and copying those pages before main: `--version` peaked at 33 MiB. Linked at a fixed
    // address the pointers are final in the file, and it peaks at 12 MiB. The window keeps
    // the default (it loads WebKit's 160 libraries anyway).
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bin=partner-lens=-no-pie");
    }
}
