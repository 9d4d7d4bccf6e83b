import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { modelJson } from '../events/fact-times.js';
import type { EntityChange, Inventory } from '../events/inventory.js';
import { applyEvent, initialInventory } from '../events/inventory.js';
import { parseRecord } from '../events/parse.js';
import type { Recorded } from '../events/envelope.js';
import type { OpsEvent } from '../events/ops-event.js';
import type { Logger } from './log.js';
import type { StoreNames } from './store/names.js';
import { readStream } from './store/read.js';
import { BucketDiff } from './bucket-diff.js';
import { compactModel } from './compact-model.js';
import { modelEntries, META_KEY } from './model-entries.js';
import type { SnapshotStore } from './store/snapshots.js';
import { OPEN_STRETCH_POINTS, StretchTimes } from './store/stretch-times.js';
import type { OpenStretch } from './store/stretch-times.js';
import { MAX_SUBJECT_BYTES } from './store/subjects.js';
import type { CanonicalTime } from '../events/time.js';

/** When the projector writes snapshots: every `every` stored events (0: never), keeping the newest `keep`. */
export type SnapshotPolicy = Readonly<{ every: number; keep: number }>;
/**
 * `--at T` costs reading its snapshot plus folding the events after it up to the next one: at
 * 10,000 that fold stays well under a second (at 50,000 it took 2-3 s on a loaded 2-core VM).
 * The newest 48 cover 480,000 events; older times replay from the start of the log.
 */
export const DEFAULT_SNAPSHOTS: SnapshotPolicy = { every: 10_000, keep: 48 };

/** A snapshot is written no more often than once per this many entities' worth of events. */
const ENTITIES_PER_EVENT = 4;

/**
 * Whether a snapshot is due `since` events after the last one, for a model of `entities`. A
 * snapshot costs the daemon CPU in proportion to the model (encode, gzip, upload: seconds for
 * 100,000 entities), so a big model spaces them wider than `every`, at least one per quarter of
 * its entity count: the cost stays a few entities per stored event whatever the model's size,
 * and --at, which then reads a bigger model anyway, folds at most that many events more.
 */
export const snapshotDue = (policy: SnapshotPolicy, since: number, entities: number): boolean =>
  policy.every > 0 && since >= Math.max(policy.every, Math.ceil(entities / ENTITIES_PER_EVENT));

/** Entities in the model (what a snapshot's size and cost follow). */
export const entityCount = (inv: Inventory): number =>
  inv.hosts.size + inv.containers.size + inv.networks.size + inv.clusters.size + inv.ports.size + inv.vms.size + inv.stacks.size + inv.neutron.size;

/** Events folded live between two compactions of the model (see Projector.compact). */
const COMPACT_EVERY = 10_000;

/** Events before a restored snapshot that sources see again on start (two Docker cursors' worth). */
const TAIL_FOR_SOURCES = 8192;

type Listener = (e: Recorded<OpsEvent>, changes: readonly EntityChange[]) => void;

/**
 * Folds the event stream into the in-memory inventory and keeps the KV bucket equal to it.
 * On start it loads the newest snapshot and replays the stream after it (or the whole stream:
 * the model is a pure function of it), reconciles the bucket with the result, then follows live
 * events, writing each change. Every `snapshots.every` events it writes a snapshot of the model
 * with the sequence and the source times it covers (see SnapshotMeta), for `--at` and restarts.
 */
export class Projector {
  inventory: Inventory = initialInventory();
  skipped = 0;
  private readonly listeners: Listener[] = [];
  private pendingWrites: { key: string; done: Promise<unknown> }[] = [];
  /** Keys whose last write failed (a cluster electing the bucket's leader): written again from the model. */
  private readonly unwritten = new Set<string>();
  private writesInFlight = 0;
  private repairTimer: NodeJS.Timeout | undefined;
  private repairs = 0;
  private live = false;
  private metaDirty = false;

  private readonly nc: NatsConnection;
  private readonly names: StoreNames;
  /** Null: fold in memory only, another daemon (`--role project`) writes the model and the snapshots. */
  private readonly kv: KV | null;
  private readonly log: Logger;

  private readonly snaps: SnapshotStore | null;
  private readonly policy: SnapshotPolicy;
  /** Last stream sequence processed (applied or skipped). */
  private position = 0;
  private maxAt: CanonicalTime | '' = '';
  private minAtSinceSnap: CanonicalTime | '' = '';
  /** Earliest times at points of the stretch since the last snapshot (its `minAtFrom`). */
  private readonly stretch = new StretchTimes();
  private lastSnapSeq = 0;
  private snapshotting: Promise<void> | null = null;
  /** Set by snapshotsSettled: no snapshot starts after the one being written. */
  private settling = false;
  /** Newest source time per `<source kind>|<host>` (kept in snapshots: Docker cursors resume from it). */
  readonly sourceTimes = new Map<string, CanonicalTime>();

