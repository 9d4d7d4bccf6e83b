// What the log reader's thread (fold-worker.ts) and the main thread (fold-thread.ts) say to each other.
import type { NatsAuth } from '../store/connect.js';

export type FoldWorkerData = Readonly<{
  url: string;
  auth?: NatsAuth | undefined;
  timeoutMs?: number | undefined;
  stream: string;
  filter: string;
  ranges: readonly Readonly<{ from: number; to?: number }>[];
  at: string;
  /**
   * A batch is sent once it holds this many bytes; at most `ahead` batches not yet folded; a `read`
   * message after `readEvery` records skipped in a row (tests make them small).
   */
  batchBytes: number;
  ahead: number;
  readEvery: number;
}>;

/** What the thread sends: batches of records, then `done` or `error` (nothing after either). The main thread answers each batch with `ack`. */
export type FromFoldWorker =
  | { t: 'batch'; buf: ArrayBuffer; len: number; n: number }
  /** How far the read is when no batch said so for a while (records after the time asked for are read, not sent). */
  | { t: 'read'; seq: number }
  | { t: 'done'; read: number }
  /** `connect`: the thread's own connection failed, before it read anything. */
  | { t: 'error'; stage: 'connect' | 'read'; message: string };

/** A record in a batch: its sequence (f64), its length (u32), 1 when `raw` is cut out (u8), then its bytes. */
export const RECORD_HEAD = 13;
