#!/usr/bin/env bash
# A three-node NATS JetStream cluster on loopback: three nats-server processes joined by routes,
# each with its own ports and store directory. It is how a berth installation outgrows one machine
# (see README "Scale-out"), tried on one machine; the scale-out integration tests use it.
#
#   scripts/nats-cluster.sh up [DIR]      start the nodes that are not running, wait for a meta leader
#   scripts/nats-cluster.sh down [DIR]    stop the nodes and delete DIR (their data)
#   scripts/nats-cluster.sh status [DIR]  which nodes run, and the meta leader
#
# Ports come from one base, BERTH_NATS_CLUSTER_PORT (or NATS_CLUSTER_PORT), default 14222: clients
# base..base+2, routes base+2000.., monitoring base+4000.. (14222-14224, 16222-16224, 18222-18224).
# A second cluster beside the first takes another base (not one 2000 or 4000 away), e.g.
#   BERTH_NATS_CLUSTER_PORT=24222 scripts/nats-cluster.sh up
# BERTH_NATS_CLUSTER_ROUTE_PORT and BERTH_NATS_CLUSTER_HTTP_PORT set the route and monitoring bases
# apart. DIR defaults to $BERTH_NATS_CLUSTER_DIR, else /tmp/berth-nats-cluster-<base>. Then:
#
#   berth daemon --nats nats://127.0.0.1:14222,nats://127.0.0.1:14223,nats://127.0.0.1:14224 --replicas 3
set -euo pipefail

cmd=${1:-}
client=${BERTH_NATS_CLUSTER_PORT:-${NATS_CLUSTER_PORT:-14222}}
[[ "$client" =~ ^[0-9]+$ ]] && [ "$client" -ge 1024 ] && [ "$client" -le 61000 ] || { echo "nats-cluster: the base port must be a number from 1024 to 61000, not '$client'" >&2; exit 2; }
route=${BERTH_NATS_CLUSTER_ROUTE_PORT:-$((client + 2000))}
http=${BERTH_NATS_CLUSTER_HTTP_PORT:-$((client + 4000))}
dir=${2:-${BERTH_NATS_CLUSTER_DIR:-/tmp/berth-nats-cluster-$client}}
bin=${NATS_SERVER:-/usr/sbin/nats-server}
[ -x "$bin" ] || bin=$(command -v nats-server || true)

die() { echo "nats-cluster: $*" >&2; exit 1; }

pid_of() { # the node's pid, when it runs (a killed node not yet reaped, a zombie, does not run:
  # kill -0 succeeds on it, and `up` would skip starting that node again)
  local f="$dir/n$1.pid" p
  [ -f "$f" ] || return 1
  p=$(cat "$f")
  kill -0 "$p" 2>/dev/null || return 1
  case "$(ps -o stat= -p "$p" 2>/dev/null)" in Z* | "") return 1 ;; esac
  echo "$p"
}

get() { # GET http://127.0.0.1:$1$2 with bash alone (no curl needed)
  local body
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
  body=$(cat <&3)
  exec 3<&-
  printf '%s' "${body#*$'\r\n\r\n'}"
}

leader_of() { # the meta leader node $1 knows of, if any
  get $((http + $1 - 1)) /jsz 2>/dev/null | tr -d '\n ' | grep -o '"meta_cluster":{[^}]*' | grep -o '"leader":"[^"]*"' | cut -d'"' -f4
}

conf() { # node $1's configuration
  local i=$1
  cat <<EOF
server_name: n$i
listen: 127.0.0.1:$((client + i - 1))
http: 127.0.0.1:$((http + i - 1))
jetstream { store_dir: "$dir/n$i" }
cluster {
  name: berth-js
  listen: 127.0.0.1:$((route + i - 1))
  no_advertise: true
  routes: [nats-route://127.0.0.1:$route, nats-route://127.0.0.1:$((route + 1)), nats-route://127.0.0.1:$((route + 2))]
}
EOF
}

up() {
  [ -n "$bin" ] || die "no nats-server binary (install it: apt-get install nats-server, or set NATS_SERVER)"
  mkdir -p "$dir"
  for i in 1 2 3; do
    [ -n "$(pid_of $i || true)" ] && continue
    conf $i >"$dir/n$i.conf"
    mkdir -p "$dir/n$i"
    # A session of its own: the node outlives the shell (and the terminal) that started it.
    setsid "$bin" -c "$dir/n$i.conf" >>"$dir/n$i.log" 2>&1 </dev/null &
    echo $! >"$dir/n$i.pid"
  done
  local leader="" deadline=$((SECONDS + ${BERTH_NATS_CLUSTER_WAIT:-60}))
  while [ $SECONDS -lt $deadline ]; do
    local l1 l2 l3
    l1=$(leader_of 1 || true); l2=$(leader_of 2 || true); l3=$(leader_of 3 || true)
    if [ -n "$l1" ] && [ "$l1" = "$l2" ] && [ "$l2" = "$l3" ]; then leader=$l1; break; fi
    for i in 1 2 3; do [ -n "$(pid_of $i || true)" ] || die "node n$i exited: $(tail -n 5 "$dir/n$i.log")"; done
    sleep 0.5
  done
  [ -n "$leader" ] || die "no JetStream meta leader elected within ${BERTH_NATS_CLUSTER_WAIT:-60}s (logs in $dir)"
  echo "JetStream cluster berth-js up, meta leader $leader: nats://127.0.0.1:$client,nats://127.0.0.1:$((client + 1)),nats://127.0.0.1:$((client + 2))"
}

down() {
  for i in 1 2 3; do
    local p
    p=$(pid_of $i || true)
    [ -n "$p" ] && kill -TERM "$p"
  done
  for i in 1 2 3; do
    local p n=0
    p=$(pid_of $i || true)
    while [ -n "$p" ] && kill -0 "$p" 2>/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
    [ -n "$p" ] && kill -0 "$p" 2>/dev/null && kill -KILL "$p"
  done
  # Only what `up` made: the node folders, configurations, logs and pid files.
  [ -d "$dir" ] && rm -rf "$dir"/n1 "$dir"/n2 "$dir"/n3 "$dir"/n?.conf "$dir"/n?.log "$dir"/n?.pid && rmdir "$dir" 2>/dev/null || true
  echo "JetStream cluster berth-js down"
}

status() {
  for i in 1 2 3; do
    local p
    p=$(pid_of $i || true)
    if [ -n "$p" ]; then echo "n$i: running (pid $p) on 127.0.0.1:$((client + i - 1)), meta leader: $(leader_of $i || true)"; else echo "n$i: not running"; fi
  done
}

case "$cmd" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status [DIR]" >&2; exit 2 ;;
esac
