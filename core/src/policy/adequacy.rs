//! Adequacy: advisory comparisons of the shipped amounts with each other and with reference
//! figures. A finding is never an error: the law sets no hard ratio between these numbers, so
//! `hedui policy check` prints them for a person to weigh and still succeeds.
//!
//! Three comparisons, each made on every period in which its inputs are constant:
//!
//! - the dibao standard as a share of the local monthly minimum wage (the region's tier, or
//!   every tier when the tier is not set), a warning when it is below
//!   `dibao.target_ratio_to_min_wage` where that is set;
//! - the tekun basic-living standard as a multiple of the dibao standard, a warning below the
//!   1.3 floor ([`TEKUN_FLOOR`]) or below the region's own `tekun.basic_ratio_to_dibao`, and a
//!   warning when that multiple itself is set below 1.3;
//! - urban below rural, for the dibao and tekun standards, a warning.
//!
//! A finding is reported for the most specific region whose own file supplies one of its
//! inputs, so an inherited comparison is not repeated for every city and county below it.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use jiff::civil::Date;
use rust_decimal::{Decimal, RoundingStrategy};

use super::load::Region;
use super::registry as P;
use super::set::{Overrides, PolicySet};
use super::value::Entry;

/// The floor for the tekun basic-living standard: 1.3 times the local dibao standard. Applied
/// by every province found ("原则上不低于当地低保标准的1.3倍"); the national text was not located
/// (docs/law/tekun.md §6, docs/law/open-points.md §17), so it is an advisory floor, not a rule.
pub const TEKUN_FLOOR: Decimal = Decimal::from_parts(13, 0, 0, false, 1);

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// A number worth seeing; nothing falls short.
    Note,
    /// Something falls short of a target, a floor or the rural figure.
    Warning,
}

impl Severity {
    /// `note` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
        }
    }
}

/// What was compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The dibao standard divided by the local monthly minimum wage.
    DibaoShareOfMinWage,
    /// The tekun basic-living standard divided by the dibao standard.
    TekunRatio,
    /// `tekun.basic_ratio_to_dibao` set below [`TEKUN_FLOOR`].
    TekunMultipleBelowFloor,
    /// An urban standard below the rural one.
    UrbanBelowRural,
    /// An open-ended standard or reference figure in force for longer than the staleness
    /// horizon (`policy.staleness_months`): possibly out of date. The finding's `ratio` is
    /// the horizon in months and its `from` the first day the value counts as stale.
    Stale,
}

/// One advisory finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The region it is reported for.
    pub region: String,
    /// First day the numbers hold.
    pub from: Date,
    /// First day they no longer hold (half-open), if they change.
    pub to: Option<Date>,
    /// Note or warning.
    pub severity: Severity,
    /// What was compared.
    pub kind: Kind,
    /// The parameter the finding is about.
    pub key: &'static str,
    /// The computed ratio (for a minimum-wage share with no tier set: the smallest share,
    /// against the highest wage), exact.
    pub ratio: Decimal,
    /// The target or floor it was held against, if any.
    pub threshold: Option<Decimal>,
    /// Chinese text, with the numbers.
    pub zh: String,
    /// English text, with the numbers.
    pub en: String,
}

const STANDARD: [(&str, &str); 2] = [
    (
        P::DIBAO_STANDARD_URBAN.key(),
        P::TEKUN_BASIC_STANDARD_URBAN.key(),
    ),
    (
        P::DIBAO_STANDARD_RURAL.key(),
        P::TEKUN_BASIC_STANDARD_RURAL.key(),
    ),
];
const TIERS: [&str; 4] = [
    P::REFERENCE_MINIMUM_WAGE_TIER1.key(),
    P::REFERENCE_MINIMUM_WAGE_TIER2.key(),
    P::REFERENCE_MINIMUM_WAGE_TIER3.key(),
    P::REFERENCE_MINIMUM_WAGE_TIER4.key(),
];
const TIER: &str = P::REFERENCE_MINIMUM_WAGE_TIER.key();
const TARGET: &str = P::DIBAO_TARGET_RATIO_TO_MIN_WAGE.key();
const MULTIPLE: &str = P::TEKUN_BASIC_RATIO_TO_DIBAO.key();

/// Every key an adequacy comparison reads.
const INPUTS: [&str; 11] = [
    P::DIBAO_STANDARD_URBAN.key(),
    P::DIBAO_STANDARD_RURAL.key(),
    P::TEKUN_BASIC_STANDARD_URBAN.key(),
    P::TEKUN_BASIC_STANDARD_RURAL.key(),
    MULTIPLE,
    TARGET,
    TIER,
    P::REFERENCE_MINIMUM_WAGE_TIER1.key(),
    P::REFERENCE_MINIMUM_WAGE_TIER2.key(),
    P::REFERENCE_MINIMUM_WAGE_TIER3.key(),
    P::REFERENCE_MINIMUM_WAGE_TIER4.key(),
];

