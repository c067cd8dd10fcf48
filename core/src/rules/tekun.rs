//! 特困人员救助供养, per person: the three conditions of TK-2021 第4条, the minors' rules,
//! self-care tiers, the basic and care standards, and termination.

use rust_decimal::Decimal;

use crate::calendar::{self, AgeRule};
use crate::case::{
    DisabilityCategory as Cat, IncomeSubtype, Member, ObligorRelation, Residence, Schooling,
    Status as MemberStatus,
};
use crate::error::Error;
use crate::money;
use crate::outcome::{Check, MemberProgram, Review, Status};
use crate::policy::registry as P;
use crate::rules::catalog::{self as c, Rule};
use crate::rules::ctx::Ctx;
use crate::rules::{
    Draft, decide, dibao, finish_member, income, kleene_all, kleene_and, kleene_or, law,
    own_income_check,
};

/// The members supported as tekun, who are therefore not counted for dibao (tekun first,
/// `tekun.excludes_from_dibao`; docs/law/open-points.md §12): those found eligible now, and
/// those already enrolled unless now found ineligible.
pub(crate) fn excluded_from_dibao(ctx: &mut Ctx<'_>, results: &[MemberProgram]) -> Vec<String> {
    if ctx.get(P::TEKUN_EXCLUDES_FROM_DIBAO) == Some(false) {
        return Vec::new();
    }
    ctx.case
        .members
        .iter()
        .filter(|m| {
            let r = results.iter().find(|r| r.member == m.id).map(|r| r.status);
            r == Some(Status::Eligible) || (m.tekun_enrolled && r != Some(Status::Ineligible))
        })
        .map(|m| m.id.clone())
        .collect()
}

fn labour_checks(ctx: &Ctx<'_>, m: &Member, checks: &mut Vec<Check>) -> Option<bool> {
    let age = ctx.age(m);
    let mut any: Option<bool> = Some(false);
    let ex = ctx.explain;
    let mut route = |rule: &Rule,
                     passed: Option<bool>,
                     obs: &dyn Fn() -> String,
                     zh: &'static str,
                     en: &'static str,
                     checks: &mut Vec<Check>| {
        if passed != Some(false) {
            checks.push(check!(ex, rule, obs(), "", passed, zh, en));
        }
        any = kleene_or(any, passed);
    };
    route(
        &c::TEKUN_AGE_60,
        Some(law::is_elderly(age)),
        &|| format!("{age}"),
        "年满60周岁",
        "aged 60 or over",
        checks,
    );
    let continuing = m.tekun_enrolled && age >= law::TEKUN_MINOR_AGE;
    route(
        &c::TEKUN_MINOR_16,
        Some(age < law::TEKUN_MINOR_AGE),
        &|| format!("{age}"),
        "未满16周岁",
        "under 16",
        checks,
    );
    let disability = m
        .disability
        .as_ref()
        .filter(|d| d.certified() != Some(false))
        .map(|d| match (d.category, d.grade) {
            (Cat::Intellectual | Cat::Mental, 1..=3)
            | (Cat::Physical, 1..=2)
            | (Cat::Visual, 1) => Some(true),
            (Cat::Multiple, _) => None,
            _ => Some(false),
        });
    if let Some(p) = disability {
        route(
            &c::TEKUN_DISABILITY,
            p,
            &|| format!("{:?}", m.disability.as_ref().map(|d| (d.category, d.grade))),
            "残疾类别和等级符合无劳动能力规定(多重残疾需认定)",
            "disability category and grade meet the rule (multiple disability needs a decision)",
            checks,
        );
    }
    if continuing {
        let ok = law::is_minor(age)
            || matches!(
                m.schooling,
                Schooling::Compulsory | Schooling::SeniorHigh | Schooling::SecondaryVocational
            );
        route(
            &c::TEKUN_CONTINUATION,
            Some(ok),
            &|| format!("{age}"),
            "已认定的特困未成年人继续供养",
            "a tekun minor continues",
            checks,
        );
    }
    any
}

fn tekun_excluded(r: &crate::case::Income) -> bool {
    matches!(
        r.subtype,
        IncomeSubtype::ResidentsPensionBasic
            | IncomeSubtype::YoufuFuxu
            | IncomeSubtype::OldAgeAllowance
            | IncomeSubtype::SocialAssistance
            | IncomeSubtype::FamilyPlanning
            | IncomeSubtype::Scholarship
            | IncomeSubtype::HeroismAward
    )
}

