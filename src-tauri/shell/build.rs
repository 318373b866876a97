fn main() {
    // tauri.conf.json sits beside the root Cargo.toml; capabilities live with the Rust code.
    let attrs = tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*");
    tauri_build::try_build(attrs).expect("tauri build script failed");
    // The command line is linked at a fixed address (issue 11, target 2). As a position-
    // independent executable, the loader had to patch every pointer in its tables (vtables,
    // string tables: about 20 MB of its 87) at each start, so every command paid for reading
    // and copying those pages before main. Linked at a fixed address, they are final in the
    // file and only the pages a command touches are read. The window keeps the default.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bin=partner-lens=-no-pie");
    }
}
