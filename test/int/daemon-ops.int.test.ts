import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { connect as amqpConnect } from 'amqplib';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { storeNames } from '../../daemon/store/names.js';
import { AMQP_URL, dropAmqp, novaVersioned, publishAll } from '../support/amqp.js';
import { docker, dropPrefix, eventually, NATS_URL, removeTestContainers, ROOT, uniquePrefix } from '../support/daemon-harness.js';
import { freePort } from '../support/nats-server.js';
import { healthz, metric, metricsText, ownNatsServer, spawnDaemon } from '../support/ops-daemon.js';
import type { Daemon } from '../support/ops-daemon.js';
import { readAllEvents } from '../support/stream-reader.js';

const exec = promisify(execFile);

const notifications = (prefix: string, exchange: string, n: number) => {
  const ids = Array.from({ length: n }, () => randomUUID());
  const msgs = ids.map((id, i) => ({
    exchange, routingKey: 'versioned_notifications.info', headers: {},
    body: novaVersioned({ messageId: id, uuid: randomUUID(), name: `${prefix}-${i}`, state: 'active', action: 'create', timestamp: `2026-11-23 10:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(6, '0')}` }),
  }));
  return { ids, msgs };
};

const queueDepth = async (queue: string): Promise<number> => {
  const conn = await amqpConnect(AMQP_URL);
  try {
    return (await (await conn.createChannel()).checkQueue(queue)).messageCount;
  } finally {
    await conn.close().catch(() => undefined);
  }
};

/** Closes the daemon's own broker connection (found by its local port), as a broker failover would: RabbitMQ keeps running. */
const closeAmqpConnectionOf = async (pid: number): Promise<void> => {
  const { stdout } = await exec('ss', ['-tnpH', 'dst', '127.0.0.1:5672']);
  const port = stdout.split('\n').find((l) => l.includes(`pid=${pid},`))?.match(/127\.0\.0\.1:(\d+)\s+127\.0\.0\.1:5672/)?.[1];
  if (port === undefined) throw new Error(`no AMQP connection of pid ${pid} in: ${stdout}`);
  const list = (await exec('rabbitmqctl', ['list_connections', '-q', 'pid', 'name'])).stdout;
  const conn = list.split('\n').find((l) => l.endsWith(`127.0.0.1:${port} -> 127.0.0.1:5672`))?.split('\t')[0];
  if (conn === undefined) throw new Error(`RabbitMQ does not list the connection from port ${port}: ${list}`);
  await exec('rabbitmqctl', ['close_connection', conn, 'berth test: broker failover']);
};

const dlqCount = async (prefix: string): Promise<number> => {
  const nc = await connect({ servers: NATS_URL });
  try {
    return (await (await jetstreamManager(nc)).streams.info(storeNames(prefix).dlqStream)).state.messages;
  } finally {
    await nc.close();
  }
};

const unitTimeoutStopSec = (): number => Number(/^TimeoutStopSec=(\d+)$/m.exec(readFileSync(join(ROOT, 'examples', 'berth-daemon.service'), 'utf8'))?.[1]);

