//! 核对 (household economic-status verification): declared against verified records, the
//! sources a region requires, and the auxiliary signals a caseworker weighs (DB-2021
//! 第17–18条; SAIM 第11条).

use rust_decimal::Decimal;

use crate::case::{Asset, Source};
use crate::error::Error;
use crate::money;
use crate::outcome::{Discrepancy, DiscrepancyKind, Review, Verification};
use crate::policy::registry as P;
use crate::rules::catalog as c;
use crate::rules::ctx::Ctx;
use crate::rules::income::IncomeCalc;

/// Declared and verified totals of one item, from its records' sources and amounts.
pub(crate) fn totals(
    records: impl Iterator<Item = (Source, Decimal)>,
) -> Result<(Option<Decimal>, Option<Decimal>), Error> {
    let (mut declared, mut verified) = (None, None);
    for (src, amount) in records {
        let slot = match src {
            Source::Declared => &mut declared,
            Source::Verified => &mut verified,
        };
        *slot = Some(money::add(slot.unwrap_or(Decimal::ZERO), amount)?);
    }
    Ok((declared, verified))
}

/// How a declared total and a verified one differ; `None` when they agree (or neither
/// exists). The same classifier serves income and assets.
pub(crate) fn classify(
    declared: Option<Decimal>,
    verified: Option<Decimal>,
) -> Option<DiscrepancyKind> {
    match (declared, verified) {
        (Some(a), Some(b)) if a == b => None,
        (Some(_), Some(_)) => Some(DiscrepancyKind::Differs),
        (Some(_), None) => Some(DiscrepancyKind::DeclaredOnly),
        (None, Some(_)) => Some(DiscrepancyKind::VerifiedOnly),
        (None, None) => None,
    }
}

/// Declared-vs-verified comparison of assets per member and kind.
pub(crate) fn asset_discrepancies(all: &[Asset]) -> Result<Vec<Discrepancy>, Error> {
    let mut keys: Vec<(&str, crate::case::AssetKind)> =
        all.iter().map(|a| (a.member.as_str(), a.kind)).collect();
    keys.sort();
    keys.dedup();
    let mut out = Vec::new();
    for (m, k) in keys {
        let (d, v) = totals(
            all.iter()
                .filter(|a| a.member == m && a.kind == k)
                .map(|a| (a.source, a.value)),
        )?;
        if let Some(kind) = classify(d, v) {
            out.push(Discrepancy {
                member: m.to_owned(),
                item: format!("asset.{}", k.as_str()),
                declared: d,
                verified: v,
                kind,
            });
        }
    }
    Ok(out)
}

/// Whether a review reason is a discrepancy that changes the result, which always goes to a
/// person since the household may contest the verified figure (DB-2021 第18条).
pub(crate) fn is_material(review: &[Review]) -> bool {
    review.iter().any(|r| r.rule == c::VERIFY_DISCREPANCY.id)
}

/// The verification section: discrepancies (income always; assets when explaining), the
/// required sources not checked, and the auxiliary-assessment signals.
pub(crate) fn verify(ctx: &mut Ctx<'_>, income: &IncomeCalc) -> Result<Verification, Error> {
    let case = ctx.case;
    let mut v = Verification {
        discrepancies: income.discrepancies.clone(),
        ..Verification::default()
    };
    if ctx.explain {
        v.discrepancies.extend(asset_discrepancies(&case.assets)?);
    }
    for src in ctx.list(P::VERIFICATION_REQUIRED_SOURCES) {
        let checked = case
            .verification
            .checked_sources
            .iter()
            .any(|a| a.as_str() == src.as_str());
        if !checked {
            v.missing_sources.push(src.clone());
        }
    }
    if !v.missing_sources.is_empty() {
        v.review.push(review!(
            ctx.explain,
            &c::VERIFY_SOURCE_MISSING,
            format!("未核对规定的信息来源: {}", v.missing_sources.join(", ")),
            format!(
                "required sources not checked: {}",
                v.missing_sources.join(", ")
            ),
        ));
    }
    if !case.verification.auxiliary_flags.is_empty() {
        v.review.push(review!(ctx.explain,
            &c::VERIFY_AUXILIARY,
            "存在辅助评估事项(高额消费、高收费学校或出境),需工作人员综合判断",
            "auxiliary-assessment signals (high spending, high-fee school or foreign travel) need a caseworker's judgement",
        ));
    }
    Ok(v)
}
