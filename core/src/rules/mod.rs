//! The rules, one module per concept; each rule has a stable id in [`catalog`].

/// A [`Check`]; observed value, threshold and messages are evaluated only when `$ex`
/// (explaining), so the decision-only mode runs the same rule without building strings.
macro_rules! check {
    ($ex:expr, $rule:expr, $obs:expr, $thr:expr, $passed:expr, $zh:expr, $en:expr $(,)?) => {
        if $ex {
            $crate::outcome::Check::new($rule, $obs, $thr, $passed, $zh, $en)
        } else {
            $crate::outcome::Check::bare($rule, $passed)
        }
    };
}

/// A [`Review`]; its messages are evaluated only when `$ex` (explaining).
macro_rules! review {
    ($ex:expr, $rule:expr, $zh:expr, $en:expr $(,)?) => {
        if $ex {
            $crate::outcome::Review::new($rule, $zh, $en)
        } else {
            $crate::outcome::Review::bare($rule)
        }
    };
}

/// Pushes an arithmetic step, formatted only when `$ex` (explaining).
macro_rules! step {
    ($ex:expr, $steps:expr, $($fmt:tt)+) => {
        if $ex {
            $steps.push(format!($($fmt)+));
        }
    };
}

pub(crate) mod assets;
pub mod catalog;
pub(crate) mod ctx;
pub(crate) mod dibao;
pub(crate) mod household;
pub(crate) mod income;
pub(crate) mod law;
pub(crate) mod near_dibao;
pub(crate) mod price_subsidy;
pub(crate) mod rigid_expenditure;
pub(crate) mod single_person;
pub(crate) mod tekun;
pub(crate) mod temporary_relief;
pub(crate) mod verification;

use rust_decimal::Decimal;

use crate::case::Program;
use crate::money;
use crate::outcome::{Check, MemberProgram, ProgramOutcome, Review, Status};
use catalog as c;
use catalog::Rule;

/// Review reasons that apply to every program (membership, window, verification).
pub(crate) struct Shared<'a> {
    pub(crate) review: Vec<Review>,
    /// Assets of counted members, verified records replacing declared ones.
    pub(crate) held: Vec<&'a crate::case::Asset>,
}

/// Combines checks: a decided failure wins (ineligible); otherwise any review reason or
/// undecided check means a person decides; otherwise eligible. A material discrepancy
/// always goes to a person, since the household may contest the verified figure (DB-2021
/// 第18条). `waived` lists the rules whose failure does not count: a rule that a later rule
/// overrides (the income test during 渐退期), or one that only describes a period.
pub(crate) fn decide(checks: &[Check], review: &[Review], waived: &[&str]) -> Status {
    if verification::is_material(review) {
        return Status::NeedsReview;
    }
    let failed = checks
        .iter()
        .any(|ch| ch.passed == Some(false) && !waived.contains(&ch.rule));
    if failed {
        return Status::Ineligible;
    }
    if !review.is_empty() || checks.iter().any(|ch| ch.passed.is_none()) {
        return Status::NeedsReview;
    }
    Status::Eligible
}

/// The review reasons a result keeps: none unless it is `needs_review`; then those given,
/// or, when none were, one per undecided check, so a person always sees what is open.
fn settle_review(
    ex: bool,
    status: Status,
    checks: &[Check],
    mut review: Vec<Review>,
) -> Vec<Review> {
    if status != Status::NeedsReview {
        review.clear();
    } else if review.is_empty() {
        review = reasons_from_undecided(ex, checks);
        if review.is_empty()
            && let Some(first) = checks.first()
        {
            review.push(Review {
                rule: first.rule,
                citation: first.citation,
                sources: first.sources,
                zh: if ex {
                    "存在无法自动判定的条件".into()
                } else {
                    "".into()
                },
                en: if ex {
                    "a condition could not be decided automatically".into()
                } else {
                    "".into()
                },
            });
        }
    }
    review
}

/// What a household program's rules produced, before [`finish`].
pub(crate) struct Draft {
    pub(crate) status: Status,
    pub(crate) amount: Option<Decimal>,
    pub(crate) arithmetic: Vec<String>,
    pub(crate) checks: Vec<Check>,
    pub(crate) review: Vec<Review>,
    /// What would have to change to qualify; kept only for an ineligible result.
    pub(crate) gaps: Vec<crate::outcome::Gap>,
}

impl Draft {
    /// A finished set of results, with no gaps.
    pub(crate) fn of(
        status: Status,
        amount: Option<Decimal>,
        arithmetic: Vec<String>,
        checks: Vec<Check>,
        review: Vec<Review>,
    ) -> Self {
        Self {
            status,
            amount,
            arithmetic,
            checks,
            review,
            gaps: Vec::new(),
        }
    }

    /// The same with what would have to change to qualify.
    pub(crate) fn with_gaps(self, gaps: Vec<crate::outcome::Gap>) -> Self {
        Self { gaps, ..self }
    }

