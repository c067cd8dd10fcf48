//! `hedui.synth`: the synthetic register of `hedui synth` as four pyarrow Tables, for tests,
//! benchmarks and examples without files.

use hedui_core::ErrorKind;
use hedui_register::synth::{Profile, SynthConfig, households};
use hedui_register::tables::to_tables;
use pyo3::prelude::*;
use pyo3_arrow::PyTable;

use crate::engine::PyEngine;
use crate::errors::{core_err, guard, input_err};

/// Households generated and converted per step (keeps the case vectors small).
const CHUNK: u64 = 65_536;

type Four<'py> = (
    Bound<'py, PyAny>,
    Bound<'py, PyAny>,
    Bound<'py, PyAny>,
    Bound<'py, PyAny>,
);

/// `n` synthetic households of `region` (deterministic for `seed`) as
/// `(households, members, incomes, assets)` pyarrow Tables, in the `evaluate_table` format.
#[pyfunction]
#[pyo3(signature = (engine, n, *, region = "360100", seed = 1, as_of = "2026-11-15", profile = "register"))]
pub(crate) fn synth<'py>(
    py: Python<'py>,
    engine: &PyEngine,
    n: u64,
    region: &str,
    seed: u64,
    as_of: &str,
    profile: &str,
) -> PyResult<Four<'py>> {
    guard(py, || {
        let as_of = hedui_core::calendar::parse_date(as_of)
            .map_err(|e| input_err(py, ErrorKind::InvalidDate, "as_of", e.to_string()))?;
        let profile = match profile {
            "register" => Profile::Register,
            "plain" => Profile::Plain,
            other => {
                return Err(input_err(
                    py,
                    ErrorKind::InvalidValue,
                    "profile",
                    format!("unknown profile `{other}`; known: register, plain"),
                ));
            }
        };
        let cfg = SynthConfig::new(&engine.inner, region, as_of, seed, profile)
            .map_err(|e| core_err(py, &e))?;
        let parts = py
            .detach(|| {
                let mut parts = Vec::new();
                let mut start = 0;
                loop {
                    let end = (start + CHUNK).min(n);
                    parts.push(to_tables(&households(&cfg, start..end))?);
                    start = end;
                    if start >= n {
                        return Ok(parts);
                    }
                }
            })
            .map_err(|e| core_err(py, &e))?;
        let table = |pick: fn(&hedui_register::Tables) -> &arrow_array::RecordBatch| {
            let batches: Vec<_> = parts.iter().map(|t| pick(t).clone()).collect();
            let schema = batches
                .first()
                .map(arrow_array::RecordBatch::schema)
                .ok_or_else(|| input_err(py, ErrorKind::Internal, "n", "no batch".to_owned()))?;
            PyTable::try_new(batches, schema)?.into_pyarrow(py)
        };
        Ok((
            table(|t| &t.households)?,
            table(|t| &t.members)?,
            table(|t| &t.incomes)?,
            table(|t| &t.assets)?,
        ))
    })
}
