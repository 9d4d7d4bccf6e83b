import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import test from 'ava';
import { createLogger } from '../../daemon/log.js';
import { Appender } from '../../daemon/store/append.js';
import { ensureStore } from '../../daemon/store/ensure.js';
import { storeNames } from '../../daemon/store/names.js';
import { sha256 } from '../../daemon/store/sha256.js';
import { aContainerDied } from '../support/builders.js';
import { AMQP_URL, deleteQueue, publishAll } from '../support/amqp.js';
import { eventually, uniquePrefix } from '../support/daemon-harness.js';
import { notificationBurst, pollConnection, replayCheck, report, sleep, streamMessages, tally } from '../support/faults.js';
import { freeClusterBase, NODES, testCluster, within } from '../support/nats-cluster.js';
import type { Node } from '../support/nats-cluster.js';
import { metric, metricsText, streamFacts } from '../support/ops-daemon.js';
import { readAllEvents } from '../support/stream-reader.js';

const NOTIFICATIONS = 3000;

/** A cluster of the test's own, on ports apart from the shared NATS (4222) and the scale-out cluster test (20000-29999). */
const ownCluster = async (t: Parameters<typeof testCluster>[0]) =>
  testCluster(t, await freeClusterBase(10_000, 20_000, process.env['BERTH_FAULTS_CLUSTER_PORT']), mkdtempSync(join(tmpdir(), 'berth-faults-cluster-')));

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
  const c = await ownCluster(t);
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
  // Model writes that failed while the node was down are written again after a pause (0.5 s,
  // doubling up to 10 s): the bucket holds the folded model once none is pending. (A check right
  // after the lag reached 0 once found all 2,000 VMs missing from the bucket.)
  await eventually('no model write pending', async () => metric(await metricsText(d.http()), 'berth_model_writes_pending') === 0, 60_000);
  const m = await metricsText(d.http());
  t.true(metric(m, 'berth_reconnects_total', { component: 'nats' }) >= 1, 'the daemon lost its node and reconnected to another');
  t.is(metric(m, 'berth_nats_connected'), 1);
  t.deepEqual((await replayCheck(c.servers, prefix)).differences, [], 'the live model equals a fresh fold');
  t.is(d.child.exitCode, null, 'never exited');
  report(t, { case: 'cluster: node kill -9 and back', runs: 1, ...counts });
});

// Issue 8: a daemon of the cluster test never exited on SIGTERM. Its first seal asked for a
// JetStream manager while the cluster elected a meta leader; the failed try stayed cached, every
// later read of the stream failed with it, and SIGTERM's drain waited for that seal for ever.
test('the meta leader killed just as the first seal is due: the writer reads the stream again once a leader is elected, the seal is stored, and drain (what SIGTERM waits for) ends', async (t) => {
  t.timeout(180_000);
  const prefix = uniquePrefix();
  const c = await ownCluster(t);
  const leader = /meta leader n([123])/.exec(await c.up())?.[1];
  const nc = await pollConnection(t, c.servers);
  const names = storeNames(prefix);
  await ensureStore(nc, names, { maxAgeDays: 0, maxBytes: -1, duplicateWindowMs: 60_000, replicas: 3 });
  const appender = new Appender(nc, names, createLogger({ quiet: true, level: 'error' }), { chain: { writer: 'w1', sha256, host: 'h1' } });
  t.teardown(() => appender.close());
  const sent = [aContainerDied({ containerId: `${prefix}-a` }), aContainerDied({ containerId: `${prefix}-b` })];
  await appender.append(sent[0] as (typeof sent)[number]);
  // Its seal is written 2 s after it was stored: its first read of the stream meets the election.
  await c.kill9(Number(leader) as Node);
  await sleep(8000);
  await c.up();
  await appender.append(sent[1] as (typeof sent)[number]);
  t.true(await within(appender.drain().then(() => true), 60_000), 'drain ended');
  t.true(appender.seals >= 1, 'the pending records were sealed');
  report(t, { case: 'cluster: meta leader lost at the first seal', runs: 1, ...tally(sent.map((e) => e.id), (await readAllEvents(prefix, c.servers)).map((e) => e.id)) });
});
