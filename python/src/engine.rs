//! `Engine`, `Outcome` and `ProgramOutcome`: the Python classes over the core engine.

use std::path::PathBuf;

use hedui_core::case::{self, Case};
use hedui_core::outcome::{ParameterUse, ProgramOutcome};
use hedui_core::policy::ParamValue;
use hedui_core::{Engine, Error, ErrorKind, Outcome, Program};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde::Deserialize;

use crate::convert::{self, Mode};
use crate::detach;
use crate::errors::{Failure, catch_row, core_err, guard};

/// A compiled policy set that evaluates households. Immutable and thread-safe: share one
/// engine between threads; `with_overrides` returns a new engine sharing the same policies.
#[pyclass(frozen, module = "hedui._native", name = "Engine")]
#[derive(Debug)]
pub(crate) struct PyEngine {
    pub(crate) inner: Engine,
}

/// One case as it arrives, converted to owned data while the GIL is held.
enum Input {
    Text(String),
    Tree(serde_json::Value),
    Failed(Failure),
}

impl Input {
    fn from_py(obj: &Bound<'_, PyAny>) -> Self {
        if let Ok(s) = obj.cast::<PyString>() {
            return match s.to_str() {
                Ok(s) => Input::Text(s.to_owned()),
                Err(_) => Input::Failed(Failure::from_core(&Error::bare(
                    ErrorKind::CaseSyntax,
                    "the text is not valid unicode",
                ))),
            };
        }
        if !obj.is_instance_of::<PyDict>() {
            let type_name = obj
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default();
            return Input::Failed(Failure::from_core(&Error::bare(
                ErrorKind::CaseShape,
                format!("a case is a dict or a JSON string, not `{type_name}`"),
            )));
        }
        match convert::to_json(obj, Mode::Case) {
            Ok(v) => Input::Tree(v),
            Err(problems) => Input::Failed(Failure::from_core(&Error::from_problems(problems))),
        }
    }

    /// Decodes the case (no GIL needed).
    fn decode(&self) -> Result<Case, Failure> {
        match self {
            Input::Text(t) => case::decode_case(t).map_err(|e| Failure::from_core(&e)),
            Input::Tree(v) => match Case::deserialize(v) {
                Ok(c) => Ok(c),
                // Slow path, only for bad input: collect every problem with its path.
                Err(_) => {
                    case::decode::decode_tree::<Case>(v.clone()).map_err(|e| Failure::from_core(&e))
                }
            },
            Input::Failed(f) => Err(f.clone()),
        }
    }
}

fn evaluate_input(engine: &Engine, input: &Input) -> Result<Outcome, Failure> {
    catch_row(|| {
        let case = input.decode()?;
        engine.evaluate(&case).map_err(|e| Failure::from_core(&e))
    })
}

#[pymethods]
impl PyEngine {
    /// An engine over the policies shipped inside the library.
    #[classmethod]
    fn default(_cls: &Bound<'_, pyo3::types::PyType>, py: Python<'_>) -> PyResult<Self> {
        guard(py, || {
            Engine::embedded()
                .map(|inner| Self { inner })
                .map_err(|e| core_err(py, &e))
        })
    }

    /// An engine over every `*.toml` policy file under `path`.
    #[classmethod]
    fn from_dir(
        _cls: &Bound<'_, pyo3::types::PyType>,
        py: Python<'_>,
        path: PathBuf,
    ) -> PyResult<Self> {
        guard(py, || {
            py.detach(move || Engine::from_dir(path))
                .map(|inner| Self { inner })
                .map_err(|e| core_err(py, &e))
        })
    }

