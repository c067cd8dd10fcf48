//! 临时救助 (temporary relief, SAIM 第47–49条; TR-2018): the emergency type (急难型), the
//! expenditure type (支出型) and the 2022 one-off relief of uninsured unemployed workers
//! (JX-2022). Routes are alternatives; the best route that holds and has an amount pays.

use rust_decimal::Decimal;

use crate::calendar;
use crate::case::Program;
use crate::error::Error;
use crate::money;
use crate::outcome::{Check, ProgramOutcome, Review, Status};
use crate::policy::registry::kind::Ratio;
use crate::policy::registry::{self as P, Param};
use crate::rules::catalog as c;
use crate::rules::ctx::Ctx;
use crate::rules::household::Household;
use crate::rules::income::{self, IncomeCalc, rigid_expenditure_12m};
use crate::rules::{Draft, dibao, finish, kleene_all, law};

/// Evaluates the household: emergency, expenditure and the uninsured-worker one-off.
pub(crate) fn evaluate(
    ctx: &mut Ctx<'_>,
    h: &Household<'_>,
    inc: &IncomeCalc,
    dibao_status: Status,
) -> Result<ProgramOutcome, Error> {
    let mut d = Draft::new(Vec::new());
    let (checks, review, arithmetic) = (&mut d.checks, &mut d.review, &mut d.arithmetic);
    let std = dibao::standard(ctx);
    let n = Decimal::from(h.size().max(1));
    let per_person = ctx.get(P::TEMPORARY_RELIEF_PER_PERSON) == Some(true);
    let heads = if per_person { n } else { Decimal::ONE };
    let cap = match (ctx.get(P::TEMPORARY_RELIEF_CAP_MONTHS), std) {
        (Some(m), Some(s)) => Some(money::mul(money::mul(m, s)?, heads)?),
        _ => None,
    };
    // Each route: whether it holds (Kleene) and the amount it pays, if set.
    let mut routes: Vec<(Option<bool>, Option<Decimal>)> = Vec::new();
    let as_of = ctx.case.as_of;
    let year_ago = calendar::add_months(as_of, -12).unwrap_or(as_of);
    let cause_prior = |cause: &str,
                       ctx: &mut Ctx<'_>,
                       checks: &mut Vec<Check>,
                       review: &mut Vec<Review>|
     -> Option<bool> {
        let history = &ctx.case.history.prior_relief;
        if history.is_empty() {
            return Some(true);
        }
        let same = history
            .iter()
            .any(|p| p.cause == cause && p.date >= year_ago && p.date < as_of);
        let r = if same {
            ctx.get(P::TEMPORARY_RELIEF_ONCE_PER_CAUSE_PER_YEAR)
                .map(|o| !o)
        } else {
            Some(true)
        };
        checks.push(check!(
            ctx.explain,
            &c::TR_PRIOR,
            cause.to_owned(),
            "",
            r,
            if same {
                "一年内已因同一原因获临时救助"
            } else {
                "一年内未因同一原因获临时救助"
            },
            if same {
                "relief for the same cause within the last year"
            } else {
                "no relief for the same cause within the last year"
            },
        ));
        if r.is_none() {
            review.push(review!(
                ctx.explain,
                &c::TR_PRIOR,
                "一年内已因同一原因获救助,当地是否允许再次救助未设定",
                "relief for the same cause within a year; the local rule is not set",
            ));
        }
        r
    };
    let months_amount = |key: Param<Ratio>,
                         ctx: &mut Ctx<'_>,
                         arithmetic: &mut Vec<String>|
     -> Result<Option<Decimal>, Error> {
        match (ctx.get(key), std) {
            (Some(m), Some(s)) => {
                let a = money::mul(money::mul(m, s)?, heads)?;
                step!(
                    ctx.explain,
                    arithmetic,
                    "{}: {m} × {} × {heads} = {}",
                    key.key(),
                    money::show(s),
                    a.normalize()
                );
                Ok(Some(a))
            }
            _ => Ok(None),
        }
    };

    if let Some(incident) = ctx.case.incident.clone() {
        checks.push(check!(
            ctx.explain,
            &c::TR_EMERGENCY,
            incident.kind.as_str(),
            "",
            Some(true),
            format!("{} 发生意外事件或突发重大疾病", incident.date),
            format!("an emergency on {}", incident.date),
        ));
        let prior_ok = cause_prior(incident.kind.as_str(), ctx, checks, review);
        let mut amount = None;
        if prior_ok != Some(false) {
            amount = months_amount(P::TEMPORARY_RELIEF_EMERGENCY_MONTHS, ctx, arithmetic)?;
            if amount.is_none() {
                match (
                    ctx.get(P::TEMPORARY_RELIEF_EMERGENCY_MIN_MONTHS),
                    ctx.get(P::TEMPORARY_RELIEF_EMERGENCY_MAX_MONTHS),
                    std,
                ) {
                    (Some(lo), Some(hi), Some(s)) => {
                        let (a, b) = (
                            money::mul(money::mul(lo, s)?, heads)?,
                            money::mul(money::mul(hi, s)?, heads)?,
                        );
                        step!(
                            ctx.explain,
                            arithmetic,
                            "急难型救助范围 / emergency range: {} – {}",
                            money::show(a),
                            money::show(b)
                        );
                        review.push(review!(
                            ctx.explain,
                            &c::TR_AMOUNT,
                            format!(
                                "救助金额由工作人员在 {} 至 {} 元之间确定",
                                money::show(a),
                                money::show(b)
                            ),
                            format!(
                                "a caseworker sets the amount between {} and {}",
                                money::show(a),
                                money::show(b)
                            ),
                        ));
                    }
                    _ => review.push(review!(
                        ctx.explain,
                        &c::TR_AMOUNT,
                        "急难型救助标准未设定",
                        "no emergency relief standard is set",
                    )),
                }
            }
        }
        routes.push((prior_ok, amount));
    }
    let spent = rigid_expenditure_12m(ctx, h)?;
    if spent > Decimal::ZERO {
        let hardship = match (inc.total, std) {
            (Some(t), Some(s)) => {
                let left = money::sub(t, money::div(spent, Decimal::from(12))?)?;
                Some(money::div(left, n)? < s)
            }
            _ => None,
        };
        checks.push(check!(
            ctx.explain,
            &c::TR_EXPENDITURE,
            money::show(spent),
            std.map_or("-".into(), |s| {
                format!("< {} 人均 / per capita", money::show(s))
            }),
            hardship,
            format!(
                "12个月刚性支出 {} 元,扣除后人均收入低于低保标准",
                money::show(spent)
            ),
            format!(
                "rigid spending {} leaves per-capita income below the standard",
                money::show(spent)
            ),
        ));
        let income_check = income::below_disposable_income(
            ctx,
            inc,
            h.size(),
            &c::TR_EXPENDITURE_INCOME,
            "人均可支配收入低于上年度当地居民人均可支配收入",
            "per-capita disposable income below last year's local figure",
        )?;
        let below = income_check.passed;
        checks.push(income_check);
        let prior_ok = cause_prior("expenditure", ctx, checks, review);
        let ok = kleene_all([hardship, below, prior_ok].into_iter());
        let mut amount = None;
        if ok != Some(false) {
            amount = months_amount(P::TEMPORARY_RELIEF_EXPENDITURE_MONTHS, ctx, arithmetic)?;
            if amount.is_none() {
                review.push(review!(
                    ctx.explain,
                    &c::TR_AMOUNT,
                    "支出型救助标准未设定",
                    "no expenditure-type relief standard is set",
                ));
            }
        }
        routes.push((ok, amount));
    }
    if ctx.get(P::TEMPORARY_RELIEF_UNINSURED_WORKER_ENABLED) == Some(true) {
        let worker = h
            .counted
            .iter()
            .find(|m| m.months_without_income.is_some() || m.unemployment_insured.is_some())
            .copied();
        if let Some(m) = worker {
            let on_dibao = ctx.case.history.enrolled_dibao || dibao_status == Status::Eligible;
            let ok = m.months_without_income.unwrap_or(0)
                >= law::UNINSURED_WORKER_MONTHS_WITHOUT_INCOME
                && m.unemployment_insured == Some(false)
                && !on_dibao;
            checks.push(check!(
                ctx.explain,
                &c::TR_UNINSURED,
                format!("{} 个月/months", m.months_without_income.unwrap_or(0)),
                format!("≥ {}", law::UNINSURED_WORKER_MONTHS_WITHOUT_INCOME),
                Some(ok),
                "连续三个月无收入、未参保失业、未纳入低保",
                "3 consecutive months without income, uninsured, not on dibao",
            ));
            let mut amount = None;
            if ok {
                amount = ctx.get(P::TEMPORARY_RELIEF_UNINSURED_WORKER_AMOUNT);
                if amount.is_none() {
                    review.push(review!(
                        ctx.explain,
                        &c::TR_AMOUNT,
                        "一次性临时救助金额未设定",
                        "the one-off amount is not set",
                    ));
                }
            }
            routes.push((Some(ok), amount));
        }
    }
    if routes.is_empty() {
        checks.push(check!(
            ctx.explain,
            &c::TR_EMERGENCY,
            "-",
            "",
            None,
            "无急难事件、刚性支出或失业情形",
            "no emergency, rigid spending or unemployment facts",
        ));
        d.status = Status::NotApplicable;
        return Ok(finish(ctx.explain, Program::TemporaryRelief, d));
    }
    // Routes are alternatives: the best route that holds and has an amount decides.
    let paying: Vec<Decimal> = routes
        .iter()
        .filter(|(ok, _)| *ok == Some(true))
        .filter_map(|(_, a)| *a)
        .collect();
    d.status = if !paying.is_empty() {
        Status::Eligible
    } else if routes.iter().any(|(ok, _)| *ok != Some(false)) {
        Status::NeedsReview
    } else {
        Status::Ineligible
    };
    if d.status == Status::Eligible {
        let mut best = paying.into_iter().max().unwrap_or_default();
        if let Some(cap) = cap
            && best > cap
        {
            step!(ctx.explain, arithmetic, "封顶 / cap: {}", money::show(cap));
            best = cap;
        }
        let mode = ctx.rounding();
        let r = money::round_amount(best, mode);
        checks.push(check!(
            ctx.explain,
            &c::TR_AMOUNT,
            r.to_string(),
            cap.map_or(String::new(), |c| format!("≤ {}", money::show(c))),
            Some(true),
            format!("一次性临时救助 {r} 元"),
            format!("one-off relief {r}"),
        ));
        d.amount = Some(r);
    }
    Ok(finish(ctx.explain, Program::TemporaryRelief, d))
}