/// Evaluates one member.
pub(crate) fn evaluate_member(ctx: &mut Ctx<'_>, m: &Member) -> Result<MemberProgram, Error> {
    // Sized for the usual number of checks, so the vector is not regrown.
    let mut checks = Vec::with_capacity(16);
    let mut review: Vec<Review> = Vec::new();
    let mut arithmetic = Vec::new();
    let std = dibao::standard(ctx);

    let labour = labour_checks(ctx, m, &mut checks);
    checks.push(check!(
        ctx.explain,
        &c::TEKUN_NO_LABOUR,
        format!("{}", ctx.age(m)),
        "",
        labour,
        "无劳动能力",
        "no labour capacity",
    ));
    checks.push(check!(
        ctx.explain,
        &c::TEKUN_ORPHAN,
        m.chose_orphan_allowance.to_string(),
        "false",
        Some(!m.chose_orphan_allowance),
        "未选择孤儿保障",
        "has not chosen the orphan guarantee",
    ));
    let in_prison = m.statuses.contains(&MemberStatus::Prison);
    checks.push(check!(
        ctx.explain,
        &c::TEKUN_NOT_IN_PRISON,
        in_prison.to_string(),
        "false",
        Some(!in_prison),
        "未在监狱服刑",
        "not serving a prison sentence",
    ));
    if m.statuses.contains(&MemberStatus::DeclaredMissing) {
        checks.push(check!(
            ctx.explain,
            &c::TEKUN_MISSING,
            "declared_missing",
            "",
            Some(false),
            "已被宣告失踪",
            "declared missing",
        ));
    }
    if m.withdrew_from_tekun {
        checks.push(check!(
            ctx.explain,
            &c::TEKUN_WITHDRAWAL,
            "true",
            "false",
            Some(false),
            "本人申请退出",
            "asked to withdraw",
        ));
    }

    // No source of livelihood: own income below the standard, assets within the tekun rule.
    let own = income::own_monthly(ctx, &m.id, tekun_excluded)?;
    own_income_check(
        &c::TEKUN_INCOME,
        own,
        std,
        &mut checks,
        &mut review,
        ctx.explain,
    );
    let held = crate::rules::assets::held_by(&ctx.case.assets, |member| member == m.id);
    let mut asset_checks = Vec::new();
    let mut gaps = Vec::new();
    crate::rules::assets::checks(
        ctx,
        crate::rules::assets::AssetRules::Tekun,
        &held,
        1,
        std,
        &mut asset_checks,
        &mut gaps,
    )?;
    let assets_ok = kleene_all(asset_checks.iter().map(|c| c.passed));
    checks.push(check!(
        ctx.explain,
        &c::TEKUN_ASSETS,
        format!("{} 项/records", held.len()),
        "当地特困财产规定 / local rule",
        assets_ok,
        "本人财产符合当地特困人员财产规定",
        "own assets within the local tekun rule",
    ));

    // Obligors.
    let obligor = obligors(ctx, m, &mut checks);
    checks.push(check!(
        ctx.explain,
        &c::TEKUN_OBLIGOR,
        ctx.case
            .obligors
            .iter()
            .filter(|o| o.for_member == m.id)
            .count()
            .to_string(),
        "",
        obligor,
        "无法定义务人或义务人均无履行能力",
        "no legal obligor, or none able to support",
    ));

    // Self-care tier.
    let tier = m.self_care.map(|sc| law::self_care_tier(sc.failed()));
    match (m.self_care, tier) {
        (Some(sc), Some(t)) => checks.push(check!(
            ctx.explain,
            &c::TEKUN_SELF_CARE,
            format!("{} 项不能自理 / items failed", sc.failed()),
            "0 / 1–3 / ≥4",
            Some(true),
            format!("生活自理能力:{}", tier_zh(t)),
            format!("self-care tier: {t}"),
        )),
        _ => {
            checks.push(check!(
                ctx.explain,
                &c::TEKUN_SELF_CARE,
                "未评估 / not assessed",
                "",
                None,
                "未进行生活自理能力评估",
                "self-care not assessed",
            ));
            review.push(review!(
                ctx.explain,
                &c::TEKUN_SELF_CARE,
                "需由县级民政部门评估生活自理能力以确定照料护理标准",
                "the county must assess self-care to set the care standard",
            ));
        }
    }

    let mut status = decide(&checks, &review, &[]);
    let mut amount = None;
    if status == Status::Eligible {
        match amount_for(ctx, std, tier, &mut arithmetic, &mut checks)? {
            Some(a) => amount = Some(a),
            None => {
                status = Status::NeedsReview;
                for ch in checks.iter().filter(|c| c.passed.is_none()) {
                    if ch.rule == c::TEKUN_BASIC.id {
                        review.push(review!(ctx.explain, &c::TEKUN_BASIC, "特困人员基本生活标准未设定(tekun.basic_standard 或 tekun.basic_ratio_to_dibao)", "the tekun basic standard is not set (tekun.basic_standard or tekun.basic_ratio_to_dibao)"));
                    } else if ch.rule == c::TEKUN_CARE.id {
                        review.push(review!(ctx.explain, &c::TEKUN_CARE, "照料护理标准未设定(tekun.care.* 或 reference.minimum_wage_tier)", "the care standard is not set (tekun.care.* or reference.minimum_wage_tier)"));
                    }
                }
            }
        }
    }
    if m.tekun_enrolled && status == Status::Ineligible {
        checks.push(check!(ctx.explain, &c::TEKUN_TERMINATION, "enrolled", "", Some(false),
            "已不符合特困条件:经7天公示后自次月起终止供养,符合条件的及时转入低保等", "no longer eligible: support stops from the next month after 7-day publicity; move to dibao or other help if eligible"));
    }
    Ok(finish_member(
        ctx.explain,
        &m.id,
        tier,
        Draft::of(status, amount, arithmetic, checks, review),
    ))
}

