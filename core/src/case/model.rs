//! The case: one household at one date, as it arrives from JSON (`hedui.case/1`).
//!
//! Every struct denies unknown fields so a typo is an error, not a silently ignored fact.
//! Money is a decimal string (`"1200.50"`), dates are ISO `YYYY-MM-DD`.

use std::fmt;

use jiff::civil::Date;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The names of the case fields that hold a date (`YYYY-MM-DD` strings), wherever they occur.
pub const DATE_FIELDS: &[&str] = &[
    "as_of",
    "birth_date",
    "start",
    "end",
    "date",
    "left_family_on",
    "employment_started_on",
    "rigid_expenditure_recognised_on",
    "recheck_decided_on",
];

/// The names of the case fields that hold money or another decimal quantity (decimal
/// strings), wherever they occur.
pub const MONEY_FIELDS: &[&str] = &[
    "amount",
    "value",
    "area_m2",
    "current_dibao_amount",
    "reimbursed",
    "public_fee_standard",
    "annual_income",
    "loss",
];

/// A program the household applies for, or is assessed for.
// Declaration order (`Program::ALL`) is the report order.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Program {
    /// 最低生活保障 (minimum living guarantee).
    Dibao,
    /// 低保边缘家庭 (near-dibao family).
    NearDibao,
    /// 特困人员救助供养 (support for destitute persons), assessed per person.
    Tekun,
    /// 单人保: one member of a near-dibao family (or an adult severely disabled person)
    /// covered as a one-person household, assessed per person.
    SinglePerson,
    /// 临时救助 (temporary relief: 急难型 and 支出型).
    TemporaryRelief,
    /// 刚性支出困难家庭 (rigid-expenditure hardship family).
    RigidExpenditure,
    /// 价格临时补贴 (price-linked temporary subsidy).
    PriceSubsidy,
}

crate::names::wire_names!(Program, "program", program_names;
    Dibao => "dibao",
    NearDibao => "near_dibao",
    Tekun => "tekun",
    SinglePerson => "single_person",
    TemporaryRelief => "temporary_relief",
    RigidExpenditure => "rigid_expenditure",
    PriceSubsidy => "price_subsidy",
);

impl Program {
    /// What a case that names no programs is assessed for: dibao and near-dibao, the
    /// household application. Screening everyone for tekun by default would move people out
    /// of the dibao household without anyone having applied (DESIGN.md "Default programs").
    /// A convention of this engine, not a rule of law.
    pub const DEFAULTS: &'static [Program] = &[Program::Dibao, Program::NearDibao];

    /// `programs`, or [`Program::DEFAULTS`] when it is empty (as a case's `programs` is read).
    pub fn or_defaults(programs: &[Program]) -> &[Program] {
        if programs.is_empty() {
            Self::DEFAULTS
        } else {
            programs
        }
    }

    /// Whether the program is assessed per person (tekun, whose subjects are persons, SAIM
    /// 第14条; single-person dibao, one member covered as a one-person household, DB-2021
    /// 第8条): its people are the eligible members, its amount their sum. The others are
    /// assessed for the household.
    pub const fn per_person(self) -> bool {
        matches!(self, Program::Tekun | Program::SinglePerson)
    }

    /// How the program's amount in an outcome is paid: once for temporary relief (临时救助
    /// meets a sudden, temporary difficulty, SAIM 第47条; the engine computes one payment),
    /// monthly for every other program (dibao is paid monthly, 按月发给, SAIM 第12条; for the
    /// other programs a monthly amount is this engine's convention, see
    /// `ProgramOutcome::amount`).
    pub const fn basis(self) -> PaymentBasis {
        match self {
            Program::TemporaryRelief => PaymentBasis::OneOff,
            _ => PaymentBasis::Monthly,
        }
    }

    /// Payments of the amount in a year: 12 for a monthly program, 1 for a one-off one. A
    /// convention for annual figures (what-if comparisons): it assumes a household stays in
    /// the program all year.
    pub const fn payments_per_year(self) -> u32 {
        self.basis().payments_per_year()
    }

    /// Chinese name.
    pub const fn zh(self) -> &'static str {
        match self {
            Program::Dibao => "最低生活保障",
            Program::NearDibao => "低保边缘家庭",
            Program::Tekun => "特困人员救助供养",
            Program::SinglePerson => "单人保(参照单人户纳入低保)",
            Program::TemporaryRelief => "临时救助",
            Program::RigidExpenditure => "刚性支出困难家庭",
            Program::PriceSubsidy => "价格临时补贴",
        }
    }

    /// English name.
    pub const fn en(self) -> &'static str {
        match self {
            Program::Dibao => "minimum living guarantee (dibao)",
            Program::NearDibao => "near-dibao family",
            Program::Tekun => "support for destitute persons (tekun)",
            Program::SinglePerson => "single-person dibao",
            Program::TemporaryRelief => "temporary relief",
            Program::RigidExpenditure => "rigid-expenditure hardship family",
            Program::PriceSubsidy => "price-linked temporary subsidy",
        }
    }
}

