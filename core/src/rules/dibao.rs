//! 最低生活保障: eligibility (SAIM 第9条), the 补差 amount (第12条), 分类施保, 渐退期 and the
//! job-refusal rule.

use rust_decimal::Decimal;

use crate::calendar;
use crate::case::{Program, Residence};
use crate::error::Error;
use crate::money;
use crate::outcome::{Check, Gap, GradualExit, ProgramOutcome, Review, Status};
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
                review.extend(inc.unsettled_review(ctx.explain));
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
    let mut phase = None;
    if income_failed
        && ctx.case.history.enrolled_dibao
        && let Some(started) = ctx.case.history.employment_started_on
    {
        match gradual_exit_period(ctx, started) {
            Err(missing) => {
                gradual_open = true;
                checks.push(check!(ctx.explain, &c::DIBAO_GRADUAL_EXIT, started.to_string(), "未设定 / not set", None,
                        "就业后收入超标,渐退期未能确定", "income rose above the standard after employment; the gradual-exit period cannot be fixed"));
                review.push(missing);
            }
            Ok(p) => {
                let within = ctx.case.as_of <= p.ends_on;
                checks.push(check!(
                    ctx.explain,
                    &c::DIBAO_GRADUAL_EXIT,
                    format!("{} → {}", p.starts_on, ctx.case.as_of),
                    format!("≤ {}", p.ends_on),
                    Some(within),
                    format!("渐退期 {} 个月,{} 至 {}", p.months, p.starts_on, p.ends_on),
                    format!(
                        "the {}-month gradual exit runs from {} to {}",
                        p.months, p.starts_on, p.ends_on
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
                                "渐退期 / gradual exit (第 {} 个月 / month {} of {}): {} × {r} = {}",
                                p.month,
                                p.month,
                                p.months,
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
                    phase = Some(p);
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
    let mut out = finish(
        ctx.explain,
        Program::Dibao,
        Draft::of(status, amount, arithmetic, checks, review).with_gaps(gaps),
    );
    out.gradual_exit = phase;
    Ok(out)
}

/// The gradual-exit period: its length (`dibao.gradual_exit.months`) and its start
/// (`dibao.gradual_exit.starts`), or the review entry naming what is not set.
fn gradual_exit_period(
    ctx: &mut Ctx<'_>,
    employed: jiff::civil::Date,
) -> Result<GradualExit, Review> {
    let ex = ctx.explain;
    let Some(months) = ctx.get(P::DIBAO_GRADUAL_EXIT_MONTHS) else {
        return Err(review!(
            ex,
            &c::DIBAO_GRADUAL_EXIT,
            "县级民政部门可给予渐退期(参数 dibao.gradual_exit.months 未设定)",
            "the county may grant a gradual-exit period (parameter dibao.gradual_exit.months is not set)"
        ));
    };
    let starts_on = match ctx.get(P::DIBAO_GRADUAL_EXIT_STARTS) {
        Some("employment_start") => employed,
        Some(_) => match ctx.case.history.recheck_decided_on {
            Some(d) => calendar::add_months(calendar::month_start(d), 1).unwrap_or(d),
            None => {
                return Err(review!(
                    ex,
                    &c::DIBAO_GRADUAL_EXIT,
                    "渐退期自复核决定次月起算,但未提供复核决定日期(history.recheck_decided_on)",
                    "the gradual exit starts the month after the re-check decision, and its date (history.recheck_decided_on) is not given"
                ));
            }
        },
        None => {
            return Err(review!(
                ex,
                &c::DIBAO_GRADUAL_EXIT,
                "渐退期自何时起算未设定(参数 dibao.gradual_exit.starts)",
                "when the gradual exit starts is not set (parameter dibao.gradual_exit.starts)"
            ));
        }
    };
    let end = calendar::add_months(starts_on, months).unwrap_or(starts_on);
    let ends_on = end.yesterday().unwrap_or(end);
    let as_of = ctx.case.as_of;
    // Whole months elapsed since the start, plus one: the month of the period as_of is in.
    let month = if as_of < starts_on {
        0
    } else {
        let mut k = i64::from(as_of.year()) * 12 + i64::from(as_of.month())
            - i64::from(starts_on.year()) * 12
            - i64::from(starts_on.month());
        if calendar::add_months(starts_on, k).is_none_or(|d| d > as_of) {
            k -= 1;
        }
        u32::try_from(k + 1).unwrap_or(0)
    };
    Ok(GradualExit {
        starts_on,
        ends_on,
        months: u32::try_from(months).unwrap_or(0),
        month,
    })
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

    // 分类施保 (SAIM 第12条第2款; DB-2021 第27条): every group the law names needs its local
    // amount; a group whose amount is unset leaves the household's amount undecided.
    let uplift = classified_support(ctx, h, s, arithmetic, review, checks)?;
    let undecided_uplift = uplift.is_none();
    let mut undecided = undecided_uplift;
    let own_uplift = uplift.unwrap_or_default();
    let uplift_total = own_uplift
        .iter()
        .try_fold(Decimal::ZERO, |a, (_, u)| money::add(a, *u))?;
    amount = money::add(amount, uplift_total)?;

    // Job refusal (SAIM 第45条; DB-2021 第34条): three consecutive suitable refusals without
    // good reason reduce or stop the refuser's own share.
    let mut refusers = 0usize;
    let mut shares = Decimal::ZERO;
    let mut kept_total = Decimal::ZERO;
    for m in &h.counted {
        let mut offers: Vec<_> = ctx
            .case
            .history
            .job_offers
            .iter()
            .filter(|o| o.member == m.id)
            .collect();
        if offers.is_empty() {
            continue;
        }
        offers.sort_by_key(|o| o.date);
        let run = offers
            .iter()
            .rev()
            .take_while(|o| o.refused && o.suitable && !o.good_reason)
            .count();
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
        let equal = money::div(base, nd)?;
        let share = match ctx.get(P::DIBAO_JOB_REFUSAL_OWN_SHARE_BASIS) {
            Some("equal_share") => Some(equal),
            Some(_) if undecided_uplift => None,
            Some(_) => {
                let own = own_uplift
                    .iter()
                    .find(|(id, _)| *id == m.id.as_str())
                    .map_or(Decimal::ZERO, |(_, u)| *u);
                Some(money::add(equal, own)?)
            }
            None => {
                review.push(review!(ctx.explain, &c::DIBAO_JOB_REFUSAL,
                    format!("成员 {} 连续3次拒绝适当工作,其本人份额如何计算未设定(参数 dibao.job_refusal.own_share_basis)", m.id),
                    format!("member {} refused suitable work 3 times in a row; how their own share is sized is not set (parameter dibao.job_refusal.own_share_basis)", m.id)));
                None
            }
        };
        let kept = ctx.get(P::DIBAO_JOB_REFUSAL_OWN_SHARE_KEPT);
        if kept.is_none() {
            review.push(review!(ctx.explain, &c::DIBAO_JOB_REFUSAL,
                format!("成员 {} 连续3次拒绝适当工作,县级民政部门应减发或停发其本人低保金,当地未规定幅度(参数 dibao.job_refusal.own_share_kept)", m.id),
                format!("member {} refused suitable work 3 times in a row; the county must reduce or stop their own share, and how much is not set (parameter dibao.job_refusal.own_share_kept)", m.id)));
        }
        let (Some(share), Some(kept)) = (share, kept) else {
            undecided = true;
            continue;
        };
        let kept = kept.min(Decimal::ONE);
        let keep = money::mul(share, kept)?;
        step!(
            ctx.explain,
            arithmetic,
            "拒绝就业 / job refusal {}: 本人份额 / own share {} → {} × {kept} = {}",
            m.id,
            share.normalize(),
            share.normalize(),
            keep.normalize()
        );
        refusers += 1;
        shares = money::add(shares, share)?;
        kept_total = money::add(kept_total, keep)?;
    }
    // The members still covered: everything but the refusers' own shares.
    let mut covered = money::sub(amount, shares)?;
    if let Some(min) = ctx.get(P::DIBAO_MIN_BENEFIT_PER_MEMBER) {
        // The floor is for the members still covered and never restores a sanctioned share.
        let still = n - refusers;
        let floor = money::mul(min, Decimal::from(still))?;
        if covered < floor {
            step!(
                ctx.explain,
                arithmetic,
                "保底 / minimum: {} × {still} = {}",
                money::show(min),
                money::show(floor)
            );
            covered = floor;
        }
        checks.push(check!(
            ctx.explain,
            &c::DIBAO_MIN_BENEFIT,
            money::show(covered),
            format!("≥ {}", money::show(floor)),
            Some(true),
            format!(
                "保底 {} 元/人,适用于仍受保障的 {still} 人",
                money::show(min)
            ),
            format!(
                "minimum {} per member, for the {still} member(s) still covered",
                money::show(min)
            ),
        ));
    }
    amount = money::add(covered, kept_total)?;
    if refusers > 0 {
        step!(
            ctx.explain,
            arithmetic,
            "合计 / total = {} + {} = {}",
            covered.normalize(),
            kept_total.normalize(),
            amount.normalize()
        );
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

/// 分类施保: each counted member's uplift, or `None` when a group's amount (or who is in it)
/// is undecided; the review then names the parameter.
fn classified_support<'m>(
    ctx: &mut Ctx<'_>,
    h: &'m Household<'_>,
    s: Decimal,
    arithmetic: &mut Vec<String>,
    review: &mut Vec<Review>,
    checks: &mut Vec<Check>,
) -> Result<Option<Vec<(&'m str, Decimal)>>, Error> {
    let elderly_age = ctx.get(P::DIBAO_UPLIFT_ELDERLY_AGE);
    let stacking = ctx.get(P::DIBAO_UPLIFT_STACKING);
    // In the order of the groups below: elderly, minor, severely disabled, seriously ill.
    let params = [
        P::DIBAO_UPLIFT_ELDERLY_RATIO,
        P::DIBAO_UPLIFT_MINOR_RATIO,
        P::DIBAO_UPLIFT_SEVERE_DISABILITY_RATIO,
        P::DIBAO_UPLIFT_SERIOUS_ILLNESS_RATIO,
    ];
    let ratios = params.map(|p| ctx.get(p));
    // (parameter or fact left open, members it concerns)
    let mut open: Vec<(&'static str, Vec<&str>)> = Vec::new();
    let mut note = |what: &'static str, id: &'m str| match open.iter_mut().find(|(w, _)| *w == what)
    {
        Some((_, ids)) => ids.push(id),
        None => open.push((what, vec![id])),
    };
    let mut out = Vec::new();
    let mut any_member = false;
    for m in &h.counted {
        let age = ctx.age(m);
        // A severe disability counts with a certificate; unstated, it is left open.
        let severe = match &m.disability {
            Some(d) if law::severely_disabled(ctx, d) => d.certified(),
            _ => Some(false),
        };
        // Without a local age, 60 is when a person is elderly in law (老年人权益保障法 第2条).
        let elderly = elderly_age.map_or(law::is_elderly(age), |e| i64::from(age) >= e);
        let member_of = [
            elderly,
            law::is_minor(age),
            severe != Some(false),
            m.illness.as_ref().is_some_and(|i| i.on_local_list),
        ];
        let mut applicable = Vec::new();
        for (i, ((inside, ratio), param)) in member_of.iter().zip(ratios).zip(params).enumerate() {
            if !inside {
                continue;
            }
            any_member = true;
            match ratio {
                None => note(param.key(), &m.id),
                // A zero uplift pays nothing, so who is in the group does not matter.
                Some(r) if r.is_zero() => {}
                Some(_) if i == 0 && elderly_age.is_none() => {
                    note(P::DIBAO_UPLIFT_ELDERLY_AGE.key(), &m.id);
                }
                Some(_) if i == 2 && severe.is_none() => note("disability.certificate", &m.id),
                Some(r) => applicable.push(r),
            }
        }
        let ratio = match (applicable.len(), stacking) {
            (0, _) => continue,
            (1, _) | (_, Some("max")) => applicable.iter().copied().max().unwrap_or_default(),
            (_, Some(_)) => applicable
                .iter()
                .try_fold(Decimal::ZERO, |a, r| money::add(a, *r))?,
            (_, None) => {
                note(P::DIBAO_UPLIFT_STACKING.key(), &m.id);
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
        out.push((m.id.as_str(), up));
    }
    let total = out
        .iter()
        .try_fold(Decimal::ZERO, |a, (_, u)| money::add(a, *u))?;
    if open.is_empty() {
        if any_member || ratios.iter().any(Option::is_some) {
            checks.push(check!(
                ctx.explain,
                &c::DIBAO_UPLIFT,
                total.normalize().to_string(),
                "当地规定 / local rule",
                Some(true),
                format!("分类施保增发 {} 元", money::show(total)),
                format!("classified support adds {}", money::show(total))
            ));
        }
        return Ok(Some(out));
    }
    let missing: Vec<&str> = open.iter().map(|(w, _)| *w).collect();
    checks.push(check!(
        ctx.explain,
        &c::DIBAO_UPLIFT,
        missing.join(", "),
        "未设定 / not set",
        None,
        "有属于分类施保对象的成员,但当地规定未能确定增发金额",
        "members are in classified-support groups, and the local rule does not fix their uplift"
    ));
    for (what, ids) in open {
        let who = ids.join(", ");
        let (zh, en) = match what {
            "disability.certificate" => (
                format!("成员 {who} 为重度残疾,未说明是否持有残疾人证,分类施保无法确定"),
                format!(
                    "member(s) {who}: a severe disability with no stated certificate, so classified support cannot be decided"
                ),
            ),
            "dibao.uplift.stacking" => (
                format!("成员 {who} 同时属于多个分类施保群体,当地未规定取高或累加(参数 {what})"),
                format!(
                    "member(s) {who} are in several classified-support groups and the local rule on stacking is not set (parameter {what})"
                ),
            ),
            _ => (
                format!("成员 {who} 属于分类施保对象,当地增发标准未设定(参数 {what})"),
                format!(
                    "member(s) {who} are in a classified-support group and the local uplift is not set (parameter {what})"
                ),
            ),
        };
        review.push(review!(ctx.explain, &c::DIBAO_UPLIFT, zh, en));
    }
    Ok(None)
}
