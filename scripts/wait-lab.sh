#!/usr/bin/env bash
# Run first by `npm run test:int`. When BERTH_LAB_STATUS names a file, the OpenStack lab is still
# being brought up in the background (.ci/run starts it, then runs the build, the checks and the
# unit tests meanwhile, as none of them needs the lab): wait for the bring-up to write its exit
# code there, and fail with the end of its log (BERTH_LAB_LOG) when it did not come up. Without
# BERTH_LAB_STATUS it does nothing: the integration tests fail, never skip, on a missing server.
set -euo pipefail
status=${BERTH_LAB_STATUS:-}
[ -n "$status" ] || exit 0
log=${BERTH_LAB_LOG:-}
limit=${BERTH_LAB_WAIT_S:-1800}
start=$SECONDS
next=0
while [ ! -s "$status" ]; do
  if [ $((SECONDS - start)) -ge "$limit" ]; then
    echo "wait-lab: the OpenStack lab was not up after ${limit} s (no exit code in $status)${log:+; its log: $log}" >&2
    [ -n "$log" ] && tail -n 40 "$log" >&2
    exit 1
  fi
  if [ $((SECONDS - start)) -ge "$next" ]; then
    echo "wait-lab: waiting for the OpenStack lab to come up ($((SECONDS - start)) s so far${log:+; last line: $(tail -n 1 "$log" 2>/dev/null | cut -c1-120)})" >&2
    next=$((next + 30))
  fi
  sleep 2
done
rc=$(cat "$status")
if [ "$rc" != 0 ]; then
  echo "wait-lab: the OpenStack lab did not come up (exit $rc)${log:+; the end of $log:}" >&2
  [ -n "$log" ] && tail -n 40 "$log" >&2
  exit 1
fi
echo "wait-lab: the OpenStack lab is up (waited $((SECONDS - start)) s)" >&2
