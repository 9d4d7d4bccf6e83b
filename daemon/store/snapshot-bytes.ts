// A snapshot's bytes: the model as JSON (the same text as JSON.stringify(encodeInventory(inv))), gzipped.
import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip } from 'node:zlib';
import type { Inventory } from '../../events/inventory.js';
import { initialInventory } from '../../events/inventory.js';
import { modelJson } from '../../events/fact-times.js';
import { decodeInventory, FOLD_VERSION, MAP_NAMES } from '../../events/inventory-codec.js';
import type { MapName } from '../../events/inventory-codec.js';
import { compactPair } from '../compact-model.js';
import { Interner, parseJsonPieces } from './json-pieces.js';
import { lazyPairs } from './lazy-entity.js';
import { LazyMap } from './lazy-map.js';

/**
 * Gunzips into one buffer of the size the gzip trailer gives (ISIZE, the size mod 2^32): one
 * allocation, which the system gets back when it is freed. In 16 KB chunks (zlib's default) the
 * output of a 120 MB snapshot stayed in the process's RSS after it was freed.
 */
const gunzipWhole = (data: Uint8Array): Buffer => gunzipSync(data, wholeOptions(data));

/** gunzipWhole on the thread pool. */
const gunzipWholeLater = promisify((data: Uint8Array, cb: (err: Error | null, out: Buffer) => void): void => {
  gunzip(data, wholeOptions(data), cb);
});

