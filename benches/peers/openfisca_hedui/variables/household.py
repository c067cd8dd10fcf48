"""Who is counted in the household (共同生活的家庭成员), DB-2021 第7条; ages (age.reached_on).

hedui core/src/rules/household.rs. A plain household has no member with a status
(prison, drug rehabilitation, declared missing, clergy, detention), which the loader checks;
those exclusions are therefore not modelled.
"""

import numpy as np
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from openfisca_hedui import policy
from openfisca_hedui.entities import Household, Person
from openfisca_hedui.enums import FULL_TIME_UG_OR_BELOW, Relation, Tristate

MONTH = DateUnit.MONTH


def _ymd(d):
    d = d.astype("datetime64[D]")
    months = d.astype("datetime64[M]")
    y = months.astype("datetime64[Y]").astype(np.int64) + 1970
    m = months.astype(np.int64) % 12 + 1
    day = (d - months).astype(np.int64) + 1
    return y, m, day


class age_reached_on_day_after(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "an age is reached the day after the birthday (age.reached_on = day_after_birthday)"
    reference = "docs/law/boundaries.md §3, docs/law/open-points.md §6; 民法典 第201–202条 (engine default: the birthday itself)"

    def formula(household, period, parameters):
        vals, inv = policy.per_group(household, period, parameters, "age.reached_on")
        after = np.array([v[0] == "day_after_birthday" for v in vals], dtype=bool)
        return after[inv]


class age(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "age in whole years on the assessment date"
    reference = "民法典 第201–202条 (a 29 February birthday falls on 28 February in other years)"

    def formula(person, period, parameters):
        birth = person("birth_date", period).astype("datetime64[D]")
        on = person.household("as_of", period).astype("datetime64[D]")
        after = person.household("age_reached_on_day_after", period)
        by, bm, bd = _ymd(birth)
        oy, _, _ = _ymd(on)
        years = oy - by
        month_start = ((oy - 1970) * 12 + (bm - 1)).astype("datetime64[M]")
        days_in_month = ((month_start + 1).astype("datetime64[D]") - month_start.astype("datetime64[D]")).astype(np.int64)
        anniversary = month_start.astype("datetime64[D]") + (np.minimum(bd, days_in_month) - 1)
        reached = np.where(after, on > anniversary, on >= anniversary)
        years = years - (~reached)
        return np.where(on < birth, 0, np.maximum(years, 0))


class counted_member(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "counted in the household for dibao"
    reference = "《最低生活保障审核确认办法》(民发〔2021〕57号) 第7条"

    def formula(person, period, parameters):
        rel = person("relation", period)
        a = person("age", period)
        together = person("lives_together", period)
        school = person("schooling", period)
        duty = person("support_duty", period)
        child = rel == Relation.child
        full_time = np.isin(np.asarray(school), [s.index for s in FULL_TIME_UG_OR_BELOW])
        child_in = child & (
            (a < 18) | full_time | person("cannot_live_independently", period) | together
        )
        other = np.isin(
            np.asarray(rel),
            [r.index for r in (Relation.grandparent, Relation.grandchild, Relation.sibling,
                               Relation.child_in_law, Relation.other_relative)],
        )
        return (
            (rel == Relation.applicant)
            | (rel == Relation.spouse)
            | child_in
            | ((rel == Relation.parent) & together)
            | (other & together & (duty != Tristate.no))
        )


class counted_provisionally(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "counted until a caseworker confirms the support duty (review)"
    reference = "民发〔2021〕57号 第7条; 民法典 第1074–1075条"

    def formula(person, period, parameters):
        rel = person("relation", period)
        other = np.isin(
            np.asarray(rel),
            [r.index for r in (Relation.grandparent, Relation.grandchild, Relation.sibling,
                               Relation.child_in_law, Relation.other_relative)],
        )
        return other & person("lives_together", period) & (person("support_duty", period) == Tristate.unknown)


class counted_members(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    label = "计入家庭成员人数 / counted members"
    reference = "民发〔2021〕57号 第7条"

    def formula(household, period, parameters):
        return household.sum(household.members("counted_member", period)).astype(np.int64)


class membership_review(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "a member's counting needs a caseworker (shared review reason of every program)"

    def formula(household, period, parameters):
        return household.any(household.members("counted_provisionally", period))
