//! Household assets (家庭财产), DB-2021 第14条: per-kind tests against local rules.
//!
//! The same tests serve dibao and near-dibao; each program reads its own parameter prefix.

use rust_decimal::Decimal;

use crate::case::{Asset, AssetKind, Source, VehicleType, VehicleUse};
use crate::error::Error;
use crate::money;
use crate::outcome::{AssetSummary, Check, Gap};
use crate::policy::registry::{self as P, AssetParams};
use crate::rules::catalog::{self as c, Rule};
use crate::rules::ctx::Ctx;
use crate::rules::household::Household;

/// Which program's asset rules to apply.
#[derive(Clone, Copy)]
pub(crate) enum AssetRules {
    Dibao,
    NearDibao,
    Tekun,
}

/// A program's asset parameters and the rules its checks are reported under (financial,
/// vehicles, housing, non-residential property, business, unlisted kinds).
struct Keys {
    p: AssetParams,
    rules: [&'static Rule; 6],
}

const DIBAO: Keys = Keys {
    p: P::DIBAO_ASSETS,
    rules: [
        &c::DIBAO_ASSETS_FINANCIAL,
        &c::DIBAO_ASSETS_VEHICLES,
        &c::DIBAO_ASSETS_HOUSING,
        &c::DIBAO_ASSETS_NON_RESIDENTIAL,
        &c::DIBAO_ASSETS_BUSINESS,
        &c::DIBAO_ASSETS_OTHER,
    ],
};

const NEAR: Keys = Keys {
    p: P::NEAR_DIBAO_ASSETS,
    rules: [
        &c::NEAR_ASSETS_FINANCIAL,
        &c::NEAR_ASSETS_VEHICLES,
        &c::NEAR_ASSETS_HOUSING,
        &c::NEAR_ASSETS_NON_RESIDENTIAL,
        &c::NEAR_ASSETS_BUSINESS,
        &c::NEAR_ASSETS_OTHER,
    ],
};

const TEKUN: Keys = Keys {
    p: P::TEKUN_ASSETS,
    rules: [
        &c::TEKUN_ASSETS,
        &c::TEKUN_ASSETS,
        &c::TEKUN_ASSETS,
        &c::TEKUN_ASSETS,
        &c::TEKUN_ASSETS,
        &c::TEKUN_ASSETS,
    ],
};

/// Assets of counted members, verified records replacing declared ones per member and kind.
pub(crate) fn counted_assets<'a>(ctx: &Ctx<'a>, h: &Household<'_>) -> Vec<&'a Asset> {
    held_by(&ctx.case.assets, |member| h.is_counted(member))
}

/// The assets of the members `keep` selects, each counted once: where verification reported a
/// member's assets of a kind, those records replace what the member declared of that kind
/// (DB-2021 第17条), so a declared record and its verified counterpart are never added.
pub(crate) fn held_by(all: &[Asset], keep: impl Fn(&str) -> bool) -> Vec<&Asset> {
    let verified: rustc_hash::FxHashSet<(&str, AssetKind)> = all
        .iter()
        .filter(|a| a.source == Source::Verified)
        .map(|a| (a.member.as_str(), a.kind))
        .collect();
    all.iter()
        .filter(|a| keep(&a.member))
        .filter(|a| {
            a.source == Source::Verified || !verified.contains(&(a.member.as_str(), a.kind))
        })
        .collect()
}

/// Totals for the outcome.
pub(crate) fn summary(assets: &[&Asset], n: usize) -> Result<AssetSummary, Error> {
    let fin = financial_total(assets)?;
    let homes: Vec<_> = assets
        .iter()
        .filter(|a| a.kind == AssetKind::Housing)
        .collect();
    let area = homes
        .iter()
        .filter_map(|a| a.area_m2)
        .try_fold(Decimal::ZERO, money::add)?;
    let nd = Decimal::from(n);
    Ok(AssetSummary {
        financial_total: fin,
        financial_per_capita: if n > 0 {
            Some(money::div(fin, nd)?)
        } else {
            None
        },
        vehicles: assets
            .iter()
            .filter(|a| a.kind == AssetKind::Vehicle)
            .count(),
        homes: homes.len(),
        housing_area_per_capita: if n > 0 && !homes.is_empty() {
            Some(money::div(area, nd)?)
        } else {
            None
        },
    })
}

fn financial_total(assets: &[&Asset]) -> Result<Decimal, Error> {
    assets
        .iter()
        .filter(|a| a.kind.is_financial())
        .try_fold(Decimal::ZERO, |s, a| money::add(s, a.value))
}

/// Runs the asset tests; pushes checks and gaps.
/// One person's own assets judged as a household of one under `which` (tekun, 单人保, a tekun
/// obligor), appended to `out`; returns how many records they hold. What would have to change
/// is not reported for a person.
pub(crate) fn own_checks(
    ctx: &mut Ctx<'_>,
    which: AssetRules,
    member: &str,
    standard: Option<Decimal>,
    out: &mut Vec<Check>,
) -> Result<usize, Error> {
    let case = ctx.case;
    let held = held_by(&case.assets, |id| id == member);
    checks(ctx, which, &held, 1, standard, out, &mut Vec::new())?;
    Ok(held.len())
}

pub(crate) fn checks(
    ctx: &mut Ctx<'_>,
    which: AssetRules,
    assets: &[&Asset],
    n: usize,
    standard: Option<Decimal>,
    out: &mut Vec<Check>,
    gaps: &mut Vec<Gap>,
) -> Result<(), Error> {
    let k = match which {
        AssetRules::Dibao => &DIBAO,
        AssetRules::NearDibao => &NEAR,
        AssetRules::Tekun => &TEKUN,
    };
    let [r_fin, r_veh, r_house, r_nonres, r_bus, r_other] = k.rules;

    let nd = Decimal::from(n.max(1));

    // Financial assets per capita.
    let fin = financial_total(assets)?;
    let limit = match (
        ctx.get(k.p.financial_limit_per_capita),
        ctx.get(k.p.financial_limit_months),
        standard,
    ) {
        (Some(pc), _, _) => Some((pc, None)),
        (None, Some(m), Some(s)) => Some((money::mul(m, s)?, Some((m, s)))),
        _ => None,
    };
    let strict = ctx.get(k.p.financial_limit_strict) == Some(true);
    let pc = money::div(fin, nd)?;
    match limit {
        None if fin.is_zero() => out.push(check!(ctx.explain,
            r_fin, "0.00", "未设定 / not set", Some(true),
            "无金融资产", "no financial assets",
        )),
        None => out.push(check!(ctx.explain,
            r_fin, money::show(pc), "未设定 / not set", None,
            format!("人均金融资产 {},当地未设定上限({} 或 {}),需人工认定", money::show(pc), k.p.financial_limit_per_capita.key(), k.p.financial_limit_months.key()),
            format!("financial assets {} per person, but no local limit is set ({} or {}); a caseworker must decide", money::show(pc), k.p.financial_limit_per_capita.key(), k.p.financial_limit_months.key()),
        )),
        Some((lim, how)) => {
            let cap = money::mul(lim, nd)?;
            let passed = if strict { fin < cap } else { fin <= cap };
            let rel = if strict { "<" } else { "≤" };
            out.push(check!(ctx.explain,
                r_fin, money::show(pc),
                match how {
                    None => format!("{rel} {} ({lim})", money::show(lim)),
                    Some((m, s)) => format!("{rel} {} ({m} × {s})", money::show(lim)),
                },
                Some(passed),
                format!("人均金融资产 {} 元,上限 {} 元", money::show(pc), money::show(lim)),
                format!("financial assets {} per person against a limit of {}", money::show(pc), money::show(lim)),
            ));
            if !passed {
                let by = money::sub(fin, cap)?;
                if ctx.explain {
                    gaps.push(Gap {
                        rule: r_fin.id,
                        by: money::show(by),
                        zh: format!("家庭金融资产需减少{} {} 元", if strict { "至少" } else { "超过" }, money::show(by)),
                        en: format!("household financial assets would have to fall by {} {}", if strict { "at least" } else { "more than" }, money::show(by)),
                    });
                }
            }
        }
    }

    // Vehicles.
    let uses = ctx.list(k.p.vehicle_exempt_uses);
    let types = ctx.list(k.p.vehicle_exempt_types);
    let counted_vehicles = assets
        .iter()
        .filter(|a| a.kind == AssetKind::Vehicle)
        .filter(|a| {
            let u = a.vehicle_use.map(VehicleUse::as_str);
            let t = a.vehicle_type.map(VehicleType::as_str);
            !(u.is_some_and(|u| uses.iter().any(|x| x == u))
                || t.is_some_and(|t| types.iter().any(|x| x == t)))
        })
        .count();
    let cv = i64::try_from(counted_vehicles).unwrap_or(i64::MAX);
    match ctx.get(k.p.vehicles_allowed) {
        None if cv == 0 => out.push(check!(
            ctx.explain,
            r_veh,
            "0",
            "未设定 / not set",
            Some(true),
            "无需计算的机动车",
            "no vehicles that count",
        )),
        None => out.push(check!(
            ctx.explain,
            r_veh,
            cv.to_string(),
            "未设定 / not set",
            None,
            format!("有 {cv} 辆非豁免机动车,当地未设定车辆规则,需人工认定"),
            format!(
                "{cv} non-exempt vehicle(s) and no local vehicle rule; a caseworker must decide"
            ),
        )),
        Some(max) => {
            let passed = cv <= max;
            out.push(check!(
                ctx.explain,
                r_veh,
                cv.to_string(),
                format!("≤ {max}"),
                Some(passed),
                format!("非豁免机动车 {cv} 辆,允许 {max} 辆"),
                format!("{cv} non-exempt vehicle(s); {max} allowed"),
            ));
            if !passed && ctx.explain {
                gaps.push(Gap {
                    rule: r_veh.id,
                    by: (cv - max).to_string(),
                    zh: format!("需减少 {} 辆机动车", cv - max),
                    en: format!("{} fewer vehicle(s)", cv - max),
                });
            }
        }
    }

    // Housing: count (the only home is a necessity, DB-2021 第14条 exemption) and area.
    let homes = assets
        .iter()
        .filter(|a| a.kind == AssetKind::Housing)
        .count();
    let hc = i64::try_from(homes).unwrap_or(i64::MAX);
    let area = assets
        .iter()
        .filter(|a| a.kind == AssetKind::Housing)
        .filter_map(|a| a.area_m2)
        .try_fold(Decimal::ZERO, money::add)?;
    let area_pc = money::div(area, nd)?;
    let max_homes = ctx.get(k.p.housing_max_count);
    let max_area = ctx.get(k.p.housing_max_area_per_capita);
    let count_ok = match max_homes {
        Some(m) => Some(hc <= m),
        None if hc <= 1 => Some(true),
        None => None,
    };
    let area_ok = match max_area {
        Some(m) if hc > 0 => Some(area_pc <= m),
        _ => Some(true),
    };
    let passed = match (count_ok, area_ok) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    };
    out.push(check!(
        ctx.explain,
        r_house,
        format!("{hc} 套/homes, {} m²/人", money::show(area_pc)),
        format!(
            "≤ {} 套/homes{}",
            max_homes.map_or("1 (唯一住房 / only home)".to_owned(), |m| m.to_string()),
            max_area.map_or(String::new(), |a| format!(", ≤ {a} m²/人"))
        ),
        passed,
        format!("住房 {hc} 套,人均面积 {} 平方米", money::show(area_pc)),
        format!("{hc} home(s), {} m² per person", money::show(area_pc)),
    ));

