//! 低保边缘家庭: not dibao, per-capita income below the multiple (1.5 by default) of the
//! standard, assets within the near-dibao rule (DB-2021 第8条; DD-2022 一(四)).

use rust_decimal::Decimal;

use crate::case::Program;
use crate::error::Error;
use crate::money;
use crate::outcome::{Gap, ProgramOutcome, Review, Status};
use crate::policy::registry as P;
use crate::rules::assets::{self, AssetRules};
use crate::rules::catalog as c;
use crate::rules::ctx::Ctx;
use crate::rules::household::Household;
use crate::rules::income::IncomeCalc;
use crate::rules::{Draft, Shared, decide, dibao, finish, household_check};

/// Evaluates near-dibao given the dibao result.
pub(crate) fn evaluate(
    ctx: &mut Ctx<'_>,
    h: &Household<'_>,
    inc: &IncomeCalc,
    shared: &Shared<'_>,
    dibao_status: Status,
) -> Result<ProgramOutcome, Error> {
    // Sized for the usual number of checks, so the vector is not regrown.
    let mut checks = Vec::with_capacity(16);
    let mut review: Vec<Review> = shared.review.clone();
    let mut gaps: Vec<Gap> = Vec::new();
    let mut arithmetic = Vec::new();
    let n = h.size();
    let nd = Decimal::from(n.max(1));
    let std = dibao::standard(ctx);

    checks.push(household_check(ctx.explain, n));
    let not_dibao = match dibao_status {
        Status::Eligible => Some(false),
        Status::Ineligible => Some(true),
        Status::NeedsReview | Status::NotApplicable => None,
    };
    checks.push(check!(
        ctx.explain,
        &c::NEAR_NOT_DIBAO,
        dibao_status.as_str(),
        "ineligible",
        not_dibao,
        "须不符合低保条件",
        "must not qualify for dibao",
    ));
    // A household whose dibao this assessment ends (income no longer below the standard, no
    // gradual exit) is no longer a dibao household, so it is judged as near-dibao on its own
    // terms; one that stays on dibao is not also near-dibao.
    let hist = &ctx.case.history;
    let dibao_ends = hist.enrolled_dibao && dibao_status == Status::Ineligible;
    let enrolled = (hist.enrolled_dibao && !dibao_ends) || hist.enrolled_tekun;
    checks.push(check!(
        ctx.explain,
        &c::NEAR_NOT_ENROLLED,
        enrolled.to_string(),
        "false",
        Some(!enrolled),
        if enrolled {
            "已纳入低保或特困"
        } else if dibao_ends {
            "低保在本次复核中终止,按低保边缘家庭条件认定"
        } else {
            "未纳入低保或特困"
        },
        if enrolled {
            "already on dibao or tekun"
        } else if dibao_ends {
            "dibao ends at this re-check, so the household is judged as near-dibao"
        } else {
            "not on dibao or tekun"
        },
    ));

    let multiplier = ctx.get(P::NEAR_DIBAO_MULTIPLIER);
    match (std, multiplier, inc.total, n > 0) {
        (Some(s), Some(k), Some(total), true) => {
            let line = money::mul(s, k)?;
            let cap = money::mul(line, Decimal::from(n))?;
            let passed = total < cap;
            let pc = money::div(total, nd)?;
            let mut decided = Some(passed);
            if !inc.uncertain.is_zero() && (inc.settled.unwrap_or(total) < cap) != passed {
                decided = None;
                review.extend(inc.unsettled_review(ctx.explain));
            }
            if let Some(declared) = inc.declared_total
                && (declared < cap) != passed
            {
                review.push(review!(ctx.explain, &c::VERIFY_DISCREPANCY,
                        format!("按申报收入(每月 {})与按核对收入(每月 {})结论不同", money::show(declared), money::show(total)),
                        format!("declared income ({} a month) and verified income ({} a month) lead to different results", money::show(declared), money::show(total))));
            }
            step!(
                ctx.explain,
                arithmetic,
                "边缘线 / near-dibao line = {} × {k} = {}",
                money::show(s),
                line.normalize()
            );
            checks.push(check!(
                ctx.explain,
                &c::NEAR_INCOME,
                money::show(pc),
                format!("< {}", line.normalize()),
                decided,
                format!(
                    "家庭人均月收入 {} 元,低保边缘线 {} 元",
                    money::show(pc),
                    money::show(line)
                ),
                format!(
                    "per-capita monthly income {} against the near-dibao line {}",
                    money::show(pc),
                    money::show(line)
                ),
            ));
            if decided == Some(false) {
                let by = money::sub(total, cap)?;
                if ctx.explain {
                    gaps.push(Gap {
                        rule: c::NEAR_INCOME.id,
                        by: money::show(by),
                        zh: format!("家庭月收入需减少超过 {} 元", money::show(by)),
                        en: format!(
                            "household monthly income would have to fall by more than {}",
                            money::show(by)
                        ),
                    });
                }
            }
        }
        _ => {
            checks.push(check!(
                ctx.explain,
                &c::NEAR_INCOME,
                "未知 / unknown",
                "",
                None,
                "缺少低保标准、边缘倍数或收入计算期",
                "the standard, the multiplier or the income window is missing",
            ));
            if std.is_none() || multiplier.is_none() {
                review.push(review!(
                    ctx.explain,
                    &c::NEAR_INCOME,
                    "缺少参数 dibao.standard 或 near_dibao.multiplier",
                    "missing parameter dibao.standard or near_dibao.multiplier",
                ));
            }
        }
    }
    let held = &shared.held;
    assets::checks(
        ctx,
        AssetRules::NearDibao,
        held,
        n,
        std,
        &mut checks,
        &mut gaps,
    )?;

    let status = decide(&checks, &review, &[]);
    Ok(finish(
        ctx.explain,
        Program::NearDibao,
        Draft::of(status, None, arithmetic, checks, review).with_gaps(gaps),
    ))
}
