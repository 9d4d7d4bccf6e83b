#!/usr/bin/env bash
# `npm run test:faults` (issue 10): runs the fault suite (test/faults/, one file at a time), then
# prints one summary table of every case (runs, source events sent, stored, lost, doubled) from
# the rows the files appended, and fails when a case failed or lost or doubled anything.
# Extra arguments go to ava (a file to run alone, --match ...).
set -uo pipefail
cd "$(dirname "$0")/.."
export BERTH_FAULTS_SUMMARY
BERTH_FAULTS_SUMMARY=$(mktemp /tmp/berth-faults-summary.XXXXXX)
trap 'rm -f "$BERTH_FAULTS_SUMMARY"' EXIT
start=$SECONDS
ava --config ava.faults.config.js "$@"
code=$?
node --import tsx test/faults/print-summary.ts "$BERTH_FAULTS_SUMMARY" || code=1
echo "fault suite: $((SECONDS - start)) s, exit $code"
exit $code
