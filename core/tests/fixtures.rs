//! Runs every fixture case under `fixtures/cases/` as its own named test.
#![expect(
    clippy::expect_used,
    reason = "test harness setup: a failure here must stop the run"
)]

use std::path::Path;

use hedui_core::Engine;
use hedui_core::fixture::{self, LoadedFixture};
use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases");
    let engine = Engine::embedded().expect("embedded policies load");
    let loaded = fixture::load_dir(&root).expect("fixtures/cases is readable");
    assert!(
        loaded.len() >= 60,
        "expected at least 60 fixture cases, found {}",
        loaded.len()
    );
    let trials = loaded
        .into_iter()
        .map(|LoadedFixture { path, case }| {
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .with_extension("")
                .display()
                .to_string();
            let engine = engine.clone();
            Trial::test(name, move || match case {
                Err(e) => Err(Failed::from(e)),
                Ok(fx) => fixture::run(&engine, &fx).map_err(Failed::from),
            })
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
