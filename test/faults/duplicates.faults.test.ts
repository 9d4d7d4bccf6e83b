import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { fold } from '../../events/inventory.js';
import { translateOpenStack } from '../../events/translate/openstack/index.js';
import { decodeOslo } from '../../events/translate/oslo-envelope.js';
import { AMQP_URL, deleteQueue, publishAll } from '../support/amqp.js';
import { dropPrefix, eventually, NATS_URL, uniquePrefix } from '../support/daemon-harness.js';
import { fakeContainer, rfc3339, startFakeEngine } from '../support/fake-docker-engine.js';
import type { FakeEngine } from '../support/fake-docker-engine.js';
import { dockerBurst, dockerIdOf, pollConnection, replayCheck, report, sleep, streamMessages, tally } from '../support/faults.js';
import { closeConnection, consumerConnection, containerLifecycles, inventoryEntries, modelDifferences, modelEntries, queueDepth, seeded, shuffled, vmLifecycles } from '../support/lifecycles.js';
import type { NovaMessage } from '../support/lifecycles.js';
import { metric, metricsText, spawnDaemon } from '../support/ops-daemon.js';
import type { Daemon } from '../support/ops-daemon.js';
import { readAllEvents } from '../support/stream-reader.js';

const READY = /^(?=[\s\S]*consuming queue)(?=[\s\S]*resynced)/;
// Engine actions after which the daemon inspects the container (daemon/sources/docker/subscribe.ts).
const INSPECTED = /"Action":"(create|start|restart|unpause|update|rename|connect|disconnect)"/;

/** Waits until every id in `ids` is stored in the prefix's stream and the daemon's projector has folded all of it. */
const settle = async (d: Daemon, prefix: string, ids: readonly string[], more: (stored: readonly string[]) => boolean = () => true): Promise<string[]> => {
  const want = new Set(ids);
  const stored = await eventually(`${prefix}: all ${want.size} stored`, async () => {
    const all = (await readAllEvents(prefix)).map((e) => e.id);
    return new Set(all.filter((id) => want.has(id))).size === want.size && more(all) ? all : undefined;
  }, 240_000);
  await eventually(`${prefix}: the projector caught up`, async () => {
    const m = await metricsText(d.http());
    return metric(m, 'berth_projector_lag_events') === 0 && metric(m, 'berth_stream_last_seq') === metric(m, 'berth_projector_seq');
  }, 60_000);
  return stored;
};

/** The live model of `prefix` equals a fresh fold of its log. */
const foldsTheSame = async (t: ExecutionContext, prefix: string): Promise<void> => {
  const check = await replayCheck(NATS_URL, prefix);
  t.deepEqual(check.differences, [], `${prefix}: the live model equals a fresh fold of the log`);
  t.is(check.code, 0);
};

/** The notifications folded locally in time order: what the model must be, whatever the delivery order. */
const inOrderFold = (msgs: readonly NovaMessage[]): Map<string, string> =>
  inventoryEntries(fold([...msgs].sort((a, b) => a.us - b.us).flatMap((m) => {
    const d = decodeOslo(m.body);
    if (!d.ok) throw new Error(d.reason);
    return translateOpenStack(d.message, '2026-11-23T00:00:00.000000000Z');
  })));

const seedOf = (t: ExecutionContext): number => {
  const seed = Number(process.env['BERTH_FAULTS_SEED'] ?? Date.now() % 2 ** 31);
  t.log(`seed ${seed} (BERTH_FAULTS_SEED=${seed} runs the same lifecycles and shuffle again)`);
  return seed;
};

