//! The parameter registry: every key a policy file may set, its type and its labels, and a
//! typed handle per key for the rules.
//!
//! Each parameter is declared once, in a `params!` block below, which yields both its
//! [`ParamSpec`] (read by the policy loader, `policy show` and the docs) and a constant
//! [`Param`] handle named after the key (`dibao.standard.urban` → [`DIBAO_STANDARD_URBAN`]).
//! Rules read values only through handles, so a misspelt key or a value read as the wrong
//! type fails to compile, and a lookup is an index, not a hash of the key. A key not listed
//! here is a policy error, so a misspelt key in a policy file never silently does nothing.

use std::marker::PhantomData;

#[cfg(test)]
use rust_decimal::Decimal;

use super::value::ParamValue;

/// The type of a parameter's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamType {
    /// Yuan, a decimal string with at most two places, not negative.
    Money,
    /// A non-negative decimal string (multiplier, share, square metres).
    Ratio,
    /// A decimal string that may be negative (a year-on-year price change in percent).
    Signed,
    /// An integer in `min..=max`.
    Int {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// `true` or `false`.
    Bool,
    /// One string of the listed choices.
    Choice(&'static [&'static str]),
    /// A list of strings, each one of the listed choices.
    List(&'static [&'static str]),
}

/// One registered parameter.
#[derive(Clone, Copy, Debug)]
pub struct ParamSpec {
    /// Dotted key.
    pub key: &'static str,
    /// Value type.
    pub ty: ParamType,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
    /// Unit, for display.
    pub unit: &'static str,
}

const AGENCIES: &[&str] = &[
    "public_security",
    "human_resources",
    "tax",
    "real_estate",
    "market_regulation",
    "housing_fund",
    "vehicle_administration",
    "bank",
    "securities",
    "insurer",
    "online_finance",
    "civil_affairs",
];

const EXCLUDABLE_STATUSES: &[&str] = &[
    "pretrial_detention",
    "suspended_sentence",
    "voluntary_drug_rehab",
    "missing_not_declared",
    "conscript",
];

/// Income a province may leave out of tekun income beyond TK-2021 第6条 (which itself leaves
/// out the residents' basic pension, social insurance, 优待抚恤金 and 高龄津贴).
const TEKUN_EXCLUDABLE_SUBTYPES: &[&str] = &[
    "social_assistance",
    "family_planning",
    "scholarship",
    "heroism_award",
    "residents_pension_personal",
    "support_received",
    "unemployment_insurance",
    "gift_or_inheritance",
    "retirement_pension",
];

const EXCLUDABLE_SUBTYPES: &[&str] = &[
    "old_age_allowance",
    "residents_pension_personal",
    "support_received",
    "unemployment_insurance",
    "gift_or_inheritance",
    "retirement_pension",
];

/// Free codes a locality chooses itself (an empty choice list accepts any non-empty code).
const LOCAL_CODES: &[&str] = &[];

const VEHICLE_USES: &[&str] = &["production", "disability_mobility"];
const VEHICLE_TYPES: &[&str] = &[
    "motorcycle",
    "farm_machinery",
    "truck",
    "boat",
    "car",
    "other",
];

/// How a parameter's value is read: one marker type per [`ParamType`], so that a handle
/// knows at compile time what its value is.
pub mod kind {
    use rust_decimal::Decimal;

    use super::{ParamType, ParamValue};

    mod sealed {
        pub trait Sealed {}
    }

    /// A value kind; implemented only by the markers of this module.
    pub trait Kind: sealed::Sealed {
        /// What reading the value yields.
        type Out<'a>;
        /// Which [`ParamType`]s a handle of this kind may name ([`ParamType`] tag).
        const TAG: u8;
        /// The value, if it has this kind.
        fn read(v: &ParamValue) -> Option<Self::Out<'_>>;
    }

    /// The tag of a [`ParamType`], compared with [`Kind::TAG`] when a handle is declared.
    pub(crate) const fn tag(ty: ParamType) -> u8 {
        match ty {
            ParamType::Money => 0,
            ParamType::Ratio => 1,
            ParamType::Signed => 2,
            ParamType::Int { .. } => 3,
            ParamType::Bool => 4,
            ParamType::Choice(_) => 5,
            ParamType::List(_) => 6,
        }
    }