/// Runs every comparison for every region of `set`, in region order, then by date, and adds
/// the values that are possibly out of date today (UTC); see [`check_on`].
pub fn check(set: &PolicySet) -> Vec<Finding> {
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    check_on(set, today)
}

/// Every comparison for every region of `set`, then per region the values possibly out of
/// date on `on` ([`stale`]).
pub fn check_on(set: &PolicySet, on: Date) -> Vec<Finding> {
    let mut out = Vec::new();
    for region in set.regions() {
        if let Ok(chain) = set.chain(&region.code) {
            out.extend(check_region(region, &chain));
            out.extend(stale_region(region, &chain, on));
        }
    }
    out
}

/// The values of every region of `set` that are possibly out of date on `on`: open-ended,
/// subject to the staleness horizon (`policy::value::staleness_applies`) and in force for
/// longer than the horizon resolved for the region on `on`. A warning each, reported for the
/// region whose file sets the value.
pub fn stale(set: &PolicySet, on: Date) -> Vec<Finding> {
    let mut out = Vec::new();
    for region in set.regions() {
        if let Ok(chain) = set.chain(&region.code) {
            out.extend(stale_region(region, &chain, on));
        }
    }
    out
}

/// [`stale`] for one region's own entries.
fn stale_region(region: &Region, chain: &[&Region], on: Date) -> Vec<Finding> {
    let none = Overrides::default();
    let horizon = PolicySet::resolve(chain, &none, P::POLICY_STALENESS_MONTHS.key(), on).and_then(
        |r| match r.entry.value {
            super::value::ParamValue::Int(n) => Some(n),
            _ => None,
        },
    );
    let Some(months) = horizon else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut keys: Vec<&&'static str> = region.params.keys().collect();
    keys.sort();
    for key in keys {
        let Some(entries) = region.params.get(*key) else {
            continue;
        };
        let Some(spec) = P::spec(key) else {
            continue;
        };
        for e in entries {
            let Some(since) = e.stale_from(key, months) else {
                continue;
            };
            if on < since {
                continue;
            }
            out.push(Finding {
                region: region.code.clone(),
                from: since,
                to: None,
                severity: Severity::Warning,
                kind: Kind::Stale,
                key: spec.key,
                ratio: Decimal::from(months),
                threshold: None,
                zh: format!(
                    "{} = {} 自 {} 起生效且没有终止日期,至 {on} 已超过 {months} 个月,可能已过时:请核对现行标准",
                    spec.key, e.value, e.from
                ),
                en: format!(
                    "{} = {} has been in force since {} with no end date, more than {months} months by {on}: possibly out of date; check the current notice",
                    spec.key, e.value, e.from
                ),
            });
        }
    }
    out
}

/// The comparisons for one region's chain, kept where the region's own file supplies an input.
pub fn check_region(region: &Region, chain: &[&Region]) -> Vec<Finding> {
    let mut dates = BTreeSet::new();
    for r in chain {
        for key in INPUTS {
            for e in r.params.get(key).into_iter().flatten() {
                dates.insert(e.from);
                if let Some(t) = e.to {
                    dates.insert(t);
                }
            }
        }
    }
    let dates: Vec<Date> = dates.into_iter().collect();
    let mut out: Vec<Finding> = Vec::new();
    for (i, &from) in dates.iter().enumerate() {
        let to = dates.get(i + 1).copied();
        let at = At {
            chain,
            none: Overrides::default(),
            on: from,
        };
        for (mut f, sources) in at.findings() {
            if !sources.iter().any(|s| s == &region.code) {
                continue;
            }
            let open = out.iter_mut().rev().find(|g| {
                g.to == Some(from)
                    && g.kind == f.kind
                    && g.key == f.key
                    && g.severity == f.severity
                    && g.en == f.en
            });
            match open {
                Some(g) => g.to = to,
                None => {
                    f.region.clone_from(&region.code);
                    f.from = from;
                    f.to = to;
                    out.push(f);
                }
            }
        }
    }
    out
}

/// One chain on one date.
struct At<'a> {
    chain: &'a [&'a Region],
    none: Overrides,
    on: Date,
}

/// A finding and the regions that supplied its inputs.
type Sourced = (Finding, Vec<String>);

