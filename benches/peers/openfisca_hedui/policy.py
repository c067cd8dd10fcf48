"""hedui's regional policy chain over OpenFisca parameters, and exact conversions.

hedui looks a key up most specific region first (county → city → province → national): the
first region with an entry in force on the case's `as_of` date wins (policies/README.md,
"Inheritance and dates"). The YAML tree keeps that shape: `regions.r<code>.<key>`, each leaf
effective-dated like the TOML entry it was generated from (`policy_yaml.py`), a `null` value
where an entry ends without a successor.

OpenFisca reads parameters at an instant; hedui reads them at `as_of` (a day), so formulas
ask for `parameters("YYYY-MM-DD")` per distinct (region, as_of) pair (`policy_group`), never
at the start of the simulation month.

Money parameters are YAML floats (OpenFisca's convention); `fen()` turns one into an exact
integer number of fen and refuses anything that is not a whole fen. Ratios become
`fractions.Fraction` from their shortest decimal text, so 1.5 is exactly 3/2.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np

#: Keys the modelled rule reads.
KEYS = (
    "dibao.standard.urban",
    "dibao.standard.rural",
    "near_dibao.multiplier",
    "dibao.rounding",
    "age.reached_on",
    "income.floor_net_transfer_at_zero",
    "dibao.assets.financial_limit_per_capita",
    "dibao.assets.financial_limit_months",
    "dibao.assets.financial_limit_strict",
    "dibao.assets.housing_max_count",
    "dibao.assets.housing_max_area_per_capita",
    "near_dibao.assets.financial_limit_per_capita",
    "near_dibao.assets.financial_limit_months",
    "near_dibao.assets.financial_limit_strict",
    "near_dibao.assets.housing_max_count",
    "near_dibao.assets.housing_max_area_per_capita",
)

#: Keys hedui reads for a plain household whose effect this model does not reproduce: the
#: model refuses to answer (raises) if any is in force for a household, instead of silently
#: differing. For Nanchang today every one is unset.
GUARDED = (
    "income.lookback_months",
    "income.employment_cost_deduction",
    "income.extra_excluded_subtypes",
    "household.extra_excluded_statuses",
    "verification.required_sources",
    "dibao.uplift.elderly_age",
    "dibao.uplift.elderly_ratio",
    "dibao.uplift.minor_ratio",
    "dibao.uplift.severe_disability_ratio",
    "dibao.uplift.serious_illness_ratio",
    "dibao.uplift.stacking",
    "dibao.min_benefit_per_member",
    "household.count_postgraduate_students",
    "tekun.excludes_from_dibao",
)
# tekun.excludes_from_dibao is in force nationally (true) but only acts on a member who is
# tekun-enrolled or assessed for tekun, which a plain household never is; it is therefore
# listed for documentation and skipped by the guard below.
_GUARD_SKIP = {"tekun.excludes_from_dibao"}


def chain(code: int) -> list[str]:
    """The GB/T 2260 chain of a region code, most specific first."""
    s = f"{int(code):06d}"
    out = [s, s[:4] + "00", s[:2] + "0000", "000000"]
    return list(dict.fromkeys(out))


def lookup(at_instant, region: int, key: str):
    """The value of `key` for `region` from a ParameterNodeAtInstant, or None when unset."""
    regions = at_instant.regions
    for code in chain(region):
        node = regions._children.get("r" + code)
        if node is None:
            continue
        for part in key.split("."):
            node = node._children.get(part) if hasattr(node, "_children") else None
            if node is None:
                break
        if node is not None and not hasattr(node, "_children"):
            return node
    return None


def known_region(parameters_root, region: int) -> bool:
    """hedui knows a region when its province has a file (error 314 otherwise)."""
    s = f"{int(region):06d}"
    return ("r" + s[:2] + "0000") in parameters_root.regions.children or s == "000000"


def fen(v) -> int:
    """An exact integer number of fen from a money parameter (a YAML float with ≤ 2 places)."""
    d = Decimal(repr(float(v))) * 100
    if d != d.to_integral_value():
        raise ValueError(f"money parameter {v!r} is not a whole number of fen")
    return int(d)


def ratio(v) -> Fraction:
    return Fraction(Decimal(repr(float(v))))


class Groups:
    """Distinct (region, as_of) pairs of the households: parameters are read once per pair."""

    def __init__(self, region: np.ndarray, as_of: np.ndarray):
        key = region.astype(np.int64) * 1_000_000 + as_of.astype("datetime64[D]").astype(np.int64)
        self.keys, self.inverse = np.unique(key, return_inverse=True)
        self.region = (self.keys // 1_000_000).astype(np.int64)
        self.as_of = (self.keys % 1_000_000).astype("datetime64[D]")

    def __iter__(self):
        for g in range(len(self.keys)):
            yield g, int(self.region[g]), str(self.as_of[g])


def household_groups(household, period) -> Groups:
    """The households' (region, as_of) groups, computed once per simulation and period."""
    sim = household.simulation
    cache = sim.__dict__.setdefault("_hedui_groups", {})
    if period not in cache:
        cache[period] = Groups(household("region", period), household("as_of", period))
    return cache[period]


def per_group(household, period, parameters, *keys):
    """The values of `keys` for each distinct (region, as_of), and the households' group index.

    Returns (list of tuples of values, one per group; inverse index array of the households).
    """
    groups = household_groups(household, period)
    vals = []
    for _g, region, day in groups:
        at = parameters(day)
        guard(at, region, day)
        vals.append(tuple(lookup(at, region, k) for k in keys))
    return vals, groups.inverse


_guarded_seen: set[tuple[int, str]] = set()


def guard(at_instant, region: int, day: str) -> None:
    if (region, day) in _guarded_seen:
        return
    for k in GUARDED:
        if k in _GUARD_SKIP:
            continue
        v = lookup(at_instant, region, k)
        if v is not None:
            raise NotImplementedError(
                f"{k} is in force for region {region} on {day} ({v!r}); "
                "openfisca_hedui does not model it"
            )
    _guarded_seen.add((region, day))
