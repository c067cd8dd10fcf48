//! Shared inputs for the benches: households of typical shapes, built from the examples.

use hedui_core::case::{Case, decode_case};

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The bench households have minor children (and from 5 members, parents over 60). No embedded
/// region sets a classified-support uplift (分类施保), which leaves such a household's dibao
/// amount to review; the benches pin every uplift at zero ("this region pays none"), a bench
/// assumption and not law, so they measure the whole amount path.
pub const NO_UPLIFT_JSON: &str = r#"[
  {"key": "dibao.uplift.elderly_ratio", "value": "0"},
  {"key": "dibao.uplift.minor_ratio", "value": "0"},
  {"key": "dibao.uplift.severe_disability_ratio", "value": "0"},
  {"key": "dibao.uplift.serious_illness_ratio", "value": "0"}
]"#;

/// The embedded policies with [`NO_UPLIFT_JSON`] pinned.
pub fn engine() -> hedui_core::Engine {
    hedui_core::Engine::embedded()
        .and_then(|e| e.with_overrides_json(NO_UPLIFT_JSON, "bench assumption: no uplift"))
        .unwrap_or_else(|e| {
            // The embedded policies and the literal above are fixed; failing is a bug here.
            std::process::exit(i32::try_from(e.code()).unwrap_or(1))
        })
}

/// A household of `n` members (1–8) with two wage records and a deposit, at Nanchang.
pub fn household(n: usize) -> Case {
    let mut members =
        vec![serde_json::json!({"id": "m0", "relation": "self", "birth_date": "1975-03-01"})];
    for i in 1..n {
        let rel = match i {
            1 => "spouse",
            2 | 3 => "child",
            _ => "parent",
        };
        let birth = if rel == "child" {
            "2012-06-01"
        } else if rel == "parent" {
            "1950-01-01"
        } else {
            "1976-05-05"
        };
        members
            .push(serde_json::json!({"id": format!("m{i}"), "relation": rel, "birth_date": birth}));
    }
    let json = serde_json::json!({
        "id": format!("bench-{n}"), "region": "360100", "as_of": "2026-11-15", "residence": "urban",
        "income_window": {"start": "2026-05-01", "end": "2026-10-31"},
        "members": members,
        "incomes": [
            {"member": "m0", "category": "wage", "amount": "3000.00", "period": {"start": "2026-05-01", "end": "2026-10-31"}, "source": "verified", "agency": "human_resources"},
            {"member": "m0", "category": "wage", "amount": "2900.00", "period": {"start": "2026-05-01", "end": "2026-10-31"}, "source": "declared"},
            {"member": "m0", "category": "transfer", "subtype": "social_assistance", "amount": "900.00", "period": {"start": "2026-05-01", "end": "2026-10-31"}, "source": "verified"}
        ],
        "assets": [{"member": "m0", "kind": "housing", "value": "150000.00", "source": "verified", "area_m2": "60"}]
    });
    // INVARIANT: the literal above is a valid case.
    decode_case(&json.to_string()).unwrap_or_else(|e| unreachable_case(&e))
}

fn unreachable_case(e: &hedui_core::Error) -> Case {
    // A bench input that fails to decode is a bug in this file; fail loudly in the bench.
    std::process::exit(match e.code() {
        0 => 1,
        c => i32::try_from(c).unwrap_or(1),
    })
}
