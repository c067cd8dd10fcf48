//! Deterministic synthetic households for a region, for batch scoring at scale and peer
//! comparison.
//!
//! **The numbers are illustrative.** Rates, ages, amounts and shares below are plausible
//! choices made to exercise the engine, not statistics about any real population.
//!
//! Household `index` is generated from `(seed, index)` alone (a `ChaCha8` stream per index), so
//! any range can be generated on its own, in any order, on any number of threads, and the
//! same seed gives the same cases on every platform. All money is whole fen built from
//! integers; no floats are involved. Every fact generated has a register column, so
//! [`crate::tables::to_tables`] never fails on a synthetic case. Member ids are `m1`, `m2`, …
//! in member order (`m1` is the applicant); `case.id` is the index in decimal.
//!
//! Both profiles set the income window to the `income.lookback_months` (6 when the policy
//! sets none) whole calendar months before the month of `as_of`, and draw each household's
//! target per-capita monthly income as a ratio `r` of the dibao standard for its residence:
//!
//! | share | `r` (× standard) |
//! |---|---|
//! | 12% | below 0.8 (a quarter of these have no counted income) |
//! | 25% (configurable) | 0.8 to 1.2 inclusive (near the threshold) |
//! | 13% | above 1.2, below 1.5 (the usual near-dibao band) |
//! | 50% | 1.5 to 6 |
//!
//! The household total is `r × standard × members`, cut to the fen.
//!
//! # `Profile::Plain`
//!
//! Households a simple rule decides alone (income test, asset test, 补差 amount). Exactly:
//!
//! - `residence`: `urban` or `rural` with equal chance (only those whose standard is set).
//! - `income_window` as above; `programs` empty (dibao and near-dibao); default `history`
//!   (not enrolled anywhere); no auxiliary flags; `checked_sources` = the region's
//!   `verification.required_sources` plus `public_security`, `human_resources`, `tax`,
//!   `real_estate`, `bank`.
//! - Members: 1–6 (1: 14%, 2: 24%, 3: 26%, 4: 18%, 5: 11%, 6: 7%), relations only `self`,
//!   `spouse`, `child`, `parent`, with ages consistent with the relation. Where the region
//!   leaves the classified-support uplift for the elderly or for minors unset (all embedded
//!   regions do), every member is 18–59 (applicant 40–59, no parents), since an unset uplift
//!   leaves such a household's amount to review. Every member has
//!   `hukou_in_household = true`, `lives_together = true`, no disability, illness, status,
//!   employment (so no work-cost deduction), `id_number` or `support_duty`;
//!   `cannot_live_independently = false`; `schooling` by age (`compulsory` 6–14,
//!   `senior_high` 15–17, `higher_education` for about half of children aged 18–21,
//!   otherwise `none`); `marital_status` consistent with the composition (`None` under 18).
//!   So every member is counted: household size = number of members.
//! - Incomes: members aged 18–59 not in school may earn `wage` (subtype `general`,
//!   agency `human_resources` or `tax`); members aged 60+ receive `transfer` /
//!   `retirement_pension` (agency `human_resources`). The household total is split among
//!   them in whole fen. Every record is `verified`, covers exactly the income window, and
//!   its amount is a whole-fen monthly figure × the window's months, so
//!   `amount ÷ months` is exact. No other category or subtype occurs.
//! - Assets: the only home (`housing`, verified by `real_estate`, with `area_m2` and a value)
//!   in 60% of households. Deposits (`deposit`, verified by `bank`, one record on the
//!   applicant) only when the region sets a per-capita financial limit for both dibao and
//!   near-dibao (`*.assets.financial_limit_per_capita`, or `*_months` × standard); then 70%
//!   of households hold deposits of 0–130% of the smaller limit per member. None of the
//!   embedded regions sets such a limit, so with them Plain households hold no deposits.
//!
//! With these facts the engine's rule reduces to: `n` = members, `total` = Σ amount ÷ months;
//! dibao eligible iff `total < standard × n` and the asset tests pass (the only home passes
//! unless a housing count or area limit says otherwise), amount = `standard × n − total`
//! plus any classified-support uplift, minimum and rounding the policy sets; near-dibao
//! eligible iff not dibao-eligible, `total < standard × multiplier × n` and the near-dibao
//! asset tests pass. Every Plain household gets a decided dibao and near-dibao status as
//! long as the region sets the standard and `near_dibao.multiplier`.
//!
//! # `Profile::Register` (default)
//!
//! A register-like mix (illustrative rates):
//! - the same sizes, plus three-generation households (child-in-law, grandchildren) in sizes
//!   5–6; urban 60% / rural 40%; ages across the life course;
//! - disability (about 1.5% of minors, 4% of adults under 60, 12% of members 60+; grades
//!   1–4, seven categories, 90% certified), serious illness (about 2.5%, 5% at 60+; 80% on
//!   the local list), students at every level, retirees, the unemployed, rare statuses
//!   (prison, suspended sentence, conscript, clergy, pre-trial detention, missing: ≈1% of
//!   members in all), members away from home (≈10% of adult children), hukou elsewhere (3%);
//! - incomes: wage, business (some as 12-month records), retirement pension, residents'
//!   pension (basic and personal), old-age allowance, support received, unemployment
//!   insurance, property income; exempt transfers on top of the target (the household's own
//!   dibao as social assistance, scholarships, family-planning awards, 优抚, heroism
//!   awards); social-insurance contributions deducted; some jobs started inside the window;
//! - sources: per income stream 55% verified only, 35% declared and verified, 10% declared
//!   only (streams no agency holds are declared only); about 4% of households have a
//!   declared figure below the verified one (a discrepancy);
//! - assets: deposits (30–80% of households by income), securities, online finance,
//!   insurance, the family home (70–85%), second homes, cars, motorcycles, farm vehicles,
//!   disability mobility vehicles, business registrations, rare non-residential property;
//! - a few households on dibao already (with the current amount), a few with auxiliary flags.

use jiff::civil::Date;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rust_decimal::Decimal;

