//! What-if comparisons: a policy compared with itself is all zeros; the totals are the sums
//! of the per-household results under each engine; a raised standard gains and costs.
#![expect(clippy::unwrap_used, reason = "test code")]

use hedui_core::case::{Case, Program};
use hedui_core::{Engine, RawValue, Reform, Status};
use hedui_register::compare::{
    Comparison, Side, Sweep, evaluate_pair, evaluate_side, sweep_engines,
};
use rust_decimal::Decimal;
use serde_json::json;

const PROGRAMS: [Program; 4] = [
    Program::Dibao,
    Program::NearDibao,
    Program::Tekun,
    Program::TemporaryRelief,
];

/// Households in two regions, with wages from nothing to well above the standard, and one
/// that fails validation (an unknown region).
fn cases() -> Vec<Result<Case, hedui_core::Error>> {
    let mut out = Vec::new();
    for i in 0..60_i64 {
        let region = if i % 3 == 0 { "420100" } else { "360102" };
        let n = 1 + i % 4;
        let members: Vec<_> = (0..n)
            .map(|k| {
                json!({"id": format!("m{k}"), "relation": if k == 0 { "self" } else { "child" },
                       "birth_date": if k == 0 && i % 5 == 0 { "1950-03-01" } else if k == 0 { "1980-03-01" } else { "2015-03-01" },
                       "applies_for": if k == 0 && i % 5 == 0 { vec!["tekun"] } else { vec![] },
                       "self_care": {"eating": true, "dressing": true, "transferring": true, "toileting": true, "walking_indoors": true, "bathing": true}})
            })
            .collect();
        // Monthly wage of the applicant: 0, 60, 120, … yuan × household size.
        let wage = Decimal::new(6000 * (i % 30) * n * 6, 2);
        let incomes = if wage.is_zero() {
            vec![]
        } else {
            vec![
                json!({"member": "m0", "category": "wage", "amount": wage.to_string(),
                         "period": {"start": "2026-05-01", "end": "2026-10-31"}, "source": "verified"}),
            ]
        };
        let c = json!({
            "id": format!("h{i}"), "region": if i == 59 { "999900" } else { region },
            "as_of": "2027-02-15", "residence": "urban",
            "programs": ["dibao", "near_dibao", "tekun", "temporary_relief"],
            "income_window": {"start": "2026-05-01", "end": "2026-10-31"},
            "members": members, "incomes": incomes
        });
        out.push(Ok(serde_json::from_value(c).unwrap()));
    }
    out
}

fn compare(base: &Engine, reform: &Engine) -> (Comparison, Vec<(Side, Side)>) {
    let mut c = Comparison::new(&PROGRAMS);
    let mut sides = Vec::new();
    for case in cases() {
        let pair = evaluate_pair(base, reform, case, &PROGRAMS);
        c.add(&pair);
        sides.push((pair.before, pair.after));
    }
    (c, sides)
}

fn raised() -> Engine {
    let r = Reform::from_toml(
        "r.toml",
        r#"
label = "提标"
[[override]]
region = "360100"
key = "dibao.standard.urban"
value = "900.00"
from = "2027-01-01"
"#,
    )
    .unwrap();
    Engine::embedded().unwrap().with_reform(&r).unwrap()
}

#[test]
fn a_policy_compared_with_itself_changes_nothing() {
    let base = Engine::embedded().unwrap();
    let (c, _) = compare(&base, &base);
    assert_eq!(c.errors(), 1);
    for r in c.rows().iter().chain(&c.totals()) {
        assert_eq!(r.eligible_before, r.eligible_after, "{r:?}");
        assert_eq!(r.people_before, r.people_after);
        assert_eq!((r.newly_eligible, r.no_longer_eligible), (0, 0));
        assert_eq!(r.amount_before, r.amount_after);
        assert!(r.amount_change.is_zero() && r.annual_change.is_zero());
        assert_eq!((r.gainers, r.losers), (0, 0));
        assert_eq!(r.unchanged, r.households);
        assert_eq!(r.change_quantiles, None);
    }
    let batch = c.to_batch().unwrap();
    assert_eq!(
        batch.num_rows(),
        3 * PROGRAMS.len(),
        "two regions and the unreadable one"
    );
}

