// Item 1a: N real-shaped notifications published into RabbitMQ while the daemon is paused (SIGSTOP),
// then timed from its resume until every event made from them is in JetStream (and, checked once it
// stopped, every delivery acked), beside raw pipelined JetStream publish of the same bodies from Node.
// The publish into RabbitMQ is outside the timed window: it is OpenStack's work, not berth's, and
// timed inside (the daemon consuming as the bench published) it bounded the figure by the bench's
// own publisher (20,000 in 16.8 s, at most 1,190 msg/s against a 6,379 msg/s baseline) on the
// same two cores. Its time is still reported in the note.
import { availableParallelism } from 'node:os';
import { connect } from 'amqplib';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { DEFAULT_AMQP } from '../daemon/sources/openstack/amqp-options.js';
import { StorageType, jetstreamManager } from '@nats-io/jetstream';
import { AckBatcher } from '../daemon/sources/openstack/acks.js';
import { AckedPublisher } from '../daemon/store/acked-publish.js';
import { DEFAULT_POLICY } from '../daemon/store/ensure.js';
import { readStream } from '../daemon/store/read.js';
import type { NatsConnection } from '@nats-io/transport-node';
import { boundVerdict, figure } from './figure.js';
import type { Measured } from './figure.js';
import { startDaemon } from './support/daemon.js';
import { dropPrefix, rawPublishRate, storedEvents } from './support/nats.js';
import { benchExchanges, freshNotifications } from './support/notifications.js';
import type { Notification } from './support/notifications.js';
import { AMQP_URL, cpuMeter, cpuSeconds, cpuText, n0, pidsNamed, sleep } from './support/proc.js';
import type { CpuUse } from './support/proc.js';

const PREFIX = 'b-bench-os';
const nproc = availableParallelism();
/** The bench (this process: the consumer, the relay) and the two servers, for what their CPU is. */
const servers = (): Record<string, number[]> => ({ bench: [process.pid], 'nats-server': pidsNamed('nats-server'), RabbitMQ: pidsNamed('beam.smp') });
const QUEUE = 'b-bench-os.notifications';

/** Publishes the way oslo.messaging does (topic exchange, persistent JSON) on a confirm channel. */
const publishAll = async (messages: readonly Notification[]): Promise<void> => {
  const conn = await connect(AMQP_URL);
  try {
    const ch = await conn.createConfirmChannel();
    for (const ex of new Set(messages.map((m) => m.exchange))) await ch.assertExchange(ex, 'topic', { durable: false });
    for (const m of messages) {
      const ok = ch.publish(m.exchange, m.routingKey, Buffer.from(m.body), { contentType: 'application/json', contentEncoding: 'utf-8', deliveryMode: 2 });
      if (!ok) await new Promise((r) => ch.once('drain', r));
    }
    await ch.waitForConfirms();
  } finally {
    await conn.close();
  }
};

/** Ready and unacknowledged messages on the queue (0 ready after the daemon stopped = every delivery was acked). */
const queueDepth = async (): Promise<number> => {
  const conn = await connect(AMQP_URL);
  try {
    const ch = await conn.createChannel();
    return (await ch.checkQueue(QUEUE)).messageCount;
  } finally {
    await conn.close().catch(() => undefined);
  }
};

const deleteQueue = async (): Promise<void> => {
  const conn = await connect(AMQP_URL);
  try {
    const ch = await conn.createChannel();
    await ch.deleteQueue(QUEUE);
    for (const ex of benchExchanges(PREFIX)) await ch.deleteExchange(ex).catch(() => undefined);
  } finally {
    await conn.close().catch(() => undefined);
  }
};

/**
 * A channel on `queue`, emptied and bound as berth's queue is to the bench's exchanges, holding
 * `messages` (published the way oslo does), with berth's prefetch: ready for a consumer to drain.
 */
const filledQueue = async (conn: ChannelModel, queue: string, messages: readonly Notification[]): Promise<Channel> => {
  const ch = await conn.createChannel();
  ch.on('error', () => undefined);
  await ch.assertQueue(queue, { durable: true });
  await ch.purgeQueue(queue);
  for (const ex of benchExchanges(PREFIX)) {
    await ch.assertExchange(ex, 'topic', { durable: false });
    for (const t of DEFAULT_AMQP.topics) await ch.bindQueue(queue, ex, `${t}.*`);
  }
  await publishAll(messages);
  await ch.prefetch(DEFAULT_AMQP.prefetch);
  return ch;
};

