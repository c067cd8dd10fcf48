//! Any text as a regional policy file beside the shipped national one: loading either fails
//! with policy problems (codes 1xx/2xx) or yields a set that resolves every key.
#![no_main]

use hedui_core::PolicySet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let national = hedui_core::policy::embedded_files()
        .iter()
        .find(|(n, _)| *n == "000000.toml")
        .map(|(_, t)| (*t).to_owned())
        .unwrap_or_default();
    let files = vec![("000000.toml".to_owned(), national), ("fuzz.toml".to_owned(), text.to_owned())];
    match PolicySet::from_sources(files) {
        Ok(set) => {
            for r in set.regions() {
                let chain = set.chain(&r.code).unwrap();
                assert!(!chain.is_empty());
            }
        }
        Err(e) => {
            for p in e.problems() {
                assert!((100..300).contains(&p.code()), "non-policy code {} from the loader", p.code());
            }
        }
    }
});
