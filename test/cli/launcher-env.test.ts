import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import test from 'ava';
import { ROOT } from '../support/daemon-harness.js';

const BIN = join(ROOT, 'bin', 'run.js');
// Preloaded by the Node that bin/run.js's shell line starts (NODE_OPTIONS: no spaces): prints the malloc settings it was given, and ends it.
const PROBE = '--import=data:text/javascript,console.log(JSON.stringify([process.env.MALLOC_ARENA_MAX??null,process.env.MALLOC_MMAP_THRESHOLD_??null]));process.exit(0)';

/** bin/run.js started as a program (`npx berth ...`: its first line is shell), with the malloc settings it hands to Node. */
const mallocEnv = (args: readonly string[], env: NodeJS.ProcessEnv = {}): unknown => {
  const base = { ...process.env };
  for (const k of ['MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_', 'GLIBC_TUNABLES']) delete base[k];
  const r = spawnSync(BIN, args, { env: { ...base, NODE_OPTIONS: PROBE, ...env }, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`bin/run.js ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '');
};

test('bin/run.js gives `berth daemon` two malloc arenas and a pinned mmap threshold, and no other command', (t) => {
  t.deepEqual(mallocEnv(['daemon', '--prefix', 'x']), ['2', '131072']);
  t.deepEqual(mallocEnv(['ps']), [null, null]);
  t.deepEqual(mallocEnv(['top', 'daemon']), [null, null], 'only the command, the first argument, counts');
});

test("bin/run.js keeps the user's own malloc settings for the daemon", (t) => {
  t.deepEqual(mallocEnv(['daemon'], { MALLOC_ARENA_MAX: '8' }), ['8', '131072']);
  t.deepEqual(mallocEnv(['daemon'], { MALLOC_MMAP_THRESHOLD_: '1048576' }), ['2', '1048576']);
  t.deepEqual(mallocEnv(['daemon'], { GLIBC_TUNABLES: 'glibc.malloc.arena_max=4' }), [null, null], 'GLIBC_TUNABLES set: left to it');
});
