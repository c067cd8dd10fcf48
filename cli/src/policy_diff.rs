//! `hedui policy diff CODE --from DATE --to DATE`: every parameter whose effective value for
//! the region chain differs between two dates, old → new, each side with its citation.

use std::fmt::Write;

use hedui_core::Error;
use hedui_core::policy::value::Entry;
use hedui_core::policy::{Overrides, PolicySet, registry};
use jiff::civil::Date;

use crate::policy_cmd::{chain_header, cite, period};

fn side(s: &mut String, sign: char, on: Date, e: Option<&Entry>) {
    match e {
        Some(e) => {
            let _ = writeln!(
                s,
                "  {sign} {on}  {:<12} {:<8} {:<24} {}",
                e.value.to_string(),
                e.region,
                period(e),
                cite(e)
            );
        }
        None => {
            let _ = writeln!(s, "  {sign} {on}  未设定 / unset");
        }
    }
}

/// Renders the differences between the values in force on `from` and on `to`.
pub(crate) fn diff(set: &PolicySet, code: &str, from: Date, to: Date) -> Result<String, Error> {
    let (chain, mut s) = chain_header(set, code)?;
    let none = Overrides::default();
    let _ = writeln!(s, "比较 / compare: {from} → {to}\n");
    let mut changed = 0usize;
    let mut recited = Vec::new();
    for spec in registry::all() {
        let old = PolicySet::resolve(&chain, &none, spec.key, from).map(|r| r.entry);
        let new = PolicySet::resolve(&chain, &none, spec.key, to).map(|r| r.entry);
        let same_value = match (old, new) {
            (None, None) => continue,
            (Some(a), Some(b)) => {
                if std::ptr::eq(a, b) {
                    continue;
                }
                a.value == b.value
            }
            _ => false,
        };
        if same_value {
            recited.push((spec, old, new));
            continue;
        }
        changed += 1;
        let _ = writeln!(s, "{}  {} / {}", spec.key, spec.zh, spec.en);
        side(&mut s, '-', from, old);
        side(&mut s, '+', to, new);
    }
    if !recited.is_empty() {
        let _ = writeln!(
            s,
            "\n同值但依据或期间不同 / same value, different entry (source or period):"
        );
        for (spec, old, new) in &recited {
            let _ = writeln!(s, "{}  {} / {}", spec.key, spec.zh, spec.en);
            side(&mut s, '-', from, *old);
            side(&mut s, '+', to, *new);
        }
    }
    let _ = writeln!(
        s,
        "\n{changed} 项取值不同 / parameter(s) differ; {} 项同值不同依据 / same value, different entry",
        recited.len()
    );
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy_cmd::show;

    fn set() -> PolicySet {
        PolicySet::embedded().unwrap()
    }

    #[test]
    fn wuhan_standard_appears_on_2020_04_01_with_both_sides_cited() {
        let s = diff(
            &set(),
            "420100",
            jiff::civil::date(2020, 3, 31),
            jiff::civil::date(2020, 4, 1),
        )
        .unwrap();
        assert!(s.contains("dibao.standard.urban"), "{s}");
        assert!(s.contains("- 2020-03-31  未设定 / unset"), "{s}");
        assert!(s.contains("+ 2020-04-01  830.00"), "{s}");
        assert!(s.contains("[N, unverified]"), "{s}");
        assert!(!s.contains("near_dibao.multiplier"), "{s}");
    }

    #[test]
    fn nanchang_mid_year_step_and_a_same_value_change_of_source() {
        let s = diff(
            &set(),
            "360103",
            jiff::civil::date(2021, 3, 21),
            jiff::civil::date(2021, 3, 22),
        )
        .unwrap();
        assert!(s.contains("- 2021-03-21  610.00"), "{s}");
        assert!(s.contains("+ 2021-03-22  795.00"), "{s}");
        let h = diff(
            &set(),
            "420100",
            jiff::civil::date(2024, 8, 18),
            jiff::civil::date(2024, 8, 19),
        )
        .unwrap();
        assert!(h.contains("same value, different entry"), "{h}");
        assert!(h.contains("0 项取值不同"), "{h}");
    }

    #[test]
    fn show_says_when_a_code_inherits() {
        let on = jiff::civil::date(2026, 11, 1);
        let county = show(&set(), "360121", on).unwrap();
        assert!(
            county.contains("360121 has no policy file of its own"),
            "{county}"
        );
        assert!(county.contains("resolves through 360100"), "{county}");
        let own = show(&set(), "360103", on).unwrap();
        assert!(!own.contains("has no policy file"), "{own}");
        for line in own.lines().filter(|l| l.starts_with("dibao.standard")) {
            assert!(line.contains("[N, unverified]"), "{line}");
        }
    }
}
