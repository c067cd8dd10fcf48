//! Household programs without a monthly 补差: rigid-expenditure families (GX-2024), temporary
//! relief (SAIM 第47–49条; TR-2018) and the price-linked subsidy (发改价格〔2021〕1553号).

use rust_decimal::Decimal;

use crate::calendar;
use crate::case::{IncidentKind, Program};
use crate::error::Error;
use crate::money;
use crate::outcome::{Check, ProgramOutcome, Review, Status};
use crate::policy::registry::kind::{Ratio, Signed};
use crate::policy::registry::{self as P, Param};
use crate::rules::assets::{self, AssetRules};
use crate::rules::catalog as c;
use crate::rules::ctx::Ctx;
use crate::rules::household::Household;
use crate::rules::income::{IncomeCalc, rigid_expenditure_12m};
use crate::rules::{Shared, decide, dibao, kleene_all, kleene_any, law};

fn outcome(
    ex: bool,
    program: Program,
    status: Status,
    amount: Option<Decimal>,
    arithmetic: Vec<String>,
    checks: Vec<Check>,
    mut review: Vec<Review>,
) -> ProgramOutcome {
    if status != Status::NeedsReview {
        review.clear();
    } else if review.is_empty() {
        review = crate::rules::reasons_from_undecided(ex, &checks);
    }
    ProgramOutcome {
        program,
        status,
        amount,
        arithmetic,
        checks,
        review,
        to_qualify: Vec::new(),
        members: Vec::new(),
    }
}

fn annual_per_capita(inc: &IncomeCalc, n: usize) -> Result<Option<Decimal>, Error> {
    match inc.total {
        Some(t) if n > 0 => Ok(Some(money::div(
            money::mul(t, Decimal::from(12))?,
            Decimal::from(n),
        )?)),
        _ => Ok(None),
    }
}

