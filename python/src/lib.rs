//! `hedui._native`: the compiled half of the `hedui` Python package.
//!
//! Business logic lives in `hedui-core`; this crate only converts between Python and the
//! core types, maps errors to the exception hierarchy in `hedui/_errors.py`, and runs long
//! work without the GIL (`detach.rs`). Every entry point runs inside `errors::guard`, so a
//! panic surfaces as `hedui.InternalError` (code 1002), never as pyo3's `PanicException`.
//!
//! `unsafe_code` stays at the workspace's `deny` (not `forbid`): pyo3's macros expand to
//! `unsafe` blocks under their own `allow`, which `forbid` would reject. This crate itself
//! writes no `unsafe`.

// As in the CLI: mimalloc for the many small allocations of case conversion and outcomes
// (DESIGN.md, "Allocator"). Python objects still come from Python's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod convert;
mod detach;
mod engine;
mod errors;
mod synth;
mod table;
mod whatif;

use pyo3::prelude::*;

/// The JSON Schema of `kind` (`"household"`, `"outcome"` or `"fixture"`) as a dict.
#[pyfunction]
fn schema<'py>(py: Python<'py>, kind: &str) -> PyResult<Bound<'py, PyAny>> {
    errors::guard(py, || {
        let text = match kind {
            "household" | "case" => hedui_core::schema::household(),
            "outcome" => hedui_core::schema::outcome(),
            "fixture" => hedui_core::schema::fixture(),
            other => {
                return Err(errors::input_err(
                    py,
                    hedui_core::ErrorKind::InvalidValue,
                    "kind",
                    format!("unknown schema `{other}`; known: household, outcome, fixture"),
                ));
            }
        };
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            errors::input_err(
                py,
                hedui_core::ErrorKind::Internal,
                "kind",
                format!("schema is not JSON: {e}"),
            )
        })?;
        // Schemas hold no money or dates: plain conversion.
        json_plain(py, &value)
    })
}

fn json_plain<'py>(py: Python<'py>, v: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use pyo3::types::{PyDict, PyList};
    Ok(match v {
        serde_json::Value::Null => py.None().into_bound(py),
        serde_json::Value::Bool(b) => pyo3::types::PyBool::new(py, *b).to_owned().into_any(),
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u), _) => u.into_pyobject(py)?.into_any(),
            (None, None, Some(f)) => f.into_pyobject(py)?.into_any(),
            (None, None, None) => py.None().into_bound(py),
        },
        serde_json::Value::String(s) => pyo3::types::PyString::new(py, s).into_any(),
        serde_json::Value::Array(a) => {
            let l = PyList::empty(py);
            for x in a {
                l.append(json_plain(py, x)?)?;
            }
            l.into_any()
        }
        serde_json::Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                d.set_item(k, json_plain(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// Test hook: compares a result (outcome or error JSON, as produced by any front end) with
/// a fixture file's expectations using the core's own comparison, so every runner applies
/// exactly the rules of `fixtures/README.md`. Returns the mismatches (empty when it holds);
/// `xfail` is left to the caller.
#[pyfunction]
fn _fixture_compare(py: Python<'_>, fixture: &str, result: &str) -> PyResult<Vec<String>> {
    errors::guard(py, || {
        let fx: hedui_core::fixture::FixtureCase = hedui_core::case::decode::decode_value(fixture)
            .map_err(|e| errors::core_err(py, &e))?;
        let got: serde_json::Value = serde_json::from_str(result).map_err(|e| {
            errors::input_err(
                py,
                hedui_core::ErrorKind::CaseSyntax,
                "result",
                format!("not JSON: {e}"),
            )
        })?;
        Ok(match hedui_core::fixture::compare(&fx.expect, &got) {
            Ok(()) => Vec::new(),
            Err(text) => text.lines().map(str::to_owned).collect(),
        })
    })
}

/// Panics on purpose, so tests can check that a panic becomes `InternalError` (code 1002).
#[pyfunction]
fn _debug_panic(py: Python<'_>) -> PyResult<()> {
    errors::guard(py, || -> PyResult<()> {
        #[expect(clippy::panic, reason = "the point of this test hook")]
        {
            panic!("deliberate panic for the test suite")
        }
    })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<engine::PyEngine>()?;
    m.add_class::<engine::PyOutcome>()?;
    m.add_class::<engine::PyProgramOutcome>()?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(whatif::compare, m)?)?;
    m.add_function(wrap_pyfunction!(whatif::sweep, m)?)?;
    m.add_function(wrap_pyfunction!(synth::synth, m)?)?;
    m.add_function(wrap_pyfunction!(_debug_panic, m)?)?;
    m.add_function(wrap_pyfunction!(_fixture_compare, m)?)?;
    Ok(())
}
