// Item 5: RSS of a `berth daemon` holding the replay stream's model (restarted on it: newest
// snapshot plus the tail), sampled for 10 s once the model is ready. Baseline: the same entities
// as plain objects in a bare Node process (bench/probes/model-rss.ts).
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NatsConnection } from '@nats-io/transport-node';
import { storeNames } from '../daemon/store/names.js';
import { SnapshotStore } from '../daemon/store/snapshots.js';
import { encodeInventory } from '../events/inventory-codec.js';
import { figure } from './figure.js';
import type { Measured } from './figure.js';
import { LOG_PREFIX } from './log/build.js';
import { startDaemon } from './support/daemon.js';
import { median, n0, probe, ROOT, rssMb, sleep } from './support/proc.js';

type ModelRss = Readonly<{ entities: number; rssMb: number; emptyRssMb: number; heapMb: number; tombstones: number }>;

/** Writes the newest snapshot's model as JSON for the baseline probe. */
const exportNewest = async (nc: NatsConnection, file: string): Promise<void> => {
  const store = await SnapshotStore.open(nc, storeNames(LOG_PREFIX), false);
  const newest = store === null ? undefined : (await store.list()).at(-1);
  if (store === null || newest === undefined) throw new Error(`no snapshot under prefix ${LOG_PREFIX}`);
  writeFileSync(file, JSON.stringify(encodeInventory(await store.read(newest.seq))));
};

export const benchMemory = async (nc: NatsConnection): Promise<Measured> => {
  const t0 = Date.now();
  const d = await startDaemon(LOG_PREFIX, ['--no-docker', '--snapshot-every', '0'], /model ready/, 900_000);
  const readyS = (Date.now() - t0) / 1000;
  const restored = /model restored from the snapshot at seq (\d+)/.exec(d.log())?.[1];
  const samples: number[] = [];
  try {
    for (let i = 0; i < 40; i++) {
      samples.push(rssMb(d.pid));
      await sleep(250);
    }
  } finally {
    await d.stop();
  }
  const file = join(tmpdir(), `b-bench-model-${process.pid}.json`);
  let base: ModelRss;
  try {
    await exportNewest(nc, file);
    base = await probe<ModelRss>('model-rss', [file, pathToFileURL(join(ROOT, 'dist', 'events', 'inventory-codec.js')).href], { nodeArgs: ['--expose-gc'], plain: true });
  } finally {
    rmSync(file, { force: true });
  }
  const berth = median(samples);
  return {
    figure: figure(`memory: daemon RSS holding ${n0(base.entities)} entities MB vs the same entities as plain objects in a bare Node`, 'MB', berth, base.rssMb, { kind: 'berth-max', value: 150 }),
    note: `berth daemon started on the stream: ${restored === undefined ? 'did NOT restore from a snapshot' : `restored from the snapshot at seq ${n0(Number(restored))}`}, model ready in ${readyS.toFixed(0)} s; RSS median of 40 samples over 10 s after 'model ready' (min ${n0(Math.min(...samples))}, max ${n0(Math.max(...samples))} MB); baseline: ${n0(base.heapMb)} MB heap, empty Node ${n0(base.emptyRssMb)} MB, ${n0(base.tombstones)} tombstones`,
  };
};
