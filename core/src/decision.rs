//! The decision without the explanation: what a batch table needs from each case.

use rust_decimal::Decimal;

use crate::case::Program;
use crate::outcome::{Outcome, Status};

/// The decision for one case: per program the status and monthly amount, and the income
/// figures, from the very same rules as [`Outcome`] but without building any message,
/// arithmetic step, parameter list or report section. See [`crate::Engine::evaluate_decision`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// Programs assessed, in the order [`Outcome::programs`] lists them.
    pub programs: Vec<ProgramDecision>,
    /// Per-capita monthly income (exact; the outcome shows it to the fen).
    pub per_capita_income: Option<Decimal>,
    /// Total monthly household income counted.
    pub total_monthly_income: Option<Decimal>,
    /// Members counted in the household.
    pub counted_members: usize,
    /// Whether any policy value used is unverified (illustrative).
    pub illustrative: bool,
}

/// One program's decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramDecision {
    /// Program.
    pub program: Program,
    /// Decision.
    pub status: Status,
    /// Monthly amount for the household, when eligible and the program pays money.
    pub amount: Option<Decimal>,
    /// Per-person programs (tekun, single-person dibao): one entry per member assessed.
    pub members: Vec<MemberAmount>,
}

/// One member's decision in a per-person program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberAmount {
    /// Member id.
    pub member: String,
    /// Decision.
    pub status: Status,
    /// Monthly amount.
    pub amount: Option<Decimal>,
}

impl Decision {
    /// The decision for one program, if assessed.
    pub fn program(&self, p: Program) -> Option<&ProgramDecision> {
        self.programs.iter().find(|d| d.program == p)
    }

    /// The decision fields of a full outcome; [`crate::Engine::evaluate_decision`] returns
    /// exactly this for the same case (a test holds the two modes together).
    pub fn of_outcome(o: &Outcome) -> Self {
        Self {
            programs: o
                .programs
                .iter()
                .map(|p| ProgramDecision {
                    program: p.program,
                    status: p.status,
                    amount: p.amount,
                    members: p
                        .members
                        .iter()
                        .map(|m| MemberAmount {
                            member: m.member.clone(),
                            status: m.status,
                            amount: m.amount,
                        })
                        .collect(),
                })
                .collect(),
            per_capita_income: o.income.per_capita_monthly,
            total_monthly_income: o.income.total_monthly,
            counted_members: o.household.counted.len(),
            illustrative: o.illustrative,
        }
    }

    /// Like [`Decision::of_outcome`], taking the outcome apart instead of copying.
    pub(crate) fn from_outcome(o: Outcome) -> Self {
        Self {
            per_capita_income: o.income.per_capita_monthly,
            total_monthly_income: o.income.total_monthly,
            counted_members: o.household.counted.len(),
            illustrative: o.illustrative,
            // Pushing into a fresh vector: collecting in place would reuse the (larger)
            // outcome allocation and then pay a shrinking realloc.
            programs: o.programs.into_iter().fold(Vec::new(), |mut v, p| {
                v.push(ProgramDecision {
                    program: p.program,
                    status: p.status,
                    amount: p.amount,
                    members: p
                        .members
                        .into_iter()
                        .map(|m| MemberAmount {
                            member: m.member,
                            status: m.status,
                            amount: m.amount,
                        })
                        .fold(Vec::new(), |mut v, m| {
                            v.push(m);
                            v
                        }),
                });
                v
            }),
        }
    }
}