    /// A new engine with values pinned above every region: a list of
    /// `{"key", "value", "from"?, "to"?}` dicts or the same as JSON text.
    fn with_overrides(&self, py: Python<'_>, overrides: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(py, || {
            let text = if let Ok(s) = overrides.cast::<PyString>() {
                s.to_str()?.to_owned()
            } else {
                if !overrides.is_instance_of::<PyList>()
                    && !overrides.is_instance_of::<pyo3::types::PyTuple>()
                {
                    return Err(core_err(
                        py,
                        &Error::bare(
                            ErrorKind::PolicyInvalid,
                            "overrides are a list of dicts or a JSON string",
                        ),
                    ));
                }
                crate::whatif::overrides_json(py, overrides)?.to_string()
            };
            self.inner
                .with_overrides_json(&text, "override (Python)")
                .map(|inner| Self { inner })
                .map_err(|e| core_err(py, &e))
        })
    }

    /// A new engine: these policies with a reform's proposed values on top (TOML text, a
    /// path to a TOML file, a dict `{"label"?, "override": [...]}` or a list of override
    /// dicts with `region`?, `key`, `value`, `from`?, `to`?). Outcomes cite the values as a
    /// proposal. `label` names the reform when it does not name itself.
    #[pyo3(signature = (proposal, *, label = None))]
    fn reform(
        &self,
        py: Python<'_>,
        proposal: &Bound<'_, PyAny>,
        label: Option<&str>,
    ) -> PyResult<Self> {
        guard(py, || {
            let r = crate::whatif::reform_of(py, proposal, label)?;
            self.inner
                .with_reform(&r)
                .map(|inner| Self { inner })
                .map_err(|e| core_err(py, &e))
        })
    }

    /// The adequacy ratios for region `code` on `date`: exact `Decimal` ratios with their
    /// inputs and citations, or the parameters each is missing.
    fn adequacy<'py>(
        &self,
        py: Python<'py>,
        code: &str,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        guard(py, || {
            let on = convert::date_arg(date, "date").map_err(|e| core_err(py, &e))?;
            let ratios = self
                .inner
                .adequacy(code, on)
                .map_err(|e| core_err(py, &e))?;
            crate::whatif::ratios_to_py(py, &ratios)
        })
    }

    /// Evaluates one household (a dict or JSON text) and returns its `Outcome`.
    fn evaluate(&self, py: Python<'_>, case: &Bound<'_, PyAny>) -> PyResult<PyOutcome> {
        guard(py, || {
            let input = Input::from_py(case);
            evaluate_input(&self.inner, &input)
                .map(|inner| PyOutcome { inner })
                .map_err(|f| f.to_pyerr(py))
        })
    }

    /// Evaluates many households; one item per case, in order: an `Outcome`, or the
    /// `HeduiError` the case raised (returned, not raised). Runs without the GIL.
    #[pyo3(signature = (cases, *, threads = None))]
    fn evaluate_many<'py>(
        &self,
        py: Python<'py>,
        cases: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        guard(py, || {
            // Chunk by chunk: convert under the GIL, evaluate without it, wrap the results.
            // Memory stays bounded and each chunk stays in cache.
            let workers = detach::Workers::new(py, detach::thread_count(threads))?;
            let out = PyList::empty(py);
            let mut inputs: Vec<Input> = Vec::with_capacity(workers.chunk());
            let mut iter = cases.try_iter()?;
            loop {
                inputs.clear();
                for c in iter.by_ref().take(workers.chunk()) {
                    inputs.push(Input::from_py(&c?));
                }
                if inputs.is_empty() {
                    break;
                }
                let engine = &self.inner;
                let results = workers.map(py, &inputs, |input| evaluate_input(engine, input))?;
                for r in results {
                    match r {
                        Ok(inner) => out.append(Bound::new(py, PyOutcome { inner })?)?,
                        Err(f) => out.append(f.to_exception(py)?)?,
                    }
                }
            }
            Ok(out)
        })
    }

    /// Checks a household without evaluating it; raises `InputError` listing every problem.
    fn validate(&self, py: Python<'_>, case: &Bound<'_, PyAny>) -> PyResult<()> {
        guard(py, || {
            let input = Input::from_py(case);
            let case = input.decode().map_err(|f| f.to_pyerr(py))?;
            self.inner.validate(&case).map_err(|e| core_err(py, &e))
        })
    }

    /// Every parameter in force for region `code` on `date` (overrides included), with its
    /// origin and citation.
    fn policy_show<'py>(
        &self,
        py: Python<'py>,
        code: &str,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        guard(py, || {
            let on = convert::date_arg(date, "date").map_err(|e| core_err(py, &e))?;
            let params = self
                .inner
                .effective_parameters(code, on)
                .map_err(|e| core_err(py, &e))?;
            parameters_to_py(py, &params)
        })
    }

    /// Scores whole registers given as four related tables; see the package docs.
    #[pyo3(signature = (households, members, incomes = None, assets = None, *, programs = None, threads = None))]
    #[expect(
        clippy::too_many_arguments,
        reason = "mirrors the documented Python signature"
    )]
    #[expect(
        clippy::needless_pass_by_value,
        reason = "pyo3 extracts arguments as owned values"
    )]
    fn evaluate_table<'py>(
        &self,
        py: Python<'py>,
        households: &Bound<'py, PyAny>,
        members: &Bound<'py, PyAny>,
        incomes: Option<&Bound<'py, PyAny>>,
        assets: Option<&Bound<'py, PyAny>>,
        programs: Option<Vec<String>>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            crate::table::evaluate_table(
                py,
                &self.inner,
                households,
                members,
                incomes,
                assets,
                programs.as_deref(),
                detach::thread_count(threads),
            )
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "Engine(regions={})",
            self.inner.policies().regions().count()
        )
    }
}