    macro_rules! decimal_kind {
        ($(#[$m:meta])* $name:ident, $tag:literal) => {
            $(#[$m])*
            #[derive(Clone, Copy, Debug)]
            pub struct $name;
            impl sealed::Sealed for $name {}
            impl Kind for $name {
                type Out<'a> = Decimal;
                const TAG: u8 = $tag;
                fn read(v: &ParamValue) -> Option<Decimal> {
                    v.decimal()
                }
            }
        };
    }
    decimal_kind!(
        /// Yuan ([`ParamType::Money`]).
        Money, 0
    );
    decimal_kind!(
        /// A non-negative decimal ([`ParamType::Ratio`]).
        Ratio, 1
    );
    decimal_kind!(
        /// A decimal that may be negative ([`ParamType::Signed`]).
        Signed, 2
    );

    /// An integer ([`ParamType::Int`]).
    #[derive(Clone, Copy, Debug)]
    pub struct Int;
    impl sealed::Sealed for Int {}
    impl Kind for Int {
        type Out<'a> = i64;
        const TAG: u8 = 3;
        fn read(v: &ParamValue) -> Option<i64> {
            match v {
                ParamValue::Int(i) => Some(*i),
                _ => None,
            }
        }
    }

    /// A switch ([`ParamType::Bool`]).
    #[derive(Clone, Copy, Debug)]
    pub struct Bool;
    impl sealed::Sealed for Bool {}
    impl Kind for Bool {
        type Out<'a> = bool;
        const TAG: u8 = 4;
        fn read(v: &ParamValue) -> Option<bool> {
            match v {
                ParamValue::Bool(b) => Some(*b),
                _ => None,
            }
        }
    }

    /// One of the listed choices ([`ParamType::Choice`]).
    #[derive(Clone, Copy, Debug)]
    pub struct Choice;
    impl sealed::Sealed for Choice {}
    impl Kind for Choice {
        type Out<'a> = &'a str;
        const TAG: u8 = 5;
        fn read(v: &ParamValue) -> Option<&str> {
            match v {
                ParamValue::Text(s) => Some(s.as_str()),
                _ => None,
            }
        }
    }

    /// A list of choices ([`ParamType::List`]).
    #[derive(Clone, Copy, Debug)]
    pub struct List;
    impl sealed::Sealed for List {}
    impl Kind for List {
        type Out<'a> = &'a [String];
        const TAG: u8 = 6;
        fn read(v: &ParamValue) -> Option<&[String]> {
            match v {
                ParamValue::List(l) => Some(l.as_slice()),
                _ => None,
            }
        }
    }
}

use kind::{Bool, Choice, Int, Kind, List, Money, Ratio, Signed};

/// A typed handle to one registered parameter: its index in [`all`] and its value kind.
///
/// Handles exist only as the constants of this module, each checked when the crate is
/// compiled: its key must be registered and its kind must match the registered type.
pub struct Param<K> {
    index: u16,
    kind: PhantomData<fn() -> K>,
}

impl<K> Clone for Param<K> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K> Copy for Param<K> {}

impl<K> std::fmt::Debug for Param<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Param({})", self.key())
    }
}

impl<K: Kind> Param<K> {
    /// The handle of `key`; evaluated at compile time, where an unregistered key or a kind
    /// that does not match the registered type stops the build.
    #[expect(
        clippy::panic,
        reason = "runs in constant evaluation only: a panic is a compile error naming the handle"
    )]
    const fn named(key: &str) -> Self {
        let Some(i) = const_index_of(key) else {
            panic!("parameter handle names an unregistered key");
        };
        assert!(
            kind::tag(spec_at(i).ty) == K::TAG,
            "parameter handle kind does not match the registered type"
        );
        #[expect(
            clippy::cast_possible_truncation,
            reason = "the registry has far fewer than 65,536 keys"
        )]
        let index = i as u16;
        Self {
            index,
            kind: PhantomData,
        }
    }
}

impl<K> Param<K> {
    /// The index in [`all`] (and in every region table).
    pub const fn index(self) -> usize {
        self.index as usize
    }

    /// The registered parameter.
    pub const fn spec(self) -> &'static ParamSpec {
        spec_at(self.index as usize)
    }

    /// The dotted key.
    pub const fn key(self) -> &'static str {
        self.spec().key
    }
}

/// Declares parameters: a table of specs and one typed handle per entry, from one line each.
macro_rules! params {
    ($table:ident; $( $name:ident : $kind:ident = $key:literal, $ty:expr, $zh:literal, $en:literal, $unit:literal; )*) => {
        const $table: &[ParamSpec] = &[
            $( ParamSpec { key: $key, ty: $ty, zh: $zh, en: $en, unit: $unit }, )*
        ];
        $(
            #[doc = concat!("`", $key, "`: ", $en, ".")]
            pub const $name: Param<$kind> = Param::named($key);
        )*
    };
}

/// The ten asset parameters of one program (dibao, near-dibao, tekun), as typed handles.
#[derive(Clone, Copy, Debug)]
pub struct AssetParams {
    /// Per-capita financial-asset limit in months of the standard.
    pub financial_limit_months: Param<Ratio>,
    /// Per-capita financial-asset limit as an amount.
    pub financial_limit_per_capita: Param<Money>,
    /// Whether financial assets must be strictly below the limit.
    pub financial_limit_strict: Param<Bool>,
    /// Non-exempt vehicles allowed.
    pub vehicles_allowed: Param<Int>,
    /// Exempt vehicle uses.
    pub vehicle_exempt_uses: Param<List>,
    /// Exempt vehicle types.
    pub vehicle_exempt_types: Param<List>,
    /// Maximum number of homes.
    pub housing_max_count: Param<Int>,
    /// Maximum housing area per person.
    pub housing_max_area_per_capita: Param<Ratio>,
    /// Whether non-residential property is allowed.
    pub non_residential_allowed: Param<Bool>,
    /// Whether a business registration is allowed.
    pub business_allowed: Param<Bool>,
}