impl At<'_> {
    fn get(&self, key: &'static str) -> Option<&Entry> {
        PolicySet::resolve(self.chain, &self.none, key, self.on).map(|r| r.entry)
    }

    fn decimal(&self, key: &'static str, sources: &mut Vec<String>) -> Option<Decimal> {
        let e = self.get(key)?;
        let d = e.value.decimal()?;
        sources.push(e.region.to_string());
        Some(d)
    }

    fn findings(&self) -> Vec<Sourced> {
        let mut out = Vec::new();
        for (dibao_key, tekun_key) in STANDARD {
            if let Some(f) = self.min_wage_share(dibao_key) {
                out.push(f);
            }
            if let Some(f) = self.tekun_ratio(dibao_key, tekun_key) {
                out.push(f);
            }
        }
        if let Some(f) = self.tekun_multiple() {
            out.push(f);
        }
        let [(du, tu), (dr, tr)] = STANDARD;
        for (urban, rural) in [(du, dr), (tu, tr)] {
            if let Some(f) = self.urban_below_rural(urban, rural) {
                out.push(f);
            }
        }
        out
    }

    fn min_wage_share(&self, key: &'static str) -> Option<Sourced> {
        let mut sources = Vec::new();
        let standard = self.decimal(key, &mut sources)?;
        let tier = self.get(TIER).and_then(|e| match e.value {
            super::ParamValue::Int(t) => Some((t, e.region.to_string())),
            _ => None,
        });
        // (tier number, wage, share)
        let mut shares: Vec<(i64, Decimal, Decimal)> = Vec::new();
        let tier_set = tier.is_some();
        match tier {
            Some((t, region)) => {
                let wage_key = usize::try_from(t - 1).ok().and_then(|i| TIERS.get(i))?;
                let wage = self.decimal(wage_key, &mut sources)?;
                sources.push(region);
                shares.push((t, wage, standard.checked_div(wage)?));
            }
            None => {
                for (t, wage_key) in (1_i64..).zip(TIERS) {
                    if let Some(wage) = self.decimal(wage_key, &mut sources)
                        && let Some(share) = standard.checked_div(wage)
                    {
                        shares.push((t, wage, share));
                    }
                }
            }
        }
        let smallest = shares.iter().map(|s| s.2).min()?;
        let target = self.decimal(TARGET, &mut sources);
        let below: Vec<i64> = shares
            .iter()
            .filter(|s| target.is_some_and(|t| s.2 < t))
            .map(|s| s.0)
            .collect();
        let (zh_label, en_label) = labels(key);
        let mut zh = format!("{zh_label} {} 元为", money(standard));
        let mut en = format!("{en_label} {} is ", money(standard));
        for (n, (t, wage, share)) in shares.iter().enumerate() {
            let sep = if n == 0 { "" } else { " / " };
            let _ = write!(
                zh,
                "{sep}第{t}档月最低工资 {} 元的 {}",
                money(*wage),
                pct(*share)
            );
            let _ = write!(
                en,
                "{sep}{} of the tier-{t} minimum wage {}",
                pct(*share),
                money(*wage)
            );
        }
        if !tier_set {
            zh.push_str("(本地区适用档次未设定)");
            en.push_str(" (the region's wage tier is not set)");
        }
        if let Some(t) = target {
            if below.is_empty() {
                let _ = write!(zh, ";不低于目标 {}", pct(t));
                let _ = write!(en, "; not below the target {}", pct(t));
            } else {
                let tiers = below
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                let _ = write!(zh, ";低于目标 {}(第{tiers}档)", pct(t));
                let _ = write!(en, "; below the target {} (tier {tiers})", pct(t));
            }
        }
        let severity = if below.is_empty() {
            Severity::Note
        } else {
            Severity::Warning
        };
        Some((
            finding(
                severity,
                Kind::DibaoShareOfMinWage,
                key,
                smallest,
                target,
                zh,
                en,
            ),
            sources,
        ))
    }

    fn tekun_ratio(&self, dibao_key: &'static str, tekun_key: &'static str) -> Option<Sourced> {
        let mut sources = Vec::new();
        let tekun = self.decimal(tekun_key, &mut sources)?;
        let dibao = self.decimal(dibao_key, &mut sources)?;
        let ratio = tekun.checked_div(dibao)?;
        let own = self.decimal(MULTIPLE, &mut sources);
        let floor = own.map_or(TEKUN_FLOOR, |m| m.max(TEKUN_FLOOR));
        let needed = floor.checked_mul(dibao)?;
        let (tz, te) = labels(tekun_key);
        let (dz, de) = labels(dibao_key);
        let mut zh = format!(
            "{tz} {} 元为{dz} {} 元的 {} 倍",
            money(tekun),
            money(dibao),
            times(ratio)
        );
        let mut en = format!(
            "{te} {} is {} times the {de} {}",
            money(tekun),
            times(ratio),
            money(dibao)
        );
        let severity = if tekun < needed {
            let _ = write!(
                zh,
                ",低于 {} 倍下限({} × {} = {})",
                times(floor),
                times(floor),
                money(dibao),
                money(needed)
            );
            let _ = write!(
                en,
                ", below the {} floor ({} × {} = {})",
                times(floor),
                times(floor),
                money(dibao),
                money(needed)
            );
            Severity::Warning
        } else {
            let _ = write!(zh, ",不低于 {} 倍下限", times(floor));
            let _ = write!(en, ", not below the {} floor", times(floor));
            Severity::Note
        };
        Some((
            finding(
                severity,
                Kind::TekunRatio,
                tekun_key,
                ratio,
                Some(floor),
                zh,
                en,
            ),
            sources,
        ))
    }

    fn tekun_multiple(&self) -> Option<Sourced> {
        let mut sources = Vec::new();
        let m = self.decimal(MULTIPLE, &mut sources)?;
        if m >= TEKUN_FLOOR {
            return None;
        }
        let (z, e) = labels(MULTIPLE);
        Some((
            finding(
                Severity::Warning,
                Kind::TekunMultipleBelowFloor,
                MULTIPLE,
                m,
                Some(TEKUN_FLOOR),
                format!("{z} {} 低于 {} 倍下限", times(m), times(TEKUN_FLOOR)),
                format!("{e} {} is below the {} floor", times(m), times(TEKUN_FLOOR)),
            ),
            sources,
        ))
    }

    fn urban_below_rural(&self, urban: &'static str, rural: &'static str) -> Option<Sourced> {
        let mut sources = Vec::new();
        let u = self.decimal(urban, &mut sources)?;
        let r = self.decimal(rural, &mut sources)?;
        if u >= r {
            return None;
        }
        let (uz, ue) = labels(urban);
        let (rz, re) = labels(rural);
        Some((
            finding(
                Severity::Warning,
                Kind::UrbanBelowRural,
                urban,
                u.checked_div(r)?,
                Some(Decimal::ONE),
                format!("{uz} {} 元低于{rz} {} 元", money(u), money(r)),
                format!("{ue} {} is below the {re} {}", money(u), money(r)),
            ),
            sources,
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// The ratios a bureau reports, for one region and date

/// Which ratio a [`Ratio`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RatioKind {
    /// The monthly dibao standard divided by the monthly minimum wage.
    DibaoToMinimumWage,
    /// Twelve times the monthly dibao standard divided by last year's per-capita
    /// consumption expenditure (`reference.per_capita_consumption_expenditure`).
    DibaoToConsumption,
    /// Twelve times the monthly dibao standard divided by last year's per-capita disposable
    /// income (`reference.per_capita_disposable_income`).
    DibaoToDisposableIncome,
    /// The tekun basic-living standard divided by the dibao standard.
    TekunToDibao,
}

impl RatioKind {
    /// Snake-case name, for tables and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RatioKind::DibaoToMinimumWage => "dibao_to_minimum_wage",
            RatioKind::DibaoToConsumption => "dibao_to_consumption_expenditure",
            RatioKind::DibaoToDisposableIncome => "dibao_to_disposable_income",
            RatioKind::TekunToDibao => "tekun_to_dibao",
        }
    }
}

