"""最低生活保障 (dibao) for a plain household: the local standard, the income test
(SAIM 第9条), the asset tests (DB-2021 第14条), the status, and the 补差 amount (SAIM 第12条)
rounded once by the local rule (hedui core/src/rules/dibao.rs).

Status (hedui `rules::decide`): a decided failed check → ineligible; otherwise any undecided
check or review reason → needs_review; otherwise eligible.

Not modelled, because a plain household never triggers them or Nanchang leaves them unset
(`policy.GUARDED` makes the model raise if one is ever in force): 分类施保 uplifts, the
per-member minimum, job-refusal cuts, the 渐退期 (no enrolment history), declared-vs-verified
discrepancies (all records verified), missing verification sources, auxiliary flags.
"""

import numpy as np
from openfisca_core.periods import DateUnit
from openfisca_core.indexed_enums import Enum
from openfisca_core.variables import Variable

from openfisca_hedui import policy
from openfisca_hedui.entities import Household
from openfisca_hedui.enums import Check, Residence, Status

MONTH = DateUnit.MONTH

# dibao.rounding → (unit in fen, round half away from zero?  else up)
ROUNDING = {
    "fen_half_up": (1, True),
    "jiao_half_up": (10, True),
    "jiao_up": (10, False),
    "yuan_half_up": (100, True),
    "yuan_up": (100, False),
}


class dibao_standard(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    unit = "fen"
    label = "当地低保标准 / local dibao standard per person per month, fen (0 when not set)"
    reference = "《社会救助暂行办法》第10条: set by the province or the city (dibao.standard.urban / .rural)"

    def formula(household, period, parameters):
        vals, inv = policy.per_group(household, period, parameters, "dibao.standard.urban", "dibao.standard.rural")
        u = np.array([policy.fen(v[0]) if v[0] is not None else 0 for v in vals], dtype=np.int64)[inv]
        r = np.array([policy.fen(v[1]) if v[1] is not None else 0 for v in vals], dtype=np.int64)[inv]
        return np.where(household("residence", period) == Residence.urban, u, r)


class dibao_standard_set(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "a local dibao standard is in force on the assessment date"

    def formula(household, period, parameters):
        vals, inv = policy.per_group(household, period, parameters, "dibao.standard.urban", "dibao.standard.rural")
        u = np.array([v[0] is not None for v in vals], dtype=bool)[inv]
        r = np.array([v[1] is not None for v in vals], dtype=bool)[inv]
        return np.where(household("residence", period) == Residence.urban, u, r)


class review_reason(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "a review reason shared by every program (member counted provisionally; no income window)"

    def formula(household, period, parameters):
        return household("membership_review", period) | ~household("income_window_given", period)


class dibao_income_test(Variable):
    value_type = Enum
    possible_values = Check
    default_value = Check.undecided
    entity = Household
    definition_period = MONTH
    label = "per-capita monthly income below the standard, tested as total < standard × members"
    reference = "《社会救助暂行办法》(国务院令第649号) 第9条; DESIGN.md: totals, never a rounded per-capita figure"

    def formula(household, period, parameters):
        w = household("income_in_window", period).astype(np.int64)
        m = household("income_window_months", period).astype(np.int64)
        n = household("counted_members", period).astype(np.int64)
        s = household("dibao_standard", period).astype(np.int64)
        decided = household("dibao_standard_set", period) & (n > 0) & (m > 0)
        passed = w < s * n * m
        return np.select([decided & passed, decided], [Check.passed.index, Check.failed.index], Check.undecided.index)


class dibao_status(Variable):
    value_type = Enum
    possible_values = Status
    default_value = Status.needs_review
    entity = Household
    definition_period = MONTH
    label = "dibao: eligible, ineligible or needs_review"
    reference = "《社会救助暂行办法》第9条; 民发〔2021〕57号 第7条, 第13条, 第14条"

    def formula(household, period, parameters):
        n = household("counted_members", period)
        tests = [
            household("dibao_income_test", period),
            household("dibao_financial_assets_test", period),
            household("dibao_housing_test", period),
        ]
        failed = (n == 0) | np.any([t == Check.failed for t in tests], axis=0)
        undecided = (
            ~household("dibao_standard_set", period)
            | household("review_reason", period)
            | np.any([t == Check.undecided for t in tests], axis=0)
        )
        return np.select([failed, undecided], [Status.ineligible.index, Status.needs_review.index], Status.eligible.index)


class dibao_amount(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    unit = "fen"
    label = "低保金 / monthly dibao amount, fen (0 unless eligible)"
    reference = "《社会救助暂行办法》第12条 (standard × members − income); rounding: dibao.rounding (docs/law/dibao.md §3, docs/law/open-points.md §1)"

    def formula(household, period, parameters):
        vals, inv = policy.per_group(household, period, parameters, "dibao.rounding")
        modes = [ROUNDING[v[0] or "fen_half_up"] for v in vals]
        unit = np.array([u for u, _ in modes], dtype=np.int64)[inv]
        half = np.array([h for _, h in modes], dtype=bool)[inv]
        eligible = household("dibao_status", period) == Status.eligible
        w = household("income_in_window", period).astype(np.int64)
        m = np.maximum(household("income_window_months", period).astype(np.int64), 1)
        n = household("counted_members", period).astype(np.int64)
        s = household("dibao_standard", period).astype(np.int64)
        # amount = (s·n·m − w) / m fen, ≥ 0, rounded once to the unit.
        x = np.maximum(s * n * m - w, 0)
        um = unit * m
        q = np.where(half, (2 * x + um) // (2 * um), (x + um - 1) // um)
        return np.where(eligible, q * unit, 0)