/// How a program's amount is paid ([`Program::basis`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentBasis {
    /// Every month while the household is in the program.
    Monthly,
    /// Once.
    OneOff,
}

crate::names::wire_names!(PaymentBasis, "payment basis", payment_basis_names;
    Monthly => "monthly",
    OneOff => "one_off",
);

impl PaymentBasis {
    /// Payments of the amount in a year: 12 or 1 (a convention; see
    /// [`Program::payments_per_year`]).
    pub const fn payments_per_year(self) -> u32 {
        match self {
            PaymentBasis::Monthly => 12,
            PaymentBasis::OneOff => 1,
        }
    }
}

/// Urban or rural standard applies (the case states which; DB-2021 unified the programme,
/// but local standards may still differ).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Residence {
    /// 城市.
    Urban,
    /// 农村.
    Rural,
}

crate::names::wire_names!(Residence, "residence", residence_names;
    Urban => "urban",
    Rural => "rural",
);

/// One household at one date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Caller's id for the case; echoed in the outcome.
    pub id: String,
    /// GB/T 2260 code of the most specific region known (`360100`).
    pub region: String,
    /// The date the household is assessed at.
    #[schemars(with = "String", extend("format" = "date"))]
    #[serde(deserialize_with = "crate::calendar::serde_date::required")]
    pub as_of: Date,
    /// Which standard applies.
    pub residence: Residence,
    /// Programs applied for; empty means `dibao` and `near_dibao` (the household application).
    /// Per-person programs (`tekun`, `single_person`) assess the members whose `applies_for`
    /// names them, or every member when none does.
    #[serde(default)]
    pub programs: Vec<Program>,
    /// The household members; exactly one has `relation = "self"` (the applicant).
    pub members: Vec<Member>,
    /// Income records.
    #[serde(default)]
    pub incomes: Vec<Income>,
    /// Asset records.
    #[serde(default)]
    pub assets: Vec<Asset>,
    /// The income look-back window the investigation used, when the policy sets none
    /// (DB-2021 第13条 leaves the period to local rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income_window: Option<Period>,
    /// Verification facts: which sources were checked, auxiliary-assessment flags.
    #[serde(default)]
    pub verification: VerificationFacts,
    /// Enrolment and employment history.
    #[serde(default)]
    pub history: History,
    /// Legal support obligors outside the household, for tekun (TK-2021 第8条).
    #[serde(default)]
    pub obligors: Vec<Obligor>,
    /// Rigid expenditures (medical, education, rehabilitation), for 支出型 relief and
    /// rigid-expenditure families.
    #[serde(default)]
    pub expenditures: Vec<Expenditure>,
    /// The emergency, for 急难型 temporary relief.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident: Option<Incident>,
}

impl Case {
    /// The programs the case is assessed for: its `programs`, or [`Program::DEFAULTS`] when
    /// it names none.
    pub fn programs_or_default(&self) -> &[Program] {
        Program::or_defaults(&self.programs)
    }

    /// Whether the case is assessed for `program` (see [`Case::programs_or_default`]).
    pub fn wants(&self, program: Program) -> bool {
        self.programs_or_default().contains(&program)
    }
}

/// Relation of a member to the applicant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The applicant (申请人).
    #[serde(rename = "self")]
    Applicant,
    /// 配偶.
    Spouse,
    /// 子女 (including adopted and step-children raised by the applicant).
    Child,
    /// 父母.
    Parent,
    /// 祖父母/外祖父母.
    Grandparent,
    /// 孙子女/外孙子女.
    Grandchild,
    /// 兄弟姐妹.
    Sibling,
    /// Child's spouse (儿媳/女婿).
    ChildInLaw,
    /// Any other relative.
    OtherRelative,
    /// Not a relative.
    Unrelated,
}

crate::names::wire_names!(Relation, "relation", relation_names;
    Applicant => "self",
    Spouse => "spouse",
    Child => "child",
    Parent => "parent",
    Grandparent => "grandparent",
    Grandchild => "grandchild",
    Sibling => "sibling",
    ChildInLaw => "child_in_law",
    OtherRelative => "other_relative",
    Unrelated => "unrelated",
);

/// Marital status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MaritalStatus {
    /// 未婚.
    Single,
    /// 已婚.
    Married,
    /// 离异.
    Divorced,
    /// 丧偶.
    Widowed,
}

crate::names::wire_names!(MaritalStatus, "marital status", marital_status_names;
    Single => "single",
    Married => "married",
    Divorced => "divorced",
    Widowed => "widowed",
);

/// Disability category under GB/T 26341-2010.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DisabilityCategory {
    /// 视力残疾.
    Visual,
    /// 听力残疾.
    Hearing,
    /// 言语残疾.
    Speech,
    /// 肢体残疾.
    Physical,
    /// 智力残疾.
    Intellectual,
    /// 精神残疾.
    Mental,
    /// 多重残疾.
    Multiple,
}

crate::names::wire_names!(DisabilityCategory, "disability category", disability_category_names;
    Visual => "visual",
    Hearing => "hearing",
    Speech => "speech",
    Physical => "physical",
    Intellectual => "intellectual",
    Mental => "mental",
    Multiple => "multiple",
);