/// Declares one program's asset parameters: the ten specs and their [`AssetParams`], each
/// field named once (its key suffix; its kind comes from the `AssetParams` field type).
macro_rules! asset_params {
    ($table:ident, $handles:ident, $p:literal, $zh:literal, $en:literal) => {
        asset_params!(@ $table, $handles, $p, $zh, $en;
            financial_limit_months = ParamType::Ratio, "人均金融资产上限(低保标准月数)", " per-capita financial-asset limit (months of the standard)", "months";
            financial_limit_per_capita = ParamType::Money, "人均金融资产上限(金额)", " per-capita financial-asset limit (amount)", "yuan";
            financial_limit_strict = ParamType::Bool, "金融资产须低于上限(否则为不超过)", " financial assets must be strictly below the limit", "";
            vehicles_allowed = ParamType::Int { min: 0, max: 10 }, "允许的非豁免机动车数量", " non-exempt vehicles allowed", "vehicles";
            vehicle_exempt_uses = ParamType::List(VEHICLE_USES), "豁免的车辆用途", " exempt vehicle uses", "";
            vehicle_exempt_types = ParamType::List(VEHICLE_TYPES), "豁免的车辆类型", " exempt vehicle types", "";
            housing_max_count = ParamType::Int { min: 0, max: 10 }, "住房套数上限", " maximum number of homes", "homes";
            housing_max_area_per_capita = ParamType::Ratio, "人均住房面积上限", " maximum housing area per person", "m²";
            non_residential_allowed = ParamType::Bool, "是否允许拥有非住宅房产", " non-residential property allowed", "";
            business_allowed = ParamType::Bool, "是否允许有工商登记", " business registration allowed", "";
        );
    };
    (@ $table:ident, $handles:ident, $p:literal, $zh:literal, $en:literal;
        $($f:ident = $ty:expr, $fzh:literal, $fen:literal, $unit:literal;)*) => {
        const $table: [ParamSpec; 10] = [
            $( ParamSpec {
                key: concat!($p, ".assets.", stringify!($f)),
                ty: $ty,
                zh: concat!($zh, $fzh),
                en: concat!($en, $fen),
                unit: $unit,
            }, )*
        ];
        #[doc = concat!("The ", $en, " asset parameters (`", $p, ".assets.*`).")]
        pub const $handles: AssetParams = AssetParams {
            $( $f: Param::named(concat!($p, ".assets.", stringify!($f))), )*
        };
    };
}

asset_params!(TABLE_DIBAO_ASSETS, DIBAO_ASSETS, "dibao", "低保", "dibao");
asset_params!(TABLE_TEKUN_ASSETS, TEKUN_ASSETS, "tekun", "特困", "tekun");
asset_params!(
    TABLE_NEAR_DIBAO_ASSETS,
    NEAR_DIBAO_ASSETS,
    "near_dibao",
    "低保边缘",
    "near-dibao"
);