/// The result of one household: decisions, amounts and the 核对 report.
#[pyclass(frozen, module = "hedui._native", name = "Outcome")]
#[derive(Debug)]
pub(crate) struct PyOutcome {
    pub(crate) inner: Outcome,
}

fn json_of<'py, T: serde::Serialize>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(v).map_err(|e| {
        core_err(
            py,
            &Error::bare(ErrorKind::Internal, format!("serialization failed: {e}")),
        )
    })?;
    convert::from_json(py, &value)
}

fn shown(py: Python<'_>, d: Option<rust_decimal::Decimal>) -> PyResult<Bound<'_, PyAny>> {
    match d.and_then(|d| hedui_core::money::show(d).parse().ok()) {
        Some(d) => convert::decimal_to_py(py, d),
        None => Ok(py.None().into_bound(py)),
    }
}

fn param_value_to_py<'py>(py: Python<'py>, v: &ParamValue) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        ParamValue::Decimal(d) => convert::decimal_to_py(py, *d)?,
        ParamValue::Int(i) => i.into_pyobject(py)?.into_any(),
        ParamValue::Bool(b) => pyo3::types::PyBool::new(py, *b).to_owned().into_any(),
        ParamValue::Text(s) => PyString::new(py, s).into_any(),
        ParamValue::List(l) => PyList::new(py, l)?.into_any(),
    })
}

/// Parameters as dicts, with each value in its registered type (money as `Decimal`).
fn parameters_to_py<'py>(py: Python<'py>, params: &[ParameterUse]) -> PyResult<Bound<'py, PyList>> {
    let list = json_of(py, &params)?.cast_into::<PyList>()?;
    for (item, p) in list.iter().zip(params) {
        item.set_item("value", param_value_to_py(py, &p.value)?)?;
    }
    Ok(list)
}

#[pymethods]
impl PyOutcome {
    /// The case id.
    #[getter]
    fn case_id(&self) -> &str {
        &self.inner.case_id
    }

    /// The assessment date.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.inner.as_of.parse() {
            Ok(d) => convert::date_to_py(py, d),
            Err(_) => Ok(PyString::new(py, &self.inner.as_of).into_any()),
        }
    }

    /// The region code the case named.
    #[getter]
    fn region(&self) -> &str {
        &self.inner.region.code
    }

    /// The region codes with policy files, most specific first.
    #[getter]
    fn region_chain(&self) -> Vec<String> {
        self.inner.region.chain.clone()
    }

    /// Whether any value used is unverified (illustrative).
    #[getter]
    fn illustrative(&self) -> bool {
        self.inner.illustrative
    }

    /// The engine version that produced the outcome.
    #[getter]
    fn engine_version(&self) -> &str {
        self.inner.engine
    }

    /// Every program's result, in the engine's order.
    #[getter]
    fn programs(&self) -> Vec<PyProgramOutcome> {
        self.inner
            .programs
            .iter()
            .map(|p| PyProgramOutcome { inner: p.clone() })
            .collect()
    }

    /// One program's result (`"dibao"`, `"near_dibao"`, …), or `None` if not assessed.
    fn program(&self, name: &str) -> Option<PyProgramOutcome> {
        self.inner
            .programs
            .iter()
            .find(|p| p.program.as_str() == name)
            .map(|p| PyProgramOutcome { inner: p.clone() })
    }

    /// Ids of the members counted in the household.
    #[getter]
    fn counted_members(&self) -> Vec<String> {
        self.inner
            .household
            .counted
            .iter()
            .map(|m| m.member.clone())
            .collect()
    }

    /// Member id → rule id of each member left out of the household.
    #[getter]
    fn excluded_members(&self) -> Vec<(String, String)> {
        self.inner
            .household
            .excluded
            .iter()
            .map(|m| (m.member.clone(), m.rule.to_owned()))
            .collect()
    }

    /// Per-capita monthly income to the fen, or `None` when it could not be computed.
    #[getter]
    fn per_capita_income<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shown(py, self.inner.income.per_capita_monthly)
    }

    /// Total monthly household income to the fen, or `None`.
    #[getter]
    fn total_monthly_income<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shown(py, self.inner.income.total_monthly)
    }

    /// The household as counted (`counted`, `excluded`, `review`).
    #[getter]
    fn household<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_of(py, &self.inner.household)
    }

    /// Income as counted.
    #[getter]
    fn income<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_of(py, &self.inner.income)
    }

    /// Assets as counted.
    #[getter]
    fn assets<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_of(py, &self.inner.assets)
    }

    /// The 核对 (verification) report.
    #[getter]
    fn verification<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_of(py, &self.inner.verification)
    }

    /// Every policy value consulted, with its citation.
    #[getter]
    fn parameters<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        parameters_to_py(py, &self.inner.parameters)
    }

    /// Notes that do not change a decision.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.inner.warnings.clone()
    }

    /// The whole outcome as plain Python data: money as `Decimal`, dates as `date`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let d = json_of(py, &self.inner)?;
            d.set_item("parameters", parameters_to_py(py, &self.inner.parameters)?)?;
            Ok(d)
        })
    }

    /// The outcome as `hedui.outcome/1` JSON text (identical to the CLI's and the C API's).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __repr__(&self) -> String {
        let programs: Vec<String> = self
            .inner
            .programs
            .iter()
            .map(|p| match p.amount {
                Some(a) => format!("{}={} {}", p.program.as_str(), p.status.as_str(), a),
                None => format!("{}={}", p.program.as_str(), p.status.as_str()),
            })
            .collect();
        format!(
            "Outcome(case_id={:?}, {})",
            self.inner.case_id,
            programs.join(", ")
        )
    }
}

