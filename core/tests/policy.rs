//! Policy loading: every problem reported at once, overlaps rejected, inheritance and dates.

use hedui_core::{ErrorKind, PolicySet};

const NATIONAL: &str = r#"
[region]
code = "000000"
name = "全国"
name_en = "National"
[sources.s]
title = "t"
evidence = "P"
"#;

fn set(files: &[(&str, &str)]) -> Result<PolicySet, hedui_core::Error> {
    PolicySet::from_sources(
        files
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned())),
    )
}

#[test]
fn reports_every_problem_at_once() {
    let bad = r#"
[region]
code = "360000"
name = "江西省"
name_en = "Jiangxi"
parent = "000000"
[sources.s]
title = "t"
evidence = "N"
[[param]]
key = "dibao.standard.suburban"
value = "1"
from = "2020-01-01"
source = "s"
verified = false
[[param]]
key = "dibao.standard.urban"
value = 850.5
from = "2020-01-01"
source = "s"
verified = false
[[param]]
key = "near_dibao.multiplier"
value = "1.5"
from = "2020-01-01"
source = "nowhere"
verified = false
[[param]]
key = "dibao.standard.rural"
value = "700.00"
from = "2020-01-01"
source = "s"
verified = true
"#;
    let e = set(&[("000000.toml", NATIONAL), ("360000.toml", bad)]).unwrap_err();
    let kinds: Vec<_> = e
        .problems()
        .iter()
        .map(|p| (p.kind, p.path.clone().unwrap()))
        .collect();
    assert!(
        kinds.contains(&(ErrorKind::PolicyInvalid, "360000.toml:param[0].key".into())),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(
            ErrorKind::PolicyInvalid,
            "360000.toml:param[1].value".into()
        )),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(
            ErrorKind::PolicyCitation,
            "360000.toml:param[2].source".into()
        )),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(
            ErrorKind::PolicyCitation,
            "360000.toml:param[3].verified".into()
        )),
        "{kinds:?}"
    );
}

#[test]
fn overlapping_periods_are_rejected_and_half_open_ones_chain() {
    let f = |to: &str| {
        format!(
            r#"{NATIONAL}
[[param]]
key = "dibao.standard.urban"
value = "800.00"
from = "2025-01-01"
to = "{to}"
source = "s"
verified = true
[[param]]
key = "dibao.standard.urban"
value = "850.00"
from = "2025-07-01"
source = "s"
verified = true
"#
        )
    };
    let ok = set(&[("000000.toml", &f("2025-07-01"))]).unwrap();
    let chain = ok.chain("000000").unwrap();
    let none = hedui_core::policy::Overrides::default();
    let v = |d: jiff::civil::Date| {
        PolicySet::resolve(&chain, &none, "dibao.standard.urban", d)
            .map(|r| r.entry.value.to_string())
    };
    assert_eq!(v(jiff::civil::date(2025, 6, 30)).as_deref(), Some("800.00"));
    assert_eq!(v(jiff::civil::date(2025, 7, 1)).as_deref(), Some("850.00"));
    assert_eq!(v(jiff::civil::date(2024, 12, 31)), None);
    let e = set(&[("000000.toml", &f("2025-07-02"))]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::PolicyOverlap);
}

#[test]
fn county_inherits_and_unknown_province_is_unknown() {
    let s = PolicySet::embedded().unwrap();
    let chain: Vec<_> = s
        .chain("360102")
        .unwrap()
        .iter()
        .map(|r| r.code.clone())
        .collect();
    assert_eq!(chain, ["360100", "360000", "000000"]);
    assert_eq!(
        s.chain("990000").unwrap_err().kind(),
        ErrorKind::UnknownRegion
    );
    assert_eq!(s.chain("abc").unwrap_err().kind(), ErrorKind::UnknownRegion);
}

#[test]
fn shipped_policies_cite_every_value() {
    let s = PolicySet::embedded().unwrap();
    for r in s.regions() {
        for e in r.params.values().flatten() {
            assert!(!e.citation.title.is_empty());
            if e.citation.verified {
                assert_eq!(e.citation.evidence, "P");
            }
        }
    }
}
