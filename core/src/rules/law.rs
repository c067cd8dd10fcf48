//! Legal constants and predicates that several rules share, each declared once with the
//! article it comes from. Rules use these names instead of bare numbers, so a reader can
//! check every age, count and grade against its source in one place.
//!
//! Boundary words follow 民法典 第1259条: "以上", "以下", "以内" and "届满" include the number;
//! "不满" and "超过" exclude it.

use crate::case::{Disability, DisabilityCategory};
use crate::policy::registry as P;
use crate::rules::ctx::Ctx;

/// Full age of majority: 18 周岁 (民法典 第17条). A minor is under it.
pub(crate) const ADULT_AGE: i32 = 18;

/// "60周岁以上的老年人" (TK-2021 第5条(一)): the elderly route to tekun, the age at which a
/// dibao recipient obligor is taken to lack capacity (第8条(二)), and the age the national
/// texts mean by 老年人 where a local 分类施保 rule names no age of its own.
pub(crate) const ELDERLY_AGE: i32 = 60;

/// "未满16周岁的未成年人" (TK-2021 第5条(二); SAIM 第14条): the age below which a minor may
/// newly enter tekun; an enrolled minor continues under 第24条 (see [`ADULT_AGE`]).
pub(crate) const TEKUN_MINOR_AGE: i32 = 16;

/// "70周岁以上" (TK-2021 第8条(三)): an obligor of this age with low income and assets within
/// the low-income rule has no capacity to support.
pub(crate) const OBLIGOR_ADVANCED_AGE: i32 = 70;
/// Days a proposed tekun termination is publicised (TK-2021 第25条: 7天).
pub(crate) const TEKUN_TERMINATION_PUBLICITY_DAYS: u32 = 7;

/// "连续3次" refusals of suitable work without good reason, after which the county reduces or
/// stops the member's own share (SAIM 第45条; DB-2021 第34条).
pub(crate) const JOB_REFUSALS: usize = 3;

/// "3年以上(含三年)" at a religious venue: clergy are not counted in the family, and may apply
/// alone when in hardship (DB-2021 第7条、第8条(三)).
pub(crate) const CLERGY_YEARS_AWAY: i16 = 3;

/// The disability grades 1 (most severe) to this one are "重度残疾" where a policy sets no
/// other: DB-2021 第8条 speaks of "一级、二级重度残疾人" (GB/T 26341-2010 grades 1–4).
/// The setting `disability.severe_max_grade` replaces it.
pub(crate) const SEVERE_DISABILITY_MAX_GRADE: i64 = 2;

/// Consecutive months without income for the 2022 one-off relief of uninsured unemployed
/// workers (three months, JX-2022 一、1).
pub(crate) const UNINSURED_WORKER_MONTHS_WITHOUT_INCOME: u32 = 3;

/// The months before the application whose rigid spending counts (GX-2024 第4条(四)).
pub(crate) const RIGID_EXPENDITURE_LOOKBACK_MONTHS: i64 = 12;

/// Longest validity of a rigid-expenditure recognition, 12 months (GX-2024 第10条), used
/// when no local period is set.
pub(crate) const RIGID_EXPENDITURE_VALIDITY_MONTHS: i64 = 12;

/// Whether a person of `age` is a minor (民法典 第17条).
pub(crate) fn is_minor(age: i32) -> bool {
    age < ADULT_AGE
}

/// Whether a person of `age` is elderly in the sense of [`ELDERLY_AGE`].
pub(crate) fn is_elderly(age: i32) -> bool {
    age >= ELDERLY_AGE
}

/// The highest grade that counts as severe here: the local setting, else the national
/// reading ([`SEVERE_DISABILITY_MAX_GRADE`]).
fn severe_max_grade(ctx: &mut Ctx<'_>) -> i64 {
    ctx.get(P::DISABILITY_SEVERE_MAX_GRADE)
        .unwrap_or(SEVERE_DISABILITY_MAX_GRADE)
}

/// "重度残疾人": grade 1 to the severe grade, any category (DB-2021 第8条). Whether a
/// certificate is required is the caller's rule.
pub(crate) fn severely_disabled(ctx: &mut Ctx<'_>, d: &Disability) -> bool {
    i64::from(d.grade) <= severe_max_grade(ctx)
}

/// Severely disabled, or grade 3 intellectual or mental disability: the group that may apply
/// alone for 单人保 (DB-2021 第8条(一)) and whose obligors lack capacity (TK-2021 第8条(四)).
pub(crate) fn severe_or_grade3_intellectual_mental(ctx: &mut Ctx<'_>, d: &Disability) -> bool {
    severely_disabled(ctx, d)
        || (d.grade == 3
            && matches!(
                d.category,
                DisabilityCategory::Intellectual | DisabilityCategory::Mental
            ))
}

/// The self-care tier from the number of the six daily activities (eating, dressing,
/// transferring, toileting, walking indoors, bathing) a person cannot do alone: none
/// `self_care`, 1–3 (含3项) `partial`, 4 or more (含4项) `complete` (TK-2021 第21–22条).
pub(crate) fn self_care_tier(failed: usize) -> &'static str {
    match failed {
        0 => "self_care",
        1..=3 => "partial",
        _ => "complete",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_follow_the_articles() {
        assert!(is_minor(17) && !is_minor(18));
        assert!(is_elderly(60) && !is_elderly(59));
        assert_eq!(self_care_tier(0), "self_care");
        assert_eq!(self_care_tier(3), "partial");
        assert_eq!(self_care_tier(4), "complete");
        assert_eq!(self_care_tier(6), "complete");
    }
}
