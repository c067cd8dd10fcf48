//! Calls the `extern "C"` functions directly: NULL arguments, invalid UTF-8, double use,
//! huge inputs, JSON Lines alignment.
#![expect(unsafe_code, reason = "exercising the C ABI")]

use std::ffi::CStr;
use std::ptr;

use hedui::*;

fn engine() -> *mut hedui_engine {
    let mut e = ptr::null_mut();
    // SAFETY: valid out-pointer.
    let s = unsafe { hedui_engine_new_default(&raw mut e, ptr::null_mut()) };
    assert_eq!(s, hedui_status::Ok);
    e
}

fn text(s: *const std::ffi::c_char) -> String {
    // SAFETY: the library returns NUL-terminated strings valid until freed.
    unsafe { CStr::from_ptr(s) }.to_string_lossy().into_owned()
}

const CASE: &str = r#"{"id":"c","region":"360100","as_of":"2026-11-01","residence":"urban",
  "income_window":{"start":"2026-05-01","end":"2026-10-31"},
  "members":[{"id":"m1","relation":"self","birth_date":"1970-01-01"}],
  "incomes":[{"member":"m1","category":"wage","amount":"1800.00","period":{"start":"2026-05-01","end":"2026-10-31"},"source":"verified"}]}"#;

fn eval(e: *const hedui_engine, input: &[u8]) -> (hedui_status, Option<String>, *mut hedui_error) {
    let mut out = ptr::null_mut();
    let mut err = ptr::null_mut();
    // SAFETY: valid buffers and out-pointers.
    let s = unsafe {
        hedui_engine_evaluate_json(e, input.as_ptr(), input.len(), &raw mut out, &raw mut err)
    };
    let got = (!out.is_null()).then(|| {
        // SAFETY: live string.
        let t = text(unsafe { hedui_string_ptr(out) });
        // SAFETY: freed once.
        unsafe { hedui_string_free(out) };
        t
    });
    (s, got, err)
}

#[test]
fn evaluates_and_reports_errors_with_paths() {
    let e = engine();
    let (s, out, err) = eval(e, CASE.as_bytes());
    assert_eq!(s, hedui_status::Ok);
    assert!(err.is_null());
    assert!(out.unwrap().contains("\"amount\":\"495.00\""));

    let bad = CASE.replace("1970-01-01", "1970-02-30");
    let (s, out, err) = eval(e, bad.as_bytes());
    assert_eq!(s, hedui_status::InvalidDate);
    assert!(out.is_none());
    // SAFETY: live error.
    unsafe {
        assert_eq!(hedui_error_code(err), 310);
        assert_eq!(text(hedui_error_field_path(err)), "members[0].birth_date");
        assert!(text(hedui_error_json(err)).contains("\"problems\""));
        hedui_error_free(err);
        hedui_engine_free(e);
    }
}

#[test]
fn null_arguments_are_statuses_not_crashes() {
    let e = engine();
    let mut out = ptr::null_mut();
    let mut err = ptr::null_mut();
    // SAFETY: deliberately NULL inputs; the functions must check them.
    unsafe {
        assert_eq!(
            hedui_engine_evaluate_json(
                ptr::null(),
                CASE.as_ptr(),
                CASE.len(),
                &raw mut out,
                &raw mut err
            ),
            hedui_status::NullArgument
        );
        assert_eq!(text(hedui_error_field_path(err)), "engine");
        hedui_error_free(err);
        assert_eq!(
            hedui_engine_evaluate_json(e, ptr::null(), 5, &raw mut out, ptr::null_mut()),
            hedui_status::NullArgument
        );
        assert_eq!(
            hedui_engine_evaluate_json(
                e,
                CASE.as_ptr(),
                CASE.len(),
                ptr::null_mut(),
                ptr::null_mut()
            ),
            hedui_status::NullArgument
        );
        assert_eq!(
            hedui_engine_new_default(ptr::null_mut(), ptr::null_mut()),
            hedui_status::NullArgument
        );
        assert!(out.is_null());
        // NULL frees and accessors are no-ops.
        hedui_engine_free(ptr::null_mut());
        hedui_string_free(ptr::null_mut());
        hedui_error_free(ptr::null_mut());
        assert_eq!(hedui_error_code(ptr::null()), 0);
        assert!(hedui_error_message(ptr::null()).is_null());
        assert!(hedui_string_ptr(ptr::null()).is_null());
        assert_eq!(hedui_string_len(ptr::null()), 0);
        hedui_engine_free(e);
    }
}

