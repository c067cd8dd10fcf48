//! Every rule the engine applies: a stable id, its legal sources and a title, and the one
//! registry of the documents those sources cite.
//!
//! Ids never change meaning; fixtures assert on them. A test checks that every id used by
//! the rules is listed here. `docs/law/README.md` describes each document.

use serde::Serialize;

/// Defines a document's title (`name!()`) and short code (`name!(code)`) as literals, so
/// rule citations can be joined at compile time.
macro_rules! document {
    ($($m:ident, $code:literal, $title:literal;)*) => {
        $(
            macro_rules! $m {
                () => {
                    $title
                };
                (code) => {
                    $code
                };
            }
        )*
    };
}

document! {
    saim, "SAIM", "《社会救助暂行办法》(国务院令第649号)";
    db2021, "DB2021", "《最低生活保障审核确认办法》(民发〔2021〕57号)";
    dd2022, "DD2022", "《关于进一步做好最低生活保障等社会救助兜底保障工作的通知》(民政部等, 2022)";
    ref2020, "REF2020", "《关于改革完善社会救助制度的意见》(2020)";
    cc, "CC", "《中华人民共和国民法典》";
    tk2021, "TK2021", "《特困人员认定办法》(民发〔2021〕43号)";
    gx2024, "GX2024", "《刚性支出困难家庭认定办法》(民政部, 2024)";
    tr2018, "TR2018", "《关于进一步加强和改进临时救助工作的意见》(民发〔2018〕23号)";
    ndrc2021, "NDRC2021", "社会救助和保障标准与物价上涨挂钩联动机制(发改价格〔2021〕1553号)";
    jx2022, "JX2022", "江西省民政厅《民政助力稳住经济发展的若干举措》(2022)";
    li2024, "LI2024", "民政部关于低收入人口认定的通知(2024)";
}

/// A cited document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Document {
    /// Short code, as in `docs/law/README.md` (`SAIM`, `DB2021`, …).
    pub code: &'static str,
    /// Full title with its number.
    pub title: &'static str,
}

/// The documents rules cite, by short code.
pub mod docs {
    use super::Document;

    /// 《社会救助暂行办法》, 国务院令第649号 (2019 text).
    pub const SAIM: Document = Document {
        code: saim!(code),
        title: saim!(),
    };
    /// 《最低生活保障审核确认办法》, 民发〔2021〕57号.
    pub const DB2021: Document = Document {
        code: db2021!(code),
        title: db2021!(),
    };
    /// The 2022 notice on dibao and other last-resort assistance.
    pub const DD2022: Document = Document {
        code: dd2022!(code),
        title: dd2022!(),
    };
    /// The 2020 opinion on reforming social assistance.
    pub const REF2020: Document = Document {
        code: ref2020!(code),
        title: ref2020!(),
    };
    /// The Civil Code.
    pub const CC: Document = Document {
        code: cc!(code),
        title: cc!(),
    };
    /// 《特困人员认定办法》, 民发〔2021〕43号.
    pub const TK2021: Document = Document {
        code: tk2021!(code),
        title: tk2021!(),
    };
    /// The 2024 measures recognising rigid-expenditure families.
    pub const GX2024: Document = Document {
        code: gx2024!(code),
        title: gx2024!(),
    };
    /// The 2018 opinion on temporary relief.
    pub const TR2018: Document = Document {
        code: tr2018!(code),
        title: tr2018!(),
    };
    /// The 2021 price-linkage mechanism.
    pub const NDRC2021: Document = Document {
        code: ndrc2021!(code),
        title: ndrc2021!(),
    };
    /// Jiangxi civil affairs measures of 2022.
    pub const JX2022: Document = Document {
        code: jx2022!(code),
        title: jx2022!(),
    };
    /// The 2024 notice on identifying the low-income population.
    pub const LI2024: Document = Document {
        code: li2024!(code),
        title: li2024!(),
    };
    /// Every document, in the order `docs/law/README.md` lists them.
    pub const ALL: &[Document] = &[
        SAIM, DB2021, DD2022, REF2020, CC, TK2021, GX2024, TR2018, NDRC2021, JX2022, LI2024,
    ];
}

