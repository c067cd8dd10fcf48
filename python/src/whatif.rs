//! What-if from Python: `Engine.reform`, `Engine.adequacy`, `hedui.compare` and `hedui.sweep`.
//!
//! Tables are read as in `evaluate_table` (Arrow C stream, no copy); each household is
//! assembled once and evaluated under every engine on worker threads without the GIL; the
//! aggregation is `hedui_register::compare`, shared with `hedui compare`.

use std::sync::Arc;

use arrow_array::builder::{Decimal128Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use hedui_core::case::Program;
use hedui_core::policy::adequacy::{Ratio, Term};
use hedui_core::{Error, ErrorKind, RawValue, Reform};
use hedui_register::compare::{
    Comparison, Pair, Side, Sweep, evaluate_side, evaluate_sweep, sweep_engines,
};
use hedui_register::{MONEY_PRECISION, MONEY_SCALE, Register};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rust_decimal::Decimal;

use crate::convert::{self, Mode};
use crate::detach;
use crate::engine::PyEngine;
use crate::errors::{Failure, catch_row, core_err, guard};
use crate::table::{read_table, to_pyarrow};

/// A reform from Python: TOML or JSON text, a path to a TOML or JSON file (both read by
/// `Reform::parse`), a dict `{"label"?, "override": [...]}` or a list of override dicts.
pub(crate) fn reform_of(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    label: Option<&str>,
) -> PyResult<Reform> {
    let relabel = |mut r: Reform| {
        if let Some(l) = label {
            r = Reform::new(l, r.overrides);
        }
        r
    };
    if let Ok(s) = obj.cast::<PyString>() {
        let r = Reform::parse("reform", s.to_str()?).map_err(|e| core_err(py, &e))?;
        return Ok(relabel(r));
    }
    if obj.hasattr("__fspath__")? {
        let path: std::path::PathBuf = obj.extract()?;
        let text = std::fs::read_to_string(&path).map_err(|e| {
            core_err(
                py,
                &Error::at(
                    ErrorKind::PolicyIo,
                    path.display().to_string(),
                    e.to_string(),
                ),
            )
        })?;
        let r = Reform::parse(&path.display().to_string(), &text).map_err(|e| core_err(py, &e))?;
        return Ok(relabel(r));
    }
    let ok_type = obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<pyo3::types::PyTuple>()
        || obj.is_instance_of::<PyDict>();
    if !ok_type {
        return Err(core_err(
            py,
            &Error::bare(
                ErrorKind::PolicyInvalid,
                "a reform is TOML or JSON text, a path, a dict with `override`, or a list of override dicts",
            ),
        ));
    }
    let value = overrides_json(py, obj)?;
    Reform::from_json(&value.to_string(), label).map_err(|e| core_err(py, &e))
}

/// Python override values (dicts, lists, `Decimal`, dates) as JSON; a problem in them is a
/// policy problem (`PolicyError`), not a case problem.
pub(crate) fn overrides_json(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
) -> PyResult<serde_json::Value> {
    convert::to_json(obj, Mode::Overrides).map_err(|problems| {
        let problems = problems
            .into_iter()
            .map(|mut p| {
                p.kind = ErrorKind::PolicyInvalid;
                p
            })
            .collect();
        core_err(py, &Error::from_problems(problems))
    })
}

fn term_to_py<'py>(py: Python<'py>, t: Option<&Term>) -> PyResult<Bound<'py, PyAny>> {
    let Some(t) = t else {
        return Ok(py.None().into_bound(py));
    };
    let d = PyDict::new(py);
    d.set_item("key", t.key)?;
    d.set_item("value", convert::decimal_to_py(py, t.value)?)?;
    d.set_item("region", &t.region)?;
    let c = serde_json::to_value(&*t.citation)
        .map_err(|e| core_err(py, &Error::bare(ErrorKind::Internal, e.to_string())))?;
    d.set_item("citation", convert::from_json(py, &c)?)?;
    Ok(d.into_any())
}

