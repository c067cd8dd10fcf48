"""Household assets (家庭财产), DB-2021 第14条: the financial-asset and housing tests, with each
program's own parameters (hedui core/src/rules/assets.rs).

A plain household holds financial assets and at most its home; vehicles, non-residential
property and business registrations are absent (the loader checks), so those three tests
always pass and are not modelled.

Financial assets (hedui assets.rs `checks`): the five financial kinds (deposit, securities,
insurance cash value, online finance, debt claims) of counted members are summed exactly in
fen, and the test is `total ≤ limit × n` (`<` when `*.assets.financial_limit_strict` is true;
n = counted members, at least 1), never a rounded per-capita figure. The per-capita limit is
`*.assets.financial_limit_per_capita` when set, else `*.assets.financial_limit_months` × the
dibao standard for the residence, kept as an exact fraction. The embedded Nanchang policies
set neither; the benchmark gives both programs 24 months of the standard as an explicit
assumption, not law (benchmark-reform.toml, generated into r360100 by policy_yaml.py). Only
when no limit is in force does hedui's fallback apply: no financial assets passes, any
financial asset is undecided (→ needs_review).

With no local housing rule the only home passes (DB-2021 第14条 exempts property needed for
daily life), a second home is undecided.
"""

from fractions import Fraction

import numpy as np
from openfisca_core.periods import DateUnit
from openfisca_core.indexed_enums import Enum
from openfisca_core.variables import Variable

from openfisca_hedui import policy
from openfisca_hedui.entities import Household
from openfisca_hedui.enums import Check, Residence

MONTH = DateUnit.MONTH


def _sum(household, period, name):
    counted = household.members("counted_member", period)
    v = household.members(name, period).astype(np.int64) * counted
    return np.bincount(household.members_entity_id, weights=v, minlength=household.count).astype(np.int64)


class household_financial_assets(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    unit = "fen"
    label = "counted members' financial assets, fen"

    def formula(household, period, parameters):
        return _sum(household, period, "financial_assets")


class household_homes(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    label = "counted members' homes"

    def formula(household, period, parameters):
        return _sum(household, period, "homes")


class household_housing_area(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    unit = "0.01 m²"
    label = "counted members' housing floor area, hundredths of a square metre"

    def formula(household, period, parameters):
        return _sum(household, period, "housing_area")


def financial_test(household, period, parameters, prefix):
    """Financial assets ≤ (or <, when strict) limit × counted members; the limit is a per-capita
    amount, or months × the local standard."""
    vals, inv = policy.per_group(
        household, period, parameters,
        f"{prefix}.assets.financial_limit_per_capita",
        f"{prefix}.assets.financial_limit_months",
        f"{prefix}.assets.financial_limit_strict",
        "dibao.standard.urban",
        "dibao.standard.rural",
    )
    urban = household("residence", period) == Residence.urban
    fin = household("household_financial_assets", period).astype(np.int64)
    n = np.maximum(household("counted_members", period).astype(np.int64), 1)
    ng = len(vals)
    has = np.zeros((2, ng), dtype=bool)  # [urban, rural] limit known
    num = np.zeros((2, ng), dtype=np.int64)
    den = np.ones((2, ng), dtype=np.int64)
    strict = np.zeros(ng, dtype=bool)
    for g, (pc, months, st, su, sr) in enumerate(vals):
        strict[g] = st is True
        for i, s in enumerate((su, sr)):
            if pc is not None:
                lim = Fraction(policy.fen(pc))
            elif months is not None and s is not None:
                lim = policy.ratio(months) * policy.fen(s)
            else:
                continue
            has[i, g], num[i, g], den[i, g] = True, lim.numerator, lim.denominator
    row = np.where(urban, 0, 1)
    known = has[row, inv]
    lhs = fin * den[row, inv]
    rhs = num[row, inv] * n
    passed = np.where(strict[inv], lhs < rhs, lhs <= rhs)
    return np.select(
        [known & passed, known & ~passed, fin == 0],
        [Check.passed.index, Check.failed.index, Check.passed.index],
        Check.undecided.index,
    )


def housing_test(household, period, parameters, prefix):
    """Homes ≤ the local maximum (the only home when none is set) and area per capita ≤ the
    local maximum when set."""
    vals, inv = policy.per_group(
        household, period, parameters,
        f"{prefix}.assets.housing_max_count",
        f"{prefix}.assets.housing_max_area_per_capita",
    )
    hc = household("household_homes", period).astype(np.int64)
    area = household("household_housing_area", period).astype(np.int64)
    n = np.maximum(household("counted_members", period).astype(np.int64), 1)
    ng = len(vals)
    has_max = np.array([v[0] is not None for v in vals], dtype=bool)[inv]
    max_homes = np.array([int(v[0]) if v[0] is not None else 0 for v in vals], dtype=np.int64)[inv]
    has_area = np.array([v[1] is not None for v in vals], dtype=bool)[inv]
    max_area = np.array([policy.fen(v[1]) if v[1] is not None else 0 for v in vals], dtype=np.int64)[inv]
    del ng
    count_ok = np.where(has_max, np.where(hc <= max_homes, 1, 0), np.where(hc <= 1, 1, -1))
    area_ok = np.where(has_area & (hc > 0), np.where(area <= max_area * n, 1, 0), 1)
    return np.select(
        [(count_ok == 0) | (area_ok == 0), (count_ok == 1) & (area_ok == 1)],
        [Check.failed.index, Check.passed.index],
        Check.undecided.index,
    )


class dibao_financial_assets_test(Variable):
    value_type = Enum
    possible_values = Check
    default_value = Check.undecided
    entity = Household
    definition_period = MONTH
    label = "dibao financial-asset test"
    reference = "民发〔2021〕57号 第14条; local limit (dibao.assets.financial_limit_*)"

    def formula(household, period, parameters):
        return financial_test(household, period, parameters, "dibao")


class dibao_housing_test(Variable):
    value_type = Enum
    possible_values = Check
    default_value = Check.undecided
    entity = Household
    definition_period = MONTH
    label = "dibao housing test"
    reference = "民发〔2021〕57号 第14条 (property needed for daily life may be exempted)"

    def formula(household, period, parameters):
        return housing_test(household, period, parameters, "dibao")


class near_dibao_financial_assets_test(Variable):
    value_type = Enum
    possible_values = Check
    default_value = Check.undecided
    entity = Household
    definition_period = MONTH
    label = "near-dibao financial-asset test"
    reference = "民发〔2021〕57号 第8条; 民发〔2022〕83号 一(四); local limit (near_dibao.assets.financial_limit_*)"

    def formula(household, period, parameters):
        return financial_test(household, period, parameters, "near_dibao")


class near_dibao_housing_test(Variable):
    value_type = Enum
    possible_values = Check
    default_value = Check.undecided
    entity = Household
    definition_period = MONTH
    label = "near-dibao housing test"
    reference = "民发〔2021〕57号 第8条, 第14条"

    def formula(household, period, parameters):
        return housing_test(household, period, parameters, "near_dibao")