  constructor(nc: NatsConnection, names: StoreNames, kv: KV | null, log: Logger, snaps: SnapshotStore | null = null, policy: SnapshotPolicy = DEFAULT_SNAPSHOTS) {
    this.nc = nc;
    this.names = names;
    this.kv = kv;
    this.log = log;
    this.snaps = snaps;
    this.policy = policy;
  }

  /** Starts from the newest usable snapshot; false when there is none (replay from the start). */
  private async restore(): Promise<boolean> {
    if (this.snaps === null) return false;
    try {
      const list = await this.snaps.list();
      const newest = list.at(-1);
      if (newest === undefined) return false;
      this.inventory = await this.snaps.read(newest.seq);
      this.position = newest.seq;
      this.lastSnapSeq = newest.seq;
      this.maxAt = newest.maxAt;
      for (const [k, v] of Object.entries(newest.sourceTimes ?? {})) this.sourceTimes.set(k, v);
      await this.replayTailToListeners(newest.seq);
      this.log.info(`model restored from the snapshot at seq ${newest.seq} (${newest.events} events); replaying what came after`);
      return true;
    } catch (err) {
      this.inventory = initialInventory();
      this.log.warn(`could not use the newest snapshot (${(err as Error).message}): replaying the whole stream`);
      return false;
    }
  }

  /** Model changes not yet written, writes not acknowledged yet, and keys whose write failed and waits to be written again (repair): 0 once the bucket holds the model. */
  get pendingModelWrites(): number {
    return this.changed.size + this.writesInFlight + this.unwritten.size;
  }

  /** Last stream sequence processed (applied or skipped): /healthz and the lag metric compare it with the stream's. */
  get processedSeq(): number {
    return this.position;
  }

  /** Subscribes to every applied event (sources use it to learn their cursors). */
  onEvent(l: Listener): void {
    this.listeners.push(l);
  }

  /**
   * Sources learn where to resume from the events they stored (Docker cursors keep the last 4096
   * ids of their host). After a snapshot they have not seen those: show them the stretch before it.
   */
  private async replayTailToListeners(seq: number): Promise<void> {
    if (this.listeners.length === 0) return;
    await readStream(this.nc, { stream: this.names.stream, filter: `${this.names.evtRoot}.>`, startSeq: Math.max(1, seq - TAIL_FOR_SOURCES + 1), endSeq: seq }, (m) => {
      const r = parseRecord(m.string(), m.seq);
      if (r.ok) for (const l of this.listeners) l(r.event, []);
    });
  }

  /** Replays the stream, reconciles the bucket, and resolves once caught up; keeps following until `signal` aborts. */
  async start(signal: AbortSignal): Promise<void> {
    await this.restore();
    return new Promise((resolve, reject) => {
      readStream(this.nc, {
        stream: this.names.stream, filter: `${this.names.evtRoot}.>`, follow: true, signal, startSeq: this.position + 1,
        onCaughtUp: async () => {
          await this.reconcile();
          this.compact();
          this.live = true;
          this.maybeSnapshot();
          resolve();
        },
      }, (m) => this.apply(m.string(), m.seq)).catch((err: unknown) => {
        if (!this.live) reject(err as Error);
        else if (!signal.aborted) this.log.error(`projector stopped: ${(err as Error).message}`);
      });
    });
  }

  /** Events folded since the model was last made compact. */
  private sinceCompact = 0;

  /**
   * Makes the containers and VMs the fold made since compact (daemon/compact-model.ts): a restored
   * model is so already, one replayed or followed live is made so once ready, then every
   * COMPACT_EVERY events.
   */
  private compact(): void {
    this.sinceCompact = 0;
    compactModel(this.inventory);
  }

  private async apply(text: string, seq: number): Promise<void> {
    this.position = seq;
    const r = parseRecord(text, seq);
    if (!r.ok) {
      this.skipped += 1;
      this.log.warn(`skipped a stored record: ${r.reason}`);
      return;
    }
    let changes: EntityChange[];
    try {
      changes = applyEvent(this.inventory, r.event);
    } catch (err) {
      // A record whose envelope is valid but whose data is not (a foreign writer): skip it, never stop the model.
      this.skipped += 1;
      this.log.warn(`skipped stored record seq ${seq} (${r.event.type}): ${(err as Error).message}`);
      return;
    }
    const at = r.event.at;
    if (at > this.maxAt) this.maxAt = at;
    const src = `${r.event.source.kind}|${r.event.source.host}`;
    if (at > (this.sourceTimes.get(src) ?? '')) this.sourceTimes.set(src, at);
    if (this.minAtSinceSnap === '' || at < this.minAtSinceSnap) this.minAtSinceSnap = at;
    this.stretch.note(seq, at);
    for (const l of this.listeners) l(r.event, changes);
    if (this.live && ++this.sinceCompact >= COMPACT_EVERY) this.compact();
    if (!this.live || this.kv === null) return;
    this.maybeSnapshot();
    for (const c of changes) this.changed.set(c.key, c.value);
    this.metaDirty = true;
    if (this.changed.size >= 256) await this.flush();
    else this.flushSoon();
  }

