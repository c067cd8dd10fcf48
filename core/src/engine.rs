//! The engine: an immutable, shareable policy set that evaluates cases.

use std::sync::{Arc, RwLock};

use rustc_hash::FxHashMap;

use crate::case::{self, Case, Program};
use crate::decision::Decision;
use crate::error::{Error, ErrorKind, Problem};
use crate::outcome::{OUTCOME_FORMAT, Outcome, ParameterUse, RegionUse, Status};
use crate::policy::set::RegionTable;
use crate::policy::{Override, OverrideKind, Overrides, PolicySet, Reform};
use crate::rules::ctx::Ctx;
use crate::rules::{self, Shared};

/// Evaluates cases against a policy set. Cheap to clone (`Arc` inside), `Send + Sync`,
/// and never changes after construction, so one engine can serve many threads.
#[derive(Clone, Debug)]
pub struct Engine {
    policies: Arc<PolicySet>,
    overrides: Arc<Overrides>,
    /// Resolution tables per region code, built on first use. Each engine built with other
    /// overrides starts its own, so a reform never reads its base's values.
    tables: Arc<Tables>,
}

/// Region tables cached by code; cleared when it reaches [`Tables::MAX`] codes.
#[derive(Default)]
struct Tables(RwLock<FxHashMap<String, Arc<RegionTable>>>);

impl Tables {
    /// Bounds memory when a register spans many region codes (a table is tens of KB).
    const MAX: usize = 1024;
}

impl std::fmt::Debug for Tables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.read().map_or(0, |m| m.len());
        write!(f, "Tables({n} regions)")
    }
}

impl Engine {
    /// An engine over `policies`.
    pub fn new(policies: PolicySet) -> Self {
        Self {
            policies: Arc::new(policies),
            overrides: Arc::new(Overrides::default()),
            tables: Arc::default(),
        }
    }

    /// An engine over the policies compiled into the library.
    pub fn embedded() -> Result<Self, Error> {
        PolicySet::embedded().map(Self::new)
    }

    /// An engine over the `*.toml` policy files under `dir`.
    pub fn from_dir(dir: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        PolicySet::from_dir(dir).map(Self::new)
    }

    /// The same policies with `overrides` pinned above the region chain (validated; cheap:
    /// the policy set is shared, not copied). An override with a `region` applies to that
    /// region and the regions below it; the most specific one wins. Outcomes cite the values
    /// as overrides (evidence `override`, unverified).
    pub fn with_overrides(&self, overrides: &[Override]) -> Result<Self, Error> {
        Ok(Self {
            policies: Arc::clone(&self.policies),
            overrides: Arc::new(Overrides::build(
                overrides,
                OverrideKind::Pinned,
                Some(&self.policies),
            )?),
            tables: Arc::default(),
        })
    }

    /// The base policies with a reform's proposed values on top, for what-if analysis.
    /// Validated like policy values (registered key, typed value, dates, known region); every
    /// problem is reported with its path (`override[i].field`). Outcomes cite each proposed
    /// value with the reform's label and evidence `proposal`, unverified, so they are marked
    /// `illustrative`. Cheap: the policy set is shared, and any overrides of `self` are
    /// replaced, not stacked.
    ///
    /// ```
    /// # use hedui_core::{Engine, Reform};
    /// let base = Engine::embedded()?;
    /// let reform = Reform::from_toml("reform.toml", r#"
    /// label = "提标 2027 proposal"
    /// [[override]]
    /// region = "360100"
    /// key = "dibao.standard.urban"
    /// value = "850.00"
    /// from = "2027-01-01"
    /// "#)?;
    /// let engine = base.with_reform(&reform)?;
    /// let p = engine.effective_parameters("360102", "2027-03-01".parse().unwrap())?;
    /// let urban = p.iter().find(|p| p.key == "dibao.standard.urban").unwrap();
    /// assert_eq!(urban.value.to_string(), "850.00");
    /// assert_eq!(urban.citation.evidence, "proposal");
    /// # Ok::<(), hedui_core::Error>(())
    /// ```
    pub fn with_reform(&self, reform: &Reform) -> Result<Self, Error> {
        Ok(Self {
            policies: Arc::clone(&self.policies),
            overrides: Arc::new(Overrides::build(
                &reform.overrides,
                OverrideKind::Proposal,
                Some(&self.policies),
            )?),
            tables: Arc::default(),
        })
    }