/// A disability as recorded (grade 1 is the most severe).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Disability {
    /// Category.
    pub category: DisabilityCategory,
    /// Grade 1–4.
    pub grade: u8,
    /// Whether the person holds a 残疾人证. Absent means not stated: a rule that needs the
    /// certificate does not assume it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<bool>,
    /// For a multiple disability (多重残疾): its component disabilities, each with its own
    /// category and grade, so a rule can judge them one by one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<DisabilityComponent>,
}

/// One component of a multiple disability.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DisabilityComponent {
    /// Category (not `multiple`).
    pub category: DisabilityCategory,
    /// Grade 1–4.
    pub grade: u8,
}

impl Disability {
    /// Whether a certificate is held: `Some(true)` when stated, `None` when not stated.
    pub fn certified(&self) -> Option<bool> {
        self.certificate
    }
}

fn yes() -> bool {
    true
}

/// A serious illness (重特大疾病).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Illness {
    /// Name of the illness.
    pub name: String,
    /// Whether the local department's list recognises it.
    #[serde(default)]
    pub on_local_list: bool,
}

/// Schooling, as far as DB-2021 第7条(三) needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Schooling {
    /// Not in school.
    None,
    /// Full-time study at undergraduate level or below (全日制本科及以下学历教育).
    FullTimeUndergraduateOrBelow,
    /// Full-time postgraduate study.
    FullTimePostgraduate,
    /// Part-time or non-degree study.
    PartTime,
    /// Full-time compulsory education (primary, junior high).
    Compulsory,
    /// Ordinary senior high school.
    SeniorHigh,
    /// Secondary vocational school.
    SecondaryVocational,
    /// Full-time undergraduate, higher vocational or junior college.
    HigherEducation,
}

crate::names::wire_names!(Schooling, "schooling", schooling_names;
    None => "none",
    FullTimeUndergraduateOrBelow => "full_time_undergraduate_or_below",
    FullTimePostgraduate => "full_time_postgraduate",
    PartTime => "part_time",
    Compulsory => "compulsory",
    SeniorHigh => "senior_high",
    SecondaryVocational => "secondary_vocational",
    HigherEducation => "higher_education",
);

impl Schooling {
    /// Full-time study at undergraduate level or below (DB-2021 第7条(三)).
    pub const fn is_full_time_undergraduate_or_below(self) -> bool {
        matches!(
            self,
            Schooling::FullTimeUndergraduateOrBelow
                | Schooling::Compulsory
                | Schooling::SeniorHigh
                | Schooling::SecondaryVocational
                | Schooling::HigherEducation
        )
    }
}

/// The six self-care items of TK-2021 第21条; `true` = the person does it on their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfCare {
    /// 进食.
    pub eating: bool,
    /// 穿衣.
    pub dressing: bool,
    /// 上下床.
    pub transferring: bool,
    /// 如厕.
    pub toileting: bool,
    /// 室内行走.
    pub walking_indoors: bool,
    /// 洗澡.
    pub bathing: bool,
}

impl SelfCare {
    /// Items the person cannot do on their own.
    pub fn failed(&self) -> usize {
        [
            self.eating,
            self.dressing,
            self.transferring,
            self.toileting,
            self.walking_indoors,
            self.bathing,
        ]
        .iter()
        .filter(|ok| !**ok)
        .count()
    }
}

/// A status that may exclude a person from the household count (DB-2021 第7条).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 在监狱内服刑 (serving a sentence in prison).
    Prison,
    /// Suspended sentence, not in prison (缓刑).
    SuspendedSentence,
    /// 看守所 pre-trial detention.
    PretrialDetention,
    /// 强制隔离戒毒 (compulsory isolated drug rehabilitation).
    CompulsoryDrugRehab,
    /// Voluntary drug rehabilitation.
    VoluntaryDrugRehab,
    /// 宣告失踪 (declared missing by a court).
    DeclaredMissing,
    /// Missing, not declared by a court.
    MissingNotDeclared,
    /// 宗教教职人员 (clergy); see `left_family_on`.
    Clergy,
    /// 义务兵 (conscript).
    Conscript,
}

crate::names::wire_names!(Status, "status", status_names;
    Prison => "prison",
    SuspendedSentence => "suspended_sentence",
    PretrialDetention => "pretrial_detention",
    CompulsoryDrugRehab => "compulsory_drug_rehab",
    VoluntaryDrugRehab => "voluntary_drug_rehab",
    DeclaredMissing => "declared_missing",
    MissingNotDeclared => "missing_not_declared",
    Clergy => "clergy",
    Conscript => "conscript",
);

/// Employment facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Employment {
    /// Employed by someone else.
    Employed,
    /// Self-employed or farming.
    SelfEmployed,
    /// Not working.
    Unemployed,
    /// Retired.
    Retired,
    /// Student.
    Student,
}

