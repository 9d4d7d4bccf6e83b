// A long fold (`berth replay`, `--at` with no snapshot to start from) with the log read on a thread
// of its own (fold-worker.ts): the NATS client's work per message and the check of each record's
// `raw` run there, the parse and the fold here, at the same time. On the bench's 1M-event stream
// the NATS client alone is most of a single-threaded fold's CPU.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError } from '../../events/errors.js';
import { foldEvent } from '../../events/inventory.js';
import type { Inventory } from '../../events/inventory.js';
import { parseRecordForFold, parseRecordWithoutRaw } from '../../events/parse.js';
import type { CanonicalTime } from '../../events/time.js';
import type { NatsAuth } from '../store/connect.js';
import { RECORD_HEAD } from './fold-batch.js';
import type { FoldWorkerData, FromFoldWorker } from './fold-batch.js';

/** How the log reader's thread connects: the same server and credentials as the caller's connection. */
export type FoldConnect = Readonly<{ url: string; auth?: NatsAuth | undefined; timeoutMs?: number | undefined }>;

/** Below this many records to read, a thread costs more to start (its own NATS client to load, its own connection) than it saves. */
export const THREAD_MIN_RECORDS = 50_000;

/**
 * From how many records a fold reads the log on a thread: BERTH_FOLD_THREAD_MIN (a whole number; 0
 * always, `off` never), else THREAD_MIN_RECORDS. Throws on any other value.
 */
export const threadMinRecords = (env: NodeJS.ProcessEnv = process.env): number => {
  const v = env['BERTH_FOLD_THREAD_MIN']?.trim();
  if (v === undefined || v === '') return THREAD_MIN_RECORDS;
  if (v === 'off') return Number.POSITIVE_INFINITY;
  if (/^\d+$/.test(v)) return Number(v);
  throw new ConfigError(`BERTH_FOLD_THREAD_MIN is '${v}': not a number of records.`, {
    hint: "Give from how many records a fold reads the log on a thread of its own (0: always), 'off' (never), or unset it (50,000).",
  });
};

/**
 * Whether a read of `records` records goes to a thread: long enough, and a second core to run it on.
 * availableParallelism counts the CPU affinity mask and, from libuv 1.49 (Node 22 ships 1.51), a
 * cgroup v1/v2 CPU quota rounded down: a container held to one CPU folds on one thread.
 */
export const foldOnThread = (records: number, min: number): boolean => records >= min && availableParallelism() >= 2;

/**
 * fold-worker's file beside this module's: a source checkout runs the TypeScript (under tsx, which a
 * worker inherits through execArgv), a build the transpiled file under dist/. The read commands are
 * bundled (dist/cli/fast.cjs, dist/cli/chunks/), so this module's own URL may be a bundle's: the
 * worker is then found from the `dist` directory the bundle lies in.
 */
const workerFile = (): URL => {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./fold-worker.ts', here);
  const dist = here.lastIndexOf('/dist/');
  if (dist < 0) return new URL('./fold-worker.js', here);
  return new URL(`${here.slice(0, dist)}/dist/daemon/query/fold-worker.js`);
};

/** What a fold on a thread did: folded everything, or nothing because the thread could not connect (`why`): fold on one thread then. */
export type ThreadFold = { folded: true } | { folded: false; why: string };

/** Batches of 256 KB, at most 8 ahead of the fold (about 4 MB in flight); where the read is, every 16,384 records skipped. */
const BATCHES = { batchBytes: 256 * 1024, ahead: 8, readEvery: 16_384 };

/**
 * Folds into `inv` the records of `ranges` (stream sequences, `to` open meaning to the end) that
 * happened at or before `at`, as modelAt's own loop does: same records, same order, same model.
 * When the thread's own connection fails (a server that allows one connection per user, a creds
 * file that can be read once), nothing is folded and `folded` is false: the caller folds on its
 * own thread. Rejects when anything else fails (the thread itself, a read), with its message, or
 * when `signal` aborts (with its reason).
 */
export const foldWithThread = (conn: FoldConnect, stream: string, filter: string, ranges: readonly Readonly<{ from: number; to?: number | undefined }>[], at: CanonicalTime, inv: Inventory, batches = BATCHES, signal?: AbortSignal, progress?: (seq: number) => void): Promise<ThreadFold> =>
  new Promise<ThreadFold>((resolve, reject) => {
    const data: FoldWorkerData = { url: conn.url, auth: conn.auth, timeoutMs: conn.timeoutMs, stream, filter, ranges: ranges.map((r) => ({ from: r.from, ...(r.to === undefined ? {} : { to: r.to }) })), at, ...batches };
    const w = new Worker(fileURLToPath(workerFile()), { workerData: data });
    let settled = false;
    const onAbort = (): void => settle(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    const settle = (outcome: ThreadFold | Error): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void w.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    // Stopped (a console that moved on to another time): the thread and its connection go at once.
    signal?.addEventListener('abort', onAbort, { once: true });
    w.on('message', (m: FromFoldWorker) => {
      if (settled) return;
      if (m.t === 'batch') {
        try {
          const seq = foldBatch(Buffer.from(m.buf, 0, m.len), m.n, at, inv);
          progress?.(seq);
        } catch (err) {
          settle(err as Error);
          return;
        }
        w.postMessage({ t: 'ack' });
      } else if (m.t === 'read') progress?.(m.seq);
      else if (m.t === 'done') settle({ folded: true });
      else if (m.stage === 'connect') settle({ folded: false, why: m.message });
      else settle(new Error(`reading the event log: ${m.message}`));
    });
    w.on('error', (err) => settle(new Error(`the event log's reader thread failed: ${err.message}`)));
    w.on('exit', (code) => settle(new Error(`the event log's reader thread ended (exit code ${code}) before the read was done`)));
  });

/** Parses and folds the records of one batch (see fold-worker.ts for its layout); returns the last one's sequence. */
const foldBatch = (b: Buffer, n: number, at: CanonicalTime, inv: Inventory): number => {
  let o = 0;
  let seq = 0;
  for (let k = 0; k < n; k++) {
    seq = b.readDoubleLE(o);
    const size = b.readUInt32LE(o + 8);
    const slim = b[o + 12] === 1;
    o += RECORD_HEAD;
    // Text without raw that does not parse: the whole record is not JSON either, and is skipped as modelAt skips it.
    const rec = slim ? parseRecordWithoutRaw(b.toString('utf8', o, o + size), seq) : parseRecordForFold(b.subarray(o, o + size), seq);
    o += size;
    if (rec !== null && rec.ok && rec.event.at <= at) foldEvent(inv, rec.event);
  }
  return seq;
};