/// One source of a rule: an article of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Source {
    /// The document's short code.
    pub document: &'static str,
    /// The document's full title.
    pub title: &'static str,
    /// Article(s), paragraph or item; may be empty when the document as a whole applies.
    pub article: &'static str,
}

/// A rule's legal basis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable id.
    pub id: &'static str,
    /// Every source, the principal one first.
    pub sources: &'static [Source],
    /// Short title in Chinese.
    pub zh: &'static str,
    /// Short title in English.
    pub en: &'static str,
    /// The sources as printed in reports: `document article; document article`.
    pub cite: &'static str,
}

impl Rule {
    /// `document article; …`, the form printed in reports.
    pub fn citation(&self) -> &'static str {
        self.cite
    }
}

macro_rules! rules {
    ($($name:ident = $id:literal, [$doc0:ident $art0:literal $(, $doc:ident $art:literal)*], $zh:literal, $en:literal;)*) => {
        $(
            #[doc = concat!("`", $id, "`: ", $en)]
            pub const $name: Rule = Rule {
                id: $id,
                sources: &[
                    Source { document: $doc0!(code), title: $doc0!(), article: $art0 },
                    $(Source { document: $doc!(code), title: $doc!(), article: $art },)*
                ],
                zh: $zh,
                en: $en,
                cite: concat!($doc0!(), " ", $art0 $(, "; ", $doc!(), " ", $art)*),
            };
        )*
        /// Every rule.
        pub const ALL: &[Rule] = &[$($name),*];
    };
}

