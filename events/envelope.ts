import type { CanonicalTime } from './time.js';

/** Kinds of entity an event can be about; the second token of its subject. */
export type SubjectKind =
  | 'host'
  | 'vm'
  | 'container'
  | 'cluster'
  | 'port'
  | 'network'
  | 'neutron'
  | 'stack'
  | 'service'
  | 'image'
  | 'volume'
  | 'engine'
  | 'action'
  | 'source'
  /** A writer's hash chain of seals (tamper evidence): `<prefix>.evt.chain.<encoded writer>`. */
  | 'chain';

/** Every subject kind, for checking what a user typed (`berth events --kind`). */
export const SUBJECT_KINDS: readonly SubjectKind[] = ['host', 'vm', 'container', 'cluster', 'port', 'network', 'neutron', 'stack', 'service', 'image', 'volume', 'engine', 'action', 'source', 'chain'];

/** Where an event came from: the source system and the host or cloud that emitted it. */
export type SourceRef = Readonly<{
  /** `docker` (an engine's /events or API), `openstack` (notifications or APIs), `berth` (berth itself). */
  kind: 'docker' | 'openstack' | 'berth';
  /** The host or cloud name as berth knows it (an engine's configured name, a compute host). */
  host: string;
}>;

/** The entity an event is about. Its history is the subject `<prefix>.evt.<kind>.<encoded id>`. */
export type SubjectRef = Readonly<{ kind: SubjectKind; id: string }>;

/** Tamper evidence: a per-writer hash chain (see Audit in DESIGN.md). */
export type Chain = Readonly<{ writer: string; n: number; prev: string; hash: string }>;

/**
 * An event as stored, one per JetStream message. `id` is the source's own id (or a stable
 * hash of the source event) and also the `Nats-Msg-Id`, so a redelivery is stored once.
 * `v` is the schema version of `data`, never a position; the position is `seq`, known only
 * once read back from the stream.
 */
export type EventRecord<TType extends string = string, TV extends number = number, TData = unknown> = Readonly<{
  id: string;
  type: TType;
  v: TV;
  /** When it happened at the source (canonical UTC, nanoseconds). */
  at: CanonicalTime;
  /** When berth saw it (canonical UTC). */
  observedAt: CanonicalTime;
  source: SourceRef;
  subject: SubjectRef;
  data: Readonly<TData>;
  /** The source's original message, for audit; absent when too large (see `rawRef`). */
  raw?: string;
  /** Set instead of `raw` when the original was larger than the inline limit: its size and hash. */
  rawRef?: Readonly<{ bytes: number; hash: string; /** An OpenStack notification's request id (for `events --request-id`). */ requestId?: string }>;
  chain?: Chain;
}>;

/** An event read back from the stream, with its stream sequence. */
export type Recorded<TEvent> = TEvent & Readonly<{ seq: number }>;

/** Largest raw body kept inline in a record; larger ones are kept by reference (size + hash). */
export const RAW_INLINE_LIMIT = 64 * 1024;
