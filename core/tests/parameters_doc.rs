//! `docs/parameters.md` lists exactly the parameters the registry declares.

use std::path::Path;

#[test]
fn parameters_doc_matches_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/parameters.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == hedui_core::policy::registry::markdown(),
        "docs/parameters.md is stale: run `cargo run -p hedui-cli -- policy params > docs/parameters.md`"
    );
    // Every registered key appears, so the check above cannot pass on an empty table.
    for p in hedui_core::policy::registry::all() {
        assert!(
            committed.contains(&format!("| `{}` |", p.key)),
            "{} missing",
            p.key
        );
    }
}