    /// Like [`Engine::with_overrides`], from a JSON array of
    /// `{"key", "value", "from"?, "to"?}` objects (the fixture `policy_overrides` format).
    pub fn with_overrides_json(&self, json: &str, label: &str) -> Result<Self, Error> {
        let list: Vec<crate::fixture::FixtureOverride> = case::decode::decode_value(json)?;
        let overrides: Vec<Override> = list
            .into_iter()
            .map(|o| Override {
                key: o.key,
                value: crate::policy::RawValue::from_json(&o.value),
                from: o.from,
                to: o.to,
                label: label.to_owned(),
                region: None,
            })
            .collect();
        self.with_overrides(&overrides)
    }

    /// Every registered parameter in force for `code` on `on` (overrides included), with its
    /// origin and citation; parameters with no value are left out.
    pub fn effective_parameters(
        &self,
        code: &str,
        on: jiff::civil::Date,
    ) -> Result<Vec<ParameterUse>, Error> {
        let chain = self.policies.chain(code)?;
        let overrides = self.overrides.for_region(code);
        Ok(crate::policy::registry::all()
            .filter_map(|spec| PolicySet::resolve(&chain, &overrides, spec.key, on))
            .map(|r| parameter_use(&r))
            .collect())
    }

    /// The adequacy ratios for region `code` on `on` (see [`crate::policy::adequacy::ratios`]):
    /// the dibao standard to the minimum wage, to last year's per-capita consumption
    /// expenditure and disposable income, and the tekun basic standard to the dibao standard,
    /// exact, with the parameters each is missing. A reform engine reports its proposal.
    pub fn adequacy(
        &self,
        code: &str,
        on: jiff::civil::Date,
    ) -> Result<Vec<crate::policy::adequacy::Ratio>, Error> {
        crate::policy::adequacy::ratios(&self.policies, &self.overrides, code, on)
    }

    /// The policy set.
    pub fn policies(&self) -> &PolicySet {
        &self.policies
    }

    /// Validates a case against the format and the loaded regions; every problem at once.
    pub fn validate(&self, case: &Case) -> Result<(), Error> {
        self.validated_table(case).map(|_| ())
    }

    /// Validates `case` and returns its region's table (looked up once for both).
    fn validated_table(&self, case: &Case) -> Result<Arc<RegionTable>, Error> {
        let mut problems = case::validate::validate(case);
        let mut table = None;
        if !problems.iter().any(|p| p.kind == ErrorKind::UnknownRegion) {
            match self.table(&case.region) {
                Ok(t) => table = Some(t),
                Err(e) => problems.extend(e.problems().iter().cloned()),
            }
        }
        if !problems.is_empty() {
            return Err(Error::from_problems(problems));
        }
        match table {
            Some(t) => Ok(t),
            None => self.table(&case.region),
        }
    }

    /// The resolution table for region `code`, cached; fails like [`PolicySet::chain`].
    fn table(&self, code: &str) -> Result<Arc<RegionTable>, Error> {
        // A poisoned lock only means another thread panicked mid-insert: build afresh.
        if let Ok(m) = self.tables.0.read()
            && let Some(t) = m.get(code)
        {
            return Ok(Arc::clone(t));
        }
        let t = Arc::new(RegionTable::build(&self.policies, &self.overrides, code)?);
        if let Ok(mut m) = self.tables.0.write() {
            if m.len() >= Tables::MAX {
                m.clear();
            }
            m.insert(code.to_owned(), Arc::clone(&t));
        }
        Ok(t)
    }

    /// Decodes, validates and evaluates a JSON case.
    pub fn evaluate_json(&self, json: &str) -> Result<Outcome, Error> {
        let case = case::decode_case(json)?;
        self.evaluate(&case)
    }

    /// Evaluates many cases; one result per case, in order.
    pub fn evaluate_batch(&self, cases: &[Case]) -> Vec<Result<Outcome, Error>> {
        cases.iter().map(|c| self.evaluate(c)).collect()
    }

    /// Validates and evaluates one case.
    pub fn evaluate(&self, case: &Case) -> Result<Outcome, Error> {
        self.run(case, true)
    }

