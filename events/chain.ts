import type { ChainSealed, SealEntry } from './chain-event.js';
import type { SourceRef } from './envelope.js';
import type { CanonicalTime } from './time.js';

/**
 * SHA-256 of the concatenated parts (strings as UTF-8), as 64 lowercase hex digits. events/ does
 * no I/O and imports no `node:*`, so the daemon and the CLI inject `node:crypto`'s.
 */
export type Sha256 = (parts: readonly (string | Uint8Array)[]) => string;

/** Subject kind of seal records: `<prefix>.evt.chain.<encoded writer>`. */
export const CHAIN_KIND = 'chain';

/** `prev` of a writer's first seal. */
export const GENESIS = '';

/** Hex digits kept of an entry digest: 128 bits, enough against forgery and half the seal size. */
export const ENTRY_DIGEST_HEX = 32;

/** How a writer names itself: a stable, printable token (host names, `host:prefix`, `dc1/web-3`). */
export const WRITER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,127}$/;

export const isWriterId = (w: string): boolean => WRITER_PATTERN.test(w);

/**
 * A stored subject without the installation's `<prefix>.evt.` root (`container.<id>`), so that a
 * copy of the stream under another prefix verifies. Subjects outside the root stay whole.
 */
export const relativeSubject = (evtRoot: string, subject: string): string =>
  subject.startsWith(`${evtRoot}.`) ? subject.slice(evtRoot.length + 1) : subject;

/**
 * What a seal entry vouches for: the message's subject (relative to the prefix) and its exact body
 * bytes, hashed with a domain tag. Truncated to `ENTRY_DIGEST_HEX` hex digits.
 */
export const entryDigest = (sha256: Sha256, relSubject: string, body: string | Uint8Array): string =>
  sha256(['berth-entry-v1\n', relSubject, '\n', body]).slice(0, ENTRY_DIGEST_HEX);

/**
 * The hash of seal `n` of `writer`: it covers the previous seal's hash, the writer, the position
 * and the canonical JSON of the entries (an array of arrays of strings: one serialisation only).
 */
export const sealHash = (sha256: Sha256, prev: string, writer: string, n: number, entries: readonly SealEntry[]): string =>
  sha256([`berth-seal-v1\n${prev}\n${writer}\n${String(n)}\n`, JSON.stringify(entries)]);

/** Record id (and `Nats-Msg-Id`) of seal `n`: deterministic, so a retried seal is stored once. */
export const sealId = (writer: string, n: number): string => `seal:${writer}:${String(n)}`;

/** Where a writer's chain continues: the next seal's position and the hash it links to. */
export type ChainHead = Readonly<{ n: number; prev: string }>;

export const chainStart: ChainHead = { n: 0, prev: GENESIS };

/** The head after a stored seal (its `chain` field). */
export const headAfter = (chain: Readonly<{ n: number; hash: string }>): ChainHead => ({ n: chain.n + 1, prev: chain.hash });

/** Builds seal `head.n` of `writer` over `entries` (already in stream order). */
export const makeSeal = (
  sha256: Sha256,
  o: Readonly<{ writer: string; head: ChainHead; entries: readonly SealEntry[]; at: CanonicalTime; source: SourceRef }>,
): ChainSealed => ({
  id: sealId(o.writer, o.head.n),
  type: 'ChainSealed',
  v: 1,
  at: o.at,
  observedAt: o.at,
  source: o.source,
  subject: { kind: CHAIN_KIND, id: o.writer },
  data: { entries: o.entries },
  chain: { writer: o.writer, n: o.head.n, prev: o.head.prev, hash: sealHash(sha256, o.head.prev, o.writer, o.head.n, o.entries) },
});
