//! Property tests over generated households.
#![expect(
    clippy::unwrap_used,
    clippy::needless_pass_by_value,
    clippy::default_trait_access,
    reason = "test helpers"
)]

use hedui_core::case::{
    Case, Income, IncomeCategory, IncomeSubtype, Member, Period, Relation, Residence, Schooling,
    Source,
};
use hedui_core::{Engine, Override, Program, RawValue, Status};
use jiff::civil::{Date, date};
use proptest::prelude::*;
use rust_decimal::Decimal;

const STANDARD: &str = "850.00";

/// The 补差 alone: no classified-support uplift for any group (a local decision; unset, a
/// household with a minor or an elderly member would need review).
fn engine() -> Engine {
    let zero = || RawValue::Str("0".into());
    engine_with(&[
        ("dibao.uplift.elderly_ratio", zero()),
        ("dibao.uplift.minor_ratio", zero()),
        ("dibao.uplift.severe_disability_ratio", zero()),
        ("dibao.uplift.serious_illness_ratio", zero()),
    ])
}

fn member(i: usize, rel: Relation, birth: Date) -> Member {
    serde_json::from_value(serde_json::json!({
        "id": format!("m{i}"), "relation": rel, "birth_date": birth.to_string()
    }))
    .unwrap()
}

/// A verified record of `fen` over the six-month window 2026-05..2026-10.
fn record(member: String, category: IncomeCategory, subtype: IncomeSubtype, fen: i64) -> Income {
    Income {
        member,
        category,
        subtype,
        amount: Decimal::new(fen, 2),
        period: Period {
            start: date(2026, 5, 1),
            end: date(2026, 10, 31),
        },
        source: Source::Verified,
        agency: None,
        payer: None,
    }
}

fn household(n: usize, fen: Vec<i64>) -> Case {
    let mut members = vec![member(0, Relation::Applicant, date(1975, 3, 1))];
    for i in 1..n {
        members.push(member(
            i,
            if i == 1 {
                Relation::Spouse
            } else {
                Relation::Child
            },
            date(2012, 1, 1),
        ));
    }
    let incomes = fen
        .iter()
        .enumerate()
        .map(|(i, f)| {
            record(
                format!("m{}", i % n),
                IncomeCategory::Wage,
                IncomeSubtype::General,
                *f,
            )
        })
        .collect();
    let _ = Schooling::None;
    Case {
        id: "p".into(),
        region: "360100".into(),
        as_of: date(2026, 11, 15),
        residence: Residence::Urban,
        programs: vec![],
        members,
        incomes,
        assets: vec![],
        income_window: None,
        verification: Default::default(),
        history: Default::default(),
        obligors: vec![],
        expenditures: vec![],
        incident: None,
    }
}

fn dibao(e: &Engine, c: &Case) -> (Status, Option<Decimal>) {
    let o = e.evaluate(c).unwrap();
    let p = o.program(Program::Dibao).unwrap();
    (p.status, p.amount)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn amount_is_whole_fen_and_never_negative(n in 1usize..7, fen in proptest::collection::vec(0i64..3_000_000, 0..6)) {
        let e = engine();
        let (status, amount) = dibao(&e, &household(n, fen));
        if let Some(a) = amount {
            prop_assert!(a >= Decimal::ZERO);
            prop_assert_eq!(a.scale(), 2);
            prop_assert_eq!(a, a.trunc_with_scale(2));
            prop_assert_eq!(status, Status::Eligible);
        }
    }

    #[test]
    fn more_income_never_raises_the_amount(n in 1usize..7, fen in proptest::collection::vec(0i64..1_000_000, 1..5), extra in 1i64..500_000) {
        let e = engine();
        let base = household(n, fen.clone());
        let mut more = fen;
        more[0] += extra;
        let (_, a) = dibao(&e, &base);
        let (_, b) = dibao(&e, &household(n, more));
        prop_assert!(b.unwrap_or_default() <= a.unwrap_or_default());
    }

    #[test]
    fn member_order_and_repetition_do_not_change_the_outcome(n in 2usize..7, fen in proptest::collection::vec(0i64..1_000_000, 0..5), seed in 0usize..100) {
        let e = engine();
        let c = household(n, fen);
        let mut d = c.clone();
        d.members.rotate_left(seed % n);
        d.incomes.reverse();
        let a = e.evaluate(&c).unwrap();
        let b = e.evaluate(&d).unwrap();
        prop_assert_eq!(dibao(&e, &c), dibao(&e, &d));
        prop_assert_eq!(a.to_json(), e.evaluate(&c).unwrap().to_json());
        prop_assert_eq!(a.income.total_monthly, b.income.total_monthly);
    }

    #[test]
    fn exactly_at_the_standard_fails_and_one_fen_below_passes(n in 1usize..7) {
        let e = engine();
        // Six months of income equal to the standard × members per month.
        let at = 85_000 * 6 * i64::try_from(n).unwrap();
        let (s_at, _) = dibao(&e, &household(n, vec![at]));
        prop_assert_eq!(s_at, Status::Ineligible);
        // One fen less per month on the household total: 6 fen over the window.
        let (s_below, amount) = dibao(&e, &household(n, vec![at - 6]));
        prop_assert_eq!(s_below, Status::Eligible);
        prop_assert_eq!(amount, Some(Decimal::new(1, 2)));
    }

    #[test]
    fn batch_equals_map_of_single(ns in proptest::collection::vec(1usize..5, 1..6)) {
        let e = engine();
        let cases: Vec<Case> = ns.iter().map(|n| household(*n, vec![100_000 * i64::try_from(*n).unwrap()])).collect();
        let batch: Vec<String> = e.evaluate_batch(&cases).into_iter().map(|r| r.unwrap().to_json()).collect();
        let single: Vec<String> = cases.iter().map(|c| e.evaluate(c).unwrap().to_json()).collect();
        prop_assert_eq!(batch, single);
    }
}

