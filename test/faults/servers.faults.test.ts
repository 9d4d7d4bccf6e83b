import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import type { Container } from '../../events/container.js';
import { AMQP_URL, deleteQueue, publishAll } from '../support/amqp.js';
import { berthJson, dropPrefix, eventually, NATS_URL, uniquePrefix } from '../support/daemon-harness.js';
import { fakeContainer, startFakeEngine } from '../support/fake-docker-engine.js';
import { dockerBurst, notificationBurst, pacedBehind, pollConnection, replayCheck, report, sleep, streamMessages, subjectMessages, tally } from '../support/faults.js';
import { LAB, restoreDocker0, run } from '../support/int-docker.js';
import { freePort } from '../support/nats-server.js';
import { metric, metricsText, ownNatsServer, spawnDaemon } from '../support/ops-daemon.js';
import type { Daemon } from '../support/ops-daemon.js';
import { readAllEvents } from '../support/stream-reader.js';

const exec = promisify(execFile);
const READY = /^(?=[\s\S]*consuming queue)(?=[\s\S]*resynced)/;
const ENGINE_B = 'unix:///var/run/berth-lab-docker-b.sock';
const B_PID = '/var/run/berth-lab-docker-b.pid';

/** Waits until `ids` are all in the stream, then counts them (exactly once each?). */
const settle = async (servers: string, prefix: string, ids: readonly string[]) => {
  const want = new Set(ids);
  await eventually(`all ${ids.length} stored`, async () => new Set((await readAllEvents(prefix, servers)).map((e) => e.id).filter((id) => want.has(id))).size === want.size, 180_000)
    .catch(() => undefined);
  return tally(ids, (await readAllEvents(prefix, servers)).map((e) => e.id));
};

test('nats-server stopped mid-burst and started again: the daemon reconnects by itself, stores every notification and Docker event once, and counts the reconnect', async (t) => {
  t.timeout(300_000);
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  const exchange = `berth-test-${prefix}`;
  const dir = mkdtempSync(join(tmpdir(), 'berth-faults-nats-'));
  const nats = ownNatsServer(await freePort(), dir);
  const fake = await startFakeEngine(Array.from({ length: 10 }, (_, i) => fakeContainer(`${prefix}-c${i}`)), [], { ring: 4096 });
  let d: Daemon | undefined;
  t.teardown(async () => {
    await d?.stop();
    await nats.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
    await deleteQueue(queue).catch(() => undefined);
  });
  await nats.start();
  d = await spawnDaemon(['--prefix', prefix, '--nats', nats.url, '--engine', `fake=${fake.url}`, '--amqp', AMQP_URL, '--amqp-queue', queue, '--amqp-exchange', exchange, '-q', '--http', '127.0.0.1:0'], READY);
  const nc = await pollConnection(t, nats.url);
  const os = notificationBurst(prefix, exchange, 3000);
  const dk = dockerBurst('fake', [...fake.containers.values()], 2000);
  const sending = publishAll(os.msgs);
  // The engine's lines keep coming while NATS is away (the daemon reads them, cannot store them).
  const pushing = pacedBehind(fake.push, dk.lines, async () => subjectMessages(nc, prefix, `${prefix}.evt.container.>`).catch(() => 0), 1500);
  while ((await streamMessages(nc, prefix)) < 1500) await sleep(20);
  await nats.stop();
  await sleep(3000);
  await nats.start();
  await Promise.all([sending, pushing]);
  const counts = await settle(nats.url, prefix, [...os.ids, ...dk.ids]);
  const live = d;
  await eventually('the projector caught up', async () => metric(await metricsText(live.http()), 'berth_projector_lag_events') === 0, 60_000);
  const m = await metricsText(d.http());
  t.true(metric(m, 'berth_reconnects_total', { component: 'nats' }) >= 1, 'the reconnect is in the metrics');
  t.is(metric(m, 'berth_nats_connected'), 1);
  t.deepEqual((await replayCheck(nats.url, prefix)).differences, [], 'the live model equals a fresh fold');
  t.is(d.child.exitCode, null, 'never restarted');
  report(t, { case: 'servers: nats-server restart', runs: 1, ...counts });
});

test('RabbitMQ stopped mid-burst and started again: the daemon reconnects and binds again by itself, every notification is stored once, and the reconnect is counted', async (t) => {
  t.timeout(300_000);
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  const exchange = `berth-test-${prefix}`;
  let d: Daemon | undefined;
  t.teardown(async () => {
    await exec('rabbitmqctl', ['start_app']).catch(() => undefined);
    await d?.stop();
    await deleteQueue(queue).catch(() => undefined);
    await dropPrefix(prefix);
  });
  d = await spawnDaemon(['--prefix', prefix, '--nats', NATS_URL, '--no-docker', '--amqp', AMQP_URL, '--amqp-queue', queue, '--amqp-exchange', exchange, '-q', '--http', '127.0.0.1:0'], /consuming queue/);
  const daemon = d;
  const nc = await pollConnection(t, NATS_URL);
  const before = notificationBurst(`${prefix}-a`, exchange, 4000);
  const after = notificationBurst(`${prefix}-b`, exchange, 1000);
  await publishAll(before.msgs);
  // Mid-burst: the broker goes while deliveries are in the daemon's hands (unacked ones are redelivered).
  while ((await streamMessages(nc, prefix)) < 1000) await sleep(20);
  await exec('rabbitmqctl', ['stop_app']);
  await eventually('the daemon to notice', async () => /broker|reconnecting/.test(daemon.err()), 60_000);
  await exec('rabbitmqctl', ['start_app']);
  await eventually('consuming again', async () => (daemon.err().match(/consuming queue/g) ?? []).length >= 2, 120_000);
  await publishAll(after.msgs);
  const counts = await settle(NATS_URL, prefix, [...before.ids, ...after.ids]);
  t.true(metric(await metricsText(d.http()), 'berth_reconnects_total', { component: 'amqp' }) >= 1, 'the reconnect is in the metrics');
  t.is(d.child.exitCode, null, 'never restarted');
  report(t, { case: 'servers: RabbitMQ restart', runs: 1, ...counts });
});