/// One input of a ratio: the parameter, its value and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// Parameter key.
    pub key: &'static str,
    /// Its value on the date.
    pub value: Decimal,
    /// Region (or override scope) that set it.
    pub region: String,
    /// Its citation.
    pub citation: std::sync::Arc<super::value::Citation>,
}

/// One reported ratio, or the parameters it is missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ratio {
    /// What is compared.
    pub kind: RatioKind,
    /// `urban` or `rural`.
    pub residence: &'static str,
    /// The minimum-wage tier compared, for [`RatioKind::DibaoToMinimumWage`].
    pub tier: Option<i64>,
    /// The numerator's parameter (the standard), when set.
    pub numerator: Option<Term>,
    /// The denominator's parameter, when set.
    pub denominator: Option<Term>,
    /// How many months the numerator is multiplied by (12 when it is compared with a yearly
    /// figure, else 1).
    pub months: u8,
    /// `numerator × months ÷ denominator`, exact (28 significant digits); `None` when an
    /// input is missing.
    pub ratio: Option<Decimal>,
    /// A target or floor the ratio is held against, when the policy sets one (the region's
    /// `dibao.target_ratio_to_min_wage`; for tekun the larger of 1.3 and the region's own
    /// `tekun.basic_ratio_to_dibao`).
    pub target: Option<Decimal>,
    /// Parameters that are not set, so the ratio cannot be computed (never guessed).
    pub missing: Vec<&'static str>,
    /// A note: the region's minimum-wage tier is not set, so every tier is compared.
    pub note: Option<&'static str>,
}

