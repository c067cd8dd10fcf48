//! Semantic validation of a decoded case: every problem, with its field path.

use rustc_hash::FxHashSet as HashSet;

use rust_decimal::Decimal;

use super::id_number::{self, IdProblem};
use super::model::{Case, DisabilityCategory, Period, Relation};
use crate::calendar;
use crate::error::{ErrorKind, Problem};
use crate::money::MAX_AMOUNT;

/// Checks everything that does not need the policy; returns all problems found.
pub fn validate(case: &Case) -> Vec<Problem> {
    let mut out = Vec::new();
    let p = &mut out;

    if case.region.len() != 6 || !case.region.bytes().all(|b| b.is_ascii_digit()) {
        p.push(Problem::at(
            ErrorKind::UnknownRegion,
            "region",
            "a region is a six-digit GB/T 2260 code",
        ));
    }
    if case.id.len() > 200 {
        p.push(Problem::at(
            ErrorKind::InvalidValue,
            "id",
            "case id longer than 200 characters",
        ));
    }

    let applicants = case
        .members
        .iter()
        .filter(|m| m.relation == Relation::Applicant)
        .count();
    if case.members.is_empty() {
        p.push(Problem::at(
            ErrorKind::ApplicantInvalid,
            "members",
            "the household has no members",
        ));
    } else if applicants != 1 {
        p.push(Problem::at(
            ErrorKind::ApplicantInvalid,
            "members",
            format!("exactly one member must have relation `self`, found {applicants}"),
        ));
    }

    let mut ids = HashSet::default();
    for (i, m) in case.members.iter().enumerate() {
        let at = |f: &str| format!("members[{i}].{f}");
        if m.id.is_empty() {
            p.push(Problem::at(
                ErrorKind::InvalidValue,
                at("id"),
                "member id is empty",
            ));
        } else if !ids.insert(m.id.as_str()) {
            p.push(Problem::at(
                ErrorKind::DuplicateId,
                at("id"),
                format!("member id `{}` is used twice", super::decode::scrub(&m.id)),
            ));
        }
        if m.birth_date > case.as_of {
            p.push(Problem::at(
                ErrorKind::InvalidValue,
                at("birth_date"),
                "birth date is after the assessment date",
            ));
        } else if calendar::age_on(m.birth_date, case.as_of, calendar::AgeRule::Birthday) > 130 {
            p.push(Problem::at(
                ErrorKind::InvalidValue,
                at("birth_date"),
                "age over 130 years",
            ));
        }
        if let Some(d) = &m.disability {
            if !(1..=4).contains(&d.grade) {
                p.push(Problem::at(
                    ErrorKind::InvalidValue,
                    at("disability.grade"),
                    format!("disability grade must be 1 to 4, found {}", d.grade),
                ));
            }
            for (j, c) in d.components.iter().enumerate() {
                if !(1..=4).contains(&c.grade) {
                    p.push(Problem::at(
                        ErrorKind::InvalidValue,
                        at(&format!("disability.components[{j}].grade")),
                        format!("disability grade must be 1 to 4, found {}", c.grade),
                    ));
                }
                if c.category == DisabilityCategory::Multiple {
                    p.push(Problem::at(
                        ErrorKind::InvalidValue,
                        at(&format!("disability.components[{j}].category")),
                        "a component of a multiple disability is a single category",
                    ));
                }
            }
            if !d.components.is_empty() && d.category != DisabilityCategory::Multiple {
                p.push(Problem::at(
                    ErrorKind::InvalidValue,
                    at("disability.components"),
                    "components are given only for a multiple disability",
                ));
            }
        }
        if let Some(left) = m.left_family_on
            && left > case.as_of
        {
            p.push(Problem::at(
                ErrorKind::InvalidValue,
                at("left_family_on"),
                "date is after the assessment date",
            ));
        }
        if let Some(idn) = &m.id_number {
            match id_number::check(idn.expose()) {
                Ok(birth) if birth != m.birth_date => p.push(Problem::at(
                    ErrorKind::IdNumberMismatch,
                    at("id_number"),
                    format!(
                        "identity number `{}` encodes a birth date different from birth_date",
                        idn.masked()
                    ),
                )),
                Ok(_) => {}
                Err(e) => {
                    let why = match e {
                        IdProblem::Format => "is not 17 digits followed by a digit or X",
                        IdProblem::CheckDigit => "has a wrong check digit (GB 11643)",
                        IdProblem::BirthDigits => "encodes an impossible birth date",
                    };
                    p.push(Problem::at(
                        ErrorKind::IdNumberInvalid,
                        at("id_number"),
                        format!("identity number `{}` {why}", idn.masked()),
                    ));
                }
            }
        }
    }

    let known = |id: &str| case.members.iter().any(|m| m.id == id);
    for (i, r) in case.incomes.iter().enumerate() {
        let at = |f: &str| format!("incomes[{i}].{f}");
        if !known(&r.member) {
            p.push(unknown_member(at("member"), &r.member));
        }
        check_amount(p, || at("amount"), r.amount);
        check_period(p, || at("period"), r.period);
    }
    for (i, a) in case.assets.iter().enumerate() {
        let at = |f: &str| format!("assets[{i}].{f}");
        if !known(&a.member) {
            p.push(unknown_member(at("member"), &a.member));
        }
        check_amount(p, || at("value"), a.value);
        if let Some(area) = a.area_m2 {
            check_amount(p, || at("area_m2"), area);
        }
    }
    let mut obligor_ids = HashSet::default();
    for (i, o) in case.obligors.iter().enumerate() {
        let at = |f: &str| format!("obligors[{i}].{f}");
        if !obligor_ids.insert(o.id.as_str()) {
            p.push(Problem::at(
                ErrorKind::DuplicateId,
                at("id"),
                format!("obligor id `{}` is used twice", super::decode::scrub(&o.id)),
            ));
        }
        if !known(&o.for_member) {
            p.push(unknown_member(at("for_member"), &o.for_member));
        }
        if o.birth_date > case.as_of {
            p.push(Problem::at(
                ErrorKind::InvalidValue,
                at("birth_date"),
                "birth date is after the assessment date",
            ));
        }
        if let Some(d) = &o.disability
            && !(1..=4).contains(&d.grade)
        {
            p.push(Problem::at(
                ErrorKind::InvalidValue,
                at("disability.grade"),
                format!("disability grade must be 1 to 4, found {}", d.grade),
            ));
        }
        if let Some(x) = o.annual_income {
            check_amount(p, || at("annual_income"), x);
        }
    }
    for (i, e) in case.expenditures.iter().enumerate() {
        let at = |f: &str| format!("expenditures[{i}].{f}");
        if !known(&e.member) {
            p.push(unknown_member(at("member"), &e.member));
        }
        check_amount(p, || at("amount"), e.amount);
        check_amount(p, || at("reimbursed"), e.reimbursed);
        if let Some(x) = e.public_fee_standard {
            check_amount(p, || at("public_fee_standard"), x);
        }
    }
    for (i, r) in case.history.prior_relief.iter().enumerate() {
        check_amount(p, || format!("history.prior_relief[{i}].amount"), r.amount);
    }
    if let Some(x) = case.incident.as_ref().and_then(|i| i.loss) {
        check_amount(p, || "incident.loss".to_owned(), x);
    }
    if let Some(w) = &case.income_window {
        check_period(p, || "income_window".to_owned(), *w);
    }
    if let Some(x) = case.history.current_dibao_amount {
        check_amount(p, || "history.current_dibao_amount".to_owned(), x);
    }
    if let Some(d) = case.history.employment_started_on
        && d > case.as_of
    {
        p.push(Problem::at(
            ErrorKind::InvalidValue,
            "history.employment_started_on",
            "date is after the assessment date",
        ));
    }
    for (i, o) in case.history.job_offers.iter().enumerate() {
        if !known(&o.member) {
            p.push(unknown_member(
                format!("history.job_offers[{i}].member"),
                &o.member,
            ));
        }
        if o.date > case.as_of {
            p.push(Problem::at(
                ErrorKind::InvalidValue,
                format!("history.job_offers[{i}].date"),
                "date is after the assessment date",
            ));
        }
    }
    out
}

