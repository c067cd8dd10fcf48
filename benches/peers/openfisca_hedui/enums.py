"""Enumerations shared by the variable files (names follow hedui's case JSON)."""

from openfisca_core.indexed_enums import Enum


class Residence(Enum):
    urban = "城市 / urban"
    rural = "农村 / rural"


class Relation(Enum):
    # "self" in the case JSON; `self` is not a usable member name here.
    applicant = "本人 / applicant (case value `self`)"
    spouse = "配偶 / spouse"
    child = "子女 / child"
    parent = "父母 / parent"
    grandparent = "祖父母、外祖父母 / grandparent"
    grandchild = "孙子女、外孙子女 / grandchild"
    sibling = "兄弟姐妹 / sibling"
    child_in_law = "儿媳、女婿 / child-in-law"
    other_relative = "其他亲属 / other relative"
    unrelated = "无亲属关系 / unrelated"


class Schooling(Enum):
    none = "不在校 / not in school"
    full_time_undergraduate_or_below = "全日制本科及以下 / full-time, undergraduate or below"
    full_time_postgraduate = "全日制研究生 / full-time postgraduate"
    part_time = "非全日制 / part-time"
    compulsory = "义务教育 / compulsory education"
    senior_high = "普通高中 / senior high school"
    secondary_vocational = "中等职业教育 / secondary vocational"
    higher_education = "高等教育 / higher education"


# Schooling that counts as "在校接受全日制本科及以下学历教育" (DB-2021 第7条(三)).
FULL_TIME_UG_OR_BELOW = (
    Schooling.full_time_undergraduate_or_below,
    Schooling.compulsory,
    Schooling.senior_high,
    Schooling.secondary_vocational,
    Schooling.higher_education,
)


class Tristate(Enum):
    unknown = "未说明 / not stated"
    yes = "是 / yes"
    no = "否 / no"


class Check(Enum):
    """One check's result: hedui's `passed` true / false / null."""

    passed = "通过 / passed"
    failed = "未通过 / failed"
    undecided = "无法自动判定 / undecided"


class Status(Enum):
    eligible = "符合 / eligible"
    ineligible = "不符合 / ineligible"
    needs_review = "需人工审核 / needs review"