#[test]
fn invalid_utf8_and_huge_inputs() {
    let e = engine();
    let (s, _, err) = eval(e, b"{\"id\":\"\xff\"}");
    assert_eq!(s, hedui_status::InvalidUtf8);
    // SAFETY: live error.
    unsafe { hedui_error_free(err) };
    let huge = format!("[{}]", "1,".repeat(5_000_000) + "1");
    let (s, _, err) = eval(e, huge.as_bytes());
    assert_eq!(s, hedui_status::CaseShape);
    // SAFETY: live error, then the engine.
    unsafe {
        hedui_error_free(err);
        hedui_engine_free(e);
    }
}

#[test]
fn engine_is_reusable_and_results_are_stable() {
    let e = engine();
    let first = eval(e, CASE.as_bytes()).1;
    for _ in 0..50 {
        assert_eq!(eval(e, CASE.as_bytes()).1, first);
    }
    // SAFETY: freed once.
    unsafe { hedui_engine_free(e) };
}

#[test]
fn jsonl_keeps_one_line_per_input_line() {
    let e = engine();
    let input = format!(
        "{}\nnot json\n\n{}\n\u{0}\n",
        CASE.replace('\n', ""),
        CASE.replace('\n', "")
    );
    let mut bytes = input.into_bytes();
    bytes.extend_from_slice(b"\xff\xfe\n");
    let mut out = ptr::null_mut();
    // SAFETY: valid buffers.
    let s = unsafe {
        hedui_engine_evaluate_jsonl(
            e,
            bytes.as_ptr(),
            bytes.len(),
            &raw mut out,
            ptr::null_mut(),
        )
    };
    assert_eq!(s, hedui_status::Ok);
    // SAFETY: live string.
    let t = text(unsafe { hedui_string_ptr(out) });
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(lines.len(), 6, "{t}");
    assert!(lines[0].contains("hedui.outcome/1"));
    assert!(lines[1].contains("\"code\":300"));
    assert!(lines[2].contains("\"code\":300"));
    assert!(lines[3].contains("hedui.outcome/1"));
    assert!(lines[4].contains("\"code\":300"));
    assert!(lines[5].contains("\"code\":1001"));
    // SAFETY: freed once.
    unsafe {
        hedui_string_free(out);
        hedui_engine_free(e);
    }
}

