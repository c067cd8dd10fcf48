//! The panic and NULL boundary shared by every exported function.

use std::panic::{AssertUnwindSafe, catch_unwind};

use hedui_core::{Engine, Error, ErrorKind};

use crate::handles::hedui_error;
use crate::status::hedui_status;

/// A failure inside an exported function: a core error, or a NULL argument or invalid UTF-8
/// found at the boundary (kind, message, path), reported without the path in the message.
#[derive(Debug)]
pub(crate) enum FfiError {
    Core(Error),
    Abi(ErrorKind, String, Option<String>),
}

impl From<Error> for FfiError {
    fn from(e: Error) -> Self {
        FfiError::Core(e)
    }
}

impl FfiError {
    pub(crate) fn null(what: &str) -> Self {
        FfiError::Abi(
            ErrorKind::NullArgument,
            format!("`{what}` is NULL"),
            Some(what.to_owned()),
        )
    }

    fn utf8(what: &str) -> Self {
        FfiError::Abi(
            ErrorKind::InvalidUtf8,
            format!("`{what}` is not valid UTF-8"),
            Some(what.to_owned()),
        )
    }

    /// Status and the JSON error object, as written on a JSON Lines line.
    fn parts(&self) -> (hedui_status, String, Option<String>, String) {
        match self {
            FfiError::Core(e) => (
                hedui_status::from_kind(e.kind()),
                e.primary().to_string(),
                e.path().map(str::to_owned),
                hedui_core::error_json(e),
            ),
            FfiError::Abi(k, m, p) => (
                hedui_status::from_kind(*k),
                m.clone(),
                p.clone(),
                abi_json(*k, m, p.as_deref()),
            ),
        }
    }
}

fn abi_json(kind: ErrorKind, message: &str, path: Option<&str>) -> String {
    let (code, kind) = (kind.code(), kind.name());
    serde_json::json!({
        "code": code, "kind": kind, "path": path, "message": message,
        "problems": [{ "code": code, "kind": kind, "path": path, "message": message }]
    })
    .to_string()
}

/// Runs `f`, catching panics; on failure writes an error object to `err_out` if non-NULL.
pub(crate) fn guard(
    err_out: *mut *mut hedui_error,
    f: impl FnOnce() -> Result<(), FfiError>,
) -> hedui_status {
    let failure = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => return hedui_status::Ok,
        Ok(Err(e)) => e,
        Err(payload) => FfiError::Core(Error::caught_panic(payload.as_ref())),
    };
    let (status, message, path, json) = failure.parts();
    if !err_out.is_null() {
        // SAFETY: non-NULL, and the caller passes a writable `hedui_error **`.
        unsafe { *err_out = hedui_error::boxed(status as u32, &message, path.as_deref(), &json) };
    }
    status
}

/// Fails unless `p` is non-NULL.
pub(crate) fn non_null<T>(p: *mut T, what: &str) -> Result<(), FfiError> {
    if p.is_null() {
        Err(FfiError::null(what))
    } else {
        Ok(())
    }
}

/// Writes an owned output.
///
/// # Safety
/// `out` is non-NULL and writable.
pub(crate) unsafe fn write_out<T>(out: *mut *mut T, value: *mut T) {
    // SAFETY: per the contract above.
    unsafe { *out = value };
}

/// Borrows an input buffer; NULL is allowed only with length 0.
///
/// # Safety
/// `ptr` points to `len` readable bytes for the duration of the call, or is NULL with `len` 0.
pub(crate) unsafe fn input_bytes<'a>(
    ptr: *const u8,
    len: usize,
    what: &str,
) -> Result<&'a [u8], FfiError> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(FfiError::null(what))
        };
    }
    // SAFETY: per the contract above.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Borrows an input buffer as UTF-8.
///
/// # Safety
/// As [`input_bytes`].
pub(crate) unsafe fn input_str<'a>(
    ptr: *const u8,
    len: usize,
    what: &str,
) -> Result<&'a str, FfiError> {
    // SAFETY: per the contract above.
    let b = unsafe { input_bytes(ptr, len, what)? };
    std::str::from_utf8(b).map_err(|_| FfiError::utf8(what))
}

/// Evaluates JSON Lines: one output line per input line, in order.
pub(crate) fn evaluate_lines(engine: &Engine, bytes: &[u8]) -> String {
    let mut lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let mut out = String::new();
    for (i, raw) in lines.into_iter().enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let line = match std::str::from_utf8(raw) {
            Err(_) => abi_json(
                ErrorKind::InvalidUtf8,
                &format!("line {} is not valid UTF-8", i + 1),
                None,
            ),
            Ok(s) if s.trim().is_empty() => {
                let e = Error::bare(ErrorKind::CaseSyntax, format!("line {} is blank", i + 1));
                hedui_core::error_json(&e)
            }
            Ok(s) => match catch_unwind(AssertUnwindSafe(|| engine.evaluate_json(s))) {
                Ok(Ok(o)) => o.to_json(),
                Ok(Err(e)) => hedui_core::error_json(&e),
                Err(payload) => hedui_core::error_json(&Error::caught_panic(payload.as_ref())),
            },
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}
