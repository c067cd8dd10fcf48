//! Household income (家庭收入), DB-2021 第13条: what counts, the look-back window, monthly
//! averaging, exclusions and deductions.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::calendar;
use crate::case::{Employment, IncomeCategory, IncomeSubtype, Source};
use crate::error::Error;
use crate::money;
use crate::outcome::{Check, Discrepancy, IncomeExclusion, IncomeSummary, Review};
use crate::policy::registry as P;
use crate::rules::catalog::{self as c, Rule};
use crate::rules::ctx::Ctx;
use crate::rules::household::Household;
use crate::rules::{law, verification};

/// One income record's monthly contribution inside the window.
struct Item {
    member: String,
    category: IncomeCategory,
    subtype: IncomeSubtype,
    source: Source,
    /// Monthly contribution × the household's common denominator (exact; see [`Scale`]).
    scaled: Decimal,
    /// Counting is unsettled (a parameter is unset), so a result that depends on it is reviewed.
    uncertain: bool,
}

/// The income figures the programs compare against their thresholds.
pub(crate) struct IncomeCalc {
    /// Total monthly income with verified records preferred; `None` when no window.
    pub(crate) total: Option<Decimal>,
    /// The same from the family's declaration (verified figures only where it declared nothing).
    pub(crate) declared_total: Option<Decimal>,
    /// Monthly amount whose counting is unsettled (included in `total`): the residents' basic
    /// pension while its exclusion is unset, and illness or disability spending while its
    /// deduction is undecided (DB-2021 第13条 last paragraph).
    pub(crate) uncertain: Decimal,
    /// `total` without the unsettled amount, divided once like `total` (so it is exact
    /// wherever the exact figure has a finite decimal form).
    pub(crate) settled: Option<Decimal>,
    /// What makes `uncertain` unsettled: the pension rule, the illness-deduction rule, or both.
    pub(crate) uncertain_causes: Vec<&'static Rule>,
    pub(crate) summary: IncomeSummary,
    pub(crate) review: Vec<Review>,
    pub(crate) discrepancies: Vec<Discrepancy>,
    pub(crate) warnings: Vec<String>,
}

/// The check that annual per-capita income is below last year's local per-capita disposable
/// income (GX-2024 第4条(二) for rigid expenditure; TR-2018 二(一) for 支出型 relief), under
/// `rule`; undecided when either figure is missing.
pub(crate) fn below_disposable_income(
    ctx: &mut Ctx<'_>,
    inc: &IncomeCalc,
    n: usize,
    rule: &'static Rule,
    zh: &'static str,
    en: &'static str,
) -> Result<Check, Error> {
    let disposable = ctx.get(P::REFERENCE_PER_CAPITA_DISPOSABLE_INCOME);
    let annual = inc.annual_per_capita(n)?;
    let below = match (annual, disposable) {
        (Some(a), Some(d)) => Some(a < d),
        _ => None,
    };
    Ok(check!(
        ctx.explain,
        rule,
        annual.map_or("-".into(), money::show),
        disposable.map_or("未设定 / not set".into(), |d| {
            format!("< {}", money::show(d))
        }),
        below,
        zh,
        en,
    ))
}

