#!/usr/bin/env bash
# `npm test`: build, checks, unit tests, the cluster test, the integration tests and the fault
# suite, in that order, stopping at the first that fails; each phase's time is printed, so that a
# CI log says where its minutes went.
set -uo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
phase() {
  local name=$1 t=$SECONDS rc
  shift
  echo "== npm test: $name"
  "$@"
  rc=$?
  echo "== npm test: $name took $((SECONDS - t)) s, exit $rc ($((SECONDS - start)) s so far)"
  return $rc
}
phase build npm run build \
  && phase check npm run check \
  && phase unit npm run test:unit \
  && phase cluster npm run test:cluster \
  && phase int npm run test:int \
  && phase faults npm run test:faults