impl Ratio {
    /// The ratio as a percentage rounded half away from zero to 0.01 % (display only: the
    /// exact value is [`Ratio::ratio`]).
    pub fn percent(&self) -> Option<Decimal> {
        self.ratio?
            .checked_mul(Decimal::ONE_HUNDRED)
            .map(|p| p.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }
}

const CONSUMPTION: &str = P::REFERENCE_PER_CAPITA_CONSUMPTION_EXPENDITURE.key();
const DISPOSABLE: &str = P::REFERENCE_PER_CAPITA_DISPOSABLE_INCOME.key();

/// The adequacy ratios for region `code` on `on`: for urban and rural, the dibao standard
/// to the minimum wage (the region's tier, or every tier when the tier is not set), to last
/// year's per-capita consumption expenditure and disposable income (the standard × 12), and
/// the tekun basic-living standard to the dibao standard. A ratio whose inputs are unset
/// lists them in [`Ratio::missing`]. `overrides` are applied as in an evaluation, so a
/// reform engine reports the ratios of its proposal.
pub fn ratios(
    set: &PolicySet,
    overrides: &Overrides,
    code: &str,
    on: Date,
) -> Result<Vec<Ratio>, crate::Error> {
    let chain = set.chain(code)?;
    let overrides = overrides.for_region(code);
    let term = |key: &'static str| -> Option<Term> {
        let r = PolicySet::resolve(&chain, &overrides, key, on)?;
        Some(Term {
            key,
            value: r.entry.value.decimal()?,
            region: r.entry.region.to_string(),
            citation: std::sync::Arc::clone(&r.entry.citation),
        })
    };
    let tier = PolicySet::resolve(&chain, &overrides, TIER, on).and_then(|r| match r.entry.value {
        super::ParamValue::Int(t) => Some(t),
        _ => None,
    });
    let make = |kind, residence, tier, num: &'static str, den: &'static str, months: u8, target| {
        let numerator = term(num);
        let denominator = term(den);
        let mut missing = Vec::new();
        if numerator.is_none() {
            missing.push(num);
        }
        if denominator.is_none() {
            missing.push(den);
        }
        let ratio = match (&numerator, &denominator) {
            (Some(n), Some(d)) => n
                .value
                .checked_mul(Decimal::from(months))
                .and_then(|x| x.checked_div(d.value)),
            _ => None,
        };
        Ratio {
            kind,
            residence,
            tier,
            numerator,
            denominator,
            months,
            ratio,
            target,
            missing,
            note: None,
        }
    };
    let target = term(TARGET).map(|t| t.value);
    let own_multiple = term(MULTIPLE).map(|t| t.value);
    let tekun_floor = Some(own_multiple.map_or(TEKUN_FLOOR, |m| m.max(TEKUN_FLOOR)));
    let mut out = Vec::new();
    for ((dibao, tekun), residence) in STANDARD.into_iter().zip(["urban", "rural"]) {
        match tier {
            Some(t) => {
                let wage = usize::try_from(t - 1)
                    .ok()
                    .and_then(|i| TIERS.get(i))
                    .copied()
                    .unwrap_or(TIERS[0]);
                out.push(make(
                    RatioKind::DibaoToMinimumWage,
                    residence,
                    Some(t),
                    dibao,
                    wage,
                    1,
                    target,
                ));
            }
            None => {
                let present: Vec<(i64, &'static str)> = (1_i64..)
                    .zip(TIERS)
                    .filter(|(_, k)| term(k).is_some())
                    .collect();
                if present.is_empty() {
                    let mut r = make(
                        RatioKind::DibaoToMinimumWage,
                        residence,
                        None,
                        dibao,
                        TIERS[0],
                        1,
                        target,
                    );
                    r.missing.push(TIER);
                    out.push(r);
                }
                for (t, wage) in present {
                    let mut r = make(
                        RatioKind::DibaoToMinimumWage,
                        residence,
                        Some(t),
                        dibao,
                        wage,
                        1,
                        target,
                    );
                    r.note = Some(
                        "本地区适用的最低工资档次未设定,逐档比较 / the region's minimum-wage tier (reference.minimum_wage_tier) is not set: every tier is compared",
                    );
                    out.push(r);
                }
            }
        }
        out.push(make(
            RatioKind::DibaoToConsumption,
            residence,
            None,
            dibao,
            CONSUMPTION,
            12,
            None,
        ));
        out.push(make(
            RatioKind::DibaoToDisposableIncome,
            residence,
            None,
            dibao,
            DISPOSABLE,
            12,
            None,
        ));
        out.push(make(
            RatioKind::TekunToDibao,
            residence,
            None,
            tekun,
            dibao,
            1,
            tekun_floor,
        ));
    }
    Ok(out)
}

fn finding(
    severity: Severity,
    kind: Kind,
    key: &'static str,
    ratio: Decimal,
    threshold: Option<Decimal>,
    zh: String,
    en: String,
) -> Finding {
    Finding {
        region: String::new(),
        from: Date::MIN,
        to: None,
        severity,
        kind,
        key,
        ratio,
        threshold,
        zh,
        en,
    }
}

fn labels(key: &str) -> (&'static str, &'static str) {
    P::spec(key).map_or(("", ""), |s| (s.zh, s.en))
}

fn money(d: Decimal) -> String {
    crate::money::show(d)
}

/// A share as a percentage to one place (display only; comparisons use the exact ratio).
fn pct(d: Decimal) -> String {
    let p = d
        .checked_mul(Decimal::ONE_HUNDRED)
        .unwrap_or(d)
        .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    format!("{p:.1}%")
}

/// A multiple to at most four places, trailing zeros dropped (display only).
fn times(d: Decimal) -> String {
    d.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NATIONAL: &str = r#"
[region]
code = "000000"
name = "全国"
name_en = "National"
"#;

    fn file(code: &str, parent: &str, params: &[(&str, &str, &str, Option<&str>)]) -> String {
        let mut s = format!(
            "[region]\ncode = \"{code}\"\nname = \"x\"\nname_en = \"x\"\nparent = \"{parent}\"\n\
             [sources.s]\ntitle = \"t\"\nevidence = \"N\"\n"
        );
        for (key, value, from, to) in params {
            let v = if key.ends_with("_tier") {
                (*value).to_owned()
            } else {
                format!("\"{value}\"")
            };
            let _ = write!(
                s,
                "[[param]]\nkey = \"{key}\"\nvalue = {v}\nfrom = \"{from}\"\nsource = \"s\"\nverified = false\n"
            );
            if let Some(t) = to {
                let _ = writeln!(s, "to = \"{t}\"");
            }
        }
        s
    }

    fn set(files: Vec<(&str, String)>) -> PolicySet {
        let mut all = vec![("000000.toml".to_owned(), NATIONAL.to_owned())];
        all.extend(files.into_iter().map(|(n, t)| (n.to_owned(), t)));
        PolicySet::from_sources(all).unwrap()
    }

    fn of<'a>(fs: &'a [Finding], region: &str, kind: Kind) -> Vec<&'a Finding> {
        fs.iter()
            .filter(|f| f.region == region && f.kind == kind)
            .collect()
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn share_of_the_regions_tier_and_target() {
        let s = set(vec![
            (
                "350000.toml",
                file(
                    "350000",
                    "000000",
                    &[
                        (
                            "reference.minimum_wage.tier1",
                            "2000.00",
                            "2022-01-01",
                            None,
                        ),
                        (
                            "reference.minimum_wage.tier2",
                            "1800.00",
                            "2022-01-01",
                            None,
                        ),
                        ("dibao.target_ratio_to_min_wage", "0.44", "2022-01-01", None),
                    ],
                ),
            ),
            (
                "350100.toml",
                file(
                    "350100",
                    "350000",
                    &[
                        ("reference.minimum_wage_tier", "2", "2022-01-01", None),
                        ("dibao.standard.urban", "800.00", "2023-01-01", None),
                    ],
                ),
            ),
        ]);
        let fs = check(&s);
        let share = of(&fs, "350100", Kind::DibaoShareOfMinWage);
        assert_eq!(share.len(), 1, "{fs:#?}");
        let f = share[0];
        // 800.00 / 1800.00 = 44.44…% ≥ 44%: a note.
        assert_eq!(f.severity, Severity::Note);
        assert_eq!(f.ratio, d("800") / d("1800"));
        assert_eq!(f.threshold, Some(d("0.44")));
        assert_eq!(f.from, jiff::civil::date(2023, 1, 1));
        assert_eq!(f.to, None);
        assert!(
            f.en.contains("44.4% of the tier-2 minimum wage 1800.00"),
            "{}",
            f.en
        );
        // Nothing is reported for the province: it has no standard.
        assert!(of(&fs, "350000", Kind::DibaoShareOfMinWage).is_empty());
    }