    /// An empty draft, sized for the usual number of checks so the vector is not regrown.
    pub(crate) fn new(review: Vec<Review>) -> Self {
        Self {
            status: Status::NotApplicable,
            amount: None,
            arithmetic: Vec::new(),
            checks: Vec::with_capacity(16),
            review,
            gaps: Vec::new(),
        }
    }
}

/// The one closing step of every program: keeps review reasons only for `needs_review`
/// (naming the undecided checks when no reason was given) and gaps only for `ineligible`.
pub(crate) fn finish(ex: bool, program: Program, d: Draft) -> ProgramOutcome {
    let review = settle_review(ex, d.status, &d.checks, d.review);
    ProgramOutcome {
        program,
        status: d.status,
        amount: d.amount,
        arithmetic: d.arithmetic,
        checks: d.checks,
        review,
        to_qualify: if d.status == Status::Ineligible {
            d.gaps
        } else {
            Vec::new()
        },
        members: Vec::new(),
        gradual_exit: None,
    }
}

/// [`finish`] for a per-person program (tekun, 单人保).
pub(crate) fn finish_member(
    ex: bool,
    member: &str,
    care_tier: Option<&'static str>,
    d: Draft,
) -> MemberProgram {
    let review = settle_review(ex, d.status, &d.checks, d.review);
    MemberProgram {
        member: member.to_owned(),
        status: d.status,
        amount: d.amount,
        care_tier,
        first_payment_month: None,
        termination: None,
        route: None,
        arithmetic: d.arithmetic,
        checks: d.checks,
        review,
    }
}

/// Review reasons for a `needs_review` result that has none yet: one per undecided check,
/// so a person always sees what is open.
fn reasons_from_undecided(ex: bool, checks: &[Check]) -> Vec<Review> {
    checks
        .iter()
        .filter(|c| c.passed.is_none())
        .map(|c| Review {
            rule: c.rule,
            citation: c.citation,
            sources: c.sources,
            zh: if ex {
                format!("无法自动判定:{}", c.zh).into()
            } else {
                "".into()
            },
            en: if ex {
                format!("cannot be decided automatically: {}", c.en).into()
            } else {
                "".into()
            },
        })
        .collect()
}

/// Members assessed for a per-person program (tekun, 单人保): those applying, or everyone
/// when nobody names the program.
pub(crate) fn applicants<'a>(ctx: &ctx::Ctx<'a>, p: Program) -> Vec<&'a crate::case::Member> {
    let named: Vec<&crate::case::Member> = ctx
        .case
        .members
        .iter()
        .filter(|m| m.applies_for.contains(&p))
        .collect();
    if named.is_empty() {
        ctx.case.members.iter().collect()
    } else {
        named
    }
}

/// Kleene AND of check results.
pub(crate) fn kleene_all(it: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut out = Some(true);
    for p in it {
        out = match (out, p) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (None, _) | (_, None) => None,
            _ => Some(true),
        };
    }
    out
}

/// Kleene OR of check results.
pub(crate) fn kleene_any(it: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut out = Some(false);
    for p in it {
        out = match (out, p) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (None, _) | (_, None) => None,
            _ => Some(false),
        };
    }
    out
}

/// Kleene AND of two results.
pub(crate) fn kleene_and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    kleene_all([a, b].into_iter())
}

/// Kleene OR of two results.
pub(crate) fn kleene_or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    kleene_any([a, b].into_iter())
}

/// The check that the household has at least one counted member.
pub(crate) fn household_check(ex: bool, n: usize) -> Check {
    check!(
        ex,
        &c::HOUSEHOLD_NONEMPTY,
        n.to_string(),
        "≥ 1",
        Some(n > 0),
        format!("计入家庭成员 {n} 人"),
        format!("{n} member(s) counted"),
    )
}

/// "Own income strictly below the standard" (SAIM 第9条 for 单人保, TK-2021 第6条 for tekun):
/// the check, or an undecided check and a review reason when the income or the standard is
/// unknown.
pub(crate) fn own_income_check(
    rule: &'static Rule,
    own: Option<Decimal>,
    standard: Option<Decimal>,
    checks: &mut Vec<Check>,
    review: &mut Vec<Review>,
    ex: bool,
) {
    match (own, standard) {
        (Some(inc), Some(s)) => checks.push(check!(
            ex,
            rule,
            money::show(inc),
            format!("< {}", money::show(s)),
            Some(inc < s),
            format!(
                "本人月收入 {} 元,低保标准 {} 元",
                money::show(inc),
                money::show(s)
            ),
            format!(
                "own monthly income {} against the standard {}",
                money::show(inc),
                money::show(s)
            ),
        )),
        _ => {
            checks.push(check!(
                ex,
                rule,
                "未知 / unknown",
                "",
                None,
                "缺少收入计算期或低保标准",
                "no income window or no dibao standard",
            ));
            review.push(review!(
                ex,
                rule,
                "缺少收入计算期或低保标准",
                "no income window or no dibao standard",
            ));
        }
    }
}
