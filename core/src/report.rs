//! The readable verification report (核对报告) printed by `hedui assess`.

use std::fmt::Write;

use crate::outcome::{Check, Outcome, Review, Status};

/// Report language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// 中文 (default).
    Zh,
    /// English.
    En,
}

fn status_text(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Eligible, Lang::Zh) => "符合",
        (Status::Ineligible, Lang::Zh) => "不符合",
        (Status::NeedsReview, Lang::Zh) => "需人工审核",
        (Status::NotApplicable, Lang::Zh) => "不适用",
        (s, Lang::En) => s.as_str(),
    }
}

fn mark(p: Option<bool>) -> &'static str {
    match p {
        Some(true) => "✓",
        Some(false) => "✗",
        None => "?",
    }
}

/// The arithmetic, checks and review reasons of a program or of one member in it.
fn write_steps(
    s: &mut String,
    indent: &str,
    zh: bool,
    arithmetic: &[String],
    checks: &[Check],
    review: &[Review],
) {
    for line in arithmetic {
        let _ = writeln!(s, "{indent}= {line}");
    }
    for c in checks {
        let _ = writeln!(
            s,
            "{indent}{} {} — {} [{}]",
            mark(c.passed),
            if zh { &c.zh } else { &c.en },
            c.citation,
            c.rule
        );
    }
    for r in review {
        let _ = writeln!(
            s,
            "{indent}⚑ {} [{}] {}",
            if zh { &r.zh } else { &r.en },
            r.rule,
            r.citation
        );
    }
}

/// Renders the outcome as text.
pub fn render(o: &Outcome, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let t = |a: &'static str, b: &'static str| if zh { a } else { b };
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} — {}",
        t("家庭经济状况核对报告", "Household economic-status report"),
        o.case_id
    );
    let _ = writeln!(
        s,
        "{}: {} ({})   {}: {}",
        t("地区", "Region"),
        o.region.name,
        o.region.chain.join(" → "),
        t("核对日期", "As of"),
        o.as_of
    );
    if o.illustrative {
        let _ = writeln!(
            s,
            "{}",
            t(
                "⚠ 使用了未经原文核实的参数,结果仅供参考",
                "⚠ unverified parameters were used: the result is illustrative"
            )
        );
    }
    let _ = writeln!(s, "\n{}", t("一、家庭成员", "1. Household members"));
    for m in &o.household.counted {
        let _ = writeln!(
            s,
            "  + {} ({}{}) {} [{}]",
            m.member,
            m.age,
            t("岁", " y"),
            if zh { &m.zh } else { &m.en },
            m.rule
        );
    }
    for m in &o.household.excluded {
        let _ = writeln!(
            s,
            "  − {} ({}{}) {} [{}] {}",
            m.member,
            m.age,
            t("岁", " y"),
            if zh { &m.zh } else { &m.en },
            m.rule,
            m.citation
        );
    }
    let _ = writeln!(s, "\n{}", t("二、收入", "2. Income"));
    if let Some([a, b]) = &o.income.window {
        let _ = writeln!(s, "  {}: {a} … {b}", t("计算期", "Window"));
    }
    for (k, v) in &o.income.by_category {
        let _ = writeln!(s, "  {k}: {v}");
    }
    if let Some(tot) = o.income.total_monthly {
        let _ = writeln!(
            s,
            "  {}: {}",
            t("家庭月收入", "Monthly household income"),
            crate::money::show(tot)
        );
    }
    if let Some(pc) = o.income.per_capita_monthly {
        let _ = writeln!(
            s,
            "  {}: {}",
            t("人均月收入", "Per-capita monthly income"),
            crate::money::show(pc)
        );
    }
    for x in &o.income.excluded {
        let _ = writeln!(
            s,
            "  {} #{} ({}) {} [{}]",
            t("不计入", "not counted"),
            x.record,
            x.member,
            crate::money::show(x.monthly),
            x.rule
        );
    }
    let _ = writeln!(s, "\n{}", t("三、财产", "3. Assets"));
    let _ = writeln!(
        s,
        "  {}: {}  {}: {}  {}: {}",
        t("金融资产", "Financial"),
        crate::money::show(o.assets.financial_total),
        t("机动车", "Vehicles"),
        o.assets.vehicles,
        t("住房", "Homes"),
        o.assets.homes
    );
    for (i, p) in o.programs.iter().enumerate() {
        let _ = writeln!(
            s,
            "\n{}{} {}: {}",
            if zh {
                ["四", "五", "六", "七", "八", "九"]
                    .get(i)
                    .copied()
                    .unwrap_or("十")
            } else {
                ""
            },
            t("、", "."),
            if zh { p.program.zh() } else { p.program.en() },
            status_text(p.status, lang)
        );
        if let Some(a) = p.amount {
            let _ = writeln!(
                s,
                "  {}: {} {}",
                t("月保障金额", "Monthly amount"),
                crate::money::show(a),
                t("元", "yuan")
            );
        }
        write_steps(&mut s, "  ", zh, &p.arithmetic, &p.checks, &p.review);
        for g in &p.to_qualify {
            let _ = writeln!(s, "  → {}", if zh { &g.zh } else { &g.en });
        }
        for m in &p.members {
            let _ = writeln!(
                s,
                "  [{}] {}{}{}{}",
                m.member,
                status_text(m.status, lang),
                m.amount.map_or(String::new(), |a| format!(
                    " {} {}",
                    crate::money::show(a),
                    t("元", "yuan")
                )),
                m.care_tier.map_or(String::new(), |c| format!(
                    " ({}: {c})",
                    t("自理能力", "self-care")
                )),
                m.route.map_or(String::new(), |r| format!(
                    " ({}: {r})",
                    t("申请途径", "route")
                ))
            );
            write_steps(&mut s, "    ", zh, &m.arithmetic, &m.checks, &m.review);
        }
    }
    let v = &o.verification;
    if !v.discrepancies.is_empty() || !v.missing_sources.is_empty() {
        let _ = writeln!(s, "\n{}", t("核对比对", "Verification"));
        for d in &v.discrepancies {
            let _ = writeln!(
                s,
                "  {} {} {}: {} {} / {} {}",
                d.member,
                d.item,
                d.kind,
                t("申报", "declared"),
                d.declared.map_or("-".into(), crate::money::show),
                t("核对", "verified"),
                d.verified.map_or("-".into(), crate::money::show)
            );
        }
        for m in &v.missing_sources {
            let _ = writeln!(s, "  {} {m}", t("未核对:", "not checked:"));
        }
    }
    if !o.warnings.is_empty() {
        let _ = writeln!(s);
        for w in &o.warnings {
            let _ = writeln!(s, "  ⚠ {w}");
        }
    }
    let _ = writeln!(s, "\n{}", t("所用参数", "Parameters used"));
    for p in &o.parameters {
        let _ = writeln!(
            s,
            "  {} = {} [{} {}{}] {}{}",
            p.key,
            p.value,
            p.region,
            p.from,
            p.to.as_ref().map_or(String::new(), |t| format!("…{t}")),
            p.citation.short(),
            if p.citation.verified {
                ""
            } else {
                t(" (未核实)", " (unverified)")
            }
        );
    }
    s
}
