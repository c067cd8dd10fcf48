//! Any bytes through the C JSON Lines entry point: exactly one output line per input line,
//! in order, each an outcome or an error object.
#![no_main]

use std::ffi::CStr;
use std::ptr;
use std::sync::OnceLock;

use hedui::{hedui_engine, hedui_engine_evaluate_jsonl, hedui_engine_new_default, hedui_status, hedui_string_free, hedui_string_ptr};
use libfuzzer_sys::fuzz_target;

struct Shared(*mut hedui_engine);
// SAFETY: the engine is immutable and documented as shareable between threads.
unsafe impl Send for Shared {}
// SAFETY: as above.
unsafe impl Sync for Shared {}

fn engine() -> *mut hedui_engine {
    static E: OnceLock<Shared> = OnceLock::new();
    E.get_or_init(|| {
        let mut e = ptr::null_mut();
        // SAFETY: valid out-pointer.
        unsafe { hedui_engine_new_default(&raw mut e, ptr::null_mut()) };
        Shared(e)
    })
    .0
}

fuzz_target!(|data: &[u8]| {
    let mut out = ptr::null_mut();
    // SAFETY: valid buffer and out-pointer.
    let s = unsafe { hedui_engine_evaluate_jsonl(engine(), data.as_ptr(), data.len(), &raw mut out, ptr::null_mut()) };
    assert_eq!(s, hedui_status::Ok);
    // SAFETY: live string, freed once below.
    let text = unsafe { CStr::from_ptr(hedui_string_ptr(out)) }.to_string_lossy().into_owned();
    // SAFETY: freed once.
    unsafe { hedui_string_free(out) };
    let mut lines_in = data.split(|b| *b == b'\n').count();
    if data.last() == Some(&b'\n') || data.is_empty() {
        lines_in -= 1;
    }
    let lines_out: Vec<&str> = text.lines().collect();
    assert_eq!(lines_out.len(), lines_in, "a line was dropped or added");
    for l in lines_out {
        let v: serde_json::Value = serde_json::from_str(l).expect("each output line is JSON");
        assert!(v.get("format").is_some() || v.get("code").is_some());
    }
});
