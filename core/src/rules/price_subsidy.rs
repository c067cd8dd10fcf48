//! 价格临时补贴 (the price-linked temporary subsidy, 发改价格〔2021〕1553号): paid to the
//! covered groups in a month when the CPI or food-price rise reaches the local trigger.

use rust_decimal::Decimal;

use crate::case::Program;
use crate::error::Error;
use crate::money;
use crate::outcome::{ProgramOutcome, Status};
use crate::policy::registry::kind::{Ratio, Signed};
use crate::policy::registry::{self as P, Param};
use crate::rules::catalog as c;
use crate::rules::ctx::Ctx;
use crate::rules::household::Household;
use crate::rules::{Draft, decide, dibao, finish, kleene_any};

/// Evaluates the household for this month.
pub(crate) fn evaluate(
    ctx: &mut Ctx<'_>,
    h: &Household<'_>,
    dibao_status: Status,
    near_status: Status,
    tekun_members: usize,
) -> Result<ProgramOutcome, Error> {
    let mut d = Draft::new(Vec::new());
    let (checks, review, arithmetic) = (&mut d.checks, &mut d.review, &mut d.arithmetic);
    let groups = ctx.get(P::PRICE_SUBSIDY_COVERED_GROUPS);
    let hist = &ctx.case.history;
    let dibao = hist.enrolled_dibao || dibao_status == Status::Eligible;
    let near = hist.enrolled_near_dibao || near_status == Status::Eligible;
    let persons = match &groups {
        None => None,
        Some(g) => {
            let mut p = 0usize;
            if dibao && g.iter().any(|x| x == "dibao") {
                p += h.size();
            } else if near && g.iter().any(|x| x == "near_dibao") {
                p += h.size();
            }
            if tekun_members > 0 && g.iter().any(|x| x == "tekun") {
                p += tekun_members;
            }
            Some(p)
        }
    };
    checks.push(check!(
        ctx.explain,
        &c::PS_COVERED,
        persons.map_or("-".into(), |p| p.to_string()),
        "≥ 1",
        persons.map(|p| p > 0),
        "属于价格临时补贴保障对象",
        "in a covered group",
    ));
    let trig = |ctx: &mut Ctx<'_>, v: Param<Signed>, t: Param<Ratio>| match (ctx.get(v), ctx.get(t))
    {
        (Some(v), Some(t)) => Some(v >= t),
        _ => None,
    };
    let cpi = trig(ctx, P::PRICE_CPI_YOY, P::PRICE_SUBSIDY_TRIGGER_CPI_YOY);
    let food = trig(
        ctx,
        P::PRICE_FOOD_CPI_YOY,
        P::PRICE_SUBSIDY_TRIGGER_FOOD_CPI_YOY,
    );
    let triggered = kleene_any([cpi, food].into_iter());
    checks.push(check!(
        ctx.explain,
        &c::PS_TRIGGER,
        format!(
            "CPI {:?}, food {:?}",
            ctx.get(P::PRICE_CPI_YOY),
            ctx.get(P::PRICE_FOOD_CPI_YOY)
        ),
        "",
        triggered,
        "居民消费价格指数或食品价格指数同比涨幅达到启动条件",
        "the CPI or food-price rise reaches the trigger",
    ));
    d.status = decide(checks, review, &[]);
    if d.status == Status::Eligible {
        let std = dibao::standard(ctx);
        let per = match (
            ctx.get(P::PRICE_SUBSIDY_FORMULA),
            std,
            ctx.get(P::PRICE_CPI_YOY),
        ) {
            (Some("standard_x_cpi"), Some(s), Some(cpi)) => {
                Some(money::div(money::mul(s, cpi)?, Decimal::from(100))?)
            }
            (Some("fixed"), _, _) => ctx.get(P::PRICE_SUBSIDY_AMOUNT_PER_PERSON),
            _ => None,
        };
        match per {
            Some(mut p) => {
                if let Some(min) = ctx.get(P::PRICE_SUBSIDY_MIN_AMOUNT) {
                    p = p.max(min);
                }
                let n = Decimal::from(persons.unwrap_or(0));
                let total = money::mul(p, n)?;
                let mode = ctx.rounding();
                let r = money::round_amount(total, mode);
                step!(
                    ctx.explain,
                    arithmetic,
                    "价格临时补贴 / subsidy: {} × {n} = {r}",
                    p.normalize()
                );
                checks.push(check!(
                    ctx.explain,
                    &c::PS_AMOUNT,
                    r.to_string(),
                    "",
                    Some(true),
                    format!("本月价格临时补贴 {r} 元"),
                    format!("subsidy this month {r}"),
                ));
                d.amount = Some(r);
            }
            None => {
                d.status = Status::NeedsReview;
                review.push(review!(
                    ctx.explain,
                    &c::PS_AMOUNT,
                    "价格临时补贴计算方式或金额未设定",
                    "the subsidy formula or amount is not set",
                ));
            }
        }
    } else if d.status == Status::NeedsReview {
        review.push(review!(
            ctx.explain,
            &c::PS_TRIGGER,
            "保障对象范围或价格指数数据未设定",
            "covered groups or price data not set",
        ));
    }
    Ok(finish(ctx.explain, Program::PriceSubsidy, d))
}
