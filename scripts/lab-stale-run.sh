#!/usr/bin/env bash
# Run by .ci/run before the OpenStack lab's up.sh. The lab records each process it starts in
# $STACKLAB_STATE/run/NAME.pid and up.sh skips a service whose pid answers `kill -0`. CI runs on the
# machine a session left, possibly restarted with /var/lib/stacklab kept: a pid file from before the
# restart can then name an unrelated process that took the same pid, up.sh says "already running",
# never starts that service and waits for it until its own time limit (seen in CI: nova-compute,
# 20 minutes). Everything in run/ is per-boot state (pid files, the note that up.sh started
# RabbitMQ), so a file there is removed when it was written before this boot, or when it holds the
# pid of a process that started after the file was written (a restart of a container or of its
# pid namespace, which leaves the boot time as it was; 60 s of slack for a clock that was set).
# Prints what it removed.
set -euo pipefail
run=${STACKLAB_STATE:-/var/lib/stacklab}/run
[ -d "$run" ] || exit 0
boot=${BERTH_BOOT_TIME:-$(awk '/^btime /{print $2}' /proc/stat)}
case $boot in
  '' | *[!0-9]*) echo "lab-stale-run: no boot time to compare with ('$boot', from BERTH_BOOT_TIME or /proc/stat); left $run alone" >&2; exit 0 ;;
esac
now=$(date +%s)
ticks_per_s=$(getconf CLK_TCK)
uptime_s=$(cut -d' ' -f1 /proc/uptime | cut -d. -f1)

# When the process `pid` started, in seconds since the epoch, or nothing when there is none.
started_at() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  # Field 22 (start time, in ticks since boot) is the 20th after the command name's closing parenthesis.
  local ticks
  ticks=$(printf '%s\n' "${stat##*) }" | awk '{print $20}')
  [ -n "$ticks" ] && echo $(( now - (uptime_s - ticks / ticks_per_s) ))
}

for f in "$run"/*; do
  [ -f "$f" ] || continue
  written=$(stat -c %Y "$f")
  content=$(head -c 64 "$f" | tr -d ' \n')
  why=""
  if [ "$written" -lt "$boot" ]; then
    why="written before this boot"
  elif [[ $content =~ ^[0-9]+$ ]]; then
    started=$(started_at "$content")
    if [ -n "$started" ] && [ "$started" -gt $(( written + 60 )) ]; then why="pid $content is a process that started after the file was written"; fi
  fi
  if [ -n "$why" ]; then
    echo "lab-stale-run: removing $f ($why: ${content:0:40})"
    rm -f "$f"
  fi
done