use hedui_core::case::{
    Agency, AssetKind, AuxiliaryFlag, Case, Disability, DisabilityCategory, Employment, Illness,
    IncomeCategory, IncomeSubtype, MaritalStatus, Member, Period, Relation, Residence, Schooling,
    Source, Status, VehicleType, VehicleUse,
};
use hedui_core::policy::ParamValue;
use hedui_core::{Engine, Error, ErrorKind};

use crate::register::Templates;

/// What kind of households to generate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Profile {
    /// A register-like mix of facts (see the module documentation).
    #[default]
    Register,
    /// Households a simple income + asset rule decides alone (see the module documentation).
    Plain,
}

/// Settings for a synthetic register; build with [`SynthConfig::new`].
#[derive(Clone, Debug)]
pub struct SynthConfig {
    /// GB/T 2260 code written into every case.
    pub region: String,
    /// Assessment date of every case.
    pub as_of: Date,
    /// Seed; with the index it fixes a household.
    pub seed: u64,
    /// What to generate.
    pub profile: Profile,
    /// Share of households, in per mille, whose per-capita income is within ±20% of the
    /// standard (default 250).
    pub near_threshold_permille: u32,
    std_urban: Option<i64>,
    std_rural: Option<i64>,
    window: Period,
    months: i64,
    fin_limit_urban: Option<i64>,
    fin_limit_rural: Option<i64>,
    /// Plain only: the region leaves the classified-support uplift for the elderly or for
    /// minors unset, so only members aged 18–59 are drawn (who are in neither group).
    adults_only: bool,
    required_sources: Vec<Agency>,
    t: Templates,
}

/// A money parameter in whole fen (standards and limits have at most two decimals).
fn fen(d: Decimal) -> Option<i64> {
    let n = d.normalize();
    let v = n
        .mantissa()
        .checked_mul(10i128.checked_pow(2u32.checked_sub(n.scale())?)?)?;
    i64::try_from(v).ok()
}

fn fen_to_decimal(f: i64) -> Decimal {
    Decimal::new(f, 2)
}

impl SynthConfig {
    /// Reads the region's dibao standards, look-back months, financial-asset limits and
    /// required verification sources in force on `as_of` from `engine`.
    ///
    /// Fails for an unknown region, or when neither the urban nor the rural standard is set
    /// (households are generated only for a residence whose standard is set).
    pub fn new(
        engine: &Engine,
        region: &str,
        as_of: Date,
        seed: u64,
        profile: Profile,
    ) -> Result<Self, Error> {
        let params = engine.effective_parameters(region, as_of)?;
        let get = |k: &str| params.iter().find(|p| p.key == k).map(|p| &p.value);
        let dec = |k: &str| get(k).and_then(ParamValue::decimal);
        let money = |k: &str| dec(k).and_then(fen);
        let std_urban = money("dibao.standard.urban");
        let std_rural = money("dibao.standard.rural");
        if std_urban.is_none() && std_rural.is_none() {
            return Err(Error::at(
                ErrorKind::NoPolicyForDate,
                "dibao.standard",
                format!(
                    "region `{region}` has no dibao standard (urban or rural) on {as_of}; synthetic incomes are drawn relative to it"
                ),
            ));
        }
        let months = match get("income.lookback_months") {
            Some(ParamValue::Int(m)) if *m > 0 => *m,
            _ => 6,
        };
        let (start, end) =
            hedui_core::calendar::lookback_window(as_of, months).ok_or_else(|| {
                Error::at(
                    ErrorKind::InvalidDate,
                    "as_of",
                    format!("no {months}-month income window before {as_of}"),
                )
            })?;
        // Per-capita limit for one program and residence: a fixed amount, or months × standard.
        let limit = |prog: &str, std: Option<i64>| -> Option<i64> {
            money(&format!("{prog}.assets.financial_limit_per_capita")).or_else(|| {
                let m = dec(&format!("{prog}.assets.financial_limit_months"))?;
                let s = fen_to_decimal(std?);
                fen(m.checked_mul(s)?.trunc_with_scale(2))
            })
        };
        let both = |std: Option<i64>| -> Option<i64> {
            Some(limit("dibao", std)?.min(limit("near_dibao", std)?))
        };
        let required_sources = match get("verification.required_sources") {
            Some(ParamValue::List(l)) => {
                l.iter().filter_map(|s| s.parse::<Agency>().ok()).collect()
            }
            _ => Vec::new(),
        };
        let adults_only = profile == Profile::Plain
            && (dec("dibao.uplift.elderly_ratio").is_none()
                || dec("dibao.uplift.minor_ratio").is_none());
        Ok(Self {
            region: region.to_owned(),
            as_of,
            seed,
            profile,
            near_threshold_permille: 250,
            std_urban,
            std_rural,
            window: Period { start, end },
            months,
            fin_limit_urban: both(std_urban),
            fin_limit_rural: both(std_rural),
            adults_only,
            required_sources,
            t: Templates::new()?,
        })
    }

    /// The monthly dibao standard per person for `r`, if the region sets one.
    pub fn standard(&self, r: Residence) -> Option<Decimal> {
        match r {
            Residence::Urban => self.std_urban,
            Residence::Rural => self.std_rural,
        }
        .map(fen_to_decimal)
    }

    /// The income window written into every case.
    pub fn income_window(&self) -> Period {
        self.window
    }
}

/// Household `index`: deterministic for the config and index alone.
pub fn household(cfg: &SynthConfig, index: u64) -> Case {
    let mut g = Gen::new(cfg, index);
    g.case(index)
}

/// Households `range`, in order (each as [`household`] would give it).
pub fn households(cfg: &SynthConfig, range: std::ops::Range<u64>) -> Vec<Case> {
    range.map(|i| household(cfg, i)).collect()
}

// ---------------------------------------------------------------------------------------------

/// Uniform draws from a `ChaCha8` stream, integers only.
struct Rng(ChaCha8Rng);

impl Rng {
    /// `0..n` (multiply-shift; the bias is far below anything the data could show).
    fn below(&mut self, n: u64) -> u64 {
        let wide = u128::from(self.0.next_u64()) * u128::from(n);
        u64::try_from(wide >> 64).unwrap_or(0)
    }