crate::names::wire_names!(Employment, "employment", employment_names;
    Employed => "employed",
    SelfEmployed => "self_employed",
    Unemployed => "unemployed",
    Retired => "retired",
    Student => "student",
);

/// One household member.
#[derive(Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Id unique within the case (`m1`).
    pub id: String,
    /// Relation to the applicant.
    pub relation: Relation,
    /// Date of birth.
    #[schemars(with = "String", extend("format" = "date"))]
    #[serde(deserialize_with = "crate::calendar::serde_date::required")]
    pub birth_date: Date,
    /// 身份证号, optional; checked (GB 11643) and never printed in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<IdNumber>,
    /// Registered in the household's 户籍.
    #[serde(default = "yes")]
    pub hukou_in_household: bool,
    /// Lives with the household long-term (长期共同居住).
    #[serde(default = "yes")]
    pub lives_together: bool,
    /// Marital status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marital_status: Option<MaritalStatus>,
    /// Disability, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disability: Option<Disability>,
    /// Serious illness, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub illness: Option<Illness>,
    /// Schooling.
    #[serde(default = "no_schooling")]
    pub schooling: Schooling,
    /// Statuses that may exclude the member.
    #[serde(default)]
    pub statuses: Vec<Status>,
    /// For clergy: the date the person left the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    #[serde(deserialize_with = "crate::calendar::serde_date::optional")]
    pub left_family_on: Option<Date>,
    /// Employment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment: Option<Employment>,
    /// An adult child who cannot live independently for a reason other than study
    /// (for example a disability); DB-2021 第7条(三).
    #[serde(default)]
    pub cannot_live_independently: bool,
    /// Whether a legal support duty (赡养/扶养/抚养) exists towards the household where
    /// it depends on facts (grandparents and siblings, CC 第1074–1075条); `null` = not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_duty: Option<bool>,
    /// Per-person programs this member applies for (`tekun`, `single_person`).
    #[serde(default)]
    pub applies_for: Vec<Program>,
    /// Self-care assessment (TK-2021 第21条).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_care: Option<SelfCare>,
    /// Currently supported as tekun.
    #[serde(default)]
    pub tekun_enrolled: bool,
    /// Chose the orphan or de-facto-unsupported-child guarantee instead (TK-2021 第9条).
    #[serde(default)]
    pub chose_orphan_allowance: bool,
    /// Asked to withdraw from tekun support (TK-2021 第24条(六)).
    #[serde(default)]
    pub withdrew_from_tekun: bool,
    /// For clergy living at a religious venue: whether they are in hardship (a local test).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clergy_hardship: Option<bool>,
    /// Covered by unemployment insurance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unemployment_insured: Option<bool>,
    /// Consecutive months without any income up to the assessment date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months_without_income: Option<u32>,
    /// Locally designated situations the member is in, by the code the local policy lists
    /// (for example the extra no-labour-capacity situations a province adds to TK-2021
    /// 第5条(四), or the groups a county designates under DB-2021 第8条(四)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub local_categories: Vec<String>,
    /// For a `sibling` member: whether this member was raised by the applicant (由兄、姐扶养长大),
    /// which makes a younger sibling owe support to the elder one (CC 第1075条第2款; tekun).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raised_by_applicant: Option<bool>,
    /// Holds contracted rural land or takes part in a collective economic organisation's income
    /// distribution (TK-2021 第19条: normally the rural tekun standard). `None`: not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contracted_land: Option<bool>,
    /// Moved into a town under poverty-alleviation relocation (易地扶贫搬迁; TK-2021 第19条: the
    /// urban tekun standard). `None`: not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relocated_to_town: Option<bool>,
}

fn no_schooling() -> Schooling {
    Schooling::None
}

impl fmt::Debug for Member {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Member")
            .field("id", &self.id)
            .field("relation", &self.relation)
            .field("birth_date", &self.birth_date)
            .field("id_number", &self.id_number)
            .field("statuses", &self.statuses)
            .finish_non_exhaustive()
    }
}

/// A 身份证号. Its `Debug` and `Display` show only the first 6 and last 4 characters.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct IdNumber(String);

impl IdNumber {
    /// Wraps a raw number (not yet checked).
    pub fn new(raw: impl Into<String>) -> Self {
        Self(raw.into())
    }

    /// The raw number. Callers must not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// First 6 and last 4 characters, the rest as `*`.
    pub fn masked(&self) -> String {
        mask_id(&self.0)
    }
}

/// Masks an identity number: first 6 and last 4 characters kept, the rest replaced by `*`.
/// Short or non-ASCII input is masked entirely.
pub fn mask_id(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let n = chars.len();
    if n < 12 || !raw.is_ascii() {
        return "*".repeat(n.min(18));
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < 6 || i >= n - 4 { *c } else { '*' })
        .collect()
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({})", self.masked())
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// Income category (DB-2021 第13条).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum IncomeCategory {
    /// 工资性收入.
    Wage,
    /// 经营净收入 (already net of costs, depreciation and production taxes).
    Business,
    /// 财产净收入.
    Property,
    /// 转移性收入 (transfer income received).
    Transfer,
    /// 转移性支出 (transfer expenditure: taxes, contributions, support paid), deducted.
    TransferExpenditure,
    /// 其他.
    Other,
}