#[test]
fn reforms_are_scoped_cited_as_proposals_and_validated() {
    let e = engine();
    let derive = |doc: &str| {
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        // SAFETY: valid buffers and out-pointers.
        let s = unsafe {
            hedui_engine_with_reform(e, doc.as_ptr(), doc.len(), &raw mut out, &raw mut err)
        };
        (s, out, err)
    };
    // 民发〔2021〕57号 第17条: the amount is the standard less the household's monthly income
    // per head; 1800.00 over six months is 300.00, so 900.00 gives 600.00 and the base
    // Nanchang standard 795.00 gives 495.00.
    let toml = "label = \"提标 to 900\"\n[[override]]\nregion = \"360100\"\n\
                key = \"dibao.standard.urban\"\nvalue = \"900.00\"\nfrom = \"2026-01-01\"\n";
    let json = r#"[{"region":"360100","key":"dibao.standard.urban","value":"900.00"}]"#;
    for doc in [toml, json] {
        let (s, r, err) = derive(doc);
        assert_eq!(s, hedui_status::Ok, "{doc}");
        assert!(err.is_null());
        let (_, out, _) = eval(r, CASE.as_bytes());
        let out = out.unwrap();
        assert!(out.contains("\"amount\":\"600.00\""), "{out}");
        assert!(out.contains("\"evidence\":\"proposal\""), "{out}");
        // SAFETY: freed once.
        unsafe { hedui_engine_free(r) };
    }
    // Scoped to Wuhan: a Nanchang case keeps the base standard and cites no proposal.
    let (s, r, _) = derive(&toml.replace("360100", "420100"));
    assert_eq!(s, hedui_status::Ok);
    let out = eval(r, CASE.as_bytes()).1.unwrap();
    assert!(out.contains("\"amount\":\"495.00\""), "{out}");
    assert!(!out.contains("\"evidence\":\"proposal\""));
    // SAFETY: freed once.
    unsafe { hedui_engine_free(r) };

    for (doc, want) in [
        (
            toml.replace("dibao.standard.urban", "dibao.no_such_key"),
            hedui_status::PolicyInvalid,
        ),
        (
            toml.replace("\"900.00\"", "900.5"),
            hedui_status::PolicyInvalid,
        ),
        ("[[override]\nkey =".to_owned(), hedui_status::PolicySyntax),
        // A malformed JSON reform is a policy error too, never a case error.
        ("[{\"key\": 1}".to_owned(), hedui_status::PolicySyntax),
        (
            r#"[{"key": 1, "value": "900.00"}]"#.to_owned(),
            hedui_status::PolicyShape,
        ),
        (
            r#"{"override": [], "zone": "360100"}"#.to_owned(),
            hedui_status::PolicyShape,
        ),
        (
            json.replace("}]", r#","from":"2026-13-01"}]"#),
            hedui_status::PolicyInvalid,
        ),
    ] {
        let (s, r, err) = derive(&doc);
        assert_eq!(s, want, "{doc}");
        assert!(r.is_null());
        assert!(!err.is_null());
        // SAFETY: freed once.
        unsafe { hedui_error_free(err) };
    }
    let (s, r, _) = derive("");
    // An empty document is a reform with no overrides: the base engine's results.
    assert_eq!(s, hedui_status::Ok);
    assert!(
        eval(r, CASE.as_bytes())
            .1
            .unwrap()
            .contains("\"amount\":\"495.00\"")
    );
    // SAFETY: freed once; NULL text is allowed only with length 0, and is then not read.
    unsafe {
        hedui_engine_free(r);
        let mut out = ptr::null_mut();
        assert_eq!(
            hedui_engine_with_reform(e, ptr::null(), 3, &raw mut out, ptr::null_mut()),
            hedui_status::NullArgument
        );
        assert!(out.is_null());
        assert_eq!(
            hedui_engine_with_reform(e, ptr::null(), 0, &raw mut out, ptr::null_mut()),
            hedui_status::Ok
        );
        hedui_engine_free(out);
        hedui_engine_free(e);
    }
}

#[test]
fn overrides_policy_show_and_schemas() {
    let e = engine();
    let ov = br#"[{"key":"dibao.standard.urban","value":"900.00"}]"#;
    let mut e2 = ptr::null_mut();
    // SAFETY: valid buffers and out-pointers throughout.
    unsafe {
        assert_eq!(
            hedui_engine_with_overrides(e, ov.as_ptr(), ov.len(), &raw mut e2, ptr::null_mut()),
            hedui_status::Ok
        );
        let (_, out, _) = eval(e2, CASE.as_bytes());
        assert!(out.unwrap().contains("\"amount\":\"600.00\""));
        let bad = br#"[{"key":"dibao.standard.urban","value":900.5}]"#;
        let mut e3 = ptr::null_mut();
        let mut err = ptr::null_mut();
        assert_eq!(
            hedui_engine_with_overrides(e, bad.as_ptr(), bad.len(), &raw mut e3, &raw mut err),
            hedui_status::PolicyInvalid
        );
        assert!(e3.is_null());
        hedui_error_free(err);

        let mut json = ptr::null_mut();
        let (code, date) = (b"360102", b"2026-11-01");
        assert_eq!(
            hedui_engine_policy_show(
                e,
                code.as_ptr(),
                code.len(),
                date.as_ptr(),
                date.len(),
                &raw mut json,
                ptr::null_mut()
            ),
            hedui_status::Ok
        );
        assert!(text(hedui_string_ptr(json)).contains("dibao.standard.urban"));
        hedui_string_free(json);
        let date = b"2026-13-01";
        assert_eq!(
            hedui_engine_policy_show(
                e,
                code.as_ptr(),
                code.len(),
                date.as_ptr(),
                date.len(),
                &raw mut json,
                ptr::null_mut()
            ),
            hedui_status::InvalidDate
        );
        for kind in [1, 2, 3] {
            let mut s = ptr::null_mut();
            assert_eq!(
                hedui_schema(kind, &raw mut s, ptr::null_mut()),
                hedui_status::Ok
            );
            assert!(text(hedui_string_ptr(s)).contains("$schema"));
            hedui_string_free(s);
        }
        let mut s = ptr::null_mut();
        assert_eq!(
            hedui_schema(9, &raw mut s, ptr::null_mut()),
            hedui_status::InvalidValue
        );
        assert_eq!(text(hedui_version()), env!("CARGO_PKG_VERSION"));
        assert_eq!(hedui_abi_version(), HEDUI_ABI_VERSION);
        hedui_engine_free(e2);
        hedui_engine_free(e);
    }
}

#[test]
fn validate_only() {
    let e = engine();
    let bad = CASE.replace("360100", "999999");
    let mut err = ptr::null_mut();
    // SAFETY: valid buffers.
    unsafe {
        assert_eq!(
            hedui_engine_validate_json(e, CASE.as_ptr(), CASE.len(), ptr::null_mut()),
            hedui_status::Ok
        );
        assert_eq!(
            hedui_engine_validate_json(e, bad.as_ptr(), bad.len(), &raw mut err),
            hedui_status::UnknownRegion
        );
        assert_eq!(text(hedui_error_field_path(err)), "region");
        hedui_error_free(err);
        hedui_engine_free(e);
    }
}
