/**
 * A Map whose entries from a snapshot are parsed only when asked for: `--at` needs the entities of
 * the kinds it shows and those the events after the snapshot touch, not the whole model (100k
 * entities are 110 MB of JSON, seconds to parse). The snapshot's entries come in blocks (see
 * snapshot-bytes.ts); a `get` or `has`-then-`get` of an id parses its block, any iteration all of
 * them. It behaves as a Map filled with the snapshot's entries in their order would: values,
 * `size`, and iteration order (an entry set again keeps its place, one deleted and set again goes
 * last).
 */
export class LazyMap<V> extends Map<string, V> {
  /** Ids of the snapshot not parsed yet, and their block. */
  private readonly pending = new Map<string, number>();
  /** Ids that hold the place of a snapshot entry (parsed, or set over it before). */
  private readonly placed = new Set<string>();
  private blocks: ({ ids: readonly string[]; load: (() => Iterable<readonly [string, V]>) | null })[] = [];
  private whole = true;

  /** A map of `blocks`: each lists its ids, in order, and parses its entries when called. */
  static of<V>(blocks: readonly { ids: readonly string[]; load: () => Iterable<readonly [string, V]> }[]): LazyMap<V> {
    const m = new LazyMap<V>();
    m.blocks = blocks.map((b) => ({ ids: b.ids, load: b.load }));
    blocks.forEach((b, i) => {
      for (const id of b.ids) m.pending.set(id, i);
    });
    m.whole = m.pending.size === 0;
    return m;
  }

  private loadBlock(i: number): void {
    const b = this.blocks[i];
    const load = b?.load;
    if (b === undefined || load === undefined || load === null) return;
    b.load = null;
    for (const [id, v] of load()) {
      if (this.pending.get(id) !== i) continue;
      this.pending.delete(id);
      this.placed.add(id);
      super.set(id, v);
    }
  }

  /**
   * Parses every block and lays the entries out in the order a plain Map would have them: the
   * snapshot's entries still in their place, in block order, then those set since (new, or set
   * again after a delete). Blocks not parsed yet go straight into that order.
   */
  private materialize(): void {
    if (this.whole) return;
    const inPlace: [string, V][] = [];
    for (const [i, b] of this.blocks.entries()) {
      const load = b.load;
      if (load === null) {
        for (const id of b.ids) if (this.placed.has(id) && super.has(id)) inPlace.push([id, super.get(id) as V]);
        continue;
      }
      b.load = null;
      const parsed = new Map(load());
      for (const id of b.ids) {
        if (this.pending.get(id) === i) {
          if (parsed.has(id)) inPlace.push([id, parsed.get(id) as V]);
        } else if (this.placed.has(id) && super.has(id)) inPlace.push([id, super.get(id) as V]);
      }
    }
    const later = this.placed.size === 0 ? [...super.entries()] : [...super.entries()].filter(([id]) => !this.placed.has(id));
    super.clear();
    for (const [id, v] of inPlace) super.set(id, v);
    for (const [id, v] of later) super.set(id, v);
    this.pending.clear();
    this.placed.clear();
    this.blocks = [];
    this.whole = true;
  }

  override get(id: string): V | undefined {
    const b = this.pending.get(id);
    if (b !== undefined) this.loadBlock(b);
    return super.get(id);
  }

  override has(id: string): boolean {
    return this.pending.has(id) || super.has(id);
  }

  override set(id: string, v: V): this {
    if (!this.whole && this.pending.delete(id)) this.placed.add(id);
    return super.set(id, v);
  }

  override delete(id: string): boolean {
    if (this.whole) return super.delete(id);
    const was = this.pending.delete(id);
    this.placed.delete(id);
    return super.delete(id) || was;
  }

  override clear(): void {
    this.pending.clear();
    this.placed.clear();
    this.blocks = [];
    this.whole = true;
    super.clear();
  }

  override get size(): number {
    return super.size + this.pending.size;
  }

  override keys(): MapIterator<string> {
    this.materialize();
    return super.keys();
  }

  override values(): MapIterator<V> {
    this.materialize();
    return super.values();
  }

  override entries(): MapIterator<[string, V]> {
    this.materialize();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override forEach(fn: (v: V, id: string, map: Map<string, V>) => void, self?: unknown): void {
    this.materialize();
    super.forEach(fn, self);
  }
}