    /// `lo..=hi` (`lo` when `hi < lo`).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = hi.abs_diff(lo).saturating_add(1);
        lo.saturating_add_unsigned(self.below(span))
    }

    /// True with probability `permille` / 1000.
    fn chance(&mut self, permille: u64) -> bool {
        self.below(1000) < permille
    }

    /// A value chosen by integer weights.
    fn pick<T: Copy>(&mut self, weighted: &[(u32, T)]) -> Option<T> {
        let total: u64 = weighted.iter().map(|(w, _)| u64::from(*w)).sum();
        let mut x = self.below(total.max(1));
        for (w, v) in weighted {
            let w = u64::from(*w);
            if x < w {
                return Some(*v);
            }
            x -= w;
        }
        weighted.last().map(|(_, v)| *v)
    }
}

const MEMBER_IDS: [&str; 8] = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"];
/// `m1`, `m2`, … for member position `i`.
fn member_id(i: usize) -> &'static str {
    MEMBER_IDS.get(i).copied().unwrap_or("m9")
}

const DAYS_IN_MONTH: [i8; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ILLNESSES: [&str; 6] = [
    "尿毒症",
    "恶性肿瘤",
    "白血病",
    "再生障碍性贫血",
    "慢性肾功能衰竭",
    "重性精神病",
];

/// One income stream before sources are assigned.
#[derive(Clone, Copy)]
struct Stream {
    member: usize,
    category: IncomeCategory,
    subtype: IncomeSubtype,
    agency: Option<Agency>,
    /// Monthly amount, fen.
    monthly: i64,
    /// Months the record covers, ending at the window end (the window's length by default).
    months: i64,
    /// A 12-month record ending at the window end (annual business accounts).
    annual: bool,
}

struct Gen<'a> {
    cfg: &'a SynthConfig,
    rng: Rng,
    plain: bool,
}

impl<'a> Gen<'a> {
    fn new(cfg: &'a SynthConfig, index: u64) -> Self {
        let mut key = [0u8; 32];
        let (a, b) = key.split_at_mut(8);
        a.copy_from_slice(&cfg.seed.to_le_bytes());
        // A fixed tag keeps these streams apart from other uses of the same seed.
        if let Some(tag) = b.get_mut(..8) {
            tag.copy_from_slice(b"hedui-sy");
        }
        let mut rng = ChaCha8Rng::from_seed(key);
        rng.set_stream(index);
        Self {
            cfg,
            rng: Rng(rng),
            plain: cfg.profile == Profile::Plain,
        }
    }

    fn residence(&mut self) -> (Residence, i64) {
        let c = self.cfg;
        let urban_share = if self.plain { 500 } else { 600 };
        match (c.std_urban, c.std_rural) {
            (Some(u), Some(r)) => {
                if self.rng.chance(urban_share) {
                    (Residence::Urban, u)
                } else {
                    (Residence::Rural, r)
                }
            }
            (Some(u), None) => (Residence::Urban, u),
            (None, Some(r)) => (Residence::Rural, r),
            // SynthConfig::new refuses a region without a standard.
            (None, None) => (Residence::Urban, 0),
        }
    }

    /// The target ratio of per-capita income to the standard, per mille.
    fn ratio(&mut self) -> i64 {
        let near = u64::from(self.cfg.near_threshold_permille.min(1000));
        let rest = 1000 - near;
        // The other bands keep their 12 : 13 : 50 proportions.
        let x = self.rng.below(1000);
        let low = rest * 12 / 75;
        let band = rest * 13 / 75;
        if x < low {
            if self.rng.chance(250) {
                0
            } else {
                self.rng.range(1, 799)
            }
        } else if x < low + near {
            self.rng.range(800, 1200)
        } else if x < low + near + band {
            self.rng.range(1201, 1499)
        } else {
            // Three draws: most well-off households sit nearer 1.5 than 6.
            1500 + self.rng.range(0, 1500) + self.rng.range(0, 1500) + self.rng.range(0, 1500)
        }
    }

    fn birth_date(&mut self, age: i64) -> Date {
        let as_of = self.cfg.as_of;
        let month = i8::try_from(self.rng.range(1, 12)).unwrap_or(1);
        // 29 February is never drawn: its birthday rule would make the age off by one.
        let dim = DAYS_IN_MONTH
            .get(usize::try_from(month - 1).unwrap_or(0))
            .copied()
            .unwrap_or(28);
        let day = i8::try_from(self.rng.range(1, i64::from(dim))).unwrap_or(1);
        let before = (month, day) > (as_of.month(), as_of.day());
        let year = i64::from(as_of.year()) - age - i64::from(before);
        i16::try_from(year)
            .ok()
            .and_then(|y| Date::new(y, month, day).ok())
            .unwrap_or(as_of)
    }

    fn case(&mut self, index: u64) -> Case {
        let cfg = self.cfg;
        let mut case = cfg.t.case.clone();
        case.id = index.to_string();
        cfg.region.clone_into(&mut case.region);
        case.as_of = cfg.as_of;
        let (residence, std) = self.residence();
        case.residence = residence;
        case.income_window = Some(cfg.window);

        let ages = self.members(&mut case, residence);
        let r = self.ratio();
        let n = i64::try_from(case.members.len()).unwrap_or(1);
        let total =
            i64::try_from(i128::from(std) * i128::from(n) * i128::from(r) / 1000).unwrap_or(0);
        if self.plain {
            self.plain_incomes(&mut case, &ages, total);
            self.plain_assets(&mut case, residence, n);
        } else {
            self.register_incomes(&mut case, &ages, residence, total, r, std, n);
            self.register_assets(&mut case, &ages, residence, r, n);
            self.register_history(&mut case, r, std, n);
        }
        self.checked_sources(&mut case);
        case
    }

