import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { hasShell, runShell, sandbox } from './shell-env.js';
import type { Sandbox } from './shell-env.js';

// fish answers `complete -C LINE` with what TAB would offer, `value<TAB>description` per line.
const complete = async (sb: Sandbox, line: string, extra: Record<string, string> = {}): Promise<string[]> =>
  (await runShell(sb, ['fish', '--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', sb.script('fish'), line], extra)).split('\n').filter(Boolean).map((l) => l.split('\t')[0] as string);

const withFish = (await hasShell('fish')) ? test.serial : test.skip;

withFish('fish completes commands with descriptions, subcommands, flags per command and fixed flag values', async (t) => {
  t.timeout(180_000); // starts the CLI many times; a loaded machine makes each start slow
  const sb = await sandbox(t);
  const raw = await runShell(sb, ['fish', '--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', sb.script('fish'), 'berth co']);
  t.deepEqual(raw.split('\n').filter(Boolean).map((l) => l.split('\t')[0]), ['completion', 'container', 'containers', 'context']);
  t.regex(raw, /^completion\tPrint the shell completion script$/m);
  t.deepEqual(await complete(sb, 'berth context '), ['add', 'list', 'ls', 'remove', 'rm', 'show', 'use']);
  t.deepEqual(await complete(sb, 'berth hosts --ou'), ['--output']);
  t.true((await complete(sb, 'berth daemon --')).includes('--no-docker'));
  t.false((await complete(sb, 'berth hosts --')).includes('--no-docker'), 'flags are per command');
  t.deepEqual((await complete(sb, 'berth hosts -o ')).sort(), ['csv', 'json', 'table', 'value', 'yaml']);
  t.deepEqual(await complete(sb, 'berth ps --output=y'), ['--output=yaml']);
  t.false((await complete(sb, 'berth ')).includes('__complete'));
});

withFish('fish completes live ids and names from the fresh cache without starting berth, and contexts through berth __complete', async (t) => {
  t.timeout(180_000);
  const sb = await sandbox(t);
  t.deepEqual(await complete(sb, 'berth get container w'), ['web-1', 'worker-2']);
  t.deepEqual(await complete(sb, 'berth ps --host '), ['compute-1', 'docker-a']);
  t.deepEqual(await complete(sb, 'berth trace vm '), ['0b5e9d6a-uuid', 'vm-a']);
  // An empty BERTH_CACHE_DIR is unset, as in bash and berth itself: the cache under XDG_CACHE_HOME.
  const xdg = join(sb.dir, 'xdg');
  mkdirSync(xdg);
  symlinkSync(join(sb.dir, 'cache'), join(xdg, 'berth'));
  t.deepEqual(await complete(sb, 'berth get container w', { BERTH_CACHE_DIR: '', XDG_CACHE_HOME: xdg }), ['web-1', 'worker-2']);
  t.deepEqual(sb.calls(), [], 'no berth process was started');
  t.deepEqual(await complete(sb, 'berth context use '), ['down', 'lab']);
  t.deepEqual(await complete(sb, 'berth get --nats nats://127.0.0.1:1 container '), []);
  t.deepEqual(sb.calls(), ['__complete context', '__complete container --nats=nats://127.0.0.1:1']);
});
