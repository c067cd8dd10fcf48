//! The parameter registry: every key a policy file may set, its type and its labels.
//!
//! A key not listed here is a policy error, so a misspelt key never silently does nothing.

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

const EXCLUDABLE_SUBTYPES: &[&str] = &[
    "old_age_allowance",
    "residents_pension_personal",
    "support_received",
    "unemployment_insurance",
    "gift_or_inheritance",
    "retirement_pension",
];

const VEHICLE_USES: &[&str] = &["production", "disability_mobility"];
const VEHICLE_TYPES: &[&str] = &[
    "motorcycle",
    "farm_machinery",
    "truck",
    "boat",
    "car",
    "other",
];

macro_rules! asset_params {
    ($p:literal, $zh:literal, $en:literal) => {
        [
            ParamSpec {
                key: concat!($p, ".assets.financial_limit_months"),
                ty: ParamType::Ratio,
                zh: concat!($zh, "人均金融资产上限(低保标准月数)"),
                en: concat!(
                    $en,
                    " per-capita financial-asset limit (months of the standard)"
                ),
                unit: "months",
            },
            ParamSpec {
                key: concat!($p, ".assets.financial_limit_per_capita"),
                ty: ParamType::Money,
                zh: concat!($zh, "人均金融资产上限(金额)"),
                en: concat!($en, " per-capita financial-asset limit (amount)"),
                unit: "yuan",
            },
            ParamSpec {
                key: concat!($p, ".assets.financial_limit_strict"),
                ty: ParamType::Bool,
                zh: concat!($zh, "金融资产须低于上限(否则为不超过)"),
                en: concat!($en, " financial assets must be strictly below the limit"),
                unit: "",
            },
            ParamSpec {
                key: concat!($p, ".assets.vehicles_allowed"),
                ty: ParamType::Int { min: 0, max: 10 },
                zh: concat!($zh, "允许的非豁免机动车数量"),
                en: concat!($en, " non-exempt vehicles allowed"),
                unit: "vehicles",
            },
            ParamSpec {
                key: concat!($p, ".assets.vehicle_exempt_uses"),
                ty: ParamType::List(VEHICLE_USES),
                zh: concat!($zh, "豁免的车辆用途"),
                en: concat!($en, " exempt vehicle uses"),
                unit: "",
            },
            ParamSpec {
                key: concat!($p, ".assets.vehicle_exempt_types"),
                ty: ParamType::List(VEHICLE_TYPES),
                zh: concat!($zh, "豁免的车辆类型"),
                en: concat!($en, " exempt vehicle types"),
                unit: "",
            },
            ParamSpec {
                key: concat!($p, ".assets.housing_max_count"),
                ty: ParamType::Int { min: 0, max: 10 },
                zh: concat!($zh, "住房套数上限"),
                en: concat!($en, " maximum number of homes"),
                unit: "homes",
            },
            ParamSpec {
                key: concat!($p, ".assets.housing_max_area_per_capita"),
                ty: ParamType::Ratio,
                zh: concat!($zh, "人均住房面积上限"),
                en: concat!($en, " maximum housing area per person"),
                unit: "m²",
            },
            ParamSpec {
                key: concat!($p, ".assets.non_residential_allowed"),
                ty: ParamType::Bool,
                zh: concat!($zh, "是否允许拥有非住宅房产"),
                en: concat!($en, " non-residential property allowed"),
                unit: "",
            },
            ParamSpec {
                key: concat!($p, ".assets.business_allowed"),
                ty: ParamType::Bool,
                zh: concat!($zh, "是否允许有工商登记"),
                en: concat!($en, " business registration allowed"),
                unit: "",
            },
        ]
    };
}

const DIBAO_ASSETS: [ParamSpec; 10] = asset_params!("dibao", "低保", "dibao");
const TEKUN_ASSETS: [ParamSpec; 10] = asset_params!("tekun", "特困", "tekun");

macro_rules! spec {
    ($key:literal, $ty:expr, $zh:literal, $en:literal, $unit:literal) => {
        ParamSpec {
            key: $key,
            ty: $ty,
            zh: $zh,
            en: $en,
            unit: $unit,
        }
    };
}

