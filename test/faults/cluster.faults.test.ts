import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import test from 'ava';
import { storeNames } from '../../daemon/store/names.js';
import { AMQP_URL, deleteQueue, publishAll } from '../support/amqp.js';
import { eventually, uniquePrefix } from '../support/daemon-harness.js';
import { notificationBurst, pollConnection, replayCheck, report, sleep, streamMessages, tally } from '../support/faults.js';
import { freeClusterBase, NODES, testCluster } from '../support/nats-cluster.js';
import type { Node } from '../support/nats-cluster.js';
import { metric, metricsText, streamFacts } from '../support/ops-daemon.js';
import { readAllEvents } from '../support/stream-reader.js';

const NOTIFICATIONS = 3000;

/** The node whose monitoring endpoint lists a client named `name` (the daemon's one connection). */
const nodeServing = async (base: number, name: string): Promise<Node | undefined> => {
  for (const n of NODES) {
    const connz = await fetch(`http://127.0.0.1:${base + 4000 + n - 1}/connz`).then(async (r) => (await r.json()) as { connections?: { name?: string }[] }).catch(() => undefined);
    if (connz?.connections?.some((c) => c.name === name) === true) return n;
  }
  return undefined;
};

test('a node of the three-node JetStream cluster killed (kill -9) mid-burst and brought back: every notification is stored once, the daemon keeps writing throughout and never exits, and its live model equals a fresh fold', async (t) => {
  t.timeout(300_000);
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  const exchange = `berth-test-${prefix}`;
  // Ports of its own, apart from the shared NATS (4222) and the scale-out cluster test (20000-29999).
  const c = testCluster(t, await freeClusterBase(10_000, 20_000, process.env['BERTH_FAULTS_CLUSTER_PORT']), mkdtempSync(join(tmpdir(), 'berth-faults-cluster-')));
  t.teardown(() => deleteQueue(queue).catch(() => undefined));
  await c.up();
  const d = await c.daemon(['--prefix', prefix, '--nats', c.servers, '--replicas', '3', '--no-docker', '--amqp', AMQP_URL, '--amqp-queue', queue, '--amqp-exchange', exchange, '-q', '--http', '127.0.0.1:0'], /consuming queue/);
  const nc = await pollConnection(t, c.servers);
  const burst = notificationBurst(prefix, exchange, NOTIFICATIONS);
  const sending = publishAll(burst.msgs);

  // The node the daemon talks to goes: its connection, and maybe the stream's leader, with it.
  while ((await streamMessages(nc, prefix)) < NOTIFICATIONS / 3) await sleep(20);
  const victim = await nodeServing(c.base, 'berth-daemon');
  if (victim === undefined) throw new Error('no node lists the daemon\'s connection');
  const leader = (await (await jetstreamManager(nc)).streams.info(storeNames(prefix).stream)).cluster?.leader ?? '?';
  const atKill = await streamMessages(nc, prefix);
  await c.kill9(victim);
  t.log(`n${victim} (the daemon's node; stream leader ${leader}) killed at ${atKill} messages`);
  // Still writing with the node down: the stream grows on the two nodes left.
  const whileDown = await eventually('the stream to grow while the node is down', async () => {
    const n = await streamMessages(nc, prefix).catch(() => 0);
    return n >= atKill + NOTIFICATIONS / 6 ? n : undefined;
  }, 120_000);
  t.log(`${whileDown - atKill} messages stored with n${victim} down`);
  await c.up();
  await sending;

  const want = new Set(burst.ids);
  await eventually(`all ${NOTIFICATIONS} stored`, async () => new Set((await readAllEvents(prefix, c.servers)).map((e) => e.id).filter((id) => want.has(id))).size === want.size, 180_000)
    .catch(() => undefined);
  const counts = tally(burst.ids, (await readAllEvents(prefix, c.servers)).map((e) => e.id));
  await eventually('three current copies of the stream again', async () => (await streamFacts(c.servers, prefix)).current === 3, 120_000);
  await eventually('the projector caught up', async () => metric(await metricsText(d.http()), 'berth_projector_lag_events') === 0, 60_000);
  const m = await metricsText(d.http());
  t.true(metric(m, 'berth_reconnects_total', { component: 'nats' }) >= 1, 'the daemon lost its node and reconnected to another');
  t.is(metric(m, 'berth_nats_connected'), 1);
  t.deepEqual((await replayCheck(c.servers, prefix)).differences, [], 'the live model equals a fresh fold');
  t.is(d.child.exitCode, null, 'never exited');
  report(t, { case: 'cluster: node kill -9 and back', runs: 1, ...counts });
});