impl IncomeCalc {
    /// Annual per-capita income (twelve times the monthly total, over `n` members), for
    /// the tests against last year's per-capita disposable income.
    pub(crate) fn annual_per_capita(&self, n: usize) -> Result<Option<Decimal>, Error> {
        match self.total {
            Some(t) if n > 0 => Ok(Some(money::div(
                money::mul(t, Decimal::from(12))?,
                Decimal::from(n),
            )?)),
            _ => Ok(None),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    PreferVerified,
    DeclaredOnly,
}

/// Computes the household's monthly income.
pub(crate) fn compute(ctx: &mut Ctx<'_>, h: &Household<'_>) -> Result<IncomeCalc, Error> {
    compute_for(ctx, &|id| h.is_counted(id), h.size(), &|_| None)
}

/// Computes the monthly income of the members `keep` selects (`n` of them) by the dibao
/// rules of DB-2021 第13条: the household's (through [`compute`]) or one applicant's own
/// (单人保, a one-person dibao). `exempt` names the rule under which a record is left out
/// besides the national and local exclusions (the support exemption of DD-2022 一(一)).
pub(crate) fn compute_for(
    ctx: &mut Ctx<'_>,
    keep: &dyn Fn(&str) -> bool,
    n: usize,
    exempt: &dyn Fn(&crate::case::Income) -> Option<&'static Rule>,
) -> Result<IncomeCalc, Error> {
    let mut out = IncomeCalc {
        total: None,
        declared_total: None,
        uncertain: Decimal::ZERO,
        uncertain_causes: Vec::new(),
        settled: None,
        summary: IncomeSummary::default(),
        review: Vec::new(),
        discrepancies: Vec::new(),
        warnings: Vec::new(),
    };
    let window = match ctx.get(P::INCOME_LOOKBACK_MONTHS) {
        Some(m) => calendar::lookback_window(ctx.case.as_of, m).map(|w| (w, "policy")),
        None => ctx.case.income_window.map(|p| ((p.start, p.end), "case")),
    };
    let Some(((ws, we), wsrc)) = window else {
        out.review.push(review!(
            ctx.explain,
            &c::INCOME_WINDOW,
            "当地未设定收入计算期,案件也未提供核对期间",
            "no income look-back window: the policy sets none and the case gives none",
        ));
        return Ok(out);
    };
    if ctx.explain {
        out.summary.window = Some([ws.to_string(), we.to_string()]);
        out.summary.window_source = Some(wsrc.to_owned());
    }
    let scale = Scale::new(
        ctx.case
            .incomes
            .iter()
            .map(|r| (r.period.start, r.period.end)),
        (ws, we),
    );

    let pension_basic = ctx.get(P::INCOME_EXCLUDE_RESIDENTS_PENSION_BASIC);
    let extra: Vec<String> = ctx.list(P::INCOME_EXTRA_EXCLUDED_SUBTYPES).to_vec();
    let mut items = Vec::new();
    for (i, r) in ctx.case.incomes.iter().enumerate() {
        let Some(scaled) = scale.share(r, (ws, we))? else {
            continue;
        };
        let exclusion = if keep(&r.member) {
            excluded_by(r.subtype, pension_basic, &extra).or_else(|| exempt(r))
        } else {
            Some(&c::INCOME_EXCLUDED_MEMBER)
        };
        if let Some(rule) = exclusion {
            if ctx.explain {
                out.summary.excluded.push(IncomeExclusion {
                    record: i,
                    member: r.member.clone(),
                    rule: rule.id,
                    citation: rule.citation(),
                    sources: rule.sources,
                    monthly: scale.monthly(scaled)?,
                });
            }
            continue;
        }
        let uncertain =
            r.subtype == IncomeSubtype::ResidentsPensionBasic && pension_basic.is_none();
        items.push(Item {
            member: r.member.clone(),
            category: r.category,
            subtype: r.subtype,
            source: r.source,
            scaled,
            uncertain,
        });
    }
    // Sums of non-terminating decimals depend on order in the last digit; a canonical order
    // makes the result independent of how the records were listed.
    items.sort_by(|a, b| {
        (a.member.as_str(), a.category, a.subtype, a.source, a.scaled).cmp(&(
            b.member.as_str(),
            b.category,
            b.subtype,
            b.source,
            b.scaled,
        ))
    });
    if ctx.explain && items.iter().any(|it| it.uncertain) {
        out.warnings.push(
            "城乡居民基础养老金在“十四五”后是否计入收入尚无国家规定,已暂按计入处理 / the residents' basic pension is counted provisionally: its exclusion was limited to the 14th Five-Year Plan"
                .to_owned(),
        );
    }

    let floor = ctx.get(P::INCOME_FLOOR_NET_TRANSFER_AT_ZERO) == Some(true);
    let work_cost = ctx
        .get(P::INCOME_EMPLOYMENT_COST_DEDUCTION)
        .map(|per| WorkCost {
            per,
            scope: work_cost_scope(ctx),
        });
    // Sums stay scaled (exact) and are divided once at the end: a threshold or a half fen
    // must not be missed by the rounding of a non-terminating quotient per record.
    let (mut total_scaled, by_cat, mut deductions) =
        sum_items(ctx, &items, Mode::PreferVerified, floor, work_cost, &scale)?;
    let (mut declared, _, _) =
        sum_items(ctx, &items, Mode::DeclaredOnly, floor, work_cost, &scale)?;
    // Rigid spending caused by disability or serious illness (DB-2021 第13条 last paragraph).
    let spent = illness_spending(ctx, keep, (ws, we))?;
    // Spending whose deduction is undecided (switch unset): kept in the total but treated
    // like other income whose counting is unsettled, so a result it changes is reviewed.
    let mut pending_scaled = Decimal::ZERO;
    if !spent.is_empty() {
        let ill = illness_deduction(ctx, &spent, n, scale.monthly(total_scaled)?)?;
        out.review.extend(ill.review);
        if !ill.pending.is_zero() {
            pending_scaled =
                money::mul(ill.pending, scale.denominator)?.min(total_scaled.max(Decimal::ZERO));
        }
        if !ill.monthly.is_zero() {
            let d = money::mul(ill.monthly, scale.denominator)?;
            // Never below zero: the deduction lowers income, it does not create any.
            let d_total = d.min(total_scaled.max(Decimal::ZERO));
            let d_declared = d.min(declared.max(Decimal::ZERO));
            total_scaled = money::sub(total_scaled, d_total)?;
            declared = money::sub(declared, d_declared)?;
            deductions = money::add(deductions, d_total)?;
        }
    }
    let uncertain_scaled = items
        .iter()
        .filter(|it| it.uncertain && selected(&items, it, Mode::PreferVerified))
        .try_fold(pending_scaled, |acc, it| money::add(acc, it.scaled))?;
    out.uncertain = scale.monthly(uncertain_scaled)?;
    if items.iter().any(|it| it.uncertain) {
        out.uncertain_causes.push(&c::INCOME_REVIEW_PENSION_BASIC);
    }
    if !pending_scaled.is_zero() {
        out.uncertain_causes.push(&c::INCOME_ILLNESS_DISABILITY);
    }
    out.settled = Some(scale.monthly(money::sub(total_scaled, uncertain_scaled)?)?);
    let total = scale.monthly(total_scaled)?;
    out.total = Some(total);
    out.declared_total = Some(scale.monthly(declared)?);
    out.summary.total_monthly = Some(total);
    out.summary.deductions = scale.monthly(deductions)?;
    if ctx.explain {
        out.summary.by_category = by_cat
            .into_iter()
            .map(|(k, v)| Ok((k.to_owned(), money::show(scale.monthly(v)?))))
            .collect::<Result<_, Error>>()?;
    }
    if n > 0 {
        out.summary.per_capita_monthly = Some(money::div(total, Decimal::from(n))?);
    }
    // Discrepancies only feed the report; decisions compare the declared total instead.
    if ctx.explain {
        out.discrepancies = discrepancies(&items, &scale)?;
    }
    Ok(out)
}

fn excluded_by(
    s: IncomeSubtype,
    pension_basic: Option<bool>,
    extra: &[String],
) -> Option<&'static Rule> {
    let local = extra.iter().any(|e| e == s.as_str());
    match s {
        IncomeSubtype::YoufuFuxu => Some(&c::INCOME_EXCLUDE_YOUFU),
        IncomeSubtype::FamilyPlanning => Some(&c::INCOME_EXCLUDE_FAMILY_PLANNING),
        IncomeSubtype::Scholarship => Some(&c::INCOME_EXCLUDE_SCHOLARSHIP),
        IncomeSubtype::HeroismAward => Some(&c::INCOME_EXCLUDE_HEROISM),
        IncomeSubtype::SocialAssistance => Some(&c::INCOME_EXCLUDE_ASSISTANCE),
        IncomeSubtype::ResidentsPensionBasic if pension_basic == Some(true) => {
            Some(&c::INCOME_EXCLUDE_PENSION_BASIC)
        }
        _ if local => Some(&c::INCOME_EXCLUDE_LOCAL),
        _ => None,
    }
}

type Group<'a> = (&'a str, IncomeCategory, IncomeSubtype);

