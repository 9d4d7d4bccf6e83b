import { StorageType } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';
import type { ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Inventory } from '../../events/inventory.js';
import { FOLD_VERSION } from '../../events/inventory-codec.js';
import type { CanonicalTime } from '../../events/time.js';
import type { StoreNames } from './names.js';
import { readStream } from './read.js';
import { createdOnceMore } from './retry.js';
import type { MapName } from '../../events/inventory-codec.js';
import { indexBytes, inventoryOf, lazySnapshotOf, snapshotParts } from './snapshot-bytes.js';

/**
 * What one snapshot covers. `seq`: the fold of every stored event up to and including it.
 * `maxAt`: the latest source time among those events, so the snapshot is exactly the model at
 * any T >= maxAt as far as events up to `seq` go. `minAtAfterPrev`: the earliest source time of
 * the events after the previous snapshot (`prevSeq`) up to `seq`: a reader looking for events at
 * or before T skips that whole range when T is earlier (events arrive late, never this late).
 */
export type SnapshotMeta = Readonly<{
  seq: number;
  prevSeq: number;
  maxAt: CanonicalTime | '';
  minAtAfterPrev: CanonicalTime | '';
  events: number;
  /**
   * `[s, earliest source time of the events from s to seq]` at points of the stretch after
   * `prevSeq` (every 1000 events, see StretchTimes): a reader stops reading the stretch where every
   * event after a point happened later than its T. Absent in snapshots of berths before it.
   */
  minAtFrom?: readonly (readonly [number, CanonicalTime])[];
  /** Newest source time per `<source kind>|<host>` up to `seq` (where each source resumes). */
  sourceTimes?: Readonly<Record<string, CanonicalTime>>;
  foldVersion: number;
  bytes: number;
  writtenAt: string;
}>;

const nameOf = (seq: number): string => `snap-${String(seq).padStart(12, '0')}`;
/** A snapshot's index (snapshot-bytes.ts): where each block of entities is, for a reader that needs only some. */
const indexNameOf = (seq: number): string => `idx-${String(seq).padStart(12, '0')}`;

/** Snapshots of the model in a JetStream object store (`<PREFIX>_SNAPSHOTS`), gzipped JSON. */
export class SnapshotStore {
  private readonly os: ObjectStore;
  private readonly nc: NatsConnection;
  private readonly bucket: string;

  private constructor(os: ObjectStore, nc: NatsConnection, bucket: string) {
    this.os = os;
    this.nc = nc;
    this.bucket = bucket;
  }

  /** Opens the bucket; with `create`, makes it when missing. Null when it does not exist (no snapshot yet). */
  static async open(nc: NatsConnection, names: StoreNames, create: boolean, replicas = 1): Promise<SnapshotStore | null> {
    const objm = new Objm(nc);
    try {
      return new SnapshotStore(create ? await createdOnceMore(() => objm.create(names.snapshots, { storage: StorageType.File, replicas })) : await objm.open(names.snapshots), nc, names.snapshots);
    } catch (err) {
      if (!create) return null;
      throw err;
    }
  }

  /** Every snapshot this berth can read (same fold version), oldest first. */
  async list(): Promise<SnapshotMeta[]> {
    const infos = await this.os.list();
    const out: SnapshotMeta[] = [];
    for (const i of infos) {
      if (i.deleted || !i.name.startsWith('snap-')) continue;
      try {
        const m = JSON.parse(i.description ?? '') as SnapshotMeta;
        if (m.foldVersion === FOLD_VERSION && Number.isInteger(m.seq)) out.push(m);
      } catch {
        // Not one of ours, or damaged: never chosen.
      }
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  async write(inv: Inventory, meta: Omit<SnapshotMeta, 'bytes' | 'foldVersion' | 'writtenAt'>): Promise<SnapshotMeta> {
    const { data, index } = await snapshotParts(inv);
    const full: SnapshotMeta = { ...meta, foldVersion: FOLD_VERSION, bytes: data.length, writtenAt: new Date().toISOString() };
    // The index first: a snapshot listed (by its data) has one, unless it is of a berth before indexes.
    await this.os.putBlob({ name: indexNameOf(meta.seq) }, await indexBytes(index));
    await this.os.putBlob({ name: nameOf(meta.seq), description: JSON.stringify(full) }, data);
    return full;
  }

  /**
   * The inventory of a snapshot, for a process that keeps it (its factTimes packed: see
   * inventoryOf); throws when it is gone or unreadable (callers replay instead).
   */
  async read(seq: number): Promise<Inventory> {
    // As its chunks, into one buffer of the object's size (see chunksOf): getBlob also grew its
    // buffer by doubling, and the freed steps stayed in a restored daemon's RSS.
    const data = await this.chunksOf(nameOf(seq));
    if (data === null) throw new Error(`snapshot at seq ${seq} is gone`);
    return inventoryOf(data, true);
  }

  /**
   * The same inventory, parsing only the entities asked for (see LazyMap): for a reader that needs
   * part of the model (`--at`, `diff`). A snapshot without an index is read whole. The blocks of
   * `inflate` are gunzipped on the thread pool meanwhile, until `stop` (see lazySnapshotOf).
   */
  async readLazy(seq: number, inflate: readonly MapName[] = []): Promise<{ inv: Inventory; stop: () => Promise<void> }> {
    const [data, index] = await Promise.all([this.chunksOf(nameOf(seq)), this.chunksOf(indexNameOf(seq)).catch(() => null)]);
    if (data === null) throw new Error(`snapshot at seq ${seq} is gone`);
    const whole = { stop: () => Promise.resolve() };
    if (index === null) return { inv: inventoryOf(data), ...whole };
    try {
      return lazySnapshotOf(data, index, inflate);
    } catch {
      return { inv: inventoryOf(data), ...whole };
    }
  }

  /**
   * An object's bytes read as its chunks (an ordered consumer on its chunk subject, straight into
   * one buffer), or null when there is none. `getBlob` also checks the object's SHA-256 in
   * JavaScript: 0.85 s of a 10 MB snapshot's read. A snapshot's bytes are gzip, whose CRC-32 of each
   * member gunzip checks, so a damaged one still fails to read (and the caller replays instead).
   */
  private async chunksOf(name: string): Promise<Buffer | null> {
    const info = await this.os.info(name);
    if (info === null || info.deleted) return null;
    const out = Buffer.alloc(info.size);
    let at = 0;
    if (info.size > 0) {
      await readStream(this.nc, { stream: `OBJ_${this.bucket}`, filter: `$O.${this.bucket}.C.${info.nuid}` }, (m) => {
        if (at + m.data.length > out.length) throw new Error(`object ${name} is longer than its ${info.size} bytes`);
        out.set(m.data, at);
        at += m.data.length;
      });
    }
    if (at !== info.size) throw new Error(`object ${name}: read ${at} of its ${info.size} bytes`);
    return out;
  }

  /** Keeps the newest `keep` snapshots. */
  async prune(keep: number): Promise<number> {
    const all = await this.list();
    const old = all.slice(0, Math.max(0, all.length - keep));
    for (const s of old) {
      await this.os.delete(nameOf(s.seq));
      await this.os.delete(indexNameOf(s.seq)).catch(() => undefined);
    }
    return old.length;
  }
}
