//! One million JSON Lines rows through the C batch entry point, 1% of them corrupted: exactly
//! the corrupted rows come back as errors, on their own lines, and every other row equals its
//! clean evaluation. Run by the test script in release mode:
//! `cargo test --release -p hedui-ffi --test big_batch -- --ignored`.
#![expect(unsafe_code, reason = "exercising the C ABI")]
#![expect(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

use std::ffi::CStr;
use std::ptr;

use hedui::*;

const ROWS: usize = 1_000_000;
const CHUNK: usize = 20_000;

fn templates() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/examples");
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            serde_json::to_string(&value).unwrap()
        })
        .collect();
    v.sort();
    v
}

fn with_id(template: &str, id: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(template).unwrap();
    v["id"] = serde_json::Value::String(id.to_owned());
    serde_json::to_string(&v).unwrap()
}

/// The four ways a row is corrupted, in turn.
fn corrupt(line: &str, k: usize) -> Vec<u8> {
    match k % 4 {
        0 => line.as_bytes()[..line.len() / 2].to_vec(),
        1 => line
            .replacen("\"as_of\":\"2026-11-01\"", "\"as_of\":\"2026-02-30\"", 1)
            .into_bytes(),
        2 => line
            .replacen("\"residence\":\"urban\"", "\"residence\":7", 1)
            .into_bytes(),
        _ => {
            let mut b = line.as_bytes().to_vec();
            b.insert(10, 0xff);
            b
        }
    }
}

fn run(engine: *const hedui_engine, input: &[u8]) -> Vec<String> {
    let mut out = ptr::null_mut();
    // SAFETY: valid buffer and out-pointer; the string is freed below.
    let s = unsafe {
        hedui_engine_evaluate_jsonl(
            engine,
            input.as_ptr(),
            input.len(),
            &raw mut out,
            ptr::null_mut(),
        )
    };
    assert_eq!(s, hedui_status::Ok);
    // SAFETY: live string.
    let text = unsafe { CStr::from_ptr(hedui_string_ptr(out)) }
        .to_str()
        .unwrap()
        .to_owned();
    // SAFETY: freed once.
    unsafe { hedui_string_free(out) };
    text.lines().map(str::to_owned).collect()
}

#[test]
#[ignore = "a million rows: run in release by scripts/test"]
fn one_percent_corrupted_rows_are_exactly_the_errors() {
    let mut engine = ptr::null_mut();
    // SAFETY: valid out-pointer.
    assert_eq!(
        unsafe { hedui_engine_new_default(&raw mut engine, ptr::null_mut()) },
        hedui_status::Ok
    );
    let templates = templates();
    // Clean outcome of each template, with a placeholder id to substitute per row.
    let clean: Vec<String> = templates
        .iter()
        .map(|t| run(engine, format!("{}\n", with_id(t, "@ID@")).as_bytes()).remove(0))
        .collect();
    assert!(clean.iter().all(|c| c.contains("hedui.outcome/1")));
    let placeholders: Vec<String> = templates.iter().map(|t| with_id(t, "@ID@")).collect();
    let (mut errors, mut rows) = (0usize, 0usize);
    for start in (0..ROWS).step_by(CHUNK) {
        let mut input = Vec::new();
        let mut corrupted = Vec::new();
        for i in start..(start + CHUNK).min(ROWS) {
            let line = placeholders[i % templates.len()].replacen("@ID@", &format!("row-{i}"), 1);
            if i % 100 == 37 {
                input.extend(corrupt(&line, i / 100));
                corrupted.push(true);
            } else {
                input.extend(line.as_bytes());
                corrupted.push(false);
            }
            input.push(b'\n');
        }
        let out = run(engine, &input);
        assert_eq!(
            out.len(),
            corrupted.len(),
            "rows lost or added in chunk at {start}"
        );
        for (j, (line, bad)) in out.iter().zip(&corrupted).enumerate() {
            let i = start + j;
            if *bad {
                assert!(
                    !line.contains("hedui.outcome/1") && line.contains("\"code\""),
                    "row {i} should be an error"
                );
                errors += 1;
            } else {
                let want = clean[i % templates.len()].replacen("@ID@", &format!("row-{i}"), 1);
                assert_eq!(line, &want, "row {i} differs from its clean evaluation");
            }
            rows += 1;
        }
    }
    assert_eq!(rows, ROWS);
    assert_eq!(errors, ROWS / 100);
    // SAFETY: freed once.
    unsafe { hedui_engine_free(engine) };
}
