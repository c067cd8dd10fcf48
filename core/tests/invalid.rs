//! Runs the bad-input corpus `fixtures/invalid/manifest.json` through `Engine::evaluate_json`.
//!
//! Each input must be rejected without a panic, with some problem carrying the expected code
//! (and the expected path, when one is given), and no message may hold a full 身份证号 taken
//! from the input. Bytes that are not UTF-8 never reach the engine (it takes `&str`): they
//! map to 1001, exactly as the C API's `HEDUI_STATUS_INVALID_UTF8`. Entries marked
//! `"status": "xfail"` document a disagreement between engine and contract and must fail.
#![expect(
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test harness helpers: a malformed manifest or corpus must stop the run loudly"
)]

use std::collections::{BTreeSet, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Instant;

use hedui_core::{Engine, ErrorKind};
use serde_json::Value;

/// The C boundary's status for a buffer that is not UTF-8.
const INVALID_UTF8: u32 = ErrorKind::InvalidUtf8.code();

struct Entry {
    id: String,
    file: Option<String>,
    code: u32,
    path: Option<String>,
    xfail: bool,
    generate: Option<Value>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/invalid")
}

fn entries(manifest: &Value) -> Vec<Entry> {
    let cases = manifest["cases"]
        .as_array()
        .expect("manifest has a `cases` array");
    cases
        .iter()
        .map(|c| {
            let id = c["id"].as_str().expect("every case has an id").to_owned();
            assert!(
                c["description"].as_str().is_some_and(|d| !d.is_empty()),
                "{id}: description is required"
            );
            let status = c["status"].as_str().unwrap_or("active");
            assert!(
                matches!(status, "active" | "xfail"),
                "{id}: unknown status {status}"
            );
            let xfail = status == "xfail";
            assert!(
                !xfail || c["xfail_reason"].as_str().is_some_and(|r| !r.is_empty()),
                "{id}: an xfail entry needs an xfail_reason"
            );
            Entry {
                file: c["file"].as_str().map(str::to_owned),
                code: c["code"]
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .unwrap_or_else(|| panic!("{id}: code must be a number")),
                path: c["path"].as_str().map(str::to_owned),
                xfail,
                generate: c.get("generate").cloned(),
                id,
            }
        })
        .collect()
}

/// `{"<field>":"aaa…",` followed by `base` after its opening brace, exactly `bytes` long.
fn large_padding(base: &[u8], bytes: usize, field: &str) -> Vec<u8> {
    let start = base
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .expect("base is not blank");
    assert_eq!(base[start], b'{', "base must be a JSON object");
    let rest = &base[start + 1..];
    let head = format!("{{\"{field}\":\"");
    let fixed = head.len() + 2 + rest.len();
    assert!(bytes > fixed, "padding target smaller than the base");
    let mut out = Vec::with_capacity(bytes);
    out.extend_from_slice(head.as_bytes());
    out.resize(bytes - rest.len() - 2, b'a');
    out.extend_from_slice(b"\",");
    out.extend_from_slice(rest);
    assert_eq!(out.len(), bytes);
    out
}

fn input(e: &Entry) -> Vec<u8> {
    if let Some(g) = &e.generate {
        assert_eq!(g["kind"], "large_padding", "{}: unknown generator", e.id);
        let base = std::fs::read(dir().join(g["base"].as_str().expect("generate.base")))
            .expect("generator base is readable");
        let bytes = g["bytes"].as_u64().expect("generate.bytes");
        let field = g["field"].as_str().expect("generate.field");
        return large_padding(&base, usize::try_from(bytes).expect("fits usize"), field);
    }
    let file = e
        .file
        .as_deref()
        .unwrap_or_else(|| panic!("{}: no file", e.id));
    std::fs::read(dir().join(file)).unwrap_or_else(|err| panic!("{}: {file}: {err}", e.id))
}

/// Every 18-character window that looks like a 身份证号 (17 digits and a digit or X).
fn id_like(bytes: &[u8]) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut run = 0usize; // consecutive ASCII digits just before `i`
    for (i, &b) in bytes.iter().enumerate() {
        if run >= 17 && (b.is_ascii_digit() || b == b'X' || b == b'x') {
            let w = &bytes[i - 17..=i];
            out.insert(String::from_utf8_lossy(w).into_owned());
        }
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
    }
    out
}

/// Why an input was not rejected as its entry expects.
enum Miss {
    /// The engine panicked: a failure even for an xfail entry.
    Panic,
    /// Accepted, or rejected with other problems, or a message leaked an identity number.
    Other(String),
}

