//! 刚性支出困难家庭 (rigid-expenditure hardship families, GX-2024): not on dibao, tekun or
//! near-dibao; income below last year's per-capita disposable income; assets within the
//! near-dibao rule; and rigid spending over the last 12 months above the local share of
//! household income (第4条). A recognition is valid for a local period (第10条).

use rust_decimal::Decimal;

use crate::calendar;
use crate::case::Program;
use crate::error::Error;
use crate::money;
use crate::outcome::{ProgramOutcome, Status};
use crate::policy::registry as P;
use crate::rules::assets::{self, AssetRules};
use crate::rules::catalog as c;
use crate::rules::ctx::Ctx;
use crate::rules::household::Household;
use crate::rules::income::{self, IncomeCalc, rigid_expenditure_12m};
use crate::rules::{Draft, Shared, decide, dibao, finish, kleene_all, law};

/// Evaluates the household (GX-2024 第4条).
pub(crate) fn evaluate(
    ctx: &mut Ctx<'_>,
    h: &Household<'_>,
    inc: &IncomeCalc,
    shared: &Shared<'_>,
    dibao_status: Status,
    near_status: Status,
) -> Result<ProgramOutcome, Error> {
    let mut d = Draft::new(shared.review.clone());
    let (checks, arithmetic) = (&mut d.checks, &mut d.arithmetic);
    let hist = &ctx.case.history;
    let other = if hist.enrolled_dibao
        || hist.enrolled_tekun
        || hist.enrolled_near_dibao
        || dibao_status == Status::Eligible
        || near_status == Status::Eligible
    {
        Some(false)
    } else if dibao_status == Status::NeedsReview || near_status == Status::NeedsReview {
        None
    } else {
        Some(true)
    };
    checks.push(check!(
        ctx.explain,
        &c::RE_NOT_OTHER,
        format!(
            "dibao {}, near_dibao {}",
            dibao_status.as_str(),
            near_status.as_str()
        ),
        "",
        other,
        "未纳入低保、特困,未被认定为低保边缘家庭",
        "not on dibao or tekun and not a near-dibao family",
    ));
    checks.push(income::below_disposable_income(
        ctx,
        inc,
        h.size(),
        &c::RE_INCOME,
        "家庭人均年收入低于上年度当地居民人均可支配收入",
        "annual per-capita income below last year's local per-capita disposable income",
    )?);
    let held = &shared.held;
    let mut asset_checks = Vec::new();
    let std = dibao::standard(ctx);
    assets::checks(
        ctx,
        AssetRules::NearDibao,
        held,
        h.size(),
        std,
        &mut asset_checks,
        &mut d.gaps,
    )?;
    checks.push(check!(
        ctx.explain,
        &c::RE_ASSETS,
        format!("{} 项/records", held.len()),
        "低保边缘家庭财产规定 / near-dibao rule",
        kleene_all(asset_checks.iter().map(|c| c.passed)),
        "家庭财产符合当地规定",
        "assets within the local rule",
    ));
    let spent = rigid_expenditure_12m(ctx, h)?;
    let threshold = ctx.get(P::RIGID_EXPENDITURE_SHARE_THRESHOLD);
    let share_ok = match (inc.total, threshold) {
        (Some(t), Some(th)) => {
            let annual_income = money::mul(t, Decimal::from(12))?;
            if annual_income <= Decimal::ZERO {
                Some(spent > Decimal::ZERO)
            } else {
                let share = money::div(spent, annual_income)?;
                step!(
                    ctx.explain,
                    arithmetic,
                    "支出占比 / share = {} ÷ {} = {}",
                    money::show(spent),
                    money::show(annual_income),
                    share.round_dp_with_strategy(
                        4,
                        rust_decimal::RoundingStrategy::MidpointAwayFromZero
                    )
                );
                Some(share > th)
            }
        }
        _ => None,
    };
    checks.push(check!(
        ctx.explain,
        &c::RE_SHARE,
        money::show(spent),
        threshold.map_or("未设定 / not set".into(), |t| format!("> {t}")),
        share_ok,
        format!("申请前12个月刚性支出 {} 元", money::show(spent)),
        format!(
            "rigid spending in the last 12 months {}",
            money::show(spent)
        ),
    ));
    d.status = decide(checks, &d.review, &[]);
    if let Some(on) = hist.rigid_expenditure_recognised_on {
        let months = ctx
            .get(P::RIGID_EXPENDITURE_VALIDITY_MONTHS)
            .unwrap_or(law::RIGID_EXPENDITURE_VALIDITY_MONTHS);
        let until = calendar::add_months(on, months).unwrap_or(on);
        let valid = ctx.case.as_of < until;
        checks.push(check!(
            ctx.explain,
            &c::RE_VALIDITY,
            on.to_string(),
            format!("< {until}"),
            Some(valid),
            format!("上次认定有效至 {until}"),
            format!("the last recognition is valid until {until}"),
        ));
    }
    if d.status == Status::Eligible {
        let months = ctx
            .get(P::RIGID_EXPENDITURE_VALIDITY_MONTHS)
            .unwrap_or(law::RIGID_EXPENDITURE_VALIDITY_MONTHS);
        if let Some(until) = calendar::add_months(ctx.case.as_of, months) {
            step!(
                ctx.explain,
                arithmetic,
                "认定有效期至 / valid until {until} (第10条)"
            );
        }
    }
    // Gaps are shown for the household programs with a monthly 补差 only.
    d.gaps.clear();
    Ok(finish(ctx.explain, Program::RigidExpenditure, d))
}
