//! Any bytes as a case: an error with a known code and a path, or an outcome whose amounts
//! are non-negative whole fen and whose statuses are consistent with the amounts.
#![no_main]

use std::sync::OnceLock;

use hedui_core::{Engine, ErrorKind, Status};
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::embedded().unwrap())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match engine().evaluate_json(text) {
        Ok(o) => {
            for p in &o.programs {
                if let Some(a) = p.amount {
                    assert!(a >= rust_decimal::Decimal::ZERO, "negative amount");
                    assert_eq!(a, a.trunc_with_scale(2), "amount not in whole fen");
                    assert_eq!(p.status, Status::Eligible, "amount without eligibility");
                }
                if p.status == Status::NeedsReview {
                    assert!(!p.review.is_empty() || !p.members.is_empty(), "needs_review without a reason");
                }
            }
            let json = o.to_json();
            assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
        }
        Err(e) => {
            assert!(!e.problems().is_empty());
            for p in e.problems() {
                assert!(ErrorKind::ALL.contains(&p.kind), "unknown kind");
                assert_ne!(p.kind, ErrorKind::Internal, "internal error on input: {p}");
            }
        }
    }
});
