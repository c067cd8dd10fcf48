#!/usr/bin/env bash
# Compiles the Java example and scores the whole fixture suite through it; the results are
# checked against the fixture expectations. Needs Java 17 and JNA (Debian: libjna-java).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
jna=/usr/share/java/jna.jar
if [ ! -f "$jna" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq libjna-java > /dev/null
  else
    echo "JNA missing: install the Debian package libjna-java" >&2
    exit 1
  fi
fi
cargo build --quiet --locked -p hedui-ffi -p hedui-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -d "$work" -cp "$jna" examples/java/HeduiDemo.java
"$root/target/debug/hedui" test fixtures/cases --export > "$work/suite.txt"
java -cp "$jna:$work" -Djna.library.path="$root/target/debug" HeduiDemo --suite "$work/suite.txt" > "$work/java.jsonl"
"$root/target/debug/hedui" test fixtures/cases --outcomes "$work/java.jsonl" | tail -n 1
java -cp "$jna:$work" -Djna.library.path="$root/target/debug" HeduiDemo fixtures/examples/nanchang-family-of-three.json \
  | grep -q '"format":"hedui.outcome/1"'
echo "java single-case run ok"
