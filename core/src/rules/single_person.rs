//! 单人保: a member covered as a one-person household (DB-2021 第8条; DD-2022 一(一)、一(四)).
//!
//! It is a one-person dibao: the member's own income is counted by the dibao income rules
//! (DB-2021 第13条, through [`income::compute_for`]) and the dibao asset test applies to what
//! the member holds (DB-2021 第14条); the family's near-dibao test applies where the route
//! needs a near-dibao family. Routes are alternatives, each with its own conditions.

use rust_decimal::Decimal;

use crate::calendar;
use crate::case::{Employment, Income, IncomeSubtype, Member, Payer, Status as MemberStatus};
use crate::error::Error;
use crate::money;
use crate::outcome::{Check, MemberProgram, Status};
use crate::policy::registry as P;
use crate::rules::assets::{self, AssetRules};
use crate::rules::catalog::{self as c, Rule};
use crate::rules::ctx::Ctx;
use crate::rules::{
    Draft, decide, dibao, finish_member, income, kleene_and, kleene_any, law, own_income_check,
};

/// Evaluates one member, given the household's dibao and near-dibao results.
pub(crate) fn evaluate_member(
    ctx: &mut Ctx<'_>,
    m: &Member,
    dibao_status: Status,
    near_status: Status,
) -> Result<MemberProgram, Error> {
    // Sized for the usual number of checks, so the vector is not regrown.
    let mut checks = Vec::with_capacity(16);
    let mut review = Vec::new();
    let mut arithmetic = Vec::new();
    let std = dibao::standard(ctx);
    let age = ctx.age(m);

    let clergy = m.statuses.contains(&MemberStatus::Clergy);
    let three_years = m
        .left_family_on
        .is_some_and(|d| calendar::at_least_years_after(d, ctx.case.as_of, law::CLERGY_YEARS_AWAY));
    // A clergy member away 3 years or more is not a family member (DB-2021 第7条), so the
    // rule that a dibao-eligible family is covered whole (DD-2022 一(一)) does not bar him.
    if clergy && three_years {
        checks.push(check!(
            ctx.explain,
            &c::SP_NOT_DIBAO,
            dibao_status.as_str(),
            "-",
            Some(true),
            "已不计入家庭成员(第7条),家庭是否符合低保不影响其单独申请",
            "not a family member (第7条): the family's dibao does not bar the application",
        ));
    } else {
        let family_dibao = match dibao_status {
            Status::Eligible => Some(false),
            Status::Ineligible => Some(true),
            _ => None,
        };
        checks.push(check!(
            ctx.explain,
            &c::SP_NOT_DIBAO,
            dibao_status.as_str(),
            "ineligible",
            family_dibao,
            "家庭整体不符合低保(否则应全户纳入)",
            "the whole family does not qualify for dibao (else all are covered)",
        ));
    }
    let near = if ctx.case.history.enrolled_near_dibao {
        Some(true)
    } else {
        match near_status {
            Status::Eligible => Some(true),
            Status::Ineligible => Some(false),
            _ => None,
        }
    };

    // DB-2021 第8条(一) covers holders (持有) of a certificate: one not stated is not assumed.
    let cert = m
        .disability
        .as_ref()
        .and_then(crate::case::Disability::certified);
    let category = m
        .disability
        .as_ref()
        .is_some_and(|d| law::severe_or_grade3_intellectual_mental(ctx, d));
    let severe = category && cert != Some(false);
    let ill = m.illness.as_ref().is_some_and(|i| i.on_local_list);
    // Routes are alternatives: each is recorded, and only their combination decides.
    let mut routes: Vec<(Option<bool>, &'static Rule)> = Vec::new();
    let mut route_reviews = Vec::new();
    if severe || ill {
        checks.push(check!(
            ctx.explain,
            &c::SP_NEAR_FAMILY,
            near.map_or("unknown".into(), |b| b.to_string()),
            "true",
            near,
            "所在家庭为低保边缘家庭",
            "the family is a near-dibao family",
        ));
    }
    if let Some(d) = &m.disability {
        let r = if severe {
            kleene_and(cert, near)
        } else {
            Some(false)
        };
        checks.push(check!(
            ctx.explain,
            &c::SP_DISABILITY,
            format!(
                "{:?} {} 级/grade, 证/certificate {}",
                d.category,
                d.grade,
                cert.map_or("未说明/not stated".into(), |b| b.to_string())
            ),
            "",
            r,
            "持证重度残疾人(或三级智力、精神残疾)且家庭为低保边缘家庭",
            "certificate holder with a severe disability in a near-dibao family",
        ));
        if severe && cert.is_none() {
            route_reviews.push(review!(
                ctx.explain,
                &c::SP_DISABILITY,
                "未说明是否持有残疾人证:第8条(一)要求持证,不予推定",
                "whether a disability certificate is held is not stated: 第8条(一) requires one and it is not assumed",
            ));
        }
        routes.push((r, &c::SP_DISABILITY));
    }
    if let Some(i) = &m.illness {
        let r = if ill { near } else { Some(false) };
        checks.push(check!(
            ctx.explain,
            &c::SP_ILLNESS,
            i.name.clone(),
            "",
            r,
            "患当地认定的重特大疾病且家庭为低保边缘家庭",
            "a locally recognised serious illness in a near-dibao family",
        ));
        routes.push((r, &c::SP_ILLNESS));
    }
    if clergy {
        let r = if three_years {
            m.clergy_hardship
        } else {
            Some(false)
        };
        checks.push(check!(
            ctx.explain,
            &c::SP_CLERGY,
            m.left_family_on.map_or("-".into(), |d| d.to_string()),
            format!("≥ {} 年/years", law::CLERGY_YEARS_AWAY),
            r,
            "在宗教场所居住三年以上(含三年)且生活困难",
            "at a religious venue 3 years or more and in hardship",
        ));
        if r.is_none() {
            route_reviews.push(review!(
                ctx.explain,
                &c::SP_CLERGY,
                "宗教教职人员是否生活困难需当地认定",
                "whether the clergy member is in hardship is a local decision",
            ));
        }
        routes.push((r, &c::SP_CLERGY));
    }
    // DB-2021 第8条(四): groups the county designates, matched by code.
    if !m.local_categories.is_empty() {
        let designated = ctx.get(P::SINGLE_PERSON_LOCAL_CATEGORIES);
        let r = designated.map(|l| m.local_categories.iter().any(|x| l.contains(x)));
        checks.push(check!(
            ctx.explain,
            &c::SP_LOCAL_CATEGORY,
            m.local_categories.join(", "),
            designated.map_or("未设定 / not set".into(), |l| l.join(", ")),
            r,
            "属于县级以上民政部门规定的其他特殊困难人员",
            "in a group the county designates as able to apply alone",
        ));
        if r.is_none() {
            route_reviews.push(review!(ctx.explain, &c::SP_LOCAL_CATEGORY,
                "成员属于当地认定的特殊困难情形,但参数 single_person.local_categories 未设定(第8条(四)由县级以上民政部门规定)",
                "the member is in a locally designated situation but parameter single_person.local_categories is not set (第8条(四) is for county civil affairs)"));
        }
        routes.push((r, &c::SP_LOCAL_CATEGORY));
    }
    let unemployed = matches!(m.employment, None | Some(Employment::Unemployed));
    let grade12 = match m
        .disability
        .as_ref()
        .filter(|d| d.certified() != Some(false))
    {
        Some(d) => law::severely_disabled(ctx, d),
        None => false,
    };
    let mut via_adult_route = false;
    if !law::is_minor(age) && unemployed && grade12 {
        let enabled = ctx.get(P::SINGLE_PERSON_ADULT_SEVERE_DISABILITY_ROUTE);
        checks.push(check!(
            ctx.explain,
            &c::SP_ADULT_DISABLED,
            format!("{age}"),
            "",
            enabled,
            "成年无业重度残疾人参照单人户申请",
            "adult unemployed severely disabled person applying alone",
        ));
        if enabled.is_none() {
            route_reviews.push(review!(ctx.explain, &c::SP_ADULT_DISABLED,
                "国家允许成年无业重度残疾人单独申请,但未规定如何认定;参数 single_person.adult_severe_disability_route 未设定",
                "national policy permits an adult unemployed severely disabled person to apply alone but does not say how; parameter single_person.adult_severe_disability_route is not set"));
        }
        via_adult_route = enabled == Some(true) && !routes.iter().any(|r| r.0 == Some(true));
        routes.push((enabled, &c::SP_ADULT_DISABLED));
    }
    let route_used = routes.iter().find(|r| r.0 == Some(true)).map(|r| r.1.id);
    let any_route = kleene_any(routes.iter().map(|r| r.0));
    if any_route.is_none() {
        review.extend(route_reviews);
    }
    if !checks
        .iter()
        .any(|c| c.rule.starts_with("single_person.route"))
    {
        checks.push(check!(
            ctx.explain,
            &c::SP_DISABILITY,
            "-",
            "",
            Some(false),
            "不属于可单独申请的情形",
            "not in any group that may apply alone",
        ));
    }
    let exempt = via_adult_route
        && ctx.get(P::SINGLE_PERSON_EXEMPT_SUPPORT_FROM_SIBLINGS_ELDERLY) == Some(true);
    if exempt {
        checks.push(check!(
            ctx.explain,
            &c::SP_SUPPORT_EXEMPT,
            "true",
            "",
            Some(true),
            "兄弟姐妹或60周岁以上老人给予的扶养费不计入",
            "support from siblings or people aged 60+ not counted",
        ));
    }
    // The member's own income by the dibao rules, as a household of one.
    let exempt_rule = |r: &Income| -> Option<&'static Rule> {
        (exempt
            && r.subtype == IncomeSubtype::SupportReceived
            && matches!(r.payer, Some(Payer::Sibling | Payer::Aged60Plus)))
        .then_some(&c::SP_SUPPORT_EXEMPT)
    };
    let calc = income::compute_for(ctx, &|id| id == m.id, 1, &exempt_rule)?;
    let own = calc.total;
    if own.is_some() {
        review.extend(calc.review.iter().cloned());
    }
    own_income_check(
        &c::SP_INCOME,
        own,
        std,
        &mut checks,
        &mut review,
        ctx.explain,
    );
    // Income whose counting is unsettled (the residents' basic pension after 2025, spending
    // whose deduction is undecided) decides only where it matters.
    if let (Some(inc), Some(settled), Some(s)) = (own, calc.settled, std)
        && !calc.uncertain.is_zero()
        && (inc < s) != (settled < s)
    {
        if let Some(ch) = checks
            .iter_mut()
            .rev()
            .find(|ch| ch.rule == c::SP_INCOME.id)
        {
            ch.passed = None;
        }
        review.extend(calc.unsettled_review(ctx.explain));
    }
    // The dibao asset test on what the member holds (DB-2021 第14条).
    assets::own_checks(ctx, AssetRules::Dibao, &m.id, std, &mut checks)?;
    // Route checks are alternatives, so judge them through `any_route` only.
    let others: Vec<Check> = checks
        .iter()
        .filter(|c| !c.rule.starts_with("single_person.route") && c.rule != c::SP_NEAR_FAMILY.id)
        .cloned()
        .collect();
    let mut status = match (decide(&others, &review, &[]), any_route) {
        (Status::Ineligible, _) | (_, Some(false)) => Status::Ineligible,
        (Status::NeedsReview, _) | (_, None) => Status::NeedsReview,
        _ => Status::Eligible,
    };
    let mut amount = None;
    if status == Status::Eligible
        && let (Some(inc), Some(s)) = (own, std)
    {
        let rule = ctx.get(P::SINGLE_PERSON_AMOUNT_RULE);
        let raw = match rule {
            Some("full_standard") => Some(s),
            Some("share_of_standard") => ctx
                .get(P::SINGLE_PERSON_SHARE)
                .map(|r| money::mul(r, s))
                .transpose()?,
            // At most the whole standard, as for a household (SAIM 第12条).
            Some("gap") => Some(money::sub(s, inc)?.min(s)),
            _ => None,
        };
        match raw {
            Some(a) => {
                let mode = ctx.rounding();
                let r = money::round_amount(a.max(Decimal::ZERO), mode);
                step!(
                    ctx.explain,
                    arithmetic,
                    "单人户 / one-person household ({}): {} → {r}",
                    rule.unwrap_or("gap"),
                    a.normalize()
                );
                arithmetic.push("仅该成员参照单人户纳入低保,其余家庭成员为低保边缘家庭成员,不享受低保金 / only this member is covered; the rest of the near-dibao family is not".to_owned());
                checks.push(check!(
                    ctx.explain,
                    &c::SP_AMOUNT,
                    a.normalize().to_string(),
                    rule.unwrap_or("").to_owned(),
                    Some(true),
                    format!("参照单人户保障金 {r} 元"),
                    format!("one-person amount {r}"),
                ));
                amount = Some(r);
            }
            None => {
                status = Status::NeedsReview;
                checks.push(check!(
                    ctx.explain,
                    &c::SP_AMOUNT,
                    "未设定 / not set",
                    "single_person.amount_rule",
                    None,
                    "单人保金额计算方式未设定",
                    "the single-person amount rule is not set",
                ));
                review.push(review!(
                    ctx.explain,
                    &c::SP_AMOUNT,
                    "单人保金额计算方式未设定(参数 single_person.amount_rule)",
                    "the single-person amount rule is not set (parameter single_person.amount_rule)",
                ));
            }
        }
    }
    let mut out = finish_member(
        ctx.explain,
        &m.id,
        None,
        Draft::of(status, amount, arithmetic, checks, review),
    );
    out.route = route_used;
    Ok(out)
}
