import { mkdirSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import test from 'ava';
import { runShell, sandbox } from './shell-env.js';
import type { Sandbox } from './shell-env.js';

// bash's own completion machinery, driven the way readline drives it: COMP_LINE/COMP_POINT
// (and COMP_WORDS/COMP_CWORD) set, then the function `complete -p berth` names is called.
const DRIVER = `source "$1"
spec=$(complete -p berth)
fn=\${spec#*-F }; fn=\${fn%% *}
COMP_LINE=$2; COMP_POINT=\${#COMP_LINE}
read -ra COMP_WORDS <<< "$COMP_LINE"; COMP_CWORD=\${#COMP_WORDS[@]}
"$fn"
printf '%s\\n' "\${COMPREPLY[@]}"`;

const complete = async (sb: Sandbox, line: string, extra: Record<string, string> = {}): Promise<string[]> =>
  (await runShell(sb, ['bash', '-c', DRIVER, 'bash', sb.script('bash'), line], extra)).split('\n').filter(Boolean);

test.serial('sourcing the script registers its function for berth', async (t) => {
  t.timeout(180_000); // starts the CLI many times; a loaded machine makes each start slow
  const sb = await sandbox(t);
  t.is((await runShell(sb, ['bash', '-c', 'source "$1"; complete -p berth', 'bash', sb.script('bash')])).trim(), 'complete -F _berth berth');
});

test.serial('bash completes commands, subcommands, flags per command and fixed flag values, --flag=value included', async (t) => {
  t.timeout(180_000);
  const sb = await sandbox(t);
  const top = await complete(sb, 'berth ');
  for (const c of ['hosts', 'ps', 'containers', 'context', 'completion', 'get', 'daemon']) t.true(top.includes(c), c);
  t.false(top.includes('__complete'), 'the hidden command is not offered');
  t.deepEqual(await complete(sb, 'berth co'), ['completion', 'container', 'containers', 'context']);
  t.deepEqual(await complete(sb, 'berth context '), ['add', 'list', 'ls', 'remove', 'rm', 'show', 'use']);
  t.deepEqual(await complete(sb, 'berth hosts --ou'), ['--output']);
  t.true((await complete(sb, 'berth daemon --')).includes('--no-docker'));
  t.false((await complete(sb, 'berth hosts --')).includes('--no-docker'), 'flags are per command');
  t.deepEqual(await complete(sb, 'berth hosts -o '), ['table', 'json', 'yaml', 'csv', 'value']);
  t.deepEqual(await complete(sb, 'berth ps --output=y'), ['yaml'], 'bash replaces only what follows "="');
  t.deepEqual(await complete(sb, 'berth hosts --state '), ['reachable', 'unreachable']);
  t.deepEqual(await complete(sb, 'berth completion '), ['bash', 'zsh', 'fish']);
  t.true((await complete(sb, 'berth get ')).includes('container'));
});

test.serial('live ids and names come from the fresh cache file without starting berth, and unsafe names are never offered', async (t) => {
  t.timeout(180_000);
  const sb = await sandbox(t);
  t.deepEqual(await complete(sb, 'berth get container w'), ['web-1', 'worker-2']);
  t.deepEqual(await complete(sb, 'berth get container '), ['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc', 'web-1', 'worker-2']);
  t.deepEqual(await complete(sb, 'berth ps --host '), ['compute-1', 'docker-a']);
  t.deepEqual(await complete(sb, 'berth trace vm '), ['0b5e9d6a-uuid', 'vm-a']);
  t.deepEqual(await complete(sb, 'berth ports --container=web'), ['web-1']);
  // An empty BERTH_CACHE_DIR is unset, as in fish and berth itself: the cache under XDG_CACHE_HOME.
  const xdg = join(sb.dir, 'xdg');
  mkdirSync(xdg);
  symlinkSync(join(sb.dir, 'cache'), join(xdg, 'berth'));
  t.deepEqual(await complete(sb, 'berth get container w', { BERTH_CACHE_DIR: '', XDG_CACHE_HOME: xdg }), ['web-1', 'worker-2']);
  t.deepEqual(sb.calls(), [], 'no berth process was started');
});

test.serial('context names come from berth __complete; a stale cache is still offered when NATS is down', async (t) => {
  t.timeout(180_000);
  const sb = await sandbox(t);
  t.deepEqual(await complete(sb, 'berth context use '), ['down', 'lab']);
  t.deepEqual(await complete(sb, 'berth hosts --context l'), ['lab']);
  sb.stale();
  t.deepEqual(await complete(sb, 'berth get container w'), ['web-1', 'worker-2']);
  t.deepEqual(sb.calls(), ['__complete context', '__complete context', '__complete container']);
});

test.serial('connection flags on the line are passed to berth __complete, which answers nothing rather than an error when that NATS is down', async (t) => {
  t.timeout(180_000);
  const sb = await sandbox(t);
  t.deepEqual(await complete(sb, 'berth get --nats nats://127.0.0.1:1 --prefix other container '), []);
  t.deepEqual(sb.calls(), ['__complete container --nats=nats://127.0.0.1:1 --prefix=other']);
  t.deepEqual(await complete(sb, 'berth ps --host ', { BERTH_PREFIX: 'elsewhere' }), [], 'a BERTH_* variable also skips the default cache');
});

test.serial('a NATS that accepts connections and never answers does not hang the shell', async (t) => {
  t.timeout(180_000);
  const sockets: Socket[] = [];
  const hole = createServer((s) => { sockets.push(s); });
  await new Promise<void>((r) => hole.listen(0, '127.0.0.1', () => r()));
  t.teardown(() => { for (const s of sockets) s.destroy(); hole.close(); });
  const port = (hole.address() as { port: number }).port;
  const sb = await sandbox(t);
  sb.stale();
  t.deepEqual(await complete(sb, `berth ps --nats nats://127.0.0.1:${port} --host `), []);
  t.deepEqual(await complete(sb, 'berth get container w', { BERTH_CONTEXT: '' }), ['web-1', 'worker-2'], 'the current context is down: stale values');
});