const wholeOptions = (data: Uint8Array): { chunkSize?: number } => {
  const size = data.byteLength < 18 ? 0 : Buffer.from(data.buffer, data.byteOffset, data.byteLength).readUInt32LE(data.byteLength - 4);
  return size > 0 && size < 2 ** 30 ? { chunkSize: Math.max(64 * 1024, size + 1) } : {};
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
 * Text of about this many characters makes one gzip member (a block of entities). A 107k-entity
 * model (118 MB of JSON) gzipped as one stream is 6.4 MB; in members of 64 KB 10.4 MB, of 256 KB
 * 7.5 MB, of 1 MB 6.7 MB. A get parses its whole block (about 120 containers at 256 KB).
 */
const BLOCK_CHARS = 1 << 18;

/**
 * One block of a map: its gzip member's place in the snapshot's bytes, the ids of its entries in
 * order, and the length in bytes of each entry's `[id, entity]` text (where a reader cuts the
 * block without reading it through; absent in indexes of berths before it, which ignore it).
 */
export type SnapshotBlock = readonly [offset: number, length: number, ids: readonly string[], sizes?: readonly number[]];

/**
 * What a snapshot's index holds: where each map's blocks are, and what is small enough to hold
 * whole. With it a reader parses only the blocks it needs (see LazyMap).
 */
export type SnapshotIndex = Readonly<{
  v: 1;
  foldVersion: number;
  counters: Inventory['counters'];
  tombstones: readonly string[];
  maps: Readonly<Record<string, readonly SnapshotBlock[]>>;
}>;

/** Gzips `text` off the event loop (one gzip member). */
const gzipMember = (text: string): Promise<Buffer> => promisify(gzip)(text);

/**
 * A snapshot's bytes and their index. The bytes are gzip members one after the other, which gunzip
 * reads as one text: the JSON of `encodeInventory(inv)`, as before, so older berths read them. Each
 * map's entries are split into members of about 256 KB of text (`,`-separated `[id, entity]` pairs),
 * the framing between them into members of its own. The model is read now (entities are replaced,
 * never mutated, so holding their references is enough); it is compressed after, on the thread
 * pool, a member at a time: the event loop never stands still for the whole model.
 */
export const snapshotParts = async (inv: Inventory): Promise<{ data: Buffer; index: SnapshotIndex }> => {
  const maps = MAP_NAMES.map((name) => [name, [...(inv[name] as Map<string, unknown>).entries()]] as const);
  const tombstones = [...inv.tombstones];
  const counters = { ...inv.counters };
  const out: Buffer[] = [];
  let offset = 0;
  const member = async (text: string): Promise<[number, number]> => {
    const b = await gzipMember(text);
    out.push(b);
    offset += b.length;
    return [offset - b.length, b.length];
  };
  const index: Record<string, SnapshotBlock[]> = {};
  let framing = `{"foldVersion":${FOLD_VERSION},"maps":{`;
  for (const [m, [name, pairs]] of maps.entries()) {
    framing += `${m > 0 ? '],' : ''}${JSON.stringify(name)}:[`;
    await member(framing);
    framing = '';
    const blocks: SnapshotBlock[] = (index[name] = []);
    for (let i = 0; i < pairs.length; ) {
      const ids: string[] = [];
      const sizes: number[] = [];
      let text = '';
      for (; i < pairs.length && text.length < BLOCK_CHARS; i++) {
        const pair = pairs[i] as readonly [string, unknown];
        const json = modelJson(pair);
        text += `${i > 0 ? ',' : ''}${json}`;
        ids.push(pair[0]);
        sizes.push(Buffer.byteLength(json));
      }
      blocks.push([...(await member(text)), ids, sizes]);
    }
  }
  await member(`${maps.length > 0 ? ']' : ''}},"tombstones":${JSON.stringify(tombstones)},"counters":${JSON.stringify(counters)}}`);
  return { data: Buffer.concat(out), index: { v: 1, foldVersion: FOLD_VERSION, counters, tombstones, maps: index } };
};

/** The snapshot of `inv` as it is now (read at once; compressed after, off the event loop). */
export const snapshotBytes = async (inv: Inventory): Promise<Buffer> => (await snapshotParts(inv)).data;

/** An index as stored (gzipped JSON). */
export const indexBytes = (index: SnapshotIndex): Promise<Buffer> => gzipMember(JSON.stringify(index));

/**
 * The inventory of a snapshot's bytes and index, each map gunzipping a block only when an entity of
 * it is asked for (`LazyMap`), and each entity parsed only as far as it is read (lazy-entity.ts).
 * Throws when the index is not one this berth reads.
 */
export const lazyInventoryOf = (data: Uint8Array, indexData: Uint8Array): Inventory => lazySnapshotOf(data, indexData, []).inv;

/** How many blocks are gunzipped on the thread pool at a time (see lazySnapshotOf). */
const INFLATING = 2;

/**
 * `lazyInventoryOf`, and the blocks of `inflate` (maps the reader will go through whole, as `berth
 * hosts` does containers and VMs) gunzipped meanwhile on the thread pool, two at a time, while the
 * caller goes on (`--at` reads the log after the snapshot): on a free core that part of the read
 * costs no time. `stop` starts no more of them and settles when those under way are done; a block
 * read before it was gunzipped, or after `stop`, is gunzipped when read, as without `inflate`.
 * The inventory is the same either way.
 */
export const lazySnapshotOf = (data: Uint8Array, indexData: Uint8Array, inflate: readonly MapName[]): { inv: Inventory; stop: () => Promise<void> } => {
  const index = JSON.parse(gunzipSync(indexData).toString('utf8')) as Partial<SnapshotIndex> | null;
  if (index === null || typeof index !== 'object' || index.v !== 1 || index.foldVersion !== FOLD_VERSION || typeof index.maps !== 'object' || index.maps === null) {
    throw new Error(`snapshot index of fold version ${String(index?.foldVersion)} (this berth folds with version ${FOLD_VERSION})`);
  }
  const inv = initialInventory();
  const ahead: Block[] = [];
  for (const name of MAP_NAMES) {
    const blocks = index.maps[name];
    if (!Array.isArray(blocks)) throw new Error(`snapshot index without '${name}'`);
    const mine = blocks.map(([offset, length, ids, sizes]): Block => ({ bytes: data.subarray(offset, offset + length), text: null, read: false, ids, sizes: Array.isArray(sizes) && sizes.length === ids.length ? sizes : undefined }));
    if (inflate.includes(name)) ahead.push(...mine);
    (inv as Record<MapName, Map<string, unknown>>)[name] = LazyMap.of(mine.map((b) => ({
      ids: b.ids,
      // Each entity parsed only when read, and only as far as read (see lazy-entity.ts).
      load: () => {
        b.read = true;
        const text = b.text ?? gunzipWhole(b.bytes);
        b.text = null;
        return lazyPairs(text, b.sizes);
      },
    })));
  }
  for (const k of index.tombstones ?? []) inv.tombstones.add(k);
  if (index.counters) inv.counters = { ...index.counters };
  return { inv, stop: inflateAhead(ahead) };
};

/** A block of a snapshot's map: its gzip member, its text once gunzipped ahead, whether it was read. */
type Block = { readonly bytes: Uint8Array; text: Buffer | null; read: boolean; readonly ids: readonly string[]; readonly sizes: readonly number[] | undefined };

/** Gunzips `blocks` in order on the thread pool, INFLATING at a time, until the stop it returns is called. */
const inflateAhead = (blocks: readonly Block[]): (() => Promise<void>) => {
  let next = 0;
  let stopped = false;
  const lane = async (): Promise<void> => {
    while (!stopped && next < blocks.length) {
      const b = blocks[next++] as Block;
      if (b.read) continue;
      // A block that does not gunzip is left to its read, which throws as it did.
      const text = await gunzipWholeLater(b.bytes).catch(() => null);
      if (!b.read) b.text = text;
    }
  };
  const lanes = blocks.length === 0 ? [] : Array.from({ length: INFLATING }, lane);
  return async () => {
    stopped = true;
    await Promise.all(lanes);
  };
};

/**
 * The inventory a snapshot's bytes hold; throws when they are not a snapshot this berth can read.
 * With `pack`, for a process that keeps the model (the daemon), it is compact (daemon/compact-model.ts;
 * each factTimes packed before its strings are shared: its stamps are then never in the interner):
 * JSON.stringify writes a packed factTimes as it was, a generic walk of the entities (a printer's
 * Object.entries) does not, so a command that prints the model reads it plain.
 */
export const inventoryOf = (data: Uint8Array, pack = false): Inventory => {
  // A whole snapshot is many gzip members, and its trailer gives only the last one's size (82 bytes
  // on the bench stream): gunzipWhole then used 64 KB chunks, which glibc serves from its main heap,
  // and up to 120 MB of it stayed in the daemon's RSS after the parse. Chunks of 32 MB (glibc's
  // highest mmap threshold) are mapped on their own and go back to the system when freed.
  const json = gunzipSync(data, { chunkSize: 32 << 20 });
  try {
    return decodeInventory(parseJsonPieces(json, new Interner(), pack ? compactPair : undefined));
  } finally {
    freeNow(json);
  }
};
