import { entityKey } from '../events/ids.js';
import type { Inventory } from '../events/inventory.js';

/** The bucket key holding the projection's position (`seq`) and counters. */
export const META_KEY = '_meta';

/** Every entity of the inventory as `[bucket key, value]`. */
export function* modelEntries(inv: Inventory): Generator<[string, unknown]> {
  for (const [id, v] of inv.hosts) yield [entityKey('host', id), v];
  for (const [id, v] of inv.containers) yield [entityKey('container', id), v];
  for (const [id, v] of inv.networks) yield [entityKey('network', id), v];
  for (const [id, v] of inv.clusters) yield [entityKey('cluster', id), v];
  for (const [id, v] of inv.ports) yield [entityKey('port', id), v];
  for (const [id, v] of inv.vms) yield [entityKey('vm', id), v];
  for (const [id, v] of inv.stacks) yield [entityKey('stack', id), v];
  for (const [id, v] of inv.neutron) yield [entityKey('neutron', id), v];
}
