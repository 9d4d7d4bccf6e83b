import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Recorded } from '../../events/envelope.js';
import { encodeToken } from '../../events/ids.js';
import { foldEvent, initialInventory } from '../../events/inventory.js';
import type { Inventory } from '../../events/inventory.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { parseRecord, parseRecordForFold, recordAfter } from '../../events/parse.js';
import type { MapName } from '../../events/inventory-codec.js';
import type { CanonicalTime } from '../../events/time.js';
import type { StoreNames } from '../store/names.js';
import { readStream } from '../store/read.js';
import { foldOnThread, foldWithThread, threadMinRecords } from './fold-thread.js';
import type { FoldConnect } from './fold-thread.js';
import { SnapshotStore } from '../store/snapshots.js';
import { openStretchOf } from '../store/stretch-times.js';
import type { OpenStretch } from '../store/stretch-times.js';
import { META_KEY } from '../model-entries.js';
import type { SnapshotMeta } from '../store/snapshots.js';

/** A fold from the start long enough (`minRecords`; by default BERTH_FOLD_THREAD_MIN, else THREAD_MIN_RECORDS) reads the log on a thread connected with `connect` (fold-thread.ts). */
export type ThreadOptions = Readonly<{
  connect: FoldConnect;
  minRecords?: number;
  /** Called when the thread could not connect (why): the fold then runs on one thread, as without it. */
  onOneThread?: (why: string) => void;
  /** The stream's last sequence when the caller has just asked for it (ModelClient.loadAt has): not asked again. */
  lastSeq?: number;
  /** Batch size, how many batches ahead, how often a skipping read says where it is (tests make them small). */
  batches?: Readonly<{ batchBytes: number; ahead: number; readEvery: number }>;
}>;

/** Which part of the log to read: one entity's subject, one kind, or everything. */
export type LogScope = Readonly<{ kind?: string; id?: string }>;

export const scopeFilter = (names: StoreNames, s: LogScope): string =>
  s.kind === undefined ? `${names.evtRoot}.>` : s.id === undefined ? `${names.evtRoot}.${s.kind}.>` : `${names.evtRoot}.${s.kind}.${encodeToken(s.id)}`;

/**
 * Reads stored events in stream order (one subject per entity makes an entity's history a subject
 * filter, not a scan). Records this berth cannot read are counted in `skipped`, never thrown.
 */
export const readEvents = async (
  nc: NatsConnection, names: StoreNames, scope: LogScope,
  onEvent: (e: Recorded<OpsEvent>) => void,
  opts: Readonly<{ follow?: boolean; signal?: AbortSignal; onCaughtUp?: () => void }> = {},
): Promise<{ skipped: number }> => {
  let skipped = 0;
  await readStream(nc, {
    stream: names.stream, filter: scopeFilter(names, scope),
    ...(opts.follow === undefined ? {} : { follow: opts.follow }),
    ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    ...(opts.onCaughtUp === undefined ? {} : { onCaughtUp: opts.onCaughtUp }),
  }, (m) => {
    const r = parseRecord(m.string(), m.seq);
    if (r.ok) onEvent(r.event);
    else skipped += 1;
  });
  return { skipped };
};

/** A stretch of the stream to read: `to` undefined means to the end. */
type Range = { from: number; to?: number };

/** What planAt needs of a stretch between two points of the log (a snapshot's, or the open one's). */
type Stretch = Pick<SnapshotMeta, 'seq' | 'prevSeq' | 'minAtAfterPrev' | 'minAtFrom'>;

/**
 * Which snapshot to start from and which stretches of the stream after it can hold events at or
 * before `at`. The base is the newest snapshot whose events all happened at or before `at`
 * (`maxAt <= at`). After it, a stretch between two consecutive snapshots is skipped when its
 * earliest event happened after `at`; so is the open stretch after the newest snapshot as far as
 * the projector's meta tells its times (`open`); what lies after that is always read.
 */
export const planAt = (snaps: readonly SnapshotMeta[], at: CanonicalTime, open: OpenStretch | null = null): { base: SnapshotMeta | null; ranges: Range[] } => {
  let baseIdx = -1;
  for (const [i, s] of snaps.entries()) if (s.maxAt <= at) baseIdx = i;
  const base = baseIdx >= 0 ? (snaps[baseIdx] as SnapshotMeta) : null;
  const ranges: Range[] = [];
  const add = (from: number, to?: number): void => {
    const last = ranges.at(-1);
    if (last !== undefined && last.to !== undefined && last.to + 1 === from) {
      if (to === undefined) delete last.to;
      else last.to = to;
    } else ranges.push(to === undefined ? { from } : { from, to });
  };
  const stretches: Stretch[] = snaps.slice(baseIdx + 1);
  if (open !== null) stretches.push({ seq: open.to, prevSeq: open.after, minAtAfterPrev: open.minAtFrom[0]?.[1] ?? '', minAtFrom: open.minAtFrom });
  let prev = base?.seq ?? 0;
  for (const s of stretches) {
    // An open stretch the snapshots have passed (an older meta) tells nothing new.
    if (s.seq <= prev) continue;
    // Known only when this stretch starts where the previous one ended.
    const known = s.prevSeq === prev;
    const skippable = known && s.minAtAfterPrev !== '' && s.minAtAfterPrev > at;
    if (!skippable) add(prev + 1, known ? stretchEnd(s, at) : s.seq);
    prev = s.seq;
  }
  add(prev + 1);
  return { base, ranges };
};