test('AMQP: every notification published twice, and the daemon\'s connection closed three times mid-burst with deliveries in its hands: each event is stored once, and the model equals a fold in time order', async (t) => {
  t.timeout(480_000);
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  const exchange = `berth-test-${prefix}`;
  let d: Daemon | undefined;
  t.teardown(async () => {
    await d?.stop();
    await deleteQueue(queue).catch(() => undefined);
    await dropPrefix(prefix);
  });
  d = await spawnDaemon(['--prefix', prefix, '--nats', NATS_URL, '--no-docker', '--amqp', AMQP_URL, '--amqp-queue', queue, '--amqp-exchange', exchange, '-q', '--http', '127.0.0.1:0'], /consuming queue/);
  const daemon = d;
  const msgs = vmLifecycles(prefix, exchange, 1500, seeded(seedOf(t)));
  const nc = await pollConnection(t, NATS_URL);
  const inHand: number[] = [];
  const third = Math.ceil(msgs.length / 3);
  for (let r = 0; r < 3; r++) {
    const chunk = msgs.slice(r * third, (r + 1) * third);
    // Found while the queue is idle: rabbitmqctl takes about a second, the daemon stores a few thousand meanwhile.
    const conn = await consumerConnection(queue);
    const from = await streamMessages(nc, prefix);
    const sending = publishAll(chunk).then(() => publishAll(chunk));
    while ((await streamMessages(nc, prefix)) < from + 100) await sleep(5);
    // Closed with deliveries unacked (a full prefetch while more wait): RabbitMQ puts them back and
    // hands them out again, some of them already stored.
    const depth = await queueDepth(queue);
    await closeConnection(conn);
    inHand.push(depth.ready > 0 ? depth.unacked : 0);
    t.log(`round ${r}: ${depth.unacked} deliveries unacked and ${depth.ready} waiting just before the close`);
    await sending;
    await eventually('the daemon to consume again', async () => (daemon.err().match(/consuming queue/g) ?? []).length > r + 1, 120_000);
  }
  const stored = await settle(d, prefix, msgs.map((m) => m.id));
  t.true(inHand.some((n) => n > 0), 'deliveries were in the daemon\'s hands when its connection closed');
  t.true(metric(await metricsText(d.http()), 'berth_reconnects_total', { component: 'amqp' }) >= 3, 'each close is a reconnect');
  await foldsTheSame(t, prefix);
  t.deepEqual(modelDifferences(inOrderFold(msgs), await modelEntries(NATS_URL, prefix)), [], 'the model equals the notifications folded in time order');
  report(t, { case: 'duplicates: AMQP twice + redelivery', runs: inHand.length, ...tally(msgs.map((m) => m.id), stored) });
});

test('Docker: every /events line sent twice, then the stream ended so that the daemon subscribes again with since and is sent them all once more: each is stored once', async (t) => {
  t.timeout(300_000);
  const prefix = uniquePrefix();
  const fake = await startFakeEngine(Array.from({ length: 10 }, (_, i) => fakeContainer(`${prefix}-c${i}`)), [], { ring: 4096 });
  let d: Daemon | undefined;
  t.teardown(async () => {
    await d?.stop();
    await fake.close();
    await dropPrefix(prefix);
  });
  d = await spawnDaemon(['--prefix', prefix, '--nats', NATS_URL, '--engine', `fake=${fake.url}`, '-q', '--http', '127.0.0.1:0', '--resync-interval', '3600'], /resynced/);
  const daemon = d;
  const twice = (lines: readonly string[]) => { for (const l of lines) { fake.push(l); fake.push(l); } };
  const before = dockerBurst('fake', [...fake.containers.values()], 1000);
  twice(before.lines);
  await settle(d, prefix, before.ids);
  const subscriptions = () => fake.requests.filter((r) => r.endsWith('/events')).length;
  fake.endStreams();
  // The new subscription's `since` is before every line sent: the engine replays all 2,000 of them.
  await eventually('the daemon to subscribe again', async () => subscriptions() === 2 && fake.subscribers() === 1 && /resynced[\s\S]*resynced/.test(daemon.err()), 60_000);
  const after = dockerBurst('fake', [...fake.containers.values()], 1000);
  twice(after.lines);
  const ids = [...before.ids, ...after.ids];
  const stored = await settle(d, prefix, ids);
  t.true(metric(await metricsText(d.http()), 'berth_reconnects_total', { component: 'docker' }) >= 1, 'the resubscription is a reconnect');
  await foldsTheSame(t, prefix);
  report(t, { case: 'duplicates: Docker twice + replay', runs: subscriptions() - 1, ...tally(ids, stored) });
});