fn opt_decimal(py: Python<'_>, d: Option<Decimal>) -> PyResult<Bound<'_, PyAny>> {
    match d {
        Some(d) => convert::decimal_to_py(py, d),
        None => Ok(py.None().into_bound(py)),
    }
}

pub(crate) fn ratios_to_py<'py>(py: Python<'py>, rs: &[Ratio]) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for r in rs {
        let d = PyDict::new(py);
        d.set_item("kind", r.kind.as_str())?;
        d.set_item("residence", r.residence)?;
        d.set_item("tier", r.tier)?;
        d.set_item("ratio", opt_decimal(py, r.ratio)?)?;
        d.set_item("percent", opt_decimal(py, r.percent())?)?;
        d.set_item("months", r.months)?;
        d.set_item("target", opt_decimal(py, r.target)?)?;
        d.set_item("numerator", term_to_py(py, r.numerator.as_ref())?)?;
        d.set_item("denominator", term_to_py(py, r.denominator.as_ref())?)?;
        d.set_item("missing", r.missing.clone())?;
        d.set_item("note", r.note)?;
        out.append(d)?;
    }
    Ok(out)
}

/// Output programs and the programs copied into every case (as in `evaluate_table`).
fn programs_of(
    py: Python<'_>,
    programs: Option<&[String]>,
) -> PyResult<(Vec<Program>, Vec<Program>)> {
    Ok(match programs {
        Some(names) => {
            let p = crate::engine::parse_programs(names).map_err(|e| core_err(py, &e))?;
            (p.clone(), p)
        }
        None => (Vec::new(), Program::DEFAULTS.to_vec()),
    })
}

struct Tables {
    register: Register,
    ids: ArrayRef,
    id_field: Field,
}

fn read_register(
    py: Python<'_>,
    households: &Bound<'_, PyAny>,
    members: &Bound<'_, PyAny>,
    incomes: Option<&Bound<'_, PyAny>>,
    assets: Option<&Bound<'_, PyAny>>,
    case_programs: Vec<Program>,
) -> PyResult<Tables> {
    let hb = read_table(py, households, "households")?;
    let mb = read_table(py, members, "members")?;
    let ib = incomes.map(|t| read_table(py, t, "incomes")).transpose()?;
    let ab = assets.map(|t| read_table(py, t, "assets")).transpose()?;
    let register = py
        .detach(|| Register::new(&hb, &mb, ib.as_ref(), ab.as_ref(), case_programs))
        .map_err(|e| core_err(py, &e))?;
    let idx = hb.schema_ref().index_of("household_id").map_err(|e| {
        core_err(
            py,
            &Error::at(
                ErrorKind::CaseShape,
                "households.household_id",
                e.to_string(),
            ),
        )
    })?;
    let ids = hb.columns().get(idx).cloned().ok_or_else(|| {
        core_err(
            py,
            &Error::bare(ErrorKind::Internal, "household_id vanished"),
        )
    })?;
    Ok(Tables {
        register,
        ids,
        id_field: hb.schema_ref().field(idx).clone(),
    })
}

/// Per-household before/after columns: region, then per program status and amount under each
/// policy and the change.
struct PerHousehold {
    region: StringBuilder,
    cols: Vec<(
        StringBuilder,
        Decimal128Builder,
        StringBuilder,
        Decimal128Builder,
        Decimal128Builder,
    )>,
}

fn money(n: usize) -> Result<Decimal128Builder, Error> {
    Decimal128Builder::with_capacity(n)
        .with_precision_and_scale(MONEY_PRECISION, MONEY_SCALE)
        .map_err(|e| Error::bare(ErrorKind::Internal, e.to_string()))
}

impl PerHousehold {
    fn new(programs: &[Program], n: usize) -> Result<Self, Error> {
        let mut cols = Vec::new();
        for _ in programs {
            cols.push((
                StringBuilder::with_capacity(n, n * 10),
                money(n)?,
                StringBuilder::with_capacity(n, n * 10),
                money(n)?,
                money(n)?,
            ));
        }
        Ok(Self {
            region: StringBuilder::with_capacity(n, n * 6),
            cols,
        })
    }