#[test]
fn evaluation_is_deterministic_across_threads() {
    let e = engine();
    let c = household(4, vec![123_456, 789_012]);
    let want = e.evaluate(&c).unwrap().to_json();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (e, c) = (e.clone(), c.clone());
            std::thread::spawn(move || e.evaluate(&c).unwrap().to_json())
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), want);
    }
}

#[test]
fn id_numbers_never_appear_in_errors_or_outcomes() {
    let e = Engine::embedded().unwrap();
    let bad = r#"{"id":"c","region":"360100","as_of":"2026-11-01","residence":"urban",
        "income_window":{"start":"2026-05-01","end":"2026-10-31"},
        "members":[{"id":"m1","relation":"self","birth_date":"1949-12-31","id_number":"110105194912310021"}]}"#;
    let err = e.evaluate_json(bad).unwrap_err();
    let text = format!("{err} {err:?} {}", hedui_core::error_json(&err));
    assert!(!text.contains("110105194912310021"));
    assert!(text.contains("110105********0021"));
    let good = bad.replace("110105194912310021", "11010519491231002X");
    let o = e.evaluate_json(&good).unwrap();
    assert!(!o.to_json().contains("11010519491231002X"));
    let case = hedui_core::case::decode_case(&good).unwrap();
    assert!(!format!("{case:?}").contains("11010519491231002X"));
}

fn engine_with(extra: &[(&str, RawValue)]) -> Engine {
    let mut o = vec![
        Override {
            key: "dibao.standard.urban".into(),
            value: RawValue::Str(STANDARD.into()),
            from: None,
            to: None,
            label: "test".into(),
            region: None,
        },
        Override {
            key: "income.lookback_months".into(),
            value: RawValue::Int(6),
            from: None,
            to: None,
            label: "test".into(),
            region: None,
        },
    ];
    for (k, v) in extra {
        o.push(Override {
            key: (*k).into(),
            value: v.clone(),
            from: None,
            to: None,
            label: "test".into(),
            region: None,
        });
    }
    Engine::embedded().unwrap().with_overrides(&o).unwrap()
}

