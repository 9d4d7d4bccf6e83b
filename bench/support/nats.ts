// NATS for the bench: one connection (noAsyncTraces, as research/jetstream.md recommends), the
// bench's own prefixes and streams (deleted afterwards), and the pipelined raw publish baseline.
import { JetStreamApiCodes, JetStreamApiError, StorageType, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { storeNames } from '../../daemon/store/names.js';
import { cpuMeter, pidsNamed, NATS_URL } from './proc.js';
import type { CpuUse } from './proc.js';

export const natsConnect = (): Promise<NatsConnection> => connect({ servers: NATS_URL, noAsyncTraces: true, name: 'berth-bench' });

/** Every stream a berth installation with this prefix has. */
export const prefixStreams = (prefix: string): string[] => {
  const n = storeNames(prefix);
  return [n.stream, n.dlqStream, `KV_${n.bucket}`, `OBJ_${n.snapshots}`];
};

/** Deletes streams (missing ones are fine); returns how many existed. */
export const deleteStreams = async (jsm: JetStreamManager, streams: readonly string[]): Promise<number> => {
  let n = 0;
  for (const s of streams) if (await jsm.streams.delete(s).catch(() => false)) n += 1;
  return n;
};

export const dropPrefix = async (nc: NatsConnection, prefix: string): Promise<number> =>
  deleteStreams(await jetstreamManager(nc), prefixStreams(prefix));

/** Messages in a prefix's event stream that are events (the daemon's chain seals left out). */
export const storedEvents = async (jsm: JetStreamManager, prefix: string): Promise<{ events: number; lastSeq: number }> => {
  const n = storeNames(prefix);
  // Only a missing stream reads as empty: any other error (a slow server) must not look like one,
  // or buildLog would drop a complete stream.
  const all = await jsm.streams.info(n.stream).catch((err: unknown) => {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) return null;
    throw err;
  });
  if (all === null) return { events: 0, lastSeq: 0 };
  const chain = await jsm.streams.info(n.stream, { subjects_filter: `${n.evtRoot}.chain.>` });
  const seals = Object.values(chain.state.subjects ?? {}).reduce((a, b) => a + b, 0);
  return { events: all.state.messages - seals, lastSeq: all.state.last_seq };
};

/**
 * The baseline of every ingest figure: raw JetStream publish of the given bodies from Node,
 * pipelined in windows of 1024, into a fresh file stream (deleted afterwards). Returns msgs/s;
 * `cpu.use` gets what it cost in CPU (this process is the publisher).
 */
export const rawPublishRate = async (nc: NatsConnection, stream: string, bodies: readonly (string | Uint8Array)[], subjectOf: (i: number) => string, cpu?: { use?: CpuUse }): Promise<number> => {
  const jsm = await jetstreamManager(nc);
  await jsm.streams.delete(stream).catch(() => false);
  const root = subjectOf(0).split('.')[0] as string;
  await jsm.streams.add({ name: stream, subjects: [`${root}.>`], storage: StorageType.File });
  const js = jetstream(nc);
  try {
    // Only when asked: the lookup walks /proc.
    const meter = cpu === undefined ? undefined : cpuMeter({ publisher: [process.pid], 'nats-server': pidsNamed('nats-server') });
    const t0 = performance.now();
    for (let i = 0; i < bodies.length; i += 1024) {
      const batch: Promise<unknown>[] = [];
      for (let j = i; j < Math.min(bodies.length, i + 1024); j++) batch.push(js.publish(subjectOf(j), bodies[j] as string | Uint8Array));
      await Promise.all(batch);
    }
    const ms = performance.now() - t0;
    if (cpu !== undefined) cpu.use = meter?.(bodies.length);
    return (bodies.length / ms) * 1000;
  } finally {
    await jsm.streams.delete(stream).catch(() => false);
  }
};