/// 刚性支出困难家庭 (GX-2024 第4条).
pub(crate) fn rigid_expenditure(
    ctx: &mut Ctx<'_>,
    h: &Household<'_>,
    inc: &IncomeCalc,
    shared: &Shared<'_>,
    dibao_status: Status,
    near_status: Status,
) -> Result<ProgramOutcome, Error> {
    // Sized for the usual number of checks, so the vector is not regrown.
    let mut checks = Vec::with_capacity(16);
    let review = shared.review.clone();
    let mut arithmetic = Vec::new();
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
    let disposable = ctx.get(P::REFERENCE_PER_CAPITA_DISPOSABLE_INCOME);
    let annual = annual_per_capita(inc, h.size())?;
    let income_ok = match (annual, disposable) {
        (Some(a), Some(d)) => Some(a < d),
        _ => None,
    };
    checks.push(check!(
        ctx.explain,
        &c::RE_INCOME,
        annual.map_or("-".into(), money::show),
        disposable.map_or("未设定 / not set".into(), |d| {
            format!("< {}", money::show(d))
        }),
        income_ok,
        "家庭人均年收入低于上年度当地居民人均可支配收入",
        "annual per-capita income below last year's local per-capita disposable income",
    ));
    let held = &shared.held;
    let mut asset_checks = Vec::new();
    let mut gaps = Vec::new();
    let std = dibao::standard(ctx);
    assets::checks(
        ctx,
        AssetRules::NearDibao,
        held,
        h.size(),
        std,
        &mut asset_checks,
        &mut gaps,
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
    let mut status = decide(&checks, &review, None);
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
    if status == Status::Eligible {
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
    if status == Status::NeedsReview
        && review.is_empty()
        && checks.iter().all(|c| c.passed != Some(false))
    {
        status = Status::NeedsReview;
    }
    Ok(outcome(
        ctx.explain,
        Program::RigidExpenditure,
        status,
        None,
        arithmetic,
        checks,
        review,
    ))
}

fn incident_name(k: IncidentKind) -> &'static str {
    match k {
        IncidentKind::Fire => "fire",
        IncidentKind::TrafficAccident => "traffic_accident",
        IncidentKind::SuddenSeriousIllness => "sudden_serious_illness",
        IncidentKind::NaturalDisaster => "natural_disaster",
        IncidentKind::Other => "other",
    }
}

/// 临时救助: emergency, expenditure and the uninsured-worker one-off.
pub(crate) fn temporary_relief(
    ctx: &mut Ctx<'_>,
    h: &Household<'_>,
    inc: &IncomeCalc,
    dibao_status: Status,
) -> Result<ProgramOutcome, Error> {
    // Sized for the usual number of checks, so the vector is not regrown.
    let mut checks = Vec::with_capacity(16);
    let mut review = Vec::new();
    let mut arithmetic = Vec::new();
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
            incident_name(incident.kind),
            "",
            Some(true),
            format!("{} 发生意外事件或突发重大疾病", incident.date),
            format!("an emergency on {}", incident.date),
        ));
        let prior_ok = cause_prior(incident_name(incident.kind), ctx, &mut checks, &mut review);
        let mut amount = None;
        if prior_ok != Some(false) {
            amount = months_amount(P::TEMPORARY_RELIEF_EMERGENCY_MONTHS, ctx, &mut arithmetic)?;
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
        let disposable = ctx.get(P::REFERENCE_PER_CAPITA_DISPOSABLE_INCOME);
        let annual = annual_per_capita(inc, h.size())?;
        let below = match (annual, disposable) {
            (Some(a), Some(d)) => Some(a < d),
            _ => None,
        };
        checks.push(check!(
            ctx.explain,
            &c::TR_EXPENDITURE_INCOME,
            annual.map_or("-".into(), money::show),
            disposable.map_or("未设定 / not set".into(), |d| {
                format!("< {}", money::show(d))
            }),
            below,
            "人均可支配收入低于上年度当地居民人均可支配收入",
            "per-capita disposable income below last year's local figure",
        ));
        let prior_ok = cause_prior("expenditure", ctx, &mut checks, &mut review);
        let ok = kleene_all([hardship, below, prior_ok].into_iter());
        let mut amount = None;
        if ok != Some(false) {
            amount = months_amount(P::TEMPORARY_RELIEF_EXPENDITURE_MONTHS, ctx, &mut arithmetic)?;
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
        return Ok(outcome(
            ctx.explain,
            Program::TemporaryRelief,
            Status::NotApplicable,
            None,
            arithmetic,
            checks,
            Vec::new(),
        ));
    }
    // Routes are alternatives: the best route that holds and has an amount decides.
    let paying: Vec<Decimal> = routes
        .iter()
        .filter(|(ok, _)| *ok == Some(true))
        .filter_map(|(_, a)| *a)
        .collect();
    let status = if !paying.is_empty() {
        Status::Eligible
    } else if routes.iter().any(|(ok, _)| *ok != Some(false)) {
        Status::NeedsReview
    } else {
        Status::Ineligible
    };
    let mut amount = None;
    if status == Status::Eligible {
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
        amount = Some(r);
    } else if status == Status::NeedsReview && review.is_empty() {
        review.push(review!(
            ctx.explain,
            &c::TR_AMOUNT,
            "存在无法自动判定的条件",
            "a condition could not be decided automatically",
        ));
    }
    Ok(outcome(
        ctx.explain,
        Program::TemporaryRelief,
        status,
        amount,
        arithmetic,
        checks,
        review,
    ))
}

/// 价格临时补贴.
pub(crate) fn price_subsidy(
    ctx: &mut Ctx<'_>,
    h: &Household<'_>,
    dibao_status: Status,
    near_status: Status,
    tekun_members: usize,
) -> Result<ProgramOutcome, Error> {
    // Sized for the usual number of checks, so the vector is not regrown.
    let mut checks = Vec::with_capacity(16);
    let mut review = Vec::new();
    let mut arithmetic = Vec::new();
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
    let mut status = decide(&checks, &review, None);
    let mut amount = None;
    if status == Status::Eligible {
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
                amount = Some(r);
            }
            None => {
                status = Status::NeedsReview;
                review.push(review!(
                    ctx.explain,
                    &c::PS_AMOUNT,
                    "价格临时补贴计算方式或金额未设定",
                    "the subsidy formula or amount is not set",
                ));
            }
        }
    } else if status == Status::NeedsReview {
        review.push(review!(
            ctx.explain,
            &c::PS_TRIGGER,
            "保障对象范围或价格指数数据未设定",
            "covered groups or price data not set",
        ));
    }
    Ok(outcome(
        ctx.explain,
        Program::PriceSubsidy,
        status,
        amount,
        arithmetic,
        checks,
        review,
    ))
}
