// The log reader's thread (see fold-thread.ts): reads stretches of the event log over a connection
// of its own and sends the main thread, in batches, each record it must fold, without its `raw`
// member where the record is laid out as berth writes it (most of a record's bytes; no fold rule
// reads it). Reading the log (the NATS client's work for each message) and checking `raw` then
// run beside the main thread's parse and fold instead of before them.
import { parentPort, workerData } from 'node:worker_threads';
import { connectNats } from '../store/connect.js';
import { readStream } from '../store/read.js';
import { rawSpan, recordAfter } from '../../events/parse.js';
import { RECORD_HEAD } from './fold-batch.js';
import type { FoldWorkerData, FromFoldWorker } from './fold-batch.js';

const port = parentPort;
if (port === null) throw new Error('fold-worker.ts runs as a worker thread');
const d = workerData as FoldWorkerData;
/** A batch is sent once it holds this many bytes (or the read ends). */
const BATCH_BYTES = d.batchBytes;
/** Batches sent and not yet folded (the main thread says `ack` for each) before the read waits. */
const AHEAD = d.ahead;

let ahead = 0;
let wake: (() => void) | null = null;
port.on('message', (m: { t: string }) => {
  if (m.t !== 'ack') return;
  ahead -= 1;
  const w = wake;
  wake = null;
  w?.();
});

let buf = Buffer.allocUnsafeSlow(BATCH_BYTES * 2);
let len = 0;
let n = 0;
const send = (): void => {
  if (n === 0) return;
  const out = buf.buffer as ArrayBuffer;
  port.postMessage({ t: 'batch', buf: out, len, n } satisfies FromFoldWorker, [out]);
  ahead += 1;
  buf = Buffer.allocUnsafeSlow(Math.max(BATCH_BYTES * 2, buf.length));
  len = 0;
  n = 0;
};
const room = (bytes: number): void => {
  if (len + bytes <= buf.length) return;
  const bigger = Buffer.allocUnsafeSlow(Math.max(buf.length * 2, len + bytes));
  buf.copy(bigger, 0, 0, len);
  buf = bigger;
};

const add = (seq: number, data: Buffer): void => {
  const span = rawSpan(data);
  const size = span === null ? data.length : span.headEnd + data.length - span.restStart;
  room(RECORD_HEAD + size);
  buf.writeDoubleLE(seq, len);
  buf.writeUInt32LE(size, len + 8);
  buf[len + 12] = span === null ? 0 : 1;
  len += RECORD_HEAD;
  if (span === null) len += data.copy(buf, len);
  else {
    len += data.copy(buf, len, 0, span.headEnd);
    len += data.copy(buf, len, span.restStart);
  }
  n += 1;
};

let read = 0;
let lastSeq = 0;
/** Records read and skipped since the last batch or `read` message: one says how far the read is every READ_EVERY. */
let unsent = 0;
const READ_EVERY = d.readEvery;
/** Says how far the read is: after the records kept so far (sent first), so that it never goes back. */
const sayRead = (): void => {
  unsent = 0;
  send();
  port.postMessage({ t: 'read', seq: lastSeq } satisfies FromFoldWorker);
};
let stage: 'connect' | 'read' = 'connect';
try {
  const nc = await connectNats(d.url, 'berth-fold-reader', { auth: d.auth, ...(d.timeoutMs === undefined ? {} : { timeoutMs: d.timeoutMs }) });
  stage = 'read';
  try {
    for (const r of d.ranges) {
      await readStream(nc, { stream: d.stream, filter: d.filter, startSeq: r.from, ...(r.to === undefined ? {} : { endSeq: r.to }) }, (m) => {
        read += 1;
        lastSeq = m.seq;
        // A record that happened after `at` is not read further than its time (as modelAt does).
        if (recordAfter(m.data, d.at)) {
          if (++unsent >= READ_EVERY) sayRead();
          return;
        }
        unsent = 0;
        const data = m.data;
        add(m.seq, Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
        if (len < BATCH_BYTES) return;
        send();
        if (ahead < AHEAD) return;
        return new Promise<void>((resolve) => {
          wake = resolve;
        });
      });
    }
    sayRead();
  } finally {
    await nc.close().catch(() => undefined);
  }
  port.postMessage({ t: 'done', read } satisfies FromFoldWorker);
} catch (err) {
  port.postMessage({ t: 'error', stage, message: (err as Error).message } satisfies FromFoldWorker);
}
