//! Who counts as a household member (共同生活的家庭成员), DB-2021 第7条.

use crate::calendar;
use crate::case::{Member, Relation, Schooling, Status};
use crate::outcome::{HouseholdSummary, MemberDecision, Review};
use crate::policy::registry as P;
use crate::rules::catalog::{self as c, Rule};
use crate::rules::ctx::Ctx;
use crate::rules::law;

/// The counted household.
pub(crate) struct Household<'a> {
    pub(crate) counted: Vec<&'a Member>,
    pub(crate) summary: HouseholdSummary,
}

impl Household<'_> {
    pub(crate) fn is_counted(&self, id: &str) -> bool {
        self.counted.iter().any(|m| m.id == id)
    }

    pub(crate) fn size(&self) -> usize {
        self.counted.len()
    }
}

enum Decision {
    In(&'static Rule, &'static str, &'static str),
    Out(&'static Rule, &'static str, &'static str),
}

/// Applies DB-2021 第7条 to every member.
pub(crate) fn count<'a>(ctx: &mut Ctx<'a>, tekun: &[String]) -> Household<'a> {
    let mut h = Household {
        counted: Vec::new(),
        summary: HouseholdSummary::default(),
    };
    let extra = ctx.list(P::HOUSEHOLD_EXTRA_EXCLUDED_STATUSES);
    for m in &ctx.case.members {
        let age = ctx.age(m);
        let decision = if tekun.contains(&m.id) {
            Decision::Out(
                &c::HOUSEHOLD_EXCLUDE_TEKUN,
                "特困供养对象,不再计入低保家庭",
                "supported as tekun: not also counted for dibao",
            )
        } else {
            exclusion(ctx, m, extra, &mut h.summary.review)
                .unwrap_or_else(|| membership(ctx, m, age, &mut h.summary.review))
        };
        let (rule, zh, en, counted) = match decision {
            Decision::In(r, zh, en) => (r, zh, en, true),
            Decision::Out(r, zh, en) => (r, zh, en, false),
        };
        let d = MemberDecision {
            member: m.id.clone(),
            rule: rule.id,
            citation: rule.citation(),
            sources: rule.sources,
            age,
            zh: zh.into(),
            en: en.into(),
        };
        if counted {
            h.counted.push(m);
            h.summary.counted.push(d);
        } else {
            h.summary.excluded.push(d);
        }
    }
    h
}

fn exclusion(
    ctx: &mut Ctx<'_>,
    m: &Member,
    extra: &[String],
    review: &mut Vec<Review>,
) -> Option<Decision> {
    let has = |s: Status| m.statuses.contains(&s);
    if has(Status::Prison) {
        return Some(Decision::Out(
            &c::EXCLUDE_PRISON,
            "在监狱内服刑,不计入",
            "serving a prison sentence: not counted",
        ));
    }
    if has(Status::CompulsoryDrugRehab) {
        return Some(Decision::Out(
            &c::EXCLUDE_DRUG_REHAB,
            "强制隔离戒毒,不计入",
            "in compulsory drug rehabilitation: not counted",
        ));
    }
    if has(Status::DeclaredMissing) {
        return Some(Decision::Out(
            &c::EXCLUDE_MISSING,
            "已被宣告失踪,不计入",
            "declared missing by a court: not counted",
        ));
    }
    if has(Status::Clergy) {
        match m.left_family_on {
            Some(left)
                if calendar::at_least_years_after(left, ctx.case.as_of, law::CLERGY_YEARS_AWAY) =>
            {
                return Some(Decision::Out(
                    &c::EXCLUDE_CLERGY,
                    "宗教教职人员脱离家庭已满三年(含三年),不计入",
                    "clergy away from the family for 3 years or more: not counted",
                ));
            }
            Some(_) => {}
            None => review.push(review!(
                ctx.explain,
                &c::EXCLUDE_CLERGY,
                format!("成员 {} 为宗教教职人员,但未提供脱离家庭的日期", m.id),
                format!(
                    "member {} is clergy but the date they left the family is not given",
                    m.id
                ),
            )),
        }
    }
    for s in &m.statuses {
        if extra.iter().any(|e| e == s.as_str()) {
            return Some(Decision::Out(
                &c::EXCLUDE_PROVINCIAL,
                "省级规定不计入",
                "excluded by a provincial rule",
            ));
        }
    }
    if has(Status::PretrialDetention) {
        match ctx.get(P::HOUSEHOLD_EXCLUDE_PRETRIAL_DETENTION) {
            Some(true) => {
                return Some(Decision::Out(&c::EXCLUDE_PROVINCIAL, "省级规定:看守所羁押人员不计入", "excluded by a provincial rule on pre-trial detention"));
            }
            Some(false) => {}
            None => review.push(review!(ctx.explain,
                &c::REVIEW_PRETRIAL,
                format!("成员 {} 在看守所羁押,国家规定未列明,需按省级规定认定", m.id),
                format!("member {} is in pre-trial detention; the national list is silent and the province decides", m.id),
            )),
        }
    }
    None
}