const PROGRAMS: &[ParamSpec] = &[
    spec!(
        "tekun.excludes_from_dibao",
        ParamType::Bool,
        "特困人员不再计入低保家庭",
        "a tekun person is not also counted for dibao",
        ""
    ),
    spec!(
        "tekun.care.self_care_amount",
        ParamType::Money,
        "特困照料护理标准:全自理(金额)",
        "tekun care standard, self-caring (amount)",
        "yuan/month"
    ),
    spec!(
        "tekun.care.partial_amount",
        ParamType::Money,
        "特困照料护理标准:部分丧失(金额)",
        "tekun care standard, partially dependent (amount)",
        "yuan/month"
    ),
    spec!(
        "tekun.care.full_amount",
        ParamType::Money,
        "特困照料护理标准:完全丧失(金额)",
        "tekun care standard, fully dependent (amount)",
        "yuan/month"
    ),
    spec!(
        "single_person.amount_rule",
        ParamType::Choice(&["gap", "full_standard", "share_of_standard"]),
        "单人保金额计算方式",
        "how the single-person amount is computed",
        ""
    ),
    spec!(
        "single_person.share",
        ParamType::Ratio,
        "单人保按标准比例发放的比例",
        "share of the standard paid (share_of_standard rule)",
        "× standard"
    ),
    spec!(
        "single_person.adult_severe_disability_route",
        ParamType::Bool,
        "成年无业重度残疾人可单独申请(非低保边缘家庭)",
        "adult unemployed severely disabled people may apply alone outside near-dibao families",
        ""
    ),
    spec!(
        "single_person.exempt_support_from_siblings_elderly",
        ParamType::Bool,
        "兄弟姐妹或60周岁以上老人给予的赡养扶养可豁免",
        "support from siblings or people aged 60+ is exempted",
        ""
    ),
    spec!(
        "rigid_expenditure.share_threshold",
        ParamType::Ratio,
        "刚性支出占家庭总收入比例的认定标准",
        "rigid-expenditure share of household income that must be exceeded",
        "share"
    ),
    spec!(
        "rigid_expenditure.validity_months",
        ParamType::Int { min: 1, max: 12 },
        "刚性支出困难家庭认定有效期",
        "validity of a rigid-expenditure recognition",
        "months"
    ),
    spec!(
        "temporary_relief.emergency_months",
        ParamType::Ratio,
        "急难型救助金额(低保标准月数)",
        "emergency relief (months of the standard)",
        "months"
    ),
    spec!(
        "temporary_relief.emergency_min_months",
        ParamType::Ratio,
        "急难型救助下限(低保标准月数)",
        "emergency relief, lower end of the range (months of the standard)",
        "months"
    ),
    spec!(
        "temporary_relief.emergency_max_months",
        ParamType::Ratio,
        "急难型救助上限(低保标准月数)",
        "emergency relief, upper end of the range (months of the standard)",
        "months"
    ),
    spec!(
        "temporary_relief.expenditure_months",
        ParamType::Ratio,
        "支出型救助金额(低保标准月数)",
        "expenditure-type relief (months of the standard)",
        "months"
    ),
    spec!(
        "temporary_relief.cap_months",
        ParamType::Ratio,
        "临时救助封顶(低保标准月数)",
        "temporary relief cap (months of the standard)",
        "months"
    ),
    spec!(
        "temporary_relief.per_person",
        ParamType::Bool,
        "临时救助按人计算(否则按户)",
        "temporary relief is per person (otherwise per household)",
        ""
    ),
    spec!(
        "temporary_relief.once_per_cause_per_year",
        ParamType::Bool,
        "同一原因一年内只救助一次",
        "the same cause is relieved once a year",
        ""
    ),
    spec!(
        "temporary_relief.uninsured_worker_enabled",
        ParamType::Bool,
        "未参保失业人员一次性临时救助",
        "one-off relief for uninsured unemployed workers",
        ""
    ),
    spec!(
        "temporary_relief.uninsured_worker_amount",
        ParamType::Money,
        "未参保失业人员一次性临时救助金额",
        "one-off relief amount for uninsured unemployed workers",
        "yuan"
    ),
    spec!(
        "price_subsidy.covered_groups",
        ParamType::List(&["dibao", "tekun", "near_dibao"]),
        "价格临时补贴保障对象",
        "groups covered by the price subsidy",
        ""
    ),
    spec!(
        "price_subsidy.formula",
        ParamType::Choice(&["standard_x_cpi", "fixed"]),
        "价格临时补贴计算方式",
        "how the price subsidy is computed",
        ""
    ),
    spec!(
        "price_subsidy.amount_per_person",
        ParamType::Money,
        "价格临时补贴(每人每月,固定金额)",
        "price subsidy per person per month (fixed)",
        "yuan/month"
    ),
    spec!(
        "price.cpi_yoy",
        ParamType::Signed,
        "居民消费价格指数同比涨幅",
        "consumer price index, year-on-year change",
        "%"
    ),
    spec!(
        "price.food_cpi_yoy",
        ParamType::Signed,
        "食品价格指数同比涨幅",
        "food price index, year-on-year change",
        "%"
    ),
];
const NEAR_DIBAO_ASSETS: [ParamSpec; 10] = asset_params!("near_dibao", "低保边缘", "near-dibao");

