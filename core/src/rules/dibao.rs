//! 最低生活保障: eligibility (SAIM 第9条), the 补差 amount (第12条), 分类施保, 渐退期 and the
//! job-refusal rule.

use rust_decimal::Decimal;

use crate::calendar;
use crate::case::{Program, Residence};
use crate::error::Error;
use crate::money;
use crate::outcome::{Check, Gap, ProgramOutcome, Review, Status};
use crate::policy::registry as P;
use crate::rules::assets::{self, AssetRules};
use crate::rules::catalog as c;
use crate::rules::ctx::Ctx;
use crate::rules::household::Household;
use crate::rules::income::IncomeCalc;
use crate::rules::{Draft, Shared, decide, finish, household_check, law};

/// The local standard for the case's residence, if set.
pub(crate) fn standard(ctx: &mut Ctx<'_>) -> Option<Decimal> {
    match ctx.case.residence {
        Residence::Urban => ctx.get(P::DIBAO_STANDARD_URBAN),
        Residence::Rural => ctx.get(P::DIBAO_STANDARD_RURAL),
    }
}

/// Whether `total` passes the dibao income test: Some(result) when decided.
pub(crate) fn income_test(total: Decimal, standard: Decimal, n: usize) -> Result<bool, Error> {
    // Compare the totals, not a rounded per-capita figure (docs/law/open-points.md §1).
    Ok(total < money::mul(standard, Decimal::from(n))?)
}

