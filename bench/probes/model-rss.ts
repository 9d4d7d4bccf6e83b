// Probe (fresh, plain Node: type stripping, no tsx, --expose-gc): the baseline of item 5. Holds the
// same model the daemon holds (read from a snapshot file the bench wrote) as berth's plain objects
// in Maps, with nothing else loaded, and prints its RSS after a full GC as one JSON line.
import { readFileSync } from 'node:fs';
import type { Inventory } from '../../events/inventory.js';

const [file, codec] = process.argv.slice(2);
if (file === undefined || codec === undefined) throw new Error('usage: node model-rss.ts SNAPSHOT.json DIST_INVENTORY_CODEC_URL');
const { decodeInventory } = (await import(codec)) as { decodeInventory: (x: unknown) => Inventory };
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
gc();
const before = process.memoryUsage().rss;
const inv = decodeInventory(JSON.parse(readFileSync(file, 'utf8')));
gc();
gc();
const rss = process.memoryUsage().rss;
const entities = inv.hosts.size + inv.containers.size + inv.networks.size + inv.clusters.size + inv.ports.size + inv.vms.size + inv.stacks.size + inv.neutron.size;
console.log(JSON.stringify({ entities, rssMb: rss / 2 ** 20, emptyRssMb: before / 2 ** 20, heapMb: process.memoryUsage().heapUsed / 2 ** 20, tombstones: inv.tombstones.size }));