    /// Relations and ages: the household's composition.
    fn composition(&mut self) -> (Vec<Relation>, Vec<i64>) {
        use Relation::{
            Applicant as S, Child as C, ChildInLaw as L, Grandchild as G, Parent as P, Spouse as W,
        };
        let size = self
            .rng
            .pick(&[(140, 1), (240, 2), (260, 3), (180, 4), (110, 5), (70, 6)])
            .unwrap_or(3);
        let three_gen = !self.plain && self.rng.chance(200);
        let adults = self.cfg.adults_only;
        let rels: &[Relation] = match size {
            1 => &[S],
            2 => self
                .rng
                .pick(&[(60, &[S, W][..]), (25, &[S, C]), (15, &[S, P])])
                .unwrap_or(&[S, W]),
            3 => self
                .rng
                .pick(&[(70, &[S, W, C][..]), (12, &[S, C, C]), (18, &[S, W, P])])
                .unwrap_or(&[S, W, C]),
            4 => self
                .rng
                .pick(&[
                    (55, &[S, W, C, C][..]),
                    (35, &[S, W, C, P]),
                    (10, &[S, W, P, P]),
                ])
                .unwrap_or(&[S, W, C, C]),
            5 if three_gen => &[S, W, C, L, G],
            5 => self
                .rng
                .pick(&[
                    (45, &[S, W, C, C, P][..]),
                    (28, &[S, W, C, P, P]),
                    (27, &[S, W, C, C, C]),
                ])
                .unwrap_or(&[S, W, C, C, P]),
            _ if three_gen => &[S, W, C, L, G, G],
            _ => self
                .rng
                .pick(&[(60, &[S, W, C, C, P, P][..]), (40, &[S, W, C, C, C, P])])
                .unwrap_or(&[S, W, C, C, P, P]),
        };
        // Adults only: parents (60+ beside a working-age applicant) become adult children.
        let rels: Vec<Relation> = rels
            .iter()
            .map(|&r| if adults && r == P { C } else { r })
            .collect();
        let has = |r: Relation| rels.contains(&r);
        let a = if adults {
            self.rng.range(40, 59)
        } else if has(G) {
            self.rng.range(50, 78)
        } else if has(P) {
            self.rng.range(24, 62)
        } else if has(C) {
            self.rng.range(24, 62)
        } else if has(W) {
            self.rng.range(22, 88)
        } else if self.rng.chance(500) {
            self.rng.range(60, 95)
        } else {
            self.rng.range(18, 59)
        };
        let mut ages = Vec::with_capacity(rels.len());
        let mut child_age = None;
        for rel in &rels {
            let age = match rel {
                S => a,
                W if adults => (a + self.rng.range(-5, 5)).clamp(20, 59),
                C if adults => self.rng.range(18, a - 20),
                W => (a + self.rng.range(-5, 5)).max(20),
                C if has(G) => *child_age.get_or_insert_with(|| (a - 22 - (a - 50) / 2).max(22)),
                C => self.rng.range((a - 40).max(0), a - 20),
                P => (a + self.rng.range(22, 34)).min(98),
                L => child_age.map_or(30, |c| (c + self.rng.range(-3, 3)).max(20)),
                G => self
                    .rng
                    .range(0, (child_age.unwrap_or(30) - 22).clamp(0, 17)),
                _ => a,
            };
            ages.push(age);
        }
        (rels, ages)
    }

    fn members(&mut self, case: &mut Case, residence: Residence) -> Vec<i64> {
        let (rels, ages) = self.composition();
        let has_spouse = rels.contains(&Relation::Spouse);
        let parents = rels.iter().filter(|r| **r == Relation::Parent).count();
        let has_in_law = rels.contains(&Relation::ChildInLaw);
        case.members.reserve(rels.len());
        for (i, (&rel, &age)) in rels.iter().zip(&ages).enumerate() {
            let mut m = self.cfg.t.member.clone();
            member_id(i).clone_into(&mut m.id);
            m.relation = rel;
            m.birth_date = self.birth_date(age);
            m.hukou_in_household = true;
            m.lives_together = true;
            m.schooling = self.schooling(rel, age);
            m.marital_status = self.marital(rel, age, has_spouse, parents, has_in_law, i);
            if !self.plain {
                self.register_member(&mut m, rel, age, residence);
            }
            case.members.push(m);
        }
        ages
    }

    fn schooling(&mut self, rel: Relation, age: i64) -> Schooling {
        let child = matches!(rel, Relation::Child | Relation::Grandchild);
        match age {
            6..=14 => Schooling::Compulsory,
            15..=17 => {
                if self.plain {
                    Schooling::SeniorHigh
                } else {
                    self.rng
                        .pick(&[
                            (70, Schooling::SeniorHigh),
                            (20, Schooling::SecondaryVocational),
                            (10, Schooling::None),
                        ])
                        .unwrap_or(Schooling::SeniorHigh)
                }
            }
            18..=21 if child && self.rng.chance(500) => Schooling::HigherEducation,
            22..=26 if child && !self.plain && self.rng.chance(60) => {
                Schooling::FullTimePostgraduate
            }
            _ => Schooling::None,
        }
    }

    fn marital(
        &mut self,
        rel: Relation,
        age: i64,
        has_spouse: bool,
        parents: usize,
        has_in_law: bool,
        i: usize,
    ) -> Option<MaritalStatus> {
        use MaritalStatus::{Divorced, Married, Single, Widowed};
        if age < 18 {
            return None;
        }
        Some(match rel {
            Relation::Applicant if has_spouse => Married,
            Relation::Spouse | Relation::ChildInLaw => Married,
            // The first child of a three-generation household is the in-law's spouse.
            Relation::Child if has_in_law && i == 2 => Married,
            Relation::Parent if parents == 2 => Married,
            Relation::Parent => Widowed,
            Relation::Child | Relation::Grandchild => {
                if age >= 28 && self.rng.chance(300) {
                    Divorced
                } else {
                    Single
                }
            }
            _ if age < 30 => Single,
            _ if age < 60 => self
                .rng
                .pick(&[(30, Single), (50, Divorced), (20, Widowed)])
                .unwrap_or(Single),
            _ => self
                .rng
                .pick(&[(10, Single), (20, Divorced), (70, Widowed)])
                .unwrap_or(Widowed),
        })
    }

