"""Type stubs for ``hedui._native`` (hand-written; checked by ``python -m mypy.stubtest``)."""

import datetime
import decimal
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, TypeAlias, final, overload

import pyarrow  # type: ignore[import-untyped,unused-ignore]

from ._errors import HeduiError
from .types import ArrowStreamExportable

__all__ = [
    "__version__",
    "Engine",
    "Outcome",
    "ProgramOutcome",
    "schema",
    "compare",
    "sweep",
    "synth",
    "_debug_panic",
    "_fixture_compare",
]

__version__: str

# A household: a dict in the ``hedui.case/1`` format, or the same as JSON text.
_Case: TypeAlias = Mapping[str, Any] | str

# A pyarrow Table, a polars or pandas DataFrame, or anything with ``__arrow_c_stream__``.
_Table: TypeAlias = ArrowStreamExportable | Any

def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema ``"household"``, ``"outcome"`` or ``"fixture"`` as a dict."""

# A reform: TOML or JSON text, a path to a TOML or JSON file, a dict ``{"label"?, "override": [...]}``, or a
# list of override dicts (``region``?, ``key``, ``value``, ``from``?, ``to``?).
_Reform: TypeAlias = str | os.PathLike[str] | Mapping[str, Any] | Sequence[Mapping[str, Any]]

# A sweep value: money and ratios as ``Decimal`` or ``str``, counts as ``int`` (never float).
_Value: TypeAlias = decimal.Decimal | str | int

@overload
def compare(
    base: Engine,
    reform: Engine,
    households: _Table,
    members: _Table,
    incomes: _Table | None = None,
    assets: _Table | None = None,
    *,
    programs: Sequence[str] | None = None,
    threads: int = 0,
    per_household: Literal[False] = False,
) -> pyarrow.Table:
    """Scores a register under ``base`` and ``reform`` in one pass.

    Returns one row per region code and program: ``households``, ``errors``,
    ``eligible_before``/``after``, ``people_before``/``after``, ``newly_eligible``,
    ``no_longer_eligible``, ``review_before``/``after``, ``amount_before``/``after``/
    ``change`` (monthly; one-off for temporary relief, see ``basis``), ``annual_*``,
    ``losers``/``unchanged``/``gainers`` and ``change_min``/``p10``/``p50``/``p90``/``max``
    over the households whose amount changes. Money is ``decimal128(18, 2)``. With
    ``per_household=True`` also a table of each household's status and amount before and
    after. ``threads``: ``0`` every core, ``n`` that many.
    """

@overload
def compare(
    base: Engine,
    reform: Engine,
    households: _Table,
    members: _Table,
    incomes: _Table | None = None,
    assets: _Table | None = None,
    *,
    programs: Sequence[str] | None = None,
    threads: int = 0,
    per_household: Literal[True],
) -> tuple[pyarrow.Table, pyarrow.Table]: ...

def synth(
    engine: Engine,
    n: int,
    *,
    region: str = "360100",
    seed: int = 1,
    as_of: str = "2026-11-15",
    profile: Literal["register", "plain"] = "register",
) -> tuple[pyarrow.Table, pyarrow.Table, pyarrow.Table, pyarrow.Table]:
    """``n`` synthetic households of ``region`` as ``(households, members, incomes, assets)``
    in the :meth:`Engine.evaluate_table` format, the same as ``hedui synth`` writes:
    deterministic for ``seed``; ``household_id`` runs from 0 to ``n - 1``. Invented data
    with an illustrative mix (sizes 1–6, disabilities, students, pensions, deposits, a
    quarter near the standard); ``"plain"`` keeps only facts a bare income-and-asset rule
    needs. The region's dibao standard on ``as_of`` sets the income levels."""

def sweep(
    base: Engine,
    households: _Table,
    members: _Table,
    incomes: _Table | None = None,
    assets: _Table | None = None,
    *,
    key: str,
    values: Iterable[_Value],
    region: str | None = None,
    start: datetime.date | str | None = None,
    programs: Sequence[str] | None = None,
    threads: int = 0,
) -> pyarrow.Table:
    """Scores a register once per value of parameter ``key`` (set for ``region`` and the
    regions below it, or everywhere, from ``start``): one row per value and program with
    ``households``, ``errors``, ``eligible``, ``people``, ``amount`` and ``annual``.

    Raises:
        PolicyError: an unknown key or region, or a value of the wrong type (``values[i]``).
    """

def _fixture_compare(fixture: str, result: str) -> list[str]:
    """Test hook: mismatches between a result JSON and a fixture file's ``expect``."""

def _debug_panic() -> None:
    """Panics on purpose inside Rust (tests check it surfaces as ``InternalError``)."""

