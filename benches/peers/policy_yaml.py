"""Writes the OpenFisca YAML parameters of `openfisca_hedui` from hedui's policy TOML files.

    python policy_yaml.py            # (re)write openfisca_hedui/parameters/regions/
    python policy_yaml.py --check    # exit 1 if the committed YAML differs from the TOML

Only the keys the modelled rule reads (KEYS) and the keys it must see unset (GUARDED, listed
in openfisca_hedui/policy.py) are copied, for the Nanchang chain 360100 → 360000 → 000000.
Each value keeps its dates (`from`, and `to` as a `null` value), its source (title, 文号,
issuer, URL, date, evidence tag), article, `verified` flag and note, as OpenFisca per-value
metadata. Money and ratios are written as YAML numbers: every one has at most two decimals,
and the model converts them back to exact fen / fractions (openfisca_hedui/policy.py).

The benchmark reform (`benchmark-reform.toml`, the reform `./run` gives hedui with `--reform`)
is copied in too: each override becomes the values of its key in its region's YAML, with
metadata saying it is a benchmark assumption (evidence `proposal`, `verified: false`). hedui
lets a reform value win over the whole region chain; here it sits in its region's file, so
the generator refuses an override whose key that region's TOML also sets, and one without a
region or for a region outside the chain.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
POLICIES = REPO / "policies"
OUT = HERE / "openfisca_hedui" / "parameters" / "regions"
CHAIN = ["000000", "360000", "360100"]
REFORM = HERE / "benchmark-reform.toml"

sys.path.insert(0, str(HERE))
from openfisca_hedui.policy import GUARDED, KEYS  # noqa: E402

UNITS = {
    "dibao.standard.urban": "currency-CNY",
    "dibao.standard.rural": "currency-CNY",
    "dibao.assets.financial_limit_per_capita": "currency-CNY",
    "near_dibao.assets.financial_limit_per_capita": "currency-CNY",
    "dibao.min_benefit_per_member": "currency-CNY",
    "income.employment_cost_deduction": "currency-CNY",
    "dibao.assets.financial_limit_months": "months of dibao.standard",
    "near_dibao.assets.financial_limit_months": "months of dibao.standard",
}


def toml_path(code: str) -> Path:
    return POLICIES / ("000000.toml" if code == "000000" else f"{code[:2]}/{code}.toml")


def yaml_value(v):
    if isinstance(v, str):
        try:
            d = Decimal(v)
        except ArithmeticError:
            return v
        if d != d.quantize(Decimal("0.01")):
            raise SystemExit(f"value {v} has more than two decimals")
        return float(d)
    return v


def reform_entries() -> dict[str, dict[str, list[dict]]]:
    """{region: {key: [entries shaped like a TOML [[param]]]}} from the benchmark reform."""
    doc = tomllib.loads(REFORM.read_text(encoding="utf-8"))
    label = doc.get("label", "proposal")
    out: dict[str, dict[str, list[dict]]] = {}
    for i, o in enumerate(doc.get("override", [])):
        code = o.get("region")
        if code not in CHAIN:
            raise SystemExit(f"{REFORM.name}: override[{i}] region {code!r} is not one of {CHAIN}")
        if o["key"] not in KEYS:
            raise SystemExit(f"{REFORM.name}: override[{i}] key {o['key']} is not read by the model")
        e = {"key": o["key"], "value": o["value"], "from": o.get("from", "1900-01-01"),
             "source": "benchmark_reform", "verified": False,
             "article": "assumed; the limit is left to local rules by 民发〔2021〕57号 第14条",
             "note": "BENCHMARK ASSUMPTION, NOT LAW: no primary text sets this limit; "
                     f"benches/peers/{REFORM.name} override[{i}], given to hedui as a reform "
                     "(outcomes cite it as a proposal)"}
        if "to" in o:
            e["to"] = o["to"]
        out.setdefault(code, {}).setdefault(o["key"], []).append(e)
    out["_source"] = {"benchmark_reform": {"title": label, "issuer": "hedui benches/peers",
                                           "evidence": "proposal"}}
    return out


def render(code: str) -> dict[str, str]:
    """{relative yaml path: text} for one region file."""
    data = tomllib.loads(toml_path(code).read_text(encoding="utf-8"))
    region = data["region"]
    reform = reform_entries()
    sources = data.get("sources", {}) | reform["_source"]
    out: dict[str, str] = {}
    by_key: dict[str, list[dict]] = {}
    for p in data.get("param", []):
        if p["key"] in KEYS or p["key"] in GUARDED:
            by_key.setdefault(p["key"], []).append(p)
    for key, entries in reform.get(code, {}).items():
        if key in by_key:
            raise SystemExit(f"{REFORM.name}: {key} is also set by {toml_path(code).relative_to(REPO)}")
        by_key[key] = entries
    for key, entries in sorted(by_key.items()):
        entries.sort(key=lambda p: p["from"])
        values: dict[str, dict] = {}
        for i, p in enumerate(entries):
            src = sources[p["source"]]
            ref = {"title": src["title"]}
            for k in ("number", "issuer", "url", "date", "evidence"):
                if k in src:
                    ref["href" if k == "url" else k] = str(src[k])
            meta: dict = {"source": p["source"], "reference": [ref]}
            if "article" in p:
                meta["article"] = p["article"]
            meta["verified"] = bool(p.get("verified", False))
            if "note" in p:
                meta["note"] = p["note"]
            values[str(p["from"])] = {"value": yaml_value(p["value"]), "metadata": meta}
            nxt = entries[i + 1]["from"] if i + 1 < len(entries) else None
            if "to" in p and str(p["to"]) != (str(nxt) if nxt else None):
                values[str(p["to"])] = {"value": None}
        from_reform = key in reform.get(code, {})
        src_file = f"benches/peers/{REFORM.name}" if from_reform else str(toml_path(code).relative_to(REPO))
        doc = {
            "description": f"{key} ({region['name']} / {region.get('name_en', '')}, GB/T 2260 {code})"
            + (" — BENCHMARK ASSUMPTION, NOT LAW" if from_reform else ""),
            "metadata": {
                "hedui_key": key,
                "region": code,
                "source_file": src_file,
            },
            "values": values,
        }
        if key in UNITS:
            doc["metadata"]["unit"] = UNITS[key]
        path = f"r{code}/" + "/".join(key.split(".")) + ".yaml"
        out[path] = "# Generated by benches/peers/policy_yaml.py from " + src_file + "; do not edit.\n" + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    index = {
        "description": f"{region['name']} ({region.get('name_en', '')}), GB/T 2260 {code}",
        "metadata": {"region": code, "parent": region.get("parent"), "source_file": str(toml_path(code).relative_to(REPO))},
    }
    out[f"r{code}/index.yaml"] = yaml.safe_dump(index, allow_unicode=True, sort_keys=False)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    want: dict[str, str] = {}
    for code in CHAIN:
        want.update(render(code))
    have = {str(p.relative_to(OUT)): p.read_text(encoding="utf-8") for p in OUT.rglob("*.yaml")} if OUT.exists() else {}
    if args.check:
        bad = sorted(k for k in set(want) | set(have) if want.get(k) != have.get(k))
        for k in bad:
            print(f"parameters drift: regions/{k} differs from policies/ (run policy_yaml.py)")
        return 1 if bad else 0
    for k in set(have) - set(want):
        (OUT / k).unlink()
    for k, text in want.items():
        (OUT / k).parent.mkdir(parents=True, exist_ok=True)
        (OUT / k).write_text(text, encoding="utf-8")
    print(f"wrote {len(want)} files under {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
