//! The committed header equals the generated one, and every exported function is documented
//! with its ownership, thread safety and statuses.

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