fn tier_zh(t: &str) -> &'static str {
    match t {
        "self_care" => "全自理",
        "partial" => "部分丧失",
        _ => "完全丧失",
    }
}

fn obligors(ctx: &mut Ctx<'_>, m: &Member, checks: &mut Vec<Check>) -> Option<bool> {
    let disposable = ctx.get(P::REFERENCE_PER_CAPITA_DISPOSABLE_INCOME);
    let as_of = ctx.case.as_of;
    let mut all_unable = Some(true);
    for o in ctx.case.obligors.iter().filter(|o| o.for_member == m.id) {
        if matches!(
            o.relation,
            ObligorRelation::Grandchild | ObligorRelation::Grandparent | ObligorRelation::Sibling
        ) {
            match o.nearer_obligors_unable {
                Some(false) => {
                    checks.push(check!(
                        ctx.explain,
                        &c::TEKUN_OBLIGOR_NOT,
                        o.id.clone(),
                        "",
                        Some(true),
                        format!("{} 的近一级义务人健在且有能力,其不负扶养义务", o.id),
                        format!(
                            "{}: the nearer obligors are alive and able, so no duty arises",
                            o.id
                        ),
                    ));
                    continue;
                }
                None => {
                    checks.push(check!(
                        ctx.explain,
                        &c::TEKUN_OBLIGOR_NOT,
                        o.id.clone(),
                        "",
                        None,
                        format!("{} 是否负有义务取决于近一级义务人情况,未说明", o.id),
                        format!(
                            "{}: whether a duty arises depends on the nearer obligors, not stated",
                            o.id
                        ),
                    ));
                    all_unable = kleene_and(all_unable, None);
                    continue;
                }
                Some(true) => {}
            }
        }
        let age = calendar::age_on(o.birth_date, as_of, ctx.age_rule);
        let low_income = match (o.annual_income, disposable) {
            (Some(i), Some(d)) => Some(i < d),
            _ => None,
        };
        let assets_ok = o.assets_within_low_income_rule;
        let severe = match &o.disability {
            Some(d) => law::severe_or_grade3_intellectual_mental(ctx, d),
            None => false,
        };
        let routes: [(&Rule, Option<bool>); 5] = [
            (&c::TEKUN_OBLIGOR_TEKUN, Some(o.tekun)),
            (
                &c::TEKUN_OBLIGOR_DIBAO_60,
                Some(o.dibao && law::is_elderly(age)),
            ),
            (
                &c::TEKUN_OBLIGOR_AGE_70,
                if age >= law::OBLIGOR_ADVANCED_AGE {
                    kleene_and(low_income, assets_ok)
                } else {
                    Some(false)
                },
            ),
            (
                &c::TEKUN_OBLIGOR_DISABLED,
                if severe {
                    kleene_and(low_income, assets_ok)
                } else {
                    Some(false)
                },
            ),
            (
                &c::TEKUN_OBLIGOR_INCAPACITY,
                if o.no_civil_capacity || o.declared_missing || o.in_prison {
                    assets_ok
                } else {
                    Some(false)
                },
            ),
        ];
        let mut unable = Some(false);
        for (rule, r) in routes {
            if r != Some(false) {
                checks.push(check!(
                    ctx.explain,
                    rule,
                    format!("{} ({age})", o.id),
                    "",
                    r,
                    format!("义务人 {} 无履行义务能力的情形", o.id),
                    format!("obligor {}: a ground of incapacity", o.id),
                ));
            }
            unable = kleene_or(unable, r);
        }
        all_unable = kleene_and(all_unable, unable);
    }
    all_unable
}

