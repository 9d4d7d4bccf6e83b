// scripts/lab-stale-run.sh: .ci/run clears the OpenStack lab's per-boot files written before this
// boot, so that a pid file whose pid an unrelated process took since does not make up.sh skip
// that service (a CI run waited 20 minutes for a nova-compute that was never started).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'lab-stale-run.sh');

const run = (env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const keep = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
    execFile('bash', [SCRIPT], { env: { ...keep, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'berth-lab-stale-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

test('removes the run files written before the boot, even when their pid is alive now, and keeps the newer ones', async (t) => {
  const state = join(dir, 'a');
  const runDir = join(state, 'run');
  mkdirSync(runDir, { recursive: true });
  const boot = Math.floor(Date.now() / 1000) - 3600;
  const stale = join(runDir, 'nova-compute.pid');
  const marker = join(runDir, 'rabbitmq.started-by-stacklab');
  const fresh = join(runDir, 'keystone.pid');
  // this test's own pid: alive, as the reused pid was in CI
  writeFileSync(stale, `${process.pid}\n`);
  writeFileSync(marker, '');
  writeFileSync(fresh, `${process.pid}\n`);
  utimesSync(stale, boot - 60, boot - 60);
  utimesSync(marker, boot - 60, boot - 60);
  const r = await run({ STACKLAB_STATE: state, BERTH_BOOT_TIME: String(boot) });
  t.is(r.code, 0, r.stderr);
  t.false(existsSync(stale), 'the pid file from before the boot is still there');
  t.false(existsSync(marker), 'the marker from before the boot is still there');
  t.true(existsSync(fresh), 'a pid file written since the boot was removed');
  t.regex(r.stdout, new RegExp(`removing .*nova-compute\\.pid \\(written before this boot: ${process.pid}\\)`));
});

test('does nothing when the lab has never run here', async (t) => {
  const r = await run({ STACKLAB_STATE: join(dir, 'none') });
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, '');
});

test('reads the boot time from /proc/stat when not given', async (t) => {
  const state = join(dir, 'b');
  mkdirSync(join(state, 'run'), { recursive: true });
  const old = join(state, 'run', 'glance-api.pid');
  writeFileSync(old, '1\n');
  utimesSync(old, 1_000_000, 1_000_000); // 1970: before any boot
  const r = await run({ STACKLAB_STATE: state });
  t.is(r.code, 0, r.stderr);
  t.false(existsSync(old));
});
