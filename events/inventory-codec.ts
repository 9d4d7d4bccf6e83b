import type { Inventory } from './inventory.js';
import { initialInventory } from './inventory.js';

/**
 * Version of the fold's rules. A snapshot is a fold's result, so one written by a berth whose
 * fold differed (a bug fixed, a field added) is not the same model: readers ignore snapshots of
 * another version and replay instead. Bump it with every change to what the fold produces.
 */
export const FOLD_VERSION = 4;

/** The inventory as plain JSON: each map as `[id, entity]` pairs, tombstones as a list. */
export type EncodedInventory = Readonly<{
  foldVersion: number;
  maps: Readonly<Record<MapName, readonly (readonly [string, unknown])[]>>;
  tombstones: readonly string[];
  counters: Inventory['counters'];
}>;

export type MapName = 'hosts' | 'containers' | 'networks' | 'clusters' | 'ports' | 'vms' | 'stacks' | 'neutron';
export const MAP_NAMES: readonly MapName[] = ['hosts', 'containers', 'networks', 'clusters', 'ports', 'vms', 'stacks', 'neutron'];

export const encodeInventory = (inv: Inventory): EncodedInventory => {
  const maps = {} as Record<MapName, (readonly [string, unknown])[]>;
  for (const name of MAP_NAMES) maps[name] = [...(inv[name] as Map<string, unknown>).entries()];
  return { foldVersion: FOLD_VERSION, maps, tombstones: [...inv.tombstones], counters: { ...inv.counters } };
};

/**
 * The JSON text of `encodeInventory(inv)`, in pieces (one per entity, about): the same characters
 * as `JSON.stringify(encodeInventory(inv))`, without ever holding them as one string (120 MB for
 * 100k entities). The inventory is read now: later changes to it do not show in the pieces
 * (entities are replaced, never mutated, so holding their references is enough).
 */
export const encodeInventoryPieces = (inv: Inventory): Iterable<string> => {
  const maps = MAP_NAMES.map((name) => [name, [...(inv[name] as Map<string, unknown>).entries()]] as const);
  const tombstones = [...inv.tombstones];
  const counters = { ...inv.counters };
  return (function* () {
    yield `{"foldVersion":${FOLD_VERSION},"maps":{`;
    yield* commaSeparated(maps, function* ([name, pairs]) {
      yield `${JSON.stringify(name)}:[`;
      yield* commaSeparated(pairs, (pair) => [JSON.stringify(pair)]);
      yield ']';
    });
    yield '},"tombstones":[';
    yield* commaSeparated(tombstones, (t) => [JSON.stringify(t)]);
    yield `],"counters":${JSON.stringify(counters)}}`;
  })();
};

function* commaSeparated<T>(items: readonly T[], text: (x: T) => Iterable<string>): Generator<string> {
  for (const [i, x] of items.entries()) {
    if (i > 0) yield ',';
    yield* text(x);
  }
}

/** The inventory a snapshot holds; throws when it is not one this berth wrote (see FOLD_VERSION). */
export const decodeInventory = (x: unknown): Inventory => {
  const e = x as Partial<EncodedInventory> | null;
  if (e === null || typeof e !== 'object' || e.foldVersion !== FOLD_VERSION) {
    throw new Error(`snapshot of fold version ${String(e?.foldVersion)} (this berth folds with version ${FOLD_VERSION})`);
  }
  const inv = initialInventory();
  for (const name of MAP_NAMES) {
    const pairs = e.maps?.[name];
    if (!Array.isArray(pairs)) throw new Error(`snapshot without '${name}'`);
    const map = inv[name] as Map<string, unknown>;
    for (const [id, v] of pairs) map.set(id, v);
  }
  for (const k of e.tombstones ?? []) inv.tombstones.add(k);
  if (e.counters) inv.counters = { ...e.counters };
  return inv;
};
