import test from 'ava';
import { AMQP_URL, deleteQueue, publishAll } from '../support/amqp.js';
import { dropPrefix, eventually, NATS_URL, uniquePrefix } from '../support/daemon-harness.js';
import { fakeContainer, startFakeEngine } from '../support/fake-docker-engine.js';
import { dockerBurst, notificationBurst, pacedBehind, pollConnection, replayCheck, report, sleep, streamMessages, subjectMessages, tally } from '../support/faults.js';
import { metric, metricsText, spawnDaemon } from '../support/ops-daemon.js';
import type { Daemon } from '../support/ops-daemon.js';
import { readAllEvents } from '../support/stream-reader.js';

// Two bursts of 10,000 source events (5,000 notifications on RabbitMQ, 5,000 lines on a Docker
// engine's /events), the daemon killed with SIGKILL ten times in each, at random stream counts.
const BURSTS = 2;
const KILLS_PER_BURST = 10;
const NOTIFICATIONS = 5000;
const DOCKER_LINES = 5000;
const READY = /^(?=[\s\S]*consuming queue)(?=[\s\S]*resynced)/;
// A restarted daemon is not waited for: the next kill comes at the next stream count, which may fall
// in its replay, its resync or its first deliveries.
const SERVING = /serving \/healthz/;

test('kill -9 at random points of bursts of 10,000 notifications and Docker events, 20 times: every source event is stored exactly once and the live model equals a fresh fold', async (t) => {
  t.timeout(600_000);
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  const exchange = `berth-test-${prefix}`;
  // The engine keeps its last 4,096 events for a resubscription (the real one keeps 256, and what
  // falls out of it is recovered by re-listing, not as events): lines are pushed at most 2,000
  // ahead of what is stored, so every line pushed while the daemon is down is replayed to it.
  const fake = await startFakeEngine(Array.from({ length: 20 }, (_, i) => fakeContainer(`${prefix}-c${i}`, { 'berth-test': prefix })), [], { ring: 4096 });
  let d: Daemon | undefined;
  t.teardown(async () => {
    await d?.stop();
    await fake.close();
    await deleteQueue(queue).catch(() => undefined);
    await dropPrefix(prefix);
  });
  const args = ['--prefix', prefix, '--nats', NATS_URL, '--engine', `fake=${fake.url}`, '--amqp', AMQP_URL, '--amqp-queue', queue, '--amqp-exchange', exchange,
    '-q', '--http', '127.0.0.1:0', '--snapshot-every', '2000'];
  d = await spawnDaemon(args, READY);
  const nc = await pollConnection(t, NATS_URL);
  const sentIds: string[] = [];
  let kills = 0;
  const started = Date.now();
  for (let b = 0; b < BURSTS; b++) {
    const os = notificationBurst(`${prefix}-b${b}`, exchange, NOTIFICATIONS);
    const dk = dockerBurst('fake', [...fake.containers.values()], DOCKER_LINES);
    sentIds.push(...os.ids, ...dk.ids);
    const base = await streamMessages(nc, prefix);
    const size = NOTIFICATIONS + DOCKER_LINES;
    const points = Array.from({ length: KILLS_PER_BURST }, () => base + Math.floor(Math.random() * size * 0.95)).sort((x, y) => x - y);
    t.log(`burst ${b}: kill -9 when the stream holds ${points.map((p) => p - base).join(', ')} of its ${size} events`);
    const sending = Promise.all([publishAll(os.msgs), pacedBehind(fake.push, dk.lines, () => subjectMessages(nc, prefix, `${prefix}.evt.container.>`), 2000)]);
    for (const point of points) {
      while ((await streamMessages(nc, prefix)) < point) await sleep(10);
      d.child.kill('SIGKILL');
      t.deepEqual(await d.exited, { code: null, signal: 'SIGKILL' });
      kills += 1;
      d = await spawnDaemon(args, SERVING);
    }
    await sending;
    const live = d;
    const want = new Set([...os.ids, ...dk.ids]);
    await eventually(`burst ${b}: all ${size} stored`, async () => (await readAllEvents(prefix)).filter((e) => want.has(e.id)).length >= size, 240_000);
    await eventually(`burst ${b}: the projector caught up`, async () => {
      const m = await metricsText(live.http());
      return metric(m, 'berth_projector_lag_events') === 0 && metric(m, 'berth_stream_last_seq') === metric(m, 'berth_projector_seq');
    }, 60_000);
    const check = await replayCheck(NATS_URL, prefix);
    t.deepEqual(check.differences, [], `burst ${b}: the live model after ${kills} kills equals a fresh fold of the log`);
    t.is(check.code, 0);
  }
  const stored = (await readAllEvents(prefix)).map((e) => e.id);
  const counts = tally(sentIds, stored);
  t.log(`${kills} kills in ${Math.round((Date.now() - started) / 1000)} s; ${stored.length} events in the stream`);
  report(t, { case: 'crash: kill -9 mid-burst', runs: kills, ...counts });
  t.is(kills, BURSTS * KILLS_PER_BURST);
});
