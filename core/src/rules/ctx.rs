//! Evaluation context: the case, its region chain, and a record of every value consulted.

use crate::calendar::{self, AgeRule};
use crate::case::{Case, Member};
use crate::money;
use crate::policy::ParamValue;
use crate::policy::Resolved;
use crate::policy::registry::{self as P, Param, kind, kind::Kind};
use crate::policy::set::RegionTable;

/// Shared state for one evaluation.
pub(crate) struct Ctx<'a> {
    pub(crate) case: &'a Case,
    table: &'a RegionTable,
    /// Parameters consulted, first use first; kept only when explaining.
    pub(crate) used: Vec<Resolved<'a>>,
    /// Whether any parameter consulted is unverified (the outcome's `illustrative`).
    pub(crate) illustrative: bool,
    /// Whether to build messages, steps and parameter lists, or only the decision.
    pub(crate) explain: bool,
    pub(crate) age_rule: AgeRule,
    /// Parameters already in `used`, a bit per registry index; kept only when explaining.
    seen: Vec<u64>,
    /// Each member's age on the assessment date, in `case.members` order.
    ages: Vec<i32>,
    /// The income look-back window and its months, once computed (outer `None`: not yet).
    #[expect(
        clippy::option_option,
        reason = "not yet computed differs from computed as no window"
    )]
    pub(crate) window: Option<Option<((jiff::civil::Date, jiff::civil::Date), i64)>>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(case: &'a Case, table: &'a RegionTable, explain: bool) -> Self {
        let mut ctx = Self {
            case,
            table,
            used: Vec::new(),
            illustrative: false,
            explain,
            age_rule: AgeRule::Birthday,
            seen: if explain {
                vec![0; P::COUNT.div_ceil(64)]
            } else {
                Vec::new()
            },
            ages: Vec::new(),
            window: None,
        };
        if let Some(r) = ctx.get(P::AGE_REACHED_ON).and_then(AgeRule::parse) {
            ctx.age_rule = r;
        }
        ctx.ages = case
            .members
            .iter()
            .map(|m| calendar::age_on(m.birth_date, case.as_of, ctx.age_rule))
            .collect();
        ctx
    }

    /// The value of `p` on the case's date, recorded as used.
    fn value<K>(&mut self, p: Param<K>) -> Option<&'a ParamValue> {
        let i = p.index();
        let r = self.table.resolve(i, self.case.as_of)?;
        self.illustrative |= !r.entry.citation.verified;
        if self.explain {
            let (word, bit) = (i / 64, 1u64 << (i % 64));
            if let Some(w) = self.seen.get_mut(word)
                && *w & bit == 0
            {
                *w |= bit;
                self.used.push(r);
            }
        }
        Some(&r.entry.value)
    }

    /// The value of `p` on the case's date, as its kind; `None` when unset.
    pub(crate) fn get<K: Kind>(&mut self, p: Param<K>) -> Option<K::Out<'a>> {
        self.value(p).and_then(K::read)
    }

    /// A list value; unset reads as empty.
    pub(crate) fn list(&mut self, p: Param<kind::List>) -> &'a [String] {
        self.get(p).unwrap_or_default()
    }

    /// The local rounding rule for paid amounts (`dibao.rounding`; the fen when unset).
    pub(crate) fn rounding(&mut self) -> money::Rounding {
        self.get(P::DIBAO_ROUNDING)
            .and_then(money::Rounding::parse)
            .unwrap_or(money::Rounding::FenHalfUp)
    }

    pub(crate) fn age(&self, m: &Member) -> i32 {
        // Members are always the case's own, so the age computed up front applies.
        self.case
            .members
            .iter()
            .position(|x| std::ptr::eq(x, m))
            .and_then(|i| self.ages.get(i).copied())
            .unwrap_or_else(|| calendar::age_on(m.birth_date, self.case.as_of, self.age_rule))
    }
}
