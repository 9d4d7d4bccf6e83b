// The replay stream of items 2, 3 and 5: N real-shaped records (bench/log/templates.ts, re-keyed per
// copy) appended pipelined to prefix b-bench-log while a real `berth daemon` folds them live and
// writes a snapshot every --snapshot-every events, as it would in production.
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { META_KEY } from '../../daemon/model-entries.js';
import { storeNames } from '../../daemon/store/names.js';
import { SnapshotStore } from '../../daemon/store/snapshots.js';
import { fromEpochMs } from '../../events/time.js';
import type { CanonicalTime } from '../../events/time.js';
import { startDaemon } from '../support/daemon.js';
import { dropPrefix, storedEvents } from '../support/nats.js';
import { n0, sleep } from '../support/proc.js';
import { dockerRecords, fill, openstackRecords, toTemplate } from './templates.js';
import type { Template } from './templates.js';

export const LOG_PREFIX = 'b-bench-log';
/** Source time of record i is T0 + i ms: the stream spans N ms of event time, in order. */
const T0 = Date.UTC(2026, 0, 1);
export const atOf = (i: number): CanonicalTime => fromEpochMs(T0 + i);

export type BuiltLog = Readonly<{ events: number; snapshots: number; reused: boolean; note: string }>;

const progress = (s: string): void => {
  process.stderr.write(`[bench] ${s}\n`);
};

/** Appends `n` records, 1024 in flight (no Nats-Msg-Id: every id is unique by construction). */
const append = async (nc: NatsConnection, n: number, templates: readonly Template[]): Promise<number> => {
  const js = jetstream(nc, { timeout: 60_000 });
  const root = storeNames(LOG_PREFIX).evtRoot;
  const t0 = performance.now();
  let next = Date.now() + 10_000;
  for (let i = 0; i < n; ) {
    const batch: Promise<unknown>[] = [];
    for (const end = Math.min(n, i + 1024); i < end; i++) {
      const k = Math.floor(i / templates.length);
      const t = templates[i % templates.length] as Template;
      batch.push(js.publish(`${root}.${fill(t.subject, k, '', '')}`, fill(t.body, k, `bench-${i}`, atOf(i))));
    }
    await Promise.all(batch);
    if (Date.now() > next) {
      progress(`appended ${n0(i)} of ${n0(n)} events`);
      next = Date.now() + 10_000;
    }
  }
  return (n / (performance.now() - t0)) * 1000;
};

/** The projector's position (the `_meta` key of the model bucket). */
const projected = async (nc: NatsConnection): Promise<number> => {
  const kv = await new Kvm(nc).open(storeNames(LOG_PREFIX).bucket);
  const e = await kv.get(META_KEY).catch(() => null);
  return e === null ? 0 : (JSON.parse(e.string()) as { seq: number }).seq;
};

const snapshotCount = async (nc: NatsConnection): Promise<number> => {
  const s = await SnapshotStore.open(nc, storeNames(LOG_PREFIX), false);
  return s === null ? 0 : (await s.list()).length;
};

/** Builds the stream (or reuses one a `--keep-stream` run left with the same size). */
export const buildLog = async (nc: NatsConnection, n: number, every: number): Promise<BuiltLog> => {
  const jsm = await jetstreamManager(nc);
  const have = await storedEvents(jsm, LOG_PREFIX);
  const snaps = await snapshotCount(nc);
  if (have.events === n && snaps > 0) return { events: n, snapshots: snaps, reused: true, note: `reused the ${n0(n)}-event stream a --keep-stream run left, ${snaps} snapshots` };
  await dropPrefix(nc, LOG_PREFIX);
  const templates = [...openstackRecords(), ...dockerRecords()].map(toTemplate);
  const keep = Math.ceil(n / every) + 4;
  const d = await startDaemon(LOG_PREFIX, ['--no-docker', '--snapshot-every', String(every), '--snapshot-keep', String(keep)], /model ready/);
  const t0 = performance.now();
  let rate: number;
  try {
    rate = await append(nc, n, templates);
    const last = (await storedEvents(jsm, LOG_PREFIX)).lastSeq;
    for (let next = Date.now() + 10_000; (await projected(nc)) < last; await sleep(500)) {
      if (Date.now() > next) {
        progress(`the daemon has folded ${n0(await projected(nc))} of ${n0(last)}`);
        next = Date.now() + 10_000;
      }
    }
    // The last snapshot is written in the background: wait until the count settles.
    for (let count = -1, c = await snapshotCount(nc); c !== count; await sleep(3000), count = c, c = await snapshotCount(nc));
  } finally {
    await d.stop();
  }
  const total = (performance.now() - t0) / 1000;
  const made = await snapshotCount(nc);
  return { events: n, snapshots: made, reused: false, note: `stream built in ${total.toFixed(0)} s: appended at ${n0(rate)} events/s (pipelined js.publish, 1024 in flight), folded live by berth daemon --snapshot-every ${n0(every)}: ${made} snapshots` };
};
