import type { EventRecord } from './envelope.js';

/** Marks a seal entry whose stream position is not checked (see `SealEntry`). */
export const UNORDERED = 'unordered';

/**
 * One stored record a seal vouches for: its record id (= `Nats-Msg-Id`) and the digest of what
 * was stored (`entryDigest`: the subject without the installation's prefix, and the body).
 * A third element `'unordered'` marks a record stored before the writer's previous seal: a
 * duplicate ack (a publish that timed out but was stored, a redelivery after a restart) or a
 * late ack. The verifier checks its digest, not its position, and accepts it sealed twice.
 */
export type SealEntry = readonly [id: string, digest: string] | readonly [id: string, digest: string, flag: typeof UNORDERED];

/**
 * One link of a writer's hash chain, stored on `<prefix>.evt.chain.<encoded writer>`. The record's
 * `chain` field carries `{writer, n, prev, hash}`: `n` counts the writer's seals from 0, `prev`
 * is the hash of seal `n - 1` (`''` for seal 0), and `hash = sealHash(prev, writer, n, entries)`.
 * Entries are in stream order (ascending sequence) apart from `'unordered'` ones.
 */
export type ChainSealed = EventRecord<'ChainSealed', 1, { entries: readonly SealEntry[] }>;

/** Events about berth's own audit trail; the fold ignores them. */
export type ChainEvent = ChainSealed;
