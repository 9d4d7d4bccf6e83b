// Probe (fresh, plain Node: type stripping, no tsx, --expose-gc): the baseline of item 5. Holds the
// same model the daemon holds (read from a snapshot file the bench wrote) as berth's plain objects
// in Maps, with nothing else loaded, and samples its own RSS once a second for SECONDS while idle
// (V8 gives memory back to the system only after a while). Prints one JSON line.
import { readFileSync } from 'node:fs';
import type { Inventory } from '../../events/inventory.js';

const [file, codec, secondsText = '60'] = process.argv.slice(2);
if (file === undefined || codec === undefined) throw new Error('usage: node model-rss.ts SNAPSHOT.json DIST_INVENTORY_CODEC_URL [SECONDS]');
const { decodeInventory } = (await import(codec)) as { decodeInventory: (x: unknown) => Inventory };
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
const mb = (): number => process.memoryUsage().rss / 2 ** 20;
gc();
const emptyRssMb = mb();
const inv = decodeInventory(JSON.parse(readFileSync(file, 'utf8')));
gc();
const samples: number[] = [];
for (let i = 0; i < Number(secondsText); i++) {
  samples.push(mb());
  await new Promise((r) => setTimeout(r, 1000));
}
const entities = inv.hosts.size + inv.containers.size + inv.networks.size + inv.clusters.size + inv.ports.size + inv.vms.size + inv.stacks.size + inv.neutron.size;
console.log(JSON.stringify({ entities, samples, emptyRssMb, heapMb: process.memoryUsage().heapUsed / 2 ** 20, tombstones: inv.tombstones.size }));