crate::names::wire_names!(IncomeCategory, "income category", income_category_names;
    Wage => "wage",
    Business => "business",
    Property => "property",
    Transfer => "transfer",
    TransferExpenditure => "transfer_expenditure",
    Other => "other",
);

/// Income subtypes that matter to a rule (exclusions, deductions).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum IncomeSubtype {
    /// Nothing special.
    General,
    /// 优待抚恤金.
    YoufuFuxu,
    /// 计划生育奖励与扶助金.
    FamilyPlanning,
    /// 奖学金.
    Scholarship,
    /// 见义勇为 reward.
    HeroismAward,
    /// 政府发放的社会救助款物 (including temporary relief).
    SocialAssistance,
    /// 城乡居民基本养老保险基础养老金 (basic portion).
    ResidentsPensionBasic,
    /// Residents' pension, personal-account portion.
    ResidentsPensionPersonal,
    /// 离退休金 (enterprise or public-sector retirement pension).
    RetirementPension,
    /// 高龄津贴.
    OldAgeAllowance,
    /// 赡养费/抚养费/扶养费 received.
    SupportReceived,
    /// Unemployment insurance benefit.
    UnemploymentInsurance,
    /// Gift or inheritance.
    GiftOrInheritance,
    /// Tax paid (transfer expenditure).
    TaxPaid,
    /// Social-insurance contributions paid (transfer expenditure).
    SocialInsuranceContribution,
    /// Support paid to people outside the household (transfer expenditure).
    SupportPaid,
}

crate::names::wire_names!(IncomeSubtype, "income subtype", income_subtype_names;
    General => "general",
    YoufuFuxu => "youfu_fuxu",
    FamilyPlanning => "family_planning",
    Scholarship => "scholarship",
    HeroismAward => "heroism_award",
    SocialAssistance => "social_assistance",
    ResidentsPensionBasic => "residents_pension_basic",
    ResidentsPensionPersonal => "residents_pension_personal",
    RetirementPension => "retirement_pension",
    OldAgeAllowance => "old_age_allowance",
    SupportReceived => "support_received",
    UnemploymentInsurance => "unemployment_insurance",
    GiftOrInheritance => "gift_or_inheritance",
    TaxPaid => "tax_paid",
    SocialInsuranceContribution => "social_insurance_contribution",
    SupportPaid => "support_paid",
);

/// Where a record comes from.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Declared by the family.
    Declared,
    /// Verified by an agency through the 核对 platform.
    Verified,
}

crate::names::wire_names!(Source, "source", source_names;
    Declared => "declared",
    Verified => "verified",
);

/// Agencies the 核对 platform queries (SAIM 第58条; DB-2021 第17条).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Agency {
    /// 公安 (household registration).
    PublicSecurity,
    /// 人力资源社会保障.
    HumanResources,
    /// 税务.
    Tax,
    /// 不动产登记.
    RealEstate,
    /// 市场监管 (business registration).
    MarketRegulation,
    /// 住房公积金.
    HousingFund,
    /// 车辆管理.
    VehicleAdministration,
    /// 银行.
    Bank,
    /// 证券.
    Securities,
    /// 保险.
    Insurer,
    /// 互联网金融.
    OnlineFinance,
    /// 民政 (marriage, funeral, assistance records).
    CivilAffairs,
}

crate::names::wire_names!(Agency, "agency", agency_names;
    PublicSecurity => "public_security",
    HumanResources => "human_resources",
    Tax => "tax",
    RealEstate => "real_estate",
    MarketRegulation => "market_regulation",
    HousingFund => "housing_fund",
    VehicleAdministration => "vehicle_administration",
    Bank => "bank",
    Securities => "securities",
    Insurer => "insurer",
    OnlineFinance => "online_finance",
    CivilAffairs => "civil_affairs",
);

/// An inclusive range of dates (`start` and `end` both belong to the period).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day.
    #[schemars(with = "String", extend("format" = "date"))]
    #[serde(deserialize_with = "crate::calendar::serde_date::required")]
    pub start: Date,
    /// Last day (inclusive).
    #[schemars(with = "String", extend("format" = "date"))]
    #[serde(deserialize_with = "crate::calendar::serde_date::required")]
    pub end: Date,
}

/// One income record: the amount received over a period of whole calendar months.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Income {
    /// Member id.
    pub member: String,
    /// Category.
    pub category: IncomeCategory,
    /// Subtype.
    #[serde(default = "general")]
    pub subtype: IncomeSubtype,
    /// Total amount over the period, yuan.
    #[serde(with = "money_str")]
    #[schemars(with = "String", regex(pattern = r"^[0-9]+(\.[0-9]{1,2})?$"))]
    pub amount: Decimal,
    /// The period the amount covers; must start on a 1st and end on a month's last day.
    pub period: Period,
    /// Declared or verified.
    pub source: Source,
    /// For verified records, the agency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<Agency>,
    /// For support received: who pays it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<Payer>,
}

