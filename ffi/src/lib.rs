//! C ABI for hedui. JSON in, JSON out; owned result strings and error objects, each with its
//! own free function; status codes equal to the core error codes. The safety contract every
//! function shares (pointers, ownership, threads, UTF-8, NULL) is stated once, at the top of
//! `include/hedui.h` (from `cbindgen.toml`) and in `ffi/README.md`; each function's doc says
//! only what is its own.
#![expect(unsafe_code, reason = "C ABI boundary")]
#![expect(non_camel_case_types, reason = "C names")]
#![expect(
    clippy::missing_safety_doc,
    reason = "one safety contract for every function, at the top of include/hedui.h"
)]

mod boundary;
mod handles;
mod status;

pub use handles::{hedui_engine, hedui_error, hedui_string};
pub use status::{hedui_schema_kind, hedui_status};

use std::ffi::c_char;

use boundary::{guard, input_str, write_out};
use hedui_core::Engine;

/// Bumped on any breaking change to the ABI (layout, signature or meaning).
pub const HEDUI_ABI_VERSION: u32 = 1;

/// The library version as a static NUL-terminated string (for example `"0.1.0"`).
///
/// Ownership: static; never free it. Thread safety: callable from any thread.
/// Returns: never NULL.
#[unsafe(no_mangle)]
pub extern "C" fn hedui_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The ABI version this library implements. Compare it with `HEDUI_ABI_VERSION` from the
/// header at start-up: `if (hedui_abi_version() != HEDUI_ABI_VERSION) abort();`.
///
/// Thread safety: callable from any thread. Returns: the number.
#[unsafe(no_mangle)]
pub extern "C" fn hedui_abi_version() -> u32 {
    HEDUI_ABI_VERSION
}

/// Creates an engine over the policies compiled into the library.
///
/// Ownership: on `HEDUI_STATUS_OK`, `*engine_out` receives an owned engine; free it once with
/// `hedui_engine_free`. `err_out` may be NULL; otherwise, on failure it receives an owned error
/// (free with `hedui_error_free`). Outputs are written only on the matching outcome.
/// Thread safety: callable from any thread.
/// Returns: `HEDUI_STATUS_OK`; `HEDUI_STATUS_NULL_ARGUMENT` if `engine_out` is NULL; a policy
/// status (1xx/2xx) if the built-in policies fail to load; `HEDUI_STATUS_PANIC` on a bug.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_engine_new_default(
    engine_out: *mut *mut hedui_engine,
    err_out: *mut *mut hedui_error,
) -> hedui_status {
    guard(err_out, || {
        boundary::non_null(engine_out, "engine_out")?;
        let engine = Engine::embedded()?;
        // SAFETY: checked non-NULL above; the caller provides a writable pointer.
        unsafe { write_out(engine_out, hedui_engine::boxed(engine)) };
        Ok(())
    })
}

/// Creates an engine from every `*.toml` policy file under a directory.
///
/// `path`/`path_len`: the directory as UTF-8 bytes (no NUL needed), borrowed for the call.
/// Ownership: as `hedui_engine_new_default`.
/// Thread safety: callable from any thread.
/// Returns: `HEDUI_STATUS_OK`; `HEDUI_STATUS_NULL_ARGUMENT`; `HEDUI_STATUS_INVALID_UTF8`;
/// `HEDUI_STATUS_POLICY_IO` if the directory cannot be read; any policy status (1xx/2xx) with
/// every problem listed in the error's JSON; `HEDUI_STATUS_PANIC`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_engine_from_dir(
    path: *const u8,
    path_len: usize,
    engine_out: *mut *mut hedui_engine,
    err_out: *mut *mut hedui_error,
) -> hedui_status {
    guard(err_out, || {
        boundary::non_null(engine_out, "engine_out")?;
        // SAFETY: the caller guarantees `path` points to `path_len` readable bytes.
        let dir = unsafe { input_str(path, path_len, "path")? };
        let engine = Engine::from_dir(dir)?;
        // SAFETY: checked non-NULL above.
        unsafe { write_out(engine_out, hedui_engine::boxed(engine)) };
        Ok(())
    })
}

