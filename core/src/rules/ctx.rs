//! Evaluation context: the case, its region chain, and a record of every value consulted.

use rust_decimal::Decimal;

use crate::calendar::{self, AgeRule};
use crate::case::{Case, Member};
use crate::money;
use crate::policy::{Overrides, ParamValue, PolicySet, Region, Resolved};

/// Shared state for one evaluation.
pub(crate) struct Ctx<'a> {
    pub(crate) case: &'a Case,
    chain: &'a [&'a Region],
    overrides: &'a Overrides,
    /// Parameters consulted, first use first; kept only when explaining.
    pub(crate) used: Vec<Resolved<'a>>,
    /// Whether any parameter consulted is unverified (the outcome's `illustrative`).
    pub(crate) illustrative: bool,
    /// Whether to build messages, steps and parameter lists, or only the decision.
    pub(crate) explain: bool,
    pub(crate) age_rule: AgeRule,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        case: &'a Case,
        chain: &'a [&'a Region],
        overrides: &'a Overrides,
        explain: bool,
    ) -> Self {
        let mut ctx = Self {
            case,
            chain,
            overrides,
            used: Vec::new(),
            illustrative: false,
            explain,
            age_rule: AgeRule::Birthday,
        };
        if let Some(r) = ctx.text("age.reached_on").and_then(AgeRule::parse) {
            ctx.age_rule = r;
        }
        ctx
    }

    /// The value of `key` on the case's date, recorded as used.
    pub(crate) fn get(&mut self, key: &'static str) -> Option<&'a ParamValue> {
        let r = PolicySet::resolve(self.chain, self.overrides, key, self.case.as_of)?;
        self.illustrative |= !r.entry.citation.verified;
        if self.explain && !self.used.iter().any(|u| u.key == key) {
            self.used.push(r);
        }
        Some(&r.entry.value)
    }

    pub(crate) fn decimal(&mut self, key: &'static str) -> Option<Decimal> {
        self.get(key).and_then(ParamValue::decimal)
    }

    pub(crate) fn int(&mut self, key: &'static str) -> Option<i64> {
        match self.get(key)? {
            ParamValue::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub(crate) fn bool(&mut self, key: &'static str) -> Option<bool> {
        match self.get(key)? {
            ParamValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub(crate) fn text(&mut self, key: &'static str) -> Option<&'a str> {
        match self.get(key)? {
            ParamValue::Text(s) => Some(s.as_str()),
            _ => None,
        }
    }

    /// A list value; unset reads as empty.
    pub(crate) fn list(&mut self, key: &'static str) -> &'a [String] {
        match self.get(key) {
            Some(ParamValue::List(v)) => v.as_slice(),
            _ => &[],
        }
    }

    /// The local rounding rule for paid amounts (`dibao.rounding`; the fen when unset).
    pub(crate) fn rounding(&mut self) -> money::Rounding {
        self.text("dibao.rounding")
            .and_then(money::Rounding::parse)
            .unwrap_or(money::Rounding::FenHalfUp)
    }

    pub(crate) fn age(&self, m: &Member) -> i32 {
        calendar::age_on(m.birth_date, self.case.as_of, self.age_rule)
    }
}