params! {
    TABLE_PROGRAMS;
    TEKUN_EXCLUDES_FROM_DIBAO: Bool = "tekun.excludes_from_dibao", ParamType::Bool, "特困人员不再计入低保家庭", "a tekun person is not also counted for dibao", "";
    TEKUN_CARE_SELF_CARE_AMOUNT: Money = "tekun.care.self_care_amount", ParamType::Money, "特困照料护理标准:全自理(金额)", "tekun care standard, self-caring (amount)", "yuan/month";
    TEKUN_CARE_PARTIAL_AMOUNT: Money = "tekun.care.partial_amount", ParamType::Money, "特困照料护理标准:部分丧失(金额)", "tekun care standard, partially dependent (amount)", "yuan/month";
    TEKUN_CARE_FULL_AMOUNT: Money = "tekun.care.full_amount", ParamType::Money, "特困照料护理标准:完全丧失(金额)", "tekun care standard, fully dependent (amount)", "yuan/month";
    TEKUN_NO_LABOUR_LOCAL_CATEGORIES: List = "tekun.no_labour_capacity.local_categories", ParamType::List(LOCAL_CODES), "省级人民政府规定的其他无劳动能力情形(代码)", "further situations of no labour capacity the province sets (codes matched against a member's local categories)", "";
    TEKUN_OBLIGOR_INCAPACITY_LOCAL_CATEGORIES: List = "tekun.obligor_incapacity.local_categories", ParamType::List(LOCAL_CODES), "省级人民政府规定的其他义务人无履行义务能力情形(代码)", "further situations in which an obligor cannot support, set by the province (codes matched against the obligor's local categories)", "";
    TEKUN_INCOME_EXTRA_EXCLUDED_SUBTYPES: List = "tekun.income.extra_excluded_subtypes", ParamType::List(TEKUN_EXCLUDABLE_SUBTYPES), "省定特困人员收入中不计入的其他收入(特困认定办法第6条所列之外)", "further income the province leaves out of tekun income (beyond TK-2021 第6条)", "";
    SINGLE_PERSON_AMOUNT_RULE: Choice = "single_person.amount_rule", ParamType::Choice(&["gap", "full_standard", "share_of_standard"]), "单人保金额计算方式", "how the single-person amount is computed", "";
    SINGLE_PERSON_SHARE: Ratio = "single_person.share", ParamType::Ratio, "单人保按标准比例发放的比例", "share of the standard paid (share_of_standard rule)", "× standard";
    SINGLE_PERSON_ADULT_SEVERE_DISABILITY_ROUTE: Bool = "single_person.adult_severe_disability_route", ParamType::Bool, "成年无业重度残疾人可单独申请(非低保边缘家庭)", "adult unemployed severely disabled people may apply alone outside near-dibao families", "";
    SINGLE_PERSON_EXEMPT_SUPPORT_FROM_SIBLINGS_ELDERLY: Bool = "single_person.exempt_support_from_siblings_elderly", ParamType::Bool, "兄弟姐妹或60周岁以上老人给予的赡养扶养可豁免", "support from siblings or people aged 60+ is exempted", "";
    SINGLE_PERSON_LOCAL_CATEGORIES: List = "single_person.local_categories", ParamType::List(LOCAL_CODES), "县级以上民政部门规定可单独申请的其他特殊困难人员(代码)", "further groups the county designates as able to apply alone (codes matched against a member's local categories)", "";
    RIGID_EXPENDITURE_SHARE_THRESHOLD: Ratio = "rigid_expenditure.share_threshold", ParamType::Ratio, "刚性支出占家庭总收入比例的认定标准", "rigid-expenditure share of household income that must be exceeded", "share";
    RIGID_EXPENDITURE_VALIDITY_MONTHS: Int = "rigid_expenditure.validity_months", ParamType::Int { min: 1, max: 12 }, "刚性支出困难家庭认定有效期", "validity of a rigid-expenditure recognition", "months";
    TEMPORARY_RELIEF_EMERGENCY_MONTHS: Ratio = "temporary_relief.emergency_months", ParamType::Ratio, "急难型救助金额(低保标准月数)", "emergency relief (months of the standard)", "months";
    TEMPORARY_RELIEF_EMERGENCY_MIN_MONTHS: Ratio = "temporary_relief.emergency_min_months", ParamType::Ratio, "急难型救助下限(低保标准月数)", "emergency relief, lower end of the range (months of the standard)", "months";
    TEMPORARY_RELIEF_EMERGENCY_MAX_MONTHS: Ratio = "temporary_relief.emergency_max_months", ParamType::Ratio, "急难型救助上限(低保标准月数)", "emergency relief, upper end of the range (months of the standard)", "months";
    TEMPORARY_RELIEF_EXPENDITURE_MONTHS: Ratio = "temporary_relief.expenditure_months", ParamType::Ratio, "支出型救助金额(低保标准月数)", "expenditure-type relief (months of the standard)", "months";
    TEMPORARY_RELIEF_CAP_MONTHS: Ratio = "temporary_relief.cap_months", ParamType::Ratio, "临时救助封顶(低保标准月数)", "temporary relief cap (months of the standard)", "months";
    TEMPORARY_RELIEF_PER_PERSON: Bool = "temporary_relief.per_person", ParamType::Bool, "临时救助按人计算(否则按户)", "temporary relief is per person (otherwise per household)", "";
    TEMPORARY_RELIEF_ONCE_PER_CAUSE_PER_YEAR: Bool = "temporary_relief.once_per_cause_per_year", ParamType::Bool, "同一原因一年内只救助一次", "the same cause is relieved once a year", "";
    TEMPORARY_RELIEF_UNINSURED_WORKER_ENABLED: Bool = "temporary_relief.uninsured_worker_enabled", ParamType::Bool, "未参保失业人员一次性临时救助", "one-off relief for uninsured unemployed workers", "";
    TEMPORARY_RELIEF_UNINSURED_WORKER_AMOUNT: Money = "temporary_relief.uninsured_worker_amount", ParamType::Money, "未参保失业人员一次性临时救助金额", "one-off relief amount for uninsured unemployed workers", "yuan";
    PRICE_SUBSIDY_COVERED_GROUPS: List = "price_subsidy.covered_groups", ParamType::List(&["dibao", "tekun", "near_dibao"]), "价格临时补贴保障对象", "groups covered by the price subsidy", "";
    PRICE_SUBSIDY_FORMULA: Choice = "price_subsidy.formula", ParamType::Choice(&["standard_x_cpi", "fixed"]), "价格临时补贴计算方式", "how the price subsidy is computed", "";
    PRICE_SUBSIDY_AMOUNT_PER_PERSON: Money = "price_subsidy.amount_per_person", ParamType::Money, "价格临时补贴(每人每月,固定金额)", "price subsidy per person per month (fixed)", "yuan/month";
    PRICE_CPI_YOY: Signed = "price.cpi_yoy", ParamType::Signed, "居民消费价格指数同比涨幅", "consumer price index, year-on-year change", "%";
    PRICE_FOOD_CPI_YOY: Signed = "price.food_cpi_yoy", ParamType::Signed, "食品价格指数同比涨幅", "food price index, year-on-year change", "%";
}