const CORE: &[ParamSpec] = &[
    ParamSpec {
        key: "age.reached_on",
        ty: ParamType::Choice(&["birthday", "day_after_birthday"]),
        zh: "周岁起算日",
        en: "day an age is reached",
        unit: "",
    },
    ParamSpec {
        key: "household.exclude_pretrial_detention",
        ty: ParamType::Bool,
        zh: "看守所羁押人员不计入家庭成员",
        en: "people in pre-trial detention are not counted",
        unit: "",
    },
    ParamSpec {
        key: "household.count_postgraduate_students",
        ty: ParamType::Bool,
        zh: "全日制研究生子女计入家庭成员",
        en: "full-time postgraduate children are counted",
        unit: "",
    },
    ParamSpec {
        key: "household.extra_excluded_statuses",
        ty: ParamType::List(EXCLUDABLE_STATUSES),
        zh: "省定不计入家庭成员的其他情形",
        en: "further statuses the province excludes",
        unit: "",
    },
    ParamSpec {
        key: "income.lookback_months",
        ty: ParamType::Int { min: 1, max: 36 },
        zh: "收入计算期(月)",
        en: "income look-back window",
        unit: "months",
    },
    ParamSpec {
        key: "income.exclude_residents_pension_basic",
        ty: ParamType::Bool,
        zh: "城乡居民基本养老保险基础养老金不计入收入",
        en: "residents' basic pension (basic portion) not counted",
        unit: "",
    },
    ParamSpec {
        key: "income.extra_excluded_subtypes",
        ty: ParamType::List(EXCLUDABLE_SUBTYPES),
        zh: "设区的市以上规定不计入的其他收入",
        en: "further income the city or province does not count",
        unit: "",
    },
    ParamSpec {
        key: "income.employment_cost_deduction",
        ty: ParamType::Money,
        zh: "就业成本扣减(每名就业成员每月)",
        en: "employment-cost deduction per employed member per month",
        unit: "yuan/month",
    },
    ParamSpec {
        key: "income.floor_net_transfer_at_zero",
        ty: ParamType::Bool,
        zh: "转移净收入最低按零计",
        en: "net transfer income floored at zero",
        unit: "",
    },
    ParamSpec {
        key: "dibao.standard.urban",
        ty: ParamType::Money,
        zh: "城市低保标准",
        en: "urban dibao standard",
        unit: "yuan/person/month",
    },
    ParamSpec {
        key: "dibao.standard.rural",
        ty: ParamType::Money,
        zh: "农村低保标准",
        en: "rural dibao standard",
        unit: "yuan/person/month",
    },
    ParamSpec {
        key: "dibao.target_ratio_to_min_wage",
        ty: ParamType::Ratio,
        zh: "低保标准占当地月最低工资标准的目标比例",
        en: "target ratio of the dibao standard to the local monthly minimum wage",
        unit: "× minimum wage",
    },
    ParamSpec {
        key: "dibao.rounding",
        ty: ParamType::Choice(&[
            "fen_half_up",
            "jiao_half_up",
            "jiao_up",
            "yuan_half_up",
            "yuan_up",
        ]),
        zh: "低保金舍入规则",
        en: "rounding of the dibao amount",
        unit: "",
    },
    ParamSpec {
        key: "dibao.min_benefit_per_member",
        ty: ParamType::Money,
        zh: "低保金保底(每人每月)",
        en: "minimum dibao benefit per member",
        unit: "yuan/person/month",
    },
    ParamSpec {
        key: "dibao.uplift.elderly_age",
        ty: ParamType::Int { min: 50, max: 120 },
        zh: "分类施保:老年人年龄",
        en: "classified support: elderly from age",
        unit: "years",
    },
    ParamSpec {
        key: "dibao.uplift.elderly_ratio",
        ty: ParamType::Ratio,
        zh: "分类施保:老年人增发比例(占低保标准)",
        en: "classified support: elderly uplift (share of the standard)",
        unit: "× standard",
    },
    ParamSpec {
        key: "dibao.uplift.minor_ratio",
        ty: ParamType::Ratio,
        zh: "分类施保:未成年人增发比例",
        en: "classified support: minor uplift (share of the standard)",
        unit: "× standard",
    },
    ParamSpec {
        key: "dibao.uplift.severe_disability_ratio",
        ty: ParamType::Ratio,
        zh: "分类施保:重度残疾人增发比例",
        en: "classified support: severe-disability uplift (share of the standard)",
        unit: "× standard",
    },
    ParamSpec {
        key: "dibao.uplift.serious_illness_ratio",
        ty: ParamType::Ratio,
        zh: "分类施保:重病患者增发比例",
        en: "classified support: serious-illness uplift (share of the standard)",
        unit: "× standard",
    },
    ParamSpec {
        key: "dibao.uplift.stacking",
        ty: ParamType::Choice(&["max", "sum"]),
        zh: "分类施保:同一人多项时取高或累加",
        en: "classified support: one member in several groups gets the highest or the sum",
        unit: "",
    },
    ParamSpec {
        key: "dibao.gradual_exit.months",
        ty: ParamType::Int { min: 1, max: 6 },
        zh: "渐退期(月)",
        en: "gradual-exit period",
        unit: "months",
    },
    ParamSpec {
        key: "dibao.gradual_exit.benefit_ratio",
        ty: ParamType::Ratio,
        zh: "渐退期内保留的低保金比例",
        en: "share of the current benefit kept during the gradual exit",
        unit: "× current",
    },
    ParamSpec {
        key: "dibao.job_refusal.own_share_kept",
        ty: ParamType::Ratio,
        zh: "连续3次拒绝就业者本人保留的份额",
        en: "share of a job refuser's own benefit kept",
        unit: "× own share",
    },
    ParamSpec {
        key: "near_dibao.multiplier",
        ty: ParamType::Ratio,
        zh: "低保边缘收入倍数",
        en: "near-dibao income multiple of the standard",
        unit: "× standard",
    },
    ParamSpec {
        key: "verification.required_sources",
        ty: ParamType::List(AGENCIES),
        zh: "必须核对的信息来源",
        en: "sources that must be checked",
        unit: "",
    },
];

