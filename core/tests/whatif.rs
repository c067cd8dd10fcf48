//! What-if: reforms scoped to a region and period, how outcomes cite them, how they are
//! validated, and that raising the standard never takes anything away (a property test).
#![expect(clippy::unwrap_used, reason = "test code")]

use hedui_core::{Case, Engine, ErrorKind, Program, Reform, Status};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn base() -> Engine {
    Engine::embedded().unwrap()
}

fn reform(toml: &str) -> Engine {
    base()
        .with_reform(&Reform::from_toml("reform.toml", toml).unwrap())
        .unwrap()
}

fn standard(e: &Engine, region: &str, on: &str) -> (String, String, String) {
    let p = e
        .effective_parameters(region, on.parse().unwrap())
        .unwrap()
        .into_iter()
        .find(|p| p.key == "dibao.standard.urban")
        .unwrap();
    (
        p.value.to_string(),
        p.citation.evidence.clone(),
        p.region.clone(),
    )
}

const TWO_LEVELS: &str = r#"
label = "两级提标"
[[override]]
region = "360000"
key = "dibao.standard.urban"
value = "900.00"
from = "2027-01-01"
[[override]]
region = "360100"
key = "dibao.standard.urban"
value = "850.00"
from = "2027-01-01"
"#;

#[test]
fn a_scoped_override_applies_to_its_region_and_below_and_the_most_specific_wins() {
    let e = reform(TWO_LEVELS);
    let base_nanchang = standard(&base(), "360100", "2027-03-01").0;
    // Nanchang and its districts (with or without a file of their own): the city's 850.
    for code in ["360100", "360102", "360103"] {
        assert_eq!(
            standard(&e, code, "2027-03-01"),
            ("850.00".into(), "proposal".into(), "360100".into()),
            "{code}"
        );
    }
    // Elsewhere in Jiangxi (a city with no file): the province's 900.
    assert_eq!(standard(&e, "360200", "2027-03-01").0, "900.00");
    // Another province: untouched.
    assert_eq!(
        standard(&e, "420100", "2027-03-01"),
        standard(&base(), "420100", "2027-03-01")
    );
    // Before `from`: the policy in force.
    assert_eq!(
        standard(&e, "360100", "2026-12-31").0,
        standard(&base(), "360100", "2026-12-31").0
    );
    assert_ne!(base_nanchang, "850.00");
}

fn single_person_case(region: &str, as_of: &str) -> Case {
    serde_json::from_value(json!({
        "id": "whatif", "region": region, "as_of": as_of, "residence": "urban",
        "income_window": {"start": "2026-07-01", "end": "2026-12-31"},
        "members": [{"id": "m1", "relation": "self", "birth_date": "1970-02-03"}],
        "incomes": [{"member": "m1", "category": "wage", "amount": "1800.00",
                     "period": {"start": "2026-07-01", "end": "2026-12-31"}, "source": "verified"}]
    }))
    .unwrap()
}

#[test]
fn outcomes_cite_the_proposal_and_are_marked_unverified() {
    let e = reform(TWO_LEVELS);
    let o = e
        .evaluate(&single_person_case("360102", "2027-01-15"))
        .unwrap();
    let d = o.program(Program::Dibao).unwrap();
    // 850.00 × 1 − 1800.00 ÷ 6 = 850.00 − 300.00 = 550.00.
    assert_eq!(d.status, Status::Eligible);
    assert_eq!(d.amount, Some(Decimal::new(55_000, 2)));
    let p = o
        .parameters
        .iter()
        .find(|p| p.key == "dibao.standard.urban")
        .unwrap();
    assert_eq!(p.citation.evidence, "proposal");
    assert_eq!(p.citation.title, "两级提标");
    assert!(!p.citation.verified);
    assert!(p.citation.note.as_deref().unwrap().contains("360100"));
    assert!(o.illustrative);
    assert!(
        o.warnings.iter().any(|w| w.contains("两级提标")),
        "{:?}",
        o.warnings
    );
    // Outside the proposal's scope nothing is cited as a proposal and no warning is given.
    let o = e
        .evaluate(&single_person_case("420100", "2027-01-15"))
        .unwrap();
    assert!(
        o.parameters
            .iter()
            .all(|p| p.citation.evidence != "proposal")
    );
    assert!(o.warnings.iter().all(|w| !w.contains("两级提标")));
}

