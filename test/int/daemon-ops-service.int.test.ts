import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { ROOT } from '../support/daemon-harness.js';

const exec = promisify(execFile);

test.serial('the systemd unit in examples/ passes systemd-analyze verify and says what a supervised daemon needs', async (t) => {
  const text = readFileSync(join(ROOT, 'examples', 'berth-daemon.service'), 'utf8');
  const key = (k: string): string[] => [...text.matchAll(new RegExp(`^${k}=(.*)$`, 'gm'))].map((m) => m[1] as string);
  t.true(['simple', 'notify'].includes(key('Type')[0] ?? ''));
  t.deepEqual(key('Restart'), ['on-failure']);
  t.deepEqual(key('KillSignal'), ['SIGTERM']);
  t.true(Number(key('TimeoutStopSec')[0]) > 0);
  t.truthy(key('User')[0]);
  t.not(key('User')[0], 'root', 'a dedicated user');
  t.true(key('ExecStartPre').some((c) => c.includes('--check-config')), 'a bad configuration stops the start with its problems in the journal');
  // Verified with this checkout's berth in place of /usr/bin/berth (verify checks that the command exists).
  const dir = mkdtempSync(join(tmpdir(), 'berth-unit-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const unit = join(dir, 'berth-daemon.service');
  writeFileSync(unit, text.replaceAll('/usr/bin/berth', join(ROOT, 'bin', 'run.js')));
  const r = await exec('systemd-analyze', ['verify', unit]).then((x) => x, (err: { stdout: string; stderr: string; code: number }) => err);
  const mine = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.includes('berth-daemon.service'));
  t.deepEqual(mine, []);
});