params! {
    TABLE_CORE;
    AGE_REACHED_ON: Choice = "age.reached_on", ParamType::Choice(&["birthday", "day_after_birthday"]), "周岁起算日", "day an age is reached", "";
    HOUSEHOLD_EXCLUDE_PRETRIAL_DETENTION: Bool = "household.exclude_pretrial_detention", ParamType::Bool, "看守所羁押人员不计入家庭成员", "people in pre-trial detention are not counted", "";
    HOUSEHOLD_COUNT_POSTGRADUATE_STUDENTS: Bool = "household.count_postgraduate_students", ParamType::Bool, "全日制研究生子女计入家庭成员", "full-time postgraduate children are counted", "";
    HOUSEHOLD_EXTRA_EXCLUDED_STATUSES: List = "household.extra_excluded_statuses", ParamType::List(EXCLUDABLE_STATUSES), "省定不计入家庭成员的其他情形", "further statuses the province excludes", "";
    INCOME_LOOKBACK_MONTHS: Int = "income.lookback_months", ParamType::Int { min: 1, max: 36 }, "收入计算期(月)", "income look-back window", "months";
    INCOME_EXCLUDE_RESIDENTS_PENSION_BASIC: Bool = "income.exclude_residents_pension_basic", ParamType::Bool, "城乡居民基本养老保险基础养老金不计入收入", "residents' basic pension (basic portion) not counted", "";
    INCOME_EXTRA_EXCLUDED_SUBTYPES: List = "income.extra_excluded_subtypes", ParamType::List(EXCLUDABLE_SUBTYPES), "设区的市以上规定不计入的其他收入", "further income the city or province does not count", "";
    INCOME_EMPLOYMENT_COST_DEDUCTION: Money = "income.employment_cost_deduction", ParamType::Money, "就业成本扣减(每名就业成员每月)", "employment-cost deduction per employed member per month", "yuan/month";
    INCOME_FLOOR_NET_TRANSFER_AT_ZERO: Bool = "income.floor_net_transfer_at_zero", ParamType::Bool, "转移净收入最低按零计", "net transfer income floored at zero", "";
    INCOME_EMPLOYMENT_COST_DEDUCTION_SCOPE: List = "income.employment_cost_deduction_scope", ParamType::List(&["wage", "business"]), "就业成本扣减适用的收入类别", "income kinds the employment-cost deduction applies to (unset: wages only)", "";
    INCOME_ILLNESS_DISABILITY_DEDUCTION: Bool = "income.illness_disability_deduction", ParamType::Bool, "因残疾、患重病增加的刚性支出可适当扣减", "rigid spending caused by disability or serious illness is deducted", "";
    INCOME_ILLNESS_DISABILITY_DEDUCTION_BASIS: Choice = "income.illness_disability_deduction_basis", ParamType::Choice(&["actual", "flat"]), "残疾、重病支出扣减依据(实际支出或定额)", "basis of the illness and disability deduction: actual net spending in the window, or a flat amount per member with such spending", "";
    INCOME_ILLNESS_DISABILITY_DEDUCTION_CAP: Money = "income.illness_disability_deduction_cap", ParamType::Money, "残疾、重病支出扣减上限(每人每月;定额时为定额)", "illness and disability deduction cap per member per month (the flat amount under the flat basis)", "yuan/month";
    DIBAO_STANDARD_URBAN: Money = "dibao.standard.urban", ParamType::Money, "城市低保标准", "urban dibao standard", "yuan/person/month";
    DIBAO_STANDARD_RURAL: Money = "dibao.standard.rural", ParamType::Money, "农村低保标准", "rural dibao standard", "yuan/person/month";
    DIBAO_TARGET_RATIO_TO_MIN_WAGE: Ratio = "dibao.target_ratio_to_min_wage", ParamType::Ratio, "低保标准占当地月最低工资标准的目标比例", "target ratio of the dibao standard to the local monthly minimum wage", "× minimum wage";
    DIBAO_ROUNDING: Choice = "dibao.rounding", ParamType::Choice(&[ "fen_half_up", "jiao_half_up", "jiao_up", "yuan_half_up", "yuan_up", ]), "低保金舍入规则", "rounding of the dibao amount", "";
    DIBAO_MIN_BENEFIT_PER_MEMBER: Money = "dibao.min_benefit_per_member", ParamType::Money, "低保金保底(每人每月)", "minimum dibao benefit per member", "yuan/person/month";
    DIBAO_UPLIFT_ELDERLY_AGE: Int = "dibao.uplift.elderly_age", ParamType::Int { min: 50, max: 120 }, "分类施保:老年人年龄", "classified support: elderly from age", "years";
    DIBAO_UPLIFT_ELDERLY_RATIO: Ratio = "dibao.uplift.elderly_ratio", ParamType::Ratio, "分类施保:老年人增发比例(占低保标准)", "classified support: elderly uplift (share of the standard)", "× standard";
    DIBAO_UPLIFT_MINOR_RATIO: Ratio = "dibao.uplift.minor_ratio", ParamType::Ratio, "分类施保:未成年人增发比例", "classified support: minor uplift (share of the standard)", "× standard";
    DIBAO_UPLIFT_SEVERE_DISABILITY_RATIO: Ratio = "dibao.uplift.severe_disability_ratio", ParamType::Ratio, "分类施保:重度残疾人增发比例", "classified support: severe-disability uplift (share of the standard)", "× standard";
    DIBAO_UPLIFT_SERIOUS_ILLNESS_RATIO: Ratio = "dibao.uplift.serious_illness_ratio", ParamType::Ratio, "分类施保:重病患者增发比例", "classified support: serious-illness uplift (share of the standard)", "× standard";
    DIBAO_UPLIFT_STACKING: Choice = "dibao.uplift.stacking", ParamType::Choice(&["max", "sum"]), "分类施保:同一人多项时取高或累加", "classified support: one member in several groups gets the highest or the sum", "";
    DIBAO_GRADUAL_EXIT_MONTHS: Int = "dibao.gradual_exit.months", ParamType::Int { min: 1, max: 6 }, "渐退期(月)", "gradual-exit period", "months";
    DIBAO_GRADUAL_EXIT_BENEFIT_RATIO: Ratio = "dibao.gradual_exit.benefit_ratio", ParamType::Ratio, "渐退期内保留的低保金比例", "share of the current benefit kept during the gradual exit", "× current";
    DIBAO_GRADUAL_EXIT_STARTS: Choice = "dibao.gradual_exit.starts", ParamType::Choice(&["employment_start", "after_recheck_decision"]), "渐退期起算(就业之日或复核决定次月)", "when the gradual exit starts (from employment, or the month after the re-check decision)", "";
    DIBAO_JOB_REFUSAL_OWN_SHARE_BASIS: Choice = "dibao.job_refusal.own_share_basis", ParamType::Choice(&["equal_share", "equal_share_with_own_uplift"]), "拒绝就业者本人份额(户补差均分,或另加本人分类施保)", "a job refuser's own share (the household gap split equally, or that plus their own classified support)", "";
    DIBAO_JOB_REFUSAL_OWN_SHARE_KEPT: Ratio = "dibao.job_refusal.own_share_kept", ParamType::Ratio, "连续3次拒绝就业者本人保留的份额", "share of a job refuser's own benefit kept", "× own share";
    NEAR_DIBAO_MULTIPLIER: Ratio = "near_dibao.multiplier", ParamType::Ratio, "低保边缘收入倍数", "near-dibao income multiple of the standard", "× standard";
    VERIFICATION_REQUIRED_SOURCES: List = "verification.required_sources", ParamType::List(AGENCIES), "必须核对的信息来源", "sources that must be checked", "";
    DISABILITY_SEVERE_MAX_GRADE: Int = "disability.severe_max_grade", ParamType::Int { min: 1, max: 4 }, "重度残疾人的残疾等级(一级至该级)", "severe disability: grades 1 (most severe) to this grade", "grade";
}