#[test]
fn totals_are_the_sums_of_the_household_results() {
    let base = Engine::embedded().unwrap();
    let reform = raised();
    let (c, sides) = compare(&base, &reform);
    // Recompute every total from each engine's own results, household by household.
    let ok: Vec<&(Side, Side)> = sides
        .iter()
        .filter(|(b, a)| b.error().is_none() && a.error().is_none())
        .collect();
    assert_eq!(ok.len(), 59);
    for (i, total) in c.totals().iter().enumerate() {
        let sum = |f: &dyn Fn(&(Side, Side)) -> i128| ok.iter().map(|x| f(x)).sum::<i128>();
        let before = sum(&|(b, _)| b.amount_fen(i));
        let after = sum(&|(_, a)| a.amount_fen(i));
        assert_eq!(
            total.amount_before,
            Decimal::from_i128_with_scale(before, 2)
        );
        assert_eq!(total.amount_after, Decimal::from_i128_with_scale(after, 2));
        let months = if PROGRAMS[i] == Program::TemporaryRelief {
            1
        } else {
            12
        };
        assert_eq!(
            total.annual_change,
            Decimal::from_i128_with_scale((after - before) * months, 2)
        );
        let eligible = |s: &Side| i128::from(s.status(i) == Some(Status::Eligible));
        assert_eq!(
            i128::from(u32::try_from(total.eligible_before).unwrap()),
            sum(&|(b, _)| eligible(b))
        );
        assert_eq!(
            i128::from(u32::try_from(total.eligible_after).unwrap()),
            sum(&|(_, a)| eligible(a))
        );
        assert_eq!(
            i128::from(u32::try_from(total.people_after).unwrap()),
            sum(&|(_, a)| i128::from(a.people(i)))
        );
        assert_eq!(total.gainers + total.losers + total.unchanged, 59);
        // The regional rows add up to the totals.
        let rows: Vec<_> = c
            .rows()
            .into_iter()
            .filter(|r| r.program == PROGRAMS[i].as_str())
            .collect();
        assert_eq!(
            rows.iter().map(|r| r.amount_after).sum::<Decimal>(),
            total.amount_after
        );
    }
    // Raising Nanchang's standard: dibao gains there, nothing changes in Wuhan.
    let dibao = &c.totals()[0];
    assert!(dibao.amount_change > Decimal::ZERO);
    assert!(dibao.eligible_after >= dibao.eligible_before);
    assert_eq!(dibao.losers, 0);
    let wuhan: Vec<_> = c
        .rows()
        .into_iter()
        .filter(|r| r.region == "420100")
        .collect();
    assert!(
        wuhan
            .iter()
            .all(|r| r.amount_change.is_zero() && r.gainers == 0)
    );
    // Every dibao household in Nanchang that was already in the program gains exactly
    // (900 − the base standard) × its counted members, unless rounding or uplifts apply.
    let q = dibao.change_quantiles.unwrap();
    assert!(q[0] > Decimal::ZERO && q[0] <= q[2] && q[2] <= q[4]);
}

#[test]
fn a_sweep_matches_separate_comparisons() {
    let base = Engine::embedded().unwrap();
    let values: Vec<RawValue> = ["800.00", "900.00"]
        .iter()
        .map(|v| RawValue::Str((*v).to_owned()))
        .collect();
    let engines =
        sweep_engines(&base, "dibao.standard.urban", Some("360100"), None, &values).unwrap();
    let mut sweep = Sweep::new(vec![Decimal::new(800, 0), Decimal::new(900, 0)], &PROGRAMS);
    for case in cases().into_iter().flatten() {
        let sides: Vec<Side> = engines
            .iter()
            .map(|e| evaluate_side(e, &case, &PROGRAMS))
            .collect();
        sweep.add(&sides);
    }
    let batch = sweep.to_batch().unwrap();
    assert_eq!(batch.num_rows(), 2 * PROGRAMS.len());
    // The 900 row equals the "after" of a comparison against the same reform (from any date:
    // the cases are all in 2027).
    let (c, _) = compare(&base, &raised());
    let amount = batch
        .column_by_name("amount")
        .unwrap()
        .as_any()
        .downcast_ref::<arrow_array::Decimal128Array>()
        .unwrap();
    let dibao_900 = Decimal::from_i128_with_scale(amount.value(PROGRAMS.len()), 2);
    assert_eq!(dibao_900, c.totals()[0].amount_after);
    // Bad values are reported by index.
    let e = sweep_engines(
        &base,
        "dibao.standard.urban",
        None,
        None,
        &[RawValue::Str("850".into()), RawValue::Str("x".into())],
    )
    .unwrap_err();
    assert_eq!(e.primary().path.as_deref(), Some("values[1]"));
}
