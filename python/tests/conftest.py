"""Shared fixtures. Paths come from this file's location, never the working directory."""

from __future__ import annotations

import datetime
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import hedui

PYTHON_DIR = Path(__file__).resolve().parent.parent
REPO = PYTHON_DIR.parent
FIXTURES = REPO / "fixtures"
CASES = FIXTURES / "cases"
POLICIES = REPO / "policies"

# The synthetic register generator is shared with the throughput script.
sys.path.insert(0, str(PYTHON_DIR / "benches"))


@pytest.fixture(scope="session")
def engine() -> hedui.Engine:
    return hedui.Engine.default()


def readme_case(**changes: Any) -> dict[str, Any]:
    """The README's Nanchang household (dibao 495.00), with top-level fields replaced."""
    period = {"start": datetime.date(2026, 5, 1), "end": datetime.date(2026, 10, 31)}
    case: dict[str, Any] = {
        "id": "readme",
        "region": "360100",
        "as_of": datetime.date(2026, 11, 1),
        "residence": "urban",
        "income_window": period,
        "members": [{"id": "m1", "relation": "self", "birth_date": datetime.date(1971, 2, 3)}],
        "incomes": [
            {
                "member": "m1",
                "category": "wage",
                "amount": Decimal("1800.00"),
                "period": period,
                "source": "verified",
            }
        ],
    }
    case.update(changes)
    return case