/// Creates a new engine sharing `engine`'s policies with values pinned above every region:
/// a JSON array of `{"key": "...", "value": ..., "from"?: "YYYY-MM-DD", "to"?: "YYYY-MM-DD"}`
/// (money and ratios as strings). Used for fixture cases and what-if proposals; cheap.
///
/// Ownership: `engine` is borrowed; on success `*engine_out` receives a new owned engine
/// (free both independently). Thread safety: `engine` may be shared by concurrent calls.
/// Returns: `HEDUI_STATUS_OK`; `HEDUI_STATUS_NULL_ARGUMENT`; `HEDUI_STATUS_INVALID_UTF8`;
/// `HEDUI_STATUS_CASE_SYNTAX`/`HEDUI_STATUS_CASE_SHAPE` for malformed JSON;
/// `HEDUI_STATUS_POLICY_INVALID`/`HEDUI_STATUS_POLICY_OVERLAP` for bad values; `HEDUI_STATUS_PANIC`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_engine_with_overrides(
    engine: *const hedui_engine,
    json: *const u8,
    json_len: usize,
    engine_out: *mut *mut hedui_engine,
    err_out: *mut *mut hedui_error,
) -> hedui_status {
    // SAFETY: the caller's guarantees, as documented above.
    unsafe {
        derive_engine(
            engine,
            json,
            json_len,
            "json",
            engine_out,
            err_out,
            |e, text| e.with_overrides_json(text, "override (C API)"),
        )
    }
}

/// Derives an engine that applies a reform: proposed parameter values, each optionally scoped
/// to a region code (and everything below it) and a period, in the format of `hedui compare
/// --reform`. `text` is the reform as TOML (`label = "..."` and `[[override]]` tables with
/// `key`, `value`, `region`?, `from`?, `to`?), or as JSON (`{"label"?, "override": [...]}` or a
/// bare array of overrides) when it starts with `{`, `[{` or `[]` (`Reform::parse`, as the CLI
/// and Python read it). Outcomes that use a proposed value cite it as evidence `proposal`,
/// unverified, are marked `illustrative` and carry a warning.
/// Building one is cheap (about a microsecond), so a caller can derive one per scenario.
///
/// Ownership: `engine` is borrowed; on success `*engine_out` receives a new owned engine
/// (free both independently). Thread safety: `engine` may be shared by concurrent calls.
/// Returns: `HEDUI_STATUS_OK`; `HEDUI_STATUS_NULL_ARGUMENT`; `HEDUI_STATUS_INVALID_UTF8`;
/// `HEDUI_STATUS_POLICY_SYNTAX`/`HEDUI_STATUS_POLICY_SHAPE` for a malformed document (TOML or
/// JSON); `HEDUI_STATUS_POLICY_INVALID`/`HEDUI_STATUS_POLICY_OVERLAP` for a bad key, value,
/// region, date or period (the error's field path names the override); `HEDUI_STATUS_PANIC`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_engine_with_reform(
    engine: *const hedui_engine,
    text: *const u8,
    text_len: usize,
    engine_out: *mut *mut hedui_engine,
    err_out: *mut *mut hedui_error,
) -> hedui_status {
    // SAFETY: the caller's guarantees, as documented above.
    unsafe {
        derive_engine(
            engine,
            text,
            text_len,
            "text",
            engine_out,
            err_out,
            |e, text| e.with_reform(&hedui_core::Reform::parse("reform", text)?),
        )
    }
}