fn group(it: &Item) -> Group<'_> {
    (it.member.as_str(), it.category, it.subtype)
}

/// Whether `it` is used under `mode`: verified records replace declared ones of the same group.
fn selected(items: &[Item], it: &Item, mode: Mode) -> bool {
    match mode {
        // The family's own figure for every item it declared; items it did not declare
        // keep the verified figure (reported as undeclared, not compared).
        Mode::DeclaredOnly => {
            it.source == Source::Declared
                || !items
                    .iter()
                    .any(|o| o.source == Source::Declared && group(o) == group(it))
        }
        Mode::PreferVerified => {
            it.source == Source::Verified
                || !items
                    .iter()
                    .any(|o| o.source == Source::Verified && group(o) == group(it))
        }
    }
}

/// The employment-cost deduction per working member per month and the income kinds it is
/// taken from.
#[derive(Clone, Copy)]
struct WorkCost {
    per: Decimal,
    /// Whether net business income is in scope (wages always are).
    scope: Scope,
}

#[derive(Clone, Copy)]
struct Scope {
    wage: bool,
    business: bool,
}

/// `income.employment_cost_deduction_scope`; unset means wages only: DB-2021 第13条 takes the
/// necessary employment cost from 工资性收入, while 经营净收入 is already net of its costs.
fn work_cost_scope(ctx: &mut Ctx<'_>) -> Scope {
    match ctx.get(P::INCOME_EMPLOYMENT_COST_DEDUCTION_SCOPE) {
        Some(l) => Scope {
            wage: l.iter().any(|k| k == "wage"),
            business: l.iter().any(|k| k == "business"),
        },
        None => Scope {
            wage: true,
            business: false,
        },
    }
}

