"""低保边缘家庭 (near-dibao): not dibao, not already on dibao or tekun, per-capita income below
the multiple of the standard (1.5 nationally), assets within the near-dibao rule
(民发〔2021〕57号 第8条; 民发〔2022〕83号 一(四); hedui core/src/rules/near_dibao.rs).
No amount: the status opens other assistance.
"""

import numpy as np
from openfisca_core.periods import DateUnit
from openfisca_core.indexed_enums import Enum
from openfisca_core.variables import Variable

from openfisca_hedui import policy
from openfisca_hedui.entities import Household
from openfisca_hedui.enums import Check, Status

MONTH = DateUnit.MONTH


class near_dibao_income_test(Variable):
    value_type = Enum
    possible_values = Check
    default_value = Check.undecided
    entity = Household
    definition_period = MONTH
    label = "per-capita monthly income below multiplier × standard (total < multiplier × standard × members)"
    reference = "民发〔2021〕57号 第8条; 民发〔2022〕83号 一(四) (near_dibao.multiplier)"

    def formula(household, period, parameters):
        vals, inv = policy.per_group(household, period, parameters, "near_dibao.multiplier")
        has_k = np.array([v[0] is not None for v in vals], dtype=bool)[inv]
        ks = [policy.ratio(v[0]) if v[0] is not None else None for v in vals]
        k_num = np.array([k.numerator if k else 0 for k in ks], dtype=np.int64)[inv]
        k_den = np.array([k.denominator if k else 1 for k in ks], dtype=np.int64)[inv]
        w = household("income_in_window", period).astype(np.int64)
        m = household("income_window_months", period).astype(np.int64)
        n = household("counted_members", period).astype(np.int64)
        s = household("dibao_standard", period).astype(np.int64)
        decided = household("dibao_standard_set", period) & has_k & (n > 0) & (m > 0)
        passed = w * k_den < k_num * s * n * m
        return np.select([decided & passed, decided], [Check.passed.index, Check.failed.index], Check.undecided.index)


class near_dibao_status(Variable):
    value_type = Enum
    possible_values = Status
    default_value = Status.needs_review
    entity = Household
    definition_period = MONTH
    label = "near-dibao: eligible, ineligible or needs_review"
    reference = "民发〔2021〕57号 第8条; 民发〔2022〕83号 一(四)"

    def formula(household, period, parameters):
        n = household("counted_members", period)
        dibao = household("dibao_status", period)
        enrolled = household("enrolled_dibao", period) | household("enrolled_tekun", period)
        tests = [
            household("near_dibao_income_test", period),
            household("near_dibao_financial_assets_test", period),
            household("near_dibao_housing_test", period),
        ]
        failed = (n == 0) | (dibao == Status.eligible) | enrolled | np.any([t == Check.failed for t in tests], axis=0)
        undecided = (
            (dibao == Status.needs_review)
            | household("review_reason", period)
            | np.any([t == Check.undecided for t in tests], axis=0)
        )
        return np.select([failed, undecided], [Status.ineligible.index, Status.needs_review.index], Status.eligible.index)