test('shuffled delivery: VM and container lifecycles delivered in time order to one daemon and shuffled to another give the same model, and the VMs equal a fold in time order', async (t) => {
  t.timeout(480_000);
  const next = seeded(seedOf(t));
  const prefixes = [uniquePrefix(), uniquePrefix()] as const;
  const queues = prefixes.map((p) => `berth.test.${p}`);
  const exchanges = prefixes.map((p) => `berth-test-${p}`);
  // Both daemons see one engine: the same socket (its path is in the host's model) and one clock
  // for /info, which stamps each daemon's first re-list. So they run one after the other.
  const dir = mkdtempSync(join(tmpdir(), 'berth-faults-dup-'));
  const engine = { systemTime: rfc3339(), socketPath: join(dir, 'docker.sock') };
  const containers = Array.from({ length: 12 }, (_, i) => fakeContainer(`${prefixes[0]}-c${i}`));
  const lines = containerLifecycles(containers, BigInt(Date.now() + 1000) * 1_000_000n, next).map((l) => l.line);
  const vms = vmLifecycles(prefixes[0], exchanges[0] ?? '', 150, next);
  const deliveries = [{ vms, lines }, { vms: shuffled(vms.map((m) => ({ ...m, exchange: exchanges[1] ?? '' })), next), lines: shuffled(lines, next) }];
  let fake: FakeEngine | undefined;
  let d: Daemon | undefined;
  t.teardown(async () => {
    await d?.stop();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
    for (const q of queues) await deleteQueue(q).catch(() => undefined);
    for (const p of prefixes) await dropPrefix(p);
  });
  const ids = [...vms.map((m) => m.id), ...lines.map((l) => dockerIdOf('fake', l))];
  // An inspect after every start, unpause, rename, connect and disconnect, and one per container at the first re-list.
  const inspects = lines.filter((l) => INSPECTED.test(l)).length + containers.length;
  const logs: string[][] = [];
  for (const [i, p] of prefixes.entries()) {
    fake = await startFakeEngine(containers, [], engine);
    d = await spawnDaemon(['--prefix', p, '--nats', NATS_URL, '--engine', `fake=${fake.url}`, '--amqp', AMQP_URL, '--amqp-queue', queues[i] ?? '', '--amqp-exchange', exchanges[i] ?? '',
      '-q', '--http', '127.0.0.1:0', '--resync-interval', '3600'], READY);
    const sent = deliveries[i] ?? { vms: [], lines: [] };
    await publishAll(sent.vms);
    for (const l of sent.lines) fake.push(l);
    logs.push(await settle(d, p, ids, (all) => all.filter((id) => id.startsWith('dki-')).length >= inspects));
    await foldsTheSame(t, p);
    await d.stop();
    await fake.close();
    fake = undefined;
  }
  const [a = [], b = []] = logs;
  t.deepEqual([a.filter((id) => !b.includes(id)), b.filter((id) => !a.includes(id))], [[], []], 'both logs hold the same events');
  const [ma, mb] = [await modelEntries(NATS_URL, prefixes[0]), await modelEntries(NATS_URL, prefixes[1])];
  const differences = modelDifferences(ma, mb);
  for (const x of differences.slice(0, 5)) t.log(`${x.key}\n  in order: ${x.a ?? '(none)'}\n  shuffled: ${x.b ?? '(none)'}`);
  t.deepEqual(differences.map((x) => x.key), [], 'the model does not depend on the order of delivery');
  const openstackOnly = new Map([...ma].filter(([k]) => k.startsWith('vm ') || k.startsWith('host compute-')));
  t.deepEqual(modelDifferences(inOrderFold(vms), openstackOnly), [], 'the VMs and compute hosts equal the notifications folded in time order');
  t.true(ma.size > containers.length, 'the model is not empty');
  report(t, { case: 'duplicates: shuffled vs in order', runs: 2, ...tally(ids, b) });
});