fn tier_rank(t: Option<&str>) -> u8 {
    match t {
        Some("self_care") => 0,
        Some("partial") => 1,
        Some("complete") => 2,
        _ => 9,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn tekun_care_tier_is_monotone_in_failed_items(items in proptest::collection::vec(any::<bool>(), 6), flip in 0usize..6) {
        let e = engine_with(&[]);
        let case = |v: &[bool]| -> Case {
            serde_json::from_value(serde_json::json!({
                "id": "t", "region": "360100", "as_of": "2026-11-15", "residence": "urban", "programs": ["tekun"],
                "members": [{"id": "m1", "relation": "self", "birth_date": "1950-01-01", "self_care": {
                    "eating": v[0], "dressing": v[1], "transferring": v[2], "toileting": v[3], "walking_indoors": v[4], "bathing": v[5]}}]
            })).unwrap()
        };
        let tier = |v: &[bool]| {
            let o = e.evaluate(&case(v)).unwrap();
            let p = o.program(Program::Tekun).unwrap();
            tier_rank(p.members[0].care_tier)
        };
        let before = tier(&items);
        let mut worse = items.clone();
        worse[flip] = false;
        prop_assert!(tier(&worse) >= before);
        let failed = items.iter().filter(|b| !**b).count();
        let want = match failed { 0 => 0, 1..=3 => 1, _ => 2 };
        prop_assert_eq!(before, want);
    }

    #[test]
    fn temporary_relief_never_exceeds_the_cap(months in 1i64..12, cap in 1i64..12, n in 1usize..6) {
        let e = engine_with(&[
            ("temporary_relief.emergency_months", RawValue::Str(months.to_string())),
            ("temporary_relief.cap_months", RawValue::Str(cap.to_string())),
            ("temporary_relief.per_person", RawValue::Bool(true)),
        ]);
        let mut c = household(n, vec![]);
        c.programs = vec![Program::TemporaryRelief];
        c.incident = Some(serde_json::from_value(serde_json::json!({"kind": "fire", "date": "2026-11-01"})).unwrap());
        let o = e.evaluate(&c).unwrap();
        let p = o.program(Program::TemporaryRelief).unwrap();
        let limit = Decimal::from(cap) * Decimal::new(85_000, 2) * Decimal::from(n);
        prop_assert_eq!(p.status, Status::Eligible);
        prop_assert!(p.amount.unwrap() <= limit);
    }

    #[test]
    fn single_person_amount_never_exceeds_one_person_dibao(fen in 0i64..600_000) {
        // The formula is a local choice; the region here pays the one-person gap.
        let e = engine_with(&[("single_person.amount_rule", RawValue::Str("gap".into()))]);
        let own: Case = serde_json::from_value(serde_json::json!({
            "id": "s", "region": "360100", "as_of": "2026-11-15", "residence": "urban",
            "programs": ["single_person", "dibao"], "history": {"enrolled_near_dibao": true},
            "members": [
                {"id": "m1", "relation": "self", "birth_date": "1970-01-01"},
                {"id": "m2", "relation": "child", "birth_date": "2000-01-01", "applies_for": ["single_person"],
                 "disability": {"category": "physical", "grade": 1, "certificate": true}}],
            "incomes": [
                {"member": "m1", "category": "wage", "amount": "7200.00", "period": {"start": "2026-05-01", "end": "2026-10-31"}, "source": "verified"},
                {"member": "m2", "category": "wage", "amount": Decimal::new(fen, 2).to_string(), "period": {"start": "2026-05-01", "end": "2026-10-31"}, "source": "verified"}]
        })).unwrap();
        let o = e.evaluate(&own).unwrap();
        let sp = o.program(Program::SinglePerson).unwrap();
        // It pays when the family is near-dibao (per capita at least the standard, below 1.5
        // times it) and the member's own income is below the standard.
        let own_monthly = Decimal::new(fen, 2) / Decimal::from(6);
        let per_capita = (Decimal::new(120_000, 2) + own_monthly) / Decimal::from(2);
        let standard = Decimal::new(85_000, 2);
        let qualifies = per_capita >= standard
            && per_capita < standard * Decimal::new(15, 1)
            && own_monthly < standard;
        prop_assert_eq!(sp.amount.is_some(), qualifies);
        if let Some(a) = sp.amount {
            // The same person alone: standard − own monthly income.
            let alone = Decimal::new(85_000, 2) - Decimal::new(fen, 2) / Decimal::from(6);
            prop_assert!(a <= alone.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero));
            prop_assert!(a >= Decimal::ZERO);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// SAIM 第12条: the 补差 is at most the whole standard for each counted member, however
    /// far support paid out takes net income below zero.
    #[test]
    fn dibao_gap_never_exceeds_the_standard_per_member(
        n in 1usize..6,
        wages in proptest::collection::vec(0i64..600_000, 0..4),
        paid in 0i64..3_000_000,
    ) {
        let e = engine();
        let mut c = household(n, wages);
        c.incomes.push(record(
            "m0".into(),
            IncomeCategory::TransferExpenditure,
            IncomeSubtype::SupportPaid,
            paid,
        ));
        let (status, amount) = dibao(&e, &c);
        let ceiling = Decimal::new(85_000, 2) * Decimal::from(n);
        if let Some(a) = amount {
            prop_assert!(a <= ceiling, "{} > {}", a, ceiling);
        }
        // With support paid at least the wages, income is at most zero and the gap is the ceiling.
        let o = e.evaluate(&c).unwrap();
        if o.income.total_monthly.is_some_and(|t| t <= Decimal::ZERO) {
            prop_assert_eq!(status, Status::Eligible);
            prop_assert_eq!(amount, Some(ceiling));
        }
    }
}
