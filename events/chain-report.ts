import type { SealEntry } from './chain-event.js';

/**
 * What `audit verify` can find wrong:
 * - `seal-missing`: a gap in a writer's seal numbers (a seal was deleted);
 * - `seal-altered`: a seal whose hash does not match its content, that does not link to the
 *   previous seal, or that cannot be read;
 * - `seal-forked`: two different seals with one number (two daemons sharing a writer id, or a forgery);
 * - `seal-reordered`: a seal stored before the previous one;
 * - `deleted`: a sealed record missing from the stream;
 * - `altered`: a sealed record whose subject or body differs from what was sealed;
 * - `reordered`: a sealed record out of the order it was stored in, or after the seal vouching for it.
 */
export type ProblemKind = 'seal-missing' | 'seal-altered' | 'seal-forked' | 'seal-reordered' | 'deleted' | 'altered' | 'reordered';

/** One piece of evidence of tampering; `detail` is a sentence naming the event or seal. */
export type ChainProblem = Readonly<{
  kind: ProblemKind;
  writer: string;
  /** The seal number concerned (null when a seal could not be read). */
  seal: number | null;
  /** The record id concerned, if any. */
  id: string | null;
  /** Stream sequence of the message concerned, if it exists. */
  seq: number | null;
  detail: string;
}>;

/** One writer's chain as found: its seal numbers, the records it vouches for, and its newest hash. */
export type WriterSummary = Readonly<{
  writer: string;
  /** Distinct seals found. */
  seals: number;
  firstSeal: number;
  lastSeal: number;
  /** Seal entries that matched a stored record. */
  events: number;
  /** Hash of the newest seal: note it elsewhere to detect a rewrite of the whole chain later. */
  head: string;
}>;

/** The verdict of `audit verify`: `ok` is false exactly when `problems` is not empty. */
export type ChainReport = Readonly<{
  ok: boolean;
  /** Messages read (records and seals). */
  messages: number;
  firstSeq: number;
  writers: readonly WriterSummary[];
  seals: number;
  /** Distinct stored records some seal vouches for, digest and position checked. */
  verified: number;
  /** Sealed records (or seals) no longer in the stream because retention removed its head. */
  expired: number;
  /** Records with neither a `Nats-Msg-Id` nor a readable id in the body. */
  unreadable: number;
  /**
   * Records no seal covers: `tail` after the newest seal (a running daemon seals them within
   * seconds), `earlier` before it (what a daemon killed with -9 stored but had not sealed, or a
   * writer without a chain). A warning, not a failure.
   */
  unsealed: Readonly<{ count: number; tail: number; earlier: number; sample: readonly Readonly<{ id: string | null; seq: number }>[] }>;
  problems: readonly ChainProblem[];
}>;

/** A stored record as the verifier keeps it while reading. */
export type Stored = { seq: number; id: string; digest: string; sealed: boolean };

/** A seal as read from the stream, with whether its hash matches its content. */
export type ReadSeal = Readonly<{ seq: number; writer: string; n: number; prev: string; hash: string; entries: readonly SealEntry[]; hashOk: boolean }>;
