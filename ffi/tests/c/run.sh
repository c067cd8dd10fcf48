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