/// Who pays support received (DD-2022 一(一) lets support from siblings or people aged 60+
/// be exempted for an adult severely disabled person).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Payer {
    /// A brother or sister.
    Sibling,
    /// Someone aged 60 or over (typically a parent).
    Aged60Plus,
    /// Anyone else.
    Other,
}

crate::names::wire_names!(Payer, "payer", payer_names;
    Sibling => "sibling",
    Aged60Plus => "aged60_plus",
    Other => "other",
);

fn general() -> IncomeSubtype {
    IncomeSubtype::General
}

/// Asset kind (DB-2021 第14条).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    /// 存款.
    Deposit,
    /// 有价证券 and funds.
    Securities,
    /// 商业保险 cash value.
    InsuranceCashValue,
    /// 互联网金融资产.
    OnlineFinance,
    /// 债权.
    DebtClaim,
    /// Vehicle.
    Vehicle,
    /// Housing (residential).
    Housing,
    /// Non-residential property (shop, office, factory).
    NonResidentialProperty,
    /// Business registration.
    Business,
    /// Anything else.
    Other,
}

crate::names::wire_names!(AssetKind, "asset kind", asset_kind_names;
    Deposit => "deposit",
    Securities => "securities",
    InsuranceCashValue => "insurance_cash_value",
    OnlineFinance => "online_finance",
    DebtClaim => "debt_claim",
    Vehicle => "vehicle",
    Housing => "housing",
    NonResidentialProperty => "non_residential_property",
    Business => "business",
    Other => "other",
);

impl AssetKind {
    /// Whether the kind counts as a financial asset for the per-capita financial-asset test.
    pub const fn is_financial(self) -> bool {
        matches!(
            self,
            AssetKind::Deposit
                | AssetKind::Securities
                | AssetKind::InsuranceCashValue
                | AssetKind::OnlineFinance
                | AssetKind::DebtClaim
        )
    }
}

/// How a vehicle is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VehicleUse {
    /// Private use.
    Private,
    /// Needed for production or work.
    Production,
    /// A disabled person's mobility vehicle (残疾人功能性补偿代步机动车).
    DisabilityMobility,
}

crate::names::wire_names!(VehicleUse, "vehicle use", vehicle_use_names;
    Private => "private",
    Production => "production",
    DisabilityMobility => "disability_mobility",
);

/// Vehicle type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VehicleType {
    /// Car.
    Car,
    /// Ordinary two-wheeled motorcycle.
    Motorcycle,
    /// Truck or van.
    Truck,
    /// Farm machinery.
    FarmMachinery,
    /// Boat.
    Boat,
    /// Other.
    Other,
}

crate::names::wire_names!(VehicleType, "vehicle type", vehicle_type_names;
    Car => "car",
    Motorcycle => "motorcycle",
    Truck => "truck",
    FarmMachinery => "farm_machinery",
    Boat => "boat",
    Other => "other",
);

/// One asset record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    /// Member id.
    pub member: String,
    /// Kind.
    pub kind: AssetKind,
    /// Value, yuan.
    #[serde(with = "money_str")]
    #[schemars(with = "String", regex(pattern = r"^[0-9]+(\.[0-9]{1,2})?$"))]
    pub value: Decimal,
    /// Declared or verified.
    pub source: Source,
    /// For verified records, the agency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<Agency>,
    /// Vehicles: type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle_type: Option<VehicleType>,
    /// Vehicles: use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle_use: Option<VehicleUse>,
    /// Housing: floor area in square metres.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_decimal")]
    #[schemars(with = "Option<String>")]
    pub area_m2: Option<Decimal>,
}

mod opt_decimal {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    #[expect(
        clippy::ref_option,
        reason = "serde `with` passes the field by reference"
    )]
    pub(super) fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.serialize_str(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Decimal>, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        s.map(|s| super::money_str::parse(&s).map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// Auxiliary-assessment signals (辅助评估, DB-2021 第17条) a caseworker must weigh.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuxiliaryFlag {
    /// Unusually high water, electricity, gas or telecom spending.
    HighUtilitySpending,
    /// A child at a high-fee school (including nursery and study abroad).
    HighFeeSchool,
    /// Foreign travel.
    ForeignTravel,
}

crate::names::wire_names!(AuxiliaryFlag, "auxiliary flag", auxiliary_flag_names;
    HighUtilitySpending => "high_utility_spending",
    HighFeeSchool => "high_fee_school",
    ForeignTravel => "foreign_travel",
);

/// What the verification platform checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerificationFacts {
    /// Agencies queried for this case.
    #[serde(default)]
    pub checked_sources: Vec<Agency>,
    /// Auxiliary-assessment signals.
    #[serde(default)]
    pub auxiliary_flags: Vec<AuxiliaryFlag>,
}