/**
 * Where a stretch that may hold events at or before `at` can stop being read: just before the first
 * of its points (`minAtFrom`) from which every event happened after `at`, or at its snapshot.
 */
const stretchEnd = (s: Stretch, at: CanonicalTime): number => {
  for (const [seq, minAt] of s.minAtFrom ?? []) if (minAt > at && seq > s.prevSeq + 1) return Math.min(s.seq, seq - 1);
  return s.seq;
};

/**
 * The model as it was at `at`: a fold of exactly the events that happened (source time) at or
 * before it, in stream order. Starts from the nearest snapshot (see `planAt`) and reads only the
 * stretches of the log that can hold such events; without snapshots (or with `snapshots: false`,
 * as `berth replay` asks, to check them) it replays the whole log. `inflate`: the maps the caller
 * will go through whole, whose snapshot blocks are gunzipped on the thread pool while the log is read.
 */
export const modelAt = async (nc: NatsConnection, names: StoreNames, at: CanonicalTime, opts: Readonly<{ snapshots?: boolean; inflate?: readonly MapName[]; thread?: ThreadOptions; signal?: AbortSignal | undefined; progress?: (seq: number) => void }> = {}): Promise<Inventory> => {
  const store = opts.snapshots === false ? null : await SnapshotStore.open(nc, names, false);
  const [snaps, open] = store === null ? [[], null] : await Promise.all([store.list(), openStretch(nc, names)]);
  const { base, ranges } = planAt(snaps, at, open);
  let inv = initialInventory();
  let plan = ranges;
  let fromSnapshot = false;
  let stop = (): Promise<void> => Promise.resolve();
  if (base !== null && store !== null) {
    try {
      ({ inv, stop } = await store.readLazy(base.seq, opts.inflate));
      fromSnapshot = true;
    } catch {
      // Gone (pruned meanwhile) or unreadable: replay from the start, the same result.
      plan = planAt([], at, open).ranges;
    }
  }
  try {
    // A long read from the start (no snapshot under it) goes to a thread of its own (fold-thread.ts).
    const t = opts.thread;
    const signal = opts.signal;
    if (!fromSnapshot && t !== undefined && (await onThread(nc, names, plan, t))) {
      signal?.throwIfAborted();
      const r = await foldWithThread(t.connect, names.stream, `${names.evtRoot}.>`, plan, at, inv, t.batches, signal, opts.progress);
      if (r.folded) return inv;
      t.onOneThread?.(r.why);
    }
    for (const r of plan) {
      signal?.throwIfAborted();
      const progress = opts.progress;
      await readStream(nc, { stream: names.stream, filter: `${names.evtRoot}.>`, startSeq: r.from, ...(r.to === undefined ? {} : { endSeq: r.to }), ...(signal === undefined ? {} : { signal }) }, (m) => {
        progress?.(m.seq);
        // A record that happened after `at` is not read further than its time.
        if (recordAfter(m.data, at)) return;
        const rec = parseRecordForFold(m.data, m.seq);
        if (rec.ok && rec.event.at <= at) foldEvent(inv, rec.event);
      });
    }
    // A read stopped by `signal` ends quietly: what it folded is no model of `at`.
    opts.signal?.throwIfAborted();
  } finally {
    // The blocks gunzipped ahead (see lazySnapshotOf) are the caller's; the rest, when it reads
    // them. Also when the read failed: the read-ahead would otherwise gunzip every block left.
    await stop();
  }
  return inv;
};

/** Whether a fold of `plan` from the start reads the log on a thread (see ThreadOptions); asks the stream's length only when that can say yes. */
const onThread = async (nc: NatsConnection, names: StoreNames, plan: readonly Readonly<{ from: number; to?: number | undefined }>[], t: ThreadOptions): Promise<boolean> => {
  const min = t.minRecords ?? threadMinRecords();
  return min !== Number.POSITIVE_INFINITY && foldOnThread(await recordsIn(nc, names, plan, t.lastSeq), min);
};

/** How many records the stretches `plan` can hold: a stretch open at its end runs to the stream's last message (`known`, else asked). */
const recordsIn = async (nc: NatsConnection, names: StoreNames, plan: readonly Readonly<{ from: number; to?: number | undefined }>[], known?: number): Promise<number> => {
  const open = plan.some((r) => r.to === undefined);
  const last = !open ? 0 : (known ?? (await (await jetstreamManager(nc, { checkAPI: false })).streams.info(names.stream)).state.last_seq);
  return plan.reduce((sum, r) => sum + Math.max(0, (r.to ?? last) - r.from + 1), 0);
};

/**
 * The open stretch the projector keeps in the model's meta (see OpenStretch), or null when there is
 * no model bucket, no meta, or a meta of a berth before it.
 */
const openStretch = async (nc: NatsConnection, names: StoreNames): Promise<OpenStretch | null> => {
  try {
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const m = await jsm.streams.getMessage(`KV_${names.bucket}`, { last_by_subj: `$KV.${names.bucket}.${META_KEY}` });
    const op = m?.header?.get('KV-Operation');
    if (m === null || m === undefined || op === 'DEL' || op === 'PURGE') return null;
    return openStretchOf((m.json() as { stretch?: unknown } | null)?.stretch ?? null);
  } catch {
    return null;
  }
};
