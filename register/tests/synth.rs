//! The synthetic register: determinism, independence of households, round trips through the
//! tables and JSON, distributions, and the Plain profile's decided statuses.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use std::collections::BTreeMap;

use hedui_core::case::{Case, IncomeCategory, Obligor, ObligorRelation, Program, Residence};
use hedui_core::{Engine, ErrorKind, Status};
use hedui_register::Register;
use hedui_register::synth::{Profile, SynthConfig, household, households};
use hedui_register::tables::{IdType, schemas, to_tables};
use jiff::civil::{Date, date};
use rust_decimal::Decimal;

const NANCHANG: &str = "360100";
const AS_OF: Date = date(2026, 11, 1);

fn engine() -> Engine {
    Engine::embedded().unwrap()
}

fn cfg(profile: Profile, seed: u64) -> SynthConfig {
    SynthConfig::new(&engine(), NANCHANG, AS_OF, seed, profile).unwrap()
}

fn json(c: &Case) -> String {
    serde_json::to_string(c).unwrap()
}

#[test]
fn same_seed_same_cases_other_seed_other_cases() {
    for profile in [Profile::Register, Profile::Plain] {
        let a = households(&cfg(profile, 7), 0..500);
        let b = households(&cfg(profile, 7), 0..500);
        assert_eq!(a, b);
        let c = households(&cfg(profile, 8), 0..500);
        let same = a.iter().zip(&c).filter(|(x, y)| x == y).count();
        assert!(same < 25, "{same} of 500 households equal across seeds");
        // Ids are the indices.
        assert!(a.iter().enumerate().all(|(i, h)| h.id == i.to_string()));
    }
}

#[test]
fn a_household_does_not_depend_on_its_neighbours() {
    for profile in [Profile::Register, Profile::Plain] {
        let c = cfg(profile, 42);
        let range = households(&c, 0..10);
        assert_eq!(household(&c, 5), range[5]);
        let chunk = households(&c, 1_000_000..1_000_100);
        for (k, h) in chunk.iter().enumerate() {
            assert_eq!(*h, household(&c, 1_000_000 + k as u64));
        }
        // Far indices are fine too.
        assert_eq!(household(&c, u64::MAX).id, u64::MAX.to_string());
    }
}

fn round_trip(cases: &[Case]) {
    let t = to_tables(cases).unwrap();
    assert_eq!(t.households.num_rows(), cases.len());
    let reg = Register::new(
        &t.households,
        &t.members,
        Some(&t.incomes),
        Some(&t.assets),
        Vec::new(),
    )
    .unwrap();
    assert_eq!(reg.len(), cases.len());
    for (h, c) in cases.iter().enumerate() {
        let back = reg.case(h).unwrap();
        assert!(
            back == *c,
            "household {h} differs after the tables:
{}
{}",
            json(c),
            json(&back)
        );
    }
}

#[test]
fn register_profile_round_trips_through_the_tables() {
    let cases = households(&cfg(Profile::Register, 1), 0..5_000);
    round_trip(&cases);
    let t = to_tables(&cases).unwrap();
    let s = schemas(IdType::Int64);
    assert_eq!(t.households.schema(), s.households);
    assert_eq!(t.members.schema(), s.members);
    assert_eq!(t.incomes.schema(), s.incomes);
    assert_eq!(t.assets.schema(), s.assets);
}

#[test]
fn plain_profile_round_trips_through_the_tables() {
    round_trip(&households(&cfg(Profile::Plain, 1), 0..5_000));
}

#[test]
fn text_ids_round_trip_as_utf8() {
    let mut cases = households(&cfg(Profile::Register, 3), 0..20);
    for (i, c) in cases.iter_mut().enumerate() {
        c.id = format!("hh-{i:03}");
    }
    cases[3].id = "007".to_owned(); // not canonical: must stay text
    let t = to_tables(&cases).unwrap();
    assert_eq!(
        t.households.schema().field(0).data_type(),
        &arrow_schema::DataType::Utf8
    );
    round_trip(&cases);
}

#[test]
fn empty_input_gives_empty_tables_with_the_schemas() {
    let t = to_tables(&[]).unwrap();
    assert_eq!(t.households.num_rows(), 0);
    assert_eq!(t.members.schema(), schemas(IdType::Int64).members);
    assert!(Register::new(&t.households, &t.members, None, None, Vec::new()).is_ok());
}

#[test]
fn cases_round_trip_through_json() {
    for profile in [Profile::Register, Profile::Plain] {
        for c in households(&cfg(profile, 2), 0..5_000) {
            let back = hedui_core::case::decode_case(&json(&c)).unwrap();
            assert_eq!(back, c);
        }
    }
}

