//! 特困人员救助供养, per person: the three conditions of TK-2021 第4条, the minors' rules,
//! self-care tiers, the basic and care standards, and termination.

use rust_decimal::Decimal;

use crate::calendar;
use crate::case::{
    DisabilityCategory as Cat, IncomeSubtype, Member, ObligorRelation, Relation, Residence,
    Schooling, Status as MemberStatus,
};
use crate::error::Error;
use crate::money;
use crate::outcome::{Check, MemberProgram, Review, Status, Termination};
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

/// Whether any of `codes` is on the province's list: `Some(false)` with no codes, `None` when
/// there are codes and the province has set no list (TK-2021 第5条(四), 第8条(六)).
fn on_local_list(codes: &[String], list: Option<&[String]>) -> Option<bool> {
    if codes.is_empty() {
        return Some(false);
    }
    list.map(|l| codes.iter().any(|c| l.contains(c)))
}

fn labour_checks(
    ctx: &Ctx<'_>,
    m: &Member,
    local: Option<&[String]>,
    checks: &mut Vec<Check>,
) -> Option<bool> {
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
    // TK-2021 第5条(三); a multiple disability is judged from its components (any one that
    // qualifies suffices) and is undecided when they are not given. The certificate is part of
    // the application (第10条): a qualifying disability whose certificate is not stated is not
    // assumed certified, so the route is undecided.
    let qualifies = |cat: Cat, grade: u8| {
        matches!(
            (cat, grade),
            (Cat::Intellectual | Cat::Mental, 1..=3) | (Cat::Physical, 1..=2) | (Cat::Visual, 1)
        )
    };
    let disability = m
        .disability
        .as_ref()
        .filter(|d| d.certified() != Some(false))
        .map(|d| {
            let grade_ok = match d.category {
                Cat::Multiple if d.components.is_empty() => None,
                Cat::Multiple => Some(d.components.iter().any(|x| qualifies(x.category, x.grade))),
                cat => Some(qualifies(cat, d.grade)),
            };
            match grade_ok {
                Some(true) => d.certified(),
                other => other,
            }
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
    if !m.local_categories.is_empty() {
        route(
            &c::TEKUN_LOCAL_LABOUR,
            on_local_list(&m.local_categories, local),
            &|| m.local_categories.join(", "),
            "属于省级人民政府规定的其他无劳动能力情形(参数 tekun.no_labour_capacity.local_categories)",
            "in another situation of no labour capacity the province sets (parameter tekun.no_labour_capacity.local_categories)",
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

/// Income TK-2021 第6条 leaves out of a tekun person's income: the centrally set basic portion
/// of the residents' pension, social-insurance benefits it names (basic medical insurance and
/// the like), 优待抚恤金 and 高龄津贴. Nothing else by default: social assistance,
/// family-planning payments, scholarships and 见义勇为 awards are left out only for dibao
/// (DB-2021 第13条) or where the province lists them in `tekun.income.extra_excluded_subtypes`.
fn tekun_excluded(extra: &[String]) -> impl Fn(&crate::case::Income) -> bool + '_ {
    move |r| {
        matches!(
            r.subtype,
            IncomeSubtype::ResidentsPensionBasic
                | IncomeSubtype::YoufuFuxu
                | IncomeSubtype::OldAgeAllowance
        ) || extra.iter().any(|e| e == r.subtype.as_str())
    }
}

/// Evaluates one member.
pub(crate) fn evaluate_member(ctx: &mut Ctx<'_>, m: &Member) -> Result<MemberProgram, Error> {
    // Sized for the usual number of checks, so the vector is not regrown.
    let mut checks = Vec::with_capacity(16);
    let mut review: Vec<Review> = Vec::new();
    let mut arithmetic = Vec::new();
    let std = dibao::standard(ctx);

    let local = ctx.get(P::TEKUN_NO_LABOUR_LOCAL_CATEGORIES);
    let labour = labour_checks(ctx, m, local, &mut checks);
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
    let extra = ctx.list(P::TEKUN_INCOME_EXTRA_EXCLUDED_SUBTYPES);
    let own = income::own_monthly(ctx, &m.id, tekun_excluded(extra))?;
    own_income_check(
        &c::TEKUN_INCOME,
        own,
        std,
        &mut checks,
        &mut review,
        ctx.explain,
    );
    let mut asset_checks = Vec::new();
    let records = crate::rules::assets::own_checks(
        ctx,
        crate::rules::assets::AssetRules::Tekun,
        &m.id,
        std,
        &mut asset_checks,
    )?;
    let assets_ok = kleene_all(asset_checks.iter().map(|c| c.passed));
    checks.push(check!(
        ctx.explain,
        &c::TEKUN_ASSETS,
        format!("{records} 项/records"),
        "当地特困财产规定 / local rule",
        assets_ok,
        "本人财产符合当地特困人员财产规定",
        "own assets within the local tekun rule",
    ));

    // Obligors.
    let (obligor, obligor_count) = obligors(ctx, m, &mut checks)?;
    checks.push(check!(
        ctx.explain,
        &c::TEKUN_OBLIGOR,
        obligor_count.to_string(),
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
        match amount_for(ctx, m, std, tier, &mut arithmetic, &mut checks, &mut review)? {
            Some(a) => amount = Some(a),
            None => status = Status::NeedsReview,
        }
    }
    if m.tekun_enrolled && status == Status::Ineligible {
        checks.push(check!(ctx.explain, &c::TEKUN_TERMINATION, "enrolled", "", Some(false),
            "已不符合特困条件:经7天公示后自次月起终止供养,符合条件的及时转入低保等", "no longer eligible: support stops from the next month after 7-day publicity; move to dibao or other help if eligible"));
    }
    let mut out = finish_member(
        ctx.explain,
        &m.id,
        tier,
        Draft::of(status, amount, arithmetic, checks, review),
    );
    // TK-2021 第17条 and 第25条: payment starts, and a termination takes effect, from the month
    // after the decision; the assessment date stands for the decision date.
    let next_month = calendar::add_months(calendar::month_start(ctx.case.as_of), 1)
        .map(|d| format!("{:04}-{:02}", d.year(), d.month()));
    if out.status == Status::Eligible && !m.tekun_enrolled {
        out.first_payment_month.clone_from(&next_month);
    }
    if m.tekun_enrolled && out.status == Status::Ineligible {
        out.termination = next_month.map(|stops| Termination {
            publicity_days: law::TEKUN_TERMINATION_PUBLICITY_DAYS,
            stops_from_month: stops,
            written_reasons: true,
            transfer_to: vec!["dibao", "temporary_relief"],
        });
    }
    Ok(out)
}

fn tier_zh(t: &str) -> &'static str {
    match t {
        "self_care" => "全自理",
        "partial" => "部分丧失",
        _ => "完全丧失",
    }
}

/// How a household member is related to `m`, from both members' relations to the applicant
/// (docs/law/tekun.md §4). `Unknown` where the pair cannot be derived (the applicant's spouse
/// and the applicant's child may or may not be parent and child, and so on).
enum Kin {
    Is(ObligorRelation),
    Unknown,
    None,
}

fn kin(m: Relation, other: Relation) -> Kin {
    use ObligorRelation as O;
    use Relation as R;
    match (m, other) {
        (R::Applicant, R::Spouse) | (R::Spouse, R::Applicant) => Kin::Is(O::Spouse),
        (R::Applicant, R::Child) | (R::Parent, R::Applicant) => Kin::Is(O::Child),
        (R::Applicant, R::Parent) | (R::Child, R::Applicant) => Kin::Is(O::Parent),
        (R::Applicant, R::Grandchild) | (R::Grandparent, R::Applicant) => Kin::Is(O::Grandchild),
        (R::Applicant, R::Grandparent) | (R::Grandchild, R::Applicant) => Kin::Is(O::Grandparent),
        (R::Applicant, R::Sibling)
        | (R::Sibling, R::Applicant | R::Sibling)
        | (R::Child, R::Child) => Kin::Is(O::Sibling),
        (R::Child, R::Parent) => Kin::Is(O::Grandparent),
        (R::Parent, R::Child) => Kin::Is(O::Grandchild),
        (R::Spouse, R::Child)
        | (R::Child, R::Spouse | R::Grandchild)
        | (R::Parent, R::Parent | R::Sibling | R::Grandparent)
        | (R::Sibling, R::Parent)
        | (R::Grandchild, R::Child | R::ChildInLaw | R::Grandchild)
        | (R::ChildInLaw, R::Grandchild)
        | (R::Grandparent, R::Parent | R::Grandparent) => Kin::Unknown,
        _ => Kin::None,
    }
}

/// One possible obligor of the member: a listed record or another household member.
struct Candidate<'a> {
    id: &'a str,
    kin: Kin,
    birth: jiff::civil::Date,
    deceased: bool,
    /// For a younger sibling: raised by the member (CC 第1075条第2款).
    raised: Option<bool>,
    /// Listed records only: the stated answer on the nearer obligors.
    nearer_stated: Option<bool>,
    /// Whether this person lacks the capacity to support (TK-2021 第8条).
    unable: Option<bool>,
}

/// TK-2021 第8条 for a listed obligor record.
fn record_unable(
    ctx: &mut Ctx<'_>,
    o: &crate::case::Obligor,
    checks: &mut Vec<Check>,
) -> Option<bool> {
    let disposable = ctx.get(P::REFERENCE_PER_CAPITA_DISPOSABLE_INCOME);
    let age = calendar::age_on(o.birth_date, ctx.case.as_of, ctx.age_rule);
    let low_income = match (o.annual_income, disposable) {
        (Some(i), Some(d)) => Some(i < d),
        _ => None,
    };
    let severe = match &o.disability {
        Some(d) => law::severe_or_grade3_intellectual_mental(ctx, d),
        None => false,
    };
    let f = Facts {
        tekun: o.tekun,
        dibao: o.dibao,
        age,
        low_income,
        assets_ok: o.assets_within_low_income_rule,
        severe,
        incapacitated: o.no_civil_capacity || o.declared_missing || o.in_prison,
        local: on_local_list(
            &o.local_categories,
            ctx.get(P::TEKUN_OBLIGOR_INCAPACITY_LOCAL_CATEGORIES),
        ),
    };
    incapacity_routes(ctx, &o.id, &f, checks)
}

struct Facts {
    tekun: bool,
    dibao: bool,
    age: i32,
    low_income: Option<bool>,
    assets_ok: Option<bool>,
    severe: bool,
    incapacitated: bool,
    /// A situation on the province's list (第8条(六)); `None` when there is no list to read.
    local: Option<bool>,
}

fn incapacity_routes(ctx: &Ctx<'_>, id: &str, f: &Facts, checks: &mut Vec<Check>) -> Option<bool> {
    let age = f.age;
    let routes: [(&Rule, Option<bool>); 6] = [
        (&c::TEKUN_OBLIGOR_TEKUN, Some(f.tekun)),
        (
            &c::TEKUN_OBLIGOR_DIBAO_60,
            Some(f.dibao && law::is_elderly(age)),
        ),
        (
            &c::TEKUN_OBLIGOR_AGE_70,
            if age >= law::OBLIGOR_ADVANCED_AGE {
                kleene_and(f.low_income, f.assets_ok)
            } else {
                Some(false)
            },
        ),
        (
            &c::TEKUN_OBLIGOR_DISABLED,
            if f.severe {
                kleene_and(f.low_income, f.assets_ok)
            } else {
                Some(false)
            },
        ),
        (
            &c::TEKUN_OBLIGOR_INCAPACITY,
            if f.incapacitated {
                f.assets_ok
            } else {
                Some(false)
            },
        ),
        (&c::TEKUN_OBLIGOR_LOCAL, f.local),
    ];
    let mut unable = Some(false);
    for (rule, r) in routes {
        if r != Some(false) {
            checks.push(check!(
                ctx.explain,
                rule,
                format!("{id} ({age})"),
                "",
                r,
                format!("义务人 {id} 无履行义务能力的情形"),
                format!("obligor {id}: a ground of incapacity"),
            ));
        }
        unable = kleene_or(unable, r);
    }
    unable
}

/// TK-2021 第8条 for a household member, judged from the member's own facts: tekun enrolled,
/// the household on dibao and the member 60 or over, own income (12 × the monthly own income
/// under the tekun income definition) against last year's per-capita disposable income, own
/// assets against the near-dibao (low-income family) asset rule, severe disability, prison or
/// declared missing.
fn member_unable(
    ctx: &mut Ctx<'_>,
    o: &Member,
    checks: &mut Vec<Check>,
) -> Result<Option<bool>, Error> {
    let age = ctx.age(o);
    let extra = ctx.list(P::TEKUN_INCOME_EXTRA_EXCLUDED_SUBTYPES);
    let monthly = income::own_monthly(ctx, &o.id, tekun_excluded(extra))?;
    let disposable = ctx.get(P::REFERENCE_PER_CAPITA_DISPOSABLE_INCOME);
    let low_income = match (monthly, disposable) {
        (Some(i), Some(d)) => Some(money::mul(Decimal::from(12), i)? < d),
        _ => None,
    };
    let severe = o
        .disability
        .as_ref()
        .filter(|d| d.certified() != Some(false))
        .is_some_and(|d| law::severe_or_grade3_intellectual_mental(ctx, d));
    let incapacitated = o.statuses.contains(&MemberStatus::Prison)
        || o.statuses.contains(&MemberStatus::DeclaredMissing);
    // The asset test only matters for the routes that need it.
    let needs_assets = incapacitated || severe || age >= law::OBLIGOR_ADVANCED_AGE;
    let assets_ok = if needs_assets {
        let mut asset_checks = Vec::new();
        let std = dibao::standard(ctx);
        crate::rules::assets::own_checks(
            ctx,
            crate::rules::assets::AssetRules::NearDibao,
            &o.id,
            std,
            &mut asset_checks,
        )?;
        kleene_all(asset_checks.iter().map(|c| c.passed))
    } else {
        None
    };
    let f = Facts {
        tekun: o.tekun_enrolled,
        dibao: ctx.case.history.enrolled_dibao,
        age,
        low_income,
        assets_ok,
        severe,
        incapacitated,
        local: on_local_list(
            &o.local_categories,
            ctx.get(P::TEKUN_OBLIGOR_INCAPACITY_LOCAL_CATEGORIES),
        ),
    };
    Ok(incapacity_routes(ctx, &o.id, &f, checks))
}

/// Whether all the nearer obligors of a kind (the member's parents for a grandparent or an
/// elder sibling, the member's children for a grandchild) are dead or unable. A listed
/// record's own statement wins; otherwise the known candidates decide; none known: not stated.
fn nearer_unable(
    cands: &[Candidate<'_>],
    nearer: ObligorRelation,
    stated: Option<bool>,
) -> Option<bool> {
    if stated.is_some() {
        return stated;
    }
    let mut any = false;
    let mut all = Some(true);
    for c in cands {
        if matches!(&c.kin, Kin::Is(r) if *r == nearer) {
            any = true;
            all = kleene_and(all, if c.deceased { Some(true) } else { c.unable });
        }
    }
    if any { all } else { None }
}

/// The obligor condition of TK-2021 第4条(三): every legal obligor (CC 第1059、1067、1072、
/// 1074、1075条), listed or living in the household, is dead or lacks capacity (第8条).
fn obligors(
    ctx: &mut Ctx<'_>,
    m: &Member,
    checks: &mut Vec<Check>,
) -> Result<(Option<bool>, usize), Error> {
    let case = ctx.case;
    let m_age = ctx.age(m);
    let mut cands: Vec<Candidate<'_>> = Vec::new();
    for o in case.obligors.iter().filter(|o| o.for_member == m.id) {
        let unable = if o.deceased {
            Some(true)
        } else {
            record_unable(ctx, o, checks)
        };
        cands.push(Candidate {
            id: &o.id,
            kin: Kin::Is(o.relation),
            birth: o.birth_date,
            deceased: o.deceased,
            raised: o.raised_by_member,
            nearer_stated: o.nearer_obligors_unable,
            unable,
        });
    }
    for o in case.members.iter().filter(|o| o.id != m.id) {
        let k = kin(m.relation, o.relation);
        if matches!(k, Kin::None) {
            continue;
        }
        let unable = member_unable(ctx, o, checks)?;
        let raised = if m.relation == Relation::Applicant && o.relation == Relation::Sibling {
            o.raised_by_applicant
        } else {
            None
        };
        cands.push(Candidate {
            id: &o.id,
            kin: k,
            birth: o.birth_date,
            deceased: false,
            raised,
            nearer_stated: None,
            unable,
        });
    }
    let minor = law::is_minor(m_age);
    let mut all_unable = Some(true);
    let mut count = 0;
    for c in &cands {
        // Whether this person owes the member support at all.
        let duty: Option<bool> = if c.deceased {
            Some(false)
        } else {
            match &c.kin {
                Kin::None => Some(false),
                Kin::Unknown => None,
                // 第1059条; 第1067条: parents owe a minor child or an adult child who cannot
                // live independently (a tekun applicant lacks labour capacity and livelihood).
                Kin::Is(ObligorRelation::Spouse | ObligorRelation::Parent) => Some(true),
                // 第1067条: adult children owe their parents.
                Kin::Is(ObligorRelation::Child) => Some(!law::is_minor(calendar::age_on(
                    c.birth,
                    case.as_of,
                    ctx.age_rule,
                ))),
                // 第1074条第1款: grandparents owe a minor grandchild whose parents are dead
                // or unable.
                Kin::Is(ObligorRelation::Grandparent) => {
                    if minor {
                        nearer_unable(&cands, ObligorRelation::Parent, c.nearer_stated)
                    } else {
                        Some(false)
                    }
                }
                // 第1074条第2款: grandchildren owe a grandparent whose children are dead or
                // unable.
                Kin::Is(ObligorRelation::Grandchild) => {
                    nearer_unable(&cands, ObligorRelation::Child, c.nearer_stated)
                }
                // 第1075条: an elder sibling owes a minor younger one whose parents are dead or
                // unable; a younger sibling raised by the elder one owes that elder sibling.
                Kin::Is(ObligorRelation::Sibling) => match c.birth.cmp(&m.birth_date) {
                    std::cmp::Ordering::Less if minor => {
                        nearer_unable(&cands, ObligorRelation::Parent, c.nearer_stated)
                    }
                    std::cmp::Ordering::Less => Some(false),
                    std::cmp::Ordering::Greater => {
                        c.raised.map(|r| r && c.nearer_stated != Some(false))
                    }
                    std::cmp::Ordering::Equal => None,
                },
            }
        };
        let cited = matches!(
            c.kin,
            Kin::Unknown
                | Kin::Is(
                    ObligorRelation::Grandchild
                        | ObligorRelation::Grandparent
                        | ObligorRelation::Sibling
                )
        ) || c.deceased;
        match duty {
            Some(false) => {
                if cited {
                    checks.push(check!(
                        ctx.explain,
                        &c::TEKUN_OBLIGOR_NOT,
                        c.id.to_owned(),
                        "",
                        Some(true),
                        format!("{} 不负扶养义务(已死亡,或民法典第1074、1075条的条件不具备)", c.id),
                        format!(
                            "{}: owes no support (deceased, or CC 第1074–1075条 conditions not met)",
                            c.id
                        ),
                    ));
                }
            }
            Some(true) => {
                count += 1;
                all_unable = kleene_and(all_unable, c.unable);
            }
            None => {
                // Matters only when the person could support.
                if c.unable != Some(true) {
                    checks.push(check!(
                        ctx.explain,
                        &c::TEKUN_OBLIGOR_NOT,
                        c.id.to_owned(),
                        "",
                        None,
                        format!("{} 是否负有扶养义务无法从所给关系和事实判定,未说明", c.id),
                        format!(
                            "{}: whether a duty of support arises cannot be told from the relations and facts given",
                            c.id
                        ),
                    ));
                    all_unable = kleene_and(all_unable, None);
                }
            }
        }
    }
    Ok((all_unable, count))
}

/// The monthly amount: the local basic-living standard plus the local care standard for the
/// tier. The 1.3 × dibao rule and the shares of the minimum wage are floors (原则上不低于), not
/// amounts: where only a floor is known the outcome needs review, stating the floor.
fn amount_for(
    ctx: &mut Ctx<'_>,
    m: &Member,
    std: Option<Decimal>,
    tier: Option<&'static str>,
    arithmetic: &mut Vec<String>,
    checks: &mut Vec<Check>,
    review: &mut Vec<Review>,
) -> Result<Option<Decimal>, Error> {
    let urban = ctx.get(P::TEKUN_BASIC_STANDARD_URBAN);
    let rural = ctx.get(P::TEKUN_BASIC_STANDARD_RURAL);
    let by_residence = match ctx.case.residence {
        Residence::Urban => urban,
        Residence::Rural => rural,
    };
    // TK-2021 第19条: where the region's urban and rural standards differ, relocation to town
    // under 易地扶贫搬迁 means the urban standard, and contracted land or collective income
    // distribution normally the rural one; neither stated: undecided.
    let basic = match (urban, rural) {
        (Some(u), Some(r)) if u != r => {
            let (choice, why): (Option<Decimal>, &str) =
                match (m.relocated_to_town, m.contracted_land) {
                    (Some(true), _) => (Some(u), "relocated_to_town"),
                    (_, Some(true)) => (Some(r), "contracted_land"),
                    (_, Some(false)) => (by_residence, "residence"),
                    (_, None) => (None, "not stated"),
                };
            checks.push(check!(
                ctx.explain,
                &c::TEKUN_STANDARD_AREA,
                why,
                format!("{} / {}", money::show(u), money::show(r)),
                choice.map(|_| true),
                match choice {
                    Some(x) => format!("城乡标准不一致,适用 {} 元", money::show(x)),
                    None => "城乡标准不一致,是否有承包土地或易地扶贫搬迁未说明".to_owned(),
                },
                match choice {
                    Some(x) => format!(
                        "urban and rural standards differ; {} applies",
                        money::show(x)
                    ),
                    None =>
                        "urban and rural standards differ; contracted land or relocation not stated"
                            .to_owned(),
                },
            ));
            if choice.is_none() {
                review.push(review!(
                    ctx.explain,
                    &c::TEKUN_STANDARD_AREA,
                    "城乡特困标准不一致:需查明是否有承包土地、参加集体经济组织收益分配或易地扶贫搬迁进城",
                    "urban and rural tekun standards differ: find out about contracted land, collective distribution or relocation to town",
                ));
                return Ok(None);
            }
            choice
        }
        _ => by_residence,
    };
    if basic.is_none() {
        let ratio = ctx.get(P::TEKUN_BASIC_RATIO_TO_DIBAO);
        let names = Unset {
            rule: &c::TEKUN_BASIC,
            floor_step: "基本生活标准下限 / basic floor",
            zh: "当地特困人员基本生活标准未设定",
            en: "the local tekun basic-living standard is not set",
            key: "tekun.basic_standard",
            tier: "",
        };
        unset_standard(ctx, &names, ratio, std, arithmetic, checks, review)?;
    }
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
    let care = ctx.get(amount_key);
    if care.is_none() {
        let wage_key = match ctx.get(P::REFERENCE_MINIMUM_WAGE_TIER) {
            Some(1) => Some(P::REFERENCE_MINIMUM_WAGE_TIER1),
            Some(2) => Some(P::REFERENCE_MINIMUM_WAGE_TIER2),
            Some(3) => Some(P::REFERENCE_MINIMUM_WAGE_TIER3),
            Some(4) => Some(P::REFERENCE_MINIMUM_WAGE_TIER4),
            _ => None,
        };
        let ratio = ratio_key.and_then(|k| ctx.get(k));
        let wage = wage_key.and_then(|k| ctx.get(k));
        let names = Unset {
            rule: &c::TEKUN_CARE,
            floor_step: "照料护理标准下限 / care floor",
            zh: "当地该档照料护理标准未设定",
            en: "the local care standard for this tier is not set",
            key: "tekun.care.* 或/or reference.minimum_wage_tier",
            tier,
        };
        unset_standard(ctx, &names, ratio, wage, arithmetic, checks, review)?;
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
    Ok(Some(r))
}

/// A tekun standard the locality has not set.
struct Unset {
    rule: &'static Rule,
    floor_step: &'static str,
    zh: &'static str,
    en: &'static str,
    key: &'static str,
    tier: &'static str,
}

/// The undecided check and its review for an unset standard, stating the floor
/// ("原则上不低于" `ratio` × `base`) when both are known: a minimum, never paid as the amount.
fn unset_standard(
    ctx: &mut Ctx<'_>,
    u: &Unset,
    ratio: Option<Decimal>,
    base: Option<Decimal>,
    arithmetic: &mut Vec<String>,
    checks: &mut Vec<Check>,
    review: &mut Vec<Review>,
) -> Result<(), Error> {
    let floor = match (ratio, base) {
        (Some(r), Some(b)) => {
            let f = money::mul(r, b)?;
            step!(
                ctx.explain,
                arithmetic,
                "{} = {r} × {} = {}",
                u.floor_step,
                money::show(b),
                f.normalize()
            );
            Some(f)
        }
        _ => None,
    };
    let (zh, en) = match floor {
        Some(f) => (
            format!(
                "{};原则上不低于 {} 元(下限,不是发放金额)",
                u.zh,
                money::show(f)
            ),
            format!(
                "{}; its floor is {} (a minimum, not the amount paid)",
                u.en,
                money::show(f)
            ),
        ),
        None => (
            format!("{}({})", u.zh, u.key),
            format!("{} ({})", u.en, u.key),
        ),
    };
    checks.push(check!(
        ctx.explain,
        u.rule,
        "未设定 / not set",
        floor.map_or_else(|| u.tier.to_owned(), money::show),
        None,
        zh.clone(),
        en.clone(),
    ));
    review.push(review!(ctx.explain, u.rule, zh, en));
    Ok(())
}
