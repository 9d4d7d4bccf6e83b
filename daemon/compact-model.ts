/**
 * The model as a daemon keeps it for long: each container's and VM's `factTimes` packed
 * (events/fact-times.ts), and each empty list or object an entity holds the one shared, frozen
 * list or object (most containers' `ports`, a third of their `labels` and `networks`, half the VMs'
 * `addresses`: 66k of them in the bench's 107k-entity model). Same values, same JSON: a restored
 * 107k-entity model took 79 MB of heap as the fold makes it, 64 MB so.
 */
import { PackedTimes, packTimes } from '../events/fact-times.js';
import type { Inventory } from '../events/inventory.js';

const EMPTY_LIST = Object.freeze([]);
const EMPTY_OBJECT = Object.freeze({});

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** An entity's member as a compact entity holds it (`v` itself when it is already so, or cannot be). */
const compactMember = (k: string, v: unknown): unknown => {
  if (Array.isArray(v)) return v.length === 0 ? EMPTY_LIST : v;
  if (!isRecord(v) || Object.getPrototypeOf(v) !== Object.prototype) return v;
  const packed = k === 'factTimes' ? packTimes(v) : null;
  return packed ?? (Object.entries(v).length === 0 ? EMPTY_OBJECT : v);
};

/**
 * Makes `e` compact in place: only for an entity nothing else holds yet (a snapshot's, just parsed).
 * Entities are replaced, never changed, so nothing writes into the shared lists and objects.
 */
const compactInPlace = (e: Record<string, unknown>): void => {
  // Object.entries, not for-in or Object.keys: those leave an enum cache on each hidden class.
  for (const [k, v] of Object.entries(e)) {
    const c = compactMember(k, v);
    if (c !== v) e[k] = c;
  }
};

/** A snapshot's `[id, entity]` pair, just parsed, with its entity made compact in place (before its strings are shared). */
export const compactPair = (x: unknown): unknown => {
  const e = Array.isArray(x) && x.length === 2 ? (x[1] as unknown) : undefined;
  if (isRecord(e)) compactInPlace(e);
  return x;
};

/**
 * Replaces each container and VM of `inv` whose `factTimes` is not packed (the fold makes plain
 * ones) with a compact copy (same keys, same order); returns how many it replaced.
 */
export const compactModel = (inv: Inventory): number => {
  let n = 0;
  for (const map of [inv.containers, inv.vms] as Map<string, { factTimes?: unknown }>[]) {
    for (const [id, e] of map) {
      if (e.factTimes === undefined || e.factTimes instanceof PackedTimes) continue;
      const copy: Record<string, unknown> = { ...e };
      compactInPlace(copy);
      // One that cannot be packed (over 96 distinct stamps, a control character in a key or stamp)
      // stays as it is; it is copied and tried again at each compaction (allocation only).
      if (!(copy['factTimes'] instanceof PackedTimes)) continue;
      map.set(id, copy as typeof e);
      n += 1;
    }
  }
  return n;
};