    // ---- Plain ----------------------------------------------------------------------------

    fn plain_incomes(&mut self, case: &mut Case, ages: &[i64], total: i64) {
        if total <= 0 {
            return;
        }
        let mut streams = Vec::new();
        for (i, m) in case.members.iter().enumerate() {
            let age = ages.get(i).copied().unwrap_or(0);
            if (18..60).contains(&age) && m.schooling == Schooling::None {
                let agency = if self.rng.chance(700) {
                    Agency::HumanResources
                } else {
                    Agency::Tax
                };
                streams.push(self.stream(
                    i,
                    IncomeCategory::Wage,
                    IncomeSubtype::General,
                    Some(agency),
                ));
            } else if age >= 60 {
                streams.push(self.stream(
                    i,
                    IncomeCategory::Transfer,
                    IncomeSubtype::RetirementPension,
                    Some(Agency::HumanResources),
                ));
            }
        }
        if streams.is_empty() {
            // Only minors and students besides the applicant, who is an adult: give them a wage.
            streams.push(self.stream(
                0,
                IncomeCategory::Wage,
                IncomeSubtype::General,
                Some(Agency::HumanResources),
            ));
        }
        self.split(&mut streams, total);
        for s in &streams {
            self.push_income(case, s, Source::Verified, s.agency, s.monthly);
        }
    }

    fn plain_assets(&mut self, case: &mut Case, residence: Residence, n: i64) {
        if self.rng.chance(600) {
            self.home(case, residence, 0);
        }
        let limit = match residence {
            Residence::Urban => self.cfg.fin_limit_urban,
            Residence::Rural => self.cfg.fin_limit_rural,
        };
        if let Some(lim) = limit
            && self.rng.chance(700)
        {
            let per = self.rng.range(0, lim.saturating_mul(13) / 10);
            let mut a = self.cfg.t.asset.clone();
            "m1".clone_into(&mut a.member);
            a.kind = AssetKind::Deposit;
            a.value = fen_to_decimal(per.saturating_mul(n));
            a.source = Source::Verified;
            a.agency = Some(Agency::Bank);
            case.assets.push(a);
        }
    }

    // ---- shared pieces ----------------------------------------------------------------------

    fn stream(
        &mut self,
        member: usize,
        category: IncomeCategory,
        subtype: IncomeSubtype,
        agency: Option<Agency>,
    ) -> Stream {
        Stream {
            member,
            category,
            subtype,
            agency,
            monthly: 0,
            months: self.cfg.months,
            annual: false,
        }
    }

    /// Splits `total` fen a month among the streams by random weights, in whole fen.
    fn split(&mut self, streams: &mut [Stream], total: i64) {
        let weights: Vec<i64> = streams.iter().map(|_| self.rng.range(1, 10)).collect();
        let sum: i64 = weights.iter().sum();
        let mut left = total;
        let last = streams.len().saturating_sub(1);
        for (k, (s, w)) in streams.iter_mut().zip(&weights).enumerate() {
            let part = if k == last {
                left
            } else {
                i64::try_from(i128::from(total) * i128::from(*w) / i128::from(sum.max(1)))
                    .unwrap_or(0)
            };
            s.monthly = part;
            left -= part;
        }
    }

    /// Adds one income record: `monthly` fen over the stream's months, ending at the window
    /// end (so the amount divides exactly).
    fn push_income(
        &self,
        case: &mut Case,
        s: &Stream,
        source: Source,
        agency: Option<Agency>,
        monthly: i64,
    ) {
        if monthly <= 0 {
            return;
        }
        let w = self.cfg.window;
        let months = if s.annual { 12 } else { s.months };
        let start = w
            .end
            .first_of_month()
            .checked_sub(jiff::Span::new().months(months - 1))
            .unwrap_or(w.start);
        let mut r = self.cfg.t.income.clone();
        member_id(s.member).clone_into(&mut r.member);
        r.category = s.category;
        r.subtype = s.subtype;
        r.amount = fen_to_decimal(monthly.saturating_mul(months));
        r.period = Period { start, end: w.end };
        r.source = source;
        r.agency = if source == Source::Verified {
            agency
        } else {
            None
        };
        case.incomes.push(r);
    }

    fn home(&mut self, case: &mut Case, residence: Residence, member: usize) {
        let area = self.rng.range(3500, 14000); // hundredths of a square metre
        let price = match residence {
            Residence::Urban => self.rng.range(6000, 15000),
            Residence::Rural => self.rng.range(800, 3000),
        };
        let mut a = self.cfg.t.asset.clone();
        member_id(member).clone_into(&mut a.member);
        a.kind = AssetKind::Housing;
        // area/100 m² × price yuan = area × price fen.
        a.value = fen_to_decimal(area.saturating_mul(price));
        a.source = Source::Verified;
        a.agency = Some(Agency::RealEstate);
        a.area_m2 = Some(Decimal::new(area, 2));
        case.assets.push(a);
    }

    fn checked_sources(&mut self, case: &mut Case) {
        let v = &mut case.verification.checked_sources;
        v.extend(self.cfg.required_sources.iter().copied());
        let base: &[Agency] = if self.plain {
            &[
                Agency::PublicSecurity,
                Agency::HumanResources,
                Agency::Tax,
                Agency::RealEstate,
                Agency::Bank,
            ]
        } else {
            &[
                Agency::PublicSecurity,
                Agency::HumanResources,
                Agency::Tax,
                Agency::RealEstate,
                Agency::MarketRegulation,
                Agency::HousingFund,
                Agency::VehicleAdministration,
                Agency::Bank,
                Agency::Securities,
                Agency::CivilAffairs,
            ]
        };
        for a in base {
            // Register: now and then a source was not queried.
            if !v.contains(a) && (self.plain || !self.rng.chance(40)) {
                v.push(*a);
            }
        }
    }

    // ---- Register ---------------------------------------------------------------------------