/// Evaluates dibao.
#[expect(
    clippy::many_single_char_names,
    reason = "h, n, s follow the formula in SAIM 第12条"
)]
pub(crate) fn evaluate(
    ctx: &mut Ctx<'_>,
    h: &Household<'_>,
    inc: &IncomeCalc,
    shared: &Shared<'_>,
) -> Result<ProgramOutcome, Error> {
    // Sized for the usual number of checks, so the vector is not regrown.
    let mut checks = Vec::with_capacity(16);
    let mut review: Vec<Review> = shared.review.clone();
    let mut gaps = Vec::new();
    let mut arithmetic = Vec::new();
    let n = h.size();
    let nd = Decimal::from(n);
    let std = standard(ctx);

    checks.push(household_check(ctx.explain, n));
    match std {
        Some(s) => checks.push(check!(
            ctx.explain,
            &c::DIBAO_STANDARD,
            money::show(s),
            "",
            Some(true),
            format!("当地低保标准 {} 元/人·月", money::show(s)),
            format!(
                "local standard {} yuan per person per month",
                money::show(s)
            ),
        )),
        None => {
            checks.push(check!(
                ctx.explain,
                &c::DIBAO_STANDARD,
                "未设定 / not set",
                "",
                None,
                "当地低保标准未设定",
                "the local dibao standard is not set for this date",
            ));
            review.push(review!(
                ctx.explain,
                &c::DIBAO_STANDARD,
                "缺少参数 dibao.standard,无法判断",
                "missing parameter dibao.standard: the decision cannot be made",
            ));
        }
    }

    // Income test.
    let mut income_failed = false;
    if let (Some(s), Some(total), true) = (std, inc.total, n > 0) {
        let cap = money::mul(s, nd)?;
        let passed = income_test(total, s, n)?;
        let pc = money::div(total, nd)?;
        let mut decided = Some(passed);
        if !inc.uncertain.is_zero() {
            let alt = income_test(inc.settled.unwrap_or(total), s, n)?;
            if alt != passed {
                decided = None;
                review.push(review!(ctx.explain,
                    &c::INCOME_REVIEW_PENSION_BASIC,
                    format!("是否计入城乡居民基础养老金(每月 {} 元)影响结论", money::show(inc.uncertain)),
                    format!("whether the residents' basic pension ({} a month) counts changes the result", money::show(inc.uncertain)),
                ));
            }
        }
        step!(
            ctx.explain,
            arithmetic,
            "人均收入 / per-capita income = {} ÷ {n} = {}",
            money::show(total),
            money::show(pc)
        );
        checks.push(check!(
            ctx.explain,
            &c::DIBAO_INCOME,
            money::show(pc),
            format!("< {}", money::show(s)),
            decided,
            format!(
                "家庭人均月收入 {} 元{}当地低保标准 {} 元",
                money::show(pc),
                if passed { "低于" } else { "不低于" },
                money::show(s)
            ),
            format!(
                "per-capita monthly income {} is {} the standard {}",
                money::show(pc),
                if passed { "below" } else { "not below" },
                money::show(s)
            ),
        ));
        if decided == Some(false) {
            income_failed = true;
            let by = money::sub(total, cap)?;
            if ctx.explain {
                gaps.push(Gap {
                    rule: c::DIBAO_INCOME.id,
                    by: money::show(by),
                    zh: format!("家庭月收入需减少超过 {} 元(人均超过 {} 元)", money::show(by), money::show(money::div(by, nd)?)),
                    en: format!("household monthly income would have to fall by more than {} (per capita by more than {})", money::show(by), money::show(money::div(by, nd)?)),
                });
            }
        }
        if let Some(declared) = inc.declared_total
            && income_test(declared, s, n)? != passed
        {
            review.push(review!(ctx.explain,
                    &c::VERIFY_DISCREPANCY,
                    format!("按申报收入(每月 {})与按核对收入(每月 {})结论不同", money::show(declared), money::show(total)),
                    format!("declared income ({} a month) and verified income ({} a month) lead to different results", money::show(declared), money::show(total)),
                ));
        }
    } else if n > 0 && std.is_some() {
        checks.push(check!(
            ctx.explain,
            &c::DIBAO_INCOME,
            "未知 / unknown",
            "",
            None,
            "无法计算家庭收入(缺少收入计算期)",
            "income cannot be computed (no look-back window)",
        ));
    }

    let held = &shared.held;
    assets::checks(ctx, AssetRules::Dibao, held, n, std, &mut checks, &mut gaps)?;

    // 渐退期: only an employment-driven rise (DB-2021 第33条), at most 6 months.
    let mut gradual_amount = None;
    let mut gradual_open = false;
    if income_failed
        && ctx.case.history.enrolled_dibao
        && let Some(started) = ctx.case.history.employment_started_on
    {
        match ctx.get(P::DIBAO_GRADUAL_EXIT_MONTHS) {
            None => {
                gradual_open = true;
                checks.push(check!(ctx.explain, &c::DIBAO_GRADUAL_EXIT, started.to_string(), "未设定 / not set", None,
                        "就业后收入超标,当地未设定渐退期", "income rose above the standard after employment; no local gradual-exit period is set"));
                review.push(review!(ctx.explain, &c::DIBAO_GRADUAL_EXIT,
                        "县级民政部门可给予渐退期(参数 dibao.gradual_exit.months 未设定)",
                        "the county may grant a gradual-exit period (parameter dibao.gradual_exit.months is not set)"));
            }
            Some(m) => {
                let end = calendar::add_months(started, m).unwrap_or(started);
                let within = ctx.case.as_of < end;
                checks.push(check!(
                    ctx.explain,
                    &c::DIBAO_GRADUAL_EXIT,
                    format!("{started} → {}", ctx.case.as_of),
                    format!("< {end}"),
                    Some(within),
                    format!("就业始于 {started},渐退期 {m} 个月,至 {end} 止"),
                    format!(
                        "employment began {started}; the {m}-month gradual exit runs until {end}"
                    ),
                ));
                if within {
                    match (
                        ctx.get(P::DIBAO_GRADUAL_EXIT_BENEFIT_RATIO),
                        ctx.case.history.current_dibao_amount,
                    ) {
                        (Some(r), Some(cur)) => {
                            let a = money::mul(cur, r)?;
                            step!(
                                ctx.explain,
                                arithmetic,
                                "渐退期 / gradual exit: {} × {r} = {}",
                                money::show(cur),
                                money::show(a)
                            );
                            gradual_amount = Some(a);
                        }
                        _ => {
                            gradual_open = true;
                            review.push(review!(ctx.explain, &c::DIBAO_GRADUAL_EXIT,
                                "渐退期内的保障金额未设定或缺少现有低保金额",
                                "the benefit during the gradual exit (dibao.gradual_exit.benefit_ratio) or the current amount is missing"));
                        }
                    }
                }
            }
        }
    }

    // A failed income test is set aside while a gradual exit applies or may apply.
    // The gradual-exit check describes the period and never fails the household by itself.
    let waived: &[&str] = if gradual_amount.is_some() || gradual_open {
        &[c::DIBAO_GRADUAL_EXIT.id, c::DIBAO_INCOME.id]
    } else {
        &[c::DIBAO_GRADUAL_EXIT.id]
    };
    let mut status = decide(&checks, &review, waived);
    let mut amount = None;
    if status == Status::Eligible {
        if let Some(a) = gradual_amount {
            amount = Some(round(ctx, a, &mut arithmetic));
        } else if let (Some(s), Some(total)) = (std, inc.total) {
            match compute_amount(ctx, h, s, total, &mut arithmetic, &mut review, &mut checks)? {
                Some(a) => amount = Some(a),
                None => status = Status::NeedsReview,
            }
        }
    }
    Ok(finish(
        ctx.explain,
        Program::Dibao,
        Draft::of(status, amount, arithmetic, checks, review).with_gaps(gaps),
    ))
}