    #[test]
    fn below_target_is_a_warning_and_unset_tier_lists_every_tier() {
        let s = set(vec![
            (
                "350000.toml",
                file(
                    "350000",
                    "000000",
                    &[
                        (
                            "reference.minimum_wage.tier1",
                            "2000.00",
                            "2022-01-01",
                            None,
                        ),
                        (
                            "reference.minimum_wage.tier2",
                            "1800.00",
                            "2022-01-01",
                            None,
                        ),
                        ("dibao.target_ratio_to_min_wage", "0.44", "2022-01-01", None),
                    ],
                ),
            ),
            (
                "350100.toml",
                file(
                    "350100",
                    "350000",
                    &[("dibao.standard.urban", "800.00", "2022-01-01", None)],
                ),
            ),
        ]);
        let fs = check(&s);
        let share = of(&fs, "350100", Kind::DibaoShareOfMinWage);
        assert_eq!(share.len(), 1);
        let f = share[0];
        // 800 / 2000 = 40% < 44% (tier 1); 800 / 1800 = 44.4% (tier 2).
        assert_eq!(f.severity, Severity::Warning);
        assert_eq!(f.ratio, d("0.4"));
        assert!(f.en.contains("40.0% of the tier-1"), "{}", f.en);
        assert!(f.en.contains("44.4% of the tier-2"), "{}", f.en);
        assert!(f.en.contains("tier is not set"), "{}", f.en);
        assert!(f.en.contains("below the target 44.0% (tier 1)"), "{}", f.en);
    }

