#!/usr/bin/env bash
# `npm run check`: the typecheck and the lint at once. Each spends most of a minute on one core
# building the project's types, and CI has two cores; each one's output is printed whole when it
# ends, and the script fails when either does.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d /tmp/berth-check.XXXXXX)
trap 'rm -rf "$out"' EXIT
start=$SECONDS
npm run --silent typecheck >"$out/typecheck" 2>&1 &
tc=$!
npm run --silent lint >"$out/lint" 2>&1 &
li=$!
wait "$tc"; tc_code=$?
wait "$li"; li_code=$?
for part in typecheck lint; do
  echo "== $part"
  cat "$out/$part"
done
echo "check: typecheck exit $tc_code, lint exit $li_code, $((SECONDS - start)) s"
[ "$tc_code" -eq 0 ] && [ "$li_code" -eq 0 ]
