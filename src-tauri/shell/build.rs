fn main() {
    // tauri.conf.json sits beside the root Cargo.toml; capabilities live with the Rust code.
    let attrs = tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*");
    tauri_build::try_build(attrs).expect("tauri build script failed");
}