  /**
   * Entity values changed since the last flush, by key, the newest kept: the bucket holds only an
   * entity's last value, and a burst changes one entity many times (a container's create, connect,
   * start and their inspects; a VM's dozen notifications), so each key is written once per flush
   * (at most 20 ms after the change), where every change was a put of its own.
   */
  private readonly changed = new Map<string, unknown>();

  private flushTimer: NodeJS.Timeout | undefined;
  private flushSoon(): void {
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, 20);
  }

  /** A key whose subject NATS would refuse (and drop the connection for) is left out of the bucket: the fold still holds it. */
  private keyFits(key: string): boolean {
    if (Buffer.byteLength(`$KV.${this.names.bucket}.${key}`) <= MAX_SUBJECT_BYTES) return true;
    this.log.warn(`model entry ${key.slice(0, 120)}… not written: its key is over the ${MAX_SUBJECT_BYTES}-byte subject limit`);
    return false;
  }

  /** Waits for every KV write issued so far. */
  async flush(): Promise<void> {
    if (this.kv !== null) {
      for (const [key, value] of this.changed) if (this.keyFits(key)) this.write(this.kv, key, value === null ? null : modelJson(value));
    }
    this.changed.clear();
    // The position is written once per flush, after the entity writes it covers (same connection, so in order).
    if (this.metaDirty && this.kv !== null) {
      this.metaDirty = false;
      this.write(this.kv, META_KEY, JSON.stringify(this.meta()));
    }
    const writes = this.pendingWrites;
    this.pendingWrites = [];
    const results = await Promise.allSettled(writes.map((w) => w.done));
    let reason = '';
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') return;
      this.unwritten.add((writes[i] as { key: string }).key);
      reason ||= (r.reason as Error).message;
    });
    if (reason === '') return;
    this.log.warn(`${results.filter((r) => r.status === 'rejected').length} model write(s) failed (${reason}); writing them again from the model`);
    this.repairSoon();
  }

  private write(kv: KV, key: string, value: string | null): void {
    const done = value === null ? kv.delete(key) : kv.put(key, value);
    this.writesInFlight += 1;
    const settled = (): void => {
      this.writesInFlight -= 1;
    };
    done.then(settled, settled);
    this.pendingWrites.push({ key, done });
  }

  /** Writes the failed keys again after a pause (0.5 s, doubling up to 10 s while they keep failing). */
  private repairSoon(): void {
    if (this.repairTimer !== undefined || this.kv === null) return;
    this.repairTimer = setTimeout(() => {
      this.repairTimer = undefined;
      void this.repair();
    }, Math.min(10_000, 500 * 2 ** this.repairs));
    this.repairTimer.unref();
    this.repairs += 1;
  }

  /**
   * Each failed key gets the model's value now (or is deleted when the entity is gone), all issued
   * in one go with no event applied in between: a write of a later change, issued after, lands after.
   */
  private async repair(): Promise<void> {
    const kv = this.kv;
    if (kv === null || this.unwritten.size === 0) return;
    const keys = new Set(this.unwritten);
    this.unwritten.clear();
    for (const [key, value] of currentWrites(this.inventory, keys, this.meta())) this.write(kv, key, value);
    await this.flush();
    if (this.unwritten.size === 0) {
      this.repairs = 0;
      this.log.info(`model writes repaired: ${keys.size} key(s) written again`);
    }
  }

  /** Stops writing failed keys again (the daemon stops; the next start reconciles the bucket). */
  stopRepairs(): void {
    clearTimeout(this.repairTimer);
    this.repairTimer = undefined;
    if (this.unwritten.size > 0) this.log.warn(`${this.unwritten.size} model key(s) not written; the next start reconciles the bucket`);
  }

  /**
   * Writes a snapshot when one is due (snapshotDue). The model is encoded
   * synchronously (it is the fold up to `position`, exactly); the upload runs in the background,
   * one at a time; one that falls due meanwhile is taken when the upload ends.
   */
  private maybeSnapshot(): void {
    if (this.snaps === null || this.kv === null || this.snapshotting !== null) return;
    if (!snapshotDue(this.policy, this.position - this.lastSnapSeq, entityCount(this.inventory))) return;
    const store = this.snaps;
    const meta = {
      seq: this.position, prevSeq: this.lastSnapSeq, maxAt: this.maxAt, minAtAfterPrev: this.minAtSinceSnap,
      events: this.inventory.counters.events, sourceTimes: Object.fromEntries(this.sourceTimes), minAtFrom: this.stretch.take(),
    };
    const written = store.write(this.inventory, meta);
    this.lastSnapSeq = this.position;
    this.minAtSinceSnap = '';
    // The meta's open stretch now starts here. A snapshot taken when an earlier one's upload ends
    // has no event after it to write the meta: without this, readers kept the old stretch until
    // the next event (planAt ignores such a stale one, so they read more than they had to).
    this.metaDirty = true;
    this.flushSoon();
    this.snapshotting = written
      .then(async (m) => {
        this.log.info(`snapshot written at seq ${m.seq} (${m.bytes} bytes gzipped)`);
        const pruned = await store.prune(this.policy.keep);
        if (pruned > 0) this.log.info(`pruned ${pruned} old snapshot(s), keeping ${this.policy.keep}`);
      })
      .catch((err: unknown) => this.log.warn(`snapshot at seq ${meta.seq} failed: ${(err as Error).message}`))
      .finally(() => {
        this.snapshotting = null;
        // One that fell due while this one was written is written now, not at the next event
        // (which a quiet source may not send for hours); never once the daemon is stopping.
        if (this.live && !this.settling) this.maybeSnapshot();
      });
  }

  /** Resolves when no snapshot is being written, and starts no other (tests, shutdown). */
  async snapshotsSettled(): Promise<void> {
    this.settling = true;
    while (this.snapshotting !== null) await this.snapshotting;
  }

  private meta(): Record<string, unknown> {
    return projectionMeta(this.inventory, this.skipped, { after: this.lastSnapSeq, to: this.position, stretch: this.stretch });
  }

  /** Makes the bucket equal to the inventory: puts what differs, deletes what is gone. */
  private async reconcile(): Promise<void> {
    const kv = this.kv;
    if (kv === null) {
      this.log.info(`model folded in memory (another daemon writes it): ${this.inventory.counters.events} events up to seq ${this.inventory.counters.lastSeq}`);
      return;
    }
    const diff = new BucketDiff(this.inventory, this.meta());
    await readStream(this.nc, { stream: `KV_${this.names.bucket}`, filter: `$KV.${this.names.bucket}.>`, lastPerSubject: true }, (m) => {
      const op = m.headers?.get('KV-Operation');
      diff.seen(m.subject.slice(`$KV.${this.names.bucket}.`.length), op === 'DEL' || op === 'PURGE' ? null : m.string());
    });
    // Issued 256 at a time, as the live writes are: a write that fails (a timeout on a loaded or
    // electing JetStream) is written again from the model later (repair), as a live one would be,
    // instead of failing the daemon's start.
    let issued = 0;
    for (const [k, v] of diff.puts()) if (this.keyFits(k)) {
      this.write(kv, k, v);
      if (++issued % 256 === 0) await this.flush();
    }
    for (const k of diff.deletes()) this.write(kv, k, null);
    await this.flush();
    this.log.info(`model ready: ${this.inventory.counters.events} events folded up to seq ${this.inventory.counters.lastSeq}${this.unwritten.size === 0 ? '' : ` (${this.unwritten.size} key(s) to write again)`}`);
  }
}

/**
 * The model's meta (bucket key `_meta`): the position the model reflects and its counters, and the
 * open stretch (events `after` the newest snapshot `to` the last one folded, see OpenStretch).
 */
export const projectionMeta = (inv: Inventory, skipped: number, open: Readonly<{ after: number; to: number; stretch: StretchTimes }>): Record<string, unknown> => {
  const stretch: OpenStretch = { after: open.after, to: open.to, minAtFrom: open.stretch.points(OPEN_STRETCH_POINTS) };
  return { seq: inv.counters.lastSeq, events: inv.counters.events, unrecognized: inv.counters.unrecognized, skipped, stretch };
};

/** The bucket writes that make `keys` equal to the model: its value (JSON), or null to delete a key it no longer has. */
export const currentWrites = (inv: Inventory, keys: ReadonlySet<string>, meta: Record<string, unknown>): [string, string | null][] => {
  const out = new Map<string, string | null>();
  for (const k of keys) out.set(k, null);
  if (keys.has(META_KEY)) out.set(META_KEY, JSON.stringify(meta));
  for (const [key, value] of modelEntries(inv)) if (keys.has(key)) out.set(key, modelJson(value));
  return [...out];
};