// Reference figures and programmes the engine does not evaluate yet: shown by `policy show`,
// compared by the adequacy check (`policy::adequacy`); some feed amounts (tekun standards).
params! {
    TABLE_REFERENCE;
    TEKUN_BASIC_STANDARD_URBAN: Money = "tekun.basic_standard.urban", ParamType::Money, "特困人员基本生活标准(城市)", "tekun basic-living standard (urban)", "yuan/person/month";
    TEKUN_BASIC_STANDARD_RURAL: Money = "tekun.basic_standard.rural", ParamType::Money, "特困人员基本生活标准(农村)", "tekun basic-living standard (rural)", "yuan/person/month";
    TEKUN_BASIC_RATIO_TO_DIBAO: Ratio = "tekun.basic_ratio_to_dibao", ParamType::Ratio, "特困人员基本生活标准不低于当地低保标准的倍数", "tekun basic-living standard as a minimum multiple of the local dibao standard", "× dibao standard";
    TEKUN_CARE_PARTIAL_RATIO_TO_MIN_WAGE: Ratio = "tekun.care.partial_ratio_to_min_wage", ParamType::Ratio, "特困人员照料护理标准(部分丧失生活自理能力)占最低工资标准的比例", "tekun care standard, partly dependent (share of the minimum wage)", "× minimum wage";
    TEKUN_CARE_FULL_RATIO_TO_MIN_WAGE: Ratio = "tekun.care.full_ratio_to_min_wage", ParamType::Ratio, "特困人员照料护理标准(完全丧失生活自理能力)占最低工资标准的比例", "tekun care standard, fully dependent (share of the minimum wage)", "× minimum wage";
    REFERENCE_MINIMUM_WAGE_TIER1: Money = "reference.minimum_wage.tier1", ParamType::Money, "月最低工资标准(第一档)", "monthly minimum wage, tier 1", "yuan/month";
    REFERENCE_MINIMUM_WAGE_TIER2: Money = "reference.minimum_wage.tier2", ParamType::Money, "月最低工资标准(第二档)", "monthly minimum wage, tier 2", "yuan/month";
    REFERENCE_MINIMUM_WAGE_TIER3: Money = "reference.minimum_wage.tier3", ParamType::Money, "月最低工资标准(第三档)", "monthly minimum wage, tier 3", "yuan/month";
    REFERENCE_MINIMUM_WAGE_TIER4: Money = "reference.minimum_wage.tier4", ParamType::Money, "月最低工资标准(第四档)", "monthly minimum wage, tier 4", "yuan/month";
    REFERENCE_MINIMUM_WAGE_TIER: Int = "reference.minimum_wage_tier", ParamType::Int { min: 1, max: 4 }, "本地区适用的最低工资档次", "minimum-wage tier that applies in this region", "tier";
    REFERENCE_PER_CAPITA_DISPOSABLE_INCOME: Money = "reference.per_capita_disposable_income", ParamType::Money, "上年度居民人均可支配收入", "previous year's per-capita disposable income of residents", "yuan/person/year";
    REFERENCE_PER_CAPITA_CONSUMPTION_EXPENDITURE: Money = "reference.per_capita_consumption_expenditure", ParamType::Money, "上年度居民人均消费支出", "previous year's per-capita consumption expenditure of residents", "yuan/person/year";
    PRICE_SUBSIDY_TRIGGER_CPI_YOY: Ratio = "price_subsidy.trigger_cpi_yoy", ParamType::Ratio, "价格临时补贴启动条件:居民消费价格指数(CPI)单月同比涨幅", "price subsidy trigger: monthly year-on-year CPI rise", "%";
    PRICE_SUBSIDY_TRIGGER_FOOD_CPI_YOY: Ratio = "price_subsidy.trigger_food_cpi_yoy", ParamType::Ratio, "价格临时补贴启动条件:食品价格单月同比涨幅", "price subsidy trigger: monthly year-on-year food CPI rise", "%";
    PRICE_SUBSIDY_MIN_AMOUNT: Money = "price_subsidy.min_amount", ParamType::Money, "价格临时补贴最低标准(每人每月)", "minimum price subsidy per person per month", "yuan/person/month";
    // Policy data: how old an open-ended standard or reference figure may be before an
    // outcome says it may be out of date (`policy::value::staleness_applies`).
    POLICY_STALENESS_MONTHS: Int = "policy.staleness_months", ParamType::Int { min: 1, max: 240 }, "无终止日期的标准或参考数值生效满该月数后视为可能过时", "staleness horizon: an open-ended standard or reference figure in force longer than this may be out of date", "months";
}

