//! The C entry points with arbitrary buffers: every call returns a documented status, writes
//! outputs only on success, and error objects carry a code and a message.
#![no_main]

use std::ptr;

use hedui::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.first().map_or(0, |b| usize::from(*b) % (data.len().max(1)));
    let (a, b) = data.split_at(split.min(data.len()));
    let mut engine = ptr::null_mut();
    // SAFETY: valid out-pointer.
    unsafe { assert_eq!(hedui_engine_new_default(&raw mut engine, ptr::null_mut()), hedui_status::Ok) };
    let mut derived = ptr::null_mut();
    let mut err = ptr::null_mut();
    // SAFETY: valid buffers and out-pointers throughout; every owned output is freed once.
    unsafe {
        let s = hedui_engine_with_overrides(engine, a.as_ptr(), a.len(), &raw mut derived, &raw mut err);
        if s == hedui_status::Ok {
            assert!(!derived.is_null() && err.is_null());
        } else {
            assert!(derived.is_null() && !err.is_null());
            assert_eq!(hedui_error_code(err), s as u32);
            assert!(!hedui_error_message(err).is_null());
            hedui_error_free(err);
            derived = ptr::null_mut();
        }
        let target = if derived.is_null() { engine } else { derived };
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        let s = hedui_engine_evaluate_json(target, b.as_ptr(), b.len(), &raw mut out, &raw mut err);
        if s == hedui_status::Ok {
            assert!(!out.is_null() && err.is_null());
            hedui_string_free(out);
        } else {
            assert!(out.is_null() && !err.is_null());
            assert_ne!(s, hedui_status::Panic, "panic at the C boundary");
            hedui_error_free(err);
        }
        let mut err = ptr::null_mut();
        let _ = hedui_engine_validate_json(target, b.as_ptr(), b.len(), &raw mut err);
        hedui_error_free(err);
        let mut json = ptr::null_mut();
        let s = hedui_engine_policy_show(target, a.as_ptr(), a.len().min(6), b.as_ptr(), b.len().min(10), &raw mut json, ptr::null_mut());
        if s == hedui_status::Ok {
            hedui_string_free(json);
        }
        hedui_engine_free(derived);
        hedui_engine_free(engine);
    }
});
