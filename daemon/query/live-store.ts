import type { Recorded } from '../../events/envelope.js';
import { initialInventory } from '../../events/inventory.js';
import type { Inventory } from '../../events/inventory.js';
import type { OpsEvent } from '../../events/ops-event.js';
import type { ModelMeta, ModelView, ReadModelState, ReadProblem } from '../../events/read-model.js';
import { VersionedMap } from './snapshot-map.js';

/** Timers and clock, injectable so tests drive the coalescing window themselves. */
export type StoreClock = Readonly<{
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}>;

/** Events the tail keeps when StoreOptions.tailSize does not say (the live tail, and the past one read back for it). */
export const DEFAULT_TAIL_SIZE = 2000;

export type StoreOptions = Readonly<{ coalesceMs?: number; tailSize?: number; clock?: StoreClock }>;

const realClock: StoreClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
};

export type MapName = Exclude<keyof ModelView, 'meta'>;

/** An empty model view with every map the inventory has (new kinds included without a change here). */
export const emptyModel = (): ModelView => modelOf(initialInventory(), null);

/** The maps of an inventory (tombstones and counters left out) as a model view. */
export const modelOf = (inv: Inventory, meta: ModelMeta | null): ModelView => {
  const { tombstones, counters, ...maps } = inv;
  void tombstones;
  void counters;
  return { ...maps, meta };
};

/** The maps a store writes to: each publishes immutable snapshots of itself without copying. */
type Draft = Record<MapName, VersionedMap<unknown>> & { meta: ModelMeta | null };

const emptyDraft = (): Draft => {
  const maps = Object.fromEntries(Object.keys(emptyModel()).filter((k) => k !== 'meta').map((k) => [k, new VersionedMap<unknown>()]));
  return { ...(maps as Record<MapName, VersionedMap<unknown>>), meta: null };
};

/** The draft as a model view: each map's current snapshot (the same object while it is unchanged). */
const modelOfDraft = (d: Draft): ModelView => {
  const model: Record<string, unknown> = {};
  for (const m of Object.keys(d) as (keyof Draft)[]) if (m !== 'meta') model[m] = d[m].snapshot();
  model['meta'] = d.meta;
  return model as ModelView;
};

/**
 * The console side of the read model: a draft that changes apply to, published as an immutable
 * snapshot at most once per `coalesceMs` (a burst of 1,000 KV updates is one render, as
 * lazydocker's throttled refresh). A map that changed is published as a new version sharing its
 * entries with the one before (daemon/query/snapshot-map.ts): 100 changes to 10,000 containers
 * cost what 100 do, not a copy of 10,000; a map that did not change stays the same object.
 */
export class LiveStore {
  private readonly listeners = new Set<() => void>();
  private readonly clock: StoreClock;
  private readonly coalesceMs: number;
  private readonly tailSize: number;
  private draft: Draft = emptyDraft();
  private next: Draft | null = null;
  private tail: Recorded<OpsEvent>[] = [];
  private tailDirty = false;
  private hasModel = false;
  private problem: ReadProblem | null = null;
  private retryInMs: number | null = null;
  private lag: { lagMs: number | null; behind: number } = { lagMs: null, behind: 0 };
  private changedAt: number | null = null;
  private version = 0;
  private timer: unknown = undefined;
  private snapshot: ReadModelState;
  private readonly target: string;

  constructor(target: string, opts: StoreOptions = {}) {
    this.target = target;
    this.clock = opts.clock ?? realClock;
    this.coalesceMs = opts.coalesceMs ?? 50;
    this.tailSize = opts.tailSize ?? DEFAULT_TAIL_SIZE;
    this.snapshot = { status: 'connecting', target };
  }

  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  readonly getSnapshot = (): ReadModelState => this.snapshot;

  /** Starts a (re)load: changes go to a fresh model; the old one stays on screen until `ready`. */
  reset(): void {
    this.next = emptyDraft();
  }

  /** Sets or deletes (value null) one entity; during a (re)load, in the model being loaded. */
  put(mapName: MapName, id: string, value: unknown): void {
    const map = (this.next ?? this.draft)[mapName];
    if (value === null) map.delete(id);
    else map.set(id, value);
    if (this.next === null) this.markDirty();
  }

  setMeta(meta: ModelMeta | null): void {
    (this.next ?? this.draft).meta = meta;
    if (this.next === null) this.schedule();
  }

  /** Adds events to the tail (their raw bodies dropped: the tail is for reading, not audit). */
  pushEvents(events: readonly Recorded<OpsEvent>[]): void {
    for (const e of events) {
      const { raw, ...lean } = e;
      void raw;
      this.tail.push(lean as Recorded<OpsEvent>);
    }
    if (this.tail.length > this.tailSize * 2) this.tail = this.tail.slice(-this.tailSize);
    this.tailDirty = true;
    this.schedule();
  }

  /** The loaded model is complete: show it now. */
  ready(): void {
    if (this.next !== null) {
      this.draft = this.next;
      this.next = null;
    }
    this.hasModel = true;
    this.problem = null;
    this.publishNow();
  }

  setLag(lagMs: number | null, behind: number): void {
    if (this.lag.lagMs === lagMs && this.lag.behind === behind) return;
    this.lag = { lagMs, behind };
    this.schedule();
  }

  /** Something is wrong (null: nothing is). With a model, it stays on screen as stale. */
  setProblem(problem: ReadProblem | null, retryInMs: number | null = null): void {
    if (problem?.code === this.problem?.code && problem?.message === this.problem?.message && retryInMs === this.retryInMs) return;
    this.problem = problem;
    this.retryInMs = retryInMs;
    this.publishNow();
  }

  /** Publishes what is pending now (tests and shutdown). */
  flush(): void {
    if (this.timer !== undefined) this.publishNow();
  }

  private markDirty(): void {
    this.changedAt = this.clock.now();
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || !this.hasModel) return;
    this.timer = this.clock.setTimer(() => this.publishNow(), this.coalesceMs);
  }

  private publishNow(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.snapshot = this.build();
    for (const l of [...this.listeners]) l();
  }

  private build(): ReadModelState {
    if (!this.hasModel) {
      return this.problem === null ? { status: 'connecting', target: this.target } : { status: 'failed', problem: this.problem, retryInMs: this.retryInMs };
    }
    const prev = this.snapshot.status === 'live' || this.snapshot.status === 'stale' ? this.snapshot.model : null;
    const model = modelOfDraft(this.draft);
    if (this.tailDirty && this.tail.length > this.tailSize) this.tail = this.tail.slice(-this.tailSize);
    const tail = this.tailDirty || prev === null ? [...this.tail] : (this.snapshot as { tail: readonly Recorded<OpsEvent>[] }).tail;
    this.tailDirty = false;
    this.version += 1;
    if (this.problem !== null) return { status: 'stale', model, tail, version: this.version, problem: this.problem, since: this.changedAt };
    return { status: 'live', model, tail, version: this.version, lagMs: this.lag.lagMs, behind: this.lag.behind };
  }
}