/// One program's decision.
#[pyclass(frozen, module = "hedui._native", name = "ProgramOutcome")]
#[derive(Debug)]
pub(crate) struct PyProgramOutcome {
    inner: ProgramOutcome,
}

#[pymethods]
impl PyProgramOutcome {
    /// The program (`"dibao"`, `"near_dibao"`, …).
    #[getter]
    fn program(&self) -> &'static str {
        self.inner.program.as_str()
    }

    /// `"eligible"`, `"ineligible"`, `"needs_review"` or `"not_applicable"`.
    #[getter]
    fn status(&self) -> &'static str {
        self.inner.status.as_str()
    }

    /// The monthly amount as `Decimal`, or `None`.
    #[getter]
    fn amount<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.inner.amount {
            Some(a) => convert::decimal_to_py(py, a),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// How the amount was reached, step by step.
    #[getter]
    fn arithmetic(&self) -> Vec<String> {
        self.inner.arithmetic.clone()
    }

    /// Every rule applied, as dicts (`rule`, `citation`, `observed`, `threshold`, `passed`,
    /// `zh`, `en`).
    #[getter]
    fn checks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_of(py, &self.inner.checks)
    }

    /// Why a person must decide, as dicts (`rule`, `citation`, `zh`, `en`).
    #[getter]
    fn review<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_of(py, &self.inner.review)
    }

    /// The rule ids among the review reasons.
    #[getter]
    fn review_rules(&self) -> Vec<&'static str> {
        self.inner.review.iter().map(|r| r.rule).collect()
    }

    /// For an ineligible household: what would have to change.
    #[getter]
    fn to_qualify<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_of(py, &self.inner.to_qualify)
    }

    /// The result of one check: `True`, `False`, `None` (undecided); `KeyError` if the rule
    /// was not applied.
    fn check(&self, rule: &str) -> PyResult<Option<bool>> {
        self.inner
            .check(rule)
            .map(|c| c.passed)
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(rule.to_owned()))
    }

    /// The program outcome as plain Python data.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_of(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        match self.inner.amount {
            Some(a) => format!(
                "ProgramOutcome(program={:?}, status={:?}, amount=Decimal('{a}'))",
                self.inner.program.as_str(),
                self.inner.status.as_str()
            ),
            None => format!(
                "ProgramOutcome(program={:?}, status={:?}, amount=None)",
                self.inner.program.as_str(),
                self.inner.status.as_str()
            ),
        }
    }
}

/// Parses program names (`"dibao"`, `"near_dibao"`).
pub(crate) fn parse_programs(names: &[String]) -> Result<Vec<Program>, Error> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, n) in names.iter().enumerate() {
        match n.parse::<Program>() {
            Ok(p) => out.push(p),
            Err(e) => problems.push(hedui_core::Problem::at(
                ErrorKind::InvalidValue,
                format!("programs[{i}]"),
                e.to_string(),
            )),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::from_problems(problems))
    }
}