/// The scaled total, the scaled sums by category and the scaled work-cost deduction.
fn sum_items(
    ctx: &Ctx<'_>,
    items: &[Item],
    mode: Mode,
    floor: bool,
    work_cost: Option<WorkCost>,
    scale: &Scale,
) -> Result<(Decimal, BTreeMap<&'static str, Decimal>, Decimal), Error> {
    let mut by: BTreeMap<&'static str, Decimal> = BTreeMap::new();
    let mut earned: BTreeMap<&str, Decimal> = BTreeMap::new();
    for it in items.iter().filter(|it| selected(items, it, mode)) {
        let (name, signed) = match it.category {
            IncomeCategory::Wage => ("wage", it.scaled),
            IncomeCategory::Business => ("business", it.scaled),
            IncomeCategory::Property => ("property", it.scaled),
            IncomeCategory::Transfer => ("transfer", it.scaled),
            IncomeCategory::TransferExpenditure => ("transfer", -it.scaled),
            IncomeCategory::Other => ("other", it.scaled),
        };
        let slot = by.entry(name).or_default();
        *slot = money::add(*slot, signed)?;
        let in_scope = work_cost.is_some_and(|w| match it.category {
            IncomeCategory::Wage => w.scope.wage,
            IncomeCategory::Business => w.scope.business,
            _ => false,
        });
        if in_scope {
            let e = earned.entry(it.member.as_str()).or_default();
            *e = money::add(*e, it.scaled)?;
        }
    }
    if floor && let Some(t) = by.get_mut("transfer") {
        *t = (*t).max(Decimal::ZERO);
    }
    let mut deduction = Decimal::ZERO;
    if let Some(w) = work_cost {
        let per = money::mul(w.per, scale.denominator)?;
        for (member, amount) in &earned {
            let working = ctx.case.members.iter().any(|m| {
                m.id == *member
                    && matches!(
                        m.employment,
                        Some(Employment::Employed | Employment::SelfEmployed)
                    )
            });
            if working && *amount > Decimal::ZERO {
                deduction = money::add(deduction, per.min(*amount))?;
            }
        }
    }
    let gross = by
        .values()
        .try_fold(Decimal::ZERO, |a, v| money::add(a, *v))?;
    Ok((money::sub(gross, deduction)?, by, deduction))
}

