import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import test from 'ava';
import { ROOT } from '../support/daemon-harness.js';

const BIN = join(ROOT, 'bin', 'run.js');
const run = (args: readonly string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('berth --version without oclif prints what oclif prints (DEBUG set: oclif answers)', (t) => {
  const fast = run(['--version']);
  const oclif = run(['--version'], { DEBUG: 'berth-test-nothing' });
  t.is(fast.code, 0);
  t.is(oclif.code, 0);
  t.regex(fast.stdout, /^berth\/\d+\.\d+\.\d+ \S+-\S+ node-v\d+\.\d+\.\d+\n$/);
  t.is(fast.stdout, oclif.stdout);
  t.is(run(['--version', 'vms']).stdout, fast.stdout, 'only the first argument counts, as in oclif');
});