test.serial('/healthz and /metrics: events in and out per source, dead letters, lag, snapshots, NATS and AMQP reconnects; JSON logs carry no secret', async (t) => {
  t.timeout(600_000);
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  const exchange = `berth-test-${prefix}`;
  const label = `berth-test=${prefix}`;
  const dir = mkdtempSync(join(tmpdir(), 'berth-ops-'));
  const nats = ownNatsServer(await freePort(), dir, ['--user', 'berth', '--pass', 'S3cretNatsPw']);
  const natsUrl = nats.url.replace('//', '//berth:S3cretNatsPw@');
  let d: Daemon | undefined;
  t.teardown(async () => {
    await d?.stop();
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
    await dropAmqp(queue, exchange).catch(() => undefined);
    await removeTestContainers(label);
  });
  await nats.start();
  d = await spawnDaemon(['--prefix', prefix, '--nats', natsUrl, '--engine', 'local=unix:///var/run/docker.sock', '--amqp', AMQP_URL, '--amqp-queue', queue, '--amqp-exchange', exchange,
    '--http', '127.0.0.1:0', '--log-format', 'json', '--snapshot-every', '10', '-q'], /berth daemon running/);
  const daemon = d;
  await eventually('the engine resynced and the queue consumed', async () => /resynced/.test(daemon.err()) && /consuming queue/.test(daemon.err()), 60_000);
  const base = d.http();
  const first = await healthz(base);
  t.is(first.code, 200, JSON.stringify(first.body));
  t.like(first.body, { status: 'ok', nats: 'connected', projector: 'live', roles: ['docker', 'openstack', 'project'] });

  const { msgs } = notifications(prefix, exchange, 20);
  await publishAll([...msgs, { exchange, routingKey: 'notifications.error', headers: {}, body: '{"oslo.version": "2.0", "oslo.message": "not json' }]);
  await docker('run', '-d', '--name', `${prefix}-c`, '--label', label, 'berth-mini:latest', 'sleep', '300');
  const m1 = await eventually('20 notifications, the poison one and the container in the metrics', async () => {
    const m = await metricsText(base);
    const ok = metric(m, 'berth_events_in_total', { source: 'openstack' }) === 21 && metric(m, 'berth_dead_letters', { source: 'openstack' }) === 1
      && metric(m, 'berth_events_out_total', { source: 'docker', result: 'stored' }) > 0 && metric(m, 'berth_projector_lag_events') === 0;
    return ok ? m : undefined;
  }, 60_000);
  t.true(metric(m1, 'berth_events_out_total', { source: 'openstack', result: 'stored' }) >= 20);
  t.true(metric(m1, 'berth_docker_events_in_total', { engine: 'local' }) > 0);
  t.true(metric(m1, 'berth_events_in_total', { source: 'docker', endpoint: 'local' }) > 0);
  t.is(metric(m1, 'berth_dead_lettered_total'), 1);
  t.true(metric(m1, 'berth_jetstream_publish_seconds_count') >= metric(m1, 'berth_events_out_total'));
  t.true(metric(m1, 'berth_source_delay_seconds_count', { source: 'openstack' }) >= 20);
  t.true(metric(m1, 'berth_projector_delay_seconds_count') > 0);
  t.true(metric(m1, 'berth_snapshots') >= 1, 'a snapshot every 10 events');
  t.true(metric(m1, 'berth_snapshot_age_seconds') >= 0);
  // The stream may take one more event between the two reads of one scrape (the engine keeps
  // talking); the projector must then reach the stream's end.
  await eventually('the projector at the end of the stream', async () => {
    const m = await metricsText(base);
    return metric(m, 'berth_stream_last_seq') === metric(m, 'berth_projector_seq') && metric(m, 'berth_stream_last_seq') > 0;
  }, 30_000);
  t.true(metric(m1, 'process_resident_memory_bytes') > 0, 'the process metrics too');

  // A broker failover: berth's connection is closed under it; it reconnects, binds again and goes on.
  await closeAmqpConnectionOf(d.child.pid as number);
  await eventually('the AMQP reconnect counted and consuming again', async () => {
    const m = await metricsText(base);
    return metric(m, 'berth_reconnects_total', { component: 'amqp' }) >= 1 && (daemon.err().match(/consuming queue/g) ?? []).length >= 2;
  }, 90_000);
  await publishAll(notifications(prefix, exchange, 5).msgs);
  await eventually('the 5 after the failover stored', async () => metric(await metricsText(base), 'berth_events_in_total', { source: 'openstack' }) === 26, 60_000);

  // NATS goes away: unhealthy with the reason; back: healthy again, the reconnect counted.
  await nats.stop();
  const down = await eventually('healthz to say NATS is down', async () => {
    const h = await healthz(base);
    return h.code === 503 ? h : undefined;
  }, 60_000);
  t.is(down.body.status, 'unavailable');
  t.is(down.body.nats, 'disconnected');
  t.regex(down.body.reason ?? '', /NATS is disconnected/);
  await nats.start();
  await eventually('healthy again', async () => (await healthz(base)).code === 200, 90_000);
  const m2 = await metricsText(base);
  t.true(metric(m2, 'berth_reconnects_total', { component: 'nats' }) >= 1);
  t.is(metric(m2, 'berth_nats_connected'), 1);
  t.is((await fetch(`${base}/nope`)).status, 404);

  const exit = await d.stop();
  t.deepEqual(exit, { code: 0, signal: null });
  const lines = d.err().trim().split('\n');
  for (const line of lines) {
    const o = JSON.parse(line) as { level: string; msg: string; time: string };
    t.true(['trace', 'debug', 'info', 'warn', 'error', 'fatal'].includes(o.level), line);
    t.is(typeof o.msg, 'string');
  }
  t.true(lines.some((l) => /"level":"warn"/.test(l)), 'the failovers were logged as warnings');
  const everything = d.err() + d.out() + m1 + m2 + JSON.stringify(first.body) + JSON.stringify(down.body);
  t.false(everything.includes('S3cretNatsPw'), 'the NATS password is never logged or served');
  t.false(everything.includes('guest:guest'), 'nor the broker password');
});

