//! The outcome (`hedui.outcome/1`): decisions, arithmetic, citations and the 核对 report.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use crate::case::Program;
use crate::policy::Citation;
use crate::rules::catalog::{Rule, Source};

/// Format tag written into every outcome.
pub const OUTCOME_FORMAT: &str = "hedui.outcome/1";

/// A program decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Qualifies.
    Eligible,
    /// Does not qualify.
    Ineligible,
    /// The law leaves the decision to a person, or a needed fact or parameter is missing.
    NeedsReview,
    /// The program does not apply to this case.
    NotApplicable,
}

crate::names::wire_names!(@serialize_only Status, "status", status_names;
    Eligible => "eligible",
    Ineligible => "ineligible",
    NeedsReview => "needs_review",
    NotApplicable => "not_applicable",
);

/// Serializes an optional decimal as a string with at least two places.
mod money_opt {
    use rust_decimal::Decimal;
    use serde::Serializer;

    #[expect(
        clippy::ref_option,
        reason = "serde `with` passes the field by reference"
    )]
    pub(super) fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.serialize_str(&crate::money::show(*d)),
            None => s.serialize_none(),
        }
    }
}

mod money_req {
    use rust_decimal::Decimal;
    use serde::Serializer;

    pub(super) fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::money::show(*v))
    }
}

/// One rule applied: what was observed, against what, and whether it passed.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Check {
    /// Stable rule id.
    pub rule: &'static str,
    /// Legal citation, as printed.
    pub citation: &'static str,
    /// The documents and articles cited, principal first.
    pub sources: &'static [Source],
    /// What the case showed (numbers as decimal strings).
    pub observed: Cow<'static, str>,
    /// What the rule requires.
    pub threshold: Cow<'static, str>,
    /// `true` passed, `false` failed, `null` undecided (needs a person or a missing value).
    pub passed: Option<bool>,
    /// Chinese explanation.
    pub zh: Cow<'static, str>,
    /// English explanation.
    pub en: Cow<'static, str>,
}

impl Check {
    /// A check for `rule`.
    pub fn new(
        rule: &Rule,
        observed: impl Into<Cow<'static, str>>,
        threshold: impl Into<Cow<'static, str>>,
        passed: Option<bool>,
        zh: impl Into<Cow<'static, str>>,
        en: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            rule: rule.id,
            citation: rule.citation(),
            sources: rule.sources,
            observed: observed.into(),
            threshold: threshold.into(),
            passed,
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// A check without texts, for the decision-only mode.
    pub(crate) fn bare(rule: &Rule, passed: Option<bool>) -> Self {
        Self::new(rule, "", "", passed, "", "")
    }
}

/// Something a caseworker must decide, with the reason.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Review {
    /// Rule id that raised it.
    pub rule: &'static str,
    /// Citation, as printed.
    pub citation: &'static str,
    /// The documents and articles cited, principal first.
    pub sources: &'static [Source],
    /// Chinese reason.
    pub zh: Cow<'static, str>,
    /// English reason.
    pub en: Cow<'static, str>,
}

impl Review {
    /// A review reason for `rule`.
    pub fn new(
        rule: &Rule,
        zh: impl Into<Cow<'static, str>>,
        en: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            rule: rule.id,
            citation: rule.citation(),
            sources: rule.sources,
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// A review reason without texts, for the decision-only mode.
    pub(crate) fn bare(rule: &Rule) -> Self {
        Self::new(rule, "", "")
    }
}

/// What would have to change for an ineligible household to qualify.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Gap {
    /// Rule id that failed.
    pub rule: &'static str,
    /// The shortfall (yuan, count or m²) as a decimal string.
    pub by: String,
    /// Chinese sentence.
    pub zh: String,
    /// English sentence.
    pub en: String,
}

/// One program's result.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ProgramOutcome {
    /// Program.
    pub program: Program,
    /// Decision.
    pub status: Status,
    /// Monthly amount for the household, when eligible and the program pays money.
    #[serde(with = "money_opt")]
    #[schemars(with = "Option<String>")]
    pub amount: Option<Decimal>,
    /// How the amount was reached, step by step.
    pub arithmetic: Vec<String>,
    /// Every rule applied.
    pub checks: Vec<Check>,
    /// Why a person must decide (non-empty exactly when `status` is `needs_review`).
    pub review: Vec<Review>,
    /// For an ineligible household: what would have to change.
    pub to_qualify: Vec<Gap>,
    /// Per-person programs (tekun, single-person dibao): one result per member assessed.
    /// The program's `status` is `eligible` if any member is, and its `amount` their sum.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MemberProgram>,
    /// For dibao in a gradual exit (渐退期): the period and where the assessment date falls in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gradual_exit: Option<GradualExit>,
}