@final
class Engine:
    """A compiled policy set. Immutable and thread-safe; share one between threads."""

    @classmethod
    def default(cls) -> Engine:
        """An engine over the policies shipped inside the library."""

    @classmethod
    def from_dir(cls, path: str | os.PathLike[str]) -> Engine:
        """An engine over every ``*.toml`` policy file under ``path``.

        Raises:
            PolicyError: a file is invalid (every problem is in ``.errors()``).
        """

    def with_overrides(self, overrides: Sequence[Mapping[str, Any]] | str) -> Engine:
        """A new engine with values pinned above every region.

        ``overrides`` is a list of ``{"key", "value", "from"?, "to"?}`` dicts (money and ratios
        as ``Decimal`` or ``str``, counts as ``int``) or the same list as JSON text.

        Raises:
            PolicyError: an unknown key, a value of the wrong type, overlapping periods.
        """

    def reform(self, proposal: _Reform, *, label: str | None = None) -> Engine:
        """A new engine: these policies with a reform's proposed values on top.

        An override with ``region`` applies to that region and the regions below it; the
        most specific wins. Outcomes cite each proposed value with the reform's label
        (evidence ``proposal``, unverified), so they are ``illustrative``. Cheap (the policy
        set is shared): build one per value when sweeping.

        Raises:
            PolicyError: an unknown key or region, a wrong type, a bad date or overlapping
                periods, each with its path (``override[i].field``).
        """

    def adequacy(self, code: str, date: datetime.date | str) -> list[dict[str, Any]]:
        """The ratios a bureau reports for region ``code`` on ``date``, urban and rural:
        the dibao standard to the minimum wage, to last year's per-capita consumption
        expenditure and disposable income (the standard × 12), and the tekun basic standard
        to the dibao standard. Each dict has ``kind``, ``residence``, ``tier``, ``ratio``
        (exact ``Decimal`` or ``None``), ``percent`` (rounded to 0.01, for display),
        ``months``, ``target``, ``numerator``/``denominator`` (key, value, region,
        citation), ``missing`` (parameters not set) and ``note``."""

    def evaluate(self, case: _Case) -> Outcome:
        """Evaluates one household.

        Raises:
            InputError: the case is malformed (including a ``float`` given as money).
            EvaluationError: no policy for the date, or arithmetic overflow.
        """

    def evaluate_many(
        self, cases: Iterable[_Case], *, threads: int | None = None
    ) -> list[Outcome | HeduiError]:
        """Evaluates many households without the GIL; one item per case, in order: the
        outcome, or the error the case raised (returned, not raised).

        ``threads``: ``None`` or ``1`` runs on the calling thread; ``0`` uses every core;
        ``n`` uses ``n`` worker threads. Results do not depend on it.
        """

    def validate(self, case: _Case) -> None:
        """Checks a household without evaluating it.

        Raises:
            InputError: listing every problem in ``.errors()``.
        """

    def policy_show(self, code: str, date: datetime.date | str) -> list[dict[str, Any]]:
        """Every parameter in force for region ``code`` on ``date`` (overrides included),
        with ``key``, ``value`` (money as ``Decimal``), ``region``, ``file``, ``from``,
        ``to`` and ``citation``."""

    def evaluate_table(
        self,
        households: _Table,
        members: _Table,
        incomes: _Table | None = None,
        assets: _Table | None = None,
        *,
        programs: Sequence[str] | None = None,
        threads: int | None = None,
    ) -> pyarrow.Table:
        """Scores a whole register given as four related tables joined on ``household_id``
        (and ``member_id``); returns one row per household, in input order.

        Columns are documented in the package README. Money columns must be decimal,
        integer or text; a float money column raises ``InputError`` before any row is read.
        A household that fails gets ``error_code``, ``error_path`` and ``error_message`` and
        nulls elsewhere; other rows are unaffected. Runs without the GIL, in chunks (Ctrl-C
        interrupts it). ``threads`` as in :meth:`evaluate_many`.
        """

@final
class Outcome:
    """The result for one household (``hedui.outcome/1``)."""

    @property
    def case_id(self) -> str: ...
    @property
    def as_of(self) -> datetime.date: ...
    @property
    def region(self) -> str: ...
    @property
    def region_chain(self) -> list[str]: ...
    @property
    def illustrative(self) -> bool: ...
    @property
    def engine_version(self) -> str: ...
    @property
    def programs(self) -> list[ProgramOutcome]: ...
    def program(self, name: str) -> ProgramOutcome | None:
        """One program's result, or ``None`` if it was not assessed."""

    @property
    def counted_members(self) -> list[str]: ...
    @property
    def excluded_members(self) -> list[tuple[str, str]]:
        """``(member id, rule id)`` for each member left out of the household."""

    @property
    def per_capita_income(self) -> decimal.Decimal | None: ...
    @property
    def total_monthly_income(self) -> decimal.Decimal | None: ...
    @property
    def household(self) -> dict[str, Any]: ...
    @property
    def income(self) -> dict[str, Any]: ...
    @property
    def assets(self) -> dict[str, Any]: ...
    @property
    def verification(self) -> dict[str, Any]: ...
    @property
    def parameters(self) -> list[dict[str, Any]]: ...
    @property
    def warnings(self) -> list[str]: ...
    def to_dict(self) -> dict[str, Any]:
        """The whole outcome as plain data: money as ``Decimal``, dates as ``date``."""

    def to_json(self) -> str:
        """``hedui.outcome/1`` JSON, identical to the CLI and the C API."""

@final
class ProgramOutcome:
    """One program's decision."""

    @property
    def program(self) -> str: ...
    @property
    def status(self) -> str:
        """``"eligible"``, ``"ineligible"``, ``"needs_review"`` or ``"not_applicable"``."""

    @property
    def amount(self) -> decimal.Decimal | None: ...
    @property
    def arithmetic(self) -> list[str]: ...
    @property
    def checks(self) -> list[dict[str, Any]]: ...
    @property
    def review(self) -> list[dict[str, Any]]: ...
    @property
    def review_rules(self) -> list[str]: ...
    @property
    def to_qualify(self) -> list[dict[str, Any]]: ...
    def check(self, rule: str) -> bool | None:
        """The result of one check; ``KeyError`` if the rule was not applied."""

    def to_dict(self) -> dict[str, Any]: ...