/// The body of the `hedui_engine_with_*` functions: borrows `engine`, reads `len` bytes of
/// UTF-8 at `ptr` (called `what` in errors) and writes the engine `derive` makes of them.
///
/// # Safety
/// `engine` is live or NULL, `ptr` holds `len` readable bytes (or is NULL with `len` 0), and
/// the out-pointers are NULL or writable.
unsafe fn derive_engine(
    engine: *const hedui_engine,
    ptr: *const u8,
    len: usize,
    what: &str,
    engine_out: *mut *mut hedui_engine,
    err_out: *mut *mut hedui_error,
    derive: impl FnOnce(&hedui_core::Engine, &str) -> Result<hedui_core::Engine, hedui_core::Error>,
) -> hedui_status {
    guard(err_out, || {
        boundary::non_null(engine_out, "engine_out")?;
        // SAFETY: the caller passes a live engine from this library, or NULL (checked).
        let e = unsafe { hedui_engine::borrow(engine)? };
        // SAFETY: the caller guarantees `ptr` points to `len` readable bytes.
        let text = unsafe { input_str(ptr, len, what)? };
        let new = derive(e, text)?;
        // SAFETY: checked non-NULL above.
        unsafe { write_out(engine_out, hedui_engine::boxed(new)) };
        Ok(())
    })
}

/// Frees an engine. `NULL` is a no-op. Freeing the same engine twice is undefined behaviour.
///
/// Thread safety: no other call may be using this engine.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_engine_free(engine: *mut hedui_engine) {
    // SAFETY: the pointer came from `hedui_engine::boxed` or is NULL.
    unsafe { hedui_engine::free(engine) };
}

/// Evaluates one case (`hedui.case/1` JSON) and returns the outcome (`hedui.outcome/1` JSON).
///
/// `json`/`json_len`: UTF-8 bytes, borrowed for the call.
/// Ownership: on success `*outcome_out` receives an owned string (free with
/// `hedui_string_free`). On failure `*err_out` (if non-NULL) receives an owned error whose
/// JSON lists every problem with its field path.
/// Thread safety: `engine` is immutable; any number of threads may call this concurrently
/// with the same engine.
/// Returns: `HEDUI_STATUS_OK`; `HEDUI_STATUS_NULL_ARGUMENT`; `HEDUI_STATUS_INVALID_UTF8`;
/// any case status (3xx) such as `HEDUI_STATUS_CASE_SYNTAX`, `HEDUI_STATUS_INVALID_DATE`,
/// `HEDUI_STATUS_ID_NUMBER_INVALID`, `HEDUI_STATUS_UNKNOWN_REGION`; an evaluation status (4xx);
/// `HEDUI_STATUS_PANIC`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_engine_evaluate_json(
    engine: *const hedui_engine,
    json: *const u8,
    json_len: usize,
    outcome_out: *mut *mut hedui_string,
    err_out: *mut *mut hedui_error,
) -> hedui_status {
    guard(err_out, || {
        boundary::non_null(outcome_out, "outcome_out")?;
        // SAFETY: live engine or NULL (checked).
        let e = unsafe { hedui_engine::borrow(engine)? };
        // SAFETY: the caller guarantees the buffer.
        let text = unsafe { input_str(json, json_len, "json")? };
        let outcome = e.evaluate_json(text)?;
        // SAFETY: checked non-NULL above.
        unsafe { write_out(outcome_out, hedui_string::boxed(outcome.to_json())) };
        Ok(())
    })
}

/// Evaluates many cases given as JSON Lines (one case per line) and returns JSON Lines: one
/// line per input line, in order. A line that fails (bad JSON, invalid UTF-8, invalid case,
/// blank) gets an error object `{"code", "kind", "path", "message", "problems"}` on its line;
/// no line is ever dropped or shifted. A final newline does not start an extra line.
///
/// Ownership: as `hedui_engine_evaluate_json`; the whole result is one owned string.
/// Thread safety: as `hedui_engine_evaluate_json`.
/// Returns: `HEDUI_STATUS_OK` (also when some lines failed); `HEDUI_STATUS_NULL_ARGUMENT`;
/// `HEDUI_STATUS_PANIC`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_engine_evaluate_jsonl(
    engine: *const hedui_engine,
    jsonl: *const u8,
    jsonl_len: usize,
    results_out: *mut *mut hedui_string,
    err_out: *mut *mut hedui_error,
) -> hedui_status {
    guard(err_out, || {
        boundary::non_null(results_out, "results_out")?;
        // SAFETY: live engine or NULL (checked).
        let e = unsafe { hedui_engine::borrow(engine)? };
        // SAFETY: the caller guarantees the buffer.
        let bytes = unsafe { boundary::input_bytes(jsonl, jsonl_len, "jsonl")? };
        // SAFETY: checked non-NULL above.
        unsafe {
            write_out(
                results_out,
                hedui_string::boxed(boundary::evaluate_lines(e, bytes)),
            );
        };
        Ok(())
    })
}

