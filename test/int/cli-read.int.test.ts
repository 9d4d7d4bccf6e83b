import { spawn } from 'node:child_process';
import { join } from 'node:path';
import test from 'ava';
import type { Container } from '../../events/container.js';
import { berth, berthJson, docker, dropPrefix, eventually, NATS_URL, removeTestContainers, ROOT, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { readAllEvents } from '../support/stream-reader.js';

test.serial('an unreachable NATS exits 3 with a next step, and a NATS the daemon never used exits 4 saying to start it', async (t) => {
  const down = await berth(['ps', '--nats', 'nats://127.0.0.1:1']);
  t.is(down.code, 3);
  t.regex(down.stderr, /NATS at 'nats:\/\/127\.0\.0\.1:1' did not answer/);
  t.regex(down.stderr, /BERTH_NATS_URL/);
  const never = await berth(['hosts', '--prefix', uniquePrefix(), '--nats', NATS_URL]);
  t.is(never.code, 4);
  t.regex(never.stderr, /daemon has not run against this server/);
  t.regex(never.stderr, /berth daemon/);
  const json = await berth(['ps', '--json', '--nats', 'nats://127.0.0.1:1']);
  t.is(json.code, 3);
  t.is((JSON.parse(json.stdout) as { error: { code: string } }).error.code, 'E_UNREACHABLE');
  const badColumn = await berth(['ps', '-c', 'nope', '--prefix', uniquePrefix(), '--nats', NATS_URL]);
  t.is(badColumn.code, 2);
  t.regex(badColumn.stderr, /Column 'nope' does not exist/);
});

test.serial('ps --watch -o json prints a JSON line for each change as it happens, and healthcheck probes stay out of the log', async (t) => {
  const prefix = uniquePrefix();
  const label = `berth-test=${prefix}`;
  let d: DaemonProc | undefined;
  let out = '';
  t.teardown(async () => { await d?.stop(); await removeTestContainers(label); await dropPrefix(prefix); });
  d = await startDaemon(prefix);
  const w2 = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), 'ps', '--watch', '-o', 'json', '--label', label, '--prefix', prefix, '--nats', NATS_URL], { cwd: ROOT });
  w2.stdout.on('data', (b: Buffer) => { out += b.toString(); });
  t.teardown(() => { w2.kill('SIGTERM'); });
  await new Promise((r) => setTimeout(r, 1500));
  const name = `${prefix}-h`;
  await docker('run', '-d', '--name', name, '--label', label, '--health-cmd', 'true', '--health-interval', '1s', 'berth-mini:latest', 'sleep', '300');
  const healthy = await eventually('healthy', async () => {
    const c = (await berthJson<Container[]>(prefix, ['ps', '--label', label]))[0];
    return c?.health === 'healthy' ? c : undefined;
  });
  t.is(healthy.healthcheck, '/bin/sh -c true');
  const lines = await eventually('watch lines', async () => {
    const ls = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { op: string; value?: Container });
    return ls.some((l) => l.op === 'put' && l.value?.name === name && l.value.health === 'healthy') ? ls : undefined;
  });
  t.true(lines.every((l) => l.op === 'put' || l.op === 'delete'));
  await new Promise((r) => setTimeout(r, 3000)); // a few more probes
  const events = await readAllEvents(prefix);
  const mine = events.filter((e) => e.subject.id === healthy.containerId);
  t.true(mine.some((e) => e.type === 'ContainerHealthChanged'));
  t.deepEqual(mine.filter((e) => e.type === 'ContainerExecRan'), [], 'no probe exec is recorded');
});