fn status(o: &hedui_core::Outcome, p: Program) -> Status {
    o.program(p).unwrap().status
}

/// The embedded engine with every classified-support uplift pinned at zero, so the
/// distribution below measures the generator, not which uplifts a region has yet to set.
fn engine_without_uplift() -> Engine {
    let o: Vec<hedui_core::Override> = [
        "dibao.uplift.elderly_ratio",
        "dibao.uplift.minor_ratio",
        "dibao.uplift.severe_disability_ratio",
        "dibao.uplift.serious_illness_ratio",
    ]
    .into_iter()
    .map(|k| hedui_core::Override {
        key: k.into(),
        value: hedui_core::RawValue::Str("0".into()),
        from: None,
        to: None,
        label: "test".into(),
        region: None,
    })
    .collect();
    engine().with_overrides(&o).unwrap()
}

#[test]
fn register_profile_distribution() {
    let e = engine_without_uplift();
    let cases = households(&cfg(Profile::Register, 11), 0..20_000);
    let mut sizes = BTreeMap::new();
    let mut dibao = BTreeMap::new();
    let mut near = BTreeMap::new();
    let mut differs = 0usize;
    let mut residences = BTreeMap::new();
    for c in &cases {
        *sizes.entry(c.members.len()).or_insert(0usize) += 1;
        *residences
            .entry(format!("{:?}", c.residence))
            .or_insert(0usize) += 1;
        let o = e
            .evaluate(c)
            .unwrap_or_else(|err| panic!("{}: {err}", json(c)));
        *dibao
            .entry(status(&o, Program::Dibao).as_str())
            .or_insert(0usize) += 1;
        *near
            .entry(status(&o, Program::NearDibao).as_str())
            .or_insert(0usize) += 1;
        if o.verification
            .discrepancies
            .iter()
            .any(|d| d.kind == hedui_core::outcome::DiscrepancyKind::Differs)
        {
            differs += 1;
        }
    }
    let n = cases.len();
    let share = |k: usize| k * 1000 / n; // per mille
    eprintln!("sizes {sizes:?}\ndibao {dibao:?}\nnear {near:?}\ndiffers {differs}\n{residences:?}");
    for size in 1..=6 {
        assert!(
            sizes.get(&size).copied().unwrap_or(0) > 0,
            "no household of size {size}"
        );
    }
    assert!(share(dibao.get("eligible").copied().unwrap_or(0)) >= 50);
    assert!(share(dibao.get("ineligible").copied().unwrap_or(0)) >= 50);
    assert!(share(near.get("eligible").copied().unwrap_or(0)) >= 50);
    assert!(
        (10..=100).contains(&share(differs)),
        "{differs} declared-vs-verified differences"
    );
    assert_eq!(residences.len(), 2);
}

#[test]
fn plain_households_are_all_decided_by_the_simple_rule() {
    let e = engine();
    let c = cfg(Profile::Plain, 5);
    let cases = households(&c, 0..20_000);
    let mut seen = BTreeMap::new();
    let multiplier = Decimal::new(15, 1); // national near_dibao.multiplier
    for case in &cases {
        let o = e.evaluate(case).unwrap();
        let (d, nd) = (status(&o, Program::Dibao), status(&o, Program::NearDibao));
        assert!(
            d != Status::NeedsReview && nd != Status::NeedsReview,
            "undecided Plain household: {}",
            json(case)
        );
        *seen.entry((d.as_str(), nd.as_str())).or_insert(0usize) += 1;

        // The rule the module documents, from the facts alone.
        let months = Decimal::from(6);
        let total: Decimal = case
            .incomes
            .iter()
            .map(|r| {
                assert!(matches!(
                    r.category,
                    IncomeCategory::Wage | IncomeCategory::Transfer
                ));
                r.amount / months
            })
            .sum();
        let n = Decimal::from(case.members.len());
        let std = c.standard(case.residence).unwrap();
        assert!(
            case.assets
                .iter()
                .all(|a| a.kind == hedui_core::case::AssetKind::Housing)
        );
        let want = if total < std * n {
            Status::Eligible
        } else {
            Status::Ineligible
        };
        assert_eq!(d, want, "{}", json(case));
        if d == Status::Eligible {
            assert_eq!(
                o.program(Program::Dibao).unwrap().amount,
                Some(std * n - total)
            );
        }
        let want_near = if d == Status::Ineligible && total < std * multiplier * n {
            Status::Eligible
        } else {
            Status::Ineligible
        };
        assert_eq!(nd, want_near, "{}", json(case));
    }
    eprintln!("plain (dibao, near_dibao): {seen:?}");
    let count = |d: Status, nd: Status| seen.get(&(d.as_str(), nd.as_str())).copied().unwrap_or(0);
    assert!(count(Status::Eligible, Status::Ineligible) >= 1_000);
    assert!(count(Status::Ineligible, Status::Eligible) >= 1_000);
    assert!(count(Status::Ineligible, Status::Ineligible) >= 1_000);
    // Near the threshold: per-capita income within ±20% of the standard.
    let near = cases
        .iter()
        .filter(|case| {
            let total: Decimal = case
                .incomes
                .iter()
                .map(|r| r.amount / Decimal::from(6))
                .sum();
            let pc = total / Decimal::from(case.members.len());
            let std = c.standard(case.residence).unwrap();
            pc >= std * Decimal::new(8, 1) && pc <= std * Decimal::new(12, 1)
        })
        .count();
    assert!((4_000..=6_000).contains(&near), "{near} near the threshold");
}

