"""Household monthly income (家庭收入), DB-2021 第13条: the counted members' income over the
look-back window, averaged per month.

hedui keeps the monthly total as an exact decimal and never rounds it before a comparison
(DESIGN.md "Why compare totals"). Here the total is kept as an exact fraction
`income_in_window / income_window_months` (fen / months): every test multiplies the other side
by the months instead of dividing (int64 inside the formulas; the stored variables are
OpenFisca's int32, checked not to overflow).
"""

import numpy as np
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from openfisca_hedui import policy
from openfisca_hedui.entities import Household

MONTH = DateUnit.MONTH
INT32 = np.iinfo(np.int32)


def checked_int32(x, what):
    x = np.asarray(x, dtype=np.int64)
    if x.size and (x.min() < INT32.min or x.max() > INT32.max):
        raise OverflowError(f"{what} does not fit OpenFisca's int32")
    return x


def round_half_away(num, den):
    """num / den to the nearest integer, halves away from zero (den > 0), exact."""
    num = np.asarray(num, dtype=np.int64)
    q = (2 * np.abs(num) + den) // (2 * den)
    return np.sign(num) * q


class income_window_months(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    label = "whole calendar months in the income window (0 when the case gives none)"
    reference = "民发〔2021〕57号 第13条 (monthly averaging over the window); window from the case (income.lookback_months unset)"

    def formula(household, period, parameters):
        given = household("income_window_given", period)
        s = household("income_window_start", period).astype("datetime64[M]").astype(np.int64)
        e = household("income_window_end", period).astype("datetime64[M]").astype(np.int64)
        return np.where(given, np.maximum(e - s + 1, 0), 0)


class floor_net_transfer_at_zero(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "net transfer income is floored at zero (income.floor_net_transfer_at_zero)"
    reference = "docs/law/open-points.md §2 (engine default: not floored, 第13条(四) read literally)"

    def formula(household, period, parameters):
        vals, inv = policy.per_group(household, period, parameters, "income.floor_net_transfer_at_zero")
        return np.array([bool(v[0]) for v in vals], dtype=bool)[inv]


class income_in_window(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    unit = "fen"
    label = "counted members' income over the whole window, fen (monthly income × window months)"
    reference = "民发〔2021〕57号 第13条"

    def formula(household, period, parameters):
        counted = household.members("counted_member", period)

        def total(name):
            v = household.members(name, period).astype(np.int64) * counted
            return _exact_sum(household, v)

        transfer = total("transfer_in_window") - total("transfer_expenditure_in_window")
        transfer = np.where(household("floor_net_transfer_at_zero", period), np.maximum(transfer, 0), transfer)
        w = (
            total("wage_in_window")
            + total("business_in_window")
            + total("property_in_window")
            + transfer
            + total("other_in_window")
        )
        return checked_int32(w, "household income over the window")


def _exact_sum(household, values):
    """Per-household sum of an integer person array as int64. numpy's `bincount` (what
    OpenFisca's `household.sum` uses) adds float64 weights, exact for integers below 2**53;
    the inputs are int32 fen and households have a handful of members, so no sum gets near."""
    s = np.bincount(household.members_entity_id, weights=values, minlength=household.count)
    return s.astype(np.int64)


class total_monthly_income(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    unit = "fen"
    label = "家庭月收入 / household monthly income, to the fen (display only; tests use the exact fraction)"

    def formula(household, period, parameters):
        w = household("income_in_window", period)
        m = household("income_window_months", period).astype(np.int64)
        return np.where(m > 0, round_half_away(w, np.maximum(m, 1)), 0)


class per_capita_income(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    unit = "fen"
    label = "家庭人均月收入 / per-capita monthly income, to the fen (display only)"

    def formula(household, period, parameters):
        w = household("income_in_window", period)
        m = household("income_window_months", period).astype(np.int64)
        n = household("counted_members", period).astype(np.int64)
        d = m * n
        return np.where(d > 0, round_half_away(w, np.maximum(d, 1)), 0)