    for (kind, key, rule, zh, en) in [
        (
            AssetKind::NonResidentialProperty,
            k.p.non_residential_allowed,
            r_nonres,
            "非住宅房产",
            "non-residential property",
        ),
        (
            AssetKind::Business,
            k.p.business_allowed,
            r_bus,
            "工商登记",
            "business registration",
        ),
    ] {
        let count = assets.iter().filter(|a| a.kind == kind).count();
        let allowed = ctx.get(key);
        let passed = match (count, allowed) {
            (0, _) | (_, Some(true)) => Some(true),
            (_, Some(false)) => Some(false),
            (_, None) => None,
        };
        out.push(check!(
            ctx.explain,
            rule,
            count.to_string(),
            match allowed {
                Some(true) => "允许 / allowed".to_owned(),
                Some(false) => "0".to_owned(),
                None => "未设定 / not set".to_owned(),
            },
            passed,
            format!("{zh} {count} 项"),
            format!("{count} {en} record(s)"),
        ));
    }
    // Property of a kind no local rule covers (standing timber, livestock, …) is held but
    // cannot be valued against a limit here: a caseworker judges it (DB-2021 第14条).
    let other = assets.iter().filter(|a| a.kind == AssetKind::Other).count();
    if other > 0 {
        out.push(check!(
            ctx.explain,
            r_other,
            format!("{other} 项/records"),
            "",
            None,
            format!("有 {other} 项未列明类别的财产,需工作人员认定是否符合当地规定"),
            format!("{other} asset record(s) of an unlisted kind: a caseworker must judge them against the local rule"),
        ));
    }
    Ok(())
}
