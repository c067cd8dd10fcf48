#!/usr/bin/env bash
# Builds the C tests against libhedui and runs: the fixture suite under ASan/UBSan, the same
# under valgrind, and the 8-thread test. Called by scripts/test.
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
lib=$root/target/debug
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --quiet --locked -p hedui-ffi -p hedui-cli
hedui=$root/target/debug/hedui
cflags=(-std=c11 -Wall -Wextra -Werror -pedantic -g -I "$root/ffi/include")
link=(-L "$lib" -lhedui -Wl,-rpath,"$lib")

echo "C fixtures under ASan/UBSan"
gcc "${cflags[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
  ffi/tests/c/run_fixtures.c "${link[@]}" -o "$work/fixtures_asan"
"$hedui" test fixtures/cases --export > "$work/suite.txt"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "$work/fixtures_asan" < "$work/suite.txt" > "$work/asan.jsonl"
"$hedui" test fixtures/cases --outcomes "$work/asan.jsonl" | tail -n 1

echo "C fixtures under valgrind"
gcc "${cflags[@]}" ffi/tests/c/run_fixtures.c "${link[@]}" -o "$work/fixtures_plain"
valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
  "$work/fixtures_plain" < "$work/suite.txt" > "$work/valgrind.jsonl"
"$hedui" test fixtures/cases --outcomes "$work/valgrind.jsonl" | tail -n 1

echo "8 threads sharing one engine"
gcc "${cflags[@]}" -pthread -fsanitize=address,undefined -fno-sanitize-recover=all \
  ffi/tests/c/threads.c "${link[@]}" -o "$work/threads"
ASAN_OPTIONS=detect_leaks=1 "$work/threads" fixtures/examples/*.json

echo "Bad-input corpus (fixtures/invalid) under ASan/UBSan"
gcc "${cflags[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
  ffi/tests/c/run_invalid.c "${link[@]}" -o "$work/invalid_asan"
cat > "$work/invalid.py" <<'PY'
# list MANIFEST OUT: writes the C runner's input list; check MANIFEST RESULTS: compares.
import json, os, re, sys
mode, manifest_path, other = sys.argv[1:4]
root = os.path.dirname(manifest_path)
cases = json.load(open(manifest_path, encoding="utf-8"))["cases"]
if mode == "list":
    with open(other, "w") as out:
        for c in cases:
            g = c.get("generate")
            if g:
                assert g["kind"] == "large_padding", c["id"]
                out.write("pad %d %s %s\n" % (g["bytes"], g["field"], os.path.join(root, g["base"])))
            else:
                out.write("file %s\n" % os.path.join(root, c["file"]))
    sys.exit(0)
ID = re.compile(rb"(?=([0-9]{17}[0-9Xx]))")
lines = open(other, encoding="utf-8", errors="replace").read().splitlines()
assert len(lines) == len(cases), "%d results for %d inputs" % (len(lines), len(cases))
failed, xpassed, xfailed = [], [], 0
for c, line in zip(cases, lines):
    status, path, message, error = (line.split("\t", 3) + ["-"] * 4)[:4]
    src = os.path.join(root, c["file"] or c["generate"]["base"])
    ids = {m.decode() for m in ID.findall(open(src, "rb").read())}
    why = None
    if status == "0":
        why = "accepted: the case evaluated successfully"
    elif not status.isdigit():
        why = "no result: " + line
    else:
        path = None if path == "-" else json.loads(path)
        shown = [json.loads(message)] if message != "-" else []
        problems = json.loads(error).get("problems", []) if error != "-" else []
        shown += [p.get("message", "") for p in problems]
        hits = [(int(status), path)] + [(p.get("code"), p.get("path")) for p in problems]
        leak = [i for i in ids for s in shown if i in s]
        if leak:
            why = "privacy: a message holds the full identity number %s..." % leak[0][:6]
        elif not any(k == c["code"] and (c["path"] is None or p == c["path"]) for k, p in hits):
            why = "expected %s %s, got %s %s" % (c["code"], c["path"] or "-", status, path or "-")
    if c.get("status") == "xfail":
        if why is None:
            xpassed.append(c["id"])
        else:
            xfailed += 1
    elif why is not None:
        failed.append("%s: %s" % (c["id"], why))
print("%d invalid inputs: %d as expected, %d xfail, %d failed, %d unexpectedly passing"
      % (len(cases), len(cases) - len(failed) - len(xpassed) - xfailed, xfailed, len(failed), len(xpassed)))
for f in failed:
    print("  FAILED " + f)
for x in xpassed:
    print("  XPASS (drop its xfail) " + x)
sys.exit(1 if failed or xpassed else 0)
PY
python3 "$work/invalid.py" list fixtures/invalid/manifest.json "$work/invalid.list"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "$work/invalid_asan" "$work/invalid.list" > "$work/invalid.out"
python3 "$work/invalid.py" check fixtures/invalid/manifest.json "$work/invalid.out"

echo "Reforms from C under ASan/UBSan and valgrind"
gcc "${cflags[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
  ffi/tests/c/reform.c "${link[@]}" -o "$work/reform_asan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "$work/reform_asan"
gcc "${cflags[@]}" ffi/tests/c/reform.c "${link[@]}" -o "$work/reform_plain"
valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
  "$work/reform_plain"