    fn push(&mut self, p: &Pair) {
        let failed = p.before.error().is_some() || p.after.error().is_some();
        if p.region.is_empty() {
            self.region.append_null();
        } else {
            self.region.append_value(&p.region);
        }
        for (i, (sb, ab, sa, aa, ch)) in self.cols.iter_mut().enumerate() {
            if failed {
                sb.append_null();
                ab.append_null();
                sa.append_null();
                aa.append_null();
                ch.append_null();
                continue;
            }
            sb.append_option(p.before.status(i).map(hedui_core::Status::as_str));
            sa.append_option(p.after.status(i).map(hedui_core::Status::as_str));
            let (b, a) = (p.before.amount_fen(i), p.after.amount_fen(i));
            ab.append_value(b);
            aa.append_value(a);
            ch.append_value(a - b);
        }
    }

    fn finish(
        mut self,
        programs: &[Program],
        ids: ArrayRef,
        id_field: &Field,
    ) -> Result<RecordBatch, Error> {
        let m = DataType::Decimal128(MONEY_PRECISION, MONEY_SCALE);
        let mut fields = vec![
            Field::new(
                "household_id",
                id_field.data_type().clone(),
                id_field.is_nullable(),
            ),
            Field::new("region", DataType::Utf8, true),
        ];
        let mut columns: Vec<ArrayRef> = vec![ids, Arc::new(self.region.finish())];
        for (p, (sb, ab, sa, aa, ch)) in programs.iter().zip(&mut self.cols) {
            let p = p.as_str();
            fields.push(Field::new(
                format!("{p}_status_before"),
                DataType::Utf8,
                true,
            ));
            columns.push(Arc::new(sb.finish()));
            fields.push(Field::new(format!("{p}_amount_before"), m.clone(), true));
            columns.push(Arc::new(ab.finish()));
            fields.push(Field::new(
                format!("{p}_status_after"),
                DataType::Utf8,
                true,
            ));
            columns.push(Arc::new(sa.finish()));
            fields.push(Field::new(format!("{p}_amount_after"), m.clone(), true));
            columns.push(Arc::new(aa.finish()));
            fields.push(Field::new(format!("{p}_change"), m.clone(), true));
            columns.push(Arc::new(ch.finish()));
        }
        RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
            .map_err(|e| Error::bare(ErrorKind::Internal, e.to_string()))
    }
}

/// Scores a register under `base` and `reform`; see the package docs.
#[pyfunction]
#[pyo3(signature = (base, reform, households, members, incomes = None, assets = None, *, programs = None, threads = 0, per_household = false))]
#[expect(
    clippy::too_many_arguments,
    reason = "mirrors the documented Python signature"
)]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 extracts arguments as owned values"
)]
pub(crate) fn compare<'py>(
    py: Python<'py>,
    base: PyRef<'py, PyEngine>,
    reform: PyRef<'py, PyEngine>,
    households: &Bound<'py, PyAny>,
    members: &Bound<'py, PyAny>,
    incomes: Option<&Bound<'py, PyAny>>,
    assets: Option<&Bound<'py, PyAny>>,
    programs: Option<Vec<String>>,
    threads: usize,
    per_household: bool,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let (case_programs, out_programs) = programs_of(py, programs.as_deref())?;
        let t = read_register(py, households, members, incomes, assets, case_programs)?;
        let n = t.register.len();
        let mut comparison = Comparison::new(&out_programs);
        let mut rows = if per_household {
            Some(PerHousehold::new(&out_programs, n).map_err(|e| core_err(py, &e))?)
        } else {
            None
        };
        let (b, r, reg, ps) = (&base.inner, &reform.inner, &t.register, &out_programs);
        detach::for_each_chunk(
            py,
            n,
            detach::thread_count(Some(threads)),
            |h| {
                let case = catch_row(|| reg.case(h).map_err(|e| Failure::from_core(&e)));
                match case {
                    Ok(c) => Pair {
                        before: evaluate_side(b, &c, ps),
                        after: evaluate_side(r, &c, ps),
                        region: c.region,
                    },
                    Err(f) => {
                        let e = f.into_row_error();
                        Pair {
                            region: String::new(),
                            before: Side::from_error(ps, e.clone()),
                            after: Side::from_error(ps, e),
                        }
                    }
                }
            },
            |_, part| {
                for p in &part {
                    comparison.add(p);
                    if let Some(rows) = rows.as_mut() {
                        rows.push(p);
                    }
                }
            },
        )?;
        let summary = comparison.to_batch().map_err(|e| core_err(py, &e))?;
        let summary = to_pyarrow(py, summary)?;
        match rows {
            None => Ok(summary),
            Some(rows) => {
                let batch = rows
                    .finish(&out_programs, t.ids, &t.id_field)
                    .map_err(|e| core_err(py, &e))?;
                let per = to_pyarrow(py, batch)?;
                Ok(pyo3::types::PyTuple::new(py, [summary, per])?.into_any())
            }
        }
    })
}

