"""Input variables: the facts of a plain household, as hedui's case JSON / register columns
give them (python/README.md "Registers"). Money is integer fen (OpenFisca's `float` is
float32, which cannot hold most fen amounts exactly).

The register's income and asset records are not entities here: the loader
(`openfisca_hedui.register`) adds each member's records up per category. An income record's
part inside the income window is amount × overlapping months ÷ the record's months
(DB-2021 第13条 monthly averaging, hedui `income::window_share`); the loader refuses a
record whose part is not a whole number of fen, so every sum below is exact.
"""

from datetime import date

from openfisca_core.periods import DateUnit
from openfisca_core.indexed_enums import Enum
from openfisca_core.variables import Variable

from openfisca_hedui.entities import Household, Person
from openfisca_hedui.enums import Relation, Residence, Schooling, Tristate

MONTH = DateUnit.MONTH
ETERNITY = DateUnit.ETERNITY

# ---- household -------------------------------------------------------------------------


class region(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    label = "GB/T 2260 region code of the household (case `region`)"


class as_of(Variable):
    value_type = date
    entity = Household
    definition_period = MONTH
    label = "assessment date (case `as_of`): parameters and ages are taken on this day"


class residence(Variable):
    value_type = Enum
    possible_values = Residence
    default_value = Residence.urban
    entity = Household
    definition_period = MONTH
    label = "urban or rural standard applies (case `residence`)"


class income_window_given(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "the case gives an income look-back window (case `income_window`)"


class income_window_start(Variable):
    value_type = date
    entity = Household
    definition_period = MONTH
    label = "first day of the income window (a 1st)"


class income_window_end(Variable):
    value_type = date
    entity = Household
    definition_period = MONTH
    label = "last day of the income window (a month's last day)"


class enrolled_dibao(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "already on dibao (case `history.enrolled_dibao`)"


class enrolled_tekun(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "already on tekun (case `history.enrolled_tekun`)"


# ---- person ----------------------------------------------------------------------------


class birth_date(Variable):
    value_type = date
    entity = Person
    definition_period = ETERNITY
    label = "date of birth"


class relation(Variable):
    value_type = Enum
    possible_values = Relation
    default_value = Relation.applicant
    entity = Person
    definition_period = MONTH
    label = "relation to the applicant"


class lives_together(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "lives with the household long-term (default true, as in the case JSON)"


class schooling(Variable):
    value_type = Enum
    possible_values = Schooling
    default_value = Schooling.none
    entity = Person
    definition_period = MONTH
    label = "schooling"


class cannot_live_independently(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "adult unable to live independently"


class support_duty(Variable):
    value_type = Enum
    possible_values = Tristate
    default_value = Tristate.unknown
    entity = Person
    definition_period = MONTH
    label = "owes / is owed a legal support duty (other relatives); unknown when not stated"


class wage_in_window(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "fen"
    label = "工资性收入 / wage income: the part of the member's records inside the income window, fen"
    reference = "民发〔2021〕57号 第13条"


class business_in_window(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "fen"
    label = "经营净收入 / net business income: the part of the member's records inside the income window, fen"
    reference = "民发〔2021〕57号 第13条"


class property_in_window(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "fen"
    label = "财产净收入 / net property income: the part of the member's records inside the income window, fen"
    reference = "民发〔2021〕57号 第13条"


class transfer_in_window(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "fen"
    label = "转移净收入 / transfer income: the part of the member's records inside the income window, fen"
    reference = "民发〔2021〕57号 第13条"


class transfer_expenditure_in_window(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "fen"
    label = "转移性支出 / transfer expenditure (support paid), subtracted: the part of the member's records inside the income window, fen"
    reference = "民发〔2021〕57号 第13条"


class other_in_window(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "fen"
    label = "其他收入 / other income: the part of the member's records inside the income window, fen"
    reference = "民发〔2021〕57号 第13条"


class financial_assets(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "fen"
    label = "金融资产 / financial assets (deposits, securities, insurance cash value, online finance, debt claims), fen"


class homes(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "住房 / homes registered to the member"


class housing_area(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    unit = "0.01 m²"
    label = "floor area of the member's homes, hundredths of a square metre"