fn membership(ctx: &mut Ctx<'_>, m: &Member, age: i32, review: &mut Vec<Review>) -> Decision {
    use Decision::{In, Out};
    match m.relation {
        Relation::Applicant => In(&c::MEMBER_APPLICANT, "申请人", "the applicant"),
        Relation::Spouse => In(&c::MEMBER_SPOUSE, "配偶", "spouse"),
        Relation::Child => {
            if law::is_minor(age) {
                return In(&c::MEMBER_MINOR_CHILD, "未成年子女", "minor child");
            }
            if m.schooling.is_full_time_undergraduate_or_below() {
                return In(
                    &c::MEMBER_STUDENT_CHILD,
                    "在校接受全日制本科及以下学历教育的成年子女",
                    "adult child in full-time study at undergraduate level or below",
                );
            }
            if m.cannot_live_independently {
                return In(
                    &c::MEMBER_DEPENDENT_CHILD,
                    "不能独立生活的成年子女",
                    "adult child unable to live independently",
                );
            }
            if m.schooling == Schooling::FullTimePostgraduate
                && ctx.get(P::HOUSEHOLD_COUNT_POSTGRADUATE_STUDENTS) == Some(true)
            {
                return In(
                    &c::MEMBER_POSTGRADUATE,
                    "省级规定:全日制研究生子女计入",
                    "full-time postgraduate child counted by provincial rule",
                );
            }
            if m.lives_together {
                return In(
                    &c::MEMBER_SUPPORT_DUTY,
                    "与申请人长期共同居住的成年子女(负有赡养义务)",
                    "adult child living with the household (support duty)",
                );
            }
            Out(
                &c::NOT_MEMBER_ADULT_CHILD,
                "已成年、能独立生活且未共同居住的子女",
                "adult child able to live independently, not living with the household",
            )
        }
        Relation::Parent => {
            if m.lives_together {
                In(
                    &c::MEMBER_SUPPORT_DUTY,
                    "与申请人长期共同居住的父母(负有法定义务)",
                    "parent living with the household (support duty)",
                )
            } else {
                Out(
                    &c::NOT_MEMBER_NOT_COHABITING,
                    "未长期共同居住的父母",
                    "parent not living with the household",
                )
            }
        }
        Relation::Grandparent
        | Relation::Grandchild
        | Relation::Sibling
        | Relation::ChildInLaw
        | Relation::OtherRelative => {
            if !m.lives_together {
                return Out(
                    &c::NOT_MEMBER_NOT_COHABITING,
                    "未长期共同居住",
                    "not living with the household",
                );
            }
            match m.support_duty {
                Some(true) => In(
                    &c::MEMBER_SUPPORT_DUTY,
                    "负有法定扶养、抚养或赡养义务且长期共同居住",
                    "legal support duty and living with the household",
                ),
                Some(false) => Out(
                    &c::NOT_MEMBER_NO_DUTY,
                    "无法定扶养、抚养或赡养义务",
                    "no legal support duty",
                ),
                None => {
                    review.push(review!(ctx.explain,
                        &c::REVIEW_SUPPORT_DUTY,
                        format!("成员 {} 是否负有法定义务取决于事实(如中间一代是否死亡或无力抚养),请核实", m.id),
                        format!("whether member {} owes a legal support duty depends on facts not stated (e.g. whether the intermediate generation is dead or unable)", m.id),
                    ));
                    In(
                        &c::REVIEW_SUPPORT_DUTY,
                        "暂计入,待核实法定义务",
                        "counted provisionally until the support duty is confirmed",
                    )
                }
            }
        }
        Relation::Unrelated => Out(
            &c::NOT_MEMBER_NO_DUTY,
            "无亲属关系,无法定义务",
            "not a relative; no legal support duty",
        ),
    }
}