/**
 * The RabbitMQ hop alone: the same messages, published into a queue bound as berth's is, drained
 * by a consumer that only acks them (prefetch and batched multiple acks as berth's), timed from its
 * first delivery to its last. No JetStream, no decoding: what no consumer on this machine can
 * exceed, whatever it does with the messages.
 */
const drainRate = async (messages: readonly Notification[], cpu: { use?: CpuUse }): Promise<number> => {
  const queue = `${QUEUE}.drain`;
  const conn = await connect(AMQP_URL);
  conn.on('error', () => undefined);
  try {
    const ch = await filledQueue(conn, queue, messages);
    let got = 0;
    let t0 = 0;
    let meter: ((n: number) => CpuUse) | undefined;
    let pending: ConsumeMessage | undefined;
    const procs = servers();
    let timer: NodeJS.Timeout | undefined;
    const ms = await new Promise<number>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the drain did not end within ${RELAY_LIMIT_MS / 1000} s (${got} of ${messages.length} delivered)`)), RELAY_LIMIT_MS);
      ch.once('close', () => reject(new Error('the broker closed the drain\'s channel')));
      ch.consume(queue, (m) => {
        if (m === null) return;
        if (got === 0) [t0, meter] = [performance.now(), cpuMeter(procs)];
        got += 1;
        if (got === messages.length) {
          // Covers every earlier one: a multiple ack still queued for this turn would ack a tag twice (the broker closes the channel for that).
          pending = undefined;
          ch.ack(m, true);
          const ms = performance.now() - t0;
          cpu.use = meter?.(messages.length);
          resolve(ms);
          return;
        }
        // One multiple ack per turn of the event loop, as berth's AckBatcher sends them.
        if (pending === undefined) setImmediate(() => { if (pending !== undefined) ch.ack(pending, true); pending = undefined; });
        pending = m;
      }).catch(reject);
    }).finally(() => clearTimeout(timer));
    await ch.deleteQueue(queue);
    return ms <= 0 ? Number.NaN : ((messages.length - 1) / ms) * 1000;
  } finally {
    await conn.close().catch(() => undefined);
  }
};

/** A relay that does not end within this is given up on (the broker closed the channel, say): the figure is then not measured. */
const RELAY_LIMIT_MS = 300_000;

/**
 * What a daemon keeping the design's contract does at the least with each notification: one
 * JetStream message per notification (the body as it came, no decoding), with a `Nats-Msg-Id`
 * (here the delivery's tag) into a stream with berth's duplicate window; the RabbitMQ delivery
 * acked only once JetStream acked it (berth's own publisher and ack batching, prefetch as berth's);
 * and every message read back once from the stream by an ordered consumer, as the projector reads
 * what is stored to make the model (counted, not parsed). Timed from the first delivery until every
 * message is acked and read back. berth does this and also decodes, translates, redacts, seals and
 * folds. Rejects when the broker, the stream or the time limit fails it; everything it made is
 * removed on every path.
 */
const relayRate = async (nc: NatsConnection, messages: readonly Notification[], cpu: { use?: CpuUse }): Promise<number> => {
  const queue = `${QUEUE}.relay`;
  const stream = 'B_BENCH_RELAY';
  const jsm = await jetstreamManager(nc);
  await jsm.streams.delete(stream).catch(() => false);
  await jsm.streams.add({ name: stream, subjects: ['b-bench-relay.>'], storage: StorageType.File, duplicate_window: DEFAULT_POLICY.duplicateWindowMs * 1e6 });
  const pub = new AckedPublisher(nc);
  const stopReading = new AbortController();
  let reader: Promise<void> | undefined;
  let conn: ChannelModel | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    conn = await connect(AMQP_URL);
    conn.on('error', () => undefined);
    const ch = await filledQueue(conn, queue, messages);
    const acks = new AckBatcher(ch);
    const run = Date.now().toString(36);
    // Looked up before the timed window (a walk of /proc).
    const procs = servers();
    let got = 0;
    let done = 0;
    let read = 0;
    let t0 = 0;
    let meter: ((n: number) => CpuUse) | undefined;
    const ms = await new Promise<number>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the relay did not end within ${RELAY_LIMIT_MS / 1000} s (${done} of ${messages.length} stored, ${read} read back)`)), RELAY_LIMIT_MS);
      ch.once('close', () => reject(new Error('the broker closed the relay\'s channel')));
      const finished = (): void => {
        if (done < messages.length || read < messages.length) return;
        acks.flush();
        const elapsed = performance.now() - t0;
        cpu.use = meter?.(messages.length);
        resolve(elapsed);
      };
      let caughtUp!: () => void;
      const reading = new Promise<void>((r) => { caughtUp = r; });
      reader = readStream(nc, { stream, filter: 'b-bench-relay.>', follow: true, signal: stopReading.signal, onCaughtUp: () => caughtUp() }, () => {
        read += 1;
        finished();
      });
      reader.catch(reject);
      reading.then(() => ch.consume(queue, (m) => {
        if (m === null) return;
        if (got === 0) [t0, meter] = [performance.now(), cpuMeter(procs)];
        got += 1;
        const d = acks.delivered(m);
        pub.publish(`b-bench-relay.${m.fields.exchange}`, m.content, `${run}-${m.fields.deliveryTag}`).then(() => {
          acks.settle(d);
          done += 1;
          finished();
        }, reject);
      })).catch(reject);
    });
    return ms <= 0 ? Number.NaN : (messages.length / ms) * 1000;
  } finally {
    clearTimeout(timer);
    stopReading.abort();
    await reader?.catch(() => undefined);
    // The AMQP side first: a delivery arriving while the publisher closes would open its reply subscription again.
    if (conn !== undefined) {
      await conn.createChannel().then((c) => c.deleteQueue(queue)).catch(() => undefined);
      await conn.close().catch(() => undefined);
    }
    pub.close();
    await jsm.streams.delete(stream).catch(() => false);
  }
};