const engineBUp = async (): Promise<boolean> => (await run('docker', ['-H', ENGINE_B, 'version', '--format', '{{.Server.Version}}'])).code === 0;
const dockerB = async (...args: string[]): Promise<string> => (await exec('docker', ['-H', ENGINE_B, ...args])).stdout.trim();

test('engine B (its own dockerd) restarted mid-burst: the host shows unreachable then back, the re-list fills the gap (containers the restart stopped show exited), and the reconnect is counted', async (t) => {
  t.timeout(300_000);
  const prefix = uniquePrefix();
  const label = `berth-test=${prefix}`;
  let d: Daemon | undefined;
  t.teardown(async () => {
    if (!(await engineBUp())) await run('setsid', ['bash', join(LAB, 'docker-up.sh'), '--second']);
    await d?.stop();
    const ids = (await dockerB('ps', '-aq', '--filter', `label=${label}`).catch(() => '')).split('\n').filter(Boolean);
    if (ids.length > 0) await dockerB('rm', '-f', ...ids).catch(() => '');
    await dropPrefix(prefix);
  });
  t.true(await engineBUp(), 'precondition: engine B runs');
  d = await spawnDaemon(['--prefix', prefix, '--nats', NATS_URL, '--engine', `b=${ENGINE_B}`, '-q', '--http', '127.0.0.1:0'], /resynced/);
  const daemon = d;
  const names = Array.from({ length: 6 }, (_, i) => `${prefix}-${i}`);
  const start = (name: string) => dockerB('run', '-d', '--network', 'none', '--label', label, '--name', name, 'berth-mini:latest', 'sleep', '600');
  for (const n of names.slice(0, 3)) await start(n);
  await eventually('the first three running in the model', async () => (await berthJson<Container[]>(prefix, ['ps', '--label', label])).filter((c) => c.state === 'running').length === 3, 60_000);

  // kill -TERM dockerd B and wait for the process to end (a new one refuses the pid file), then start it the lab's way.
  const pid = Number(readFileSync(B_PID, 'utf8').trim());
  process.kill(pid, 'SIGTERM');
  await eventually('engine B to stop', async () => !(await engineBUp()) && (await run('kill', ['-0', String(pid)])).code !== 0, 120_000);
  await eventually('the host unreachable in the model', async () => (await berthJson<{ id: string; reachable: boolean }[]>(prefix, ['hosts'])).some((h) => h.id === 'b' && !h.reachable), 60_000);
  const up = await run('setsid', ['bash', join(LAB, 'docker-up.sh'), '--second']);
  await restoreDocker0();
  t.is(up.code, 0, up.stderr);
  for (const n of names.slice(3)) await start(n);

  const rows = await eventually('the model to agree with engine B', async () => {
    const ps = await berthJson<Container[]>(prefix, ['ps', '--label', label]);
    const want = await Promise.all(names.map(async (n) => [n, await dockerB('inspect', '--format', '{{.State.Status}}', n)]));
    const have = new Map(ps.map((c) => [c.name, c.state]));
    return want.every(([n, s]) => have.get(n as string) === s) ? { ps, want } : undefined;
  }, 120_000);
  t.deepEqual(rows.want.map(([, s]) => s), ['exited', 'exited', 'exited', 'running', 'running', 'running'], 'the restart stopped the first three (no live-restore)');
  t.true((await berthJson<{ id: string; reachable: boolean }[]>(prefix, ['hosts'])).some((h) => h.id === 'b' && h.reachable), 'the host is reachable again');
  t.true(metric(await metricsText(daemon.http()), 'berth_reconnects_total', { component: 'docker' }) >= 1, 'the reconnect is in the metrics');
  // Every engine event the stream holds about these containers is there once.
  const mine = new Set(rows.ps.map((c) => c.containerId));
  const dk = (await readAllEvents(prefix)).filter((e) => e.id.startsWith('dk-') && e.subject.kind === 'container' && mine.has(e.subject.id)).map((e) => e.id);
  const matched = rows.ps.filter((c) => rows.want.some(([n, s]) => n === c.name && s === c.state)).length;
  report(t, { case: 'servers: dockerd (engine B) restart', runs: 1, sent: names.length, stored: matched, lost: names.length - matched, doubled: dk.length - new Set(dk).size });
  t.true(dk.length > 0);
});