/// Validates a case without evaluating it: format, field values, identity numbers, region.
///
/// Ownership: on failure `*err_out` (if non-NULL) receives an owned error listing every problem.
/// Thread safety: as `hedui_engine_evaluate_json`.
/// Returns: `HEDUI_STATUS_OK` when valid; `HEDUI_STATUS_NULL_ARGUMENT`;
/// `HEDUI_STATUS_INVALID_UTF8`; the case status (3xx) of the first problem; `HEDUI_STATUS_PANIC`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_engine_validate_json(
    engine: *const hedui_engine,
    json: *const u8,
    json_len: usize,
    err_out: *mut *mut hedui_error,
) -> hedui_status {
    guard(err_out, || {
        // SAFETY: live engine or NULL (checked).
        let e = unsafe { hedui_engine::borrow(engine)? };
        // SAFETY: the caller guarantees the buffer.
        let text = unsafe { input_str(json, json_len, "json")? };
        let case = hedui_core::case::decode_case(text)?;
        e.validate(&case)?;
        Ok(())
    })
}

/// Every parameter in force for a region on a date, as a JSON array of
/// `{key, value, region, file, from, to, citation}`.
///
/// `code`: a GB/T 2260 code such as `360100`; `date`: `YYYY-MM-DD`; both UTF-8, borrowed.
/// Ownership: on success `*json_out` receives an owned string.
/// Thread safety: as `hedui_engine_evaluate_json`.
/// Returns: `HEDUI_STATUS_OK`; `HEDUI_STATUS_NULL_ARGUMENT`; `HEDUI_STATUS_INVALID_UTF8`;
/// `HEDUI_STATUS_INVALID_DATE`; `HEDUI_STATUS_UNKNOWN_REGION`; `HEDUI_STATUS_PANIC`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_engine_policy_show(
    engine: *const hedui_engine,
    code: *const u8,
    code_len: usize,
    date: *const u8,
    date_len: usize,
    json_out: *mut *mut hedui_string,
    err_out: *mut *mut hedui_error,
) -> hedui_status {
    guard(err_out, || {
        boundary::non_null(json_out, "json_out")?;
        // SAFETY: live engine or NULL (checked).
        let e = unsafe { hedui_engine::borrow(engine)? };
        // SAFETY: the caller guarantees both buffers.
        let (code, date) = unsafe {
            (
                input_str(code, code_len, "code")?,
                input_str(date, date_len, "date")?,
            )
        };
        let on = hedui_core::calendar::parse_date(date).map_err(|e| {
            hedui_core::Error::at(hedui_core::ErrorKind::InvalidDate, "date", e.to_string())
        })?;
        let params = e.effective_parameters(code, on)?;
        let json = serde_json::to_string(&params).unwrap_or_else(|_| "[]".to_owned());
        // SAFETY: checked non-NULL above.
        unsafe { write_out(json_out, hedui_string::boxed(json)) };
        Ok(())
    })
}

