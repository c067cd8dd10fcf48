//! The document registry of the rule catalogue and the one in `docs/law/README.md` agree:
//! every document a rule cites is described there, under the same short code.

use std::path::Path;

use hedui_core::rules::catalog;

#[test]
fn every_cited_document_is_in_the_law_readme() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/law/README.md");
    let readme = std::fs::read_to_string(path).unwrap_or_default();
    assert!(!catalog::docs::ALL.is_empty());
    for d in catalog::docs::ALL {
        assert!(
            readme.contains(&format!("| **{}** |", d.code)),
            "document {} is not described in docs/law/README.md §2",
            d.code
        );
    }
    for r in catalog::ALL {
        for s in r.sources {
            assert!(
                catalog::docs::ALL.iter().any(|d| d.code == s.document),
                "{} cites unregistered {}",
                r.id,
                s.document
            );
        }
    }
}