/** CPU µs per body of parsing it (the envelope, and a 2.0 envelope's inner message): the least any translation of it does. Best of three. */
const parseUs = (bodies: readonly string[]): number => {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const c0 = process.cpuUsage();
    for (const b of bodies) {
      const outer = JSON.parse(b) as Record<string, unknown>;
      const inner = outer['oslo.message'];
      if (typeof inner === 'string') JSON.parse(inner);
    }
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / bodies.length);
  }
  return best;
};

/** Cores the machine keeps busy with nothing of the bench running (the lab's services, other sessions), over one second. */
const backgroundCores = async (): Promise<number> => {
  const meter = cpuMeter({});
  await sleep(1000);
  return meter(1).cores;
};

export const benchIngestOpenStack = async (nc: NatsConnection, n: number): Promise<Measured[]> => {
  const msgs = freshNotifications(PREFIX, n);
  const expected = msgs.reduce((a, m) => a + m.events, 0);
  const bodies = msgs.map((m) => m.body);
  const subject = (i: number): string => `b-bench-raw.${(msgs[i] as Notification).exchange}`;
  const cpu: Record<'base1' | 'base2' | 'berth' | 'drain' | 'relay', { use?: CpuUse }> = { base1: {}, base2: {}, berth: {}, drain: {}, relay: {} };
  const background0 = await backgroundCores();
  const base1 = await rawPublishRate(nc, 'B_BENCH_RAW', bodies, subject, cpu.base1);
  await dropPrefix(nc, PREFIX);
  await deleteQueue().catch(() => undefined);
  const exchanges = benchExchanges(PREFIX).flatMap((e) => ['--amqp-exchange', e]);
  const d = await startDaemon(PREFIX, ['--no-docker', '--amqp', AMQP_URL, '--amqp-queue', QUEUE, ...exchanges, '--snapshot-every', '0'], /openstack: consuming queue/);
  const jsm = await jetstreamManager(nc);
  let berth = Number.NaN;
  let publishMs: number | undefined;
  let daemonCpu = Number.NaN;
  try {
    // Queue and bindings exist now (the daemon declared them); while it is stopped the broker holds the messages.
    process.kill(d.pid, 'SIGSTOP');
    let cpu0 = Number.NaN;
    let t0 = Number.NaN;
    let meter: ((n: number) => CpuUse) | undefined;
    try {
      const p0 = performance.now();
      await publishAll(msgs);
      publishMs = performance.now() - p0;
    } finally {
      cpu0 = cpuSeconds(d.pid);
      meter = cpuMeter({ daemon: [d.pid], ...servers() });
      t0 = performance.now();
      process.kill(d.pid, 'SIGCONT');
    }
    for (const end = Date.now() + 600_000; Date.now() < end; await sleep(20)) {
      if ((await storedEvents(jsm, PREFIX)).events >= expected) {
        const ms = performance.now() - t0;
        berth = (n / ms) * 1000;
        daemonCpu = cpuSeconds(d.pid) - cpu0;
        cpu.berth.use = meter(n);
        break;
      }
    }
    await sleep(500);
  } finally {
    await d.stop();
  }
  // Stopped: any delivery it had not acked went back to the queue.
  const acked = (await queueDepth().catch(() => -1)) === 0;
  const stored = (await storedEvents(jsm, PREFIX)).events;
  // The daemon's queue goes before the runs below publish the same messages again (it would hold them all).
  await deleteQueue().catch(() => undefined);
  const base2 = await rawPublishRate(nc, 'B_BENCH_RAW', bodies, subject, cpu.base2);
  const baseline = (base1 + base2) / 2;
  await dropPrefix(nc, PREFIX);
  const failed: Record<string, string> = {};
  const orNaN = (what: string) => (err: unknown): number => {
    failed[what] = (err as Error).message;
    return Number.NaN;
  };
  const drain = await drainRate(msgs, cpu.drain).catch(orNaN('drain'));
  const relay = await relayRate(nc, msgs, cpu.relay).catch(orNaN('relay'));
  await deleteQueue().catch(() => undefined);
  // What the floor's work would reach on every free core, never idle, plus the parsing no translation can skip.
  const background = Math.min(background0, await backgroundCores());
  const parse = parseUs(bodies);
  const relayUs = (cpu.relay.use?.machineUs ?? Number.NaN) - (background * 1e6) / relay;
  const bound = ((nproc - background) * 1e6) / (relayUs + parse);
  const goalRate = 0.8 * baseline;
  const verdict = boundVerdict(bound, goalRate, 'msg/s', failed['relay'] ?? (relayUs > 0 && background < (cpu.relay.use?.cores ?? 0) ? undefined : `the floor's CPU (${n0(relayUs)} µs per notification with ${background.toFixed(2)} cores of background) is not a measurement`));
  const why = (what: string): string => (failed[what] === undefined ? '' : `; NOT MEASURED: ${failed[what]}`);
  return [{
    figure: figure('ingest: OpenStack notifications RabbitMQ→JetStream msg/s vs raw pipelined JetStream publish of the same bodies', 'msg/s', acked ? berth : Number.NaN, baseline, { kind: 'ratio-min', value: 0.8 }),
    note: `${n0(n)} notifications → ${n0(expected)} events expected, ${n0(stored)} stored, queue ${acked ? 'empty after the daemon stopped: all acked' : 'NOT empty after the daemon stopped'}; publishing them into RabbitMQ (daemon paused, not timed) took ${n0(publishMs ?? Number.NaN)} ms; the daemon used ${n0((daemonCpu * 1e6) / n)} µs CPU per notification; of the machine's ${nproc} cores: ${cpuText(cpu.berth.use)}; baseline runs ${n0(base1)} and ${n0(base2)} msg/s (${cpuText(cpu.base1.use)}; ${cpuText(cpu.base2.use)})`,
  }, {
    figure: figure('ingest ceiling: the same notifications drained from RabbitMQ by a consumer that only acks msg/s vs raw pipelined JetStream publish of the same bodies', 'msg/s', drain, baseline, { kind: 'none' }),
    note: `no JetStream and no decoding: the most any RabbitMQ consumer gets here (prefetch ${DEFAULT_AMQP.prefetch}, one multiple ack per event-loop turn; ${cpuText(cpu.drain.use)}); berth's own figure above is ${n0((berth / drain) * 100)} % of it${why('drain')}`,
  }, {
    figure: figure('ingest floor: the same notifications relayed RabbitMQ→JetStream as they came (one message each with a Nats-Msg-Id, acked after the PubAck, read back once) msg/s vs raw pipelined JetStream publish of the same bodies', 'msg/s', relay, baseline, { kind: 'none' }),
    note: `no decoding, no model: what the design's contract (one JetStream message per notification with a Nats-Msg-Id, the source acked after JetStream, what is stored read back for the model) costs alone here (${cpuText(cpu.relay.use)}); berth's own figure above is ${n0((berth / relay) * 100)} % of it${why('relay')}`,
  }, {
    figure: figure('ingest bound: the floor\'s CPU per notification plus parsing it, on every core the machine has free, never idle msg/s vs raw pipelined JetStream publish of the same bodies', 'msg/s', verdict.valid ? bound : Number.NaN, baseline, { kind: 'none' }),
    note: `the floor's ${n0(relayUs)} µs of CPU per notification as measured at its rate (the machine's background of ${background.toFixed(2)} cores left out), plus ${n0(parse)} µs to parse a body (JSON.parse of the envelope and its inner message, nothing else), on ${(nproc - background).toFixed(2)} cores never idle: what a daemon that stores one message per notification and folds what it stored could reach here if the rest of its work (berth's translation, records, hash chain and model) cost nothing and the servers' CPU per message stayed as in the floor; ${verdict.text}`,
  }];
};