/// Net spending on medical care and disability rehabilitation by each selected member paid
/// inside the window, as a monthly amount over the window (verified records replacing
/// declared ones per member); members with none are left out.
fn illness_spending(
    ctx: &Ctx<'_>,
    keep: &dyn Fn(&str) -> bool,
    (ws, we): (jiff::civil::Date, jiff::civil::Date),
) -> Result<BTreeMap<String, Decimal>, Error> {
    use crate::case::ExpenditureCategory as E;
    let months = Decimal::from(calendar::months_between(ws, we).max(1));
    let relevant: Vec<&crate::case::Expenditure> = ctx
        .case
        .expenditures
        .iter()
        .filter(|e| matches!(e.category, E::Medical | E::DisabilityRehab))
        .filter(|e| keep(&e.member) && e.date >= ws && e.date <= we)
        .collect();
    let mut out: BTreeMap<String, Decimal> = BTreeMap::new();
    for e in &relevant {
        let replaced = e.source == Source::Declared
            && relevant
                .iter()
                .any(|o| o.source == Source::Verified && o.member == e.member);
        if replaced {
            continue;
        }
        let net = money::sub(e.amount, e.reimbursed)?.max(Decimal::ZERO);
        let slot = out.entry(e.member.clone()).or_default();
        *slot = money::add(*slot, net)?;
    }
    out.retain(|_, v| !v.is_zero());
    for v in out.values_mut() {
        *v = money::div(*v, months)?;
    }
    Ok(out)
}

/// The monthly illness and disability deduction and what is undecided about it.
struct IllnessDeduction {
    monthly: Decimal,
    /// Spending whose deduction is undecided because the switch is unset.
    pending: Decimal,
    review: Vec<Review>,
}

/// DB-2021 第13条 last paragraph: rigid spending caused by disability or serious illness
/// 可按规定适当扣减. The switch, the basis and the cap are local; when the switch is unset
/// and deducting the spending could change the dibao or near-dibao income test, the outcome
/// names the undecided rule instead of assuming either way.
fn illness_deduction(
    ctx: &mut Ctx<'_>,
    spent: &BTreeMap<String, Decimal>,
    n: usize,
    total: Decimal,
) -> Result<IllnessDeduction, Error> {
    let mut review = Vec::new();
    let mut pending = Decimal::ZERO;
    let all = spent
        .values()
        .try_fold(Decimal::ZERO, |a, v| money::add(a, *v))?;
    let monthly = match ctx.get(P::INCOME_ILLNESS_DISABILITY_DEDUCTION) {
        Some(false) => Decimal::ZERO,
        None => {
            if could_change_income_tests(ctx, total, all, n)? {
                review.push(review!(ctx.explain, &c::INCOME_ILLNESS_DISABILITY,
                    format!("成员有因残疾、患重病的支出(每月 {} 元),是否扣减由地方规定,参数 income.illness_disability_deduction 未设定,影响结论", money::show(all)),
                    format!("members have disability or illness spending ({} a month); whether it is deducted is local and parameter income.illness_disability_deduction is not set, which changes the result", money::show(all)),
                ));
            }
            pending = all;
            Decimal::ZERO
        }
        Some(true) => {
            let cap = ctx.get(P::INCOME_ILLNESS_DISABILITY_DEDUCTION_CAP);
            match (ctx.get(P::INCOME_ILLNESS_DISABILITY_DEDUCTION_BASIS), cap) {
                (Some("actual"), _) => spent.values().try_fold(Decimal::ZERO, |a, v| {
                    money::add(a, cap.map_or(*v, |c| (*v).min(c)))
                })?,
                (Some("flat"), Some(c)) => money::mul(c, Decimal::from(spent.len()))?,
                _ => {
                    review.push(review!(ctx.explain, &c::INCOME_ILLNESS_DISABILITY,
                        "因残疾、患重病支出的扣减已启用,但扣减依据或定额未设定(参数 income.illness_disability_deduction_basis / income.illness_disability_deduction_cap)",
                        "the illness and disability deduction is on but its basis or flat amount is not set (parameters income.illness_disability_deduction_basis / income.illness_disability_deduction_cap)",
                    ));
                    Decimal::ZERO
                }
            }
        }
    };
    Ok(IllnessDeduction {
        monthly,
        pending,
        review,
    })
}

/// Whether deducting `d` a month from `total` would change the dibao income test (below the
/// standard for `n` people) or the near-dibao one (below the multiple of it); true when the
/// standard is unknown.
fn could_change_income_tests(
    ctx: &mut Ctx<'_>,
    total: Decimal,
    d: Decimal,
    n: usize,
) -> Result<bool, Error> {
    let Some(s) = crate::rules::dibao::standard(ctx) else {
        return Ok(true);
    };
    let nd = Decimal::from(n.max(1));
    let after = money::sub(total, d)?;
    let mut lines = vec![money::mul(s, nd)?];
    if let Some(k) = ctx.get(P::NEAR_DIBAO_MULTIPLIER) {
        lines.push(money::mul(money::mul(s, k)?, nd)?);
    }
    Ok(lines.iter().any(|l| (total < *l) != (after < *l)))
}