/// Reference figures and programmes the engine does not evaluate yet: shown by `policy show`,
/// compared by the adequacy check (`policy::adequacy`), never used in a decision.
const REFERENCE: &[ParamSpec] = &[
    ParamSpec {
        key: "tekun.basic_standard.urban",
        ty: ParamType::Money,
        zh: "特困人员基本生活标准(城市)",
        en: "tekun basic-living standard (urban)",
        unit: "yuan/person/month",
    },
    ParamSpec {
        key: "tekun.basic_standard.rural",
        ty: ParamType::Money,
        zh: "特困人员基本生活标准(农村)",
        en: "tekun basic-living standard (rural)",
        unit: "yuan/person/month",
    },
    ParamSpec {
        key: "tekun.basic_ratio_to_dibao",
        ty: ParamType::Ratio,
        zh: "特困人员基本生活标准不低于当地低保标准的倍数",
        en: "tekun basic-living standard as a minimum multiple of the local dibao standard",
        unit: "× dibao standard",
    },
    ParamSpec {
        key: "tekun.care.partial_ratio_to_min_wage",
        ty: ParamType::Ratio,
        zh: "特困人员照料护理标准(部分丧失生活自理能力)占最低工资标准的比例",
        en: "tekun care standard, partly dependent (share of the minimum wage)",
        unit: "× minimum wage",
    },
    ParamSpec {
        key: "tekun.care.full_ratio_to_min_wage",
        ty: ParamType::Ratio,
        zh: "特困人员照料护理标准(完全丧失生活自理能力)占最低工资标准的比例",
        en: "tekun care standard, fully dependent (share of the minimum wage)",
        unit: "× minimum wage",
    },
    ParamSpec {
        key: "reference.minimum_wage.tier1",
        ty: ParamType::Money,
        zh: "月最低工资标准(第一档)",
        en: "monthly minimum wage, tier 1",
        unit: "yuan/month",
    },
    ParamSpec {
        key: "reference.minimum_wage.tier2",
        ty: ParamType::Money,
        zh: "月最低工资标准(第二档)",
        en: "monthly minimum wage, tier 2",
        unit: "yuan/month",
    },
    ParamSpec {
        key: "reference.minimum_wage.tier3",
        ty: ParamType::Money,
        zh: "月最低工资标准(第三档)",
        en: "monthly minimum wage, tier 3",
        unit: "yuan/month",
    },
    ParamSpec {
        key: "reference.minimum_wage.tier4",
        ty: ParamType::Money,
        zh: "月最低工资标准(第四档)",
        en: "monthly minimum wage, tier 4",
        unit: "yuan/month",
    },
    ParamSpec {
        key: "reference.minimum_wage_tier",
        ty: ParamType::Int { min: 1, max: 4 },
        zh: "本地区适用的最低工资档次",
        en: "minimum-wage tier that applies in this region",
        unit: "tier",
    },
    ParamSpec {
        key: "reference.per_capita_disposable_income",
        ty: ParamType::Money,
        zh: "上年度居民人均可支配收入",
        en: "previous year's per-capita disposable income of residents",
        unit: "yuan/person/year",
    },
    ParamSpec {
        key: "reference.per_capita_consumption_expenditure",
        ty: ParamType::Money,
        zh: "上年度居民人均消费支出",
        en: "previous year's per-capita consumption expenditure of residents",
        unit: "yuan/person/year",
    },
    ParamSpec {
        key: "price_subsidy.trigger_cpi_yoy",
        ty: ParamType::Ratio,
        zh: "价格临时补贴启动条件:居民消费价格指数(CPI)单月同比涨幅",
        en: "price subsidy trigger: monthly year-on-year CPI rise",
        unit: "%",
    },
    ParamSpec {
        key: "price_subsidy.trigger_food_cpi_yoy",
        ty: ParamType::Ratio,
        zh: "价格临时补贴启动条件:食品价格单月同比涨幅",
        en: "price subsidy trigger: monthly year-on-year food CPI rise",
        unit: "%",
    },
    ParamSpec {
        key: "price_subsidy.min_amount",
        ty: ParamType::Money,
        zh: "价格临时补贴最低标准(每人每月)",
        en: "minimum price subsidy per person per month",
        unit: "yuan/person/month",
    },
];

/// Looks a key up.
pub fn spec(key: &str) -> Option<&'static ParamSpec> {
    all().find(|s| s.key == key)
}

/// Every registered parameter, in display order.
pub fn all() -> impl Iterator<Item = &'static ParamSpec> {
    all_core().chain(TEKUN_ASSETS.iter()).chain(PROGRAMS.iter())
}

fn all_core() -> impl Iterator<Item = &'static ParamSpec> {
    CORE.iter()
        .chain(DIBAO_ASSETS.iter())
        .chain(NEAR_DIBAO_ASSETS.iter())
        .chain(REFERENCE.iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for s in all() {
            assert!(seen.insert(s.key), "duplicate key {}", s.key);
        }
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
}
