//! `Engine.evaluate_table`: whole registers as four related Arrow tables in, one Arrow row per
//! household out.
//!
//! Input arrives through the Arrow C stream interface (pyarrow, polars, `DuckDB`: no copy;
//! pandas through pyarrow). Columns are read in place; each household is assembled into a
//! `Case` (starting from a template decoded once, so fields the core adds later keep their
//! defaults), evaluated, and reduced to a few columns, in chunks and without the GIL.
//! Column names are documented in `python/README.md` and mirror the case JSON.

use arrow_array::RecordBatch;
use hedui_core::case::Program;
use hedui_core::{Engine, Error, ErrorKind};
use hedui_register::{Register, ResultBuilder, ResultRow};
use pyo3::prelude::*;
use pyo3_arrow::PyTable;

use crate::detach;
use crate::errors::{Failure, catch_row, core_err};

fn column_err(table: &str, column: &str, message: impl Into<String>) -> Error {
    Error::at(ErrorKind::CaseShape, format!("{table}.{column}"), message)
}

/// Any Arrow tabular object (or a pandas `DataFrame`) as one record batch.
pub(crate) fn read_table(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<RecordBatch> {
    let table: PyTable = if obj.hasattr("__arrow_c_stream__")? {
        obj.extract()?
    } else if obj.hasattr("to_records")? && obj.hasattr("columns")? {
        // Older pandas without the stream protocol: go through pyarrow (may copy).
        let pa = py.import("pyarrow")?;
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("preserve_index", false)?;
        pa.getattr("Table")?
            .call_method("from_pandas", (obj,), Some(&kwargs))?
            .extract()?
    } else {
        let type_name = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        return Err(core_err(
            py,
            &column_err(
                name,
                "*",
                format!(
                    "the {name} table must be a pyarrow Table, a polars or pandas DataFrame, or another object with `__arrow_c_stream__`, not `{type_name}`"
                ),
            ),
        ));
    };
    let (batches, schema) = table.into_inner();
    match batches.len() {
        0 => Ok(RecordBatch::new_empty(schema)),
        1 => batches
            .into_iter()
            .next()
            .ok_or_else(|| core_err(py, &Error::bare(ErrorKind::Internal, "batch vanished"))),
        _ => arrow_select::concat::concat_batches(&schema, &batches)
            .map_err(|e| core_err(py, &column_err(name, "*", e.to_string()))),
    }
}

#[expect(clippy::too_many_arguments, reason = "mirrors the Python signature")]
pub(crate) fn evaluate_table<'py>(
    py: Python<'py>,
    engine: &Engine,
    households: &Bound<'py, PyAny>,
    members: &Bound<'py, PyAny>,
    incomes: Option<&Bound<'py, PyAny>>,
    assets: Option<&Bound<'py, PyAny>>,
    programs: Option<&[String]>,
    threads: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let (case_programs, out_programs) = match programs {
        Some(names) => {
            let p = crate::engine::parse_programs(names).map_err(|e| core_err(py, &e))?;
            (p.clone(), p)
        }
        // A case without `programs` is assessed for dibao and near-dibao only (the household
        // application; see `Engine::evaluate` and DESIGN.md "Default programs").
        None => (Vec::new(), Program::DEFAULTS.to_vec()),
    };
    let hb = read_table(py, households, "households")?;
    let mb = read_table(py, members, "members")?;
    let ib = incomes.map(|t| read_table(py, t, "incomes")).transpose()?;
    let ab = assets.map(|t| read_table(py, t, "assets")).transpose()?;
    let n = hb.num_rows();

    let reg = py
        .detach(|| Register::new(&hb, &mb, ib.as_ref(), ab.as_ref(), case_programs))
        .map_err(|e| core_err(py, &e))?;

    let mut out = ResultBuilder::new(&out_programs, n).map_err(|e| core_err(py, &e))?;
    let (reg, programs) = (&reg, &out_programs);
    detach::for_each_chunk(
        py,
        n,
        threads,
        |h| {
            let r = catch_row(|| {
                let case = reg.case(h).map_err(|e| Failure::from_core(&e))?;
                engine
                    .evaluate_decision(&case)
                    .map_err(|e| Failure::from_core(&e))
            });
            match r {
                Ok(d) => ResultRow::from_decision(programs, &d),
                Err(f) => ResultRow::from_error(programs, f.into_row_error()),
            }
        },
        |_, part| {
            for row in part {
                out.push(row);
            }
        },
    )?;

    let key_index = hb
        .schema_ref()
        .index_of("household_id")
        .map_err(|e| core_err(py, &column_err("households", "household_id", e.to_string())))?;
    let ids = hb.columns().get(key_index).cloned().ok_or_else(|| {
        core_err(
            py,
            &Error::bare(ErrorKind::Internal, "household_id vanished"),
        )
    })?;
    let field = hb.schema_ref().field(key_index).clone();
    let batch = out.finish(ids, &field).map_err(|e| core_err(py, &e))?;
    to_pyarrow(py, batch)
}

/// A record batch as a `pyarrow.Table` (pyarrow is needed for table results).
pub(crate) fn to_pyarrow(py: Python<'_>, batch: RecordBatch) -> PyResult<Bound<'_, PyAny>> {
    let schema = batch.schema();
    PyTable::try_new(vec![batch], schema)?
        .into_pyarrow(py)
        .map_err(|e| {
            if e.is_instance_of::<pyo3::exceptions::PyImportError>(py) {
                pyo3::exceptions::PyImportError::new_err(
                    "table results are pyarrow Tables: install pyarrow (pip install 'hedui[arrow]')",
                )
            } else {
                e
            }
        })
}
