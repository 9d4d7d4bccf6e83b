#!/usr/bin/env bash
# Checks that berth installs as a package: `npm pack`, then `npm install --omit=dev <tarball>` in
# an empty folder, then `npx berth --version` and `berth --help` under Node 22 (the repo's pinned
# Node, or BERTH_NODE22), and, when the system Node is older, that berth says clearly it needs 22.
# Run after `npm run build` (the tarball ships dist/ as built). Exits non-zero on any failure.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NODE22=${BERTH_NODE22:-$ROOT/node_modules/node/bin/node}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/berth-pack.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
fail() { echo "pack-check: FAIL: $*" >&2; exit 1; }

[ -f "$ROOT/dist/cli/commands/hosts.js" ] || fail "dist/ is not built: run 'npm run build' first"
[ -x "$NODE22" ] || fail "no Node 22 at $NODE22 (run 'npm ci', or set BERTH_NODE22)"

# --ignore-scripts: 'prepare' would rebuild; the caller built already.
tarball=$(cd "$ROOT" && npm pack --ignore-scripts --silent --pack-destination "$WORK" | tail -n 1)
echo "pack-check: packed $tarball ($(du -k "$WORK/$tarball" | cut -f1) KiB, $(tar -tzf "$WORK/$tarball" | wc -l) files)"
if tar -tzf "$WORK/$tarball" | grep -E '^package/(test|bench|node_modules|cli|daemon|events|views|completions)/|\.ts$|\.map$' | grep -v '\.d\.ts$' >&2; then
  fail "the tarball ships sources, tests or maps (see above)"
fi

mkdir "$WORK/app"
cd "$WORK/app"
printf '{ "name": "berth-pack-check", "version": "1.0.0", "private": true }\n' > package.json
npm install --omit=dev --no-audit --no-fund --loglevel=error "$WORK/$tarball" >/dev/null
[ ! -e node_modules/node ] || fail "the pinned Node (a devDependency) was installed"
[ ! -e node_modules/typescript ] || fail "typescript (a devDependency) was installed"

NODE22_DIR=$(dirname "$NODE22")
version=$(PATH="$NODE22_DIR:$PATH" npx --no-install berth --version)
echo "pack-check: npx berth --version -> $version"
[[ $version == berth/* && $version == *node-v22* ]] || fail "unexpected version line: $version"
help=$(PATH="$NODE22_DIR:$PATH" ./node_modules/.bin/berth --help)
grep -q '^USAGE' <<< "$help" || fail "berth --help printed no USAGE"
grep -q 'context' <<< "$help" || fail "berth --help lists no context command"
echo "pack-check: berth --help -> $(grep -c . <<< "$help") lines"
completion=$(PATH="$NODE22_DIR:$PATH" ./node_modules/.bin/berth completion bash)
grep -q 'complete -F _berth berth' <<< "$completion" || fail "berth completion bash printed no script"

# Any Node older than 22 on this machine (the PATH of `npm test` puts the pinned Node 22 first).
old_node=''
for n in $(type -ap node) /usr/bin/node /usr/local/bin/node; do
  if [ -x "$n" ] && [ "$("$n" -p 'process.versions.node.split(".")[0]')" -lt 22 ]; then old_node=$n; break; fi
done
if [ -n "$old_node" ]; then
  set +e
  old=$(PATH="$(dirname "$old_node"):/usr/bin:/bin" ./node_modules/.bin/berth --version 2>&1)
  code=$?
  set -e
  echo "pack-check: under Node $("$old_node" --version) -> exit $code: $old"
  [ "$code" -eq 1 ] || fail "under an old Node berth should exit 1, not $code"
  grep -q 'berth needs Node 22 or newer' <<< "$old" || fail "under an old Node berth did not say it needs Node 22"
else
  echo "pack-check: no Node older than 22 on this machine: the old-Node message was not exercised"
fi
echo "pack-check: OK"
