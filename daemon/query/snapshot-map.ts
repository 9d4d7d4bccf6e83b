const GONE: unique symbol = Symbol('gone');

/** One write to an id: its value from `version` on (GONE: deleted), and the write before it. */
type Entry<V> = { version: number; value: V | typeof GONE; older: Entry<V> | undefined };

/**
 * What a VersionedMap and its snapshots share: a base map nobody changes once a snapshot stands on
 * it, and the writes since, appended by version (each id's newest first), with their ids in order.
 */
class Layer<V> {
  readonly base: Map<string, V>;
  readonly delta = new Map<string, Entry<V>>();
  readonly log: string[] = [];
  /** Entries in `delta`, counting every version of an id. */
  entries = 0;
  /** A snapshot stands on `base`: writes go to `delta` from now on. */
  sealed = false;

  constructor(base: Map<string, V>) {
    this.base = base;
  }

  /** The newest write to `id` that `version` sees, or undefined (then `base` holds its value). */
  entry(id: string, version: number): Entry<V> | undefined {
    let e = this.delta.get(id);
    while (e !== undefined && e.version > version) e = e.older;
    return e;
  }
}

const frozen = (args: unknown[]): never => {
  throw new TypeError(`A published model map cannot be changed (${args.length === 0 ? 'clear' : `key '${String(args[0])}'`}).`);
};

/**
 * One published version of a VersionedMap: a read-only Map (it is one, for every reader typed
 * against Map) that shares its entries with the versions before and after it instead of copying
 * them. Iteration follows the base's order, then ids added since in the order they were first
 * written (an id deleted and added again keeps its first place, where a Map would move it last).
 */
export class SnapshotMap<V> extends Map<string, V> {
  readonly #layer: Layer<V>;
  readonly #version: number;
  readonly #size: number;
  readonly #logEnd: number;

  /** @internal Made by VersionedMap.snapshot. */
  constructor(layer: Layer<V>, version: number, size: number) {
    super();
    this.#layer = layer;
    this.#version = version;
    this.#size = size;
    this.#logEnd = layer.log.length;
  }

  override get size(): number {
    return this.#size;
  }

  override get(id: string): V | undefined {
    const e = this.#layer.entry(id, this.#version);
    if (e === undefined) return this.#layer.base.get(id);
    return e.value === GONE ? undefined : e.value;
  }

  override has(id: string): boolean {
    const e = this.#layer.entry(id, this.#version);
    return e === undefined ? this.#layer.base.has(id) : e.value !== GONE;
  }

  override *entries(): MapIterator<[string, V]> {
    const { base, delta } = this.#layer;
    if (delta.size === 0) {
      yield* base.entries();
      return;
    }
    for (const [id, value] of base) {
      const e = delta.has(id) ? this.#layer.entry(id, this.#version) : undefined;
      if (e === undefined) yield [id, value];
      else if (e.value !== GONE) yield [id, e.value];
    }
    for (const id of delta.keys()) {
      if (base.has(id)) continue;
      const e = this.#layer.entry(id, this.#version);
      if (e !== undefined && e.value !== GONE) yield [id, e.value];
    }
  }

  override *keys(): MapIterator<string> {
    for (const e of this.entries()) yield e[0];
  }

  override *values(): MapIterator<V> {
    for (const e of this.entries()) yield e[1];
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override forEach(fn: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    for (const [id, v] of this.entries()) fn.call(thisArg, v, id, this);
  }

  override set(...args: [id: string, value: V]): this {
    return frozen(args);
  }

  override delete(...args: [id: string]): boolean {
    return frozen(args);
  }

  override clear(): void {
    frozen([]);
  }

  /** The ids written between `prev` (an earlier version of this map) and this one, each once; null when not known here (compare the two then). */
  changedSince(prev: ReadonlyMap<string, unknown>): string[] | null {
    if (!(prev instanceof SnapshotMap) || prev.#layer !== this.#layer || prev.#version > this.#version) return null;
    const log = this.#layer.log;
    const ids = new Set<string>();
    for (let i = prev.#logEnd; i < this.#logEnd; i++) ids.add(log[i] as string);
    return [...ids];
  }
}

/**
 * A map written in place whose `snapshot()` is an immutable SnapshotMap of its current state,
 * made without copying it: writes after a snapshot are appended by version beside the entries it
 * shares, and once those writes outnumber half the map, the next snapshot starts from a fresh copy
 * (so a snapshot costs what changed since the last one, plus one copy every size/2 writes).
 */
export class VersionedMap<V> {
  private layer = new Layer<V>(new Map());
  /** The version the next snapshot will have; writes are made at it. */
  private version = 1;
  private current = 0;
  private published: SnapshotMap<V> | null = null;

  get size(): number {
    return this.current;
  }

  get(id: string): V | undefined {
    const e = this.layer.delta.get(id);
    if (e === undefined) return this.layer.base.get(id);
    return e.value === GONE ? undefined : e.value;
  }

  has(id: string): boolean {
    const e = this.layer.delta.get(id);
    return e === undefined ? this.layer.base.has(id) : e.value !== GONE;
  }

  set(id: string, value: V): void {
    this.write(id, value);
  }

  delete(id: string): void {
    this.write(id, GONE);
  }

  private write(id: string, value: V | typeof GONE): void {
    const l = this.layer;
    if (!l.sealed) {
      // No snapshot stands on the base yet: it is still the map itself.
      if (value === GONE) l.base.delete(id);
      else l.base.set(id, value);
      this.current = l.base.size;
      this.published = null;
      return;
    }
    const had = this.has(id);
    if (value === GONE && !had) return;
    const head = l.delta.get(id);
    if (head !== undefined && head.version === this.version) head.value = value;
    else {
      l.delta.set(id, { version: this.version, value, older: head });
      l.entries += 1;
      l.log.push(id);
    }
    this.current += (value === GONE ? 0 : 1) - (had ? 1 : 0);
    this.published = null;
  }

  /** The current state, immutable; the same object until something is written. */
  snapshot(): SnapshotMap<V> {
    if (this.published !== null) return this.published;
    const l = this.layer;
    // Compacting: the current state becomes the base of a fresh layer; older snapshots keep theirs.
    if (l.sealed && l.entries > Math.max(256, l.base.size / 2)) this.layer = new Layer(new Map(new SnapshotMap(l, this.version, this.current).entries()));
    this.layer.sealed = true;
    const snap = new SnapshotMap(this.layer, this.version, this.current);
    this.version += 1;
    this.published = snap;
    return snap;
  }
}