fn amount_for(
    ctx: &mut Ctx<'_>,
    std: Option<Decimal>,
    tier: Option<&'static str>,
    arithmetic: &mut Vec<String>,
    checks: &mut Vec<Check>,
) -> Result<Option<Decimal>, Error> {
    let basic_key = match ctx.case.residence {
        Residence::Urban => P::TEKUN_BASIC_STANDARD_URBAN,
        Residence::Rural => P::TEKUN_BASIC_STANDARD_RURAL,
    };
    let basic = match (
        ctx.get(basic_key),
        ctx.get(P::TEKUN_BASIC_RATIO_TO_DIBAO),
        std,
    ) {
        (Some(b), _, _) => Some(b),
        (None, Some(r), Some(s)) => {
            let b = money::mul(r, s)?;
            step!(
                ctx.explain,
                arithmetic,
                "基本生活标准 / basic = {r} × {} = {}",
                money::show(s),
                b.normalize()
            );
            Some(b)
        }
        _ => None,
    };
    let Some(tier) = tier else { return Ok(None) };
    let (amount_key, ratio_key) = match tier {
        "self_care" => (P::TEKUN_CARE_SELF_CARE_AMOUNT, None),
        "partial" => (
            P::TEKUN_CARE_PARTIAL_AMOUNT,
            Some(P::TEKUN_CARE_PARTIAL_RATIO_TO_MIN_WAGE),
        ),
        _ => (
            P::TEKUN_CARE_FULL_AMOUNT,
            Some(P::TEKUN_CARE_FULL_RATIO_TO_MIN_WAGE),
        ),
    };
    let care = match ctx.get(amount_key) {
        Some(a) => Some(a),
        None => match ratio_key.and_then(|k| ctx.get(k)) {
            Some(r) => {
                let wage_key = match ctx.get(P::REFERENCE_MINIMUM_WAGE_TIER) {
                    Some(1) => Some(P::REFERENCE_MINIMUM_WAGE_TIER1),
                    Some(2) => Some(P::REFERENCE_MINIMUM_WAGE_TIER2),
                    Some(3) => Some(P::REFERENCE_MINIMUM_WAGE_TIER3),
                    Some(4) => Some(P::REFERENCE_MINIMUM_WAGE_TIER4),
                    _ => None,
                };
                match wage_key.and_then(|k| ctx.get(k)) {
                    Some(w) => {
                        let a = money::mul(r, w)?;
                        step!(
                            ctx.explain,
                            arithmetic,
                            "照料护理 / care = {r} × {} = {}",
                            money::show(w),
                            a.normalize()
                        );
                        Some(a)
                    }
                    None => None,
                }
            }
            None => None,
        },
    };
    if basic.is_none() {
        checks.push(check!(
            ctx.explain,
            &c::TEKUN_BASIC,
            "未设定 / not set",
            "",
            None,
            "特困人员基本生活标准未设定",
            "the basic-living standard is not set",
        ));
    }
    if care.is_none() {
        checks.push(check!(
            ctx.explain,
            &c::TEKUN_CARE,
            "未设定 / not set",
            tier,
            None,
            "该档照料护理标准未设定(或最低工资档次未设定)",
            "the care standard for this tier (or the minimum-wage tier) is not set",
        ));
    }
    let (Some(b), Some(cr)) = (basic, care) else {
        return Ok(None);
    };
    checks.push(check!(
        ctx.explain,
        &c::TEKUN_BASIC,
        money::show(b),
        "",
        Some(true),
        format!("基本生活标准 {} 元", money::show(b)),
        format!("basic-living standard {}", money::show(b)),
    ));
    checks.push(check!(
        ctx.explain,
        &c::TEKUN_CARE,
        money::show(cr),
        tier,
        Some(true),
        format!("照料护理标准 {} 元", money::show(cr)),
        format!("care standard {}", money::show(cr)),
    ));
    let total = money::add(b, cr)?;
    let mode = ctx.rounding();
    let r = money::round_amount(total, mode);
    step!(
        ctx.explain,
        arithmetic,
        "合计 / total = {} + {} = {r}",
        money::show(b),
        money::show(cr)
    );
    let _ = AgeRule::Birthday;
    Ok(Some(r))
}
