//! No amount in any fixture case exceeds its legal ceiling: the dibao 补差 is at most the
//! standard × counted members plus the classified-support uplift (SAIM 第12条), or during a
//! gradual exit the current amount (DB-2021 第33条); a 单人保 is at most one standard; a tekun
//! amount is at most the local basic-living standard plus the care standard of the person's
//! tier (TK-2021 第19–20条). Each ceiling is rounded up to the whole yuan, the coarsest local
//! rounding rule.

use std::path::Path;

use hedui_core::fixture::{self, FixtureStatus};
use hedui_core::policy::ParamValue;
use hedui_core::{Engine, Program, Status};
use rust_decimal::{Decimal, RoundingStrategy};

fn up(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(0, RoundingStrategy::ToPositiveInfinity)
}

#[test]
fn no_fixture_amount_exceeds_its_legal_ceiling() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases");
    let base = Engine::embedded().unwrap();
    let mut checked = 0usize;
    for loaded in fixture::load_dir(&root).unwrap() {
        let Ok(fx) = loaded.case else { continue };
        if fx.status == FixtureStatus::Xfail {
            continue;
        }
        let Ok(engine) = base.with_overrides(&fixture::overrides(&fx)) else {
            continue;
        };
        let Ok(case) = hedui_core::case::decode_case(&fx.input.to_string()) else {
            continue;
        };
        let Ok(o) = engine.evaluate(&case) else {
            continue;
        };
        let params = engine
            .effective_parameters(&case.region, case.as_of)
            .unwrap();
        let money = |k: &str| {
            params
                .iter()
                .find(|p| p.key == k)
                .and_then(|p| ParamValue::decimal(&p.value))
        };
        let res = match case.residence {
            hedui_core::case::Residence::Urban => "urban",
            hedui_core::case::Residence::Rural => "rural",
        };
        let standard = money(&format!("dibao.standard.{res}"));
        let path = loaded.path.display().to_string();

        if let Some(p) = o.program(Program::Dibao)
            && p.status == Status::Eligible
            && let (Some(a), Some(s)) = (p.amount, standard)
        {
            let ceiling = if p.gradual_exit.is_some() {
                case.history.current_dibao_amount.unwrap_or_default()
            } else {
                let uplift = p
                    .check("dibao.amount.classified_support")
                    .and_then(|c| c.observed.parse::<Decimal>().ok())
                    .unwrap_or_default();
                s * Decimal::from(o.household.counted.len()) + uplift
            };
            assert!(a <= up(ceiling), "{path}: dibao {a} > {ceiling}");
            checked += 1;
        }
        if let Some(p) = o.program(Program::SinglePerson) {
            for m in p.members.iter().filter(|m| m.status == Status::Eligible) {
                if let (Some(a), Some(s)) = (m.amount, standard) {
                    assert!(a <= up(s), "{path}: 单人保 {} {a} > {s}", m.member);
                    checked += 1;
                }
            }
        }
        if let Some(p) = o.program(Program::Tekun) {
            let basic = ["urban", "rural"]
                .iter()
                .filter_map(|r| money(&format!("tekun.basic_standard.{r}")))
                .max();
            for m in p.members.iter().filter(|m| m.status == Status::Eligible) {
                let care_std = m.care_tier.and_then(|t| {
                    let key = if t == "self_care" {
                        "self_care"
                    } else if t == "partial" {
                        "partial"
                    } else {
                        "full"
                    };
                    money(&format!("tekun.care.{key}_amount"))
                });
                if let (Some(a), Some(b), Some(c)) = (m.amount, basic, care_std) {
                    assert!(a <= up(b + c), "{path}: tekun {} {a} > {b} + {c}", m.member);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 100, "only {checked} amounts checked");
}