    /// Validates and decides one case: per program the status and amount, and the income
    /// figures, without the explanation. Runs the same rules as [`Engine::evaluate`], only
    /// skipping messages, arithmetic steps, parameter lists and the report, so it is several
    /// times cheaper; the result always equals [`Decision::of_outcome`] of the full outcome.
    ///
    /// ```
    /// # fn main() -> Result<(), hedui_core::Error> {
    /// use hedui_core::{Engine, Program, Status};
    /// let engine = Engine::embedded()?;
    /// let case = hedui_core::case::decode_case(
    ///     r#"{"id": "c1", "region": "360100", "as_of": "2026-11-15", "residence": "urban",
    ///         "members": [{"id": "a", "relation": "self", "birth_date": "1970-01-01"}]}"#,
    /// )?;
    /// let d = engine.evaluate_decision(&case)?;
    /// let dibao = d.program(Program::Dibao).map(|p| (p.status, p.amount));
    /// assert_eq!(d.counted_members, 1);
    /// # let _ = (dibao, Status::Eligible);
    /// # Ok(())
    /// # }
    /// ```
    pub fn evaluate_decision(&self, case: &Case) -> Result<Decision, Error> {
        self.run(case, false).map(Decision::from_outcome)
    }

    /// Evaluates one case; when not `explain`, only the decision fields of the outcome are
    /// filled (see [`Decision::from_outcome`]).
    fn run(&self, case: &Case, explain: bool) -> Result<Outcome, Error> {
        let table = self.validated_table(case)?;
        let mut ctx = Ctx::new(case, &table, explain);
        let mut warnings = Vec::new();

        // Tekun first: a person supported as tekun is not also counted for dibao.
        let mut tekun_results = Vec::new();
        if case.wants(Program::Tekun) {
            for m in rules::applicants(&ctx, Program::Tekun) {
                tekun_results.push(rules::tekun::evaluate_member(&mut ctx, m)?);
            }
        }
        let tekun_ids = rules::tekun::excluded_from_dibao(&mut ctx, &tekun_results);
        let household = rules::household::count(&mut ctx, &tekun_ids);
        let income = rules::income::compute(&mut ctx, &household)?;
        warnings.extend(income.warnings.iter().cloned());
        let held = rules::assets::counted_assets(&ctx, &household);
        let assets = if explain {
            rules::assets::summary(&held, household.size())?
        } else {
            crate::outcome::AssetSummary::default()
        };

        let mut verification = rules::verification::verify(&mut ctx, &income)?;

        let mut shared_review = household.summary.review.clone();
        shared_review.extend(income.review.iter().cloned());
        shared_review.extend(verification.review.iter().cloned());
        let shared = Shared {
            review: shared_review,
            held,
        };

        let mut programs = Vec::new();
        let dibao = rules::dibao::evaluate(&mut ctx, &household, &income, &shared)?;
        let dibao_status = dibao.status;
        let near =
            rules::near_dibao::evaluate(&mut ctx, &household, &income, &shared, dibao_status)?;
        let near_status = near.status;
        if case.wants(Program::Dibao) {
            programs.push(dibao);
        }
        if case.wants(Program::NearDibao) {
            programs.push(near);
        }
        if case.wants(Program::Tekun) {
            programs.push(per_person(Program::Tekun, tekun_results)?);
        }
        if case.wants(Program::SinglePerson) {
            let mut results = Vec::new();
            for m in rules::applicants(&ctx, Program::SinglePerson) {
                results.push(rules::single_person::evaluate_member(
                    &mut ctx,
                    m,
                    dibao_status,
                    near_status,
                )?);
            }
            programs.push(per_person(Program::SinglePerson, results)?);
        }
        if case.wants(Program::TemporaryRelief) {
            programs.push(rules::temporary_relief::evaluate(
                &mut ctx,
                &household,
                &income,
                dibao_status,
            )?);
        }
        if case.wants(Program::RigidExpenditure) {
            programs.push(rules::rigid_expenditure::evaluate(
                &mut ctx,
                &household,
                &income,
                &shared,
                dibao_status,
                near_status,
            )?);
        }
        if case.wants(Program::PriceSubsidy) {
            let tekun_n = tekun_ids.len();
            programs.push(rules::price_subsidy::evaluate(
                &mut ctx,
                &household,
                dibao_status,
                near_status,
                tekun_n,
            )?);
        }
        verification.material = programs.iter().any(|p| {
            p.status == Status::NeedsReview && rules::verification::is_material(&p.review)
        });

        let illustrative = ctx.illustrative;
        // The decision-only mode leaves out the case's identity and the explanation.
        let (case_id, as_of, region, parameters, stale_parameters) = if explain {
            let parameters: Vec<ParameterUse> = ctx.used.iter().map(parameter_use).collect();
            warnings.extend(parameter_warnings(&parameters));
            let stale = crate::policy::set::stale_uses(&table, &ctx.used, case.as_of);
            warnings.extend(crate::policy::set::stale_warning(&stale));
            let region = RegionUse {
                code: case.region.clone(),
                chain: table.chain.clone(),
                name: table.name.clone(),
            };
            let as_of = case.as_of.to_string();
            (case.id.clone(), as_of, region, parameters, stale)
        } else {
            let region = RegionUse {
                code: String::new(),
                chain: Vec::new(),
                name: String::new(),
            };
            (String::new(), String::new(), region, Vec::new(), Vec::new())
        };
        Ok(Outcome {
            format: OUTCOME_FORMAT,
            engine: env!("CARGO_PKG_VERSION"),
            case_id,
            as_of,
            region,
            illustrative,
            household: household.summary,
            income: income.summary,
            assets,
            programs,
            verification,
            warnings,
            parameters,
            stale_parameters,
        })
    }
}