    fn register_member(&mut self, m: &mut Member, rel: Relation, age: i64, residence: Residence) {
        let r = &mut self.rng;
        m.hukou_in_household = !r.chance(30);
        m.lives_together = match rel {
            Relation::Applicant => true,
            Relation::Child if age >= 18 && m.schooling == Schooling::None => !r.chance(100),
            Relation::Parent => !r.chance(60),
            _ => !r.chance(20),
        };
        let disabled = match age {
            0..=17 => r.chance(15),
            18..=59 => r.chance(40),
            _ => r.chance(120),
        };
        if disabled {
            let grade = r.pick(&[(12, 1u8), (23, 2), (30, 3), (35, 4)]).unwrap_or(4);
            let category = r
                .pick(&[
                    (45, DisabilityCategory::Physical),
                    (12, DisabilityCategory::Visual),
                    (13, DisabilityCategory::Hearing),
                    (2, DisabilityCategory::Speech),
                    (9, DisabilityCategory::Intellectual),
                    (10, DisabilityCategory::Mental),
                    (9, DisabilityCategory::Multiple),
                ])
                .unwrap_or(DisabilityCategory::Physical);
            m.disability = Some(Disability {
                category,
                grade,
                certificate: Some(r.chance(900)),
                components: Vec::new(),
            });
            if rel == Relation::Child && age >= 18 && grade <= 2 && r.chance(700) {
                m.cannot_live_independently = true;
            }
        }
        let ill = if age >= 60 {
            r.chance(50)
        } else if age >= 18 {
            r.chance(25)
        } else {
            r.chance(5)
        };
        if ill {
            let k =
                usize::try_from(r.below(u64::try_from(ILLNESSES.len()).unwrap_or(1))).unwrap_or(0);
            m.illness = Some(Illness {
                name: ILLNESSES.get(k).copied().unwrap_or("恶性肿瘤").to_owned(),
                on_local_list: r.chance(800),
            });
        }
        if age >= 18 && r.chance(10) {
            let s = r
                .pick(&[
                    (30, Status::Prison),
                    (20, Status::SuspendedSentence),
                    (20, Status::Conscript),
                    (10, Status::Clergy),
                    (10, Status::PretrialDetention),
                    (10, Status::MissingNotDeclared),
                ])
                .unwrap_or(Status::Prison);
            if s == Status::Clergy {
                let years = r.range(0, 10);
                m.left_family_on = self
                    .cfg
                    .as_of
                    .checked_sub(jiff::Span::new().years(years).days(r.range(1, 300)))
                    .ok();
            }
            if s != Status::Conscript || age < 25 {
                m.statuses.push(s);
            }
        }
        m.employment = if m.schooling != Schooling::None {
            Some(Employment::Student)
        } else if age < 16 {
            None
        } else if age < 60 {
            let self_emp = if residence == Residence::Rural {
                35
            } else {
                20
            };
            r.pick(&[
                (55, Employment::Employed),
                (self_emp, Employment::SelfEmployed),
                (25, Employment::Unemployed),
            ])
        } else if residence == Residence::Rural && age < 75 && r.chance(400) {
            Some(Employment::SelfEmployed)
        } else {
            Some(Employment::Retired)
        };
        m.support_duty = match rel {
            Relation::ChildInLaw => r
                .pick(&[(70, Some(false)), (20, Some(true)), (10, None)])
                .flatten(),
            Relation::Grandchild => r
                .pick(&[(60, Some(false)), (30, Some(true)), (10, None)])
                .flatten(),
            _ => None,
        };
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "the household's drawn figures, passed once"
    )]
    fn register_incomes(
        &mut self,
        case: &mut Case,
        ages: &[i64],
        residence: Residence,
        total: i64,
        r: i64,
        std: i64,
        n: i64,
    ) {
        let mut streams: Vec<Stream> = Vec::new();
        let mut extras: Vec<Stream> = Vec::new();
        let months = self.cfg.months;
        for (i, m) in case.members.iter().enumerate() {
            let age = ages.get(i).copied().unwrap_or(0);
            let st = |cat, sub, ag| Stream {
                member: i,
                category: cat,
                subtype: sub,
                agency: ag,
                monthly: 0,
                months,
                annual: false,
            };
            match m.employment {
                Some(Employment::Employed) => {
                    let ag = if self.rng.chance(850) {
                        Some(Agency::HumanResources)
                    } else {
                        None // informal work: nobody holds a record
                    };
                    let mut s = st(IncomeCategory::Wage, IncomeSubtype::General, ag);
                    if self.rng.chance(100) {
                        // A job started inside the window.
                        s.months = self.rng.range(1, self.cfg.months);
                    }
                    streams.push(s);
                }
                Some(Employment::SelfEmployed) => {
                    let ag = if self.rng.chance(500) {
                        Some(Agency::MarketRegulation)
                    } else {
                        None
                    };
                    let mut s = st(IncomeCategory::Business, IncomeSubtype::General, ag);
                    s.annual = self.rng.chance(300);
                    streams.push(s);
                }
                Some(Employment::Unemployed) if self.rng.chance(150) => {
                    streams.push(st(
                        IncomeCategory::Transfer,
                        IncomeSubtype::UnemploymentInsurance,
                        Some(Agency::HumanResources),
                    ));
                }
                Some(Employment::Retired) => {
                    if residence == Residence::Urban && self.rng.chance(800) {
                        streams.push(st(
                            IncomeCategory::Transfer,
                            IncomeSubtype::RetirementPension,
                            Some(Agency::HumanResources),
                        ));
                    } else {
                        let mut b = st(
                            IncomeCategory::Transfer,
                            IncomeSubtype::ResidentsPensionBasic,
                            Some(Agency::HumanResources),
                        );
                        b.monthly = self.rng.range(14_300, 25_000);
                        extras.push(b);
                        let mut p = st(
                            IncomeCategory::Transfer,
                            IncomeSubtype::ResidentsPensionPersonal,
                            Some(Agency::HumanResources),
                        );
                        p.monthly = self.rng.range(500, 8_000);
                        streams.push(p);
                    }
                }
                _ => {}
            }
            if age >= 60 && self.rng.chance(150) {
                streams.push(st(
                    IncomeCategory::Transfer,
                    IncomeSubtype::SupportReceived,
                    None,
                ));
            }
            if age >= 80 {
                streams.push(st(
                    IncomeCategory::Transfer,
                    IncomeSubtype::OldAgeAllowance,
                    Some(Agency::CivilAffairs),
                ));
            }
            // Exempt income on top of the target.
            if m.schooling.is_full_time_undergraduate_or_below() && age >= 15 && self.rng.chance(60)
            {
                let mut s = st(IncomeCategory::Transfer, IncomeSubtype::Scholarship, None);
                s.monthly = self.rng.range(10_000, 50_000);
                extras.push(s);
            }
            if age >= 60 && residence == Residence::Rural && self.rng.chance(100) {
                let mut s = st(
                    IncomeCategory::Transfer,
                    IncomeSubtype::FamilyPlanning,
                    Some(Agency::CivilAffairs),
                );
                s.monthly = self.rng.range(8_000, 20_000);
                extras.push(s);
            }
            if age >= 40 && self.rng.chance(8) {
                let mut s = st(
                    IncomeCategory::Transfer,
                    IncomeSubtype::YoufuFuxu,
                    Some(Agency::CivilAffairs),
                );
                s.monthly = self.rng.range(50_000, 200_000);
                extras.push(s);
            }
            if age >= 18 && self.rng.chance(1) {
                let mut s = st(
                    IncomeCategory::Other,
                    IncomeSubtype::HeroismAward,
                    Some(Agency::CivilAffairs),
                );
                s.monthly = self.rng.range(50_000, 500_000);
                extras.push(s);
            }
        }
        if r > 3000 && self.rng.chance(150) {
            streams.push(Stream {
                member: 0,
                category: IncomeCategory::Property,
                subtype: IncomeSubtype::General,
                agency: None,
                monthly: 0,
                months: self.cfg.months,
                annual: false,
            });
        }
        if total > 0 && streams.is_empty() {
            // Income must come from someone: the applicant does odd jobs (declared only).
            streams.push(Stream {
                member: 0,
                category: IncomeCategory::Wage,
                subtype: IncomeSubtype::General,
                agency: None,
                monthly: 0,
                months: self.cfg.months,
                annual: false,
            });
        }
        if total > 0 {
            self.split(&mut streams, total);
            // A job started inside the window earns the stream's share over fewer months.
            for s in &mut streams {
                if s.months < self.cfg.months && s.months > 0 {
                    s.monthly = s.monthly.saturating_mul(self.cfg.months) / s.months;
                }
            }
        } else {
            streams.clear();
        }
        // The household's own dibao, an exempt transfer (it keeps the income figure honest).
        if r < 1000 && self.rng.chance(400) {
            let gap = (std.saturating_mul(n) - total).max(0);
            case.history.enrolled_dibao = true;
            case.history.current_dibao_amount = Some(fen_to_decimal(gap / 100 * 100));
            extras.push(Stream {
                member: 0,
                category: IncomeCategory::Transfer,
                subtype: IncomeSubtype::SocialAssistance,
                agency: Some(Agency::CivilAffairs),
                monthly: gap / 100 * 100,
                months: self.cfg.months,
                annual: false,
            });
        }
        let discrepancy = self.rng.chance(45);
        let mut discrepancy_done = false;
        for s in &streams {
            if s.agency.is_none() {
                self.push_income(case, s, Source::Declared, None, s.monthly);
                continue;
            }
            let mode = self.rng.pick(&[(55, 0u8), (35, 1), (10, 2)]).unwrap_or(0);
            let mode = if discrepancy && !discrepancy_done {
                1
            } else {
                mode
            };
            match mode {
                0 => self.push_income(case, s, Source::Verified, s.agency, s.monthly),
                1 => {
                    let declared = if discrepancy && !discrepancy_done {
                        discrepancy_done = true;
                        s.monthly * self.rng.range(50, 90) / 100
                    } else {
                        s.monthly
                    };
                    self.push_income(case, s, Source::Declared, None, declared);
                    self.push_income(case, s, Source::Verified, s.agency, s.monthly);
                }
                _ => self.push_income(case, s, Source::Declared, None, s.monthly),
            }
        }
        for s in &extras {
            let src = if s.agency.is_some() {
                Source::Verified
            } else {
                Source::Declared
            };
            self.push_income(case, s, src, s.agency, s.monthly);
        }
        // Social-insurance contributions of employees with a record, deducted.
        let contributions: Vec<Stream> = streams
            .iter()
            .filter(|s| s.category == IncomeCategory::Wage && s.agency.is_some() && s.monthly > 0)
            .copied()
            .collect();
        for s in contributions {
            if self.rng.chance(350) {
                let mut c = s;
                c.category = IncomeCategory::TransferExpenditure;
                c.subtype = IncomeSubtype::SocialInsuranceContribution;
                let amount = s.monthly / 10;
                self.push_income(case, &c, Source::Verified, s.agency, amount);
            }
        }
    }

    fn register_assets(
        &mut self,
        case: &mut Case,
        ages: &[i64],
        residence: Residence,
        r: i64,
        n: i64,
    ) {
        let rich = r >= 1500;
        // Deposits.
        let p = if r < 1000 {
            300
        } else if rich {
            800
        } else {
            450
        };
        if self.rng.chance(p) {
            let per = if rich {
                self.rng.range(500_000, 20_000_000)
            } else {
                self.rng.range(50_000, 2_000_000)
            };
            let member = usize::from(n > 1 && self.rng.chance(300));
            self.register_asset(
                case,
                member,
                AssetKind::Deposit,
                per.saturating_mul(n),
                Agency::Bank,
                true,
            );
        }
        if rich && self.rng.chance(60) {
            let v = self.rng.range(1_000_000, 50_000_000);
            self.register_asset(case, 0, AssetKind::Securities, v, Agency::Securities, false);
        }
        if r >= 1000 && self.rng.chance(50) {
            let v = self.rng.range(10_000, 3_000_000);
            self.register_asset(
                case,
                0,
                AssetKind::OnlineFinance,
                v,
                Agency::OnlineFinance,
                false,
            );
        }
        if rich && self.rng.chance(30) {
            let v = self.rng.range(500_000, 10_000_000);
            self.register_asset(
                case,
                0,
                AssetKind::InsuranceCashValue,
                v,
                Agency::Insurer,
                false,
            );
        }
        // Homes.
        let home = if residence == Residence::Rural {
            850
        } else {
            700
        };
        if self.rng.chance(home) {
            self.home(case, residence, 0);
            if self.rng.chance(if rich { 40 } else { 10 }) {
                self.home(case, residence, 0);
            }
        }
        if rich && self.rng.chance(10) {
            let v = self.rng.range(20_000_000, 200_000_000);
            self.register_asset(
                case,
                0,
                AssetKind::NonResidentialProperty,
                v,
                Agency::RealEstate,
                false,
            );
        }
        // Vehicles.
        if self.rng.chance(if rich { 200 } else { 40 }) {
            let v = self.rng.range(2_000_000, 15_000_000);
            let production = case
                .members
                .iter()
                .any(|m| m.employment == Some(Employment::SelfEmployed))
                && self.rng.chance(300);
            let usage = if production {
                VehicleUse::Production
            } else {
                VehicleUse::Private
            };
            self.vehicle(case, VehicleType::Car, usage, v);
        }
        if self.rng.chance(if residence == Residence::Rural {
            250
        } else {
            80
        }) {
            let v = self.rng.range(200_000, 800_000);
            self.vehicle(case, VehicleType::Motorcycle, VehicleUse::Private, v);
        }
        let farming = residence == Residence::Rural
            && case
                .members
                .iter()
                .any(|m| m.employment == Some(Employment::SelfEmployed));
        if farming && self.rng.chance(200) {
            let t = if self.rng.chance(500) {
                VehicleType::FarmMachinery
            } else {
                VehicleType::Truck
            };
            let v = self.rng.range(1_000_000, 8_000_000);
            self.vehicle(case, t, VehicleUse::Production, v);
        }
        let physically_disabled = case.members.iter().zip(ages).any(|(m, age)| {
            *age >= 18
                && m.disability
                    .as_ref()
                    .is_some_and(|d| d.category == DisabilityCategory::Physical)
        });
        if physically_disabled && self.rng.chance(200) {
            let v = self.rng.range(300_000, 1_500_000);
            self.vehicle(case, VehicleType::Other, VehicleUse::DisabilityMobility, v);
        }
        // Business registration of the self-employed in town.
        if residence == Residence::Urban
            && case
                .members
                .iter()
                .any(|m| m.employment == Some(Employment::SelfEmployed))
            && self.rng.chance(300)
        {
            let v = self.rng.range(1_000_000, 10_000_000);
            self.register_asset(
                case,
                0,
                AssetKind::Business,
                v,
                Agency::MarketRegulation,
                false,
            );
        }
    }

    /// An asset record (verified, or declared too, or declared only; rarely declared low).
    fn register_asset(
        &mut self,
        case: &mut Case,
        member: usize,
        kind: AssetKind,
        value: i64,
        agency: Agency,
        declared_too: bool,
    ) {
        let mut a = self.cfg.t.asset.clone();
        member_id(member).clone_into(&mut a.member);
        a.kind = kind;
        a.value = fen_to_decimal(value);
        a.source = Source::Verified;
        a.agency = Some(agency);
        let mode = if declared_too {
            self.rng.pick(&[(75, 0u8), (15, 1), (10, 2)]).unwrap_or(0)
        } else {
            0
        };
        match mode {
            1 => {
                let mut d = a.clone();
                d.source = Source::Declared;
                d.agency = None;
                if self.rng.chance(200) {
                    d.value = fen_to_decimal(value * self.rng.range(30, 90) / 100);
                }
                case.assets.push(d);
                case.assets.push(a);
            }
            2 => {
                a.source = Source::Declared;
                a.agency = None;
                case.assets.push(a);
            }
            _ => case.assets.push(a),
        }
    }

    fn vehicle(&mut self, case: &mut Case, t: VehicleType, u: VehicleUse, value: i64) {
        let mut a = self.cfg.t.asset.clone();
        "m1".clone_into(&mut a.member);
        a.kind = AssetKind::Vehicle;
        a.value = fen_to_decimal(value);
        a.source = Source::Verified;
        a.agency = Some(Agency::VehicleAdministration);
        a.vehicle_type = Some(t);
        a.vehicle_use = Some(u);
        case.assets.push(a);
    }

    fn register_history(&mut self, case: &mut Case, r: i64, std: i64, n: i64) {
        // Households whose income rose a little above the line after someone found work.
        if (1000..1300).contains(&r) && self.rng.chance(60) {
            let h = &mut case.history;
            h.enrolled_dibao = true;
            let gap = (std.saturating_mul(n) / 10).max(100);
            h.current_dibao_amount = Some(fen_to_decimal(gap / 100 * 100));
            h.employment_started_on = self
                .cfg
                .window
                .end
                .checked_sub(jiff::Span::new().days(self.rng.range(0, 150)))
                .ok();
        }
        if self.rng.chance(if r >= 1500 { 40 } else { 8 }) {
            let f = self
                .rng
                .pick(&[
                    (50, AuxiliaryFlag::HighUtilitySpending),
                    (25, AuxiliaryFlag::HighFeeSchool),
                    (25, AuxiliaryFlag::ForeignTravel),
                ])
                .unwrap_or(AuxiliaryFlag::HighUtilitySpending);
            case.verification.auxiliary_flags.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fen_of_standards() {
        assert_eq!(fen(Decimal::new(795, 0)), Some(79_500));
        assert_eq!(fen(Decimal::new(79_550, 2)), Some(79_550));
        assert_eq!(fen(Decimal::new(79_555, 3)), None);
    }

    #[test]
    fn draws_stay_in_range() {
        let mut r = Rng(ChaCha8Rng::from_seed([7; 32]));
        for _ in 0..10_000 {
            let x = r.range(-3, 5);
            assert!((-3..=5).contains(&x));
        }
        assert_eq!(r.range(4, 4), 4);
    }
}
