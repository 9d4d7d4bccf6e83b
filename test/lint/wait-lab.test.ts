// scripts/wait-lab.sh: the integration tests' wait for the OpenStack lab .ci/run brings up in the
// background while the unit tests run. It must pass only on exit code 0, fail with the log's end
// otherwise or on its time limit, and not wait at all when no bring-up is announced.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'wait-lab.sh');

const run = (env: Record<string, string>): Promise<{ code: number; stderr: string; ms: number }> =>
  new Promise((resolve) => {
    const t0 = Date.now();
    const keep = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
    execFile('bash', [SCRIPT], { env: { ...keep, ...env } }, (err, _stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stderr, ms: Date.now() - t0 });
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'berth-wait-lab-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

test('without BERTH_LAB_STATUS it passes at once', async (t) => {
  const r = await run({});
  t.is(r.code, 0);
  t.is(r.stderr, '');
});

test('waits for the exit code the bring-up writes, and passes on 0', async (t) => {
  const status = join(dir, 'ok.rc');
  setTimeout(() => writeFileSync(status, '0\n'), 2500);
  const r = await run({ BERTH_LAB_STATUS: status });
  t.is(r.code, 0, r.stderr);
  t.true(r.ms >= 2000, `returned after ${r.ms} ms, before the status file was written`);
  t.regex(r.stderr, /the OpenStack lab is up/);
});

test('fails on a non-zero exit code and shows the end of the log', async (t) => {
  const status = join(dir, 'bad.rc');
  const log = join(dir, 'bad.log');
  writeFileSync(status, '1\n');
  writeFileSync(log, 'first\nkeystone did not answer on :5000\n');
  const r = await run({ BERTH_LAB_STATUS: status, BERTH_LAB_LOG: log });
  t.is(r.code, 1);
  t.regex(r.stderr, /did not come up \(exit 1\)/);
  t.regex(r.stderr, /keystone did not answer on :5000/);
});

test('fails when nothing is written within the time limit', async (t) => {
  const r = await run({ BERTH_LAB_STATUS: join(dir, 'never.rc'), BERTH_LAB_WAIT_S: '1' });
  t.is(r.code, 1);
  t.regex(r.stderr, /was not up after 1 s/);
});