    #[test]
    fn tekun_below_floor_and_urban_below_rural() {
        let s = set(vec![
            ("360000.toml", file("360000", "000000", &[])),
            (
                "360100.toml",
                file(
                    "360100",
                    "360000",
                    &[
                        (
                            "dibao.standard.urban",
                            "610.00",
                            "2019-01-01",
                            Some("2021-03-22"),
                        ),
                        (
                            "dibao.standard.rural",
                            "395.00",
                            "2019-01-01",
                            Some("2021-03-22"),
                        ),
                        (
                            "tekun.basic_standard.urban",
                            "793.00",
                            "2019-01-01",
                            Some("2021-03-22"),
                        ),
                        (
                            "tekun.basic_standard.rural",
                            "513.00",
                            "2019-01-01",
                            Some("2021-03-22"),
                        ),
                        ("dibao.standard.urban", "700.00", "2021-03-22", None),
                        ("dibao.standard.rural", "750.00", "2021-03-22", None),
                    ],
                ),
            ),
        ]);
        let fs = check(&s);
        let tekun = of(&fs, "360100", Kind::TekunRatio);
        assert_eq!(tekun.len(), 2, "{tekun:#?}");
        let urban = tekun
            .iter()
            .find(|f| f.key == "tekun.basic_standard.urban")
            .unwrap();
        assert_eq!(urban.severity, Severity::Note);
        assert_eq!(urban.ratio, d("1.3"));
        let rural = tekun
            .iter()
            .find(|f| f.key == "tekun.basic_standard.rural")
            .unwrap();
        // 513.00 < 1.3 × 395.00 = 513.50.
        assert_eq!(rural.severity, Severity::Warning);
        assert_eq!(rural.to, Some(jiff::civil::date(2021, 3, 22)));
        assert!(rural.en.contains("1.3 × 395.00 = 513.50"), "{}", rural.en);
        let ubr = of(&fs, "360100", Kind::UrbanBelowRural);
        assert_eq!(ubr.len(), 1);
        assert_eq!(ubr[0].from, jiff::civil::date(2021, 3, 22));
        assert_eq!(ubr[0].severity, Severity::Warning);
    }

