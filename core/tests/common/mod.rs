//! The household generator shared by the differential and decision-mode tests: random
//! households over the national rules, as case JSON with the policy overrides they assume.
#![expect(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

use hedui_core::{Engine, Override, RawValue};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

pub(crate) const AS_OF: &str = "2026-11-15";
pub(crate) const WINDOW: i64 = 6;

/// One generated member.
#[derive(Clone, Debug)]
pub(crate) struct M {
    pub(crate) relation: &'static str,
    pub(crate) birth: String,
    pub(crate) age: i32,
    pub(crate) lives_together: bool,
    pub(crate) student: bool,
    pub(crate) status: Option<&'static str>,
    pub(crate) disability_grade: Option<u8>,
    pub(crate) tekun: bool,
    pub(crate) single: bool,
    /// Monthly wage (fen) and an excluded scholarship (fen), both over the 6-month window.
    pub(crate) wage: i64,
    pub(crate) scholarship: i64,
    pub(crate) deposit: i64,
}

#[derive(Clone, Debug)]
pub(crate) struct H {
    pub(crate) standard: i64,
    pub(crate) limit_pc: i64,
    pub(crate) members: Vec<M>,
}

pub(crate) fn dec(fen: i64) -> Decimal {
    Decimal::new(fen, 2)
}

pub(crate) fn birth_for(age: i32, on_birthday: bool) -> String {
    // as_of is 2026-11-15: a birthday on 11-15 reaches the age that day.
    let year = 2026 - age;
    if on_birthday {
        format!("{year}-11-15")
    } else {
        format!("{year}-03-01")
    }
}

pub(crate) fn member() -> impl Strategy<Value = M> {
    (
        prop_oneof![Just("spouse"), Just("child"), Just("parent"), Just("child")],
        prop_oneof![0i32..=17, 18i32..=30, 55i32..=75, Just(16), Just(18), Just(60)],
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![4 => Just(None), 1 => Just(Some("prison")), 1 => Just(Some("compulsory_drug_rehab"))],
        prop_oneof![4 => Just(None), 1 => (1u8..=4).prop_map(Some)],
        (any::<bool>(), any::<bool>()),
        prop_oneof![Just(0i64), 0i64..300_000],
        prop_oneof![3 => Just(0i64), 1 => 1i64..50_000],
        prop_oneof![3 => Just(0i64), 1 => 0i64..5_000_000],
    )
        .prop_map(|(relation, age, on_birthday, lives_together, student, status, disability_grade, (tekun, single), wage, scholarship, deposit)| M {
            relation,
            birth: birth_for(age, on_birthday),
            age: if on_birthday { age } else { age },
            lives_together,
            student,
            status,
            disability_grade,
            tekun,
            single,
            wage,
            scholarship,
            deposit,
        })
}

pub(crate) fn household() -> impl Strategy<Value = H> {
    (
        prop_oneof![Just(85_000i64), Just(79_500), 50_000i64..120_000],
        prop_oneof![Just(2_000_000i64), 500_000i64..5_000_000],
        (
            prop_oneof![55i32..=75, 18i32..=59, Just(60)],
            any::<bool>(),
            prop_oneof![Just(0i64), 0i64..400_000],
            any::<bool>(),
        ),
        proptest::collection::vec(member(), 0..5),
        prop_oneof![2 => Just(None), 1 => Just(Some(0i64)), 1 => Just(Some(-1i64))],
    )
        .prop_map(
            |(standard, limit_pc, (age, on_birthday, wage, tekun), mut rest, boundary)| {
                let applicant = M {
                    relation: "self",
                    birth: birth_for(age, on_birthday),
                    age,
                    lives_together: true,
                    student: false,
                    status: None,
                    disability_grade: None,
                    tekun,
                    single: false,
                    wage,
                    scholarship: 0,
                    deposit: 0,
                };
                rest.insert(0, applicant);
                let mut h = H {
                    standard,
                    limit_pc,
                    members: rest,
                };
                // Boundary households: total income exactly at (or one fen per month under) the
                // standard times the counted members, all of it on the applicant.
                if let Some(delta) = boundary {
                    let n = i64::try_from(h.members.iter().filter(|m| counted(m)).count()).unwrap();
                    if n > 0 {
                        let others: i64 = h
                            .members
                            .iter()
                            .skip(1)
                            .filter(|m| counted(m))
                            .map(|m| m.wage)
                            .sum();
                        let target = standard * n + delta;
                        if let Some(a) = h.members.first_mut() {
                            a.wage = (target - others).max(0);
                        }
                    }
                }
                h
            },
        )
}