/// The tables in display order (the order of [`all`] and of every index).
const TABLES: [&[ParamSpec]; 6] = [
    TABLE_CORE,
    &TABLE_DIBAO_ASSETS,
    &TABLE_NEAR_DIBAO_ASSETS,
    TABLE_REFERENCE,
    &TABLE_TEKUN_ASSETS,
    TABLE_PROGRAMS,
];

/// How many parameters are registered.
#[expect(
    clippy::indexing_slicing,
    reason = "constant evaluation: an index out of range is a compile error"
)]
pub const COUNT: usize = {
    let mut n = 0;
    let mut t = 0;
    while t < TABLES.len() {
        n += TABLES[t].len();
        t += 1;
    }
    n
};

#[expect(
    clippy::indexing_slicing,
    reason = "constant evaluation: an index out of range is a compile error"
)]
const SPECS: [ParamSpec; COUNT] = {
    let mut out = [ParamSpec {
        key: "",
        ty: ParamType::Bool,
        zh: "",
        en: "",
        unit: "",
    }; COUNT];
    let (mut n, mut t) = (0, 0);
    while t < TABLES.len() {
        let mut i = 0;
        while i < TABLES[t].len() {
            out[n] = TABLES[t][i];
            n += 1;
            i += 1;
        }
        t += 1;
    }
    out
};

#[expect(
    clippy::indexing_slicing,
    reason = "handles hold indexes checked at compile time"
)]
const fn spec_at(i: usize) -> &'static ParamSpec {
    &ALL[i]
}

/// Every spec, in display order, built at compile time; a `'static` table that constant
/// evaluation (the handles) and the run-time lookups share.
const ALL: &[ParamSpec; COUNT] = &SPECS;

