import { modelJson } from '../events/fact-times.js';
import type { Inventory } from '../events/inventory.js';
import { META_KEY, modelEntries } from './model-entries.js';

/**
 * The writes that make the KV bucket equal to the model, worked out while the bucket is read:
 * each value read is compared with the entity's JSON there and then, so that neither side is ever
 * held as a whole. (Two maps of every value as JSON were the model twice over, as garbage the
 * idle daemon kept: about 250 MB of heap for 100k entities.)
 */
export class BucketDiff {
  /** What the bucket should hold: the model's entities by key (as objects: JSON only when compared or written). */
  private readonly want: Map<string, unknown>;
  /** Keys whose value in the bucket is already right. */
  private readonly same = new Set<string>();
  /** Keys the bucket holds and the model does not. */
  private readonly extra = new Set<string>();

  constructor(inv: Inventory, meta: Record<string, unknown>) {
    this.want = new Map(modelEntries(inv));
    this.want.set(META_KEY, meta);
  }

  /** One key as the bucket holds it: its value, or null for a delete or purge marker. */
  seen(key: string, value: string | null): void {
    const v = this.want.get(key);
    // A key read twice counts as its last value, as a map of the bucket would.
    this.same.delete(key);
    this.extra.delete(key);
    if (value === null) return;
    if (v === undefined) this.extra.add(key);
    else if (modelJson(v) === value) this.same.add(key);
  }

  /** Keys to put, with their JSON, in the model's order. */
  *puts(): Generator<[string, string]> {
    for (const [k, v] of this.want) if (!this.same.has(k)) yield [k, modelJson(v)];
  }

  /** Keys to delete. */
  deletes(): Iterable<string> {
    return this.extra;
  }
}