fn discrepancies(items: &[Item], scale: &Scale) -> Result<Vec<Discrepancy>, Error> {
    let groups: BTreeSet<Group<'_>> = items.iter().map(group).collect();
    let mut out = Vec::new();
    for g in groups {
        let (d, v) = verification::totals(
            items
                .iter()
                .filter(|it| group(it) == g)
                .map(|it| (it.source, it.scaled)),
        )?;
        let Some(kind) = verification::classify(d, v) else {
            continue;
        };
        out.push(Discrepancy {
            member: g.0.to_owned(),
            item: format!("income.{}", serde_name(g.1, g.2)),
            declared: d.map(|x| scale.monthly(x)).transpose()?,
            verified: v.map(|x| scale.monthly(x)).transpose()?,
            kind,
        });
    }
    Ok(out)
}

fn serde_name(c: IncomeCategory, s: IncomeSubtype) -> String {
    if s == IncomeSubtype::General {
        c.as_str().to_owned()
    } else {
        format!("{}.{}", c.as_str(), s.as_str())
    }
}

/// A common denominator for a household's monthly figures: the window's months times the
/// least common multiple of the records' months. Each record's monthly contribution,
/// amount × overlapping months ÷ (record months × window months) (DB-2021 第13条 monthly
/// averaging), times it, is an exact decimal; sums are divided once at the end.
struct Scale {
    /// Least common multiple of the record lengths in months.
    lcm: i64,
    /// `lcm` × the window's months.
    denominator: Decimal,
}

/// Above this the common multiple could overflow a sum; records then fall back to a
/// per-record quotient (28 significant digits), which only real registers with unusual
/// period lengths would reach.
const MAX_LCM: i64 = 1_000_000_000;

impl Scale {
    fn new(
        periods: impl Iterator<Item = (jiff::civil::Date, jiff::civil::Date)>,
        window: (jiff::civil::Date, jiff::civil::Date),
    ) -> Self {
        let mut lcm: i64 = 1;
        for p in periods {
            if calendar::overlap_months(p, window) == 0 {
                continue;
            }
            let m = calendar::months_between(p.0, p.1);
            if m <= 0 {
                continue;
            }
            let next = lcm
                .checked_div(gcd(lcm, m))
                .and_then(|x| x.checked_mul(m))
                .filter(|x| *x <= MAX_LCM);
            match next {
                Some(x) => lcm = x,
                None => {
                    lcm = 0;
                    break;
                }
            }
        }
        let w = calendar::months_between(window.0, window.1).max(1);
        let denominator = if lcm == 0 {
            Decimal::from(w)
        } else {
            Decimal::from(lcm) * Decimal::from(w)
        };
        Self { lcm, denominator }
    }

    /// A record's monthly contribution × the denominator; `None` when nothing overlaps.
    fn share(
        &self,
        r: &crate::case::Income,
        window: (jiff::civil::Date, jiff::civil::Date),
    ) -> Result<Option<Decimal>, Error> {
        let rec_months = calendar::months_between(r.period.start, r.period.end);
        let overlap = calendar::overlap_months((r.period.start, r.period.end), window);
        if overlap == 0 || rec_months == 0 {
            return Ok(None);
        }
        let part = money::mul(r.amount, Decimal::from(overlap))?;
        if self.lcm == 0 {
            return money::div(part, Decimal::from(rec_months)).map(Some);
        }
        money::mul(part, Decimal::from(self.lcm / rec_months)).map(Some)
    }

    /// A scaled figure as a monthly amount: the one division.
    fn monthly(&self, scaled: Decimal) -> Result<Decimal, Error> {
        money::div(scaled, self.denominator)
    }
}

fn gcd(mut a: i64, mut b: i64) -> i64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs().max(1)
}

