// The replay stream of items 2, 3 and 5: N real-shaped records (bench/log/templates.ts, re-keyed per
// copy) in prefix b-bench-log, with a snapshot every --snapshot-every events written the way the
// daemon's projector writes them (bench/log/snapshotter.ts says why the bench folds them itself).
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { META_KEY } from '../../daemon/model-entries.js';
import { ensureStore } from '../../daemon/store/ensure.js';
import { storeNames } from '../../daemon/store/names.js';
import { SnapshotStore } from '../../daemon/store/snapshots.js';
import { fromEpochMs } from '../../events/time.js';
import type { CanonicalTime } from '../../events/time.js';
import { dropPrefix, storedEvents } from '../support/nats.js';
import { n0, sleep } from '../support/proc.js';
import { LogSnapshotter } from './snapshotter.js';
import { dockerRecords, fill, openstackRecords, toTemplate } from './templates.js';
import type { Template } from './templates.js';

export const LOG_PREFIX = 'b-bench-log';
/** Source time of record i is T0 + i ms: the stream spans N ms of event time, in order. */
const T0 = Date.UTC(2026, 0, 1);
export const atOf = (i: number): CanonicalTime => fromEpochMs(T0 + i);

export type BuiltLog = Readonly<{ events: number; entities: number; snapshots: number; note: string }>;

const progress = (s: string): void => {
  process.stderr.write(`[bench] ${s}\n`);
};

const entitiesOf = (s: LogSnapshotter): number => {
  const i = s.inventory;
  return i.hosts.size + i.containers.size + i.networks.size + i.clusters.size + i.ports.size + i.vms.size + i.stacks.size + i.neutron.size;
};

/**
 * Appends `n` records with core NATS publishes into the stream's subjects (the fastest correct way
 * from Node: no per-message PubAck round trip), 4096 per flush, never more than 50k ahead of what
 * the stream has stored, and checks at the end that the stream holds every one, so that record i
 * is at sequence i+1 (one connection, a fresh stream). No Nats-Msg-Id: ids are unique by
 * construction. Each record is folded as it is sent; a snapshot is written every `every`.
 */
const append = async (nc: NatsConnection, n: number, templates: readonly Template[], snap: LogSnapshotter): Promise<number> => {
  const jsm = await jetstreamManager(nc);
  const root = storeNames(LOG_PREFIX).evtRoot;
  const stored = async (): Promise<number> => (await storedEvents(jsm, LOG_PREFIX)).events;
  const t0 = performance.now();
  let next = Date.now() + 10_000;
  for (let i = 0; i < n; ) {
    for (const end = Math.min(n, i + 4096); i < end; i++) {
      const k = Math.floor(i / templates.length);
      const t = templates[i % templates.length] as Template;
      const body = fill(t.body, k, `bench-${i}`, atOf(i));
      nc.publish(`${root}.${fill(t.subject, k, '', '')}`, body);
      snap.apply(body, i + 1);
      await snap.maybeSnapshot();
    }
    await nc.flush();
    while (i - (await stored()) > 50_000) await sleep(100);
    if (Date.now() > next) {
      progress(`appended ${n0(i)} of ${n0(n)} events, ${snap.written} snapshots`);
      next = Date.now() + 10_000;
    }
  }
  for (let last = -1, since = Date.now(), now = await stored(); now < n; await sleep(200), now = await stored()) {
    if (now !== last) [last, since] = [now, Date.now()];
    else if (Date.now() - since > 30_000) throw new Error(`the stream stored ${n0(now)} of the ${n0(n)} events published (core publish lost some)`);
  }
  return (n / (performance.now() - t0)) * 1000;
};

/** Builds the stream (or reuses one a `--keep-stream` run left with the same size). */
export const buildLog = async (nc: NatsConnection, n: number, every: number): Promise<BuiltLog> => {
  const names = storeNames(LOG_PREFIX);
  const jsm = await jetstreamManager(nc);
  const have = await storedEvents(jsm, LOG_PREFIX);
  const existing = await SnapshotStore.open(nc, names, false);
  const snaps = existing === null ? 0 : (await existing.list()).length;
  if (have.events === n && snaps > 0) return { events: n, entities: Number.NaN, snapshots: snaps, note: `reused the ${n0(n)}-event stream a --keep-stream run left, ${snaps} snapshots` };
  // Load the templates before dropping anything: a run that cannot build must not destroy a stream.
  const templates = [...openstackRecords(), ...dockerRecords()].map(toTemplate);
  // A stream still growing is another bench building it: dropping it would ruin both runs.
  if (have.events > 0) {
    await sleep(3000);
    const now = await storedEvents(jsm, LOG_PREFIX);
    if (now.lastSeq !== have.lastSeq) throw new Error(`another bench is building the stream under ${LOG_PREFIX} (${n0(now.events)} of ${n0(n)} events so far): wait for it to end, then run again with --keep-stream`);
  }
  await dropPrefix(nc, LOG_PREFIX);
  const { kv } = await ensureStore(nc, names);
  const store = await SnapshotStore.open(nc, names, true);
  if (store === null) throw new Error('could not create the snapshot store');
  const snap = new LogSnapshotter(store, every);
  const t0 = performance.now();
  const rate = await append(nc, n, templates, snap);
  // The model's meta a projector that folded the stream would leave (only the meta: --at reads no entity of the bucket).
  await kv.put(META_KEY, JSON.stringify(snap.meta()));
  const total = (performance.now() - t0) / 1000;
  return {
    events: n, entities: entitiesOf(snap), snapshots: snap.written,
    note: `stream built in ${total.toFixed(0)} s: ${n0(n)} records appended at ${n0(rate)} events/s (core publish into the stream, count checked), ${snap.written} snapshots written every ${n0(every)} events with the projector's rule`,
  };
};
