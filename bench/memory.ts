// Item 5: RSS of a `berth daemon` holding the replay stream's model (started on it: newest snapshot
// plus the tail), sampled every second for a minute once the model is ready: V8 returns the
// memory of the start (snapshot text, reconciliation) only after a while, so the figure is the
// settled RSS (median of the last 10 s) and the note gives the peak. Baseline: the same entities
// as plain objects in a bare Node process (bench/probes/model-rss.ts), sampled the same way.
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
import { dropPrefix } from './support/nats.js';
import { median, n0, probe, ROOT, rssMb, sleep } from './support/proc.js';

const SECONDS = 60;

type ModelRss = Readonly<{ entities: number; samples: number[]; emptyRssMb: number; heapMb: number; tombstones: number }>;

/** Writes the newest snapshot's model as JSON for the baseline probe. */
const exportNewest = async (nc: NatsConnection, file: string): Promise<void> => {
  const store = await SnapshotStore.open(nc, storeNames(LOG_PREFIX), false);
  const newest = store === null ? undefined : (await store.list()).at(-1);
  if (store === null || newest === undefined) throw new Error(`no snapshot under prefix ${LOG_PREFIX}`);
  writeFileSync(file, JSON.stringify(encodeInventory(await store.read(newest.seq))));
};

const settled = (samples: readonly number[]): number => median(samples.slice(-10));

/** RSS of a daemon with an empty model (what the process costs before any entity). */
const emptyDaemonRss = async (nc: NatsConnection): Promise<number> => {
  await dropPrefix(nc, 'b-bench-empty');
  const d = await startDaemon('b-bench-empty', ['--no-docker', '--snapshot-every', '0'], /model ready/);
  const samples: number[] = [];
  try {
    for (let i = 0; i < 10; i++, await sleep(500)) samples.push(rssMb(d.pid));
  } finally {
    await d.stop();
    await dropPrefix(nc, 'b-bench-empty');
  }
  return median(samples);
};

export const benchMemory = async (nc: NatsConnection): Promise<Measured> => {
  const file = join(tmpdir(), `b-bench-model-${process.pid}.json`);
  let base: ModelRss;
  const samples: number[] = [];
  let readyS: number;
  let restored: string | undefined;
  try {
    await exportNewest(nc, file);
    const t0 = Date.now();
    const d = await startDaemon(LOG_PREFIX, ['--no-docker', '--snapshot-every', '0'], /model ready/, 900_000);
    readyS = (Date.now() - t0) / 1000;
    restored = /model restored from the snapshot at seq (\d+)/.exec(d.log())?.[1];
    try {
      const baseline = probe<ModelRss>('model-rss', [file, pathToFileURL(join(ROOT, 'dist', 'events', 'inventory-codec.js')).href, String(SECONDS)], { nodeArgs: ['--expose-gc'], plain: true });
      for (let i = 0; i < SECONDS; i++, await sleep(1000)) samples.push(rssMb(d.pid));
      base = await baseline;
    } finally {
      await d.stop();
    }
  } finally {
    rmSync(file, { force: true });
  }
  const empty = await emptyDaemonRss(nc);
  const from = restored === undefined ? 'did NOT restore from a snapshot' : `restored from the snapshot at seq ${n0(Number(restored))}`;
  return {
    figure: figure(`memory: daemon RSS holding ${n0(base.entities)} entities MB vs the same entities as plain objects in a bare Node`, 'MB', settled(samples), settled(base.samples), { kind: 'berth-max', value: 150 }),
    note: `berth daemon started on the stream: ${from}, model ready in ${readyS.toFixed(0)} s; settled RSS = median of the last 10 of ${SECONDS} samples a second apart after 'model ready'; peak ${n0(Math.max(...samples))} MB; a daemon with an empty model: ${n0(empty)} MB; baseline peak ${n0(Math.max(...base.samples))} MB, ${n0(base.heapMb)} MB heap, empty Node ${n0(base.emptyRssMb)} MB`,
  };
};