/// One of the JSON Schemas (household input, outcome, fixture file).
///
/// Ownership: on success `*json_out` receives an owned string.
/// Thread safety: callable from any thread.
/// Returns: `HEDUI_STATUS_OK`; `HEDUI_STATUS_NULL_ARGUMENT`; `HEDUI_STATUS_INVALID_VALUE` for
/// an unknown kind; `HEDUI_STATUS_PANIC`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_schema(
    kind: u32,
    json_out: *mut *mut hedui_string,
    err_out: *mut *mut hedui_error,
) -> hedui_status {
    guard(err_out, || {
        boundary::non_null(json_out, "json_out")?;
        let text = match hedui_schema_kind::from_u32(kind) {
            Some(hedui_schema_kind::Household) => hedui_core::schema::household(),
            Some(hedui_schema_kind::Outcome) => hedui_core::schema::outcome(),
            Some(hedui_schema_kind::Fixture) => hedui_core::schema::fixture(),
            None => {
                return Err(hedui_core::Error::at(
                    hedui_core::ErrorKind::InvalidValue,
                    "kind",
                    format!("unknown schema kind {kind}"),
                )
                .into());
            }
        };
        // SAFETY: checked non-NULL above.
        unsafe { write_out(json_out, hedui_string::boxed(text)) };
        Ok(())
    })
}

/// The bytes of a string (UTF-8, NUL-terminated for convenience; the NUL is not counted in
/// `hedui_string_len`). Valid until the string is freed. Returns NULL for a NULL string.
///
/// Thread safety: a string may be read from several threads; do not free it concurrently.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_string_ptr(s: *const hedui_string) -> *const c_char {
    // SAFETY: live string or NULL.
    unsafe { hedui_string::ptr(s) }
}

/// The length in bytes of a string, without the final NUL. Returns 0 for a NULL string.
///
/// Thread safety: as `hedui_string_ptr`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_string_len(s: *const hedui_string) -> usize {
    // SAFETY: live string or NULL.
    unsafe { hedui_string::len(s) }
}

/// Frees a string returned by this library. `NULL` is a no-op; freeing twice is undefined.
///
/// Thread safety: no other thread may be reading the string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_string_free(s: *mut hedui_string) {
    // SAFETY: the pointer came from `hedui_string::boxed` or is NULL.
    unsafe { hedui_string::free(s) };
}

/// The status code of an error (a `hedui_status` value). Returns 0 for a NULL error.
///
/// Thread safety: an error may be read from several threads; do not free it concurrently.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_error_code(e: *const hedui_error) -> u32 {
    // SAFETY: live error or NULL.
    unsafe { hedui_error::as_ref(e) }.map_or(0, |e| e.code)
}

/// The error's message (UTF-8, NUL-terminated), naming the field and never holding a full
/// identity number; for showing to a caseworker. Valid until the error is freed. Returns NULL
/// for a NULL error.
///
/// Thread safety: as `hedui_error_code`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_error_message(e: *const hedui_error) -> *const c_char {
    // SAFETY: live error or NULL.
    unsafe { hedui_error::as_ref(e) }.map_or(std::ptr::null(), |e| e.message.as_ptr())
}

/// The field path of the error (`members[2].birth_date`), or NULL when the error has no
/// location or `e` is NULL. Valid until the error is freed.
///
/// Thread safety: as `hedui_error_code`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_error_field_path(e: *const hedui_error) -> *const c_char {
    // SAFETY: live error or NULL.
    unsafe { hedui_error::as_ref(e) }
        .and_then(|e| e.path.as_ref())
        .map_or(std::ptr::null(), |p| p.as_ptr())
}

/// The whole error as JSON `{"code", "kind", "path", "message", "problems": [...]}`, listing
/// every problem found. Valid until the error is freed. Returns NULL for a NULL error.
///
/// Thread safety: as `hedui_error_code`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_error_json(e: *const hedui_error) -> *const c_char {
    // SAFETY: live error or NULL.
    unsafe { hedui_error::as_ref(e) }.map_or(std::ptr::null(), |e| e.json.as_ptr())
}

/// Frees an error. `NULL` is a no-op; freeing twice is undefined.
///
/// Thread safety: no other thread may be reading the error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hedui_error_free(e: *mut hedui_error) {
    // SAFETY: the pointer came from `hedui_error::boxed` or is NULL.
    unsafe { hedui_error::free(e) };
}
