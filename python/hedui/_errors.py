"""The exception hierarchy.

Every error hedui raises (or returns from a batch call) is a :class:`HeduiError` carrying the
same numeric ``code`` as the C status (1xx/2xx policy, 3xx case input, 4xx evaluation, 900
internal, 1002 a caught panic), the field path of the first problem, and every problem found
through :meth:`HeduiError.errors`.
"""

from __future__ import annotations

from typing import Any, TypedDict


class ErrorDetail(TypedDict):
    """One problem, as returned by :meth:`HeduiError.errors`."""

    code: int
    kind: str
    path: str | None
    message: str


class HeduiError(Exception):
    """Base class of every hedui error.

    Attributes:
        code: the permanent numeric code (equal to the C ``hedui_status`` value).
        kind: the snake-case name of the code (``"invalid_date"``).
        field_path: where the first problem is (``"members[0].birth_date"``), or ``None``.
        message: the first problem's message (lowercase, no trailing period).
    """

    code: int
    kind: str
    field_path: str | None
    message: str

    def __init__(
        self,
        message: str,
        *,
        code: int,
        kind: str,
        field_path: str | None = None,
        problems: list[ErrorDetail] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.kind = kind
        self.field_path = field_path
        if problems:
            self._problems: list[ErrorDetail] = [ErrorDetail(**p) for p in problems]
        else:
            self._problems = [
                ErrorDetail(code=code, kind=kind, path=field_path, message=message)
            ]

    def errors(self) -> list[ErrorDetail]:
        """Every problem found, the first one first (a fresh list of fresh dicts)."""
        return [ErrorDetail(**p) for p in self._problems]

    def to_dict(self) -> dict[str, Any]:
        """The error in the JSON shape the C API and ``hedui assess --json`` use."""
        return {
            "code": self.code,
            "kind": self.kind,
            "path": self.field_path,
            "message": self.message,
            "problems": self.errors(),
        }

    def __str__(self) -> str:
        first = f"[{self.code}] "
        if self.field_path:
            first += f"{self.field_path}: "
        first += self.message
        more = len(self._problems) - 1
        if more > 0:
            first += f" (and {more} more)"
        return first

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code}, field_path={self.field_path!r}, "
            f"message={self.message!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructor arguments: rebuild through a helper so errors pickle
        # (multiprocessing, Spark and joblib send them between processes).
        return (
            _rebuild,
            (type(self), self.message, self.code, self.kind, self.field_path, self._problems),
        )


def _rebuild(
    cls: type[HeduiError],
    message: str,
    code: int,
    kind: str,
    field_path: str | None,
    problems: list[ErrorDetail],
) -> HeduiError:
    return cls(message, code=code, kind=kind, field_path=field_path, problems=problems)


class PolicyError(HeduiError, ValueError):
    """A policy file or override is invalid (codes 1xx and 2xx).

    Codes (checked against the core's list by a test in ``python/src/errors.rs``):
        100 ``policy_syntax``: A policy file is not valid TOML.
        101 ``policy_shape``: A policy file has the wrong shape (missing table, wrong type).
        200 ``policy_invalid``: A policy value is invalid (bad amount, bad date, unknown key, bad code).
        201 ``policy_overlap``: Two effective periods of one parameter overlap.
        202 ``policy_citation``: A value has no citation, or cites a source that does not exist.
        203 ``policy_chain``: A region's parent is missing, or a region is defined twice.
        204 ``policy_io``: A policy directory could not be read.
    """


class InputError(HeduiError, ValueError):
    """A case is malformed or inconsistent (codes 3xx), including a ``float`` given as money.

    Codes (checked against the core's list by a test in ``python/src/errors.rs``):
        300 ``case_syntax``: The case is not valid JSON.
        301 ``case_shape``: A field has the wrong type, is missing, or is not part of the format.
        310 ``invalid_date``: A date does not exist or is out of range.
        311 ``invalid_amount``: An amount is negative or too large.
        312 ``unknown_member``: A record names a member that is not in the household.
        313 ``duplicate_id``: Two members or records share an id.
        314 ``unknown_region``: The region code is unknown to the loaded policies.
        315 ``invalid_period``: A period ends before it starts, or does not cover whole months.
        316 ``id_number_invalid``: A 身份证号 fails the GB 11643 check digit or format.
        317 ``id_number_mismatch``: A 身份证号 encodes a birth date that differs from `birth_date`.
        318 ``invalid_value``: A value is out of its allowed range or inconsistent with another field.
        319 ``applicant_invalid``: The household has no applicant, or more than one.
    """


class EvaluationError(HeduiError):
    """Evaluation could not finish (codes 4xx: no policy for the date, overflow).

    Codes (checked against the core's list by a test in ``python/src/errors.rs``):
        400 ``no_policy_for_date``: No policy covers the case's region on its date for a required parameter.
        401 ``overflow``: Arithmetic overflowed.
    """


class InternalError(HeduiError, RuntimeError):
    """A bug: an internal invariant failed (900) or a panic was caught (1002). Please report it.

    1000 and 1001 come only from the C API; they are listed so that every code has a class.

    Codes (checked against the core's list by a test in ``python/src/errors.rs``):
        900 ``internal``: A bug: an invariant did not hold.
        1000 ``null_argument``: A required pointer argument was NULL (C boundary).
        1001 ``invalid_utf8``: An input buffer is not valid UTF-8 (C boundary).
        1002 ``panic``: A panic was caught at the boundary (a bug; please report it).
    """


__all__ = [
    "ErrorDetail",
    "EvaluationError",
    "HeduiError",
    "InputError",
    "InternalError",
    "PolicyError",
]
