//! Generates `include/hedui.h` with cbindgen into `OUT_DIR`; `HEDUI_WRITE_HEADER=1` also
//! writes the committed copy. A test fails when the two differ.
#![expect(
    clippy::disallowed_methods,
    reason = "build scripts read the environment Cargo sets"
)]

use std::env;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap_or_default());
    let major = env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_default();
    let minor = env::var("CARGO_PKG_VERSION_MINOR").unwrap_or_default();
    let patch = env::var("CARGO_PKG_VERSION_PATCH").unwrap_or_default();
    let version = env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let Ok(mut config) = cbindgen::Config::from_file(dir.join("cbindgen.toml")) else {
        println!("cargo:warning=cannot read cbindgen.toml");
        return;
    };
    config.after_includes = Some(format!(
        r#"
#if defined(_WIN32)
#  if defined(HEDUI_BUILD)
#    define HEDUI_API __declspec(dllexport)
#  else
#    define HEDUI_API __declspec(dllimport)
#  endif
#else
#  define HEDUI_API __attribute__((visibility("default")))
#endif

/** Library version, from Cargo. */
#define HEDUI_VERSION "{version}"
#define HEDUI_VERSION_MAJOR {major}
#define HEDUI_VERSION_MINOR {minor}
#define HEDUI_VERSION_PATCH {patch}
#define HEDUI_VERSION_NUMBER ({major} * 10000 + {minor} * 100 + {patch})
"#
    ));
    match cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .generate()
    {
        Ok(b) => {
            b.write_to_file(out.join("hedui.h"));
            if env::var("HEDUI_WRITE_HEADER").is_ok_and(|v| v == "1") {
                b.write_to_file(dir.join("include/hedui.h"));
            }
        }
        Err(e) => println!("cargo:warning=cbindgen failed: {e}"),
    }
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-env-changed=HEDUI_WRITE_HEADER");
}