test.serial('SIGTERM in the middle of a burst drains what is in flight, exits 0 within TimeoutStopSec, and loses nothing', async (t) => {
  t.timeout(600_000);
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  const exchange = `berth-test-${prefix}`;
  const args = ['--prefix', prefix, '--nats', NATS_URL, '--no-docker', '--amqp', AMQP_URL, '--amqp-queue', queue, '--amqp-exchange', exchange, '-q', '--http', '127.0.0.1:0'];
  let d: Daemon | undefined;
  t.teardown(async () => { await d?.stop(); await dropAmqp(queue, exchange).catch(() => undefined); await dropPrefix(prefix); });
  d = await spawnDaemon(args, /consuming queue/);
  const n = 5000;
  const { ids, msgs } = notifications(prefix, exchange, n);
  const want = new Set(ids.map((id) => `os-${id}`));
  const publishing = publishAll(msgs);
  const base = d.http();
  await eventually('a good part stored', async () => metric(await metricsText(base), 'berth_events_out_total', { source: 'openstack', result: 'stored' }) >= 500, 120_000);
  const asked = Date.now();
  const exit = await d.stop();
  const took = Date.now() - asked;
  await publishing;
  t.deepEqual(exit, { code: 0, signal: null }, d.err());
  const limit = unitTimeoutStopSec();
  t.true(Number.isFinite(limit) && limit > 0, 'the unit sets TimeoutStopSec');
  t.true(took < limit * 1000, `stopped in ${took} ms`);
  t.regex(d.err(), /berth daemon stopped/);

  const stored = new Set((await readAllEvents(prefix)).map((e) => e.id).filter((id) => want.has(id)));
  const left = await queueDepth(queue);
  t.log(`at SIGTERM: ${stored.size} stored, ${left} still queued, of ${n}`);
  t.true(stored.size > 0 && stored.size < n, 'the burst was cut in the middle');
  t.is(stored.size + left, n, 'every delivery was either stored and acked, or left on the queue: none in between');

  d = await spawnDaemon(args, /consuming queue/);
  const all = await eventually(`all ${n} stored`, async () => {
    const mine = (await readAllEvents(prefix)).map((e) => e.id).filter((id) => want.has(id));
    return mine.length >= n ? mine : undefined;
  }, 240_000);
  t.is(all.length, n, 'none stored twice');
  t.is(new Set(all).size, n);
  t.is(await queueDepth(queue), 0);
  t.is(await dlqCount(prefix), 0, 'nothing stored was dead-lettered on the way down');
});
