"""hedui: Chinese social-assistance eligibility (dibao, near-dibao) with cited arithmetic.

Quick start::

    import hedui
    engine = hedui.Engine.default()
    outcome = engine.evaluate({
        "id": "h1", "region": "360100", "as_of": "2026-11-01", "residence": "urban",
        "income_window": {"start": "2026-05-01", "end": "2026-10-31"},
        "members": [{"id": "m1", "relation": "self", "birth_date": "1961-02-03"}],
        "incomes": [{"member": "m1", "category": "wage", "amount": "1800.00",
                     "period": {"start": "2026-05-01", "end": "2026-10-31"},
                     "source": "verified"}],
    })
    outcome.program("dibao").amount   # Decimal('495.00')

Money is ``decimal.Decimal`` (or ``str``/``int`` going in; a ``float`` is refused), dates are
``datetime.date`` (or ``"YYYY-MM-DD"``). Errors are :class:`HeduiError` subclasses carrying
the same numeric codes as the C API. Whole registers go through
:meth:`Engine.evaluate_table` (pyarrow, polars or pandas in; a pyarrow Table out).
What-if: :meth:`Engine.reform` builds an engine with proposed values, :func:`compare`
scores a register under both, :func:`sweep` over a range of one parameter's values, and
:meth:`Engine.adequacy` reports a region's ratios. :func:`synth` makes a synthetic register.
"""

from __future__ import annotations

from ._errors import (
    ErrorDetail,
    EvaluationError,
    HeduiError,
    InputError,
    InternalError,
    PolicyError,
)
from ._native import (
    Engine,
    Outcome,
    ProgramOutcome,
    __version__,
    compare,
    schema,
    sweep,
    synth,
)
from .types import ArrowStreamExportable

__all__ = [
    "ArrowStreamExportable",
    "Engine",
    "ErrorDetail",
    "EvaluationError",
    "HeduiError",
    "InputError",
    "InternalError",
    "Outcome",
    "PolicyError",
    "ProgramOutcome",
    "__version__",
    "compare",
    "schema",
    "sweep",
    "synth",
]
