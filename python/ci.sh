#!/usr/bin/env bash
# The Python package's checks, run by scripts/test: build the abi3 wheel, install it into a
# venv, run pytest (the fixture suite, API, errors, batches, tables, the 1,000,000-household
# run), stubtest and mypy, then the PySpark mapInArrow example. About 5 minutes on 2 cores.
# HEDUI_VENV picks the venv (default .venv at the repo root, gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> %s\n' "$*"; }

venv=${HEDUI_VENV:-.venv}
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
py="$PWD/$venv/bin/python"
pip() { "$py" -m pip install -q --disable-pip-version-check "$@"; }

step "Python: tools and test dependencies"
pip "maturin>=1.16,<2" "pytest>=8" hypothesis mypy pyarrow polars pandas

step "Python: build the abi3 wheel and install it"
rm -rf target/python-wheels
"$venv/bin/maturin" build --release --locked -m python/Cargo.toml --out target/python-wheels
wheel=$(ls target/python-wheels/hedui-*-cp311-abi3-*.whl)
pip --force-reinstall --no-deps "$wheel"
# The extension must not link libpython (abi3 wheels load into any CPython >= 3.11).
if "$py" - "$wheel" << 'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    so = next(n for n in z.namelist() if n.endswith(".so"))
    sys.exit(0 if b"libpython" in z.read(so) else 1)
PY
then
  echo "the extension module links libpython"; exit 1
fi

step "Python: pytest (fixture suite, API, errors, batches, tables, 1M households)"
# Run from python/tests so the installed wheel, not the source folder, is imported.
rc=0
(cd python/tests && "$py" -m pytest -c ../pyproject.toml --rootdir .. -p no:cacheprovider) || rc=$?
if [ "$rc" -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi
if [ "$rc" -ne 0 ]; then exit "$rc"; fi

step "Python: stubtest and mypy --strict"
(cd target && "$py" -m mypy.stubtest hedui._native --allowlist ../python/stubtest-allowlist.txt)
(cd python && "$py" -m mypy)

step "Python: PySpark mapInArrow example matches evaluate_table"
pip "pyspark>=4.3,<5"
export SPARK_LOCAL_IP=127.0.0.1
"$py" -W ignore::FutureWarning examples/spark/score_register.py 5000

step "Python: notebook-style example (polars, evaluate_table, matplotlib chart)"
pip matplotlib
(cd target && "$py" ../examples/python/register_by_county.py 5000 eligible_by_county.png > /dev/null)

step "Python: what-if example (hedui.sweep of the dibao standard, matplotlib curve)"
(cd target && "$py" ../examples/python/sweep_standard.py 5000 sweep_standard.png)
test -s target/sweep_standard.png
