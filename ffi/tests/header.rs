//! The committed header equals the generated one, every exported function is documented
//! with its ownership, thread safety and statuses, the status enum is the core's list of
//! error kinds, and the safety contract is stated once.

const COMMITTED: &str = include_str!("../include/hedui.h");
const GENERATED: &str = include_str!(concat!(env!("OUT_DIR"), "/hedui.h"));

#[test]
fn committed_header_is_current() {
    assert!(
        COMMITTED == GENERATED,
        "ffi/include/hedui.h is stale: run `HEDUI_WRITE_HEADER=1 cargo build -p hedui-ffi` and commit it"
    );
}

#[test]
fn every_exported_function_is_documented() {
    let lines: Vec<&str> = COMMITTED.lines().collect();
    let mut functions = 0;
    for (i, line) in lines.iter().enumerate() {
        if !line.starts_with("HEDUI_API") || line.contains("define") {
            continue;
        }
        functions += 1;
        // The doc block is the comment that ends on the line before the declaration.
        let mut j = i;
        let mut doc = String::new();
        while j > 0 {
            j -= 1;
            let l = lines[j].trim();
            doc.insert_str(0, l);
            if l.starts_with("/**") {
                break;
            }
            assert!(
                l.starts_with('*'),
                "undocumented declaration at line {}: {line}",
                i + 1
            );
        }
        let mut decl = String::new();
        for l in &lines[i..] {
            decl.push_str(l);
            if l.contains(';') {
                break;
            }
        }
        assert!(doc.len() > 40, "too short a doc for {decl}");
        if decl.contains("hedui_status ") {
            assert!(doc.contains("Returns"), "no statuses documented for {decl}");
            assert!(doc.contains("Thread safety"), "no thread safety for {decl}");
        }
        if decl.contains("_free(") {
            assert!(
                doc.contains("NULL") && doc.contains("no-op"),
                "free without NULL rule: {decl}"
            );
        }
    }
    assert!(functions >= 19, "found only {functions} exported functions");
}

#[test]
fn version_macros_come_from_cargo() {
    let v = env!("CARGO_PKG_VERSION");
    assert!(COMMITTED.contains(&format!("#define HEDUI_VERSION \"{v}\"")));
    assert!(COMMITTED.contains(&format!(
        "#define HEDUI_ABI_VERSION {}",
        hedui::HEDUI_ABI_VERSION
    )));
    assert!(COMMITTED.contains("extern \"C\""), "no C++ guard");
}

/// The `(doc, name, value)` of every enumerator of `enum <name>` in the header.
fn enumerators(header: &str, name: &str) -> Option<Vec<(String, String, u32)>> {
    let open = format!("enum {name}\n");
    let body = header.get(header.find(&open)?..)?;
    let body = body.get(body.find(" {\n")?..body.find("};")?)?;
    let mut out = Vec::new();
    let mut doc = String::new();
    for line in body.lines().map(str::trim) {
        if line == "/**" || line == "*/" {
            continue;
        }
        if let Some(text) = line.strip_prefix("* ") {
            if !doc.is_empty() {
                doc.push(' ');
            }
            doc.push_str(text);
        } else if let Some((n, v)) = line.trim_end_matches(',').split_once(" = ") {
            out.push((std::mem::take(&mut doc), n.to_owned(), v.parse().ok()?));
        }
    }
    Some(out)
}

/// The header's `hedui_status` is the core's one list of error kinds: `HEDUI_STATUS_OK`, then
/// every `ErrorKind` in order, with its code, its name upper-cased and its description.
#[test]
fn status_enum_matches_the_core_error_kinds() {
    let want: Vec<(String, String, u32)> = std::iter::once(("Success.".to_owned(), "OK", 0))
        .chain(
            hedui_core::ErrorKind::ALL
                .iter()
                .map(|k| (k.description().to_owned(), k.name(), k.code())),
        )
        .map(|(d, n, c)| (d, format!("HEDUI_STATUS_{}", n.to_ascii_uppercase()), c))
        .collect();
    assert_eq!(enumerators(COMMITTED, "hedui_status").unwrap(), want);
}

/// The safety contract is stated once, at the top, not repeated in every function's block.
#[test]
fn safety_contract_is_stated_once() {
    assert_eq!(COMMITTED.matches("Safety contract").count(), 1);
    let top = COMMITTED.find("Safety contract").unwrap_or(usize::MAX);
    let first_fn = COMMITTED
        .find("HEDUI_API const char *hedui_version")
        .unwrap_or(0);
    assert!(top < first_fn, "the contract comes before the functions");
    for topic in [
        "NULL",
        "Pointers",
        "UTF-8",
        "Ownership",
        "Threads",
        "Panics",
    ] {
        assert!(
            COMMITTED[top..first_fn].contains(&format!(" * {topic} ")),
            "the contract covers {topic}"
        );
    }
    assert!(
        !COMMITTED.contains("# Safety"),
        "a per-function safety block is left"
    );
}