/// DB-2021 第7条: who counts.
pub(crate) fn counted(m: &M) -> bool {
    if m.status.is_some() {
        return false; // prison and compulsory rehabilitation are excluded
    }
    match m.relation {
        "self" | "spouse" => true,
        "child" => m.age < 18 || m.student || m.lives_together,
        "parent" => m.lives_together,
        _ => false,
    }
}

// ---- The engine side ----------------------------------------------------------------------

pub(crate) fn case_json(h: &H) -> Value {
    let members: Vec<Value> = h
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut applies = vec![];
            if m.tekun {
                applies.push("tekun");
            }
            if m.single {
                applies.push("single_person");
            }
            let mut v = json!({
                "id": format!("m{i}"), "relation": m.relation, "birth_date": m.birth,
                "lives_together": m.lives_together,
                "schooling": if m.student { "higher_education" } else { "none" },
                "employment": "employed",
                "applies_for": applies,
                "self_care": {"eating": true, "dressing": true, "transferring": true, "toileting": true, "walking_indoors": true, "bathing": true},
            });
            if let Some(st) = m.status {
                v["statuses"] = json!([st]);
            }
            if let Some(g) = m.disability_grade {
                v["disability"] = json!({"category": "physical", "grade": g, "certificate": true});
            }
            v
        })
        .collect();
    let mut incomes = vec![];
    let mut assets = vec![];
    for (i, m) in h.members.iter().enumerate() {
        let period = json!({"start": "2026-05-01", "end": "2026-10-31"});
        if m.wage > 0 {
            incomes.push(json!({"member": format!("m{i}"), "category": "wage", "amount": dec(m.wage * WINDOW).to_string(), "period": period, "source": "verified"}));
        }
        if m.scholarship > 0 {
            incomes.push(json!({"member": format!("m{i}"), "category": "transfer", "subtype": "scholarship", "amount": dec(m.scholarship * WINDOW).to_string(), "period": period, "source": "verified"}));
        }
        if m.deposit > 0 {
            assets.push(json!({"member": format!("m{i}"), "kind": "deposit", "value": dec(m.deposit).to_string(), "source": "verified"}));
        }
    }
    json!({
        "id": "differential", "region": "360100", "as_of": AS_OF, "residence": "urban",
        "programs": ["dibao", "near_dibao", "tekun", "single_person"],
        "members": members, "incomes": incomes, "assets": assets
    })
}

pub(crate) fn overrides(h: &H) -> Vec<(&'static str, Value)> {
    vec![
        ("dibao.standard.urban", json!(dec(h.standard).to_string())),
        ("income.lookback_months", json!(WINDOW)),
        (
            "dibao.assets.financial_limit_per_capita",
            json!(dec(h.limit_pc).to_string()),
        ),
        (
            "near_dibao.assets.financial_limit_per_capita",
            json!(dec(h.limit_pc).to_string()),
        ),
        (
            "tekun.assets.financial_limit_per_capita",
            json!(dec(h.limit_pc).to_string()),
        ),
        ("tekun.basic_standard.urban", json!("1000.00")),
        ("tekun.care.self_care_amount", json!("100.00")),
        ("single_person.adult_severe_disability_route", json!(false)),
        // The reference pays the 单人保 gap, a local choice the national layer leaves unset.
        ("single_person.amount_rule", json!("gap")),
        ("tekun.excludes_from_dibao", json!(false)),
        // No classified-support uplift: the reference pays the 补差 alone (a local decision;
        // unset, a household with an elderly, minor or severely disabled member needs review).
        ("dibao.uplift.elderly_ratio", json!("0")),
        ("dibao.uplift.minor_ratio", json!("0")),
        ("dibao.uplift.severe_disability_ratio", json!("0")),
        ("dibao.uplift.serious_illness_ratio", json!("0")),
        // Last year's per-capita disposable income, for the tekun obligor test (TK-2021 第8条(三)).
        ("reference.per_capita_disposable_income", json!("45000.00")),
    ]
}

pub(crate) fn engine(base: &Engine, h: &H) -> Engine {
    let list: Vec<Override> = overrides(h)
        .into_iter()
        .map(|(k, v)| Override {
            key: k.into(),
            value: RawValue::from_json(&v),
            from: None,
            to: None,
            label: "differential".into(),
            region: None,
        })
        .collect();
    base.with_overrides(&list).unwrap()
}