/// A gradual-exit period (DB-2021 第33条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct GradualExit {
    /// First day of the period.
    #[schemars(with = "String", extend("format" = "date"))]
    pub starts_on: jiff::civil::Date,
    /// Last day of the period.
    #[schemars(with = "String", extend("format" = "date"))]
    pub ends_on: jiff::civil::Date,
    /// Length of the period in months.
    pub months: u32,
    /// The month of the period the assessment date falls in (1 = the first); 0 before it starts.
    pub month: u32,
}

/// One member's result in a per-person program.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct MemberProgram {
    /// Member id.
    pub member: String,
    /// Decision.
    pub status: Status,
    /// Monthly amount.
    #[serde(with = "money_opt")]
    #[schemars(with = "Option<String>")]
    pub amount: Option<Decimal>,
    /// For tekun: the self-care tier (`self_care`, `partial`, `complete`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub care_tier: Option<&'static str>,
    /// For tekun, when eligible: the month the first payment is due, `YYYY-MM` (TK-2021 第17条:
    /// from the month after confirmation; the assessment date is taken as the confirmation date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_payment_month: Option<String>,
    /// For tekun, when an enrolled person no longer qualifies: the procedure the termination
    /// requires (TK-2021 第25–27条).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination: Option<Termination>,
    /// For 单人保: the rule id of the route that admitted the member (DB-2021 第8条(一)–(四),
    /// DD-2022 一(一)), when one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<&'static str>,
    /// How the amount was reached.
    pub arithmetic: Vec<String>,
    /// Every rule applied.
    pub checks: Vec<Check>,
    /// Why a person must decide.
    pub review: Vec<Review>,
}

/// The procedure for ending tekun support (TK-2021 第25–27条).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Termination {
    /// Days the proposed termination is publicised in the village or community (第25条: 7).
    pub publicity_days: u32,
    /// The month support stops, `YYYY-MM`, if no objection is raised: the month after the
    /// decision, the assessment date taken as the decision date (第25条).
    pub stops_from_month: String,
    /// The person and the committee are told the reasons in writing (第26条).
    pub written_reasons: bool,
    /// Programs to assess the person for, and move them onto when eligible (第27条).
    pub transfer_to: Vec<&'static str>,
}

impl ProgramOutcome {
    /// The check for a rule id, if applied.
    pub fn check(&self, rule: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.rule == rule)
    }
}

/// A member counted in, or left out of, the household.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct MemberDecision {
    /// Member id.
    pub member: String,
    /// Rule id that decided.
    pub rule: &'static str,
    /// Citation, as printed.
    pub citation: &'static str,
    /// The documents and articles cited, principal first.
    pub sources: &'static [Source],
    /// Age on the assessment date.
    pub age: i32,
    /// Chinese reason.
    pub zh: Cow<'static, str>,
    /// English reason.
    pub en: Cow<'static, str>,
}

/// The household as counted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
pub struct HouseholdSummary {
    /// Members counted.
    pub counted: Vec<MemberDecision>,
    /// Members not counted.
    pub excluded: Vec<MemberDecision>,
    /// Members whose status a person must decide.
    pub review: Vec<Review>,
}

/// An income item left out, and why.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct IncomeExclusion {
    /// Index in the case's `incomes`.
    pub record: usize,
    /// Member id.
    pub member: String,
    /// Rule id.
    pub rule: &'static str,
    /// Citation, as printed.
    pub citation: &'static str,
    /// The documents and articles cited, principal first.
    pub sources: &'static [Source],
    /// Monthly amount not counted.
    #[serde(with = "money_req")]
    #[schemars(with = "String")]
    pub monthly: Decimal,
}

/// Income as counted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
pub struct IncomeSummary {
    /// Look-back window (first and last day), if one could be set.
    pub window: Option<[String; 2]>,
    /// Where the window came from (`policy` or `case`).
    pub window_source: Option<String>,
    /// Monthly income per category (after exclusions; transfer expenditure negative).
    #[schemars(with = "BTreeMap<String, String>")]
    pub by_category: BTreeMap<String, String>,
    /// Employment-cost deduction applied, monthly.
    #[serde(with = "money_req")]
    #[schemars(with = "String")]
    pub deductions: Decimal,
    /// Total monthly household income counted.
    #[serde(with = "money_opt")]
    #[schemars(with = "Option<String>")]
    pub total_monthly: Option<Decimal>,
    /// Per-capita monthly income (shown to the fen; comparisons use the exact value).
    #[serde(with = "money_opt")]
    #[schemars(with = "Option<String>")]
    pub per_capita_monthly: Option<Decimal>,
    /// Items not counted.
    pub excluded: Vec<IncomeExclusion>,
}

