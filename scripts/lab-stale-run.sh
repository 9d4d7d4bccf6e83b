#!/usr/bin/env bash
# Run by .ci/run before the OpenStack lab's up.sh. The lab records each process it starts in
# $STACKLAB_STATE/run/NAME.pid and up.sh skips a service whose pid answers `kill -0`. CI runs on the
# machine a session left, possibly after a reboot with /var/lib/stacklab kept: a pid file from before
# the boot can then name an unrelated process that took the same pid, up.sh says "already running",
# never starts that service and waits for it until its own time limit (seen in CI: nova-compute,
# 20 minutes). Everything in run/ is per-boot state (pid files, the note that up.sh started
# RabbitMQ), so a file there older than this boot is removed. Prints what it removed.
set -euo pipefail
run=${STACKLAB_STATE:-/var/lib/stacklab}/run
[ -d "$run" ] || exit 0
boot=${BERTH_BOOT_TIME:-$(awk '/^btime /{print $2}' /proc/stat)}
[ -n "$boot" ] || { echo "lab-stale-run: cannot read the boot time from /proc/stat; left $run alone" >&2; exit 0; }
for f in "$run"/*; do
  [ -f "$f" ] || continue
  if [ "$(stat -c %Y "$f")" -lt "$boot" ]; then
    echo "lab-stale-run: removing $f (written before this boot: $(tr -d '\n' <"$f" | cut -c1-40))"
    rm -f "$f"
  fi
done
