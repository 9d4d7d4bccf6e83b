// A snapshot's bytes: the model as JSON (the same text as JSON.stringify(encodeInventory(inv))), gzipped.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gunzipSync } from 'node:zlib';
import type { Inventory } from '../../events/inventory.js';
import { decodeInventory, encodeInventoryPieces } from '../../events/inventory-codec.js';
import { parseJsonPieces } from './json-pieces.js';

/**
 * Gunzips into one buffer of the size the gzip trailer gives (ISIZE, the size mod 2^32): one
 * allocation, which the system gets back when it is freed. In 16 KB chunks (zlib's default) the
 * output of a 120 MB snapshot stayed in the process's RSS after it was freed.
 */
const gunzipWhole = (data: Uint8Array): Buffer => {
  const size = data.byteLength < 18 ? 0 : Buffer.from(data.buffer, data.byteOffset, data.byteLength).readUInt32LE(data.byteLength - 4);
  return gunzipSync(data, size > 0 && size < 2 ** 30 ? { chunkSize: Math.max(64 * 1024, size + 1) } : {});
};

/**
 * Gives a big buffer's memory back now (detaching it: it reads as empty after). Left to the GC, it
 * stayed: by the end of the parse the buffer is in the old generation, which only a major GC
 * frees, and an idle daemon makes none. Small buffers may share Node's pool: those are left alone.
 */
const freeNow = (b: Buffer): void => {
  const ab = b.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  if (ab.byteLength >= 64 * 1024) ab.transfer?.(0);
};

/**
 * Gzips text given in pieces, about 64 KB at a time, on the thread pool. The model as one JSON
 * string, then as a Buffer, was 240 MB the daemon held at each snapshot (and kept in its RSS)
 * while the event loop stood still compressing it.
 */
const gzipPieces = async (pieces: Iterable<string>): Promise<Buffer> => {
  const out: Buffer[] = [];
  await pipeline(Readable.from(batches(pieces, 1 << 16)), createGzip(), async (gz: AsyncIterable<Buffer>) => {
    for await (const b of gz) out.push(b);
  });
  return Buffer.concat(out);
};

function* batches(pieces: Iterable<string>, size: number): Generator<string> {
  let batch = '';
  for (const p of pieces) {
    batch += p;
    if (batch.length >= size) {
      yield batch;
      batch = '';
    }
  }
  if (batch !== '') yield batch;
}

/** The snapshot of `inv` as it is now (read at once; compressed after, off the event loop). */
export const snapshotBytes = (inv: Inventory): Promise<Buffer> => gzipPieces(encodeInventoryPieces(inv));

/** The inventory a snapshot's bytes hold; throws when they are not a snapshot this berth can read. */
export const inventoryOf = (data: Uint8Array): Inventory => {
  const json = gunzipWhole(data);
  try {
    return decodeInventory(parseJsonPieces(json));
  } finally {
    freeNow(json);
  }
};