#[test]
fn the_reform_replaces_the_engines_own_overrides() {
    let r = Reform::from_toml("r.toml", TWO_LEVELS).unwrap();
    let twice = reform(TWO_LEVELS).with_reform(&r).unwrap();
    assert_eq!(standard(&twice, "360100", "2027-03-01").0, "850.00");
}

fn problems(toml: &str) -> Vec<(u32, String)> {
    let e = match Reform::from_toml("r.toml", toml) {
        Ok(r) => base().with_reform(&r).unwrap_err(),
        Err(e) => e,
    };
    e.problems()
        .iter()
        .map(|p| (p.code(), p.path.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn reform_validation_reports_every_problem_with_its_path() {
    let invalid = ErrorKind::PolicyInvalid.code();
    let got = problems(
        r#"
[[override]]
key = "dibao.standard.suburban"
value = "850.00"
[[override]]
key = "dibao.standard.urban"
value = 850.5
[[override]]
region = "990100"
key = "dibao.standard.urban"
value = "850.00"
[[override]]
region = "36"
key = "dibao.standard.urban"
value = "850.00"
[[override]]
key = "income.lookback_months"
value = 6
from = "2027-01-01"
to = "2026-01-01"
[[override]]
key = "dibao.standard.rural"
value = "-1.00"
"#,
    );
    assert_eq!(
        got,
        [
            (invalid, "override[0].key".to_owned()),
            (invalid, "override[1].value".to_owned()),
            (invalid, "override[2].region".to_owned()),
            (invalid, "override[3].region".to_owned()),
            (invalid, "override[4].to".to_owned()),
            (invalid, "override[5].value".to_owned()),
        ]
    );
    let got = problems(
        r#"
[[override]]
region = "360100"
key = "dibao.standard.urban"
value = "850.00"
from = "2027-01-01"
[[override]]
region = "360100"
key = "dibao.standard.urban"
value = "870.00"
from = "2027-06-01"
"#,
    );
    assert_eq!(
        got,
        [(
            ErrorKind::PolicyOverlap.code(),
            "override[1].from".to_owned()
        )]
    );
    let got = problems(
        "[[override]]\nkey = \"dibao.standard.urban\"\nvalue = \"850.00\"\nfrom = \"2027-13-01\"\n",
    );
    assert_eq!(got, [(invalid, "override[0].from".to_owned())]);
}

#[test]
fn building_a_reform_engine_shares_the_policies() {
    let b = base();
    let r = Reform::from_toml("r.toml", TWO_LEVELS).unwrap();
    let e = b.with_reform(&r).unwrap();
    assert!(std::ptr::eq(b.policies(), e.policies()));
}

// ---- Raising the standard never takes anything away --------------------------------------

/// A household in Nanchang: wages (fen per month) and deposits (fen) per member; members
/// aged 60 or more may apply for tekun.
fn case_json(members: &[(u8, i64, i64, bool)]) -> Value {
    let mut ms = vec![];
    let mut incomes = vec![];
    let mut assets = vec![];
    for (i, (age, wage, deposit, tekun)) in members.iter().enumerate() {
        let id = format!("m{i}");
        let relation = if i == 0 { "self" } else { "child" };
        ms.push(json!({
            "id": id, "relation": relation, "birth_date": format!("{}-03-01", 2026 - i32::from(*age)),
            "lives_together": true, "employment": "employed",
            "applies_for": if *tekun { vec!["tekun"] } else { vec![] },
            "self_care": {"eating": true, "dressing": true, "transferring": true, "toileting": true, "walking_indoors": true, "bathing": true},
        }));
        let period = json!({"start": "2026-05-01", "end": "2026-10-31"});
        if *wage > 0 {
            incomes.push(json!({"member": id, "category": "wage", "amount": Decimal::new(wage * 6, 2).to_string(), "period": period, "source": "verified"}));
        }
        if *deposit > 0 {
            assets.push(json!({"member": id, "kind": "deposit", "value": Decimal::new(*deposit, 2).to_string(), "source": "verified"}));
        }
    }
    json!({
        "id": "monotone", "region": "360102", "as_of": "2026-11-15", "residence": "urban",
        "programs": ["dibao", "near_dibao", "tekun"],
        "members": ms, "incomes": incomes, "assets": assets
    })
}

fn with_standard(fen: i64, tekun_excludes: bool) -> Engine {
    let json = json!({"label": "sweep", "override": [
        {"region": "360100", "key": "dibao.standard.urban", "value": Decimal::new(fen, 2).to_string()},
        {"key": "tekun.basic_standard.urban", "value": "1100.00"},
        {"key": "tekun.care.self_care_amount", "value": "100.00"},
        {"key": "tekun.excludes_from_dibao", "value": tekun_excludes},
    ]});
    base()
        .with_reform(&Reform::from_json(&json.to_string(), None).unwrap())
        .unwrap()
}

fn member() -> impl Strategy<Value = (u8, i64, i64, bool)> {
    (
        prop_oneof![Just(8u8), 20u8..=59, 60u8..=80],
        prop_oneof![Just(0i64), 0i64..250_000],
        prop_oneof![3 => Just(0i64), 1 => 0i64..6_000_000],
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Raising `dibao.standard.urban` from `s` to `s + raise`:
    /// - dibao: an eligible household stays eligible and its amount does not fall, when tekun
    ///   people stay in the dibao household (`tekun.excludes_from_dibao = false`). When they
    ///   leave it, a member who becomes tekun under the higher standard takes their share
    ///   out of the dibao amount, so the property is stated per person instead:
    /// - tekun: an eligible member stays eligible (their income test is against the standard);
    /// - dibao or near-dibao: a household eligible for either stays eligible for either (a
    ///   near-dibao family may become dibao, so near-dibao alone is not monotone).
    #[test]
    fn raising_the_standard_never_takes_anything_away(
        members in proptest::collection::vec(member(), 1..5),
        s in 60_000i64..100_000,
        raise in 1i64..20_000,
        excludes in any::<bool>(),
    ) {
        thread_local! { static CACHE: std::cell::RefCell<Vec<(i64, bool, Engine)>> = const { std::cell::RefCell::new(Vec::new()) }; }
        let engine = |fen: i64| CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if let Some((_, _, e)) = c.iter().find(|(f, x, _)| *f == fen && *x == excludes) {
                return e.clone();
            }
            let e = with_standard(fen, excludes);
            if c.len() > 64 { c.clear(); }
            c.push((fen, excludes, e.clone()));
            e
        });
        let case: Case = serde_json::from_value(case_json(&members)).unwrap();
        let before = engine(s).evaluate(&case).unwrap();
        let after = engine(s + raise).evaluate(&case).unwrap();
        let get = |o: &hedui_core::Outcome, p| o.program(p).unwrap().clone();
        let (d0, d1) = (get(&before, Program::Dibao), get(&after, Program::Dibao));
        let (n0, n1) = (get(&before, Program::NearDibao), get(&after, Program::NearDibao));
        if !excludes && d0.status == Status::Eligible {
            prop_assert_eq!(d1.status, Status::Eligible);
            prop_assert!(d1.amount >= d0.amount, "{:?} → {:?}", d0.amount, d1.amount);
        }
        let either = |d: &hedui_core::outcome::ProgramOutcome, n: &hedui_core::outcome::ProgramOutcome| {
            d.status == Status::Eligible || n.status == Status::Eligible
        };
        if either(&d0, &n0) {
            prop_assert!(either(&d1, &n1), "dibao {:?}→{:?}, near {:?}→{:?}", d0.status, d1.status, n0.status, n1.status);
        }
        let (t0, t1) = (get(&before, Program::Tekun), get(&after, Program::Tekun));
        for m in t0.members.iter().filter(|m| m.status == Status::Eligible) {
            let m1 = t1.members.iter().find(|x| x.member == m.member).unwrap();
            prop_assert_eq!(m1.status, Status::Eligible, "tekun member {}", &m.member);
        }
    }
}