rules! {
    MEMBER_APPLICANT = "household.member.applicant", [db2021 "第4条"], "申请人本人", "the applicant";
    MEMBER_SPOUSE = "household.member.spouse", [db2021 "第7条(一)"], "配偶", "spouse";
    MEMBER_MINOR_CHILD = "household.member.minor_child", [db2021 "第7条(二)", cc "第17条"], "未成年子女", "minor child (under 18)";
    MEMBER_STUDENT_CHILD = "household.member.adult_child_student", [db2021 "第7条(三)"], "在校接受全日制本科及以下学历教育的成年子女", "adult child in full-time study at undergraduate level or below";
    MEMBER_DEPENDENT_CHILD = "household.member.adult_child_dependent", [db2021 "第7条(三)"], "不能独立生活的成年子女", "adult child unable to live independently";
    MEMBER_POSTGRADUATE = "household.member.postgraduate", [db2021 "第7条(三) (省级规定)"], "全日制研究生子女(省定)", "full-time postgraduate child (provincial rule)";
    MEMBER_SUPPORT_DUTY = "household.member.support_duty_cohabiting", [db2021 "第7条(四)", cc "第1067、1074、1075条"], "有法定赡养、扶养或抚养义务且长期共同居住", "legal support duty and long-term cohabitation";
    NOT_MEMBER_NOT_COHABITING = "household.not_member.not_cohabiting", [db2021 "第7条(四)"], "未长期共同居住", "does not live with the household long-term";
    NOT_MEMBER_NO_DUTY = "household.not_member.no_support_duty", [db2021 "第7条"], "无法定赡养、扶养或抚养义务", "no legal support duty";
    NOT_MEMBER_ADULT_CHILD = "household.not_member.adult_child", [db2021 "第7条(三)"], "已能独立生活的成年子女且未共同居住", "adult child able to live independently and not living with the household";
    EXCLUDE_CLERGY = "household.exclude.clergy", [db2021 "第7条(不计入(一))", cc "第1259条"], "脱离家庭三年以上(含三年)的宗教教职人员", "clergy away from the family 3 years or more";
    EXCLUDE_PRISON = "household.exclude.prison", [db2021 "第7条(不计入(二))"], "在监狱内服刑人员", "serving a sentence in prison";
    EXCLUDE_DRUG_REHAB = "household.exclude.drug_rehab", [db2021 "第7条(不计入(二))"], "强制隔离戒毒人员", "in compulsory isolated drug rehabilitation";
    EXCLUDE_MISSING = "household.exclude.declared_missing", [db2021 "第7条(不计入(二))", cc "第40条"], "宣告失踪人员", "declared missing by a court";
    EXCLUDE_PROVINCIAL = "household.exclude.provincial", [db2021 "第7条(不计入(三))"], "省级民政部门规定不计入的其他人员", "excluded by a provincial rule";
    REVIEW_PRETRIAL = "household.review.pretrial_detention", [db2021 "第7条(不计入(三))"], "看守所羁押人员是否计入由省级规定", "whether pre-trial detainees count is a provincial decision";
    REVIEW_SUPPORT_DUTY = "household.review.support_duty_unknown", [cc "第1074、1075条"], "是否负有法定义务取决于事实,需核实", "whether a support duty exists depends on facts not stated";
    HOUSEHOLD_NONEMPTY = "household.has_counted_member", [db2021 "第4条、第7条"], "至少有一名计入的家庭成员", "at least one counted member";

    INCOME_WINDOW = "income.window", [db2021 "第13条"], "规定期限内的家庭收入", "income within the prescribed period";
    INCOME_EXCLUDE_YOUFU = "income.exclude.youfu_fuxu", [db2021 "第13条(不计入(一))"], "优待抚恤金不计入", "veterans' preferential and survivor payments not counted";
    INCOME_EXCLUDE_FAMILY_PLANNING = "income.exclude.family_planning", [db2021 "第13条(不计入(一))"], "计划生育奖励与扶助金不计入", "family-planning rewards not counted";
    INCOME_EXCLUDE_SCHOLARSHIP = "income.exclude.scholarship", [db2021 "第13条(不计入(一))"], "奖学金不计入", "scholarships not counted";
    INCOME_EXCLUDE_HEROISM = "income.exclude.heroism_award", [db2021 "第13条(不计入(一))"], "见义勇为等奖励性补助不计入", "heroism awards not counted";
    INCOME_EXCLUDE_ASSISTANCE = "income.exclude.social_assistance", [db2021 "第13条(不计入(二))"], "政府发放的各类社会救助款物不计入", "social-assistance payments not counted";
    INCOME_EXCLUDE_PENSION_BASIC = "income.exclude.residents_pension_basic", [db2021 "第13条(不计入(三))"], "“十四五”期间城乡居民基本养老保险基础养老金不计入", "residents' basic pension (basic portion) not counted during the 14th Five-Year Plan";
    INCOME_REVIEW_PENSION_BASIC = "income.review.residents_pension_basic", [db2021 "第13条(不计入(三))"], "“十四五”期满后基础养老金是否计入未定", "whether the residents' basic pension counts after the 14th Five-Year Plan is not settled";
    INCOME_EXCLUDE_LOCAL = "income.exclude.local", [db2021 "第13条(不计入(四))"], "设区的市级以上政府规定不计入的其他收入", "income a city or province excludes";
    INCOME_EXCLUDED_MEMBER = "income.excluded_member", [db2021 "第7条、第13条"], "不计入家庭成员者的收入不计入", "income of people not counted in the household";
    INCOME_EMPLOYMENT_COST = "income.deduct.employment_cost", [db2021 "第13条(末款)", ref2020 "第11项"], "扣减必要的就业成本", "necessary employment costs deducted";
    INCOME_ILLNESS_DISABILITY = "income.deduct.illness_disability", [db2021 "第13条(末款)"], "因残疾、患重病等增加的刚性支出可适当扣减", "rigid spending caused by disability or serious illness may be deducted";
    INCOME_TRANSFER_EXPENDITURE = "income.transfer_expenditure", [db2021 "第13条(四)"], "转移性支出从转移性收入中扣减", "transfer expenditure deducted";
    INCOME_NET_TRANSFER_FLOOR = "income.net_transfer_floor", [db2021 "第13条(四)"], "转移净收入最低按零计(地方规定)", "net transfer income floored at zero (local rule)";

    DIBAO_INCOME = "dibao.income.below_standard", [saim "第9条", cc "第1259条"], "家庭人均收入低于当地低保标准", "per-capita income below the local standard";
    DIBAO_STANDARD = "dibao.standard", [saim "第10条"], "当地低保标准", "the local dibao standard";
    DIBAO_ASSETS_FINANCIAL = "dibao.assets.financial", [db2021 "第14条", saim "第10条"], "人均金融资产符合当地规定", "per-capita financial assets within the local limit";
    DIBAO_ASSETS_VEHICLES = "dibao.assets.vehicles", [db2021 "第14条"], "机动车符合当地规定", "vehicles within the local rule";
    DIBAO_ASSETS_HOUSING = "dibao.assets.housing", [db2021 "第14条"], "住房符合当地规定", "housing within the local rule";
    DIBAO_ASSETS_NON_RESIDENTIAL = "dibao.assets.non_residential", [db2021 "第14条"], "非住宅房产符合当地规定", "non-residential property within the local rule";
    DIBAO_ASSETS_BUSINESS = "dibao.assets.business", [db2021 "第14条、第17条"], "工商登记符合当地规定", "business registrations within the local rule";
    DIBAO_ASSETS_OTHER = "dibao.assets.other", [db2021 "第14条"], "未列明类别的财产需工作人员认定", "property of an unlisted kind is judged by a caseworker";
    DIBAO_AMOUNT = "dibao.amount.gap", [saim "第12条"], "按家庭人均收入低于当地低保标准的差额按月发给", "the gap between standard and per-capita income, times counted members";
    DIBAO_MIN_BENEFIT = "dibao.amount.min_benefit", [db2021 "第23条"], "地方保底金额", "local minimum benefit";
    DIBAO_UPLIFT = "dibao.amount.classified_support", [saim "第12条第2款", db2021 "第27条"], "分类施保", "classified support for the elderly, minors, severely disabled and seriously ill";
    DIBAO_ROUNDING = "dibao.amount.rounding", [db2021 "第23条 (地方规定)"], "低保金舍入", "rounding of the amount (local rule)";
    DIBAO_GRADUAL_EXIT = "dibao.gradual_exit", [db2021 "第33条", dd2022 "一(三)"], "就业后收入超标的渐退期", "gradual exit after a member finds work";
    DIBAO_JOB_REFUSAL = "dibao.job_refusal", [saim "第45条", db2021 "第34条"], "连续3次拒绝适当工作的,减发或停发其本人低保金", "three consecutive refusals of suitable work reduce or stop the refuser's own share";
    DIBAO_NO_PARTIAL = "dibao.whole_household", [dd2022 "一(一)"], "不得仅将个别家庭成员纳入低保", "the whole counted household is covered, never a few members";
    VERIFY_DISCREPANCY = "verification.material_discrepancy", [db2021 "第17条、第18条"], "申报与核对结果不一致且影响结论", "declared and verified figures differ and the difference changes the result";
    VERIFY_SOURCE_MISSING = "verification.source_missing", [db2021 "第17条"], "规定的核对信息来源未核对", "a required verification source was not checked";
    VERIFY_AUXILIARY = "verification.auxiliary_assessment", [db2021 "第17条"], "辅助评估事项需工作人员判断", "auxiliary-assessment signals need a caseworker's judgement";

    NEAR_NOT_DIBAO = "near_dibao.not_dibao", [db2021 "第8条"], "不符合低保条件", "does not meet the dibao conditions";
    NEAR_NOT_ENROLLED = "near_dibao.not_enrolled", [li2024 ""], "未纳入低保或特困", "not already on dibao or tekun";
    NEAR_INCOME = "near_dibao.income.below_multiple", [db2021 "第8条", dd2022 "一(四)"], "家庭人均收入低于当地低保标准的1.5倍(地方可调整)", "per-capita income below the multiple (1.5 by default) of the standard";
    NEAR_ASSETS_FINANCIAL = "near_dibao.assets.financial", [dd2022 "一(四)"], "人均金融资产符合低保边缘家庭财产规定", "per-capita financial assets within the near-dibao rule";
    NEAR_ASSETS_VEHICLES = "near_dibao.assets.vehicles", [dd2022 "一(四)"], "机动车符合低保边缘家庭财产规定", "vehicles within the near-dibao rule";
    NEAR_ASSETS_HOUSING = "near_dibao.assets.housing", [dd2022 "一(四)"], "住房符合低保边缘家庭财产规定", "housing within the near-dibao rule";
    NEAR_ASSETS_NON_RESIDENTIAL = "near_dibao.assets.non_residential", [dd2022 "一(四)"], "非住宅房产符合低保边缘家庭财产规定", "non-residential property within the near-dibao rule";
    NEAR_ASSETS_BUSINESS = "near_dibao.assets.business", [dd2022 "一(四)"], "工商登记符合低保边缘家庭财产规定", "business registrations within the near-dibao rule";
    NEAR_ASSETS_OTHER = "near_dibao.assets.other", [dd2022 "一(四)", db2021 "第14条"], "未列明类别的财产需工作人员认定", "property of an unlisted kind is judged by a caseworker";
    HOUSEHOLD_EXCLUDE_TEKUN = "household.exclude.tekun", [tk2021 "第6条、第27条", saim "第15条"], "特困人员不再计入低保家庭(特困优先)", "a tekun person is not also counted for dibao (tekun takes precedence)";

    TEKUN_NO_LABOUR = "tekun.no_labour_capacity", [tk2021 "第4条、第5条"], "无劳动能力", "no labour capacity";
    TEKUN_AGE_60 = "tekun.labour.age_60", [tk2021 "第5条(一)", cc "第1259条"], "60周岁以上的老年人", "aged 60 or over";
    TEKUN_MINOR_16 = "tekun.labour.minor_under_16", [tk2021 "第5条(二)"], "未满16周岁的未成年人", "a minor under 16";
    TEKUN_LOCAL_LABOUR = "tekun.labour.local_category", [tk2021 "第5条(四)"], "省级人民政府规定的其他无劳动能力情形", "another situation of no labour capacity the province sets";
    TEKUN_DISABILITY = "tekun.labour.disability", [tk2021 "第5条(三)"], "三级以上智力、精神残疾,二级以上肢体残疾,一级视力残疾", "intellectual or mental grade 1–3, physical grade 1–2, visual grade 1";
    TEKUN_CONTINUATION = "tekun.labour.minor_continuation", [tk2021 "第24条第2款"], "特困未成年人满18周岁前继续供养,此后在义务教育、普通高中或中职就读的继续", "a tekun minor continues until 18, then while in compulsory education, ordinary senior high or secondary vocational school";
    TEKUN_ORPHAN = "tekun.orphan_choice", [tk2021 "第9条"], "选择孤儿、事实无人抚养儿童保障的,不认定为特困人员", "a child who chooses the orphan guarantee is not tekun";
    TEKUN_INCOME = "tekun.no_livelihood.income", [tk2021 "第6条"], "收入低于当地最低生活保障标准", "own income below the local dibao standard";
    TEKUN_ASSETS = "tekun.no_livelihood.assets", [tk2021 "第7条"], "财产符合当地特困人员财产状况规定", "assets within the local tekun asset rule";
    TEKUN_OBLIGOR = "tekun.obligor", [tk2021 "第4条(三)、第8条"], "无法定义务人或法定义务人无履行义务能力", "no legal obligor, or none able to support";
    TEKUN_OBLIGOR_TEKUN = "tekun.obligor.is_tekun", [tk2021 "第8条(一)"], "义务人为特困人员", "the obligor is tekun";
    TEKUN_OBLIGOR_DIBAO_60 = "tekun.obligor.dibao_aged_60", [tk2021 "第8条(二)"], "义务人为60周岁以上的最低生活保障对象", "the obligor is a dibao recipient aged 60 or over";
    TEKUN_OBLIGOR_AGE_70 = "tekun.obligor.aged_70_low_income", [tk2021 "第8条(三)"], "义务人70周岁以上,本人收入低于上年当地居民人均可支配收入且财产符合低收入家庭规定", "the obligor is 70 or over with income below last year's local per-capita disposable income and low-income assets";
    TEKUN_OBLIGOR_DISABLED = "tekun.obligor.severely_disabled_low_income", [tk2021 "第8条(四)"], "义务人重度残疾或三级智力、精神残疾,且收入、财产符合规定", "the obligor is severely disabled (or grade 3 intellectual or mental) with low income and assets";
    TEKUN_OBLIGOR_LOCAL = "tekun.obligor.local_category", [tk2021 "第8条(六)"], "省级人民政府规定的其他无履行义务能力情形", "another situation of obligor incapacity the province sets";
    TEKUN_OBLIGOR_INCAPACITY = "tekun.obligor.no_civil_capacity", [tk2021 "第8条(五)"], "义务人无民事行为能力、被宣告失踪或在监狱服刑,且财产符合规定", "the obligor has no civil capacity, is declared missing or in prison, with low-income assets";
    TEKUN_OBLIGOR_NOT = "tekun.obligor.not_an_obligor", [cc "第1074条、第1075条"], "祖孙、兄弟姐妹仅在近一级义务人死亡或无力时负有义务", "grandparents, grandchildren and siblings owe support only when the nearer obligors are dead or unable";
    TEKUN_SELF_CARE = "tekun.self_care", [tk2021 "第20–22条"], "生活自理能力评估:6项均能完成为全自理,3项及以下不能为部分丧失,4项及以上不能为完全丧失", "self-care: all 6 items = self-caring; 1–3 failed = partially lost; 4 or more = completely lost";
    TEKUN_NOT_IN_PRISON = "tekun.not_in_prison", [tk2021 "第24条(三)"], "依法被判处刑罚且在监狱服刑的终止供养", "support ends for a person serving a prison sentence";
    TEKUN_MISSING = "tekun.declared_missing", [tk2021 "第24条(一)"], "死亡、被宣告死亡或被宣告失踪的终止供养", "support ends on death, declared death or declared missing";
    TEKUN_WITHDRAWAL = "tekun.withdrawal", [tk2021 "第24条(六)"], "自愿申请退出", "voluntary withdrawal";
    TEKUN_TERMINATION = "tekun.termination", [tk2021 "第24–27条"], "终止供养:公示7天,自次月起停止,符合条件的转入低保等", "termination: 7-day publicity, stops from the next month, move to dibao or other help where eligible";
    TEKUN_BASIC = "tekun.amount.basic", [saim "第15条"], "基本生活标准", "basic-living standard";
    TEKUN_CARE = "tekun.amount.care", [saim "第15条"], "照料护理标准(按生活自理能力分档)", "care standard by self-care tier";
    TEKUN_STANDARD_AREA = "tekun.amount.urban_or_rural", [tk2021 "第19条"], "城乡标准不一致的,有承包土地或参加集体经济组织收益分配的一般执行农村标准,易地扶贫搬迁进城的执行城市标准", "where urban and rural standards differ: contracted land or collective distribution normally means the rural standard, relocation to town the urban one";

    SP_NOT_DIBAO = "single_person.family_not_dibao", [dd2022 "一(一)"], "家庭整体符合低保的应全部纳入,不单独纳入个别成员", "if the whole family qualifies for dibao, all are covered, not one member";
    SP_NEAR_FAMILY = "single_person.near_dibao_family", [db2021 "第8条"], "所在家庭为低保边缘家庭", "the member's family is a near-dibao family";
    SP_DISABILITY = "single_person.route.disability", [db2021 "第8条(一)"], "低保边缘家庭中持证的一级、二级重度残疾人和三级智力、精神残疾人", "a certificate holder with grade 1–2 disability, or grade 3 intellectual or mental, in a near-dibao family";
    SP_ILLNESS = "single_person.route.illness", [db2021 "第8条(二)"], "低保边缘家庭中患有当地有关部门认定的重特大疾病的人员", "a member of a near-dibao family with a locally recognised serious illness";
    SP_CLERGY = "single_person.route.clergy", [db2021 "第8条(三)"], "脱离家庭、在宗教场所居住三年以上(含三年)的生活困难的宗教教职人员", "clergy in hardship living at a religious venue 3 years or more";
    SP_LOCAL_CATEGORY = "single_person.route.local_category", [db2021 "第8条(四)"], "县级以上人民政府民政部门规定的其他特殊困难人员", "other people in special hardship designated by county-level civil affairs";
    SP_ADULT_DISABLED = "single_person.route.adult_severely_disabled", [dd2022 "一(一)"], "成年无业重度残疾人可以参照单人户提出申请", "an adult unemployed severely disabled person may apply as a one-person household";
    SP_SUPPORT_EXEMPT = "single_person.support_exempted", [dd2022 "一(一)"], "兄弟姐妹或60周岁以上老年人给予的赡养、扶养费可适当豁免", "support from siblings or people aged 60+ may be exempted";
    SP_INCOME = "single_person.income.below_standard", [saim "第9条"], "本人收入低于当地低保标准", "own income below the local standard";
    SP_AMOUNT = "single_person.amount", [db2021 "第8条、第10条"], "参照单人户计算保障金", "the amount for a one-person household";

    RE_NOT_OTHER = "rigid_expenditure.not_other_program", [gx2024 "第4条(一)"], "未纳入低保、特困且未被认定为低保边缘家庭", "not on dibao or tekun and not a near-dibao family";
    RE_INCOME = "rigid_expenditure.income", [gx2024 "第4条(二)"], "家庭人均收入低于上年度当地居民人均可支配收入", "per-capita income below last year's local per-capita disposable income";
    RE_ASSETS = "rigid_expenditure.assets", [gx2024 "第4条(三)"], "家庭财产符合当地规定(可参照低保边缘家庭)", "assets within the local rule (the near-dibao rule or looser)";
    RE_SHARE = "rigid_expenditure.share", [gx2024 "第4条(四)、第5条"], "申请前12个月刚性支出占家庭总收入比例超过当地规定", "rigid spending in the 12 months before the application exceeds the local share of household income";
    RE_VALIDITY = "rigid_expenditure.validity", [gx2024 "第10条"], "认定有效期一般不超过12个月,期满重新申请", "recognition is valid for at most 12 months, then the family re-applies";

    TR_EMERGENCY = "temporary_relief.emergency", [saim "第47条", tr2018 "二(一)"], "因火灾、交通事故等意外事件或突发重大疾病陷入困境(急难型)", "hardship from an accident, fire or sudden serious illness (emergency type)";
    TR_EXPENDITURE = "temporary_relief.expenditure", [tr2018 "二(一)"], "教育、医疗等必需支出突然增加超出承受能力(支出型)", "a sudden rise in necessary spending the family cannot bear (expenditure type)";
    TR_EXPENDITURE_INCOME = "temporary_relief.expenditure_income", [tr2018 "二(一)"], "家庭人均可支配收入原则上低于上年度当地居民人均可支配收入", "per-capita disposable income in principle below last year's local figure";
    TR_PRIOR = "temporary_relief.prior_relief", [tr2018 "二(三) (地方规定)"], "同一原因一年内已获救助", "relief for the same cause within a year (local rule)";
    TR_AMOUNT = "temporary_relief.amount", [saim "第49条", tr2018 "二(三)"], "救助标准由县级以上政府确定,可与低保标准挂钩", "amounts set by the county or above, linked to the dibao standard";
    TR_UNINSURED = "temporary_relief.uninsured_worker", [jx2022 "一、1", dd2022 "二(一)"], "连续三个月无收入来源、未参保失业且未纳入低保的,一次性临时救助", "one-off relief for uninsured unemployed people with 3 consecutive months without income, not on dibao";

    PS_COVERED = "price_subsidy.covered", [ndrc2021 ""], "价格临时补贴保障对象", "the household is in a covered group";
    PS_TRIGGER = "price_subsidy.trigger", [ndrc2021 ""], "居民消费价格指数或食品价格指数同比涨幅达到启动条件", "the CPI or food-price rise reaches the trigger";
    PS_AMOUNT = "price_subsidy.amount", [ndrc2021 ""], "价格临时补贴金额", "the subsidy amount";

}

/// Looks a rule up by id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_cited() {
        let mut seen = std::collections::HashSet::new();
        for r in ALL {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            assert!(!r.sources.is_empty(), "{} has no source", r.id);
            for s in r.sources {
                assert!(
                    docs::ALL
                        .iter()
                        .any(|d| d.code == s.document && d.title == s.title),
                    "{} cites a document not in the registry",
                    r.id
                );
            }
            assert!(!r.zh.is_empty() && !r.en.is_empty());
        }
    }
}