/// One job offer made to a member (SAIM 第45条; DB-2021 第34条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JobOffer {
    /// Member id.
    pub member: String,
    /// Date of the offer.
    #[schemars(with = "String", extend("format" = "date"))]
    #[serde(deserialize_with = "crate::calendar::serde_date::required")]
    pub date: Date,
    /// Whether the member refused it.
    pub refused: bool,
    /// Whether the job suited the member's health and work capacity.
    #[serde(default = "yes")]
    pub suitable: bool,
    /// Whether the refusal had a good reason (正当理由).
    #[serde(default)]
    pub good_reason: bool,
}

/// Enrolment and employment history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// Whether the household currently receives dibao.
    #[serde(default)]
    pub enrolled_dibao: bool,
    /// Whether any member currently receives tekun support.
    #[serde(default)]
    pub enrolled_tekun: bool,
    /// Current monthly dibao amount, for the gradual-exit period.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_decimal")]
    #[schemars(with = "Option<String>")]
    pub current_dibao_amount: Option<Decimal>,
    /// The date a member started work that raised the household's income (渐退期 trigger).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    #[serde(deserialize_with = "crate::calendar::serde_date::optional")]
    pub employment_started_on: Option<Date>,
    /// The date of the re-check decision that found income above the standard; a gradual exit
    /// that starts after the re-check (`dibao.gradual_exit.starts`) runs from the next month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    #[serde(deserialize_with = "crate::calendar::serde_date::optional")]
    pub recheck_decided_on: Option<Date>,
    /// Job offers, in date order.
    #[serde(default)]
    pub job_offers: Vec<JobOffer>,
    /// Whether the household is currently recognised as near-dibao.
    #[serde(default)]
    pub enrolled_near_dibao: bool,
    /// When the household was last recognised as a rigid-expenditure family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    #[serde(deserialize_with = "crate::calendar::serde_date::optional")]
    pub rigid_expenditure_recognised_on: Option<Date>,
    /// Temporary relief received before.
    #[serde(default)]
    pub prior_relief: Vec<PriorRelief>,
}

/// Temporary relief received earlier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorRelief {
    /// Date paid.
    #[schemars(with = "String", extend("format" = "date"))]
    #[serde(deserialize_with = "crate::calendar::serde_date::required")]
    pub date: Date,
    /// The cause: an incident kind, or `expenditure`.
    pub cause: String,
    /// Amount paid.
    #[serde(with = "money_str")]
    #[schemars(with = "String")]
    pub amount: Decimal,
}

/// A legal support obligor's relation to the tekun applicant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ObligorRelation {
    /// 配偶 (CC 第1059条).
    Spouse,
    /// 子女 (CC 第1067条).
    Child,
    /// 父母 (CC 第1067条).
    Parent,
    /// 孙子女/外孙子女 (CC 第1074条).
    Grandchild,
    /// 祖父母/外祖父母 (CC 第1074条).
    Grandparent,
    /// 兄弟姐妹 (CC 第1075条).
    Sibling,
}

crate::names::wire_names!(ObligorRelation, "obligor relation", obligor_relation_names;
    Spouse => "spouse",
    Child => "child",
    Parent => "parent",
    Grandchild => "grandchild",
    Grandparent => "grandparent",
    Sibling => "sibling",
);

/// A legal support obligor outside the household (TK-2021 第8条).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Obligor {
    /// Id, unique among obligors.
    pub id: String,
    /// The member this person owes support to.
    pub for_member: String,
    /// Relation to that member.
    pub relation: ObligorRelation,
    /// Date of birth.
    #[schemars(with = "String", extend("format" = "date"))]
    #[serde(deserialize_with = "crate::calendar::serde_date::required")]
    pub birth_date: Date,
    /// Supported as tekun.
    #[serde(default)]
    pub tekun: bool,
    /// Receives dibao.
    #[serde(default)]
    pub dibao: bool,
    /// Disability, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disability: Option<Disability>,
    /// Own income over the last year, yuan.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_decimal")]
    #[schemars(with = "Option<String>")]
    pub annual_income: Option<Decimal>,
    /// Whether their assets are within the local low-income family asset rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assets_within_low_income_rule: Option<bool>,
    /// Has no civil capacity (无民事行为能力).
    #[serde(default)]
    pub no_civil_capacity: bool,
    /// Declared missing by a court.
    #[serde(default)]
    pub declared_missing: bool,
    /// Serving a sentence in prison.
    #[serde(default)]
    pub in_prison: bool,
    /// For grandparents, grandchildren and siblings: whether the nearer obligors (parents or
    /// children) are dead or unable, which is what makes this person an obligor (CC 第1074–1075条).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nearer_obligors_unable: Option<bool>,
    /// Deceased: owes nothing, and is listed so the next in line can be found (CC 第1074–1075条).
    #[serde(default)]
    pub deceased: bool,
    /// For a sibling: whether this obligor, a younger sibling, was raised by the member
    /// (CC 第1075条第2款). An elder sibling owes a minor younger one whatever this says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raised_by_member: Option<bool>,
    /// Locally designated incapacity situations of this obligor, by the code the province
    /// lists in `tekun.obligor_incapacity.local_categories` (TK-2021 第8条(六)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub local_categories: Vec<String>,
}