#[test]
fn config_reads_the_standard_and_refuses_regions_without_one() {
    let c = cfg(Profile::Register, 0);
    assert_eq!(c.standard(Residence::Urban), Some(Decimal::new(795, 0)));
    assert_eq!(c.standard(Residence::Rural), Some(Decimal::new(795, 0)));
    assert_eq!(c.income_window().start, date(2026, 5, 1));
    assert_eq!(c.income_window().end, date(2026, 10, 31));
    // The province leaves the standard to its cities.
    let err = SynthConfig::new(&engine(), "360000", AS_OF, 0, Profile::Plain).unwrap_err();
    assert_eq!(err.path(), Some("dibao.standard"));
    let err = SynthConfig::new(&engine(), "990000", AS_OF, 0, Profile::Plain).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownRegion);
}

#[test]
fn to_tables_names_facts_it_cannot_carry() {
    let base = household(&cfg(Profile::Register, 9), 0);
    let with = |f: &dyn Fn(&mut Case)| {
        let mut c = base.clone();
        f(&mut c);
        to_tables(&[base.clone(), c]).unwrap_err()
    };
    let e = with(&|c| {
        c.obligors.push(Obligor {
            id: "o1".into(),
            for_member: "m1".into(),
            relation: ObligorRelation::Child,
            birth_date: date(1990, 1, 1),
            tekun: false,
            dibao: false,
            disability: None,
            annual_income: None,
            assets_within_low_income_rule: None,
            no_civil_capacity: false,
            declared_missing: false,
            in_prison: false,
            nearer_obligors_unable: None,
            deceased: false,
            raised_by_member: None,
            local_categories: Vec::new(),
        });
    });
    assert_eq!(e.path(), Some("cases[1].obligors"));
    assert!(e.primary().message.contains("case `0`"), "{e}");
    let e = with(&|c| c.members[0].applies_for.push(Program::Tekun));
    assert_eq!(e.path(), Some("cases[1].members[0].applies_for"));
    let e = with(&|c| c.programs.push(Program::Tekun));
    assert_eq!(e.path(), Some("cases[1].programs"));
    let e = with(&|c| c.history.enrolled_near_dibao = true);
    assert_eq!(e.path(), Some("cases[1].history.enrolled_near_dibao"));
    let e = with(&|c| {
        let mut r = c.incomes[0].clone();
        r.payer = Some(hedui_core::case::Payer::Sibling);
        c.incomes.push(r);
    });
    let payer = format!("cases[1].incomes[{}].payer", base.incomes.len());
    assert_eq!(e.path(), Some(payer.as_str()));
    // Money is never rounded.
    let e = with(&|c| c.incomes[0].amount = Decimal::new(12_345, 3));
    assert_eq!(e.kind(), ErrorKind::InvalidAmount);
    assert_eq!(e.path(), Some("cases[1].incomes[0].amount"));
}

#[test]
#[ignore = "timing; run with --release -- --ignored --nocapture"]
fn a_million_households() {
    for profile in [Profile::Register, Profile::Plain] {
        let c = cfg(profile, 1);
        let t = std::time::Instant::now();
        let mut members = 0usize;
        for start in (0..1_000_000u64).step_by(100_000) {
            let chunk = households(&c, start..start + 100_000);
            members += chunk.iter().map(|h| h.members.len()).sum::<usize>();
        }
        eprintln!(
            "{profile:?}: 1,000,000 households ({members} members) in {:?}",
            t.elapsed()
        );
        let chunk = households(&c, 0..100_000);
        let t = std::time::Instant::now();
        let tables = to_tables(&chunk).unwrap();
        eprintln!(
            "{profile:?}: to_tables for 100,000 households ({} income rows) in {:?}",
            tables.incomes.num_rows(),
            t.elapsed()
        );
    }
}
