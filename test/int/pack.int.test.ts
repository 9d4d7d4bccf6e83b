import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { ROOT } from '../support/daemon-harness.js';

const exec = promisify(execFile);

test.serial('npm pack makes a tarball that installs without dev dependencies and runs: npx berth --version and berth --help under Node 22, a clear "needs Node 22" under an older Node', async (t) => {
  t.timeout(600_000); // npm install from the registry
  const r = await exec('bash', [join(ROOT, 'scripts', 'pack-check.sh')], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).catch((err: { stdout?: string; stderr?: string; code?: number }) => {
    t.fail(`pack-check.sh exited ${String(err.code)}:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    return { stdout: '', stderr: '' };
  });
  t.log(r.stdout.trim());
  t.regex(r.stdout, /^pack-check: npx berth --version -> berth\/\d+\.\d+\.\d+ \S+ node-v22\./m);
  t.regex(r.stdout, /^pack-check: berth --help -> \d+ lines$/m);
  t.regex(r.stdout, /^pack-check: (under Node v\d+\.\d+\.\d+ -> exit 1: berth needs Node 22 or newer; this is Node .*|no Node older than 22 on this machine.*)$/m);
  t.regex(r.stdout, /^pack-check: OK$/m);
});