    #[test]
    fn own_multiple_raises_the_floor_and_a_low_multiple_warns() {
        let s = set(vec![
            (
                "430000.toml",
                file(
                    "430000",
                    "000000",
                    &[(
                        "tekun.basic_ratio_to_dibao",
                        "1.2",
                        "2020-01-01",
                        Some("2022-01-01"),
                    )],
                ),
            ),
            (
                "430100.toml",
                file(
                    "430100",
                    "430000",
                    &[
                        ("tekun.basic_ratio_to_dibao", "1.5", "2022-01-01", None),
                        ("dibao.standard.urban", "700.00", "2022-01-01", None),
                        ("tekun.basic_standard.urban", "1000.00", "2022-01-01", None),
                    ],
                ),
            ),
        ]);
        let fs = check(&s);
        let low = of(&fs, "430000", Kind::TekunMultipleBelowFloor);
        assert_eq!(low.len(), 1);
        assert_eq!(low[0].to, Some(jiff::civil::date(2022, 1, 1)));
        // 1000 / 700 = 1.4286 ≥ 1.3 but below the city's own 1.5.
        let t = of(&fs, "430100", Kind::TekunRatio);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].severity, Severity::Warning);
        assert_eq!(t[0].threshold, Some(d("1.5")));
    }

    #[test]
    fn inherited_findings_are_not_repeated_and_equal_periods_merge() {
        let s = set(vec![
            (
                "420000.toml",
                file(
                    "420000",
                    "000000",
                    &[
                        (
                            "reference.minimum_wage.tier1",
                            "2000.00",
                            "2020-01-01",
                            Some("2024-01-01"),
                        ),
                        (
                            "reference.minimum_wage.tier1",
                            "2000.00",
                            "2024-01-01",
                            None,
                        ),
                    ],
                ),
            ),
            (
                "420100.toml",
                file(
                    "420100",
                    "420000",
                    &[("dibao.standard.urban", "800.00", "2020-01-01", None)],
                ),
            ),
            ("420102.toml", file("420102", "420100", &[])),
        ]);
        let fs = check(&s);
        let share = of(&fs, "420100", Kind::DibaoShareOfMinWage);
        assert_eq!(share.len(), 1, "{share:#?}");
        assert_eq!(share[0].from, jiff::civil::date(2020, 1, 1));
        assert_eq!(share[0].to, None);
        assert!(fs.iter().all(|f| f.region != "420102"));
        assert!(fs.iter().all(|f| f.region != "420000"));
    }

    #[test]
    fn ratios_for_a_region_are_exact_and_name_what_is_missing() {
        let s = PolicySet::embedded().unwrap();
        let rs = ratios(
            &s,
            &Overrides::default(),
            "360100",
            jiff::civil::date(2026, 11, 1),
        )
        .unwrap();
        // Since 2021-03-22 Nanchang ships no tekun basic standard: named, not guessed.
        let tekun = rs
            .iter()
            .find(|r| r.kind == RatioKind::TekunToDibao && r.residence == "urban")
            .unwrap();
        assert_eq!(tekun.ratio, None);
        assert_eq!(tekun.missing, ["tekun.basic_standard.urban"]);
        // In 2020: 793.00 / 610.00 = 1.3 exactly, against the 1.3 floor.
        let rs = ratios(
            &s,
            &Overrides::default(),
            "360100",
            jiff::civil::date(2020, 6, 1),
        )
        .unwrap();
        let tekun = rs
            .iter()
            .find(|r| r.kind == RatioKind::TekunToDibao && r.residence == "urban")
            .unwrap();
        assert_eq!(tekun.ratio, Some(d("1.3")));
        assert_eq!(tekun.target, Some(TEKUN_FLOOR));
        let rs = ratios(
            &s,
            &Overrides::default(),
            "360100",
            jiff::civil::date(2026, 11, 1),
        )
        .unwrap();
        // No consumption figure ships for Nanchang: the ratio names the missing parameter.
        let cons = rs
            .iter()
            .find(|r| r.kind == RatioKind::DibaoToConsumption && r.residence == "urban")
            .unwrap();
        assert_eq!(cons.ratio, None);
        assert_eq!(cons.missing, [CONSUMPTION]);
        assert!(cons.numerator.is_some());
    }

    #[test]
    fn ratio_to_yearly_figures_uses_twelve_months() {
        let s = set(vec![(
            "350000.toml",
            file(
                "350000",
                "000000",
                &[
                    ("dibao.standard.urban", "800.00", "2022-01-01", None),
                    (CONSUMPTION, "24000.00", "2022-01-01", None),
                    (
                        "reference.minimum_wage.tier1",
                        "2000.00",
                        "2022-01-01",
                        None,
                    ),
                    (TIER, "1", "2022-01-01", None),
                ],
            ),
        )]);
        let rs = ratios(
            &s,
            &Overrides::default(),
            "350000",
            jiff::civil::date(2023, 1, 1),
        )
        .unwrap();
        let get = |k: RatioKind| {
            rs.iter()
                .find(|r| r.kind == k && r.residence == "urban")
                .unwrap()
        };
        // 800.00 × 12 = 9600.00; 9600 / 24000 = 0.4.
        assert_eq!(get(RatioKind::DibaoToConsumption).ratio, Some(d("0.4")));
        assert_eq!(get(RatioKind::DibaoToConsumption).months, 12);
        // 800 / 2000 = 0.4, tier 1 as set.
        let w = get(RatioKind::DibaoToMinimumWage);
        assert_eq!((w.ratio, w.tier, w.note), (Some(d("0.4")), Some(1), None));
        assert_eq!(
            get(RatioKind::DibaoToDisposableIncome).missing,
            [DISPOSABLE]
        );
        // 1/3 is kept exact to 28 digits; the percentage is for display.
        let s3 = set(vec![(
            "350000.toml",
            file(
                "350000",
                "000000",
                &[
                    ("dibao.standard.urban", "700.00", "2022-01-01", None),
                    (
                        "reference.minimum_wage.tier1",
                        "2100.00",
                        "2022-01-01",
                        None,
                    ),
                ],
            ),
        )]);
        let rs = ratios(
            &s3,
            &Overrides::default(),
            "350000",
            jiff::civil::date(2023, 1, 1),
        )
        .unwrap();
        let w = rs
            .iter()
            .find(|r| r.kind == RatioKind::DibaoToMinimumWage && r.residence == "urban")
            .unwrap();
        assert_eq!(w.ratio, Some(d("700") / d("2100")));
        assert_eq!(w.percent(), Some(d("33.33")));
        assert!(w.note.is_some(), "tier unset: every tier compared");
    }

    #[test]
    fn shipped_policies_give_numbers_and_never_fail() {
        let s = PolicySet::embedded().unwrap();
        let fs = check(&s);
        let wuhan = of(&fs, "420100", Kind::DibaoShareOfMinWage);
        // Wuhan urban 830.00 against Hubei's 2024 tiers, tier not set.
        assert!(
            wuhan
                .iter()
                .any(|f| f.en.contains("37.6% of the tier-1 minimum wage 2210.00")),
            "{wuhan:#?}"
        );
        // Nanchang's rural tekun 513 is below 1.3 × 395.
        assert!(
            of(&fs, "360100", Kind::TekunRatio)
                .iter()
                .any(|f| f.severity == Severity::Warning && f.key == "tekun.basic_standard.rural")
        );
    }
}