/// Assets as counted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
pub struct AssetSummary {
    /// Financial assets of counted members.
    #[serde(with = "money_req")]
    #[schemars(with = "String")]
    pub financial_total: Decimal,
    /// Per capita.
    #[serde(with = "money_opt")]
    #[schemars(with = "Option<String>")]
    pub financial_per_capita: Option<Decimal>,
    /// Vehicles held by counted members.
    pub vehicles: usize,
    /// Homes held by counted members.
    pub homes: usize,
    /// Housing area per capita, m².
    #[serde(with = "money_opt")]
    #[schemars(with = "Option<String>")]
    pub housing_area_per_capita: Option<Decimal>,
}

/// One declared-vs-verified comparison.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Discrepancy {
    /// Member id.
    pub member: String,
    /// Income category or asset kind.
    pub item: String,
    /// Declared amount (monthly for income, value for assets); absent when not declared.
    #[serde(with = "money_opt")]
    #[schemars(with = "Option<String>")]
    pub declared: Option<Decimal>,
    /// Verified amount; absent when not verified.
    #[serde(with = "money_opt")]
    #[schemars(with = "Option<String>")]
    pub verified: Option<Decimal>,
    /// How the two differ.
    pub kind: DiscrepancyKind,
}

/// How a declared figure and a verified one differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DiscrepancyKind {
    /// Declared, not found by verification.
    DeclaredOnly,
    /// Found by verification, not declared (undeclared).
    VerifiedOnly,
    /// Both exist with different amounts.
    Differs,
}

impl DiscrepancyKind {
    /// Wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::DeclaredOnly => "declared_only",
            Self::VerifiedOnly => "verified_only",
            Self::Differs => "differs",
        }
    }
}

impl std::fmt::Display for DiscrepancyKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The 核对 report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
pub struct Verification {
    /// Every difference between declared and verified records.
    pub discrepancies: Vec<Discrepancy>,
    /// Sources the policy requires that the case did not check.
    pub missing_sources: Vec<String>,
    /// Whether a discrepancy changes a program's result.
    pub material: bool,
    /// Review reasons raised by verification.
    pub review: Vec<Review>,
}

/// A policy value the outcome used.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ParameterUse {
    /// Key.
    pub key: String,
    /// Value (money and ratios as strings).
    pub value: crate::policy::ParamValue,
    /// Region code that set it (an override's scope, or `override` / `proposal` for one that
    /// applies everywhere).
    pub region: String,
    /// File.
    pub file: String,
    /// Effective from.
    pub from: String,
    /// Effective until (exclusive).
    pub to: Option<String>,
    /// Citation.
    pub citation: std::sync::Arc<Citation>,
}

/// A policy value the outcome used that may be out of date: it has no end date and took
/// effect more than the staleness horizon (`policy.staleness_months`) before the assessment
/// date. Standards are raised almost every year, so the figure in force may be a later one
/// nobody has recorded. Advisory: it never changes a decision.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct StaleParameter {
    /// Key.
    pub key: String,
    /// Value used (money and ratios as strings).
    pub value: crate::policy::ParamValue,
    /// Region code that set it.
    pub region: String,
    /// Effective from.
    pub from: String,
    /// The horizon applied, in months.
    pub horizon_months: i64,
    /// First day the value counts as possibly out of date (the day after `from` plus the
    /// horizon).
    pub stale_from: String,
}

/// The region chain used.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct RegionUse {
    /// Code the case named.
    pub code: String,
    /// Codes with policy files, most specific first.
    pub chain: Vec<String>,
    /// Name of the most specific region with a file.
    pub name: String,
}

/// The whole result for one case.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Outcome {
    /// Always `hedui.outcome/1`.
    pub format: &'static str,
    /// Engine version.
    pub engine: &'static str,
    /// Case id.
    pub case_id: String,
    /// Assessment date.
    pub as_of: String,
    /// Region chain.
    pub region: RegionUse,
    /// Whether any value used is unverified (illustrative).
    pub illustrative: bool,
    /// Household as counted.
    pub household: HouseholdSummary,
    /// Income.
    pub income: IncomeSummary,
    /// Assets.
    pub assets: AssetSummary,
    /// Programs, in the order the engine lists them.
    pub programs: Vec<ProgramOutcome>,
    /// 核对 report.
    pub verification: Verification,
    /// Notes that do not change a decision.
    pub warnings: Vec<String>,
    /// Every policy value consulted.
    pub parameters: Vec<ParameterUse>,
    /// The values of `parameters` that may be out of date (open-ended and older than the
    /// staleness horizon); left out when there are none. A warning says so in both languages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale_parameters: Vec<StaleParameter>,
}

impl Outcome {
    /// The result for one program.
    pub fn program(&self, p: Program) -> Option<&ProgramOutcome> {
        self.programs.iter().find(|o| o.program == p)
    }

    /// Canonical JSON (stable field order; same case and policy give the same bytes).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!("{{\"format\":\"{OUTCOME_FORMAT}\",\"error\":\"serialization failed: {e}\"}}")
        })
    }

    /// Pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| self.to_json())
    }
}
