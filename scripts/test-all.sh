#!/usr/bin/env bash
# `npm test`: build, checks, unit tests, the cluster test, the integration tests and the fault
# suite, stopping at the first phase that fails; each phase's time is printed, so that a CI log
# says where its minutes went.
#
# .ci/run brings the OpenStack lab up in the background (9 to 16 minutes from scratch on two
# loaded cores), and only four integration files need it. So everything that neither needs the
# lab nor disturbs its bring-up runs first: the integration files without it, the one that
# restarts dockerd (the lab has no Docker) and the fault cases that restart no shared server. Then
# scripts/wait-lab.sh waits for the lab (at once when it is up, or when no bring-up is announced),
# and the lab's files run, then what stops RabbitMQ, which the lab's services use: the AMQP
# integration file and the fault cases that restart RabbitMQ and engine B.
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
# Files of ava.int-exclusive.config.js and ava.faults.config.js that stop or restart a server the
# lab's services use (RabbitMQ): they run after the lab's files. Keep these lists in step with
# those files' headers.
rabbit_int=(test/int/openstack-amqp.int.test.ts)
rabbit_faults=(test/faults/servers.faults.test.ts)
early_int=() early_faults=()
for f in test/int/docker-restart.int.test.ts; do early_int+=("$f"); done
shopt -s globstar nullglob
for f in test/faults/**/*.faults.test.ts; do [[ " ${rabbit_faults[*]} " == *" $f "* ]] || early_faults+=("$f"); done
shopt -u globstar nullglob
# The fault files append their rows here; the table is printed once, after the last of them, and
# also when a fault phase failed (it shows what was lost or doubled where).
export BERTH_FAULTS_SUMMARY
BERTH_FAULTS_SUMMARY=$(mktemp /tmp/berth-faults-summary.XXXXXX)
trap 'rm -f "$BERTH_FAULTS_SUMMARY"' EXIT
# ava given no file runs every file of its config: an empty list is a phase with nothing to do.
some() { local name=$1 list=$2; shift 2; if [ -z "$list" ]; then echo "== npm test: $name: no files"; return 0; fi; phase "$name" "$@"; }
phase build npm run build \
  && phase check npm run check \
  && phase unit npm run test:unit \
  && phase cluster npm run test:cluster \
  && phase int ava --config ava.int.config.js \
  && some int-dockerd-restart "${early_int[*]}" ava --config ava.int-exclusive.config.js "${early_int[@]}" \
  && some faults "${early_faults[*]}" ava --config ava.faults.config.js "${early_faults[@]}" \
  && phase wait-lab bash scripts/wait-lab.sh \
  && phase int-lab ava --config ava.int-lab.config.js \
  && phase int-rabbitmq-stop ava --config ava.int-exclusive.config.js "${rabbit_int[@]}" \
  && phase faults-rabbitmq-restart ava --config ava.faults.config.js "${rabbit_faults[@]}"
rc=$?
if [ -s "$BERTH_FAULTS_SUMMARY" ]; then
  phase faults-summary node --import tsx test/faults/print-summary.ts "$BERTH_FAULTS_SUMMARY" || rc=1
fi
exit $rc