#[expect(
    clippy::indexing_slicing,
    reason = "constant evaluation over in-range indexes"
)]
const fn const_index_of(key: &str) -> Option<usize> {
    let k = key.as_bytes();
    let mut i = 0;
    while i < COUNT {
        let s = ALL[i].key.as_bytes();
        if s.len() == k.len() {
            let mut j = 0;
            while j < k.len() && s[j] == k[j] {
                j += 1;
            }
            if j == k.len() {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// Looks a key up.
pub fn spec(key: &str) -> Option<&'static ParamSpec> {
    index_of(key).and_then(|i| ALL.get(i))
}

/// The parameter at index `i` of [`all`].
pub fn by_index(i: usize) -> Option<&'static ParamSpec> {
    ALL.get(i)
}

/// The index of `key` in [`all`], if registered.
pub fn index_of(key: &str) -> Option<usize> {
    ALL.iter().position(|s| s.key == key)
}

/// Every registered parameter, in display order.
pub fn all() -> impl Iterator<Item = &'static ParamSpec> {
    ALL.iter()
}

impl std::fmt::Display for ParamType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParamType::Money => f.write_str("money"),
            ParamType::Ratio => f.write_str("decimal ≥ 0"),
            ParamType::Signed => f.write_str("decimal"),
            ParamType::Int { min, max } => write!(f, "integer {min}–{max}"),
            ParamType::Bool => f.write_str("true / false"),
            ParamType::Choice(c) => write!(f, "one of {}", c.join(", ")),
            ParamType::List([]) => f.write_str("list of local codes"),
            ParamType::List(c) => write!(f, "list of {}", c.join(", ")),
        }
    }
}

/// The parameter list as a Markdown table (`docs/parameters.md`), from the declarations.
pub fn markdown() -> String {
    use std::fmt::Write as _;
    let mut s = String::from(
        "# Parameters\n\nEvery parameter a policy file may set, in the order `hedui policy show` lists \
         them. Generated from `core/src/policy/registry.rs` by `hedui policy params`; a test \
         keeps this file equal to the declarations. Rules read each value through the handle \
         named in the second column (`registry::NAME`).\n\n\
         | key | handle | type | unit | 中文 | English |\n|---|---|---|---|---|---|\n",
    );
    for p in all() {
        // Asset parameters are reached through their program's `AssetParams`.
        let handle = match p.key.split_once(".assets.") {
            Some((program, field)) => format!("{}_ASSETS.{field}", program.to_uppercase()),
            None => p.key.to_uppercase().replace('.', "_"),
        };
        let _ = writeln!(
            s,
            "| `{}` | `{}` | {} | {} | {} | {} |",
            p.key, handle, p.ty, p.unit, p.zh, p.en
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<K: Kind>(_: Param<K>, v: &ParamValue) -> Option<K::Out<'_>> {
        K::read(v)
    }

    #[test]
    fn keys_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for s in all() {
            assert!(seen.insert(s.key), "duplicate key {}", s.key);
        }
        assert_eq!(all().count(), COUNT);
        assert!(spec("dibao.standard.urban").is_some());
        assert!(spec("near_dibao.assets.vehicles_allowed").is_some());
        assert!(spec("dibao.standard.suburban").is_none());
        assert!(spec("reference.minimum_wage.tier4").is_some());
        assert!(spec("tekun.basic_ratio_to_dibao").is_some());
    }

    #[test]
    fn every_key_has_both_labels() {
        for s in all() {
            assert!(!s.zh.trim().is_empty(), "{} has no Chinese label", s.key);
            assert!(!s.en.trim().is_empty(), "{} has no English label", s.key);
        }
    }

    #[test]
    fn handles_name_their_key_and_index() {
        assert_eq!(DIBAO_STANDARD_URBAN.key(), "dibao.standard.urban");
        assert_eq!(
            index_of("dibao.standard.urban"),
            Some(DIBAO_STANDARD_URBAN.index())
        );
        assert_eq!(
            NEAR_DIBAO_ASSETS.business_allowed.key(),
            "near_dibao.assets.business_allowed"
        );
        assert_eq!(
            TEKUN_ASSETS.financial_limit_months.spec().ty,
            ParamType::Ratio
        );
        for (i, s) in all().enumerate() {
            assert_eq!(index_of(s.key), Some(i));
        }
    }

    #[test]
    fn a_handle_reads_only_its_kind() {
        let d = ParamValue::Decimal(Decimal::ONE);
        assert_eq!(read(DIBAO_STANDARD_URBAN, &d), Some(Decimal::ONE));
        assert_eq!(read(DIBAO_GRADUAL_EXIT_MONTHS, &d), None);
        assert_eq!(read(DIBAO_ROUNDING, &ParamValue::Bool(true)), None);
        assert_eq!(
            read(DIBAO_ROUNDING, &ParamValue::Text("yuan_up".into())),
            Some("yuan_up")
        );
    }
}