/// One sweep value as a raw policy value and as shown in the result.
fn sweep_value(py: Python<'_>, v: &Bound<'_, PyAny>, i: usize) -> PyResult<(RawValue, Decimal)> {
    let bad = |m: &str| {
        core_err(
            py,
            &Error::at(
                ErrorKind::PolicyInvalid,
                format!("values[{i}]"),
                m.to_owned(),
            ),
        )
    };
    let json = convert::to_json(v, Mode::Overrides).map_err(|_| {
        bad("give a decimal.Decimal, a string such as \"850.00\" or an int (never a float)")
    })?;
    let raw = RawValue::from_json(&json);
    let shown = match &raw {
        RawValue::Str(s) => s.parse::<Decimal>().map_err(|_| bad("not a decimal"))?,
        RawValue::Int(n) => Decimal::from(*n),
        _ => return Err(bad("give a decimal.Decimal, a decimal string or an int")),
    };
    Ok((raw, shown))
}

/// Evaluates a register once per value of one parameter; see the package docs.
#[pyfunction]
#[pyo3(signature = (base, households, members, incomes = None, assets = None, *, key, values, region = None, start = None, programs = None, threads = 0))]
#[expect(
    clippy::too_many_arguments,
    reason = "mirrors the documented Python signature"
)]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 extracts arguments as owned values"
)]
pub(crate) fn sweep<'py>(
    py: Python<'py>,
    base: PyRef<'py, PyEngine>,
    households: &Bound<'py, PyAny>,
    members: &Bound<'py, PyAny>,
    incomes: Option<&Bound<'py, PyAny>>,
    assets: Option<&Bound<'py, PyAny>>,
    key: &str,
    values: &Bound<'py, PyAny>,
    region: Option<String>,
    start: Option<&Bound<'py, PyAny>>,
    programs: Option<Vec<String>>,
    threads: usize,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let mut raws = Vec::new();
        let mut shown = Vec::new();
        for (i, v) in values.try_iter()?.enumerate() {
            let (r, s) = sweep_value(py, &v?, i)?;
            raws.push(r);
            shown.push(s);
        }
        let from = start
            .map(|d| convert::date_arg(d, "start"))
            .transpose()
            .map_err(|e| core_err(py, &e))?;
        let engines = sweep_engines(&base.inner, key, region.as_deref(), from, &raws)
            .map_err(|e| core_err(py, &e))?;
        let (case_programs, out_programs) = programs_of(py, programs.as_deref())?;
        let t = read_register(py, households, members, incomes, assets, case_programs)?;
        let mut tally = Sweep::new(shown, &out_programs);
        let (reg, ps, es) = (&t.register, &out_programs, &engines);
        detach::for_each_chunk(
            py,
            t.register.len(),
            detach::thread_count(Some(threads)),
            |h| -> Vec<Side> {
                let case = catch_row(|| reg.case(h).map_err(|e| Failure::from_core(&e)));
                evaluate_sweep(es, case.map_err(Failure::into_row_error), ps)
            },
            |_, part| {
                for sides in &part {
                    tally.add(sides);
                }
            },
        )?;
        to_pyarrow(py, tally.to_batch().map_err(|e| core_err(py, &e))?)
    })
}
