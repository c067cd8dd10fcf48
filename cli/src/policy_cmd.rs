//! `hedui policy show`: every parameter in force for a region and date, as a table.

use std::fmt::Write;

use hedui_core::policy::registry;
use hedui_core::policy::{Overrides, PolicySet};
use hedui_core::{Error, ErrorKind};
use jiff::civil::Date;

/// Renders the effective value of every registered parameter.
pub(crate) fn show(set: &PolicySet, code: &str, on: Date) -> Result<String, Error> {
    let chain = set.chain(code)?;
    if chain.is_empty() {
        return Err(Error::bare(
            ErrorKind::UnknownRegion,
            format!("no policy for `{code}`"),
        ));
    }
    let none = Overrides::default();
    let mut s = String::new();
    let names: Vec<String> = chain
        .iter()
        .map(|r| format!("{} {} ({})", r.code, r.name, r.name_en))
        .collect();
    let _ = writeln!(
        s,
        "地区 / region: {}   日期 / as of: {on}",
        names.join(" → ")
    );
    let _ = writeln!(
        s,
        "{:<44} {:<16} {:<8} {:<24} 依据 / citation",
        "参数 / parameter", "值 / value", "来源 / from", "期间 / period"
    );
    let mut set_count = 0;
    for spec in registry::all() {
        match PolicySet::resolve(&chain, &none, spec.key, on) {
            Some(r) => {
                set_count += 1;
                let e = r.entry;
                let period = format!(
                    "{}…{}",
                    e.from,
                    e.to.map_or(String::new(), |t| t.to_string())
                );
                let _ = writeln!(
                    s,
                    "{:<44} {:<16} {:<8} {:<24} {} [{}{}]",
                    spec.key,
                    e.value.to_string(),
                    e.region,
                    period,
                    e.citation.short(),
                    e.citation.evidence,
                    if e.citation.verified {
                        ", verified"
                    } else {
                        ", unverified"
                    },
                );
                let _ = writeln!(s, "    {} / {}", spec.zh, spec.en);
            }
            None => {
                let _ = writeln!(s, "{:<44} {:<16} {:<8}", spec.key, "未设定 / unset", "-");
                let _ = writeln!(s, "    {} / {}", spec.zh, spec.en);
            }
        }
    }
    let _ = writeln!(
        s,
        "\n{set_count} of {} parameters set; an unset parameter that a decision needs gives needs_review",
        registry::all().count()
    );
    Ok(s)
}