/// `Ok` when the input is rejected as the entry expects.
fn check(engine: &Engine, e: &Entry, bytes: &[u8]) -> Result<(), Miss> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return if e.code == INVALID_UTF8 {
            Ok(())
        } else {
            Err(Miss::Other(format!(
                "input is not UTF-8 (1001), expected {}",
                e.code
            )))
        };
    };
    let err = match catch_unwind(AssertUnwindSafe(|| engine.evaluate_json(text))) {
        Err(_) => return Err(Miss::Panic),
        Ok(Ok(_)) => {
            return Err(Miss::Other(
                "accepted: the case evaluated successfully".to_owned(),
            ));
        }
        Ok(Err(err)) => err,
    };
    let ids = id_like(bytes);
    let shown = std::iter::once(err.to_string())
        .chain(err.problems().iter().map(|p| p.message.clone()))
        .chain(err.problems().iter().map(ToString::to_string));
    for s in shown {
        if let Some(id) = ids.iter().find(|id| s.contains(id.as_str())) {
            return Err(Miss::Other(format!(
                "privacy: a message holds the full identity number {}…: {s:?}",
                id.get(..6).unwrap_or_default()
            )));
        }
    }
    let hit = err.problems().iter().any(|p| {
        p.code() == e.code
            && e.path
                .as_deref()
                .is_none_or(|want| p.path.as_deref() == Some(want))
    });
    if hit {
        Ok(())
    } else {
        let got: Vec<String> = err
            .problems()
            .iter()
            .map(|p| format!("{} {}", p.code(), p.path.as_deref().unwrap_or("-")))
            .collect();
        Err(Miss::Other(format!(
            "expected {} {}, got [{}]",
            e.code,
            e.path.as_deref().unwrap_or("-"),
            got.join(", ")
        )))
    }
}

#[test]
fn invalid_inputs_are_rejected_with_the_expected_problem() {
    let started = Instant::now();
    let engine = Engine::embedded().expect("embedded policies load");
    let text = std::fs::read_to_string(dir().join("manifest.json")).expect("manifest is readable");
    let manifest: Value = serde_json::from_str(&text).expect("manifest is JSON");
    let list = entries(&manifest);
    assert!(list.len() >= 200, "only {} invalid inputs", list.len());

    // The manifest and the directory agree: unique ids, every file listed exists, every
    // input file in the directory is listed.
    let mut ids = BTreeSet::new();
    for e in &list {
        assert!(ids.insert(e.id.as_str()), "duplicate id {}", e.id);
    }
    let listed: BTreeSet<&str> = list.iter().filter_map(|e| e.file.as_deref()).collect();
    let bases: BTreeSet<String> = list
        .iter()
        .filter_map(|e| e.generate.as_ref()?["base"].as_str().map(str::to_owned))
        .collect();
    for f in std::fs::read_dir(dir()).expect("fixtures/invalid is readable") {
        let path = f.expect("dir entry").path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let is_json = path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("json"));
        if is_json && name != "manifest.json" && !bases.contains(name.as_ref()) {
            assert!(
                listed.contains(name.as_ref()),
                "{name} is not in the manifest"
            );
        }
    }
    // A generator's base must itself be valid, so the padding is the only problem.
    for b in &bases {
        let base = std::fs::read_to_string(dir().join(b)).expect("base is readable");
        if let Err(err) = engine.evaluate_json(&base) {
            panic!("generator base {b} must evaluate: {err}");
        }
    }

    let mut failed = Vec::new();
    let mut xpassed = Vec::new();
    let mut xfailed = 0;
    let mut slowest = (std::time::Duration::ZERO, "");
    for e in &list {
        let bytes = input(e);
        let t = Instant::now();
        let result = check(&engine, e, &bytes);
        slowest = slowest.max((t.elapsed(), e.id.as_str()));
        match (e.xfail, result) {
            (false, Ok(())) => {}
            (_, Err(Miss::Panic)) => failed.push(format!("{}: panicked", e.id)),
            (false, Err(Miss::Other(why))) => failed.push(format!("{}: {why}", e.id)),
            (true, Err(Miss::Other(why))) => {
                eprintln!("xfail {}: {why}", e.id);
                xfailed += 1;
            }
            (true, Ok(())) => xpassed.push(e.id.clone()),
        }
    }
    eprintln!(
        "{} invalid inputs: {} as expected, {} xfail, {} failed, {} unexpectedly passing \
         ({:.1?}; slowest {} {:.1?})",
        list.len(),
        list.len() - failed.len() - xpassed.len() - xfailed,
        xfailed,
        failed.len(),
        xpassed.len(),
        started.elapsed(),
        slowest.1,
        slowest.0
    );
    assert!(
        failed.is_empty() && xpassed.is_empty(),
        "{} failed:\n  {}\n{} xfail entries now pass (drop their xfail):\n  {}",
        failed.len(),
        failed.join("\n  "),
        xpassed.len(),
        xpassed.join("\n  ")
    );
}