/// Warnings for values that are not the policy in force: pinned overrides and proposals.
fn parameter_warnings(parameters: &[ParameterUse]) -> Vec<String> {
    let mut out = Vec::new();
    if parameters
        .iter()
        .any(|p| p.citation.evidence == OverrideKind::Pinned.evidence())
    {
        out.push("使用了覆盖参数 / policy overrides in effect".to_owned());
    }
    if let Some(p) = parameters
        .iter()
        .find(|p| p.citation.evidence == OverrideKind::Proposal.evidence())
    {
        out.push(format!(
            "使用了拟议参数(未生效):{} / proposed values, not in force: {}",
            p.citation.title, p.citation.title
        ));
    }
    out
}

/// Combines per-person results: eligible if any member is, and the amounts add up.
fn per_person(
    program: Program,
    members: Vec<crate::outcome::MemberProgram>,
) -> Result<crate::outcome::ProgramOutcome, Error> {
    let status = if members.is_empty() {
        Status::NotApplicable
    } else if members.iter().any(|m| m.status == Status::Eligible) {
        Status::Eligible
    } else if members.iter().any(|m| m.status == Status::NeedsReview) {
        Status::NeedsReview
    } else {
        Status::Ineligible
    };
    let amount = if status == Status::Eligible {
        Some(
            members
                .iter()
                .filter_map(|m| m.amount)
                .try_fold(rust_decimal::Decimal::ZERO, crate::money::add)?,
        )
    } else {
        None
    };
    let review = members
        .iter()
        .filter(|m| m.status == Status::NeedsReview)
        .flat_map(|m| m.review.iter().cloned())
        .collect::<Vec<_>>();
    Ok(crate::outcome::ProgramOutcome {
        program,
        status,
        amount,
        arithmetic: Vec::new(),
        checks: Vec::new(),
        review: if status == Status::NeedsReview {
            review
        } else {
            Vec::new()
        },
        to_qualify: Vec::new(),
        members,
        gradual_exit: None,
    })
}

fn parameter_use(r: &crate::policy::Resolved<'_>) -> ParameterUse {
    ParameterUse {
        key: r.key.to_owned(),
        value: r.entry.value.clone(),
        region: r.entry.region.to_string(),
        file: r.entry.file.to_string(),
        from: if r.entry.from == jiff::civil::Date::MIN {
            "-".to_owned()
        } else {
            r.entry.from.to_string()
        },
        to: r.entry.to.map(|d| d.to_string()),
        citation: std::sync::Arc::clone(&r.entry.citation),
    }
}

/// Turns an error into the JSON object the batch and C boundaries emit.
pub fn error_json(e: &Error) -> String {
    serde_json::to_string(e).unwrap_or_else(|_| {
        let p = Problem::bare(ErrorKind::Internal, "error serialization failed");
        format!("{{\"code\":{},\"message\":\"{}\"}}", p.code(), p.message)
    })
}