fn round(ctx: &mut Ctx<'_>, a: Decimal, arithmetic: &mut Vec<String>) -> Decimal {
    let mode = ctx.rounding();
    let r = money::round_amount(a.max(Decimal::ZERO), mode);
    step!(
        ctx.explain,
        arithmetic,
        "舍入 / rounding ({mode:?}): {} → {r}",
        a.normalize()
    );
    r
}

#[expect(
    clippy::too_many_lines,
    reason = "one amount, step by step, reads best in one place"
)]
fn compute_amount(
    ctx: &mut Ctx<'_>,
    h: &Household<'_>,
    s: Decimal,
    total: Decimal,
    arithmetic: &mut Vec<String>,
    review: &mut Vec<Review>,
    checks: &mut Vec<Check>,
) -> Result<Option<Decimal>, Error> {
    let n = h.size();
    let nd = Decimal::from(n);
    let cap = money::mul(s, nd)?;
    let gap = money::sub(cap, total)?;
    step!(
        ctx.explain,
        arithmetic,
        "补差 / gap: {} × {n} − {} = {}",
        money::show(s),
        money::show(total),
        gap.normalize()
    );
    // The gap between the standard and the income is at most the whole standard for each
    // counted member (SAIM 第12条), however far negative net transfer income takes the total.
    let base = gap.min(cap);
    if base < gap {
        step!(
            ctx.explain,
            arithmetic,
            "封顶 / capped at the standard × {n} = {}",
            money::show(cap)
        );
    }
    checks.push(check!(
        ctx.explain,
        &c::DIBAO_AMOUNT,
        base.normalize().to_string(),
        "",
        Some(true),
        "保障金额 = (低保标准 − 人均收入) × 计入人数",
        "amount = (standard − per-capita income) × counted members",
    ));
    checks.push(check!(
        ctx.explain,
        &c::DIBAO_NO_PARTIAL,
        n.to_string(),
        n.to_string(),
        Some(true),
        "全部计入成员纳入保障",
        "every counted member is covered",
    ));
    let mut amount = base;
    let mut undecided = false;

    // 分类施保.
    let elderly_age = ctx.get(P::DIBAO_UPLIFT_ELDERLY_AGE);
    let ratios = [
        ("elderly", ctx.get(P::DIBAO_UPLIFT_ELDERLY_RATIO)),
        ("minor", ctx.get(P::DIBAO_UPLIFT_MINOR_RATIO)),
        (
            "severe_disability",
            ctx.get(P::DIBAO_UPLIFT_SEVERE_DISABILITY_RATIO),
        ),
        (
            "serious_illness",
            ctx.get(P::DIBAO_UPLIFT_SERIOUS_ILLNESS_RATIO),
        ),
    ];
    let stacking = ctx.get(P::DIBAO_UPLIFT_STACKING);
    let mut any_group_member = false;
    let mut uplift_total = Decimal::ZERO;
    for m in &h.counted {
        let age = ctx.age(m);
        let severe = match &m.disability {
            Some(d) => d.certified() != Some(false) && law::severely_disabled(ctx, d),
            None => false,
        };
        let groups = [
            elderly_age.map_or(law::is_elderly(age), |e| i64::from(age) >= e),
            law::is_minor(age),
            severe,
            m.illness.as_ref().is_some_and(|i| i.on_local_list),
        ];
        any_group_member |= groups.iter().any(|g| *g);
        let applicable: Vec<Decimal> = groups
            .iter()
            .zip(ratios.iter())
            .enumerate()
            .filter(|(i, (g, (_, r)))| **g && r.is_some() && (*i != 0 || elderly_age.is_some()))
            .filter_map(|(_, (_, (_, r)))| *r)
            .collect();
        let ratio = match (applicable.len(), stacking) {
            (0, _) => continue,
            (1, _) | (_, Some("max")) => applicable.iter().copied().max().unwrap_or_default(),
            (_, Some("sum")) => applicable
                .iter()
                .try_fold(Decimal::ZERO, |a, r| money::add(a, *r))?,
            (_, _) => {
                undecided = true;
                review.push(review!(ctx.explain, &c::DIBAO_UPLIFT,
                    format!("成员 {} 同时属于多个分类施保群体,当地未规定取高或累加", m.id),
                    format!("member {} is in several classified-support groups and the local rule on stacking is not set", m.id)));
                continue;
            }
        };
        let up = money::mul(ratio, s)?;
        step!(
            ctx.explain,
            arithmetic,
            "分类施保 / classified support {}: {ratio} × {} = {}",
            m.id,
            money::show(s),
            up.normalize()
        );
        uplift_total = money::add(uplift_total, up)?;
    }
    let any_ratio = ratios.iter().any(|(_, r)| r.is_some());
    if any_group_member || any_ratio {
        checks.push(check!(ctx.explain, &c::DIBAO_UPLIFT, uplift_total.normalize().to_string(),
            if any_ratio { "当地规定 / local rule" } else { "未设定 / not set" }, Some(true),
            if any_ratio { format!("分类施保增发 {} 元", money::show(uplift_total)) } else { "有老年人、未成年人、重度残疾人或重病患者,但当地未设定分类施保标准".to_owned() },
            if any_ratio { format!("classified support adds {}", money::show(uplift_total)) } else { "the household has elderly, minor, severely disabled or seriously ill members, but no local classified-support amounts are set".to_owned() }));
    }
    amount = money::add(amount, uplift_total)?;

    // Job refusal: three consecutive suitable refusals without good reason.
    let own_share = money::div(base, nd)?;
    for m in &h.counted {
        let mut offers: Vec<_> = ctx
            .case
            .history
            .job_offers
            .iter()
            .filter(|o| o.member == m.id)
            .collect();
        offers.sort_by_key(|o| o.date);
        let run = offers
            .iter()
            .rev()
            .take_while(|o| o.refused && o.suitable && !o.good_reason)
            .count();
        if offers.is_empty() {
            continue;
        }
        let sanctioned = run >= law::JOB_REFUSALS;
        checks.push(check!(
            ctx.explain,
            &c::DIBAO_JOB_REFUSAL,
            run.to_string(),
            format!("< {}", law::JOB_REFUSALS),
            Some(!sanctioned),
            format!("成员 {} 连续无正当理由拒绝适当工作 {run} 次", m.id),
            format!(
                "member {} refused suitable work without good reason {run} time(s) in a row",
                m.id
            ),
        ));
        if !sanctioned {
            continue;
        }
        match ctx.get(P::DIBAO_JOB_REFUSAL_OWN_SHARE_KEPT) {
            Some(kept) => {
                let cut = money::mul(own_share, money::sub(Decimal::ONE, kept.min(Decimal::ONE))?)?;
                step!(
                    ctx.explain,
                    arithmetic,
                    "拒绝就业 / job refusal {}: −{} × (1 − {kept}) = −{}",
                    m.id,
                    own_share.normalize(),
                    cut.normalize()
                );
                amount = money::sub(amount, cut)?;
            }
            None => {
                undecided = true;
                review.push(review!(ctx.explain, &c::DIBAO_JOB_REFUSAL,
                    format!("成员 {} 连续3次拒绝适当工作,县级民政部门应减发或停发其本人低保金,当地未规定幅度", m.id),
                    format!("member {} refused suitable work 3 times in a row; the county must reduce or stop their own share, and the local rule on how much is not set", m.id)));
            }
        }
    }
    if let Some(min) = ctx.get(P::DIBAO_MIN_BENEFIT_PER_MEMBER) {
        let floor = money::mul(min, nd)?;
        if amount < floor {
            step!(
                ctx.explain,
                arithmetic,
                "保底 / minimum: {} × {n} = {}",
                money::show(min),
                money::show(floor)
            );
            amount = floor;
        }
        checks.push(check!(
            ctx.explain,
            &c::DIBAO_MIN_BENEFIT,
            money::show(amount),
            format!("≥ {}", money::show(floor)),
            Some(true),
            format!("保底 {} 元/人", money::show(min)),
            format!("minimum {} per member", money::show(min)),
        ));
    }
    if undecided {
        return Ok(None);
    }
    let rounded = round(ctx, amount, arithmetic);
    checks.push(check!(
        ctx.explain,
        &c::DIBAO_ROUNDING,
        amount.normalize().to_string(),
        rounded.to_string(),
        Some(true),
        format!("按当地规则舍入为 {rounded} 元"),
        format!("rounded by the local rule to {rounded}"),
    ));
    Ok(Some(rounded))
}
