//! The rules, one module per concept; each rule has a stable id in [`catalog`].

pub(crate) mod assets;
pub mod catalog;
pub(crate) mod ctx;
pub(crate) mod dibao;
pub(crate) mod household;
pub(crate) mod household_programs;
pub(crate) mod income;
pub(crate) mod near_dibao;
pub(crate) mod single_person;
pub(crate) mod tekun;

use crate::outcome::{Check, Review, Status};
use catalog as c;

/// Review reasons that apply to every program (membership, window, verification).
pub(crate) struct Shared {
    pub(crate) review: Vec<Review>,
}

/// Combines checks: a decided failure wins (ineligible); otherwise any review reason or
/// undecided check means a person decides; otherwise eligible. A material discrepancy
/// always goes to a person, since the household may contest the verified figure (DB-2021
/// 第18条). `waived` names a failed check that a later rule overrides (渐退期).
pub(crate) fn decide(checks: &[Check], review: &[Review], waived: Option<&str>) -> Status {
    if review.iter().any(|r| r.rule == c::VERIFY_DISCREPANCY.id) {
        return Status::NeedsReview;
    }
    let failed = checks.iter().any(|ch| {
        ch.passed == Some(false) && Some(ch.rule) != waived && ch.rule != c::DIBAO_GRADUAL_EXIT.id
    });
    if failed {
        return Status::Ineligible;
    }
    if !review.is_empty() || checks.iter().any(|ch| ch.passed.is_none()) {
        return Status::NeedsReview;
    }
    Status::Eligible
}

/// Review reasons for a `needs_review` result that has none yet: one per undecided check,
/// so a person always sees what is open.
pub(crate) fn reasons_from_undecided(checks: &[Check]) -> Vec<Review> {
    checks
        .iter()
        .filter(|c| c.passed.is_none())
        .map(|c| Review {
            rule: c.rule,
            citation: c.citation,
            zh: format!("无法自动判定:{}", c.zh).into(),
            en: format!("cannot be decided automatically: {}", c.en).into(),
        })
        .collect()
}