/// The look-back window and its length in months, if one is set (policy first, then case).
pub(crate) fn window(ctx: &mut Ctx<'_>) -> Option<((jiff::civil::Date, jiff::civil::Date), i64)> {
    if let Some(w) = ctx.window {
        return w;
    }
    let w = match ctx.get(P::INCOME_LOOKBACK_MONTHS) {
        Some(m) => calendar::lookback_window(ctx.case.as_of, m),
        None => ctx.case.income_window.map(|p| (p.start, p.end)),
    }
    .map(|w| (w, calendar::months_between(w.0, w.1)));
    ctx.window = Some(w);
    w
}

/// One person's own monthly income over the window (verified records replacing declared
/// ones), leaving out records `excluded` says are not counted; `None` without a window.
pub(crate) fn own_monthly(
    ctx: &mut Ctx<'_>,
    member: &str,
    excluded: impl Fn(&crate::case::Income) -> bool,
) -> Result<Option<Decimal>, Error> {
    let Some(((ws, we), _)) = window(ctx) else {
        return Ok(None);
    };
    let recs: Vec<&crate::case::Income> = ctx
        .case
        .incomes
        .iter()
        .filter(|r| r.member == member && !excluded(r))
        .collect();
    let scale = Scale::new(
        recs.iter().map(|r| (r.period.start, r.period.end)),
        (ws, we),
    );
    let mut parts: Vec<Decimal> = Vec::new();
    for r in &recs {
        let replaced = r.source == Source::Declared
            && recs.iter().any(|o| {
                o.source == Source::Verified && o.category == r.category && o.subtype == r.subtype
            });
        if replaced {
            continue;
        }
        let Some(share) = scale.share(r, (ws, we))? else {
            continue;
        };
        let signed = if r.category == IncomeCategory::TransferExpenditure {
            -share
        } else {
            share
        };
        parts.push(signed);
    }
    parts.sort();
    let total = parts.into_iter().try_fold(Decimal::ZERO, money::add)?;
    Ok(Some(scale.monthly(total)?))
}

/// Rigid expenditure of counted members paid in the 12 months before `as_of`, net of
/// reimbursement; education at most the public fee standard, postgraduate study not counted
/// (GX-2024 第4条(四), 第5条).
pub(crate) fn rigid_expenditure_12m(ctx: &Ctx<'_>, h: &Household<'_>) -> Result<Decimal, Error> {
    use crate::case::{EducationLevel, ExpenditureCategory};
    let as_of = ctx.case.as_of;
    let start =
        calendar::add_months(as_of, -law::RIGID_EXPENDITURE_LOOKBACK_MONTHS).unwrap_or(as_of);
    let mut total = Decimal::ZERO;
    for e in &ctx.case.expenditures {
        if !h.is_counted(&e.member) || e.date < start || e.date >= as_of {
            continue;
        }
        if e.category == ExpenditureCategory::Education
            && e.education_level == Some(EducationLevel::Postgraduate)
        {
            continue;
        }
        let mut amount = e.amount;
        if e.category == ExpenditureCategory::Education
            && let Some(cap) = e.public_fee_standard
        {
            amount = amount.min(cap);
        }
        total = money::add(total, money::sub(amount, e.reimbursed)?.max(Decimal::ZERO))?;
    }
    Ok(total)
}

impl IncomeCalc {
    /// Review entries, one per cause, for income whose counting is unsettled where it changes
    /// a test's result (the residents' basic pension after 2025; illness or disability
    /// spending whose deduction the locality has not decided).
    pub(crate) fn unsettled_review(&self, ex: bool) -> Vec<Review> {
        let amount = money::show(self.uncertain);
        self.uncertain_causes
            .iter()
            // The illness deduction's own review, when it is already among the income reviews.
            .filter(|rule| !self.review.iter().any(|r| r.rule == rule.id))
            .map(|rule| {
                if rule.id == c::INCOME_ILLNESS_DISABILITY.id {
                    review!(ex, rule,
                        format!("因残疾、重病增加的支出是否扣减当地未规定(参数 income.illness_disability_deduction),尚未确定的收入每月 {amount} 元影响结论"),
                        format!("whether spending caused by disability or serious illness is deducted is not set locally (parameter income.illness_disability_deduction); the unsettled {amount} a month changes the result"))
                } else {
                    review!(ex, rule,
                        format!("是否计入城乡居民基础养老金影响结论(尚未确定的收入每月 {amount} 元)"),
                        format!("whether the residents' basic pension counts changes the result (unsettled income {amount} a month)"))
                }
            })
            .collect()
    }
}