/// Kind of rigid expenditure (GX-2024 第5条).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExpenditureCategory {
    /// Out-of-pocket medical costs after insurance and medical assistance.
    Medical,
    /// School fees and accommodation.
    Education,
    /// Rehabilitation and assistive devices for a disability.
    DisabilityRehab,
    /// Other items the county recognises.
    Other,
}

crate::names::wire_names!(ExpenditureCategory, "expenditure category", expenditure_category_names;
    Medical => "medical",
    Education => "education",
    DisabilityRehab => "disability_rehab",
    Other => "other",
);

/// Level of education an expenditure is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EducationLevel {
    /// 学前教育.
    Kindergarten,
    /// 小学.
    Primary,
    /// 初中.
    JuniorHigh,
    /// 普通高中.
    SeniorHigh,
    /// 中等职业教育.
    SecondaryVocational,
    /// 全日制本科、高职、专科.
    Undergraduate,
    /// 研究生.
    Postgraduate,
}

crate::names::wire_names!(EducationLevel, "education level", education_level_names;
    Kindergarten => "kindergarten",
    Primary => "primary",
    JuniorHigh => "junior_high",
    SeniorHigh => "senior_high",
    SecondaryVocational => "secondary_vocational",
    Undergraduate => "undergraduate",
    Postgraduate => "postgraduate",
);

/// One rigid expenditure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expenditure {
    /// Member id.
    pub member: String,
    /// Category.
    pub category: ExpenditureCategory,
    /// For education: the level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education_level: Option<EducationLevel>,
    /// Amount paid, yuan.
    #[serde(with = "money_str")]
    #[schemars(with = "String")]
    pub amount: Decimal,
    /// Part reimbursed by insurance, assistance or others.
    #[serde(default, with = "money_str")]
    #[schemars(with = "String")]
    pub reimbursed: Decimal,
    /// For education: the fee of a comparable public institution (the amount counted is at
    /// most this).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_decimal")]
    #[schemars(with = "Option<String>")]
    pub public_fee_standard: Option<Decimal>,
    /// Date paid.
    #[schemars(with = "String", extend("format" = "date"))]
    #[serde(deserialize_with = "crate::calendar::serde_date::required")]
    pub date: Date,
    /// Declared or verified.
    pub source: Source,
}

/// Kind of emergency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IncidentKind {
    /// 火灾.
    Fire,
    /// 交通事故.
    TrafficAccident,
    /// 突发重大疾病.
    SuddenSeriousIllness,
    /// 自然灾害.
    NaturalDisaster,
    /// Other special difficulty.
    Other,
}

crate::names::wire_names!(IncidentKind, "incident kind", incident_kind_names;
    Fire => "fire",
    TrafficAccident => "traffic_accident",
    SuddenSeriousIllness => "sudden_serious_illness",
    NaturalDisaster => "natural_disaster",
    Other => "other",
);

/// The emergency behind a 急难型 application.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// Kind.
    pub kind: IncidentKind,
    /// Date.
    #[schemars(with = "String", extend("format" = "date"))]
    #[serde(deserialize_with = "crate::calendar::serde_date::required")]
    pub date: Date,
    /// Loss, yuan, if known.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_decimal")]
    #[schemars(with = "Option<String>")]
    pub loss: Option<Decimal>,
}

/// Money on the wire: a plain decimal string (`"1200.50"`, optionally negative so that
/// validation can say "negative"), never exponents, signs, separators or floats.
mod money_str {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn parse(s: &str) -> Result<Decimal, String> {
        if s.starts_with('-') {
            return Err("amount is negative".to_owned());
        }
        let body = s;
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
        let ok = digits(int)
            && (frac.is_empty() && !body.ends_with('.') || digits(frac))
            && frac.len() <= 2
            && int.len() <= 20;
        if !ok {
            return Err("not a decimal amount with at most two places".to_owned());
        }
        s.parse::<Decimal>()
            .map_err(|_| "not a decimal amount".to_owned())
    }

    pub(super) fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let s = String::deserialize(d)?;
        parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_without_programs_wants_the_defaults() {
        let mut c: Case = serde_json::from_value(serde_json::json!({
            "id": "c", "region": "360100", "as_of": "2026-11-01", "residence": "urban",
            "members": []
        }))
        .unwrap();
        assert_eq!(
            c.programs_or_default(),
            [Program::Dibao, Program::NearDibao]
        );
        assert!(c.wants(Program::NearDibao) && !c.wants(Program::Tekun));
        c.programs = vec![Program::Tekun];
        assert_eq!(c.programs_or_default(), [Program::Tekun]);
        assert!(c.wants(Program::Tekun) && !c.wants(Program::Dibao));
    }

    #[test]
    fn only_temporary_relief_is_paid_once() {
        for p in Program::ALL {
            let once = *p == Program::TemporaryRelief;
            assert_eq!(p.basis() == PaymentBasis::OneOff, once, "{p}");
            assert_eq!(p.payments_per_year(), if once { 1 } else { 12 }, "{p}");
        }
        assert_eq!(PaymentBasis::OneOff.as_str(), "one_off");
    }
}
