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
  t.regex(r.stdout, /removing .*rabbitmq\.started-by-stacklab \(written before this boot: \)/);
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

test('removes a pid file whose process started after it was written (a restart that kept the boot time), and keeps one whose process is older', async (t) => {
  const state = join(dir, 'c');
  mkdirSync(join(state, 'run'), { recursive: true });
  const reused = join(state, 'run', 'nova-compute.pid');
  const own = join(state, 'run', 'keystone.pid');
  const gone = join(state, 'run', 'glance-api.pid');
  // This test's process: written two hours before it started, as a pid file from before a restart would be.
  writeFileSync(reused, `${process.pid}\n`);
  const before = Math.floor(Date.now() / 1000 - process.uptime()) - 7200;
  utimesSync(reused, before, before);
  writeFileSync(own, `${process.pid}\n`);
  writeFileSync(gone, '999999999\n');
  // Boot time 0: only the processes' start times can tell.
  const r = await run({ STACKLAB_STATE: state, BERTH_BOOT_TIME: '0' });
  t.is(r.code, 0, r.stderr);
  t.false(existsSync(reused), r.stdout);
  t.regex(r.stdout, new RegExp(`removing .*nova-compute\\.pid \\(pid ${process.pid} is a process that started after the file was written`));
  t.true(existsSync(own), 'a pid file written after its process started was removed');
  t.true(existsSync(gone), 'a pid file of no process is up.sh\'s to handle (it starts the service)');
});

test('a boot time that is no number leaves the files alone and says so', async (t) => {
  const state = join(dir, 'd');
  mkdirSync(join(state, 'run'), { recursive: true });
  const f = join(state, 'run', 'keystone.pid');
  writeFileSync(f, '1\n');
  utimesSync(f, 1_000_000, 1_000_000);
  const r = await run({ STACKLAB_STATE: state, BERTH_BOOT_TIME: '1.7e9' });
  t.is(r.code, 0);
  t.true(existsSync(f));
  t.regex(r.stderr, /no boot time to compare with \('1\.7e9'/);
});
