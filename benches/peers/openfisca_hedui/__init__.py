"""openfisca_hedui: hedui's dibao and near-dibao rule for plain households as an OpenFisca
country package (benches/peers/README.md says what is and is not modelled).

    from openfisca_hedui import HeduiTaxBenefitSystem
    tbs = HeduiTaxBenefitSystem()
"""

from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_hedui import entities

HERE = Path(__file__).resolve().parent


class HeduiTaxBenefitSystem(TaxBenefitSystem):
    CURRENCY = "¥"

    def __init__(self) -> None:
        super().__init__(entities.entities)
        self.add_variables_from_directory(str(HERE / "variables"))
        self.load_parameters(str(HERE / "parameters"))
