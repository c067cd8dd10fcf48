//! The shipped policy directory, read from disk as `hedui policy check policies` reads it:
//! it loads without a problem, every region file sits where its code says and has a loaded
//! parent, every value is cited with an evidence tag, and only primary-text values are
//! verified. The adequacy findings are advisory and never fail.

use std::path::{Path, PathBuf};

use hedui_core::PolicySet;
use hedui_core::policy::adequacy;
use hedui_core::policy::load::parent_code;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies")
}

#[expect(
    clippy::panic,
    reason = "test helper: a policy problem must fail the test with every problem listed"
)]
fn load() -> PolicySet {
    match PolicySet::from_dir(root()) {
        Ok(s) => s,
        Err(e) => {
            let list: Vec<String> = e
                .problems()
                .iter()
                .map(|p| format!("[{}] {p}", p.code()))
                .collect();
            panic!(
                "policies/ does not pass `policy check`:\n{}",
                list.join("\n")
            );
        }
    }
}

#[test]
fn policy_check_passes() {
    let set = load();
    assert!(set.region("000000").is_some(), "no national layer");
    assert!(set.regions().count() >= 11);
}

#[test]
fn every_region_file_has_a_parent_and_the_right_place() {
    let set = load();
    for r in set.regions() {
        let expected_file = if r.code == "000000" {
            "000000.toml".to_owned()
        } else {
            format!("{}/{}.toml", &r.code[..2], r.code)
        };
        assert_eq!(
            r.file.replace('\\', "/"),
            expected_file,
            "region {} is in {}",
            r.code,
            r.file
        );
        assert!(!r.name.trim().is_empty(), "{} has no name", r.code);
        assert!(
            !r.name_en.trim().is_empty(),
            "{} has no English name",
            r.code
        );
        if r.code == "000000" {
            assert_eq!(parent_code(&r.code), None);
            continue;
        }
        let parent = parent_code(&r.code).unwrap_or_else(|| panic!("{} has no parent", r.code));
        assert!(
            set.region(&parent).is_some(),
            "{}: parent {parent} has no file",
            r.code
        );
        let chain = set.chain(&r.code).unwrap();
        assert_eq!(
            chain.first().map(|c| c.code.as_str()),
            Some(r.code.as_str())
        );
        assert_eq!(chain.last().map(|c| c.code.as_str()), Some("000000"));
    }
}

#[test]
fn every_value_is_cited_and_only_primary_values_are_verified() {
    let set = load();
    for r in set.regions() {
        for (key, entries) in &r.params {
            for e in entries {
                let c = &e.citation;
                let at = format!("{} {key} from {}", r.file, e.from);
                assert!(!c.title.trim().is_empty(), "{at}: citation without a title");
                assert!(
                    ["P", "O", "N", "R", "default"].contains(&c.evidence.as_str()),
                    "{at}: evidence `{}`",
                    c.evidence
                );
                if c.verified {
                    assert_eq!(c.evidence, "P", "{at}: verified without a primary text");
                }
                if c.evidence == "default" {
                    assert_eq!(
                        r.code, "000000",
                        "{at}: engine defaults belong to the national layer"
                    );
                }
                assert_eq!(&*e.region, r.code.as_str(), "{at}");
                if let Some(to) = e.to {
                    assert!(to > e.from, "{at}: empty period");
                }
            }
        }
    }
}

#[test]
fn adequacy_findings_are_advisory() {
    let set = load();
    let findings = adequacy::check(&set);
    assert!(!findings.is_empty());
    for f in &findings {
        assert!(set.region(&f.region).is_some());
        assert!(!f.en.is_empty() && !f.zh.is_empty());
        assert!(f.to.is_none_or(|t| t > f.from));
    }
}
