import type { Recorded } from './envelope.js';
import type { EntityKind, Inventory } from './inventory.js';
import type { OpsEvent } from './ops-event.js';
import type { CanonicalTime } from './time.js';

/**
 * The read side's contract (types only): what a console reads and how it learns of changes. The
 * daemon's NATS client implements it, tests implement it in memory on the real fold, and views/
 * only ever see this interface (STYLE.md §2).
 */

/** The projection's position: the stream sequence the model reflects and its counters. */
export type ModelMeta = Readonly<{ seq: number; events: number; unrecognized: number }>;

/** The read model: every entity map of the inventory, plus the position it reflects (null when unknown). */
export type ModelView = Omit<Inventory, 'tombstones' | 'counters'> & { meta: ModelMeta | null };

/** One entity (or event subject) by kind and id. */
export type EntityRef = Readonly<{ kind: EntityKind | string; id: string }>;

/**
 * Why the model on screen is missing or not current, and what to do about it. `message` says what
 * happened in one sentence; `hint` says what to do next. Both may quote untrusted text: sanitise.
 */
export type ReadProblem = Readonly<{
  /** `nats-unreachable`: no connection; `nats-lost`: a connection dropped, reconnecting; `no-model`: the daemon never ran on this prefix; `daemon-down`: no daemon answers, so the model is not updating; `error`: anything else. */
  code: 'nats-unreachable' | 'nats-lost' | 'no-model' | 'daemon-down' | 'error';
  message: string;
  hint: string;
}>;

/**
 * What a console shows, as one value (read with `useSyncExternalStore`). `version` grows with every
 * published change, so memoised rows can key on it. `tail` is the newest events (oldest first,
 * `raw` bodies dropped), bounded by the client.
 */
export type ReadModelState =
  | Readonly<{ status: 'connecting'; target: string }>
  | Readonly<{
      status: 'live';
      model: ModelView;
      tail: readonly Recorded<OpsEvent>[];
      version: number;
      /** Age of the oldest event the model does not reflect yet (0 when caught up); null until measured. */
      lagMs: number | null;
      /** Events stored but not yet in the model. */
      behind: number;
    }>
  | Readonly<{
      /** A model is shown but is not current: `problem` says why (NATS lost, daemon down). */
      status: 'stale';
      model: ModelView;
      tail: readonly Recorded<OpsEvent>[];
      version: number;
      problem: ReadProblem;
      /** When the model last changed (epoch ms), or null. */
      since: number | null;
    }>
  | Readonly<{ status: 'failed'; problem: ReadProblem; retryInMs: number | null }>;

/** Actions a console can ask the daemon for (issue 7 carries them out). */
export type ActionName = 'start' | 'stop' | 'restart';

/** One request: an action on one or more targets, with the operator's reason. */
export type ActionRequest = Readonly<{ action: ActionName; targets: readonly EntityRef[]; reason?: string }>;

/** What came of a request: `ok` false with a message saying why when it was refused or failed. */
export type ActionOutcome = Readonly<{ ok: boolean; message: string }>;

/**
 * The model at a past time and the tail of events up to then: those of the log's last positions
 * (as many as the live tail holds) up to the newest event the past model holds, dated at or before
 * `at`. (Until 2026-11-25 the console filtered the live tail by time: a moment older than the
 * newest 2,000 events showed no events at all.)
 */
export type PastModel = Readonly<{ at: CanonicalTime; model: ModelView; tail: readonly Recorded<OpsEvent>[] }>;

/**
 * A live read model. `subscribe` and `getSnapshot` follow React's `useSyncExternalStore` contract:
 * the snapshot is the same object until something changed, and the client coalesces bursts of
 * changes so that one notification covers many events.
 */
export type QueryClient = Readonly<{
  subscribe: (onChange: () => void) => () => void;
  getSnapshot: () => ReadModelState;
  /** The newest `limit` events of one entity (its history), oldest first; with `until`, the newest dated at or before it. */
  history: (entity: EntityRef, limit: number, signal?: AbortSignal, until?: CanonicalTime) => Promise<readonly Recorded<OpsEvent>[]>;
  /** The model as it was at `at` (what `--at` shows). */
  modelAt: (at: CanonicalTime, signal?: AbortSignal) => Promise<PastModel>;
  /** Asks the daemon to act; never throws: a refusal or failure is an outcome. */
  act: (request: ActionRequest) => Promise<ActionOutcome>;
  close: () => Promise<void>;
  /** Resolves once the tail holds the newest events that were in the log when it started reading (for one-shot output). */
  tailLoaded?: () => Promise<void>;
}>;