fn unknown_member(path: String, id: &str) -> Problem {
    Problem::at(
        ErrorKind::UnknownMember,
        path,
        format!("no member with id `{}`", super::decode::scrub(id)),
    )
}

fn check_amount(p: &mut Vec<Problem>, path: impl FnOnce() -> String, x: Decimal) {
    // The path is only built for a problem: formatting it for every valid amount cost more
    // than the checks.
    if x.is_sign_negative() && !x.is_zero() {
        p.push(Problem::at(
            ErrorKind::InvalidAmount,
            path(),
            "amount is negative",
        ));
    } else if x > MAX_AMOUNT {
        p.push(Problem::at(
            ErrorKind::InvalidAmount,
            path(),
            "amount exceeds 10^12 yuan",
        ));
    } else if x.normalize().scale() > 2 {
        p.push(Problem::at(
            ErrorKind::InvalidAmount,
            path(),
            "amount has more than two decimal places",
        ));
    }
}

fn check_period(p: &mut Vec<Problem>, path: impl FnOnce() -> String, period: Period) {
    if period.end < period.start {
        p.push(Problem::at(
            ErrorKind::InvalidPeriod,
            path(),
            "period ends before it starts",
        ));
    } else if !calendar::is_whole_months(period.start, period.end) {
        p.push(Problem::at(
            ErrorKind::InvalidPeriod,
            path(),
            "period must start on the 1st and end on the last day of a month",
        ));
    }
}
