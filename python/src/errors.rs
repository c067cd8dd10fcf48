//! Errors: core problems → the Python exception hierarchy in `hedui/_errors.py`, and the
//! panic boundary every entry point goes through.
//!
//! The class follows the code's band, so a kind added to the core later lands in the right
//! class without a change here: 1xx/2xx `PolicyError`, 3xx `InputError`, 4xx
//! `EvaluationError`, anything else `InternalError`. `ErrorKind` is `#[non_exhaustive]`, so
//! an exhaustive `match` on it is impossible from this crate; a unit test checks every
//! known kind lands in its band.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use hedui_core::{Error, ErrorKind, Problem};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList};

/// Which Python class a code maps to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Policy,
    Input,
    Evaluation,
    Internal,
}

impl Class {
    pub(crate) const fn of_code(code: u32) -> Self {
        match code {
            100..=299 => Class::Policy,
            300..=399 => Class::Input,
            400..=499 => Class::Evaluation,
            _ => Class::Internal,
        }
    }

    const fn name(self) -> &'static str {
        match self {
            Class::Policy => "PolicyError",
            Class::Input => "InputError",
            Class::Evaluation => "EvaluationError",
            Class::Internal => "InternalError",
        }
    }
}

/// `hedui._errors`, imported once.
fn errors_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    MODULE
        .get_or_try_init(py, || py.import("hedui._errors").map(Bound::unbind))
        .map(|m| m.bind(py))
}

/// A detached description of an error, built without the GIL (batch workers produce these).
#[derive(Clone, Debug)]
pub(crate) struct Failure {
    pub(crate) code: u32,
    pub(crate) kind: &'static str,
    pub(crate) path: Option<String>,
    pub(crate) message: String,
    pub(crate) problems: Vec<Problem>,
}

impl Failure {
    pub(crate) fn from_core(e: &Error) -> Self {
        let p = e.primary();
        Self {
            code: p.code(),
            kind: p.kind.name(),
            path: p.path.clone(),
            message: p.message.clone(),
            problems: e.problems().to_vec(),
        }
    }

    /// The error columns of a result-table row.
    pub(crate) fn into_row_error(self) -> hedui_register::RowError {
        hedui_register::RowError {
            code: self.code,
            more: self.problems.len().saturating_sub(1),
            path: self.path,
            message: self.message,
        }
    }

    /// A panic caught at the Python boundary ([`Error::caught_panic`], code 1002).
    pub(crate) fn panic(payload: &(dyn Any + Send)) -> Self {
        Self::from_core(&Error::caught_panic(payload))
    }

    /// The exception instance (not raised).
    pub(crate) fn to_exception<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let class = errors_module(py)?.getattr(Class::of_code(self.code).name())?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("code", self.code)?;
        kwargs.set_item("kind", self.kind)?;
        kwargs.set_item("field_path", self.path.as_deref())?;
        let problems = PyList::empty(py);
        for p in &self.problems {
            let d = PyDict::new(py);
            d.set_item("code", p.code())?;
            d.set_item("kind", p.kind.name())?;
            d.set_item("path", p.path.as_deref())?;
            d.set_item("message", &p.message)?;
            problems.append(d)?;
        }
        kwargs.set_item("problems", problems)?;
        class.call((self.message.as_str(),), Some(&kwargs))
    }

    /// The exception as a `PyErr`, ready to raise.
    pub(crate) fn to_pyerr(&self, py: Python<'_>) -> PyErr {
        match self.to_exception(py) {
            Ok(exc) => PyErr::from_value(exc),
            Err(e) => e,
        }
    }
}

/// A core error as a Python exception.
pub(crate) fn core_err(py: Python<'_>, e: &Error) -> PyErr {
    Failure::from_core(e).to_pyerr(py)
}

/// An `InputError` (or another class, by code) at a path, built here rather than in the core.
pub(crate) fn input_err(
    py: Python<'_>,
    kind: ErrorKind,
    path: impl Into<String>,
    message: impl Into<String>,
) -> PyErr {
    core_err(py, &Error::at(kind, path, message))
}

/// Runs an entry point, turning a panic into `InternalError` (`ErrorKind::Panic`) instead of pyo3's
/// `PanicException`, which derives from `BaseException` and escapes `except Exception`.
pub(crate) fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(Failure::panic(payload.as_ref()).to_pyerr(py)),
    }
}

/// Runs one unit of work (a household) so that a panic becomes that row's failure.
pub(crate) fn catch_row<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(Failure::panic(payload.as_ref())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_kind_maps_to_its_band() {
        for k in ErrorKind::ALL {
            let want = match k.code() / 100 {
                1 | 2 => Class::Policy,
                3 => Class::Input,
                4 => Class::Evaluation,
                _ => Class::Internal,
            };
            assert_eq!(Class::of_code(k.code()), want, "{k:?}");
        }
        assert_eq!(Class::of_code(ErrorKind::Panic.code()), Class::Internal);
    }

    /// The `Codes:` list in the docstring of each class in `hedui/_errors.py`, as lines.
    fn documented_codes(source: &str, class: &str) -> Vec<String> {
        let head = format!("class {class}(");
        let at = source
            .find(&head)
            .unwrap_or_else(|| panic!("no class {class}"));
        let body = &source[at..];
        let open = body.find("\"\"\"").expect("a docstring") + 3;
        let close = open + body[open..].find("\"\"\"").expect("a closed docstring");
        body[open..close]
            .lines()
            .skip_while(|l| !l.trim_start().starts_with("Codes"))
            .skip(1)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The Python classes document every core kind in their band, with its code, name and
    /// description exactly as `hedui_core::ErrorKind` has them; a new or reworded kind fails
    /// here until `_errors.py` says the same.
    #[test]
    fn python_classes_document_the_core_kinds() {
        let source = include_str!("../hedui/_errors.py");
        for class in [
            Class::Policy,
            Class::Input,
            Class::Evaluation,
            Class::Internal,
        ] {
            let want: Vec<String> = ErrorKind::ALL
                .iter()
                .filter(|k| Class::of_code(k.code()) == class)
                .map(|k| format!("{} ``{}``: {}", k.code(), k.name(), k.description()))
                .collect();
            let got = documented_codes(source, class.name());
            assert_eq!(
                got,
                want,
                "python/hedui/_errors.py: the `Codes` of {} must read\n    {}",
                class.name(),
                want.join("\n    ")
            );
        }
    }
}
