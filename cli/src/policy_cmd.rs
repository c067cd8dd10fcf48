//! `hedui policy show` (every parameter in force for a region and date, as a table) and the
//! adequacy part of `hedui policy check`.

use std::fmt::Write;

use hedui_core::policy::adequacy::{self, Severity};
use hedui_core::policy::value::Entry;
use hedui_core::policy::{Overrides, PolicySet};
use hedui_core::policy::{Region, registry};
use hedui_core::{Error, ErrorKind};
use jiff::civil::Date;

/// The region chain of `code`, most specific first, with a note when `code` has no file of
/// its own and inherits.
pub(crate) fn chain_header<'a>(
    set: &'a PolicySet,
    code: &str,
) -> Result<(Vec<&'a Region>, String), Error> {
    let chain = set.chain(code)?;
    let Some(first) = chain.first() else {
        return Err(Error::bare(
            ErrorKind::UnknownRegion,
            format!("no policy for `{code}`"),
        ));
    };
    let mut names: Vec<String> = chain
        .iter()
        .map(|r| format!("{} {} ({})", r.code, r.name, r.name_en))
        .collect();
    if first.code != code {
        names.insert(0, format!("{code} (无文件 / no file)"));
    }
    let mut s = format!("地区 / region: {}\n", names.join(" → "));
    if first.code != code {
        let _ = writeln!(
            s,
            "注意 / note: {code} 没有自己的政策文件,沿用 {} {} 的规定 / {code} has no policy file \
             of its own and resolves through {} ({})",
            first.code, first.name, first.code, first.name_en
        );
    }
    Ok((chain, s))
}

/// The citation of one value: document, article, evidence tag and whether it was verified.
pub(crate) fn cite(e: &Entry) -> String {
    format!(
        "{} [{}, {}]",
        e.citation.short(),
        e.citation.evidence,
        if e.citation.verified {
            "verified"
        } else {
            "unverified"
        }
    )
}

/// The period of an entry, half-open: `from…to` (empty `to` = open).
pub(crate) fn period(e: &Entry) -> String {
    format!(
        "{}…{}",
        e.from,
        e.to.map_or(String::new(), |t| t.to_string())
    )
}

/// Renders the effective value of every registered parameter.
pub(crate) fn show(set: &PolicySet, code: &str, on: Date) -> Result<String, Error> {
    let (chain, mut s) = chain_header(set, code)?;
    let none = Overrides::default();
    let _ = writeln!(s, "日期 / as of: {on}");
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
                let _ = writeln!(
                    s,
                    "{:<44} {:<16} {:<8} {:<24} {}",
                    spec.key,
                    e.value.to_string(),
                    e.region,
                    period(e),
                    cite(e),
                );
                let _ = writeln!(s, "    {} / {}", spec.zh, spec.en);
                if let Some(n) = &e.citation.note {
                    let _ = writeln!(s, "    note: {n}");
                }
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

/// The adequacy findings for a loaded set, for `policy check` (advisory; never a failure).
pub(crate) fn adequacy(set: &PolicySet) -> String {
    let findings = adequacy::check(set);
    let warnings = findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let mut s = format!(
        "adequacy (advisory, never a failure): {warnings} warning(s), {} note(s)\n",
        findings.len() - warnings
    );
    for f in &findings {
        let to = f.to.map_or(String::new(), |t| t.to_string());
        let _ = writeln!(
            s,
            "{:<7} {} {}…{} {}: {}",
            f.severity.as_str(),
            f.region,
            f.from,
            to,
            f.key,
            f.en
        );
        let _ = writeln!(s, "        {}", f.zh);
    }
    s
}

/// The adequacy ratios of one region on one date, each with its inputs and their citations,
/// or the parameters it is missing.
pub(crate) fn ratios(engine: &hedui_core::Engine, code: &str, on: Date) -> Result<String, Error> {
    let (_, mut s) = chain_header(engine.policies(), code)?;
    let _ = writeln!(s, "日期 / as of: {on}");
    let _ = writeln!(
        s,
        "比例为精确值;百分比按四舍五入保留两位小数,仅供显示 / ratios are exact; percentages are rounded half up to 0.01 for display"
    );
    for r in engine.adequacy(code, on)? {
        let tier = r.tier.map_or(String::new(), |t| format!(" (tier {t})"));
        let _ = write!(s, "\n{} {}{tier}: ", r.kind.as_str(), r.residence);
        match (r.ratio, &r.numerator, &r.denominator) {
            (Some(ratio), Some(n), Some(d)) => {
                let months = if r.months == 1 {
                    String::new()
                } else {
                    format!(" × {}", r.months)
                };
                let pct = r.percent().map_or(String::new(), |p| format!("{p}%"));
                let _ = writeln!(s, "{pct}  = {}{months} ÷ {} = {ratio}", n.value, d.value);
                if let Some(t) = r.target {
                    let verdict = if ratio < t { "below" } else { "not below" };
                    let _ = writeln!(s, "    {verdict} the target / floor {t}");
                }
                for t in [n, d] {
                    let _ = writeln!(
                        s,
                        "    {} = {} ({}): {} [{}, {}]",
                        t.key,
                        t.value,
                        t.region,
                        t.citation.short(),
                        t.citation.evidence,
                        if t.citation.verified {
                            "verified"
                        } else {
                            "unverified"
                        }
                    );
                }
            }
            _ => {
                let _ = writeln!(
                    s,
                    "未能计算,缺少 / cannot be computed, missing: {}",
                    r.missing.join(", ")
                );
            }
        }
        if let Some(n) = r.note {
            let _ = writeln!(s, "    note: {n}");
        }
    }
    Ok(s)
}
