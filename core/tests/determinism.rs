//! The same case and policy give byte-identical outcome JSON whatever the batch size, the
//! number of threads or the number of runs.
#![expect(clippy::unwrap_used, reason = "test code")]

use std::path::Path;

use hedui_core::fixture;
use hedui_core::{Case, Engine};

fn inputs() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/examples");
    let mut v: Vec<Case> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| {
            hedui_core::case::decode_case(&std::fs::read_to_string(e.unwrap().path()).unwrap())
                .unwrap()
        })
        .collect();
    v.sort_by(|a, b| a.id.cmp(&b.id));
    // Every valid fixture household too, under the default policies.
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases");
    for lf in fixture::load_dir(&cases).unwrap() {
        if let Ok(fx) = lf.case
            && let Ok(c) = hedui_core::case::decode::decode_tree::<Case>(fx.input)
        {
            v.push(c);
        }
    }
    v
}

fn render(engine: &Engine, cases: &[Case]) -> Vec<String> {
    engine
        .evaluate_batch(cases)
        .into_iter()
        .map(|r| match r {
            Ok(o) => o.to_json(),
            Err(e) => hedui_core::error_json(&e),
        })
        .collect()
}

#[test]
fn batch_size_threads_and_repeats_do_not_change_bytes() {
    let engine = Engine::embedded().unwrap();
    let cases = inputs();
    assert!(cases.len() > 250);
    let reference = render(&engine, &cases);
    for size in [1, 7, 64] {
        let chunked: Vec<String> = cases
            .chunks(size)
            .flat_map(|c| render(&engine, c))
            .collect();
        assert_eq!(chunked, reference, "batch size {size}");
    }
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let (e, c) = (engine.clone(), cases.clone());
            std::thread::spawn(move || {
                let mut c = c;
                let k = t * 13 % c.len();
                c.rotate_left(k);
                let mut out = render(&e, &c);
                out.rotate_right(k);
                out
            })
        })
        .collect();
    for h in threads {
        assert_eq!(h.join().unwrap(), reference);
    }
    assert_eq!(render(&engine, &cases), reference);
}
